package model

import "strings"

// RuleError is a domain rule that refused a change. It carries the message
// in both languages the app speaks; Error gives the English one.
type RuleError struct{ Text }

func (e *RuleError) Error() string { return e.En }

// Reason is the message in lang (see Lang).
func (e *RuleError) Reason(lang string) string { return e.In(lang) }

func ruleErr(zh, en string) *RuleError { return &RuleError{T(zh, en)} }

// statusMove is one allowed status change; needsReason marks the changes
// DOMAIN.md wants a reason for (退回, 撤销).
type statusMove[S ~string] struct {
	from, to    S
	needsReason bool
}

// taskTransitions follows DOMAIN.md: 待交办 → 已交办 → 办理中 → 待审核 →
// 已办结 → 已销号; 退回 sends a reviewed item back to 办理中 with a reason;
// an unfinished item can be withdrawn (撤销) with a reason.
// Choices made here: 办理中 → 已办结 directly is allowed (units often
// finish without a separate review step, and the supervisor records it);
// 已交办 → 已办结 is not (the item must at least be in hand first). An
// item already done cannot be withdrawn: it is closed instead.
var taskTransitions = []statusMove[TaskStatus]{
	{TaskRegistered, TaskAssigned, false},
	{TaskAssigned, TaskInProgress, false},
	{TaskInProgress, TaskReview, false},
	{TaskInProgress, TaskDone, false},
	{TaskReview, TaskDone, false},
	{TaskReview, TaskInProgress, true}, // 退回
	{TaskDone, TaskClosed, false},
	{TaskRegistered, TaskWithdrawn, true},
	{TaskAssigned, TaskWithdrawn, true},
	{TaskInProgress, TaskWithdrawn, true},
	{TaskReview, TaskWithdrawn, true},
}

// proposalTransitions follows DOMAIN.md: 登记 → 交办 → 办理中 → 已答复 →
// 已评价 → 办结; a unit returns an item that is not its own (退回, with a
// reason) and it is reassigned; an unsatisfied evaluation sends it to 重办
// and a second reply. Choices made here: a unit may reply straight from
// 交办 (many never mark 办理中), and a replied proposal may be closed
// without an evaluation (the proposer may never return the form).
var proposalTransitions = []statusMove[ProposalStatus]{
	{PropRegistered, PropAssigned, false},
	{PropAssigned, PropInProgress, false},
	{PropAssigned, PropReplied, false},
	{PropAssigned, PropReturned, true}, // 退回
	{PropReturned, PropAssigned, false},
	{PropInProgress, PropReplied, false},
	{PropReplied, PropEvaluated, false},
	{PropReplied, PropDone, false},
	{PropEvaluated, PropDone, false},
	{PropEvaluated, PropRehandling, false}, // only when unsatisfied, checked below
	{PropRehandling, PropReplied, false},
}

func findTransition[S ~string](ts []statusMove[S], from, to S) (statusMove[S], bool) {
	for _, t := range ts {
		if t.from == from && t.to == to {
			return t, true
		}
	}
	return statusMove[S]{}, false
}

func nextStatuses[S ~string](ts []statusMove[S], order []S, from S) []S {
	var out []S
	for _, s := range order {
		if _, ok := findTransition(ts, from, s); ok {
			out = append(out, s)
		}
	}
	return out
}

// TaskStatusOf is the task's status, inferred from its dates when the
// ledger it came from had no status column: closed with a closed and a done
// date, done with a done date, assigned with an assigned date, else
// registered (待交办).
func TaskStatusOf(t *Task) TaskStatus {
	switch {
	case t.Status != "":
		return t.Status
	case !t.DoneOn.IsZero() && !t.ClosedOn.IsZero():
		return TaskClosed
	case !t.DoneOn.IsZero():
		return TaskDone
	case !t.AssignedOn.IsZero() && (t.Progress != "" || t.Percent > 0 || len(t.Reports) > 0):
		return TaskInProgress
	case !t.AssignedOn.IsZero():
		return TaskAssigned
	}
	return TaskRegistered
}

// CanChangeTask says whether a task may go from one status to another.
func CanChangeTask(from, to TaskStatus) error {
	if from == to {
		return ruleErr("状态未改变："+TaskStatuses.Zh(to), "the item is already "+string(to))
	}
	if _, ok := findTransition(taskTransitions, from, to); !ok {
		return ruleErr("不能从“"+TaskStatuses.Zh(from)+"”改为“"+TaskStatuses.Zh(to)+"”",
			"an item cannot go from "+string(from)+" to "+string(to))
	}
	return nil
}

// NextTaskStatuses lists the statuses a task in status from may move to,
// in lifecycle order (for the status dropdown).
func NextTaskStatuses(from TaskStatus) []TaskStatus {
	return nextStatuses(taskTransitions, TaskStatuses.Values(), from)
}

// TaskNeedsReason reports whether the change needs a reason (退回, 撤销).
func TaskNeedsReason(from, to TaskStatus) bool {
	t, ok := findTransition(taskTransitions, from, to)
	return ok && t.needsReason
}

// ChangeTaskStatus moves t to status to on the given day, after checking
// the rule against its status (TaskStatusOf). It records the reason (cleared when none is given), the done
// date on 办结, the closed date on 销号 or 撤销 (the withdrawal date is the
// closed date, DOMAIN.md), and the assigned date on 交办 when none is set.
func ChangeTaskStatus(t *Task, to TaskStatus, reason string, on Date) error {
	from := TaskStatusOf(t)
	if err := CanChangeTask(from, to); err != nil {
		return err
	}
	if on.IsZero() {
		return ruleErr("请填写日期", "a date is required")
	}
	reason = strings.TrimSpace(reason)
	if TaskNeedsReason(from, to) && reason == "" {
		if to == TaskWithdrawn {
			return ruleErr("撤销须说明理由", "withdrawing an item needs a reason")
		}
		return ruleErr("退回须说明理由", "returning an item needs a reason")
	}
	switch to {
	case TaskAssigned:
		if t.AssignedOn.IsZero() {
			t.AssignedOn = on
		}
	case TaskDone:
		t.DoneOn = on
	case TaskClosed, TaskWithdrawn:
		t.ClosedOn = on
	}
	t.Status, t.StatusText = to, "" // a word kept as typed goes once a status is chosen
	t.StatusReason = reason
	return nil
}

// CanChangeProposal says whether a proposal may go from one status to another.
func CanChangeProposal(from, to ProposalStatus) error {
	if from == to {
		return ruleErr("状态未改变："+ProposalStatuses.Zh(to), "the proposal is already "+string(to))
	}
	if _, ok := findTransition(proposalTransitions, from, to); !ok {
		return ruleErr("不能从“"+ProposalStatuses.Zh(from)+"”改为“"+ProposalStatuses.Zh(to)+"”",
			"a proposal cannot go from "+string(from)+" to "+string(to))
	}
	return nil
}

// NextProposalStatuses lists the statuses a proposal in status from may
// move to, in lifecycle order.
func NextProposalStatuses(from ProposalStatus) []ProposalStatus {
	return nextStatuses(proposalTransitions, ProposalStatuses.Values(), from)
}

// ProposalNeedsReason reports whether the change needs a reason (退回).
func ProposalNeedsReason(from, to ProposalStatus) bool {
	t, ok := findTransition(proposalTransitions, from, to)
	return ok && t.needsReason
}

// ChangeProposalStatus moves p to status to on the given day, after
// checking the rule. Dates are set only when empty, so the first
// assignment and the first reply stay on record (reply rates count them);
// 重办 needs an unsatisfied evaluation and starts the next round.
func ChangeProposalStatus(p *Proposal, to ProposalStatus, reason string, on Date) error {
	if err := CanChangeProposal(p.Status, to); err != nil {
		return err
	}
	if on.IsZero() {
		return ruleErr("请填写日期", "a date is required")
	}
	reason = strings.TrimSpace(reason)
	if ProposalNeedsReason(p.Status, to) && reason == "" {
		return ruleErr("退回须说明理由", "returning a proposal needs a reason")
	}
	switch to {
	case PropAssigned:
		if p.AssignedOn.IsZero() {
			p.AssignedOn = on
		}
	case PropReplied:
		if p.RepliedOn.IsZero() {
			p.RepliedOn = on
		}
	case PropRehandling:
		if p.Satisfaction != SatUnsatisfied && p.ResultSatisfaction != SatUnsatisfied {
			return ruleErr("只有评价为不满意的才能重办", "only a proposal evaluated as unsatisfied is handled again")
		}
		p.Round++
	}
	p.Status, p.StatusText = to, ""
	p.StatusReason = reason
	return nil
}

// MissingFacts lists what a record's status implies and the record lacks
// (已销号 without its 办结 and 销号 dates, 已撤销 without a reason): a ledger
// that states such a status is taken at its word, and the office is told.
func MissingFacts(r Record) []Text {
	var out []Text
	need := func(missing bool, zh, en string) {
		if missing {
			out = append(out, T(zh, en))
		}
	}
	switch v := r.(type) {
	case *Task:
		switch v.Status {
		case TaskDone:
			need(v.DoneOn.IsZero(), "已办结但没有办结日期", "done without a done date")
		case TaskClosed:
			need(v.DoneOn.IsZero(), "已销号但没有办结日期", "closed without a done date")
			need(v.ClosedOn.IsZero(), "已销号但没有销号日期", "closed without a closed date")
		case TaskWithdrawn:
			need(v.StatusReason == "", "已撤销但没有撤销理由", "withdrawn without a reason")
			need(v.ClosedOn.IsZero(), "已撤销但没有撤销日期", "withdrawn without a date")
		}
	case *Proposal:
		switch v.Status {
		case PropReplied, PropEvaluated, PropDone:
			need(v.RepliedOn.IsZero(), "已答复但没有答复日期", "replied without a reply date")
		case PropReturned:
			need(v.StatusReason == "", "退回但没有理由", "returned without a reason")
		}
	case *Problem:
		need(v.Status == "resolved" && v.ResolvedOn.IsZero(), "已解决但没有解决日期", "resolved without a resolved date")
	case *Project:
		need(v.Status == "done" && v.FinishOn.IsZero(), "已完工但没有完工日期", "done without a finish date")
	}
	return out
}

// ChangeStatus moves a task or a proposal to the status valued to through
// its kind's lifecycle (ChangeTaskStatus, ChangeProposalStatus), for the
// screens that move any record; other kinds have no lifecycle and are
// left as they are.
func ChangeStatus(r Record, to, reason string, on Date) error {
	if l, ok := LifecycleOf(r); ok {
		return l.Change(to, reason, on)
	}
	return nil
}

// Lifecycle is a record's status rules in plain status values, for the
// screens that handle any record (the status dialog, the batch change, the
// form's header): only tasks and proposals have one.
type Lifecycle struct {
	Statuses Enum[string] // the kind's status values (Kind.Statuses)
	Status   string       // the record's status
	Typed    string       // the ledger's own word for it, kept when unknown
	Next     []string     // the statuses the record may move to
	// NeedsReason reports whether the move to status to needs a reason (退回, 撤销).
	NeedsReason func(to string) bool
	// Change moves the record to status to (ChangeTaskStatus, ChangeProposalStatus).
	Change func(to, reason string, on Date) error
}

// LifecycleOf is r's lifecycle; false for a kind without one.
func LifecycleOf(r Record) (Lifecycle, bool) {
	switch v := r.(type) {
	case *Task:
		return Lifecycle{Statuses: KindTask.Statuses(), Status: string(v.Status), Typed: v.StatusText,
			Next:        plain(NextTaskStatuses(v.Status)),
			NeedsReason: func(to string) bool { return TaskNeedsReason(v.Status, TaskStatus(to)) },
			Change:      func(to, reason string, on Date) error { return ChangeTaskStatus(v, TaskStatus(to), reason, on) }}, true
	case *Proposal:
		return Lifecycle{Statuses: KindProposal.Statuses(), Status: string(v.Status), Typed: v.StatusText,
			Next:        plain(NextProposalStatuses(v.Status)),
			NeedsReason: func(to string) bool { return ProposalNeedsReason(v.Status, ProposalStatus(to)) },
			Change:      func(to, reason string, on Date) error { return ChangeProposalStatus(v, ProposalStatus(to), reason, on) }}, true
	}
	return Lifecycle{}, false
}

// HasLifecycle reports whether records of kind k move along a lifecycle
// (LifecycleOf).
func (k Kind) HasLifecycle() bool {
	r := New(k)
	if r == nil {
		return false
	}
	_, ok := LifecycleOf(r)
	return ok
}

// plain widens enum values to strings.
func plain[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
