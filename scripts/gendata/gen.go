package main

import (
	"fmt"
	"math/rand/v2"
	"time"

	"taizhang/model"
)

// gen draws records; every choice goes through r so a seed fixes the data.
type gen struct {
	r     *rand.Rand
	today model.Date
	vills []string // village names, for funds and projects
}

func pick[T any](g *gen, xs []T) T { return xs[g.r.IntN(len(xs))] }

// weighted picks an index by weight.
func (g *gen) weighted(ws ...int) int {
	total := 0
	for _, w := range ws {
		total += w
	}
	n := g.r.IntN(total)
	for i, w := range ws {
		if n < w {
			return i
		}
		n -= w
	}
	return len(ws) - 1
}

func (g *gen) day(from, to model.Date) model.Date {
	span := from.DaysUntil(to)
	if span <= 0 {
		return from
	}
	return from.AddDays(g.r.IntN(span + 1))
}

func meta(k model.Kind) model.Meta { return model.Meta{Kind: k} }

func (g *gen) units(w *writer) error {
	cats := []string{"市直部门", "群团组织", "开发区", "县区", "国有企业"}
	for i, u := range units {
		cat := cats[0]
		switch {
		case i >= 41 && i <= 46:
			cat = cats[1]
		case i >= 47 && i <= 49:
			cat = cats[2]
		case i >= 50 && i <= 57:
			cat = cats[3]
		case i >= 58:
			cat = cats[4]
		}
		err := w.add(&model.Unit{Meta: meta(model.KindUnit), Name: u[0], Aliases: u[1:], Category: cat,
			Contact: pick(g, people), Phone: fmt.Sprintf("0731-8%07d", g.r.IntN(10000000))})
		if err != nil {
			return err
		}
	}
	return nil
}

// holidays writes the year's public holidays and the weekend days worked
// in exchange (调休), in the pattern the State Council announces.
func (g *gen) holidays(w *writer) error {
	y := g.today.Y
	type span struct {
		name     string
		m        time.Month
		d, n     int
		workdays [][2]int // month, day
	}
	spans := []span{
		{"元旦", 1, 1, 3, [][2]int{{1, 4}}},
		{"春节", 2, 15, 9, [][2]int{{2, 14}, {2, 28}}},
		{"清明节", 4, 4, 3, nil},
		{"劳动节", 5, 1, 5, [][2]int{{5, 9}}},
		{"端午节", 6, 19, 3, nil},
		{"中秋节", 9, 25, 3, nil},
		{"国庆节", 10, 1, 7, [][2]int{{9, 20}, {10, 10}}},
	}
	for _, s := range spans {
		for i := 0; i < s.n; i++ {
			if err := w.add(&model.Holiday{Meta: meta(model.KindHoliday), Date: model.NewDate(y, s.m, s.d+i), Name: s.name}); err != nil {
				return err
			}
		}
		for _, wd := range s.workdays {
			if err := w.add(&model.Holiday{Meta: meta(model.KindHoliday), Date: model.NewDate(y, time.Month(wd[0]), wd[1]),
				Name: s.name + "调休上班", Workday: true}); err != nil {
				return err
			}
		}
	}
	return nil
}

func (g *gen) unitRoles() []model.UnitRole {
	lead := g.r.IntN(len(units))
	out := []model.UnitRole{{Name: units[lead][0], Role: model.RoleLead}}
	for i := g.r.IntN(3); i > 0; i-- {
		u := units[g.r.IntN(len(units))][0]
		if u != out[0].Name {
			out = append(out, model.UnitRole{Name: u, Role: model.RoleCooperating})
		}
	}
	return out
}

func (g *gen) title() string {
	return pick(g, verbs) + pick(g, places) + pick(g, topics) + pick(g, aspects)
}

func (g *gen) content(title string) string {
	return pick(g, contentParts) + title + "，" + pick(g, contentGoals) + pick(g, contentGoals)
}

func (g *gen) progress() string {
	p := pick(g, progressWords)
	switch p[len(p)-3:] {
	case "约": // 完成投资约
		p += fmt.Sprintf("%d万元。", 50+g.r.IntN(5000))
	case "涉及":
		p += fmt.Sprintf("%d户。", 20+g.r.IntN(2000))
	case "到位":
		p += fmt.Sprintf("%d个问题。", 1+g.r.IntN(40))
	}
	return p
}

// tasks: older items are mostly finished; open ones get deadlines around
// today: about 12% overdue, 4% due within three days, a few ongoing, and a
// few extended (the typed deadline passed, an approved extension moved it).
func (g *gen) tasks(w *writer, n int) error {
	first := model.NewDate(2019, 1, 1)
	seqs := map[int]int{}
	for i := 0; i < n; i++ {
		assigned := g.day(first, g.today.AddDays(-3))
		seqs[assigned.Y]++
		title := g.title()
		t := &model.Task{Meta: meta(model.KindTask),
			Number:     fmt.Sprintf("督〔%d〕%d号", assigned.Y, seqs[assigned.Y]),
			Source:     model.Sources.Options[g.weighted(25, 25, 10, 20, 8, 6, 4, 2)].Value,
			Title:      title,
			Content:    g.content(title),
			Leader:     pick(g, leaders),
			Units:      g.unitRoles(),
			AssignedOn: assigned,
			Key:        g.r.IntN(10) == 0,
		}
		if t.Source == model.SourceInstruction {
			t.Instruction = "请" + t.Units[0].Name + "抓紧研究落实。" + t.Leader
		}
		if t.Source == model.SourceMeeting {
			t.SourceRef = fmt.Sprintf("第%d次常务会议", 1+g.r.IntN(200))
		}
		old := assigned.DaysUntil(g.today) > 540
		var status model.TaskStatus
		if old {
			status = []model.TaskStatus{model.TaskDone, model.TaskClosed, model.TaskInProgress, model.TaskWithdrawn}[g.weighted(25, 65, 8, 2)]
		} else {
			status = model.TaskStatuses.Options[g.weighted(4, 12, 50, 6, 12, 14, 2)].Value
		}
		t.Status = status
		open := status == model.TaskAssigned || status == model.TaskInProgress || status == model.TaskReview
		due := assigned.AddDays(30 + g.r.IntN(330))
		kind := model.DeadlineDate
		if open {
			switch g.weighted(12, 4, 5, 4, 75) {
			case 0:
				due = g.today.AddDays(-1 - g.r.IntN(200))
			case 1:
				due = g.today.AddDays(g.r.IntN(4))
			case 2:
				kind = model.DeadlineOngoing
			case 3: // extended: the typed deadline passed, the approved extension did not
				old := g.today.AddDays(-1 - g.r.IntN(60))
				t.Extensions = []model.Extension{{ID: "ex-1", RequestedOn: old.AddDays(-10), Reason: "受征地拆迁影响，申请延期",
					OldDeadline: old, NewDeadline: g.today.AddDays(20 + g.r.IntN(120)), State: model.ExtensionApproved, DecidedOn: old.AddDays(-5)}}
				due = old
			default:
				due = g.today.AddDays(4 + g.r.IntN(360))
			}
		}
		if due.Before(assigned) {
			t.AssignedOn = due.AddDays(-30 - g.r.IntN(90))
		}
		switch kind {
		case model.DeadlineOngoing:
			t.Deadline = model.Deadline{Text: "长期坚持", Type: kind}
		default:
			t.Deadline = model.Deadline{Due: due, Text: due.String(), Type: kind}
		}
		if open || status == model.TaskDone || status == model.TaskClosed {
			t.Progress = g.progress()
		}
		switch status {
		case model.TaskInProgress, model.TaskReview:
			t.Percent = 10 * (1 + g.r.IntN(9))
		case model.TaskDone, model.TaskClosed:
			t.Percent = 100
			t.DoneOn = g.day(t.AssignedOn.AddDays(10), minDate(due.AddDays(20), g.today))
			if status == model.TaskClosed {
				t.ClosedOn = minDate(t.DoneOn.AddDays(3+g.r.IntN(20)), g.today)
			}
		case model.TaskWithdrawn:
			t.StatusReason = "任务调整，不再督办"
			t.ClosedOn = g.day(t.AssignedOn, g.today)
		}
		if open && g.r.IntN(3) == 0 {
			t.Cycle, t.ReportDay = model.CycleMonthly, 25
			prev := g.today.AddMonths(-1)
			if g.r.IntN(2) == 0 {
				t.Reports = []model.Report{{ID: "rp-1", Unit: t.Units[0].Name, Period: fmt.Sprintf("%04d-%02d", prev.Y, prev.M),
					ReportedOn: model.NewDate(prev.Y, prev.M, 24), Done: t.Progress, Percent: t.Percent, Class: model.ReportOnSchedule}}
			}
		}
		if err := w.add(t); err != nil {
			return err
		}
	}
	return nil
}

func minDate(a, b model.Date) model.Date {
	if a.After(b) {
		return b
	}
	return a
}

func (g *gen) proposals(w *writer, n int) error {
	seq := map[string]int{}
	for i := 0; i < n; i++ {
		year := 2019 + g.r.IntN(g.today.Y-2019+1)
		body := model.BodyNPC
		session := fmt.Sprintf("市第十七届人大%d次会议", year-2018)
		if g.r.IntN(2) == 0 {
			body, session = model.BodyCPPCC, fmt.Sprintf("市政协十四届%d次会议", year-2018)
		}
		seq[session]++
		assigned := model.NewDate(year, 3, 10+g.r.IntN(20))
		if assigned.After(g.today) {
			assigned = g.today.AddDays(-g.r.IntN(60))
		}
		p := &model.Proposal{Meta: meta(model.KindProposal), Body: body, Session: session,
			Number: fmt.Sprint(seq[session]), Title: pick(g, proposalTitles), Type: model.ProposalTypes.Options[g.r.IntN(3)].Value,
			Proposer: pick(g, people), Topic: pick(g, model.Topics.Values()), Mode: "single", Units: g.unitRoles(),
			AssignedOn: assigned}
		recent := assigned.DaysUntil(g.today) < 120
		switch {
		case recent:
			p.Status = []model.ProposalStatus{model.PropAssigned, model.PropInProgress}[g.r.IntN(2)]
			if g.r.IntN(5) == 0 { // due soon or overdue
				p.DueOn = g.today.AddDays(g.r.IntN(30) - 10)
			}
		default:
			p.Status = []model.ProposalStatus{model.PropReplied, model.PropEvaluated, model.PropDone}[g.r.IntN(3)]
			p.RepliedOn = assigned.AddMonths(2).AddDays(g.r.IntN(30))
			p.ReplyRef = fmt.Sprintf("办复〔%d〕%d号", year, g.r.IntN(200)+1)
			p.ResultClass = []string{"A", "B", "C"}[g.r.IntN(3)]
			p.Satisfaction = model.Satisfactions.Options[g.r.IntN(3)].Value
		}
		if err := w.add(p); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) meetings(w *writer, n int) error {
	first := model.NewDate(2019, 1, 8)
	for i := 0; i < n; i++ {
		held := first.AddDays(i * max(first.DaysUntil(g.today)/n, 1))
		m := &model.Meeting{Meta: meta(model.KindMeeting), Number: fmt.Sprintf("第%d次常务会议", i+1),
			Title: fmt.Sprintf("市政府第%d次常务会议", i+1), HeldOn: held, Topics: 3 + g.r.IntN(8), Chair: leaders[0]}
		if err := w.add(m); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) villages(w *writer, n int) error {
	seen := map[string]bool{}
	for len(g.vills) < n {
		name := pick(g, villageNames) + pick(g, villageRoots) + "村"
		if seen[name] {
			name = pick(g, villageRoots) + name
			if seen[name] {
				continue
			}
		}
		seen[name] = true
		g.vills = append(g.vills, name)
		v := &model.Village{Meta: meta(model.KindVillage), Name: name, Township: pick(g, townships), County: pick(g, counties),
			AssistingUnit: pick(g, units)[0], FirstSecretary: pick(g, people),
			Years: []model.VillageYear{{Year: g.today.Y, Households: 200 + g.r.IntN(800), People: 800 + g.r.IntN(3000),
				PoorHouseholds: g.r.IntN(60), Dibao: g.r.IntN(40), Wubao: g.r.IntN(10)}}}
		if err := w.add(v); err != nil {
			return err
		}
	}
	for _, v := range g.vills {
		for j := 0; j < 6+g.r.IntN(6); j++ { // projects
			start := g.day(model.NewDate(2019, 3, 1), g.today)
			planned := model.Fen((5 + g.r.IntN(300)) * 1000000)
			name := pick(g, projectKinds)
			p := &model.Project{Meta: meta(model.KindProject), Name: fmt.Sprintf("%s%s", v, name), Village: v,
				Category: pick(g, model.ProjectCategories.Values()), Content: "新建" + name, PlannedFen: planned, StartOn: start,
				Status: model.ProjectStatuses.Options[g.weighted(10, 30, 55, 5)].Value}
			if p.Status == "done" {
				p.Percent, p.ActualFen = 100, planned*model.Fen(90+g.r.IntN(15))/100
			} else if p.Status == "in_progress" {
				p.Percent = 10 * (1 + g.r.IntN(9))
			}
			if err := w.add(p); err != nil {
				return err
			}
			for k := 0; k < 1+g.r.IntN(3); k++ { // funds for it
				src := model.FundSources.Options[g.weighted(40, 20, 20, 8, 7, 5, 0)]
				f := &model.Fund{Meta: meta(model.KindFund), Date: g.day(start, g.today), Source: src.Value, SourceText: src.Zh,
					AmountFen: model.Fen((1 + g.r.IntN(100)) * 1000000), Project: p.Name, Village: v}
				if err := w.add(f); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (g *gen) points(w *writer, n int) error {
	seen := map[string]bool{}
	for i := 0; len(seen) < n; i++ {
		short := pick(g, places) + pick(g, pointNames)
		if seen[short] {
			continue
		}
		seen[short] = true
		p := &model.Point{Meta: meta(model.KindPoint), Name: "市政府基层联系点（" + short + "）", ShortName: short,
			Owner: "督查" + []string{"一", "二", "三"}[g.r.IntN(3)] + "科", Contact: pick(g, people),
			Phone: fmt.Sprintf("139%08d", g.r.IntN(100000000))}
		if err := w.add(p); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) visits(w *writer, n int) error {
	first := model.NewDate(2019, 1, 1)
	seq := map[int]int{}
	for i := 0; i < n; i++ {
		start := g.day(first, g.today)
		seq[start.Y]++
		v := &model.Visit{Meta: meta(model.KindVisit), Number: fmt.Sprintf("走访〔%d〕%d号", start.Y, seq[start.Y]),
			Type: model.VisitTypes.Options[g.r.IntN(3)].Value, StartOn: start, Leader: pick(g, leaders), People: pick(g, people) + "、" + pick(g, people),
			Place: pick(g, places) + pick(g, pointNames), Units: []string{pick(g, units)[0]},
			Purpose: "调研" + pick(g, topics) + "情况", Findings: pick(g, progressWords)}
		if v.Type == model.VisitVillage && len(g.vills) > 0 {
			v.Place = pick(g, g.vills)
		}
		if err := w.add(v); err != nil {
			return err
		}
		if g.r.IntN(5) < 4 { // most visits raise a problem
			status := model.ProblemStatuses.Options[g.weighted(20, 30, 50)].Value
			pr := &model.Problem{Meta: meta(model.KindProblem), Number: fmt.Sprintf("问题〔%d〕%d号", start.Y, seq[start.Y]),
				Description: pick(g, problemTexts), Visit: v.Number, Unit: pick(g, units)[0], RaisedOn: start, Status: status}
			if status == "resolved" {
				pr.ResolvedOn, pr.Resolution = minDate(start.AddDays(10+g.r.IntN(90)), g.today), "已协调解决"
			}
			if err := w.add(pr); err != nil {
				return err
			}
		}
	}
	return nil
}
