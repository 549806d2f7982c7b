package common

import "fyne.io/fyne/v2"

// Wrap is how paragraphs wrap in the current language. Fyne's word wrap
// only breaks at spaces: Chinese has none, so a line with a stray space
// (a number, a name) broke far too early and the rest ran on; Chinese
// breaks between any two characters instead. Screens are rebuilt on a
// language switch, so choosing when a label is made is enough.
func Wrap() fyne.TextWrap {
	if English() {
		return fyne.TextWrapWord
	}
	return fyne.TextWrapBreak
}
