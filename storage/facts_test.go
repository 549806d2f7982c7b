package storage

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// requireFiguresAreFacts checks that Figures gives, record by record, the
// FigureFacts of what Dataset gives, and the same figures.
func requireFiguresAreFacts(t *testing.T, s *Store) model.Dataset {
	t.Helper()
	ctx := context.Background()
	full, err := s.Dataset(ctx)
	require.NoError(t, err)
	got, err := s.Figures(ctx)
	require.NoError(t, err)
	var want model.Dataset
	want.Units = full.Units
	full.Each(func(r model.Record) {
		f := model.FigureFacts(r)
		m := r.RecordMeta()
		*f.RecordMeta() = model.Meta{ID: m.ID, Kind: m.Kind}
		want.Add(f)
	})
	require.Equal(t, want, got)
	from, to := model.NewDate(2019, 1, 1), model.NewDate(2019, 12, 31)
	require.Equal(t, model.Summarize(full, from, to, model.DefaultRules()), model.Summarize(got, from, to, model.DefaultRules()))
	return got
}

// The statistics read each record's figure facts, kept with its body
// through every kind of write: a save, an edit, a deletion, a merge of a
// department's return and a kept conflict.
func TestFiguresFollowEveryWrite(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	d := func(v string) model.Date {
		x, err := model.ParseISO(v)
		require.NoError(t, err)
		return x
	}
	save := func(r model.Record) {
		t.Helper()
		require.NoError(t, s.Save(ctx, r, "测试"))
	}
	save(&model.Unit{Name: "市发展和改革委员会", Aliases: []string{"市发改委"}})
	first := sampleTask("督〔2019〕1号", "甲事项")
	first.AssignedOn = d("2019-03-01")
	first.Progress = "已完成方案编制"
	save(first)
	second := sampleTask("督〔2019〕2号", "乙事项")
	second.AssignedOn = d("2019-04-01")
	save(second)
	gone := sampleTask("督〔2019〕3号", "已删除事项")
	save(gone)
	save(&model.Meeting{Number: "第1次", HeldOn: d("2019-06-05"), Topics: 4, Remarks: "议定事项另行交办"})
	save(&model.Proposal{Body: model.BodyNPC, Number: "1", Title: "关于加强养老服务的建议", AssignedOn: d("2019-06-01"), Remarks: "重点"})
	save(&model.Visit{Number: "DY-1", Type: model.VisitResearch, StartOn: d("2019-06-03"), Leader: "王明", Findings: "道路破损"})
	save(&model.Problem{Description: "道路破损", Visit: "DY-1", ResolvedOn: d("2019-06-20"), Resolution: "已修复"})
	save(&model.Point{Name: "城关联系点", Remarks: "每月一次"})
	save(&model.Fund{Date: d("2019-06-10"), SourceText: "财政专项", AmountFen: 100_000_00, Remarks: "第一批"})
	save(&model.Project{Name: "大棚", StartOn: d("2019-06-01"), Content: "新建蔬菜大棚20座"})
	requireFiguresAreFacts(t, s)

	// the free text is not in the facts, the counted fields are
	var data string
	require.NoError(t, s.rd.QueryRow("SELECT f.data FROM facts f JOIN records r ON r.seq = f.seq WHERE r.id = ?", first.ID).Scan(&data))
	assert.NotContains(t, data, "老旧小区", "the content is left out")
	assert.NotContains(t, data, "方案编制", "the progress is left out")
	assert.Contains(t, data, "甲事项")
	assert.Contains(t, data, "2019-03-01")

	// an edit moves the facts with the body
	first.Status = model.TaskDone
	first.DoneOn = d("2019-05-20")
	save(first)
	got := requireFiguresAreFacts(t, s)
	assert.Equal(t, model.TaskDone, got.Tasks[0].Status)

	// a deletion takes the facts away
	require.NoError(t, s.Delete(ctx, gone.ID, "测试"))
	got = requireFiguresAreFacts(t, s)
	assert.Len(t, got.Tasks, 2)
	var n int
	require.NoError(t, s.rd.QueryRow("SELECT count(*) FROM facts").Scan(&n))
	assert.Equal(t, 9, n, "two tasks and one of every other counted kind; no unit")

	problems, err := s.Check(ctx)
	require.NoError(t, err)
	assert.Empty(t, problems)
}

// A changed facts row (or one left behind) is found by Check.
func TestCheckFindsFactsThatDisagreeWithTheBody(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	task := sampleTask("督〔2019〕1号", "甲事项")
	require.NoError(t, s.Save(ctx, task, "测试"))
	_, err := s.wr.Exec(`UPDATE facts SET data = json_set(data, '$.status', 'closed')`)
	require.NoError(t, err)
	_, err = s.wr.Exec(`INSERT INTO facts (seq, kind, data) VALUES (999, 'tasks', '{}')`)
	require.NoError(t, err)
	problems, err := s.Check(ctx)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"record " + task.ID + ": the figures would count it from other data than its body",
		"1 figure facts belong to no record",
	}, problems)
}

// A database from before schema 7 gets the facts of its records.
func TestMigrationWritesTheFigureFacts(t *testing.T) {
	ctx := context.Background()
	dir, id, _, _ := schema1File(t)
	s, err := Open(dir)
	require.NoError(t, err)
	defer s.Close()
	got := requireFiguresAreFacts(t, s)
	require.Len(t, got.Tasks, 1)
	assert.Equal(t, id, got.Tasks[0].ID)
	problems, err := s.Check(ctx)
	require.NoError(t, err)
	assert.Empty(t, problems)
}

// dropEmpty leaves out what decoding gives anyway, at any depth, and keeps
// everything else byte for byte.
func TestDropEmpty(t *testing.T) {
	for in, want := range map[string]string{
		`{}`:                                    `{}`,
		`{"a":null,"b":"","c":false,"d":0}`:     `{}`,
		`{"updated_at":"0001-01-01T00:00:00Z"}`: `{}`,
		`{"title":"0001-01-01T00:00:00Z"}`:      `{"title":"0001-01-01T00:00:00Z"}`,
		`{"a":1,"b":"","c":"x"}`:                `{"a":1,"c":"x"}`,
		`{"a":0.5,"b":-0,"c":10,"d":true}`:      `{"a":0.5,"b":-0,"c":10,"d":true}`,
		`{"a":[],"b":{},"c":[0,"",null]}`:       `{"a":[],"b":{},"c":[0,"",null]}`,
		`{"r":[{"x":"","y":"2"},{"x":null}]}`:   `{"r":[{"y":"2"},{}]}`,
		`{"q":"say \"\" {0}","e":""}`:           `{"q":"say \"\" {0}"}`,
		`{"n":{"m":{"k":""},"j":"\\"}}`:         `{"n":{"m":{},"j":"\\"}}`,
		`{"s":"a,b}","t":0,"u":"]"}`:            `{"s":"a,b}","u":"]"}`,
	} {
		out, err := dropEmpty([]byte(in))
		require.NoError(t, err, in)
		got := string(out)
		assert.Equal(t, want, got, in)
		assert.True(t, json.Valid([]byte(got)), in)
	}
}
