// Command taizhang is the desktop app: it resolves the data folder, opens
// the store and runs the main window. Everything else lives in ui/.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/assets"
	"taizhang/storage"
	ex "taizhang/storage/exchange"
	"taizhang/storage/report"
	"taizhang/ui"
	"taizhang/ui/common"
	"taizhang/ui/exchange"
	"taizhang/ui/i18n"
	tztheme "taizhang/ui/theme"
)

// version is set at build time with -ldflags "-X main.version=…" (make dist).
var version = "0.1.0-dev"

func main() {
	dataFlag := flag.String("data", "", "data folder (default: $TAIZHANG_DATA, ./TaizhangData next to the program, or the user config folder)")
	flag.Parse()
	storage.LimitMemory()
	if err := run(*dataFlag); err != nil {
		fmt.Fprintln(os.Stderr, "taizhang:", err)
		os.Exit(1)
	}
}

func run(dataFlag string) error {
	a := app.NewWithID("cn.gov.taizhang")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a.Settings().SetTheme(tztheme.New())

	dir, err := storage.ResolveDataDir(dataFlag)
	if err == nil && storage.UpgradeNeeded(dir) {
		return runAfterUpgrade(a, dir)
	}
	var st *storage.Store
	if err == nil {
		st, err = storage.Open(dir)
	}
	if err != nil {
		// A window, not only stderr: the Windows build has no console.
		showFatal(a, dir, err)
		return fmt.Errorf("open data folder %s: %w", dir, err)
	}
	stage("store opened")
	holder := &storeHolder{dir: dir, st: st}
	defer func() { _ = holder.st.Close() }()
	if err := showMain(a, holder); err != nil {
		return err
	}
	a.Run()
	return nil
}

// runAfterUpgrade opens a data folder an older version made: the store
// migrates it as it opens (at 100,000 records, 15 s), so a small window
// says what is happening meanwhile instead of nothing showing at all.
func runAfterUpgrade(a fyne.App, dir string) error {
	// The language setting is in the database being upgraded: the
	// system's until the main window loads the chosen one.
	if err := i18n.Load(i18n.System()); err != nil {
		return err
	}
	splash := a.NewWindow("Taizhang")
	bar := widget.NewProgressBarInfinite()
	splash.SetContent(container.NewVBox(widget.NewLabel(lang.L("startup.upgrading")), bar))
	splash.Resize(fyne.NewSize(480, 100))
	splash.CenterOnScreen()
	splash.Show()

	var holder *storeHolder
	var runErr error
	go func() {
		st, err := storage.Open(dir)
		fyne.Do(func() {
			bar.Stop()
			if err != nil {
				runErr = fmt.Errorf("open data folder %s: %w", dir, err)
				fatalWindow(a, dir, err)
				splash.Close()
				return
			}
			stage("store opened")
			holder = &storeHolder{dir: dir, st: st}
			if runErr = showMain(a, holder); runErr != nil {
				a.Quit()
				return
			}
			splash.Close()
		})
	}()
	a.Run()
	if holder != nil {
		_ = holder.st.Close()
	}
	return runErr
}

// showMain builds and shows the main window on the open store.
func showMain(a fyne.App, holder *storeHolder) error {
	w := a.NewWindow("Taizhang")
	w.Resize(ui.InitialSize(screenSize())) // never larger than the screen (1024×768 on old office PCs)

	var u *ui.UI
	var start func() error
	opts := ui.Options{Version: version, Language: devLanguage(), WriteReport: report.Write, Notices: report.Notices{}, Restore: func(file string) error {
		if err := holder.restore(file); err != nil {
			return err
		}
		return start() // every screen held the old store: build them again
	}}
	start = func() error {
		opts.Exchanger = exchange.StoreExchanger{Store: holder.st,
			Operator: func() string { return u.Operator() },
			Lang:     common.LangCode}
		nu, err := ui.New(a, w, holder.st, opts)
		if err != nil {
			return err
		}
		u = nu
		return nil
	}
	stage("app created")
	if err := start(); err != nil {
		return err
	}
	stage("main window built")
	w.SetCloseIntercept(func() {
		if u.CloseRequested() {
			a.Quit()
		}
	})
	devScreen(u, holder.st)
	markFirstFrame(w)
	w.SetMaster()
	w.Show()
	return nil
}

// storeHolder closes the store for a restore and reopens it.
type storeHolder struct {
	dir string
	st  *storage.Store
}

func (h *storeHolder) restore(file string) error {
	release, err := ex.LockForRestore(h.dir)
	if err != nil {
		return err
	}
	defer release()
	if _, err := h.st.Backup(context.Background(), ""); err != nil {
		return fmt.Errorf("back up before restore: %w", err)
	}
	if err := h.st.Close(); err != nil {
		return fmt.Errorf("close before restore: %w", err)
	}
	if _, err := storage.Restore(h.dir, file); err != nil {
		return fmt.Errorf("restore %s: %w", file, err)
	}
	st, err := storage.Open(h.dir)
	if err != nil {
		return fmt.Errorf("reopen after restore: %w", err)
	}
	h.st = st
	return nil
}
