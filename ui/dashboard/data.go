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
)

// Store is what the workbench reads. Lights and counts are judged by the
// store in SQL: reading every open item to judge it in Go took seconds at
// 100,000 records.
type Store interface {
	List(ctx context.Context, q storage.Query) ([]model.Record, error)
	Count(ctx context.Context, q storage.Query) (int, error)
	GetMany(ctx context.Context, ids []string) ([]model.Record, error)
	TaskLightSummary(ctx context.Context, d model.Day, limit int) (map[model.Light]int, map[model.Light][]string, error)
	CountBy(ctx context.Context, kind model.Kind, column string, openTasksOnly bool) (map[string]int, error)
	OpenTaskIDsWithCycle(ctx context.Context) ([]string, error)
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

// Data is everything the workbench shows, read off the UI goroutine.
// Red and Yellow hold the most urgent items (up to ListMax); RedCount and
// YellowCount say how many there are.
type Data struct {
	Red, Yellow           []Item
	RedCount, YellowCount int
	MissedReports         []Item
	MissedLoaded          bool // missed reports are read in a second pass
	ProposalsDue          []Item
	PointsMissed          []Item
	ByStatus              map[model.TaskStatus]int
	ByLight               map[model.Light]int
	ByUnit                []UnitCount
}

// noUnit stands for items without a lead unit in the chart.
const noUnit = "—"

// ListMax is how many items an attention list shows.
const ListMax = 50

func taskLine(t *model.Task) string {
	return fmt.Sprintf("%s %s（%s，%s）", t.Number, t.Title, t.LeadUnit, model.CurrentDeadline(t))
}

// Load reads the workbench figures for day, all but the missed reports
// (LoadMissed), which need every open item that reports periodically.
func Load(ctx context.Context, st Store, day model.Day) (*Data, error) {
	d := &Data{ByStatus: map[model.TaskStatus]int{}}
	statuses, err := st.CountBy(ctx, model.KindTask, "status", false)
	if err != nil {
		return nil, err
	}
	for s, n := range statuses {
		d.ByStatus[model.TaskStatus(s)] = n
	}
	var lit map[model.Light][]string
	if d.ByLight, lit, err = st.TaskLightSummary(ctx, day, ListMax); err != nil {
		return nil, err
	}
	d.RedCount, d.YellowCount = d.ByLight[model.LightRed], d.ByLight[model.LightYellow]
	for _, l := range []model.Light{model.LightRed, model.LightYellow} {
		recs, err := st.GetMany(ctx, lit[l])
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			it := Item{taskLine(r.(*model.Task)), l, r}
			if l == model.LightRed {
				d.Red = append(d.Red, it)
			} else {
				d.Yellow = append(d.Yellow, it)
			}
		}
	}
	units, err := st.CountBy(ctx, model.KindTask, "lead_unit", true)
	if err != nil {
		return nil, err
	}
	for u, n := range units {
		if u == "" {
			u = noUnit
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

// LoadMissed lists the open items with a unit that has not reported for
// the latest period due.
func LoadMissed(ctx context.Context, st Store, day model.Day) ([]Item, error) {
	ids, err := st.OpenTaskIDsWithCycle(ctx)
	if err != nil {
		return nil, err
	}
	var out []Item
	for i := 0; i < len(ids); i += 500 {
		recs, err := st.GetMany(ctx, ids[i:min(i+500, len(ids))])
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			t := r.(*model.Task)
			if missed := model.MissedReports(t, day.Today); len(missed) > 0 {
				out = append(out, Item{t.Number + " " + t.Title + "：" + strings.Join(missed, "、"), day.Light(t), t})
			}
		}
	}
	return out, nil
}

// pointsMissed lists active liaison points with no visit this month.
func pointsMissed(ctx context.Context, st Store, day model.Day, d *Data) error {
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
