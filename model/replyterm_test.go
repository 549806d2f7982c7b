package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestReplyTermMonths(t *testing.T) {
	for s, want := range map[string]int{"3个月": 3, "三个月内": 3, "交办之日起3个月内": 3, "自交办之日起 两个月": 2,
		"收到后2个月": 2, "６个月以内": 6, "十个月": 10} {
		n, ok := ReplyTermMonths(s)
		assert.True(t, ok, s)
		assert.Equal(t, want, n, s)
	}
	for _, s := range []string{"3个工作日", "6月底", "3个月后答复", "个月", ""} {
		_, ok := ReplyTermMonths(s)
		assert.False(t, ok, s)
	}
}

func TestUnreadDate(t *testing.T) {
	_, err := ParseDate("6月中旬", NewDate(2019, 1, 1))
	assert.True(t, UnreadDate(err))
	_, err = ParseDate("未答复", Date{})
	assert.True(t, UnreadDate(err))
	_, err = ParseDate("2019年3月", Date{})
	assert.False(t, UnreadDate(err), "a month without a day")
	_, err = ParseDate("2019年6月31日", Date{})
	assert.False(t, UnreadDate(err), "a date that does not exist")
}
