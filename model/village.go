package model

import (
	"strconv"
	"strings"
)

// Village is the paired poverty-assistance village (帮扶村).
type Village struct {
	Meta
	Name           string        `json:"name"`
	Township       string        `json:"township"`
	County         string        `json:"county"`
	AssistingUnit  string        `json:"assisting_unit"`
	FirstSecretary string        `json:"first_secretary"`
	Years          []VillageYear `json:"years"`
	Remarks        string        `json:"remarks"`
	// Extra keeps the cells of columns the reader has no field for, by
	// header, so nothing typed is lost; exported back in one column.
	Extra map[string]string `json:"extra,omitempty"`
}

// VillageYear holds one year's population figures. ID is the year: ledgers
// carry one year a row, and years merge by it, so a ledger of 2019 never
// drops 2018.
type VillageYear struct {
	ID             string `json:"id"`
	Year           int    `json:"year"`
	Households     int    `json:"households"`
	People         int    `json:"people"`
	PoorHouseholds int    `json:"poor_households"`
	PoorPeople     int    `json:"poor_people"`
	Dibao          int    `json:"dibao"` // 低保
	Wubao          int    `json:"wubao"` // 五保
}

func (v *Village) Normalize() {
	v.Name = strings.TrimSpace(v.Name)
	for i, y := range v.Years {
		if y.Year > 0 {
			v.Years[i].ID = strconv.Itoa(y.Year)
		}
	}
}

// Latest is the figures of the latest year (zero when none).
func (v *Village) Latest() VillageYear {
	var out VillageYear
	for _, y := range v.Years {
		if y.Year >= out.Year {
			out = y
		}
	}
	return out
}

// FundSource is the key a fund is counted under (funds_by_source).
type FundSource string

var FundSources = Enum[FundSource]{
	Options: []Option[FundSource]{
		{"fiscal", "财政专项资金", "Fiscal special funds", []string{"财政专项", "财政资金", "财政专项扶贫资金", "省级财政专项", "市级财政专项", "县级财政专项", "中央财政专项", "财政扶贫资金", "专项资金"}},
		{"integrated", "部门整合资金", "Departments' integrated funds", []string{"整合资金", "涉农整合资金", "部门资金", "行业部门资金", "统筹整合资金"}},
		{"assisting_unit", "帮扶单位投入", "Assisting unit", []string{"帮扶单位", "单位帮扶资金", "单位投入", "后盾单位", "派驻单位", "帮扶资金"}},
		{"donation", "社会捐赠", "Donations", []string{"捐赠", "爱心捐款", "社会捐款", "捐款", "企业捐赠", "社会帮扶"}},
		{"self_raised", "群众自筹", "Villagers' own money", []string{"自筹", "村民自筹", "群众自筹资金", "村集体自筹"}},
		{"coordinated", "协调争取资金", "Coordinated from elsewhere", []string{"协调资金", "争取资金", "协调争取", "争取项目资金"}},
		{"other", "其他", "Other", []string{"其它"}},
	},
	// Ledgers word sources in many ways (财政专项扶贫资金, 省级财政专项,
	// 单位帮扶资金, 爱心捐款…); the most specific word wins.
	Cues: []Cue[FundSource]{
		{"fiscal", []string{"财政", "专项"}},
		{"integrated", []string{"整合", "部门"}},
		{"assisting_unit", []string{"帮扶单位", "后盾单位", "派驻单位", "单位"}},
		{"donation", []string{"捐", "社会帮扶", "慈善"}},
		{"self_raised", []string{"自筹"}},
		{"coordinated", []string{"协调", "争取"}},
	},
}

// Fund is one sum of assistance money (帮扶资金).
type Fund struct {
	Meta
	Date       Date       `json:"date"`
	Source     FundSource `json:"source"`
	SourceText string     `json:"source_text"` // as typed
	AmountFen  Fen        `json:"amount_fen"`
	Project    string     `json:"project"`
	Village    string     `json:"village"`
	Remarks    string     `json:"remarks"`
	// Extra keeps the cells of columns the reader has no field for, by
	// header, so nothing typed is lost; exported back in one column.
	Extra map[string]string `json:"extra,omitempty"`
}

func (f *Fund) Normalize() {
	f.SourceText = strings.TrimSpace(f.SourceText)
	if f.Source == "" {
		f.Source = ClassifyFundSource(f.SourceText)
	}
}

// ProjectStatus of an assistance project.
type ProjectStatus string

var ProjectStatuses = Enum[ProjectStatus]{
	Options: []Option[ProjectStatus]{
		{"planned", "计划", "Planned", []string{"未开工", "筹备", "拟实施", "planned"}},
		{"in_progress", "在建", "In progress", []string{"实施中", "建设中", "进行中", "推进中", "in progress"}},
		{"done", "已完工", "Done", []string{"完工", "已完成", "竣工", "建成", "done"}},
		{"suspended", "暂停", "Suspended", []string{"停工", "suspended"}},
	},
	Cues: []Cue[ProjectStatus]{
		{"planned", []string{"计划", "未开工", "筹备", "拟", "前期", "待建", "立项", "规划", "未启动", "招标"}},
		{"in_progress", []string{"在建", "实施", "施工", "推进", "正在", "基本完成", "未完工", "未完成", "主体完工", "*中"}},
		{"done", []string{"完工", "竣工", "建成", "完成", "投产", "投用", "运营", "验收"}},
		{"suspended", []string{"暂停", "停工", "暂缓", "中止", "搁置", "终止"}},
	},
	Done: "done", Ongoing: "in_progress",
}

// ProjectCategory of an assistance project. Its values are the office's
// own labels, as stored since the first version.
type ProjectCategory string

var ProjectCategories = Enum[ProjectCategory]{
	Options: []Option[ProjectCategory]{
		{"产业发展", "产业发展", "Industry", []string{"产业", "产业项目", "产业扶贫", "industry"}},
		{"基础设施", "基础设施", "Infrastructure", []string{"基础设施建设", "基建", "infrastructure"}},
		{"人居环境", "人居环境", "Living conditions", []string{"人居环境整治", "living conditions"}},
		{"教育", "教育", "Education", []string{"教育扶贫", "education"}},
		{"就业", "就业", "Employment", []string{"就业扶贫", "employment"}},
	},
	Cues: []Cue[ProjectCategory]{
		{"产业发展", []string{"产业", "种植", "养殖", "大棚", "合作社", "光伏", "加工", "电商", "旅游", "特色"}},
		{"基础设施", []string{"基础设施", "基建", "道路", "修路", "硬化", "桥", "水利", "饮水", "供水", "电网", "水渠", "灌溉"}},
		{"人居环境", []string{"人居", "环境", "改厕", "危房", "住房", "亮化", "绿化", "美化", "垃圾", "污水"}},
		{"教育", []string{"教育", "学校", "助学", "奖学", "幼儿园", "校舍"}},
		{"就业", []string{"就业", "务工", "技能培训", "公益岗", "岗位", "劳务"}},
	},
}

// Project is an assistance project (帮扶项目).
type Project struct {
	Meta
	Name           string          `json:"name"`
	Village        string          `json:"village"`
	Category       ProjectCategory `json:"category"`
	Location       string          `json:"location"`
	Content        string          `json:"content"` // 建设内容及规模
	Quantity       float64         `json:"quantity"`
	QuantityUnit   string          `json:"quantity_unit"` // 个, 座, 公里…
	PlannedFen     Fen             `json:"planned_fen"`
	ActualFen      Fen             `json:"actual_fen"`
	StartOn        Date            `json:"start_on"`
	FinishOn       Date            `json:"finish_on"`
	Status         ProjectStatus   `json:"status"`
	Percent        int             `json:"percent"`
	Households     int             `json:"households"`
	PoorHouseholds int             `json:"poor_households"`
	Remarks        string          `json:"remarks"`
	CategoryText   string          `json:"category_text,omitempty"` // as typed when no value matched
	StatusText     string          `json:"status_text,omitempty"`   // as typed when no value matched
	// Extra keeps the cells of columns the reader has no field for, by
	// header, so nothing typed is lost; exported back in one column.
	Extra map[string]string `json:"extra,omitempty"`
}

func (p *Project) Normalize() { p.Name = strings.TrimSpace(p.Name) }

// Point is a grassroots liaison point (基层联系点).
type Point struct {
	Meta
	Name           string    `json:"name"`
	ShortName      string    `json:"short_name"` // 简称, matched as an alias
	Address        string    `json:"address"`
	Contact        string    `json:"contact"`
	Phone          string    `json:"phone"`
	Owner          string    `json:"owner"` // the office section that owns it
	VisitEvery     Frequency `json:"visit_every"`
	Inactive       bool      `json:"inactive"`
	Remarks        string    `json:"remarks"`
	VisitEveryText string    `json:"visit_every_text,omitempty"` // as typed when no value matched
	// Extra keeps the cells of columns the reader has no field for, by
	// header, so nothing typed is lost; exported back in one column.
	Extra map[string]string `json:"extra,omitempty"`
}

func (p *Point) Normalize() {
	p.Name = strings.TrimSpace(p.Name)
	if p.VisitEvery == "" {
		p.VisitEvery = "month"
	}
}

// Frequency of visits a liaison point must have.
type Frequency string

var Frequencies = Enum[Frequency]{
	Options: []Option[Frequency]{
		{"week", "每周", "Weekly", []string{"一周一次", "weekly"}},
		{"month", "每月", "Monthly", []string{"每月一次", "一月一次", "月度", "monthly"}},
		{"quarter", "每季度", "Quarterly", []string{"每季", "一季一次", "季度", "quarterly"}},
		{"half_year", "每半年", "Every six months", []string{"半年", "半年一次"}},
		{"year", "每年", "Yearly", []string{"一年一次", "年度", "yearly"}},
	},
	Cues: []Cue[Frequency]{
		{"week", []string{"周"}},
		{"month", []string{"月"}},
		{"quarter", []string{"季"}},
		{"half_year", []string{"半年"}},
		{"year", []string{"每年", "一年", "全年"}},
	},
}

// VisitType of a field visit.
type VisitType string

const (
	VisitResearch VisitType = "research" // 领导调研
	VisitLiaison  VisitType = "liaison"  // 联系点走访
	VisitVillage  VisitType = "village"  // 帮扶村走访
)

var VisitTypes = Enum[VisitType]{
	Options: []Option[VisitType]{
		{VisitResearch, "调研", "Research visit", []string{"领导调研", "调研走访", "基层调研", "research"}},
		{VisitLiaison, "联系点走访", "Liaison point visit", []string{"联系点", "基层联系点", "联系点调研", "liaison"}},
		{VisitVillage, "帮扶村走访", "Village visit", []string{"帮扶村", "驻村", "入户走访", "village"}},
	},
	// The place decides: a visit to a liaison point or the village is of
	// that kind even when called 调研.
	Cues: []Cue[VisitType]{
		{VisitResearch, []string{"调研", "考察", "视察", "检查", "督导"}},
		{VisitLiaison, []string{"联系点"}},
		{VisitVillage, []string{"帮扶村", "驻村", "入户", "村走访", "帮扶走访", "结对帮扶"}},
	},
}

// Visit is a field visit or research trip (走访/调研).
type Visit struct {
	Meta
	Number   string    `json:"number"` // 走访编号
	Type     VisitType `json:"type"`
	StartOn  Date      `json:"start_on"`
	EndOn    Date      `json:"end_on"`
	Leader   string    `json:"leader"` // 带队领导
	People   string    `json:"people"`
	Place    string    `json:"place"`
	Point    string    `json:"point"` // the liaison point's full name
	Units    []string  `json:"units"` // grassroots units contacted
	Purpose  string    `json:"purpose"`
	Findings string    `json:"findings"`
	Remarks  string    `json:"remarks"`
	TypeText string    `json:"type_text,omitempty"` // as typed when no value matched
	// Extra keeps the cells of columns the reader has no field for, by
	// header, so nothing typed is lost; exported back in one column.
	Extra map[string]string `json:"extra,omitempty"`
}

func (v *Visit) Normalize() {
	v.Number = Fold(v.Number)
	if v.EndOn.IsZero() || v.EndOn.Before(v.StartOn) {
		v.EndOn = v.StartOn
	}
}

// ProblemStatus of a problem raised on a visit.
type ProblemStatus string

var ProblemStatuses = Enum[ProblemStatus]{
	Options: []Option[ProblemStatus]{
		{"open", "待解决", "Open", []string{"未解决", "新提出", "open"}},
		{"in_progress", "解决中", "In progress", []string{"办理中", "推进中", "正在解决", "in progress"}},
		{"resolved", "已解决", "Resolved", []string{"解决", "已办结", "已完成", "resolved"}},
	},
	Cues: []Cue[ProblemStatus]{
		{"open", []string{"未解决", "待解决", "新提出", "未办理", "尚未解决", "待办", "未启动"}},
		{"in_progress", []string{"正在", "推进", "协调", "跟进", "办理中", "基本解决", "部分解决", "逐步解决", "*中"}},
		{"resolved", []string{"解决", "办结", "完成", "落实", "销号", "化解"}},
	},
	Done: "resolved", Ongoing: "in_progress",
}

// Problem is one item of a visit's problem list (问题清单).
type Problem struct {
	Meta
	Number      string        `json:"number"`
	Description string        `json:"description"`
	Visit       string        `json:"visit"` // the visit's number
	Unit        string        `json:"unit"`  // responsible unit
	RaisedOn    Date          `json:"raised_on"`
	Status      ProblemStatus `json:"status"`
	ResolvedOn  Date          `json:"resolved_on"`
	Resolution  string        `json:"resolution"`
	Remarks     string        `json:"remarks"`
	StatusText  string        `json:"status_text,omitempty"` // as typed when no value matched
	// Extra keeps the cells of columns the reader has no field for, by
	// header, so nothing typed is lost; exported back in one column.
	Extra map[string]string `json:"extra,omitempty"`
}

func (p *Problem) Normalize() {
	p.Description = strings.TrimSpace(p.Description)
	if p.Status == "" {
		p.Status = "open"
		if !p.ResolvedOn.IsZero() {
			p.Status = "resolved"
		}
	}
}

// Meeting is an executive (or other) meeting whose decisions become items.
type Meeting struct {
	Meta
	Number   string      `json:"number"` // 第N次常务会议
	Kind     MeetingKind `json:"kind"`
	Title    string      `json:"title"`
	HeldOn   Date        `json:"held_on"`
	Topics   int         `json:"topics"` // 议题数
	Chair    string      `json:"chair"`
	Remarks  string      `json:"remarks"`
	KindText string      `json:"kind_text,omitempty"` // as typed when no value matched
	// Extra keeps the cells of columns the reader has no field for, by
	// header, so nothing typed is lost; exported back in one column.
	Extra map[string]string `json:"extra,omitempty"`
}

func (m *Meeting) Normalize() {
	m.Number = Fold(m.Number)
	if m.Kind == "" {
		m.Kind = meetingKindOf(Fold(m.Title + " " + m.Number))
	}
}

// MeetingKind of a meeting: only executive meetings count in the figures.
type MeetingKind string

var MeetingKinds = Enum[MeetingKind]{
	Options: []Option[MeetingKind]{
		{"executive", "常务会议", "Executive meeting", []string{"政府常务会议", "市政府常务会议", "常务会", "executive"}},
		{"mayor", "市长办公会议", "Mayor's office meeting", []string{"市长办公会", "办公会议", "办公会", "mayor"}},
		{"special", "专题会议", "Special meeting", []string{"专题会", "专题协调会", "调度会", "special"}},
		{"other", "其他", "Other", []string{"其它", "other"}},
	},
	Cues: []Cue[MeetingKind]{
		{"executive", []string{"常务会"}},
		{"mayor", []string{"市长办公会", "县长办公会", "区长办公会", "办公会"}},
		{"special", []string{"专题", "协调会", "调度会", "推进会", "现场会", "联席会"}},
	},
}

// meetingKindOf reads a meeting's kind from its name when no 会议类型 was
// typed; a bare 第12次 is an executive meeting, as the office numbers them.
func meetingKindOf(name string) MeetingKind {
	if m := MeetingKinds.Match(name); m.OK() && m.Value != "other" {
		return m.Value
	}
	return "executive"
}

// Unit is an entry of the unit dictionary: the full name and its aliases.
type Unit struct {
	Meta
	Name     string   `json:"name"` // 全称
	Aliases  []string `json:"aliases"`
	Category string   `json:"category"` // 市直部门, 县区, 乡镇…
	Contact  string   `json:"contact"`
	Phone    string   `json:"phone"`
	// Extra keeps the cells of columns the reader has no field for, by
	// header, so nothing typed is lost; exported back in one column.
	Extra map[string]string `json:"extra,omitempty"`
}

func (u *Unit) Normalize() { u.Name = strings.TrimSpace(u.Name) }

// Holiday is one day of the official calendar: a holiday, or a make-up
// working day (调休上班) when Workday is set.
type Holiday struct {
	Meta
	Date    Date   `json:"date"`
	Name    string `json:"name"`
	Workday bool   `json:"workday"`
	// Extra keeps the cells of columns the reader has no field for, by
	// header, so nothing typed is lost; exported back in one column.
	Extra map[string]string `json:"extra,omitempty"`
}

func (h *Holiday) Normalize() { h.Name = strings.TrimSpace(h.Name) }
