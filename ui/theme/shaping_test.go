package theme

import (
	"fmt"
	"image/png"
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"taizhang/assets"
)

// TestShapingCost (TAIZHANG_BENCH_FONT=1) draws 1,000 distinct Chinese
// labels headless, 50 per frame, and measures 1,000 distinct texts: each
// new text is shaped with the bundled font, so the font's layout tables
// decide the cost. TAIZHANG_BENCH_PNG=file keeps the last frame.
func TestShapingCost(t *testing.T) {
	if os.Getenv("TAIZHANG_BENCH_FONT") == "" {
		t.Skip("set TAIZHANG_BENCH_FONT=1")
	}
	a := test.NewTempApp(t)
	a.Settings().SetTheme(New())
	words := []rune("督办事项推进老旧小区改造招商引资项目落地城区停车位加装电梯民生重点实事年度任务汇总")
	text := func(i int) string {
		r := []rune{}
		for j := 0; j < 12; j++ {
			r = append(r, words[(i*7+j*(i%13+1))%len(words)])
		}
		return fmt.Sprintf("%s（第%d号）Office %d", string(r), i, i)
	}
	box := container.NewVBox()
	labels := make([]*widget.Label, 50)
	for i := range labels {
		labels[i] = widget.NewLabel("")
		box.Add(labels[i])
	}
	w := test.NewTempWindow(t, box)
	w.Resize(fyne.NewSize(600, 2000))
	start := time.Now()
	for frame := 0; frame < 20; frame++ {
		for i, l := range labels {
			l.SetText(text(frame*50 + i))
		}
		w.Canvas().Capture()
	}
	drawn := time.Since(start)
	start = time.Now()
	for i := 1000; i < 2000; i++ {
		fyne.MeasureText(text(i), 14, fyne.TextStyle{})
	}
	measured := time.Since(start)
	t.Logf("font %d+%d bytes: 1000 labels drawn in %v (%.2f ms each), 1000 texts measured in %v (%.2f ms each)",
		len(assets.FontRegular), len(assets.FontBold), drawn, float64(drawn.Microseconds())/1000/1000, measured, float64(measured.Microseconds())/1000/1000)
	if out := os.Getenv("TAIZHANG_BENCH_PNG"); out != "" {
		f, err := os.Create(out)
		require.NoError(t, err)
		require.NoError(t, png.Encode(f, w.Canvas().Capture()))
		require.NoError(t, f.Close())
	}
}
