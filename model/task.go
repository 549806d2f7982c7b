package model

import "strings"

// Source of a supervised item (事项来源).
type Source string

const (
	SourceInstruction Source = "instruction" // 领导批示
	SourceMeeting     Source = "meeting"     // 常务会议确定事项
	SourceResearch    Source = "research"    // 现场调研事项
	SourceKeyTask     Source = "key_task"    // 政府工作报告/年度重点任务
	SourceInvestment  Source = "investment"  // 招商引资项目
	SourceLivelihood  Source = "livelihood"  // 民生重点事项
	SourcePractical   Source = "practical"   // 市办实事
	SourceOther       Source = "other"
)

var Sources = Enum[Source]{
	Options: []Option[Source]{
		{SourceInstruction, "领导批示", "Leader's instruction", []string{"批示", "领导批示件", "批示件", "instruction", "leader instruction", "leaders instruction", "written instruction"}},
		{SourceMeeting, "常务会议确定事项", "Meeting decision", []string{"常务会议", "常务会", "会议确定事项", "会议议定事项", "政府常务会议", "meeting", "executive meeting"}},
		{SourceResearch, "现场调研事项", "On-site research", []string{"调研", "调研事项", "现场调研", "调研交办", "research", "field research"}},
		{SourceKeyTask, "年度重点任务", "Annual key task", []string{"政府工作报告", "重点任务", "工作落实年", "政府工作报告任务", "key task", "work report"}},
		{SourceInvestment, "招商引资项目", "Investment project", []string{"招商引资", "招商项目", "investment"}},
		{SourceLivelihood, "民生重点事项", "Livelihood item", []string{"民生事项", "民生重点", "livelihood"}},
		{SourcePractical, "市办实事", "Practical project", []string{"为民办实事", "办实事", "民生实事", "practical"}},
		{SourceOther, "其他", "Other", []string{"其它", "other"}},
	},
	// Meeting words mean the item was decided at a meeting, whichever
	// meeting (市政府常务会议确定事项, 市长办公会议定, 专题协调会).
	Cues: []Cue[Source]{
		{SourceInstruction, []string{"批示", "批办", "指示", "交办件"}},
		{SourceMeeting, []string{"常务会", "办公会", "协调会", "专题会", "调度会", "会议", "纪要", "会定", "议定"}},
		{SourceResearch, []string{"调研", "视察", "督查发现"}},
		{SourceKeyTask, []string{"政府工作报告", "重点任务", "重点工作", "工作落实年", "年度任务", "目标任务"}},
		{SourceInvestment, []string{"招商", "引资", "投资项目", "签约项目"}},
		{SourceLivelihood, []string{"民生"}},
		{SourcePractical, []string{"实事", "挂牌"}},
	},
}

// TaskStatus is the lifecycle state of a supervised item.
type TaskStatus string

const (
	TaskRegistered TaskStatus = "registered"  // 待交办
	TaskAssigned   TaskStatus = "assigned"    // 已交办（待签收）
	TaskInProgress TaskStatus = "in_progress" // 办理中
	TaskReview     TaskStatus = "review"      // 待审核
	TaskDone       TaskStatus = "done"        // 已办结
	TaskClosed     TaskStatus = "closed"      // 已销号
	TaskWithdrawn  TaskStatus = "withdrawn"   // 已撤销
)

var TaskStatuses = Enum[TaskStatus]{
	Options: []Option[TaskStatus]{
		{TaskRegistered, "待交办", "Registered", []string{"登记", "已登记", "registered"}},
		{TaskAssigned, "已交办", "Assigned", []string{"交办", "待签收", "已签收", "assigned"}},
		{TaskInProgress, "办理中", "In progress", []string{"正在办理", "推进中", "进行中", "落实中", "在办", "未完成", "持续推进", "退回", "in progress"}},
		{TaskReview, "待审核", "Awaiting review", []string{"审核中", "待销号", "申请办结", "review"}},
		{TaskDone, "已办结", "Done", []string{"办结", "已完成", "完成", "已落实", "done"}},
		{TaskClosed, "已销号", "Closed", []string{"销号", "closed"}},
		{TaskWithdrawn, "已撤销", "Withdrawn", []string{"撤销", "撤回", "withdrawn"}},
	},
	// Completion words are done; ongoing-work words (正在…, …中, 推进, 序时)
	// in progress; a negated or partial completion (未完成, 基本完成) is
	// not done. 暂缓, 搁置 have no status of their own: they stay as typed.
	Cues: []Cue[TaskStatus]{
		{TaskRegistered, []string{"待交办", "未交办", "登记"}},
		{TaskAssigned, []string{"已交办", "待签收", "已签收", "签收", "未启动", "未开始", "尚未启动", "尚未开始", "未开工"}},
		{TaskInProgress, []string{"正在", "推进", "序时", "进行", "办理中", "持续", "跟进", "跟踪", "实施", "未完成", "未办结", "尚未完成",
			"没有完成", "未落实", "基本完成", "大部分完成", "部分完成", "接近完成", "退回", "整改中", "*中"}},
		{TaskReview, []string{"审核", "待销号", "申请销号", "申请办结", "验收"}},
		{TaskDone, []string{"办结", "完成", "落实", "竣工", "完工", "办毕", "结案", "解决"}},
		{TaskClosed, []string{"销号"}},
		{TaskWithdrawn, []string{"撤销", "撤回", "取消", "终止"}},
	},
	Done: TaskDone, Ongoing: TaskInProgress,
}

// DeadlineKind says what kind of deadline was typed.
type DeadlineKind string

const (
	DeadlineNone     DeadlineKind = ""
	DeadlineDate     DeadlineKind = "date"
	DeadlineMonthEnd DeadlineKind = "month_end"
	DeadlineYearEnd  DeadlineKind = "year_end"
	DeadlineOngoing  DeadlineKind = "ongoing"
	DeadlinePeriodic DeadlineKind = "periodic"
	// DeadlineWorkdays counts working days from the assigned date (7个工作日,
	// 收到后30个工作日内) on the holiday calendar.
	DeadlineWorkdays DeadlineKind = "workdays"
)

// HasDate reports whether the kind carries a completion deadline
// (ongoing and periodic items have none).
func (k DeadlineKind) HasDate() bool {
	return k == DeadlineDate || k == DeadlineMonthEnd || k == DeadlineYearEnd || k == DeadlineWorkdays
}

// Cycle is how often progress reports are due.
type Cycle string

const (
	CycleNone      Cycle = ""
	CycleOnce      Cycle = "once"
	CycleWeekly    Cycle = "weekly"
	CycleMonthly   Cycle = "monthly"
	CycleQuarterly Cycle = "quarterly"
)

var Cycles = Enum[Cycle]{
	Options: []Option[Cycle]{
		{CycleOnce, "一次性", "Once", []string{"一次", "once"}},
		{CycleWeekly, "每周", "Weekly", []string{"周报", "一周一报", "weekly"}},
		{CycleMonthly, "每月", "Monthly", []string{"月报", "一月一报", "monthly"}},
		{CycleQuarterly, "每季度", "Quarterly", []string{"季报", "一季一报", "quarterly"}},
	},
	Cues: []Cue[Cycle]{
		{CycleOnce, []string{"一次", "办结后报"}},
		{CycleWeekly, []string{"周"}},
		{CycleMonthly, []string{"月"}},
		{CycleQuarterly, []string{"季"}},
	},
}

// Task is a supervised item (督办事项).
type Task struct {
	Meta
	Number      string     `json:"number"`      // 编号, e.g. 督〔2019〕15号
	Source      Source     `json:"source"`      // 事项来源
	SourceRef   string     `json:"source_ref"`  // 文号 / 会议届次
	SourceDate  Date       `json:"source_date"` // 批示或会议日期
	Title       string     `json:"title"`       // 事项名称
	Content     string     `json:"content"`     // 交办内容
	Instruction string     `json:"instruction"` // 批示原文
	Leader      string     `json:"leader"`      // 责任领导
	LeadUnit    string     `json:"lead_unit"`   // derived: first lead unit
	Units       []UnitRole `json:"units"`
	AssignedOn  Date       `json:"assigned_on"` // 交办日期
	Deadline               // 完成时限: deadline, deadline_text, deadline_kind
	// FirstDeadline is the deadline before any extension; kept so an item
	// that was once overdue stays marked as such.
	FirstDeadline Date        `json:"first_deadline"`
	Cycle         Cycle       `json:"report_cycle"`
	ReportDay     int         `json:"report_day"` // day of the period the report is due (1-31, weekday 1-7)
	Key           bool        `json:"key"`        // 重点
	Listed        bool        `json:"listed"`     // 挂牌督办
	Parent        string      `json:"parent"`     // parent item's number
	Status        TaskStatus  `json:"status"`
	StatusReason  string      `json:"status_reason"` // why returned / withdrawn
	Progress      string      `json:"progress"`      // 办理进展 (latest)
	Percent       int         `json:"percent"`
	DoneOn        Date        `json:"done_on"`   // 办结日期
	ClosedOn      Date        `json:"closed_on"` // 销号日期 (or withdrawal)
	Remarks       string      `json:"remarks"`
	Reports       []Report    `json:"reports"`
	Extensions    []Extension `json:"extensions"`
	Reminders     []Reminder  `json:"reminders"`
	SourceText    string      `json:"source_text,omitempty"`       // 事项来源 as typed when no value matched
	StatusText    string      `json:"status_text,omitempty"`       // 状态 as typed when no value matched
	CycleText     string      `json:"report_cycle_text,omitempty"` // 报送周期 as typed when no value matched
	// Extra keeps the cells of columns the reader has no field for, by
	// header, so nothing typed is lost; exported back in one column.
	Extra map[string]string `json:"extra,omitempty"`
}

// Normalize derives the lead unit and trims text fields.
func (t *Task) Normalize() {
	t.Number = Fold(t.Number)
	t.Title = strings.TrimSpace(t.Title)
	// A task's units are lead, responsible or cooperating; proposal roles
	// typed on a task mean the nearest of those.
	for i, u := range t.Units {
		switch u.Role {
		case RoleCo:
			t.Units[i].Role = RoleCooperating
		case RoleSplit:
			t.Units[i].Role = RoleResponsible
		}
	}
	t.Units = dedupeUnits(t.Units)
	t.LeadUnit = leadOf(t.Units)
	t.Status = TaskStatusOf(t)
	if t.Cycle == "" && t.Deadline.Type == DeadlinePeriodic {
		// 每月25日前 as a deadline is the reporting cycle the item owes.
		if c, day, ok := CycleOf(t.Deadline.Text); ok {
			t.Cycle, t.ReportDay = c, day
		}
	}
	if t.Deadline.Type.HasDate() && t.FirstDeadline.IsZero() {
		t.FirstDeadline = t.Deadline.Due
	}
}

// ReportClass is a unit's self-assessment in a progress report.
type ReportClass string

const (
	ReportOnSchedule ReportClass = "on_schedule" // 达进度
	ReportBehind     ReportClass = "behind"      // 欠进度
	ReportAhead      ReportClass = "ahead"       // 超进度
	ReportDone       ReportClass = "done"        // 已完成
)

var ReportClasses = Enum[ReportClass]{
	Options: []Option[ReportClass]{
		{ReportOnSchedule, "达进度", "On schedule", []string{"正常推进", "按进度", "on schedule"}},
		{ReportBehind, "欠进度", "Behind", []string{"滞后", "进度滞后", "behind"}},
		{ReportAhead, "超进度", "Ahead", []string{"超前", "ahead"}},
		{ReportDone, "已完成", "Done", []string{"完成", "done"}},
	},
	Cues: []Cue[ReportClass]{
		{ReportOnSchedule, []string{"达", "正常", "按期", "按进度", "按计划", "序时", "符合进度"}},
		{ReportBehind, []string{"欠", "滞后", "落后", "缓慢", "延误", "未达"}},
		{ReportAhead, []string{"超进度", "超前", "超额", "超计划", "提前", "快于"}},
		{ReportDone, []string{"完成", "办结"}},
	},
}

// Review is the supervisor's verdict on a progress report.
type Review string

const (
	ReviewPending  Review = ""
	ReviewAccepted Review = "accepted" // 通过
	ReviewReturned Review = "returned" // 退回
)

// Report is one unit's progress report for one period (办理进展).
type Report struct {
	ID         string      `json:"id"` // stable within the task, so copies merge
	Unit       string      `json:"unit"`
	Period     string      `json:"period"` // "2019-06" or "2019-W23"
	ReportedOn Date        `json:"reported_on"`
	Done       string      `json:"done"`     // 工作进展
	Problems   string      `json:"problems"` // 存在问题
	Next       string      `json:"next"`     // 下步措施
	Percent    int         `json:"percent"`
	Class      ReportClass `json:"class"`
	Review     Review      `json:"review"`
	ReviewNote string      `json:"review_note"`
}

// ExtensionState of a deadline extension request.
type ExtensionState string

const (
	ExtensionPending  ExtensionState = "pending"
	ExtensionApproved ExtensionState = "approved"
	ExtensionRefused  ExtensionState = "refused"
)

// Extension is a request to move the deadline (延期).
type Extension struct {
	ID          string         `json:"id"`
	RequestedOn Date           `json:"requested_on"`
	Reason      string         `json:"reason"`
	OldDeadline Date           `json:"old_deadline"`
	NewDeadline Date           `json:"new_deadline"`
	Progress    string         `json:"progress"`
	State       ExtensionState `json:"state"`
	DecidedOn   Date           `json:"decided_on"`
}

// Reminder is one 催办.
type Reminder struct {
	ID     string         `json:"id"`
	On     Date           `json:"on"`
	Method ReminderMethod `json:"method"`
	Level  int            `json:"level"`
	Note   string         `json:"note"`
}

// ReminderMethod is how a reminder was given.
type ReminderMethod string

var ReminderMethods = Enum[ReminderMethod]{
	Options: []Option[ReminderMethod]{
		{"phone", "电话催办", "Phone", []string{"电话", "phone"}},
		{"notice", "催办单", "Reminder notice", []string{"催办通知", "催办通知单", "书面催办", "notice"}},
		{"coloured", "亮牌督办", "Coloured notice", []string{"亮牌", "黄牌", "红牌", "coloured"}},
	},
	Cues: []Cue[ReminderMethod]{
		{"phone", []string{"电话", "短信", "微信"}},
		{"notice", []string{"通知", "催办单", "函"}},
		{"coloured", []string{"牌"}},
	},
}
