package workbook

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// testdata/village_openpyxl.xlsx is written by testdata/gen/openpyxl_village.py
// and village_libreoffice.xlsx is LibreOffice's re-save of it: the village
// and liaison point ledgers as offices keep them. Every record is checked
// against what a person reading the sheet understands.
func TestReadVillageCorpus(t *testing.T) {
	for _, file := range []string{"testdata/village_openpyxl.xlsx", "testdata/village_libreoffice.xlsx"} {
		t.Run(file, func(t *testing.T) { checkVillageCorpus(t, file) })
	}
}

func checkVillageCorpus(t *testing.T, file string) {
	res, err := Read(file, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)
	for _, w := range res.Warnings {
		t.Errorf("unexpected warning: %s row %d %s %q: %s", w.Sheet, w.Row, w.Header, w.Value, w.Reason)
	}

	rows := map[string]int{}
	for _, rep := range res.Report.Sheets {
		rows[rep.Sheet] = rep.Rows
	}
	assert.Equal(t, map[string]int{"填报说明": 0, "村基本情况": 2, "资金到位（元）": 5, "资金到位（万元）": 4, "资金（万元列）": 2,
		"资金分类": 3, "资金来源构成": 2, "帮扶项目": 4, "调研走访": 10, "基层调研": 2, "问题清单": 5, "基层联系点": 3}, rows, "rows read, 合计/小计/总计 not among them")

	var villages []*model.Village
	var funds []*model.Fund
	var projects []*model.Project
	var visits []*model.Visit
	var problems []*model.Problem
	var points []*model.Point
	for _, in := range res.Rows {
		switch r := in.Record.(type) {
		case *model.Village:
			villages = append(villages, r)
		case *model.Fund:
			funds = append(funds, r)
		case *model.Project:
			projects = append(projects, r)
		case *model.Visit:
			visits = append(visits, r)
		case *model.Problem:
			problems = append(problems, r)
		case *model.Point:
			points = append(points, r)
		}
	}

	require.Len(t, villages, 1, "two years of one village")
	v := villages[0]
	assert.Equal(t, "王庄村", v.Name)
	assert.Equal(t, "城关镇", v.Township)
	assert.Equal(t, "平安县", v.County)
	assert.Equal(t, "市政府办公室", v.AssistingUnit)
	assert.Equal(t, "张　伟", v.FirstSecretary)
	assert.Equal(t, []model.VillageYear{
		{ID: "2018", Year: 2018, Households: 118, People: 450, PoorHouseholds: 32, PoorPeople: 97, Dibao: 12, Wubao: 3},
		{ID: "2019", Year: 2019, Households: 120, People: 456, PoorHouseholds: 30, PoorPeople: 91, Dibao: 11, Wubao: 3},
	}, v.Years)

	type fund struct {
		date    model.Date
		source  model.FundSource
		text    string
		fen     model.Fen
		project string
	}
	var gotFunds []fund
	for _, f := range funds {
		gotFunds = append(gotFunds, fund{f.Date, f.Source, f.SourceText, f.AmountFen, f.Project})
	}
	d := model.NewDate
	assert.Equal(t, []fund{
		{d(2019, 3, 15), "fiscal", "财政专项扶贫资金", 115_0000_00, "蔬菜大棚"},
		{d(2019, 4, 2), "fiscal", "省级财政专项", 115_0000_00, "村道硬化"},
		{d(2019, 4, 20), "assisting_unit", "单位帮扶资金", 115_0000_00, "饮水安全"},
		{d(2019, 5, 8), "donation", "爱心捐款", 5000_00, "助学"},
		{d(2019, 5, 1), "self_raised", "群众自筹", 2_0000_00, "村道硬化"},
		{d(2019, 7, 10), "integrated", "涉农整合资金", 30_0000_00, "光伏电站"},
		{d(2019, 8, 1), "coordinated", "协调争取资金", 11_5000_00, "产业路"},
		{d(2019, 9, 3), "donation", "社会捐赠", 2_5000_00, "困难户慰问"},
		{d(2019, 9, 20), "fiscal", "市财政局", 8_2500_00, "农田水利"},
		{d(2019, 10, 8), "fiscal", "县级财政专项", 115_0000_00, "蔬菜大棚二期"},
		{d(2019, 11, 12), "assisting_unit", "帮扶单位投入", 8000_00, "党建活动室"},
		{d(2019, 12, 2), "fiscal", "财政专项扶贫资金", 10_0000_00, "产业奖补"},
		{d(2019, 12, 9), "fiscal", "财政专项扶贫资金", 5_0000_00, "公益岗位"},
		{d(2019, 12, 16), "donation", "社会捐赠", 1_2000_00, "冬季慰问"},
		// split by source in columns: a fund a source
		{d(2020, 3, 1), "fiscal", "财政专项资金", 30_0000_00, "冷库"},
		{d(2020, 3, 1), "assisting_unit", "帮扶单位", 10_0000_00, "冷库"},
		{d(2020, 3, 1), "self_raised", "群众自筹", 10_0000_00, "冷库"},
		{d(2020, 9, 1), "donation", "社会捐赠", 2_0000_00, "助学"},
	}, gotFunds)

	require.Len(t, projects, 4, "the 合计 row is no project")
	type project struct {
		name, category string
		qty            float64
		unit           string
		planned        model.Fen
		actual         model.Fen
		start, finish  model.Date
		status         model.ProjectStatus
		households     int
		poor           int
	}
	var gotProjects []project
	for _, p := range projects {
		gotProjects = append(gotProjects, project{p.Name, string(p.Category), p.Quantity, p.QuantityUnit, p.PlannedFen, p.ActualFen,
			p.StartOn, p.FinishOn, p.Status, p.Households, p.PoorHouseholds})
	}
	assert.Equal(t, []project{
		{"蔬菜大棚", "产业发展", 21, "座", 115_0000_00, 115_0000_00, d(2019, 3, 1), d(2019, 6, 30), "done", 120, 30},
		{"村道硬化", "基础设施", 3.2, "公里", 60_0000_00, 45_5000_00, d(2019, 4, 1), d(2019, 9, 30), "in_progress", 80, 20},
		{"饮水安全", "基础设施", 2, "个", 20_0000_00, 0, d(2019, 5, 1), model.Date{}, "planned", 0, 0},
		{"光伏电站", "产业发展", 100, "千瓦", 30_0000_00, 30_0000_00, d(2019, 7, 1), d(2019, 8, 30), "done", 35, 35},
	}, gotProjects)

	type visit struct {
		start, end model.Date
		typ        model.VisitType
		leader     string
		place      string
		point      string
		units      []string
	}
	var gotVisits []visit
	for _, v := range visits {
		gotVisits = append(gotVisits, visit{v.StartOn, v.EndOn, v.Type, v.Leader, v.Place, v.Point, v.Units})
	}
	assert.Equal(t, []visit{
		{d(2019, 5, 6), d(2019, 5, 8), "research", "王市长", "平安县", "", []string{"城关镇政府", "王庄村委会", "平安县第一中学"}},
		{d(2019, 5, 10), d(2019, 5, 11), "research", "王建国副市长", "平安县", "", []string{"城关镇政府", "平安县人民医院"}},
		{d(2019, 5, 13), d(2019, 5, 14), "research", "王　建国", "河西区", "", []string{"河西区住建局", "河西区应急局"}},
		{d(2019, 5, 20), d(2019, 5, 20), "liaison", "李副市长", "城关镇社区服务中心", "城关镇社区服务中心", []string{"城关镇社区服务中心"}},
		{d(2019, 6, 3), d(2019, 6, 3), "village", "李　明", "王庄村", "", []string{"王庄村委会"}},
		{d(2019, 6, 12), d(2019, 6, 12), "village", "王市长", "王庄村", "", []string{"王庄村委会"}},
		{d(2019, 5, 21), d(2019, 5, 21), "research", "李　明", "河西区", "", []string{"河西区应急局"}},
		{d(2019, 5, 22), d(2019, 5, 23), "research", "王市长", "平安县", "", []string{"平安县水利局", "城关镇政府"}},
		{d(2019, 6, 20), d(2019, 6, 20), "research", "王市长", "河西区", "", []string{"河西区住建局", "河西区应急局"}},
		// no type column: the title says 调研
		{d(2019, 6, 25), d(2019, 6, 25), "research", "王建国", "平安县", "", []string{"平安县水利局"}},
		{d(2019, 6, 26), d(2019, 6, 26), "research", "李明", "河西区", "", []string{"河西区应急局"}},
	}, gotVisits, "the year of 5月6日-8日 is the title's")
	assert.Equal(t, "老旧管网；消防设施不足", visits[8].Findings, "one visit over two rows")
	assert.Equal(t, "李明", visits[9].People, "the second leader named goes with the first")

	type problem struct {
		desc, unit       string
		raised, resolved model.Date
		status           model.ProblemStatus
		resolution       string
	}
	var gotProblems []problem
	for _, p := range problems {
		gotProblems = append(gotProblems, problem{p.Description, p.Unit, p.RaisedOn, p.ResolvedOn, p.Status, p.Resolution})
	}
	assert.Equal(t, []problem{
		{"王庄村灌溉设施老化", "平安县水利局", d(2019, 5, 8), d(2019, 6, 20), "resolved", "已更换水泵2台"},
		{"消防通道堵塞", "河西区应急局", d(2019, 5, 14), model.Date{}, "in_progress", "正在协调"},
		{"2户住房漏雨", "城关镇政府", d(2019, 6, 3), d(2019, 6, 28), "resolved", "已维修"},
		{"社区活动场地不足", "城关镇", d(2019, 5, 20), model.Date{}, "in_progress", "已协调临时场地"},
		{"防汛物资不足", "平安县水利局", d(2019, 6, 25), d(2019, 7, 3), "resolved", "已于7月3日补齐沙袋"},
	}, gotProblems)

	type point struct{ name, address, contact, phone, owner, every string }
	var gotPoints []point
	for _, p := range points {
		gotPoints = append(gotPoints, point{p.Name, p.Address, p.Contact, p.Phone, p.Owner, string(p.VisitEvery)})
	}
	assert.Equal(t, []point{
		{"城关镇社区服务中心", "平安县城关镇人民路1号", "刘芳", "13812345678", "秘书一处", "month"},
		{"河西区应急管理局", "河西区建设路8号", "陈刚", "5551234", "督查室", "month"},
		{"平安县第一中学", "平安县学府路3号", "周　敏", "0371-5551234", "秘书二处", "quarter"},
	}, gotPoints)
}
