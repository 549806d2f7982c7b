package exchange_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

// The preview of a large first import counts every new row in its tab and
// lists the first ones, then says how many more there are.
func TestTheNewTabCountsRowsItDoesNotList(t *testing.T) {
	e := newEnv(t)
	n := model.QuietShown + 40
	imp := e.choose(largeLedger(t, t.TempDir(), n))
	tabs := imp.Tabs()
	require.NotNil(t, tabs)
	tab := tabs.Items[1]
	assert.Equal(t, fmt.Sprintf("新增（%d）", n), tab.Text)
	list, ok := tab.Content.(*widget.List)
	require.True(t, ok)
	require.Equal(t, model.QuietShown+1, list.Length())
	assert.Contains(t, listLine(list, 0), "背街小巷整治1")
	assert.Equal(t, "……另有 40 行（不逐行列出）", listLine(list, model.QuietShown))
}

// listLine is the text the list shows on its line i.
func listLine(list *widget.List, i int) string {
	o := list.CreateItem()
	list.UpdateItem(i, o)
	return o.(*widget.Label).Text
}

// largeLedger writes a ledger of n tasks (大台账.xlsx in dir).
func largeLedger(t *testing.T, dir string, n int) string {
	return ledgerDue(t, dir, n, "2026-12-31")
}

// ledgerDue is largeLedger with every task due on due.
func ledgerDue(t *testing.T, dir string, n int, due string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetRow("Sheet1", "A1", &[]any{"编号", "事项名称", "牵头单位", "完成时限"}))
	for i := 1; i <= n; i++ {
		require.NoError(t, f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1),
			&[]any{fmt.Sprintf("督〔2026〕%d号", i), fmt.Sprintf("背街小巷整治%d", i), "市住建局", due}))
	}
	path := filepath.Join(dir, "大台账.xlsx")
	require.NoError(t, f.SaveAs(path))
	return path
}

// The same ledger a month on, every deadline moved: the 更新 tab counts
// every row, lists the first ones with the old and new deadline and says
// how many more there are; applying it changes every task.
func TestTheUpdatedTabCountsRowsItDoesNotList(t *testing.T) {
	e := newEnv(t)
	n := model.QuietShown + 40
	imp := e.choose(largeLedger(t, t.TempDir(), n))
	test.Tap(imp.ApplyButton())
	require.Contains(t, imp.Message(), fmt.Sprintf("新增 %d", n))

	imp = e.choose(ledgerDue(t, t.TempDir(), n, "2027-03-31"))
	tab := imp.Tabs().Items[2]
	assert.Equal(t, fmt.Sprintf("更新（%d）", n), tab.Text)
	list, ok := tab.Content.(*widget.List)
	require.True(t, ok)
	require.Equal(t, model.QuietShown+1, list.Length())
	assert.Contains(t, listLine(list, 0), "背街小巷整治1")
	assert.Contains(t, listLine(list, 0), "2027")
	assert.Equal(t, "……另有 40 行（不逐行列出）", listLine(list, model.QuietShown))

	test.Tap(imp.ApplyButton())
	assert.Contains(t, imp.Message(), fmt.Sprintf("更新 %d", n))
	last, err := e.st.FindByKey(context.Background(), model.KindTask,
		model.NaturalKey(&model.Task{Number: fmt.Sprintf("督〔2026〕%d号", n)}))
	require.NoError(t, err)
	assert.Equal(t, model.NewDate(2027, 3, 31), last.(*model.Task).Deadline.Due, "a row the preview did not list")
}
