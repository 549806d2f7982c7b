package model

// ProposalFigures are the proposal figures of a period.
type ProposalFigures struct {
	Total              int            `json:"total"`
	NPC                int            `json:"npc"`
	CPPCC              int            `json:"cppcc"`
	Replied            int            `json:"replied"`
	ReplyRate          *float64       `json:"reply_rate"`
	OnTimeReplied      int            `json:"on_time_replied"`
	Met                int            `json:"met"`
	MeetingRate        *float64       `json:"meeting_rate"`
	Evaluated          int            `json:"evaluated"`
	Satisfied          int            `json:"satisfied"`
	BasicallySatisfied int            `json:"basically_satisfied"`
	Unsatisfied        int            `json:"unsatisfied"`
	SatisfactionRate   *float64       `json:"satisfaction_rate"`
	ByClass            map[string]int `json:"by_class"` // A–D always, other classes when present
}

// PeriodProposals are the proposals assigned in the period: every
// proposal figure counts among these.
func PeriodProposals(ds Dataset, from, to Date) []*Proposal {
	return filter(ds.Proposals, func(p *Proposal) bool { return p.AssignedOn.Between(from, to) })
}

// RepliedProposals are the period's proposals with a reply date.
func RepliedProposals(ds Dataset, from, to Date) []*Proposal {
	return filter(PeriodProposals(ds, from, to), func(p *Proposal) bool { return !p.RepliedOn.IsZero() })
}

// OnTimeRepliedProposals are those replied on or before their due date
// (ProposalDue).
func OnTimeRepliedProposals(ds Dataset, from, to Date, r Rules) []*Proposal {
	return filter(RepliedProposals(ds, from, to), func(p *Proposal) bool {
		due := ProposalDue(p, r)
		return !due.IsZero() && !p.RepliedOn.After(due)
	})
}

// MetProposals are the period's proposals with a meeting (面商) date.
func MetProposals(ds Dataset, from, to Date) []*Proposal {
	return filter(PeriodProposals(ds, from, to), func(p *Proposal) bool { return !p.MetOn.IsZero() })
}

// EvaluatedProposals are the period's proposals with a satisfaction other
// than none (the proposer returned the evaluation).
func EvaluatedProposals(ds Dataset, from, to Date) []*Proposal {
	return filter(PeriodProposals(ds, from, to), func(p *Proposal) bool {
		return p.Satisfaction != "" && p.Satisfaction != SatNone
	})
}

func summarizeProposals(ds Dataset, from, to Date, r Rules) ProposalFigures {
	all := PeriodProposals(ds, from, to)
	replied := RepliedProposals(ds, from, to)
	met := MetProposals(ds, from, to)
	evaluated := EvaluatedProposals(ds, from, to)
	f := ProposalFigures{
		Total:         len(all),
		Replied:       len(replied),
		ReplyRate:     rate(len(replied), len(all)),
		OnTimeReplied: len(OnTimeRepliedProposals(ds, from, to, r)),
		Met:           len(met),
		MeetingRate:   rate(len(met), len(all)),
		Evaluated:     len(evaluated),
		ByClass:       map[string]int{"A": 0, "B": 0, "C": 0, "D": 0},
	}
	for _, p := range all {
		switch p.Body {
		case BodyNPC:
			f.NPC++
		case BodyCPPCC:
			f.CPPCC++
		}
	}
	for _, p := range evaluated {
		switch p.Satisfaction {
		case SatSatisfied:
			f.Satisfied++
		case SatBasically:
			f.BasicallySatisfied++
		case SatUnsatisfied:
			f.Unsatisfied++
		}
	}
	f.SatisfactionRate = rate(f.Satisfied+f.BasicallySatisfied, f.Evaluated)
	for _, p := range replied {
		if c := ResultClassKey(p); c != "" {
			f.ByClass[c]++
		}
	}
	return f
}
