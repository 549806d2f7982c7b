package model

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLangNormalises(t *testing.T) {
	for in, want := range map[string]string{
		"en": "en", "en_US.UTF-8": "en", "EN": "en", "English": "en",
		"zh": "zh", "zh_CN.UTF-8": "zh", "zh-Hans": "zh", "C": "zh", "": "zh", "fr": "zh",
	} {
		assert.Equal(t, want, Lang(in), in)
	}
}

// Every Localized error of model speaks the language asked for, also when
// wrapped, and never both at once.
func TestLocalizedErrorsInOneLanguage(t *testing.T) {
	_, perr := ParseDate("2019年13月1日", Date{})
	rerr := ChangeTaskStatus(&Task{Status: TaskInProgress}, TaskWithdrawn, "", NewDate(2019, 6, 1))
	cases := map[string]error{
		"parse": perr,
		"rule":  rerr,
		"text":  NewError(T("磁盘已满", "the disk is full"), nil),
	}
	for name, err := range cases {
		if !assert.Error(t, err, name) {
			continue
		}
		wrapped := fmt.Errorf("import a.xlsx: %w", err)
		zh, en := Localize(wrapped, "zh"), Localize(wrapped, "en_US.UTF-8")
		assert.NotEqual(t, zh, en, name)
		assert.Regexp(t, `\p{Han}`, zh, name)
		assert.NotRegexp(t, `\p{Han}{2}`, en, name+": English without Chinese words")
		assert.NotContains(t, zh, " / ", name)
		assert.Equal(t, zh, Localize(wrapped, ""), name+": Chinese when the language is unknown")
	}
}
