package model

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
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
	names := joinWrapped(strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("、，,；;\n", r) }))
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
	co := joinWrapped(strings.FieldsFunc(p.CoSigners, func(r rune) bool { return strings.ContainsRune("、，,；;\n", r) }))
	for i := range co {
		if !strings.HasPrefix(co[i], "共") { // 共五名代表: a count, no name
			co[i] = bareName(co[i])
		}
	}
	p.CoSigners = strings.Join(co, "、")
	if p.CoSigners != "" && p.Type == "" && p.TypeText == "" {
		p.Type = "joint"
	}
}

// reSigner is a name with a signing word or a deputy's title beside it:
// 张三（市人大代表）, 王五（联名）, 赵六 委员, 李四代表.
var reSigner = regexp.MustCompile(`^(\p{Han}{2,4}?)\s*(?:[(（][^()（）]*(?:代表|委员|联名|领衔|附议)[^()（）]*[)）]|代表|委员)$`)

// bareName drops a signing word or a title from a person's name, and the
// spaces that pad a short name (李  四); other brackets (张三（民盟市委）) and
// organisations (市人大代表团) stay.
func bareName(s string) string {
	s = strings.TrimSpace(s)
	if g := reSigner.FindStringSubmatch(s); g != nil {
		s = g[1]
	}
	if t := strings.Join(strings.Fields(s), ""); t != s && utf8.RuneCountInString(t) <= 4 && !strings.ContainsFunc(t, isASCII) {
		return t
	}
	return s
}

func isASCII(r rune) bool { return r <= unicode.MaxASCII }

// joinWrapped joins the one-character pieces a line break made of a name
// (张\n三, 欧阳\n修): no name is one character.
func joinWrapped(parts []string) []string {
	var out []string
	for i := 0; i < len(parts); i++ {
		p := strings.TrimSpace(parts[i])
		if utf8.RuneCountInString(p) == 1 {
			switch {
			case i+1 < len(parts) && utf8.RuneCountInString(strings.TrimSpace(parts[i+1])) == 1:
				p += strings.TrimSpace(parts[i+1])
				i++
			case len(out) > 0:
				out[len(out)-1] += p
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// oneLine joins a text wrapped in its cell: white space between two
// non-Latin characters (a line break, padding) goes; between Latin words
// and digits one space stays.
func oneLine(s string) string {
	return collapseSpaces(strings.TrimSpace(s), func(before, after rune) bool {
		return isASCII(before) || isASCII(after)
	})
}
