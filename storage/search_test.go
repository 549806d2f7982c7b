package storage

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// searchIDs runs the search with both plans (from the matches, and
// through the records' index with the matches probed) and checks they agree.
func searchIDs(t *testing.T, s *Store, kind model.Kind, text string) []string {
	t.Helper()
	ctx := context.Background()
	q := Query{Kind: kind, Text: text}
	ids, err := s.IDs(ctx, q)
	require.NoError(t, err)
	n, err := s.Count(ctx, q)
	require.NoError(t, err)
	assert.Equal(t, len(ids), n)

	s.drivenMax = 0
	defer func() { s.drivenMax = drivenMax }()
	probed, err := s.IDs(ctx, q)
	require.NoError(t, err)
	assert.Equal(t, ids, probed, "both plans find the same records")
	for off := 0; off < len(ids); off += 2 {
		// a page: probed one record at a time when nearly all match
		page, err := s.IDs(ctx, Query{Kind: kind, Text: text, Limit: 2, Offset: off})
		require.NoError(t, err)
		assert.Equal(t, ids[off:min(off+2, len(ids))], page, "page at %d", off)
	}
	n, err = s.Count(ctx, q)
	require.NoError(t, err)
	assert.Equal(t, len(ids), n)
	return ids
}

func TestSearchFindsChineseSubstringsAndLatinWords(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	a := sampleTask("督〔2019〕15号", "老旧小区改造")
	a.Progress = "已完成整改落实，WiFi 覆盖率达到95%"
	b := sampleTask("督〔2019〕16号", "农村饮水安全工程")
	b.Content = "解决山区群众饮水难问题"
	b.Units = []model.UnitRole{{Name: "市水利局", Role: model.RoleLead}}
	gone := sampleTask("督〔2019〕17号", "整改问题清单")
	require.NoError(t, s.Save(ctx, a, "t"))
	require.NoError(t, s.Save(ctx, b, "t"))
	require.NoError(t, s.Save(ctx, gone, "t"))
	require.NoError(t, s.Delete(ctx, gone.ID, "t"))
	visit := &model.Visit{Number: "ZF-001", Place: "红旗村", Findings: "村道破损严重，需整改"}
	require.NoError(t, s.Save(ctx, visit, "t"))

	assert.Equal(t, []string{a.ID}, searchIDs(t, s, model.KindTask, "整改"), "2 characters, not the tombstone")
	assert.Equal(t, []string{a.ID}, searchIDs(t, s, model.KindTask, "整改落实"), "4 characters")
	assert.Equal(t, []string{b.ID}, searchIDs(t, s, model.KindTask, "饮水难"), "inside the content")
	assert.Equal(t, []string{b.ID}, searchIDs(t, s, model.KindTask, "水利"), "unit names")
	assert.Empty(t, searchIDs(t, s, model.KindTask, "改整"), "characters out of order")
	assert.Empty(t, searchIDs(t, s, model.KindTask, "整改饮水"), "not across records")
	assert.Equal(t, []string{a.ID}, searchIDs(t, s, model.KindTask, "wifi"), "Latin words, any case")
	assert.Equal(t, []string{a.ID}, searchIDs(t, s, model.KindTask, "ＷＩＦＩ"), "full-width typed")
	assert.Equal(t, []string{a.ID}, searchIDs(t, s, model.KindTask, "15号"), "number with a lone character")
	assert.ElementsMatch(t, []string{a.ID, b.ID}, searchIDs(t, s, model.KindTask, "2019"))
	assert.Equal(t, []string{b.ID}, searchIDs(t, s, model.KindTask, "饮"), "one character")
	assert.Equal(t, []string{b.ID}, searchIDs(t, s, model.KindTask, "程"), "one character, last of its run")
	assert.Equal(t, []string{a.ID}, searchIDs(t, s, model.KindTask, "号 已完成"), "a lone character as one of the terms")
	assert.Equal(t, []string{a.ID}, searchIDs(t, s, model.KindTask, "老旧 95"), "every term must occur")
	assert.Equal(t, []string{visit.ID}, searchIDs(t, s, model.KindVisit, "整改"), "visit findings")
	assert.ElementsMatch(t, []string{a.ID, visit.ID}, searchIDs(t, s, "", "整改"), "all kinds")

	// the index follows edits
	a.Progress = "正在推进"
	require.NoError(t, s.Save(ctx, a, "t"))
	assert.Empty(t, searchIDs(t, s, model.KindTask, "整改"))
	assert.Equal(t, []string{a.ID}, searchIDs(t, s, model.KindTask, "推进"))
	n, err := s.Count(ctx, Query{Kind: model.KindTask, Text: "推进"})
	require.NoError(t, err)
	assert.Equal(t, 1, n)

	// a restored tombstone is searchable again
	g, err := s.Get(ctx, gone.ID)
	require.NoError(t, err)
	g.RecordMeta().Deleted = false
	require.NoError(t, s.Save(ctx, g, "t"))
	assert.Equal(t, []string{gone.ID}, searchIDs(t, s, model.KindTask, "问题清单"))
}

func TestSearchTextTokens(t *testing.T) {
	got := searchText(&model.Holiday{Name: "国庆节 Golden-Week 2019"})
	assert.Equal(t, "国庆 庆节 ", got.pairs)
	assert.Equal(t, "国 庆 节 "+wordMark+"2019 "+wordMark+"golden "+wordMark+"week ", got.chars)
	got = searchText(&model.Holiday{Name: "春"})
	assert.Equal(t, indexText{chars: "春 "}, got)
	got = searchText(&model.Holiday{Name: "市市场 market 市 MARKET"})
	assert.Equal(t, "市市 市场 ", got.pairs)
	assert.Equal(t, "市 场 "+wordMark+"market ", got.chars, "each character and word once")
}

// The index text written in one pass is what the query side's segments
// give: the bigrams of each CJK run of 2+, each CJK character, each word.
func TestSearchTextIsTheSegmentsTokens(t *testing.T) {
	for _, s := range []string{"", "整", "整改", "老旧小区改造", "15号楼Ab 整改", "ABC", "市 住建局", "a整b改c", "，。整改，", "Ünï 路"} {
		var pairs strings.Builder
		var chars []rune
		var words []string
		for _, g := range segments(s) {
			switch {
			case g.cjk && len(g.runes) > 1:
				for _, tok := range g.bigrams() {
					pairs.WriteString(tok + " ")
				}
				chars = append(chars, g.runes...)
			case g.cjk:
				chars = append(chars, g.runes...)
			default:
				words = append(words, string(g.runes))
			}
		}
		var got strings.Builder
		gotChars, gotWords := writePairs(&got, s, nil, nil)
		assert.Equal(t, pairs.String(), got.String(), "%q", s)
		assert.Equal(t, chars, gotChars, "%q", s)
		assert.Equal(t, words, gotWords, "%q", s)
	}
}

// A search count is the number of rows the list shows, whatever other
// kinds match the same words, and it follows every change.
func TestSearchCountFollowsChanges(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	var tasks []*model.Task
	for i, title := range []string{"老旧小区整改", "河道整改", "整治扬尘"} {
		task := newTask(fmt.Sprintf("督〔2019〕%d号", i+1), title, "")
		require.NoError(t, s.Save(ctx, task, "张三"))
		tasks = append(tasks, task)
	}
	u := &model.Unit{Name: "整改办公室"}
	require.NoError(t, s.Save(ctx, u, "张三"))

	count := func(text string) int {
		q := Query{Kind: model.KindTask, Text: text}
		n, err := s.Count(ctx, q)
		require.NoError(t, err)
		ids, err := s.IDs(ctx, q)
		require.NoError(t, err)
		assert.Len(t, ids, n, "count of %q is what the list shows", text)
		return n
	}
	assert.Equal(t, 2, count("整改"))
	assert.Equal(t, 3, count("整"))
	assert.Equal(t, 1, count("扬尘"))

	tasks[1].Title = "河道清淤"
	require.NoError(t, s.Save(ctx, tasks[1], "张三"))
	assert.Equal(t, 1, count("整改"), "an edit that drops the word")
	require.NoError(t, s.Delete(ctx, tasks[0].ID, "张三"))
	assert.Equal(t, 0, count("整改"), "a deleted record")
	assert.Equal(t, 1, count("整"))
}

// A returned ledger's progress is also its unit's report: the text is
// indexed once, and both it and another report's text are found.
func TestRepeatedTextIsIndexedOnce(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	task := newTask("督〔2026〕3号", "背街小巷整治", "已完成管网改造")
	task.Reports = []model.Report{{ID: "r1", Unit: "市住建局", Done: "已完成管网改造"},
		{ID: "r2", Unit: "市水务局", Done: "正在铺设雨污分流管道"}}
	require.NoError(t, s.Save(ctx, task, "test"))
	text := searchText(task)
	assert.Equal(t, 1, strings.Count(text.pairs, "管网 "), "the repeated text once: %s", text.pairs)
	for _, term := range []string{"管网改造", "雨污分流", "背街"} {
		ids, err := s.IDs(ctx, Query{Kind: model.KindTask, Text: term})
		require.NoError(t, err)
		assert.Equal(t, []string{task.ID}, ids, term)
	}
}

// A term nearly every record holds (市 in a city's ledger) is paged by
// probing each record in order: the same records, in the same order.
func TestADenseTermPagesAsAnyOther(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	var want []string
	for i := 1; i <= 9; i++ {
		task := sampleTask(fmt.Sprintf("督〔2026〕%d号", i), fmt.Sprintf("市区道路整治第%d批", i))
		require.NoError(t, s.Save(ctx, task, "t"))
		want = append([]string{task.ID}, want...) // newest first
	}
	other := sampleTask("督〔2026〕9号", "乡村公路养护")
	require.NoError(t, s.Save(ctx, other, "t"))
	assert.Len(t, searchIDs(t, s, model.KindTask, "道路"), 9)
	s.drivenMax = 0
	defer func() { s.drivenMax = drivenMax }()
	assert.True(t, s.denseMatch(ctx, Query{Kind: model.KindTask, Text: "道路"}), "nine of ten")
	assert.False(t, s.denseMatch(ctx, Query{Kind: model.KindTask, Text: "公路"}), "one of ten")
	var got []string
	for off := 0; off < 9; off += 2 {
		page, err := s.IDs(ctx, Query{Kind: model.KindTask, Text: "道路", Limit: 2, Offset: off})
		require.NoError(t, err)
		got = append(got, page...)
	}
	assert.Equal(t, want, got)
}

// What a user types into the search box, term by term, finds the same
// records whichever table answers it (schema 9: bigrams in search, each
// character and word once in search_chars), and the count agrees.
func TestSearchAsUsersType(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	a := newTask("督〔2026〕15号", "老旧小区WiFi覆盖", "已完成85%")
	a.Units = []model.UnitRole{{Name: "市住建局", Role: model.RoleLead}, {Name: "市水利局", Role: model.RoleCooperating}}
	b := newTask("督〔2026〕27号", "河道清淤", "正在推进")
	b.Remarks = "𠀀𠀁工程" // characters outside the Basic Multilingual Plane
	c := newTask("督〔2026〕9号", "住房保障", "wireless 网络")
	c.Units = []model.UnitRole{{Name: "市交通运输局", Role: model.RoleLead}}
	for _, task := range []*model.Task{a, b, c} {
		require.NoError(t, s.Save(ctx, task, "t"))
	}
	for _, tc := range []struct {
		text string
		want []string
		why  string
	}{
		{"住", []string{a.ID, c.ID}, "one character inside a run"},
		{"局", []string{a.ID, c.ID}, "one character at the end of a run"},
		{"会", []string{b.ID}, "the last character of a unit name (b's is newTask's 市发展和改革委员会)"},
		{"号", []string{a.ID, b.ID, c.ID}, "one character standing alone between digits"},
		{"住建", []string{a.ID}, "two characters of a unit name"},
		{"市住建局", []string{a.ID}, "a whole unit name"},
		{"建局市", nil, "not across two unit names"},
		{"利局", []string{a.ID}, "the second unit"},
		{"wifi", []string{a.ID}, "a Latin word inside Chinese text"},
		{"Wi", []string{a.ID, c.ID}, "a word's beginning, any case"},
		{"w", []string{a.ID, c.ID}, "one letter"},
		{"ｗ", []string{a.ID, c.ID}, "one full-width letter"},
		{"1", []string{a.ID}, "one digit begins a number (15)"},
		{"5", nil, "a digit inside a number is not a word's beginning"},
		{"2026", []string{a.ID, b.ID, c.ID}, "a number"},
		{"WiFi覆盖", []string{a.ID}, "mixed Latin and Chinese in one term"},
		{"小区 wifi", []string{a.ID}, "a Chinese and a Latin term"},
		{"老旧 市", []string{a.ID}, "two characters and one as two terms"},
		{"推进 委", []string{b.ID}, "bigram and character tables both asked"},
		{"推进 局", nil, "every term must occur"},
		{"网络 w", []string{c.ID}, "a phrase and a letter"},
		{"𠀀", []string{b.ID}, "a character outside the BMP"},
		{"𠀁工", []string{b.ID}, "a phrase with one"},
		{"𠀁𠀀", nil, "out of order"},
		{"85%", []string{a.ID}, "a number with a symbol"},
	} {
		got := searchIDs(t, s, model.KindTask, tc.text)
		assert.ElementsMatch(t, tc.want, got, "%q: %s", tc.text, tc.why)
	}
}

// A database from schema 8 (one table, bigrams with a one-character
// prefix index) is searchable as before once it is opened: the migration
// writes the new tables from the records.
func TestMigrationToSchema9RebuildsTheSearchIndex(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(dir)
	require.NoError(t, err)
	task := newTask("督〔2026〕3号", "背街小巷整治", "已完成管网改造 WiFi")
	require.NoError(t, s.Save(ctx, task, "t"))
	gone := newTask("督〔2026〕4号", "背街小巷照明", "")
	require.NoError(t, s.Save(ctx, gone, "t"))
	require.NoError(t, s.Delete(ctx, gone.ID, "t"))
	for _, q := range []string{"DROP TABLE search", "DROP TABLE search_chars",
		"CREATE VIRTUAL TABLE search USING fts5(text, content='', contentless_delete=1, tokenize='ascii', prefix='1')",
		"INSERT INTO search (rowid, text) SELECT seq, '背街 街小 小巷 巷整 整治 治 ' FROM records WHERE id = '" + task.ID + "'"} {
		_, err := s.wr.ExecContext(ctx, q)
		require.NoError(t, err, q)
	}
	asSchema(t, s.wr, 8)
	require.NoError(t, s.Close())

	s, err = Open(dir)
	require.NoError(t, err)
	defer s.Close()
	var v int
	require.NoError(t, s.rd.QueryRow("PRAGMA user_version").Scan(&v))
	assert.Equal(t, SchemaVersion(), v)
	for _, text := range []string{"背街小巷", "管网", "管", "wifi", "w"} {
		assert.Equal(t, []string{task.ID}, searchIDs(t, s, model.KindTask, text), "%q after the migration", text)
	}
}

// isCJK's quick ranges say what the Unicode tables say, for every rune.
func TestIsCJKIsTheUnicodeTables(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isCJK(r) != unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			t.Fatalf("isCJK(%U) = %v", r, isCJK(r))
		}
	}
}
