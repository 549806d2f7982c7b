package model

// Day is what derived values (alert lights, due dates) are judged against:
// today, the office's rules and its working-day calendar. Storage queries,
// the CLI and the screens all take one, so they agree.
type Day struct {
	Today Date
	Rules Rules
	Cal   *Calendar // nil: no holidays known (weekends only)
}

// DefaultDay is today under the default rules, for callers given no day.
func DefaultDay() Day { return Day{Today: Today(), Rules: DefaultRules()} }

// Light is the alert light of a task or proposal; none for other kinds.
func (d Day) Light(r Record) Light {
	switch v := r.(type) {
	case *Task:
		return TaskLight(v, d.Today, d.Cal, d.Rules)
	case *Proposal:
		return ProposalLight(v, d.Today, d.Rules)
	}
	return LightNone
}

// YellowUntil is the last day a deadline can fall on and still be yellow
// (not green) today: YellowDays calendar days ahead, or the last day within
// YellowDays working days when the rules count working days.
func (d Day) YellowUntil() Date {
	if !d.Rules.YellowInWorkdays {
		return d.Today.AddDays(d.Rules.YellowDays)
	}
	last := d.Today
	for day := d.Today.AddDays(1); day.DaysUntil(d.Today) > -(d.Rules.YellowDays*3 + 40); day = day.AddDays(1) {
		if d.Cal.WorkdaysBetween(d.Today, day) > d.Rules.YellowDays {
			break
		}
		last = day
	}
	return last
}
