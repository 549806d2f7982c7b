package storage

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

func TestDatasetLoadsEveryKindWithoutTombstonesAndWithTheUnitDictionary(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	d := func(v string) model.Date {
		x, err := model.ParseISO(v)
		require.NoError(t, err)
		return x
	}
	save := func(r model.Record) {
		t.Helper()
		require.NoError(t, s.Save(ctx, r, "测试"))
	}
	save(&model.Unit{Name: "市发展和改革委员会", Aliases: []string{"市发改委"}})
	first := sampleTask("督〔2019〕1号", "甲事项")
	first.Units = []model.UnitRole{{Name: "市发改委", Role: model.RoleLead}}
	first.AssignedOn = d("2019-03-01")
	save(first)
	second := sampleTask("督〔2019〕2号", "乙事项")
	second.Units = []model.UnitRole{{Name: "市发展和改革委员会", Role: model.RoleLead}}
	second.AssignedOn = d("2019-04-01")
	save(second)
	gone := sampleTask("督〔2019〕3号", "已删除事项")
	gone.AssignedOn = d("2019-04-01")
	save(gone)
	require.NoError(t, s.Delete(ctx, gone.ID, "测试"))
	save(&model.Meeting{Number: "第1次", HeldOn: d("2019-06-05"), Topics: 4})
	save(&model.Proposal{Body: model.BodyNPC, Number: "1", AssignedOn: d("2019-06-01")})
	save(&model.Visit{Number: "DY-1", Type: model.VisitResearch, StartOn: d("2019-06-03"), Leader: "王明", Units: []string{"市发改委"}})
	save(&model.Problem{Description: "问题", Visit: "DY-1", ResolvedOn: d("2019-06-20")})
	save(&model.Point{Name: "城关联系点"})
	save(&model.Fund{Date: d("2019-06-10"), SourceText: "财政专项", AmountFen: 100_000_00})
	save(&model.Project{Name: "大棚", StartOn: d("2019-06-01")})

	ds, err := s.Dataset(ctx)
	require.NoError(t, err)
	require.Len(t, ds.Tasks, 2, "the tombstone is left out")
	assert.Equal(t, "督〔2019〕1号", ds.Tasks[0].Number, "in the order stored")
	assert.Len(t, ds.Meetings, 1)
	assert.Len(t, ds.Proposals, 1)
	assert.Len(t, ds.Visits, 1)
	assert.Len(t, ds.Problems, 1)
	assert.Len(t, ds.Points, 1)
	assert.Len(t, ds.Funds, 1)
	assert.Len(t, ds.Projects, 1)
	require.NotNil(t, ds.Units)
	assert.Equal(t, "市发展和改革委员会", ds.Units.Canonical("市发改委"))

	sum := model.Summarize(ds, d("2019-06-01"), d("2019-06-30"), model.DefaultRules())
	require.Len(t, sum.Tasks.ByUnit, 1, "alias and full name are one unit")
	assert.Equal(t, "市发展和改革委员会", sum.Tasks.ByUnit[0].Unit)
	assert.Equal(t, 2, sum.Tasks.ByUnit[0].Tracked)
	assert.Equal(t, model.Fen(100_000_00), sum.Village.FundsBySource["fiscal"])
	assert.Equal(t, 1, sum.Field.ProblemsSolved)
	assert.Equal(t, 4, sum.Meetings.Topics)
}

// A dataset large enough to be read in several ranges of the table comes
// whole and in the order the records were stored, tombstones left out.
func TestALargeDatasetComesWholeInStoredOrder(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	const n = 3*loadBatch + 17
	var want []string
	require.NoError(t, s.Update(ctx, func(tx *Tx) error {
		for i := range n {
			task := newTask(fmt.Sprintf("督〔2019〕%d号", i), fmt.Sprintf("事项%d", i), "")
			if i%2 == 0 {
				// other kinds in between, not in the dataset's tasks
				if err := tx.Save(ctx, &model.Holiday{Name: fmt.Sprint("假日", i), Date: model.NewDate(2019, 1, 1+i%28)}, "t", ""); err != nil {
					return err
				}
			}
			task.Deleted = i%1000 == 999
			if err := tx.Save(ctx, task, "t", ""); err != nil {
				return err
			}
			if !task.Deleted {
				want = append(want, task.Number)
			}
		}
		return nil
	}))
	ds, err := s.Dataset(ctx)
	require.NoError(t, err)
	var got []string
	for _, task := range ds.Tasks {
		got = append(got, task.Number)
	}
	assert.Equal(t, want, got)
}
