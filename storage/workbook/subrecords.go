package workbook

import (
	"fmt"
	"hash/maphash"
	"math"
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
	pct, err := x.style("percent", false)
	if err != nil {
		return err
	}
	x.subs[reportsSheet].percent = pct
	return nil
}

// subSheet is a list sheet being streamed.
type subSheet struct {
	s       *rowStream
	next    int    // the next row's number
	row     []any  // reused for every row
	percent int    // the style of a percentCell
	last    string // the task id of the row before, for rowStream.unsorted
}

// percentCell is a whole percentage, written as Excel stores 80%: the
// fraction with a percent format. (Written as the whole number, 1% came
// back as 100%: a plain number of at most 1 reads as a fraction.)
type percentCell int

// add writes one entry's row: the task's number and title, the cells, then
// the hidden task and entry ids. Empty texts are empty cells.
func (s *subSheet) add(t *model.Task, id string, cells ...any) error {
	s.row = append(s.row[:0], t.Number, t.Title)
	s.row = append(s.row, cells...)
	s.row = append(s.row, t.ID, id)
	if task := strings.TrimSpace(t.ID); task < s.last {
		s.s.unsorted = true // as openListSheet would find it
	} else {
		s.last = task
	}
	s.s.row(s.next, "")
	for j, v := range s.row {
		if str, ok := v.(string); ok && str == "" {
			continue
		}
		style := 0
		if p, ok := v.(percentCell); ok {
			if p == 0 {
				continue
			}
			v, style = float64(p)/100, s.percent
		}
		if err := s.s.cell(j, s.next, style, v); err != nil {
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
			percentCell(r.Percent), model.ReportClasses.Zh(r.Class), reviewLabels[r.Review], r.ReviewNote); err != nil {
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

// subEntries are the list entries given to one task row.
type subEntries struct {
	reports    []model.Report
	extensions []model.Extension
	reminders  []model.Reminder
}

// listEntry is one row of a list sheet: the task it belongs to and the
// entry of the sheet's kind.
type listEntry struct {
	task      string
	report    model.Report
	extension model.Extension
	reminder  model.Reminder
}

func (e *subEntries) add(kind string, en *listEntry) {
	switch kind {
	case reportsSheet:
		e.reports = append(e.reports, en.report)
	case extensionsSheet:
		e.extensions = append(e.extensions, en.extension)
	case remindersSheet:
		e.reminders = append(e.reminders, en.reminder)
	}
}

func (e *subEntries) addAll(o *subEntries) {
	e.reports = append(e.reports, o.reports...)
	e.extensions = append(e.extensions, o.extensions...)
	e.reminders = append(e.reminders, o.reminders...)
}

func (e *subEntries) len() int { return len(e.reports) + len(e.extensions) + len(e.reminders) }

// listSheet is a list sheet read beside the task sheets, so a file's
// 100,000 progress reports are not held while its tasks are read: each
// task row takes its entries as it is read. The sheet is scanned once
// when opened (damage is refused there, as before any row is read) to
// learn its order:
//   - sorted: its task ids never decrease (a Taizhang export writes tasks
//     and their entries in id order). A task row takes the entries at the
//     head of the sheet up to its id; those of smaller ids it passes are
//     parked for a row still to come (a task sheet sorted otherwise).
//   - otherwise the scan counts the entries of each task (by a hash of its
//     id), and a task row reads on, parking what it passes, until it has
//     all of its own: a sheet in the task sheet's order parks nothing, one
//     in another order parks what a read of the whole sheet would hold.
//
// Entries whose task row never comes (deleted by hand, or rejected) are
// read to the end all the same, and dropped as they always were; their
// bad cells are still rejections.
type listSheet struct {
	r      *reader
	name   string
	kind   string         // reportsSheet, extensionsSheet or remindersSheet
	col    map[string]int // header → column index
	rows   *xlsxscan.Rows
	head   *listEntry // the next entry not yet given or parked; nil at the end
	sorted bool
	// left counts the entries not yet given, by hashed task id (unsorted
	// sheets only); a hash shared by two ids only makes a row read on.
	left   map[uint64]int32
	seed   maphash.Seed
	parked map[string]*subEntries
	// rejected are the sheet's bad cells, put before the file's other
	// rejections when it is read (the order of a read of the whole sheet).
	rejected []model.Rejection
}

// openListSheet recognises a list sheet by its first row, which holds the
// hidden _task header, and scans it; nil for any other sheet. Close it.
func (r *reader) openListSheet(bs xlsxscan.Sheet) (*listSheet, error) {
	if bs.Part == nil {
		return nil, nil
	}
	rows, err := xlsxscan.OpenRows(bs.Part, r.bk.SST)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	first, more, err := rows.Next()
	if err != nil || !more {
		return nil, err
	}
	col := map[string]int{}
	for i, c := range first.Cells {
		col[strings.TrimSpace(c)] = i
	}
	if _, ok := col[subTaskHeader]; !ok {
		return nil, nil
	}
	var kind string
	for _, name := range subOrder {
		if _, ok := col[subHeaders[name][2]]; ok {
			kind = name
		}
	}
	if kind == "" {
		return nil, nil
	}
	l := &listSheet{r: r, name: bs.Name, kind: kind, col: col, sorted: true, seed: maphash.MakeSeed(),
		left: map[uint64]int32{}}
	prev := ""
	for !r.exported[bs.Part.Name].sorted { // as exported in task id order: known
		row, more, err := rows.Next()
		if err != nil {
			return nil, err
		}
		if !more {
			break
		}
		task, id := l.cell(row, subTaskHeader), l.cell(row, subIDHeader)
		if task == "" || id == "" {
			continue
		}
		if task < prev {
			l.sorted = false
		}
		prev = task
		l.left[l.hash(task)]++
	}
	if l.sorted {
		l.left = nil
	}
	if l.rows, err = xlsxscan.OpenRows(bs.Part, r.bk.SST); err != nil {
		return nil, err
	}
	l.rows.SetPercentStyles(r.bk.PercentStyles)
	if _, _, err := l.rows.Next(); err != nil { // the header
		l.rows.Close()
		return nil, err
	}
	if err := l.advance(); err != nil {
		l.rows.Close()
		return nil, err
	}
	return l, nil
}

func (l *listSheet) hash(task string) uint64 { return maphash.String(l.seed, task) }

func (l *listSheet) cell(row xlsxscan.Row, h string) string {
	if i, ok := l.col[h]; ok {
		return strings.TrimSpace(at(row.Cells, i))
	}
	return ""
}

func (l *listSheet) close() {
	if l.rows != nil {
		l.rows.Close()
		l.rows = nil
	}
}

// take gives a task row its entries: those parked for it, then those read
// on from the sheet.
func (l *listSheet) take(task string, into *subEntries) error {
	h := uint64(0)
	if !l.sorted {
		h = l.hash(task)
		if l.left[h] == 0 {
			return nil
		}
	}
	if p := l.parked[task]; p != nil {
		into.addAll(p)
		delete(l.parked, task)
		if !l.sorted {
			l.given(h, p.len())
		}
	}
	for l.head != nil {
		if l.sorted && l.head.task > task {
			return nil
		}
		if !l.sorted && l.left[h] == 0 {
			return nil
		}
		if l.head.task == task {
			into.add(l.kind, l.head)
			if !l.sorted {
				l.given(h, 1)
			}
		} else {
			l.park(l.head)
		}
		if err := l.advance(); err != nil {
			return err
		}
	}
	return nil
}

func (l *listSheet) given(h uint64, n int) {
	if l.left[h] -= int32(n); l.left[h] <= 0 {
		delete(l.left, h)
	}
}

func (l *listSheet) park(en *listEntry) {
	if l.parked == nil {
		l.parked = map[string]*subEntries{}
	}
	p := l.parked[en.task]
	if p == nil {
		p = &subEntries{}
		l.parked[en.task] = p
	}
	p.add(l.kind, en)
}

// finish reads the entries no task row took, for their bad cells, and
// closes the sheet.
func (l *listSheet) finish() error {
	defer l.close()
	for l.head != nil {
		if err := l.advance(); err != nil {
			return err
		}
	}
	l.parked, l.left = nil, nil
	return nil
}

// advance reads the sheet's next entry into head (nil at its end). Rows a
// department added by hand, without the hidden ids, are passed over: there
// is no entry to merge them into.
func (l *listSheet) advance() error {
	l.head = nil
	for {
		row, more, err := l.rows.Next()
		if err != nil || !more {
			return err
		}
		if en := l.parse(row); en != nil {
			l.head = en
			return nil
		}
	}
}

// percent reads a percentage cell of the sheet. Exports of format 1 wrote
// a report's 完成进度 as the whole number, which model.ParsePercent reads
// as a fraction when it is 1 (1% as 100%): there, a number not formatted as
// a percentage is the whole percentage. A cell formatted so (typed as 100%
// in Excel, or written by a later export) holds the fraction.
func (l *listSheet) percent(row xlsxscan.Row, h string) (int, error) {
	v := l.cell(row, h)
	i := l.col[h]
	if l.r.meta["format_version"] == "1" && row.IsNumeric(i) && !row.IsPercent(i) {
		if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 0 && f <= 100 {
			return int(math.Round(f)), nil
		}
	}
	return model.ParsePercent(v)
}

// parse reads one row of the sheet; bad cells are rejections.
func (l *listSheet) parse(row xlsxscan.Row) *listEntry {
	r, col := l.r, l.col
	get := func(h string) string { return l.cell(row, h) }
	task, id := get(subTaskHeader), get(subIDHeader)
	if task == "" || id == "" {
		return nil
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
	en := &listEntry{task: task}
	switch l.kind {
	case reportsSheet:
		rep := model.Report{ID: id, Unit: get("报送单位"), Period: get("期次"), ReportedOn: date("报送日期"),
			Done: get("工作进展"), Problems: get("存在问题"), Next: get("下步措施"), ReviewNote: get("审核意见")}
		if v := get("完成进度"); v != "" {
			p, err := l.percent(row, "完成进度")
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
		en.report = rep
	case extensionsSheet:
		ext := model.Extension{ID: id, RequestedOn: date("申请日期"), Reason: get("延期理由"),
			OldDeadline: date("原完成时限"), NewDeadline: date("申请延至"), Progress: get("当前进展"),
			State: model.ExtensionPending, DecidedOn: date("审批日期")}
		for k, label := range extensionLabels {
			if label == get("审批") {
				ext.State = k
			}
		}
		en.extension = ext
	case remindersSheet:
		m := model.Reminder{ID: id, On: date("催办日期"), Level: number("催办级别"), Note: get("备注")}
		m.Method, _ = model.ReminderMethods.Parse(get("催办方式"))
		en.reminder = m
	}
	for _, h := range bad {
		c, _ := excelize.ColumnNumberToName(col[h] + 1)
		l.rejected = append(l.rejected, model.Rejection{Place: model.Place{File: r.file, Sheet: l.name, Row: row.Num, Column: c,
			Header: h, Value: get(h)}, Reason: r.tr(fmt.Sprintf("无法识别的%s", h), fmt.Sprintf("unreadable %s", h))})
	}
	return en
}

// attachLists gives a task row the entries its file's list sheets hold for
// it; an error is a list sheet that could not be read on.
func (r *reader) attachLists(in *model.Incoming) *sheetError {
	t, ok := in.Record.(*model.Task)
	if !ok || t.ID == "" || len(r.lists) == 0 {
		return nil
	}
	var e subEntries
	for _, l := range r.lists {
		if err := l.take(t.ID, &e); err != nil {
			return &sheetError{l.name, err}
		}
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
	return nil
}

// finishLists reads the list sheets to their ends and puts their
// rejections before the others.
func (r *reader) finishLists() *sheetError {
	var rejected []model.Rejection
	for _, l := range r.lists {
		if err := l.finish(); err != nil {
			return &sheetError{l.name, err}
		}
		rejected = append(rejected, l.rejected...)
	}
	if len(rejected) > 0 {
		r.res.Rejected = append(rejected, r.res.Rejected...)
	}
	return nil
}
