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

// Kinds lists every record kind in the order sheets are exported.
func Kinds() []Kind {
	return []Kind{KindTask, KindMeeting, KindProposal, KindVillage, KindFund,
		KindProject, KindPoint, KindVisit, KindProblem, KindUnit, KindHoliday, KindTerm}
}

var kindSheet = map[Kind]string{
	KindTask: "督办事项", KindMeeting: "会议", KindProposal: "建议提案",
	KindVillage: "帮扶村", KindFund: "帮扶资金", KindProject: "帮扶项目",
	KindPoint: "基层联系点", KindVisit: "走访调研", KindProblem: "问题清单",
	KindUnit: "单位", KindHoliday: "节假日调休", KindTerm: "词汇对照",
}

var kindEn = map[Kind]string{
	KindTask: "Supervised items", KindMeeting: "Meetings", KindProposal: "Suggestions and proposals",
	KindVillage: "Villages", KindFund: "Funds", KindProject: "Projects", KindPoint: "Liaison points",
	KindVisit: "Visits", KindProblem: "Problems", KindUnit: "Units", KindHoliday: "Holidays",
	KindTerm: "Value dictionary",
}

// En is the English name of the kind.
func (k Kind) En() string { return kindEn[k] }

// SheetName is the Chinese name of the kind, used for exported sheets.
func (k Kind) SheetName() string { return kindSheet[k] }

// Valid reports whether k is one of the known kinds.
func (k Kind) Valid() bool { _, ok := kindSheet[k]; return ok }

// ParseKind accepts a CLI kind name ("tasks") or its Chinese sheet name.
func ParseKind(s string) (Kind, error) {
	for k, name := range kindSheet {
		if s == string(k) || s == name {
			return k, nil
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

// IsReference reports whether k is one of ReferenceKinds.
func (k Kind) IsReference() bool {
	for _, r := range ReferenceKinds {
		if r == k {
			return true
		}
	}
	return false
}
