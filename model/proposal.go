package model

import (
	"regexp"
	"strings"
)

// Body that a proposal comes from.
type Body string

const (
	BodyNPC   Body = "npc"   // 人大代表建议
	BodyCPPCC Body = "cppcc" // 政协委员提案
)

var Bodies = Enum[Body]{
	Options: []Option[Body]{
		{BodyNPC, "人大建议", "NPC suggestion", []string{"人大", "人大代表建议", "建议", "代表建议", "NPC"}},
		{BodyCPPCC, "政协提案", "CPPCC proposal", []string{"政协", "政协委员提案", "提案", "委员提案", "CPPCC"}},
	},
	Cues: []Cue[Body]{
		{BodyNPC, []string{"人大", "代表", "建议", "议案"}},
		{BodyCPPCC, []string{"政协", "委员", "提案"}},
	},
}

// ProposalType is who submitted it.
type ProposalType string

var ProposalTypes = Enum[ProposalType]{
	Options: []Option[ProposalType]{
		{"individual", "个人", "Individual", []string{"个人建议", "个人提案", "单独"}},
		{"joint", "联名", "Joint", []string{"联名建议", "联名提案", "附议"}},
		{"collective", "集体", "Collective", []string{"集体提案", "代表团", "党派", "界别"}},
	},
	Cues: []Cue[ProposalType]{
		{"individual", []string{"个人", "单独", "本人"}},
		{"joint", []string{"联名", "附议", "联合"}},
		{"collective", []string{"集体", "代表团", "党派", "界别", "专委会", "民主党派", "工商联", "小组"}},
	},
}

// HandlingMode is how units share a proposal.
type HandlingMode string

var HandlingModes = Enum[HandlingMode]{
	Options: []Option[HandlingMode]{
		{"single", "单办", "Single unit", []string{"单独办理"}},
		{"split", "分办", "Split", []string{"分别办理"}},
		{"lead_co", "主办+会办", "Lead and co-units", []string{"主办会办", "会办", "协办", "主协办"}},
	},
	Cues: []Cue[HandlingMode]{
		{"single", []string{"单办", "单独", "独办"}},
		{"split", []string{"分办", "分别"}},
		{"lead_co", []string{"会办", "协办", "主协", "联办"}},
	},
}

// Topic (专题) of a proposal. Its values are the office's own labels, as
// stored since the first version; statistics list the usual six.
type Topic string

var Topics = Enum[Topic]{
	Options: []Option[Topic]{
		{"财政经济", "财政经济", "Finance and economy", []string{"经济", "财经", "财政"}},
		{"农业农村", "农业农村", "Agriculture and rural areas", []string{"农业", "三农", "农村"}},
		{"城建环资", "城建环资", "Urban construction and environment", []string{"城建", "城建环保", "环资", "城乡建设"}},
		{"教科文卫", "教科文卫", "Education, science, culture and health", []string{"教科文", "文教卫", "科教文卫"}},
		{"内务司法", "内务司法", "Internal affairs and justice", []string{"司法", "政法", "法制"}},
		{"社会建设", "社会建设", "Social development", []string{"社会", "社会事业", "社会保障"}},
	},
	Cues: []Cue[Topic]{
		{"财政经济", []string{"财政", "经济", "金融", "税", "产业", "营商", "招商", "商贸"}},
		{"农业农村", []string{"农", "乡村", "扶贫", "脱贫"}},
		{"城建环资", []string{"城建", "城市", "建设规划", "交通", "环境", "环保", "生态", "资源", "住房"}},
		{"教科文卫", []string{"教育", "科技", "文化", "卫生", "医疗", "体育", "旅游"}},
		{"内务司法", []string{"司法", "政法", "法治", "公安", "民族", "宗教", "内务"}},
		{"社会建设", []string{"社会", "民政", "就业", "社保", "养老", "社区"}},
	},
}

// Satisfaction of the proposer with the reply.
type Satisfaction string

const (
	SatNone        Satisfaction = "none"
	SatSatisfied   Satisfaction = "satisfied"
	SatBasically   Satisfaction = "basically_satisfied"
	SatUnsatisfied Satisfaction = "unsatisfied"
)

var Satisfactions = Enum[Satisfaction]{
	Options: []Option[Satisfaction]{
		{SatSatisfied, "满意", "Satisfied", []string{"satisfied"}},
		{SatBasically, "基本满意", "Basically satisfied", []string{"较满意", "比较满意", "basically satisfied"}},
		{SatUnsatisfied, "不满意", "Unsatisfied", []string{"unsatisfied"}},
		{SatNone, "未反馈", "Not returned", []string{"未返回", "未评价", "无", "none"}},
	},
	Cues: []Cue[Satisfaction]{
		{SatSatisfied, []string{"满意"}},
		{SatBasically, []string{"基本满意", "比较满意", "较满意", "基本认可"}},
		{SatUnsatisfied, []string{"不满意", "不太满意", "不认可"}},
		{SatNone, []string{"未反馈", "未返回", "未评价", "未测评", "未回复", "暂无", "待评价"}},
	},
}

// ProposalStatus is the lifecycle state of a proposal.
type ProposalStatus string

const (
	PropRegistered ProposalStatus = "registered"
	PropAssigned   ProposalStatus = "assigned"
	PropReturned   ProposalStatus = "returned"
	PropInProgress ProposalStatus = "in_progress"
	PropReplied    ProposalStatus = "replied"
	PropEvaluated  ProposalStatus = "evaluated"
	PropDone       ProposalStatus = "done"
	PropRehandling ProposalStatus = "rehandling"
)

var ProposalStatuses = Enum[ProposalStatus]{
	Options: []Option[ProposalStatus]{
		{PropRegistered, "登记", "Registered", []string{"已登记", "待交办"}},
		{PropAssigned, "交办", "Assigned", []string{"已交办"}},
		{PropReturned, "退回改办", "Returned", []string{"退回", "改办"}},
		{PropInProgress, "办理中", "In progress", []string{"正在办理", "在办"}},
		{PropReplied, "已答复", "Replied", []string{"答复", "已办复", "办复"}},
		{PropEvaluated, "已评价", "Evaluated", []string{"评价"}},
		{PropDone, "办结", "Done", []string{"已办结", "完成"}},
		{PropRehandling, "重办", "Re-handling", []string{"二次办理", "重新办理"}},
	},
	Cues: []Cue[ProposalStatus]{
		{PropRegistered, []string{"登记", "待交办"}},
		{PropAssigned, []string{"交办", "签收"}},
		{PropReturned, []string{"退回", "改办"}},
		{PropInProgress, []string{"正在", "推进", "办理中", "未答复", "未办复", "*中"}},
		{PropReplied, []string{"答复", "办复", "回复", "复函"}},
		{PropEvaluated, []string{"评价", "测评"}},
		{PropDone, []string{"办结", "完成"}},
		{PropRehandling, []string{"重办", "二次办理", "重新办理", "再次办理"}},
	},
}

// Publication of the reply.
type Publication string

var Publications = Enum[Publication]{
	Options: []Option[Publication]{
		{"full", "全文公开", "Full text", []string{"全文", "公开"}},
		{"summary", "摘要公开", "Summary", []string{"摘要"}},
		{"none", "不公开", "Not published", []string{"不予公开"}},
	},
	Cues: []Cue[Publication]{
		{"full", []string{"全文", "公开"}},
		{"summary", []string{"摘要", "部分公开"}},
		{"none", []string{"不公开", "不予公开", "未公开", "暂不公开", "依申请公开", "否"}},
	},
}

// Proposal is an NPC deputy's suggestion or a CPPCC member's proposal.
type Proposal struct {
	Meta
	Body         Body         `json:"body"`
	Session      string       `json:"session"` // 第X届第X次会议
	Number       string       `json:"number"`  // 第N号 within the session
	Title        string       `json:"title"`   // 案由
	Type         ProposalType `json:"type"`
	Proposer     string       `json:"proposer"`  // 领衔人
	CoSigners    string       `json:"cosigners"` // 联名/附议
	Topic        Topic        `json:"topic"`
	Key          bool         `json:"key"`
	Mode         HandlingMode `json:"mode"`
	LeadUnit     string       `json:"lead_unit"` // derived
	Units        []UnitRole   `json:"units"`
	AssignedOn   Date         `json:"assigned_on"`
	DueOn        Date         `json:"due_on"`
	ExtendedTo   Date         `json:"extended_to"` // approved extension, at most 6 months
	RepliedOn    Date         `json:"replied_on"`
	ReplyRef     string       `json:"reply_ref"`    // 答复文号
	ResultClass  string       `json:"result_class"` // A/B/C/D or the local scheme's class
	ClassScheme  string       `json:"class_scheme"` // "ABCD" (default) or "3"
	MetOn        Date         `json:"met_on"`       // 面商
	Satisfaction Satisfaction `json:"satisfaction"`
	// ResultSatisfaction: where handling and result are rated separately.
	ResultSatisfaction     Satisfaction   `json:"result_satisfaction"`
	Round                  int            `json:"round"` // re-handling round, 0 for the first
	Status                 ProposalStatus `json:"status"`
	StatusReason           string         `json:"status_reason"`
	Publication            Publication    `json:"publication"`
	PublishedOn            Date           `json:"published_on"`
	Remarks                string         `json:"remarks"`
	BodyText               string         `json:"body_text,omitempty"`                // as typed when no value matched
	TypeText               string         `json:"type_text,omitempty"`                // as typed when no value matched
	TopicText              string         `json:"topic_text,omitempty"`               // as typed when no value matched
	ModeText               string         `json:"mode_text,omitempty"`                // as typed when no value matched
	SatisfactionText       string         `json:"satisfaction_text,omitempty"`        // as typed when no value matched
	ResultSatisfactionText string         `json:"result_satisfaction_text,omitempty"` // as typed when no value matched
	StatusText             string         `json:"status_text,omitempty"`              // as typed when no value matched
	PublicationText        string         `json:"publication_text,omitempty"`         // as typed when no value matched
	// Extra keeps the cells of columns the reader has no field for, by
	// header, so nothing typed is lost; exported back in one column.
	Extra map[string]string `json:"extra,omitempty"`
}

func (p *Proposal) Normalize() {
	p.Number = proposalNumber(p.Number)
	p.Session = strings.TrimSpace(p.Session)
	if s, ok := NormalizeSession(p.Session); ok {
		p.Session = s
	}
	// A proposal's units are lead (主办), co (会办/协办) or split (分办);
	// task roles typed on a proposal mean co.
	for i, u := range p.Units {
		if u.Role == RoleResponsible || u.Role == RoleCooperating {
			p.Units[i].Role = RoleCo
		}
	}
	p.Units = dedupeUnits(p.Units)
	p.Title = strings.TrimSpace(p.Title)
	p.splitProposer()
	p.Topic, p.TopicText = settle(Topics, p.Topic, p.TopicText)
	p.LeadUnit = leadOf(p.Units)
	if p.Satisfaction == "" {
		p.Satisfaction = SatNone
	}
	if p.ResultClass != "" && p.ClassScheme == "" {
		p.ResultClass, p.ClassScheme = ParseResultClass(p.ResultClass)
	}
	p.Status = ProposalStatusOf(p)
}

// yearPrefix is the session's year in brackets before a number: 〔2019〕;
// bodyPrefix the body's word: 建议, 政协提案.
var (
	yearPrefix = regexp.MustCompile(`^[〔\[(【]\s*\d{4}\s*[〕\])】]\s*`)
	bodyPrefix = regexp.MustCompile(`^(?:人大|政协|代表|委员)?(?:建议|提案|议案)\s*`)
)

// proposalNumber folds a proposal's number and reduces 第12号, 12号, 0012,
// 建议第12号 and 〔2019〕12号 to 12: ledgers type the same number all these
// ways, and it is part of the key that matches a proposal across files.
// Other forms are kept as typed.
func proposalNumber(s string) string {
	s = strings.TrimSpace(Fold(s))
	n := bodyPrefix.ReplaceAllString(yearPrefix.ReplaceAllString(s, ""), "")
	n = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(n), "第")), "号"))
	if n == "" {
		return s
	}
	for _, r := range n {
		if r < '0' || r > '9' {
			return s
		}
	}
	if n = strings.TrimLeft(n, "0"); n == "" {
		return "0"
	}
	return n
}
