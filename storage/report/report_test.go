package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

func day(t testing.TB, s string) model.Date {
	t.Helper()
	d, err := model.ParseISO(s)
	require.NoError(t, err)
	return d
}

const (
	ndrc    = "市发展和改革委员会"
	housing = "市住房和城乡建设局"
	edu     = "市教育局"
)

// juneDataset is June 2019 with known answers; comments say what each
// record is there for.
func juneDataset(t testing.TB) model.Dataset {
	d := func(s string) model.Date { return day(t, s) }
	dated := func(s string) model.Deadline {
		return model.Deadline{Due: d(s), Text: s, Type: model.DeadlineDate}
	}
	lead := func(name string) []model.UnitRole { return []model.UnitRole{{Name: name, Role: model.RoleLead}} }
	units := model.NewUnitDict([]*model.Unit{
		{Name: ndrc, Aliases: []string{"市发改委"}},
		{Name: housing, Aliases: []string{"市住建局"}},
		{Name: edu},
	})
	tasks := []*model.Task{
		// A1: done on time; lead unit written by its alias.
		{Number: "A1", Source: model.SourceInstruction, Title: "优化营商环境", Leader: "王明", Units: lead("市发改委"),
			AssignedOn: d("2019-03-01"), Deadline: dated("2019-06-15"), Status: model.TaskDone, DoneOn: d("2019-06-10")},
		// A2: overdue since 31 May: 30 days at 30 June.
		{Number: "A2", Source: model.SourceMeeting, Title: "重点项目推进", Leader: "王 明", Units: lead(ndrc),
			AssignedOn: d("2019-04-01"), Deadline: dated("2019-05-31"), Status: model.TaskInProgress, Progress: "正在推进"},
		// A3: not due yet; the responsible unit 市教育局 missed June's report.
		{Number: "A3", Source: model.SourceKeyTask, Title: "老旧小区改造", Leader: "李强 副市长",
			Units:      []model.UnitRole{{Name: "市住建局", Role: model.RoleLead}, {Name: edu, Role: model.RoleResponsible}},
			AssignedOn: d("2019-05-01"), Deadline: dated("2019-07-31"), Status: model.TaskInProgress,
			Cycle: model.CycleMonthly, ReportDay: 25,
			Reports: []model.Report{{Unit: "市住建局", Period: "2019-06", ReportedOn: d("2019-06-24")}}},
		// A4: overdue since 30 April: 61 days.
		{Number: "A4", Source: model.SourceKeyTask, Title: "停车场建设", Leader: "李强", Units: lead(housing),
			AssignedOn: d("2019-02-01"), Deadline: dated("2019-04-30"), Status: model.TaskInProgress},
		// A5: ongoing, assigned in June, no report by the 25th: missed.
		{Number: "A5", Source: model.SourcePractical, Title: "学校食堂提升", Units: lead(edu),
			AssignedOn: d("2019-06-05"), Deadline: model.Deadline{Text: "长期坚持", Type: model.DeadlineOngoing},
			Status: model.TaskInProgress, Cycle: model.CycleMonthly, ReportDay: 25},
		// A6: 待交办: not tracked.
		{Number: "A6", Source: model.SourceOther, Units: lead(edu), Status: model.TaskRegistered},
	}
	proposals := []*model.Proposal{
		{Body: model.BodyNPC, Number: "1", Title: "关于营商环境的建议", Topic: "财政经济", LeadUnit: "市发改委",
			AssignedOn: d("2019-06-01"), RepliedOn: d("2019-06-20"), ResultClass: "A", MetOn: d("2019-06-15"),
			Satisfaction: model.SatSatisfied},
		// Not replied and past its due date: late, and its unit goes first.
		{Body: model.BodyCPPCC, Number: "2", Title: "关于学校的提案", Topic: "教科文卫", LeadUnit: edu,
			AssignedOn: d("2019-06-02"), DueOn: d("2019-06-20"), Satisfaction: model.SatNone},
		{Body: model.BodyNPC, Number: "3", Title: "关于投资的建议", Topic: "财政经济", LeadUnit: ndrc,
			AssignedOn: d("2019-06-03"), RepliedOn: d("2019-06-28"), ResultClass: "B", Satisfaction: model.SatBasically},
	}
	visits := []*model.Visit{
		// Two visits by one leader (written two ways) on 3 June: days count once.
		{Number: "DY-1", Type: model.VisitResearch, StartOn: d("2019-06-03"), EndOn: d("2019-06-05"), Leader: "王明",
			Place: "城关镇", Units: []string{"市发改委", ndrc}},
		{Number: "DY-2", Type: model.VisitResearch, StartOn: d("2019-06-03"), EndOn: d("2019-06-03"), Leader: "王 明",
			Place: "河口村", Units: []string{edu}},
		// Started in May: not June's.
		{Number: "DY-3", Type: model.VisitResearch, StartOn: d("2019-05-30"), EndOn: d("2019-06-02"), Leader: "李强"},
		{Number: "LL-1", Type: model.VisitLiaison, StartOn: d("2019-06-10"), EndOn: d("2019-06-10"), Point: "城关"},
	}
	return model.Dataset{
		Tasks: tasks, Proposals: proposals, Visits: visits,
		Problems: []*model.Problem{{Description: "道路破损", Visit: "DY-1", RaisedOn: d("2019-06-04"), ResolvedOn: d("2019-06-20"), Status: "resolved"}},
		Points: []*model.Point{
			{Name: "城关街道联系点", ShortName: "城关", Owner: "督查一处", VisitEvery: "month"},
			{Name: "河口村联系点", Owner: "督查二处", VisitEvery: "month"},
		},
		Funds: []*model.Fund{
			{Date: d("2019-03-01"), Source: "fiscal", AmountFen: 500_000_00},
			{Date: d("2019-06-10"), SourceText: "单位帮扶资金", AmountFen: 300_000_00},
			{Date: d("2019-06-15"), SourceText: "爱心人士", AmountFen: 5_000_00},
		},
		Projects: []*model.Project{
			{Name: "蔬菜大棚", Village: "河口村", Category: "产业发展", Content: "新建蔬菜大棚", Quantity: 21, QuantityUnit: "座",
				PlannedFen: 800_000_00, StartOn: d("2019-05-01"), Status: "in_progress", Percent: 60},
			{Name: "村道硬化", Village: "河口村", StartOn: d("2018-10-01"), FinishOn: d("2019-01-31"), Status: "done", Percent: 100},
		},
		Units: units,
	}
}

// writeMonthly writes June 2019's bulletin to a file and opens it.
func writeMonthly(t *testing.T, ds model.Dataset, lang string) (*excelize.File, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "monthly.xlsx")
	out, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, Monthly(out, ds, day(t, "2019-06-17"), model.DefaultRules(), lang))
	require.NoError(t, out.Close())
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f, path
}

// rowsOf reads a sheet's rows.
func rowsOf(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	require.NoError(t, err)
	return rows
}

// findRow is the 1-based row whose column col (0-based) equals text.
// figureRows finds a figure's row on the cover (1-based) by its group
// and label, as a reader would.
func figureRows(s model.Summary, lang string) func(t *testing.T, rows [][]string, path string) int {
	return func(t *testing.T, rows [][]string, path string) int {
		t.Helper()
		for _, f := range model.FigureLines(s, lang) {
			if f.Path != path {
				continue
			}
			for i, r := range rows {
				if len(r) > 2 && r[0] == f.Group && r[1] == f.Label {
					return i + 1
				}
			}
		}
		t.Fatalf("no row for %s", path)
		return 0
	}
}

func findRow(t *testing.T, rows [][]string, col int, text string) int {
	t.Helper()
	for i, r := range rows {
		if len(r) > col && r[col] == text {
			return i + 1
		}
	}
	t.Fatalf("no row with %q in column %d", text, col)
	return 0
}

func fillOf(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	require.NoError(t, err)
	st, err := f.GetStyle(id)
	require.NoError(t, err)
	if len(st.Fill.Color) == 0 {
		return ""
	}
	return strings.ToUpper(st.Fill.Color[0])
}

func TestMonthlyBulletinSheetsAndCover(t *testing.T) {
	ds := juneDataset(t)
	f, _ := writeMonthly(t, ds, "zh")
	assert.Equal(t, []string{SheetCover, SheetUnits, SheetOverdue, SheetSources, SheetLeaders, SheetProposals,
		SheetPropKinds, SheetField, SheetVisits, SheetLiaison, SheetFunds, SheetProjects}, f.GetSheetList())

	cover := rowsOf(t, f, SheetCover)
	assert.Equal(t, "督查督办工作月通报（2019年6月）", cover[0][0])
	s := model.Summarize(ds, day(t, "2019-06-01"), day(t, "2019-06-30"), model.DefaultRules())
	draft := model.DraftText(model.Draft(s, "zh"), "zh")
	findRow(t, cover, 0, draft) // the paragraph to paste
	assert.Contains(t, draft, "共跟踪督办事项5项")
	assert.Contains(t, draft, "逾期未办结2项")
	assert.Contains(t, draft, "为帮扶村协调资金30.5万元")

	// Key figures: value next to the name section 2 quotes it by, never
	// the JSON path.
	figRow := figureRows(s, "zh")
	want := map[string]string{"tasks.tracked": "5", "tasks.done": "1", "tasks.overdue": "2",
		"tasks.on_time_rate": "33.3%", "proposals.total": "3", "proposals.reply_rate": "66.7%",
		"field.visits": "2", "field.days": "3", "field.units": "2", "field.unit_contacts": "2",
		"field.problems_solved": "1", "liaison.missed_months": "1", "village.funds_fen": "30.50",
		"village.funds_by_source.other": "0.50"}
	for path, v := range want {
		r := figRow(t, cover, path)
		got, err := f.GetCellValue(SheetCover, cell(3, r))
		require.NoError(t, err)
		assert.Equal(t, v, got, path)
	}
	// A figure with no denominator says so instead of 0%.
	s2 := model.Summarize(model.Dataset{}, day(t, "2019-06-01"), day(t, "2019-06-30"), model.DefaultRules())
	assert.Nil(t, s2.Tasks.OnTimeRate)
	empty, _ := writeMonthly(t, model.Dataset{}, "zh")
	rows := rowsOf(t, empty, SheetCover)
	assert.Equal(t, "—", rows[figureRows(s2, "zh")(t, rows, "tasks.on_time_rate")-1][2])
	for _, r := range cover {
		for _, c := range r {
			assert.NotRegexp(t, `^(tasks|proposals|field|liaison|village)\.`, c, "no internal ids in the bulletin")
		}
	}
}

func TestMonthlyByUnitPutsLateUnitsFirstInColour(t *testing.T) {
	f, _ := writeMonthly(t, juneDataset(t), "zh")
	rows := rowsOf(t, f, SheetUnits)
	h := findRow(t, rows, 0, "序号")
	assert.Equal(t, []string{"序号", "牵头单位", "跟踪事项", "已办结", "办结率", "逾期", "按期办结率", "漏报进展（次）", "提示"}, rows[h-1])
	// 住建局 and 发改委 each have an overdue item (住建 has the worse on-time
	// rate); 教育局 leads nothing overdue but missed two reports (one as a
	// responsible unit of 住建局's item).
	assert.Equal(t, []string{"1", housing, "2", "0", "0.0%", "1", "0.0%", "0", "逾期"}, rows[h])
	assert.Equal(t, []string{"2", ndrc, "2", "1", "50.0%", "1", "50.0%", "0", "逾期"}, rows[h+1])
	assert.Equal(t, []string{"3", edu, "1", "0", "0.0%", "0", "—", "2", "漏报"}, rows[h+2])
	assert.Equal(t, []string{"", "合计", "5", "1", "20.0%", "2", "33.3%", "2"}, rows[h+3])
	assert.Equal(t, fillRed, fillOf(t, f, SheetUnits, cell(2, h+1)))
	assert.Equal(t, fillRed, fillOf(t, f, SheetUnits, cell(7, h+2)))
	assert.Equal(t, fillYellow, fillOf(t, f, SheetUnits, cell(2, h+3)))
	assert.Equal(t, fillTotal, fillOf(t, f, SheetUnits, cell(2, h+4)))
	// Late units are named above the table.
	findRow(t, rows, 0, "有逾期事项的单位（红色）："+housing+"、"+ndrc)
	findRow(t, rows, 0, "未按时报送进展的单位（黄色）："+edu)
}

func TestMonthlyOverdueSourceLeaderSheets(t *testing.T) {
	f, _ := writeMonthly(t, juneDataset(t), "zh")
	rows := rowsOf(t, f, SheetOverdue)
	h := findRow(t, rows, 0, "序号")
	require.Len(t, rows, h+2)
	assert.Equal(t, []string{"1", "A4", "停车场建设", "年度重点任务", housing, "李强", "2019-02-01", "2019-04-30", "61"}, rows[h])
	assert.Equal(t, []string{"2", "A2", "重点项目推进", "常务会议确定事项", ndrc, "王 明", "2019-04-01", "2019-05-31", "30", "正在推进"}, rows[h+1])
	raw, err := f.GetCellValue(SheetOverdue, cell(8, h+1), excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	assert.Equal(t, "43585", raw, "the deadline is a real date cell (2019-04-30)")

	rows = rowsOf(t, f, SheetSources)
	r := findRow(t, rows, 1, "年度重点任务")
	assert.Equal(t, []string{"2", "0", "0.0%", "1", "0.0%"}, rows[r-1][2:])
	r = findRow(t, rows, 1, "招商引资项目")
	assert.Equal(t, []string{"0", "0", "—", "0", "—"}, rows[r-1][2:], "every source is listed")

	rows = rowsOf(t, f, SheetLeaders)
	// 王明 and 王 明 are one leader; 李强 副市长 and 李强 too.
	r = findRow(t, rows, 1, "王明")
	assert.Equal(t, []string{"2", "1", "50.0%", "1", "50.0%"}, rows[r-1][2:])
	r = findRow(t, rows, 1, "李强 副市长")
	assert.Equal(t, []string{"2", "0", "0.0%", "1", "0.0%"}, rows[r-1][2:])
	findRow(t, rows, 1, "（未填责任领导）")
}

func TestMonthlyProposalsFieldLiaisonVillage(t *testing.T) {
	f, _ := writeMonthly(t, juneDataset(t), "zh")
	rows := rowsOf(t, f, SheetProposals)
	h := findRow(t, rows, 0, "序号")
	// 教育局's unreplied, past-due proposal puts it first, in red.
	assert.Equal(t, []string{"1", edu, "1", "0", "0.0%", "0", "0", "0.0%", "0", "0", "0", "0", "—", "0", "0", "0", "0", "1"}, rows[h])
	assert.Equal(t, []string{"2", ndrc, "2", "2", "100.0%", "2", "1", "50.0%", "2", "1", "1", "0", "100.0%", "1", "1", "0", "0", "0"}, rows[h+1])
	assert.Equal(t, fillRed, fillOf(t, f, SheetProposals, cell(2, h+1)))

	rows = rowsOf(t, f, SheetPropKinds)
	assert.Equal(t, "1", rows[findRow(t, rows, 0, "A类")-1][1])
	assert.Equal(t, "1", rows[findRow(t, rows, 0, "B类")-1][1])
	r := findRow(t, rows, 0, "财政经济")
	assert.Equal(t, []string{"财政经济", "2", "2", "100.0%", "1", "100.0%"}, rows[r-1])

	rows = rowsOf(t, f, SheetField)
	assert.Equal(t, []string{"王明", "2", "3", "2"}, rows[findRow(t, rows, 0, "王明")-1])
	rows = rowsOf(t, f, SheetVisits)
	r = findRow(t, rows, 1, "DY-1")
	assert.Equal(t, []string{"1", "DY-1", "2019-06-03 至 2019-06-05", "王明", "城关镇", ndrc + "、" + ndrc, "1"}, rows[r-1])

	rows = rowsOf(t, f, SheetLiaison)
	findRow(t, rows, 0, "本期未按时走访的联系点（红色）：河口村联系点")
	r = findRow(t, rows, 1, "河口村联系点")
	assert.Equal(t, "0", rows[r-1][6])
	assert.Equal(t, "2019-06", rows[r-1][7])
	assert.Equal(t, fillRed, fillOf(t, f, SheetLiaison, cell(2, r)))
	r = findRow(t, rows, 1, "城关街道联系点")
	assert.Equal(t, "1", rows[r-1][6], "a visit naming the short name counts for the point")

	rows = rowsOf(t, f, SheetFunds)
	assert.Equal(t, []string{"财政专项资金", "0.00", "50.00"}, rows[findRow(t, rows, 0, "财政专项资金")-1])
	assert.Equal(t, []string{"帮扶单位投入", "30.00", "30.00"}, rows[findRow(t, rows, 0, "帮扶单位投入")-1])
	assert.Equal(t, []string{"合计", "30.50", "80.50"}, rows[findRow(t, rows, 0, "合计")-1])
	findRow(t, rows, 0, "归入“其他”的来源（原文）：爱心人士")

	rows = rowsOf(t, f, SheetProjects)
	h = findRow(t, rows, 0, "序号")
	require.Len(t, rows, h+1, "the road finished in January is not under way in June")
	assert.Equal(t, []string{"1", "蔬菜大棚", "河口村", "产业发展", "新建蔬菜大棚（21座）", "80.00", "0.00", "2019-05-01", "", "在建", "60"}, rows[h])
}

// chartSeries reads every chart of the workbook at path: its title and,
// per series, the formulas of its name, categories and values.
type chartSeries struct{ name, cat, val string }

func charts(t *testing.T, path string) map[string][]chartSeries {
	t.Helper()
	zr, err := zip.OpenReader(path)
	require.NoError(t, err)
	defer zr.Close()
	out := map[string][]chartSeries{}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/charts/chart") {
			continue
		}
		rc, err := zf.Open()
		require.NoError(t, err)
		dec := xml.NewDecoder(rc)
		var stack []string
		var title string
		var series []chartSeries
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			require.NoError(t, err, zf.Name)
			switch el := tok.(type) {
			case xml.StartElement:
				stack = append(stack, el.Name.Local)
				if el.Name.Local == "ser" {
					series = append(series, chartSeries{})
				}
			case xml.EndElement:
				stack = stack[:len(stack)-1]
			case xml.CharData:
				path := strings.Join(stack, "/")
				text := string(el)
				switch {
				case strings.HasSuffix(path, "title/tx/rich/p/r/t"):
					title += text
				case strings.HasSuffix(path, "ser/tx/strRef/f"):
					series[len(series)-1].name = text
				case strings.HasSuffix(path, "ser/cat/strRef/f"), strings.HasSuffix(path, "ser/cat/numRef/f"):
					series[len(series)-1].cat = text
				case strings.HasSuffix(path, "ser/val/numRef/f"):
					series[len(series)-1].val = text
				}
			}
		}
		rc.Close()
		require.NotEmpty(t, title, zf.Name)
		out[title] = series
	}
	return out
}

func TestMonthlyChartsPointAtTheirTables(t *testing.T) {
	f, path := writeMonthly(t, juneDataset(t), "zh")
	got := charts(t, path)
	require.Len(t, got, 3)
	r := func(sheet, col string, a, b int) string {
		if a == b {
			return "'" + sheet + "'!$" + col + "$" + itoa(a)
		}
		return "'" + sheet + "'!$" + col + "$" + itoa(a) + ":$" + col + "$" + itoa(b)
	}

	// Completion by unit: tracked and done of the three units, not the total row.
	rows := rowsOf(t, f, SheetUnits)
	h := findRow(t, rows, 0, "序号")
	assert.Equal(t, []chartSeries{
		{name: r(SheetUnits, "C", h, h), cat: r(SheetUnits, "B", h+1, h+3), val: r(SheetUnits, "C", h+1, h+3)},
		{name: r(SheetUnits, "D", h, h), cat: r(SheetUnits, "B", h+1, h+3), val: r(SheetUnits, "D", h+1, h+3)},
	}, got["各单位办结情况"])

	rows = rowsOf(t, f, SheetPropKinds)
	a, d := findRow(t, rows, 0, "A类"), findRow(t, rows, 0, "D类")
	assert.Equal(t, []chartSeries{{name: r(SheetPropKinds, "B", a-1, a-1), cat: r(SheetPropKinds, "A", a, d),
		val: r(SheetPropKinds, "B", a, d)}}, got["办复结果分类"])

	// Funds by source: the period and the cumulative column, every source, no total.
	rows = rowsOf(t, f, SheetFunds)
	first, other := findRow(t, rows, 0, "财政专项资金"), findRow(t, rows, 0, "其他")
	assert.Equal(t, []chartSeries{
		{name: r(SheetFunds, "B", first-1, first-1), cat: r(SheetFunds, "A", first, other), val: r(SheetFunds, "B", first, other)},
		{name: r(SheetFunds, "C", first-1, first-1), cat: r(SheetFunds, "A", first, other), val: r(SheetFunds, "C", first, other)},
	}, got["帮扶资金来源"])
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestMonthlyIsPrintReady(t *testing.T) {
	f, _ := writeMonthly(t, juneDataset(t), "zh")
	names := f.GetDefinedName()
	titles := map[string]string{}
	for _, n := range names {
		if n.Name == "_xlnm.Print_Titles" {
			titles[n.Scope] = n.RefersTo
		}
	}
	for _, sheet := range []string{SheetUnits, SheetOverdue, SheetSources, SheetLeaders, SheetProposals, SheetLiaison, SheetProjects} {
		ref, ok := titles[sheet]
		require.True(t, ok, "%s has print titles", sheet)
		m := regexp.MustCompile(`^'(.+)'!\$(\d+):\$(\d+)$`).FindStringSubmatch(ref)
		require.NotNil(t, m, ref)
		assert.Equal(t, sheet, m[1])
		rows := rowsOf(t, f, sheet)
		assert.Equal(t, m[2], itoa(findRow(t, rows, 0, "序号")), "%s repeats its header row", sheet)
	}
	for _, sheet := range f.GetSheetList() {
		pl, err := f.GetPageLayout(sheet)
		require.NoError(t, err)
		assert.Equal(t, 9, *pl.Size, "%s on A4", sheet)
		assert.Equal(t, 1, *pl.FitToWidth, "%s fitted to width", sheet)
		props, err := f.GetSheetProps(sheet)
		require.NoError(t, err)
		assert.True(t, *props.FitToPage, sheet)
		hf, err := f.GetHeaderFooter(sheet)
		require.NoError(t, err)
		assert.Contains(t, hf.OddFooter, "&P")
		assert.Contains(t, hf.OddFooter, "&N")
	}
	pl, err := f.GetPageLayout(SheetUnits)
	require.NoError(t, err)
	assert.Equal(t, "landscape", *pl.Orientation)
}

func TestMonthlyEnglishHeadingsChineseSheets(t *testing.T) {
	ds := juneDataset(t)
	f, _ := writeMonthly(t, ds, "en")
	assert.Contains(t, f.GetSheetList(), SheetUnits)
	rows := rowsOf(t, f, SheetUnits)
	h := findRow(t, rows, 0, "No.")
	assert.Equal(t, "Lead unit", rows[h-1][1])
	assert.Equal(t, "overdue", rows[h][8])
	cover := rowsOf(t, f, SheetCover)
	assert.Equal(t, "Monthly bulletin — June 2019", cover[0][0])
	s := model.Summarize(ds, day(t, "2019-06-01"), day(t, "2019-06-30"), model.DefaultRules())
	findRow(t, cover, 0, model.DraftText(model.Draft(s, "en"), "en"))
}

func TestQuarterlyAndPeriod(t *testing.T) {
	ds := juneDataset(t)
	var buf bytes.Buffer
	require.NoError(t, Quarterly(&buf, ds, 2019, 2, model.DefaultRules(), "zh"))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	cover := rowsOf(t, f, SheetCover)
	assert.Equal(t, "督查督办工作季点评（2019年第二季度）", cover[0][0])
	assert.Contains(t, cover[1][0], "2019-04-01 至 2019-06-30")
	// DY-3 started 30 May: a second-quarter visit, unlike in June's bulletin.
	rows := rowsOf(t, f, SheetVisits)
	findRow(t, rows, 1, "DY-3")

	buf.Reset()
	require.NoError(t, Period(&buf, ds, day(t, "2019-01-01"), day(t, "2019-06-30"), model.DefaultRules(), "zh"))
	f2, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f2.Close()
	cover = rowsOf(t, f2, SheetCover)
	assert.Equal(t, "工作情况统计汇总（2019年上半年）", cover[0][0])
	s := model.Summarize(ds, day(t, "2019-01-01"), day(t, "2019-06-30"), model.DefaultRules())
	got, err := f2.GetCellValue(SheetCover, cell(3, figureRows(s, "zh")(t, cover, "village.funds_fen")))
	require.NoError(t, err)
	assert.Equal(t, "80.50", got)
	assert.Equal(t, model.Fen(805_000_00), s.Village.FundsFen)

	assert.Error(t, Quarterly(io.Discard, ds, 2019, 5, model.DefaultRules(), "zh"))
	assert.Error(t, Period(io.Discard, ds, day(t, "2019-06-30"), day(t, "2019-01-01"), model.DefaultRules(), "zh"))
}

func TestEmptyDatasetStillMakesABulletin(t *testing.T) {
	f, path := writeMonthly(t, model.Dataset{}, "zh")
	assert.Empty(t, charts(t, path), "no chart over empty ranges")
	rows := rowsOf(t, f, SheetUnits)
	assert.Equal(t, []string{"", "合计", "0", "0", "—", "0", "—", "0"}, rows[findRow(t, rows, 1, "合计")-1])
}

// LibreOffice opens the workbook and reads every sheet, with the figures
// formatted as Excel would show them.
func TestLibreOfficeOpensTheBulletin(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not on PATH")
	}
	_, path := writeMonthly(t, juneDataset(t), "zh")
	out := t.TempDir()
	profile := "file://" + filepath.Join(t.TempDir(), "profile")
	// CSV of every sheet (-1), UTF-8 (76), cells as shown.
	filter := "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
	cmd := exec.Command(soffice, "-env:UserInstallation="+profile, "--headless", "--convert-to", filter, "--outdir", out, path)
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, string(msg))
	for _, sheet := range []string{SheetCover, SheetUnits, SheetOverdue, SheetSources, SheetLeaders, SheetProposals,
		SheetPropKinds, SheetField, SheetVisits, SheetLiaison, SheetFunds, SheetProjects} {
		_, err := os.Stat(filepath.Join(out, "monthly-"+sheet+".csv"))
		assert.NoError(t, err, "LibreOffice read sheet %s: %s", sheet, msg)
	}
	units, err := os.ReadFile(filepath.Join(out, "monthly-"+SheetUnits+".csv"))
	require.NoError(t, err)
	assert.Contains(t, string(units), "各单位督办事项办理情况（2019年6月）")
	assert.Contains(t, string(units), "2,市发展和改革委员会,2,1,50.0%,1,50.0%,0,逾期")
	cover, err := os.ReadFile(filepath.Join(out, "monthly-"+SheetCover+".csv"))
	require.NoError(t, err)
	assert.Contains(t, string(cover), "按期办结率,33.3%")
	assert.NotContains(t, string(cover), "tasks.on_time_rate", "no internal ids")
}
