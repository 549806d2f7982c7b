//go:build !windows

package main

import (
	"context"
	"os/exec"
	"regexp"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
)

var xrandrCurrent = regexp.MustCompile(`current (\d+) x (\d+)`)

// screenSize is the X screen's size as xrandr reports it, zero when it
// cannot tell (no xrandr, Wayland without XWayland, macOS).
func screenSize() fyne.Size {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "xrandr", "--current").Output()
	if err != nil {
		return fyne.Size{}
	}
	m := xrandrCurrent.FindSubmatch(out)
	if m == nil {
		return fyne.Size{}
	}
	w, _ := strconv.Atoi(string(m[1]))
	h, _ := strconv.Atoi(string(m[2]))
	return fyne.NewSize(float32(w), float32(h))
}
