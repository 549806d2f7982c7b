package model

// Rules are the office's configurable deadlines and light thresholds
// (DOMAIN.md gives the defaults; cities differ).
type Rules struct {
	ReplyMonths         int // a proposal is replied within this many months of assignment
	MaxReplyMonths      int // the most an approved extension may allow
	CoUnitOpinionMonths int // a co-unit's opinion reaches the lead unit within this
	ReturnWorkdays      int // a unit returns an item that is not its own within this many working days
	RereplyMonths       int // second reply after an unsatisfied evaluation

	YellowDays       int  // a task's light turns yellow this close to its deadline
	YellowInWorkdays bool // count YellowDays in working days instead of calendar days
	ProgressYellow   int  // points behind the expected pace for a yellow progress light
	ProgressRed      int  // more than this many points behind is red

	ProposalYellowDays int // a proposal's light turns yellow this close to its due date
}

// DefaultRules are DOMAIN.md's defaults.
func DefaultRules() Rules {
	return Rules{
		ReplyMonths:         3,
		MaxReplyMonths:      6,
		CoUnitOpinionMonths: 1,
		ReturnWorkdays:      5,
		RereplyMonths:       1,
		YellowDays:          3,
		ProgressYellow:      10,
		ProgressRed:         30,
		ProposalYellowDays:  15,
	}
}

// ProposalDue is the date a proposal's (first) reply is due: the approved
// extension when there is one, else the due date typed in the ledger, else
// the assigned date plus ReplyMonths. Zero when none of these is known
// (not yet assigned).
func ProposalDue(p *Proposal, r Rules) Date {
	switch {
	case !p.ExtendedTo.IsZero():
		return p.ExtendedTo
	case !p.DueOn.IsZero():
		return p.DueOn
	case p.AssignedOn.IsZero():
		return Date{}
	}
	return p.AssignedOn.AddMonths(r.ReplyMonths)
}

// CurrentDeadline is a task's deadline now: the new deadline of the latest
// approved extension, else the deadline as typed. Zero for ongoing and
// periodic items, which have no completion deadline.
func CurrentDeadline(t *Task) Date {
	return deadlineAsOf(t, Date{}, t.Deadline.Due)
}

// DeadlineAsOf is the deadline that applied on a given day: extensions
// decided after that day do not count yet (an item overdue at the end of
// June stays overdue in June's figures even if it is extended in July).
// Extensions without a decision date count whenever they are approved.
func DeadlineAsOf(t *Task, day Date) Date {
	return deadlineAsOf(t, day, t.Deadline.Due)
}

// OnTimeDeadline is the deadline an item's on-time completion is judged
// against (DOMAIN.md on_time_rate): the first deadline, before any
// extension, unless an extension was approved (by day, when day is set).
func OnTimeDeadline(t *Task, day Date) Date {
	base := t.FirstDeadline
	if base.IsZero() {
		base = t.Deadline.Due
	}
	return deadlineAsOf(t, day, base)
}

// deadlineAsOf picks the latest approved extension decided by day (any,
// when day is zero), else base. Latest means the latest decision date; on
// equal dates the later entry wins, as extensions are appended in order.
func deadlineAsOf(t *Task, day Date, base Date) Date {
	if !hasCompletionDeadline(t) {
		return Date{}
	}
	var best *Extension
	for i := range t.Extensions {
		e := &t.Extensions[i]
		if e.State != ExtensionApproved || e.NewDeadline.IsZero() {
			continue
		}
		if !day.IsZero() && !e.DecidedOn.IsZero() && e.DecidedOn.After(day) {
			continue
		}
		if best == nil || !e.DecidedOn.Before(best.DecidedOn) {
			best = e
		}
	}
	if best != nil {
		return best.NewDeadline
	}
	return base
}

// hasCompletionDeadline: dated kinds have one; a deadline with a day but
// no kind (built by hand, or an old ledger) is taken as a date.
func hasCompletionDeadline(t *Task) bool {
	if t.Deadline.Type == DeadlineNone {
		return !t.Deadline.Due.IsZero() || !t.FirstDeadline.IsZero()
	}
	return t.Deadline.Type.HasDate()
}
