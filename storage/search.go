package storage

import (
	"context"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"taizhang/model"
)

// Search works on two FTS5 tables whose text the store writes itself
// (schema 9). search holds the overlapping bigrams of every CJK run of two or
// more characters (detail full): a query's CJK run of 2+ is a phrase of its
// bigrams, which finds any substring of two or more characters fast (a
// trigram index misses short terms, LIKE costs 0.3 s at 100,000 rows).
// search_chars holds, once per record, each CJK character and each
// lowercase Latin/digit word (detail none: only which records hold them):
// a one-character term is that character's token, a Latin word a prefix
// query. One token per character where schema 3 wrote two (the bigram and
// its one-character prefix), and no positions for single characters: at
// 100,000 rows the index is 41 MB instead of 68 MB and a fifth cheaper to
// write (docs/bench.md, "Search index").

// searchFields is the text people search in, per kind.
func searchFields(r model.Record) []string {
	switch v := r.(type) {
	case *model.Task:
		out := []string{v.Number, v.Title, v.Content, v.Instruction, v.Progress, v.Leader, v.SourceRef, v.Remarks}
		for _, u := range v.Units {
			out = append(out, u.Name)
		}
		for _, rep := range v.Reports {
			out = append(out, rep.Done, rep.Problems, rep.Next)
		}
		return out
	case *model.Proposal:
		out := []string{v.Number, v.Session, v.Title, v.Proposer, v.CoSigners, string(v.Topic), v.TopicText, v.ReplyRef, v.Remarks}
		for _, u := range v.Units {
			out = append(out, u.Name)
		}
		return out
	case *model.Visit:
		out := []string{v.Number, v.Place, v.Point, v.Leader, v.People, v.Purpose, v.Findings, v.Remarks}
		return append(out, v.Units...)
	case *model.Problem:
		return []string{v.Number, v.Description, v.Visit, v.Unit, v.Resolution, v.Remarks}
	case *model.Project:
		return []string{v.Name, v.Village, string(v.Category), v.CategoryText, v.Location, v.Content, v.Remarks}
	case *model.Point:
		return []string{v.Name, v.ShortName, v.Address, v.Contact, v.Owner, v.Remarks}
	case *model.Unit:
		return append([]string{v.Name, v.Category, v.Contact}, v.Aliases...)
	case *model.Village:
		return []string{v.Name, v.Township, v.County, v.AssistingUnit, v.FirstSecretary, v.Remarks}
	case *model.Fund:
		return []string{v.SourceText, v.Project, v.Village, v.Remarks}
	case *model.Meeting:
		return []string{v.Number, v.Title, v.Chair, v.Remarks}
	case *model.Holiday:
		return []string{v.Name}
	}
	return nil
}

func isCJK(r rune) bool {
	switch {
	case r < 0x1100: // below every CJK block (Hangul Jamo is the first): Latin, digits, punctuation
		return false
	case r >= 0x4E00 && r <= 0x9FFF: // CJK Unified Ideographs, all Han
		return true
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func isWordRune(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !isCJK(r)
}

// segment is one run of a text: a CJK run or a Latin/digit word.
type segment struct {
	cjk   bool
	runes []rune
}

func segments(s string) []segment {
	var out []segment
	var cur *segment
	for _, r := range s {
		switch {
		case isCJK(r):
			if cur == nil || !cur.cjk {
				out = append(out, segment{cjk: true})
				cur = &out[len(out)-1]
			}
		case isWordRune(r):
			if cur == nil || cur.cjk {
				out = append(out, segment{})
				cur = &out[len(out)-1]
			}
			r = unicode.ToLower(r)
		default:
			cur = nil
			continue
		}
		cur.runes = append(cur.runes, r)
	}
	return out
}

// bigrams of a CJK run, overlapping (the character itself when alone).
func (g segment) bigrams() []string {
	if len(g.runes) == 1 {
		return []string{string(g.runes)}
	}
	out := make([]string, 0, len(g.runes)-1)
	for i := 0; i+1 < len(g.runes); i++ {
		out = append(out, string(g.runes[i:i+2]))
	}
	return out
}

// wordMark starts a Latin/digit word's token in search_chars. With
// prefix='2 3' every word then has prefix entries of its first one and two
// letters after the mark, so a one- or two-letter search ("w", "12") reads
// one list, while a CJK character, a token of one character, gets none.
const wordMark = "\uE000"

// indexText is what the search tables hold for a record.
type indexText struct {
	pairs string // search: bigrams of CJK runs of 2+, each followed by a space
	chars string // search_chars: distinct CJK characters and marked words
}

// searchText is what goes into the FTS tables for r, from every field of
// searchFields. An import builds it for every row, on the goroutine that
// prepares rows, so work done here is off the writer's path.
//
// A text standing in two fields is written once: a returned ledger's
// progress is also that unit's report (办理进展 = the report's 完成情况),
// and indexing it twice doubled the search index's work for every row.
func searchText(r model.Record) indexText {
	var pairs strings.Builder
	var chars []rune
	var words []string
	fields := searchFields(r)
	for i, f := range fields {
		if f == "" || slices.Contains(fields[:i], f) {
			continue
		}
		chars, words = writePairs(&pairs, model.Fold(f), chars, words)
	}
	var b strings.Builder
	b.Grow(len(chars) * 4)
	seen := seenPool.Get().(*runeSet)
	for _, c := range chars {
		if seen.add(c) {
			b.WriteRune(c)
			b.WriteByte(' ')
		}
	}
	seen.clear(chars)
	seenPool.Put(seen)
	slices.Sort(words) // a long English remark: no quadratic look-ups
	for _, w := range slices.Compact(words) {
		b.WriteString(wordMark)
		b.WriteString(w)
		b.WriteByte(' ')
	}
	return indexText{pairs: pairs.String(), chars: b.String()}
}

// runeSet is a set of the runes of the Basic Multilingual Plane (every
// common CJK character) as bits, and of others in a slice. Sorting each
// record's characters to drop repeats cost 0.2 s of CPU at 100,000 rows.
type runeSet struct {
	bmp   [1 << 16 / 64]uint64
	other []rune
}

var seenPool = sync.Pool{New: func() any { return new(runeSet) }}

// add reports whether c was not in the set, and puts it there.
func (s *runeSet) add(c rune) bool {
	if c < 1<<16 {
		w, bit := c/64, uint64(1)<<(c%64)
		if s.bmp[w]&bit != 0 {
			return false
		}
		s.bmp[w] |= bit
		return true
	}
	if slices.Contains(s.other, c) {
		return false
	}
	s.other = append(s.other, c)
	return true
}

// clear empties the set, which holds at most the runes of added.
func (s *runeSet) clear(added []rune) {
	for _, c := range added {
		if c < 1<<16 {
			s.bmp[c/64] = 0
		}
	}
	s.other = s.other[:0]
}

// writePairs appends the bigrams of s's CJK runs to b, each followed by a
// space, and returns chars and words with s's CJK characters and
// lowercase Latin/digit words appended.
func writePairs(b *strings.Builder, s string, chars []rune, words []string) ([]rune, []string) {
	prev := -1 // where the previous CJK character of the current run starts in s
	word := -1 // where the current word starts in s
	for i, r := range s {
		switch {
		case isCJK(r):
			if word >= 0 {
				words = append(words, strings.ToLower(s[word:i]))
				word = -1
			}
			if prev >= 0 {
				b.WriteString(s[prev : i+utf8.RuneLen(r)]) // the two characters, as they stand in s
				b.WriteByte(' ')
			}
			prev = i
			chars = append(chars, r)
		case isWordRune(r):
			prev = -1
			if word < 0 {
				word = i
			}
		default:
			prev = -1
			if word >= 0 {
				words = append(words, strings.ToLower(s[word:i]))
				word = -1
			}
		}
	}
	if word >= 0 {
		words = append(words, strings.ToLower(s[word:]))
	}
	return chars, words
}

// indexSearch replaces the record's search text (searchText; none for
// tombstones).
func (t *Tx) indexSearch(ctx context.Context, seq int64, existed bool, text indexText, deleted bool) error {
	if existed {
		if _, err := t.exec(ctx, "DELETE FROM search WHERE rowid = ?", seq); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "DELETE FROM search_chars WHERE rowid = ?", seq); err != nil {
			return err
		}
	}
	if deleted {
		return nil
	}
	if text.pairs != "" {
		if _, err := t.exec(ctx, "INSERT INTO search (rowid, text) VALUES (?, ?)", seq, text.pairs); err != nil {
			return err
		}
	}
	if text.chars != "" {
		if _, err := t.exec(ctx, "INSERT INTO search_chars (rowid, text) VALUES (?, ?)", seq, text.chars); err != nil {
			return err
		}
	}
	return nil
}

// textMatch is a search's FTS part: match expressions for search (phrases
// of bigrams) and search_chars (characters and words), "" when the search
// has none of that sort. A record matches when it matches both.
type textMatch struct{ pairs, chars string }

func (m textMatch) empty() bool { return m.pairs == "" && m.chars == "" }

// rowids is a SELECT of the matching records' seq (column seq).
func (m textMatch) rowids() (string, []any) {
	switch {
	case m.chars == "":
		return "SELECT rowid AS seq FROM search WHERE search MATCH ?", []any{m.pairs}
	case m.pairs == "":
		return "SELECT rowid AS seq FROM search_chars WHERE search_chars MATCH ?", []any{m.chars}
	}
	return "SELECT rowid AS seq FROM search WHERE search MATCH ? INTERSECT SELECT rowid FROM search_chars WHERE search_chars MATCH ?",
		[]any{m.pairs, m.chars}
}

// probe is a condition true when record r matches, looked up by its seq.
func (m textMatch) probe() (string, []any) {
	var conds []string
	var args []any
	if m.pairs != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM search WHERE search MATCH ? AND rowid = r.seq)")
		args = append(args, m.pairs)
	}
	if m.chars != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM search_chars WHERE search_chars MATCH ? AND rowid = r.seq)")
		args = append(args, m.chars)
	}
	return strings.Join(conds, " AND "), args
}

// textFilter turns a query text into FTS match expressions and SQL
// conditions on records (alias r): every whitespace-separated term must
// occur. Each term becomes FTS parts: a phrase of bigrams per CJK run of 2+,
// the character per single CJK character, a prefix query per Latin word.
// A term of several runs ("15号"), whose adjacency the AND of parts loses,
// or of symbols only, is also checked with LIKE on the body, after the FTS
// part narrowed it.
func textFilter(text string) (match textMatch, conds []string, args []any) {
	var pairs, chars []string
	for _, term := range strings.Fields(model.Fold(text)) {
		segs := segments(term)
		verify := len(segs) != 1 // none (only symbols) or several runs
		for _, g := range segs {
			switch {
			case g.cjk && len(g.runes) > 1:
				pairs = append(pairs, `"`+strings.Join(g.bigrams(), " ")+`"`)
			case g.cjk:
				chars = append(chars, `"`+string(g.runes)+`"`)
			default:
				chars = append(chars, `"`+wordMark+string(g.runes)+`"*`)
			}
		}
		if verify && !strings.ContainsAny(term, `"\`) {
			conds = append(conds, `tz_text(r.body) LIKE ? ESCAPE '\'`)
			args = append(args, "%"+escapeLike(term)+"%")
		}
	}
	match = textMatch{pairs: strings.Join(pairs, " AND "), chars: strings.Join(chars, " AND ")}
	return match, conds, args
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
