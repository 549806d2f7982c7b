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
