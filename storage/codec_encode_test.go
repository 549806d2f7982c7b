package storage

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// marshalNoEscape (go-json) writes every record byte for byte as
// encoding/json does with HTML escaping off: revision ids hash these
// bytes. Every kind with every field filled, with texts that need escapes
// (quotes, backslashes, control characters, U+2028/2029, invalid UTF-8),
// odd floats and dates.
func TestMarshalIsEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 3))
	texts := []string{"督办", "整改落实<>&", "市\"发改委\"", "a\\b", "换行\n制表\t回车\r", "", "😀 emoji", "\u2028\u2029",
		"\x00\x01\x1f\x7f", "bad \xff\xfe utf-8", "half \xe4\xb8", "\ufffd", "</script>", "'单引号'", " 空格 ", "\u00a0\u3000"}
	floats := []float64{0, -0.0, 1, 0.1, 1e20, 1e21, 1e-6, 1e-7, 123456789.123, -2.5, math.MaxFloat64, math.SmallestNonzeroFloat64, 1.0 / 3}
	var fill func(v reflect.Value, depth int)
	fill = func(v reflect.Value, depth int) {
		if !v.CanSet() || depth > 6 {
			return
		}
		switch v.Kind() {
		case reflect.String:
			v.SetString(texts[rng.IntN(len(texts))])
		case reflect.Float32, reflect.Float64:
			v.SetFloat(floats[rng.IntN(len(floats))])
		case reflect.Struct:
			if v.Type() == reflect.TypeFor[model.Date]() {
				v.Set(reflect.ValueOf(model.NewDate(2000+rng.IntN(40), time.Month(1+rng.IntN(12)), 1+rng.IntN(28))))
				if rng.IntN(5) == 0 {
					v.Set(reflect.ValueOf(model.Date{}))
				}
				return
			}
			for i := range v.NumField() {
				fill(v.Field(i), depth+1)
			}
		case reflect.Slice:
			n := rng.IntN(3)
			s := reflect.MakeSlice(v.Type(), n, n)
			for i := range n {
				fill(s.Index(i), depth+1)
			}
			v.Set(s)
		case reflect.Map:
			m := reflect.MakeMap(v.Type())
			for range rng.IntN(6) {
				k := reflect.New(v.Type().Key()).Elem()
				e := reflect.New(v.Type().Elem()).Elem()
				fill(k, depth+1)
				fill(e, depth+1)
				m.SetMapIndex(k, e)
			}
			v.Set(m)
		default:
			fillAll(v, rng, depth)
		}
	}
	n := 0
	for _, kind := range model.Kinds() {
		for range 200 {
			rec := model.New(kind)
			fill(reflect.ValueOf(rec).Elem(), 0)
			want, err := stdMarshalNoEscape(rec)
			require.NoError(t, err)
			got, err := marshalNoEscape(rec)
			require.NoError(t, err)
			require.Equal(t, string(want), string(got), "%s", kind)
			n++
		}
	}
	require.Greater(t, n, 1000)
}
