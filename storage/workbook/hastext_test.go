package workbook

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// hasText decides a blank cell as strings.TrimSpace does: full-width and
// no-break spaces, line separators and broken bytes included.
func TestHasTextIsTrimSpace(t *testing.T) {
	for _, v := range []string{"", " ", "\t\n\v\f\r", "a", " a", "a ", "\u3000", "\u3000事项", "\u00a0", "\u0085", "\u2028x",
		"\xff", " \xff", "\xe4\xb8", "事项", "\x00", "\x1f", "\u200b"} {
		assert.Equal(t, strings.TrimSpace(v) != "", hasText(v), "%q", v)
	}
}
