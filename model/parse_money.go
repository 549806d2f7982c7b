package model

import (
	"math/big"
	"regexp"
	"strconv"
	"strings"
)

// A typed amount: digits with optional thousands separators and decimals,
// or Excel's raw scientific form (1.15E+06) with a small exponent.
var (
	reAmount    = regexp.MustCompile(`^(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$`)
	reAmountExp = regexp.MustCompile(`^\d+(\.\d+)?[eE][+-]?\d{1,2}$`)
)

// moneyUnits are the unit words after an amount with their size in fen,
// longest first so 万元 is not read as 万 + 元.
var moneyUnits = []struct {
	word string
	fen  int64
}{
	{"亿元", 1e10}, {"万元", 1e6}, {"千元", 1e5}, {"亿", 1e10}, {"万", 1e6}, {"元", 100}, {"", 100},
}

const moneyFormsZh = "无法识别的金额，应为 115万元、12.5万、0.5亿、1,150,000 或 1150000元"
const moneyFormsEn = "not an amount; expected 115万元, 12.5万, 0.5亿, 1,150,000 or 1150000元"

// ParseMoney reads an amount into fen: 115万元, 115万, 12.5万, 0.5亿,
// 1,150,000, 1150000元, ￥1,150,000.50, full-width digits, spaces anywhere,
// a leading minus. A plain number is yuan. The result is rounded to the
// nearest fen (halves away from zero). Empty text is 0 with no error;
// thousands separators in the wrong places (1,2,3) and sums beyond int64 fen
// are errors.
func ParseMoney(s string) (Fen, error) {
	t := compact(s)
	if t == "" {
		return 0, nil
	}
	bad := func() (Fen, error) { return 0, parseErr(s, moneyFormsZh, moneyFormsEn) }
	neg := false
	for _, p := range []string{"人民币", "RMB", "rmb", "￥", "¥"} {
		t = strings.TrimPrefix(t, p)
	}
	if rest, ok := strings.CutPrefix(t, "-"); ok {
		neg, t = true, rest
	} else {
		t = strings.TrimPrefix(t, "+")
	}
	for _, p := range []string{"￥", "¥"} {
		t = strings.TrimPrefix(t, p)
	}
	t = roughPrefix(strings.TrimSuffix(t, "整"))
	t = unbracketUnit(t)
	for _, more := range []string{"余", "多"} { // 115万余元: a person reads 115万元
		t = strings.Replace(t, "万"+more, "万", 1)
		t = strings.Replace(t, more+"元", "元", 1)
	}
	var unit int64
	for _, u := range moneyUnits {
		if rest, ok := strings.CutSuffix(t, u.word); ok {
			t, unit = rest, u.fen
			break
		}
	}
	if !reAmount.MatchString(t) && !reAmountExp.MatchString(t) {
		return bad()
	}
	v, ok := new(big.Rat).SetString(strings.ReplaceAll(t, ",", ""))
	if !ok {
		return bad()
	}
	v.Mul(v, new(big.Rat).SetInt64(unit))
	n, ok := roundRat(v)
	if !ok {
		return 0, parseErr(s, "金额过大", "amount too large")
	}
	if neg {
		n = -n
	}
	return Fen(n), nil
}

// unbracketUnit reads a unit typed in brackets after the amount, as in a
// header (11.5（万元）), as the unit itself: 11.5万元; a note in brackets
// after an amount (115万元（财政资金）) is dropped.
func unbracketUnit(t string) string {
	for _, br := range [][2]string{{"(", ")"}, {"（", "）"}} {
		rest, ok := strings.CutSuffix(t, br[1])
		if !ok {
			continue
		}
		i := strings.LastIndex(rest, br[0])
		if i <= 0 {
			continue
		}
		inner := rest[i+len(br[0]):]
		for _, u := range moneyUnits {
			if u.word != "" && inner == u.word {
				return rest[:i] + inner
			}
		}
		if !strings.ContainsAny(inner, "0123456789") || strings.ContainsAny(rest[:i], "元万亿") {
			return rest[:i] // a note after the amount: 115万元（财政资金）
		}
	}
	return t
}

// roundRat rounds a non-negative rational to the nearest integer, halves
// up, and reports whether it fits an int64.
func roundRat(v *big.Rat) (int64, bool) {
	half := new(big.Rat).SetFrac64(1, 2)
	r := new(big.Rat).Add(v, half)
	q := new(big.Int).Quo(r.Num(), r.Denom())
	if !q.IsInt64() {
		return 0, false
	}
	return q.Int64(), true
}

// FormatWan renders an amount as the office writes it: 115万元, 12.5万元 for
// whole yuan of at least 1万元, otherwise yuan: 1150元, 1150000.5元. The text
// is exact, so ParseMoney reads it back to the same fen.
func FormatWan(f Fen) string {
	sign := ""
	u := uint64(f)
	if f < 0 {
		sign, u = "-", uint64(-(f+1))+1 // math.MinInt64 has no positive twin
	}
	if u >= 1e6 && u%100 == 0 {
		return sign + trimDecimals(u/1e6, u%1e6/100, 4) + "万元"
	}
	return sign + trimDecimals(u/100, u%100, 2) + "元"
}

// trimDecimals writes whole.frac with frac given in `digits` decimal places,
// dropping trailing zeros.
func trimDecimals(whole, frac uint64, digits int) string {
	s := strconv.FormatUint(whole, 10)
	if frac == 0 {
		return s
	}
	fs := strconv.FormatUint(frac, 10)
	fs = strings.Repeat("0", digits-len(fs)) + fs
	return s + "." + strings.TrimRight(fs, "0")
}
