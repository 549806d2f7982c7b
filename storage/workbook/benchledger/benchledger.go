// Package benchledger writes the ledger the scale benchmark imports
// (scripts/bench, and the workbook reader's benchmark): what a department
// sends back, 15 Chinese columns under a title row and a 填报单位 line,
// deadlines typed as text. The same seed gives the same file.
package benchledger

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Header is the ledger's column header row.
var Header = []any{"序号", "督办编号", "事项来源", "事项名称", "交办内容", "批示原文", "责任领导", "牵头单位",
	"配合单位", "交办日期", "完成时限", "状态", "办理进展", "完成进度", "备注"}

var (
	benchWords = strings.Fields(`老旧小区 改造 整改 落实 推进 招商引资 项目 饮水安全 乡村振兴 道路 交通 环境 治理
污水 处理 学校 医院 养老 服务 中心 建设 完成 规划 审批 资金 拨付 督查 问题 清单 销号 背街小巷 雨污分流
营商环境 优化 产业园区 标准厂房 人才公寓 停车场 公厕 垃圾分类 河道 清淤 绿化 提升 路灯 安装 农贸市场
电梯 加装 燃气 管网 供暖 管道 安全生产 检查 食品 药品 监管 政务服务 一网通办 窗口 企业 走访 协调 落地 扬尘`)
	benchUnits = strings.Fields(`市住建局 市财政局 市交通运输局 市水利局 市发改委 市城管局 市商务局 市卫健委 市教育局 市自然资源局
市生态环境局 市农业农村局 市工信局 市应急管理局 市市场监管局 市人社局 市民政局 市文旅局 市公安局 市司法局`)
	benchSources   = []string{"领导批示", "常务会议确定事项", "现场调研事项", "年度重点任务", "招商引资项目", "民生重点事项"}
	benchStatuses  = []string{"已交办", "办理中", "办理中", "办理中", "待审核", "已办结"}
	benchLeaders   = []string{"王副市长", "李副市长", "张副市长", "刘常务副市长", "陈副市长"}
	benchDeadlines = []string{"6月底前", "年底前", "9月30日前", "三季度", "10月15日", "上半年", "2026年3月31日前", "7月底", "长期坚持"}
)

// Write writes n rows to path with excelize's StreamWriter (the bare write
// the export is compared with).
func Write(path string, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, 7))
	text := func(words int) string {
		var b strings.Builder
		for i := 0; i < words; i++ {
			b.WriteString(benchWords[rng.IntN(len(benchWords))])
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
	if err := sw.SetRow("A1", []any{"2025年全市重点督办事项台账"}); err != nil {
		return err
	}
	if err := sw.SetRow("A2", []any{"填报单位：市政府办公室督查室"}); err != nil {
		return err
	}
	if err := sw.SetRow("A3", Header); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		lead := benchUnits[rng.IntN(len(benchUnits))]
		coop := benchUnits[rng.IntN(len(benchUnits))] + "、" + benchUnits[rng.IntN(len(benchUnits))]
		row := []any{
			i + 1,
			fmt.Sprintf("督〔2025〕%d号", i+1),
			benchSources[rng.IntN(len(benchSources))],
			text(3) + fmt.Sprintf("（第%d项）", i+1),
			"按照要求，" + text(14),
			text(8),
			benchLeaders[rng.IntN(len(benchLeaders))],
			lead, coop,
			fmt.Sprintf("2025年%d月%d日", 1+rng.IntN(6), 1+rng.IntN(28)),
			benchDeadlines[rng.IntN(len(benchDeadlines))],
			benchStatuses[rng.IntN(len(benchStatuses))],
			"目前" + text(12),
			fmt.Sprintf("%d%%", rng.IntN(101)),
			text(2),
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+4)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}
