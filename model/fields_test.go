package model

import (
	"encoding/json"
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
	} {
		assert.Equal(t, c.empty, IsEmptyJSON(json.RawMessage(c.v)), c.v)
	}
}
