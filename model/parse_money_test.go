package model

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseMoney(t *testing.T) {
	cases := map[string]Fen{
		"115万元":         115_0000_00,
		"115万":          115_0000_00,
		"115 万元":        115_0000_00,
		"１１５万元":         115_0000_00,
		"12.5万":         12_5000_00,
		"1,150,000":     115_0000_00,
		"1，150，000":     115_0000_00,
		"1150000元":      115_0000_00,
		"￥1,150,000.50": 115_0000_50,
		"¥1150000":      115_0000_00,
		"0.5亿":          5000_0000_00,
		"2000万":         2000_0000_00,
		"115.5":         115_50,
		"115":           115_00,
		"-3.2万元":        -3_2000_00,
		"1.15E+06":      115_0000_00,
		"100元整":         100_00,
		"0.005":         1, // half a fen rounds away from zero
		"0.004":         0,
		"":              0,
		"  ":            0,
		"1.23456789万":   1_2345_68,
		"人民币115万元":      115_0000_00,
		"115万元\n":       115_0000_00,
		"11.5（万元）":      11_5000_00, // the unit in brackets, as in a header
		"11.5(万元)":      11_5000_00,
		"1150000（元）":    115_0000_00,
		// what a person reads past: about, more than, a note in brackets
		"约115万":                115_0000_00,
		"115万余元":               115_0000_00,
		"共计115万元":              115_0000_00,
		"115万元（财政资金）":          115_0000_00,
		"11.5万元(含配套)":          11_5000_00,
		"92233720368547758.07": math.MaxInt64,
	}
	for in, want := range cases {
		got, err := ParseMoney(in)
		if assert.NoError(t, err, "%q", in) {
			assert.Equal(t, want, got, "%q", in)
		}
	}
}

func TestParseMoneyRejects(t *testing.T) {
	for _, in := range []string{
		"abc", "1,2,3", "12,34", "1,0000", "万元", "115万万", "1.2.3", "--5", "1e999",
		"99999999999亿", "92233720368547758.08", "NaN", "Inf", "1/2", "壹佰", "11.5（万）元", "（万元）", "11.5（万元",
	} {
		_, err := ParseMoney(in)
		var pe *ParseError
		assert.True(t, errors.As(err, &pe), "%q should fail", in)
	}
}

func TestFormatWan(t *testing.T) {
	cases := map[Fen]string{
		115_0000_00:   "115万元",
		12_5000_00:    "12.5万元",
		1_0000_00:     "1万元",
		115_0001_00:   "115.0001万元",
		1150_00:       "1150元",
		1150_50:       "1150.5元",
		115_0000_50:   "1150000.5元", // fen below a yuan: exact yuan, not rounded 万
		0:             "0元",
		-12_5000_00:   "-12.5万元",
		-5:            "-0.05元",
		math.MinInt64: "-92233720368547758.08元",
	}
	for f, want := range cases {
		assert.Equal(t, want, FormatWan(f), "%d", f)
	}
}

func TestFormatWanRoundTrips(t *testing.T) {
	for _, f := range []Fen{0, 1, 99, 100, 1_0000_00, 115_0000_00, 12_3456_78, -7_0000_00, math.MaxInt64, math.MinInt64 + 1} {
		got, err := ParseMoney(FormatWan(f))
		require.NoError(t, err, FormatWan(f))
		assert.Equal(t, f, got, FormatWan(f))
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"115万元", "1,150,000", "￥1,150,000.50", "0.5亿", "-3.2万", "1.15E+06", "1,2,3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseMoney(s)
		if err != nil {
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			return
		}
		back, err := ParseMoney(FormatWan(v))
		require.NoError(t, err, FormatWan(v))
		require.Equal(t, v, back, "FormatWan is exact")
	})
}
