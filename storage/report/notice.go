package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

// NoticeKind is a one-item sheet the office signs and sends.
type NoticeKind int

const (
	Supervision NoticeKind = iota // 督办单: the item as assigned
	Reminder                      // 催办通知单: the item, and what is owed
)

// NoticeTitle names the sheet.
func NoticeTitle(k NoticeKind, lang string) string {
	if k == Reminder {
		return pick(lang, "催办通知单", "Reminder notice")
	}
	return pick(lang, "督办单", "Supervision sheet")
}

// Notice writes one item's 督办单 or 催办通知单 as a print-ready workbook:
// one A4 portrait page, bordered label/value rows, fitted to the page
// width, with signature and date lines. office is the sender's name
// (市政府办公厅督查处 when empty); today dates the sheet.
func Notice(w io.Writer, t *model.Task, k NoticeKind, office string, today model.Date, lang string) error {
	if office == "" {
		office = pick(lang, "市政府办公厅督查处", "Supervision Office, City Government General Office")
	}
	f := excelize.NewFile()
	defer f.Close()
	sh := NoticeTitle(k, lang)
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	var units []string
	for _, u := range t.Units {
		units = append(units, u.Name+"（"+roleName(u.Role, lang)+"）")
	}
	deadline := t.Deadline.Display()
	if cur := model.CurrentDeadline(t); !cur.IsZero() && cur.String() != deadline {
		deadline = cur.String() + pick(lang, "（原定 ", " (first set ") + deadline + pick(lang, "）", ")")
	}
	rows := [][2]string{
		{pick(lang, "编号", "Number"), t.Number},
		{pick(lang, "事项名称", "Item"), t.Title},
		{pick(lang, "交办内容", "Content"), t.Content},
		{pick(lang, "责任领导", "Leader"), t.Leader},
		{pick(lang, "承办单位", "Units"), strings.Join(units, pick(lang, "、", "; "))},
		{pick(lang, "交办日期", "Assigned"), t.AssignedOn.String()},
		{pick(lang, "完成时限", "Deadline"), deadline},
		{pick(lang, "办理进展", "Progress"), progressText(t, lang)},
	}
	if k == Reminder {
		n := len(t.Reminders)
		text := pick(lang,
			fmt.Sprintf("请%s高度重视，于收到本通知后 3 个工作日内报送该事项办理进展；如不能按期完成，请书面说明原因及下步措施。（第 %d 次催办）", t.LeadUnit, n+1),
			fmt.Sprintf("%s is asked to report this item's progress within 3 working days of receiving this notice; if it cannot be finished on time, explain why in writing and say what comes next. (Reminder no. %d)", t.LeadUnit, n+1))
		if missed := model.MissedReports(t, today); len(missed) > 0 {
			text += pick(lang, "\n未按期报送进展：", "\nReports missing: ") + strings.Join(missed, pick(lang, "、", "; "))
		}
		rows = append(rows, [2]string{pick(lang, "催办事由", "Reminder"), text})
	}

	border := []excelize.Border{{Type: "left", Style: 1, Color: "000000"}, {Type: "right", Style: 1, Color: "000000"},
		{Type: "top", Style: 1, Color: "000000"}, {Type: "bottom", Style: 1, Color: "000000"}}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 20},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	if err != nil {
		return err
	}
	label, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}, Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	if err != nil {
		return err
	}
	value, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Size: 12}, Border: border,
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	if err != nil {
		return err
	}
	plain, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Size: 12}})
	if err != nil {
		return err
	}
	set := func(c string, v any, style int) error {
		if err := f.SetCellValue(sh, c, v); err != nil {
			return err
		}
		return f.SetCellStyle(sh, c, c, style)
	}
	if err := f.SetColWidth(sh, "A", "A", 16); err != nil {
		return err
	}
	if err := f.SetColWidth(sh, "B", "B", 70); err != nil {
		return err
	}
	if err := f.MergeCell(sh, "A1", "B1"); err != nil {
		return err
	}
	if err := set("A1", sh, title); err != nil {
		return err
	}
	_ = f.SetRowHeight(sh, 1, 40)
	r := 3
	for _, row := range rows {
		a, b := fmt.Sprintf("A%d", r), fmt.Sprintf("B%d", r)
		if err := set(a, row[0], label); err != nil {
			return err
		}
		if err := set(b, row[1], value); err != nil {
			return err
		}
		_ = f.SetRowHeight(sh, r, max(24, rowHeight(row[1], 70)))
		r++
	}
	r++
	for _, line := range []string{
		pick(lang, "签发：", "Signed: ") + strings.Repeat("_", 16),
		office,
		pick(lang, fmt.Sprintf("%d年%d月%d日", today.Y, today.M, today.D), today.String()),
	} {
		c := fmt.Sprintf("B%d", r)
		if err := set(c, line, plain); err != nil {
			return err
		}
		_ = f.SetCellStyle(sh, c, c, plain)
		r++
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: sh,
		RefersTo: fmt.Sprintf("'%s'!$A$1:$B$%d", sh, r)}); err != nil {
		return err
	}
	size, portrait, fit := 9, "portrait", true // 9: A4
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &size, Orientation: &portrait, FitToWidth: intPtr(1), FitToHeight: intPtr(1)}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	center := true
	if err := f.SetPageMargins(sh, &excelize.PageLayoutMarginsOptions{Horizontally: &center}); err != nil {
		return err
	}
	return f.Write(w)
}

func intPtr(n int) *int { return &n }

// progressText is the latest progress: the item's 办理进展, else the
// newest unit report.
func progressText(t *model.Task, lang string) string {
	text := t.Progress
	if len(t.Reports) > 0 {
		last := t.Reports[len(t.Reports)-1]
		rep := fmt.Sprintf("%s %s：%s", last.ReportedOn, last.Unit, last.Done)
		if text == "" {
			text = rep
		} else if !strings.Contains(text, last.Done) {
			text += "\n" + rep
		}
	}
	if t.Percent > 0 {
		text += fmt.Sprintf(pick(lang, "（完成 %d%%）", " (%d%% done)"), t.Percent)
	}
	return text
}

func roleName(r model.Role, lang string) string {
	switch r {
	case model.RoleLead:
		return pick(lang, "牵头", "lead")
	case model.RoleCooperating:
		return pick(lang, "配合", "cooperating")
	}
	return pick(lang, "责任", "responsible")
}

// Notices writes the desktop app's one-item notices (ui.Options.Notices):
// reminder picks the 催办通知单, else the 督办单.
type Notices struct{}

func noticeKind(reminder bool) NoticeKind {
	if reminder {
		return Reminder
	}
	return Supervision
}

// Title names the notice (and its file).
func (Notices) Title(reminder bool, lang string) string {
	return NoticeTitle(noticeKind(reminder), lang)
}

// Write writes the notice of t, dated today, sent by the general office.
func (Notices) Write(w io.Writer, t *model.Task, reminder bool, today model.Date, lang string) error {
	return Notice(w, t, noticeKind(reminder), "", today, lang)
}
