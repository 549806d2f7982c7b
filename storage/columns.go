package storage

import (
	"encoding/json"
	"strings"

	gojson "github.com/goccy/go-json"

	"taizhang/model"
)

// listColumns are the body fields copied into columns of their own, so
// that list filters and sorts use indexes and never read bodies.
type listColumns struct {
	status, leadUnit, source, deadline, day string
	units                                   string // unitNames
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
		if raw, ok := f.get(name); ok {
			json.Unmarshal(raw, &s) // not a string (absent, null, number): ""
		}
		return s
	}
	c := listColumns{status: str("status"), leadUnit: str("lead_unit"), source: str("source"), deadline: str("deadline"),
		units: unitNames(f)}
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

// unitMark delimits the names in records.units (schema 14): a character no
// unit name holds.
const unitMark = "\x1f"

// unitNames is records.units of a body's fields: the names of its units[]
// ({"name","role"} objects, or names), each between unitMarks, so that
// instr(units, unitMark+name+unitMark) finds a name whole; "" for none.
func unitNames(f fields) string {
	raw, ok := f.get("units")
	if !ok {
		return ""
	}
	var names []string
	var roles []struct {
		Name string `json:"name"`
	}
	if gojson.Unmarshal(raw, &roles) == nil {
		for _, r := range roles {
			names = append(names, r.Name)
		}
	} else if gojson.Unmarshal(raw, &names) != nil {
		return ""
	}
	var b strings.Builder
	for _, name := range names {
		if name == "" {
			continue
		}
		if b.Len() == 0 {
			b.WriteString(unitMark)
		}
		b.WriteString(name)
		b.WriteString(unitMark)
	}
	return b.String()
}
