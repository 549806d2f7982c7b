package workbook

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage/workbook/xlsxscan"
)

// ReadOptions control an import.
type ReadOptions struct {
	Units *model.UnitDict // resolves unit names; nil: an empty dictionary
	// Calendar counts working-day deadlines (7个工作日); nil knows weekends only.
	Calendar *model.Calendar
	// Points resolves a visit's liaison point (a short name, 民主社区) to
	// the point's full name; nil: points are kept as typed.
	Points *model.UnitDict
	// Only, when set, reads just the sheets of these kinds (the reference
	// sheets an import reads from every file first); a file without any
	// is then no error.
	Only []model.Kind
	// Words are the value dictionary: words the office has taught, tried
	// before the enums' own words. nil: none.
	Words         *model.Dictionary
	Lang          string // "zh" or "en": the language of reasons
	Password      string // for encrypted workbooks
	MaxFileBytes  int64  // default 100 MiB
	MaxUnzipBytes int64  // default 1 GiB: the sum of the parts' uncompressed sizes
	// Limits on what a file may hold (zero: the defaults): the largest
	// cell, the rows of a sheet, the non-empty cells of the whole file.
	MaxCellBytes int
	MaxRows      int
	MaxCells     int
	// Partial reads a damaged sheet up to the damage (import --partial):
	// the rows before it are kept and the sheet's report says where it
	// breaks. Otherwise damage refuses the whole file.
	Partial bool
	// Progress, when set, is told the rows read so far in this file every
	// 500 rows; an error from it (a cancelled import) stops the reading
	// and is returned.
	Progress func(rowsRead int) error
}

// DefaultMaxCells is the default limit on the non-empty cells of a file.
const DefaultMaxCells = 20_000_000

// Result is everything read from one file.
type Result struct {
	Report       model.FileReport
	Rows         []model.Incoming
	Rejected     []model.Rejection
	Warnings     []model.Warning
	Notes        []string
	UnknownUnits []string // names not in the dictionary, imported as typed (normalised)
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Read imports every sheet of a workbook it recognises. A file that cannot
// be read at all is a *FileError; bad cells are Rejections in the Result.
func Read(path string, opt ReadOptions) (*Result, error) {
	if opt.MaxFileBytes <= 0 {
		opt.MaxFileBytes = 100 << 20
	}
	if opt.MaxUnzipBytes <= 0 {
		opt.MaxUnzipBytes = 1 << 30
	}
	if opt.Units == nil {
		opt.Units = model.NewUnitDict(nil)
	}
	if opt.MaxCells <= 0 {
		opt.MaxCells = DefaultMaxCells
	}
	name := filepath.Base(path)
	src, err := openSource(path, name, opt)
	if err != nil {
		return nil, err
	}
	defer src.close()

	bk, err := xlsxscan.Open(src.zip, opt.limits())
	if err != nil {
		var xe *xlsxscan.Error
		if errors.As(err, &xe) {
			return nil, DamageError(name, "", xe)
		}
		return nil, fileErr(name, ErrUnreadable, err, "无法读取工作簿（文件可能已损坏）",
			"cannot read the workbook (the file may be damaged)")
	}
	fileRef := model.DateOf(src.modTime)
	if !bk.Modified.IsZero() {
		fileRef = model.DateOf(bk.Modified.Local())
	}
	r := &reader{
		file: name, opt: opt, bk: bk,
		date1904:    bk.Date1904,
		fileRef:     fileRef,
		seen:        map[string]model.RowRef{},
		unknownSeen: map[string]bool{},
		paths:       map[reflect.Type]map[string][]int{},
		res:         &Result{Report: model.FileReport{File: name, SHA256: src.sha256}},
	}
	sheetErr := func(sheet string, err error) error {
		var xe *xlsxscan.Error
		var fe *FileError
		switch {
		case errors.As(err, &fe):
			return fe
		case errors.As(err, &xe):
			return DamageError(name, sheet, xe)
		}
		return fileErr(name, ErrUnreadable, err, fmt.Sprintf("无法读取工作表“%s”（文件可能已损坏）", sheet),
			fmt.Sprintf("cannot read sheet %q (the file may be damaged)", sheet))
	}
	// Reference sheets (model.ReferenceKinds) say how the other sheets
	// read: a 单位 sheet names the aliases they use (市发改委 for
	// 市发展和改革委员会), a 联系点 sheet the points' short names, a 节假日
	// sheet the working days. Wherever they stand in the workbook they are
	// read first, and what they hold joins the dictionaries the other
	// sheets resolve with.
	var sheets []xlsxscan.Sheet
	for _, bs := range bk.Sheets {
		switch bs.Name {
		case metaSheet:
			if r.meta, err = r.readMeta(bs); err != nil {
				return nil, sheetErr(bs.Name, err)
			}
		case listsSheet:
		default:
			if opt.Only == nil {
				sub, err := r.readSubSheet(bs)
				if err != nil {
					return nil, sheetErr(bs.Name, err)
				}
				if sub {
					continue
				}
			}
			sheets = append(sheets, bs)
		}
	}
	if err := r.precheck(sheets); err != nil {
		return nil, sheetErr(err.sheet, err.err)
	}
	reports := make([]model.SheetReport, len(sheets))
	kinds := make([]model.Kind, len(sheets))
	for i, bs := range sheets {
		if kinds[i], err = r.peekKind(bs); err != nil {
			return nil, sheetErr(bs.Name, err)
		}
	}
	wanted := func(k model.Kind) bool { return opt.Only == nil || slices.Contains(opt.Only, k) }
	recognised := false
	for _, reference := range []bool{true, false} {
		for i, bs := range sheets {
			if kinds[i].IsReference() != reference || !wanted(kinds[i]) {
				continue
			}
			from := len(r.res.Rows)
			var err error
			if reports[i], err = r.readSheet(bs); err != nil {
				return nil, sheetErr(bs.Name, err)
			}
			if reference {
				r.learn(r.res.Rows[from:])
				r.learnWords(r.res.Rows[from:])
			}
			recognised = recognised || reports[i].Kind != nil
		}
	}
	if opt.Only != nil {
		recognised = true
		for i := range reports {
			reports[i].Sheet = sheets[i].Name
		}
	}
	r.attachSubs()
	r.res.Report.Sheets = append(r.res.Report.Sheets, reports...)
	if !recognised {
		return nil, fileErr(name, ErrNoHeader, nil,
			"没有找到可识别的表头：请确认表头含有“编号”“事项名称”“牵头单位”“完成时限”等列名（可先导出模板对照）",
			"no sheet has a recognisable header row: expected column names such as 编号, 事项名称, 牵头单位, 完成时限 (export a template to compare)")
	}
	return r.res, nil
}

// source is the file's zip package, decrypted when needed.
type source struct {
	path    string
	raw     []byte // set for decrypted files
	zip     *zip.Reader
	osFile  *os.File
	sha256  string
	modTime time.Time
}

func (s *source) close() {
	if s.osFile != nil {
		s.osFile.Close()
	}
}

func openSource(path, name string, opt ReadOptions) (*source, error) {
	fh, err := os.Open(path)
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, fileErr(name, ErrUnreadable, err, "文件不存在（可能已被移动或删除）", "the file does not exist (it may have been moved or deleted)")
		case errors.Is(err, fs.ErrPermission):
			return nil, fileErr(name, ErrUnreadable, err, "没有读取该文件的权限", "no permission to read the file")
		}
		return nil, fileErr(name, ErrUnreadable, err, "无法打开文件", "cannot open the file")
	}
	st, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, fileErr(name, ErrUnreadable, err, "无法读取文件信息", "cannot stat the file")
	}
	src := &source{path: path, osFile: fh, modTime: st.ModTime()}
	fail := func(e *FileError) (*source, error) { fh.Close(); return nil, e }
	switch {
	case st.Size() == 0:
		return fail(fileErr(name, ErrEmpty, nil, "文件是空的（0 字节）", "the file is empty (0 bytes)"))
	case st.Size() > opt.MaxFileBytes:
		return fail(fileErr(name, ErrTooLarge, nil,
			fmt.Sprintf("文件过大（%s，上限 %s）", mib(st.Size()), mib(opt.MaxFileBytes)),
			fmt.Sprintf("the file is too large (%s, limit %s)", mib(st.Size()), mib(opt.MaxFileBytes))))
	}
	h := sha256.New()
	if _, err := io.Copy(h, fh); err != nil {
		return fail(fileErr(name, ErrUnreadable, err, "读取文件出错（磁盘或 U 盘可能有问题）", "cannot read the file (the disk or USB stick may be at fault)"))
	}
	src.sha256 = hex.EncodeToString(h.Sum(nil))
	head := make([]byte, 8)
	if _, err := fh.ReadAt(head, 0); err != nil && !errors.Is(err, io.EOF) {
		return fail(fileErr(name, ErrUnreadable, err, "读取文件出错", "cannot read the file"))
	}
	notWorkbook := fileErr(name, ErrNotWorkbook, nil, "不是 Excel 工作簿（.xlsx）", "not an Excel workbook (.xlsx)")
	var ra io.ReaderAt = fh
	size := st.Size()
	switch {
	case bytes.HasPrefix(head, zipMagic):
	case bytes.Equal(head, oleMagic):
		raw, err := os.ReadFile(path)
		if err != nil {
			return fail(fileErr(name, ErrUnreadable, err, "读取文件出错", "cannot read the file"))
		}
		if !isEncryptedOLE(raw) {
			return fail(fileErr(name, ErrLegacyXLS, nil,
				"这是旧版 .xls 文件：请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入（或运行 soffice --headless --convert-to xlsx 文件名.xls）",
				"this is a legacy .xls file: open it in Excel or WPS and save it as .xlsx (or run soffice --headless --convert-to xlsx FILE.xls), then import that"))
		}
		if opt.Password == "" {
			return fail(fileErr(name, ErrPassword, nil, "工作簿设有打开密码：请提供密码（--password）", "the workbook is password-protected: give its password (--password)"))
		}
		dec, err := excelize.Decrypt(raw, &excelize.Options{Password: opt.Password})
		if err != nil || !bytes.HasPrefix(dec, zipMagic) {
			return fail(fileErr(name, ErrWrongPassword, err, "密码不正确，无法打开工作簿", "wrong password: the workbook cannot be opened"))
		}
		src.raw, ra, size = dec, bytes.NewReader(dec), int64(len(dec))
	default:
		return fail(notWorkbook)
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		notWorkbook.Err = err
		return fail(notWorkbook)
	}
	var total uint64
	hasWorkbook := false
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		hasWorkbook = hasWorkbook || strings.EqualFold(zf.Name, "xl/workbook.xml")
	}
	if total > uint64(opt.MaxUnzipBytes) {
		return fail(fileErr(name, ErrZipBomb, nil,
			fmt.Sprintf("文件解压后过大（%s，上限 %s），可能是恶意文件", mib(int64(min(total, 1<<62))), mib(opt.MaxUnzipBytes)),
			fmt.Sprintf("the file unpacks to too much data (%s, limit %s); it may be malicious", mib(int64(min(total, 1<<62))), mib(opt.MaxUnzipBytes))))
	}
	if !hasWorkbook {
		return fail(notWorkbook)
	}
	src.zip = zr
	return src, nil
}

// isEncryptedOLE: an encrypted .xlsx is an OLE2 container holding the
// streams EncryptionInfo and EncryptedPackage (names stored in UTF-16LE).
func isEncryptedOLE(raw []byte) bool {
	utf16 := func(s string) []byte {
		b := make([]byte, 0, 2*len(s))
		for _, c := range []byte(s) {
			b = append(b, c, 0)
		}
		return b
	}
	return bytes.Contains(raw, utf16("EncryptionInfo")) || bytes.Contains(raw, utf16("EncryptedPackage"))
}

// reader imports one file. Its fileRef is the reference date for text
// dates without a year when neither the row nor the sheet gives one: the
// document's modified date, else the file's.
type reader struct {
	file        string
	opt         ReadOptions
	rowsRead    int // data rows read so far, for opt.Progress
	bk          *xlsxscan.Book
	date1904    bool
	fileRef     model.Date
	seen        map[string]model.RowRef // kind|key → first row
	unknownSeen map[string]bool
	paths       map[reflect.Type]map[string][]int
	res         *Result
	// meta is a Taizhang export's hidden metadata (key → value): its
	// "unit" says whose ledger it is.
	meta map[string]string
	// subs are the tasks' list entries read from list sheets, by task id.
	subs  map[string]*subEntries
	cells int // non-empty cells read from the file's data rows
}

func (o ReadOptions) limits() xlsxscan.Limits {
	return xlsxscan.Limits{MaxCellBytes: o.MaxCellBytes, MaxRows: o.MaxRows}
}

func (r *reader) reason(e error) string { return model.Localize(e, r.opt.Lang) }

func (r *reader) tr(zh, en string) string { return model.T(zh, en).In(r.opt.Lang) }

// mergeFiller gives every cell of a merged range its top-left value. Rows
// come in order, so only the ranges over the current row are looked at.
type mergeFiller struct {
	pending []xlsxscan.Merge // by top row, not reached yet
	active  []activeMerge
}

type activeMerge struct {
	xlsxscan.Merge
	value   string
	numeric bool
}

func newMergeFiller(merges []xlsxscan.Merge) *mergeFiller {
	m := &mergeFiller{pending: slices.Clone(merges)}
	slices.SortFunc(m.pending, func(a, b xlsxscan.Merge) int { return a.Top - b.Top })
	return m
}

// fill returns the row with merged cells filled; the row itself is not
// changed (its cells are shared when no range covers it).
func (m *mergeFiller) fill(row xlsxscan.Row) xlsxscan.Row {
	m.active = slices.DeleteFunc(m.active, func(a activeMerge) bool { return a.Bottom < row.Num })
	for len(m.pending) > 0 && m.pending[0].Top <= row.Num {
		mr := m.pending[0]
		m.pending = m.pending[1:]
		if mr.Bottom < row.Num {
			continue
		}
		m.active = append(m.active, activeMerge{Merge: mr, value: at(row.Cells, mr.Left-1), numeric: row.IsNumeric(mr.Left - 1)})
	}
	cloned := false
	for _, a := range m.active {
		if a.value == "" {
			continue
		}
		if !cloned {
			row.Cells = slices.Clone(row.Cells)
			row.Numeric = slices.Clone(row.Numeric)
			cloned = true
		}
		for len(row.Cells) < a.Right {
			row.Cells = append(row.Cells, "")
		}
		if a.numeric {
			for len(row.Numeric) < a.Right {
				row.Numeric = append(row.Numeric, false)
			}
		}
		for c := a.Left; c <= a.Right; c++ {
			row.Cells[c-1] = a.value
			if c-1 < len(row.Numeric) {
				row.Numeric[c-1] = a.numeric
			}
		}
	}
	return row
}

// bufRow is a row as stored (raw) and with merged cells filled (full).
type bufRow struct {
	raw, full xlsxscan.Row
}

// sheetHead is a sheet opened for reading, its first rows read and its
// header looked for (hdr is nil when there is none).
type sheetHead struct {
	rows *xlsxscan.Rows
	next func() (bufRow, bool, error)
	head []bufRow
	hdr  *sheetHeader
	// broken is the damage a partial read stopped at (nil: read whole).
	broken *xlsxscan.Error
}

// openHead opens a sheet and reads the rows its header is looked for in;
// nil for a sheet the workbook names but does not hold. Close h.rows.
func (r *reader) tooManyCells(sheet string, row int) *FileError {
	return fileErr(r.file, ErrLimit, nil,
		fmt.Sprintf("文件的单元格总数超过 %d 个的上限（读到工作表“%s”第 %d 行时）。未导入任何数据；请拆分文件，或在“设置 → 数据”中提高上限。", r.opt.MaxCells, sheet, row),
		fmt.Sprintf("the file holds more than the limit of %d cells (reached in sheet %q, row %d). Nothing was imported; split the file, or raise the limit in Settings → Data.", r.opt.MaxCells, sheet, row))
}

type sheetError struct {
	sheet string
	err   error
}

// precheck scans every sheet once, row by row and keeping nothing, before
// any row is parsed: damage and limits are refused in the time of a scan
// and in the memory of one row, not after the rows before them have been
// read into records. (With Partial, damage is left to the reading, which
// stops there.) The scan costs a few percent of an import.
func (r *reader) precheck(sheets []xlsxscan.Sheet) *sheetError {
	cells := 0
	for _, bs := range sheets {
		if bs.Part == nil {
			continue
		}
		rows, err := xlsxscan.OpenRows(bs.Part, r.bk.SST)
		if err != nil {
			return &sheetError{bs.Name, err}
		}
		rows.SetLimits(r.opt.limits())
		rows.CheckOnly()
		for {
			row, ok, err := rows.Next()
			var xe *xlsxscan.Error
			if err != nil && !(r.opt.Partial && errors.As(err, &xe) && !xe.IsLimit()) {
				rows.Close()
				return &sheetError{bs.Name, err}
			}
			if !ok || err != nil {
				break
			}
			if cells+rows.Cells() > r.opt.MaxCells {
				rows.Close()
				return &sheetError{bs.Name, r.tooManyCells(bs.Name, row.Num)}
			}
		}
		cells += rows.Cells()
		rows.Close()
	}
	return nil
}

// count adds the sheet's cells to the file's total, which is bounded.
func (r *reader) openHead(bs xlsxscan.Sheet, count bool) (*sheetHead, error) {
	if bs.Part == nil {
		return nil, nil
	}
	merges, err := xlsxscan.Merges(bs.Part)
	if err != nil && !r.opt.Partial {
		return nil, err
	}
	rows, err := xlsxscan.OpenRows(bs.Part, r.bk.SST)
	if err != nil {
		return nil, err
	}
	rows.SetLimits(r.opt.limits())
	mf := newMergeFiller(merges)
	h := &sheetHead{rows: rows}
	counted := 0
	h.next = func() (bufRow, bool, error) {
		row, ok, err := rows.Next()
		var xe *xlsxscan.Error
		if err != nil && r.opt.Partial && errors.As(err, &xe) && !xe.IsLimit() {
			h.broken = xe
			return bufRow{}, false, nil
		}
		if !ok || err != nil {
			return bufRow{}, false, err
		}
		if count {
			r.cells += rows.Cells() - counted
			counted = rows.Cells()
			if r.cells > r.opt.MaxCells {
				return bufRow{}, false, r.tooManyCells(bs.Name, row.Num)
			}
		}
		return bufRow{row, mf.fill(row)}, true, nil
	}
	for len(h.head) < headerScanRows+1 {
		br, ok, err := h.next()
		if err != nil {
			rows.Close()
			return nil, err
		}
		if !ok {
			break
		}
		h.head = append(h.head, br)
	}
	grid := make([][]string, len(h.head))
	for i, b := range h.head {
		grid[i] = b.full.Cells
	}
	h.hdr = detectHeader(bs.Name, grid, merges)
	return h, nil
}

// peekKind is the kind a sheet's header says it holds ("" for none).
func (r *reader) peekKind(bs xlsxscan.Sheet) (model.Kind, error) {
	h, err := r.openHead(bs, false)
	if h == nil || err != nil {
		return "", err
	}
	defer h.rows.Close()
	if h.hdr == nil {
		return "", nil
	}
	return h.hdr.kind, nil
}

// learn adds what a reference sheet's rows hold to the dictionaries this
// file's other sheets resolve with: units with their aliases, points with
// their short names, holidays. The caller's dictionaries are not changed.
func (r *reader) learn(rows []model.Incoming) {
	var units []*model.Unit
	var points []*model.Point
	var days []*model.Holiday
	for _, in := range rows {
		switch v := in.Record.(type) {
		case *model.Unit:
			units = append(units, v)
		case *model.Point:
			points = append(points, v)
		case *model.Holiday:
			days = append(days, v)
		}
	}
	if len(units) > 0 {
		r.opt.Units = model.NewUnitDict(cloneUnits(append(r.opt.Units.Units(), units...)))
	}
	if len(points) > 0 {
		dict := cloneUnits(r.opt.Points.Units())
		for _, u := range model.NewPointDict(points).Units() {
			dict = append(dict, u)
		}
		r.opt.Points = model.NewUnitDict(dict)
	}
	if len(days) > 0 {
		r.opt.Calendar = r.opt.Calendar.With(days)
	}
}

// cloneUnits copies units so a dictionary built from them never changes
// the caller's (Add may give a unit more aliases).
func cloneUnits(units []*model.Unit) []*model.Unit {
	out := make([]*model.Unit, 0, len(units))
	for _, u := range units {
		c := *u
		c.Aliases = slices.Clone(u.Aliases)
		out = append(out, &c)
	}
	return out
}

// learnWords adds the words of a 词汇对照 sheet to the value dictionary
// this file's other sheets are read with.
func (r *reader) learnWords(rows []model.Incoming) {
	for _, in := range rows {
		if t, ok := in.Record.(*model.Term); ok {
			if r.opt.Words == nil {
				r.opt.Words = model.NewDictionary(nil)
			}
			r.opt.Words.Teach(t.Of, t.Word, t.Value)
		}
	}
}

func (r *reader) readSheet(bs xlsxscan.Sheet) (rep model.SheetReport, err error) {
	sheet := bs.Name
	rep = model.SheetReport{Sheet: sheet}
	h, err := r.openHead(bs, true)
	if h == nil || err != nil {
		return rep, err
	}
	defer h.rows.Close()
	head, next, hdr := h.head, h.next, h.hdr
	defer func() { r.noteBroken(&rep, h.broken) }()
	if hdr == nil {
		return rep, nil
	}
	kind := hdr.kind
	lastRow := hdr.lastRow
	rep.Kind, rep.HeaderRow = &kind, &lastRow
	sheetRef, filer := model.Date{}, r.meta["unit"]
	for _, b := range head[:hdr.lastRow] {
		if d, ok := reportDate(b.raw.Cells); ok {
			sheetRef = d
		}
		if u, ok := reportUnit(b.raw.Cells); ok {
			filer = u
		}
	}
	filedOn := sheetRef
	if filedOn.IsZero() {
		filedOn = r.fileRef
	}
	var title, header []string
	for _, b := range head[:hdr.firstRow-1] {
		title = append(title, strings.Join(b.raw.Cells, " "))
	}
	if sheetRef.IsZero() {
		sheetRef = titleRef(sheet, title, r.fileRef)
	}
	for _, b := range head[hdr.firstRow-1 : hdr.lastRow] {
		header = append(header, b.full.Cells...)
	}
	sr := newSheetReader(r, sheet, hdr, sheetRef, title, header)
	sr.filer, sr.filedOn = filer, filedOn
	handle := func(b bufRow) {
		if sr.handleRow(b.raw.Cells, b.full) {
			rep.Rows++
		}
	}
	for _, b := range head[hdr.lastRow:] {
		handle(b)
	}
	for {
		b, ok, err := next()
		if err != nil {
			return rep, err
		}
		if !ok {
			break
		}
		handle(b)
		if r.rowsRead++; r.opt.Progress != nil && r.rowsRead%500 == 0 {
			if err := r.opt.Progress(r.rowsRead); err != nil {
				return rep, err
			}
		}
	}
	return rep, nil
}

// readMeta reads the key/value rows of an export's hidden metadata sheet.
func (r *reader) readMeta(bs xlsxscan.Sheet) (map[string]string, error) {
	meta := map[string]string{}
	if bs.Part == nil {
		return meta, nil
	}
	rows, err := xlsxscan.OpenRows(bs.Part, r.bk.SST)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for n := 0; n < 100; n++ {
		row, ok, err := rows.Next()
		if err != nil || !ok {
			return meta, err
		}
		if len(row.Cells) >= 2 {
			meta[strings.TrimSpace(row.Cells[0])] = strings.TrimSpace(row.Cells[1])
		}
	}
	return meta, nil
}

// reportUnit finds 填报单位（盖章）：市发改委 on a 填报单位 line: whose
// ledger this is. Placeholders left blank (填报单位：  填报人：) give nothing.
func reportUnit(row []string) (string, bool) {
	line := model.Fold(strings.Join(row, " "))
	_, after, ok := strings.Cut(line, "填报单位")
	if !ok {
		return "", false
	}
	after = strings.TrimLeft(after, "(（盖章)）:： \u3000")
	if i := strings.IndexAny(after, " \t\n"); i >= 0 {
		after = after[:i]
	}
	for _, stop := range []string{"填报人", "联系人", "联系电话", "填报日期"} {
		if i := strings.Index(after, stop); i >= 0 {
			after = after[:i]
		}
	}
	after = strings.TrimSpace(after)
	return after, after != ""
}

// noteBroken says where a sheet read in part breaks (import --partial).
func (r *reader) noteBroken(rep *model.SheetReport, broken *xlsxscan.Error) {
	if broken == nil {
		return
	}
	last := broken.LastRow
	rep.BrokenAfter = &last
	what := broken.Text()
	r.res.Notes = append(r.res.Notes, r.tr(
		fmt.Sprintf("%s 的工作表“%s”在第 %d 行之后损坏（%s）：只读取了之前的行，之后的内容未导入", r.file, rep.Sheet, last, what.Zh),
		fmt.Sprintf("%s, sheet %q breaks after row %d (%s): only the rows before it were read, nothing after it is imported", r.file, rep.Sheet, last, what.En)))
}

// reportDate finds 填报日期：2019年7月5日 on a 填报单位 line.
func reportDate(row []string) (model.Date, bool) {
	line := strings.Join(row, " ")
	_, after, ok := strings.Cut(model.Fold(line), "填报日期")
	if !ok {
		return model.Date{}, false
	}
	after = strings.TrimLeft(after, ":： \u3000")
	if i := strings.IndexAny(after, " \t\n"); i > 0 {
		after = after[:i]
	}
	d, err := model.ParseDate(after, model.Date{})
	return d, err == nil && !d.IsZero()
}

var (
	reTitleYear  = regexp.MustCompile(`((?:19|20)\d\d)\s*年(?:度|\s*(\d{1,2})\s*月)?`)
	reTitleYears = regexp.MustCompile(`(?:19|20)\d\d\s*[-－—~～至到]\s*(?:19|20)\d\d\s*年`) // 2018-2019年
)

// titleRef is the reference date a sheet without 填报日期 gives year-less
// dates (5月20日, 6月底): the year its title rows name (2019年上半年…台账),
// else its name's (2019年督办台账). A text naming two years decides
// nothing. The file's date is kept when it falls in that year; otherwise
// the named month's end, or the year's end. Zero: nothing named.
func titleRef(sheet string, title []string, fileRef model.Date) model.Date {
	for _, s := range []string{strings.Join(title, " "), sheet} {
		var y, m int
		one := !reTitleYears.MatchString(model.Fold(s))
		for _, g := range reTitleYear.FindAllStringSubmatch(model.Fold(s), -1) {
			if !one {
				break
			}
			gy, _ := strconv.Atoi(g[1])
			if y != 0 && gy != y {
				one = false
				break
			}
			y = gy
			if gm, _ := strconv.Atoi(g[2]); gm >= 1 && gm <= 12 {
				m = gm
			}
		}
		switch {
		case y == 0 || !one:
			continue
		case fileRef.Y == y && (m == 0 || fileRef.M == time.Month(m)):
			return fileRef
		case m != 0:
			return model.NewDate(y, time.Month(m), 1).MonthEnd()
		}
		return model.NewDate(y, 12, 31)
	}
	return model.Date{}
}

var totalWords = []string{"合计", "总计", "小计", "总合计", "累计", "共计"}
var notePrefixes = []string{"备注", "说明", "注:", "注：", "注1", "注 ", "附注", "填表说明", "注释"}
var footerWords = []string{"制表人", "审核人", "填报人", "负责人签字", "单位负责人"}

// totalFooterStarts are the first characters of totalWords and footerWords.
const totalFooterStarts = "合总小累共制审填负单"

// headerPunct is what headerKey drops around words.
const headerPunct = " \t\n\r\u3000*＊:：_-/、."

// handleRow imports, rejects or skips one data row; it reports whether the
// row counted as data.
func (s *sheetReader) handleRow(raw []string, row xlsxscan.Row) bool {
	filled := 0
	var only string
	for _, v := range raw {
		if strings.TrimSpace(v) != "" {
			filled++
			only = strings.TrimSpace(v)
		}
	}
	if filled == 0 {
		return false
	}
	if filled == 1 && hasPrefixAny(model.Fold(only), notePrefixes) {
		return false
	}
	full := row.Cells
	seen := 0
	for _, v := range full {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		seen++
		// Total and footer words start with one of few characters: most
		// cells are passed over without normalising them.
		first, _ := utf8.DecodeRuneInString(strings.TrimLeft(v, headerPunct))
		if !strings.ContainsRune(totalFooterStarts, first) {
			continue
		}
		k := headerKey(v)
		if seen <= 3 && slices.Contains(totalWords, k) {
			return false
		}
		if hasPrefixAny(k, footerWords) {
			return false
		}
	}
	any := false
	for _, b := range s.hdr.cols {
		if strings.TrimSpace(at(full, b.index)) != "" {
			any = true
			break
		}
	}
	if !any {
		return false
	}
	s.parseRow(row)
	return true
}

func hasPrefixAny(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
