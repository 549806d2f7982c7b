package model

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCanChangeTask(t *testing.T) {
	tests := []struct {
		from, to TaskStatus
		ok       bool
	}{
		{TaskRegistered, TaskAssigned, true},
		{TaskAssigned, TaskInProgress, true},
		{TaskInProgress, TaskReview, true},
		{TaskReview, TaskDone, true},
		{TaskReview, TaskInProgress, true}, // 退回
		{TaskInProgress, TaskDone, true},   // direct 办结
		{TaskDone, TaskClosed, true},
		{TaskRegistered, TaskWithdrawn, true},
		{TaskReview, TaskWithdrawn, true},
		{TaskRegistered, TaskDone, false},
		{TaskAssigned, TaskDone, false},
		{TaskDone, TaskWithdrawn, false},
		{TaskClosed, TaskInProgress, false},
		{TaskWithdrawn, TaskAssigned, false},
		{TaskInProgress, TaskInProgress, false},
		{TaskDone, TaskInProgress, false},
	}
	for _, tt := range tests {
		err := CanChangeTask(tt.from, tt.to)
		if tt.ok {
			assert.NoError(t, err, "%s → %s", tt.from, tt.to)
			continue
		}
		var re *RuleError
		require.True(t, errors.As(err, &re), "%s → %s should be refused", tt.from, tt.to)
		assert.NotEmpty(t, re.Zh)
		assert.NotEmpty(t, re.En)
	}
}

func TestNextTaskStatuses(t *testing.T) {
	assert.Equal(t, []TaskStatus{TaskReview, TaskDone, TaskWithdrawn}, NextTaskStatuses(TaskInProgress))
	assert.Equal(t, []TaskStatus{TaskInProgress, TaskDone, TaskWithdrawn}, NextTaskStatuses(TaskReview))
	assert.Equal(t, []TaskStatus{TaskClosed}, NextTaskStatuses(TaskDone))
	assert.Empty(t, NextTaskStatuses(TaskClosed))
	assert.Empty(t, NextTaskStatuses(TaskWithdrawn))
}

func TestChangeTaskStatusWalk(t *testing.T) {
	task := &Task{Status: TaskRegistered}
	steps := []struct {
		to     TaskStatus
		reason string
		on     string
	}{
		{TaskAssigned, "", "2019-03-01"},
		{TaskInProgress, "", "2019-03-02"},
		{TaskReview, "", "2019-04-10"},
		{TaskInProgress, "材料不全", "2019-04-12"},
		{TaskReview, "", "2019-04-20"},
		{TaskDone, "", "2019-04-25"},
		{TaskClosed, "", "2019-05-06"},
	}
	for _, s := range steps {
		require.NoError(t, ChangeTaskStatus(task, s.to, s.reason, iso(t, s.on)), "to %s", s.to)
		assert.Equal(t, s.to, task.Status)
		assert.Equal(t, s.reason, task.StatusReason)
	}
	assert.Equal(t, iso(t, "2019-03-01"), task.AssignedOn)
	assert.Equal(t, iso(t, "2019-04-25"), task.DoneOn)
	assert.Equal(t, iso(t, "2019-05-06"), task.ClosedOn)
}

func TestChangeTaskStatusRules(t *testing.T) {
	on := iso(t, "2019-06-01")

	// an assigned date typed in the ledger is kept
	task := &Task{Status: TaskRegistered, AssignedOn: iso(t, "2019-05-20")}
	require.NoError(t, ChangeTaskStatus(task, TaskAssigned, "", on))
	assert.Equal(t, iso(t, "2019-05-20"), task.AssignedOn)

	// withdrawing needs a reason; the withdrawal date is the closed date
	task = &Task{Status: TaskInProgress}
	err := ChangeTaskStatus(task, TaskWithdrawn, "  ", on)
	var re *RuleError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, "撤销须说明理由", re.Reason("zh"))
	assert.Equal(t, "withdrawing an item needs a reason", re.Reason("en-GB"))
	assert.Equal(t, re.En, err.Error())
	assert.Equal(t, TaskInProgress, task.Status, "a refused change leaves the task as it was")
	require.NoError(t, ChangeTaskStatus(task, TaskWithdrawn, "职能调整", on))
	assert.Equal(t, on, task.ClosedOn)
	assert.Equal(t, "职能调整", task.StatusReason)

	// returning from review needs a reason
	task = &Task{Status: TaskReview}
	require.ErrorAs(t, ChangeTaskStatus(task, TaskInProgress, "", on), &re)
	assert.Contains(t, re.Zh, "退回")

	// a change needs a date
	task = &Task{Status: TaskInProgress}
	require.Error(t, ChangeTaskStatus(task, TaskDone, "", Date{}))
	assert.True(t, task.DoneOn.IsZero())

	// refused transitions do not touch the task
	task = &Task{Status: TaskAssigned}
	require.Error(t, ChangeTaskStatus(task, TaskClosed, "", on))
	assert.Equal(t, TaskAssigned, task.Status)
	assert.True(t, task.ClosedOn.IsZero())
}

func TestCanChangeProposal(t *testing.T) {
	tests := []struct {
		from, to ProposalStatus
		ok       bool
	}{
		{PropRegistered, PropAssigned, true},
		{PropAssigned, PropInProgress, true},
		{PropAssigned, PropReturned, true},
		{PropReturned, PropAssigned, true},
		{PropInProgress, PropReplied, true},
		{PropReplied, PropEvaluated, true},
		{PropEvaluated, PropDone, true},
		{PropEvaluated, PropRehandling, true},
		{PropRehandling, PropReplied, true},
		{PropRegistered, PropReplied, false},
		{PropDone, PropRehandling, false},
		{PropReturned, PropInProgress, false},
		{PropReplied, PropReplied, false},
	}
	for _, tt := range tests {
		err := CanChangeProposal(tt.from, tt.to)
		if tt.ok {
			assert.NoError(t, err, "%s → %s", tt.from, tt.to)
		} else {
			assert.Error(t, err, "%s → %s", tt.from, tt.to)
		}
	}
	assert.Equal(t, []ProposalStatus{PropReturned, PropInProgress, PropReplied}, NextProposalStatuses(PropAssigned))
	assert.Equal(t, []ProposalStatus{PropDone, PropRehandling}, NextProposalStatuses(PropEvaluated))
}

func TestChangeProposalStatus(t *testing.T) {
	p := &Proposal{Status: PropRegistered}
	require.NoError(t, ChangeProposalStatus(p, PropAssigned, "", iso(t, "2019-02-01")))
	var re *RuleError
	require.ErrorAs(t, ChangeProposalStatus(p, PropReturned, "", iso(t, "2019-02-03")), &re)
	require.NoError(t, ChangeProposalStatus(p, PropReturned, "不属于本单位职责", iso(t, "2019-02-03")))
	require.NoError(t, ChangeProposalStatus(p, PropAssigned, "", iso(t, "2019-02-05")))
	assert.Equal(t, iso(t, "2019-02-01"), p.AssignedOn, "the first assignment date stays")
	require.NoError(t, ChangeProposalStatus(p, PropInProgress, "", iso(t, "2019-02-06")))
	require.NoError(t, ChangeProposalStatus(p, PropReplied, "", iso(t, "2019-04-20")))
	require.NoError(t, ChangeProposalStatus(p, PropEvaluated, "", iso(t, "2019-05-01")))

	// re-handling only after an unsatisfied evaluation
	p.Satisfaction = SatBasically
	require.ErrorAs(t, ChangeProposalStatus(p, PropRehandling, "", iso(t, "2019-05-02")), &re)
	assert.Equal(t, PropEvaluated, p.Status)
	p.Satisfaction = SatUnsatisfied
	require.NoError(t, ChangeProposalStatus(p, PropRehandling, "", iso(t, "2019-05-02")))
	assert.Equal(t, 1, p.Round)
	require.NoError(t, ChangeProposalStatus(p, PropReplied, "", iso(t, "2019-05-25")))
	assert.Equal(t, iso(t, "2019-04-20"), p.RepliedOn, "the first reply date stays on record")
}

func TestTaskStatusOf(t *testing.T) {
	d := iso(t, "2019-03-01")
	assert.Equal(t, TaskReview, TaskStatusOf(&Task{Status: TaskReview, DoneOn: d}), "a set status wins")
	assert.Equal(t, TaskRegistered, TaskStatusOf(&Task{}))
	assert.Equal(t, TaskAssigned, TaskStatusOf(&Task{AssignedOn: d}))
	assert.Equal(t, TaskDone, TaskStatusOf(&Task{AssignedOn: d, DoneOn: d}))
	assert.Equal(t, TaskClosed, TaskStatusOf(&Task{AssignedOn: d, DoneOn: d, ClosedOn: d}))

	// a ledger row with no status but an assigned date can be taken in hand
	task := &Task{AssignedOn: d}
	require.NoError(t, ChangeTaskStatus(task, TaskInProgress, "", iso(t, "2019-03-02")))
	assert.Equal(t, TaskInProgress, task.Status)
}

// The screens that handle any record read a kind's statuses and moves
// from the kind table and LifecycleOf: the same words as the typed enums.
func TestLifecycleOfAnyRecord(t *testing.T) {
	task := &Task{Status: TaskInProgress, StatusText: "推进中"}
	l, ok := LifecycleOf(task)
	require.True(t, ok)
	assert.Equal(t, "办理中", l.Statuses.Zh(l.Status))
	assert.Equal(t, "推进中", l.Typed)
	var next []string
	for _, s := range NextTaskStatuses(TaskInProgress) {
		next = append(next, string(s))
	}
	assert.Equal(t, next, l.Next)
	assert.True(t, l.NeedsReason(string(TaskWithdrawn)), "撤销 needs a reason")
	assert.False(t, l.NeedsReason(string(TaskDone)))

	p := &Proposal{Status: PropReplied}
	l, ok = LifecycleOf(p)
	require.True(t, ok)
	assert.Equal(t, ProposalStatuses.Labels(), l.Statuses.Labels())

	_, ok = LifecycleOf(&Problem{})
	assert.False(t, ok, "problems have statuses but no lifecycle")
	v, ok := KindProblem.Statuses().Parse("已解决")
	assert.True(t, ok)
	assert.Equal(t, "resolved", v)
	assert.Empty(t, KindMeeting.Statuses().Options, "meetings have no status")
}
