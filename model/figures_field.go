package model

import (
	"fmt"
	"slices"
)

// FieldFigures are the research-visit figures (the seed's "调研389次、238天、
// 51个基层单位105次、解决问题152个").
type FieldFigures struct {
	Visits         int `json:"visits"`
	Days           int `json:"days"` // leader-days
	CalendarDays   int `json:"calendar_days"`
	Units          int `json:"units"`
	UnitContacts   int `json:"unit_contacts"`
	ProblemsRaised int `json:"problems_raised"`
	ProblemsSolved int `json:"problems_solved"`
}

// LiaisonFigures are the liaison-point figures.
type LiaisonFigures struct {
	Points         int `json:"points"`
	Visits         int `json:"visits"`
	MissedMonths   int `json:"missed_months"`
	ProblemsSolved int `json:"problems_solved"`
}

// VillageFigures are the assistance-village figures.
type VillageFigures struct {
	Visits        int            `json:"visits"`
	FundsFen      Fen            `json:"funds_fen"`
	FundsBySource map[string]Fen `json:"funds_by_source"` // every FundSource key, always
	Projects      int            `json:"projects"`
	ProjectsDone  int            `json:"projects_done"`
}

// PeriodVisits are the visits of one type that started in the period.
func PeriodVisits(ds Dataset, typ VisitType, from, to Date) []*Visit {
	return filter(ds.Visits, func(v *Visit) bool { return v.Type == typ && v.StartOn.Between(from, to) })
}

// visitDays lists the days of v inside [from, to]; a visit without an end
// date lasts one day.
func visitDays(v *Visit, from, to Date) []Date {
	end := v.EndOn
	if end.IsZero() || end.Before(v.StartOn) {
		end = v.StartOn
	}
	var days []Date
	for d := maxDate(v.StartOn, from); !d.After(end) && !d.After(to); d = d.AddDays(1) {
		days = append(days, d)
	}
	return days
}

func maxDate(a, b Date) Date {
	if a.After(b) {
		return a
	}
	return b
}

// LeaderDay is one leader out on research visits on one day (a row of
// the "days" figure).
type LeaderDay struct {
	Leader string // the leader's name as first written
	Day    Date
}

// LeaderDays lists the leader-days of the given visits inside the period:
// for each leader (told apart by PersonKey) the distinct days they were
// out, in the order first met. Visits with no leader add none.
func LeaderDays(visits []*Visit, from, to Date) []LeaderDay {
	type key struct {
		person string
		day    Date
	}
	names := map[string]string{}
	seen := map[key]bool{}
	var out []LeaderDay
	for _, v := range visits {
		p := PersonKey(v.Leader)
		if p == "" {
			continue
		}
		if _, ok := names[p]; !ok {
			names[p] = Fold(v.Leader)
		}
		for _, d := range visitDays(v, from, to) {
			if !seen[key{p, d}] {
				seen[key{p, d}] = true
				out = append(out, LeaderDay{Leader: names[p], Day: d})
			}
		}
	}
	return out
}

// CalendarDays lists the distinct days inside the period on which any of
// the visits took place, in date order.
func CalendarDays(visits []*Visit, from, to Date) []Date {
	seen := map[Date]bool{}
	var out []Date
	for _, v := range visits {
		for _, d := range visitDays(v, from, to) {
			if !seen[d] {
				seen[d] = true
				out = append(out, d)
			}
		}
	}
	slices.SortFunc(out, Date.Compare)
	return out
}

// UnitContact is one grassroots unit named on one visit.
type UnitContact struct {
	Visit *Visit
	Unit  string // dictionary full name
}

// UnitContacts lists the (visit, unit) pairs of the visits, units named
// by their dictionary full name; a unit written twice on one visit (by
// alias and by full name) is one contact.
func UnitContacts(ds Dataset, visits []*Visit) []UnitContact {
	var out []UnitContact
	for _, v := range visits {
		seen := map[string]bool{}
		for _, u := range v.Units {
			name := ds.unitName(u)
			if name == "" || seen[ruleKey(name)] {
				continue
			}
			seen[ruleKey(name)] = true
			out = append(out, UnitContact{Visit: v, Unit: name})
		}
	}
	return out
}

// DistinctUnits is the distinct units among contacts, sorted by name.
func DistinctUnits(contacts []UnitContact) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range contacts {
		if k := ruleKey(c.Unit); !seen[k] {
			seen[k] = true
			out = append(out, c.Unit)
		}
	}
	slices.Sort(out)
	return out
}

// visitIndex maps visit numbers to visits, so a problem finds its visit.
func visitIndex(ds Dataset) map[string]*Visit {
	idx := map[string]*Visit{}
	for _, v := range filter(ds.Visits, func(*Visit) bool { return true }) {
		if k := ruleKey(v.Number); k != "" {
			idx[k] = v
		}
	}
	return idx
}

// ProblemsRaisedOn are the problems raised on the given visits (a problem
// names its visit by the visit's number).
func ProblemsRaisedOn(ds Dataset, visits []*Visit) []*Problem {
	on := map[string]bool{}
	for _, v := range visits {
		if k := ruleKey(v.Number); k != "" {
			on[k] = true
		}
	}
	return filter(ds.Problems, func(p *Problem) bool { return on[ruleKey(p.Visit)] })
}

// ProblemsSolved are the problems raised on visits of the type (in any
// period) and resolved within the period.
func ProblemsSolved(ds Dataset, typ VisitType, from, to Date) []*Problem {
	idx := visitIndex(ds)
	return filter(ds.Problems, func(p *Problem) bool {
		v := idx[ruleKey(p.Visit)]
		return v != nil && v.Type == typ && p.ResolvedOn.Between(from, to)
	})
}

func summarizeField(ds Dataset, from, to Date) FieldFigures {
	visits := PeriodVisits(ds, VisitResearch, from, to)
	contacts := UnitContacts(ds, visits)
	return FieldFigures{
		Visits:         len(visits),
		Days:           len(LeaderDays(visits, from, to)),
		CalendarDays:   len(CalendarDays(visits, from, to)),
		Units:          len(DistinctUnits(contacts)),
		UnitContacts:   len(contacts),
		ProblemsRaised: len(ProblemsRaisedOn(ds, visits)),
		ProblemsSolved: len(ProblemsSolved(ds, VisitResearch, from, to)),
	}
}

// ActivePoints are the liaison points not marked inactive.
func ActivePoints(ds Dataset) []*Point {
	return filter(ds.Points, func(p *Point) bool { return !p.Inactive })
}

// visitsPoint reports whether a liaison visit is to point p: the visit's
// point (or, when empty, its place) matches the point's name or short
// name, directly or through the unit dictionary's aliases.
func visitsPoint(ds Dataset, v *Visit, p *Point) bool {
	where := v.Point
	if ruleKey(where) == "" {
		where = v.Place
	}
	w := ruleKey(where)
	if w == "" {
		return false
	}
	if w == ruleKey(p.Name) || (ruleKey(p.ShortName) != "" && w == ruleKey(p.ShortName)) {
		return true
	}
	return ruleKey(ds.unitName(where)) == ruleKey(ds.unitName(p.Name))
}

// MissedMonth is a calendar month in which a point visited monthly had no
// liaison visit.
type MissedMonth struct {
	Point *Point
	Month string // "2019-03"
}

// MissedMonths lists, for active points visited monthly, the calendar
// months that intersect the period in which no liaison visit to the point
// started. A month only partly inside the period counts, and a visit on
// any day of that month satisfies it. Months after today are the
// caller's concern: a period reaching into the future shows them missed.
func MissedMonths(ds Dataset, from, to Date) []MissedMonth {
	if to.Before(from) {
		return nil
	}
	liaison := filter(ds.Visits, func(v *Visit) bool { return v.Type == VisitLiaison && !v.StartOn.IsZero() })
	var out []MissedMonth
	for _, p := range ActivePoints(ds) {
		if p.VisitEvery != "" && p.VisitEvery != "month" {
			continue
		}
		visited := map[string]bool{}
		for _, v := range liaison {
			if visitsPoint(ds, v, p) {
				visited[monthKey(v.StartOn)] = true
			}
		}
		for m := NewDate(from.Y, from.M, 1); !m.After(to); m = m.AddMonths(1) {
			if !visited[monthKey(m)] {
				out = append(out, MissedMonth{Point: p, Month: monthKey(m)})
			}
		}
	}
	return out
}

func monthKey(d Date) string { return fmt.Sprintf("%04d-%02d", d.Y, d.M) }

func summarizeLiaison(ds Dataset, from, to Date) LiaisonFigures {
	return LiaisonFigures{
		Points:         len(ActivePoints(ds)),
		Visits:         len(PeriodVisits(ds, VisitLiaison, from, to)),
		MissedMonths:   len(MissedMonths(ds, from, to)),
		ProblemsSolved: len(ProblemsSolved(ds, VisitLiaison, from, to)),
	}
}

// PeriodFunds are the fund records dated in the period.
func PeriodFunds(ds Dataset, from, to Date) []*Fund {
	return filter(ds.Funds, func(f *Fund) bool { return f.Date.Between(from, to) })
}

// FundSourceKey is the funds_by_source key of f: its source, classified
// from the typed text when unset; what cannot be placed is other.
func FundSourceKey(f *Fund) string {
	s := f.Source
	if s == "" {
		s = ClassifyFundSource(f.SourceText)
	}
	if !FundSources.Valid(s) {
		return "other"
	}
	return string(s)
}

// ProjectsStarted are the projects started in the period.
func ProjectsStarted(ds Dataset, from, to Date) []*Project {
	return filter(ds.Projects, func(p *Project) bool { return p.StartOn.Between(from, to) })
}

// ProjectsFinished are the projects finished in the period: a finish date
// inside it and a status of done (or no status; a planned, in-progress or
// suspended project's finish date is only a plan).
func ProjectsFinished(ds Dataset, from, to Date) []*Project {
	return filter(ds.Projects, func(p *Project) bool {
		return p.FinishOn.Between(from, to) && (p.Status == "done" || p.Status == "")
	})
}

func summarizeVillage(ds Dataset, from, to Date) VillageFigures {
	f := VillageFigures{
		Visits:        len(PeriodVisits(ds, VisitVillage, from, to)),
		FundsBySource: map[string]Fen{},
		Projects:      len(ProjectsStarted(ds, from, to)),
		ProjectsDone:  len(ProjectsFinished(ds, from, to)),
	}
	for _, s := range FundSources.Values() {
		f.FundsBySource[string(s)] = 0
	}
	for _, fund := range PeriodFunds(ds, from, to) {
		f.FundsFen += fund.AmountFen
		f.FundsBySource[FundSourceKey(fund)] += fund.AmountFen
	}
	return f
}
