package storage

import (
	"context"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// ledgerRows are rows of a ledger Taizhang did not write, as the reader
// hands them over: no hidden id or revision.
func ledgerRows(n int) []model.Incoming {
	fields := []string{"number", "title", "progress", "lead_unit", "deadline_text", "status", "source", "assigned_on"}
	var rows []model.Incoming
	for i := range n {
		t := newTask("督〔2019〕"+string(rune('A'+i))+"号", "事项"+string(rune('甲'+i)), "推进中")
		rows = append(rows, model.Incoming{Record: t, Fields: fields,
			Ref: model.RowRef{File: "台账.xlsx", Sheet: "督办", Row: i + 3}})
	}
	return rows
}

func importRows(t *testing.T, s *Store, rows []model.Incoming) *model.Plan {
	t.Helper()
	ctx := context.Background()
	plan, err := s.PlanImport(ctx, rows, nil, nil, "zh")
	require.NoError(t, err)
	require.Empty(t, plan.Rejected)
	_, err = s.ApplyImport(ctx, plan, ApplyOptions{By: "test", NoBackup: true})
	require.NoError(t, err)
	return plan
}

func actions(plan *model.Plan) map[model.Action]int {
	out := map[model.Action]int{}
	for _, it := range plan.Items {
		out[it.Action]++
	}
	return out
}

// The same ledger imported again is decided from each row's digest: the
// records' bodies are not read at all (here they are made unreadable, and
// the plan still finds every row unchanged).
func TestAnUnchangedRowIsKnownWithoutReadingItsRecord(t *testing.T) {
	s := openTestStore(t)
	s.verifyRowHash = false // it would read the body to check the digest
	ctx := context.Background()
	importRows(t, s, ledgerRows(3))

	_, err := s.wr.ExecContext(ctx, "UPDATE records SET body = 'not json' WHERE kind = 'tasks'")
	require.NoError(t, err)
	plan, err := s.PlanImport(ctx, ledgerRows(3), nil, nil, "zh")
	require.NoError(t, err)
	assert.Equal(t, map[model.Action]int{model.ActionUnchanged: 3}, actions(plan))

	// a row with one cell changed is read the long way, and meets the body
	rows := ledgerRows(3)
	rows[1].Record.(*model.Task).Progress = "已完成过半"
	_, err = s.PlanImport(ctx, rows, nil, nil, "zh")
	assert.Error(t, err, "the changed row must be compared with the stored record")
}

// A record edited here since the import no longer matches the digest: the
// row is merged as before and the local edit is kept.
func TestALocalEditSinceTheImportIsKept(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	importRows(t, s, ledgerRows(2))
	local, err := s.FindByKey(ctx, model.KindTask, model.NaturalKey(ledgerRows(2)[0].Record))
	require.NoError(t, err)
	local.(*model.Task).Remarks = "本机补充的备注"
	local.(*model.Task).Progress = "本机改过的进展"
	require.NoError(t, s.Save(ctx, local, "me"))

	plan := importRows(t, s, ledgerRows(2))
	assert.NotContains(t, actions(plan), model.ActionNew)
	got := getTask(t, s, local.RecordMeta().ID)
	assert.Equal(t, "本机补充的备注", got.Remarks)
	// the ledger's progress is what it was at the last import: the local
	// edit is the newer one, so it stays (a three-way merge)
	assert.Equal(t, "本机改过的进展", got.Progress)
}

// Every field of every kind's record is part of the digest: a cell that
// changed can never pass for unchanged.
func TestEveryFieldChangesTheRowDigest(t *testing.T) {
	for _, kind := range model.Kinds() {
		rec := model.New(kind)
		in := &model.Incoming{Record: rec}
		base := rowDigest(in)
		v := reflect.ValueOf(rec).Elem()
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if f.Type == metaType {
				continue
			}
			saved := reflect.New(f.Type).Elem()
			saved.Set(v.Field(i))
			require.True(t, fillValue(v.Field(i)), "%s.%s: a field of a type the test cannot fill", kind, f.Name)
			assert.NotEqual(t, base, rowDigest(in), "%s.%s changed but the digest did not", kind, f.Name)
			v.Field(i).Set(saved)
			assert.Equal(t, base, rowDigest(in), "%s.%s restored", kind, f.Name)
		}
	}

	// and what the sheet says about the row: its fields, roles, revision
	rec := newTask("督1号", "事项", "")
	in := &model.Incoming{Record: rec, Fields: []string{"number"}}
	d := rowDigest(in)
	for _, change := range []func(*model.Incoming){
		func(in *model.Incoming) { in.Fields = []string{"number", "title"} },
		func(in *model.Incoming) { in.UnitRoles = []model.Role{model.RoleLead} },
		func(in *model.Incoming) { in.BaseRev = "1-abc" },
		func(in *model.Incoming) { in.Record.RecordMeta().ID = "an-id" },
	} {
		c := *in
		c.Record = newTask("督1号", "事项", "")
		change(&c)
		assert.NotEqual(t, d, rowDigest(&c))
	}
}

// fillValue sets v to a value other than the one it holds (false when it
// cannot); for nested structs, through their first settable field.
func fillValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "改")
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(v.Uint() + 1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(v.Float() + 1.5)
	case reflect.Slice:
		v.Set(reflect.Append(v, reflect.New(v.Type().Elem()).Elem()))
	case reflect.Map:
		if v.IsNil() {
			v.Set(reflect.MakeMap(v.Type()))
		}
		k := reflect.New(v.Type().Key()).Elem()
		if k.Kind() == reflect.String {
			k.SetString("新列")
		}
		v.SetMapIndex(k, reflect.New(v.Type().Elem()).Elem())
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
			return true
		}
		return fillValue(v.Elem())
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(model.Date{}) {
			v.Set(reflect.ValueOf(model.NewDate(2024, 5, 31)))
			return true
		}
		for i := range v.NumField() {
			if v.Field(i).CanSet() && fillValue(v.Field(i)) {
				return true
			}
		}
		return false
	default:
		return false
	}
	return true
}

// Records no row made here (an older version's, without a digest) are
// stamped by the first plan that finds their rows unchanged, without a
// write that other plans would see as a change: the next import of the
// same rows is decided from the digests.
func TestOldRecordsLearnTheirRowsFromTheFirstUnchangedPlan(t *testing.T) {
	s := openTestStore(t)
	s.verifyRowHash = false // it would read the body to check the digest
	ctx := context.Background()
	importRows(t, s, ledgerRows(3))
	_, err := s.wr.ExecContext(ctx, "UPDATE records SET row_hash = 0")
	require.NoError(t, err)
	token, err := writeToken(ctx, s.rd)
	require.NoError(t, err)

	first, err := s.PlanImport(ctx, ledgerRows(3), nil, nil, "zh")
	require.NoError(t, err)
	assert.Equal(t, map[model.Action]int{model.ActionUnchanged: 3}, actions(first))
	after, err := writeToken(ctx, s.rd)
	require.NoError(t, err)
	assert.Equal(t, token, after, "stamping is not a write of data")

	_, err = s.wr.ExecContext(ctx, "UPDATE records SET body = 'not json' WHERE kind = 'tasks'")
	require.NoError(t, err)
	second, err := s.PlanImport(ctx, ledgerRows(3), nil, nil, "zh")
	require.NoError(t, err, "decided from the digests alone")
	assert.Equal(t, map[model.Action]int{model.ActionUnchanged: 3}, actions(second))
}
