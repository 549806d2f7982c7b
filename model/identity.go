package model

import "reflect"

// Identity is a record reduced to what names it: its Meta, its number
// and its title.
// An import's plan keeps one for each row that changes nothing, instead of
// the row's record and the local one (a re-import of 100,000 rows held
// both, 140 MB).
type Identity struct {
	Meta
	Number string `json:"number,omitempty"`
	Title  string `json:"title,omitempty"`
}

// Normalize does nothing: an identity has no fields to derive.
func (*Identity) Normalize() {}

// IdentityOf is r's identity.
func IdentityOf(r Record) *Identity {
	if id, ok := r.(*Identity); ok {
		return id
	}
	return &Identity{Meta: *r.RecordMeta(), Number: numberOf(r), Title: Headline(r)}
}

// Headline is the record's title (事项名称, 案由) or name (村, 项目, 单位), "" when
// it has neither.
func Headline(r Record) string {
	for _, name := range []string{"Title", "Name"} {
		if f := stringField(r, name); f.IsValid() && f.String() != "" {
			return f.String()
		}
	}
	return ""
}

// numberOf is a record's number (编号, 建议号, 走访编号), "" when its kind
// has none or it is empty.
func numberOf(r Record) string {
	if f := stringField(r, "Number"); f.IsValid() {
		return f.String()
	}
	return ""
}

// stringField is r's string field of that name (settable), or the zero
// Value when r's kind has none.
func stringField(r Record, name string) reflect.Value {
	v := reflect.ValueOf(r)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return reflect.Value{}
	}
	if f := v.Elem().FieldByName(name); f.IsValid() && f.Kind() == reflect.String {
		return f
	}
	return reflect.Value{}
}
