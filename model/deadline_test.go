package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestResolveDeadlineYearlessTakesFirstDayOnOrAfterAssigned(t *testing.T) {
	assigned := NewDate(2019, 12, 15)
	cases := []struct {
		text string
		want Date
		kind DeadlineKind
	}{
		{"3月底", NewDate(2020, 3, 31), DeadlineMonthEnd},
		{"6月20日前", NewDate(2020, 6, 20), DeadlineDate},
		{"12月20日前", NewDate(2019, 12, 20), DeadlineDate},
		{"12月底", NewDate(2019, 12, 31), DeadlineMonthEnd},
		{"年底前", NewDate(2019, 12, 31), DeadlineYearEnd},
		{"上半年", NewDate(2020, 6, 30), DeadlineMonthEnd},
		{"明年底", NewDate(2020, 12, 31), DeadlineYearEnd},
		// a year typed is a year kept, even when it is already past
		{"2019年3月底", NewDate(2019, 3, 31), DeadlineMonthEnd},
		{"2019-06-30", NewDate(2019, 6, 30), DeadlineDate},
	}
	for _, c := range cases {
		dl, err := ResolveDeadline(c.text, DeadlineBasis{Assigned: assigned})
		require.NoError(t, err, c.text)
		assert.Equal(t, c.want, dl.Due, c.text)
		assert.Equal(t, c.kind, dl.Type, c.text)
		assert.Equal(t, c.text, dl.Text, c.text)
	}
}

func TestResolveDeadlineWithoutAssignedDateUsesTheReferenceYear(t *testing.T) {
	// a sheet filed 2019-07-05: 6月底 is that year's, already past
	dl, err := ResolveDeadline("6月底", DeadlineBasis{Ref: NewDate(2019, 7, 5)})
	require.NoError(t, err)
	assert.Equal(t, NewDate(2019, 6, 30), dl.Due)
}

func TestResolveDeadlineCountsWorkingDaysOnTheCalendar(t *testing.T) {
	// 2019-09-27 is a Friday; 2019-09-29 (Sunday) is a make-up working day
	// and 10-01..10-07 is the National Day holiday.
	var days []*Holiday
	for d := 1; d <= 7; d++ {
		days = append(days, &Holiday{Date: NewDate(2019, 10, d), Name: "国庆节"})
	}
	days = append(days, &Holiday{Date: NewDate(2019, 9, 29), Name: "国庆节调休", Workday: true},
		&Holiday{Date: NewDate(2019, 10, 12), Name: "国庆节调休", Workday: true})
	cal := NewCalendar(days)
	b := DeadlineBasis{Assigned: NewDate(2019, 9, 27), Calendar: cal}
	cases := []struct {
		text string
		want Date
	}{
		{"7个工作日", NewDate(2019, 10, 12)},    // 9-29, 9-30, 10-8, 10-9, 10-10, 10-11, 10-12
		{"七个工作日内", NewDate(2019, 10, 12)},   // Chinese numerals
		{"收到后3个工作日内", NewDate(2019, 10, 8)}, // 9-29, 9-30, 10-8
		{"交办之日起1个工作日内办结", NewDate(2019, 9, 29)},
	}
	for _, c := range cases {
		dl, err := ResolveDeadline(c.text, b)
		require.NoError(t, err, c.text)
		assert.Equal(t, DeadlineWorkdays, dl.Type, c.text)
		assert.Equal(t, c.want, dl.Due, c.text)
		assert.Equal(t, c.text, dl.Text, c.text)
	}
	// without the calendar only weekends are off
	dl, err := ResolveDeadline("7个工作日", DeadlineBasis{Assigned: NewDate(2019, 9, 27)})
	require.NoError(t, err)
	assert.Equal(t, NewDate(2019, 10, 8), dl.Due)
	// not yet assigned: the kind and text are kept, the day is not known
	dl, err = ResolveDeadline("收到后30个工作日内", DeadlineBasis{Ref: NewDate(2019, 9, 1)})
	require.NoError(t, err)
	assert.Equal(t, Deadline{Text: "收到后30个工作日内", Type: DeadlineWorkdays}, dl)
	assert.False(t, dl.Resolved())
	assert.True(t, dl.Type.HasDate(), "a working-day deadline is a completion deadline")
}

func TestDeadlineSameTellsAnUnchangedText(t *testing.T) {
	dl := Deadline{Due: NewDate(2019, 6, 30), Text: "6月底", Type: DeadlineMonthEnd}
	assert.True(t, dl.Same("6月底"))
	assert.True(t, dl.Same(" 6月底 "))
	assert.False(t, dl.Same("9月底"))
	cell := Deadline{Due: NewDate(2019, 6, 30), Type: DeadlineDate}
	assert.True(t, cell.Same("2019-06-30"))
	assert.False(t, cell.Same("2019-07-01"))
	assert.True(t, Deadline{}.Same(""))
}

func TestParseWorkdayReadsMakeUpDayWords(t *testing.T) {
	for _, s := range []string{"上班", "班", "补班", "是", "√", " 补班 "} {
		v, err := ParseWorkday(s)
		require.NoError(t, err, s)
		assert.True(t, v, s)
	}
	for _, s := range []string{"休", "放假", "否", ""} {
		v, err := ParseWorkday(s)
		require.NoError(t, err, s)
		assert.False(t, v, s)
	}
	_, err := ParseWorkday("也许")
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.Contains(t, pe.Zh, "补班")
}
