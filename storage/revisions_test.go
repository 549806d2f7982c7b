package storage

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

func TestRevisionsAdvanceAndAncestry(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	task := sampleTask("督〔2019〕15号", "老旧小区改造")
	var revs []string
	for i, p := range []string{"", "启动", "过半", "完成"} {
		task.Progress = p
		require.NoError(t, s.Save(ctx, task, "张三"))
		assert.Equal(t, i+1, revGen(task.Rev))
		revs = append(revs, task.Rev)
	}
	anc, err := s.Ancestry(ctx, task.ID, task.Rev)
	require.NoError(t, err)
	assert.Equal(t, []string{revs[3], revs[2], revs[1], revs[0]}, anc)

	ok, err := s.IsAncestor(ctx, task.ID, revs[0], revs[3])
	require.NoError(t, err)
	assert.True(t, ok)
	ok, err = s.IsAncestor(ctx, task.ID, revs[3], revs[1])
	require.NoError(t, err)
	assert.False(t, ok)
	ok, err = s.IsAncestor(ctx, task.ID, "2-0000000000000000", revs[3])
	require.NoError(t, err)
	assert.False(t, ok, "a revision of the same generation on another line")

	old, err := s.RevisionBody(ctx, task.ID, revs[1])
	require.NoError(t, err)
	assert.Equal(t, "启动", old.(*model.Task).Progress)
	assert.Equal(t, revs[1], old.RecordMeta().Rev)
	_, err = s.RevisionBody(ctx, task.ID, "9-ffffffffffffffff")
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestSameEditFromSameParentGivesSameRevision(t *testing.T) {
	ctx := context.Background()
	a, b := openTemp(t), openTemp(t)
	ta := sampleTask("督〔2019〕15号", "老旧小区改造")
	ta.ID = "shared-id"
	tb := sampleTask("督〔2019〕15号", "老旧小区改造")
	tb.ID = "shared-id"
	require.NoError(t, a.Save(ctx, ta, "甲"))
	require.NoError(t, b.Save(ctx, tb, "乙"))
	assert.Equal(t, ta.Rev, tb.Rev)
	ta.Percent, tb.Percent = 50, 50
	require.NoError(t, a.Save(ctx, ta, "甲"))
	require.NoError(t, b.Save(ctx, tb, "乙"))
	assert.Equal(t, ta.Rev, tb.Rev)
}

// A record exported from machine A, edited on B, comes back: B's revisions
// are stored with PutRevision, the merge names the incoming revision, and
// ancestry then covers both lines.
func TestPutRevisionAndMergedAncestry(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	task := sampleTask("督〔2019〕15号", "老旧小区改造")
	require.NoError(t, s.Save(ctx, task, "张三"))
	base := task.Rev

	// local edit
	task.Progress = "本地进展"
	require.NoError(t, s.Save(ctx, task, "张三"))
	local := task.Rev

	// the other side's edit of base
	remote := sampleTask("督〔2019〕15号", "老旧小区改造")
	remote.Percent = 80
	remote.Normalize()
	rbody, err := encodeBody(remote)
	require.NoError(t, err)
	remoteRev := nextRev(base, rbody)

	require.NoError(t, s.Update(ctx, func(tx *Tx) error {
		if err := tx.PutRevision(ctx, task.ID, remoteRev, base, remote); err != nil {
			return err
		}
		// storing it twice changes nothing
		if err := tx.PutRevision(ctx, task.ID, remoteRev, base, remote); err != nil {
			return err
		}
		cur, err := tx.Get(ctx, task.ID)
		if err != nil {
			return err
		}
		cur.(*model.Task).Percent = 80
		return tx.SaveMerged(ctx, cur, "张三", "", remoteRev)
	}))
	merged, err := s.Get(ctx, task.ID)
	require.NoError(t, err)
	assert.Equal(t, 3, revGen(merged.RecordMeta().Rev))
	assert.Equal(t, "本地进展", merged.(*model.Task).Progress)
	assert.Equal(t, 80, merged.(*model.Task).Percent)

	anc, err := s.Ancestry(ctx, task.ID, merged.RecordMeta().Rev)
	require.NoError(t, err)
	require.Len(t, anc, 4)
	assert.Equal(t, merged.RecordMeta().Rev, anc[0])
	assert.ElementsMatch(t, []string{local, remoteRev}, anc[1:3])
	assert.Equal(t, base, anc[3])
	for _, r := range []string{base, local, remoteRev} {
		ok, err := s.IsAncestor(ctx, task.ID, r, merged.RecordMeta().Rev)
		require.NoError(t, err)
		assert.True(t, ok, r)
	}
	rb, err := s.RevisionBody(ctx, task.ID, remoteRev)
	require.NoError(t, err)
	assert.Equal(t, 80, rb.(*model.Task).Percent)

	problems, err := s.Check(ctx)
	require.NoError(t, err)
	assert.Empty(t, problems)

	// a stored row beside a record's own is found
	other := newTask("督〔2025〕8号", "停车治理", "启动")
	require.NoError(t, s.Save(ctx, other, "甲"))
	_, err = s.wr.Exec(`INSERT INTO revisions (record_id, rev, kind, at) VALUES (?, ?, 'tasks', '2026-01-01')`, other.ID, other.Rev)
	require.NoError(t, err)
	problems, err = s.Check(ctx)
	require.NoError(t, err)
	assert.Contains(t, problems, "record "+other.ID+": revision "+other.Rev+" is both its own row and a stored one")
}

// A record created elsewhere and imported keeps its revision, so its next
// export/import round trip recognises the lineage.
func TestCreateAdoptsStoredForeignRevision(t *testing.T) {
	ctx := context.Background()
	src, dst := openTemp(t), openTemp(t)
	task := sampleTask("督〔2019〕15号", "老旧小区改造")
	require.NoError(t, src.Save(ctx, task, "甲"))

	copyRec, err := src.Get(ctx, task.ID)
	require.NoError(t, err)
	require.NoError(t, dst.Update(ctx, func(tx *Tx) error {
		if err := tx.PutRevision(ctx, task.ID, task.Rev, "", copyRec); err != nil {
			return err
		}
		return tx.Save(ctx, copyRec, "乙", "")
	}))
	assert.Equal(t, task.Rev, copyRec.RecordMeta().Rev)

	// a copy that differs builds on the foreign revision instead
	other := sampleTask("督〔2019〕16号", "新事项")
	require.NoError(t, src.Save(ctx, other, "甲"))
	otherRev := other.Rev
	require.NoError(t, dst.Update(ctx, func(tx *Tx) error {
		if err := tx.PutRevision(ctx, other.ID, other.Rev, "", other); err != nil {
			return err
		}
		other.Progress = "改过"
		return tx.Save(ctx, other, "乙", "")
	}))
	assert.Equal(t, 2, revGen(other.Rev))
	ok, err := dst.IsAncestor(ctx, other.ID, otherRev, other.Rev)
	require.NoError(t, err)
	assert.True(t, ok)
}

func TestAFirstRevisionIsTheRecordsOwnRowUntilItMovesOn(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	task := newTask("督〔2025〕7号", "背街小巷整治", "启动")
	require.NoError(t, s.Save(ctx, task, "甲"))
	rev1 := task.Rev
	count := func(table string) int {
		var n int
		require.NoError(t, s.rd.QueryRow("SELECT count(*) FROM "+table+" WHERE record_id = ?", task.ID).Scan(&n))
		return n
	}
	assert.Zero(t, count("revisions"), "no row of its own")
	assert.Equal(t, 1, count("revision_rows"))
	first, err := s.RevisionBody(ctx, task.ID, rev1)
	require.NoError(t, err)
	assert.Equal(t, "启动", first.(*model.Task).Progress)
	assert.Equal(t, "甲", first.RecordMeta().UpdatedBy)
	created := func() model.Change {
		hist, err := s.History(ctx, task.ID)
		require.NoError(t, err)
		for _, c := range hist {
			if c.New == HistCreated {
				return c
			}
		}
		t.Fatal("no creation in the history")
		return model.Change{}
	}
	before := created()
	assert.Equal(t, "甲", before.By)

	// the same revision sent back by another machine adds no second one
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.PutRevision(ctx, task.ID, rev1, "", first) }))
	assert.Equal(t, 1, count("revision_rows"))

	task.Progress = "已完成"
	require.NoError(t, s.Save(ctx, task, "乙"))
	assert.Equal(t, 2, count("revisions"), "the first revision is written out when the record moves on")
	assert.Equal(t, 2, count("revision_rows"))
	first, err = s.RevisionBody(ctx, task.ID, rev1)
	require.NoError(t, err)
	assert.Equal(t, "启动", first.(*model.Task).Progress)
	assert.Equal(t, "甲", first.RecordMeta().UpdatedBy, "made by 甲, not by who changed it")
	after := created()
	assert.Equal(t, before.By, after.By)
	assert.Equal(t, before.At, after.At)
	anc, err := s.Ancestry(ctx, task.ID, task.Rev)
	require.NoError(t, err)
	assert.Equal(t, []string{task.Rev, rev1}, anc)
	problems, err := s.Check(ctx)
	require.NoError(t, err)
	assert.Empty(t, problems)
}

// A record copied from another machine at a revision made there keeps that
// revision, and its creation here, as its own row (schema 15) until it
// moves on; then both are stored rows, and its history and lineage read
// the same throughout, as they do in a database from before schema 15.
func TestAnAdoptedRevisionIsTheRecordsOwnRowUntilItMovesOn(t *testing.T) {
	ctx := context.Background()
	a, b := openTestStore(t), openTestStore(t)
	task := newTask("督〔2019〕7号", "背街小巷改造", "启动")
	require.NoError(t, a.Save(ctx, task, "甲"))
	first := task.Rev
	task.Progress = "过半"
	require.NoError(t, a.Save(ctx, task, "甲"))
	adopted := task.Rev
	cp := getTask(t, a, task.ID)
	require.NoError(t, b.Update(ctx, func(tx *Tx) error { return tx.createAdopted(ctx, cp, "乙", "", adopted, first) }))

	count := func(table string) int {
		var n int
		require.NoError(t, b.rd.QueryRow("SELECT count(*) FROM "+table).Scan(&n))
		return n
	}
	assert.Zero(t, count("revisions"), "the adopted revision is the record's row")
	assert.Zero(t, count("changes"), "and so is its creation here")
	var foreign bool
	var parent, by string
	require.NoError(t, b.rd.QueryRow("SELECT foreign_rev, parent, by FROM revision_rows WHERE record_id = ? AND rev = ?",
		task.ID, adopted).Scan(&foreign, &parent, &by))
	assert.Equal(t, []any{true, first, "甲"}, []any{foreign, parent, by}, "made by 甲 on the other machine")
	created, err := b.History(ctx, task.ID)
	require.NoError(t, err)
	require.Len(t, created, 1)
	assert.Equal(t, []string{HistCreated, "乙", adopted}, []string{created[0].New, created[0].By, created[0].Rev}, "created here by 乙")
	anc, err := b.Ancestry(ctx, task.ID, adopted)
	require.NoError(t, err)
	assert.Equal(t, []string{adopted, first}, anc)

	same := func(s *Store) {
		t.Helper()
		h, err := s.History(ctx, task.ID)
		require.NoError(t, err)
		require.Len(t, h, 2)
		assert.Equal(t, created[0], h[1], "the creation reads as before")
		assert.Equal(t, "progress", h[0].Field)
		anc, err := s.Ancestry(ctx, task.ID, getTask(t, s, task.ID).Rev)
		require.NoError(t, err)
		assert.Equal(t, []string{getTask(t, s, task.ID).Rev, adopted, first}, anc)
		old, err := s.RevisionBody(ctx, task.ID, adopted)
		require.NoError(t, err)
		assert.Equal(t, "过半", old.(*model.Task).Progress)
		problems, err := s.Check(ctx)
		require.NoError(t, err)
		assert.Empty(t, problems)
	}
	cp = getTask(t, b, task.ID)
	cp.Progress = "完成"
	require.NoError(t, b.Save(ctx, cp, "乙"))
	assert.Equal(t, 2, count("revisions"), "the adopted one written out as it moved on, and the new one")
	require.NoError(t, b.rd.QueryRow("SELECT foreign_rev, parent, by FROM revisions WHERE rev = ?", adopted).Scan(&foreign, &parent, &by))
	assert.Equal(t, []any{true, first, "甲"}, []any{foreign, parent, by})
	same(b)

	// a database from before schema 15 stored both rows: it reads the same
	dir := t.TempDir()
	c, err := Open(dir)
	require.NoError(t, err)
	cp = getTask(t, a, task.ID)
	require.NoError(t, c.Update(ctx, func(tx *Tx) error { return tx.createAdopted(ctx, cp, "乙", "", adopted, first) }))
	asSchema(t, c.wr, 14)
	require.NoError(t, c.Close())
	c, err = Open(dir)
	require.NoError(t, err)
	defer c.Close()
	h, err := c.History(ctx, task.ID)
	require.NoError(t, err)
	require.Len(t, h, 1)
	assert.Equal(t, []string{HistCreated, "乙", adopted}, []string{h[0].New, h[0].By, h[0].Rev})
	var implicit int
	require.NoError(t, c.rd.QueryRow("SELECT rev_implicit FROM records WHERE id = ?", task.ID).Scan(&implicit))
	assert.Zero(t, implicit, "stored rows stay stored")
	problems, err := c.Check(ctx)
	require.NoError(t, err)
	assert.Empty(t, problems)
}
