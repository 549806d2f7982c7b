package model

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDateForms(t *testing.T) {
	ref := Date{2019, 3, 1}
	want := Date{2019, 6, 30}
	for _, in := range []string{
		"2019-06-30", "2019-6-30", "2019/6/30", "2019/06/30", "2019.6.30", "2019.06.30",
		"2019年6月30日", "2019年06月30日", "2019年6月30号", "2019年6月30", "20190630",
		"２０１９年６月３０日", "２０１９－０６－３０", "2019．6．30",
		"2019-06-30   ", "  2019/6/30", "2019年 6月 30日", "2019年\n6月30日",
		"2019-06-30 00:00:00", "2019-06-30T00:00:00Z",
		"二〇一九年六月三十日", "二零一九年六月三十日",
		"6月30日", "6月30号", "6.30", "6/30",
		"6/30/2019", "06-30-19",
		"2019.6.30.", "2019.06.30。", "19.6.30", "19.06.30", "2019/6/30 0:00:00",
	} {
		got, err := ParseDate(in, ref)
		if assert.NoError(t, err, "%q", in) {
			assert.Equal(t, want, got, "%q", in)
		}
	}
}

func TestParseDateOtherDays(t *testing.T) {
	cases := map[string]Date{
		"2020-02-29":   {2020, 2, 29}, // leap year
		"2019年12月31日":  {2019, 12, 31},
		"二〇二〇年十月一日":    {2020, 10, 1},
		"二〇二〇年十二月二十一日": {2020, 12, 21},
		"1/5/2020":     {2020, 1, 5}, // en-US month first
	}
	for in, want := range cases {
		got, err := ParseDate(in, Date{})
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
}

func TestParseDateEmpty(t *testing.T) {
	got, err := ParseDate("  ", Date{})
	require.NoError(t, err)
	assert.True(t, got.IsZero())
}

func TestParseDateRejects(t *testing.T) {
	for in, reason := range map[string]string{
		"2019-02-30":  "no such day",
		"2019-02-29":  "no such day",
		"2019-13-01":  "month 13",
		"2019-00-10":  "month 0",
		"2019年6月31日":  "no such day",
		"下周":          "not a date",
		"abc":         "not a date",
		"2019年6月":     "month without a day",
		"2019.6":      "month without a day",
		"43646":       "not a date", // serials come through DateFromSerial
		"99999999":    "out of range",
		"1,2,3":       "not a date",
		"2019-6/30":   "not a date",
		"12345-06-30": "not a date",
		"0019-06-30":  "out of range",
	} {
		_, err := ParseDate(in, Date{2019, 1, 1})
		var pe *ParseError
		if assert.True(t, errors.As(err, &pe), "%q should fail", in) {
			assert.Contains(t, pe.Reason("en"), reason, in)
			assert.NotEmpty(t, pe.Reason("zh"), in)
			assert.Equal(t, in, pe.Value)
		}
	}
}

func TestParseDateNeedsYear(t *testing.T) {
	_, err := ParseDate("6月30日", Date{})
	var pe *ParseError
	require.True(t, errors.As(err, &pe))
	assert.Contains(t, pe.En, "no year")
	assert.Contains(t, pe.Zh, "缺少年份")
}

func TestParseErrorText(t *testing.T) {
	_, err := ParseDate("2019-02-30", Date{})
	require.Error(t, err)
	assert.Equal(t, `"2019-02-30": no such day: 2019-02 has 28 days`, err.Error())
	var pe *ParseError
	require.True(t, errors.As(err, &pe))
	assert.Equal(t, "日期不存在：2019年2月只有28天", pe.Reason("zh"))
}

func TestParseDeadline(t *testing.T) {
	ref := Date{2019, 3, 15}
	cases := []struct {
		in   string
		due  Date
		kind DeadlineKind
	}{
		{"2019年6月30日", Date{2019, 6, 30}, DeadlineDate},
		{"2019.6.30", Date{2019, 6, 30}, DeadlineDate},
		{"2019/6/30", Date{2019, 6, 30}, DeadlineDate},
		{"2019年6月30日前", Date{2019, 6, 30}, DeadlineDate},
		{"2019年6月30日前完成", Date{2019, 6, 30}, DeadlineDate},
		{"2019/6/30 0:00:00", Date{2019, 6, 30}, DeadlineDate},
		{"2019.6.30.", Date{2019, 6, 30}, DeadlineDate},
		{"19.6.30", Date{2019, 6, 30}, DeadlineDate},
		{"截至2019年6月30日", Date{2019, 6, 30}, DeadlineDate},
		{"6月30日前", Date{2019, 6, 30}, DeadlineDate},
		{"6月底", Date{2019, 6, 30}, DeadlineMonthEnd},
		{"6月末", Date{2019, 6, 30}, DeadlineMonthEnd},
		{"2月底", Date{2019, 2, 28}, DeadlineMonthEnd},
		{"2020年2月底", Date{2020, 2, 29}, DeadlineMonthEnd},
		{"2019年6月", Date{2019, 6, 30}, DeadlineMonthEnd},
		{"2019.9", Date{2019, 9, 30}, DeadlineMonthEnd},
		{"2019年9月底前", Date{2019, 9, 30}, DeadlineMonthEnd},
		{"9月中旬", Date{2019, 9, 20}, DeadlineDate},
		{"9月上旬", Date{2019, 9, 10}, DeadlineDate},
		{"9月下旬", Date{2019, 9, 30}, DeadlineMonthEnd},
		{"本月底", Date{2019, 3, 31}, DeadlineMonthEnd},
		{"年底前", Date{2019, 12, 31}, DeadlineYearEnd},
		{"年底", Date{2019, 12, 31}, DeadlineYearEnd},
		{"年内", Date{2019, 12, 31}, DeadlineYearEnd},
		{"年内完成", Date{2019, 12, 31}, DeadlineYearEnd},
		{"年末", Date{2019, 12, 31}, DeadlineYearEnd},
		{"2020年底", Date{2020, 12, 31}, DeadlineYearEnd},
		{"2020年底前", Date{2020, 12, 31}, DeadlineYearEnd},
		{"2020年", Date{2020, 12, 31}, DeadlineYearEnd},
		{"今年底", Date{2019, 12, 31}, DeadlineYearEnd},
		{"明年底", Date{2020, 12, 31}, DeadlineYearEnd},
		{"上半年", Date{2019, 6, 30}, DeadlineMonthEnd},
		{"下半年", Date{2019, 12, 31}, DeadlineMonthEnd},
		{"一季度末", Date{2019, 3, 31}, DeadlineMonthEnd},
		{"三季度", Date{2019, 9, 30}, DeadlineMonthEnd},
		{"第二季度", Date{2019, 6, 30}, DeadlineMonthEnd},
		{"2020年四季度", Date{2020, 12, 31}, DeadlineMonthEnd},
		{"2019年3月至6月", Date{2019, 6, 30}, DeadlineMonthEnd},
		{"2019.3-2019.10", Date{2019, 10, 31}, DeadlineMonthEnd},
		{"2019.3.1-2019.6.30", Date{2019, 6, 30}, DeadlineDate},
		{"长期坚持", Date{}, DeadlineOngoing},
		{"长期", Date{}, DeadlineOngoing},
		{"持续推进", Date{}, DeadlineOngoing},
		{"常态化", Date{}, DeadlineOngoing},
		{"长期跟踪", Date{}, DeadlineOngoing},
		{"每月25日前", Date{}, DeadlinePeriodic},
		{"每周五", Date{}, DeadlinePeriodic},
		{"每季度末", Date{}, DeadlinePeriodic},
		{"按月报送", Date{}, DeadlinePeriodic},
		{"２０１９年６月３０日", Date{2019, 6, 30}, DeadlineDate},
		{" 6月底 ", Date{2019, 6, 30}, DeadlineMonthEnd},
	}
	for _, c := range cases {
		got, err := ParseDeadline(c.in, ref)
		if !assert.NoError(t, err, c.in) {
			continue
		}
		assert.Equal(t, c.due, got.Due, c.in)
		assert.Equal(t, c.kind, got.Type, c.in)
		assert.Equal(t, c.in, got.Text, "text is kept as typed")
		assert.Equal(t, c.kind.HasDate(), !got.Due.IsZero(), c.in)
	}
}

func TestParseDeadlineEmpty(t *testing.T) {
	got, err := ParseDeadline("", Date{2019, 1, 1})
	require.NoError(t, err)
	assert.Equal(t, Deadline{}, got)
	got, err = ParseDeadline("  \n", Date{2019, 1, 1})
	require.NoError(t, err)
	assert.Equal(t, DeadlineNone, got.Type)
}

func TestParseDeadlineRejects(t *testing.T) {
	for _, in := range []string{"下周", "abc", "尽快", "2019-02-30", "2019-13-01", "13月底", "1,2,3", "2019年3月至2月"} {
		_, err := ParseDeadline(in, Date{2019, 1, 1})
		var pe *ParseError
		assert.True(t, errors.As(err, &pe), "%q should fail", in)
	}
	_, err := ParseDeadline("下周", Date{2019, 1, 1})
	assert.Contains(t, err.Error(), "6月底", "the message lists the accepted forms")
	assert.Contains(t, err.(*ParseError).Zh, "长期坚持")
}

func TestParseDeadlineNeedsYear(t *testing.T) {
	for _, in := range []string{"6月底", "年底前", "上半年", "6月30日"} {
		_, err := ParseDeadline(in, Date{})
		require.Error(t, err, in)
		assert.Contains(t, err.Error(), "no year", in)
	}
	// Forms without a date need no year.
	d, err := ParseDeadline("长期坚持", Date{})
	require.NoError(t, err)
	assert.Equal(t, DeadlineOngoing, d.Type)
}

func TestDateFromSerial(t *testing.T) {
	cases := []struct {
		v     float64
		d1904 bool
		want  Date
	}{
		{43646, false, Date{2019, 6, 30}},
		{43646.75, false, Date{2019, 6, 30}}, // time of day dropped
		{1, false, Date{1900, 1, 1}},
		{59, false, Date{1900, 2, 28}},
		{61, false, Date{1900, 3, 1}},
		{2958465, false, Date{9999, 12, 31}},
		{42184, true, Date{2019, 6, 30}},
		{0, true, Date{1904, 1, 1}},
	}
	for _, c := range cases {
		got, err := DateFromSerial(c.v, c.d1904)
		require.NoError(t, err, c.v)
		assert.Equal(t, c.want, got, "%v 1904=%v", c.v, c.d1904)
	}
	for _, v := range []float64{0, -1, 0.5, 60, 2958466, 1e300} {
		_, err := DateFromSerial(v, false)
		assert.Error(t, err, "%v", v)
	}
	_, err := DateFromSerial(-1, true)
	assert.Error(t, err)
	_, err = DateFromSerial(2958465, true) // past 9999 in the 1904 system
	assert.Error(t, err)
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2019-06-30", "2019年6月30日", "二〇一九年六月三十日", "6.30", "06-30-19", "20190630", "2019-02-30"} {
		f.Add(s)
	}
	ref := Date{2019, 1, 1}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s, ref)
		if err != nil {
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			require.NotEmpty(t, pe.Zh)
			return
		}
		if d.IsZero() {
			return
		}
		require.Equal(t, NewDate(d.Y, d.M, d.D), d, "a parsed date exists")
		again, err := ParseDate(d.String(), Date{})
		require.NoError(t, err, d.String())
		require.Equal(t, d, again)
	})
}

func FuzzParseDeadline(f *testing.F) {
	for _, s := range []string{"2019年6月30日前", "6月底", "年底前", "长期坚持", "每月25日前", "三季度", "2019年3月至6月", "下周"} {
		f.Add(s)
	}
	ref := Date{2019, 3, 15}
	f.Fuzz(func(t *testing.T, s string) {
		dl, err := ParseDeadline(s, ref)
		if err != nil {
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			return
		}
		if dl.Type == DeadlineNone {
			require.Equal(t, Deadline{}, dl)
			return
		}
		require.Equal(t, s, dl.Text)
		require.Equal(t, dl.Type.HasDate(), !dl.Due.IsZero(), "only dated kinds carry a date")
		if !dl.Due.IsZero() {
			require.Equal(t, NewDate(dl.Due.Y, dl.Due.M, dl.Due.D), dl.Due)
		}
		if dl.Type == DeadlineMonthEnd {
			require.Equal(t, dl.Due.MonthEnd(), dl.Due)
		}
		if dl.Type == DeadlineYearEnd {
			require.Equal(t, Date{dl.Due.Y, 12, 31}, dl.Due)
		}
	})
}

func TestDeadlineTextOnlyKeepsOriginal(t *testing.T) {
	dl, err := ParseDeadline(" 2019年6月底前完成 ", Date{})
	require.NoError(t, err)
	assert.Equal(t, " 2019年6月底前完成 ", dl.Text)
	assert.Equal(t, Date{2019, 6, 30}, dl.Due)
}

func TestParseDeadlineEnglishPhrases(t *testing.T) {
	ref := NewDate(2019, 3, 1)
	for in, want := range map[string]Deadline{
		"end of year":     {Due: NewDate(2019, 12, 31), Type: DeadlineYearEnd},
		"Ongoing":         {Type: DeadlineOngoing},
		"end of June":     {Due: NewDate(2019, 6, 30), Type: DeadlineMonthEnd},
		"end of Sep 2020": {Due: NewDate(2020, 9, 30), Type: DeadlineMonthEnd},
		"H1":              {Due: NewDate(2019, 6, 30), Type: DeadlineMonthEnd},
	} {
		got, err := ParseDeadline(in, ref)
		require.NoError(t, err, in)
		assert.Equal(t, want.Due, got.Due, in)
		assert.Equal(t, want.Type, got.Type, in)
		assert.Equal(t, in, got.Text, "the typed text is kept")
	}
}

// Dates encode and decode by hand exactly as through encoding/json and
// time.Parse, valid or not: bodies hash their bytes.
func TestDateJSONIsTheGeneralPath(t *testing.T) {
	slow := func(b []byte) (Date, error) {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return Date{}, err
		}
		return ParseISO(s)
	}
	inputs := []string{`"2019-06-30"`, `"2020-02-29"`, `"2019-02-29"`, `"2019-13-01"`, `"2019-00-10"`, `"2019-04-31"`,
		`"2019-04-00"`, `"0000-01-01"`, `"9999-12-31"`, `"2019-6-30"`, `"2019/06/30"`, `"20190630"`, `"２０１９-06-30"`,
		`"\u0032019-06-30"`, `"2019-06-3x"`, `2019`, `"2019-06-30 "`, `""`}
	for y := 1899; y <= 2101; y += 101 {
		for m := 0; m <= 13; m++ {
			for d := 0; d <= 32; d += 4 {
				inputs = append(inputs, fmt.Sprintf(`"%04d-%02d-%02d"`, y, m, d))
			}
		}
	}
	for _, in := range inputs {
		want, wantErr := slow([]byte(in))
		var got Date
		err := got.UnmarshalJSON([]byte(in))
		assert.Equal(t, wantErr == nil, err == nil, in)
		if wantErr == nil {
			assert.Equal(t, want, got, in)
			b, err := got.MarshalJSON()
			require.NoError(t, err)
			if !got.IsZero() {
				std, err := json.Marshal(fmt.Sprintf("%04d-%02d-%02d", got.Y, got.M, got.D))
				require.NoError(t, err)
				assert.Equal(t, string(std), string(b), in)
				assert.Equal(t, fmt.Sprintf("%04d-%02d-%02d", got.Y, got.M, got.D), got.String())
			}
		}
	}
	for _, d := range []Date{{Y: 12345, M: 1, D: 1}, {Y: -1, M: 1, D: 1}, {Y: 2019, M: 14, D: 1}} {
		b, err := d.MarshalJSON()
		require.NoError(t, err)
		std, _ := json.Marshal(fmt.Sprintf("%04d-%02d-%02d", d.Y, d.M, d.D))
		assert.Equal(t, string(std), string(b), "out-of-range fields keep the general path")
	}
}
