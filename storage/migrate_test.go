package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// schema1File writes a database as schema 1 left it: a task edited once,
// both revision bodies in full in the WITHOUT ROWID revisions table.
func schema1File(t *testing.T) (dir, id, rev1, rev2 string) {
	t.Helper()
	dir = t.TempDir()
	ms, err := migrations()
	require.NoError(t, err)
	db, err := sql.Open("sqlite", dsn(filepath.Join(dir, DBName), pragmas))
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Exec(ms[0].sql)
	require.NoError(t, err)
	_, err = db.Exec("PRAGMA user_version = 1")
	require.NoError(t, err)

	task := newTask("督〔2019〕15号", "老旧小区改造", "启动")
	task.Kind = model.KindTask
	body1, err := encodeBody(task)
	require.NoError(t, err)
	task.Progress = "已完成主体工程"
	body2, err := encodeBody(task)
	require.NoError(t, err)
	id, rev1 = "6f1c2a1e-0000-4000-8000-000000000001", nextRev("", body1)
	rev2 = nextRev(rev1, body2)
	at := "2019-05-01T08:00:00.000000000Z"
	_, err = db.Exec(`INSERT INTO revisions (record_id, rev, kind, parent, body, at, by) VALUES
		(?, ?, 'tasks', '', ?, ?, '张三'), (?, ?, 'tasks', ?, ?, ?, '李四')`,
		id, rev1, body1, at, id, rev2, rev1, body2, at)
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO records (id, kind, rev, key, body, created_at, updated_at, updated_by)
		VALUES (?, 'tasks', ?, ?, ?, ?, ?, '李四')`, id, rev2, model.NaturalKey(task), body2, at, at)
	require.NoError(t, err)
	return dir, id, rev1, rev2
}

func TestMigrationToSchema2KeepsEveryRevision(t *testing.T) {
	ctx := context.Background()
	dir, id, rev1, rev2 := schema1File(t)
	s, err := Open(dir)
	require.NoError(t, err)
	defer s.Close()

	var v int
	require.NoError(t, s.rd.QueryRow("PRAGMA user_version").Scan(&v))
	assert.Equal(t, SchemaVersion(), v)
	var nulls int
	require.NoError(t, s.rd.QueryRow("SELECT count(*) FROM revisions WHERE body IS NULL").Scan(&nulls))
	assert.Equal(t, 1, nulls, "the current body is stored once, in records")

	old, err := s.RevisionBody(ctx, id, rev1)
	require.NoError(t, err)
	assert.Equal(t, "启动", old.(*model.Task).Progress)
	cur, err := s.RevisionBody(ctx, id, rev2)
	require.NoError(t, err)
	assert.Equal(t, "已完成主体工程", cur.(*model.Task).Progress)
	problems, err := s.Check(ctx)
	require.NoError(t, err)
	assert.Empty(t, problems)

	// Editing on: the body that was current is kept (packed), and the
	// lineage still reads back.
	task := getTask(t, s, id)
	task.Progress = "已竣工验收"
	require.NoError(t, s.Save(ctx, task, "王五"))
	prev, err := s.RevisionBody(ctx, id, rev2)
	require.NoError(t, err)
	assert.Equal(t, "已完成主体工程", prev.(*model.Task).Progress)
	anc, err := s.Ancestry(ctx, id, task.Rev)
	require.NoError(t, err)
	assert.Equal(t, []string{task.Rev, rev2, rev1}, anc)
	problems, err = s.Check(ctx)
	require.NoError(t, err)
	assert.Empty(t, problems)
}

func TestOlderRevisionBodiesArePacked(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	task := newTask("督〔2019〕16号", "背街小巷改造", "启动")
	require.NoError(t, s.Save(ctx, task, "张三"))
	first := task.Rev
	task.Progress = "过半"
	require.NoError(t, s.Save(ctx, task, "张三"))

	var kind string
	require.NoError(t, s.rd.QueryRow("SELECT typeof(body) FROM revisions WHERE record_id = ? AND rev = ?",
		task.ID, first).Scan(&kind))
	assert.Equal(t, "blob", kind, "an older body is kept compressed")
	require.NoError(t, s.rd.QueryRow("SELECT typeof(body) FROM revisions WHERE record_id = ? AND rev = ?",
		task.ID, task.Rev).Scan(&kind))
	assert.Equal(t, "null", kind, "the current body lives in records only")
	old, err := s.RevisionBody(ctx, task.ID, first)
	require.NoError(t, err)
	assert.Equal(t, "启动", old.(*model.Task).Progress)
}

func TestMigrationRebuildsTheSearchIndex(t *testing.T) {
	ctx := context.Background()
	dir, id, _, _ := schema1File(t)
	s, err := Open(dir)
	require.NoError(t, err)
	defer s.Close()
	for _, text := range []string{"老旧小区", "改造", "改", "主体工程"} {
		ids, err := s.IDs(ctx, Query{Kind: model.KindTask, Text: text})
		require.NoError(t, err)
		assert.Equal(t, []string{id}, ids, "search %q after the migration", text)
	}
}

// The hand-written canonical body is what encoding the fields gives.
func TestCanonicalBodyIsTheSortedEncoding(t *testing.T) {
	task := newTask("督〔2019〕15号", "老旧小区<改造>&\"引号\"", "启动\n第二行")
	task.Kind = model.KindTask
	f, err := recordFields(task)
	require.NoError(t, err)
	m := map[string]json.RawMessage{}
	for _, e := range f {
		m[e.key] = e.raw
	}
	want, err := marshalNoEscape(m)
	require.NoError(t, err)
	assert.Equal(t, string(want), f.canonical())
	assert.Equal(t, "{}", fields{}.canonical())
}

// A database from before schema 4 gets its tasks' light columns filled:
// the overdue item of 2019 is red in the filter and the counts at once.
func TestMigrationFillsTheTaskLightColumns(t *testing.T) {
	ctx := context.Background()
	dir, id, _, _ := schema1File(t)
	s, err := Open(dir)
	require.NoError(t, err)
	defer s.Close()
	day := model.Day{Today: model.NewDate(2026, 12, 6), Rules: model.DefaultRules(), Cal: model.NewCalendar(nil)}
	red, err := s.TaskIDsWithLight(ctx, model.LightRed, day, 0)
	require.NoError(t, err)
	assert.Equal(t, []string{id}, red)
	counts, err := s.TaskLightCounts(ctx, day)
	require.NoError(t, err)
	assert.Equal(t, map[model.Light]int{model.LightRed: 1}, counts)
	ids, err := s.LightIDs(ctx, Query{Kind: model.KindTask, Text: "老旧小区"}, model.LightRed, day)
	require.NoError(t, err)
	assert.Equal(t, []string{id}, ids)
}

// The hand-cut fields are what json.Unmarshal into a map gives, for bodies
// with escapes, nested lists and objects, empty ones and every value type.
func TestSplitObjectIsUnmarshal(t *testing.T) {
	task := newTask("督〔2019〕15号", "老旧小区<改造>&\"引号\"\\反斜杠,{逗号}[括号]", "启动\n第二行\t制表")
	task.Kind = model.KindTask
	task.Reports = []model.Report{{ID: "r1", Unit: "市水务局", Done: "完成\"一半\"，{续}"}}
	task.Extra = map[string]string{"督查组意见": "同意]", "": "空"}
	b, err := marshalNoEscape(task)
	require.NoError(t, err)
	for _, body := range [][]byte{b, []byte(`{}`), []byte(` { "a" : [ 1, {"b":"}"} ] , "c":null,"d":-1.5e3 } `),
		[]byte(`{"k\"ey":"v","x":{"y":[[],{}]}}`), []byte(`{"b":1,"a":2,"b":3}`)} {
		got, err := splitObject(body)
		require.NoError(t, err, string(body))
		var want map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(body, &want))
		require.Len(t, got, len(want), string(body))
		for k, v := range want {
			raw, ok := got.get(k)
			require.True(t, ok, "%s in %s", k, body)
			assert.JSONEq(t, string(v), string(raw), "%s in %s", k, body)
			assert.Equal(t, strings.TrimSpace(string(v)), string(raw), "%s keeps its own bytes", k)
		}
		assert.True(t, slices.IsSortedFunc(got, func(a, b field) int { return strings.Compare(a.key, b.key) }), "in key order")
	}
	for _, bad := range []string{``, `[]`, `{"a":1`, `{"a" 1}`, `{"a":"x}`, `{"a":1}}`, `{a:1}`} {
		_, err := splitObject([]byte(bad))
		assert.Error(t, err, bad)
	}
}

// A database of schema 7 loses the indexes no query reads (schema 8) and
// keeps its records, found by number, by search and by date as before.
func TestMigrationDropsTheUnreadIndexes(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ms, err := migrations()
	require.NoError(t, err)
	db, err := sql.Open("sqlite", dsn(filepath.Join(dir, DBName), pragmas))
	require.NoError(t, err)
	for _, m := range ms[:7] {
		_, err = db.Exec(m.sql)
		require.NoError(t, err, m.name)
	}
	_, err = db.Exec("PRAGMA user_version = 7")
	require.NoError(t, err)
	require.NoError(t, db.Close())

	s, err := Open(dir)
	require.NoError(t, err)
	defer s.Close()
	var n int
	require.NoError(t, s.rd.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'index'
		AND name IN ('records_kind_deadline', 'records_seq_kind', 'records_kind_day')`).Scan(&n))
	assert.Zero(t, n)
	require.NoError(t, s.rd.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'index'
		AND name IN ('records_kind_deadline_sort', 'records_kind_updated', 'records_kind_key')`).Scan(&n))
	assert.Equal(t, 3, n, "the indexes queries read stay")

	task := newTask("督〔2019〕15号", "老旧小区改造", "启动")
	require.NoError(t, s.Save(ctx, task, "test"))
	visit := model.New(model.KindVisit).(*model.Visit)
	visit.Number, visit.StartOn, visit.Place = "调研-1", model.NewDate(2026, 12, 3), "城关镇"
	require.NoError(t, s.Save(ctx, visit, "test"))
	got, err := s.FindByKey(ctx, model.KindTask, model.NaturalKey(task))
	require.NoError(t, err)
	assert.Equal(t, task.ID, got.RecordMeta().ID)
	ids, err := s.IDs(ctx, Query{Kind: model.KindTask, Text: "改造"})
	require.NoError(t, err)
	assert.Equal(t, []string{task.ID}, ids)
	ids, err = s.IDs(ctx, Query{Kind: model.KindVisit, From: model.NewDate(2026, 12, 1), To: model.NewDate(2026, 12, 31)})
	require.NoError(t, err)
	assert.Equal(t, []string{visit.ID}, ids)
	ids, err = s.IDs(ctx, Query{Kind: model.KindVisit, From: model.NewDate(2027, 1, 1)})
	require.NoError(t, err)
	assert.Empty(t, ids)
}

// An older database asks for an upgrade; a new folder, a current database
// and a folder without one do not.
func TestUpgradeNeeded(t *testing.T) {
	dir, _, _, _ := schema1File(t)
	assert.True(t, UpgradeNeeded(dir), "schema 1")
	s, err := Open(dir)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	assert.False(t, UpgradeNeeded(dir), "migrated when opened")
	assert.False(t, UpgradeNeeded(t.TempDir()), "no database yet")
}

// A database of schema 9 holds natural keys as typed (督[2019]15号). After
// the migration every record's key is the one model.NaturalKey gives now,
// so the item is found by the number spelt any way a department types it;
// a tombstone keeps its key.
func TestMigrationWorksOutTheKeysAgain(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(dir)
	require.NoError(t, err)
	task := newTask("督[2019]15号", "老旧小区改造", "启动")
	require.NoError(t, s.Save(ctx, task, "甲"))
	gone := newTask("督(2019)16号", "停车难治理", "")
	require.NoError(t, s.Save(ctx, gone, "甲"))
	require.NoError(t, s.Delete(ctx, gone.ID, "甲"))
	require.NoError(t, s.Close())

	db, err := sql.Open("sqlite", dsn(filepath.Join(dir, DBName), pragmas))
	require.NoError(t, err)
	_, err = db.Exec("UPDATE records SET key = CASE id WHEN ? THEN '督[2019]15号' ELSE '督(2019)16号' END", task.ID)
	require.NoError(t, err)
	asSchema(t, db, 9)
	require.NoError(t, db.Close())

	s, err = Open(dir)
	require.NoError(t, err)
	defer s.Close()
	for _, typed := range []string{"督〔2019〕15号", "督（2019）15号", "督[2019]015号"} {
		r, err := s.FindByKey(ctx, model.KindTask, model.NaturalKey(&model.Task{Number: typed}))
		if assert.NoError(t, err, typed) {
			assert.Equal(t, task.ID, r.RecordMeta().ID, typed)
		}
	}
	var key string
	require.NoError(t, s.rd.QueryRow("SELECT key FROM records WHERE id = ?", gone.ID).Scan(&key))
	assert.Equal(t, model.NaturalKey(&model.Task{Number: "督〔2019〕16号"}), key, "the tombstone's body still names its number")
	problems, err := s.Check(ctx)
	require.NoError(t, err)
	assert.Empty(t, problems)

	// Check finds a key that is not the one the fields give.
	_, err = s.wr.Exec("UPDATE records SET key = '督[2019]15号' WHERE id = ?", task.ID)
	require.NoError(t, err)
	problems, err = s.Check(ctx)
	require.NoError(t, err)
	assert.Equal(t, []string{"record " + task.ID + ": its match key \"督[2019]15号\" is not the one its fields give (\"督〔2019〕15\")"}, problems)
}

// asSchema makes a database of this build's schema look like one of
// schema v to the migrations: what the later migrations add that running
// them again would refuse is undone first (the data stays as an old build
// would have stored it), then user_version is set.
func asSchema(t *testing.T, db execer, v int) {
	t.Helper()
	var undo []string
	if v < 15 {
		undo = append(undo,
			`INSERT INTO revisions (record_id, rev, kind, parent, merged_from, deleted, foreign_rev, at, by, import_id, body)
			SELECT id, rev, kind, coalesce(rev_parent, ''), '', deleted, 1, created_at, rev_by, NULL, NULL FROM records WHERE rev_implicit = 2`,
			`INSERT INTO changes (record_id, rev, field, old, new, by, at, import_id)
			SELECT id, rev, '', '', '"created"', updated_by, created_at, import_id FROM records WHERE rev_implicit = 2`,
			"UPDATE records SET rev_implicit = 0, import_id = NULL WHERE rev_implicit = 2",
			"DROP VIEW revision_rows",
			`CREATE VIEW revision_rows AS
			SELECT record_id, rev, kind, parent, merged_from, deleted, foreign_rev, at, by, import_id, body FROM revisions
			UNION ALL
			SELECT id, rev, kind, '', '', deleted, 0, created_at, updated_by, import_id, NULL FROM records WHERE rev_implicit = 1`,
			"ALTER TABLE records DROP COLUMN rev_parent",
			"ALTER TABLE records DROP COLUMN rev_by")
	}
	if v < 14 {
		undo = append(undo, "ALTER TABLE records DROP COLUMN units")
	}
	if v < 13 {
		undo = append(undo,
			`INSERT INTO revisions (record_id, rev, kind, parent, merged_from, deleted, foreign_rev, at, by, import_id, body)
			SELECT id, rev, kind, '', '', deleted, 0, created_at, updated_by, import_id, NULL FROM records WHERE rev_implicit = 1`,
			"DROP VIEW revision_rows",
			"ALTER TABLE records DROP COLUMN rev_implicit",
			"ALTER TABLE records DROP COLUMN import_id")
	}
	for _, q := range append(undo, fmt.Sprintf("PRAGMA user_version = %d", v)) {
		_, err := db.ExecContext(context.Background(), q)
		require.NoError(t, err, q)
	}
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// A unit named only in units[] is found by the unit filter from the units
// column (schema 14), whole names only, and a database from before it gets
// the column filled when opened.
func TestUnitFilterReadsTheUnitsColumn(t *testing.T) {
	t.Setenv("TAIZHANG_PACK_AFTER", "2") // the third body is packed
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(dir)
	require.NoError(t, err)
	a := newTask("督〔2025〕1号", "背街小巷整治", "")
	a.Units = append(a.Units, model.UnitRole{Name: "市财政局", Role: model.RoleCooperating})
	b := newTask("督〔2025〕2号", "机关食堂改造", "")
	b.Units = append(b.Units, model.UnitRole{Name: "市财政局机关服务中心", Role: model.RoleCooperating})
	c := newTask("督〔2025〕3号", "老旧小区改造", "")
	c.Units = append(c.Units, model.UnitRole{Name: "市财政局", Role: model.RoleCo})
	require.NoError(t, s.Update(ctx, func(tx *Tx) error {
		for _, tk := range []*model.Task{a, b, c} {
			if err := tx.Save(ctx, tk, "甲", ""); err != nil {
				return err
			}
		}
		return nil
	}))
	ids := func(s *Store) []string {
		recs, err := s.List(ctx, Query{Kind: model.KindTask, Unit: "市财政局"})
		require.NoError(t, err)
		var out []string
		for _, r := range recs {
			out = append(out, r.RecordMeta().ID)
		}
		return out
	}
	assert.ElementsMatch(t, []string{a.ID, c.ID}, ids(s), "市财政局机关服务中心 is another unit")
	assert.Equal(t, 1, storedAs(t, s, "records", "body")["blob"])

	_, err = s.wr.Exec("UPDATE records SET units = ''")
	require.NoError(t, err)
	asSchema(t, s.wr, 13)
	require.NoError(t, s.Close())
	forgetDictionaries(t) // another program opens it
	s, err = Open(dir)
	require.NoError(t, err)
	defer s.Close()
	assert.ElementsMatch(t, []string{a.ID, c.ID}, ids(s))
}

// records.units holds the names of a task's or proposal's units (objects)
// and a visit's (names), each between marks; nothing for none.
func TestUnitNamesOfEveryForm(t *testing.T) {
	for body, want := range map[string]string{
		`{"units":[{"name":"市住建局","role":"lead"},{"name":"","role":"cooperating"},{"name":"市水务局"}]}`: "\x1f市住建局\x1f市水务局\x1f",
		`{"units":["市民政局","","市财政局"]}`:                                                               "\x1f市民政局\x1f市财政局\x1f",
		`{"units":[]}`:     "",
		`{"units":null}`:   "",
		`{"title":"无单位"}`:  "",
		`{"units":"市住建局"}`: "",
	} {
		f, err := parseFields(body)
		require.NoError(t, err)
		assert.Equal(t, want, unitNames(f), body)
	}
}
