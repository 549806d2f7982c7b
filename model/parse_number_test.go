package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseInt(t *testing.T) {
	cases := map[string]int{
		"12": 12, "1,234": 1234, "１２": 12, "12户": 12, "12个": 12, "3人次": 3,
		"12.0": 12, " 12 ": 12, "-3": -3, "": 0, "1,234,567": 1234567, "２１ 座": 21,
		// a count said roughly or as a total: a person reads the number
		"约120户": 120, "共120户": 120, "合计456人": 456, "120余户": 120,
	}
	for in, want := range cases {
		got, err := ParseInt(in)
		if assert.NoError(t, err, "%q", in) {
			assert.Equal(t, want, got, "%q", in)
		}
	}
	for _, in := range []string{"12.5", "abc", "1,2,3", "户", "99999999999999999999", "12abc", "一二"} {
		_, err := ParseInt(in)
		var pe *ParseError
		assert.True(t, errors.As(err, &pe), "%q should fail", in)
	}
}

func TestParseFloat(t *testing.T) {
	cases := map[string]float64{
		"21.5": 21.5, "21座": 21, "1,234.5": 1234.5, "２１．５": 21.5, "": 0, "-0.5": -0.5, "3.5公里": 3.5,
	}
	for in, want := range cases {
		got, err := ParseFloat(in)
		if assert.NoError(t, err, "%q", in) {
			assert.InDelta(t, want, got, 1e-9, "%q", in)
		}
	}
	for _, in := range []string{"NaN", "Inf", "abc", "1,2,3", "1.2.3", "1e999"} {
		_, err := ParseFloat(in)
		assert.Error(t, err, "%q should fail", in)
	}
}

func TestParsePercent(t *testing.T) {
	cases := map[string]int{
		"80%": 80, "80％": 80, "0.8": 80, "完成80%": 80, "已完成80%": 80, "80": 80,
		"100%": 100, "0": 0, "": 0, "1": 100, "1%": 1, "80.5%": 81, "0.805": 81, "约80%左右": 80,
		"８０％": 80, "0%": 0,
		"五成": 50, "完成八成": 80, "八成半": 85, "十成": 100, "约5成左右": 50, "两成": 20,
		"百分之八十": 80, "百分之八十五": 85, "百分之百": 100, "完成百分之60": 60, "百分之五": 5,
	}
	for in, want := range cases {
		got, err := ParsePercent(in)
		if assert.NoError(t, err, "%q", in) {
			assert.Equal(t, want, got, "%q", in)
		}
	}
	for _, in := range []string{"120%", "-5%", "101", "abc", "1,2,3", "80%90%", "80% abc", "1e5", "成", "百分之", "百分之二百", "完成"} {
		_, err := ParsePercent(in)
		var pe *ParseError
		assert.True(t, errors.As(err, &pe), "%q should fail", in)
	}
}

// The plain forms' quick path reads what the general one does, and leaves
// everything else to it.
func TestPlainPercentAgrees(t *testing.T) {
	var inputs []string
	for n := 0; n <= 1000; n++ {
		inputs = append(inputs, strconv.Itoa(n), strconv.Itoa(n)+"%", fmt.Sprintf("%03d", n), fmt.Sprintf("%04d%%", n))
	}
	for n := 0; n < 100; n++ {
		inputs = append(inputs, fmt.Sprintf("0.%d", n), fmt.Sprintf("0.%02d", n), fmt.Sprintf("0.%d%%", n), fmt.Sprintf("0.%03d", n))
	}
	inputs = append(inputs, "", "%", "%%", "80%%", "999999999", "1234567890", "12345678901%", "-1", "+5", "5 %", " 5", "5.0", "５",
		"0.", "0.x", "0.9x", "1.0", ".5", "00.5", "0,5")
	for _, in := range inputs {
		want, wantErr := parsePercent(in)
		if n, ok := plainPercent(in); ok {
			require.NoError(t, wantErr, "%q", in)
			require.Equal(t, want, n, "%q", in)
		}
		got, err := ParsePercent(in)
		require.Equal(t, wantErr, err, "%q", in)
		require.Equal(t, want, got, "%q", in)
	}
}

func TestParseBool(t *testing.T) {
	for _, in := range []string{"是", "√", "✓", "Y", "y", "yes", "YES", "true", "1", "重点", "挂牌", "有", " 是 "} {
		v, err := ParseBool(in)
		if assert.NoError(t, err, in) {
			assert.True(t, v, in)
		}
	}
	for _, in := range []string{"否", "×", "N", "no", "false", "0", "", "无", "非重点"} {
		v, err := ParseBool(in)
		if assert.NoError(t, err, in) {
			assert.False(t, v, in)
		}
	}
	for _, in := range []string{"也许", "maybe", "2"} {
		_, err := ParseBool(in)
		assert.Error(t, err, in)
	}
}

func TestSplitList(t *testing.T) {
	cases := map[string][]string{
		"市发改委、市财政局":             {"市发改委", "市财政局"},
		"市发改委，市财政局,市商务局":        {"市发改委", "市财政局", "市商务局"},
		"市发改委；市财政局;市商务局":        {"市发改委", "市财政局", "市商务局"},
		"市发改委/市财政局":             {"市发改委", "市财政局"},
		"市发改委\n市财政局\r\n市商务局":    {"市发改委", "市财政局", "市商务局"},
		"张三 李四　王五":              {"张三", "李四", "王五"},
		" 市发改委 、、 市财政局 、":       {"市发改委", "市财政局"},
		"市发改委、市财政局、市发改委":        {"市发改委", "市财政局"},
		"市住建局（含市城管局、市人防办）、市财政局": {"市住建局(含市城管局、市人防办)", "市财政局"},
		"Zhang San, Li Si":      {"Zhang San", "Li Si"},
		"1.市住建局":                {"市住建局"},
		"1.市财政局 2.市发改委":         {"市财政局", "市发改委"},
		"1.市财政局2.市发改委":          {"市财政局", "市发改委"},
		"1、市财政局 2、市发改委":         {"市财政局", "市发改委"},
		"（1）市财政局（2）市发改委":        {"市财政局", "市发改委"},
		"①市财政局②市人社局":            {"市财政局", "市人社局"},
		"一、市财政局；二、市人社局":         {"市财政局", "市人社局"},
		"市第1中学、12345热线办公室":      {"市第1中学", "12345热线办公室"},
		"":                      nil,
		"、，;":                   nil,
		"市发改委（牵头）":              {"市发改委(牵头)"},
	}
	for in, want := range cases {
		assert.Equal(t, want, SplitList(in), "%q", in)
	}
}

func FuzzParsePercent(f *testing.F) {
	for _, s := range []string{"80%", "0.8", "完成80%", "1", "120%", "80.5%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParsePercent(s)
		if err != nil {
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			return
		}
		require.GreaterOrEqual(t, v, 0)
		require.LessOrEqual(t, v, 100)
		again, err := ParsePercent(strconv.Itoa(v) + "%")
		require.NoError(t, err)
		require.Equal(t, v, again)
	})
}

func FuzzSplitList(f *testing.F) {
	for _, s := range []string{"市发改委、市财政局", "张三 李四", "市住建局（含市城管局、市人防办）", "a,,b;;a", "Zhang San, Li Si"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		items := SplitList(s)
		seen := map[string]bool{}
		for _, it := range items {
			require.NotEmpty(t, it)
			require.Equal(t, strings.TrimSpace(it), it)
			require.False(t, seen[it], "no duplicates: %q", it)
			seen[it] = true
			require.Equal(t, []string{it}, SplitList(it), "an item is one item")
		}
	})
}

func TestMeasureWord(t *testing.T) {
	for typed, want := range map[string]string{
		"21座": "座", " 3.5 公里": "公里", "１２０户": "户", "21": "", "": "", "座": "", "约21座": "", "21座大棚x": "",
	} {
		assert.Equal(t, want, MeasureWord(typed), typed)
	}
}

// A cell holding households and people (120户/456人, 11户（25人）) gives
// each count by its measure word.
func TestCountOf(t *testing.T) {
	for in, want := range map[string][2]int{
		"120户/456人": {120, 456},
		"120户，456人": {120, 456},
		"11户（25人）":  {11, 25},
		"3户7人":      {3, 7},
		"１２０户 ４５６人": {120, 456},
		"456人/120户": {120, 456},
	} {
		h, ok := CountOf(in, "户")
		assert.True(t, ok, in)
		assert.Equal(t, want[0], h, in)
		p, ok := CountOf(in, "人")
		assert.True(t, ok, in)
		assert.Equal(t, want[1], p, in)
	}
	for _, in := range []string{"120", "120户", "120户/120户", "户/人", "120余户/456人"} {
		_, ok := CountOf(in, "人")
		assert.False(t, ok, in)
	}
}
