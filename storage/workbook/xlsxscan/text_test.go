package xlsxscan

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// validTextRef is what a cell's text must be: no control character XML
// 1.0 forbids, and valid UTF-8.
func validTextRef(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return utf8.Valid(b)
}

// The one-pass check refuses exactly what the reference does: every
// sequence of up to three bytes (overlong forms, surrogates, runes past
// U+10FFFF, cut runes, control bytes), at every offset in an ASCII run,
// and random mixes of Chinese, ASCII and bad bytes.
func TestValidTextAgreesWithUTF8Valid(t *testing.T) {
	pad := []byte("abcdefghijklmnopq")
	check := func(b []byte) {
		require.Equal(t, validTextRef(b), validText(b), "%q", b)
	}
	for a := 0; a < 256; a++ {
		for c := 0; c < 256; c++ {
			check([]byte{byte(a), byte(c)})
			for _, d := range []byte{0x00, 0x09, 0x1f, 0x20, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xe4, 0xf4} {
				b := []byte{byte(a), byte(c), d}
				check(b)
				for off := range 9 {
					check(append(append(append([]byte{}, pad[:off]...), b...), pad[:9]...))
				}
			}
		}
	}
	for _, s := range []string{"\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf0\x8f\xbf\xbf", "\xed\x9f\xbf", "\xed\xa0\x80", "督办事项 2025年6月30日\r\n", "abcdefgh\x01", "abcdefg\x01h"} {
		check([]byte(s))
	}
	rng := rand.New(rand.NewPCG(5, 6))
	parts := []string{"督", "办", "a", "0123456789", " ", "\t", "\n", "\x1f", "\x7f", "\xe4", "\xb8", "\xff", "😀", "\xf0\x9f", "é"}
	for range 200_000 {
		var b []byte
		for n := rng.IntN(12); n > 0; n-- {
			b = append(b, parts[rng.IntN(len(parts))]...)
		}
		check(b)
	}
}
