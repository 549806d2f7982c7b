package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

// listTasks are n tasks whose lists differ in length from task to task
// (0–2 reports, 0–1 extension, 0–2 reminders), each entry naming its task
// in its text, so an entry given to the wrong task shows.
func listTasks(n int) []*model.Task {
	tasks := make([]*model.Task, n)
	for i := range tasks {
		id := fmt.Sprintf("t-%03d", i)
		t := &model.Task{Meta: model.Meta{ID: id, Kind: model.KindTask, Rev: "1-" + id},
			Number: fmt.Sprintf("督〔2019〕%d号", i+1), Title: fmt.Sprintf("第%d项工作", i+1)}
		for j := range i % 3 {
			t.Reports = append(t.Reports, model.Report{ID: fmt.Sprintf("rep-%s-%d", id, j), Unit: "市财政局",
				ReportedOn: model.NewDate(2019, 6, 1+j), Done: "进展" + id, Percent: 10 * (j + 1)})
		}
		if i%2 == 0 {
			t.Extensions = []model.Extension{{ID: "ext-" + id, RequestedOn: model.NewDate(2019, 6, 20), Reason: "理由" + id,
				NewDeadline: model.NewDate(2019, 9, 30), State: model.ExtensionApproved}}
		}
		for j := range (i + 1) % 3 {
			t.Reminders = append(t.Reminders, model.Reminder{ID: fmt.Sprintf("rem-%s-%d", id, j), On: model.NewDate(2019, 7, 10+j),
				Method: "phone", Level: j + 1, Note: "催" + id})
		}
		tasks[i] = t
	}
	return tasks
}

// exportTasks writes the tasks, in the order given, as Taizhang exports
// them: each task's list entries in its list sheets in the same order.
func exportTasks(t *testing.T, tasks []*model.Task) string {
	t.Helper()
	recs := make([]model.Record, len(tasks))
	for i, tk := range tasks {
		c := *tk
		recs[i] = &c
	}
	return exportFile(t, []SheetData{{Kind: model.KindTask, Records: recs}}, ExportOptions{Generator: "test"})
}

// readTasks reads a file's tasks by id, streamed (ReadOptions.Rows, as an
// import reads) or whole.
func readTasks(t *testing.T, path string, streamed bool) (map[string]*model.Task, *Result) {
	t.Helper()
	var rows []model.Incoming
	opt := ReadOptions{Lang: "zh"}
	if streamed {
		opt.Rows = func(in model.Incoming) error { rows = append(rows, in); return nil }
	}
	res, err := Read(path, opt)
	require.NoError(t, err)
	if !streamed {
		rows = res.Rows
	}
	got := map[string]*model.Task{}
	for _, in := range rows {
		tk, ok := in.Record.(*model.Task)
		require.True(t, ok)
		require.NotContains(t, got, tk.ID, "a task given twice")
		got[tk.ID] = tk
		for _, f := range []struct {
			name string
			n    int
		}{{"reports", len(tk.Reports)}, {"extensions", len(tk.Extensions)}, {"reminders", len(tk.Reminders)}} {
			assert.Equal(t, f.n > 0, slices.Contains(in.Fields, f.name), "%s: field %s", tk.ID, f.name)
		}
	}
	return got, res
}

// assertLists checks that every task read has exactly its own entries.
func assertLists(t *testing.T, want []*model.Task, got map[string]*model.Task) {
	t.Helper()
	for _, w := range want {
		g := got[w.ID]
		if !assert.NotNil(t, g, w.ID) {
			continue
		}
		byID := func(a, b string) int { return strings.Compare(a, b) }
		sortReports := func(rs []model.Report) []model.Report {
			return slices.SortedFunc(slices.Values(rs), func(a, b model.Report) int { return byID(a.ID, b.ID) })
		}
		sortReminders := func(rs []model.Reminder) []model.Reminder {
			return slices.SortedFunc(slices.Values(rs), func(a, b model.Reminder) int { return byID(a.ID, b.ID) })
		}
		assert.Equal(t, sortReports(w.Reports), sortReports(g.Reports), "%s: reports", w.ID)
		assert.Equal(t, w.Extensions, g.Extensions, "%s: extensions", w.ID)
		assert.Equal(t, sortReminders(w.Reminders), sortReminders(g.Reminders), "%s: reminders", w.ID)
	}
}

// rewriteSheet replaces the data rows of one sheet of a workbook (all rows
// after the first) by what edit makes of them, cells as stored.
func rewriteSheet(t *testing.T, path, sheet string, edit func(rows [][]string) [][]string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	head, data := rows[0], edit(rows[1:])
	require.NoError(t, f.DeleteSheet(sheet))
	_, err = f.NewSheet(sheet)
	require.NoError(t, err)
	for i, row := range append([][]string{head}, data...) {
		cells := make([]any, len(row))
		for j, v := range row {
			if v != "" {
				cells[j] = v
			}
		}
		require.NoError(t, f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+1), &cells))
	}
	require.NoError(t, f.Save())
}

// A list sheet in another order than its task sheet (a file another
// program sorted or shuffled, a task's entries no longer side by side),
// or a task sheet in another order than its list sheets: every entry
// still reaches its own task, streamed or read whole.
func TestListSheetsInAnotherOrder(t *testing.T) {
	tasks := listTasks(40)
	shuffled := slices.Clone(tasks)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	reversed := slices.Clone(tasks)
	slices.Reverse(reversed)
	shuffleRows := func(rows [][]string) [][]string {
		rand.New(rand.NewPCG(3, 4)).Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
		return rows
	}
	reverseRows := func(rows [][]string) [][]string { slices.Reverse(rows); return rows }
	type edits map[string]func([][]string) [][]string
	cases := []struct {
		name  string
		order []*model.Task // the order the tasks are exported in
		lists []*model.Task // the order of the list sheets copied in (nil: as exported)
		edit  edits         // list sheets rewritten after
	}{
		{"in step, id order", tasks, nil, nil},
		{"in step, another order", shuffled, nil, nil},
		{"tasks reversed, lists in id order", reversed, tasks, nil},
		{"tasks shuffled, lists in id order", shuffled, tasks, nil},
		{"lists reversed", tasks, nil, edits{reportsSheet: reverseRows, remindersSheet: reverseRows}},
		{"lists shuffled", tasks, nil, edits{reportsSheet: shuffleRows, extensionsSheet: shuffleRows, remindersSheet: shuffleRows}},
		{"both shuffled", shuffled, nil, edits{reportsSheet: shuffleRows, remindersSheet: reverseRows}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := exportTasks(t, c.order)
			if c.lists != nil {
				other := exportTasks(t, c.lists)
				f, err := excelize.OpenFile(other)
				require.NoError(t, err)
				for _, sheet := range subOrder {
					rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
					require.NoError(t, err)
					rewriteSheet(t, path, sheet, func([][]string) [][]string { return rows[1:] })
				}
				require.NoError(t, f.Close())
			}
			for sheet, edit := range c.edit {
				rewriteSheet(t, path, sheet, edit)
			}
			for _, streamed := range []bool{true, false} {
				got, res := readTasks(t, path, streamed)
				assert.Empty(t, res.Rejected)
				assert.Len(t, got, len(tasks))
				assertLists(t, tasks, got)
			}
		})
	}
}

// Entries whose task row is gone (deleted by hand) are dropped, not given
// to another task; a task row that appears twice takes its entries once
// (the second row is rejected as a duplicate, as before); a task whose
// first row is rejected for a bad cell takes them at its second, good row.
// Bad cells of list entries stay rejections naming sheet, row and column,
// put before the task sheet's own.
func TestListEntriesWithoutTheirRowOrTwice(t *testing.T) {
	tasks := listTasks(12)
	for _, inStep := range []bool{true, false} {
		t.Run(fmt.Sprintf("lists in step %v", inStep), func(t *testing.T) {
			path := exportTasks(t, tasks)
			if !inStep {
				rewriteSheet(t, path, reportsSheet, func(rows [][]string) [][]string { slices.Reverse(rows); return rows })
			}
			f, err := excelize.OpenFile(path)
			require.NoError(t, err)
			main := f.GetSheetName(0)
			rows, err := f.GetRows(main)
			require.NoError(t, err)
			col := func(header string) int {
				i := slices.Index(rows[0], header)
				require.GreaterOrEqual(t, i, 0, header)
				return i
			}
			idCol := col("_id")
			rowOf := func(id string) int {
				for i, r := range rows {
					if len(r) > idCol && r[idCol] == id {
						return i + 1
					}
				}
				t.Fatalf("no row for %s", id)
				return 0
			}
			cell := func(c, row int) string {
				name, err := excelize.CoordinatesToCellName(c+1, row)
				require.NoError(t, err)
				return name
			}
			// t-004's row is deleted; t-005's appears twice; t-008's too, its
			// first row with a bad 交办日期
			gone, twice, badFirst := tasks[4], tasks[5], tasks[8]
			require.Len(t, gone.Reports, 1)
			require.NotEmpty(t, twice.Reports)
			require.NotEmpty(t, badFirst.Reports)
			dupRow := rowOf(twice.ID)
			require.NoError(t, f.DuplicateRowTo(main, dupRow, len(rows)+1))
			badRow := rowOf(badFirst.ID)
			require.NoError(t, f.DuplicateRowTo(main, badRow, len(rows)+2))
			assigned := col("交办日期")
			require.NoError(t, f.SetCellStr(main, cell(assigned, badRow), "2019年2月30日")) // a word (某年某月) would be kept, not refused
			goneRow := rowOf(gone.ID)
			require.NoError(t, f.RemoveRow(main, goneRow))
			if goneRow < dupRow {
				dupRow-- // where the first of the two rows is now
			}
			// an orphan entry with a bad date, and a good entry's bad percent
			reps, err := f.GetRows(reportsSheet)
			require.NoError(t, err)
			dateCol, pctCol, repCol := slices.Index(reps[0], "报送日期"), slices.Index(reps[0], "完成进度"), slices.Index(reps[0], "_id")
			var orphanRow, pctRow int
			var pctRep string
			for i, r := range reps {
				switch {
				case slices.Contains(r, gone.ID):
					orphanRow = i + 1
				case slices.Contains(r, tasks[2].ID) && pctRow == 0:
					pctRow, pctRep = i+1, r[repCol]
				}
			}
			require.NoError(t, f.SetCellStr(reportsSheet, cell(dateCol, orphanRow), "六月某日"))
			require.NoError(t, f.SetCellStr(reportsSheet, cell(pctCol, pctRow), "大半"))
			// two last entries for a task that never was, with bad dates too
			lastRow := len(reps) + 1
			for i := range 2 {
				stray := slices.Clone(reps[orphanRow-1])
				stray[slices.Index(reps[0], "_task")], stray[repCol], stray[dateCol] = "t-999", fmt.Sprint("rep-t-999-", i), "某日"
				require.NoError(t, f.SetSheetRow(reportsSheet, cell(0, lastRow+i), &stray))
			}
			require.NoError(t, f.Save())
			f.Close()

			for _, streamed := range []bool{true, false} {
				got, res := readTasks(t, path, streamed)
				assert.NotContains(t, got, gone.ID)
				assert.Len(t, got, len(tasks)-1)
				var others []*model.Task
				for _, tk := range tasks {
					if tk != gone {
						others = append(others, tk)
					}
				}
				want := slices.Clone(others)
				for i, tk := range want {
					if tk == tasks[2] {
						c := *tk
						c.Reports = slices.Clone(tk.Reports)
						for j := range c.Reports {
							if c.Reports[j].ID == pctRep {
								c.Reports[j].Percent = 0 // its cell was rejected
							}
						}
						want[i] = &c
					}
				}
				assertLists(t, want, got)
				for _, tk := range got {
					for _, rep := range tk.Reports {
						assert.NotContains(t, rep.ID, gone.ID, "%s took the deleted task's report", tk.ID)
					}
				}
				require.Len(t, res.Rejected, 6, "%+v", res.Rejected)
				places := make([]string, len(res.Rejected))
				for i, rj := range res.Rejected {
					places[i] = fmt.Sprintf("%s!%s%d %s", rj.Sheet, rj.Column, rj.Row, rj.Header)
				}
				dcol, _ := excelize.ColumnNumberToName(dateCol + 1)
				pcol, _ := excelize.ColumnNumberToName(pctCol + 1)
				first := []string{fmt.Sprintf("%s!%s%d 报送日期", reportsSheet, dcol, orphanRow),
					fmt.Sprintf("%s!%s%d 完成进度", reportsSheet, pcol, pctRow)}
				reasons := []string{"无法识别的报送日期", "无法识别的完成进度"}
				if pctRow < orphanRow { // rejections in the sheet's row order
					slices.Reverse(first)
					slices.Reverse(reasons)
				}
				first = append(first, fmt.Sprintf("%s!%s%d 报送日期", reportsSheet, dcol, lastRow),
					fmt.Sprintf("%s!%s%d 报送日期", reportsSheet, dcol, lastRow+1))
				reasons = append(reasons, "无法识别的报送日期", "无法识别的报送日期")
				assert.Equal(t, first, places[:4], "the list sheet's rejections first, in its row order")
				for i, want := range reasons {
					assert.Equal(t, want, res.Rejected[i].Reason)
				}
				var mainReasons []string
				for _, rj := range res.Rejected[4:] {
					assert.Equal(t, main, rj.Sheet)
					mainReasons = append(mainReasons, rj.Header+": "+rj.Reason)
				}
				assert.Contains(t, mainReasons, fmt.Sprintf("编号: 与工作表“%s”第%d行重复（是同一条记录的又一行：隐藏列 _id 相同）", main, dupRow))
				assert.Contains(t, strings.Join(mainReasons, "\n"), "交办日期")
			}
		})
	}
}

// A streamed read holds no list entries beyond those of the row being
// read when the list sheets are in the task sheet's order (a Taizhang
// export, in id order or another): 4,000 tasks with a report of 4 KB each
// leave the live heap, at the last task row, far below the 17 MB the
// reports make. (When the list sheets were read whole first, they were all
// still held there: 21 MB.)
func TestStreamedReadHoldsNoListEntries(t *testing.T) {
	const n = 4000
	long := strings.Repeat("推进", 700) // 4.2 KB of UTF-8
	tasks := make([]*model.Task, n)
	for i := range tasks {
		id := fmt.Sprintf("t-%05d", i)
		tasks[i] = &model.Task{Meta: model.Meta{ID: id, Kind: model.KindTask, Rev: "1-a"}, Number: fmt.Sprintf("督%d号", i),
			Title: "工作" + id, Reports: []model.Report{{ID: "rep-" + id, Unit: "市财政局", Done: long + id}}}
	}
	shuffled := slices.Clone(tasks)
	rand.New(rand.NewPCG(5, 6)).Shuffle(n, func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	paths := map[string]string{"id order": exportTasks(t, tasks), "another order": exportTasks(t, shuffled)}
	tasks, shuffled = nil, nil

	for name, path := range paths {
		t.Run(name, func(t *testing.T) {
			var live uint64
			seen := 0
			_, err := Read(path, ReadOptions{Rows: func(in model.Incoming) error {
				tk := in.Record.(*model.Task)
				if len(tk.Reports) != 1 || tk.Reports[0].Done != long+tk.ID {
					return fmt.Errorf("%s: reports %d", tk.ID, len(tk.Reports))
				}
				if seen++; seen == n-1 {
					runtime.GC()
					var m runtime.MemStats
					runtime.ReadMemStats(&m)
					live = m.HeapAlloc
				}
				return nil
			}})
			require.NoError(t, err)
			require.Equal(t, n, seen)
			var base runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&base)
			held := int64(live) - int64(base.HeapAlloc)
			t.Logf("live heap at the last row: %.1f MB above the heap after the read", float64(held)/(1<<20))
			assert.Less(t, held, int64(4<<20), "list entries were held while the tasks were read")
		})
	}
}

// A list sheet cut off or garbled refuses the file as before, naming the
// list sheet and the last row read whole, streamed or not, and before any
// task row is given.
func TestDamagedListSheetRefusesTheFile(t *testing.T) {
	path := exportTasks(t, listTasks(30))
	zr, err := zip.OpenReader(path)
	require.NoError(t, err)
	var part string
	var body []byte
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		if strings.HasPrefix(f.Name, "xl/worksheets/") && bytes.Contains(b, []byte("报送单位")) && bytes.Contains(b, []byte(subTaskHeader)) {
			part, body = f.Name, b
		}
	}
	require.NoError(t, zr.Close())
	require.NotEmpty(t, part, "no 进展报告 part")
	rewrite := func(edit func([]byte) []byte) string {
		return rezip(t, path, "", func(name string, b []byte) []byte {
			if name == part {
				return edit(b)
			}
			return b
		})
	}
	lastRow := bytes.LastIndex(body, []byte("<row "))
	cases := map[string]string{
		"cut before its last row": rewrite(func(b []byte) []byte { return b[:lastRow+20] }),
		"garbage in a row": rewrite(func(b []byte) []byte {
			return bytes.Replace(b, []byte(`<row r="5"`), []byte("\x00\x13\xff 乱码 <row r=\"5\""), 1)
		}),
	}
	for name, damaged := range cases {
		for _, streamed := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s, streamed %v", name, streamed), func(t *testing.T) {
				given := 0
				opt := ReadOptions{Lang: "zh", Partial: true}
				if streamed {
					opt.Rows = func(model.Incoming) error { given++; return nil }
				}
				_, err := Read(damaged, opt)
				fe := requireFileError(t, err, ErrDamaged)
				assert.Equal(t, reportsSheet, fe.Sheet)
				assert.Contains(t, fe.Zh, "工作表“进展报告”已损坏")
				assert.Positive(t, fe.LastRow)
				assert.Zero(t, given, "task rows were given before the damage was found")
			})
		}
	}
}

// A report's 完成进度 comes back from an export as it was, 1% included:
// written as a whole number, a plain 1 read back as 100% (a plain number of
// at most 1 reads as a fraction, as Excel stores 80%). It is written as
// Excel writes a percent, the fraction with a percent format, and shows so.
func TestAReportsPercentRoundTripsThroughTheExport(t *testing.T) {
	tk := &model.Task{Meta: model.Meta{ID: "t-1", Kind: model.KindTask, Rev: "1-a"}, Number: "督〔2019〕1号", Title: "第1项工作"}
	percents := []int{0, 1, 2, 37, 99, 100}
	for i, p := range percents {
		tk.Reports = append(tk.Reports, model.Report{ID: fmt.Sprintf("rep-%d", i), Unit: "市财政局",
			ReportedOn: model.NewDate(2019, 6, 1+i), Done: "进展", Percent: p})
	}
	path := exportTasks(t, []*model.Task{tk})
	got, _ := readTasks(t, path, true)
	require.Contains(t, got, "t-1")
	var back []int
	for _, r := range got["t-1"].Reports {
		back = append(back, r.Percent)
	}
	assert.Equal(t, percents, back)

	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	shown, err := f.GetCellValue(reportsSheet, "I3") // the second report's 完成进度, as Excel shows it
	require.NoError(t, err)
	assert.Equal(t, "1%", shown)
}

// An export of format 1 wrote a report's 完成进度 as the whole number: read
// so, its 1 is 1% (it was read as 100%). A cell there formatted as a
// percentage (100% typed in Excel, which stores 1) is still the fraction.
func TestAFormatOneExportsReportPercentIsTheWholeNumber(t *testing.T) {
	tk := &model.Task{Meta: model.Meta{ID: "t-1", Kind: model.KindTask, Rev: "1-a"}, Number: "督〔2019〕1号", Title: "第1项工作"}
	for i := range 4 {
		tk.Reports = append(tk.Reports, model.Report{ID: fmt.Sprintf("rep-%d", i), Unit: "市财政局",
			ReportedOn: model.NewDate(2019, 6, 1+i), Done: "进展", Percent: 50})
	}
	path := exportTasks(t, []*model.Task{tk})
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	meta, err := f.GetRows(metaSheet)
	require.NoError(t, err)
	for i, kv := range meta {
		if kv[0] == "format_version" {
			require.NoError(t, f.SetCellValue(metaSheet, fmt.Sprintf("B%d", i+1), "1"))
		}
	}
	plain, err := f.NewStyle(&excelize.Style{})
	require.NoError(t, err)
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 9})
	require.NoError(t, err)
	for i, c := range []struct {
		v     any
		style int
	}{{1, plain}, {37, plain}, {1, pct}, {0.25, pct}} { // as format 1 wrote them; then typed in Excel
		cell := fmt.Sprintf("I%d", i+2)
		require.NoError(t, f.SetCellValue(reportsSheet, cell, c.v))
		require.NoError(t, f.SetCellStyle(reportsSheet, cell, cell, c.style))
	}
	old := filepath.Join(t.TempDir(), "format1.xlsx")
	require.NoError(t, f.SaveAs(old))
	require.NoError(t, f.Close())

	got, _ := readTasks(t, old, true)
	var back []int
	for _, r := range got["t-1"].Reports {
		back = append(back, r.Percent)
	}
	assert.Equal(t, []int{1, 37, 100, 25}, back)
}
