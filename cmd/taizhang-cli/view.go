package main

import (
	"context"
	"encoding/json"
	"fmt"

	"taizhang/model"
	"taizhang/storage"
)

// view is how `list` shows records: what is derived rather than stored
// (alert lights, a proposal's due date) is judged against day, as the
// desktop app's tables judge it.
type view struct {
	day  model.Day
	lang string // the language of the table's values (enums' labels)
}

// newView loads the rules and the holiday calendar from the store; lang
// is the language the table's values are written in.
func newView(ctx context.Context, s *storage.Store, lang string) (*view, error) {
	day, err := s.Day(ctx)
	if err != nil {
		return nil, err
	}
	return &view{day: day, lang: lang}, nil
}

// JSON is the record as `list --json` prints it: its stored fields with
// Meta's, plus the derived light for tasks.
func (v *view) JSON(r model.Record) (map[string]any, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", r.RecordMeta().ID, err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	switch t := r.(type) {
	case *model.Task:
		m["light"] = string(v.day.Light(r))
	case *model.Proposal:
		// A ledger seldom types the due date: it follows from the rules.
		if t.DueOn.IsZero() {
			if due := model.ProposalDue(t, v.day.Rules); !due.IsZero() {
				m["due_on"] = due.String()
			}
		}
	}
	return m, nil
}

// Summary is one line of a plain listing: key, title, state, unit, date.
func (v *view) Summary(r model.Record) []string {
	switch t := r.(type) {
	case *model.Task:
		return []string{t.Number, t.Title, model.TaskStatuses.Label(t.Status, v.lang), t.LeadUnit, t.Deadline.Display(), string(v.day.Light(r))}
	case *model.Proposal:
		return []string{model.Bodies.Label(t.Body, v.lang), t.Session, t.Number, t.Title, t.LeadUnit, model.ProposalStatuses.Label(t.Status, v.lang)}
	case *model.Meeting:
		return []string{t.Number, t.Title, t.HeldOn.String(), fmt.Sprint(t.Topics)}
	case *model.Village:
		return []string{t.Name, t.Township, t.County, t.AssistingUnit}
	case *model.Fund:
		return []string{t.Date.String(), model.FundSources.Label(t.Source, v.lang), t.SourceText, t.AmountFen.Yuan(), t.Project}
	case *model.Project:
		return []string{t.Name, t.Village, model.ProjectCategories.Label(t.Category, v.lang), model.ProjectStatuses.Label(t.Status, v.lang), fmt.Sprintf("%d%%", t.Percent)}
	case *model.Point:
		return []string{t.Name, t.ShortName, t.Owner, t.Contact}
	case *model.Visit:
		return []string{t.Number, model.VisitTypes.Label(t.Type, v.lang), t.StartOn.String(), t.Leader, t.Place}
	case *model.Problem:
		return []string{t.Number, t.Description, t.Unit, model.ProblemStatuses.Label(t.Status, v.lang), t.ResolvedOn.String()}
	case *model.Unit:
		return []string{t.Name, fmt.Sprint(t.Aliases)}
	case *model.Holiday:
		return []string{t.Date.String(), t.Name, fmt.Sprint(t.Workday)}
	}
	return []string{r.RecordMeta().ID}
}
