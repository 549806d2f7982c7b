package common

import "taizhang/model"

// Day is what lights are judged against: today, the office's rules and
// its working-day calendar.
type Day struct {
	Today model.Date
	Rules model.Rules
	Cal   *model.Calendar
}

// Light is the alert light of a task or proposal; none for other kinds.
func (d Day) Light(r model.Record) model.Light {
	switch v := r.(type) {
	case *model.Task:
		return model.TaskLight(v, d.Today, d.Cal, d.Rules)
	case *model.Proposal:
		return model.ProposalLight(v, d.Today, d.Rules)
	}
	return model.LightNone
}
