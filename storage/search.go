package storage

import (
	"context"
	"slices"
	"strings"
	"unicode"

	"taizhang/model"
)

// Search works on an FTS5 table (tokenize ascii, prefix 1) whose text the store
// writes itself: overlapping bigrams of CJK runs and lowercase Latin/digit
// words. A query's CJK run is then a phrase of its bigrams, which finds any
// substring of two or more characters fast (a trigram index misses short
// terms, LIKE costs 0.3 s at 100,000 rows). Single characters are prefix
// queries (see tokens).

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

// tokens of a segment as indexed: the lowercase word, or a CJK run's
// bigrams followed by its last character alone. Every character then starts
// a token, so a one-character search is a prefix query ("磁"*); phrases of
// bigrams are unaffected (a query's phrase holds no single characters).
func (g segment) tokens() []string {
	if !g.cjk {
		return []string{string(g.runes)}
	}
	out := g.bigrams()
	if len(g.runes) > 1 {
		out = append(out, string(g.runes[len(g.runes)-1]))
	}
	return out
}

// searchText is what goes into the FTS table for r: segments(…).tokens()
// of every field, written straight into one buffer (an import builds it for
// every row; the slices of runes and strings cost more than the text).
//
// A text standing in two fields is written once: a returned ledger's
// progress is also that unit's report (办理进展 = the report's 完成情况),
// and indexing it twice doubled the search index's work for every row.
func searchText(r model.Record) string {
	var b strings.Builder
	fields := searchFields(r)
	for i, f := range fields {
		if f == "" || slices.Contains(fields[:i], f) {
			continue
		}
		writeTokens(&b, model.Fold(f))
	}
	return b.String()
}

// writeTokens appends the tokens of s as segments and tokens make them,
// each followed by a space.
func writeTokens(b *strings.Builder, s string) {
	var prev rune // the previous CJK character of the current run, or -1
	prev = -1
	inWord := false
	endRun := func() {
		if prev >= 0 {
			b.WriteRune(prev) // a run's last character alone
			b.WriteByte(' ')
			prev = -1
		}
	}
	for _, r := range s {
		switch {
		case isCJK(r):
			if inWord {
				b.WriteByte(' ')
				inWord = false
			}
			if prev >= 0 {
				b.WriteRune(prev)
				b.WriteRune(r)
				b.WriteByte(' ')
			}
			prev = r
		case isWordRune(r):
			endRun()
			b.WriteRune(unicode.ToLower(r))
			inWord = true
		default:
			endRun()
			if inWord {
				b.WriteByte(' ')
				inWord = false
			}
		}
	}
	endRun()
	if inWord {
		b.WriteByte(' ')
	}
}

// indexSearch replaces the record's search text (searchText; none for
// tombstones).
func (t *Tx) indexSearch(ctx context.Context, seq int64, existed bool, text string, deleted bool) error {
	if existed {
		if _, err := t.exec(ctx, "DELETE FROM search WHERE rowid = ?", seq); err != nil {
			return err
		}
	}
	if deleted || text == "" {
		return nil
	}
	_, err := t.exec(ctx, "INSERT INTO search (rowid, text) VALUES (?, ?)", seq, text)
	return err
}

// textFilter turns a query text into an FTS match expression and SQL
// conditions on records (alias r): every whitespace-separated term must
// occur. Each term becomes FTS parts: a phrase of bigrams per CJK run of 2+,
// a prefix query per single CJK character or Latin word. A term of several
// runs ("15号"), whose adjacency the AND of parts loses, or of symbols only,
// is also checked with LIKE on the body, after the FTS part narrowed it.
func textFilter(text string) (match string, conds []string, args []any) {
	var parts []string
	for _, term := range strings.Fields(model.Fold(text)) {
		segs := segments(term)
		verify := len(segs) != 1 // none (only symbols) or several runs
		for _, g := range segs {
			if g.cjk && len(g.runes) > 1 {
				parts = append(parts, `"`+strings.Join(g.bigrams(), " ")+`"`)
			} else {
				parts = append(parts, `"`+string(g.runes)+`"*`)
			}
		}
		if verify && !strings.ContainsAny(term, `"\`) {
			conds = append(conds, `r.body LIKE ? ESCAPE '\'`)
			args = append(args, "%"+escapeLike(term)+"%")
		}
	}
	return strings.Join(parts, " AND "), conds, args
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
