//go:build windows

package main

import (
	"syscall"

	"fyne.io/fyne/v2"
)

// screenSize is the primary screen in Fyne's units (pixels over the
// system's scale), zero when Windows does not say.
func screenSize() fyne.Size {
	user32 := syscall.NewLazyDLL("user32.dll")
	metrics := user32.NewProc("GetSystemMetrics")
	w, _, _ := metrics.Call(0) // SM_CXSCREEN
	h, _, _ := metrics.Call(1) // SM_CYSCREEN
	if w == 0 || h == 0 {
		return fyne.Size{}
	}
	scale := float32(1)
	if dpiProc := user32.NewProc("GetDpiForSystem"); dpiProc.Find() == nil { // Windows 10 1607+
		if dpi, _, _ := dpiProc.Call(); dpi > 0 {
			scale = float32(dpi) / 96
		}
	}
	return fyne.NewSize(float32(w)/scale, float32(h)/scale)
}
