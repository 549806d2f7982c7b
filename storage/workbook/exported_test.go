package workbook

import (
	"archive/zip"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

// rezip copies the workbook at path to a new file, each part as edit
// (nil: none) gives it, with comment as its zip comment.
func rezip(t *testing.T, path, comment string, edit func(name string, b []byte) []byte) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	require.NoError(t, err)
	defer zr.Close()
	out := filepath.Join(t.TempDir(), "rezipped.xlsx")
	fh, err := os.Create(out)
	require.NoError(t, err)
	zw := zip.NewWriter(fh)
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		if edit != nil {
			b = edit(f.Name, b)
		}
		w, err := zw.Create(f.Name)
		require.NoError(t, err)
		_, err = w.Write(b)
		require.NoError(t, err)
	}
	require.NoError(t, zw.SetComment(comment))
	require.NoError(t, zw.Close())
	require.NoError(t, fh.Close())
	return out
}

// sumOf is the part as the zip's directory gives it.
func sumOf(t *testing.T, path, part string) partSum {
	t.Helper()
	zr, err := zip.OpenReader(path)
	require.NoError(t, err)
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == part {
			return partSum{name: f.Name, crc: f.CRC32, size: f.UncompressedSize64}
		}
	}
	t.Fatalf("no part %s", part)
	return partSum{}
}

// A worksheet part that a Taizhang export's zip comment names with the
// CRC-32 and size the part still has is read as the export wrote it (no
// merged range is looked for); with any other CRC-32, as a part changed
// since, it is read as every file is, its merged ranges found.
func TestAPartAsExportedIsTakenAsWritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "merged.xlsx")
	f := excelize.NewFile()
	rows := [][]any{{"督办编号", "事项名称", "牵头单位"}, {"D1", "事项一", "市财政局"}, {"D2", "事项二"}, {"D3", "事项三", "市教育局"}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, f.SetSheetRow("Sheet1", cell, &r))
	}
	require.NoError(t, f.MergeCell("Sheet1", "C2", "C3"))
	require.NoError(t, f.SaveAs(path))
	require.NoError(t, f.Close())
	leads := func(path string) []string { return leadUnits(t, path) }
	merged := []string{"市财政局", "市财政局", "市教育局"}
	assert.Equal(t, merged, leads(path))

	sum := sumOf(t, path, "xl/worksheets/sheet1.xml")
	assert.Equal(t, []string{"市财政局", "", "市教育局"}, leads(rezip(t, path, exportedComment([]partSum{sum}), nil)),
		"named as exported: taken as written, with no merge")
	changed := sum
	changed.crc ^= 1
	assert.Equal(t, merged, leads(rezip(t, path, exportedComment([]partSum{changed}), nil)), "changed since: its merges found")
	changed = sum
	changed.size++
	assert.Equal(t, merged, leads(rezip(t, path, exportedComment([]partSum{changed}), nil)))
	assert.Equal(t, merged, leads(rezip(t, path, "taizhang-parts nonsense", nil)))
}

// An export names its worksheets in its zip comment, and a list sheet as
// in task id order only when it is: tasks exported in id order or in
// another, with several reports each, read back with every report on its
// task, as the same file without the comment reads.
func TestAnExportNamesItsPartsAndTheirOrder(t *testing.T) {
	tasks := make([]*model.Task, 300)
	for i := range tasks {
		id := fmt.Sprintf("t-%04d", i)
		tasks[i] = &model.Task{Meta: model.Meta{ID: id, Kind: model.KindTask, Rev: "1-a"}, Number: fmt.Sprintf("督%d号", i), Title: "工作" + id}
		for j := range i % 3 {
			tasks[i].Reports = append(tasks[i].Reports, model.Report{ID: fmt.Sprintf("rep-%s-%d", id, j), Unit: "市财政局", Done: fmt.Sprintf("第%d次%s", j, id)})
		}
	}
	shuffled := slices.Clone(tasks)
	rand.New(rand.NewPCG(7, 7)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for name, list := range map[string][]*model.Task{"id order": tasks, "another order": shuffled} {
		t.Run(name, func(t *testing.T) {
			path := exportTasks(t, list)
			zr, err := zip.OpenReader(path)
			require.NoError(t, err)
			comment := zr.Comment
			zr.Close()
			require.True(t, strings.HasPrefix(comment, exportedMark+" "), comment)
			fields := strings.Fields(comment)[1:]
			assert.Len(t, fields, 4, "the task sheet and its three list sheets")
			order := map[string]string{}
			for _, f := range fields {
				parts := strings.Split(f, ":")
				sum := sumOf(t, path, parts[0])
				assert.Equal(t, fmt.Sprintf("%s:%08x:%d", sum.name, sum.crc, sum.size), strings.Join(parts[:3], ":"))
				order[parts[0]] = parts[3]
			}
			reports := ""
			for part, o := range order {
				if part != "xl/worksheets/sheet1.xml" && o == "-" {
					reports = part
				}
			}
			if name == "id order" {
				assert.Empty(t, reports, "every list sheet in task id order: %v", order)
			} else {
				assert.NotEmpty(t, reports, "a list sheet in another order is not marked so: %v", order)
			}
			for _, streamed := range []bool{true, false} {
				got, _ := readTasks(t, path, streamed)
				want, _ := readTasks(t, rezip(t, path, "", nil), streamed)
				require.Len(t, got, len(tasks))
				assert.Equal(t, want, got)
				for _, tk := range tasks {
					assert.Len(t, got[tk.ID].Reports, len(tk.Reports), tk.ID)
				}
			}
		})
	}
}
