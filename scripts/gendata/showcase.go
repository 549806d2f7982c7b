package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/storage/exchange"
)

// showcase gives one open item a history worth showing: two edits by
// staff, then a department's return workbook that changes its progress
// through the import. It ends as the most recently changed item, which
// the screenshots open (TAIZHANG_SCREEN=form, history). The same file
// leaves one conflict to resolve.
func showcase(ctx context.Context, st *storage.Store) error {
	recs, err := st.List(ctx, storage.Query{Kind: model.KindTask, Status: string(model.TaskInProgress), Limit: 1})
	if err != nil || len(recs) == 0 {
		return fmt.Errorf("showcase: find an item in progress: %v", err)
	}
	id := recs[0].RecordMeta().ID
	edits := []struct {
		by   string
		edit func(t *model.Task)
	}{
		{"王敏", func(t *model.Task) {
			t.Progress = "已完成项目选址和可行性研究报告编制，正在办理用地手续。"
			t.Percent = 40
		}},
		{"李娜", func(t *model.Task) {
			t.Progress = "用地手续已获批复，施工单位已完成招标。"
			t.Percent = 60
			t.Leader = "张建国"
		}},
	}
	for _, e := range edits {
		r, err := st.Get(ctx, id)
		if err != nil {
			return fmt.Errorf("showcase: %w", err)
		}
		t := r.(*model.Task)
		e.edit(t)
		if err := st.Save(ctx, t, e.by); err != nil {
			return fmt.Errorf("showcase: save: %w", err)
		}
	}
	r, err := st.Get(ctx, id)
	if err != nil {
		return fmt.Errorf("showcase: %w", err)
	}
	t := r.(*model.Task)
	dir, err := os.MkdirTemp("", "taizhang-showcase")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, t.LeadUnit+"反馈.xlsx")
	if err := exportUnit(ctx, st, path, t.LeadUnit); err != nil {
		return err
	}
	if err := setCells(path, t.Number, map[string]string{"办理进展": "主体工程已开工，完成投资1.2亿元。", "完成进度": "75%"}); err != nil {
		return err
	}
	// another item of the unit renamed here and, differently, in the
	// department's file: a conflict waiting in the conflicts view
	others, err := st.List(ctx, storage.Query{Kind: model.KindTask, Unit: t.LeadUnit, Limit: 2})
	if err != nil {
		return fmt.Errorf("showcase: %w", err)
	}
	for _, o := range others {
		if o.RecordMeta().ID == id {
			continue
		}
		other := o.(*model.Task)
		title := other.Title
		other.Title = title + "（市政府督查室调整）"
		if err := st.Save(ctx, other, "李娜"); err != nil {
			return fmt.Errorf("showcase: save: %w", err)
		}
		if err := setCells(path, other.Number, map[string]string{"事项名称": title + "（部门反馈）"}); err != nil {
			return err
		}
		break
	}
	plan, err := exchange.PlanFiles(ctx, st, []string{path}, exchange.ReadRequest{Lang: "zh"})
	if err != nil {
		return fmt.Errorf("showcase: plan %s: %w", path, err)
	}
	if _, err := st.ApplyImport(ctx, plan, storage.ApplyOptions{By: "王敏", Partial: true}); err != nil {
		return fmt.Errorf("showcase: import %s: %w", path, err)
	}
	return nil
}

func exportUnit(ctx context.Context, st *storage.Store, path, unit string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	_, err = exchange.Export(ctx, st, f, exchange.ExportRequest{Kinds: []model.Kind{model.KindTask}, Unit: unit, Operator: "王敏"})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("showcase: export %s: %w", unit, err)
	}
	return nil
}

// setCells changes the cells under the given headers in the row of the
// item numbered number, as the department would in Excel.
func setCells(path, number string, set map[string]string) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return fmt.Errorf("showcase: open %s: %w", path, err)
	}
	defer f.Close()
	const sheet = "督办事项"
	rows, err := f.GetRows(sheet)
	if err != nil {
		return fmt.Errorf("showcase: read %s: %w", path, err)
	}
	cols, target := map[string]int{}, -1
	for i, r := range rows {
		for j, v := range r {
			if _, ok := set[v]; ok {
				if _, seen := cols[v]; !seen {
					cols[v] = j
				}
			}
			if v == number && target < 0 {
				target = i
			}
		}
	}
	if len(cols) != len(set) || target < 0 {
		return fmt.Errorf("showcase: %s: headers %v or row of %s not found", path, cols, number)
	}
	for h, v := range set {
		cell, err := excelize.CoordinatesToCellName(cols[h]+1, target+1)
		if err != nil {
			return err
		}
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			return err
		}
	}
	return f.Save()
}
