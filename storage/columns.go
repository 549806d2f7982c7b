package storage

import (
	"encoding/json"

	"taizhang/model"
)

// listColumns are the body fields copied into columns of their own, so
// that list filters and sorts use indexes and never read bodies.
type listColumns struct {
	status, leadUnit, source, deadline, day string
}

// dayField is each kind's main date, the one Query.From/To filter on.
var dayField = map[model.Kind]string{
	model.KindTask: "assigned_on", model.KindProposal: "assigned_on", model.KindMeeting: "held_on",
	model.KindFund: "date", model.KindHoliday: "date", model.KindProject: "start_on",
	model.KindVisit: "start_on", model.KindProblem: "raised_on",
}

func columnsOf(kind model.Kind, f fields) listColumns {
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
	return c
}
