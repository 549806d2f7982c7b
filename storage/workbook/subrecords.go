package workbook

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage/workbook/xlsxscan"
)

// A supervised item's lists — progress reports (进展报告), extensions (延期)
// and reminders (催办) — travel in sheets of their own, one row per entry,
// with the item's id and the entry's id in hidden columns: a returned or
// cloned file brings them back, merged by id (an entry is never deleted by
// a file that lacks it).
const (
	reportsSheet    = "进展报告"
	extensionsSheet = "延期"
	remindersSheet  = "催办"
	subTaskHeader   = "_task"
	subIDHeader     = "_id"
)

var subHeaders = map[string][]string{
	reportsSheet:    {"编号", "事项名称", "报送单位", "期次", "报送日期", "工作进展", "存在问题", "下步措施", "完成进度", "自评", "审核", "审核意见"},
	extensionsSheet: {"编号", "事项名称", "申请日期", "延期理由", "原完成时限", "申请延至", "当前进展", "审批", "审批日期"},
	remindersSheet:  {"编号", "事项名称", "催办日期", "催办方式", "催办级别", "备注"},
}

var subOrder = []string{reportsSheet, extensionsSheet, remindersSheet}

var reviewLabels = map[model.Review]string{model.ReviewPending: "", model.ReviewAccepted: "通过", model.ReviewReturned: "退回"}
var extensionLabels = map[model.ExtensionState]string{model.ExtensionPending: "待审批", model.ExtensionApproved: "已批准", model.ExtensionRefused: "未批准"}

func dateText(d model.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

func intCell(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// startSubSheets opens a row stream for each list sheet, with its header
// row, before the tasks stream: each entry is written as its task is, so
// an export of 100,000 tasks never holds their entries (SetSheetRow would
// keep every cell of the sheet in memory until the file is written). An
// export of tasks always has the list sheets, empty or not, so a
// department sees where.
func (x *exporter) startSubSheets() error {
	x.subs = map[string]*subSheet{}
	for _, name := range subOrder {
		headers := subHeaders[name]
		s, err := x.openStream(name)
		if err != nil {
			return err
		}
		s.row(1, "")
		for i, h := range headers {
			s.text(i, 1, 0, h)
		}
		s.text(len(headers), 1, 0, subTaskHeader)
		s.text(len(headers)+1, 1, 0, subIDHeader)
		s.endRow()
		x.subs[name] = &subSheet{s: s, next: 2, row: make([]any, 0, len(headers)+2)}
	}
	return nil
}

// subSheet is a list sheet being streamed.
type subSheet struct {
	s    *rowStream
	next int   // the next row's number
	row  []any // reused for every row
}

// add writes one entry's row: the task's number and title, the cells, then
// the hidden task and entry ids. Empty texts are empty cells.
func (s *subSheet) add(t *model.Task, id string, cells ...any) error {
	s.row = append(s.row[:0], t.Number, t.Title)
	s.row = append(s.row, cells...)
	s.row = append(s.row, t.ID, id)
	s.s.row(s.next, "")
	for j, v := range s.row {
		if str, ok := v.(string); ok && str == "" {
			continue
		}
		if err := s.s.cell(j, s.next, 0, v); err != nil {
			return err
		}
	}
	s.s.endRow()
	s.next++
	return nil
}

// writeSubs writes a task's list entries to their sheets.
func (x *exporter) writeSubs(t *model.Task) error {
	if x.subs == nil {
		return nil // no list sheets: the export has no tasks sheet
	}
	reports, extensions, reminders := x.subs[reportsSheet], x.subs[extensionsSheet], x.subs[remindersSheet]
	for _, r := range t.Reports {
		if err := reports.add(t, r.ID, r.Unit, r.Period, dateText(r.ReportedOn), r.Done, r.Problems, r.Next,
			intCell(r.Percent), model.ReportClasses.Zh(r.Class), reviewLabels[r.Review], r.ReviewNote); err != nil {
			return err
		}
	}
	for _, e := range t.Extensions {
		if err := extensions.add(t, e.ID, dateText(e.RequestedOn), e.Reason, dateText(e.OldDeadline),
			dateText(e.NewDeadline), e.Progress, extensionLabels[e.State], dateText(e.DecidedOn)); err != nil {
			return err
		}
	}
	for _, m := range t.Reminders {
		if err := reminders.add(t, m.ID, dateText(m.On), model.ReminderMethods.Zh(m.Method), intCell(m.Level), m.Note); err != nil {
			return err
		}
	}
	return nil
}

// finishSubSheets ends the list sheets' streams and lays out their
// columns: ids hidden, header frozen, and the dimension of what was
// written (a streaming reader such as openpyxl's read-only mode reads no
// further).
func (x *exporter) finishSubSheets() error {
	for _, name := range subOrder {
		sub := x.subs[name]
		if sub == nil {
			continue
		}
		if err := sub.s.finish(); err != nil {
			return err
		}
		n := len(subHeaders[name])
		if err := x.f.SetColWidth(name, "A", colName(n-1), 14); err != nil {
			return err
		}
		if err := x.f.SetColVisible(name, colName(n)+":"+colName(n+1), false); err != nil {
			return err
		}
		if err := x.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		if err := x.f.SetSheetDimension(name, fmt.Sprintf("A1:%s%d", colName(n+1), sub.next-1)); err != nil {
			return err
		}
	}
	return nil
}

// subEntries are the list entries read from a file, by task id.
type subEntries struct {
	reports    []model.Report
	extensions []model.Extension
	reminders  []model.Reminder
}

// readSubSheet reads a list sheet (its first row holds the hidden _task
// header); ok is false for any other sheet. Bad cells are rejections.
func (r *reader) readSubSheet(bs xlsxscan.Sheet) (ok bool, err error) {
	if bs.Part == nil {
		return false, nil
	}
	rows, err := xlsxscan.OpenRows(bs.Part, r.bk.SST)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	first, more, err := rows.Next()
	if err != nil || !more {
		return false, err
	}
	col := map[string]int{}
	for i, c := range first.Cells {
		col[strings.TrimSpace(c)] = i
	}
	if _, ok := col[subTaskHeader]; !ok {
		return false, nil
	}
	var kind string
	for _, name := range subOrder {
		if _, ok := col[subHeaders[name][2]]; ok {
			kind = name
		}
	}
	if kind == "" {
		return false, nil
	}
	if r.subs == nil {
		r.subs = map[string]*subEntries{}
	}
	for {
		row, more, err := rows.Next()
		if err != nil {
			return true, err
		}
		if !more {
			return true, nil
		}
		get := func(h string) string {
			if i, ok := col[h]; ok {
				return strings.TrimSpace(at(row.Cells, i))
			}
			return ""
		}
		var bad []string
		date := func(h string) model.Date {
			v := get(h)
			if v == "" {
				return model.Date{}
			}
			if row.IsNumeric(col[h]) {
				if f, err := strconv.ParseFloat(v, 64); err == nil {
					if d, err := model.DateFromSerial(f, r.date1904); err == nil {
						return d
					}
				}
			}
			d, err := model.ParseDate(v, model.Date{})
			if err != nil {
				bad = append(bad, h)
			}
			return d
		}
		number := func(h string) int {
			v := get(h)
			if v == "" {
				return 0
			}
			n, err := model.ParseInt(v)
			if err != nil {
				bad = append(bad, h)
			}
			return n
		}
		task, id := get(subTaskHeader), get(subIDHeader)
		if task == "" || id == "" {
			continue // a row a department added by hand: no entry to merge into
		}
		e := r.subs[task]
		if e == nil {
			e = &subEntries{}
			r.subs[task] = e
		}
		switch kind {
		case reportsSheet:
			rep := model.Report{ID: id, Unit: get("报送单位"), Period: get("期次"), ReportedOn: date("报送日期"),
				Done: get("工作进展"), Problems: get("存在问题"), Next: get("下步措施"), ReviewNote: get("审核意见")}
			if v := get("完成进度"); v != "" {
				p, err := model.ParsePercent(v)
				if err != nil {
					bad = append(bad, "完成进度")
				}
				rep.Percent = p
			}
			rep.Class, _ = model.ReportClasses.Parse(get("自评"))
			for k, label := range reviewLabels {
				if label == get("审核") {
					rep.Review = k
				}
			}
			e.reports = append(e.reports, rep)
		case extensionsSheet:
			ext := model.Extension{ID: id, RequestedOn: date("申请日期"), Reason: get("延期理由"),
				OldDeadline: date("原完成时限"), NewDeadline: date("申请延至"), Progress: get("当前进展"),
				State: model.ExtensionPending, DecidedOn: date("审批日期")}
			for k, label := range extensionLabels {
				if label == get("审批") {
					ext.State = k
				}
			}
			e.extensions = append(e.extensions, ext)
		case remindersSheet:
			m := model.Reminder{ID: id, On: date("催办日期"), Level: number("催办级别"), Note: get("备注")}
			m.Method, _ = model.ReminderMethods.Parse(get("催办方式"))
			e.reminders = append(e.reminders, m)
		}
		for _, h := range bad {
			c, _ := excelize.ColumnNumberToName(col[h] + 1)
			r.res.Rejected = append(r.res.Rejected, model.Rejection{Place: model.Place{File: r.file, Sheet: bs.Name, Row: row.Num, Column: c,
				Header: h, Value: get(h)}, Reason: r.tr(fmt.Sprintf("无法识别的%s", h), fmt.Sprintf("unreadable %s", h))})
		}
	}
}

// attachSubs gives each task row of the file the list entries its list
// sheets hold for it.
func (r *reader) attachSubs() {
	if len(r.subs) == 0 {
		return
	}
	for i := range r.res.Rows {
		r.attachSub(&r.res.Rows[i])
	}
}

// attachSub gives a task row the list entries its list sheets hold for it.
func (r *reader) attachSub(in *model.Incoming) {
	t, ok := in.Record.(*model.Task)
	if !ok || t.ID == "" || len(r.subs) == 0 {
		return
	}
	e := r.subs[t.ID]
	if e == nil {
		return
	}
	add := func(f string) {
		for _, have := range in.Fields {
			if have == f {
				return
			}
		}
		in.Fields = append(in.Fields[:len(in.Fields):len(in.Fields)], f)
	}
	if len(e.reports) > 0 {
		// the row's own report of this return (progressReport) is newer
		// than the exported copy of the same report
		for _, rep := range e.reports {
			if !slices.ContainsFunc(t.Reports, func(x model.Report) bool { return x.ID == rep.ID }) {
				t.Reports = append(t.Reports, rep)
			}
		}
		add("reports")
	}
	if len(e.extensions) > 0 {
		t.Extensions = append(t.Extensions, e.extensions...)
		add("extensions")
	}
	if len(e.reminders) > 0 {
		t.Reminders = append(t.Reminders, e.reminders...)
		add("reminders")
	}
}
