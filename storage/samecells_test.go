package storage

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"

	"taizhang/model"
)

func TestSameCellsComparesTheNamedFields(t *testing.T) {
	a := newTask("督〔2019〕15号", "老旧小区改造", "启动")
	b := newTask("督〔2019〕15号", "老旧小区改造", "过半")
	assert.True(t, sameCells(a, b, []string{"number", "title", "units", "deadline"}))
	assert.False(t, sameCells(a, b, []string{"title", "progress"}), "progress differs")
	assert.False(t, sameCells(a, b, []string{"no_such_field"}), "an unknown name is never the same")
	m1, m2 := &model.Meeting{Kind: "executive"}, &model.Meeting{Kind: "special"}
	assert.False(t, sameCells(m1, m2, []string{"kind"}), "a meeting's own kind field, not Meta's")
	// Whatever sameCells calls the same, the JSON comparison agrees.
	for _, names := range [][]string{{"number", "title", "units", "deadline", "status", "assigned_on"}} {
		same, err := sameFields(a, b, names)
		assert.NoError(t, err)
		assert.True(t, same)
	}
}

// Every field name the records have in JSON (model.Fields) is known to
// sameCells, so the fast comparison applies to every column of a sheet.
func TestSameCellsKnowsEveryField(t *testing.T) {
	for _, k := range model.Kinds() {
		r := model.New(k)
		f, err := model.Fields(r)
		assert.NoError(t, err)
		idx := jsonFieldIndex(reflect.TypeOf(r).Elem())
		for name := range f {
			assert.Contains(t, idx, name, "%s.%s", k, name)
		}
	}
}
