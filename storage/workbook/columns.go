// Package workbook converts between Excel workbooks and model records: it
// writes Taizhang's exports and templates and reads any ledger people keep,
// with its title rows, two-level headers, merged cells and typed-as-text
// values. It never touches the database.
package workbook

import (
	"strings"

	"taizhang/model"
)

// ValueType is how a column's cells are written and parsed.
type ValueType int

const (
	TypeText     ValueType = iota
	TypeDate               // a real date cell; text dates are parsed
	TypeDeadline           // deadline, deadline_text, deadline_kind
	TypeMoney              // fen in JSON, yuan in the sheet
	TypeInt
	TypeFloat
	TypePercent    // an integer 0-100
	TypeBool       // 是/否
	TypeEnum       // the Chinese label of an enumerated value
	TypeUnits      // units with roles ([]UnitRole); names joined with 、
	TypeUnit       // one unit name, resolved through the dictionary
	TypeList       // []string joined with 、
	TypeExtra      // map[string]string: header：value lines
	TypeYear       // a village's figure for one year (VillageYear's JSON field)
	TypeVocab      // a value dictionary's field: its id, shown by its title
	TypeVocabValue // a value of the row's TypeVocab field, shown by its label
)

// EnumSpec is an enumerated field seen without its Go type parameter.
type EnumSpec struct {
	Labels []string
	Match  func(string) enumMatch
	Zh     func(string) string
}

// enumMatch is model.Match without its type parameter.
type enumMatch struct {
	value     string
	how       model.How
	percent   int // -1: none typed
	ambiguous []string
}

func (m enumMatch) ok() bool { return m.how != model.HowNone }

func enumOf[T ~string](e model.Enum[T]) *EnumSpec {
	return &EnumSpec{
		Labels: e.Labels(),
		Match: func(s string) enumMatch {
			m := e.Match(s)
			out := enumMatch{value: string(m.Value), how: m.How, percent: m.Percent}
			for _, v := range m.Ambiguous {
				out.ambiguous = append(out.ambiguous, e.Zh(v))
			}
			return out
		},
		Zh: func(s string) string { return e.Zh(T(s)) },
	}
}

// Column describes one column of a kind's sheet.
type Column struct {
	Header   string   // Chinese header written on export
	Synonyms []string // other headers accepted on import (Chinese and English)
	Field    string   // JSON field name the column fills
	Type     ValueType
	Enum     *EnumSpec // TypeEnum
	// Roles for TypeUnits: Export lists the units whose role is one of
	// Export; import gives First to the first unit of a cell and Rest to the others.
	Export      []model.Role
	First, Rest model.Role
	// Open: an enum column whose field itself keeps a value outside the
	// list as typed (a local result-class scheme); other enum columns keep
	// such a word in the field's *_text companion.
	Open bool
	// Fill marks what a department fills in (highlighted in --unit exports).
	Fill  bool
	Width float64 // width hint in characters
	// Key columns identify a row; header detection needs one of them.
	Key bool
	// EndField: a date column that also takes a span of days (a visit of
	// 2019年5月6日-8日) puts the span's last day in this field.
	EndField string
	// Month: a date column where a month alone (2019年5月, 2019.4) is
	// usual — funds arriving, projects starting — takes its first day
	// ("first") or its last ("last"), with a note.
	Month string
	// Money in 万元 when the header says so; set on matched columns only.
	wan bool
	// source: an amount column of a funds ledger split by source
	// (资金来源 over 财政专项资金 | 帮扶单位 …) names the source of its cells.
	source string
}

// ignoredHeaders are recognised as header words (they help find the header
// row) but carry nothing to import.
var ignoredHeaders = []string{"序号", "序", "No", "No.", "#", "行号", "排序"}

func text(header, field string, width float64, syn ...string) Column {
	return Column{Header: header, Field: field, Type: TypeText, Width: width, Synonyms: syn}
}

func date(header, field string, syn ...string) Column {
	return Column{Header: header, Field: field, Type: TypeDate, Width: 12, Synonyms: syn}
}

// month lets a date column take a month alone, as its first or last day.
func month(c Column, day string) Column {
	c.Month = day
	return c
}

// span lets a date column take a span of days, its end going to end.
func span(c Column, end string) Column {
	c.EndField = end
	return c
}

func money(header, field string, syn ...string) Column {
	return Column{Header: header, Field: field, Type: TypeMoney, Width: 14, Synonyms: syn}
}

func integer(header, field string, syn ...string) Column {
	return Column{Header: header, Field: field, Type: TypeInt, Width: 8, Synonyms: syn}
}

// yearly is a village's figure of one year; the row's figures make one
// entry of its years.
func yearly(header, field string, syn ...string) Column {
	return Column{Header: header, Field: field, Type: TypeYear, Width: 8, Synonyms: syn}
}

func boolean(header, field string, syn ...string) Column {
	return Column{Header: header, Field: field, Type: TypeBool, Width: 6, Synonyms: syn}
}

func enum(header, field string, e *EnumSpec, syn ...string) Column {
	return Column{Header: header, Field: field, Type: TypeEnum, Enum: e, Width: 10, Synonyms: syn}
}

func key(c Column) Column  { c.Key = true; return c }
func fill(c Column) Column { c.Fill = true; return c }

var remarks = text("备注", "remarks", 20, "说明", "其他说明", "remarks", "note", "notes")

// extraColumn carries the cells of columns a ledger had and Taizhang has no
// field for (header：value, a line each), so they travel and come back.
var extraColumn = Column{Header: "其他列", Field: "extra", Type: TypeExtra, Width: 24,
	Synonyms: []string{"附加列", "其他信息", "extra columns", "extra"}}

// columnTables is every kind's column table, in export order.
var columnTables = withExtra(map[model.Kind][]Column{
	model.KindTask: {
		key(text("编号", "number", 16, "督办编号", "事项编号", "交办编号", "督查编号", "督办号", "文号编号", "任务编号", "督办件编号", "number", "no")),
		enum("事项来源", "source", enumOf(model.Sources), "来源", "督办类别", "事项类别", "交办来源", "类别", "source"),
		text("来源文号", "source_ref", 16, "来源依据", "交办依据", "文号", "批示文号", "会议届次", "交办文号", "source ref"),
		date("来源日期", "source_date", "批示日期", "会议日期", "批示时间", "source date"),
		key(text("事项名称", "title", 30, "督办事项", "交办事项", "任务名称", "事项", "工作任务", "重点任务", "项目名称", "督办内容名称", "督办事项名称", "工作事项", "事项标题", "title", "item")),
		text("交办内容", "content", 40, "具体内容", "任务内容", "工作内容", "督办内容", "主要内容", "目标任务", "工作目标",
			"事项内容", "具体任务", "具体事项", "督办事项内容", "工作任务", "重点任务", "content"),
		text("批示原文", "instruction", 30, "批示内容", "领导批示", "批示意见", "领导批示内容", "批示要求", "批示精神", "instruction"),
		text("责任领导", "leader", 10, "分管领导", "牵头领导", "包抓领导", "责任市领导", "市级领导", "分管市领导", "牵头市领导", "包联领导", "leader"),
		{Header: "牵头单位", Field: "units", Type: TypeUnits, Export: []model.Role{model.RoleLead},
			First: model.RoleLead, Rest: model.RoleResponsible, Width: 16, Key: true,
			Synonyms: []string{"牵头部门", "主办单位", "主责单位", "承办单位", "牵头责任单位", "主要责任单位", "责任牵头单位", "lead unit", "lead"}},
		{Header: "责任单位", Field: "units", Type: TypeUnits, Export: []model.Role{model.RoleResponsible},
			First: model.RoleResponsible, Rest: model.RoleResponsible, Width: 16,
			Synonyms: []string{"责任部门", "责任主体", "责任科室", "落实单位", "responsible units", "responsible"}},
		{Header: "配合单位", Field: "units", Type: TypeUnits, Export: []model.Role{model.RoleCooperating},
			First: model.RoleCooperating, Rest: model.RoleCooperating, Width: 16,
			Synonyms: []string{"协办单位", "配合部门", "协同单位", "参与单位", "协助单位", "cooperating units", "cooperating"}},
		// A month alone (2019年3月) is common in item ledgers: assigned on
		// its first day, done or closed on its last (a done item counts by
		// the month's end), with a note.
		month(date("交办日期", "assigned_on", "交办时间", "立项日期", "登记日期", "下达日期", "assigned on", "assigned"), "first"),
		{Header: "完成时限", Field: "deadline", Type: TypeDeadline, Width: 14,
			Synonyms: []string{"办理时限", "截止日期", "完成时间", "时限要求", "完成期限", "办结时限", "截止时间", "时间节点", "办理期限", "完成时间节点", "时限", "deadline", "due"}},
		enum("报送周期", "report_cycle", enumOf(model.Cycles), "报告周期", "汇报周期", "报送频次", "report cycle"),
		integer("报送日", "report_day", "报送时间要求", "report day"),
		boolean("重点", "key", "是否重点", "重点事项", "key"),
		boolean("挂牌督办", "listed", "是否挂牌", "挂牌", "公开挂牌", "listed"),
		text("上级事项", "parent", 16, "所属事项", "上级编号", "父事项", "parent"),
		fill(enum("状态", "status", enumOf(model.TaskStatuses), "办理状态", "办理情况", "进度状态", "事项状态", "status")),
		text("状态说明", "status_reason", 20, "撤销理由", "退回理由", "撤销原因", "退回原因", "状态原因", "status reason"),
		// 完成情况 holds sentences (已完成可研批复), not a status.
		fill(text("办理进展", "progress", 40, "进展情况", "落实情况", "推进情况", "工作进展", "完成情况", "完成情况说明", "进度情况",
			"办理情况说明", "目前进展", "落实进展", "工作推进情况", "推进落实情况", "进展", "最新进展", "progress")),
		fill(Column{Header: "完成进度", Field: "percent", Type: TypePercent, Width: 8,
			Synonyms: []string{"完成比例", "完成百分比", "进度", "完成率", "percent", "progress %"}}),
		fill(month(date("办结日期", "done_on", "完成日期", "办结时间", "实际完成时间", "done on", "done"), "last")),
		month(date("销号日期", "closed_on", "销号时间", "closed on", "closed"), "last"),
		fill(remarks),
	},
	model.KindMeeting: {
		key(text("会议编号", "number", 18, "编号", "会议届次", "届次", "期数", "number")),
		enum("会议类型", "kind", enumOf(model.MeetingKinds), "类型", "会议类别", "会议种类", "kind"),
		key(text("会议名称", "title", 30, "会议", "名称", "title")),
		date("召开日期", "held_on", "会议日期", "日期", "召开时间", "会议时间", "held on", "date"),
		integer("议题数", "topics", "议题", "议题数量", "topics"),
		text("主持人", "chair", 10, "主持", "chair"),
		remarks,
	},
	model.KindProposal: {
		enum("类别", "body", enumOf(model.Bodies), "建议提案类别", "来源", "类型", "body"),
		text("届次", "session", 20, "会议届次", "届别", "会次", "session"),
		key(text("编号", "number", 10, "提案号", "建议号", "案号", "提案编号", "建议编号", "序号编号", "number")),
		key(text("案由", "title", 36, "标题", "题目", "建议题目", "提案题目", "建议名称", "提案名称", "建议标题", "提案标题", "title")),
		enum("提出方式", "type", enumOf(model.ProposalTypes), "提案类型", "提出类型", "type"),
		text("领衔人", "proposer", 12, "提出人", "代表", "委员", "提案人", "建议人", "领衔代表", "领衔委员", "代表姓名", "委员姓名",
			"第一提案人", "第一领衔人", "提出者", "提案者", "建议者", "领衔提案人", "提案单位", "提出单位", "proposer"),
		text("联名人", "cosigners", 16, "附议人", "联名代表", "联名委员", "附议代表", "附议委员", "附议人员", "联名人员", "附议者",
			"联名者", "cosigners"),
		{Header: "专题", Field: "topic", Type: TypeEnum, Enum: enumOf(model.Topics), Width: 10,
			Synonyms: []string{"分类", "所属类别", "内容分类", "专业类别", "topic"}},
		boolean("重点", "key", "是否重点", "重点提案", "重点建议", "key"),
		enum("办理方式", "mode", enumOf(model.HandlingModes), "交办方式", "mode"),
		{Header: "主办单位", Field: "units", Type: TypeUnits, Export: []model.Role{model.RoleLead},
			First: model.RoleLead, Rest: model.RoleCo, Width: 16, Key: true,
			Synonyms: []string{"承办单位", "牵头单位", "主办部门", "办理单位", "主办", "lead unit"}},
		{Header: "会办单位", Field: "units", Type: TypeUnits, Export: []model.Role{model.RoleCo},
			First: model.RoleCo, Rest: model.RoleCo, Width: 16,
			Synonyms: []string{"协办单位", "会办部门", "协办部门", "配合单位", "会办", "协办", "co units"}},
		{Header: "分办单位", Field: "units", Type: TypeUnits, Export: []model.Role{model.RoleSplit},
			First: model.RoleSplit, Rest: model.RoleSplit, Width: 16,
			Synonyms: []string{"分办部门", "分办", "split units"}},
		date("交办日期", "assigned_on", "交办时间", "assigned on"),
		date("答复期限", "due_on", "办理时限", "办复时限", "答复时限", "截止日期", "due on"),
		date("延期至", "extended_to", "延期时限", "extended to"),
		fill(date("答复日期", "replied_on", "办复日期", "答复时间", "办复时间", "回复日期", "回复时间", "replied on")),
		fill(text("答复文号", "reply_ref", 16, "办复文号", "reply ref")),
		fill(Column{Header: "答复类别", Field: "result_class", Type: TypeEnum, Enum: enumOf(model.ResultClasses), Open: true, Width: 8,
			Synonyms: []string{"办理结果", "结果类别", "办复类别", "答复分类", "答复类型", "办理结果类别", "答复结果类别", "result class"}}),
		fill(date("面商日期", "met_on", "见面日期", "沟通日期", "面商时间", "见面沟通", "见面沟通时间", "见面沟通日期",
			"面商情况", "见面情况", "见面沟通情况", "met on")),
		enum("满意度", "satisfaction", enumOf(model.Satisfactions), "办理满意度", "评价", "测评意见", "代表评价", "委员评价", "反馈意见",
			"代表满意度", "委员满意度", "代表意见", "委员意见", "评价意见", "满意度测评", "满意程度", "satisfaction"),
		enum("结果满意度", "result_satisfaction", enumOf(model.Satisfactions), "结果评价", "result satisfaction"),
		integer("办理轮次", "round", "轮次", "round"),
		fill(enum("状态", "status", enumOf(model.ProposalStatuses), "办理状态", "办理情况", "status")),
		enum("公开方式", "publication", enumOf(model.Publications), "公开情况", "是否公开", "publication"),
		date("公开日期", "published_on", "published on"),
		fill(remarks),
	},
	model.KindVillage: {
		key(text("村名", "name", 14, "帮扶村", "村", "村庄", "行政村", "name", "village")),
		text("乡镇", "township", 12, "所属乡镇", "镇", "乡（镇）", "township"),
		text("县区", "county", 12, "县（区）", "所属县区", "县", "county"),
		text("帮扶单位", "assisting_unit", 16, "结对帮扶单位", "派驻单位", "后盾单位", "assisting unit"),
		text("第一书记", "first_secretary", 10, "驻村第一书记", "first secretary"),
		yearly("年度", "year", "统计年度", "年份", "year"),
		yearly("总户数", "households", "户数", "农户数", "户数/人口", "总户数/总人口", "户数及人口", "households"),
		yearly("总人口", "people", "人口", "总人数", "人口数", "people"),
		yearly("贫困户数", "poor_households", "贫困户", "建档立卡户数", "建档立卡贫困户", "建档立卡贫困户户数", "贫困户户数", "poor households"),
		yearly("贫困人口", "poor_people", "贫困人数", "建档立卡人口", "建档立卡贫困户人口", "建档立卡贫困户人数", "贫困户人口", "贫困户人数", "建档立卡贫困人口", "poor people"),
		yearly("低保户数", "dibao", "低保", "低保户", "dibao"),
		yearly("五保户数", "wubao", "五保", "五保户", "特困供养", "wubao"),
		remarks,
	},
	model.KindFund: {
		key(month(date("日期", "date", "到位日期", "拨付日期", "资金日期", "时间", "到账日期", "拨付时间", "到位时间", "到账时间", "下达时间", "下达日期", "date"), "first")),
		key(Column{Header: "资金来源", Field: "source_text", Type: TypeText, Width: 16,
			Synonyms: []string{"来源", "资金性质", "资金类别", "来源渠道", "资金渠道", "source"}}),
		key(money("金额（元）", "amount_fen", "金额", "资金金额", "资金额", "帮扶资金", "投入资金", "资金数额", "到位资金", "到位金额", "拨付金额", "amount")),
		text("项目", "project", 24, "用途", "项目名称", "资金用途", "使用项目", "资金使用项目", "使用方向", "project"),
		text("村", "village", 12, "帮扶村", "村名", "village"),
		remarks,
	},
	model.KindProject: {
		key(text("项目名称", "name", 24, "项目", "名称", "name")),
		text("村", "village", 12, "帮扶村", "村名", "所在村", "village"),
		{Header: "类别", Field: "category", Type: TypeEnum, Enum: enumOf(model.ProjectCategories), Width: 10,
			Synonyms: []string{"项目类别", "项目类型", "类型", "category"}},
		text("地点", "location", 14, "建设地点", "实施地点", "项目地点", "所在地", "建设位置", "location"),
		text("建设内容及规模", "content", 30, "建设内容", "建设规模", "内容及规模", "主要内容", "content"),
		{Header: "数量", Field: "quantity", Type: TypeFloat, Width: 8, Synonyms: []string{"规模数量", "quantity"}},
		text("数量单位", "quantity_unit", 8, "单位（数量）", "计量单位", "quantity unit"),
		money("计划投资（元）", "planned_fen", "计划投资", "总投资", "概算投资", "计划总投资", "投资额", "planned"),
		fill(money("实际投资（元）", "actual_fen", "实际投资", "完成投资", "已完成投资", "actual")),
		fill(month(date("开工日期", "start_on", "开工时间", "开始时间", "start on"), "first")),
		fill(month(date("完工日期", "finish_on", "完工时间", "竣工日期", "竣工时间", "finish on"), "last")),
		fill(enum("状态", "status", enumOf(model.ProjectStatuses), "项目状态", "建设状态", "进展情况", "status")),
		fill(Column{Header: "完成进度", Field: "percent", Type: TypePercent, Width: 8,
			Synonyms: []string{"形象进度", "完成比例", "进度", "percent"}}),
		integer("受益户数", "households", "受益农户", "带动户数", "受益户", "households"),
		integer("受益贫困户数", "poor_households", "受益贫困户", "带动贫困户", "贫困户数", "其中贫困户", "其中贫困户数", "其中建档立卡贫困户", "其中建档立卡户", "带动贫困户数", "poor households"),
		fill(remarks),
	},
	model.KindPoint: {
		key(text("联系点名称", "name", 24, "联系点", "名称", "基层联系点", "name")),
		text("简称", "short_name", 10, "short name"),
		text("地址", "address", 24, "地点", "位置", "address"),
		text("联系人", "contact", 10, "负责人", "contact"),
		text("联系电话", "phone", 14, "电话", "手机", "phone"),
		key(text("责任处室", "owner", 14, "负责处室", "联系处室", "责任科室", "包联处室", "owner")),
		enum("走访频次", "visit_every", enumOf(model.Frequencies), "走访周期", "联系频次", "走访要求", "visit every"),
		boolean("停用", "inactive", "已停用", "是否停用", "停用与否", "inactive"),
		remarks,
	},
	model.KindVisit: {
		key(text("走访编号", "number", 14, "编号", "调研编号", "number")),
		enum("走访类型", "type", enumOf(model.VisitTypes), "类型", "调研类型", "走访类别", "type"),
		key(span(date("开始日期", "start_on", "走访日期", "调研日期", "日期", "时间", "走访时间", "调研时间", "开始时间", "起止日期", "起止时间", "start on", "date"), "end_on")),
		date("结束日期", "end_on", "结束时间", "end on"),
		key(text("带队领导", "leader", 10, "领导", "带队", "调研领导", "带队市领导", "带队人", "leader")),
		text("参加人员", "people", 16, "走访人员", "调研人员", "随行人员", "参加人", "人员", "陪同人员", "参加单位及人员", "people"),
		key(text("走访地点", "place", 18, "地点", "调研地点", "调研单位", "调研对象", "走访对象", "place")),
		text("联系点", "point", 18, "基层联系点", "所属联系点", "point"),
		{Header: "接触基层单位", Field: "units", Type: TypeList, Width: 24,
			Synonyms: []string{"联系基层单位", "走访基层单位", "基层单位", "接触单位", "联系单位", "走访单位", "units"}},
		text("目的", "purpose", 24, "调研主题", "走访目的", "调研目的", "主题", "调研内容", "走访内容", "主要内容", "调研事项", "走访事由", "事由", "purpose"),
		fill(text("发现情况", "findings", 30, "调研情况", "走访情况", "发现问题", "主要情况", "存在问题", "了解情况", "发现的问题",
			"收集问题", "反映问题", "findings")),
		remarks,
	},
	model.KindProblem: {
		key(text("问题编号", "number", 12, "编号", "number")),
		key(text("问题描述", "description", 36, "问题", "问题内容", "存在问题", "反映问题", "description", "problem")),
		text("走访编号", "visit", 14, "来源走访", "调研编号", "visit"),
		{Header: "责任单位", Field: "unit", Type: TypeUnit, Width: 16,
			Synonyms: []string{"承办单位", "牵头单位", "责任部门", "办理单位", "unit"}},
		date("提出日期", "raised_on", "收集日期", "反映日期", "提出时间", "raised on"),
		fill(enum("状态", "status", enumOf(model.ProblemStatuses), "解决状态", "办理状态", "问题状态", "status")),
		fill(date("解决日期", "resolved_on", "办结日期", "解决时间", "办结时间", "完成时间", "完成日期", "销号时间", "销号日期", "resolved on")),
		fill(text("解决措施", "resolution", 30, "解决情况", "解决方式", "办理结果", "解决情况说明", "处理结果",
			"办理情况", "整改情况", "落实情况", "处理情况", "整改措施", "resolution")),
		fill(remarks),
	},
	model.KindUnit: {
		key(text("单位全称", "name", 24, "单位名称", "单位", "全称", "name")),
		key(Column{Header: "简称", Field: "aliases", Type: TypeList, Width: 20, Synonyms: []string{"别名", "简称别名", "aliases"}}),
		text("类别", "category", 10, "单位类别", "单位类型", "单位性质", "category"),
		text("联系人", "contact", 10, "contact"),
		text("联系电话", "phone", 14, "电话", "phone"),
	},
	model.KindHoliday: {
		key(date("日期", "date", "date")),
		key(text("名称", "name", 12, "节日", "节假日", "假日名称", "name")),
		key(boolean("调休上班", "workday", "上班", "是否上班", "工作日", "调休", "是否调休", "上班/休息", "workday")),
	},
	model.KindTerm: {
		key(Column{Header: "字段", Field: "of", Type: TypeVocab, Width: 20, Synonyms: []string{"对照字段", "适用字段", "field"}}),
		key(text("填写的词", "word", 20, "原词", "台账用词", "词语", "写法", "word")),
		key(Column{Header: "对应值", Field: "value", Type: TypeVocabValue, Width: 14, Synonyms: []string{"对应", "视为", "标准值", "value"}}),
		remarks,
	},
})

// withExtra ends every table with the column of extra cells.
func withExtra(t map[model.Kind][]Column) map[model.Kind][]Column {
	for k, cols := range t {
		t[k] = append(cols, extraColumn)
	}
	return t
}

// yesNoDone reads 是否办结: 是 is done, 否 still in progress; a status
// label typed there is taken as it is.
var yesNoDone = func() *EnumSpec {
	e := enumOf(model.TaskStatuses)
	match := e.Match
	e.Match = func(s string) enumMatch {
		switch headerKey(s) {
		case "是", "已办结", "办结", "yes", "y", "√":
			return enumMatch{value: string(model.TaskDone), how: model.HowExact, percent: -1}
		case "否", "未办结", "未完成", "no", "n", "×":
			return enumMatch{value: string(model.TaskInProgress), how: model.HowExact, percent: -1}
		}
		return match(s)
	}
	e.Labels = []string{"是", "否"}
	return e
}()

// yesNoResolved reads 是否解决: 是 is resolved, 否 not yet (open; a
// 解决情况 that says 正在协调 makes it in progress); a status typed there
// is taken as it is.
var yesNoResolved = func() *EnumSpec {
	e := enumOf(model.ProblemStatuses)
	match := e.Match
	e.Match = func(s string) enumMatch {
		switch headerKey(s) {
		case "是", "yes", "y", "√":
			return enumMatch{value: "resolved", how: model.HowExact, percent: -1}
		case "否", "no", "n", "×":
			return enumMatch{value: "open", how: model.HowExact, percent: -1}
		}
		return match(s)
	}
	e.Labels = []string{"是", "否"}
	return e
}()

// importColumns are read from ledgers but never exported: another way of
// filling a field the table already has.
var importColumns = map[model.Kind][]Column{
	model.KindTask: {
		fill(enum("是否办结", "status", yesNoDone, "是否完成", "是否已办结", "办结与否")),
	},
	model.KindProblem: {
		fill(enum("是否解决", "status", yesNoResolved, "是否已解决", "解决与否", "是否办结", "是否整改到位", "是否销号")),
	},
	// A proposals ledger's 办结时间, when it has no 答复日期 before it, is
	// the reply's date (办复): the desk closes an item on its reply.
	model.KindProposal: {
		fill(date("办结时间", "replied_on", "办结日期", "办理完成时间", "办理完毕时间")),
	},
}

// Columns returns the column table of a kind (nil for an unknown kind).
func Columns(k model.Kind) []Column { return columnTables[k] }

// headerKey normalises a header or a label for comparison: full-width forms
// folded, spaces, line breaks and punctuation around words dropped, lower case.
func headerKey(s string) string {
	s = strings.ToLower(model.Fold(s))
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '\u3000', '*', '＊', ':', '：', '_', '-', '/', '、', '.':
			return -1
		}
		return r
	}, s)
}

// stripBrackets drops bracketed parts of a header: 完成时限（截止日期） → 完成时限.
func stripBrackets(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '（', '[', '【', '〔':
			depth++
			continue
		case ')', '）', ']', '】', '〕':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth == 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}
