package model

import (
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A typed number: sign, digits with optional thousands separators, decimals,
// or Excel's raw scientific form with a small exponent.
var reNumber = regexp.MustCompile(`^[-+]?((\d+|\d{1,3}(,\d{3})+)(\.\d+)?|\d+(\.\d+)?[eE][+-]?\d{1,2})$`)

// numberText folds the cell and drops the measure word after the number
// (12户, 21座, 3人次): ledgers type counts with their units.
func numberText(s string) string {
	t := []rune(roughPrefix(compact(s)))
	end := len(t)
	for end > 0 && unicode.Is(unicode.Han, t[end-1]) {
		end--
	}
	return string(t[:end])
}

// roughWords say a figure is rough or a total (约120户, 共计115万元): a
// person reads the number after them.
var roughWords = []string{"大约", "约为", "约", "近", "共计", "合计", "累计", "总计", "共", "计"}

// roughPrefix drops a rough or total word before a number.
func roughPrefix(t string) string {
	for _, w := range roughWords {
		if rest, ok := strings.CutPrefix(t, w); ok && rest != "" && (rest[0] >= '0' && rest[0] <= '9' || rest[0] == '.') {
			return rest
		}
	}
	return t
}

// MeasureWord is the measure word after a typed count (21座 → 座, 3.5公里 →
// 公里); "" when there is none or the text is not a number with one.
func MeasureWord(s string) string {
	t := []rune(compact(s))
	end := len(t)
	for end > 0 && unicode.Is(unicode.Han, t[end-1]) {
		end--
	}
	if end == len(t) {
		return ""
	}
	if _, ok := parseRat(string(t[:end])); !ok {
		return ""
	}
	return string(t[end:])
}

// parseRat reads a number checked against reNumber; ok=false when it is not one.
func parseRat(t string) (*big.Rat, bool) {
	if !reNumber.MatchString(t) {
		return nil, false
	}
	return new(big.Rat).SetString(strings.ReplaceAll(t, ",", ""))
}

// ParseInt reads a whole number: 1,234, full-width １２, 12户 / 12个 (a
// measure word after it), 12.0. Empty text is 0 with no error; 12.5 and
// numbers beyond int are errors.
func ParseInt(s string) (int, error) {
	t := numberText(s)
	if t == "" && strings.TrimSpace(s) == "" {
		return 0, nil
	}
	v, ok := parseRat(t)
	if !ok {
		return 0, parseErr(s, "不是整数，应为 12、1,234 或 12户", "not a whole number; expected 12, 1,234 or 12户")
	}
	if !v.IsInt() {
		return 0, parseErr(s, "应为整数，不能有小数", "expected a whole number, not a fraction")
	}
	n := v.Num()
	if !n.IsInt64() || n.Int64() > math.MaxInt || n.Int64() < math.MinInt {
		return 0, parseErr(s, "数字过大", "number too large")
	}
	return int(n.Int64()), nil
}

// ParseFloat reads a number, with a measure word after it allowed (21座 → 21).
// Empty text is 0 with no error.
func ParseFloat(s string) (float64, error) {
	t := numberText(s)
	if t == "" && strings.TrimSpace(s) == "" {
		return 0, nil
	}
	if _, ok := parseRat(t); !ok {
		return 0, parseErr(s, "不是数字，应为 21、21.5 或 21座", "not a number; expected 21, 21.5 or 21座")
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(t, ",", ""), 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, parseErr(s, "数字过大", "number too large")
	}
	return f, nil
}

var rePercent = regexp.MustCompile(`^\p{Han}*?([-+]?(\d+(\.\d+)?|\.\d+)([eE][+-]?\d{1,2})?)(%?)\p{Han}*$`)

// ParsePercent reads a percentage: 80%, 80％, 完成80%, 80, and a fraction
// (0.8 → 80) as Excel stores percent cells: a plain number of at most 1 is
// read as a fraction, so "1" is 100 and "1%" is 1. Rounded to a whole
// percent; outside 0..100 is an error. Empty text is 0 with no error.
func ParsePercent(s string) (int, error) {
	if n, ok := plainPercent(s); ok {
		return n, nil
	}
	return parsePercent(s)
}

// plainPercent reads the forms ledgers hold nearly always, 80% or 80, and
// a percent cell's fraction of one or two decimals (0.8, 0.85: Excel's and
// Taizhang's exports), as parsePercent does but without its regular
// expression and big.Rat; ok=false for anything else (errors included).
func plainPercent(s string) (int, bool) {
	digits, pct := s, false
	if len(s) > 0 && s[len(s)-1] == '%' {
		digits, pct = s[:len(s)-1], true
	}
	if !pct && (len(s) == 3 || len(s) == 4) && s[0] == '0' && s[1] == '.' {
		n, ok := plainDigits(s[2:])
		if len(s) == 3 {
			n *= 10
		}
		return n, ok
	}
	if len(digits) > 9 {
		return 0, false
	}
	n, ok := plainDigits(digits)
	if !ok {
		return 0, false
	}
	if !pct && n <= 1 {
		n *= 100 // a fraction, as Excel stores percent cells
	}
	return n, n <= 100
}

// plainDigits is the value of one or more ASCII digits; ok=false for
// anything else.
func plainDigits(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func parsePercent(s string) (int, error) {
	t := compact(s)
	if t == "" {
		return 0, nil
	}
	if n, ok := wordPercent(t); ok {
		return n, nil
	}
	g := rePercent.FindStringSubmatch(t)
	if g == nil {
		return 0, parseErr(s, "不是百分比，应为 80%、0.8 或 80", "not a percentage; expected 80%, 0.8 or 80")
	}
	v, ok := new(big.Rat).SetString(g[1])
	if !ok {
		return 0, parseErr(s, "不是百分比，应为 80%、0.8 或 80", "not a percentage; expected 80%, 0.8 or 80")
	}
	if g[5] == "" && v.Cmp(big.NewRat(1, 1)) <= 0 {
		v.Mul(v, big.NewRat(100, 1))
	}
	if v.Sign() < 0 || v.Cmp(big.NewRat(100, 1)) > 0 {
		return 0, parseErr(s, "百分比应在 0 到 100 之间", "percentage must be between 0 and 100")
	}
	n, _ := roundRat(v)
	return int(n), nil
}

// wordPercent reads a percentage in words, as some returns type it:
// 百分之八十 (80), 百分之百 (100), 五成 (50), 八成半 (85), 十成 (100), with
// words around it (完成八成, 约五成左右) as for 完成80%. ok=false for
// anything else.
func wordPercent(t string) (int, bool) {
	if _, after, ok := strings.Cut(t, "百分之"); ok {
		if strings.HasPrefix(after, "百") {
			return 100, true
		}
		rs := []rune(after)
		end := 0
		for end < len(rs) && (sessionDigits[rs[end]] > 0 || rs[end] == '十' || rs[end] == '〇' || rs[end] == '零' ||
			rs[end] >= '0' && rs[end] <= '9') {
			end++
		}
		if end < len(rs) && strings.ContainsRune("百千万点.", rs[end]) {
			return 0, false // 百分之二百, 百分之八十点五: not a whole share
		}
		n, ok := parseCount(string(rs[:end]))
		return n, ok && end > 0 && n <= 100
	}
	i := strings.LastIndex(t, "成") // 完成八成: the last 成
	if i < 0 {
		return 0, false
	}
	before, after := t[:i], t[i+len("成"):]
	rs := []rune(before)
	if len(rs) == 0 {
		return 0, false
	}
	n := -1
	switch last := rs[len(rs)-1]; {
	case last == '十':
		n = 10
	case last >= '0' && last <= '9':
		n = int(last - '0')
	default:
		if d, ok := sessionDigits[last]; ok && d > 0 {
			n = d
		}
	}
	if n < 0 || len(rs) > 1 && unicode.IsDigit(rs[len(rs)-2]) { // 15成 is not a share
		return 0, false
	}
	n *= 10
	if strings.HasPrefix(after, "半") && n < 100 {
		n += 5
	}
	return n, true
}

// Lists typed with their numbers: 1.市住建局 2.市财政局, （1）…（2）…,
// ①市财政局②市人社局, 一、…二、….
var (
	reListNumber = regexp.MustCompile(`^(\d{1,2}[.．)）]|[(（]\d{1,2}[)）]|[一二三四五六七八九十]{1,2}[.．、])\s*`)
	reBareNumber = regexp.MustCompile(`^(\d{1,2}|[(（]\d{1,2}[)）]|[一二三四五六七八九十]{1,2})[.．)）]?$`)
)

// listItems appends to out the names in p, a part of a list, without the
// list's numbers: 1.市财政局 is 市财政局, a 1 left alone by 1、市住建局 is
// none, and a part still holding numbers (市财政局2.市发改委) is cut at
// them until none is left.
func listItems(p string, out []string) []string {
	for numbered(p) {
		m := reListNumber.FindString(p)
		if m == "" || m == p {
			break
		}
		p = strings.TrimSpace(p[len(m):])
	}
	if p == "" || numbered(p) && reBareNumber.MatchString(p) {
		return out
	}
	broken := listNumberBreaks(p)
	if broken == p {
		return append(out, p)
	}
	for _, q := range strings.Split(broken, "；") {
		out = listItems(squeeze(q), out)
	}
	return out
}

// numbered: p starts as a list's number can (1. （1） 一、), the quick
// test before the expressions, which most names fail.
func numbered(p string) bool {
	r, _ := utf8.DecodeRuneInString(p)
	return r >= '0' && r <= '9' || r == '(' || r == '（' || strings.ContainsRune("一二三四五六七八九十", r)
}

// listNumberBreaks puts a separator before each number of a list typed
// without one (1.市财政局2.市发改委, 市财政局（2）市发改委), and turns circled
// numbers into one. A number inside a name (市第1中学, 12345热线) is left.
func listNumberBreaks(cell string) string {
	if !strings.ContainsFunc(cell, func(r rune) bool { return r >= '0' && r <= '9' || r >= '①' && r <= '⑳' }) {
		return cell
	}
	rs := []rune(cell)
	digit := func(i int) bool { return i >= 0 && i < len(rs) && rs[i] >= '0' && rs[i] <= '9' }
	// listNumber: the rune at i starts a list's number (1. 2、 (3)), and how long it is.
	listNumber := func(i int) int {
		j := i
		open := j < len(rs) && (rs[j] == '(' || rs[j] == '（')
		if open {
			j++
		}
		n := 0
		for digit(j) && n < 3 {
			j, n = j+1, n+1
		}
		if n == 0 || n > 2 || j >= len(rs) {
			return 0
		}
		switch {
		case open && (rs[j] == ')' || rs[j] == '）'):
			return j + 1 - i
		case !open && strings.ContainsRune(".．、)）", rs[j]) && !digit(j+1):
			return j + 1 - i
		}
		return 0
	}
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r >= '①' && r <= '⑳' {
			b.WriteRune('；')
			continue
		}
		if n := listNumber(i); n > 0 && i > 0 && !digit(i-1) && !strings.ContainsRune("、，,；;/\n\r\t(（", rs[i-1]) {
			b.WriteRune('；')
		}
		b.WriteRune(r)
	}
	return b.String()
}

var boolWords = map[string]bool{
	"是": true, "√": true, "✓": true, "✔": true, "☑": true, "y": true, "yes": true, "true": true,
	"1": true, "重点": true, "挂牌": true, "有": true, "对": true, "★": true, "☆": true, "●": true,
	"是重点": true, "列为重点": true, "已挂牌": true, "公开挂牌": true,
	"否": false, "×": false, "✗": false, "✘": false, "x": false, "n": false, "no": false,
	"false": false, "0": false, "无": false, "不是": false, "非重点": false, "不挂牌": false,
	"一般": false, "普通": false, "未挂牌": false, "-": false, "—": false, "/": false,
}

// ParseBool reads a yes/no cell: 是 √ ✓ ★ Y yes true 1 重点 挂牌 有 are true,
// 否 × ✗ N no false 0 无 非重点 一般 and a dash are false, empty is false. Anything else is an
// error rather than a guess.
func ParseBool(s string) (bool, error) {
	t := strings.ToLower(compact(s))
	if t == "" {
		return false, nil
	}
	if v, ok := boolWords[t]; ok {
		return v, nil
	}
	return false, parseErr(s, "应为 是/否、√/× 或 Y/N", "expected 是/否, √/× or Y/N")
}

// SplitList splits a cell naming several units or people: on 、，,；; / and
// line breaks, and on spaces between Chinese names (张三 李四), but never
// inside brackets (市住建局（含市城管局、市人防办）stays one). Each part is
// folded and trimmed; empty parts and repeats are dropped; order is kept.
func SplitList(cell string) []string {
	cell = listNumberBreaks(cell)
	var parts []string
	var cur strings.Builder
	flush := func() {
		parts = append(parts, cur.String())
		cur.Reset()
	}
	rs := []rune(Fold(cell))
	depth := 0
	for i, r := range rs {
		switch {
		case r == '(' || r == '（' || r == '[' || r == '【' || r == '〔':
			depth++
		case (r == ')' || r == '）' || r == ']' || r == '】' || r == '〕') && depth > 0:
			depth--
		}
		if depth == 0 {
			switch {
			case strings.ContainsRune("、，,；;/\n\r\t", r):
				flush()
				continue
			case unicode.IsSpace(r) && spaceSplits(rs, i):
				flush()
				continue
			}
		}
		cur.WriteRune(r)
	}
	flush()
	var out []string
	seen := map[string]bool{}
	for _, part := range parts {
		for _, p := range listItems(squeeze(part), nil) {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}

// spaceSplits reports whether the space at i separates two Chinese names:
// the nearest non-space characters on both sides are not ASCII (so
// "Zhang San" stays one name).
func spaceSplits(rs []rune, i int) bool {
	l, r := i-1, i+1
	for l >= 0 && unicode.IsSpace(rs[l]) {
		l--
	}
	for r < len(rs) && unicode.IsSpace(rs[r]) {
		r++
	}
	return l >= 0 && r < len(rs) && rs[l] > unicode.MaxASCII && rs[r] > unicode.MaxASCII
}

// squeeze folds and trims s and drops spaces next to non-ASCII characters
// (市 发改委 → 市发改委), keeping single spaces between ASCII words.
func squeeze(s string) string {
	return collapseSpaces(strings.TrimSpace(Fold(s)), func(before, after rune) bool {
		return isASCII(before) && isASCII(after)
	})
}

// collapseSpaces drops each run of white space inside s (trimmed), or
// makes it one space where keep says so of the characters around it.
func collapseSpaces(s string, keep func(before, after rune) bool) string {
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		if !unicode.IsSpace(rs[i]) {
			b.WriteRune(rs[i])
			continue
		}
		j := i
		for j < len(rs) && unicode.IsSpace(rs[j]) {
			j++
		}
		if i > 0 && j < len(rs) && keep(rs[i-1], rs[j]) {
			b.WriteByte(' ')
		}
		i = j - 1
	}
	return b.String()
}

// reCounts is a count with its measure word in a cell of several (120户/456人).
var reCounts = regexp.MustCompile(`(\d+)([户人])`)

// CountOf is the count a cell of two counts gives with the measure word
// (户 or 人): 120户/456人 → 120 for 户, 456 for 人. ok is false unless the
// cell is exactly one count of each, joined by a separator or nothing.
func CountOf(s, measure string) (int, bool) {
	t := compact(s)
	m := reCounts.FindAllStringSubmatchIndex(t, -1)
	if len(m) != 2 || t[m[0][4]:m[0][5]] == t[m[1][4]:m[1][5]] {
		return 0, false
	}
	rest := t[:m[0][0]] + t[m[0][1]:m[1][0]] + t[m[1][1]:]
	if strings.Trim(rest, "/／,，;；、()（）") != "" {
		return 0, false
	}
	for _, g := range m {
		if t[g[4]:g[5]] == measure {
			n, err := strconv.Atoi(t[g[2]:g[3]])
			return n, err == nil
		}
	}
	return 0, false
}
