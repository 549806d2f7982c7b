package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
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
)

var (
	// three English words in a row: a sentence, not a file or field name
	englishSentence = regexp.MustCompile(`[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}`)
	// two Chinese characters in a row (2019年6月30日, an example of what
	// to type, is not one)
	chineseWords = regexp.MustCompile(`\p{Han}{2,}`)
	reasonMethod = regexp.MustCompile(`(?m)^func \(\w+ \*?(\w+)\) Reason\(lang string\) string`)
)

// localizedTypes are the types in the tree that implement model.Localized
// (a Reason(lang) method), read from the source.
func localizedTypes(t *testing.T) []string {
	var out []string
	err := filepath.WalkDir("../..", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range reasonMethod.FindAllStringSubmatch(string(b), -1) {
			out = append(out, m[1])
		}
		return nil
	})
	require.NoError(t, err)
	sort.Strings(out)
	return out
}

// Every user-facing error type, made the way the program makes it, comes
// out through the one function, model.Localize, in one language: the
// Chinese without an English sentence, the English without Chinese words,
// wrapped or not. A new error type must join this table.
func TestEachLocalizedErrorTypeSpeaksOneLanguage(t *testing.T) {
	ctx := context.Background()
	_, parseErr := model.ParseDate("2019-13-01", model.Date{})
	ruleErr := model.ChangeTaskStatus(&model.Task{Status: model.TaskInProgress}, model.TaskWithdrawn, "", model.NewDate(2019, 6, 1))
	st, err := storage.Open(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	_, unitErr := st.MergeUnits(ctx, "Unit A", "Unit B", "test")
	empty := filepath.Join(t.TempDir(), "empty.xlsx")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	_, fileErr := workbook.Read(empty, workbook.ReadOptions{})
	_, _, usageErr := periodFlags("report summary", "", "")

	byType := map[string]error{
		"ParseError":  parseErr,
		"RuleError":   ruleErr,
		"TextError":   exchange.ErrNoBackup,
		"UnitError":   unitErr,
		"StaleError":  &storage.StaleError{ID: "t-1", Fields: []string{"title", "deadline"}},
		"SchemaError": &storage.SchemaError{Path: "/data/taizhang.db", Have: 99, Known: 4},
		"BackupError": &storage.BackupError{Err: syscall.ENOSPC},
		"FileError":   fileErr,
		"usageError":  usageErr,
	}
	// cellError is the workbook reader's own: it reaches users as the
	// reason of a rejected cell, which the reader localizes with
	// model.Localize; a number in a date column makes one.
	reasons := func(lang string) string {
		f := excelize.NewFile()
		defer f.Close()
		require.NoError(t, f.SetSheetRow("Sheet1", "A1", &[]any{"编号", "事项名称", "办结日期"}))
		require.NoError(t, f.SetSheetRow("Sheet1", "A2", &[]any{"D-1", "Road", 6.3}))
		path := filepath.Join(t.TempDir(), "dates.xlsx")
		require.NoError(t, f.SaveAs(path))
		res, err := workbook.Read(path, workbook.ReadOptions{Lang: lang})
		require.NoError(t, err)
		require.Len(t, res.Rejected, 1)
		return res.Rejected[0].Reason
	}

	var seen []string
	for name, err := range byType {
		require.Error(t, err, name)
		var l model.Localized
		require.True(t, errors.As(err, &l), "%s is Localized", name)
		assert.Equal(t, name, strings.TrimPrefix(fmt.Sprintf("%T", l), "*"+pkgOf(fmt.Sprintf("%T", l))+"."), "the table names the type it holds")
		seen = append(seen, name)
		wrapped := fmt.Errorf("import a.xlsx: %w", err)
		zh, en := model.Localize(wrapped, "zh"), model.Localize(wrapped, "en")
		assertOneLanguage(t, name, zh, en)
		t.Logf("%s\n  zh: %s\n  en: %s", name, zh, en)
		assert.Equal(t, zh, model.Localize(err, "zh"), name+": wrapping changes nothing")
	}
	en := reasons("en")
	assert.Contains(t, en, "is not a date", "the reason is the cell error's")
	assertOneLanguage(t, "cellError", reasons("zh"), en)
	seen = append(seen, "cellError")
	sort.Strings(seen)
	assert.Equal(t, localizedTypes(t), seen, "every type with a Reason(lang) method is in the table")
}

// pkgOf is the package name of a %T text ("*storage.StaleError" → "storage").
func pkgOf(typ string) string {
	p, _, _ := strings.Cut(strings.TrimPrefix(typ, "*"), ".")
	return p
}

func assertOneLanguage(t *testing.T, what, zh, en string) {
	t.Helper()
	assert.Regexp(t, `\p{Han}`, zh, "%s: Chinese expected: %q", what, zh)
	assert.NotRegexp(t, englishSentence, zh, "%s: no English sentence in the Chinese: %q", what, zh)
	assert.Regexp(t, englishSentence, en, "%s: English expected: %q", what, en)
	assert.NotRegexp(t, chineseWords, en, "%s: no Chinese words in the English: %q", what, en)
}
