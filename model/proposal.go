package model

import "strings"

// Body that a proposal comes from.
type Body string

const (
	BodyNPC   Body = "npc"   // 人大代表建议
	BodyCPPCC Body = "cppcc" // 政协委员提案
)

var Bodies = Enum[Body]{
	{BodyNPC, "人大建议", []string{"人大", "人大代表建议", "建议", "代表建议", "NPC"}},
	{BodyCPPCC, "政协提案", []string{"政协", "政协委员提案", "提案", "委员提案", "CPPCC"}},
}

// ProposalType is who submitted it.
type ProposalType string

var ProposalTypes = Enum[ProposalType]{
	{"individual", "个人", []string{"个人建议", "个人提案", "单独"}},
	{"joint", "联名", []string{"联名建议", "联名提案", "附议"}},
	{"collective", "集体", []string{"集体提案", "代表团", "党派", "界别"}},
}

// HandlingMode is how units share a proposal.
type HandlingMode string

var HandlingModes = Enum[HandlingMode]{
	{"single", "单办", []string{"单独办理"}},
	{"split", "分办", []string{"分别办理"}},
	{"lead_co", "主办+会办", []string{"主办会办", "会办", "协办", "主协办"}},
}

// Topics (专题) used in proposal statistics.
var Topics = []string{"财政经济", "农业农村", "城建环资", "教科文卫", "内务司法", "社会建设"}

// Satisfaction of the proposer with the reply.
type Satisfaction string

const (
	SatNone        Satisfaction = "none"
	SatSatisfied   Satisfaction = "satisfied"
	SatBasically   Satisfaction = "basically_satisfied"
	SatUnsatisfied Satisfaction = "unsatisfied"
)

var Satisfactions = Enum[Satisfaction]{
	{SatSatisfied, "满意", []string{"satisfied"}},
	{SatBasically, "基本满意", []string{"较满意", "比较满意", "basically satisfied"}},
	{SatUnsatisfied, "不满意", []string{"unsatisfied"}},
	{SatNone, "未反馈", []string{"未返回", "未评价", "无", "none"}},
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
	{PropRegistered, "登记", []string{"已登记", "待交办"}},
	{PropAssigned, "交办", []string{"已交办"}},
	{PropReturned, "退回改办", []string{"退回", "改办"}},
	{PropInProgress, "办理中", []string{"正在办理", "在办"}},
	{PropReplied, "已答复", []string{"答复", "已办复", "办复"}},
	{PropEvaluated, "已评价", []string{"评价"}},
	{PropDone, "办结", []string{"已办结", "完成"}},
	{PropRehandling, "重办", []string{"二次办理", "重新办理"}},
}

// Publication of the reply.
type Publication string

var Publications = Enum[Publication]{
	{"full", "全文公开", []string{"全文", "公开"}},
	{"summary", "摘要公开", []string{"摘要"}},
	{"none", "不公开", []string{"不予公开"}},
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
	Topic        string       `json:"topic"`
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
	ResultSatisfaction Satisfaction   `json:"result_satisfaction"`
	Round              int            `json:"round"` // re-handling round, 0 for the first
	Status             ProposalStatus `json:"status"`
	StatusReason       string         `json:"status_reason"`
	Publication        Publication    `json:"publication"`
	PublishedOn        Date           `json:"published_on"`
	Remarks            string         `json:"remarks"`
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
	p.LeadUnit = leadOf(p.Units)
	if p.Satisfaction == "" {
		p.Satisfaction = SatNone
	}
	if p.ResultClass != "" && p.ClassScheme == "" {
		p.ResultClass, p.ClassScheme = ParseResultClass(p.ResultClass)
	}
	p.Status = ProposalStatusOf(p)
}

// proposalNumber folds a proposal's number and reduces 第12号 and 12号 to
// 12: ledgers type the same number all three ways, and it is part of the
// key that matches a proposal across files. Other forms are kept as typed.
func proposalNumber(s string) string {
	s = strings.TrimSpace(Fold(s))
	n := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(s, "第")), "号"))
	if n == "" || n == s {
		return s
	}
	for _, r := range n {
		if r < '0' || r > '9' {
			return s
		}
	}
	return n
}
