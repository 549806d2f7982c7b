package storage

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// The SQL lights must agree with model.TaskLight on every kind of task a
// ledger holds: extended, ongoing, status-less, due today, at the yellow
// boundary, finished.
func TestTaskLightsInSQLAgreeWithModel(t *testing.T) {
	st, err := Open(t.TempDir())
	require.NoError(t, err)
	defer st.Close()
	ctx := context.Background()
	today := model.NewDate(2026, 11, 26) // a Thursday
	dl := func(d model.Date) model.Deadline {
		return model.Deadline{Due: d, Text: d.String(), Type: model.DeadlineDate}
	}
	ext := func(old, to, decided model.Date, state model.ExtensionState) model.Extension {
		return model.Extension{OldDeadline: old, NewDeadline: to, State: state, DecidedOn: decided}
	}
	tasks := map[string]*model.Task{
		"overdue":        {Status: model.TaskInProgress, Deadline: dl(today.AddDays(-1))},
		"due today":      {Status: model.TaskInProgress, Deadline: dl(today)},
		"due in 3":       {Status: model.TaskAssigned, Deadline: dl(today.AddDays(3))},
		"due in 4":       {Status: model.TaskReview, Deadline: dl(today.AddDays(4))},
		"extended":       {Status: model.TaskInProgress, Deadline: dl(today.AddDays(-10)), Extensions: []model.Extension{ext(today.AddDays(-10), today.AddDays(30), today.AddDays(-12), model.ExtensionApproved)}},
		"ext refused":    {Status: model.TaskInProgress, Deadline: dl(today.AddDays(-10)), Extensions: []model.Extension{ext(today.AddDays(-10), today.AddDays(30), today.AddDays(-12), model.ExtensionRefused)}},
		"ext twice":      {Status: model.TaskInProgress, Deadline: dl(today.AddDays(20)), Extensions: []model.Extension{ext(today, today.AddDays(40), today.AddDays(-20), model.ExtensionApproved), ext(today, today.AddDays(2), today.AddDays(-5), model.ExtensionApproved)}},
		"ext same day":   {Status: model.TaskInProgress, Deadline: dl(today.AddDays(20)), Extensions: []model.Extension{ext(today, today.AddDays(40), today.AddDays(-5), model.ExtensionApproved), ext(today, today.AddDays(-2), today.AddDays(-5), model.ExtensionApproved)}},
		"ongoing":        {Status: model.TaskInProgress, Deadline: model.Deadline{Text: "长期坚持", Type: model.DeadlineOngoing}},
		"ongoing ext":    {Status: model.TaskInProgress, Deadline: model.Deadline{Text: "长期坚持", Type: model.DeadlineOngoing}, Extensions: []model.Extension{ext(today, today.AddDays(-3), today.AddDays(-5), model.ExtensionApproved)}},
		"no status open": {AssignedOn: today.AddDays(-40), Deadline: dl(today.AddDays(-2))},
		"no status done": {AssignedOn: today.AddDays(-40), DoneOn: today.AddDays(-3), Deadline: dl(today.AddDays(-2))},
		"registered":     {Status: model.TaskRegistered, Deadline: dl(today.AddDays(-2))},
		"closed late":    {Status: model.TaskClosed, Deadline: dl(today.AddDays(-30))},
	}
	byID := map[string]string{}
	i := 0
	for name, tk := range tasks {
		i++
		tk.Meta = model.Meta{Kind: model.KindTask}
		tk.Number = name
		tk.Units = []model.UnitRole{{Name: "市住建局", Role: model.RoleLead}}
		require.NoError(t, st.Save(ctx, tk, "test"))
		byID[tk.ID] = name
	}
	for _, rules := range []model.Rules{model.DefaultRules(), {YellowDays: 2, YellowInWorkdays: true}} {
		// Friday 27th … : two working days ahead of Thursday reach Monday 30th
		day := model.Day{Today: today, Rules: rules, Cal: model.NewCalendar(nil)}
		want := map[model.Light][]string{}
		for name, tk := range tasks {
			l := model.TaskLight(tk, today, day.Cal, rules)
			want[l] = append(want[l], name)
		}
		counts, err := st.TaskLightCounts(ctx, day)
		require.NoError(t, err)
		for _, l := range []model.Light{model.LightRed, model.LightYellow, model.LightGreen, model.LightNone} {
			ids, err := st.TaskIDsWithLight(ctx, l, day, 0)
			require.NoError(t, err)
			var got []string
			for _, id := range ids {
				got = append(got, byID[id])
			}
			assert.ElementsMatch(t, want[l], got, "%s tasks (workdays %v)", l, rules.YellowInWorkdays)
			assert.Equal(t, len(want[l]), counts[l], "%s count", l)
		}
	}
	// the check above must not pass vacuously
	red, err := st.TaskIDsWithLight(ctx, model.LightRed, model.Day{Today: today, Rules: model.DefaultRules()}, 0)
	require.NoError(t, err)
	assert.Len(t, red, 4, "overdue, refused extension, extended to a past day on the same decision day, and the status-less open one")
}
