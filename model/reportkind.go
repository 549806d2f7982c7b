package model

// ReportKind is the kind of a report workbook: it sets the title; the
// layout is the same. The CLI's `report` commands and the statistics
// screen name the kind; storage/report writes it.
type ReportKind int

const (
	MonthlyBulletin ReportKind = iota // 月通报
	QuarterlyReview                   // 季点评
	PeriodSummary                     // half-year / annual summary
)

// Title names the report: 督查督办工作月通报 and the like.
func (k ReportKind) Title() Text {
	switch k {
	case MonthlyBulletin:
		return T("督查督办工作月通报", "Monthly bulletin")
	case QuarterlyReview:
		return T("督查督办工作季点评", "Quarterly review")
	}
	return T("工作情况统计汇总", "Summary of work")
}
