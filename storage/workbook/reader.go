// Reading a workbook file into sheets: open and check the file, precheck
// every sheet, read each sheet's head and rows in order (reference sheets
// first), learn the dictionaries they add. Header detection is header.go,
// a sheet's rows sheet.go and row.go, cell values cells.go.

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
	"slices"
	"strings"
	"sync"
	"time"

	kflate "github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage/workbook/xls"
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
	// Rows, when set, is given every row as it is read instead of the
	// rows being kept in Result.Rows, so an import plans a large file
	// without holding it: first the reference sheets' rows (once they are
	// all read), then the other sheets' rows in order, each with its list
	// sheets' entries. An error from Rows stops the reading and is
	// returned as it is.
	Rows func(model.Incoming) error
	// Legacy, when set, keeps the .xlsx each .xls file converts to, for
	// the next reads of the same file (an import reads a file for its
	// reference sheets, for its plan, and again to apply it).
	Legacy *LegacyCache
}

// LegacyCache holds converted .xls files by their content (NewLegacyCache).
type LegacyCache struct {
	mu sync.Mutex
	m  map[string]*xls.Workbook // by SHA-256 of the .xls
}

// NewLegacyCache makes a cache for the reads of one import.
func NewLegacyCache() *LegacyCache { return &LegacyCache{m: map[string]*xls.Workbook{}} }

func (c *LegacyCache) convert(raw []byte, sum string) (*xls.Workbook, error) {
	if c == nil {
		return xls.Convert(bytes.NewReader(raw), int64(len(raw)))
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if wb, ok := c.m[sum]; ok {
		return wb, nil
	}
	wb, err := xls.Convert(bytes.NewReader(raw), int64(len(raw)))
	if err == nil {
		c.m[sum] = wb
	}
	return wb, err
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
	if !bk.Modified.IsZero() && !src.legacy {
		fileRef = model.DateOf(bk.Modified.Local())
	}
	r := &reader{
		file: name, opt: opt, bk: bk,
		exported:    exportedParts(src.zip.Comment, bk.Sheets),
		date1904:    bk.Date1904,
		fileRef:     fileRef,
		seen:        newSeenKeys(),
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
	defer func() {
		r.stopScans()
		for _, l := range r.lists {
			l.close()
		}
	}()
	// A Taizhang export's metadata first: its format says how its list
	// sheets read (listPercent), and they are scanned from the start.
	for _, bs := range bk.Sheets {
		if bs.Name == metaSheet {
			if r.meta, err = r.readMeta(bs); err != nil {
				return nil, sheetErr(bs.Name, err)
			}
		}
	}
	if opt.Only == nil {
		r.startScans(bk.Sheets)
	}
	for _, bs := range bk.Sheets {
		switch bs.Name {
		case metaSheet:
		case listsSheet:
		default:
			if opt.Only == nil {
				l, err := r.listSheetOf(bs)
				if err != nil {
					return nil, sheetErr(bs.Name, err)
				}
				if l != nil {
					r.lists = append(r.lists, l)
					continue
				}
			}
			sheets = append(sheets, bs)
		}
	}
	// The reference pass (Only) reads a few small sheets; the whole
	// file's scan for damage and limits is the main pass's.
	if opt.Only == nil && opt.Rows == nil {
		if err := r.precheck(sheets); err != nil {
			return nil, sheetErr(err.sheet, err.err)
		}
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
				if r.listErr != nil {
					return nil, sheetErr(r.listErr.sheet, r.listErr.err)
				}
				if r.emitErr != nil {
					return nil, r.emitErr
				}
				return nil, sheetErr(bs.Name, err)
			}
			if reference {
				r.learn(r.res.Rows[from:])
				r.learnWords(r.res.Rows[from:])
			}
			recognised = recognised || reports[i].Kind != nil
		}
		if reference && opt.Rows != nil {
			for _, in := range r.res.Rows {
				if err := opt.Rows(in); err != nil {
					return nil, err
				}
			}
			r.res.Rows = nil
		}
		r.streaming = opt.Rows != nil
	}
	if r.flushVillages(); r.emitErr != nil {
		return nil, r.emitErr
	}
	if opt.Only != nil {
		recognised = true
		for i := range reports {
			reports[i].Sheet = sheets[i].Name
		}
	}
	if err := r.finishLists(); err != nil {
		return nil, sheetErr(err.sheet, err.err)
	}
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
	// legacy: an .xls file, read as the .xlsx it was converted to (package
	// xls); that workbook's own dates are the conversion's: modTime is the
	// .xls's last save, else the file's
	legacy bool
}

func (s *source) close() {
	if s.osFile != nil {
		s.osFile.Close()
	}
}

// FileSHA256 is the digest a read reports for the file at path
// (model.FileReport.SHA256): of its bytes as stored, before any
// conversion or decryption.
func FileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return digest(f)
}

func digest(r io.Reader) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
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
	if src.sha256, err = digest(fh); err != nil {
		return fail(fileErr(name, ErrUnreadable, err, "读取文件出错（磁盘或 U 盘可能有问题）", "cannot read the file (the disk or USB stick may be at fault)"))
	}
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
			// Excel 97–2003 (.xls): read as the .xlsx it converts to
			conv, err := opt.Legacy.convert(raw, src.sha256)
			switch {
			case errors.Is(err, xls.ErrEncrypted):
				return fail(fileErr(name, ErrPassword, err,
					"这个旧版 .xls 文件设有打开密码：请在 Excel 或 WPS 中去掉密码，或另存为 .xlsx 后再导入",
					"this legacy .xls file is password-protected: remove the password in Excel or WPS, or save it as .xlsx, then import it"))
			case errors.Is(err, xls.ErrNotBIFF8):
				return fail(fileErr(name, ErrLegacyXLS, err,
					"这是更早的 Excel 5.0/95 文件或 WPS .et 文件：请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入（或运行 soffice --headless --convert-to xlsx 文件名）",
					"this is an Excel 5.0/95 or WPS .et file: open it in Excel or WPS and save it as .xlsx (or run soffice --headless --convert-to xlsx FILE), then import that"))
			case err != nil:
				return fail(fileErr(name, ErrUnreadable, err, "无法读取这个旧版 .xls 文件（文件可能已损坏）",
					"cannot read this legacy .xls file (it may be damaged)"))
			}
			src.raw, src.legacy, ra, size = conv.XLSX, true, bytes.NewReader(conv.XLSX), int64(len(conv.XLSX))
			if !conv.Saved.IsZero() {
				src.modTime = conv.Saved
			}
			break
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
	// klauspost's inflate is a quarter faster than the standard library's
	// (0.22 against 0.28 s for the bench ledger's parts), and an import
	// inflates its sheets twice: their merged ranges, then their rows.
	zr.RegisterDecompressor(zip.Deflate, func(r io.Reader) io.ReadCloser { return kflate.NewReader(r) })
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
	// villages: a file's village profile rows held to its end, one a
	// village, so a village on several rows or sheets (one a year) is one
	// record of its years.
	villages []model.Incoming
	file     string
	opt      ReadOptions
	rowsRead int // data rows read so far, for opt.Progress
	bk       *xlsxscan.Book
	date1904 bool
	fileRef  model.Date
	seen     seenKeys // kind|key → first row
	// sessions: the sessions each body's proposals sheets so far named,
	// with the first sheet naming each (sessionOfWorkbook)
	sessions    map[model.Body][][2]string
	unknownSeen map[string]bool
	paths       map[reflect.Type]map[string][]int
	res         *Result
	// meta is a Taizhang export's hidden metadata (key → value): its
	// "unit" says whose ledger it is.
	meta map[string]string
	// lists are the file's list sheets (进展报告, 延期, 催办), whose entries
	// task rows take as they are read; listErr is one that failed.
	lists   []*listSheet
	listErr *sheetError
	cells   int // non-empty cells read from the file's data rows
	// streaming: rows go to opt.Rows as they are read (after the
	// reference sheets); emitErr is the first error it returned (or
	// listErr's).
	streaming bool
	emitErr   error
	merges    map[string]sheetMerges // by sheet name (mergesOf)
	exported  map[string]partSum     // parts as a Taizhang export wrote them (exported.go)
	scans     *scans                 // started by startScans; nil: none
}

func (o ReadOptions) limits() xlsxscan.Limits {
	return xlsxscan.Limits{MaxCellBytes: o.MaxCellBytes, MaxRows: o.MaxRows}
}

func (r *reader) reason(e error) string { return model.Localize(e, r.opt.Lang) }

func (r *reader) tr(zh, en string) string { return model.T(zh, en).In(r.opt.Lang) }

// tooManyCells refuses a file over the cell limit, naming where it was reached.
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
	// pull is the next row as scanned, with the sheet's cells so far;
	// stop ends a read ahead (readAhead).
	pull func() scannedRow
	stop func()
}

// scannedRow is a row as the scanner gave it, and the cells it had read
// up to it; ok false with no err is the end of the sheet.
type scannedRow struct {
	row   xlsxscan.Row
	ok    bool
	err   error
	cells int
}

// close stops the read ahead, if any, and closes the sheet.
func (h *sheetHead) close() {
	if h.stop != nil {
		h.stop()
		h.stop = nil
	}
	h.rows.Close()
}

// readAhead scans the sheet's rows on a goroutine of their own, a few
// hundred rows ahead of their parsing: while an import plans, nothing
// else keeps the second core busy, and scanning (inflating the part
// included) is half of reading. The rows, damage and counts are the same,
// in the same order; close stops it.
func (h *sheetHead) readAhead() {
	const batchRows, batches = 256, 4
	ch := make(chan []scannedRow, batches)
	free := make(chan []scannedRow, batches+1) // batches read, for the scan to fill again
	stop, done := make(chan struct{}), make(chan struct{})
	rows := h.rows
	go func() {
		defer close(done)
		batch := make([]scannedRow, 0, batchRows)
		for {
			row, ok, err := rows.Next()
			batch = append(batch, scannedRow{row, ok, err, rows.Cells()})
			last := !ok || err != nil
			if last || len(batch) == batchRows {
				select {
				case ch <- batch:
				case <-stop:
					return
				}
				if last {
					return
				}
				select {
				case batch = <-free:
					batch = batch[:0]
				default:
					batch = make([]scannedRow, 0, batchRows)
				}
			}
		}
	}()
	var batch, cur []scannedRow
	var final *scannedRow // the end or the damage, given again on every later call
	h.pull = func() scannedRow {
		if final != nil {
			return *final
		}
		if len(cur) == 0 {
			batch = <-ch
			cur = batch
		}
		sr := cur[0]
		cur[0] = scannedRow{} // the batch is given back (free)
		cur = cur[1:]
		if len(cur) == 0 {
			select {
			case free <- batch:
			default:
			}
		}
		if !sr.ok || sr.err != nil {
			end := sr
			final = &end
		}
		return sr
	}
	h.stop = func() {
		close(stop)
		<-done
	}
}

// openHead opens a sheet and reads the rows its header is looked for in;
// nil for a sheet the workbook names but does not hold. Close it (h.close).
// count adds the sheet's cells to the file's total, which is bounded.
func (r *reader) openHead(bs xlsxscan.Sheet, count bool) (*sheetHead, error) {
	if bs.Part == nil {
		return nil, nil
	}
	merges, err := r.mergesOf(bs)
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
	h.pull = func() scannedRow {
		row, ok, err := rows.Next()
		return scannedRow{row, ok, err, rows.Cells()}
	}
	counted := 0
	h.next = func() (bufRow, bool, error) {
		sr := h.pull()
		row, ok, err := sr.row, sr.ok, sr.err
		var xe *xlsxscan.Error
		if err != nil && r.opt.Partial && errors.As(err, &xe) && !xe.IsLimit() {
			h.broken = xe
			return bufRow{}, false, nil
		}
		if !ok || err != nil {
			return bufRow{}, false, err
		}
		if count {
			r.cells += sr.cells - counted
			counted = sr.cells
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

// mergesOf is a sheet's merged ranges, searched for once: the search
// inflates the whole part, and a sheet is opened twice (its kind is
// peeked at before the reference sheets are read).
func (r *reader) mergesOf(bs xlsxscan.Sheet) ([]xlsxscan.Merge, error) {
	if m, ok := r.merges[bs.Name]; ok {
		return m.ranges, m.err
	}
	if _, ok := r.exported[bs.Part.Name]; ok {
		return nil, nil // an export merges no cell
	}
	key := mergeKey{r.res.Report.SHA256, bs.Part.Name}
	ranges, err, ok := r.scannedMerges(bs)
	if !ok {
		ranges, ok = knownMerges.get(key)
	}
	if !ok {
		ranges, err = xlsxscan.Merges(bs.Part)
	}
	if err == nil {
		knownMerges.put(key, ranges)
	}
	if r.merges == nil {
		r.merges = map[string]sheetMerges{}
	}
	r.merges[bs.Name] = sheetMerges{ranges, err}
	return ranges, err
}

type sheetMerges struct {
	ranges []xlsxscan.Merge
	err    error
}

// knownMerges are the merged ranges of the sheets of the files read last,
// by the file's content: an import reads each file twice (to plan, then to
// apply), and finding a sheet's merges inflates its whole part, a tenth of
// a read. The digest of the bytes read is the key, so a file saved again in
// between is searched again.
var knownMerges = &mergeCache{entries: map[mergeKey][]xlsxscan.Merge{}}

type mergeKey struct{ sha256, part string }

type mergeCache struct {
	mu      sync.Mutex
	entries map[mergeKey][]xlsxscan.Merge // never changed once put
	order   []mergeKey                    // oldest first
	held    int                           // ranges held
}

// The cache holds a few files' sheets, and at most 1 MB of ranges.
const (
	mergeCacheSheets = 64
	mergeCacheRanges = 32 << 10
)

func (c *mergeCache) get(k mergeKey) ([]xlsxscan.Merge, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	m, ok := c.entries[k]
	return m, ok
}

func (c *mergeCache) put(k mergeKey, m []xlsxscan.Merge) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[k]; ok || len(m) > mergeCacheRanges {
		return
	}
	for len(c.order) == mergeCacheSheets || c.held+len(m) > mergeCacheRanges {
		c.held -= len(c.entries[c.order[0]])
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
	c.entries[k] = m
	c.order = append(c.order, k)
	c.held += len(m)
}

// peekKind is the kind a sheet's header says it holds ("" for none).
func (r *reader) peekKind(bs xlsxscan.Sheet) (model.Kind, error) {
	h, err := r.openHead(bs, false)
	if h == nil || err != nil {
		return "", err
	}
	defer h.close()
	if h.hdr == nil {
		return "", nil
	}
	if h.hdr.kind == model.KindProposal {
		// the sessions the workbook's proposals sheets name, for the
		// sheets that name none (sessionOfWorkbook), whatever their order
		title, header := h.titleAndHeader()
		r.noteSession(bs.Name, inferProposalContext(bs.Name, title, header))
	}
	return h.hdr.kind, nil
}

// titleAndHeader are the head's title rows (each joined) and header cells.
func (h *sheetHead) titleAndHeader() (title, header []string) {
	for _, b := range h.head[:h.hdr.firstRow-1] {
		title = append(title, strings.Join(b.raw.Cells, " "))
	}
	for _, b := range h.head[h.hdr.firstRow-1 : h.hdr.lastRow] {
		header = append(header, b.full.Cells...)
	}
	return title, header
}

func (r *reader) readSheet(bs xlsxscan.Sheet) (rep model.SheetReport, err error) {
	sheet := bs.Name
	rep = model.SheetReport{Sheet: sheet}
	h, err := r.openHead(bs, true)
	if h == nil || err != nil {
		return rep, err
	}
	defer h.close()
	if h.hdr != nil {
		h.readAhead()
	}
	head, next, hdr := h.head, h.next, h.hdr
	defer func() { r.noteBroken(&rep, h.broken) }()
	if hdr == nil {
		return rep, nil
	}
	kind := hdr.kind
	lastRow := hdr.lastRow
	rep.Kind, rep.HeaderRow = &kind, &lastRow
	sheetRef, filer := model.Date{}, r.returnedBy()
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
	title, header := h.titleAndHeader()
	if sheetRef.IsZero() {
		sheetRef = titleRef(sheet, title, r.fileRef)
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
	if r.emitErr != nil {
		return rep, r.emitErr
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
		if r.emitErr != nil {
			return rep, r.emitErr
		}
		if r.rowsRead++; r.opt.Progress != nil && r.rowsRead%500 == 0 {
			if err := r.opt.Progress(r.rowsRead); err != nil {
				return rep, err
			}
		}
	}
	sr.flushHeld()
	sr.flushVisit()
	return rep, r.emitErr
}

// emit passes on a row read whole, with its list sheets' entries: kept in
// the result, or once the reference sheets are read, given to
// ReadOptions.Rows (the first error is kept; the sheet's loop returns it).
func (r *reader) emit(in model.Incoming) {
	if r.emitErr != nil {
		return
	}
	if r.listErr = r.attachLists(&in); r.listErr != nil {
		r.emitErr = r.listErr.err
		return
	}
	if !r.streaming {
		r.res.Rows = append(r.res.Rows, in)
		return
	}
	r.emitErr = r.opt.Rows(in)
}

// returnedBy is the unit whose exported ledger came back: the export's
// unit, once the file was saved again after the export (Excel, WPS and
// LibreOffice stamp the save). A ledger the office re-imports as it wrote
// it is nobody's report.
func (r *reader) returnedBy() string {
	unit := r.meta["unit"]
	if unit == "" {
		return ""
	}
	if at, err := time.Parse(time.RFC3339, r.meta["exported_at"]); err == nil && r.bk.Modified.Equal(at.Truncate(time.Second)) {
		return ""
	}
	return unit
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

// learn adds what a reference sheet's rows hold to the dictionaries this
// file's other sheets resolve with: units with their aliases, points with
// their short names, holidays. The caller's dictionaries are not changed.
func (r *reader) learn(rows []model.Incoming) {
	var refs model.References
	for _, in := range rows {
		refs.Add(in.Record)
	}
	units, points, days := refs.Units, refs.Points, refs.Holidays
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

func (r *reader) noteUnknown(names []string) {
	for _, n := range names {
		if n != "" && !r.unknownSeen[n] {
			r.unknownSeen[n] = true
			r.res.UnknownUnits = append(r.res.UnknownUnits, n)
		}
	}
}

func (r *reader) dupReason(first model.RowRef, same string) string {
	return r.tr(fmt.Sprintf("与工作表“%s”第%d行重复（%s）", first.Sheet, first.Row, same),
		fmt.Sprintf("duplicates row %d of sheet %q (%s)", first.Row, first.Sheet, same))
}

func (r *reader) parseDateCell(v string, numeric bool, ref model.Date) (model.Date, error) {
	if err := notDateNumber(v, numeric); err != nil {
		return model.Date{}, err
	}
	if f, ok := serialValue(v); ok {
		return model.DateFromSerial(f, r.date1904)
	}
	if d, ok := isoDateTime(v); ok {
		return d, nil
	}
	return model.ParseDate(v, ref)
}

func (r *reader) parseDeadlineCell(v string, numeric bool, ref model.Date) (model.Deadline, error) {
	if err := notDateNumber(v, numeric); err != nil {
		return model.Deadline{}, err
	}
	if f, ok := serialValue(v); ok {
		d, err := model.DateFromSerial(f, r.date1904)
		if err != nil {
			return model.Deadline{}, err
		}
		return model.Deadline{Due: d, Text: d.String(), Type: model.DeadlineDate}, nil
	}
	if d, ok := isoDateTime(v); ok {
		return model.Deadline{Due: d, Text: d.String(), Type: model.DeadlineDate}, nil
	}
	return model.ParseDeadline(v, ref)
}
