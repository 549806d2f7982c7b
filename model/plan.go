package model

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Action is what an import will do with one incoming row.
type Action string

const (
	ActionNew       Action = "new"
	ActionUpdated   Action = "updated"   // only the incoming side changed fields
	ActionMerged    Action = "merged"    // both sides changed different fields
	ActionUnchanged Action = "unchanged" // nothing to apply
	ActionConflict  Action = "conflict"  // some field changed on both sides differently
)

// RowRef locates a row in a workbook: the spreadsheet's own 1-based row.
// Part tells apart the records one row gives (a funds row split by source
// gives a fund a source): 0 for the first.
type RowRef struct {
	File  string `json:"file"`
	Sheet string `json:"sheet"`
	Row   int    `json:"row"`
	Part  int    `json:"part,omitempty"`
}

// Incoming is one parsed row of a workbook, ready to be matched.
type Incoming struct {
	Record Record // parsed fields; Meta.ID set when the row carried Taizhang's hidden id
	// BaseRev is the revision the row was exported at (hidden column), ""
	// for ledgers that Taizhang did not write. Ancestry lists the revisions
	// that revision descends from, newest first (BaseRev first).
	BaseRev  string
	Ancestry []string
	// Fields are the JSON field names the sheet has columns for: fields a
	// sheet does not carry are never changes.
	Fields []string
	// UnitRoles are the roles the sheet's unit columns carry (a ledger with
	// only 牵头单位 carries lead); units of other roles are kept from the
	// local record. nil means the sheet carries every role.
	UnitRoles []Role
	Ref       RowRef
}

// Compact reports whether the row was let go once planned: only its
// record's identity stands for it (model.Identity), to be read again from
// its file if it is needed.
func (in *Incoming) Compact() bool {
	_, ok := in.Record.(*Identity)
	return ok
}

// Compacted is the row let go: its place and revision, and its record's
// identity only.
func (in *Incoming) Compacted() *Incoming {
	return &Incoming{Record: IdentityOf(in.Record), Ref: in.Ref, BaseRev: in.BaseRev}
}

// Place is the cell a rejection or a warning is about: the file, the
// sheet, the spreadsheet's own 1-based row, the column letter, the sheet's
// own header and the cell's text. Embedded, its fields come first in the
// JSON object, as docs/CLI.md shows them.
type Place struct {
	File   string `json:"file"`
	Sheet  string `json:"sheet"`
	Row    int    `json:"row"`
	Column string `json:"column"`
	Header string `json:"header"`
	Value  string `json:"value"`
}

// Rejection is a row (or cell) that cannot be imported, with what was expected.
type Rejection struct {
	Place
	Reason string `json:"reason"`
}

// Warning is a cell that imported but not as a value: a word no rule
// knows (kept verbatim beside the field), a column Taizhang has no field
// for (kept with the record), a status the ledger states without the dates
// it implies. The row imports either way.
type Warning struct {
	Place
	// Kind and Field name the field (task.status), so the office can teach
	// the word once (the value dictionary); empty for an extra column.
	Kind  Kind   `json:"kind"`
	Field string `json:"field,omitempty"`
	// Kept says what the record holds now, Reason why, in the reader's language.
	Kept   string `json:"kept"`
	Reason string `json:"reason"`
}

// FieldConflict is one field changed on both sides to different values.
// Values are JSON texts.
type FieldConflict struct {
	// ID is the stored conflict's id ("c-…"), once an import has kept it.
	ID       string          `json:"id,omitempty"`
	Field    string          `json:"field"`
	Base     json.RawMessage `json:"base,omitempty"`
	Local    json.RawMessage `json:"local"`
	Incoming json.RawMessage `json:"incoming"`
	// Files are the files whose values conflict: the incoming one, after
	// the file of another return when that one set Local in this import.
	Files []string `json:"files,omitempty"`
}

// MergedRow is one more return of a record in one import, merged into the
// plan item of the first (see PlanItem.Merged).
type MergedRow struct {
	Incoming    *Incoming
	IncomingRev string // as PlanItem.IncomingRev
}

// PlanItem is the decision for one incoming row.
type PlanItem struct {
	Action    Action
	Kind      Kind
	Key       string // number or natural key, for messages
	Incoming  *Incoming
	Local     Record // the matched local record, nil when new
	Result    Record // what will be stored (nil when unchanged)
	Changed   []string
	Conflicts []FieldConflict
	// IncomingRev is the revision the incoming row stands for: its base
	// revision when the row is as exported, else a revision derived from
	// it and the row's body, so the same edited row is recognised when the
	// file is imported again. "" for ledgers Taizhang did not write.
	IncomingRev string
	// Decided lists conflicting fields that were already resolved for
	// this same incoming value: they keep local without a new conflict.
	Decided []string
	// Merged are the other rows of this import that stand for the same
	// record (several departments' returns of one item), merged in.
	Merged []MergedRow
	// ChangedBy names, for each changed field, the file whose row changed it.
	ChangedBy map[string]string
}

// KeyText names the item's record in messages: its number (督〔2019〕15号,
// where Key is the match key 督〔2019〕15; as this store spells it when the
// row matched a record, see KeepNumber), else the matched record's
// number, else a title or name, else Key.
func (it *PlanItem) KeyText() string {
	recs := []Record{incomingRecord(it.Incoming), it.Result, it.Local}
	for _, r := range recs {
		if r != nil && numberOf(r) != "" {
			return numberOf(r)
		}
	}
	for _, r := range recs {
		if r != nil && Headline(r) != "" {
			return Headline(r)
		}
	}
	return it.Key
}

func incomingRecord(in *Incoming) Record {
	if in == nil {
		return nil
	}
	return in.Record
}

// SheetReport says what import found in one sheet.
type SheetReport struct {
	Sheet     string `json:"sheet"`
	Kind      *Kind  `json:"kind"`
	HeaderRow *int   `json:"header_row"`
	Rows      int    `json:"rows"`
	// BrokenAfter is set when the sheet is damaged and was read in part
	// (import --partial): the last row read whole.
	BrokenAfter *int `json:"broken_after,omitempty"`
}

// FileReport says what import found in one file.
type FileReport struct {
	File   string        `json:"file"`
	SHA256 string        `json:"sha256"`
	Sheets []SheetReport `json:"sheets"`
}

// Plan is everything an import would do, built before anything changes.
type Plan struct {
	Files    []FileReport
	Items    []PlanItem
	Rejected []Rejection
	Warnings []Warning
	// NewUnits are unit names not in the dictionary; applying adds them.
	NewUnits []string
	// Notes are non-fatal remarks (a formula's cached value was used, a
	// fund source was put under "other"), one line each.
	Notes []string
	// Against names the state of the store the plan was made against (its
	// last write when planning began): applying it to the same state need
	// not decide any row again.
	Against string `json:"-"`
	// Source is where the plan's rows came from, to be read again (nil:
	// they cannot be). A plan lets rows go that it need not hold (an
	// unchanged row, a new row of a kind the store had none of: Identity);
	// the new rows are read again when it is applied, and the whole plan
	// is made again if the store changed meanwhile.
	Source PlanSource `json:"-"`
	// Quiet tallies the rows a plan of one file keeps no item for: past the
	// first QuietShown of a kind, an unchanged row and a new row of a kind
	// the store had none of are only counted (the new ones are read again
	// from the file when the plan is applied). QuietKinds are the kinds
	// whose new rows were counted so. Counts includes them.
	Quiet      Counts `json:"-"`
	QuietKinds []Kind `json:"-"`
	// QuietChanged are the rows past the first QuietShown of a kind that
	// update or merge into a record without a conflict: only counted, and
	// decided again when the plan is applied (a ledger whose every row
	// changed held three records a row).
	QuietChanged []RowRef `json:"-"`
	// QuietResults is what the store kept of those rows' merged records,
	// to write them without deciding the rows again (the store's own;
	// nil: every such row is decided again).
	QuietResults any `json:"-"`
}

// QuietShown is how many let-go rows of each kind and action a plan still
// lists as items (model.Identity), for the preview to show.
const QuietShown = 100

// PlanSource gives a plan's rows again, as they were read.
type PlanSource interface {
	// Rows gives the rows again, in the order they were planned: at least
	// every row the plan let go (and every row of the kinds it only
	// counted), read from the files or kept by the plan. An error from
	// yield stops it and is returned.
	Rows(ctx context.Context, yield func(Incoming) error) error
	// Replan makes the plan again against the store as it is now.
	Replan(ctx context.Context) (*Plan, error)
}

// Counts tallies the plan's items by action, as the CLI's JSON shows them.
type Counts struct {
	New       int `json:"new"`
	Updated   int `json:"updated"`
	Merged    int `json:"merged"`
	Unchanged int `json:"unchanged"`
	Conflicts int `json:"conflicts"`
	Rejected  int `json:"rejected"`
}

func (p *Plan) Counts() Counts {
	var c Counts
	for _, it := range p.Items {
		switch it.Action {
		case ActionNew:
			c.New++
		case ActionUpdated:
			c.Updated++
		case ActionMerged:
			c.Merged++
		case ActionUnchanged:
			c.Unchanged++
		case ActionConflict:
			c.Conflicts++
		}
	}
	c.New += p.Quiet.New
	c.Updated += p.Quiet.Updated
	c.Merged += p.Quiet.Merged
	c.Unchanged += p.Quiet.Unchanged
	c.Rejected = len(p.Rejected)
	return c
}

// WarningGroup is one word of one column with every row it stands on: a
// ledger repeats its words, and 暂缓 on 120 rows is one thing to read.
type WarningGroup struct {
	Warning // Row is the first row
	Rows    []int
}

// GroupWarnings groups warnings that differ only in their row, in order.
func GroupWarnings(ws []Warning) []WarningGroup {
	var out []WarningGroup
	at := map[Warning]int{}
	for _, w := range ws {
		k := w
		k.Row = 0
		if i, ok := at[k]; ok {
			out[i].Rows = append(out[i].Rows, w.Row)
			continue
		}
		at[k] = len(out)
		out = append(out, WarningGroup{Warning: w, Rows: []int{w.Row}})
	}
	return out
}

// RowList names a group's rows, the first ten and how many in all
// (5、9、12 or 5, 9, 12… (120 rows)).
func (g WarningGroup) RowList(lang string) string {
	shown := g.Rows[:min(len(g.Rows), 10)]
	nums := make([]string, len(shown))
	for i, r := range shown {
		nums[i] = strconv.Itoa(r)
	}
	if Lang(lang) == "en" {
		s := strings.Join(nums, ", ")
		if len(g.Rows) > len(shown) {
			s += fmt.Sprintf("… (%d rows)", len(g.Rows))
		}
		return s
	}
	s := strings.Join(nums, "、")
	if len(g.Rows) > len(shown) {
		s += fmt.Sprintf("…（共%d行）", len(g.Rows))
	}
	return s
}
