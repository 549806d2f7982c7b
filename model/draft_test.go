package model

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func fp(v float64) *float64 { return &v }

// seedSummary is the seed office's half year (DOMAIN.md) as figures.
func seedSummary(t *testing.T) Summary {
	return Summary{
		From: iso(t, "2019-01-01"), To: iso(t, "2019-06-30"),
		Tasks: TaskFigures{Tracked: 222, Assigned: 145, Done: 180, Closed: 150, Overdue: 7,
			OnTimeRate: fp(0.9), BySource: map[string]int{}},
		Meetings: MeetingFigures{Count: 12, Topics: 58},
		Proposals: ProposalFigures{Total: 1078, NPC: 600, CPPCC: 478, Replied: 1078, ReplyRate: fp(1),
			OnTimeReplied: 1050, Met: 1000, MeetingRate: fp(1000.0 / 1078), Evaluated: 900,
			Satisfied: 850, BasicallySatisfied: 45, Unsatisfied: 5, SatisfactionRate: fp(895.0 / 900),
			ByClass: map[string]int{"A": 700, "B": 300, "C": 78, "D": 0}},
		Field:   FieldFigures{Visits: 389, Days: 238, CalendarDays: 120, Units: 51, UnitContacts: 105, ProblemsRaised: 160, ProblemsSolved: 152},
		Liaison: LiaisonFigures{Points: 15, Visits: 90, MissedMonths: 0, ProblemsSolved: 12},
		Village: VillageFigures{Visits: 6, FundsFen: 115_000_000,
			FundsBySource: map[string]Fen{"fiscal": 80_000_000, "assisting_unit": 35_000_000},
			Projects:      1, ProjectsDone: 1},
	}
}

func sections(ss []Sentence) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Section)
	}
	return out
}

func bySection(t *testing.T, ss []Sentence, section string) Sentence {
	t.Helper()
	for _, s := range ss {
		if s.Section == section {
			return s
		}
	}
	t.Fatalf("no %s sentence in %v", section, sections(ss))
	return Sentence{}
}

func TestDraftChineseSeedHalfYear(t *testing.T) {
	ss := Draft(seedSummary(t), "zh")
	text := DraftText(ss, "zh")
	assert.Equal(t, "2019年上半年，共跟踪督办事项222项，其中本期新交办145项；已办结180项、办结率81.1%，已销号150项；"+
		"按期办结率90.0%，逾期未办结7项；召开常务会议12次、研究议题58个；"+
		"受理建议提案1078件（人大代表建议600件、政协委员提案478件），已办复1078件、办复率100.0%，其中按期办复1050件；"+
		"与提案人面商1000件、见面率92.8%，收到评价900件，其中满意850件、基本满意45件、不满意5件，满意率99.4%；"+
		"办复结果为A类700件、B类300件、C类78件；"+
		"到基层调研389次、238天，联系基层单位51个、105次，发现问题160个，协调解决调研发现问题152个；"+
		"15个基层联系点共走访90次，解决问题12个；"+
		"走访帮扶村6次，为帮扶村协调资金115万元（财政专项资金80万元、帮扶单位投入35万元），新开工帮扶项目1个、建成1个。", text)

	field := bySection(t, ss, "field")
	assert.Equal(t, []string{"field.visits", "field.days", "field.units", "field.unit_contacts",
		"field.problems_raised", "field.problems_solved"}, field.Figures)
	village := bySection(t, ss, "village")
	assert.Equal(t, []string{"village.visits", "village.funds_fen", "village.funds_by_source.fiscal",
		"village.funds_by_source.assisting_unit", "village.projects", "village.projects_done"}, village.Figures)
	assert.Equal(t, []string{"proposals.by_class.A", "proposals.by_class.B", "proposals.by_class.C"},
		bySection(t, ss, "classes").Figures, "class D had none and is not quoted")
}

func TestDraftEnglishSeedHalfYear(t *testing.T) {
	ss := Draft(seedSummary(t), "en")
	require.NotEmpty(t, ss)
	assert.True(t, strings.HasPrefix(ss[0].Text, "In the first half of 2019, 222 supervised items were tracked"), ss[0].Text)
	for _, s := range ss {
		assert.True(t, strings.HasSuffix(s.Text, "."), s.Text)
		assert.NotContains(t, s.Text, "  ")
	}
	text := DraftText(ss, "en")
	for _, want := range []string{
		"a completion rate of 81.1%", "1,078 deputies' suggestions and members' proposals were received (600 NPC, 478 CPPCC)",
		"a reply rate of 100.0%", "Leaders made 389 research visits over 238 leader-days, contacting 51 grassroots units 105 times",
		"152 problems found on research visits were coordinated and solved", "1,150,000 yuan was coordinated for it",
		"800,000 yuan from fiscal special funds", "Of the replies, 700 were class A, 300 class B and 78 class C.",
	} {
		assert.Contains(t, text, want)
	}
}

// Every figure a sentence names is a real path of the summary's JSON, and
// the sentence shows that figure's value, formatted as the draft does.
func TestDraftQuotesTheFiguresItNames(t *testing.T) {
	summaries := map[string]Summary{
		"seed":    seedSummary(t),
		"dataset": Summarize(figuresDataset(t), iso(t, "2019-01-01"), iso(t, "2019-06-30"), DefaultRules()),
	}
	for name, s := range summaries {
		tree := jsonTree(t, s)
		for _, lang := range []string{"zh", "en"} {
			for _, sen := range Draft(s, lang) {
				require.NotEmpty(t, sen.Figures, "%s %s %s", name, lang, sen.Section)
				for _, path := range sen.Figures {
					v := lookupPath(t, tree, path)
					forms := valueForms(path, v, lang)
					found := false
					for _, f := range forms {
						found = found || strings.Contains(sen.Text, f)
					}
					assert.True(t, found, "%s/%s: %q does not show %s = %v (any of %q)", name, lang, sen.Text, path, v, forms)
				}
			}
		}
	}
}

func lookupPath(t *testing.T, tree map[string]any, path string) any {
	t.Helper()
	var cur any = tree
	for _, part := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		require.True(t, ok, "path %s", path)
		cur, ok = m[part]
		require.True(t, ok, "path %s: no %s", path, part)
	}
	return cur
}

// valueForms are the ways a figure's value may be written in the text.
func valueForms(path string, v any, lang string) []string {
	switch {
	case v == nil: // a null rate is worded, never shown as a number
		if lang == "en" {
			return []string{"no on-time completion rate", "no satisfaction rate"}
		}
		return []string{"暂无"}
	case strings.HasSuffix(path, "_rate"):
		f := v.(float64)
		return []string{Percent(&f)}
	case strings.Contains(path, "funds"):
		return []string{FormatMoney(Fen(v.(float64)), lang)}
	}
	n := int(v.(float64))
	forms := []string{strconv.Itoa(n), groupDigits(strconv.Itoa(n))}
	if lang == "en" && n == 1 {
		forms = append(forms, "once")
	}
	if lang == "en" && n == 2 {
		forms = append(forms, "twice")
	}
	return forms
}

func TestDraftWordsNullRates(t *testing.T) {
	s := seedSummary(t)
	s.Tasks.OnTimeRate, s.Tasks.Overdue = nil, 0 // nothing due yet, so nothing overdue
	s.Proposals.Evaluated, s.Proposals.Satisfied, s.Proposals.BasicallySatisfied, s.Proposals.Unsatisfied = 0, 0, 0, 0
	s.Proposals.SatisfactionRate = nil

	zh := Draft(s, "zh")
	timely := bySection(t, zh, "timeliness")
	assert.Contains(t, timely.Text, "按期办结率暂无")
	assert.NotContains(t, timely.Text, "0.0%")
	feedback := bySection(t, zh, "feedback")
	assert.Contains(t, feedback.Text, "尚无评价结果返回，满意率暂无")
	assert.NotContains(t, feedback.Text, "满意率0")

	en := Draft(s, "en")
	assert.Contains(t, bySection(t, en, "timeliness").Text, "no on-time completion rate")
	assert.Contains(t, bySection(t, en, "feedback").Text, "no evaluation has come back yet, so there is no satisfaction rate")
	assert.NotContains(t, DraftText(en, "en"), " 0.0%")
}

func TestDraftOmitsEmptySections(t *testing.T) {
	s := Summary{From: iso(t, "2019-06-01"), To: iso(t, "2019-06-30"),
		Proposals: ProposalFigures{Total: 4, NPC: 4, Replied: 1, ReplyRate: fp(0.25), OnTimeReplied: 1,
			MeetingRate: fp(0), ByClass: map[string]int{"A": 0, "B": 0, "C": 0, "D": 0}},
		Village: VillageFigures{FundsBySource: map[string]Fen{}}}
	for _, lang := range []string{"zh", "en"} {
		ss := Draft(s, lang)
		assert.Equal(t, []string{"proposals", "feedback"}, sections(ss), lang)
		for _, sen := range ss {
			for _, f := range sen.Figures {
				assert.True(t, strings.HasPrefix(f, "proposals."), "%s quotes %s", sen.Section, f)
			}
		}
	}
	zh := DraftText(Draft(s, "zh"), "zh")
	assert.Equal(t, "2019年6月，受理建议提案4件，已办复1件、办复率25.0%，其中按期办复1件；与提案人面商0件、见面率0.0%，尚无评价结果返回，满意率暂无。", zh)
	assert.NotContains(t, zh, "督办")
	assert.NotContains(t, zh, "人大代表建议", "a split into one body only is not worth a bracket")

	empty := Draft(Summary{From: iso(t, "2019-06-01"), To: iso(t, "2019-06-30")}, "zh")
	require.Len(t, empty, 1)
	assert.Equal(t, "2019年6月，暂无可统计的记录。", empty[0].Text)
	assert.Empty(t, empty[0].Figures)
}

func TestDraftFieldWithOnlySolvedProblems(t *testing.T) {
	// Problems raised earlier and solved in this period still get their sentence.
	s := Summary{From: iso(t, "2019-07-01"), To: iso(t, "2019-07-31"), Field: FieldFigures{ProblemsSolved: 3}}
	ss := Draft(s, "zh")
	require.Equal(t, []string{"field"}, sections(ss))
	assert.Equal(t, "2019年7月，协调解决调研发现问题3个。", ss[0].Text)
	assert.Equal(t, []string{"field.problems_solved"}, ss[0].Figures)
}

func TestPeriodName(t *testing.T) {
	cases := []struct{ from, to, zh, en string }{
		{"2019-01-01", "2019-06-30", "2019年上半年", "the first half of 2019"},
		{"2019-07-01", "2019-12-31", "2019年下半年", "the second half of 2019"},
		{"2019-01-01", "2019-12-31", "2019年全年", "the year 2019"},
		{"2019-04-01", "2019-06-30", "2019年第二季度", "Q2 2019"},
		{"2019-10-01", "2019-12-31", "2019年第四季度", "Q4 2019"},
		{"2019-06-01", "2019-06-30", "2019年6月", "June 2019"},
		{"2020-02-01", "2020-02-29", "2020年2月", "February 2020"},
		{"2019-01-01", "2019-09-30", "2019年1月至9月", "January to September 2019"},
		{"2019-02-01", "2019-04-30", "2019年2月至4月", "February to April 2019"},
		{"2018-12-01", "2019-01-31", "2018年12月至2019年1月", "December 2018 to January 2019"},
		{"2019-01-01", "2019-06-15", "2019年1月1日至6月15日", "1 January to 15 June 2019"},
		{"2018-12-15", "2019-01-10", "2018年12月15日至2019年1月10日", "15 December 2018 to 10 January 2019"},
		{"2019-06-03", "2019-06-03", "2019年6月3日", "3 June 2019"},
	}
	for _, c := range cases {
		from, to := iso(t, c.from), iso(t, c.to)
		assert.Equal(t, c.zh, PeriodName(from, to, "zh"), c.from+"…"+c.to)
		assert.Equal(t, c.en, PeriodName(from, to, "en"), c.from+"…"+c.to)
	}
}

func TestFormatMoney(t *testing.T) {
	cases := []struct {
		fen    Fen
		zh, en string
	}{
		{115_000_000, "115万元", "1,150,000 yuan"},
		{123_456_00, "12.35万元", "123,456 yuan"},
		{125_000_00, "12.5万元", "125,000 yuan"},
		{5_000_00, "0.5万元", "5,000 yuan"},
		{30_50, "30.5元", "30.50 yuan"},
		{-2_000_000_00, "-200万元", "-2,000,000 yuan"},
		{0, "0元", "0 yuan"},
	}
	for _, c := range cases {
		assert.Equal(t, c.zh, FormatMoney(c.fen, "zh"), "%d fen", c.fen)
		assert.Equal(t, c.en, FormatMoney(c.fen, "en"), "%d fen", c.fen)
	}
}

func TestPercentOneDecimal(t *testing.T) {
	assert.Equal(t, "66.7%", Percent(fp(2.0/3)))
	assert.Equal(t, "100.0%", Percent(fp(1)))
	assert.Equal(t, "0.0%", Percent(fp(0)))
	assert.Equal(t, "", Percent(nil))
}
