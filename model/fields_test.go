package model

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFieldsFlattensWithoutMeta(t *testing.T) {
	task := &Task{
		Meta:     Meta{ID: "t1", Kind: KindTask, Rev: "r1", UpdatedAt: time.Now(), UpdatedBy: "me"},
		Number:   "督〔2019〕15号",
		Deadline: Deadline{Due: Date{2019, 6, 30}, Text: "6月底", Type: DeadlineMonthEnd},
		Units:    []UnitRole{{Name: "市财政局", Role: RoleLead}},
	}
	f, err := Fields(task)
	require.NoError(t, err)
	for _, k := range []string{"id", "kind", "rev", "updated_at", "updated_by", "deleted"} {
		assert.NotContains(t, f, k)
	}
	assert.JSONEq(t, `"督〔2019〕15号"`, string(f["number"]))
	assert.JSONEq(t, `"2019-06-30"`, string(f["deadline"]))
	assert.JSONEq(t, `"6月底"`, string(f["deadline_text"]))
	assert.JSONEq(t, `"month_end"`, string(f["deadline_kind"]))
	assert.JSONEq(t, `[{"name":"市财政局","role":"lead"}]`, string(f["units"]))
	assert.JSONEq(t, `null`, string(f["done_on"]))
}

func TestFieldsKeepsAFieldThatShadowsMeta(t *testing.T) {
	m := New(KindMeeting).(*Meeting)
	m.Kind = "special"
	f, err := Fields(m)
	require.NoError(t, err)
	assert.JSONEq(t, `"special"`, string(f["kind"]), "a meeting's own kind is a field")
}

func TestSetFields(t *testing.T) {
	meta := Meta{ID: "t1", Kind: KindTask, Rev: "r1", UpdatedBy: "me"}
	task := &Task{Meta: meta, Title: "old", Remarks: "keep", Percent: 40,
		Reports: []Report{{ID: "a", Done: "x"}}}
	shared := task.Reports
	err := SetFields(task, map[string]json.RawMessage{
		"title":    json.RawMessage(`"new"`),
		"percent":  json.RawMessage(`null`),
		"deadline": json.RawMessage(`"2019-12-31"`),
		"reports":  json.RawMessage(`[{"id":"b","done":"y"}]`),
	})
	require.NoError(t, err)
	assert.Equal(t, "new", task.Title)
	assert.Equal(t, 0, task.Percent, "null clears")
	assert.Equal(t, "keep", task.Remarks, "unnamed fields stay")
	assert.Equal(t, Date{2019, 12, 31}, task.Deadline.Due)
	assert.Equal(t, meta, task.Meta)
	assert.Equal(t, "b", task.Reports[0].ID)
	assert.Equal(t, "a", shared[0].ID, "the old slice is not written through")

	m := &Meeting{Meta: Meta{ID: "m1", Kind: KindMeeting}, Kind: "executive"}
	require.NoError(t, SetFields(m, map[string]json.RawMessage{"kind": json.RawMessage(`"special"`)}))
	assert.Equal(t, MeetingKind("special"), m.Kind)
	assert.Equal(t, KindMeeting, m.Meta.Kind)

	err = SetFields(task, map[string]json.RawMessage{"title": json.RawMessage(`"z"`), "nope": json.RawMessage(`1`)})
	assert.ErrorContains(t, err, `"nope"`)
	assert.Equal(t, "new", task.Title, "nothing changes on error")
	err = SetFields(task, map[string]json.RawMessage{"id": json.RawMessage(`"x"`)})
	assert.Error(t, err, "meta is not a field")

	err = SetFields(task, map[string]json.RawMessage{"percent": json.RawMessage(`"eighty"`)})
	assert.Error(t, err)
}

func TestIsEmptyJSON(t *testing.T) {
	for _, v := range []string{"", " ", "null", `""`, `"  "`, "0", "0.0", "-0", "false", "[]", "{}", " [ ] "} {
		assert.True(t, IsEmptyJSON(json.RawMessage(v)), "%q", v)
	}
	for _, v := range []string{`"a"`, "1", "true", "[0]", `{"a":1}`, "0.1", "nonsense"} {
		assert.False(t, IsEmptyJSON(json.RawMessage(v)), "%q", v)
	}
}

func TestEqualJSON(t *testing.T) {
	eq := [][2]string{
		{"null", `""`}, {"[]", "null"}, {"0", "false"}, {"{}", "[]"},
		{`{"a":1,"b":2}`, `{"b":2,"a":1}`},
		{`{"a":1,"b":""}`, `{"a":1}`},
		{"1", "1.0"}, {"1e2", "100"},
		{`[{"id":"x","n":null}]`, `[{"id":"x"}]`},
	}
	for _, c := range eq {
		assert.True(t, EqualJSON(json.RawMessage(c[0]), json.RawMessage(c[1])), "%s == %s", c[0], c[1])
	}
	ne := [][2]string{
		{`"a"`, `"b"`}, {"1", `"1"`}, {"[1,2]", "[2,1]"}, {`{"a":1}`, `{"a":2}`},
		{`{"a":1}`, `{"a":1,"b":3}`}, {"true", "false"}, {`"a"`, "null"},
	}
	for _, c := range ne {
		assert.False(t, EqualJSON(json.RawMessage(c[0]), json.RawMessage(c[1])), "%s != %s", c[0], c[1])
	}
}

func TestIsEmptyJSONFastPathsAgreeWithDecoding(t *testing.T) {
	for _, c := range []struct {
		v     string
		empty bool
	}{
		{`"　"`, true}, {`" "`, true}, {`"\u3000"`, true}, {`"\u00a0"`, true}, {`"a"`, false},
		{`"办"`, false}, {`"é"`, false}, {`0`, true}, {`0.0`, true}, {`1`, false}, {`[ ]`, true},
		{`{"a":1}`, false}, {`null`, true}, {``, true}, {`"\n"`, true},
		{`[1]`, false}, {`[""]`, false}, {`{ }`, true}, {`[`, false}, {`[]x`, false},
	} {
		assert.Equal(t, c.empty, IsEmptyJSON(json.RawMessage(c.v)), c.v)
	}
}

// Fields cuts the record's JSON as json.Unmarshal into a map of raw values
// would, value for value: for every kind, with text that JSON escapes
// (quotes, backslashes, line breaks, <>&, U+2028) and nested lists.
func TestFieldsIsWhatUnmarshalGives(t *testing.T) {
	odd := "引号\"、反斜杠\\、换行\n、<b>&、\u2028结束"
	for _, k := range Kinds() {
		r := New(k)
		// fill every string field, wherever it is, with the odd text
		b, err := json.Marshal(r)
		require.NoError(t, err)
		var m map[string]any
		require.NoError(t, json.Unmarshal(b, &m))
		for key, v := range m {
			if _, ok := v.(string); !ok || key == "kind" || key == "id" || key == "rev" {
				continue
			}
			m[key] = odd + key
			b, err := json.Marshal(m)
			require.NoError(t, err)
			if json.Unmarshal(b, New(k)) != nil {
				m[key] = v // not free text (a date, a word of a closed list)
			}
		}
		b, err = json.Marshal(m)
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(b, r), k)
		if tk, ok := r.(*Task); ok {
			tk.Reports = []Report{{ID: "r1", Done: odd, Percent: 40}, {ID: "r2", Problems: "{[,]}"}}
		}
		got, err := Fields(r)
		require.NoError(t, err)
		raw, err := json.Marshal(r)
		require.NoError(t, err)
		want := map[string]json.RawMessage{}
		require.NoError(t, json.Unmarshal(raw, &want))
		names := fieldNames(mustType(t, r))
		for key := range want {
			if !names[key] {
				delete(want, key)
			}
		}
		assert.Equal(t, len(want), len(got), k)
		for key, v := range want {
			assert.Equal(t, string(v), string(got[key]), "%s %s", k, key)
		}
	}
}

func mustType(t *testing.T, r Record) reflect.Type {
	t.Helper()
	rt, err := recordType(r)
	require.NoError(t, err)
	return rt
}

// EachJSONField cuts objects as encoding/json writes them; it checks their
// shape, not every value.
func TestEachJSONFieldRefusesWhatIsNoObject(t *testing.T) {
	for _, b := range []string{``, `[]`, `{"a":1`, `{"a" 1}`, `{"a":"x}`, `{"a":1}x`, `{1:2}`} {
		err := EachJSONField([]byte(b), func(string, json.RawMessage) {})
		assert.Error(t, err, b)
	}
	var keys []string
	require.NoError(t, EachJSONField([]byte(` { "a\u00e9" : [1, {"b":"}"}] , "c":null } `), func(k string, raw json.RawMessage) {
		keys = append(keys, k+"="+string(raw))
	}))
	assert.Equal(t, []string{`aé=[1, {"b":"}"}]`, "c=null"}, keys)
}

// decodedEqual is what EqualJSON gave before its shortcuts: both values
// decoded and compared (their bytes when either is no JSON).
func decodedEqual(a, b string) bool {
	x, okx := decodeJSON(json.RawMessage(a))
	y, oky := decodeJSON(json.RawMessage(b))
	if !okx || !oky {
		return bytes.Equal(bytes.TrimSpace([]byte(a)), bytes.TrimSpace([]byte(b)))
	}
	return a == b || (emptyValue(x) && emptyValue(y)) || equalValue(x, y)
}

// EqualJSON's shortcut for texts without escapes must give what decoding
// both values gives, for texts that are alike, blank in other ways,
// escaped, or not valid UTF-8.
func TestEqualJSONTextsAgreeWithDecoding(t *testing.T) {
	texts := []string{`""`, `" "`, `"　"`, `"\u3000"`, `"\u00a0"`, "\"\u00a0\"", `"\t"`, "\"\t\"",
		`"整改"`, `"整改 "`, `"\u6574\u6539"`, `"a"`, `"A"`, `"a\"b"`, `"a\\b"`, "\"\xff\"", "\"\xfe\"",
		`"0"`, `0`, `null`, `"null"`, `false`, `" 整改"`}
	for _, a := range texts {
		for _, b := range texts {
			assert.Equal(t, decodedEqual(a, b), EqualJSON(json.RawMessage(a), json.RawMessage(b)), "%q vs %q", a, b)
		}
	}
}

// Random JSON values and variations of them (keys reordered, empty keys
// added or dropped, a leaf changed, numbers respelled) compare by
// EqualJSON as they do once decoded.
func TestEqualJSONWalksAsDecodingCompares(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 14))
	leaves := []string{`""`, `" "`, `"　"`, `"\u3000"`, `"整改"`, `"整改 "`, `"\u6574\u6539"`, `"a\"b"`, `0`, `0.0`, `1`, `1.0`, `1e2`, `100`,
		`-0`, `true`, `false`, `null`, `[]`, `{}`, `"0"`}
	var value func(depth int) string
	value = func(depth int) string {
		switch n := rng.IntN(6); {
		case depth > 2 || n < 3:
			return leaves[rng.IntN(len(leaves))]
		case n < 5:
			k := rng.IntN(4)
			parts := make([]string, k)
			for i := range parts {
				parts[i] = value(depth + 1)
			}
			return "[" + strings.Join(parts, ",") + "]"
		default:
			keys := []string{"id", "name", "role", "done", "n"}
			k := rng.IntN(4)
			parts := make([]string, 0, k)
			for i := 0; i < k; i++ {
				parts = append(parts, strconv.Quote(keys[rng.IntN(len(keys))])+":"+value(depth+1))
			}
			return "{" + strings.Join(parts, ", ") + "}"
		}
	}
	vary := func(v string) string {
		var x any
		d := json.NewDecoder(strings.NewReader(v))
		d.UseNumber()
		if d.Decode(&x) != nil {
			return v
		}
		var walk func(x any) any
		walk = func(x any) any {
			switch x := x.(type) {
			case map[string]any:
				out := map[string]any{}
				for k, v := range x {
					if rng.IntN(5) == 0 && emptyValue(v) {
						continue // an empty key dropped
					}
					out[k] = walk(v)
				}
				if rng.IntN(5) == 0 {
					out["extra"] = ""
				}
				return out
			case []any:
				for i := range x {
					x[i] = walk(x[i])
				}
				if rng.IntN(8) == 0 && len(x) > 0 {
					x[0] = "changed"
				}
				return x
			case json.Number:
				if rng.IntN(3) == 0 {
					f, _ := x.Float64()
					return json.Number(strconv.FormatFloat(f, 'e', -1, 64))
				}
			}
			return x
		}
		b, _ := json.Marshal(walk(x))
		return string(b)
	}
	equal := 0
	for i := 0; i < 20000; i++ {
		a := value(0)
		b := vary(a)
		if rng.IntN(4) == 0 {
			b = value(0)
		}
		want := decodedEqual(a, b)
		if want {
			equal++
		}
		require.Equal(t, want, EqualJSON(json.RawMessage(a), json.RawMessage(b)), "%s vs %s", a, b)
	}
	assert.Greater(t, equal, 2000, "the pairs must hold equal ones")
	assert.Less(t, equal, 18000, "and unequal ones")
}
