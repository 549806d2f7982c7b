package storage

import (
	"context"
	"fmt"

	"taizhang/model"
)

// Lights depend on today and the office's rules, so they are not stored;
// these queries judge task lights in SQL over the status and deadline
// columns instead of reading every open record into Go. They agree with
// model.TaskLight (lights_test.go checks edge cases against it). A
// task's current deadline is its typed deadline unless an approved
// extension moved it (model.CurrentDeadline): the form keeps the typed one
// and records the extension, so the extension is looked up in the body.

// taskOpenSQL: assigned and not finished (model.TaskStatusOf infers the
// status from the dates when the ledger had none).
const taskOpenSQL = `(r.status IN ('assigned','in_progress','review') OR (coalesce(r.status,'') = ''
	AND json_extract(r.body,'$.done_on') IS NULL AND json_extract(r.body,'$.assigned_on') IS NOT NULL))`

// taskDeadlineSQL is model.CurrentDeadline: the latest approved extension
// (latest decision; on equal dates the later entry) else the typed
// deadline; NULL for ongoing and periodic items.
const taskDeadlineSQL = `(CASE WHEN (CASE coalesce(json_extract(r.body,'$.deadline_kind'),'')
	WHEN '' THEN nullif(r.deadline,'') IS NOT NULL OR json_extract(r.body,'$.first_deadline') IS NOT NULL
	ELSE json_extract(r.body,'$.deadline_kind') IN ('date','month_end','year_end','workdays') END)
	THEN coalesce((SELECT json_extract(e.value,'$.new_deadline') FROM json_each(r.body,'$.extensions') e
		WHERE json_extract(e.value,'$.state') = 'approved' AND json_extract(e.value,'$.new_deadline') IS NOT NULL
		ORDER BY coalesce(json_extract(e.value,'$.decided_on'),'') DESC, e.key DESC LIMIT 1), nullif(r.deadline,''))
	END)`

// litTask is an open task's light and current deadline.
type litTask struct {
	id    string
	light model.Light
}

// openTaskLights judges every open task in one pass, most urgent first (by
// current deadline, then key): the body is read once per open task (for
// extensions and the deadline kind), so the callers share this scan.
func (s *Store) openTaskLights(ctx context.Context, d model.Day) ([]litTask, error) {
	rows, err := s.rd.QueryContext(ctx, `SELECT id, CASE WHEN due IS NULL THEN 'green' WHEN due < ?1 THEN 'red'
		WHEN due <= ?2 THEN 'yellow' ELSE 'green' END FROM (SELECT r.id AS id, r.key AS key, `+taskDeadlineSQL+` AS due
		FROM records r WHERE r.kind = 'tasks' AND r.deleted = 0 AND `+taskOpenSQL+`) ORDER BY due, key`,
		d.Today.String(), d.YellowUntil().String())
	if err != nil {
		return nil, fmt.Errorf("task lights: %w", err)
	}
	defer rows.Close()
	var out []litTask
	for rows.Next() {
		var t litTask
		if err := rows.Scan(&t.id, &t.light); err != nil {
			return nil, fmt.Errorf("task lights: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// TaskLightCounts counts the tasks of each light; LightNone counts the
// tasks that are not open.
func (s *Store) TaskLightCounts(ctx context.Context, d model.Day) (map[model.Light]int, error) {
	lit, err := s.openTaskLights(ctx, d)
	if err != nil {
		return nil, err
	}
	out := map[model.Light]int{}
	for _, t := range lit {
		out[t.light]++
	}
	all, err := s.Count(ctx, Query{Kind: model.KindTask})
	if err != nil {
		return nil, err
	}
	out[model.LightNone] = all - len(lit)
	return out, nil
}

// TaskIDsWithLight lists the ids of the tasks showing light l, most
// urgent first (by current deadline, then number). limit 0 means all.
func (s *Store) TaskIDsWithLight(ctx context.Context, l model.Light, d model.Day, limit int) ([]string, error) {
	var out []string
	if l == model.LightNone {
		rows, err := s.rd.QueryContext(ctx, `SELECT r.id FROM records r WHERE r.kind = 'tasks' AND r.deleted = 0 AND NOT `+
			taskOpenSQL+` ORDER BY r.key`)
		if err != nil {
			return nil, fmt.Errorf("tasks with no light: %w", err)
		}
		defer rows.Close()
		for rows.Next() && (limit <= 0 || len(out) < limit) {
			var id string
			if err := rows.Scan(&id); err != nil {
				return nil, fmt.Errorf("tasks with no light: %w", err)
			}
			out = append(out, id)
		}
		return out, rows.Err()
	}
	lit, err := s.openTaskLights(ctx, d)
	if err != nil {
		return nil, err
	}
	for _, t := range lit {
		if t.light == l && (limit <= 0 || len(out) < limit) {
			out = append(out, t.id)
		}
	}
	return out, nil
}

// LightIDs narrows q (tasks or proposals) to the records showing light l,
// keeping q's order. Proposals are few and their due date depends on the
// reply rules, so they are judged in Go.
func (s *Store) LightIDs(ctx context.Context, q Query, l model.Light, d model.Day) ([]string, error) {
	q.Limit, q.Offset = 0, 0
	ids, err := s.IDs(ctx, q)
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{}
	switch q.Kind {
	case model.KindTask:
		lit, err := s.TaskIDsWithLight(ctx, l, d, 0)
		if err != nil {
			return nil, err
		}
		for _, id := range lit {
			keep[id] = true
		}
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
		taskOpenSQL+` AND json_extract(r.body,'$.report_cycle') IN ('weekly','monthly','quarterly') ORDER BY r.key`)
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
// first limit tasks (most urgent first), from one scan: the workbench.
func (s *Store) TaskLightSummary(ctx context.Context, d model.Day, limit int) (map[model.Light]int, map[model.Light][]string, error) {
	lit, err := s.openTaskLights(ctx, d)
	if err != nil {
		return nil, nil, err
	}
	counts, ids := map[model.Light]int{}, map[model.Light][]string{}
	for _, t := range lit {
		counts[t.light]++
		if len(ids[t.light]) < limit {
			ids[t.light] = append(ids[t.light], t.id)
		}
	}
	all, err := s.Count(ctx, Query{Kind: model.KindTask})
	if err != nil {
		return nil, nil, err
	}
	counts[model.LightNone] = all - len(lit)
	return counts, ids, nil
}
