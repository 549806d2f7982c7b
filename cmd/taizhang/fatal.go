package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/ui/i18n"
)

// showFatal tells the user why the app cannot start (a database from a
// newer version, a data folder that cannot be created) and waits for them
// to close the window. It runs before the catalogue is loaded, so the
// message is chosen by language here.
func showFatal(a fyne.App, dir string, err error) {
	fatalWindow(a, dir, err)
	a.Run()
}

// fatalWindow shows why the data folder cannot be opened, in a running
// app or one about to run.
func fatalWindow(a fyne.App, dir string, err error) {
	zh := i18n.System() == i18n.Chinese
	pick := func(c, e string) string {
		if zh {
			return c
		}
		return e
	}
	msg := model.Localize(err, pick("zh", "en"))
	w := a.NewWindow(pick("台账通无法启动", "Taizhang cannot start"))
	text := widget.NewLabel(pick("无法打开数据文件夹 ", "Cannot open the data folder ") + dir + "\n\n" + msg)
	text.Wrapping = fyne.TextWrapBreak
	quit := widget.NewButton(pick("退出", "Quit"), a.Quit)
	w.SetContent(container.NewBorder(nil, container.NewCenter(quit), nil, nil, text))
	w.Resize(fyne.NewSize(560, 240))
	w.Show()
}
