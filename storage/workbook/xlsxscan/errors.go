package xlsxscan

import (
	"fmt"
	"unicode/utf8"

	"taizhang/model"
)

// Code says what is wrong with a part of the workbook.
type Code string

const (
	Truncated    Code = "truncated"     // the part ends before its closing tag
	Garbage      Code = "garbage"       // text or bytes where the XML allows none
	BrokenTag    Code = "broken_tag"    // a tag that is malformed or out of place
	BadReference Code = "bad_reference" // a cell reference that names no cell or repeats one
	BadRowNumber Code = "bad_row_number"
	NoSharedStr  Code = "shared_string" // a cell names a shared string the file does not hold
	Corrupt      Code = "corrupt"       // the compressed data cannot be inflated
	MissingPart  Code = "missing_part"  // the package lacks a part the workbook names
	CellTooLarge Code = "cell_too_large"
	TooManyRows  Code = "too_many_rows"
	TooMuchData  Code = "too_much_data" // more shared text or merged ranges than any real ledger holds
)

// Limits bound what one sheet may hold; zero fields take the defaults.
type Limits struct {
	MaxCellBytes int // largest cell value (and shared string) in bytes
	MaxRows      int // highest row number of a sheet
}

const (
	DefaultMaxCellBytes = 1 << 20
	DefaultMaxRows      = 1 << 20 // Excel's own last row, 1,048,576
	maxTagBytes         = 64 << 10
	// Bounds on what is held in memory for a whole workbook: the shared
	// strings (all of them, as cells may name any) and a sheet's merged
	// ranges. Far beyond real ledgers; they stop hostile files.
	maxSharedBytes = 256 << 20
	maxMerges      = 1 << 20
)

func (l Limits) withDefaults() Limits {
	if l.MaxCellBytes <= 0 {
		l.MaxCellBytes = DefaultMaxCellBytes
	}
	if l.MaxRows <= 0 {
		l.MaxRows = DefaultMaxRows
	}
	return l
}

// Error is damage found in a part, or a limit passed. Row is the row the
// problem is in (0 outside the rows); LastRow is the last row read whole
// before it, so a caller can say where the file breaks.
type Error struct {
	Code    Code
	Part    string // the part's name in the package, e.g. xl/worksheets/sheet1.xml
	Row     int
	LastRow int
	Value   string // the offending text, shortened
	Limit   int
	Err     error // an underlying read error, if any
}

func (e *Error) Error() string {
	s := fmt.Sprintf("%s: %s", e.Part, e.Code)
	if e.Row > 0 {
		s += fmt.Sprintf(" in row %d", e.Row)
	}
	if e.Value != "" {
		s += fmt.Sprintf(" (%q)", e.Value)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Text is what is wrong, in both languages, without where (the caller
// names the file and the sheet) and without the underlying error's text.
func (e *Error) Text() model.Text {
	at := model.T("", "")
	if e.Row > 0 {
		at = model.T(fmt.Sprintf("第 %d 行", e.Row), fmt.Sprintf("row %d", e.Row))
	}
	v := e.Value
	switch e.Code {
	case Truncated:
		return model.T("内容在中途被截断（文件不完整，可能是复制、下载或保存没有完成）",
			"it is cut off part way (the file is incomplete, perhaps an unfinished copy, download or save)")
	case Garbage:
		return model.T(join(at.Zh, "含有不属于表格的乱码数据"), join(at.En, "holds garbage bytes that are not part of a sheet"))
	case BrokenTag:
		return model.T(join(at.Zh, "的表格结构已损坏（标记不完整或错位）"), join(at.En, "has a broken structure (a damaged or misplaced tag)"))
	case BadReference:
		return model.T(join(at.Zh, fmt.Sprintf("的单元格位置“%s”无效或重复", v)),
			join(at.En, fmt.Sprintf("has an invalid or repeated cell reference %q", v)))
	case BadRowNumber:
		return model.T(fmt.Sprintf("行号“%s”无效（应在 1 到 1048576 之间，且逐行递增）", v),
			fmt.Sprintf("the row number %q is invalid (rows are numbered 1 to 1,048,576, each above the last)", v))
	case NoSharedStr:
		return model.T(join(at.Zh, fmt.Sprintf("引用了文件中不存在的第 %s 号共享文本", v)),
			join(at.En, fmt.Sprintf("refers to shared text number %s, which the file does not hold", v)))
	case MissingPart:
		return model.T("缺少必需的组成部分（文件不完整）", "a required part is missing (the file is incomplete)")
	case Corrupt:
		return model.T("压缩数据已损坏，无法解压", "the compressed data is damaged and cannot be unpacked")
	case CellTooLarge:
		return model.T(join(at.Zh, fmt.Sprintf("有一个单元格超过 %s 的上限", sizeText(e.Limit))),
			join(at.En, fmt.Sprintf("has a cell larger than the limit of %s", sizeText(e.Limit))))
	case TooMuchData:
		return model.T("含有的共享文本或合并单元格远超正常台账，可能是恶意文件", "holds far more shared text or merged cells than any ledger; it may be malicious")
	case TooManyRows:
		return model.T(fmt.Sprintf("行数超过每张工作表 %d 行的上限", e.Limit),
			fmt.Sprintf("has more rows than the limit of %d per sheet", e.Limit))
	}
	return model.T("内容已损坏", "the content is damaged")
}

// IsLimit reports whether the error is a limit passed rather than damage.
func (e *Error) IsLimit() bool {
	return e.Code == CellTooLarge || e.Code == TooManyRows || e.Code == TooMuchData
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	if b != "" && b[0] >= 0x80 { // Chinese runs on without a space
		return a + b
	}
	return a + " " + b
}

func sizeText(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// shorten keeps an offending value printable and short.
func shorten(b []byte) string {
	const max = 24
	out := make([]rune, 0, max)
	for len(b) > 0 && len(out) < max {
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		if r == utf8.RuneError || r < 0x20 {
			r = '?'
		}
		out = append(out, r)
	}
	s := string(out)
	if len(b) > 0 {
		s += "…"
	}
	return s
}
