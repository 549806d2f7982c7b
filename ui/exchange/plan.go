package exchange

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/ui/common"
	"taizhang/ui/form"
)

func excelFilter() storage.FileFilter {
	return storage.NewExtensionFileFilter([]string{".xlsx", ".xlsm", ".xls", ".et"})
}

// planTabs are the pages of a plan: a summary, then one page per action,
// the rejected rows and the warned cells; treat (nil: not offered) teaches
// a warned word. Lines are made as they scroll into view, so a plan of
// 100,000 rows opens at once.
func planTabs(p *model.Plan, treat func(model.Warning)) []*container.TabItem {
	byAction := map[model.Action][]*model.PlanItem{}
	for i := range p.Items {
		it := &p.Items[i]
		byAction[it.Action] = append(byAction[it.Action], it)
	}
	var conflicts []conflictLine
	for _, it := range byAction[model.ActionConflict] {
		for _, c := range it.Conflicts {
			conflicts = append(conflicts, conflictLine{it, c})
		}
	}
	tab := func(key string, n int, o fyne.CanvasObject) *container.TabItem {
		return container.NewTabItem(lang.L(key, map[string]any{"Count": n}), o)
	}
	// A plan of one large file lists the first rows of a kind that are new
	// there (model.QuietShown) and counts the others.
	counts := p.Counts()
	items := func(a model.Action, total int) fyne.CanvasObject {
		its := byAction[a]
		n, more := len(its), total-len(its)
		if more > 0 {
			n++
		}
		return lines(n, func(i int) string {
			if i == len(its) {
				return lang.L("import.more_rows", map[string]any{"Count": more})
			}
			return itemLine(its[i])
		})
	}
	summary := append(sheetLines(p), p.Notes...)
	if len(p.NewUnits) > 0 {
		summary = append(summary, lang.L("import.new_units", map[string]any{"Units": strings.Join(p.NewUnits, "、")}))
	}
	return []*container.TabItem{
		container.NewTabItem(lang.L("import.tab.summary"), lines(len(summary), func(i int) string { return summary[i] })),
		tab("import.tab.new", counts.New, items(model.ActionNew, counts.New)),
		tab("import.tab.updated", counts.Updated, items(model.ActionUpdated, counts.Updated)),
		tab("import.tab.merged", counts.Merged, items(model.ActionMerged, counts.Merged)),
		tab("import.tab.conflicts", len(conflicts), lines(len(conflicts), func(i int) string { return conflicts[i].String() })),
		tab("import.tab.rejected", len(p.Rejected), rejectedTable(p.Rejected)),
		tab("import.tab.warnings", len(p.Warnings), warningTable(p.Warnings, treat)),
	}
}

// lines is a list of n texts made on demand.
func lines(n int, text func(i int) string) *widget.List {
	return widget.NewList(func() int { return n },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(text(i)) })
}

// sheetLines say what each sheet was read as.
func sheetLines(p *model.Plan) []string {
	var out []string
	for _, f := range p.Files {
		for _, sh := range f.Sheets {
			kind := lang.L("import.skipped")
			if sh.Kind != nil {
				kind = common.KindTitle(*sh.Kind)
			}
			out = append(out, lang.L("import.sheet_line", map[string]any{"File": filepath.Base(f.File), "Sheet": sh.Sheet, "Kind": kind, "Rows": sh.Rows}))
		}
	}
	return out
}

// itemLine is one incoming row: where it is, which record, what changes.
func itemLine(it *model.PlanItem) string {
	rec := it.Result
	if rec == nil {
		rec = it.Incoming.Record
	}
	line := fmt.Sprintf("%s %s · %s %s", it.Incoming.Ref.Sheet, lang.L("import.row", map[string]any{"Row": it.Incoming.Ref.Row}),
		it.KeyText(), recordTitle(rec))
	if len(it.Changed) > 0 && it.Action != model.ActionNew {
		fields, _ := model.Fields(rec)
		var old map[string]json.RawMessage
		if it.Local != nil {
			old, _ = model.Fields(it.Local)
		}
		labels := make([]string, 0, len(it.Changed))
		for _, name := range it.Changed {
			labels = append(labels, changeText(it.Kind, name, old[name], fields[name]))
		}
		line += " — " + strings.Join(labels, "；")
	}
	return line
}

// changeText says how one field changes: 办理进展：已部署 → 已开工 (the
// values as the form shows them; long ones cut).
func changeText(k model.Kind, name string, old, new json.RawMessage) string {
	if old == nil {
		label, _ := form.Describe(k, name, string(new))
		return label
	}
	label, texts := form.Describe(k, name, string(old), string(new))
	if len(texts) != 2 {
		return label
	}
	cut := func(s string) string {
		if r := []rune(s); len(r) > 30 {
			return string(r[:30]) + "…"
		}
		if s == "" {
			return lang.L("import.empty_value")
		}
		return s
	}
	return label + "：" + cut(texts[0]) + " → " + cut(texts[1])
}

// recordTitle is a record's title or name, whichever it has.
func recordTitle(r model.Record) string {
	if r == nil {
		return ""
	}
	f, err := model.Fields(r)
	if err != nil {
		return ""
	}
	for _, k := range []string{"title", "name"} {
		var s string
		if json.Unmarshal(f[k], &s) == nil && s != "" {
			return s
		}
	}
	return ""
}

// conflictLine is one field changed on both sides, as the plan shows it.
type conflictLine struct {
	it *model.PlanItem
	c  model.FieldConflict
}

func (l conflictLine) String() string {
	label, vals := form.Describe(l.it.Kind, l.c.Field, string(l.c.Local), string(l.c.Incoming))
	args := map[string]any{"Key": l.it.KeyText(), "Field": label, "Local": vals[0], "Incoming": vals[1]}
	if len(l.c.Files) == 2 { // two returns of this import disagree: name both files
		args["LocalFile"], args["IncomingFile"] = l.c.Files[0], l.c.Files[1]
		return lang.L("import.conflict_line_files", args)
	}
	return lang.L("import.conflict_line", args)
}

// rejectedTable lists rejected rows: file, sheet, row, column, header,
// value and why.
func rejectedTable(rs []model.Rejection) *widget.Table {
	heads := append(placeHeads(), lang.L("import.col.reason"))
	cell := func(r model.Rejection, c int) string {
		if c < len(placeHeads()) {
			return placeCell(c, r.Place, fmt.Sprint(r.Row))
		}
		return r.Reason
	}
	t := widget.NewTable(func() (int, int) { return len(rs), len(heads) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(cell(rs[id.Row], id.Col)) })
	headerRow(t, heads)
	for i, w := range []float32{160, 120, 50, 50, 100, 160, 360} {
		t.SetColumnWidth(i, w)
	}
	return t
}

// placeHeads head the columns that say where a cell is and what it held,
// as rejections and warnings both list them.
func placeHeads() []string {
	return []string{lang.L("import.col.file"), lang.L("import.col.sheet"), lang.L("import.col.row"),
		lang.L("import.col.column"), lang.L("import.col.header"), lang.L("import.col.value")}
}

// placeCell is column c of placeHeads for the cell at p; row is its row as
// shown (a warning group lists several).
func placeCell(c int, p model.Place, row string) string {
	return []string{filepath.Base(p.File), p.Sheet, row, p.Column, p.Header, p.Value}[c]
}

// headerRow gives a table its bold header row.
func headerRow(t *widget.Table, heads []string) {
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(heads[id.Col])
		}
	}
}

// warningTable lists cells that imported as typed: where, the value, what
// the record keeps and why; a word of a teachable field has a "treat as…"
// button in the last column. The selected line (at first the first) is
// written out in full under the table, as cells cut long reasons short.
func warningTable(all []model.Warning, treat func(model.Warning)) fyne.CanvasObject {
	// A word repeated down a column is one line naming its rows.
	ws := model.GroupWarnings(all)
	heads := append(placeHeads(), lang.L("import.col.kept"), lang.L("import.col.reason"), "")
	action := len(heads) - 1
	cell := func(w model.WarningGroup, c int) string {
		switch {
		case c < len(placeHeads()):
			return placeCell(c, w.Place, w.RowList(common.LangCode()))
		case c == len(placeHeads()):
			return w.Kept
		}
		return w.Reason
	}
	t := widget.NewTable(func() (int, int) { return len(ws), len(heads) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewStack(l, widget.NewButton(lang.L("import.treat_as"), nil))
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			l, b := c.Objects[0].(*widget.Label), c.Objects[1].(*widget.Button)
			w := ws[id.Row]
			if id.Col != action {
				b.Hide()
				l.Show()
				l.SetText(cell(w, id.Col))
				return
			}
			l.Hide()
			if _, ok := teachable(w.Warning); !ok || treat == nil {
				b.Hide()
				return
			}
			b.OnTapped = func() { treat(w.Warning) }
			b.Show()
		})
	headerRow(t, heads)
	for i, w := range []float32{130, 90, 50, 40, 90, 110, 200, 320, 90} {
		t.SetColumnWidth(i, w)
	}
	detail := widget.NewLabel("")
	detail.Wrapping = common.Wrap()
	show := func(i int) {
		w := ws[i]
		detail.SetText(lang.L("import.warning_line", map[string]any{"File": filepath.Base(w.File), "Sheet": w.Sheet,
			"Row": w.RowList(common.LangCode()), "Column": w.Column, "Header": w.Header, "Value": w.Value, "Kept": w.Kept, "Reason": w.Reason}))
	}
	if len(ws) > 0 {
		show(0)
	}
	t.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(ws) {
			show(id.Row)
		}
	}
	return container.NewBorder(nil, detail, nil, nil, t)
}

// teachable is the field a warned word can be taught for; extra columns
// and statuses missing their dates have none.
func teachable(w model.Warning) (model.Vocab, bool) {
	if w.Field == "" || strings.TrimSpace(w.Value) == "" {
		return model.Vocab{}, false
	}
	return model.VocabOf(string(w.Kind) + "." + w.Field)
}
