package workbook

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage/workbook/xlsxscan"
)

// writeBenchLedger writes a ledger like scripts/bench's generator: a title
// row, a 填报单位 line, 15 Chinese columns, text deadlines and percents.
func writeBenchLedger(path string, n int) error {
	words := strings.Fields(`老旧小区 改造 整改 落实 推进 招商引资 项目 饮水安全 乡村振兴 道路 交通 环境 治理
污水 处理 学校 医院 养老 服务 中心 建设 完成 规划 审批 资金 拨付 督查 问题 清单 销号 背街小巷 雨污分流`)
	units := strings.Fields(`市住建局 市财政局 市交通运输局 市水利局 市发改委 市城管局 市商务局 市卫健委 市教育局 市自然资源局`)
	sources := []string{"领导批示", "常务会议确定事项", "现场调研事项", "年度重点任务", "招商引资项目", "民生重点事项"}
	statuses := []string{"已交办", "办理中", "办理中", "办理中", "已办结"}
	leaders := []string{"王副市长", "李副市长", "张副市长", "刘常务副市长", "陈副市长"}
	deadlines := []string{"6月底前", "年底前", "9月30日前", "三季度", "10月15日", "上半年", "2026年3月31日前", "7月底", "长期坚持"}
	rng := rand.New(rand.NewPCG(1, 7))
	text := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(words[rng.IntN(len(words))])
			if rng.IntN(4) == 0 {
				b.WriteString("，")
			}
		}
		return b.String()
	}
	f := excelize.NewFile()
	defer f.Close()
	sheet := "督办事项"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	head := [][]any{{"2025年全市重点督办事项台账"}, {"填报单位：市政府办公室督查室"},
		{"序号", "督办编号", "事项来源", "事项名称", "交办内容", "批示原文", "责任领导", "牵头单位",
			"配合单位", "交办日期", "完成时限", "状态", "办理进展", "完成进度", "备注"}}
	for i, row := range head {
		if err := sw.SetRow(fmt.Sprintf("A%d", i+1), row); err != nil {
			return err
		}
	}
	for i := 0; i < n; i++ {
		row := []any{i + 1, fmt.Sprintf("督〔2025〕%d号", i+1), sources[rng.IntN(len(sources))],
			text(3) + fmt.Sprintf("（第%d项）", i+1), "按照要求，" + text(14), text(8),
			leaders[rng.IntN(len(leaders))], units[rng.IntN(len(units))],
			units[rng.IntN(len(units))] + "、" + units[rng.IntN(len(units))],
			fmt.Sprintf("2025年%d月%d日", 1+rng.IntN(6), 1+rng.IntN(28)),
			deadlines[rng.IntN(len(deadlines))], statuses[rng.IntN(len(statuses))],
			"目前" + text(12), fmt.Sprintf("%d%%", rng.IntN(101)), text(2)}
		if err := sw.SetRow(fmt.Sprintf("A%d", i+4), row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

// BenchmarkReadLedgerPass is one streamed read of a 20,000-row ledger, as
// an import's planning pass and its applying pass each make one
// (TAIZHANG_BENCH_LEDGER=FILE reads that file instead, e.g. the 100k
// ledger scripts/bench generates).
func BenchmarkReadLedgerPass(b *testing.B) {
	path := os.Getenv("TAIZHANG_BENCH_LEDGER")
	if path == "" {
		path = filepath.Join(b.TempDir(), "ledger.xlsx")
		if err := writeBenchLedger(path, 20_000); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		// A cold pass, as the planning pass is: the applying pass finds the merges known.
		knownMerges = &mergeCache{entries: map[mergeKey][]xlsxscan.Merge{}}
		rows := 0
		res, err := Read(path, ReadOptions{Lang: "zh", Progress: func(int) error { return nil },
			Rows: func(model.Incoming) error { rows++; return nil }})
		if err != nil {
			b.Fatal(err)
		}
		if rows == 0 || len(res.Rejected) > 0 {
			b.Fatalf("read %d rows, %d rejected", rows, len(res.Rejected))
		}
	}
	// CPU time (all threads, GC included) is steadier than wall time on a shared machine.
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
