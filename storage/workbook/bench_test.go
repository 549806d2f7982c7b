package workbook

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"taizhang/model"
)

// benchTasks builds n realistic supervised items.
func benchTasks(n int) []model.Record {
	recs := make([]model.Record, n)
	for i := range recs {
		recs[i] = &model.Task{
			Meta:       model.Meta{ID: fmt.Sprintf("t-%07d", i), Kind: model.KindTask, Rev: "r1"},
			Number:     fmt.Sprintf("督〔2019〕%d号", i),
			Source:     model.SourceMeeting,
			Title:      fmt.Sprintf("推进第%d项重点工作落实", i),
			Content:    "按照市政府常务会议要求，加快推进项目建设，确保按期完成年度目标任务。",
			Leader:     "王副市长",
			Units:      []model.UnitRole{{Name: "市发展和改革委员会", Role: model.RoleLead}, {Name: "市财政局", Role: model.RoleCooperating}},
			AssignedOn: model.NewDate(2019, 3, 1+i%28),
			Deadline:   model.Deadline{Due: model.NewDate(2019, 6, 30), Text: "6月底", Type: model.DeadlineMonthEnd},
			Status:     model.TaskInProgress,
			Progress:   "已完成可研批复，正在开展施工招标。",
			Percent:    40,
		}
	}
	return recs
}

func BenchmarkExport100k(b *testing.B) {
	sd := []SheetData{{Kind: model.KindTask, Records: benchTasks(100_000)}}
	b.ReportAllocs()
	for b.Loop() {
		if err := Export(io.Discard, sd, ExportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRead100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.xlsx")
	fh, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := Export(fh, []SheetData{{Kind: model.KindTask, Records: benchTasks(100_000)}}, ExportOptions{}); err != nil {
		b.Fatal(err)
	}
	fh.Close()
	b.ReportAllocs()
	for b.Loop() {
		res, err := Read(path, ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Rows) != 100_000 {
			b.Fatalf("read %d rows", len(res.Rows))
		}
	}
}
