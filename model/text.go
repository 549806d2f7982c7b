package model

import (
	"errors"
	"strings"
)

// The app speaks Chinese (the office's language, and the default whenever
// the language is not known) and English. Every user-facing text is a Text;
// every user-facing error is Localized. Lang is the one place a language
// name is understood.

// Lang normalises a language name ("en", "en_US.UTF-8", "zh-Hans", "C",
// "") to "en" or "zh": English for names starting with en, Chinese
// otherwise.
func Lang(s string) string {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "en") {
		return "en"
	}
	return "zh"
}

// Text is a message in both languages.
type Text struct {
	Zh string `json:"zh"`
	En string `json:"en"`
}

// T makes a Text.
func T(zh, en string) Text { return Text{Zh: zh, En: en} }

// In is the text in lang (see Lang). An empty side is meant (a closing
// bracket English does without): it does not fall back to the other.
func (t Text) In(lang string) string {
	if Lang(lang) == "en" {
		return t.En
	}
	return t.Zh
}

// IsZero reports whether neither language has text.
func (t Text) IsZero() bool { return t.Zh == "" && t.En == "" }

// Localized is implemented by every error a user can meet: Reason is the
// explanation in lang (see Lang).
type Localized interface {
	error
	Reason(lang string) string
}

// Localize is err in lang: the explanation of the first Localized error in
// its chain, else err's own text.
func Localize(err error, lang string) string {
	if err == nil {
		return ""
	}
	var l Localized
	if errors.As(err, &l) {
		return l.Reason(lang)
	}
	return err.Error()
}

// TextError is a Localized error made of a Text, optionally wrapping the
// error that caused it (kept for errors.Is and logs).
type TextError struct {
	Text
	Err error
}

// Errorf-like constructors stay with the callers; this one wraps a Text.
func NewError(t Text, cause error) *TextError { return &TextError{Text: t, Err: cause} }

func (e *TextError) Error() string             { return e.En }
func (e *TextError) Reason(lang string) string { return e.In(lang) }
func (e *TextError) Unwrap() error             { return e.Err }
