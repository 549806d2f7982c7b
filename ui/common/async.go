package common

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// Runner runs store work off the UI goroutine and applies its result on
// it with fyne.Do. Sync runs both inline: headless tests use it so what
// they assert is settled when a tap returns.
type Runner struct {
	Sync bool
}

// Go runs work in the background; the function it returns (may be nil)
// runs on the UI goroutine.
func (r *Runner) Go(work func() func()) {
	if r == nil || r.Sync {
		if apply := work(); apply != nil {
			apply()
		}
		return
	}
	go func() {
		if apply := work(); apply != nil {
			fyne.Do(apply)
		}
	}()
}

// Debouncer calls its function once input has paused for its delay.
type Debouncer struct {
	run   *Runner
	delay time.Duration
	mu    sync.Mutex
	timer *time.Timer
}

func (r *Runner) Debounce(d time.Duration) *Debouncer { return &Debouncer{run: r, delay: d} }

// Call schedules fn (on the UI goroutine), cancelling a pending one.
func (d *Debouncer) Call(fn func()) {
	if d.run == nil || d.run.Sync {
		fn()
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil {
		d.timer.Stop()
	}
	d.timer = time.AfterFunc(d.delay, func() { fyne.Do(fn) })
}
