package report

import (
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
	"time"

	"taizhang/model"
)

// bigDataset is a database of n supervised items over five years with
// proportionate other records: n/10 proposals, n/20 visits, n/50
// problems and funds, n/500 projects, 200 units (half written by alias)
// and 50 liaison points.
func bigDataset(n int) model.Dataset {
	rng := rand.New(rand.NewPCG(1, 2))
	start := model.NewDate(2015, 1, 1)
	dayIn := func(span int) model.Date { return start.AddDays(rng.IntN(span)) }
	var units []*model.Unit
	for i := range 200 {
		units = append(units, &model.Unit{Name: fmt.Sprintf("市第%d局", i), Aliases: []string{fmt.Sprintf("%d局", i)}})
	}
	unitName := func() string {
		i := rng.IntN(len(units))
		if rng.IntN(2) == 0 {
			return units[i].Aliases[0]
		}
		return units[i].Name
	}
	leaders := []string{"王明", "李强", "张伟", "刘洋", "陈静", "杨帆"}
	sources := model.Sources.Values()
	ds := model.Dataset{Units: model.NewUnitDict(units)}
	for i := range n {
		assigned := dayIn(5 * 365)
		due := assigned.AddDays(30 + rng.IntN(300))
		t := &model.Task{
			Number: fmt.Sprintf("督〔%d〕%d号", assigned.Y, i), Source: sources[rng.IntN(len(sources))],
			Title: fmt.Sprintf("第%d项督办事项", i), Leader: leaders[rng.IntN(len(leaders))],
			Units:      []model.UnitRole{{Name: unitName(), Role: model.RoleLead}, {Name: unitName(), Role: model.RoleResponsible}},
			AssignedOn: assigned, Deadline: model.Deadline{Due: due, Type: model.DeadlineDate},
			Status: model.TaskInProgress, Cycle: model.CycleMonthly, ReportDay: 25, Progress: "正在推进",
		}
		switch rng.IntN(4) {
		case 0, 1: // done, mostly on time
			t.DoneOn = due.AddDays(rng.IntN(60) - 40)
			t.Status = model.TaskDone
			if rng.IntN(2) == 0 {
				t.ClosedOn, t.Status = t.DoneOn.AddDays(10), model.TaskClosed
			}
		case 2:
			t.Extensions = []model.Extension{{State: model.ExtensionApproved, DecidedOn: due.AddDays(-5), NewDeadline: due.AddDays(90)}}
		}
		t.Normalize()
		ds.Tasks = append(ds.Tasks, t)
	}
	for i := range n / 10 {
		assigned := dayIn(5 * 365)
		p := &model.Proposal{Body: model.BodyNPC, Number: fmt.Sprint(i), Topic: model.Topics.Values()[rng.IntN(len(model.Topics.Options))],
			Units: []model.UnitRole{{Name: unitName(), Role: model.RoleLead}}, AssignedOn: assigned, Satisfaction: model.SatNone}
		if rng.IntN(3) > 0 {
			p.RepliedOn, p.ResultClass = assigned.AddDays(rng.IntN(120)), string(rune('A'+rng.IntN(4)))
			p.Satisfaction = []model.Satisfaction{model.SatSatisfied, model.SatBasically, model.SatUnsatisfied, model.SatNone}[rng.IntN(4)]
		}
		p.Normalize()
		ds.Proposals = append(ds.Proposals, p)
	}
	for i := range 50 {
		ds.Points = append(ds.Points, &model.Point{Name: fmt.Sprintf("第%d联系点", i), VisitEvery: "month"})
	}
	types := []model.VisitType{model.VisitResearch, model.VisitLiaison, model.VisitVillage}
	for i := range n / 20 {
		s := dayIn(5 * 365)
		v := &model.Visit{Number: fmt.Sprintf("DY-%d", i), Type: types[rng.IntN(3)], StartOn: s, EndOn: s.AddDays(rng.IntN(3)),
			Leader: leaders[rng.IntN(len(leaders))], Place: "某镇", Units: []string{unitName(), unitName()},
			Point: fmt.Sprintf("第%d联系点", rng.IntN(50))}
		ds.Visits = append(ds.Visits, v)
	}
	for range n / 50 {
		p := &model.Problem{Description: "问题", Visit: fmt.Sprintf("DY-%d", rng.IntN(n/20)), RaisedOn: dayIn(5 * 365)}
		if rng.IntN(2) == 0 {
			p.ResolvedOn = p.RaisedOn.AddDays(rng.IntN(90))
		}
		ds.Problems = append(ds.Problems, p)
		ds.Funds = append(ds.Funds, &model.Fund{Date: dayIn(5 * 365), SourceText: []string{"财政专项", "单位帮扶资金", "爱心捐款", "其他"}[rng.IntN(4)],
			AmountFen: model.Fen(rng.IntN(1_000_000_00))})
	}
	for i := range n / 500 {
		s := dayIn(5 * 365)
		ds.Projects = append(ds.Projects, &model.Project{Name: fmt.Sprintf("项目%d", i), StartOn: s, FinishOn: s.AddDays(200),
			Status: "in_progress", Percent: rng.IntN(100), PlannedFen: model.Fen(rng.IntN(100_000_000))})
	}
	return ds
}

// BenchmarkMonthly100k: the monthly bulletin over 100,000 items, built and
// written in memory (target: under 5 s).
func BenchmarkMonthly100k(b *testing.B) {
	ds := bigDataset(100_000)
	month := model.NewDate(2019, 6, 1)
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		if err := Monthly(io.Discard, ds, month, model.DefaultRules(), "zh"); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s/report")
	}
}
