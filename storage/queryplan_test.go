package storage

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// The queries an import, the ledger and the workbench run per row or per
// keystroke must read their own index. SQLite plans without statistics
// here, so a plan on a small file is the plan on a large one; an index
// added for one query once made every import look-up walk all records of
// its kind (an import of 100,000 rows ran for minutes).
func TestHotQueriesReadTheirIndex(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	require.NoError(t, s.Save(ctx, newTask("督〔2019〕15号", "老旧小区改造", "启动"), "test"))
	day := model.Day{Today: model.NewDate(2026, 12, 6), Rules: model.DefaultRules(), Cal: model.NewCalendar(nil)}
	sel := func(q Query) (string, []any) {
		query, args, err := s.selectSQL(ctx, q, "r.seq")
		require.NoError(t, err)
		return query, args
	}
	sorted, sortArgs := sel(Query{Kind: model.KindTask, Sort: "deadline", Limit: 100})
	byStatus, statusArgs := sel(Query{Kind: model.KindTask, Sort: "status", Limit: 100})
	byLead, leadArgs := sel(Query{Kind: model.KindTask, Sort: "-lead_unit", Limit: 100})
	bySource, sourceArgs := sel(Query{Kind: model.KindTask, Sort: "source", Limit: 100})
	ledger, ledgerArgs := sel(Query{Kind: model.KindTask, Limit: 100})
	searched, searchArgs := sel(Query{Kind: model.KindTask, Text: "改造", Limit: 100})
	month, monthArgs := sel(Query{Kind: model.KindVisit, From: model.NewDate(2026, 12, 1), To: model.NewDate(2026, 12, 31)})
	cases := []struct {
		name, query string
		args        []any
		want        string // the plan names this, and sorts nothing
	}{
		{"find by number", findByKeySQL, []any{"tasks", "x"}, "INDEX records_kind_key (kind=? AND key=?)"},
		{"red filter", taskLightIDsSQL(model.LightRed, day, 100), nil, "INDEX records_kind_open_due"},
		{"light counts", lightCountsSQL, []any{"2026-12-06", "2026-12-09"}, "COVERING INDEX records_kind_open_due"},
		{"deadline sort", sorted, sortArgs, "INDEX records_kind_deadline_sort"},
		{"status sort", byStatus, statusArgs, "INDEX records_kind_status"},
		{"lead unit sort", byLead, leadArgs, "INDEX records_kind_lead"},
		{"source sort", bySource, sourceArgs, "INDEX records_kind_source"},
		{"ledger", ledger, ledgerArgs, "COVERING INDEX records_kind_updated"},
		// a search's few matches find their rows by the table's key
		{"search", searched, searchArgs, "SEARCH r USING INTEGER PRIMARY KEY (rowid=?)"},
		// the visits of the month: a small kind's rows, in the list's order
		{"visits of the month", month, monthArgs, "INDEX records_kind_updated"},
		{"figures", liveRecordsSQL, nil, ""},
		// the workbench's chart: the column's index alone, less tombstones
		{"counts by status", countBySQL("status", false), []any{"tasks"}, "COVERING INDEX records_kind_status (kind=?)"},
		{"counts by source", countBySQL("source", false), []any{"tasks"}, "COVERING INDEX records_kind_source (kind=?)"},
		{"counts by lead unit", countBySQL("lead_unit", false), []any{"tasks"}, "COVERING INDEX records_kind_lead (kind=?)"},
	}
	for _, c := range cases {
		rows, err := s.rd.QueryContext(ctx, "EXPLAIN QUERY PLAN "+c.query, c.args...)
		require.NoError(t, err, c.name)
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			require.NoError(t, rows.Scan(&id, &parent, &unused, &detail))
			plan = append(plan, detail)
		}
		require.NoError(t, rows.Err())
		rows.Close()
		text := strings.Join(plan, "; ")
		assert.Contains(t, text, c.want, c.name)
		if c.name != "find by number" && c.name != "light counts" && c.name != "search" && !strings.HasPrefix(c.name, "counts by") {
			assert.NotContains(t, text, "TEMP B-TREE", "%s sorts its rows: %s", c.name, text)
		}
	}
}

// CountBy counts live records only, of the kind asked, and open tasks only
// when asked.
func TestCountByCountsLiveRecords(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	save := func(number string, status model.TaskStatus, lead string) *model.Task {
		task := newTask(number, "老旧小区改造", "启动")
		task.Status = status
		task.Units = []model.UnitRole{{Name: lead, Role: model.RoleLead}}
		require.NoError(t, s.Save(ctx, task, "test"))
		return task
	}
	save("督〔2019〕1号", model.TaskInProgress, "市住建局")
	save("督〔2019〕2号", model.TaskInProgress, "市财政局")
	save("督〔2019〕3号", model.TaskDone, "市住建局")
	gone := save("督〔2019〕4号", model.TaskInProgress, "市住建局")
	require.NoError(t, s.Delete(ctx, gone.ID, "test"))
	gone = save("督〔2019〕5号", model.TaskAssigned, "市教育局")
	require.NoError(t, s.Delete(ctx, gone.ID, "test"))
	prop := model.New(model.KindProposal).(*model.Proposal)
	prop.Number, prop.Title, prop.Status = "101", "关于加快老旧小区改造的建议", model.PropInProgress
	require.NoError(t, s.Save(ctx, prop, "test"))

	byStatus, err := s.CountBy(ctx, model.KindTask, "status", false)
	require.NoError(t, err)
	assert.Equal(t, map[string]int{string(model.TaskInProgress): 2, string(model.TaskDone): 1}, byStatus)
	byLead, err := s.CountBy(ctx, model.KindTask, "lead_unit", false)
	require.NoError(t, err)
	assert.Equal(t, map[string]int{"市住建局": 2, "市财政局": 1}, byLead)
	openByLead, err := s.CountBy(ctx, model.KindTask, "lead_unit", true)
	require.NoError(t, err)
	assert.Equal(t, map[string]int{"市住建局": 1, "市财政局": 1}, openByLead)
	props, err := s.CountBy(ctx, model.KindProposal, "status", false)
	require.NoError(t, err)
	assert.Equal(t, map[string]int{string(model.PropInProgress): 1}, props)
}
