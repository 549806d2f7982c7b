package reports

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/storage/report"
	"taizhang/ui/common"
	"taizhang/ui/i18n"
	tztheme "taizhang/ui/theme"
)

var today = model.NewDate(2026, 11, 26)

// june is a small office's records with known June 2026 figures:
// tracked 3 (one done on time, one overdue, one open; a fourth assigned in
// July), 2 assigned in June; 2 proposals, 1 replied (class A, satisfied);
// one two-day research visit to 2 units with a problem raised and solved;
// 150万元 of fiscal funds.
func june() []model.Record {
	lead := func(name string) []model.UnitRole { return []model.UnitRole{{Name: name, Role: model.RoleLead}} }
	due := func(day model.Date) model.Deadline { return model.Deadline{Due: day, Type: model.DeadlineDate} }
	return []model.Record{
		&model.Task{Meta: model.Meta{Kind: model.KindTask}, Number: "督〔2026〕1号", Title: "推进老旧小区改造",
			Content: "拆除违建，加装电梯", Progress: "已完成", Source: model.SourceInstruction, Units: lead("市发改委"), AssignedOn: model.NewDate(2026, 5, 10),
			Deadline: due(model.NewDate(2026, 6, 20)), DoneOn: model.NewDate(2026, 6, 15), Status: model.TaskDone},
		&model.Task{Meta: model.Meta{Kind: model.KindTask}, Number: "督〔2026〕2号", Title: "整治河道污染",
			Progress: "正在清淤", Source: model.SourceMeeting, Units: lead("市生态环境局"), AssignedOn: model.NewDate(2026, 6, 5),
			Deadline: due(model.NewDate(2026, 6, 10)), Status: model.TaskInProgress},
		&model.Task{Meta: model.Meta{Kind: model.KindTask}, Number: "督〔2026〕3号", Title: "建设智慧停车平台",
			Source: "", Units: lead("市发展和改革委员会"), AssignedOn: model.NewDate(2026, 6, 12),
			Deadline: due(model.NewDate(2026, 12, 31)), Status: model.TaskInProgress},
		&model.Task{Meta: model.Meta{Kind: model.KindTask}, Number: "督〔2026〕4号", Title: "七月交办事项",
			Units: lead("市生态环境局"), AssignedOn: model.NewDate(2026, 7, 2), Status: model.TaskInProgress},
		&model.Proposal{Meta: model.Meta{Kind: model.KindProposal}, Body: model.BodyNPC, Number: "第12号",
			Title: "关于加快城区停车设施建设的建议", Units: lead("市发改委"), AssignedOn: model.NewDate(2026, 6, 3),
			RepliedOn: model.NewDate(2026, 6, 25), ResultClass: "a", Satisfaction: model.SatSatisfied},
		&model.Proposal{Meta: model.Meta{Kind: model.KindProposal}, Body: model.BodyCPPCC, Number: "第30号",
			Title: "关于改善农村饮水的提案", Units: lead("市水利局"), AssignedOn: model.NewDate(2026, 6, 8)},
		&model.Visit{Meta: model.Meta{Kind: model.KindVisit}, Number: "DY-1", Type: model.VisitResearch,
			StartOn: model.NewDate(2026, 6, 16), EndOn: model.NewDate(2026, 6, 17), Leader: "张市长",
			Place: "城东新区", Units: []string{"市发改委", "城东街道办事处"}},
		&model.Problem{Meta: model.Meta{Kind: model.KindProblem}, Number: "WT-1", Description: "停车位不足",
			Visit: "DY-1", Unit: "市发改委", RaisedOn: model.NewDate(2026, 6, 16), ResolvedOn: model.NewDate(2026, 6, 20)},
		&model.Fund{Meta: model.Meta{Kind: model.KindFund}, Date: model.NewDate(2026, 6, 18),
			Source: "fiscal", AmountFen: 150 * 1_000_000, Project: "村道硬化", Village: "东山村"},
	}
}

type fixture struct {
	t      *testing.T
	win    fyne.Window
	st     *storage.Store
	s      *Screen
	opened []model.Record
}

// open builds a real store in a temp folder with recs and the screen on
// it, headless, in the bundled font; work runs inline.
func open(t *testing.T, recs ...model.Record) *fixture {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(tztheme.New())
	require.NoError(t, i18n.Load(i18n.Chinese))
	t.Cleanup(func() { _ = i18n.Load(i18n.Chinese) })
	st, err := storage.Open(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	ctx := context.Background()
	require.NoError(t, st.Save(ctx, &model.Unit{Meta: model.Meta{Kind: model.KindUnit},
		Name: "市发展和改革委员会", Aliases: []string{"市发改委"}}, "seed"))
	for _, r := range recs {
		r.Normalize()
		require.NoError(t, st.Save(ctx, r, "seed"))
	}
	f := &fixture{t: t, st: st}
	f.win = test.NewTempWindow(t, nil)
	f.s = New(Deps{Store: st, Window: f.win, Run: &common.Runner{Sync: true}, WriteReport: report.Write,
		Today: func() model.Date { return today },
		Open:  func(r model.Record) { f.opened = append(f.opened, r) }})
	f.win.SetContent(f.s.Content())
	f.win.Resize(fyne.NewSize(1280, 800))
	return f
}

// typePeriod types the dates as a user would and presses 统计.
func (f *fixture) typePeriod(from, to string) {
	for e, text := range map[*widget.Entry]string{f.s.from: from, f.s.to: to} {
		e.SetText("")
		test.Type(e, text)
	}
	test.Tap(f.button(f.s.content, "统计"))
}

func (f *fixture) button(o fyne.CanvasObject, text string) *widget.Button {
	f.t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == text && b.Visible() {
			return b
		}
	}
	require.Failf(f.t, "no button", "%q not found", text)
	return nil
}

// figures are the figure lines as shown: label → value.
func (f *fixture) figures() map[string]string {
	out := map[string]string{}
	for _, x := range test.LaidOutObjects(f.s.figures) {
		if l, ok := x.(*line); ok {
			ls := labels(l)
			require.Len(f.t, ls, 2)
			out[ls[0]] = ls[1]
		}
	}
	return out
}

// figure finds the line of a figure to tap.
func (f *fixture) figure(label string) *line {
	f.t.Helper()
	for _, x := range test.LaidOutObjects(f.s.figures) {
		if l, ok := x.(*line); ok && labels(l)[0] == label {
			return l
		}
	}
	require.Failf(f.t, "no figure", "%q not shown", label)
	return nil
}

// labels are the texts drawn under o: labels and the lines' own text.
func labels(o fyne.CanvasObject) []string {
	var out []string
	for _, x := range test.LaidOutObjects(o) {
		if !x.Visible() {
			continue
		}
		switch v := x.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *common.Paragraph:
			out = append(out, v.Source())
		case *canvas.Text:
			if v.Text != "" {
				out = append(out, v.Text)
			}
		}
	}
	return out
}

// dialogTable is the record table of the drill-down dialog on top.
func (f *fixture) dialogTable() (*widget.Table, string) {
	f.t.Helper()
	top := f.win.Canvas().Overlays().Top()
	require.NotNil(f.t, top, "a dialog should be open")
	var table *widget.Table
	for _, x := range test.LaidOutObjects(top) {
		if tb, ok := x.(*widget.Table); ok {
			table = tb
		}
	}
	// the markup has the table's cells as drawn (LaidOutObjects skips them)
	return table, test.RenderObjectToMarkup(top)
}

func TestCustomPeriodShowsTheSummaryFigures(t *testing.T) {
	f := open(t, june()...)
	// this month is shown on opening: every item not closed is still tracked
	// in November; no proposal came in, so there is no reply rate
	assert.Equal(t, "本月", f.s.preset.Selected)
	assert.Equal(t, "2026-11-01", f.s.from.Text)
	assert.Equal(t, "4", f.figures()["跟踪督办事项（项）"])
	assert.Equal(t, "无（分母为0）", f.figures()["办复率"])

	f.typePeriod("2026年6月1日", "2026/6/30")
	assert.Equal(t, "自定义", f.s.preset.Selected, "typing a date makes the period custom")
	assert.Equal(t, "2026-06-01", f.s.from.Text, "dates are shown normalised")
	assert.Equal(t, "2026-06-30", f.s.to.Text)
	assert.Equal(t, "2026年6月（2026-06-01 至 2026-06-30）", f.s.heading.Text)

	got := f.figures()
	for label, want := range map[string]string{
		"跟踪督办事项（项）": "3", "本期交办（项）": "2", "已办结（项）": "1", "逾期未办结（项）": "1",
		"按期办结率": "50.0%", "来源：领导批示（项）": "1", "来源：其他（项）": "1",
		"受理建议提案（件）": "2", "已办复（件）": "1", "办复率": "50.0%", "满意率": "100.0%", "办复结果A类（件）": "1",
		"调研（次）": "1", "调研（天，按领导计）": "2", "联系基层单位（个）": "2", "发现问题（个）": "1", "协调解决问题（个）": "1",
		"协调资金（万元）": "150", "资金来源：财政专项资金（万元）": "150",
		"召开常务会议（次）": "0", "见面率": "0.0%",
	} {
		assert.Equal(t, want, got[label], label)
	}
	// the groups are the summary's sections
	shown := labels(f.s.figures)
	for _, g := range []string{"督办事项", "常务会议", "建议提案", "基层调研", "基层联系点", "帮扶村"} {
		assert.Contains(t, shown, g)
	}
}

func TestPresetsAndBadDates(t *testing.T) {
	f := open(t, june()...)
	f.s.preset.SetSelected("上半年")
	assert.Equal(t, "2026-01-01", f.s.from.Text)
	assert.Equal(t, "2026-06-30", f.s.to.Text)
	assert.Equal(t, "3", f.figures()["本期交办（项）"], "January–June: the May item and the two June ones, not July's")
	// a longer period exports the bulletin and review of its last month and quarter…
	f.button(f.s.content, "导出月通报（2026年6月）")
	f.button(f.s.content, "导出季点评（2026年第二季度）")
	f.button(f.s.content, "导出期间汇总（2026年上半年）")
	// …that has come
	f.s.preset.SetSelected("本年")
	f.button(f.s.content, "导出月通报（2026年11月）")
	f.button(f.s.content, "导出季点评（2026年第四季度）")
	f.s.preset.SetSelected("上月")
	assert.Equal(t, "2026-10-01", f.s.from.Text)
	assert.Equal(t, "2026-10-31", f.s.to.Text)

	before := f.figures()
	f.typePeriod("2026-13-01", "2026-06-30")
	assert.Equal(t, "开始日期：月份 13 不存在", f.s.status.Text, "the error says which date is wrong")
	assert.Equal(t, widget.DangerImportance, f.s.status.Importance)
	assert.Equal(t, before, f.figures(), "a bad date changes nothing")
	f.typePeriod("2026-06-30", "2026-06-01")
	assert.Equal(t, "结束日期早于开始日期", f.s.status.Text)
}

func TestTappingAFigureListsItsRecordsAndOpensOne(t *testing.T) {
	f := open(t, june()...)
	f.typePeriod("2026-06-01", "2026-06-30")

	test.Tap(f.figure("已办结（项）"))
	table, text := f.dialogTable()
	require.NotNil(t, table)
	assert.Contains(t, text, "已办结：1条")
	assert.Contains(t, text, "督〔2026〕1号")
	assert.Contains(t, text, "推进老旧小区改造")
	assert.Contains(t, text, "市发展和改革委员会", "units by their full name")
	assert.Contains(t, text, "2026-06-15", "the done date")
	assert.NotContains(t, text, "整治河道污染")
	table.Select(widget.TableCellID{Row: 0, Col: 1})
	require.Len(t, f.opened, 1)
	opened := f.opened[0].(*model.Task)
	assert.Equal(t, "督〔2026〕1号", opened.Number)
	assert.Equal(t, "拆除违建，加装电梯", opened.Content, "the form gets the whole record, its text included")
	assert.Equal(t, "已完成", opened.Progress)
	assert.NotEmpty(t, opened.Rev)
	f.win.Canvas().Overlays().Top().Hide()

	test.Tap(f.figure("跟踪督办事项（项）"))
	_, text = f.dialogTable()
	assert.Contains(t, text, "跟踪督办事项：3条")
	for _, n := range []string{"督〔2026〕1号", "督〔2026〕2号", "督〔2026〕3号"} {
		assert.Contains(t, text, n)
	}
	assert.NotContains(t, text, "督〔2026〕4号", "assigned in July")
	assert.Contains(t, text, "办理中", "each item's status")
	f.win.Canvas().Overlays().Top().Hide()

	test.Tap(f.figure("逾期未办结（项）"))
	_, text = f.dialogTable()
	assert.Contains(t, text, "整治河道污染")
	assert.Contains(t, text, "逾期20天")
	f.win.Canvas().Overlays().Top().Hide()

	test.Tap(f.figure("已办复（件）"))
	_, text = f.dialogTable()
	assert.Contains(t, text, "关于加快城区停车设施建设的建议")
	assert.NotContains(t, text, "农村饮水")
	f.win.Canvas().Overlays().Top().Hide()

	// a chart bar lists its unit's items
	var bars []*line
	for _, x := range test.LaidOutObjects(f.s.charts) {
		if l, ok := x.(*line); ok {
			bars = append(bars, l)
		}
	}
	require.NotEmpty(t, bars)
	assert.Equal(t, []string{"市发展和改革委员会", "1 / 2"}, labels(bars[0]), "the unit with most items first, alias merged")
	test.Tap(bars[0])
	_, text = f.dialogTable()
	assert.Contains(t, text, "推进老旧小区改造")
	assert.Contains(t, text, "建设智慧停车平台")
	assert.NotContains(t, text, "整治河道污染")
}

// Every figure's drill-down has as many rows as the figure counts (the sum
// of the amounts for money): what the user sees behind a number adds up.
func TestEveryDrillDownAddsUpToItsFigure(t *testing.T) {
	extra := []model.Record{
		&model.Task{Meta: model.Meta{Kind: model.KindTask}, Number: "督〔2026〕9号", Title: "来源不明的事项",
			Source: "weird", AssignedOn: model.NewDate(2026, 6, 1), Status: model.TaskClosed,
			DoneOn: model.NewDate(2026, 6, 2), ClosedOn: model.NewDate(2026, 6, 3)},
		&model.Proposal{Meta: model.Meta{Kind: model.KindProposal}, Body: model.BodyNPC, Number: "第40号",
			Title: "B类建议", AssignedOn: model.NewDate(2026, 6, 2), RepliedOn: model.NewDate(2026, 6, 9),
			ResultClass: " b", MetOn: model.NewDate(2026, 6, 5), Satisfaction: model.SatBasically},
		&model.Meeting{Meta: model.Meta{Kind: model.KindMeeting}, Number: "第8次", Title: "常务会议", HeldOn: model.NewDate(2026, 6, 11), Topics: 6},
		&model.Point{Meta: model.Meta{Kind: model.KindPoint}, Name: "城东街道办事处", VisitEvery: "month"},
		&model.Visit{Meta: model.Meta{Kind: model.KindVisit}, Number: "LX-1", Type: model.VisitLiaison,
			StartOn: model.NewDate(2026, 5, 20), Point: "城东街道办事处"},
		&model.Fund{Meta: model.Meta{Kind: model.KindFund}, Date: model.NewDate(2026, 6, 28), SourceText: "社会捐赠",
			AmountFen: 12_345_600, Village: "东山村"},
		&model.Project{Meta: model.Meta{Kind: model.KindProject}, Name: "村道硬化", Village: "东山村",
			StartOn: model.NewDate(2026, 6, 1), FinishOn: model.NewDate(2026, 6, 29), Status: "done"},
	}
	f := open(t, append(june(), extra...)...)
	f.typePeriod("2026-06-01", "2026-06-30")
	p := *f.s.shown
	checked := 0
	for _, fig := range model.FigureLines(f.s.Summary(), "zh") {
		l, ok := p.Drill(fig.Path, fig.Label)
		require.True(t, ok, "no drill-down for %s", fig.Path)
		switch v := fig.Value.(type) {
		case int:
			if !strings.HasPrefix(fig.Path, "meetings.topics") {
				assert.Len(t, l.Rows, v, fig.Path)
				checked += v
			}
		case model.Fen:
			var sum model.Fen
			for _, r := range l.Rows {
				sum += r.Record.(*model.Fund).AmountFen
			}
			assert.Equal(t, v, sum, fig.Path)
		}
	}
	assert.Greater(t, checked, 30, "the dataset should exercise the figures")
}

func TestDraftShowsTheNumbersAndCopies(t *testing.T) {
	f := open(t, june()...)
	f.typePeriod("2026-06-01", "2026-06-30")
	text := f.s.DraftText()
	assert.True(t, strings.HasPrefix(text, "2026年6月，共跟踪督办事项3项"), text)
	for _, part := range []string{"已办结1项", "受理建议提案2件", "已办复1件", "调研1次、2天", "150万元"} {
		assert.Contains(t, text, part)
	}
	assert.Contains(t, labels(f.s.content), text, "the draft is on screen")
	test.Tap(f.button(f.s.content, "复制"))
	assert.Equal(t, text, fyne.CurrentApp().Clipboard().Content())
}

func TestExportMonthlyWorkbook(t *testing.T) {
	f := open(t, june()...)
	f.typePeriod("2026-06-01", "2026-06-30")
	b := f.button(f.s.content, "导出月通报（2026年6月）")
	assert.False(t, b.Disabled())

	test.Tap(b) // asks where to save, suggesting a name
	require.NotNil(t, f.win.Canvas().Overlays().Top(), "a file dialog")
	f.win.Canvas().Overlays().Top().Hide()

	path := filepath.Join(t.TempDir(), fileName(model.MonthlyBulletin, f.s.shown.from, f.s.shown.to))
	assert.Equal(t, "月通报-2026-06.xlsx", filepath.Base(path))
	f.s.Export(model.MonthlyBulletin, path)
	assert.Contains(t, f.s.status.Text, "已导出")
	assert.Contains(t, strings.Join(labels(f.win.Canvas().Overlays().Top()), "|"), path, "offers to open the folder")
	f.button(f.win.Canvas().Overlays().Top(), "打开文件夹")

	_, err := os.Stat(path)
	require.NoError(t, err)
	x, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer x.Close()
	sheets := x.GetSheetList()
	require.NotEmpty(t, sheets)
	rows, err := x.GetRows(sheets[0])
	require.NoError(t, err)
	var cover strings.Builder
	for _, r := range rows {
		cover.WriteString(strings.Join(r, "|") + "\n")
	}
	assert.Contains(t, cover.String(), "共跟踪督办事项3项", "the cover carries the same draft")
	var all strings.Builder
	for _, sh := range sheets {
		rows, err := x.GetRows(sh)
		require.NoError(t, err)
		for _, r := range rows {
			all.WriteString(strings.Join(r, "|") + "\n")
		}
	}
	assert.Contains(t, all.String(), "正在清淤", "the overdue item's progress, which the figures on screen are counted without")
	left, err := filepath.Glob(filepath.Join(filepath.Dir(path), ".taizhang-report-*"))
	require.NoError(t, err)
	assert.Empty(t, left, "no temporary file left behind")
}

func TestReloadReadsChangedRecords(t *testing.T) {
	f := open(t, june()...)
	f.typePeriod("2026-06-01", "2026-06-30")
	require.Equal(t, "3", f.figures()["跟踪督办事项（项）"])
	extra := &model.Task{Meta: model.Meta{Kind: model.KindTask}, Number: "督〔2026〕5号", Title: "新增事项",
		AssignedOn: model.NewDate(2026, 6, 20), Status: model.TaskInProgress}
	extra.Normalize()
	require.NoError(t, f.st.Save(context.Background(), extra, "test"))

	f.s.preset.SetSelected("上月")
	f.typePeriod("2026-06-01", "2026-06-30")
	assert.Equal(t, "3", f.figures()["跟踪督办事项（项）"], "records are reused until the app says they changed")
	f.s.Reload()
	assert.Equal(t, "记录已有变动，点“统计”重新统计", f.s.status.Text)
	f.typePeriod("2026-06-01", "2026-06-30")
	assert.Equal(t, "4", f.figures()["跟踪督办事项（项）"])
}
