package main

import (
	"context"
	"fmt"
	"image/color"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/ui"
	"taizhang/ui/i18n"
)

// Developer switches, read from the environment; without them the app
// behaves normally. scripts/screenshots.sh uses both.
//
//	TAIZHANG_TIMING=1   print to stderr the milliseconds from process start
//	                    to the first frame drawn of the main window
//	TAIZHANG_SCREEN=id  open that screen at start: dashboard tasks proposals
//	                    field meetings reports month import export conflicts
//	                    settings form history
//	TAIZHANG_LANG=en    show the window in that language (zh, en) without
//	                    storing the choice

// processStart is taken when the package initialises, before main runs.
var processStart = time.Now()

// stage prints how long start-up took to reach a point (TAIZHANG_TIMING).
func stage(what string) {
	if os.Getenv("TAIZHANG_TIMING") != "" {
		fmt.Fprintf(os.Stderr, "taizhang: %s %d ms after start\n", what, time.Since(processStart).Milliseconds())
	}
}

// markFirstFrame adds an invisible 1×1 raster to the window's content: its
// pixels are generated while the frame is painted, so the first call is
// the first drawn frame.
func markFirstFrame(w fyne.Window) {
	if os.Getenv("TAIZHANG_TIMING") == "" {
		return
	}
	var once sync.Once
	probe := canvas.NewRasterWithPixels(func(x, y, wd, ht int) color.Color {
		once.Do(func() {
			fmt.Fprintf(os.Stderr, "taizhang: first frame %d ms after start\n", time.Since(processStart).Milliseconds())
		})
		return color.Transparent
	})
	probe.SetMinSize(fyne.NewSize(1, 1))
	w.SetContent(container.NewStack(w.Content(), container.NewWithoutLayout(probe)))
	probe.Resize(fyne.NewSize(1, 1))
}

// devScreen opens the screen TAIZHANG_SCREEN names.
func devScreen(u *ui.UI, st *storage.Store) {
	id := os.Getenv("TAIZHANG_SCREEN")
	switch id {
	case "":
		return
	case "field":
		id = ui.NavVillage
	case "form", "history":
		u.Show(ui.NavTasks)
		// an item with a history worth showing: the most recently changed
		recs, err := st.List(context.Background(), storage.Query{Kind: model.KindTask, Limit: 1})
		if err != nil || len(recs) == 0 {
			fyne.LogError("TAIZHANG_SCREEN "+id, err)
			return
		}
		// open it once the main window is up, or it would sit beneath it
		fyne.CurrentApp().Lifecycle().SetOnStarted(func() {
			go func() {
				time.Sleep(time.Second)
				fyne.Do(func() {
					if id == "form" {
						u.OpenForm(model.KindTask, recs[0])
					} else {
						u.OpenHistory(recs[0])
					}
				})
			}()
		})
		return
	}
	u.Show(id)
}

// devLanguage is the language TAIZHANG_LANG asks for, "" if none.
func devLanguage() i18n.Lang {
	l, _ := i18n.Parse(os.Getenv("TAIZHANG_LANG"))
	return l
}
