package xlsxscan

import "archive/zip"

// percentStyles reads which cell formats (the styles part's cellXfs, by
// the index a cell's s attribute gives) show a number as a percentage:
// the built-in formats 9 (0%) and 10 (0.00%), and any format whose code has
// a % outside quotes. A cell so formatted holds the fraction (0.8 for 80%).
// A workbook without a styles part, or with one that cannot be read, has
// none: its cells are read as before (the part only says how they show).
func percentStyles(files map[string]*zip.File, name string) []bool {
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if files[name] == nil || readXMLPart(files, name, &st) != nil {
		return nil
	}
	custom := map[int]bool{}
	for _, f := range st.NumFmts {
		custom[f.ID] = percentCode(f.Code)
	}
	var out []bool
	any := false
	for i, x := range st.Xfs {
		pct := x.NumFmt == 9 || x.NumFmt == 10 || custom[x.NumFmt]
		if pct {
			if out == nil {
				out = make([]bool, len(st.Xfs))
			}
			out[i], any = true, true
		}
	}
	if !any {
		return nil
	}
	return out
}

// percentCode reports whether a number format code shows a percentage: a %
// that is not quoted ("%") or escaped (\%).
func percentCode(code string) bool {
	quoted := false
	for i := 0; i < len(code); i++ {
		switch c := code[i]; {
		case c == '"':
			quoted = !quoted
		case c == '\\' && !quoted:
			i++
		case c == '%' && !quoted:
			return true
		}
	}
	return false
}
