package storage

import (
	"reflect"
	"strings"
	"sync"

	"taizhang/model"
)

// sameCells reports whether incoming holds local's value in every named
// field, comparing the Go values (reflect.DeepEqual) instead of encoding both
// records to JSON: an import asks this of every matched row. Equal values
// encode equally, so "same" here is "same" for model.EqualJSON; the converse
// does not hold (a nil and an empty list), and callers treat false as "look
// closer", never as "changed".
func sameCells(local, incoming model.Record, names []string) bool {
	lv, iv := reflect.ValueOf(local), reflect.ValueOf(incoming)
	if lv.Type() != iv.Type() || lv.Kind() != reflect.Pointer || lv.IsNil() || iv.IsNil() {
		return false
	}
	idx := jsonFieldIndex(lv.Type().Elem())
	lv, iv = lv.Elem(), iv.Elem()
	for _, name := range names {
		i, ok := idx[name]
		if !ok || !reflect.DeepEqual(lv.FieldByIndex(i).Interface(), iv.FieldByIndex(i).Interface()) {
			return false
		}
	}
	return true
}

var fieldIndexes sync.Map // reflect.Type → map[string][]int

var metaType = reflect.TypeOf(model.Meta{})

// jsonFieldIndex maps the JSON names of a record struct's fields to their
// index paths: its own fields, then those of embedded structs (Deadline)
// that encoding/json promotes, never Meta's (they live in columns).
func jsonFieldIndex(t reflect.Type) map[string][]int {
	if m, ok := fieldIndexes.Load(t); ok {
		return m.(map[string][]int)
	}
	m := map[string][]int{}
	var embedded [][]int
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous {
			if f.Type != metaType && f.Type.Kind() == reflect.Struct && f.Tag.Get("json") == "" {
				embedded = append(embedded, []int{i})
			}
			continue
		}
		if name, ok := jsonName(f); ok {
			m[name] = []int{i}
		}
	}
	for _, at := range embedded {
		et := t.FieldByIndex(at).Type
		for j := 0; j < et.NumField(); j++ {
			f := et.Field(j)
			if name, ok := jsonName(f); ok && !f.Anonymous {
				if _, shadowed := m[name]; !shadowed {
					m[name] = append(append([]int{}, at...), j)
				}
			}
		}
	}
	fieldIndexes.Store(t, m)
	return m
}

func jsonName(f reflect.StructField) (string, bool) {
	if !f.IsExported() {
		return "", false
	}
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	switch name {
	case "-":
		return "", false
	case "":
		return f.Name, true
	}
	return name, true
}
