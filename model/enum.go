package model

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Option is one value of an enumerated field: the Chinese label written in
// ledgers and exports, the English label shown in the English UI, and
// other words ledgers use for exactly this value.
type Option[T ~string] struct {
	Value    T
	Zh, En   string
	Synonyms []string
}

// Cue is a word that says what a value means wherever it stands in a
// typed text: 办结 inside 已于6月底办结 says done. A word starting with "*"
// is a suffix of the text's last clause (*中: 推进中, 协调中).
type Cue[T ~string] struct {
	Value T
	Words []string
}

// Enum is the set of values of an enumerated field, in display order, and
// the rules that map what people type onto them.
//
// Match applies, in order: the value, a label or a synonym, ignoring case,
// spaces and full-width forms (exact); then the cues (meaning). Cue rules a
// reader can check: every cue word found in the text marks a span; a span
// inside a longer one is dropped (未完成 wins over the 完成 inside it); if
// the remaining spans all name one value, that is the value, and if they
// name two, the word is ambiguous and stays unknown. A percent in the text
// (完成90%) is taken out first and returned; below 100 it turns a done word
// into the Ongoing value, and alone it gives Ongoing (or Done at 100).
type Enum[T ~string] struct {
	Options []Option[T]
	Cues    []Cue[T]
	// Done and Ongoing, when set, are the values a percent stands for.
	Done, Ongoing T
}

// How a value was matched.
type How string

const (
	HowNone    How = ""        // unknown or ambiguous
	HowExact   How = "exact"   // the value, a label or a synonym
	HowMeaning How = "meaning" // the cues
	HowTaught  How = "taught"  // the office's value dictionary
)

// Match is what a typed text says about an enumerated field.
type Match[T ~string] struct {
	Value T
	How   How
	// Percent is a percentage typed with the word (完成90%), -1 when none.
	Percent int
	// Ambiguous lists the values the cues named when they disagreed.
	Ambiguous []T
}

// OK reports whether a value was found.
func (m Match[T]) OK() bool { return m.How != HowNone }

// Parse maps a typed text to a value by exact words only (the value, a
// label or a synonym).
func (e Enum[T]) Parse(s string) (T, bool) {
	key := enumKey(s)
	if key == "" {
		return "", false
	}
	for _, o := range e.Options {
		if enumKey(string(o.Value)) == key || enumKey(o.Zh) == key || (o.En != "" && enumKey(o.En) == key) {
			return o.Value, true
		}
		for _, syn := range o.Synonyms {
			if enumKey(syn) == key {
				return o.Value, true
			}
		}
	}
	return "", false
}

var rePercentIn = regexp.MustCompile(`(\d{1,3}(?:\.\d+)?)\s*%`)

// Match maps a typed text to a value by exact words, then by meaning.
func (e Enum[T]) Match(s string) Match[T] {
	m := Match[T]{Percent: -1}
	if v, ok := e.Parse(s); ok {
		m.Value, m.How = v, HowExact
		return m
	}
	key := enumKey(s)
	if key == "" {
		return m
	}
	if e.Done != "" || e.Ongoing != "" {
		if g := rePercentIn.FindStringSubmatchIndex(key); g != nil {
			if f, err := strconv.ParseFloat(key[g[2]:g[3]], 64); err == nil && f >= 0 && f <= 100 {
				m.Percent = int(f + 0.5)
				key = key[:g[0]] + " " + key[g[1]:] // a space keeps words on both sides apart
			}
		}
	}
	vals := e.cueValues(key)
	switch {
	case len(vals) == 1:
		m.Value, m.How = vals[0], HowMeaning
	case len(vals) > 1:
		m.Ambiguous = vals
		return m
	}
	if m.Percent >= 0 {
		switch {
		case !m.OK() && m.Percent == 100 && e.Done != "":
			m.Value, m.How = e.Done, HowMeaning
		case !m.OK() && e.Ongoing != "":
			m.Value, m.How = e.Ongoing, HowMeaning
		case m.Value == e.Done && m.Percent < 100 && e.Ongoing != "":
			// 完成90%: the done word counts the percent, the work goes on.
			m.Value = e.Ongoing
		}
	}
	return m
}

type cueSpan[T ~string] struct {
	from, to int
	value    T
}

// cueValues lists the distinct values of the spans left once spans inside
// longer spans are dropped, in the enum's order.
func (e Enum[T]) cueValues(key string) []T {
	var spans []cueSpan[T]
	last := lastClause(key)
	for _, c := range e.Cues {
		for _, w := range c.Words {
			if suffix, ok := strings.CutPrefix(w, "*"); ok {
				if suffix = enumKey(suffix); suffix != "" && strings.HasSuffix(last.text, suffix) && len(last.text) > len(suffix) {
					spans = append(spans, cueSpan[T]{last.from, len(key), c.Value})
				}
				continue
			}
			w = enumKey(w)
			for from := 0; w != "" && from < len(key); {
				i := strings.Index(key[from:], w)
				if i < 0 {
					break
				}
				spans = append(spans, cueSpan[T]{from + i, from + i + len(w), c.Value})
				from += i + len(w)
			}
		}
	}
	var vals []T
	for i, s := range spans {
		inside := false
		for j, o := range spans {
			if i != j && o.from <= s.from && s.to <= o.to && (o.to-o.from > s.to-s.from) {
				inside = true
				break
			}
		}
		if !inside && !slices.Contains(vals, s.value) {
			vals = append(vals, s.value)
		}
	}
	slices.SortFunc(vals, func(a, b T) int { return e.index(a) - e.index(b) })
	return vals
}

type tailClause struct {
	from int
	text string
}

// lastClause is the text after the last clause break (，；。 and spaces).
func lastClause(key string) tailClause {
	i := strings.LastIndexAny(key, ",，;；。、 ")
	if i < 0 {
		return tailClause{0, key}
	}
	_, size := firstRune(key[i:])
	return tailClause{i + size, key[i+size:]}
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

func (e Enum[T]) index(v T) int {
	for i, o := range e.Options {
		if o.Value == v {
			return i
		}
	}
	return len(e.Options)
}

func (e Enum[T]) option(v T) (Option[T], bool) {
	for _, o := range e.Options {
		if o.Value == v {
			return o, true
		}
	}
	return Option[T]{}, false
}

// Zh is the Chinese label of v, or v itself when unknown.
func (e Enum[T]) Zh(v T) string {
	if o, ok := e.option(v); ok {
		return o.Zh
	}
	return string(v)
}

// En is the English label of v, or v itself when unknown.
func (e Enum[T]) En(v T) string {
	if o, ok := e.option(v); ok && o.En != "" {
		return o.En
	}
	return string(v)
}

// Label is v's label in the language ("en" English, else Chinese).
func (e Enum[T]) Label(v T, lang string) string {
	if Lang(lang) == "en" {
		return e.En(v)
	}
	return e.Zh(v)
}

// Labels lists the Chinese labels in order (for dropdowns and exports).
func (e Enum[T]) Labels() []string {
	out := make([]string, len(e.Options))
	for i, o := range e.Options {
		out[i] = o.Zh
	}
	return out
}

// Values lists the values in order.
func (e Enum[T]) Values() []T {
	out := make([]T, len(e.Options))
	for i, o := range e.Options {
		out[i] = o.Value
	}
	return out
}

// Strings is e over plain strings, for code that handles any record kind
// (Kind.Statuses): the same options, cues and percent values.
func (e Enum[T]) Strings() Enum[string] {
	out := Enum[string]{Options: make([]Option[string], len(e.Options)), Done: string(e.Done), Ongoing: string(e.Ongoing)}
	for i, o := range e.Options {
		out.Options[i] = Option[string]{Value: string(o.Value), Zh: o.Zh, En: o.En, Synonyms: o.Synonyms}
	}
	for _, c := range e.Cues {
		out.Cues = append(out.Cues, Cue[string]{Value: string(c.Value), Words: c.Words})
	}
	return out
}

// Valid reports whether v is one of the values (the empty value is not).
func (e Enum[T]) Valid(v T) bool {
	_, ok := e.option(v)
	return ok
}

func enumKey(s string) string {
	s = strings.ToLower(Fold(s))
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '\u3000', '_', '-', '（', '）', '(', ')', '【', '】', '[', ']', '"', '“', '”', '「', '」':
			return -1
		}
		return r
	}, s)
}
