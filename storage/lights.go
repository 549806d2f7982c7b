package storage

import (
	"context"
	"fmt"

	"taizhang/model"
)

// Lights depend on today and the office's rules, so they are not stored;
// what they are judged from is (schema 4): records.open (model.TaskOpen)
// and records.due (model.CurrentDeadline, '' for ongoing and periodic
// items), written on every save. These queries judge task lights from
// those columns and one index instead of reading every open record. They
// agree with model.TaskLight (lights_test.go checks edge cases against it).

// taskOpenSQL: assigned and not finished.
const taskOpenSQL = `r.open = 1`

// lightSQL is the light of an open task from its current deadline: ?1 is
// today, ?2 the last day that is still yellow (model.Day.YellowUntil).
const lightSQL = `CASE WHEN r.due = '' THEN 'green' WHEN r.due < ?1 THEN 'red' WHEN r.due <= ?2 THEN 'yellow' ELSE 'green' END`

// lightCond narrows open tasks to those showing light l (LightNone: the
// tasks that are not open). The days are written into the condition (they
// are dates the program formats, YYYY-MM-DD) so that a Query holding it
// stays comparable.
func lightCond(l model.Light, d model.Day) string {
	today, yellow := d.Today.String(), d.YellowUntil().String()
	switch l {
	case model.LightRed:
		return `r.open = 1 AND r.due <> '' AND r.due < '` + today + `'`
	case model.LightYellow:
		return `r.open = 1 AND r.due >= '` + today + `' AND r.due <= '` + yellow + `'`
	case model.LightGreen:
		return `r.open = 1 AND (r.due = '' OR r.due > '` + yellow + `')`
	}
	return `r.open = 0`
}

const lightCountsSQL = `SELECT CASE WHEN r.open = 0 THEN 'none' ELSE ` + lightSQL + ` END AS l, count(*)
	FROM records r WHERE r.kind = 'tasks' AND r.deleted = 0 GROUP BY l`

// TaskLightCounts counts the tasks of each light; LightNone counts the
// tasks that are not open.
func (s *Store) TaskLightCounts(ctx context.Context, d model.Day) (map[model.Light]int, error) {
	rows, err := s.rd.QueryContext(ctx, lightCountsSQL, d.Today.String(), d.YellowUntil().String())
	if err != nil {
		return nil, fmt.Errorf("task lights: %w", err)
	}
	defer rows.Close()
	out := map[model.Light]int{}
	for rows.Next() {
		var l model.Light
		var n int
		if err := rows.Scan(&l, &n); err != nil {
			return nil, fmt.Errorf("task lights: %w", err)
		}
		out[l] = n
	}
	return out, rows.Err()
}

// TaskIDsWithLight lists the ids of the tasks showing light l, most
// urgent first (by current deadline, then number; tasks with no light by
// number). limit 0 means all.
func (s *Store) TaskIDsWithLight(ctx context.Context, l model.Light, d model.Day, limit int) ([]string, error) {
	rows, err := s.rd.QueryContext(ctx, taskLightIDsSQL(l, d, limit))
	if err != nil {
		return nil, fmt.Errorf("tasks with light %s: %w", l, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("tasks with light %s: %w", l, err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// taskLightIDsSQL selects the ids of the tasks showing light l.
func taskLightIDsSQL(l model.Light, d model.Day, limit int) string {
	order := " ORDER BY r.due, r.key"
	if l == model.LightNone {
		order = " ORDER BY r.key"
	}
	lim := ""
	if limit > 0 {
		lim = fmt.Sprintf(" LIMIT %d", limit)
	}
	return `SELECT r.id FROM records r WHERE r.kind = 'tasks' AND r.deleted = 0 AND ` + lightCond(l, d) + order + lim
}

// LightIDs narrows q (tasks or proposals) to the records showing light l,
// keeping q's order. Tasks are judged in the query from their light
// columns; proposals are few and their due date depends on the reply
// rules, so they are judged in Go.
func (s *Store) LightIDs(ctx context.Context, q Query, l model.Light, d model.Day) ([]string, error) {
	q.Limit, q.Offset = 0, 0
	if q.Kind == model.KindTask {
		q.where = lightCond(l, d)
		return s.IDs(ctx, q)
	}
	ids, err := s.IDs(ctx, q)
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{}
	switch q.Kind {
	case model.KindProposal:
		props, err := s.List(ctx, Query{Kind: model.KindProposal})
		if err != nil {
			return nil, err
		}
		for _, r := range props {
			if model.ProposalLight(r.(*model.Proposal), d.Today, d.Rules) == l {
				keep[r.RecordMeta().ID] = true
			}
		}
	default:
		if l != model.LightNone {
			return nil, nil
		}
		return ids, nil
	}
	out := ids[:0]
	for _, id := range ids {
		if keep[id] {
			out = append(out, id)
		}
	}
	return out, nil
}

// OpenTaskIDsWithCycle lists the open tasks that owe periodic progress
// reports (weekly, monthly, quarterly), for the missed-reports list.
func (s *Store) OpenTaskIDsWithCycle(ctx context.Context) ([]string, error) {
	rows, err := s.rd.QueryContext(ctx, `SELECT r.id FROM records r WHERE r.kind = 'tasks' AND r.deleted = 0 AND `+
		taskOpenSQL+` AND json_extract(tz_text(r.body),'$.report_cycle') IN ('weekly','monthly','quarterly') ORDER BY r.key`)
	if err != nil {
		return nil, fmt.Errorf("tasks owing reports: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("tasks owing reports: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// TaskLightSummary is TaskLightCounts plus, per light, the ids of the
// first limit tasks (most urgent first): the workbench.
func (s *Store) TaskLightSummary(ctx context.Context, d model.Day, limit int) (map[model.Light]int, map[model.Light][]string, error) {
	counts, err := s.TaskLightCounts(ctx, d)
	if err != nil {
		return nil, nil, err
	}
	ids := map[model.Light][]string{}
	for _, l := range []model.Light{model.LightRed, model.LightYellow, model.LightGreen} {
		if counts[l] == 0 {
			continue
		}
		if ids[l], err = s.TaskIDsWithLight(ctx, l, d, limit); err != nil {
			return nil, nil, err
		}
	}
	return counts, ids, nil
}
