package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A 领衔人 cell naming several people, or the lead and a count (张三等5人),
// is read as a person reads it: the first named leads, the others co-sign,
// and a proposal with co-signers is a joint one unless a type was typed.
func TestProposerCellWithCoSigners(t *testing.T) {
	for _, c := range []struct {
		proposer, cosigners, typ string
		wantLead, wantCo         string
		wantType                 ProposalType
	}{
		{"张三等5人", "", "", "张三", "共5人", "joint"},
		{"张三 等五名代表", "", "", "张三", "共五名代表", "joint"},
		{"张三等5人", "李四、王五", "", "张三", "李四、王五", "joint"},
		{"陈二、张三", "", "", "陈二", "张三", "joint"},
		{"陈二，张三,李四", "", "individual", "陈二", "张三、李四", "individual"},
		{"陈二\n张三", "王五", "", "陈二", "张三、王五", "joint"},
		{"李四", "王五、赵六", "", "李四", "王五、赵六", "joint"},
		{"民盟市委", "", "collective", "民盟市委", "", "collective"},
		{"王五", "", "", "王五", "", ""},
		// A signing word or a deputy's title beside the name is no part of it.
		{"张三（市人大代表）", "", "", "张三", "", ""},
		{"李四、王五（联名）", "", "", "李四", "王五", "joint"},
		{"赵六 委员", "", "", "赵六", "", ""},
		{"李四代表", "", "", "李四", "", ""},
		{"张三（民盟市委）", "", "", "张三（民盟市委）", "", ""},
		{"市人大代表团", "", "", "市人大代表团", "", ""},
		{"", "", "", "", "", ""},
	} {
		p := &Proposal{Proposer: c.proposer, CoSigners: c.cosigners, Type: ProposalType(c.typ)}
		p.Normalize()
		assert.Equal(t, c.wantLead, p.Proposer, c.proposer)
		assert.Equal(t, c.wantCo, p.CoSigners, c.proposer)
		assert.Equal(t, c.wantType, p.Type, c.proposer)
	}
	kept := &Proposal{Proposer: "张三、李四", TypeText: "小组联名"}
	kept.Normalize()
	assert.Empty(t, kept.Type, "a type typed but not understood is not overridden")
}
