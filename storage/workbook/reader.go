package workbook

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

// ReadOptions control an import.
type ReadOptions struct {
	Units         *model.UnitDict // resolves unit names; nil: an empty dictionary
	Lang          string          // "zh" or "en": the language of reasons
	Password      string          // for encrypted workbooks
	MaxFileBytes  int64           // default 100 MiB
	MaxUnzipBytes int64           // default 1 GiB: the sum of the parts' uncompressed sizes
}

// Result is everything read from one file.
type Result struct {
	Report       model.FileReport
	Rows         []model.Incoming
	Rejected     []model.Rejection
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
	name := filepath.Base(path)
	src, err := openSource(path, name, opt)
	if err != nil {
		return nil, err
	}
	defer src.close()

	f, err := src.excelize(opt)
	if err != nil {
		return nil, fileErr(name, ErrUnreadable, err, "无法读取工作簿（文件可能已损坏）："+err.Error(),
			"cannot read the workbook (the file may be damaged): "+err.Error())
	}
	defer f.Close()
	scans, err := scanSheets(src.zip)
	if err != nil {
		return nil, fileErr(name, ErrUnreadable, err, "无法读取工作簿结构："+err.Error(), "cannot read the workbook structure: "+err.Error())
	}
	props, err := f.GetWorkbookProps()
	if err != nil {
		return nil, fileErr(name, ErrUnreadable, err, "无法读取工作簿属性", "cannot read the workbook properties")
	}
	r := &reader{
		file: name, opt: opt, f: f,
		date1904:    props.Date1904 != nil && *props.Date1904,
		fileRef:     fileDate(f, src.modTime),
		seen:        map[string]model.RowRef{},
		unknownSeen: map[string]bool{},
		paths:       map[reflect.Type]map[string][]int{},
		res:         &Result{Report: model.FileReport{File: name, SHA256: src.sha256}},
	}
	recognised := false
	for _, sheet := range f.GetSheetList() {
		if sheet == metaSheet || sheet == listsSheet {
			continue
		}
		sc := scans[sheet]
		if sc == nil {
			sc = &sheetScan{formulas: map[string]formulaCell{}}
		}
		rep, err := r.readSheet(sheet, sc)
		if err != nil {
			return nil, fileErr(name, ErrUnreadable, err, fmt.Sprintf("无法读取工作表“%s”：%v", sheet, err),
				fmt.Sprintf("cannot read sheet %q: %v", sheet, err))
		}
		recognised = recognised || rep.Kind != nil
		r.res.Report.Sheets = append(r.res.Report.Sheets, rep)
	}
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

func (s *source) excelize(opt ReadOptions) (*excelize.File, error) {
	o := excelize.Options{RawCellValue: true, UnzipSizeLimit: opt.MaxUnzipBytes,
		UnzipXMLSizeLimit: min(opt.MaxUnzipBytes, excelize.StreamChunkSize)}
	if s.raw != nil {
		return excelize.OpenReader(bytes.NewReader(s.raw), o)
	}
	return excelize.OpenFile(s.path, o)
}

func openSource(path, name string, opt ReadOptions) (*source, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fileErr(name, ErrUnreadable, err, "无法打开文件："+err.Error(), "cannot open the file: "+err.Error())
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
		return fail(fileErr(name, ErrUnreadable, err, "读取文件出错："+err.Error(), "cannot read the file: "+err.Error()))
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

// fileDate is the reference date for text dates without a year when
// neither the row nor the sheet gives one: the document's modified date,
// else the file's.
func fileDate(f *excelize.File, mtime time.Time) model.Date {
	if p, err := f.GetDocProps(); err == nil && p.Modified != "" {
		if t, err := time.Parse(time.RFC3339, p.Modified); err == nil {
			return model.DateOf(t.Local())
		}
	}
	return model.DateOf(mtime)
}

type reader struct {
	file        string
	opt         ReadOptions
	f           *excelize.File
	date1904    bool
	fileRef     model.Date
	seen        map[string]model.RowRef // kind|key → first row
	unknownSeen map[string]bool
	paths       map[reflect.Type]map[string][]int
	res         *Result
}

func (r *reader) reason(e error) string {
	var pe *model.ParseError
	if errors.As(e, &pe) {
		return pe.Reason(r.opt.Lang)
	}
	return e.Error()
}

func (r *reader) tr(zh, en string) string {
	if r.opt.Lang == "zh" {
		return zh
	}
	return en
}

// mergeFiller gives every cell of a merged range its top-left value.
type mergeFiller struct {
	merges []mergeRange
	vals   map[int]string
}

func (m *mergeFiller) fill(rowNum int, row []string) []string {
	for i, mr := range m.merges {
		if rowNum < mr.top || rowNum > mr.bottom {
			continue
		}
		if rowNum == mr.top {
			m.vals[i] = at(row, mr.left-1)
		}
		v := m.vals[i]
		if v == "" {
			continue
		}
		for len(row) < mr.right {
			row = append(row, "")
		}
		for c := mr.left; c <= mr.right; c++ {
			if c == mr.left && rowNum == mr.top {
				continue
			}
			row[c-1] = v
		}
	}
	return row
}

func (r *reader) readSheet(sheet string, sc *sheetScan) (model.SheetReport, error) {
	rep := model.SheetReport{Sheet: sheet}
	rows, err := r.f.Rows(sheet)
	if err != nil {
		return rep, err
	}
	defer rows.Close()
	mf := &mergeFiller{merges: sc.merges, vals: map[int]string{}}
	type bufRow struct {
		num       int
		raw, full []string
	}
	var head []bufRow
	rowNum := 0
	next := func() (bufRow, bool, error) {
		if !rows.Next() {
			return bufRow{}, false, rows.Error()
		}
		rowNum++
		cells, err := rows.Columns()
		if err != nil {
			return bufRow{}, false, err
		}
		full := mf.fill(rowNum, slices.Clone(cells))
		return bufRow{rowNum, cells, full}, true, nil
	}
	for len(head) < headerScanRows+1 {
		br, ok, err := next()
		if err != nil {
			return rep, err
		}
		if !ok {
			break
		}
		head = append(head, br)
	}
	grid := make([][]string, len(head))
	for i, b := range head {
		grid[i] = b.full
	}
	hdr := detectHeader(sheet, grid, sc.merges)
	if hdr == nil {
		return rep, nil
	}
	kind := hdr.kind
	lastRow := hdr.lastRow
	rep.Kind, rep.HeaderRow = &kind, &lastRow
	sheetRef := model.Date{}
	for _, b := range head[:hdr.lastRow] {
		if d, ok := reportDate(b.raw); ok {
			sheetRef = d
		}
	}
	sr := &sheetReader{r: r, sheet: sheet, hdr: hdr, sc: sc, ref: sheetRef}
	sr.unitRoles, sr.hasUnitCols = sheetUnitRoles(hdr)
	sr.kindRoles = kindRoles(kind)
	var title []string
	for _, b := range head[:hdr.firstRow-1] {
		title = append(title, strings.Join(b.raw, " "))
	}
	if kind == model.KindProposal {
		var header []string
		for _, b := range head[hdr.firstRow-1 : hdr.lastRow] {
			header = append(header, b.full...)
		}
		sr.proposal = inferProposalContext(sheet, title, header)
	}
	if wanInTitle(title) {
		for i, b := range hdr.cols {
			// A header saying 元 itself (金额（元）) overrides the title.
			if b.column.Type == TypeMoney && !strings.Contains(b.label, "元") {
				hdr.cols[i].column.wan = true
			}
		}
	}
	handle := func(b bufRow) {
		if sr.handleRow(b.num, b.raw, b.full) {
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
	}
	return rep, nil
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

type sheetReader struct {
	r     *reader
	sheet string
	hdr   *sheetHeader
	sc    *sheetScan
	ref   model.Date
	// proposal: body and session inferred for a proposals sheet.
	proposal proposalContext
	// unitRoles: the roles the unit columns carry by their headers.
	unitRoles, kindRoles []model.Role
	hasUnitCols          bool
}

var totalWords = []string{"合计", "总计", "小计", "总合计", "累计", "共计"}
var notePrefixes = []string{"备注", "说明", "注:", "注：", "注1", "注 ", "附注", "填表说明", "注释"}
var footerWords = []string{"制表人", "审核人", "填报人", "负责人签字", "单位负责人"}

// handleRow imports, rejects or skips one data row; it reports whether the
// row counted as data.
func (s *sheetReader) handleRow(num int, raw, full []string) bool {
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
	seen := 0
	for _, v := range full {
		k := headerKey(v)
		if k == "" {
			continue
		}
		if seen++; seen <= 3 && slices.Contains(totalWords, k) {
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
	s.parseRow(num, full)
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
