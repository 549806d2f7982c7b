package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

// tasksWithLists are n tasks, each with a progress report, an extension and
// a reminder, yielded one at a time as the store's EachRecord does.
func tasksWithLists(n int) SheetData {
	recs := benchTasks(n)
	for _, r := range recs {
		t := r.(*model.Task)
		t.Reports = []model.Report{{ID: "rep-" + t.ID, Unit: "市财政局", Period: "2019-06", ReportedOn: model.NewDate(2019, 6, 5),
			Done: "已完成" + t.Title, Problems: "资金缺口", Percent: 40, Review: model.ReviewAccepted}}
		t.Extensions = []model.Extension{{ID: "ext-" + t.ID, RequestedOn: model.NewDate(2019, 6, 20), Reason: "汛期停工",
			NewDeadline: model.NewDate(2019, 9, 30), State: model.ExtensionApproved}}
		t.Reminders = []model.Reminder{{ID: "rem-" + t.ID, On: model.NewDate(2019, 7, 10), Method: "phone", Level: 2}}
	}
	return SheetData{Kind: model.KindTask, Count: n, Each: func(yield func(model.Record, []string) error) error {
		for _, r := range recs {
			if err := yield(r, []string{r.RecordMeta().Rev}); err != nil {
				return err
			}
		}
		return nil
	}}
}

// zipPartSize is the uncompressed size of a part of the workbook, 0 when
// it has none.
func zipPartSize(t *testing.T, book []byte, name string) uint64 {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	require.NoError(t, err)
	for _, f := range zr.File {
		if f.Name == name {
			return f.UncompressedSize64
		}
	}
	return 0
}

// An export of 100,000 tasks once took 1.2 GB instead of 150 MB: the
// tasks' list sheets (进展报告, 延期, 催办) were kept row by row and written
// cell by cell into excelize's in-memory sheets, which hold every cell (and
// every text in the shared strings table) until the file is written. The
// list sheets are now streamed with their tasks: whatever the number of
// tasks, the shared strings table (where only the small fixed sheets put
// their texts) stays the same, and every entry is in its sheet, in the
// tasks' order.
func TestExportStreamsTaskListSheets(t *testing.T) {
	shared := map[int]uint64{}
	for _, n := range []int{50, 600} {
		var buf bytes.Buffer
		require.NoError(t, Export(&buf, []SheetData{tasksWithLists(n)}, ExportOptions{Generator: "test"}))
		shared[n] = zipPartSize(t, buf.Bytes(), "xl/sharedStrings.xml")

		f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
		require.NoError(t, err)
		for _, sheet := range subOrder {
			rows, err := f.GetRows(sheet)
			require.NoError(t, err, sheet)
			require.Len(t, rows, n+1, "%s: a header and one row per task", sheet)
			head := subHeaders[sheet]
			assert.Equal(t, append(append([]string{}, head...), subTaskHeader, subIDHeader), rows[0], sheet)
			for i, row := range rows[1:] {
				id := fmt.Sprintf("t-%07d", i)
				require.Len(t, row, len(head)+2, "%s row %d", sheet, i+2)
				assert.Equal(t, fmt.Sprintf("督〔2019〕%d号", i), row[0], "%s row %d", sheet, i+2)
				assert.Equal(t, id, row[len(head)], "%s row %d", sheet, i+2)
			}
			for c := 1; c <= len(head)+2; c++ {
				name, _ := excelize.ColumnNumberToName(c)
				visible, err := f.GetColVisible(sheet, name)
				require.NoError(t, err)
				assert.Equal(t, c <= len(head), visible, "%s column %s: only the ids are hidden", sheet, name)
			}
		}
		rows, err := f.GetRows(reportsSheet)
		require.NoError(t, err)
		assert.Equal(t, []string{"督〔2019〕7号", "推进第7项重点工作落实", "市财政局", "2019-06", "2019-06-05",
			"已完成推进第7项重点工作落实", "资金缺口", "", "40%", "", "通过", "", "t-0000007", "rep-t-0000007"}, rows[8])
		require.NoError(t, f.Close())
	}
	assert.Equal(t, shared[50], shared[600], "the shared strings table grew with the tasks: a sheet was written cell by cell, in memory")
}

// The streamed export reads back as it was written: the tasks with their
// lists, through the importer's reader.
func TestExportedTaskListsReadBack(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, Export(&buf, []SheetData{tasksWithLists(30)}, ExportOptions{Generator: "test"}))
	path := filepath.Join(t.TempDir(), "lists.xlsx")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	res, err := Read(path, ReadOptions{})
	require.NoError(t, err)
	require.Len(t, res.Rows, 30)
	for _, in := range res.Rows {
		tk := in.Record.(*model.Task)
		require.Len(t, tk.Reports, 1, tk.Number)
		assert.Equal(t, "rep-"+tk.ID, tk.Reports[0].ID)
		assert.Equal(t, "已完成"+tk.Title, tk.Reports[0].Done)
		require.Len(t, tk.Extensions, 1, tk.Number)
		assert.Equal(t, model.NewDate(2019, 9, 30), tk.Extensions[0].NewDeadline)
		require.Len(t, tk.Reminders, 1, tk.Number)
		assert.Equal(t, 2, tk.Reminders[0].Level)
	}
}

// BenchmarkExportTaskLists writes 100,000 tasks with a report, an
// extension and a reminder each, and reports the allocations per task and
// the peak of the Go heap above the tasks themselves. With the list
// sheets written cell by cell this peak was 1,958 MB (611 allocations a
// task); streamed, it is 298 MB (386), what excelize keeps of each of the
// four large sheets before spilling it to a temporary file (16 MB of XML,
// in a buffer of up to 32 MB), and does not grow past some 50,000 tasks.
//
//	go test -run XXX -bench ExportTaskLists -benchtime 1x ./storage/workbook
func BenchmarkExportTaskLists(b *testing.B) {
	const n = 100_000
	sd := tasksWithLists(n)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	peak := before.HeapInuse
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	b.ReportAllocs()
	for b.Loop() {
		if err := Export(io.Discard, []SheetData{sd}, ExportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	close(stop)
	<-stopped
	tasks := float64(b.N) * n
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/tasks, "allocs/task")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/tasks, "B/task")
	b.ReportMetric(float64(peak-before.HeapInuse)/(1<<20), "peakheap-MB")
}

// Streamed records are read a few batches ahead of the rows written: a
// failure on either side ends the export with that failure, and the reader
// stops soon after the writer does (it is not left reading every record).
func TestStreamedRecordsReadAhead(t *testing.T) {
	const n = 5000
	sd := tasksWithLists(n)
	var read int
	each := sd.Each
	sd.Each = func(yield func(model.Record, []string) error) error {
		return each(func(r model.Record, anc []string) error {
			read++
			return yield(r, anc)
		})
	}

	var got []string
	require.NoError(t, sd.each(func(r model.Record, _ []string) error {
		got = append(got, r.RecordMeta().ID)
		return nil
	}))
	require.Len(t, got, n)
	assert.Equal(t, "t-0000000", got[0])
	assert.Equal(t, fmt.Sprintf("t-%07d", n-1), got[n-1], "in the order read")

	read = 0
	full := errors.New("disk full")
	written := 0
	err := sd.each(func(model.Record, []string) error {
		if written++; written == 100 {
			return full
		}
		return nil
	})
	assert.ErrorIs(t, err, full)
	assert.Equal(t, 100, written)
	// written: 2 batches; waiting: aheadBatches; one being sent when the
	// writer stopped and, at most, one more
	assert.LessOrEqual(t, read, (2+aheadBatches+2)*aheadBatch, "the reader went on after the writer stopped")

	broken := errors.New("database is locked")
	sd.Each = func(yield func(model.Record, []string) error) error {
		for i := range 300 {
			if err := yield(benchTasks(1)[0], nil); err != nil || i == 200 {
				return broken
			}
		}
		return nil
	}
	err = Export(io.Discard, []SheetData{sd}, ExportOptions{})
	assert.ErrorIs(t, err, broken)
}
