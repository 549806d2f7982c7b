package model

// FigureFacts is r as the figures see it: a copy with the free text no
// figure, drill-down row or draft reads left out (the content, instruction
// and progress of an item, its reports and reminders, remarks, unknown
// columns). The store keeps this copy apart from the bodies, so the
// statistics screen reads a fifth of the bytes and decodes no long text.
// Numbers, titles, names, units, dates, classes and statuses stay: they
// are what is counted and listed.
//
// A record read this way is for counting and listing only: it must never be
// opened in a form or saved, or the text left out would be lost.
// TestFigureFactsKeepEveryFigure checks that figures computed from these
// copies are the figures of the records.
func FigureFacts(r Record) Record {
	switch v := r.(type) {
	case *Task:
		c := *v
		c.Content, c.Instruction, c.Progress, c.Remarks, c.StatusReason, c.Leader, c.Extra = "", "", "", "", "", "", nil
		c.Reports, c.Reminders = nil, nil // the statistics count items, not their reports
		c.Extensions = cloneEach(v.Extensions, func(x *Extension) { x.Reason, x.Progress = "", "" })
		return &c
	case *Proposal:
		c := *v
		c.CoSigners, c.Remarks, c.StatusReason, c.Extra = "", "", "", nil
		return &c
	case *Visit:
		c := *v
		c.Purpose, c.Findings, c.Remarks, c.Extra = "", "", "", nil
		return &c
	case *Problem:
		c := *v
		c.Resolution, c.Remarks, c.Extra = "", "", nil
		return &c
	case *Project:
		c := *v
		c.Content, c.Remarks, c.Extra = "", "", nil
		return &c
	case *Point:
		c := *v
		c.Remarks, c.Extra = "", nil
		return &c
	case *Fund:
		c := *v
		c.Remarks, c.Extra = "", nil
		return &c
	case *Meeting:
		c := *v
		c.Remarks, c.Extra = "", nil
		return &c
	}
	return nil // not a kind the figures count (DatasetKinds)
}

// cloneEach copies s (nil stays nil) and applies blank to each element.
func cloneEach[E any](s []E, blank func(*E)) []E {
	if s == nil {
		return nil
	}
	out := make([]E, len(s))
	copy(out, s)
	for i := range out {
		blank(&out[i])
	}
	return out
}
