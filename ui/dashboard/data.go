// Package dashboard is the workbench: today's red and yellow items, missed
// reports, proposals near their due date, liaison points not visited this
// month, counts by status and light, and open items by lead unit.
package dashboard

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/ui/common"
)

// Store is what the workbench reads.
type Store interface {
	List(ctx context.Context, q storage.Query) ([]model.Record, error)
	Count(ctx context.Context, q storage.Query) (int, error)
}

// Item is one line of an attention list; tapping it opens Record.
type Item struct {
	Text   string
	Light  model.Light
	Record model.Record
}

// UnitCount is one bar of the chart.
type UnitCount struct {
	Unit  string
	Count int
}

// Data is everything the workbench shows, read in one go off the UI goroutine.
type Data struct {
	Red, Yellow   []Item
	MissedReports []Item
	ProposalsDue  []Item
	PointsMissed  []Item
	ByStatus      map[model.TaskStatus]int
	ByLight       map[model.Light]int
	ByUnit        []UnitCount
}

var openStatuses = []model.TaskStatus{model.TaskAssigned, model.TaskInProgress, model.TaskReview}

// Load reads the workbench figures for day.
func Load(ctx context.Context, st Store, day common.Day) (*Data, error) {
	d := &Data{ByStatus: map[model.TaskStatus]int{}, ByLight: map[model.Light]int{}}
	for _, s := range model.TaskStatuses.Values() {
		n, err := st.Count(ctx, storage.Query{Kind: model.KindTask, Status: string(s)})
		if err != nil {
			return nil, fmt.Errorf("count %s tasks: %w", s, err)
		}
		d.ByStatus[s] = n
	}
	units := map[string]int{}
	for _, s := range openStatuses {
		tasks, err := st.List(ctx, storage.Query{Kind: model.KindTask, Status: string(s), Sort: "deadline"})
		if err != nil {
			return nil, fmt.Errorf("list %s tasks: %w", s, err)
		}
		for _, r := range tasks {
			t := r.(*model.Task)
			l := day.Light(t)
			d.ByLight[l]++
			units[t.LeadUnit]++
			line := fmt.Sprintf("%s %s（%s，%s）", t.Number, t.Title, t.LeadUnit, model.CurrentDeadline(t))
			switch l {
			case model.LightRed:
				d.Red = append(d.Red, Item{line, l, t})
			case model.LightYellow:
				d.Yellow = append(d.Yellow, Item{line, l, t})
			}
			if missed := model.MissedReports(t, day.Today); len(missed) > 0 {
				d.MissedReports = append(d.MissedReports, Item{t.Number + " " + t.Title + "：" + strings.Join(missed, "、"), l, t})
			}
		}
	}
	for u, n := range units {
		if u == "" {
			u = "—"
		}
		d.ByUnit = append(d.ByUnit, UnitCount{u, n})
	}
	sort.Slice(d.ByUnit, func(i, j int) bool {
		if d.ByUnit[i].Count != d.ByUnit[j].Count {
			return d.ByUnit[i].Count > d.ByUnit[j].Count
		}
		return d.ByUnit[i].Unit < d.ByUnit[j].Unit
	})
	if len(d.ByUnit) > 10 {
		d.ByUnit = d.ByUnit[:10]
	}
	for _, s := range []model.ProposalStatus{model.PropAssigned, model.PropInProgress, model.PropRehandling} {
		props, err := st.List(ctx, storage.Query{Kind: model.KindProposal, Status: string(s)})
		if err != nil {
			return nil, fmt.Errorf("list proposals: %w", err)
		}
		for _, r := range props {
			p := r.(*model.Proposal)
			if l := day.Light(p); l == model.LightRed || l == model.LightYellow {
				d.ProposalsDue = append(d.ProposalsDue, Item{
					fmt.Sprintf("%s %s %s（%s）", p.Session, p.Number, p.Title, model.ProposalDue(p, day.Rules)), l, p})
			}
		}
	}
	if err := pointsMissed(ctx, st, day, d); err != nil {
		return nil, err
	}
	return d, nil
}

// pointsMissed lists active liaison points with no visit this month.
func pointsMissed(ctx context.Context, st Store, day common.Day, d *Data) error {
	points, err := st.List(ctx, storage.Query{Kind: model.KindPoint, Sort: "name"})
	if err != nil {
		return fmt.Errorf("list liaison points: %w", err)
	}
	first := model.NewDate(day.Today.Y, day.Today.M, 1)
	visits, err := st.List(ctx, storage.Query{Kind: model.KindVisit, From: first, To: day.Today.MonthEnd()})
	if err != nil {
		return fmt.Errorf("list visits: %w", err)
	}
	visited := map[string]bool{}
	for _, r := range visits {
		v := r.(*model.Visit)
		for _, name := range []string{v.Point, v.Place} {
			visited[key(name)] = true
		}
	}
	for _, r := range points {
		p := r.(*model.Point)
		if p.Inactive || visited[key(p.Name)] || (p.ShortName != "" && visited[key(p.ShortName)]) {
			continue
		}
		d.PointsMissed = append(d.PointsMissed, Item{p.Name, model.LightNone, p})
	}
	return nil
}

func key(s string) string { return strings.Join(strings.Fields(model.Fold(s)), "") }
