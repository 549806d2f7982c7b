package exchange

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/storage/report"
)

// The month's cycle (本月调度): each unit gets its ledger in one folder,
// sends it back filled in, the returns are imported together, and the
// month ends with its bulletin. The desktop app and the CLI share this.

// CoverSheet is the first sheet of a unit's ledger: what to fill and by
// when. The reader skips it (it has no ledger headers).
const CoverSheet = "填报说明"

// UnitFileName is the file a unit's ledger for month is written to:
// 单位-台账-YYYY-MM.xlsx, with characters no file system takes replaced.
func UnitFileName(unit string, month model.Date) string {
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, strings.TrimSpace(unit))
	return fmt.Sprintf("%s-台账-%04d-%02d.xlsx", clean, month.Y, month.M)
}

// OpenUnits are the units that lead unfinished items, most items first:
// the units the month's ledgers go to by default.
func OpenUnits(ctx context.Context, s *storage.Store) ([]string, error) {
	counts, err := s.CountBy(ctx, model.KindTask, "lead_unit", true)
	if err != nil {
		return nil, fmt.Errorf("units with open items: %w", err)
	}
	var units []string
	for u := range counts {
		if u != "" {
			units = append(units, u)
		}
	}
	sort.Slice(units, func(i, j int) bool {
		if counts[units[i]] != counts[units[j]] {
			return counts[units[i]] > counts[units[j]]
		}
		return units[i] < units[j]
	})
	return units, nil
}

// DefaultDue is the day departments return the month's ledgers by
// unless the office says otherwise: the 25th (每月25日前).
func DefaultDue(month model.Date) model.Date { return model.NewDate(month.Y, month.M, 25) }

// UnitLedgersRequest is one month's ledgers, one per unit.
type UnitLedgersRequest struct {
	Dir       string
	Units     []string   // nil: OpenUnits
	Month     model.Date // any day of the month
	Due       model.Date // zero: DefaultDue
	Operator  string
	Generator string
	// Progress, when set, is called after each unit's file.
	Progress func(done, total int)
}

// UnitFile is one unit's ledger as written.
type UnitFile struct {
	Unit  string `json:"unit"`
	Path  string `json:"path"`
	Tasks int    `json:"tasks"`
}

// ExportEachUnit writes each unit's ledger (the tasks and proposals that
// name it, ready to fill) into req.Dir, with a cover sheet. A unit whose
// file cannot be written stops the run with an error naming the file;
// the files written before it stay.
func ExportEachUnit(ctx context.Context, s *storage.Store, req UnitLedgersRequest) ([]UnitFile, error) {
	units := req.Units
	if units == nil {
		var err error
		if units, err = OpenUnits(ctx, s); err != nil {
			return nil, err
		}
	}
	due := req.Due
	if due.IsZero() {
		due = DefaultDue(req.Month)
	}
	if err := os.MkdirAll(req.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("ledgers for each unit: %w", err)
	}
	out := make([]UnitFile, 0, len(units))
	for i, unit := range units {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		path := filepath.Join(req.Dir, UnitFileName(unit, req.Month))
		stats, err := writeUnitLedger(ctx, s, path, unit, due, req)
		if err != nil {
			return out, err
		}
		out = append(out, UnitFile{Unit: unit, Path: path, Tasks: stats[model.KindTask]})
		if req.Progress != nil {
			req.Progress(i+1, len(units))
		}
	}
	return out, nil
}

func writeUnitLedger(ctx context.Context, s *storage.Store, path, unit string, due model.Date, req UnitLedgersRequest) (Stats, error) {
	tmp := partial(path)
	f, err := os.Create(tmp)
	if err != nil {
		return nil, fmt.Errorf("ledger of %s: %w", unit, err)
	}
	stats, err := Export(ctx, s, f, ExportRequest{Kinds: []model.Kind{model.KindTask, model.KindProposal}, Unit: unit,
		Operator: req.Operator, Generator: req.Generator})
	if cerr := f.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err == nil {
		err = addCover(tmp, unit, req.Month, due, stats)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return nil, fmt.Errorf("ledger of %s (%s): %w", unit, filepath.Base(path), err)
	}
	return stats, nil
}

// addCover puts the 填报说明 sheet first: whose ledger, what to fill, by when.
func addCover(path, unit string, month, due model.Date, stats Stats) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.NewSheet(CoverSheet); err != nil {
		return err
	}
	lines := []string{
		fmt.Sprintf("%s %d年%d月督办事项台账", unit, month.Y, month.M),
		fmt.Sprintf("本台账含督办事项 %d 项、建议提案 %d 件。", stats[model.KindTask], stats[model.KindProposal]),
		"请在“督办事项”表中逐项填写：办理进展、完成百分比、存在问题、下步措施；已办结的事项请填写办结日期。",
		"请勿修改编号、删除行或改动隐藏列：这些用于合并回总台账。",
		fmt.Sprintf("请于 %d年%d月%d日 前将本文件（保持文件名不变）报送市政府办公厅督查处。", due.Y, due.M, due.D),
	}
	for i, l := range lines {
		if err := f.SetCellValue(CoverSheet, fmt.Sprintf("A%d", i+1), l); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(CoverSheet, "A", "A", 100); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(CoverSheet, "A1", "A1", bold); err != nil {
		return err
	}
	if err := f.MoveSheet(CoverSheet, f.GetSheetList()[0]); err != nil {
		return err
	}
	idx, err := f.GetSheetIndex(CoverSheet)
	if err != nil {
		return err
	}
	f.SetActiveSheet(idx)
	return f.Save()
}

// partial is where path is written before it is renamed into place: a
// hidden name an import of the folder skips, with the .xlsx excelize needs.
func partial(path string) string {
	return filepath.Join(filepath.Dir(path), ".writing-"+filepath.Base(path))
}

// WorkbooksIn lists the workbooks an import of dir reads: its .xlsx, .xls and WPS .et files
// (not Excel's ~$ lock files, not hidden half-written ones), sorted.
func WorkbooksIn(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read folder: %w", err)
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		ext := strings.ToLower(filepath.Ext(n))
		if e.IsDir() || strings.HasPrefix(n, "~$") || strings.HasPrefix(n, ".") || ext != ".xlsx" && ext != ".xls" && ext != ".et" {
			continue
		}
		out = append(out, filepath.Join(dir, n))
	}
	sort.Strings(out)
	return out, nil
}

// ExpandPaths replaces each folder among paths by its workbooks.
func ExpandPaths(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			files, err := WorkbooksIn(p)
			if err != nil {
				return nil, err
			}
			out = append(out, files...)
			continue
		}
		out = append(out, p)
	}
	return out, nil
}

// UnitStatus is where one unit stands in the month's cycle.
type UnitStatus struct {
	Unit string `json:"unit"`
	File string `json:"file"`
	// Sent: its ledger is in the folder; SentAt when it was written.
	Sent   bool      `json:"sent"`
	SentAt time.Time `json:"sent_at,omitempty"`
	// Returned: a file of that name was imported after it was sent.
	Returned   bool      `json:"returned"`
	ReturnedAt time.Time `json:"returned_at,omitempty"`
	// Conflicts pending on the items the unit leads; MissingReports the
	// unfinished items it leads whose report for the period is missing.
	Conflicts      int `json:"conflicts"`
	MissingReports int `json:"missing_reports"`
}

// MonthStatus tells, for each unit, whether its ledger went out into dir,
// came back (the imports registry), and what is left: conflicts and
// missing progress reports as of today.
func MonthStatus(ctx context.Context, s *storage.Store, dir string, month model.Date, units []string, today model.Date) ([]UnitStatus, error) {
	imports, err := s.Imports(ctx)
	if err != nil {
		return nil, err
	}
	conflicts, err := s.Conflicts(ctx, true)
	if err != nil {
		return nil, err
	}
	out := make([]UnitStatus, len(units))
	for i, unit := range units {
		st := UnitStatus{Unit: unit, File: UnitFileName(unit, month)}
		if dir != "" {
			if fi, err := os.Stat(filepath.Join(dir, st.File)); err == nil {
				st.Sent, st.SentAt = true, fi.ModTime()
			}
		}
		for _, im := range imports { // newest first
			if im.File == st.File && (!st.Sent || !im.At.Before(st.SentAt.Add(-time.Minute))) {
				st.Returned, st.ReturnedAt = true, im.At
				break
			}
		}
		for _, c := range conflicts {
			if c.Unit == unit || c.File == st.File {
				st.Conflicts++
			}
		}
		recs, err := s.List(ctx, storage.Query{Kind: model.KindTask, LeadUnit: unit, Open: true})
		if err != nil {
			return nil, fmt.Errorf("status of %s: %w", unit, err)
		}
		for _, r := range recs {
			if len(model.MissedReports(r.(*model.Task), today)) > 0 {
				st.MissingReports++
			}
		}
		out[i] = st
	}
	return out, nil
}

// WriteMonthlyBulletin writes the 月通报 of month to path from every record.
func WriteMonthlyBulletin(ctx context.Context, s *storage.Store, path string, month model.Date, lang string) error {
	ds, err := s.Dataset(ctx)
	if err != nil {
		return err
	}
	rules, err := s.Rules(ctx)
	if err != nil {
		return err
	}
	tmp := partial(path)
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("monthly bulletin: %w", err)
	}
	err = report.Monthly(f, ds, month, rules, lang)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("monthly bulletin %s: %w", filepath.Base(path), err)
	}
	return nil
}

// BulletinFileName is the 月通报's file name for month.
func BulletinFileName(month model.Date) string {
	return fmt.Sprintf("月通报-%04d-%02d.xlsx", month.Y, month.M)
}
