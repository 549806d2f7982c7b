package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Sentence is one part of the text draft of a period's summary: its text,
// ready to paste, and the JSON paths (as `report summary --json` prints
// them, e.g. "tasks.done") of every figure it quotes, so a reader can
// trace each number back to its definition.
type Sentence struct {
	Section string   `json:"section"` // tasks, timeliness, meetings, proposals, feedback, classes, field, liaison, village, empty
	Text    string   `json:"text"`
	Figures []string `json:"figures"`
}

// Draft writes the period's summary in the office's own style (lang "en"
// for English, anything else Chinese): one sentence per section with
// figures, sections with nothing to report left out. The sentences run on
// as one paragraph: the first opens with the period's name, Chinese ones
// are joined by "；" and the last ends with "。" (DraftText joins them).
// A summary with nothing in it gives a single sentence saying so.
func Draft(s Summary, lang string) []Sentence {
	w := drafter{en: lang == "en"}
	out := slices.DeleteFunc([]Sentence{
		w.tasks(s.Tasks), w.timeliness(s.Tasks), w.meetings(s.Meetings),
		w.proposals(s.Proposals), w.feedback(s.Proposals), w.classes(s.Proposals),
		w.field(s.Field), w.liaison(s.Liaison), w.village(s.Village),
	}, func(x Sentence) bool { return x.Text == "" })
	period := PeriodName(s.From, s.To, lang)
	if len(out) == 0 {
		if w.en {
			return []Sentence{{Section: "empty", Text: "No records fall in " + period + "."}}
		}
		return []Sentence{{Section: "empty", Text: period + "，暂无可统计的记录。"}}
	}
	for i := range out {
		switch {
		case w.en:
			out[i].Text = UpperFirst(out[i].Text) + "."
		case i == len(out)-1:
			out[i].Text += "。"
		default:
			out[i].Text += "；"
		}
	}
	if w.en {
		out[0].Text = "In " + period + ", " + lowerFirst(out[0].Text)
	} else {
		out[0].Text = period + "，" + out[0].Text
	}
	return out
}

// DraftText joins the sentences into the paragraph staff paste.
func DraftText(ss []Sentence, lang string) string {
	parts := make([]string, len(ss))
	for i, x := range ss {
		parts[i] = x.Text
	}
	if lang == "en" {
		return strings.Join(parts, " ")
	}
	return strings.Join(parts, "")
}

// PeriodName names a period the way a summary does: 2019年上半年, 2019年
// 第二季度, 2019年6月, 2019年全年, 2019年4月至9月, else the two days
// (2019年1月1日至6月15日); in English "the first half of 2019", "Q2 2019",
// "June 2019"…
func PeriodName(from, to Date, lang string) string {
	en := lang == "en"
	wholeMonths := from.D == 1 && to == to.MonthEnd() && !to.Before(from)
	switch {
	case from.IsZero() || to.IsZero():
		if en {
			return "the period"
		}
		return "本期"
	case wholeMonths && from.Y == to.Y:
		return monthsName(from.Y, int(from.M), int(to.M), en)
	case wholeMonths:
		if en {
			return fmt.Sprintf("%s %d to %s %d", from.M, from.Y, to.M, to.Y)
		}
		return fmt.Sprintf("%d年%d月至%d年%d月", from.Y, from.M, to.Y, to.M)
	case from == to:
		if en {
			return fmt.Sprintf("%d %s %d", from.D, from.M, from.Y)
		}
		return fmt.Sprintf("%d年%d月%d日", from.Y, from.M, from.D)
	case en && from.Y == to.Y:
		return fmt.Sprintf("%d %s to %d %s %d", from.D, from.M, to.D, to.M, to.Y)
	case en:
		return fmt.Sprintf("%d %s %d to %d %s %d", from.D, from.M, from.Y, to.D, to.M, to.Y)
	case from.Y == to.Y:
		return fmt.Sprintf("%d年%d月%d日至%d月%d日", from.Y, from.M, from.D, to.M, to.D)
	}
	return fmt.Sprintf("%d年%d月%d日至%d年%d月%d日", from.Y, from.M, from.D, to.Y, to.M, to.D)
}

// monthsName names whole months m1..m2 of one year.
func monthsName(y, m1, m2 int, en bool) string {
	quarters := []string{"一", "二", "三", "四"}
	switch {
	case m1 == 1 && m2 == 12:
		if en {
			return fmt.Sprintf("the year %d", y)
		}
		return fmt.Sprintf("%d年全年", y)
	case m1 == 1 && m2 == 6, m1 == 7 && m2 == 12:
		half, h := "上", "first"
		if m1 == 7 {
			half, h = "下", "second"
		}
		if en {
			return fmt.Sprintf("the %s half of %d", h, y)
		}
		return fmt.Sprintf("%d年%s半年", y, half)
	case m2 == m1+2 && (m1-1)%3 == 0:
		if en {
			return fmt.Sprintf("Q%d %d", (m1+2)/3, y)
		}
		return fmt.Sprintf("%d年第%s季度", y, quarters[(m1-1)/3])
	case m1 == m2:
		if en {
			return fmt.Sprintf("%s %d", time.Month(m1), y)
		}
		return fmt.Sprintf("%d年%d月", y, m1)
	}
	if en {
		return fmt.Sprintf("%s to %s %d", time.Month(m1), time.Month(m2), y)
	}
	return fmt.Sprintf("%d年%d月至%d月", y, m1, m2)
}

// drafter builds the sentences of one language. Each method returns a
// Sentence with empty Text when its section has nothing to say.
type drafter struct{ en bool }

// clause accumulates text and the figures it quotes.
type clause struct {
	b       strings.Builder
	figures []string
}

func (c *clause) add(text string, figures ...string) {
	c.b.WriteString(text)
	for _, f := range figures {
		if !slices.Contains(c.figures, f) {
			c.figures = append(c.figures, f)
		}
	}
}

func (c *clause) sentence(section string) Sentence {
	return Sentence{Section: section, Text: c.b.String(), Figures: c.figures}
}

func (w drafter) n(v int) string {
	if w.en {
		return groupDigits(strconv.Itoa(v))
	}
	return strconv.Itoa(v)
}

// Percent formats a rate (a fraction) as a percentage with one decimal:
// 0.6667 → "66.7%". A nil rate has no percentage: "" (callers word it).
func Percent(r *float64) string {
	if r == nil {
		return ""
	}
	return strconv.FormatFloat(*r*100, 'f', 1, 64) + "%"
}

func (w drafter) tasks(f TaskFigures) Sentence {
	var c clause
	if f.Tracked == 0 {
		return Sentence{}
	}
	done := Percent(rate(f.Done, f.Tracked))
	if w.en {
		c.add(w.n(f.Tracked)+" supervised items were tracked", "tasks.tracked")
		if f.Assigned > 0 {
			c.add(" ("+w.n(f.Assigned)+" newly assigned)", "tasks.assigned")
		}
		c.add("; "+w.n(f.Done)+" were done, a completion rate of "+done, "tasks.done", "tasks.tracked")
		if f.Closed > 0 {
			c.add(", and "+w.n(f.Closed)+" closed", "tasks.closed")
		}
		return c.sentence("tasks")
	}
	c.add("共跟踪督办事项"+w.n(f.Tracked)+"项", "tasks.tracked")
	if f.Assigned > 0 {
		c.add("，其中本期新交办"+w.n(f.Assigned)+"项", "tasks.assigned")
	}
	c.add("；已办结"+w.n(f.Done)+"项、办结率"+done, "tasks.done", "tasks.tracked")
	if f.Closed > 0 {
		c.add("，已销号"+w.n(f.Closed)+"项", "tasks.closed")
	}
	return c.sentence("tasks")
}

func (w drafter) timeliness(f TaskFigures) Sentence {
	var c clause
	if f.Tracked == 0 {
		return Sentence{}
	}
	switch {
	case w.en && f.OnTimeRate == nil:
		c.add("no item had fallen due, so there is no on-time completion rate yet", "tasks.on_time_rate")
	case w.en:
		c.add("the on-time completion rate was "+Percent(f.OnTimeRate), "tasks.on_time_rate")
	case f.OnTimeRate == nil:
		c.add("暂无到期事项，按期办结率暂无", "tasks.on_time_rate")
	default:
		c.add("按期办结率"+Percent(f.OnTimeRate), "tasks.on_time_rate")
	}
	switch {
	case w.en && f.Overdue == 0:
		c.add("; no item is overdue", "tasks.overdue")
	case w.en:
		c.add("; "+w.n(f.Overdue)+" "+plural(f.Overdue, "item is", "items are")+" overdue", "tasks.overdue")
	case f.Overdue == 0:
		c.add("，无逾期事项", "tasks.overdue")
	default:
		c.add("，逾期未办结"+w.n(f.Overdue)+"项", "tasks.overdue")
	}
	return c.sentence("timeliness")
}

func (w drafter) meetings(f MeetingFigures) Sentence {
	var c clause
	if f.Count == 0 {
		return Sentence{}
	}
	if w.en {
		c.add(w.n(f.Count)+" executive "+plural(f.Count, "meeting was", "meetings were")+" held", "meetings.count")
		if f.Topics > 0 {
			c.add(" on "+w.n(f.Topics)+" agenda "+plural(f.Topics, "topic", "topics"), "meetings.topics")
		}
		return c.sentence("meetings")
	}
	c.add("召开常务会议"+w.n(f.Count)+"次", "meetings.count")
	if f.Topics > 0 {
		c.add("、研究议题"+w.n(f.Topics)+"个", "meetings.topics")
	}
	return c.sentence("meetings")
}

func (w drafter) proposals(f ProposalFigures) Sentence {
	var c clause
	if f.Total == 0 {
		return Sentence{}
	}
	both := f.NPC > 0 && f.CPPCC > 0
	if w.en {
		c.add(w.n(f.Total)+" deputies' suggestions and members' proposals were received", "proposals.total")
		if both {
			c.add(" ("+w.n(f.NPC)+" NPC, "+w.n(f.CPPCC)+" CPPCC)", "proposals.npc", "proposals.cppcc")
		}
		c.add("; "+w.n(f.Replied)+" were replied to, a reply rate of "+Percent(f.ReplyRate),
			"proposals.replied", "proposals.reply_rate")
		if f.Replied > 0 {
			c.add(", "+w.n(f.OnTimeReplied)+" of them on time", "proposals.on_time_replied")
		}
		return c.sentence("proposals")
	}
	c.add("受理建议提案"+w.n(f.Total)+"件", "proposals.total")
	if both {
		c.add("（人大代表建议"+w.n(f.NPC)+"件、政协委员提案"+w.n(f.CPPCC)+"件）", "proposals.npc", "proposals.cppcc")
	}
	c.add("，已办复"+w.n(f.Replied)+"件、办复率"+Percent(f.ReplyRate), "proposals.replied", "proposals.reply_rate")
	if f.Replied > 0 {
		c.add("，其中按期办复"+w.n(f.OnTimeReplied)+"件", "proposals.on_time_replied")
	}
	return c.sentence("proposals")
}

func (w drafter) feedback(f ProposalFigures) Sentence {
	var c clause
	if f.Total == 0 {
		return Sentence{}
	}
	if w.en {
		c.add("proposers were met in person on "+w.n(f.Met)+plural(f.Met, " proposal", " proposals")+", a meeting rate of "+Percent(f.MeetingRate),
			"proposals.met", "proposals.meeting_rate")
		if f.Evaluated == 0 {
			c.add("; no evaluation has come back yet, so there is no satisfaction rate", "proposals.evaluated", "proposals.satisfaction_rate")
			return c.sentence("feedback")
		}
		c.add("; of "+w.n(f.Evaluated)+" evaluated, "+w.n(f.Satisfied)+" satisfied, "+
			w.n(f.BasicallySatisfied)+" basically satisfied and "+w.n(f.Unsatisfied)+
			" unsatisfied, a satisfaction rate of "+Percent(f.SatisfactionRate),
			"proposals.evaluated", "proposals.satisfied", "proposals.basically_satisfied",
			"proposals.unsatisfied", "proposals.satisfaction_rate")
		return c.sentence("feedback")
	}
	c.add("与提案人面商"+w.n(f.Met)+"件、见面率"+Percent(f.MeetingRate), "proposals.met", "proposals.meeting_rate")
	if f.Evaluated == 0 {
		c.add("，尚无评价结果返回，满意率暂无", "proposals.evaluated", "proposals.satisfaction_rate")
		return c.sentence("feedback")
	}
	c.add("，收到评价"+w.n(f.Evaluated)+"件，其中满意"+w.n(f.Satisfied)+"件、基本满意"+
		w.n(f.BasicallySatisfied)+"件、不满意"+w.n(f.Unsatisfied)+"件，满意率"+Percent(f.SatisfactionRate),
		"proposals.evaluated", "proposals.satisfied", "proposals.basically_satisfied",
		"proposals.unsatisfied", "proposals.satisfaction_rate")
	return c.sentence("feedback")
}

func (w drafter) classes(f ProposalFigures) Sentence {
	var c clause
	var keys []string
	for k, v := range f.ByClass {
		if v > 0 {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return Sentence{}
	}
	// A–D in order, then any local scheme's classes.
	slices.SortFunc(keys, func(a, b string) int {
		if ab, bb := len(a) == 1 && a >= "A" && a <= "D", len(b) == 1 && b >= "A" && b <= "D"; ab != bb {
			if ab {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, len(keys))
	paths := make([]string, len(keys))
	for i, k := range keys {
		paths[i] = "proposals.by_class." + k
		n := f.ByClass[k]
		switch {
		case w.en && i == 0:
			parts[i] = w.n(n) + plural(n, " was", " were") + " class " + k
		case w.en:
			parts[i] = w.n(n) + " class " + k
		default:
			parts[i] = k + "类" + w.n(n) + "件"
		}
	}
	if w.en {
		c.add("of the replies, "+joinEnglish(parts), paths...)
	} else {
		c.add("办复结果为"+strings.Join(parts, "、"), paths...)
	}
	return c.sentence("classes")
}

func (w drafter) field(f FieldFigures) Sentence {
	var c clause
	if f.Visits == 0 && f.ProblemsSolved == 0 {
		return Sentence{}
	}
	if w.en {
		if f.Visits > 0 {
			c.add("leaders made "+w.n(f.Visits)+" research "+plural(f.Visits, "visit", "visits")+
				" over "+w.n(f.Days)+" leader-"+plural(f.Days, "day", "days"), "field.visits", "field.days")
			if f.Units > 0 {
				c.add(", contacting "+w.n(f.Units)+" grassroots "+plural(f.Units, "unit", "units")+" "+
					w.times(f.UnitContacts), "field.units", "field.unit_contacts")
			}
			if f.ProblemsRaised > 0 {
				c.add(" and raising "+w.n(f.ProblemsRaised)+plural(f.ProblemsRaised, " problem", " problems"), "field.problems_raised")
			}
			c.add("; ", nil...)
		}
		c.add(w.n(f.ProblemsSolved)+plural(f.ProblemsSolved, " problem", " problems")+
			" found on research visits were coordinated and solved", "field.problems_solved")
		return c.sentence("field")
	}
	if f.Visits > 0 {
		c.add("到基层调研"+w.n(f.Visits)+"次、"+w.n(f.Days)+"天", "field.visits", "field.days")
		if f.Units > 0 {
			c.add("，联系基层单位"+w.n(f.Units)+"个、"+w.n(f.UnitContacts)+"次", "field.units", "field.unit_contacts")
		}
		if f.ProblemsRaised > 0 {
			c.add("，发现问题"+w.n(f.ProblemsRaised)+"个", "field.problems_raised")
		}
		c.add("，", nil...)
	}
	c.add("协调解决调研发现问题"+w.n(f.ProblemsSolved)+"个", "field.problems_solved")
	return c.sentence("field")
}

func (w drafter) liaison(f LiaisonFigures) Sentence {
	var c clause
	if f.Points == 0 {
		return Sentence{}
	}
	if w.en {
		c.add("the "+w.n(f.Points)+" grassroots liaison "+plural(f.Points, "point was", "points were")+
			" visited "+w.times(f.Visits), "liaison.points", "liaison.visits")
		if f.MissedMonths > 0 {
			c.add(" ("+w.n(f.MissedMonths)+" monthly "+plural(f.MissedMonths, "visit", "visits")+" missed)", "liaison.missed_months")
		}
		if f.ProblemsSolved > 0 {
			c.add(", solving "+w.n(f.ProblemsSolved)+plural(f.ProblemsSolved, " problem", " problems"), "liaison.problems_solved")
		}
		return c.sentence("liaison")
	}
	c.add(w.n(f.Points)+"个基层联系点共走访"+w.n(f.Visits)+"次", "liaison.points", "liaison.visits")
	if f.MissedMonths > 0 {
		c.add("（"+w.n(f.MissedMonths)+"个点次未按月走访）", "liaison.missed_months")
	}
	if f.ProblemsSolved > 0 {
		c.add("，解决问题"+w.n(f.ProblemsSolved)+"个", "liaison.problems_solved")
	}
	return c.sentence("liaison")
}

// fundSourceEn are the English names of the fund sources.
var fundSourceEn = map[string]string{
	"fiscal": "fiscal special funds", "integrated": "integrated departmental funds",
	"assisting_unit": "the assisting unit", "donation": "donations",
	"self_raised": "villagers' own money", "coordinated": "funds coordinated from elsewhere",
	"other": "other sources",
}

func (w drafter) village(f VillageFigures) Sentence {
	var c clause
	if f.Visits == 0 && f.FundsFen == 0 && f.Projects == 0 && f.ProjectsDone == 0 {
		return Sentence{}
	}
	var parts []string
	if w.en {
		if f.Visits > 0 {
			parts = append(parts, "the assisted village was visited "+w.times(f.Visits))
			c.add("", "village.visits")
		}
		if f.FundsFen != 0 {
			text := FormatMoney(f.FundsFen, "en") + " was coordinated for it"
			c.add("", "village.funds_fen")
			if src := w.sources(f, &c); len(src) > 1 {
				text += " (" + strings.Join(src, ", ") + ")"
			}
			parts = append(parts, text)
		}
		if f.Projects > 0 {
			parts = append(parts, w.n(f.Projects)+plural(f.Projects, " project was", " projects were")+" started")
			c.add("", "village.projects")
		}
		if f.ProjectsDone > 0 {
			parts = append(parts, w.n(f.ProjectsDone)+plural(f.ProjectsDone, " project was", " projects were")+" finished")
			c.add("", "village.projects_done")
		}
		c.b.WriteString(strings.Join(parts, "; "))
		return c.sentence("village")
	}
	if f.Visits > 0 {
		parts = append(parts, "走访帮扶村"+w.n(f.Visits)+"次")
		c.add("", "village.visits")
	}
	if f.FundsFen != 0 {
		text := "为帮扶村协调资金" + FormatMoney(f.FundsFen, "zh")
		c.add("", "village.funds_fen")
		if src := w.sources(f, &c); len(src) > 1 {
			text += "（" + strings.Join(src, "、") + "）"
		}
		parts = append(parts, text)
	}
	var proj []string
	if f.Projects > 0 {
		proj = append(proj, "新开工帮扶项目"+w.n(f.Projects)+"个")
		c.add("", "village.projects")
	}
	if f.ProjectsDone > 0 {
		proj = append(proj, "建成"+w.n(f.ProjectsDone)+"个")
		c.add("", "village.projects_done")
	}
	if len(proj) > 0 {
		parts = append(parts, strings.Join(proj, "、"))
	}
	c.b.WriteString(strings.Join(parts, "，"))
	return c.sentence("village")
}

// sources names the non-zero fund sources with their amounts (in
// FundSources order), adding their paths to c.
func (w drafter) sources(f VillageFigures, c *clause) []string {
	var out []string
	var paths []string
	for _, s := range FundSources.Values() {
		amount := f.FundsBySource[string(s)]
		if amount == 0 {
			continue
		}
		paths = append(paths, "village.funds_by_source."+string(s))
		if w.en {
			out = append(out, FormatMoney(amount, "en")+" from "+fundSourceEn[string(s)])
		} else {
			out = append(out, FundSources.Zh(s)+FormatMoney(amount, "zh"))
		}
	}
	if len(out) > 1 {
		c.add("", paths...)
	}
	return out
}

// FormatMoney writes an amount the way summaries quote it. Chinese: in
// 万元 with at most two decimals (115万元, 12.35万元), sums under 50 yuan
// in 元; English: exact yuan with thousands separators (1,150,000 yuan).
func FormatMoney(f Fen, lang string) string {
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	if lang == "en" {
		s := groupDigits(strconv.FormatInt(int64(f/100), 10))
		if c := f % 100; c != 0 {
			s += fmt.Sprintf(".%02d", c)
		}
		return sign + s + " yuan"
	}
	hundredths := (f + 5000) / 10000 // 0.01万元 = 100 yuan = 10,000 fen
	if hundredths == 0 {
		return sign + trimZeros(fmt.Sprintf("%d.%02d", f/100, f%100)) + "元"
	}
	return sign + trimZeros(fmt.Sprintf("%d.%02d", hundredths/100, hundredths%100)) + "万元"
}

func trimZeros(s string) string {
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

// groupDigits puts thousands separators into a run of digits.
func groupDigits(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}

// times is "once", "twice" or "N times".
func (w drafter) times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return w.n(n) + " times"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func joinEnglish(parts []string) string {
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// UpperFirst starts a text with a capital (an English period name is
// worded to run on in a sentence: "the year 2026").
func UpperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
