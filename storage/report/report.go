// Package report writes the office's report workbooks — the monthly
// bulletin (月通报), the quarterly review (季点评) and the summary of any
// period — from a model.Dataset. Every figure is computed by the model's
// figure functions, the same ones behind `report summary` and the GUI's
// statistics. Sheets keep their Chinese names (they are the office's
// files); headings follow lang ("en" or Chinese).
package report

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

// Monthly writes the monthly bulletin of the month containing month.
func Monthly(w io.Writer, ds model.Dataset, month model.Date, r model.Rules, lang string) error {
	if month.IsZero() {
		return fmt.Errorf("monthly report: no month given")
	}
	from := model.NewDate(month.Y, month.M, 1)
	return Write(w, ds, from, from.MonthEnd(), model.MonthlyBulletin, r, lang)
}

// Quarterly writes the quarterly review of quarter 1–4 of year.
func Quarterly(w io.Writer, ds model.Dataset, year, quarter int, r model.Rules, lang string) error {
	if quarter < 1 || quarter > 4 {
		return fmt.Errorf("quarterly report: quarter %d is not 1-4", quarter)
	}
	from := model.NewDate(year, 1, 1).AddMonths(3 * (quarter - 1))
	return Write(w, ds, from, from.AddMonths(2).MonthEnd(), model.QuarterlyReview, r, lang)
}

// Period writes the summary of [from, to], both days included.
func Period(w io.Writer, ds model.Dataset, from, to model.Date, r model.Rules, lang string) error {
	return Write(w, ds, from, to, model.PeriodSummary, r, lang)
}

// Write builds the workbook of the period and writes it to w. Progress
// reports are judged missing, and days overdue counted, as of the
// period's end, or today when the period has not ended yet.
func Write(w io.Writer, ds model.Dataset, from, to model.Date, kind model.ReportKind, r model.Rules, lang string) error {
	f, err := Build(ds, from, to, kind, r, lang, model.Today())
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// Build lays the workbook out in memory; today bounds the day lateness is
// judged on.
func Build(ds model.Dataset, from, to model.Date, kind model.ReportKind, r model.Rules, lang string, today model.Date) (*excelize.File, error) {
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return nil, fmt.Errorf("report: the period %s – %s is not valid", from, to)
	}
	asOf := to
	if !today.IsZero() && today.Before(to) {
		asOf = today
	}
	b := &book{f: excelize.NewFile(), lang: lang, styles: map[[2]string]int{}}
	s := model.Summarize(ds, from, to, r)
	tasks := newTaskSets(ds, from, to, asOf)
	rep := &builder{book: b, ds: ds, from: from, to: to, asOf: asOf, today: today, kind: kind, rules: r, sum: s, tasks: tasks}
	rep.cover()
	rep.units()
	rep.overdue()
	rep.sources()
	rep.leaders()
	rep.proposals()
	rep.proposalClasses()
	rep.field()
	rep.fieldVisits()
	rep.liaison()
	rep.funds()
	rep.projects()
	if b.err == nil {
		b.f.SetActiveSheet(0)
	}
	if b.err != nil {
		b.f.Close()
		return nil, fmt.Errorf("report %s – %s: %w", from, to, b.err)
	}
	return b.f, nil
}

// builder holds what every sheet is written from.
type builder struct {
	*book
	ds             model.Dataset
	from, to, asOf model.Date
	today          model.Date
	kind           model.ReportKind
	rules          model.Rules
	sum            model.Summary
	tasks          taskSets
}

func (x *builder) t(zh, en string) string { return pick(x.lang, zh, en) }

func (x *builder) periodLine() string {
	line := x.t(fmt.Sprintf("统计期间：%s 至 %s", x.from, x.to), fmt.Sprintf("Period: %s to %s", x.from, x.to))
	if x.asOf.Before(x.to) {
		line += x.t(fmt.Sprintf("（截至 %s）", x.asOf), fmt.Sprintf(" (as of %s)", x.asOf))
	}
	if !x.today.IsZero() {
		line += x.t("　　制表日期："+x.today.String(), "    Made on "+x.today.String())
	}
	return line
}
