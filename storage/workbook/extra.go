package workbook

import (
	"maps"
	"slices"
	"strings"
)

// The 其他列 cell holds the cells of columns Taizhang has no field for, one
// per line as 【header】value (a 】 in a header doubled); a line not starting
// with 【 continues the value above (a cell with line breaks), so any text
// comes back as it was.

func formatExtra(m map[string]string) string {
	var b strings.Builder
	for _, h := range slices.Sorted(maps.Keys(m)) {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("【" + strings.ReplaceAll(h, "】", "】】") + "】" + m[h])
	}
	return b.String()
}

func parseExtra(cell string) map[string]string {
	out := map[string]string{}
	header := ""
	for _, line := range strings.Split(cell, "\n") {
		if rest, ok := strings.CutPrefix(line, "【"); ok {
			if h, v, ok := cutHeader(rest); ok && h != "" {
				header = h
				out[header] = v
				continue
			}
		}
		if header == "" {
			header = "其他列" // text typed into the column by hand
			out[header] = line
			continue
		}
		out[header] += "\n" + line
	}
	return out
}

// cutHeader splits 【-less "header】value" at the first single 】.
func cutHeader(s string) (header, value string, ok bool) {
	var b strings.Builder
	for i := 0; i < len(s); {
		if strings.HasPrefix(s[i:], "】】") {
			b.WriteString("】")
			i += len("】】")
			continue
		}
		if strings.HasPrefix(s[i:], "】") {
			return b.String(), s[i+len("】"):], true
		}
		b.WriteByte(s[i])
		i++
	}
	return "", "", false
}
