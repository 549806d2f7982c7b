package storage

import (
	"encoding/json"

	"taizhang/model"
)

// listColumns are the body fields copied into columns of their own, so
// that list filters and sorts use indexes and never read bodies.
type listColumns struct {
	status, leadUnit, source, deadline, day string
	// open and due are what a task's light is judged from (schema 4):
	// model.TaskOpen and model.CurrentDeadline ("" when none).
	open bool
	due  string
}

// dayField is each kind's main date, the one Query.From/To filter on.
var dayField = map[model.Kind]string{
	model.KindTask: "assigned_on", model.KindProposal: "assigned_on", model.KindMeeting: "held_on",
	model.KindFund: "date", model.KindHoliday: "date", model.KindProject: "start_on",
	model.KindVisit: "start_on", model.KindProblem: "raised_on",
}

func columnsOf(r model.Record, f fields) listColumns {
	kind := r.RecordMeta().Kind
	str := func(name string) string {
		var s string
		if raw, ok := f[name]; ok {
			json.Unmarshal(raw, &s) // not a string (absent, null, number): ""
		}
		return s
	}
	c := listColumns{status: str("status"), leadUnit: str("lead_unit"), source: str("source"), deadline: str("deadline")}
	if c.leadUnit == "" {
		c.leadUnit = str("unit") // a problem's responsible unit
	}
	if d, ok := dayField[kind]; ok {
		c.day = str(d)
	}
	if t, ok := r.(*model.Task); ok {
		c.open, c.due = taskLightFacts(t)
	}
	return c
}

// taskLightFacts are a task's open flag and current deadline as stored.
func taskLightFacts(t *model.Task) (bool, string) {
	due := ""
	if d := model.CurrentDeadline(t); !d.IsZero() {
		due = d.String()
	}
	return model.TaskOpen(t), due
}
