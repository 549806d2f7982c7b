package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestProposalDue(t *testing.T) {
	r := DefaultRules()
	tests := []struct {
		name string
		p    Proposal
		want string
	}{
		{"three months after assignment", Proposal{AssignedOn: iso(t, "2019-02-15")}, "2019-05-15"},
		{"clamped to a shorter month", Proposal{AssignedOn: iso(t, "2019-11-30")}, "2020-02-29"},
		{"a typed due date wins over the rule", Proposal{AssignedOn: iso(t, "2019-04-01"), DueOn: iso(t, "2019-04-30")}, "2019-04-30"},
		{"an approved extension wins", Proposal{AssignedOn: iso(t, "2019-03-10"), DueOn: iso(t, "2019-06-10"), ExtendedTo: iso(t, "2019-08-10")}, "2019-08-10"},
		{"not assigned: no due date", Proposal{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, iso(t, tt.want), ProposalDue(&tt.p, r))
		})
	}
	r.ReplyMonths = 2
	assert.Equal(t, iso(t, "2019-04-15"), ProposalDue(&Proposal{AssignedOn: iso(t, "2019-02-15")}, r), "the rule is configurable")
}

func TestCurrentDeadline(t *testing.T) {
	dated := func(due string, ext ...Extension) *Task {
		d := iso(t, due)
		return &Task{Deadline: Deadline{Due: d, Type: DeadlineDate}, FirstDeadline: d, Extensions: ext}
	}
	approved := func(decided, to string) Extension {
		return Extension{State: ExtensionApproved, DecidedOn: iso(t, decided), NewDeadline: iso(t, to)}
	}
	refused := Extension{State: ExtensionRefused, DecidedOn: iso(t, "2019-06-01"), NewDeadline: iso(t, "2019-12-31")}
	pending := Extension{State: ExtensionPending, NewDeadline: iso(t, "2019-11-30")}

	tests := []struct {
		name     string
		task     *Task
		current  string
		asOf     string // DeadlineAsOf on 2019-06-30
		onTimeBy string // OnTimeDeadline on 2019-06-30
	}{
		{"no extension", dated("2019-06-20"), "2019-06-20", "2019-06-20", "2019-06-20"},
		{"refused and pending extensions change nothing", dated("2019-06-20", refused, pending), "2019-06-20", "2019-06-20", "2019-06-20"},
		{"approved extension", dated("2019-06-20", approved("2019-06-10", "2019-08-31")), "2019-08-31", "2019-08-31", "2019-08-31"},
		{"latest approval wins", dated("2019-03-31", approved("2019-05-20", "2019-09-30"), approved("2019-03-25", "2019-05-31")), "2019-09-30", "2019-09-30", "2019-09-30"},
		{"approved after the day does not count yet", dated("2019-06-20", approved("2019-07-05", "2019-08-31")), "2019-08-31", "2019-06-20", "2019-06-20"},
		{"ongoing has no deadline", &Task{Deadline: Deadline{Text: "长期坚持", Type: DeadlineOngoing}}, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, iso(t, tt.current), CurrentDeadline(tt.task))
			assert.Equal(t, iso(t, tt.asOf), DeadlineAsOf(tt.task, iso(t, "2019-06-30")))
			assert.Equal(t, iso(t, tt.onTimeBy), OnTimeDeadline(tt.task, iso(t, "2019-06-30")))
		})
	}

	// The deadline was edited by hand (no extension): overdue judges the
	// current one, on-time completion the first.
	edited := dated("2019-03-31")
	edited.Deadline.Due = iso(t, "2019-05-31")
	assert.Equal(t, iso(t, "2019-05-31"), CurrentDeadline(edited))
	assert.Equal(t, iso(t, "2019-03-31"), OnTimeDeadline(edited, Date{}))
}
