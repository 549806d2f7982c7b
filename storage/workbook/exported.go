package workbook

import (
	"archive/zip"
	"fmt"
	"strings"

	"taizhang/storage/workbook/xlsxscan"
)

// Before its first row is read, a sheet's part is read whole twice: for
// its merged ranges, which follow its cells, and, for a list sheet, for the
// order of its entries (subrecords.go). For the 100,000 tasks of a clone
// that was a second of CPU, and the first row waited for it. What a
// Taizhang export writes is known: no merged cell, list entries in task id
// order. Its zip comment lists the worksheet parts it wrote, each with the
// CRC-32 and size of the bytes written; a part whose CRC-32 and size in
// the zip's directory are still those is the part as written, and is read
// once. A program that saves the workbook writes every part again (and
// drops the comment), and a part changed in place has another CRC-32:
// either is read as any file is.

// exportedMark begins the comment; each part follows as name:crc:size:order,
// order "s" for a sheet whose rows are in task id order (a list sheet the
// exporter found so), "-" otherwise.
const exportedMark = "taizhang-parts"

type partSum struct {
	name   string
	crc    uint32
	size   uint64
	sorted bool
}

// exportedComment is the zip comment naming the parts written ("" when
// there is none, or too many for a comment).
func exportedComment(parts []partSum) string {
	if len(parts) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(exportedMark)
	for _, p := range parts {
		order := "-"
		if p.sorted {
			order = "s"
		}
		fmt.Fprintf(&b, " %s:%08x:%d:%s", p.name, p.crc, p.size, order)
	}
	if b.Len() > 60000 { // a zip comment holds 65,535 bytes
		return ""
	}
	return b.String()
}

// exportedParts are the parts of sheets that the comment names with the
// CRC-32 and size the zip's directory still gives them.
func exportedParts(comment string, sheets []xlsxscan.Sheet) map[string]partSum {
	fields := strings.Fields(comment)
	if len(fields) < 2 || fields[0] != exportedMark {
		return nil
	}
	sums := map[string]partSum{}
	for _, f := range fields[1:] {
		parts := strings.Split(f, ":")
		if len(parts) < 4 {
			return nil // not a comment this reader wrote
		}
		n := len(parts)
		p := partSum{name: strings.Join(parts[:n-3], ":"), sorted: parts[n-1] == "s"}
		if _, err := fmt.Sscanf(parts[n-3]+":"+parts[n-2], "%x:%d", &p.crc, &p.size); err != nil {
			return nil
		}
		sums[p.name] = p
	}
	out := map[string]partSum{}
	for _, s := range sheets {
		if s.Part == nil {
			continue
		}
		if p, ok := sums[s.Part.Name]; ok && asWritten(s.Part, p) {
			out[s.Part.Name] = p
		}
	}
	return out
}

func asWritten(f *zip.File, p partSum) bool {
	return f.CRC32 == p.crc && f.UncompressedSize64 == p.size
}
