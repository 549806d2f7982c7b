package ledger_test

import (
	"context"
	"fmt"
	"os"
	"sort"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/ui/common"
	"taizhang/ui/i18n"
	"taizhang/ui/ledger"
	tztheme "taizhang/ui/theme"
)

// TestSearchKeystrokeLatency types 整改治理 one character at a time into
// the tasks ledger's search box on a large data folder and prints, per
// keystroke, the time from the query's start to its first page on screen
// (the ledger's Shown hook) and the whole keystroke including the count.
//
// The runner is synchronous, so the 60 ms typing pause (debounce) is
// excluded: in the app it is added once, after the last keystroke, and
// stale queries are cancelled. Skipped unless TAIZHANG_BENCH_DATA names a
// folder made by `go run ./scripts/gendata --data DIR --tasks 100000`.
func TestSearchKeystrokeLatency(t *testing.T) {
	dir := os.Getenv("TAIZHANG_BENCH_DATA")
	if dir == "" {
		t.Skip("TAIZHANG_BENCH_DATA is not set")
	}
	st, err := storage.Open(dir)
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	total, err := st.Count(context.Background(), storage.Query{Kind: model.KindTask})
	require.NoError(t, err)

	a := test.NewTempApp(t)
	a.Settings().SetTheme(tztheme.New()) // the bundled font, as in the app
	require.NoError(t, i18n.Load(i18n.Chinese))
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 720))
	var shown []time.Duration
	s := ledger.New(model.KindTask, ledger.Deps{Store: st, Window: w, Run: &common.Runner{Sync: true},
		Shown: func(d time.Duration) { shown = append(shown, d) }})
	w.SetContent(s.Content())

	// 整改治理 as the brief names it; the generated titles hold 整改 and
	// 治理 but never 整改治理, so 扬尘治理 shows a match at every length.
	for _, word := range []string{"整改治理", "扬尘治理"} {
		typeWord(t, w, s, word, total, &shown)
		storeTimes(t, st, word)
	}
}

func typeWord(t *testing.T, w fyne.Window, s *ledger.Screen, word string, total int, shown *[]time.Duration) {
	const rounds = 3
	first := map[string][]time.Duration{}
	whole := map[string][]time.Duration{}
	rows := map[string]int{}
	for round := 0; round < rounds; round++ {
		s.SearchEntry().SetText("")
		w.Canvas().Focus(s.SearchEntry())
		typed := ""
		for _, r := range word {
			typed += string(r)
			*shown = (*shown)[:0]
			start := time.Now()
			test.Type(s.SearchEntry(), string(r))
			took := time.Since(start)
			require.Len(t, *shown, 1, "one query per keystroke")
			first[typed] = append(first[typed], (*shown)[0])
			whole[typed] = append(whole[typed], took)
			rows[typed] = s.Rows()
		}
	}
	fmt.Printf("search-as-you-type, %d tasks, debounce excluded, median of %d rounds:\n", total, rounds)
	typed := ""
	for _, r := range word {
		typed += string(r)
		fmt.Printf("  %-6s first page %6.1f ms   keystroke incl. count %6.1f ms   %d rows\n",
			typed, ms(median(first[typed])), ms(median(whole[typed])), rows[typed])
	}
}

// storeTimes is the store's share: the first page and the count of each
// prefix, without the UI.
func storeTimes(t *testing.T, st *storage.Store, word string) {
	ctx := context.Background()
	typed := ""
	fmt.Println("  store alone (median of 3):")
	for _, r := range word {
		typed += string(r)
		var list, count []time.Duration
		for i := 0; i < 3; i++ {
			q := storage.Query{Kind: model.KindTask, Text: typed, Limit: 100}
			start := time.Now()
			_, err := st.List(ctx, q)
			require.NoError(t, err)
			list = append(list, time.Since(start))
			q.Limit = 0
			start = time.Now()
			_, err = st.Count(ctx, q)
			require.NoError(t, err)
			count = append(count, time.Since(start))
		}
		fmt.Printf("  %-6s List(limit 100) %6.1f ms   Count %6.1f ms\n", typed, ms(median(list)), ms(median(count)))
	}
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
