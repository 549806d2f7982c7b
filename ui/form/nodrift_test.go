package form_test

import (
	"context"
	"encoding/json"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/ui/common"
	"taizhang/ui/form"
)

// Opening a record and pressing 保存 without an edit changes nothing: no
// revision, no history, no deadline moved to the current year. Every kind,
// and for tasks every deadline form, saved years after it was entered.
func TestSavingWithoutEditsChangesNothing(t *testing.T) {
	_, st := chineseApp(t)
	ctx := context.Background()

	bodies := map[model.Kind][]string{
		model.KindProposal: {`{"number":"12","body":"npc","session":"第十六届第三次会议","title":"关于加强停车管理的建议","proposer":"张明","units":[{"name":"市公安局","role":"lead"}],"assigned_on":"2019-03-20","due_on":"2019-06-20","replied_on":"2019-06-01","satisfaction":"satisfied"}`},
		model.KindMeeting:  {`{"number":"第5次","kind":"executive","title":"市政府常务会议","held_on":"2019-04-02","topics":6}`},
		model.KindVillage:  {`{"name":"王庄村","township":"东湖镇","county":"城关区"}`},
		model.KindFund:     {`{"date":"2019-05-06","source_text":"财政专项扶贫资金","amount_fen":115000000,"project":"蔬菜大棚","village":"王庄村"}`},
		model.KindProject: {`{"name":"蔬菜大棚","village":"王庄村","category":"产业发展","start_on":"2019-03-01","finish_on":"2019-06-30","percent":80}`,
			// a word no option matched, kept as typed
			`{"name":"光伏电站","village":"王庄村","category_text":"新型产业","start_on":"2019-03-01"}`},
		model.KindPoint:   {`{"name":"西关街道民主社区","short_name":"民主社区","visit_every":"month"}`},
		model.KindVisit:   {`{"number":"DY-04","type":"research","start_on":"2019-05-20","end_on":"2019-05-21","leader":"王市长","place":"王庄村"}`},
		model.KindProblem: {`{"description":"道路破损","unit":"市交通运输局","raised_on":"2019-05-20","status":"open"}`},
		model.KindUnit:    {`{"name":"市发展和改革委员会","aliases":["市发改委"]}`},
		model.KindHoliday: {`{"date":"2019-10-01","name":"国庆节"}`, `{"date":"2019-09-29","name":"国庆节调休","workday":true}`},
		model.KindTerm:    {`{"of":"tasks.status","word":"按序时推进","value":"in_progress"}`},
	}
	deadlines := []string{
		`{"deadline":"2019-06-30","deadline_text":"6月底","deadline_kind":"month_end"}`,
		`{"deadline":"2019-12-31","deadline_text":"年底前","deadline_kind":"year_end"}`,
		`{"deadline":"2019-06-30","deadline_text":"上半年","deadline_kind":"month_end"}`,
		`{"deadline":"2020-03-31","deadline_text":"3月底","deadline_kind":"month_end","assigned_on":"2019-12-15"}`,
		`{"deadline":"2019-06-20","deadline_text":"6月20日前","deadline_kind":"date"}`,
		`{"deadline":"2019-06-30","deadline_text":"2019年6月30日","deadline_kind":"date"}`,
		`{"deadline":"2019-06-30","deadline_kind":"date"}`,
		`{"deadline":"2019-10-14","deadline_text":"7个工作日","deadline_kind":"workdays","assigned_on":"2019-09-27"}`,
		`{"deadline_text":"收到后30个工作日内","deadline_kind":"workdays"}`,
		`{"deadline_text":"长期坚持","deadline_kind":"ongoing"}`,
		`{"deadline_text":"每月25日前","deadline_kind":"periodic"}`,
		`{}`,
	}
	for i, dl := range deadlines {
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(dl), &m))
		m["number"] = "督〔2019〕" + string(rune('A'+i)) + "号"
		m["title"] = "事项" + dl
		m["units"] = []model.UnitRole{{Name: "市住房和城乡建设局", Role: model.RoleLead}}
		// a working-day deadline has no day until the item is assigned
		if _, ok := m["assigned_on"]; !ok && i%2 == 0 && m["deadline_kind"] != "workdays" {
			m["assigned_on"] = "2019-03-01"
		}
		b, err := json.Marshal(m)
		require.NoError(t, err)
		bodies[model.KindTask] = append(bodies[model.KindTask], string(b))
	}

	// Saved in 2026: nothing of 2019 may move to 2026.
	day := model.Day{Today: model.NewDate(2026, 12, 6), Rules: model.DefaultRules()}
	for _, k := range model.Kinds() {
		require.NotEmpty(t, bodies[k], "a record of every kind: %s", k)
		for _, body := range bodies[k] {
			rec := model.New(k)
			require.NoError(t, json.Unmarshal([]byte(body), rec), body)
			rec.RecordMeta().Kind = k
			rec.Normalize()
			require.NoError(t, st.Save(ctx, rec, "王敏"))
			before, err := st.Get(ctx, rec.RecordMeta().ID)
			require.NoError(t, err)
			hist, err := st.History(ctx, rec.RecordMeta().ID)
			require.NoError(t, err)

			w := test.NewTempWindow(t, nil)
			f := form.New(k, before, form.Deps{Store: st, Window: w, Run: &common.Runner{Sync: true},
				Day: func() model.Day { return day }})
			w.SetContent(f.Content())
			require.NoError(t, f.Save(), "%s %s", k, body)

			after, err := st.Get(ctx, rec.RecordMeta().ID)
			require.NoError(t, err)
			assert.Equal(t, before.RecordMeta().Rev, after.RecordMeta().Rev, "%s %s: no new revision", k, body)
			a, _ := json.Marshal(after)
			b, _ := json.Marshal(before)
			assert.JSONEq(t, string(b), string(a), "%s %s", k, body)
			hist2, err := st.History(ctx, rec.RecordMeta().ID)
			require.NoError(t, err)
			assert.Len(t, hist2, len(hist), "%s %s: no history", k, body)
		}
	}
}
