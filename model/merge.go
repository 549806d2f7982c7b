package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// Merge3 decides one incoming row against the local record, field by field.
// fields are the JSON names the incoming sheet carries; other fields are
// never touched.
//
// With base (the body both sides last agreed on): incoming equal to base
// keeps local; local equal to base takes incoming (even an emptied cell:
// someone cleared it in the exported sheet); local equal to incoming is the
// same; otherwise the field is a conflict and keeps local's value.
//
// Without base (a ledger Taizhang did not write): an empty incoming value
// never blanks a field; an empty local value takes incoming; equal values are
// the same; two different non-empty values are a conflict.
//
// A *_text companion (status_text: a word no rule knew, kept as typed)
// follows its value: when the sheet states the value and no word, the kept
// word is cleared.
//
// Arrays of objects that all carry an "id" (reports, extensions, reminders)
// merge per element by id: the union of both sides, local's order first,
// and an element missing on one side is never deleted. With base, an element
// goes through the rules above as a whole: changed on both sides differently
// (or removed locally and changed in the sheet) is a conflict on the whole
// field. Without base, an element present on both sides merges its keys by
// the no-base rules, and two different non-empty values of a key are a
// conflict on the whole field.
//
// result is a fresh copy of local (Meta copied) with the applied changes;
// changed lists the applied fields in the order given; neither input is
// modified. Values are compared with EqualJSON.
func Merge3(base, local, incoming Record, fields []string) (result Record, changed []string, conflicts []FieldConflict, err error) {
	lt, err := recordType(local)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("merge: local: %w", err)
	}
	it, err := recordType(incoming)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("merge: incoming: %w", err)
	}
	if lt != it {
		return nil, nil, nil, fmt.Errorf("merge: local %s and incoming %s differ in kind", lt.Name(), it.Name())
	}
	lf, err := Fields(local)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("merge: %w", err)
	}
	inf, err := Fields(incoming)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("merge: %w", err)
	}
	var bf map[string]json.RawMessage
	hasBase := base != nil && !reflect.ValueOf(base).IsNil()
	if hasBase {
		if bt, err := recordType(base); err != nil || bt != lt {
			return nil, nil, nil, fmt.Errorf("merge: base %T is not a %s", base, lt.Name())
		}
		if bf, err = Fields(base); err != nil {
			return nil, nil, nil, fmt.Errorf("merge: %w", err)
		}
	}
	names := fieldNames(lt)
	apply := map[string]json.RawMessage{}
	for _, name := range fields {
		if !names[name] {
			return nil, nil, nil, fmt.Errorf("merge: %s has no field %q", lt.Name(), name)
		}
		if _, done := apply[name]; done || hasConflict(conflicts, name) {
			continue
		}
		lv, iv, bv := lf[name], inf[name], bf[name]
		var merged json.RawMessage
		var conflict bool
		if idArray(lv, iv, bv) {
			merged, conflict, err = mergeByID(bv, lv, iv, hasBase)
			if err != nil {
				return nil, nil, nil, fmt.Errorf("merge %s: %w", name, err)
			}
		} else {
			merged, conflict = mergeValue(bv, lv, iv, hasBase)
		}
		if value, ok := strings.CutSuffix(name, "_text"); ok && !conflict && IsEmptyJSON(iv) && !IsEmptyJSON(inf[value]) &&
			slices.Contains(fields, value) && !hasConflict(conflicts, value) && name != "deadline_text" && name != "source_text" {
			// A word kept as typed goes once the sheet states the value
			// itself (a word taught since, a value picked): the companion
			// follows its value, though an empty cell never blanks a field.
			merged = json.RawMessage(`""`)
		}
		if conflict {
			c := FieldConflict{Field: name, Local: lv, Incoming: iv}
			if hasBase {
				c.Base = bv
			}
			conflicts = append(conflicts, c)
			continue
		}
		if !EqualJSON(merged, lv) {
			apply[name] = merged
			changed = append(changed, name)
		}
	}
	result, err = withFields(local, lt, lf, apply)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("merge: %w", err)
	}
	return result, changed, conflicts, nil
}

// withFields is a new record of type t with r's Meta and fields f (r's
// own), the fields of apply set over them as SetFields sets them: decoded
// once from the fields as they are, where copying the record and setting
// the fields encoded and decoded it three times for every merged row.
func withFields(r Record, t reflect.Type, f, apply map[string]json.RawMessage) (Record, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	put := func(k string, v json.RawMessage) {
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(k)
		b.Write(key)
		b.WriteByte(':')
		b.Write(v)
	}
	for k, v := range f {
		if _, set := apply[k]; !set {
			put(k, v)
		}
	}
	for k, v := range apply {
		if len(bytes.TrimSpace(v)) == 0 {
			v = json.RawMessage("null") // clears the field
		}
		put(k, v)
	}
	b.WriteByte('}')
	fresh := reflect.New(t).Interface().(Record)
	if err := json.Unmarshal(b.Bytes(), fresh); err != nil {
		return nil, fmt.Errorf("copy %s: %w", t.Name(), err)
	}
	*fresh.RecordMeta() = *r.RecordMeta()
	return fresh, nil
}

func hasConflict(cs []FieldConflict, name string) bool {
	for _, c := range cs {
		if c.Field == name {
			return true
		}
	}
	return false
}

// mergeValue applies the rules to one value; merged is the value to keep.
func mergeValue(bv, lv, iv json.RawMessage, hasBase bool) (merged json.RawMessage, conflict bool) {
	switch {
	case EqualJSON(lv, iv):
		return lv, false
	case hasBase && EqualJSON(iv, bv):
		return lv, false
	case hasBase && EqualJSON(lv, bv):
		return iv, false
	case hasBase:
		return lv, true
	case IsEmptyJSON(iv):
		return lv, false
	case IsEmptyJSON(lv):
		return iv, false
	}
	return lv, true
}

// idList is an array of objects keyed by their "id", in array order.
type idList struct {
	order []string
	byID  map[string]json.RawMessage
}

// parseIDList reads an array whose elements are all objects with a
// distinct, non-empty string "id"; ok=false otherwise. Empty values give an
// empty list.
func parseIDList(v json.RawMessage) (idList, bool) {
	l := idList{byID: map[string]json.RawMessage{}}
	if IsEmptyJSON(v) {
		return l, true
	}
	// Cut, not decoded: merging returns compares every list of every row.
	errNoID := errors.New("no id")
	err := EachJSONElement(v, func(e json.RawMessage) error {
		var id json.RawMessage
		if err := EachJSONField(e, func(k string, raw json.RawMessage) {
			if k == "id" {
				id = raw
			}
		}); err != nil {
			return err
		}
		var s string
		switch {
		case len(id) < 2 || id[0] != '"':
			return errNoID
		case bytes.IndexByte(id, '\\') < 0:
			s = string(id[1 : len(id)-1])
		case json.Unmarshal(id, &s) != nil:
			return errNoID
		}
		if s == "" {
			return errNoID
		}
		if _, dup := l.byID[s]; dup {
			return errNoID
		}
		l.order = append(l.order, s)
		l.byID[s] = e
		return nil
	})
	return l, err == nil
}

// idArray reports whether the values are arrays of objects with ids and at
// least one of them has an element.
func idArray(vals ...json.RawMessage) bool {
	some := false
	for _, v := range vals {
		l, ok := parseIDList(v)
		if !ok {
			return false
		}
		some = some || len(l.order) > 0
	}
	return some
}

func mergeByID(bv, lv, iv json.RawMessage, hasBase bool) (json.RawMessage, bool, error) {
	b, _ := parseIDList(bv)
	l, _ := parseIDList(lv)
	in, _ := parseIDList(iv)
	out := idList{order: append([]string(nil), l.order...), byID: map[string]json.RawMessage{}}
	for id, e := range l.byID {
		out.byID[id] = e
	}
	for _, id := range in.order {
		ie := in.byID[id]
		le, inLocal := l.byID[id]
		be, inBase := b.byID[id]
		switch {
		case !inLocal && hasBase && inBase:
			// Removed here since the export: stays removed unless the sheet changed it.
			if !EqualJSON(ie, be) {
				return nil, true, nil
			}
		case !inLocal:
			out.order = append(out.order, id)
			out.byID[id] = ie
		case hasBase:
			if !inBase {
				be = nil
			}
			merged, conflict := mergeValue(be, le, ie, true)
			if conflict {
				return nil, true, nil
			}
			out.byID[id] = merged
		default:
			merged, conflict, err := mergeObjectNoBase(le, ie)
			if err != nil || conflict {
				return nil, conflict, err
			}
			out.byID[id] = merged
		}
	}
	elems := make([]json.RawMessage, len(out.order))
	for i, id := range out.order {
		elems[i] = out.byID[id]
	}
	merged, err := json.Marshal(elems)
	return merged, false, err
}

// mergeObjectNoBase merges two versions of one array element key by key with
// the no-base rules.
func mergeObjectNoBase(le, ie json.RawMessage) (json.RawMessage, bool, error) {
	if EqualJSON(le, ie) {
		return le, false, nil
	}
	var lm, im map[string]json.RawMessage
	if err := json.Unmarshal(le, &lm); err != nil {
		return nil, false, err
	}
	if err := json.Unmarshal(ie, &im); err != nil {
		return nil, false, err
	}
	for k, iv := range im {
		merged, conflict := mergeValue(nil, lm[k], iv, false)
		if conflict {
			return nil, true, nil
		}
		lm[k] = merged
	}
	out, err := json.Marshal(lm)
	return out, false, err
}
