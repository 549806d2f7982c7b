package storage

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"taizhang/model"
)

// The places of the rows a plan only counts come back as they were given,
// across sheets and files.
func TestQuietRefsGiveBackEachPlace(t *testing.T) {
	var q quietRefs
	var want []model.RowRef
	for i, sheet := range []string{"督办事项", "督办事项", "2019年", "督办事项"} {
		for row := 3; row < 6; row++ {
			r := model.RowRef{File: "台账.xlsx", Sheet: sheet, Row: row + 100*i, Part: row % 2}
			if i == 3 {
				r.File = "另一个.xlsx"
			}
			q.add(r)
			want = append(want, r)
		}
	}
	assert.Equal(t, len(want), q.len())
	for i, r := range want {
		assert.Equal(t, r, q.at(i))
	}
	assert.Len(t, q.places, 3, "a place held once for its consecutive rows")
}
