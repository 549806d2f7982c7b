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
		names[i] = strings.TrimSpace(names[i])
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
