package model

import "strings"

// Fold turns full-width ASCII (０-９, Ａ-Ｚ, ．，) into half-width and the
// ideographic space into a plain space, and trims. Ledgers mix both.
func Fold(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		switch {
		case r == '\u3000':
			return ' '
		case r >= '！' && r <= '～':
			return r - '！' + '!'
		case r == '\u00a0':
			return ' '
		}
		return r
	}, s))
}
