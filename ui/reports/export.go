package reports

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fstorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/ui/common"
)

var exportKinds = [3]model.ReportKind{model.MonthlyBulletin, model.QuarterlyReview, model.PeriodSummary}

func (s *Screen) exportButtons() {
	for i, k := range exportKinds {
		k := k
		s.exports[i] = widget.NewButton(exportLabel(k, ""), func() { s.chooseExport(k) })
		s.exports[i].Disable() // until figures are on screen
	}
}

func exportLabel(k model.ReportKind, period string) string {
	arg := map[string]any{"Period": period}
	switch {
	case k == model.MonthlyBulletin && period == "":
		return lang.L("stats.export.monthly")
	case k == model.MonthlyBulletin:
		return lang.L("stats.export.monthly_of", arg)
	case k == model.QuarterlyReview && period == "":
		return lang.L("stats.export.quarterly")
	case k == model.QuarterlyReview:
		return lang.L("stats.export.quarterly_of", arg)
	case period == "":
		return lang.L("stats.export.period")
	}
	return lang.L("stats.export.period_of", arg)
}

// exportPeriod is the period a workbook covers: the shown period itself,
// or the month or quarter of its latest day that has come (for this year,
// the current month; for last month, that month).
func exportPeriod(k model.ReportKind, from, to, today model.Date) (model.Date, model.Date) {
	ref := to
	if today.Before(to) && !today.Before(from) {
		ref = today
	}
	switch k {
	case model.MonthlyBulletin:
		m := model.NewDate(ref.Y, ref.M, 1)
		return m, m.MonthEnd()
	case model.QuarterlyReview:
		q := model.NewDate(ref.Y, 1, 1).AddMonths(3 * (quarterOf(ref) - 1))
		return q, q.AddMonths(2).MonthEnd()
	}
	return from, to
}

// updateExports names on each button the period its workbook will cover.
func (s *Screen) updateExports(p period) {
	for i, k := range exportKinds {
		from, to := exportPeriod(k, p.from, p.to, p.today)
		s.exports[i].SetText(exportLabel(k, model.PeriodName(from, to, p.lang)))
		if s.d.WriteReport != nil {
			s.exports[i].Enable()
		}
	}
}

// fileName is the suggested name of a workbook.
func fileName(k model.ReportKind, from, to model.Date) string {
	switch k {
	case model.MonthlyBulletin:
		return lang.L("stats.file.monthly", map[string]any{"Month": fmt.Sprintf("%04d-%02d", from.Y, from.M)}) + ".xlsx"
	case model.QuarterlyReview:
		return lang.L("stats.file.quarterly", map[string]any{"Quarter": fmt.Sprintf("%04dQ%d", from.Y, quarterOf(from))}) + ".xlsx"
	}
	return lang.L("stats.file.period", map[string]any{"From": from.String(), "To": to.String()}) + ".xlsx"
}

// chooseExport asks where to save the workbook, then writes it.
func (s *Screen) chooseExport(k model.ReportKind) {
	if s.shown == nil {
		return
	}
	from, to := exportPeriod(k, s.shown.from, s.shown.to, s.shown.today)
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			common.ShowError(err, s.d.Window)
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		_ = w.Close()
		s.Export(k, path)
	}, s.d.Window)
	d.SetFilter(fstorage.NewExtensionFileFilter([]string{".xlsx"}))
	d.SetFileName(fileName(k, from, to))
	d.Resize(fyne.NewSize(900, 560))
	common.ShowFileDialog(d, s.d.Window)
}

// Export writes the workbook of kind k for the period on screen to path,
// off the UI thread, from the same records the figures were computed
// from; then it offers to open the folder.
func (s *Screen) Export(k model.ReportKind, path string) {
	if s.shown == nil || s.d.WriteReport == nil {
		return
	}
	p := *s.shown
	s.status.Importance = widget.MediumImportance
	s.status.SetText(lang.L("stats.exporting", map[string]any{"Path": path}))
	s.start()
	s.d.Run.Go(func() func() {
		err := writeWorkbook(s.d.Store, s.d.WriteReport, k, path, p)
		return func() {
			s.stop()
			if err != nil {
				s.status.Importance = widget.DangerImportance
				s.status.SetText(common.ErrorText(err))
				common.ShowError(err, s.d.Window)
				return
			}
			s.status.Importance = widget.SuccessImportance
			s.status.SetText(lang.L("stats.exported", map[string]any{"Path": path}))
			c := dialog.NewConfirm(lang.L("stats.exported_title"), lang.L("stats.exported_ask", map[string]any{"Path": path}),
				func(open bool) {
					if open {
						s.openFolder(filepath.Dir(path))
					}
				}, s.d.Window)
			c.SetConfirmText(lang.L("stats.open_folder"))
			c.SetDismissText(lang.L("stats.close"))
			c.Show()
		}
	})
}

// writeWorkbook writes through a temporary file, so a failed export never
// leaves a half-written workbook under the chosen name. The workbook
// quotes the records' text (progress, content), which the figures on
// screen were computed without: it is written from whole records.
func writeWorkbook(st Store, write WriteReport, k model.ReportKind, path string, p period) (err error) {
	ds, err := st.Dataset(context.Background())
	if err != nil {
		return fmt.Errorf("export %s: %w", filepath.Base(path), err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".taizhang-report-*.xlsx")
	if err != nil {
		return fmt.Errorf("export %s: %w", filepath.Base(path), err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	from, to := exportPeriod(k, p.from, p.to, p.today)
	if err = write(tmp, ds, from, to, k, p.rules, p.lang); err != nil {
		return fmt.Errorf("export %s: %w", filepath.Base(path), err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("export %s: %w", filepath.Base(path), err)
	}
	_ = os.Chmod(tmp.Name(), 0o644) // a shared report, not a secret (CreateTemp makes it 0600)
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("export %s: %w", filepath.Base(path), err)
	}
	return nil
}

func (s *Screen) openFolder(dir string) {
	if s.d.OpenFolder != nil {
		s.d.OpenFolder(dir)
		return
	}
	u, err := url.Parse(fstorage.NewFileURI(dir).String())
	if err == nil {
		err = fyne.CurrentApp().OpenURL(u)
	}
	if err != nil {
		common.ShowError(fmt.Errorf("open folder %s: %w", dir, err), s.d.Window)
	}
}
