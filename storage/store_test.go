package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

func sampleTask(number, title string) *model.Task {
	return &model.Task{
		Number: number, Source: model.SourceInstruction, Title: title,
		Content: "请市住建局牵头，会同相关部门抓好老旧小区改造工作",
		Leader:  "王副市长",
		Units: []model.UnitRole{
			{Name: "市住建局", Role: model.RoleLead},
			{Name: "市财政局", Role: model.RoleCooperating},
		},
		AssignedOn: model.NewDate(2019, 3, 5),
		Deadline:   model.Deadline{Due: model.NewDate(2019, 6, 30), Text: "2019年6月底", Type: model.DeadlineMonthEnd},
		Status:     model.TaskInProgress,
	}
}

func TestOpenMigratesEmptyFolderAndReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "数据 folder?#")
	s, err := Open(dir)
	require.NoError(t, err)
	assert.FileExists(t, filepath.Join(dir, DBName))

	task := sampleTask("督〔2019〕15号", "老旧小区改造")
	require.NoError(t, s.Save(ctx, task, "张三"))
	assert.NotEmpty(t, task.ID)
	assert.Equal(t, model.KindTask, task.Kind)
	assert.Regexp(t, `^1-[0-9a-f]{16}$`, task.Rev)
	assert.Equal(t, "张三", task.UpdatedBy)
	assert.WithinDuration(t, time.Now(), task.UpdatedAt, time.Minute)
	require.NoError(t, s.Close())

	s, err = Open(dir)
	require.NoError(t, err)
	defer s.Close()
	got, err := s.Get(ctx, task.ID)
	require.NoError(t, err)
	gt := got.(*model.Task)
	assert.Equal(t, task.Meta.ID, gt.ID)
	assert.Equal(t, task.Rev, gt.Rev)
	assert.Equal(t, task.UpdatedAt.UnixNano(), gt.UpdatedAt.UnixNano())
	assert.Equal(t, "市住建局", gt.LeadUnit, "Normalize ran before the save")
	assert.Equal(t, model.NewDate(2019, 6, 30), gt.FirstDeadline)
	gt.Meta, task.Meta = model.Meta{}, model.Meta{}
	assert.Equal(t, task, gt)

	var v int
	require.NoError(t, s.rd.QueryRow("PRAGMA user_version").Scan(&v))
	assert.Equal(t, SchemaVersion(), v)
	var mode string
	require.NoError(t, s.rd.QueryRow("PRAGMA journal_mode").Scan(&mode))
	assert.Equal(t, "wal", mode)
}

func TestGetUnknownIsNotFound(t *testing.T) {
	s := openTemp(t)
	_, err := s.Get(context.Background(), "nope")
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestSaveKeepsGivenIDAndEveryKindRoundTrips(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	for _, k := range model.Kinds() {
		r := model.New(k)
		r.RecordMeta().ID = "given-" + string(k)
		require.NoError(t, s.Save(ctx, r, "李四"), k)
		got, err := s.Get(ctx, "given-"+string(k))
		require.NoError(t, err, k)
		assert.Equal(t, k, got.RecordMeta().Kind)
	}
	m := &model.Meeting{Number: "第5次常务会议", Kind: "special", Topics: 7}
	require.NoError(t, s.Save(ctx, m, "李四"))
	got, err := s.Get(ctx, m.ID)
	require.NoError(t, err)
	assert.Equal(t, model.MeetingKind("special"), got.(*model.Meeting).Kind, "a meeting's own kind field survives")
	assert.Equal(t, model.KindMeeting, got.RecordMeta().Kind)
}

func TestNewerSchemaRefusedAndFileUntouched(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, DBName)
	db, err := sql.Open("sqlite", path)
	require.NoError(t, err)
	_, err = db.Exec("CREATE TABLE future(x); INSERT INTO future VALUES (1); PRAGMA user_version = 99")
	require.NoError(t, err)
	require.NoError(t, db.Close())
	before := fileSum(t, path)

	_, err = Open(dir)
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrNewerSchema))
	assert.Contains(t, err.Error(), "99")
	var se *SchemaError
	require.ErrorAs(t, err, &se)
	assert.Contains(t, se.Reason("zh"), "数据库版本为 99", "the message speaks the user's language")
	assert.Contains(t, se.Reason("en"), "newer than this program")
	assert.Equal(t, before, fileSum(t, path))
	assert.NoFileExists(t, path+"-wal")
}

func fileSum(t testing.TB, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return sha256.Sum256(b)
}

func sqlOpen(path string) (*sql.DB, error) { return sql.Open("sqlite", path) }

// An import applied after its preview re-decides its rows only when
// something was written since it was planned: every write transaction
// leaves a new token, and a plan remembers the one it was made against.
func TestEveryWriteLeavesANewToken(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	task := newTask("督〔2019〕15号", "老旧小区改造", "启动")
	require.NoError(t, s.Save(ctx, task, "test"))
	first, err := writeToken(ctx, s.rd)
	require.NoError(t, err)
	require.NotEmpty(t, first)
	plan, err := s.PlanImport(ctx, nil, nil, nil, "zh")
	require.NoError(t, err)
	assert.Equal(t, first, plan.Against)

	task.Progress = "过半"
	require.NoError(t, s.Save(ctx, task, "test"))
	second, err := writeToken(ctx, s.rd)
	require.NoError(t, err)
	assert.NotEqual(t, first, second, "a write since the plan")
}

// A database this build creates has 8 KiB pages (five records to a page
// instead of two); one an older build created keeps its 4 KiB pages, in
// WAL mode, and its data.
func TestNewDatabaseHasLargerPagesOldOneKeepsItsOwn(t *testing.T) {
	ctx := context.Background()
	pageSize := func(s *Store) (size int, mode string) {
		require.NoError(t, s.rd.QueryRow("PRAGMA page_size").Scan(&size))
		require.NoError(t, s.rd.QueryRow("PRAGMA journal_mode").Scan(&mode))
		return size, mode
	}
	s := openTemp(t)
	require.NoError(t, s.Save(ctx, sampleTask("督〔2019〕15号", "老旧小区改造"), "张三"))
	size, mode := pageSize(s)
	assert.Equal(t, 8192, size)
	assert.Equal(t, "wal", mode)

	// as an older build made it: 4 KiB pages, WAL entered first
	dir := t.TempDir()
	old, err := sql.Open("sqlite", dsn(filepath.Join(dir, DBName), "_pragma=journal_mode(WAL)"))
	require.NoError(t, err)
	require.NoError(t, migrate(ctx, old))
	require.NoError(t, old.Close())
	s, err = Open(dir)
	require.NoError(t, err)
	defer s.Close()
	task := sampleTask("督〔2019〕16号", "背街小巷整治")
	require.NoError(t, s.Save(ctx, task, "张三"))
	size, mode = pageSize(s)
	assert.Equal(t, 4096, size)
	assert.Equal(t, "wal", mode)
	require.NoError(t, s.Close())
	s, err = Open(dir)
	require.NoError(t, err)
	defer s.Close()
	_, err = s.Get(ctx, task.ID)
	require.NoError(t, err)
	size, _ = pageSize(s)
	assert.Equal(t, 4096, size)
}
