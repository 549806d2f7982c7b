package model

import "strings"

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
}

// VillageYear holds one year's population figures.
type VillageYear struct {
	Year           int `json:"year"`
	Households     int `json:"households"`
	People         int `json:"people"`
	PoorHouseholds int `json:"poor_households"`
	PoorPeople     int `json:"poor_people"`
	Dibao          int `json:"dibao"` // 低保
	Wubao          int `json:"wubao"` // 五保
}

func (v *Village) Normalize() { v.Name = strings.TrimSpace(v.Name) }

// FundSource is the key a fund is counted under (funds_by_source).
type FundSource string

var FundSources = Enum[FundSource]{
	{"fiscal", "财政专项资金", []string{"财政专项", "财政资金", "财政专项扶贫资金", "省级财政专项", "市级财政专项", "县级财政专项", "中央财政专项", "财政扶贫资金", "专项资金"}},
	{"integrated", "部门整合资金", []string{"整合资金", "涉农整合资金", "部门资金", "行业部门资金", "统筹整合资金"}},
	{"assisting_unit", "帮扶单位投入", []string{"帮扶单位", "单位帮扶资金", "单位投入", "后盾单位", "派驻单位", "帮扶资金"}},
	{"donation", "社会捐赠", []string{"捐赠", "爱心捐款", "社会捐款", "捐款", "企业捐赠", "社会帮扶"}},
	{"self_raised", "群众自筹", []string{"自筹", "村民自筹", "群众自筹资金", "村集体自筹"}},
	{"coordinated", "协调争取资金", []string{"协调资金", "争取资金", "协调争取", "争取项目资金"}},
	{"other", "其他", []string{"其它"}},
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
	{"planned", "计划", []string{"未开工", "筹备", "拟实施", "planned"}},
	{"in_progress", "在建", []string{"实施中", "建设中", "进行中", "推进中", "in progress"}},
	{"done", "已完工", []string{"完工", "已完成", "竣工", "建成", "done"}},
	{"suspended", "暂停", []string{"停工", "suspended"}},
}

// ProjectCategories are the usual categories of projects.
var ProjectCategories = []string{"产业发展", "基础设施", "人居环境", "教育", "就业"}

// Project is an assistance project (帮扶项目).
type Project struct {
	Meta
	Name           string        `json:"name"`
	Village        string        `json:"village"`
	Category       string        `json:"category"`
	Location       string        `json:"location"`
	Content        string        `json:"content"` // 建设内容及规模
	Quantity       float64       `json:"quantity"`
	QuantityUnit   string        `json:"quantity_unit"` // 个, 座, 公里…
	PlannedFen     Fen           `json:"planned_fen"`
	ActualFen      Fen           `json:"actual_fen"`
	StartOn        Date          `json:"start_on"`
	FinishOn       Date          `json:"finish_on"`
	Status         ProjectStatus `json:"status"`
	Percent        int           `json:"percent"`
	Households     int           `json:"households"`
	PoorHouseholds int           `json:"poor_households"`
	Remarks        string        `json:"remarks"`
}

func (p *Project) Normalize() { p.Name = strings.TrimSpace(p.Name) }

// Point is a grassroots liaison point (基层联系点).
type Point struct {
	Meta
	Name       string `json:"name"`
	ShortName  string `json:"short_name"` // 简称, matched as an alias
	Address    string `json:"address"`
	Contact    string `json:"contact"`
	Phone      string `json:"phone"`
	Owner      string `json:"owner"`       // the office section that owns it
	VisitEvery string `json:"visit_every"` // month | quarter
	Inactive   bool   `json:"inactive"`
	Remarks    string `json:"remarks"`
}

func (p *Point) Normalize() {
	p.Name = strings.TrimSpace(p.Name)
	if p.VisitEvery == "" {
		p.VisitEvery = "month"
	}
}

// VisitType of a field visit.
type VisitType string

const (
	VisitResearch VisitType = "research" // 领导调研
	VisitLiaison  VisitType = "liaison"  // 联系点走访
	VisitVillage  VisitType = "village"  // 帮扶村走访
)

var VisitTypes = Enum[VisitType]{
	{VisitResearch, "调研", []string{"领导调研", "调研走访", "基层调研", "research"}},
	{VisitLiaison, "联系点走访", []string{"联系点", "基层联系点", "联系点调研", "liaison"}},
	{VisitVillage, "帮扶村走访", []string{"帮扶村", "驻村", "入户走访", "village"}},
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
	{"open", "待解决", []string{"未解决", "新提出", "open"}},
	{"in_progress", "解决中", []string{"办理中", "推进中", "正在解决", "in progress"}},
	{"resolved", "已解决", []string{"解决", "已办结", "已完成", "resolved"}},
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
	Number  string `json:"number"` // 第N次常务会议
	Kind    string `json:"kind"`   // executive | special | other
	Title   string `json:"title"`
	HeldOn  Date   `json:"held_on"`
	Topics  int    `json:"topics"` // 议题数
	Chair   string `json:"chair"`
	Remarks string `json:"remarks"`
}

func (m *Meeting) Normalize() {
	m.Number = Fold(m.Number)
	if m.Kind == "" {
		m.Kind = meetingKindOf(Fold(m.Title + " " + m.Number))
	}
}

// meetingKindOf reads a meeting's kind from its name when no 会议类型 was
// typed: 专题会议 and 调度会 are special, 常务会议 (or a bare 第12次) executive.
func meetingKindOf(name string) string {
	switch {
	case strings.Contains(name, "常务会"):
		return "executive"
	case strings.Contains(name, "专题会") || strings.Contains(name, "调度会"):
		return "special"
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
}

func (u *Unit) Normalize() { u.Name = strings.TrimSpace(u.Name) }

// Holiday is one day of the official calendar: a holiday, or a make-up
// working day (调休上班) when Workday is set.
type Holiday struct {
	Meta
	Date    Date   `json:"date"`
	Name    string `json:"name"`
	Workday bool   `json:"workday"`
}

func (h *Holiday) Normalize() { h.Name = strings.TrimSpace(h.Name) }
