package model

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDateRange(t *testing.T) {
	d := func(y, m, dd int) Date { return NewDate(y, time.Month(m), dd) }
	for in, want := range map[string][2]Date{
		"2019年5月6日":            {d(2019, 5, 6), d(2019, 5, 6)},
		"2019-05-06":           {d(2019, 5, 6), d(2019, 5, 6)},
		"2019年5月6日-8日":         {d(2019, 5, 6), d(2019, 5, 8)},
		"2019年6月10日至11日":       {d(2019, 6, 10), d(2019, 6, 11)},
		"2019.5.30-6.2":        {d(2019, 5, 30), d(2019, 6, 2)},
		"2019年5月30日至2019年6月2日": {d(2019, 5, 30), d(2019, 6, 2)},
		"2019/5/6~5/8":         {d(2019, 5, 6), d(2019, 5, 8)},
		"5月6日—8日":              {d(2019, 5, 6), d(2019, 5, 8)},
		// As visit logs write them: the half day, a note of the days, two
		// days listed, a doubled dash.
		"5月6日上午":      {d(2019, 5, 6), d(2019, 5, 6)},
		"5月6日下午-7日":   {d(2019, 5, 6), d(2019, 5, 7)},
		"5月6日-8日（3天）": {d(2019, 5, 6), d(2019, 5, 8)},
		"5月6日(共3天)":   {d(2019, 5, 6), d(2019, 5, 6)},
		"5月6日、7日":     {d(2019, 5, 6), d(2019, 5, 7)},
		"5月6、7日":      {d(2019, 5, 6), d(2019, 5, 7)},
		"5月6日、7日、8日":  {d(2019, 5, 6), d(2019, 5, 8)},
		"5月31日、6月1日":  {d(2019, 5, 31), d(2019, 6, 1)},
		"5月6日--8日":    {d(2019, 5, 6), d(2019, 5, 8)},
		"2019年5月6日全天": {d(2019, 5, 6), d(2019, 5, 6)},
		// over the new year, the year written once
		"12月30日-1月2日":      {d(2019, 12, 30), d(2020, 1, 2)},
		"2019年12月30日至1月2日": {d(2019, 12, 30), d(2020, 1, 2)},
		"2019.12.30-1.2":   {d(2019, 12, 30), d(2020, 1, 2)},
	} {
		from, to, err := ParseDateRange(in, d(2019, 1, 1))
		require.NoError(t, err, in)
		assert.Equal(t, want[0], from, in)
		assert.Equal(t, want[1], to, in)
	}
	for _, bad := range []string{"2019年5月8日-6日", "2019年5月6日-32日", "下周", "2019年2月30日",
		"5月6日、8日", // two days apart are two visits, not a span
		"5月6日上午-5日", "2019年6月8日-5月2日"} {
		_, _, err := ParseDateRange(bad, d(2019, 1, 1))
		assert.Error(t, err, bad)
	}
}
