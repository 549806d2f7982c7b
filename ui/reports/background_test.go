//go:build !race

// Fyne's test driver runs fyne.Do callbacks on the goroutine that calls it,
// not on a UI thread, so a test that lets work run in the background reads
// widgets concurrently with them by construction; the race detector would
// flag the test, not the screen. The other tests run everything inline.

package reports

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/ui/common"
)

// countingStore counts how often the records are read; reads wait for
// gate, so the test can pick periods while they load.
type countingStore struct {
	Store
	gate  chan struct{}
	mu    sync.Mutex
	reads int
}

func (c *countingStore) Figures(ctx context.Context) (model.Dataset, error) {
	c.mu.Lock()
	c.reads++
	c.mu.Unlock()
	<-c.gate
	return c.Store.Figures(ctx)
}

func (c *countingStore) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.reads
}

// In the app work runs in the background: picking another period while
// the records load reads them once, and the last pick is what shows.
func TestBackgroundLoadIsSharedAndLastPickWins(t *testing.T) {
	f := open(t, june()...)
	cs := &countingStore{Store: f.st, gate: make(chan struct{})}
	s := New(Deps{Store: cs, Window: f.win, Run: &common.Runner{}, Today: func() model.Date { return today }})
	f.win.SetContent(s.Content())
	assert.True(t, s.progress.Visible(), "this month is loading")
	s.preset.SetSelected("上半年")
	s.preset.SetSelected("上月")
	assert.Equal(t, "正在统计……", s.status.Text, "the window answers while records load")
	close(cs.gate)
	require.Eventually(t, func() bool {
		var shown string
		var busy bool
		fyne.DoAndWait(func() { shown, busy = s.heading.Text, s.progress.Visible() })
		return !busy && strings.HasPrefix(shown, "2026年10月")
	}, 10*time.Second, 20*time.Millisecond, "all done, the last pick shown")
	assert.Equal(t, 1, cs.count(), "one read for three computations")
}
