package model

import (
	"regexp"
	"strings"
)

// proposerCount is a lead proposer followed by how many signed: 张三等5人,
// 张三 等五名代表.
var proposerCount = regexp.MustCompile(`^(.+?)\s*等\s*([0-9一二两三四五六七八九十百]+\s*(?:人|名|位)\S*)$`)

// splitProposer reads a 领衔人 cell as a person does: of several names the
// first leads and the others co-sign (before any co-signers typed apart);
// 张三等5人 leads with 张三, and “共5人” is kept as the co-signers when
// none are named. A proposal with co-signers is joint unless a type was
// typed.
func (p *Proposal) splitProposer() {
	s := strings.TrimSpace(p.Proposer)
	if m := proposerCount.FindStringSubmatch(s); m != nil {
		s = strings.TrimSpace(m[1])
		if strings.TrimSpace(p.CoSigners) == "" {
			p.CoSigners = "共" + m[2]
		}
	}
	names := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("、，,；;\n", r) })
	for i := range names {
		names[i] = bareName(names[i])
	}
	if len(names) == 1 {
		s = names[0]
	}
	if len(names) > 1 {
		s = names[0]
		rest := strings.Join(names[1:], "、")
		if co := strings.TrimSpace(p.CoSigners); co != "" {
			rest += "、" + co
		}
		p.CoSigners = rest
	}
	p.Proposer = s
	p.CoSigners = strings.TrimSpace(p.CoSigners)
	if p.CoSigners != "" && p.Type == "" && p.TypeText == "" {
		p.Type = "joint"
	}
}

// reSigner is a name with a signing word or a deputy's title beside it:
// 张三（市人大代表）, 王五（联名）, 赵六 委员, 李四代表.
var reSigner = regexp.MustCompile(`^(\p{Han}{2,4}?)\s*(?:[(（][^()（）]*(?:代表|委员|联名|领衔|附议)[^()（）]*[)）]|代表|委员)$`)

// bareName drops a signing word or a title from a person's name; other
// brackets (张三（民盟市委）) and organisations (市人大代表团) stay.
func bareName(s string) string {
	s = strings.TrimSpace(s)
	if g := reSigner.FindStringSubmatch(s); g != nil {
		return g[1]
	}
	return s
}
