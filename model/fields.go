package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// recordType is the struct type behind a record pointer.
func recordType(r Record) (reflect.Type, error) {
	if r == nil {
		return nil, fmt.Errorf("record is nil")
	}
	v := reflect.ValueOf(r)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil, fmt.Errorf("record %T is not a pointer to a struct", r)
	}
	return v.Elem().Type(), nil
}

// fieldNames lists the JSON names of t's fields as encoding/json flattens
// them, without Meta's unless the record shadows one with a field of its own
// (Meeting's "kind" is the meeting's kind, not the record kind).
//
// Worked out once a type (kept in typeFieldNames, which is only ever added
// to, like encoding/json's own cache of types): records are cut into their
// fields for every row an import merges, and walking the type each time was
// a fifth of merging two returns.
func fieldNames(t reflect.Type) map[string]bool {
	if names, ok := typeFieldNames.Load(t); ok {
		return names.(map[string]bool)
	}
	names, _ := typeFieldNames.LoadOrStore(t, walkFieldNames(t))
	return names.(map[string]bool) // never changed once stored
}

var typeFieldNames sync.Map // reflect.Type → map[string]bool

func walkFieldNames(t reflect.Type) map[string]bool {
	names := map[string]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" || !f.IsExported() && !f.Anonymous {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
				if f.Type != reflect.TypeOf(Meta{}) {
					walk(f.Type)
				}
				continue
			}
			if name == "" {
				name = f.Name
			}
			names[name] = true
		}
	}
	walk(t)
	return names
}

// Fields flattens a record into its JSON fields (json tag names), as
// history and merge compare them, without Meta's fields (id, kind, rev,
// updated_at, updated_by, deleted). Embedded structs (Deadline) are
// flattened as encoding/json does.
func Fields(r Record) (map[string]json.RawMessage, error) {
	t, err := recordType(r)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("fields of %s: %w", t.Name(), err)
	}
	names := fieldNames(t)
	all := make(map[string]json.RawMessage, len(names))
	err = EachJSONField(b, func(k string, raw json.RawMessage) {
		if names[k] {
			all[k] = raw
		}
	})
	if err != nil {
		return nil, fmt.Errorf("fields of %s: %w", t.Name(), err)
	}
	return all, nil
}

// SetFields overwrites the named fields of r from JSON values; a missing or
// null value clears the field. Meta is left as it was. A name r does not
// have is an error and nothing is changed.
func SetFields(r Record, f map[string]json.RawMessage) error {
	t, err := recordType(r)
	if err != nil {
		return err
	}
	names := fieldNames(t)
	for k := range f {
		if !names[k] {
			return fmt.Errorf("set fields of %s: no field %q", t.Name(), k)
		}
	}
	if len(f) == 0 {
		return nil
	}
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("set fields of %s: %w", t.Name(), err)
	}
	all := map[string]json.RawMessage{}
	if err := json.Unmarshal(b, &all); err != nil {
		return fmt.Errorf("set fields of %s: %w", t.Name(), err)
	}
	for k, v := range f {
		if len(bytes.TrimSpace(v)) == 0 {
			v = json.RawMessage("null")
		}
		all[k] = v
	}
	b, err = json.Marshal(all)
	if err != nil {
		return fmt.Errorf("set fields of %s: %w", t.Name(), err)
	}
	// Decode into a fresh value so null really clears (json leaves a string
	// untouched on null) and no slice shares memory with the old record.
	fresh := reflect.New(t)
	if err := json.Unmarshal(b, fresh.Interface()); err != nil {
		return fmt.Errorf("set fields of %s: %w", t.Name(), err)
	}
	meta := *r.RecordMeta()
	reflect.ValueOf(r).Elem().Set(fresh.Elem())
	*r.RecordMeta() = meta
	return nil
}

func decodeJSON(v json.RawMessage) (any, bool) {
	d := json.NewDecoder(bytes.NewReader(v))
	d.UseNumber()
	var x any
	if err := d.Decode(&x); err != nil {
		return nil, false
	}
	if d.More() {
		return nil, false
	}
	return x, true
}

// IsEmptyJSON reports whether a value is empty: null, "" (or only white
// space), 0, false, [], {} or no text at all. Text that is not JSON is not empty.
func IsEmptyJSON(v json.RawMessage) bool {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return true
	}
	// The common cases without decoding: imports compare every field of
	// every row, so this is on the hot path.
	switch string(v) {
	case "null", `""`, "0", "false", "[]", "{}":
		return true
	case "true":
		return false
	}
	if (v[0] == '[' || v[0] == '{') && len(v) >= 2 && len(bytes.TrimSpace(v[1:len(v)-1])) > 0 {
		return false // a list or an object with something in it (or no JSON)
	}
	if v[0] == '"' && (v[1] > ' ' && v[1] < 0x7f && v[1] != '\\' && v[1] != '"' || v[1] >= 0xe4) {
		// a string that starts with a visible ASCII character or a CJK
		// ideograph (no Unicode space is encoded from 0xE4 on)
		return false
	}
	x, ok := decodeJSON(v)
	return ok && emptyValue(x)
}

func emptyValue(x any) bool {
	switch x := x.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(x) == ""
	case json.Number:
		f, err := strconv.ParseFloat(string(x), 64)
		return err == nil && f == 0
	case bool:
		return !x
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

// EqualJSON compares two JSON values by meaning: every empty value equals
// every other, object key order does not matter and a key missing from one
// object equals an empty value in the other, numbers compare by value.
func EqualJSON(a, b json.RawMessage) bool {
	if bytes.Equal(a, b) {
		return true
	}
	// Two texts without escapes, the common case of a changed field: equal
	// only when both are blank. Decoding them cost a third of merging a
	// changed row.
	if x, ok := plainJSONString(a); ok {
		if y, ok := plainJSONString(b); ok {
			return bytes.Equal(x, y) || isBlank(x) && isBlank(y)
		}
	}
	if json.Valid(a) && json.Valid(b) {
		return equalJSONValue(a, b)
	}
	if IsEmptyJSON(a) && IsEmptyJSON(b) {
		return true
	}
	x, okx := decodeJSON(a)
	y, oky := decodeJSON(b)
	if !okx || !oky {
		return bytes.Equal(bytes.TrimSpace(a), bytes.TrimSpace(b))
	}
	return equalValue(x, y)
}

// equalJSONValue is EqualJSON of two valid JSON values, walking lists and
// objects instead of decoding them: a changed row's units and reports are
// compared field by field, for every row an import merges.
func equalJSONValue(a, b []byte) bool {
	a, b = bytes.TrimSpace(a), bytes.TrimSpace(b)
	if bytes.Equal(a, b) {
		return true
	}
	if x, ok := plainJSONString(a); ok {
		if y, ok := plainJSONString(b); ok {
			return bytes.Equal(x, y) || isBlank(x) && isBlank(y)
		}
	}
	if IsEmptyJSON(a) && IsEmptyJSON(b) {
		return true
	}
	if len(a) == 0 || len(b) == 0 || jsonClass(a[0]) != jsonClass(b[0]) {
		return false
	}
	switch a[0] {
	case '[':
		var xs, ys []json.RawMessage
		collect := func(to *[]json.RawMessage) func(json.RawMessage) error {
			return func(e json.RawMessage) error { *to = append(*to, e); return nil }
		}
		if EachJSONElement(a, collect(&xs)) != nil || EachJSONElement(b, collect(&ys)) != nil || len(xs) != len(ys) {
			return false
		}
		for i := range xs {
			if !equalJSONValue(xs[i], ys[i]) {
				return false
			}
		}
		return true
	case '{':
		// a key missing from one object is an empty value there; of a
		// key written twice the last counts, as when decoding
		xs, ys := map[string]json.RawMessage{}, map[string]json.RawMessage{}
		if EachJSONField(a, func(k string, v json.RawMessage) { xs[k] = v }) != nil ||
			EachJSONField(b, func(k string, v json.RawMessage) { ys[k] = v }) != nil {
			return false
		}
		for k, x := range xs {
			if !equalJSONValue(x, ys[k]) {
				return false
			}
		}
		for k, y := range ys {
			if _, ok := xs[k]; !ok && !IsEmptyJSON(y) {
				return false
			}
		}
		return true
	}
	x, okx := decodeJSON(a)
	y, oky := decodeJSON(b)
	return okx && oky && equalValue(x, y)
}

// jsonClass is the type of the JSON value starting with c.
func jsonClass(c byte) byte {
	switch c {
	case '"', '[', '{', 'n':
		return c
	case 't', 'f':
		return 't'
	}
	return '0' // a number
}

// plainJSONString is the text of a JSON string that needs no decoding: no
// escape, no control character, valid UTF-8, so its bytes are its value.
func plainJSONString(v json.RawMessage) ([]byte, bool) {
	v = bytes.TrimSpace(v)
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return nil, false
	}
	s := v[1 : len(v)-1]
	for _, c := range s {
		if c < 0x20 || c == '"' || c == '\\' {
			return nil, false
		}
	}
	if !utf8.Valid(s) {
		return nil, false
	}
	return s, true
}

// isBlank is emptyValue for a text: nothing but white space.
func isBlank(s []byte) bool { return len(bytes.TrimSpace(s)) == 0 }

func equalValue(x, y any) bool {
	if emptyValue(x) && emptyValue(y) {
		return true
	}
	switch x := x.(type) {
	case string:
		y, ok := y.(string)
		return ok && x == y
	case bool:
		y, ok := y.(bool)
		return ok && x == y
	case json.Number:
		y, ok := y.(json.Number)
		if !ok {
			return false
		}
		fx, ex := strconv.ParseFloat(string(x), 64)
		fy, ey := strconv.ParseFloat(string(y), 64)
		if ex != nil || ey != nil {
			return x == y
		}
		return fx == fy
	case []any:
		y, ok := y.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equalValue(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := y.(map[string]any)
		if !ok {
			return false
		}
		for k, v := range x {
			if !equalValue(v, y[k]) {
				return false
			}
		}
		for k, v := range y {
			if _, seen := x[k]; !seen && !emptyValue(v) {
				return false
			}
		}
		return true
	}
	return false
}
