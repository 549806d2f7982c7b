package model

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// matchCase is one phrasing met in real ledgers and what it must mean; an
// empty want means the word must stay unknown (kept as typed, warned).
type matchCase[T ~string] struct {
	typed   string
	want    T
	percent int
}

func checkMatches[T ~string](t *testing.T, name string, e Enum[T], cases []matchCase[T]) {
	t.Helper()
	for _, c := range cases {
		m := e.Match(c.typed)
		if c.want == "" {
			assert.False(t, m.OK(), "%s %q should stay unknown, got %q", name, c.typed, m.Value)
			continue
		}
		assert.True(t, m.OK(), "%s %q unknown, want %q", name, c.typed, c.want)
		assert.Equal(t, c.want, m.Value, "%s %q", name, c.typed)
		if c.percent != 0 {
			assert.Equal(t, c.percent, m.Percent, "%s %q percent", name, c.typed)
		}
	}
}

func TestMatchTaskStatusPhrasings(t *testing.T) {
	checkMatches(t, "status", TaskStatuses, []matchCase[TaskStatus]{
		{typed: "办结", want: TaskDone}, {typed: "已办结", want: TaskDone}, {typed: "已完成", want: TaskDone},
		{typed: "已落实", want: TaskDone}, {typed: "全部完成", want: TaskDone}, {typed: "已于6月底办结", want: TaskDone},
		{typed: "完成", want: TaskDone}, {typed: "Done", want: TaskDone}, {typed: "已竣工", want: TaskDone},
		{typed: "正在推进", want: TaskInProgress}, {typed: "按序时推进", want: TaskInProgress}, {typed: "推进中", want: TaskInProgress},
		{typed: "正在协调", want: TaskInProgress}, {typed: "持续推进", want: TaskInProgress}, {typed: "基本完成", want: TaskInProgress},
		{typed: "未完成", want: TaskInProgress}, {typed: "尚未完成", want: TaskInProgress}, {typed: "办理中", want: TaskInProgress},
		{typed: "积极对接中", want: TaskInProgress}, {typed: "整改中", want: TaskInProgress}, {typed: "有序推进", want: TaskInProgress},
		{typed: "in progress", want: TaskInProgress}, {typed: "In Progress", want: TaskInProgress},
		{typed: "完成90%", want: TaskInProgress, percent: 90}, {typed: "已完成 100%", want: TaskDone, percent: 100},
		{typed: "完成６０％", want: TaskInProgress, percent: 60}, {typed: "80%", want: TaskInProgress, percent: 80},
		{typed: "未启动", want: TaskAssigned}, {typed: "尚未开始", want: TaskAssigned}, {typed: "已交办", want: TaskAssigned},
		{typed: "待签收", want: TaskAssigned}, {typed: "已销号", want: TaskClosed}, {typed: "销号", want: TaskClosed},
		{typed: "申请销号", want: TaskReview}, {typed: "待销号", want: TaskReview}, {typed: "待审核", want: TaskReview},
		{typed: "已撤销", want: TaskWithdrawn}, {typed: "取消", want: TaskWithdrawn}, {typed: "待交办", want: TaskRegistered},
		// no status of their own, or two meanings at once: kept as typed
		{typed: "暂缓"}, {typed: "搁置"}, {typed: "★"}, {typed: "已办结，资料归档中"}, {typed: "见附件"}, {typed: "?"},
		{typed: "已完成，申请销号"}, {typed: "一般"},
	})
}

func TestMatchSourcePhrasings(t *testing.T) {
	checkMatches(t, "source", Sources, []matchCase[Source]{
		{typed: "市政府常务会议确定事项", want: SourceMeeting}, {typed: "市长办公会", want: SourceMeeting},
		{typed: "专题协调会", want: SourceMeeting}, {typed: "市政府第12次常务会议", want: SourceMeeting},
		{typed: "会议纪要", want: SourceMeeting}, {typed: "常务会", want: SourceMeeting},
		{typed: "市委书记批示", want: SourceInstruction}, {typed: "领导批示件", want: SourceInstruction},
		{typed: "市长批示", want: SourceInstruction}, {typed: "省领导指示", want: SourceInstruction},
		{typed: "现场调研", want: SourceResearch}, {typed: "市领导调研交办", want: SourceResearch},
		{typed: "2019年政府工作报告", want: SourceKeyTask}, {typed: "年度重点工作", want: SourceKeyTask},
		{typed: "招商引资签约项目", want: SourceInvestment}, {typed: "民生重点事项", want: SourceLivelihood},
		{typed: "为民办实事", want: SourcePractical}, {typed: "市办实事（公开挂牌）", want: SourcePractical},
		{typed: "民生实事", want: SourcePractical}, {typed: "其它", want: SourceOther},
		{typed: "Leader's instruction", want: SourceInstruction}, {typed: "meeting decision", want: SourceMeeting},
		{typed: "人大代表建议"}, {typed: "上级来文"}, {typed: "常务会议调研事项"},
	})
}

func TestMatchMeetingKindPhrasings(t *testing.T) {
	checkMatches(t, "meeting kind", MeetingKinds, []matchCase[MeetingKind]{
		{typed: "常务会议", want: "executive"}, {typed: "市政府常务会议", want: "executive"}, {typed: "常务会", want: "executive"},
		{typed: "市长办公会议", want: "mayor"}, {typed: "市长办公会", want: "mayor"}, {typed: "区长办公会", want: "mayor"},
		{typed: "专题会议", want: "special"}, {typed: "专题协调会", want: "special"}, {typed: "调度会", want: "special"},
		{typed: "现场推进会", want: "special"}, {typed: "联席会议", want: "special"}, {typed: "其他", want: "other"},
		{typed: "Executive meeting", want: "executive"}, {typed: "全体会议"}, {typed: "座谈会"},
	})
}

func TestMatchProposalPhrasings(t *testing.T) {
	checkMatches(t, "satisfaction", Satisfactions, []matchCase[Satisfaction]{
		{typed: "满意", want: SatSatisfied}, {typed: "非常满意", want: SatSatisfied}, {typed: "很满意", want: SatSatisfied},
		{typed: "基本满意", want: SatBasically}, {typed: "比较满意", want: SatBasically}, {typed: "较满意", want: SatBasically},
		{typed: "不满意", want: SatUnsatisfied}, {typed: "不太满意", want: SatUnsatisfied}, {typed: "未反馈", want: SatNone},
		{typed: "暂未评价", want: SatNone}, {typed: "待评价", want: SatNone}, {typed: "Satisfied", want: SatSatisfied},
		{typed: "一般"},
	})
	checkMatches(t, "status", ProposalStatuses, []matchCase[ProposalStatus]{
		{typed: "已答复", want: PropReplied}, {typed: "已书面答复", want: PropReplied}, {typed: "已办复", want: PropReplied},
		{typed: "正在办理", want: PropInProgress}, {typed: "办理中", want: PropInProgress}, {typed: "已办结", want: PropDone},
		{typed: "退回改办", want: PropReturned}, {typed: "二次办理", want: PropRehandling}, {typed: "已交办", want: PropAssigned},
		{typed: "已答复待评价"},
	})
	checkMatches(t, "body", Bodies, []matchCase[Body]{
		{typed: "人大代表建议", want: BodyNPC}, {typed: "市人大建议", want: BodyNPC}, {typed: "代表议案", want: BodyNPC},
		{typed: "政协委员提案", want: BodyCPPCC}, {typed: "市政协提案", want: BodyCPPCC}, {typed: "NPC", want: BodyNPC},
		{typed: "人大政协"},
	})
	checkMatches(t, "type", ProposalTypes, []matchCase[ProposalType]{
		{typed: "个人", want: "individual"}, {typed: "代表联名", want: "joint"}, {typed: "民主党派集体提案", want: "collective"},
		{typed: "界别提案", want: "collective"},
	})
	checkMatches(t, "mode", HandlingModes, []matchCase[HandlingMode]{
		{typed: "单独办理", want: "single"}, {typed: "主办+会办", want: "lead_co"}, {typed: "主协办", want: "lead_co"},
		{typed: "分别办理", want: "split"}, {typed: "分办", want: "split"},
	})
	checkMatches(t, "publication", Publications, []matchCase[Publication]{
		{typed: "全文公开", want: "full"}, {typed: "公开", want: "full"}, {typed: "摘要公开", want: "summary"},
		{typed: "部分公开", want: "summary"}, {typed: "不予公开", want: "none"}, {typed: "依申请公开", want: "none"},
	})
	checkMatches(t, "topic", Topics, []matchCase[Topic]{
		{typed: "财政经济", want: "财政经济"}, {typed: "农业", want: "农业农村"}, {typed: "乡村振兴", want: "农业农村"},
		{typed: "教育", want: "教科文卫"}, {typed: "医疗卫生", want: "教科文卫"}, {typed: "交通", want: "城建环资"},
		{typed: "社会保障", want: "社会建设"}, {typed: "公安", want: "内务司法"}, {typed: "综合"},
	})
}

func TestMatchFieldWorkPhrasings(t *testing.T) {
	checkMatches(t, "visit type", VisitTypes, []matchCase[VisitType]{
		{typed: "领导调研", want: VisitResearch}, {typed: "专题调研", want: VisitResearch}, {typed: "实地考察", want: VisitResearch},
		{typed: "联系点走访", want: VisitLiaison}, {typed: "基层联系点", want: VisitLiaison}, {typed: "帮扶村走访", want: VisitVillage},
		{typed: "驻村帮扶", want: VisitVillage}, {typed: "入户走访", want: VisitVillage}, {typed: "座谈"},
		{typed: "联系点调研", want: VisitLiaison},
	})
	checkMatches(t, "project status", ProjectStatuses, []matchCase[ProjectStatus]{
		{typed: "已完工", want: "done"}, {typed: "已建成投用", want: "done"}, {typed: "竣工验收", want: "done"},
		{typed: "正在施工", want: "in_progress"}, {typed: "建设中", want: "in_progress"}, {typed: "主体完工", want: "in_progress"},
		{typed: "完成70%", want: "in_progress", percent: 70}, {typed: "前期", want: "planned"}, {typed: "未开工", want: "planned"},
		{typed: "暂缓实施"}, {typed: "停工", want: "suspended"}, {typed: "已完成前期工作"},
	})
	checkMatches(t, "problem status", ProblemStatuses, []matchCase[ProblemStatus]{
		{typed: "已解决", want: "resolved"}, {typed: "已化解", want: "resolved"}, {typed: "正在协调", want: "in_progress"},
		{typed: "协调中", want: "in_progress"}, {typed: "基本解决", want: "in_progress"}, {typed: "未解决", want: "open"},
		{typed: "尚未解决", want: "open"}, {typed: "已办结", want: "resolved"}, {typed: "待研究"},
	})
	checkMatches(t, "category", ProjectCategories, []matchCase[ProjectCategory]{
		{typed: "产业项目", want: "产业发展"}, {typed: "产业发展", want: "产业发展"}, {typed: "蔬菜大棚", want: "产业发展"},
		{typed: "道路硬化", want: "基础设施"}, {typed: "安全饮水", want: "基础设施"}, {typed: "改厕", want: "人居环境"},
		{typed: "危房改造", want: "人居环境"}, {typed: "助学", want: "教育"}, {typed: "公益岗位", want: "就业"},
		{typed: "其他"},
	})
	checkMatches(t, "frequency", Frequencies, []matchCase[Frequency]{
		{typed: "每月", want: "month"}, {typed: "每月一次", want: "month"}, {typed: "按月", want: "month"},
		{typed: "每季度", want: "quarter"}, {typed: "一季度一次", want: "quarter"}, {typed: "每周", want: "week"},
		{typed: "每半年", want: "half_year"}, {typed: "不定期"},
	})
	checkMatches(t, "fund source", FundSources, []matchCase[FundSource]{
		{typed: "财政专项扶贫资金", want: "fiscal"}, {typed: "省级财政专项", want: "fiscal"}, {typed: "单位帮扶资金", want: "assisting_unit"},
		{typed: "爱心捐款", want: "donation"}, {typed: "村民自筹", want: "self_raised"}, {typed: "协调争取", want: "coordinated"},
		{typed: "涉农整合资金", want: "integrated"},
	})
	checkMatches(t, "report class", ReportClasses, []matchCase[ReportClass]{
		{typed: "达进度", want: ReportOnSchedule}, {typed: "按计划推进", want: ReportOnSchedule}, {typed: "进度滞后", want: ReportBehind},
		{typed: "未达进度", want: ReportBehind}, {typed: "超前完成"}, {typed: "提前", want: ReportAhead}, {typed: "已完成", want: ReportDone},
	})
	checkMatches(t, "cycle", Cycles, []matchCase[Cycle]{
		{typed: "每月25日前", want: CycleMonthly}, {typed: "每周五", want: CycleWeekly}, {typed: "按季度", want: CycleQuarterly},
		{typed: "一次性报送", want: CycleOnce},
	})
}

// Every label and synonym maps to its own value, in both languages.
func TestEveryLabelMatchesItsValue(t *testing.T) {
	labels := func(e Enum[TaskStatus]) {
		for _, o := range e.Options {
			for _, w := range append([]string{o.Zh, o.En, string(o.Value)}, o.Synonyms...) {
				assert.Equal(t, o.Value, e.Match(w).Value, w)
			}
		}
	}
	labels(TaskStatuses)
	assert.Equal(t, "Awaiting review", TaskStatuses.Label(TaskReview, "en"))
	assert.Equal(t, "待审核", TaskStatuses.Label(TaskReview, "zh"))
	assert.Equal(t, "Villagers' own money", FundSources.Label("self_raised", "en"))
}

func FuzzEnumMatch(f *testing.F) {
	for _, s := range []string{"完成90%", "正在推进中", "已办结，资料归档中", "100%", "%", "中", "*", "，中", "１００％完成", "999%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := TaskStatuses.Match(s)
		if m.OK() && !TaskStatuses.Valid(m.Value) {
			t.Fatalf("%q gave %q, not a value", s, m.Value)
		}
		if m.Percent < -1 || m.Percent > 100 {
			t.Fatalf("%q gave percent %d", s, m.Percent)
		}
		_ = ProjectStatuses.Match(s)
		_ = Sources.Match(s)
	})
}

func TestEveryKindAndVocabHasNamesInBothLanguages(t *testing.T) {
	for _, k := range Kinds() {
		assert.NotEmpty(t, k.SheetName(), k)
		assert.NotEmpty(t, k.En(), k)
	}
	for _, v := range Vocabs() {
		assert.True(t, strings.HasPrefix(v.Title("en"), v.Kind.En()+": "), "English titles name the kind in words: %s", v.Title("en"))
		got, ok := VocabOf(v.Title("zh"))
		assert.True(t, ok)
		assert.Equal(t, v.ID, got.ID)
		for _, val := range v.Values() {
			assert.NotEqual(t, v.Label(val, "en"), v.Label(val, "zh"), "%s %s has labels in both languages", v.ID, val)
		}
	}
}

func TestGroupWarningsNamesTheRowsOfOneWord(t *testing.T) {
	var ws []Warning
	for r := 2; r <= 14; r++ {
		ws = append(ws, Warning{Place: Place{File: "a.xlsx", Sheet: "督办", Row: r, Column: "G", Header: "办理状态", Value: "暂缓"}, Field: "status"})
	}
	ws = append(ws, Warning{Place: Place{File: "a.xlsx", Sheet: "督办", Row: 3, Column: "G", Header: "办理状态", Value: "搁置"}, Field: "status"})
	g := GroupWarnings(ws)
	require.Len(t, g, 2)
	assert.Equal(t, 2, g[0].Row)
	assert.Len(t, g[0].Rows, 13)
	assert.Equal(t, "2、3、4、5、6、7、8、9、10、11…（共13行）", g[0].RowList("zh"))
	assert.Equal(t, "2, 3, 4, 5, 6, 7, 8, 9, 10, 11… (13 rows)", g[0].RowList("en"))
	assert.Equal(t, "3", g[1].RowList("zh"))
}

// A category or topic stored as free text before they were enums finds its
// value (产业项目 groups with 产业发展) or is kept as typed beside none.
func TestFreeTextBeforeEnumsSettles(t *testing.T) {
	p := &Project{Name: "大棚", Category: "产业项目"}
	p.Normalize()
	assert.Equal(t, ProjectCategory("产业发展"), p.Category)
	q := &Project{Name: "其他", Category: "综合类"}
	q.Normalize()
	assert.Equal(t, ProjectCategory(""), q.Category)
	assert.Equal(t, "综合类", q.CategoryText)
	pr := &Proposal{Title: "x", Topic: "乡村振兴"}
	pr.Normalize()
	assert.Equal(t, Topic("农业农村"), pr.Topic)
}
