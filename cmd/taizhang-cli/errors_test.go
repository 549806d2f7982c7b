package main

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/storage/exchange"
	"taizhang/storage/workbook"
	"taizhang/storage/workbook/xlsxscan"
)

var (
	han = regexp.MustCompile(`\p{Han}`)
	// program text that must never reach a user: Go, XML and SQLite
	// messages, error numbers, format slips.
	programText = regexp.MustCompile(`(?i)\bEOF\b|syntax error|sqlite|SQLITE_|\(\d{3,5}\)|%!|\bnil\b|xml:|strconv|runtime|goroutine|\.go:\d|disk I/O|database is locked|no such file|permission denied|not a directory|unexpected EOF|invalid argument|malformed|file is not a database|readonly database|attempt to|out of memory`)
	english     = regexp.MustCompile(`[A-Za-z]+,? [A-Za-z]+ [A-Za-z]+`)
)

// assertSpeaks: text is a sentence in lang without program text. (The
// English side may name Chinese sheets and columns.)
func assertSpeaks(t *testing.T, what, text, lang string) {
	t.Helper()
	assert.NotEmpty(t, strings.TrimSpace(text), what)
	assert.NotRegexp(t, programText, text, "%s (%s)", what, lang)
	if lang == "zh" {
		assert.Regexp(t, han, text, "%s: Chinese expected: %q", what, text)
	} else {
		assert.Regexp(t, english, text, "%s: English expected: %q", what, text)
	}
}

// userErrors are one error of every type the CLI and the screens can show,
// made the way the program makes them.
func userErrors(t *testing.T) map[string]error {
	dir := t.TempDir()
	out := map[string]error{}
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, b, 0o644))
		return p
	}
	read := func(what, path string, opt workbook.ReadOptions) {
		_, err := workbook.Read(path, opt)
		var fe *workbook.FileError
		require.True(t, errors.As(err, &fe), "%s: %v", what, err)
		out["file: "+what] = err
	}
	// files that cannot be imported
	read("empty", write("empty.xlsx", nil), workbook.ReadOptions{})
	read("not a workbook", write("notes.xlsx", []byte("just some text, not a table")), workbook.ReadOptions{})
	read("legacy xls", excel95(t, dir), workbook.ReadOptions{})
	read("too large", "../../storage/workbook/testdata/ledger.xlsx", workbook.ReadOptions{MaxFileBytes: 1024})
	read("zip bomb", "../../storage/workbook/testdata/ledger.xlsx", workbook.ReadOptions{MaxUnzipBytes: 1024})
	f := excelize.NewFile()
	require.NoError(t, f.SetCellValue("Sheet1", "A1", "meeting notes"))
	plain := filepath.Join(dir, "readme.xlsx")
	require.NoError(t, f.SaveAs(plain))
	read("no header", plain, workbook.ReadOptions{})
	locked := filepath.Join(dir, "locked.xlsx")
	require.NoError(t, f.SaveAs(locked, excelize.Options{Password: "pw"}))
	read("password", locked, workbook.ReadOptions{})
	read("wrong password", locked, workbook.ReadOptions{Password: "nope"})
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, _ := zw.Create("xl/workbook.xml")
	_, _ = w.Write([]byte(`<workbook><sheets><sheet name="a"`))
	require.NoError(t, zw.Close())
	read("damaged workbook part", write("cut.xlsx", zb.Bytes()), workbook.ReadOptions{})
	read("too many cells", "../../storage/workbook/testdata/ledger.xlsx", workbook.ReadOptions{MaxCells: 3})
	// every kind of damage in a sheet, and each limit
	for _, code := range []xlsxscan.Code{xlsxscan.Truncated, xlsxscan.Garbage, xlsxscan.BrokenTag, xlsxscan.BadReference,
		xlsxscan.BadRowNumber, xlsxscan.NoSharedStr, xlsxscan.Corrupt, xlsxscan.MissingPart, xlsxscan.CellTooLarge, xlsxscan.TooManyRows, xlsxscan.TooMuchData} {
		e := &xlsxscan.Error{Code: code, Part: "xl/worksheets/sheet1.xml", Row: 12, LastRow: 11, Value: "Q12", Limit: 1 << 20,
			Err: errors.New("XML syntax error on line 1: unexpected EOF")}
		out["sheet damage: "+string(code)] = workbook.DamageError("ledger.xlsx", "Sheet1", e)
		out["part damage: "+string(code)] = workbook.DamageError("ledger.xlsx", "", e)
	}

	// SQLite's own failures, made for real
	dbPath := filepath.Join(dir, "x.db")
	db, err := sql.Open("sqlite", dbPath)
	require.NoError(t, err)
	_, err = db.Exec("CREATE TABLE t(x)")
	require.NoError(t, err)
	db.Close()
	ro, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro")
	require.NoError(t, err)
	_, err = ro.Exec("INSERT INTO t VALUES (1)")
	require.Error(t, err)
	out["sqlite read-only"] = err
	ro.Close()
	a, err := sql.Open("sqlite", "file:"+dbPath+"?_pragma=busy_timeout(0)")
	require.NoError(t, err)
	defer a.Close()
	b, err := sql.Open("sqlite", "file:"+dbPath+"?_pragma=busy_timeout(0)")
	require.NoError(t, err)
	defer b.Close()
	ctx := context.Background()
	ca, err := a.Conn(ctx)
	require.NoError(t, err)
	defer ca.Close()
	_, err = ca.ExecContext(ctx, "BEGIN EXCLUSIVE")
	require.NoError(t, err)
	_, err = b.Exec("INSERT INTO t VALUES (2)")
	require.Error(t, err)
	out["sqlite busy"] = err
	_, _ = ca.ExecContext(ctx, "ROLLBACK")
	garbage := write("garbage.db", bytes.Repeat([]byte("this is not a database "), 100))
	g, err := sql.Open("sqlite", garbage)
	require.NoError(t, err)
	_, err = g.Exec("SELECT * FROM sqlite_schema")
	require.Error(t, err)
	out["sqlite not a database"] = err
	g.Close()
	c, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "missing", "x.db")+"?mode=rw")
	require.NoError(t, err)
	_, err = c.Exec("SELECT 1")
	require.Error(t, err)
	out["sqlite cannot open"] = err
	c.Close()

	// the file system's
	out["disk full"] = &fs.PathError{Op: "write", Path: "/data/taizhang.db", Err: syscall.ENOSPC}
	out["permission"] = &fs.PathError{Op: "open", Path: "/data/taizhang.db", Err: syscall.EACCES}
	_, err = os.Open(filepath.Join(dir, "nowhere.xlsx"))
	out["missing file"] = err
	out["i/o"] = &fs.PathError{Op: "read", Path: "/media/usb/taizhang.db", Err: syscall.EIO}

	// the store's, the exchange's and the CLI's own
	out["not found"] = fmt.Errorf("get c-1: %w", storage.ErrNotFound)
	out["already resolved"] = fmt.Errorf("resolve: %w", storage.ErrResolved)
	out["rejected"] = storage.ErrRejected
	out["newer database"] = &storage.SchemaError{Path: "/data/taizhang.db", Have: 99, Known: 3}
	out["stale record"] = &storage.StaleError{ID: "t-1", Fields: []string{"title"}}
	out["backup failed"] = &storage.BackupError{Err: syscall.ENOSPC}
	out["backup not written"] = &storage.BackupError{Err: errors.New("disk I/O error (5898)")}
	out["import busy"] = exchange.ErrImportBusy
	out["declined without backup"] = exchange.ErrNoBackup
	_, err = exchange.LockImports(ctx, filepath.Join(dir, "no", "such"), nil)
	out["lock file"] = err
	_, err = storage.Restore(t.TempDir(), garbage)
	out["restore garbage"] = err
	_, err = storage.Restore(t.TempDir(), filepath.Join(dir, "nowhere.db"))
	out["restore missing"] = err
	out["usage"] = &usageError{"未知命令 x", "unknown command x"}
	out["cancelled"] = context.Canceled
	out["anything else"] = errors.New("json: cannot unmarshal number into Go value of type string")
	return out
}

// Every error a user can meet, in the CLI or on a screen (both go through
// storage.Explain and model.Localize), is a sentence in the chosen
// language with no Go, XML or SQLite text.
func TestEveryErrorSpeaksTheUsersLanguage(t *testing.T) {
	errs := userErrors(t)
	assert.GreaterOrEqual(t, len(errs), 50)
	for what, err := range errs {
		require.Error(t, err, what)
		zh := model.Localize(storage.Explain(err), "zh")
		en := model.Localize(storage.Explain(err), "en")
		assertSpeaks(t, what, zh, "zh")
		assertSpeaks(t, what, en, "en")
		assert.NotEqual(t, zh, en, what)
	}
}

// The CLI's failures, run for real, speak the language asked for on
// stderr, in one or two lines.
func TestCLIFailuresInTheChosenLanguage(t *testing.T) {
	dir := t.TempDir()
	whole := filepath.Join(t.TempDir(), "ledger.xlsx")
	f := excelize.NewFile()
	require.NoError(t, f.SetSheetRow("Sheet1", "A1", &[]any{"编号", "事项名称", "牵头单位"}))
	for i := 2; i < 12; i++ {
		require.NoError(t, f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i), &[]any{fmt.Sprintf("督〔2019〕%d号", i), "事项", "市财政局"}))
	}
	require.NoError(t, f.SaveAs(whole))
	cut := cutSheetAt(t, whole, `<row r="8"`)
	garbage := filepath.Join(t.TempDir(), "garbage.db")
	require.NoError(t, os.WriteFile(garbage, bytes.Repeat([]byte("not a database "), 100), 0o644))
	for _, args := range [][]string{
		{"import", cut},
		{"import", filepath.Join(dir, "nowhere.xlsx")},
		{"import", excel95(t, dir)},
		{"restore", garbage},
		{"resolve", "c-404", "--keep", "local"},
		{"frobnicate"},
	} {
		for _, lang := range []string{"zh", "en"} {
			var out, errOut bytes.Buffer
			code := run(context.Background(), append([]string{"--data", dir, "--lang", lang}, args...), &out, &errOut)
			assert.NotZero(t, code, "%v", args)
			text := strings.ReplaceAll(errOut.String(), "taizhang-cli: ", "")
			for _, name := range []string{"ledger.xlsx", "nowhere.xlsx", "excel95.xls", "garbage.db", "Sheet1", "c-404"} {
				text = strings.ReplaceAll(text, name, "")
			}
			assertSpeaks(t, strings.Join(args, " "), text, lang)
		}
	}
}

// cutSheetAt copies a workbook with its sheet XML cut where marker starts.
func cutSheetAt(t *testing.T, src, marker string) string {
	zr, err := zip.OpenReader(src)
	require.NoError(t, err)
	defer zr.Close()
	out := filepath.Join(t.TempDir(), filepath.Base(src))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		var body bytes.Buffer
		_, err = body.ReadFrom(rc)
		require.NoError(t, err)
		rc.Close()
		b := body.Bytes()
		if f.Name == "xl/worksheets/sheet1.xml" {
			i := bytes.Index(b, []byte(marker))
			require.Positive(t, i)
			b = b[:i]
		}
		w, err := zw.Create(f.Name)
		require.NoError(t, err)
		_, err = w.Write(b)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.NoError(t, os.WriteFile(out, buf.Bytes(), 0o644))
	return out
}

// excel95 writes an .xls older than Excel 97, which is refused with what
// to do: testdata/ledger.xls with its BOF saying BIFF5.
func excel95(t *testing.T, dir string) string {
	t.Helper()
	raw, err := os.ReadFile("../../storage/workbook/testdata/ledger.xls")
	require.NoError(t, err)
	bof8 := []byte{0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00}
	require.True(t, bytes.Contains(raw, bof8))
	p := filepath.Join(dir, "excel95.xls")
	require.NoError(t, os.WriteFile(p, bytes.Replace(raw, bof8, []byte{0x09, 0x08, 0x10, 0x00, 0x00, 0x05, 0x05, 0x00}, 1), 0o644))
	return p
}
