// Package model holds Taizhang's domain: record kinds, their fields and
// lifecycles, the parsers real ledgers need, and the rules (deadlines,
// alert lights, figures, merge decisions). It imports nothing of the project.
package model

import "fmt"

// Kind names a record kind as the CLI and the JSON output spell it.
type Kind string

const (
	KindTask     Kind = "tasks"     // 督办事项
	KindMeeting  Kind = "meetings"  // 会议
	KindProposal Kind = "proposals" // 建议提案
	KindVillage  Kind = "villages"  // 帮扶村
	KindFund     Kind = "funds"     // 帮扶资金
	KindProject  Kind = "projects"  // 帮扶项目
	KindPoint    Kind = "points"    // 基层联系点
	KindVisit    Kind = "visits"    // 走访调研
	KindProblem  Kind = "problems"  // 问题清单
	KindUnit     Kind = "units"     // 单位
	KindHoliday  Kind = "holidays"  // 节假日调休
	KindTerm     Kind = "terms"     // 词汇对照
)

// kindInfo is what the app knows of a record kind, in one place: its
// Chinese sheet name, its English name, its empty record and the values of
// its status field (none for kinds without one). kindTable's order is the
// order sheets are exported in.
type kindInfo struct {
	kind      Kind
	sheet, en string
	new       func() Record
	statuses  Enum[string]
}

var kindTable = []kindInfo{
	{KindTask, "督办事项", "Supervised items", func() Record { return &Task{} }, TaskStatuses.Strings()},
	{KindMeeting, "会议", "Meetings", func() Record { return &Meeting{} }, Enum[string]{}},
	{KindProposal, "建议提案", "Suggestions and proposals", func() Record { return &Proposal{} }, ProposalStatuses.Strings()},
	{KindVillage, "帮扶村", "Villages", func() Record { return &Village{} }, Enum[string]{}},
	{KindFund, "帮扶资金", "Funds", func() Record { return &Fund{} }, Enum[string]{}},
	{KindProject, "帮扶项目", "Projects", func() Record { return &Project{} }, ProjectStatuses.Strings()},
	{KindPoint, "基层联系点", "Liaison points", func() Record { return &Point{} }, Enum[string]{}},
	{KindVisit, "走访调研", "Visits", func() Record { return &Visit{} }, Enum[string]{}},
	{KindProblem, "问题清单", "Problems", func() Record { return &Problem{} }, ProblemStatuses.Strings()},
	{KindUnit, "单位", "Units", func() Record { return &Unit{} }, Enum[string]{}},
	{KindHoliday, "节假日调休", "Holidays", func() Record { return &Holiday{} }, Enum[string]{}},
	{KindTerm, "词汇对照", "Value dictionary", func() Record { return &Term{} }, Enum[string]{}},
}

func (k Kind) info() (kindInfo, bool) {
	for _, i := range kindTable {
		if i.kind == k {
			return i, true
		}
	}
	return kindInfo{}, false
}

// Kinds lists every record kind in the order sheets are exported.
func Kinds() []Kind {
	out := make([]Kind, len(kindTable))
	for i, k := range kindTable {
		out[i] = k.kind
	}
	return out
}

// En is the English name of the kind.
func (k Kind) En() string { i, _ := k.info(); return i.en }

// SheetName is the Chinese name of the kind, used for exported sheets.
func (k Kind) SheetName() string { i, _ := k.info(); return i.sheet }

// Statuses are the values of the kind's status field (tasks, proposals,
// projects, problems); none for the other kinds.
func (k Kind) Statuses() Enum[string] { i, _ := k.info(); return i.statuses }

// Valid reports whether k is one of the known kinds.
func (k Kind) Valid() bool { _, ok := k.info(); return ok }

// ParseKind accepts a CLI kind name ("tasks") or its Chinese sheet name.
func ParseKind(s string) (Kind, error) {
	for _, i := range kindTable {
		if s == string(i.kind) || s == i.sheet {
			return i.kind, nil
		}
	}
	return "", fmt.Errorf("unknown kind %q", s)
}

// ReferenceKinds are the dictionaries other sheets are read through: the
// unit directory (aliases), the liaison points (short names) and the
// holiday calendar (working-day deadlines). An import reads them from
// every file, and plans them, before any other sheet, whatever the order
// of files and sheets (storage/exchange.PlanFiles, workbook.Read).
//
// The value dictionary (词汇对照, KindTerm) is one too. Hook: a kind that
// other sheets are resolved through is declared a reference kind by
// listing it here and teaching workbook's reader.learn (and
// exchange.dictionaries) what it adds to ReadOptions.
var ReferenceKinds = []Kind{KindUnit, KindPoint, KindHoliday, KindTerm}

// References are reference records (ReferenceKinds) gathered by kind, as
// an import reads them before the sheets they resolve.
type References struct {
	Units    []*Unit
	Points   []*Point
	Holidays []*Holiday
	Terms    []*Term
}

// Add keeps r when it is a reference record; other records are passed over.
func (x *References) Add(r Record) {
	_ = addTo(&x.Units, r) || addTo(&x.Points, r) || addTo(&x.Holidays, r) || addTo(&x.Terms, r)
}

// IsReference reports whether k is one of ReferenceKinds.
func (k Kind) IsReference() bool {
	for _, r := range ReferenceKinds {
		if r == k {
			return true
		}
	}
	return false
}
