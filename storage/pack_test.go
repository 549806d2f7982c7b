package storage

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/klauspost/compress/zstd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// saveNumbered saves n tasks numbered from 1 in one transaction.
func saveNumbered(t *testing.T, s *Store, n int) []string {
	t.Helper()
	ids := make([]string, n)
	require.NoError(t, s.Update(context.Background(), func(tx *Tx) error {
		for i := range n {
			task := newTask(fmt.Sprintf("督〔2025〕%d号", i+1), fmt.Sprintf("老旧小区改造第%d项", i+1),
				fmt.Sprintf("已完成%d个小区的加装电梯，整改问题%d个", i+1, i%7))
			task.Units = append(task.Units, model.UnitRole{Name: fmt.Sprintf("第%d街道办事处", i%5), Role: model.RoleCooperating})
			task.Percent = i % 100
			if err := tx.Save(context.Background(), task, "测试", ""); err != nil {
				return err
			}
			ids[i] = task.ID
		}
		return nil
	}))
	return ids
}

// storedAs says how each record's body is stored: "text" or "blob".
func storedAs(t *testing.T, s *Store, table, col string) map[string]int {
	t.Helper()
	rows, err := s.rd.Query("SELECT typeof(" + col + ") FROM " + table)
	require.NoError(t, err)
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var typ string
		require.NoError(t, rows.Scan(&typ))
		out[typ]++
	}
	return out
}

func TestALargeSaveIsStoredPackedAndReadsBackEverywhere(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	t.Setenv("TAIZHANG_PACK_AFTER", "")
	s, err := Open(dir)
	require.NoError(t, err)
	ids := saveNumbered(t, s, 200)

	// the first 64 bodies made the dictionary and stay text; the rest are packed
	var dicts int
	require.NoError(t, s.rd.QueryRow("SELECT count(*) FROM dicts WHERE kind = 'tasks'").Scan(&dicts))
	assert.Equal(t, 1, dicts)
	assert.Equal(t, map[string]int{"text": dictSample, "blob": 200 - dictSample}, storedAs(t, s, "records", "body"))
	var factsPacked int
	require.NoError(t, s.rd.QueryRow("SELECT count(*) FROM facts WHERE hex(substr(data, 1, 1)) = '03'").Scan(&factsPacked))
	assert.Equal(t, 200-dictSample, factsPacked)
	var packed, text int
	require.NoError(t, s.rd.QueryRow(`SELECT sum(length(body)) FROM records WHERE typeof(body) = 'blob'`).Scan(&packed))
	require.NoError(t, s.rd.QueryRow(`SELECT sum(length(body)) FROM records WHERE typeof(body) = 'text'`).Scan(&text))
	assert.Less(t, float64(packed)/float64(200-dictSample), 0.5*float64(text)/dictSample, "packed bodies are less than half the size")

	last := getTask(t, s, ids[199])
	assert.Equal(t, "老旧小区改造第200项", last.Title)
	assert.Equal(t, "已完成200个小区的加装电梯，整改问题3个", last.Progress)
	assert.Equal(t, 99, last.Percent)

	// SQL that reads into bodies: a unit named only in units[], a
	// search term of several runs (verified on the body), a sort by a
	// field without a column
	n, err := s.Count(ctx, Query{Kind: model.KindTask, Unit: "第3街道办事处"})
	require.NoError(t, err)
	assert.Equal(t, 40, n)
	found, err := s.List(ctx, Query{Kind: model.KindTask, Text: "第150项"})
	require.NoError(t, err)
	require.Len(t, found, 1)
	assert.Equal(t, ids[149], found[0].RecordMeta().ID)
	sorted, err := s.List(ctx, Query{Kind: model.KindTask, Sort: "-percent", Limit: 2})
	require.NoError(t, err)
	require.Len(t, sorted, 2)
	assert.Equal(t, 99, sorted[0].(*model.Task).Percent)

	ds, err := s.Figures(ctx)
	require.NoError(t, err)
	assert.Len(t, ds.Tasks, 200)

	// an edit keeps the old body as a packed revision, readable
	last.Progress = "全部完成"
	require.NoError(t, s.Save(ctx, last, "测试"))
	assert.Equal(t, 1, storedAs(t, s, "revisions", "body")["blob"])
	old, err := s.RevisionBody(ctx, ids[199], last.Rev)
	require.NoError(t, err)
	assert.Equal(t, "全部完成", old.(*model.Task).Progress)
	hist, err := s.History(ctx, ids[199])
	require.NoError(t, err)
	assert.NotEmpty(t, hist)

	problems, err := s.Check(ctx)
	require.NoError(t, err)
	assert.Empty(t, problems)
	require.NoError(t, s.Close())

	// another process (a fresh registry) reads them from the file
	forgetDictionaries(t)
	problems, err = CheckFile(dir + "/" + DBName)
	require.NoError(t, err)
	assert.Empty(t, problems)
	forgetDictionaries(t)
	s, err = Open(dir)
	require.NoError(t, err)
	defer s.Close()
	assert.Equal(t, "全部完成", getTask(t, s, ids[199]).Progress)

	// later saves pack with the stored dictionary at once
	more := saveNumbered(t, s, 3)
	assert.Equal(t, 200-dictSample+3, storedAs(t, s, "records", "body")["blob"])
	assert.Equal(t, "老旧小区改造第3项", getTask(t, s, more[2]).Title)
}

// forgetDictionaries empties the process's registry, as a program that
// has not read the file's dictionaries yet.
func forgetDictionaries(t *testing.T) {
	dictionaries.mu.Lock()
	defer dictionaries.mu.Unlock()
	clear(dictionaries.byID)
	if dictionaries.dec != nil {
		dictionaries.dec.Close()
		dictionaries.dec = nil
	}
}

func TestADictionaryMadeByAnotherProgramIsReadWhenMet(t *testing.T) {
	t.Setenv("TAIZHANG_PACK_AFTER", "")
	dir := t.TempDir()
	a, err := Open(dir)
	require.NoError(t, err)
	defer a.Close()
	b, err := Open(dir) // the other program: its own connections
	require.NoError(t, err)
	ids := saveNumbered(t, b, 100)
	require.NoError(t, b.Close())
	forgetDictionaries(t) // a never read it

	assert.Equal(t, "老旧小区改造第100项", getTask(t, a, ids[99]).Title)
	n, err := a.Count(context.Background(), Query{Kind: model.KindTask, Unit: "第4街道办事处"})
	require.NoError(t, err)
	assert.Equal(t, 20, n)
	// and a packs its own new bodies with it
	saveNumbered(t, a, 1)
	assert.Equal(t, 100-dictSample+1, storedAs(t, a, "records", "body")["blob"])
}

func TestADictionaryOfARolledBackSaveIsNotKept(t *testing.T) {
	t.Setenv("TAIZHANG_PACK_AFTER", "")
	s := openTestStore(t)
	err := s.Update(context.Background(), func(tx *Tx) error {
		for i := range 100 {
			if err := tx.Save(context.Background(), newTask(fmt.Sprint(i), "题目", "进展"), "测试", ""); err != nil {
				return err
			}
		}
		return errors.New("cancelled")
	})
	require.Error(t, err)
	var n int
	require.NoError(t, s.rd.QueryRow("SELECT count(*) FROM dicts").Scan(&n))
	assert.Zero(t, n)
	saveNumbered(t, s, 10)
	assert.Equal(t, map[string]int{"text": 10}, storedAs(t, s, "records", "body"), "no dictionary in the file, none to pack with")
}

func TestTwoDictionariesOfOneIDAreRefused(t *testing.T) {
	a := newDictionary(model.KindTask, [][]byte{[]byte(`{"title":"老旧小区改造","progress":"已完成"}`)})
	_, err := dictionaries.add(a)
	require.NoError(t, err)
	b := &dictionary{id: a.id, kind: model.KindTask, data: []byte(`{"title":"另一个"}`)}
	_, err = dictionaries.add(b)
	assert.ErrorIs(t, err, errDictClash, "the id must keep naming one content")
}

// Databases written before S2 hold zstd frames made with the kind's
// dictionary: they keep reading, beside the S2 values written since.
func TestValuesPackedWithZstdStillRead(t *testing.T) {
	t.Setenv("TAIZHANG_PACK_AFTER", "")
	s := openTestStore(t)
	ids := saveNumbered(t, s, 100)
	var id uint32
	var data []byte
	require.NoError(t, s.rd.QueryRow("SELECT id, data FROM dicts WHERE kind = 'tasks'").Scan(&id, &data))
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderCRC(false), zstd.WithEncoderDictRaw(id, data))
	require.NoError(t, err)
	var seq int64
	var body string
	require.NoError(t, s.rd.QueryRow("SELECT seq, tz_text(body) FROM records WHERE id = ?", ids[99]).Scan(&seq, &body))
	frame := enc.EncodeAll([]byte(body), []byte{packedZstd})
	_, err = s.wr.Exec("UPDATE records SET body = ? WHERE seq = ?", frame, seq)
	require.NoError(t, err)

	assert.Equal(t, "老旧小区改造第100项", getTask(t, s, ids[99]).Title)
	assert.Equal(t, "老旧小区改造第99项", getTask(t, s, ids[98]).Title, "an S2 value beside it")
	problems, err := s.Check(context.Background())
	require.NoError(t, err)
	assert.Empty(t, problems)
}

// A packed value whose bytes were damaged is refused, not read as other words.
func TestADamagedPackedValueIsRefused(t *testing.T) {
	t.Setenv("TAIZHANG_PACK_AFTER", "")
	s := openTestStore(t)
	ids := saveNumbered(t, s, 100)
	var seq int64
	var b []byte
	require.NoError(t, s.rd.QueryRow("SELECT seq, body FROM records WHERE id = ?", ids[99]).Scan(&seq, &b))
	require.Equal(t, byte(packedS2), b[0])
	b[len(b)-3] ^= 0x20 // a literal byte: S2 alone would read it
	_, err := s.wr.Exec("UPDATE records SET body = ? WHERE seq = ?", b, seq)
	require.NoError(t, err)

	_, err = s.Get(context.Background(), ids[99])
	assert.ErrorContains(t, err, "damaged")
	problems, err := s.Check(context.Background())
	require.NoError(t, err)
	assert.NotEmpty(t, problems)
}
