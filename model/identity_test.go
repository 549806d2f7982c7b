package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIdentityKeepsWhatNamesARecord(t *testing.T) {
	task := &Task{Meta: Meta{ID: "t1", Kind: KindTask, Rev: "2-ab"}, Number: "督〔2019〕15号", Title: "老旧小区改造"}
	id := IdentityOf(task)
	assert.Equal(t, task.Meta, id.Meta)
	assert.Equal(t, "老旧小区改造", id.Title)
	assert.Same(t, id, IdentityOf(id))
	assert.Equal(t, "市水务局", Headline(&Unit{Name: "市水务局"}))
	assert.Equal(t, "", Headline(&Holiday{}))
}
