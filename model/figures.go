package model

import "strings"

// Namer gives the dictionary full name of a unit (aliases resolved);
// figures count distinct units by it.
type Namer interface{ Canonical(name string) string }

// IdentityNamer is the Namer used when there is no unit dictionary: each
// name is its own full name (trimmed, full-width folded).
type IdentityNamer struct{}

func (IdentityNamer) Canonical(name string) string { return Fold(name) }

// Dataset is every record the figures are computed from. Deleted records
// (Meta.Deleted) may be included; they never count.
type Dataset struct {
	Tasks     []*Task
	Meetings  []*Meeting
	Proposals []*Proposal
	Visits    []*Visit
	Problems  []*Problem
	Points    []*Point
	Funds     []*Fund
	Projects  []*Project
	Units     Namer // nil: IdentityNamer
}

// DatasetKinds are the kinds a Dataset holds, in its fields' order.
var DatasetKinds = []Kind{KindTask, KindMeeting, KindProposal, KindVisit, KindProblem, KindPoint, KindFund, KindProject}

// Add appends r to its kind's list; records of other kinds are passed over.
func (ds *Dataset) Add(r Record) {
	_ = addTo(&ds.Tasks, r) || addTo(&ds.Meetings, r) || addTo(&ds.Proposals, r) || addTo(&ds.Visits, r) ||
		addTo(&ds.Problems, r) || addTo(&ds.Points, r) || addTo(&ds.Funds, r) || addTo(&ds.Projects, r)
}

// Each calls fn with every record, kind by kind in DatasetKinds' order.
func (ds Dataset) Each(fn func(Record)) {
	for _, list := range [][]Record{records(ds.Tasks), records(ds.Meetings), records(ds.Proposals),
		records(ds.Visits), records(ds.Problems), records(ds.Points), records(ds.Funds), records(ds.Projects)} {
		for _, r := range list {
			fn(r)
		}
	}
}

// addTo appends r to list when it is a P, and says whether it was.
func addTo[P Record](list *[]P, r Record) bool {
	v, ok := r.(P)
	if ok {
		*list = append(*list, v)
	}
	return ok
}

func (ds Dataset) namer() Namer {
	if ds.Units == nil {
		return IdentityNamer{}
	}
	return ds.Units
}

// unitName is a unit's dictionary full name, trimmed; "" stays "".
func (ds Dataset) unitName(name string) string {
	if strings.TrimSpace(name) == "" {
		return ""
	}
	return strings.TrimSpace(ds.namer().Canonical(name))
}

// Summary holds the figures for a period, shaped exactly as
// `report summary --json` prints them (docs/CLI.md); DOMAIN.md
// ("Figures and how they are counted") defines each one.
type Summary struct {
	From      Date            `json:"from"`
	To        Date            `json:"to"`
	Tasks     TaskFigures     `json:"tasks"`
	Meetings  MeetingFigures  `json:"meetings"`
	Proposals ProposalFigures `json:"proposals"`
	Field     FieldFigures    `json:"field"`
	Liaison   LiaisonFigures  `json:"liaison"`
	Village   VillageFigures  `json:"village"`
}

// Summarize computes every figure of the period [from, to] (both days
// included). Each figure is the size of the record set its drill-down
// function returns, so the GUI's statistics and the CLI agree.
func Summarize(ds Dataset, from, to Date, r Rules) Summary {
	return Summary{
		From:      from,
		To:        to,
		Tasks:     summarizeTasks(ds, from, to),
		Meetings:  summarizeMeetings(ds, from, to),
		Proposals: summarizeProposals(ds, from, to, r),
		Field:     summarizeField(ds, from, to),
		Liaison:   summarizeLiaison(ds, from, to),
		Village:   summarizeVillage(ds, from, to),
	}
}

// rate is n/d, nil when d is 0 (the JSON shows null: no rate, not 0%).
func rate(n, d int) *float64 {
	if d == 0 {
		return nil
	}
	v := float64(n) / float64(d)
	return &v
}

// filter keeps the records that are not deleted and pass keep, in order.
func filter[E any, P interface {
	*E
	Record
}](recs []P, keep func(P) bool) []P {
	out := []P{}
	for _, r := range recs {
		if r == nil || r.RecordMeta().Deleted {
			continue
		}
		if keep(r) {
			out = append(out, r)
		}
	}
	return out
}
