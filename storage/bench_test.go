package storage

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"taizhang/model"
)

// benchDB is one 100,000-task database shared by the benchmarks of a run:
// building it takes far longer than any search.
var benchDB struct {
	once  sync.Once
	dir   string
	store *Store
	load  time.Duration
	size  int64
	err   error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDB.store != nil {
		benchDB.store.Close()
	}
	if benchDB.dir != "" && os.Getenv("TAIZHANG_BENCH_DIR") == "" {
		os.RemoveAll(benchDB.dir)
	}
	os.Exit(code)
}

var benchWords = strings.Fields(`老旧小区 改造 整改 落实 推进 招商引资 项目 饮水安全 乡村振兴 道路 交通 环境 治理
污水 处理 学校 医院 养老 服务 中心 建设 完成 规划 审批 资金 拨付 督查 问题 清单 销号 背街小巷 雨污分流
营商环境 优化 产业园区 标准厂房 人才公寓 停车场 公厕 垃圾分类 河道 清淤 绿化 提升 路灯 安装 农贸市场
电梯 加装 燃气 管网 供暖 管道 安全生产 检查 食品 药品 监管 政务服务 一网通办 窗口 企业 走访 协调 落地`)

const benchTasks = 100_000

func benchStore(b *testing.B) *Store {
	benchDB.once.Do(func() {
		// TAIZHANG_BENCH_DIR keeps the database between runs (and reuses it).
		if benchDB.dir = os.Getenv("TAIZHANG_BENCH_DIR"); benchDB.dir == "" {
			benchDB.dir, benchDB.err = os.MkdirTemp("", "taizhang-bench-")
			if benchDB.err != nil {
				return
			}
		}
		s, err := Open(benchDB.dir)
		if err != nil {
			benchDB.err = err
			return
		}
		benchDB.store = s
		if n, _ := s.Count(context.Background(), Query{Kind: model.KindTask}); n == benchTasks {
			return
		}
		rng := rand.New(rand.NewSource(1))
		text := func(n int) string {
			var sb strings.Builder
			for i := 0; i < n; i++ {
				sb.WriteString(benchWords[rng.Intn(len(benchWords))])
				if rng.Intn(4) == 0 {
					sb.WriteString("，")
				}
			}
			return sb.String()
		}
		units := []string{"市住建局", "市财政局", "市交通局", "市水利局", "市发改委", "市城管局", "市商务局", "市卫健委"}
		statuses := model.TaskStatuses.Values()
		ctx := context.Background()
		start := time.Now()
		for batch := 0; batch < benchTasks/2000; batch++ {
			err := s.Update(ctx, func(tx *Tx) error {
				for i := 0; i < 2000; i++ {
					n := batch*2000 + i
					t := &model.Task{
						Number: fmt.Sprintf("督〔%d〕%d号", 2015+n%10, n), Source: model.SourceInstruction,
						Title: text(3), Content: text(12), Progress: text(8),
						Units:      []model.UnitRole{{Name: units[rng.Intn(len(units))], Role: model.RoleLead}},
						AssignedOn: model.NewDate(2019, 1, 1).AddDays(rng.Intn(700)),
						Deadline:   model.Deadline{Due: model.NewDate(2019, 6, 1).AddDays(rng.Intn(900)), Type: model.DeadlineDate},
						Status:     statuses[rng.Intn(len(statuses))],
					}
					if n%1000 == 7 {
						t.Progress += "磁悬浮线路" // a rare term: 100 records
					}
					if err := tx.Save(ctx, t, "bench", ""); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				benchDB.err = err
				return
			}
		}
		benchDB.load = time.Since(start)
		if fi, err := os.Stat(s.Path()); err == nil {
			benchDB.size = fi.Size()
		}
		fmt.Fprintf(os.Stderr, "bench db: %d tasks loaded in %v, %d MB\n", benchTasks, benchDB.load.Round(time.Millisecond), benchDB.size>>20)
	})
	if benchDB.err != nil {
		b.Fatal(benchDB.err)
	}
	return benchDB.store
}

// BenchmarkSearch runs the searches a user types over 100,000 tasks. The
// "hits" metric is how many records matched; Limit 200 as a page of the UI.
func BenchmarkSearch(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	cases := []struct {
		name string
		q    Query
	}{
		{"2char_common", Query{Text: "整改"}},
		{"2char_rare", Query{Text: "悬浮"}},
		{"4char", Query{Text: "雨污分流"}},
		{"5char_rare", Query{Text: "磁悬浮线路"}},
		{"two_terms", Query{Text: "河道 清淤"}},
		{"latin_digits", Query{Text: "2017"}},
		{"1char", Query{Text: "磁"}},
		{"1char_common", Query{Text: "改"}},
		{"status_sort_deadline", Query{Status: "in_progress", Sort: "deadline"}},
		{"text_and_unit", Query{Text: "改造", Unit: "市住建局", Sort: "-deadline"}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			q := c.q
			q.Kind, q.Limit = model.KindTask, 200
			hits, err := s.Count(ctx, Query{Kind: q.Kind, Text: q.Text, Status: q.Status, Unit: q.Unit})
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := s.List(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(hits), "hits")
		})
	}
	b.Run("count_2char_common", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := s.Count(ctx, Query{Kind: model.KindTask, Text: "整改"}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSaveBatch creates tasks in transactions of 1,000, as an import does.
func BenchmarkSaveBatch(b *testing.B) {
	s, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		err := s.Update(ctx, func(tx *Tx) error {
			for j := 0; j < 1000; j++ {
				t := sampleTask(fmt.Sprintf("督〔2019〕%d-%d号", i, j), "老旧小区改造工作推进情况")
				t.Progress = strings.Repeat("已完成整改落实，正在推进验收工作。", 3)
				if err := tx.Save(ctx, t, "bench", ""); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*1000), "µs/record")
}
