package model

import (
	"slices"
	"strings"
)

// Term is one word the office has taught (词汇对照): in field Of (a
// Vocab's id, e.g. "tasks.status"), the typed Word means Value. Terms are
// records like any other: stored, in the history, exported in a sheet and
// imported back, so a word taught on one PC maps on the others.
type Term struct {
	Meta
	Of      string `json:"of"`
	Word    string `json:"word"`
	Value   string `json:"value"`
	Remarks string `json:"remarks"`
	// Extra keeps the cells of columns the reader has no field for.
	Extra map[string]string `json:"extra,omitempty"`
}

func (t *Term) Normalize() {
	t.Of = strings.TrimSpace(t.Of)
	t.Word = strings.TrimSpace(t.Word)
	t.Value = strings.TrimSpace(t.Value)
	if v, ok := VocabOf(t.Of); ok {
		t.Of = v.ID // a field named by its label (督办事项·状态) is stored by id
		if val, ok := v.parse(t.Value); ok {
			t.Value = val
		}
	}
}

// Vocab is an enumerated field that ledgers fill with words: its id
// (kind.json_field), its labels and its values, without the Go type.
type Vocab struct {
	ID     string // "tasks.status"
	Kind   Kind
	Field  string // JSON field name
	Zh, En string // the field's name
	values []string
	label  func(v, lang string) string
	parse  func(string) (string, bool)
}

// Values lists the field's values in order.
func (v Vocab) Values() []string { return slices.Clone(v.values) }

// Label is value's label in the language.
func (v Vocab) Label(value, lang string) string { return v.label(value, lang) }

// Title is the field named for people: 督办事项·状态 / Supervised items: status.
func (v Vocab) Title(lang string) string {
	if Lang(lang) == "en" {
		return v.Kind.En() + ": " + v.En
	}
	return v.Kind.SheetName() + "·" + v.Zh
}

func vocabOf[T ~string](k Kind, field, zh, en string, e Enum[T]) Vocab {
	vals := make([]string, 0, len(e.Options))
	for _, o := range e.Options {
		vals = append(vals, string(o.Value))
	}
	return Vocab{ID: string(k) + "." + field, Kind: k, Field: field, Zh: zh, En: en, values: vals,
		label: func(v, lang string) string { return e.Label(T(v), lang) },
		parse: func(s string) (string, bool) { v, ok := e.Parse(s); return string(v), ok }}
}

// Vocabs lists every field a word can be taught for, in kind order.
func Vocabs() []Vocab {
	return []Vocab{
		vocabOf(KindTask, "source", "事项来源", "source", Sources),
		vocabOf(KindTask, "status", "状态", "status", TaskStatuses),
		vocabOf(KindTask, "report_cycle", "报送周期", "report cycle", Cycles),
		vocabOf(KindMeeting, "kind", "会议类型", "meeting kind", MeetingKinds),
		vocabOf(KindProposal, "body", "类别", "body", Bodies),
		vocabOf(KindProposal, "type", "提出方式", "type", ProposalTypes),
		vocabOf(KindProposal, "topic", "专题", "topic", Topics),
		vocabOf(KindProposal, "mode", "办理方式", "handling mode", HandlingModes),
		vocabOf(KindProposal, "satisfaction", "满意度", "satisfaction", Satisfactions),
		vocabOf(KindProposal, "result_satisfaction", "结果满意度", "result satisfaction", Satisfactions),
		vocabOf(KindProposal, "status", "状态", "status", ProposalStatuses),
		vocabOf(KindProposal, "publication", "公开方式", "publication", Publications),
		vocabOf(KindProject, "category", "类别", "category", ProjectCategories),
		vocabOf(KindProject, "status", "状态", "status", ProjectStatuses),
		vocabOf(KindPoint, "visit_every", "走访频次", "visits required", Frequencies),
		vocabOf(KindVisit, "type", "走访类型", "visit type", VisitTypes),
		vocabOf(KindProblem, "status", "状态", "status", ProblemStatuses),
		vocabOf(KindFund, "source", "资金来源", "fund source", FundSources),
	}
}

// VocabOf finds a field by id (tasks.status) or by its Chinese or English title.
func VocabOf(s string) (Vocab, bool) {
	k := enumKey(s)
	for _, v := range Vocabs() {
		if k == enumKey(v.ID) || k == enumKey(v.Title("zh")) || k == enumKey(v.Title("en")) {
			return v, true
		}
	}
	return Vocab{}, false
}

// Dictionary is the taught words, looked up by field and folded word.
type Dictionary struct{ m map[string]string }

// NewDictionary indexes terms; a later term for the same word wins.
func NewDictionary(terms []*Term) *Dictionary {
	d := &Dictionary{m: map[string]string{}}
	for _, t := range terms {
		if !t.Deleted {
			d.Teach(t.Of, t.Word, t.Value)
		}
	}
	return d
}

// Teach adds one word.
func (d *Dictionary) Teach(of, word, value string) {
	if k := enumKey(word); k != "" && value != "" {
		d.m[of+"\x00"+k] = value
	}
}

// Lookup says what word means in field of, if it was taught.
func (d *Dictionary) Lookup(of, word string) (string, bool) {
	if d == nil {
		return "", false
	}
	v, ok := d.m[of+"\x00"+enumKey(word)]
	return v, ok
}

// Len is the number of taught words.
func (d *Dictionary) Len() int {
	if d == nil {
		return 0
	}
	return len(d.m)
}
