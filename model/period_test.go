package model

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// When a fund arrived or a project started, offices often write a month,
// a part of a month, a quarter or a year: each is the span of days it names.
func TestParsePeriod(t *testing.T) {
	d := func(y, m, dd int) Date { return NewDate(y, time.Month(m), dd) }
	ref := d(2019, 1, 1)
	for in, want := range map[string][2]Date{
		"2019年3月":    {d(2019, 3, 1), d(2019, 3, 31)},
		"2019.3":     {d(2019, 3, 1), d(2019, 3, 31)},
		"2019-03":    {d(2019, 3, 1), d(2019, 3, 31)},
		"201903":     {d(2019, 3, 1), d(2019, 3, 31)},
		"19年3月":      {d(2019, 3, 1), d(2019, 3, 31)},
		"3月":         {d(2019, 3, 1), d(2019, 3, 31)},
		"2019年3月上旬":  {d(2019, 3, 1), d(2019, 3, 10)},
		"2019年3月中旬":  {d(2019, 3, 11), d(2019, 3, 20)},
		"2019年2月下旬":  {d(2019, 2, 21), d(2019, 2, 28)},
		"2019年3月底":   {d(2019, 3, 21), d(2019, 3, 31)},
		"2019年3月初":   {d(2019, 3, 1), d(2019, 3, 10)},
		"2019年":      {d(2019, 1, 1), d(2019, 12, 31)},
		"2019年度":     {d(2019, 1, 1), d(2019, 12, 31)},
		"2019年底":     {d(2019, 12, 1), d(2019, 12, 31)},
		"年底":         {d(2019, 12, 1), d(2019, 12, 31)},
		"2019年初":     {d(2019, 1, 1), d(2019, 1, 31)},
		"2019年一季度":   {d(2019, 1, 1), d(2019, 3, 31)},
		"2019年第三季度":  {d(2019, 7, 1), d(2019, 9, 30)},
		"2019年上半年":   {d(2019, 1, 1), d(2019, 6, 30)},
		"2019年下半年":   {d(2019, 7, 1), d(2019, 12, 31)},
		"二〇一九年三月":    {d(2019, 3, 1), d(2019, 3, 31)},
		"2019年3-4月":  {d(2019, 3, 1), d(2019, 4, 30)},
		"2019年3月至5月": {d(2019, 3, 1), d(2019, 5, 31)},
	} {
		from, to, ok := ParsePeriod(in, ref)
		if assert.True(t, ok, in) {
			assert.Equal(t, want[0], from, in)
			assert.Equal(t, want[1], to, in)
		}
	}
	for _, bad := range []string{"", "2019年13月", "下周", "3月5日", "2019年5月4日", "201913", "20190", "近期", "2019年3-2月"} {
		_, _, ok := ParsePeriod(bad, ref)
		assert.False(t, ok, bad)
	}
}
