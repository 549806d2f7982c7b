package storage

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// decodeBody (go-json) reads every body exactly as encoding/json does: for
// records of every kind with every field filled, as the store encodes
// them, and for bodies written by hand (escapes, nulls, fields missing or
// unknown, as older versions and other tools left them).
func TestDecodeBodyIsUnmarshal(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 14))
	for _, kind := range model.Kinds() {
		for range 20 {
			rec := model.New(kind)
			fillAll(reflect.ValueOf(rec).Elem(), rng, 0)
			body, err := encodeBody(rec)
			require.NoError(t, err)
			assertDecodesAsStd(t, kind, body)
		}
	}
	for _, body := range []string{
		`{}`,
		`{"title":"a\u00e9\ud83d\ude00\u2028x","number":"督\\\"1\"号","percent":38,"reports":null,"units":[]}`,
		`{"title":null,"percent":null,"assigned_on":null,"units":null,"unknown_field":{"a":[1,2,{"b":null}]}}`,
		`{"assigned_on":"2019-03-01","deadline":"","extensions":[{"to":"2019-09-30","approved":true}]}`,
		`{"extra":{"新列":"值","b":""},"key":true,"listed":false,"report_day":25}`,
		` {"title" : "空白" , "percent" : 5 } `,
	} {
		assertDecodesAsStd(t, model.KindTask, body)
	}
}

func assertDecodesAsStd(t *testing.T, kind model.Kind, body string) {
	t.Helper()
	want := model.New(kind)
	wantErr := json.Unmarshal([]byte(body), want)
	got, err := decodeBody(kind, body)
	if wantErr != nil {
		assert.Error(t, err, body)
		return
	}
	require.NoError(t, err, body)
	*want.RecordMeta() = model.Meta{Kind: kind}
	assert.Equal(t, want, got, body)
}

// fillAll sets every field of v (recursively) to a random value.
func fillAll(v reflect.Value, rng *rand.Rand, depth int) {
	if !v.CanSet() || depth > 6 {
		return
	}
	texts := []string{"督办", "整改落实<>&", "市\"发改委\"", "a\\b", "换行\n制表\t", "", "😀 emoji", "\u2028"}
	switch v.Kind() {
	case reflect.String:
		v.SetString(texts[rng.IntN(len(texts))])
	case reflect.Bool:
		v.SetBool(rng.IntN(2) == 1)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(rng.IntN(2000) - 100))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(rng.IntN(2000)))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(rng.IntN(100000)) / 7)
	case reflect.Slice:
		n := rng.IntN(3)
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			fillAll(s.Index(i), rng, depth+1)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for range rng.IntN(3) {
			k := reflect.New(v.Type().Key()).Elem()
			fillAll(k, rng, depth+1)
			e := reflect.New(v.Type().Elem()).Elem()
			fillAll(e, rng, depth+1)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Pointer:
		if rng.IntN(3) == 0 {
			return // nil
		}
		p := reflect.New(v.Type().Elem())
		fillAll(p.Elem(), rng, depth+1)
		v.Set(p)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(model.Date{}) {
			if rng.IntN(4) > 0 {
				v.Set(reflect.ValueOf(model.NewDate(2018+rng.IntN(8), time.Month(1+rng.IntN(12)), 1+rng.IntN(28))))
			}
			return
		}
		if v.Type() == metaType {
			return
		}
		for i := range v.NumField() {
			fillAll(v.Field(i), rng, depth+1)
		}
	}
}

// New ids are UUIDs that sort as they are made (version 7), so records made
// one after another are appended to the id indexes; they stay unique.
func TestNewIDsAreTimeOrderedUUIDs(t *testing.T) {
	seen := map[string]bool{}
	prev := ""
	for i := range 2000 {
		id := newID()
		require.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, id)
		require.False(t, seen[id], "unique")
		seen[id] = true
		if i%500 == 0 {
			time.Sleep(2 * time.Millisecond)
		}
		if prev != "" {
			// the same millisecond may come in any order, a later one never
			// before an earlier one
			require.GreaterOrEqual(t, id[:13], prev[:13])
		}
		prev = id
	}
}
