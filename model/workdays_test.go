package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// iso parses YYYY-MM-DD for tests; "" is the zero Date.
func iso(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseISO(s)
	require.NoError(t, err)
	return d
}

// nationalDay2024 is the official 2024 National Day calendar: 1–7 October
// off, Sunday 29 September and Saturday 12 October worked (调休上班).
func nationalDay2024(t testing.TB) *Calendar {
	var days []*Holiday
	for d := 1; d <= 7; d++ {
		days = append(days, &Holiday{Date: NewDate(2024, 10, d), Name: "国庆节"})
	}
	days = append(days,
		&Holiday{Date: iso(t, "2024-09-29"), Name: "国庆节调休", Workday: true},
		&Holiday{Date: iso(t, "2024-10-12"), Name: "国庆节调休", Workday: true},
		// a deleted record must not make Monday 14 October a holiday
		&Holiday{Meta: Meta{Deleted: true}, Date: iso(t, "2024-10-14"), Name: "误录"},
		nil,
	)
	return NewCalendar(days)
}

func TestIsWorkday(t *testing.T) {
	cal := nationalDay2024(t)
	tests := []struct {
		day       string
		cal, none bool // with the holiday calendar, with a nil calendar
	}{
		{"2024-09-27", true, true},   // Friday
		{"2024-09-28", false, false}, // Saturday
		{"2024-09-29", true, false},  // Sunday, make-up working day
		{"2024-10-01", false, true},  // Tuesday, National Day
		{"2024-10-07", false, true},  // Monday, still the holiday
		{"2024-10-08", true, true},   // back to work
		{"2024-10-12", true, false},  // Saturday, make-up working day
		{"2024-10-14", true, true},   // deleted holiday record ignored
	}
	var nilCal *Calendar
	for _, tt := range tests {
		assert.Equal(t, tt.cal, cal.IsWorkday(iso(t, tt.day)), "calendar %s", tt.day)
		assert.Equal(t, tt.none, nilCal.IsWorkday(iso(t, tt.day)), "weekends only %s", tt.day)
	}
}

func TestAddWorkdays(t *testing.T) {
	cal := nationalDay2024(t)
	var nilCal *Calendar
	tests := []struct {
		name string
		cal  *Calendar
		from string
		n    int
		want string
	}{
		{"friday plus one reaches the make-up sunday", cal, "2024-09-27", 1, "2024-09-29"},
		{"the holiday week is skipped", cal, "2024-09-30", 1, "2024-10-08"},
		{"5 working days include the make-up saturday", cal, "2024-09-30", 5, "2024-10-12"},
		{"7 working days", cal, "2024-09-30", 7, "2024-10-15"},
		{"zero is the day itself", cal, "2024-10-03", 0, "2024-10-03"},
		{"back over the holiday", cal, "2024-10-08", -1, "2024-09-30"},
		{"back to the make-up sunday", cal, "2024-09-30", -1, "2024-09-29"},
		{"weekends only: friday plus one is monday", nilCal, "2024-10-04", 1, "2024-10-07"},
		{"weekends only: from a saturday", nilCal, "2024-10-05", 1, "2024-10-07"},
		{"weekends only: monday minus one is friday", nilCal, "2024-10-07", -1, "2024-10-04"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, iso(t, tt.want), tt.cal.AddWorkdays(iso(t, tt.from), tt.n))
		})
	}
}

func TestWorkdaysBetween(t *testing.T) {
	cal := nationalDay2024(t)
	// working days after 30 Sep up to 12 Oct: 8, 9, 10, 11, 12 October
	assert.Equal(t, 5, cal.WorkdaysBetween(iso(t, "2024-09-30"), iso(t, "2024-10-12")))
	assert.Equal(t, -5, cal.WorkdaysBetween(iso(t, "2024-10-12"), iso(t, "2024-09-30")))
	assert.Equal(t, 0, cal.WorkdaysBetween(iso(t, "2024-10-01"), iso(t, "2024-10-07")))
	assert.Equal(t, 0, cal.WorkdaysBetween(iso(t, "2024-10-08"), iso(t, "2024-10-08")))
	var nilCal *Calendar
	assert.Equal(t, 10, nilCal.WorkdaysBetween(iso(t, "2024-09-30"), iso(t, "2024-10-14")))

	// AddWorkdays and WorkdaysBetween agree, whatever the start day.
	start := iso(t, "2024-09-20")
	for i := range 30 {
		from := start.AddDays(i)
		for _, n := range []int{1, 3, 5, 7, 30} {
			assert.Equal(t, n, cal.WorkdaysBetween(from, cal.AddWorkdays(from, n)), "from %s n %d", from, n)
		}
	}
}
