package model

import "strings"

// Option is one value of an enumerated field with the Chinese label used in
// ledgers and exports, and other words ledgers use for it.
type Option[T ~string] struct {
	Value    T
	Zh       string
	Synonyms []string
}

// Enum is the closed set of values of a field, in display order.
type Enum[T ~string] []Option[T]

// Parse maps what a ledger or a user typed to a value: the value itself,
// its Chinese label or any synonym, ignoring case, spaces and full-width forms.
func (e Enum[T]) Parse(s string) (T, bool) {
	key := enumKey(s)
	if key == "" {
		return "", false
	}
	for _, o := range e {
		if enumKey(string(o.Value)) == key || enumKey(o.Zh) == key {
			return o.Value, true
		}
		for _, syn := range o.Synonyms {
			if enumKey(syn) == key {
				return o.Value, true
			}
		}
	}
	return "", false
}

// Zh is the Chinese label of v, or v itself when unknown.
func (e Enum[T]) Zh(v T) string {
	for _, o := range e {
		if o.Value == v {
			return o.Zh
		}
	}
	return string(v)
}

// Labels lists the Chinese labels in order (for dropdowns).
func (e Enum[T]) Labels() []string {
	out := make([]string, len(e))
	for i, o := range e {
		out[i] = o.Zh
	}
	return out
}

// Values lists the values in order.
func (e Enum[T]) Values() []T {
	out := make([]T, len(e))
	for i, o := range e {
		out[i] = o.Value
	}
	return out
}

// Valid reports whether v is one of the values (the empty value is not).
func (e Enum[T]) Valid(v T) bool {
	for _, o := range e {
		if o.Value == v {
			return true
		}
	}
	return false
}

func enumKey(s string) string {
	s = strings.ToLower(Fold(s))
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '\u3000', '_', '-':
			return -1
		}
		return r
	}, s)
}
