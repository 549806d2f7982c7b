package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Departments retype an item's number with whatever brackets their
// keyboard gives, pad it, or drop its 号: a returned row still finds the
// item. Different numbers stay different.
func TestNumberSpellingsShareAKey(t *testing.T) {
	key := func(number string) string { return NaturalKey(&Task{Number: number}) }
	want := key("督〔2025〕3号")
	for _, typed := range []string{"督[2025]3号", "督(2025)3号", "督（2025）3号", "督【2025】3号", "督［2025］3号",
		"督〔2025〕03号", "督〔2025〕003号", "督〔2025〕3", "督 〔２０２５〕 3 号", "督﹝2025﹞3号"} {
		assert.Equal(t, want, key(typed), typed)
	}
	for _, other := range []string{"督〔2025〕30号", "督〔2025〕13号", "督〔2024〕3号", "督〔2025〕3-1号", "督办〔2025〕3号"} {
		assert.NotEqual(t, want, key(other), other)
	}
	assert.NotEqual(t, key("0"), key(""), "a number 0 is a key")
	assert.Equal(t, key("10"), key("010"))
	assert.NotEqual(t, key("10"), key("1"))
	assert.Equal(t, "", NaturalKey(&Task{}))
}
