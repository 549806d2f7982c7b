package workbook

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// The supervised-item corpus (testdata/gen/openpyxl_tasks.py), as openpyxl
// wrote it and as LibreOffice saved it again, reads as a person reads it:
// every item, and nothing that is no item (栏次, headings, the header typed
// again, 合计, the note), with its units and roles, its deadline in the
// year the ledger says, its progress and its department's report.
func TestTaskCorpusAsAPersonReadsIt(t *testing.T) {
	type want struct {
		title, units, assigned, deadline, progress, section, report string
		percent                                                     int
	}
	wants := map[string]want{
		"督〔2025〕1号": {"推进制造业高质量发展", "市工信局:lead 市发展和改革委员会:cooperating 市财政局:cooperating", "",
			"2025-06-30 month_end 6月底", "已实施技改项目18个", "一、经济发展类（2项）", "资金缺口 / 争取专项债", 60},
		"督〔2025〕2号": {"扩大有效投资", "市发展和改革委员会:lead 各县区:cooperating", "",
			"2025-09-30 month_end 2025年三季度", "正在推进", "一、经济发展类（2项）", " / 加快审批", 50},
		"督〔2025〕3号": {"新增城镇就业", "市人社局:lead", "",
			" ongoing 按序时推进", "已新增1.5万人", "（二）民生保障类", " / ", 75},
		"督〔2025〕4号": {"筹办体育赛事", "市体育局:lead", "",
			"  视情况而定", "筹备中", "（二）民生保障类", "场馆未定 / ", 0},
		"督[2025]11号": {"老旧小区改造", "市住房和城乡建设局:lead 市财政局:cooperating", "2025-03-01",
			"2025-06-30 month_end 6月底", "已完成12个小区", "", "", 0},
		"督(2025)12号": {"黑臭水体整治", "市生态环境局:lead 市水利局:cooperating", "2025-03-05",
			"2025-10-31 date 10月31日", "整治中", "", "", 0},
		"督〔2025〕013号": {"智慧城市建设", "市大数据局:lead 市公安局:cooperating", "2025-04-01",
			"2025-12-31 year_end 年底前", "方案已报批", "", "", 0},
		"督【2025】14": {"停车难治理", "市公安局:lead", "2025-04-10",
			"2025-12-31 date 2025/12/31 0:00:00", "新增车位800个", "", "", 0},
	}
	for _, file := range []string{"testdata/tasks_openpyxl.xlsx", "testdata/tasks_libreoffice.xlsx"} {
		t.Run(file, func(t *testing.T) {
			res, err := Read(file, ReadOptions{Units: testUnits(), Lang: "zh"})
			require.NoError(t, err)
			assert.Empty(t, res.Rejected)
			require.Len(t, res.Rows, len(wants))
			for _, in := range res.Rows {
				tk := in.Record.(*model.Task)
				w, ok := wants[tk.Number]
				if !assert.True(t, ok, "an item no row holds: %q (row %d)", tk.Number, in.Ref.Row) {
					continue
				}
				var units []string
				for _, u := range tk.Units {
					units = append(units, u.Name+":"+string(u.Role))
				}
				var report string
				if len(tk.Reports) > 0 {
					report = tk.Reports[0].Problems + " / " + tk.Reports[0].Next
				}
				assigned := ""
				if !tk.AssignedOn.IsZero() {
					assigned = tk.AssignedOn.String()
				}
				due := ""
				if !tk.Deadline.Due.IsZero() {
					due = tk.Deadline.Due.String()
				}
				got := want{tk.Title, strings.Join(units, " "), assigned,
					fmt.Sprintf("%s %s %s", due, tk.Deadline.Type, tk.Deadline.Text), tk.Progress, tk.Extra[sectionHeader], report, tk.Percent}
				assert.Equal(t, w, got, tk.Number)
			}
		})
	}
}
