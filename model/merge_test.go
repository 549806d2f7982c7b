package model

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mergeTask(title, progress, remarks string, percent int) *Task {
	return &Task{Meta: Meta{ID: "t1", Kind: KindTask, Rev: "r2"}, Number: "督〔2019〕15号",
		Title: title, Progress: progress, Remarks: remarks, Percent: percent}
}

func TestMerge3WithBase(t *testing.T) {
	base := mergeTask("标题", "进展A", "备注", 10)
	fields := []string{"title", "progress", "remarks", "percent"}

	t.Run("one-sided local", func(t *testing.T) {
		local := mergeTask("标题", "进展B", "备注", 10)
		incoming := mergeTask("标题", "进展A", "备注", 10)
		res, changed, conflicts, err := Merge3(base, local, incoming, fields)
		require.NoError(t, err)
		assert.Empty(t, changed)
		assert.Empty(t, conflicts)
		assert.Equal(t, "进展B", res.(*Task).Progress)
	})
	t.Run("one-sided incoming", func(t *testing.T) {
		local := mergeTask("标题", "进展A", "备注", 10)
		incoming := mergeTask("标题", "进展C", "", 50)
		res, changed, conflicts, err := Merge3(base, local, incoming, fields)
		require.NoError(t, err)
		assert.Equal(t, []string{"progress", "remarks", "percent"}, changed)
		assert.Empty(t, conflicts)
		got := res.(*Task)
		assert.Equal(t, "进展C", got.Progress)
		assert.Equal(t, "", got.Remarks, "a cell cleared in the exported sheet clears the field")
		assert.Equal(t, 50, got.Percent)
		assert.Equal(t, local.Meta, got.Meta)
		assert.Equal(t, "进展A", local.Progress, "local is not modified")
	})
	t.Run("both same", func(t *testing.T) {
		local := mergeTask("标题", "进展D", "备注", 10)
		incoming := mergeTask("标题", "进展D", "备注", 10)
		_, changed, conflicts, err := Merge3(base, local, incoming, fields)
		require.NoError(t, err)
		assert.Empty(t, changed)
		assert.Empty(t, conflicts)
	})
	t.Run("both different is a conflict keeping local", func(t *testing.T) {
		local := mergeTask("标题", "本地进展", "备注", 10)
		incoming := mergeTask("新标题", "表格进展", "备注", 10)
		res, changed, conflicts, err := Merge3(base, local, incoming, fields)
		require.NoError(t, err)
		assert.Equal(t, []string{"title"}, changed, "the other field still merges")
		require.Len(t, conflicts, 1)
		c := conflicts[0]
		assert.Equal(t, "progress", c.Field)
		assert.JSONEq(t, `"进展A"`, string(c.Base))
		assert.JSONEq(t, `"本地进展"`, string(c.Local))
		assert.JSONEq(t, `"表格进展"`, string(c.Incoming))
		assert.Equal(t, "本地进展", res.(*Task).Progress)
		assert.Equal(t, "新标题", res.(*Task).Title)
	})
	t.Run("field not in the sheet is untouched", func(t *testing.T) {
		local := mergeTask("标题", "进展A", "备注", 10)
		incoming := mergeTask("别的", "进展Z", "", 0)
		res, changed, conflicts, err := Merge3(base, local, incoming, []string{"progress"})
		require.NoError(t, err)
		assert.Equal(t, []string{"progress"}, changed)
		assert.Empty(t, conflicts)
		got := res.(*Task)
		assert.Equal(t, "标题", got.Title)
		assert.Equal(t, "备注", got.Remarks)
		assert.Equal(t, 10, got.Percent)
	})
}

func TestMerge3WithoutBase(t *testing.T) {
	fields := []string{"title", "progress", "remarks", "percent"}
	local := mergeTask("标题", "本地进展", "", 30)
	incoming := mergeTask("标题", "", "新备注", 60)
	res, changed, conflicts, err := Merge3(nil, local, incoming, fields)
	require.NoError(t, err)
	got := res.(*Task)
	assert.Equal(t, "本地进展", got.Progress, "an empty incoming value never blanks a field")
	assert.Equal(t, "新备注", got.Remarks, "an empty local value takes incoming")
	assert.Equal(t, []string{"remarks"}, changed)
	require.Len(t, conflicts, 1)
	assert.Equal(t, "percent", conflicts[0].Field)
	assert.Nil(t, conflicts[0].Base)
	assert.JSONEq(t, "30", string(conflicts[0].Local))
	assert.JSONEq(t, "60", string(conflicts[0].Incoming))
	assert.Equal(t, 30, got.Percent)
}

func TestMerge3NestedAndStructFields(t *testing.T) {
	local := &Task{Meta: Meta{ID: "t1"}, Units: []UnitRole{{Name: "市财政局", Role: RoleLead}}}
	incoming := &Task{Deadline: Deadline{Due: Date{2019, 6, 30}, Text: "6月底", Type: DeadlineMonthEnd},
		Units: []UnitRole{{Name: "市财政局", Role: RoleLead}}}
	res, changed, conflicts, err := Merge3(nil, local, incoming, []string{"units", "deadline", "deadline_text", "deadline_kind"})
	require.NoError(t, err)
	assert.Empty(t, conflicts)
	assert.Equal(t, []string{"deadline", "deadline_text", "deadline_kind"}, changed)
	assert.Equal(t, incoming.Deadline, res.(*Task).Deadline)
}

func TestMerge3ArrayByID(t *testing.T) {
	rep := func(id, done, review string) Report {
		return Report{ID: id, Unit: "市财政局", Period: id, Done: done, ReviewNote: review}
	}
	t.Run("with base: union, one-sided edits apply", func(t *testing.T) {
		base := &Task{Reports: []Report{rep("2019-05", "五月", "")}}
		local := &Task{Reports: []Report{rep("2019-05", "五月", ""), rep("2019-06", "六月本地", "")}}
		incoming := &Task{Reports: []Report{rep("2019-05", "五月改", ""), rep("2019-07", "七月", "")}}
		res, changed, conflicts, err := Merge3(base, local, incoming, []string{"reports"})
		require.NoError(t, err)
		assert.Empty(t, conflicts)
		assert.Equal(t, []string{"reports"}, changed)
		assert.Equal(t, []Report{rep("2019-05", "五月改", ""), rep("2019-06", "六月本地", ""), rep("2019-07", "七月", "")}, res.(*Task).Reports)
	})
	t.Run("with base: element changed on both sides is a conflict", func(t *testing.T) {
		base := &Task{Reports: []Report{rep("2019-05", "五月", "")}}
		local := &Task{Reports: []Report{rep("2019-05", "五月", "退回")}}
		incoming := &Task{Reports: []Report{rep("2019-05", "五月改", "")}}
		res, changed, conflicts, err := Merge3(base, local, incoming, []string{"reports"})
		require.NoError(t, err)
		assert.Empty(t, changed)
		require.Len(t, conflicts, 1)
		assert.Equal(t, "reports", conflicts[0].Field)
		assert.Equal(t, local.Reports, res.(*Task).Reports)
		var inc []Report
		require.NoError(t, json.Unmarshal(conflicts[0].Incoming, &inc))
		assert.Equal(t, incoming.Reports, inc)
	})
	t.Run("with base: an element missing from the sheet is not deleted", func(t *testing.T) {
		base := &Task{Reports: []Report{rep("2019-05", "五月", ""), rep("2019-06", "六月", "")}}
		local := &Task{Reports: []Report{rep("2019-05", "五月", ""), rep("2019-06", "六月", "")}}
		incoming := &Task{Reports: []Report{rep("2019-05", "五月", "")}}
		res, changed, conflicts, err := Merge3(base, local, incoming, []string{"reports"})
		require.NoError(t, err)
		assert.Empty(t, changed)
		assert.Empty(t, conflicts)
		assert.Len(t, res.(*Task).Reports, 2)
	})
	t.Run("with base: removed locally stays removed unless the sheet changed it", func(t *testing.T) {
		base := &Task{Reminders: []Reminder{{ID: "r1", Note: "电话"}}}
		local := &Task{}
		res, changed, conflicts, err := Merge3(base, local, &Task{Reminders: []Reminder{{ID: "r1", Note: "电话"}}}, []string{"reminders"})
		require.NoError(t, err)
		assert.Empty(t, changed)
		assert.Empty(t, conflicts)
		assert.Empty(t, res.(*Task).Reminders)
		_, _, conflicts, err = Merge3(base, local, &Task{Reminders: []Reminder{{ID: "r1", Note: "催办单"}}}, []string{"reminders"})
		require.NoError(t, err)
		assert.Len(t, conflicts, 1)
	})
	t.Run("without base: keys merge by the no-base rules", func(t *testing.T) {
		local := &Task{Reports: []Report{rep("2019-05", "五月", "已审核")}}
		incoming := &Task{Reports: []Report{rep("2019-05", "五月", ""), rep("2019-06", "六月", "")}}
		incoming.Reports[0].Problems = "资金不足"
		res, changed, conflicts, err := Merge3(nil, local, incoming, []string{"reports"})
		require.NoError(t, err)
		assert.Empty(t, conflicts)
		assert.Equal(t, []string{"reports"}, changed)
		got := res.(*Task).Reports
		require.Len(t, got, 2)
		assert.Equal(t, "已审核", got[0].ReviewNote, "the sheet's empty cell does not blank the review")
		assert.Equal(t, "资金不足", got[0].Problems)
		assert.Equal(t, "六月", got[1].Done)

		incoming.Reports[0].Done = "五月不同"
		_, _, conflicts, err = Merge3(nil, local, incoming, []string{"reports"})
		require.NoError(t, err)
		assert.Len(t, conflicts, 1)
	})
}

func TestMerge3Errors(t *testing.T) {
	_, _, _, err := Merge3(nil, &Task{}, &Proposal{}, []string{"title"})
	assert.Error(t, err)
	_, _, _, err = Merge3(nil, &Task{}, &Task{}, []string{"no_such"})
	assert.ErrorContains(t, err, "no_such")
	_, _, _, err = Merge3(&Proposal{}, &Task{}, &Task{}, []string{"title"})
	assert.Error(t, err)
	_, _, _, err = Merge3(nil, nil, &Task{}, []string{"title"})
	assert.Error(t, err)
	var nilTask *Task
	_, _, _, err = Merge3(nilTask, &Task{Title: "a"}, &Task{Title: "b"}, []string{"title"})
	require.NoError(t, err, "a typed nil base is no base")
}

func TestMerge3MeetingKindAndWholeArrays(t *testing.T) {
	local := &Meeting{Meta: Meta{ID: "m1", Kind: KindMeeting}, Kind: "executive", Topics: 5}
	incoming := &Meeting{Kind: "special", Topics: 5}
	base := &Meeting{Kind: "executive", Topics: 5}
	res, changed, conflicts, err := Merge3(base, local, incoming, []string{"kind", "topics"})
	require.NoError(t, err)
	assert.Empty(t, conflicts)
	assert.Equal(t, []string{"kind"}, changed)
	got := res.(*Meeting)
	assert.Equal(t, MeetingKind("special"), got.Kind, "the meeting's kind is a field")
	assert.Equal(t, KindMeeting, got.Meta.Kind, "the record kind stays")

	// Units carry no id: the list is one value.
	lt := &Task{Units: []UnitRole{{Name: "市财政局", Role: RoleLead}}}
	it := &Task{Units: []UnitRole{{Name: "市财政局", Role: RoleLead}, {Name: "市商务局", Role: RoleCooperating}}}
	_, changed, conflicts, err = Merge3(nil, lt, it, []string{"units"})
	require.NoError(t, err)
	assert.Empty(t, changed)
	require.Len(t, conflicts, 1)
	assert.Equal(t, "units", conflicts[0].Field)
	res, changed, _, err = Merge3(&Task{Units: lt.Units}, lt, it, []string{"units"})
	require.NoError(t, err)
	assert.Equal(t, []string{"units"}, changed)
	assert.Equal(t, it.Units, res.(*Task).Units)
}

func TestMerge3LeavesInputsAlone(t *testing.T) {
	local := &Task{Meta: Meta{ID: "t1"}, Reports: []Report{{ID: "a", Done: "本地"}}}
	incoming := &Task{Reports: []Report{{ID: "a", Done: "本地", Problems: "新问题"}, {ID: "b", Done: "新"}}}
	res, changed, _, err := Merge3(nil, local, incoming, []string{"reports"})
	require.NoError(t, err)
	assert.Equal(t, []string{"reports"}, changed)
	res.(*Task).Reports[0].Done = "changed in result"
	assert.Equal(t, []Report{{ID: "a", Done: "本地"}}, local.Reports)
	assert.Len(t, incoming.Reports, 2)
	assert.Equal(t, "新问题", res.(*Task).Reports[0].Problems)
}

// A list merges by id only when every element is an object with a
// distinct, non-empty string id.
func TestParseIDList(t *testing.T) {
	for v, want := range map[string][]string{
		`[{"id":"a","x":1},{"x":2,"id":"b"}]`: {"a", "b"},
		` [ {"id" : "a\"1"} ] `:               {`a"1`},
		`[{"\u0069d":"c"}]`:                   {"c"},
		`[]`:                                  {},
		`null`:                                {},
		`[{"id":"a"},{"id":"a"}]`:             nil,
		`[{"id":"a"},{"x":1}]`:                nil,
		`[{"id":1}]`:                          nil,
		`[{"id":""}]`:                         nil,
		`["a","b"]`:                           nil,
		`"a"`:                                 nil,
		`[{"id":"a","list":[{"id":"x"}]}]`:    {"a"},
	} {
		l, ok := parseIDList(json.RawMessage(v))
		assert.Equal(t, want != nil, ok, v)
		if ok {
			assert.Equal(t, len(want), len(l.order), v)
			for i, id := range want {
				assert.Equal(t, id, l.order[i], v)
				assert.True(t, json.Valid(l.byID[id]), v)
			}
		}
	}
}

// A merged record is the local record with the merged fields set over it,
// as copying it and calling SetFields gives: for every kind's dataset
// record with every text filled, for fields set, cleared (empty values) or
// left, and for lists.
func TestMergedRecordIsLocalWithFieldsSet(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 2))
	n := 0
	figuresDataset(t).Each(func(local Record) {
		n++
		local.RecordMeta().ID, local.RecordMeta().Rev = fmt.Sprintf("r%d", n), "1-x"
		fillText(reflect.ValueOf(local), fmt.Sprintf("本机第%d条", n))
		typ := reflect.TypeOf(local).Elem()
		lf, err := Fields(local)
		require.NoError(t, err)
		other := reflect.New(typ).Interface().(Record)
		fillText(reflect.ValueOf(other), "来件的文字")
		of, err := Fields(other)
		require.NoError(t, err)
		for range 5 {
			apply := map[string]json.RawMessage{}
			for name, v := range of {
				switch rng.IntN(4) {
				case 0:
					apply[name] = v
				case 1:
					apply[name] = json.RawMessage(" ") // cleared
				}
			}
			b, err := json.Marshal(local)
			require.NoError(t, err)
			want := reflect.New(typ).Interface().(Record)
			require.NoError(t, json.Unmarshal(b, want))
			*want.RecordMeta() = *local.RecordMeta()
			require.NoError(t, SetFields(want, apply))

			got, err := withFields(local, typ, lf, apply)
			require.NoError(t, err)
			assert.Equal(t, want, got, "%T with %d fields set", local, len(apply))
		}
	})
	assert.Greater(t, n, 5)
}
