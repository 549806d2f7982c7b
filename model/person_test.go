package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPersonKey(t *testing.T) {
	same := []string{"王明", "王 明", "王　明", " 王明副市长", "王 明 副市长", "副市长王明", "王明同志",
		"常务副市长王明", "王明（副市长）", "市委常委、副市长王明", "王明市长"}
	for _, s := range same {
		assert.Equal(t, "王明", PersonKey(s), s)
	}
	assert.NotEqual(t, PersonKey("王明"), PersonKey("王敏副市长"))
	assert.Equal(t, "李华", PersonKey("秘书长 李华"))
	assert.Equal(t, "张强", PersonKey("张强副秘书长"))
	assert.Equal(t, "王", PersonKey("王书记"), "a title alone keeps the surname")
	assert.Equal(t, "", PersonKey("  "))
}
