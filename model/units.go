package model

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// UnitDict resolves the names ledgers use for units (全称 and 简称:
// 市发展和改革委员会 / 市发改委) to the dictionary's full name.
//
// Matching: a name and every full name and alias are compared after
// folding full-width forms and removing all white space. When that finds
// nothing, a leading 市 is ignored on both sides, so 市发改委 matches an alias
// 发改委 and 发改委 matches an alias 市发改委. Nothing else is stripped
// (人民政府, 县, 区 stay significant): other variants need an alias.
// A nil *UnitDict resolves nothing; the zero UnitDict is empty and usable.
type UnitDict struct {
	units []*Unit
	exact map[string]*Unit // key → unit, full names and aliases
	loose map[string]*Unit // key without a leading 市
}

// NewUnitDict indexes units; when two units claim the same name or alias,
// the first one keeps it.
func NewUnitDict(units []*Unit) *UnitDict {
	d := &UnitDict{exact: map[string]*Unit{}, loose: map[string]*Unit{}}
	for _, u := range units {
		d.Add(u)
	}
	return d
}

// unitKey is how names are compared: folded, without any white space.
func unitKey(name string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, Fold(name))
}

func looseKey(key string) string {
	if rest, ok := strings.CutPrefix(key, "市"); ok && rest != "" {
		return rest
	}
	return key
}

func (d *UnitDict) lookup(name string) *Unit {
	k := unitKey(name)
	if k == "" || d == nil {
		return nil
	}
	if u := d.exact[k]; u != nil {
		return u
	}
	return d.loose[looseKey(k)]
}

// Resolve returns the dictionary's full name for name (a full name or an
// alias) and known=true, or the name normalised (folded, trimmed, spaces
// between Chinese characters removed) and known=false.
func (d *UnitDict) Resolve(name string) (full string, known bool) {
	if u := d.lookup(name); u != nil {
		return u.Name, true
	}
	return squeeze(name), false
}

// Canonical is Resolve without the flag: the name used to count distinct units.
func (d *UnitDict) Canonical(name string) string {
	full, _ := d.Resolve(name)
	return full
}

// Add puts a unit into the dictionary. When its name already names a unit
// (as a full name or an alias), the new names become aliases of that unit
// (the stored *Unit is updated) instead of making a second unit. An alias
// that another unit already claims stays with that unit: two units sharing
// a short name are still two units.
func (d *UnitDict) Add(u *Unit) {
	if u == nil || unitKey(u.Name) == "" {
		return
	}
	if d.exact == nil { // the zero UnitDict is an empty dictionary
		d.exact, d.loose = map[string]*Unit{}, map[string]*Unit{}
	}
	target := d.lookupExact(u)
	if target == nil {
		target = u
		d.units = append(d.units, u)
	} else {
		for _, n := range append([]string{u.Name}, u.Aliases...) {
			if d.lookup(n) == nil && unitKey(n) != "" {
				target.Aliases = append(target.Aliases, squeeze(n))
			}
		}
	}
	for _, n := range append([]string{target.Name}, target.Aliases...) {
		k := unitKey(n)
		if k == "" {
			continue
		}
		if d.exact[k] == nil {
			d.exact[k] = target
		}
		if lk := looseKey(k); d.loose[lk] == nil {
			d.loose[lk] = target
		}
	}
}

// lookupExact finds the unit that u's name already names exactly.
func (d *UnitDict) lookupExact(u *Unit) *Unit {
	return d.exact[unitKey(u.Name)]
}

// Units lists the dictionary's units in the order they were added.
func (d *UnitDict) Units() []*Unit {
	if d == nil {
		return nil
	}
	return append([]*Unit(nil), d.units...)
}

// Role markers inside a unit cell. Prefix markers (牵头：…) set the role of
// the units after them until the next marker; bracket markers (（牵头）) set
// the role of the unit they follow.
var unitRoleMarkers = []struct {
	word string
	role Role
}{
	{"牵头单位", RoleLead}, {"牵头", RoleLead}, {"主办单位", RoleLead}, {"主办", RoleLead},
	{"责任单位", RoleResponsible}, {"责任", RoleResponsible},
	{"配合单位", RoleCooperating}, {"配合", RoleCooperating},
	{"协办单位", RoleCo}, {"协办", RoleCo}, {"会办单位", RoleCo}, {"会办", RoleCo},
	{"分办单位", RoleSplit}, {"分办", RoleSplit},
}

// ParseUnitCell reads a cell naming units into roles. Separators are
// SplitList's. Markers in the text set roles: 牵头：/（牵头）/ 主办 lead,
// 责任单位：/（责任）responsible, 配合：/（配合）cooperating, 协办/会办 co,
// 分办 split; so do verbs after the names, which cover the unmarked names
// before them (由市发改委牵头，市财政局、市商务局配合). Without markers the first unit gets `first` and the others
// `rest` (the caller picks them from the column header, e.g. a 牵头单位
// column: ParseUnitCell(cell, RoleLead, RoleResponsible)). Names are
// resolved through the dictionary; names it does not know are kept
// (normalised) and also listed in unknown. A unit named twice is kept once,
// with the first role it got.
func (d *UnitDict) ParseUnitCell(cell string, first, rest Role) (units []UnitRole, unknown []string) {
	type part struct {
		name string
		role Role // "" when no marker applies
	}
	var parts []part
	var current Role // role set by the last prefix marker
	cell = Fold(cell)
	if HasContactDetails(cell) {
		cell = reUnitContact.ReplaceAllString(cell, "")
	}
	for _, p := range SplitList(unitMarkerBreaks(cell)) {
		name, role := p, current
		for _, etc := range []string{"等有关单位", "等相关单位", "等单位", "等部门", "等"} {
			if n, ok := strings.CutSuffix(name, etc); ok && utf8.RuneCountInString(n) >= 2 {
				name = n // 市财政局等: the units named, and others unnamed
				break
			}
		}
		if r, after, ok := cutRolePrefix(name); ok {
			current, role, name = r, r, after
		}
		if before, ok := cutBracketPerson(name); ok {
			name = before // 市住建局（李四）
		}
		if r, before, ok := cutRoleSuffix(name); ok {
			role, name = r, before
		} else if r, before, ok := cutRoleVerb(name); ok {
			// 市财政局、市商务局配合: the verb covers the units listed before it.
			role, name = r, before
			for j := len(parts) - 1; j >= 0 && parts[j].role == ""; j-- {
				parts[j].role = r
			}
		}
		if name == "" || noUnit(name) {
			continue
		}
		if len(parts) > 0 && ContactPart(name) {
			// 市住建局 李四 13800000000: the person after a unit is its
			// contact, unless the dictionary knows the name as a unit
			if _, known := d.Resolve(name); !known {
				continue
			}
		}
		parts = append(parts, part{name, role})
	}
	firstMarked := false
	for _, p := range parts {
		firstMarked = firstMarked || p.role == first
	}
	seen := map[string]bool{}
	for i, p := range parts {
		full, known := d.Resolve(p.name)
		if seen[full] {
			continue
		}
		seen[full] = true
		if !known {
			unknown = append(unknown, full)
		}
		role := p.role
		if role == "" {
			// The first unit listed leads, unless a marker names the lead elsewhere.
			role = rest
			if i == 0 && !firstMarked {
				role = first
			}
		}
		units = append(units, UnitRole{Name: full, Role: role})
	}
	return units, unknown
}

// reUnitContact is a contact given in brackets after a unit (市住建局（张三
// 13800000000）, （联系人：李四）): no part of the unit's name.
var reUnitContact = regexp.MustCompile(`[(（][^()（）]*(\d{7,}|联系人|联系电话|电话|手机)[^()（）]*[)）]`)

// HasContactDetails reports whether a unit cell carries a contact, which
// ParseUnitCell leaves out of the names: in brackets (市住建局（张三
// 13800000000）), or after the unit (市住建局 李四, 市住建局 联系人：李四
// 13800000000). The caller keeps the cell.
func HasContactDetails(cell string) bool {
	// Most cells have no bracket, and one name or a list of names ending
	// in unit words: the expression is passed over.
	if strings.ContainsAny(cell, "(（") && reUnitContact.MatchString(Fold(cell)) {
		return true
	}
	parts := SplitList(unitMarkerBreaks(cell))
	for i, p := range parts {
		if _, ok := cutBracketPerson(p); ok || i > 0 && ContactPart(strings.TrimSpace(p)) {
			return true
		}
	}
	return false
}

// cutBracketPerson cuts a personal name in brackets after a unit
// (市住建局（李四）).
func cutBracketPerson(s string) (string, bool) {
	s = strings.TrimSpace(Fold(s))
	inner, ok := strings.CutSuffix(s, ")")
	if !ok {
		return s, false
	}
	i := strings.LastIndex(inner, "(")
	if i <= 0 || !personName(inner[i+1:], 3) {
		return s, false
	}
	return strings.TrimSpace(inner[:i]), true
}

// ContactPart reports whether a part of a unit cell after the first names
// a person or a way to reach one rather than a unit: a telephone number, a
// label such as 联系人：, or a personal name (a common surname, two to four
// characters, no unit word at the end), a title in brackets after it
// allowed (王小明（副局长）).
func ContactPart(s string) bool {
	s = Fold(s)
	for _, label := range []string{"联系人", "联系电话", "电话", "手机", "负责人", "经办人"} {
		if strings.HasPrefix(s, label+":") {
			return true
		}
	}
	if digitRun(s) >= 7 {
		return true
	}
	if i := strings.IndexAny(s, "(（"); i > 0 {
		// 王小明（副局长）, 李四（主任）: a title makes two characters a name too
		return personName(s[:i], 2)
	}
	return personName(s, 3)
}

// digitRun is the length of the longest run of ASCII digits in s.
func digitRun(s string) int {
	best, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
}

// personName: least (2 or 3) to four Han characters starting with a common surname
// (single, or a double one for four) and not ending in a character that
// ends names of units and places. Two characters alone are not enough:
// 商务, 文旅, 司法, 农业 and 高新 begin with surnames too, and a unit taken
// for a person would leave the units unseen, where a person taken for a
// unit shows in the import's new units.
func personName(s string, least int) bool {
	rs := []rune(s)
	if len(rs) < least || len(rs) > 4 {
		return false
	}
	for _, r := range rs {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	if strings.ContainsRune(unitEndings, rs[len(rs)-1]) {
		return false
	}
	if len(rs) >= 3 && strings.Contains(doubleSurnames, string(rs[:2])+" ") {
		return true
	}
	return len(rs) <= 3 && strings.ContainsRune(surnames, rs[0])
}

const (
	surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈" +
		"姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
	doubleSurnames = "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 端木 独孤 "
	// unitEndings end the names of offices, bodies and places
	unitEndings = "局委办厅部院会所站队处科室司行社馆校园场厂台团组区县市镇乡村府心道署庭中营店路街港湾山湖江河桥庄坊寨屯堡"
)

// noUnit: a dash or 无 typed for “none” (no co-unit) names no unit.
func noUnit(name string) bool {
	switch name {
	case "没有", "无会办单位", "无协办单位":
		return true
	}
	return NoneMark(name)
}

// NoneMark reports whether a cell holds only a mark typed for “none”: a
// dash, a slash, dots, 无, 暂无 or 空 (and no digit: most cells are
// numbers or dates and are passed over at once).
func NoneMark(v string) bool {
	if strings.ContainsAny(v, "0123456789") {
		return false
	}
	v = strings.TrimSpace(Fold(v))
	return v == "无" || v == "暂无" || v == "空" || strings.Trim(v, "-—–－/／\\、.。…") == ""
}

// unitMarkerBreaks puts a separator before every prefix marker that follows
// a name directly (市发改委 配合：市财政局 → …；配合：…) so SplitList cuts there.
func unitMarkerBreaks(cell string) string {
	s := Fold(cell)
	for _, m := range unitRoleMarkers {
		s = strings.ReplaceAll(s, m.word+":", "；"+m.word+":")
	}
	return s
}

func cutRolePrefix(s string) (Role, string, bool) {
	for _, m := range unitRoleMarkers {
		if rest, ok := strings.CutPrefix(s, m.word+":"); ok {
			return m.role, strings.TrimSpace(rest), true
		}
	}
	return "", s, false
}

// Verbs after a unit that give its role, as in 由市发改委牵头，市财政局配合.
var unitRoleVerbs = []struct {
	word string
	role Role
}{
	{"牵头", RoleLead}, {"主办", RoleLead}, {"负责", RoleResponsible},
	{"配合", RoleCooperating}, {"协办", RoleCo}, {"会办", RoleCo},
}

func cutRoleVerb(s string) (Role, string, bool) {
	for _, v := range unitRoleVerbs {
		if before, ok := strings.CutSuffix(s, v.word); ok && before != "" {
			before, _ = strings.CutPrefix(strings.TrimSpace(before), "由")
			return v.role, before, true
		}
	}
	return "", s, false
}

func cutRoleSuffix(s string) (Role, string, bool) {
	for _, m := range unitRoleMarkers {
		for _, br := range [][2]string{{"(", ")"}, {"（", "）"}, {"[", "]"}, {"【", "】"}} {
			if before, ok := strings.CutSuffix(s, br[0]+m.word+br[1]); ok {
				return m.role, strings.TrimSpace(before), true
			}
		}
	}
	return "", s, false
}

// NewPointDict resolves liaison point names as units are resolved: a
// point's short name (民主社区) is an alias of its full name
// (西关街道民主社区).
func NewPointDict(points []*Point) *UnitDict {
	d := NewUnitDict(nil)
	for _, p := range points {
		if p == nil || p.Deleted {
			continue
		}
		u := &Unit{Name: p.Name}
		if p.ShortName != "" {
			u.Aliases = []string{p.ShortName}
		}
		d.Add(u)
	}
	return d
}
