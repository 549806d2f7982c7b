package model

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// ParseError is returned by every ledger parser: the value as typed and what
// was expected, in Chinese (shown to office staff) and English (logs, CLI).
type ParseError struct {
	Value string
	Text
}

// Error is the English text with the value.
func (e *ParseError) Error() string {
	return fmt.Sprintf("%q: %s", e.Value, e.En)
}

// Reason is the explanation alone, in lang (see Lang).
func (e *ParseError) Reason(lang string) string { return e.In(lang) }

func parseErr(value, zh, en string) *ParseError {
	return &ParseError{Value: value, Text: T(zh, en)}
}

// Years a typed date may have. Wider ranges only let typos through
// (2109年 for 2019年); serials from real date cells are not limited this way.
const (
	minTypedYear = 1900
	maxTypedYear = 2199
)

var (
	reTimeSuffix = regexp.MustCompile(`[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$`)
	reYMDSep     = regexp.MustCompile(`^(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})$`)
	reYMDZh      = regexp.MustCompile(`^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$`)
	reYMDCompact = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	reMDZh       = regexp.MustCompile(`^(\d{1,2})月(\d{1,2})[日号]?$`)
	reMDSep      = regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})$`)
	// 25.6.30: a two-digit year with dots, as typed in a hurry (with - or /
	// two digits first are Excel's m/d/yy, reMDY).
	reYYMDDot = regexp.MustCompile(`^(\d{2})\.(\d{1,2})\.(\d{1,2})$`)
	// Excel's en-US display forms (m/d/yyyy, mm-dd-yy): what a reader that
	// formats date cells hands over. Day-first forms are not used in China.
	reMDY = regexp.MustCompile(`^(\d{1,2})([-/])(\d{1,2})([-/])(\d{4}|\d{2})$`)
	// Month-only forms are not dates but month-end deadlines.
	reYM = regexp.MustCompile(`^(\d{4})(?:[-/.]|年)(\d{1,2})月?$`)
)

const dateFormsZh = "应为 2019-06-30、2019/6/30、2019.6.30、2019年6月30日 或 20190630"
const dateFormsEn = "expected 2019-06-30, 2019/6/30, 2019.6.30, 2019年6月30日 or 20190630"

// ParseDate reads a date in any form ledgers use: 2019-06-30, 2019/6/30,
// 2019.6.30, 2019年6月30日 (or 号), 20190630, Chinese numerals
// (二〇一九年六月三十日), full-width digits, spaces and line breaks anywhere,
// a trailing time of day (2019-06-30 00:00:00), and Excel's en-US display
// forms 6/30/2019 and 06-30-19. ref supplies the year for forms without one
// (6月30日, 6.30); with a zero ref those are an error. Empty text gives the
// zero Date and no error. Month-only text (2019年6月) is an error: it is a
// deadline, see ParseDeadline. Serials from date cells go through
// DateFromSerial, never through here.
func ParseDate(s string, ref Date) (Date, error) {
	d, ok, err := parseDate(s, ref)
	if err != nil {
		return Date{}, err
	}
	if !ok {
		if reYM.MatchString(normText(stripTime(s))) {
			return Date{}, parseErr(s, "只有年月，缺少日；"+dateFormsZh, "a month without a day; "+dateFormsEn)
		}
		return Date{}, parseErr(s, "无法识别的日期，"+dateFormsZh, "not a date; "+dateFormsEn)
	}
	return d, nil
}

// parseDate reports ok=false when s has none of the date forms; err is set
// when it has one but the date is impossible.
func parseDate(s string, ref Date) (d Date, ok bool, err error) {
	t := strings.TrimRight(normText(stripTime(s)), ".") // 2019.6.30. — a full stop typed after it
	if t == "" {
		return Date{}, true, nil
	}
	var y, m, day string
	switch {
	case reYYMDDot.MatchString(t):
		g := reYYMDDot.FindStringSubmatch(t)
		y, m, day = "20"+g[1], g[2], g[3]
	case reYMDSep.MatchString(t):
		g := reYMDSep.FindStringSubmatch(t)
		if g[2] != g[4] { // 2019-6/30 is a typo, not a date
			return Date{}, false, nil
		}
		y, m, day = g[1], g[3], g[5]
	case reYMDZh.MatchString(t):
		g := reYMDZh.FindStringSubmatch(t)
		y, m, day = g[1], g[2], g[3]
	case reYMDCompact.MatchString(t):
		g := reYMDCompact.FindStringSubmatch(t)
		y, m, day = g[1], g[2], g[3]
	case reMDY.MatchString(t):
		g := reMDY.FindStringSubmatch(t)
		if g[2] != g[4] {
			return Date{}, false, nil
		}
		m, day, y = g[1], g[3], g[5]
		if len(y) == 2 { // Excel's two-digit years: 00-29 → 20xx, else 19xx
			n, _ := strconv.Atoi(y)
			if n < 30 {
				n += 2000
			} else {
				n += 1900
			}
			y = strconv.Itoa(n)
		}
	case reMDZh.MatchString(t), reMDSep.MatchString(t):
		g := reMDZh.FindStringSubmatch(t)
		if g == nil {
			g = reMDSep.FindStringSubmatch(t)
		}
		if ref.IsZero() {
			return Date{}, true, parseErr(s, "缺少年份（如 2019年"+g[1]+"月"+g[2]+"日）", "no year given (write e.g. 2019-"+g[1]+"-"+g[2]+")")
		}
		y, m, day = strconv.Itoa(ref.Y), g[1], g[2]
	default:
		return Date{}, false, nil
	}
	d, err = makeDate(s, atoi(y), atoi(m), atoi(day))
	return d, true, err
}

// makeDate checks that the day exists and the year is plausible for a ledger.
func makeDate(src string, y, m, d int) (Date, error) {
	if y < minTypedYear || y > maxTypedYear {
		return Date{}, parseErr(src,
			fmt.Sprintf("年份 %d 超出范围（%d–%d）", y, minTypedYear, maxTypedYear),
			fmt.Sprintf("year %d out of range (%d-%d)", y, minTypedYear, maxTypedYear))
	}
	if m < 1 || m > 12 {
		return Date{}, parseErr(src, fmt.Sprintf("月份 %d 不存在", m), fmt.Sprintf("month %d does not exist", m))
	}
	last := NewDate(y, time.Month(m), 1).MonthEnd().D
	if d < 1 || d > last {
		return Date{}, parseErr(src,
			fmt.Sprintf("日期不存在：%d年%d月只有%d天", y, m, last),
			fmt.Sprintf("no such day: %04d-%02d has %d days", y, m, last))
	}
	return Date{y, time.Month(m), d}, nil
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil { // only called on \d{1,4} matches
		return -1
	}
	return n
}

func stripTime(s string) string {
	f := Fold(s)
	if loc := reTimeSuffix.FindStringIndex(f); loc != nil && loc[0] > 0 {
		return f[:loc[0]]
	}
	return f
}

// normText is compact(s) with Chinese numerals turned into digits, for
// dates and deadlines (二〇一九年六月三十日, 三季度).
func normText(s string) string { return cnDigits(compact(s)) }

// compact folds full-width forms, drops every white space (ledgers put
// spaces and line breaks anywhere in a cell) and reads 。 as a dot.
func compact(s string) string {
	s = Fold(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			continue
		case r == '。':
			r = '.'
		}
		b.WriteRune(r)
	}
	return b.String()
}

const cnNumerals = "〇零一二三四五六七八九十"

func cnDigit(r rune) int {
	switch r {
	case '〇', '零':
		return 0
	case '十':
		return 10
	}
	i := strings.IndexRune("一二三四五六七八九", r)
	if i < 0 {
		return -1
	}
	return i/len("一") + 1
}

// cnDigits rewrites runs of Chinese numerals: 二〇一九 → 2019 (digit by
// digit), 三十一 → 31, 十二 → 12. A run it cannot read is left as typed.
func cnDigits(s string) string {
	if !strings.ContainsAny(s, cnNumerals) {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if !strings.ContainsRune(cnNumerals, rs[i]) {
			b.WriteRune(rs[i])
			i++
			continue
		}
		j := i
		for j < len(rs) && strings.ContainsRune(cnNumerals, rs[j]) {
			j++
		}
		b.WriteString(cnRun(rs[i:j]))
		i = j
	}
	return b.String()
}

func cnRun(run []rune) string {
	ten := -1
	for i, r := range run {
		if r == '十' {
			if ten >= 0 {
				return string(run)
			}
			ten = i
		}
	}
	if ten < 0 {
		var b strings.Builder
		for _, r := range run {
			b.WriteByte(byte('0' + cnDigit(r)))
		}
		return b.String()
	}
	// n十m with n in 1..9 (default 1) and m in 0..9 (default 0).
	tens, ones := 1, 0
	switch ten {
	case 0:
	case 1:
		tens = cnDigit(run[0])
		if tens < 1 || tens > 9 {
			return string(run)
		}
	default:
		return string(run)
	}
	switch len(run) - ten - 1 {
	case 0:
	case 1:
		ones = cnDigit(run[ten+1])
		if ones < 0 || ones > 9 {
			return string(run)
		}
	default:
		return string(run)
	}
	return strconv.Itoa(tens*10 + ones)
}

// DateFromSerial converts an Excel date serial. In the 1900 system serial 1
// is 1900-01-01 and Excel counts a 1900-02-29 that never was (serial 60, an
// error here), so serials from 61 on count from 1899-12-30. In the 1904
// system serial 0 is 1904-01-01. The time of day (fraction) is dropped.
// Serials before the first day or after 9999-12-31 are errors.
func DateFromSerial(v float64, date1904 bool) (Date, error) {
	val := strconv.FormatFloat(v, 'g', -1, 64)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Date{}, parseErr(val, "不是日期序号", "not a date serial")
	}
	n := math.Floor(v)
	const maxSerial = 2958465 // 9999-12-31 in the 1900 system
	min := 1.0
	if date1904 {
		min = 0
	}
	if n < min || n > maxSerial {
		return Date{}, parseErr(val, "日期序号超出范围", "date serial out of range")
	}
	var d Date
	switch {
	case date1904:
		d = NewDate(1904, time.January, 1+int(n))
	case n == 60:
		return Date{}, parseErr(val, "1900年2月29日不存在（Excel 的闰年错误）", "1900-02-29 does not exist (Excel's leap-year bug)")
	case n < 60:
		d = NewDate(1899, time.December, 31+int(n))
	default:
		d = NewDate(1899, time.December, 30+int(n))
	}
	if d.Y > 9999 {
		return Date{}, parseErr(val, "日期序号超出范围", "date serial out of range")
	}
	return d, nil
}

var (
	// 2019年6月底, 6月末, 2019年6月, 2019.6, 6月中旬.
	reMonthDeadline = regexp.MustCompile(`^(?:(\d{4})(?:年|[-/.]))?(\d{1,2})(月份?|月底|月末|月上旬|月中旬|月下旬)?$`)
	// 2019年底, 年底, 年内, 2019年, 明年底.
	reYearDeadline = regexp.MustCompile(`^(\d{4}|本|今|当|明|次)?(年底|年末|年内|年度内|年终|年年底|年年末|年度|年|全年|底|末)$`)
	// 上半年, 2019年下半年, 一季度末, 第三季度, Q3.
	reHalfQuarter = regexp.MustCompile(`^(?:(\d{4})年?)?(上半年|下半年|年中|第?([1-4])季度?末?|[Qq]([1-4]))$`)
	// 本月底, 月底, 下月底.
	reRelMonth = regexp.MustCompile(`^(本|当|下)?月(底|末)$`)
)

// Year-end words that stand alone, without a year or 今/本 before them.
var bareYearEnd = map[string]bool{"年底": true, "年末": true, "年内": true, "年度内": true, "年终": true, "全年": true}

// Words around a deadline that say nothing about it (截至…, …前完成).
var (
	deadlinePrefixes = []string{"截止到", "截止至", "截止于", "截至", "截止", "最迟于", "最迟", "不晚于", "于", "在", "到"}
	deadlineSuffixes = []string{"之前完成", "以前完成", "前完成", "前办结", "完成", "办结", "落实", "之前", "以前", "前", "为止", "止"}
	periodicWords    = []string{"每", "按月", "按周", "按季", "逐月", "定期"}
	ongoingWords     = []string{"长期", "常态", "持续", "长效", "久久为功", "序时"} // 按序时推进: paced by the plan, no end date
)

const deadlineFormsZh = "无法识别的完成时限，可填写：2019年6月30日、2019.6.30、6月底、2019年6月、年底前、上半年、三季度、长期坚持、每月25日前"
const deadlineFormsEn = "unrecognised deadline; accepted: a date (2019-06-30, 2019.6.30, 2019年6月30日), a month end (6月底, 2019年6月), a year end (年底前), a half or quarter (上半年, 三季度), ongoing (长期坚持) or periodic (每月25日前)"

// UnreadDeadline reports whether err is ParseDeadline's error for a text
// in none of its forms (视情况而定), as against a form it reads whose date
// does not exist (2019年2月30日).
func UnreadDeadline(err error) bool {
	var pe *ParseError
	return errors.As(err, &pe) && pe.Zh == deadlineFormsZh
}

// ParseDeadline reads a completion-deadline cell. Every ParseDate form gives
// kind date; 6月底 / 6月末 / 2019年6月 / 2019.6 give month_end (the month's
// last day; 上旬 and 中旬 give the 10th and 20th as kind date); 年底前 / 年内
// / 2019年底 / 2019年 give year_end (Dec 31); 上半年, 下半年, 一季度末, 三季度
// give month_end on the last day of that half or quarter; words like 长期坚持,
// 常态化, 持续推进 give ongoing and 每月25日前, 每周五, 每季度末 periodic (no
// date); 7个工作日 and 收到后30个工作日内 give workdays, without a date (see
// ResolveDeadline, which counts them from the assigned date). Surrounding words (截至…, …前完成) are ignored, and a range
// (2019年3月至6月) gives its end. Missing years come from ref; a zero ref
// then is an error. The text is kept verbatim in Text. Empty text gives the
// zero Deadline.
func ParseDeadline(text string, ref Date) (Deadline, error) {
	core := normText(stripTime(text)) // 2019/12/31 0:00:00, a date cell shown as text
	if zh, ok := fromEnglishDeadline(Fold(text)); ok {
		core = normText(zh)
	}
	if core == "" {
		return Deadline{}, nil
	}
	dl, ok, err := parseDeadlineCore(text, core, ref, true)
	if err != nil {
		return Deadline{}, err
	}
	if !ok {
		return Deadline{}, parseErr(text, deadlineFormsZh, deadlineFormsEn)
	}
	dl.Text = text
	return dl, nil
}

func parseDeadlineCore(src, core string, ref Date, ranges bool) (Deadline, bool, error) {
	if _, ok := WorkdaysOf(core); ok {
		// The day depends on the assigned date and the calendar: ResolveDeadline.
		return Deadline{Type: DeadlineWorkdays}, true, nil
	}
	core = trimWords(core)
	if d, ok, err := parseDate(core, ref); ok || err != nil {
		return Deadline{Due: d, Type: DeadlineDate}, ok && !d.IsZero(), err
	}
	needYear := func(y string) (int, error) {
		if y != "" {
			return atoi(y), nil
		}
		if ref.IsZero() {
			return 0, parseErr(src, "缺少年份，请写明年份（如 2019年6月底）", "no year given (write e.g. 2019年6月底)")
		}
		return ref.Y, nil
	}
	if g := reMonthDeadline.FindStringSubmatch(core); g != nil && (g[1] != "" || g[3] != "") {
		y, err := needYear(g[1])
		if err != nil {
			return Deadline{}, true, err
		}
		first, err := makeDate(src, y, atoi(g[2]), 1)
		if err != nil {
			return Deadline{}, true, err
		}
		switch g[3] {
		case "月上旬":
			return Deadline{Due: Date{first.Y, first.M, 10}, Type: DeadlineDate}, true, nil
		case "月中旬":
			return Deadline{Due: Date{first.Y, first.M, 20}, Type: DeadlineDate}, true, nil
		}
		return Deadline{Due: first.MonthEnd(), Type: DeadlineMonthEnd}, true, nil
	}
	if g := reRelMonth.FindStringSubmatch(core); g != nil {
		if ref.IsZero() {
			return Deadline{}, true, parseErr(src, "缺少月份，请写明（如 2019年6月底）", "no month given (write e.g. 2019年6月底)")
		}
		m := ref.M
		if g[1] == "下" {
			m++
		}
		return Deadline{Due: NewDate(ref.Y, m, 1).MonthEnd(), Type: DeadlineMonthEnd}, true, nil
	}
	if g := reYearDeadline.FindStringSubmatch(core); g != nil && (g[1] != "" || bareYearEnd[g[2]]) {
		var y int
		switch g[1] {
		case "明", "次":
			if ref.IsZero() {
				return Deadline{}, true, parseErr(src, "缺少年份", "no year given")
			}
			y = ref.Y + 1
		case "本", "今", "当":
			g[1] = ""
			fallthrough
		default:
			var err error
			if y, err = needYear(g[1]); err != nil {
				return Deadline{}, true, err
			}
		}
		end, err := makeDate(src, y, 12, 31)
		return Deadline{Due: end, Type: DeadlineYearEnd}, true, err
	}
	if g := reHalfQuarter.FindStringSubmatch(core); g != nil {
		y, err := needYear(g[1])
		if err != nil {
			return Deadline{}, true, err
		}
		m := 12
		switch {
		case g[2] == "上半年" || g[2] == "年中":
			m = 6
		case g[3] != "":
			m = 3 * atoi(g[3])
		case g[4] != "":
			m = 3 * atoi(g[4])
		}
		first, err := makeDate(src, y, m, 1)
		return Deadline{Due: first.MonthEnd(), Type: DeadlineMonthEnd}, true, err
	}
	for _, w := range periodicWords {
		if strings.HasPrefix(core, w) {
			return Deadline{Type: DeadlinePeriodic}, true, nil
		}
	}
	for _, w := range ongoingWords {
		if strings.Contains(core, w) {
			return Deadline{Type: DeadlineOngoing}, true, nil
		}
	}
	if ranges {
		return parseRange(src, core, ref)
	}
	return Deadline{}, false, nil
}

// parseRange reads "start–end" (2019年3月至6月, 2019.3-2019.6) as its end; the
// start gives the end its year.
func parseRange(src, core string, ref Date) (Deadline, bool, error) {
	for i, r := range core {
		switch r {
		case '至', '到', '-', '—', '–', '~':
		default:
			continue
		}
		left, right := core[:i], core[i+len(string(r)):]
		if left == "" || right == "" {
			continue
		}
		start, ok, err := parseDeadlineCore(src, left, ref, false)
		if !ok || err != nil || !start.Type.HasDate() {
			continue
		}
		end, ok, err := parseDeadlineCore(src, right, start.Due, false)
		if ok && err == nil && end.Type.HasDate() && !end.Due.Before(start.Due) {
			return end, true, nil
		}
	}
	return Deadline{}, false, nil
}

func trimWords(s string) string {
	for changed := true; changed; {
		changed = false
		for _, p := range deadlinePrefixes {
			if rest, ok := strings.CutPrefix(s, p); ok && rest != "" {
				s, changed = rest, true
			}
		}
		for _, p := range deadlineSuffixes {
			if rest, ok := strings.CutSuffix(s, p); ok && rest != "" {
				s, changed = rest, true
			}
		}
	}
	return s
}
