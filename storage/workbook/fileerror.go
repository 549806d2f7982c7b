package workbook

import (
	"fmt"

	"taizhang/model"
	"taizhang/storage/workbook/xlsxscan"
)

// FileErrorCode says why a whole file could not be read.
type FileErrorCode string

const (
	ErrEmpty         FileErrorCode = "empty"
	ErrTooLarge      FileErrorCode = "too_large"
	ErrNotWorkbook   FileErrorCode = "not_workbook"
	ErrLegacyXLS     FileErrorCode = "legacy_xls"
	ErrPassword      FileErrorCode = "password_required"
	ErrWrongPassword FileErrorCode = "wrong_password"
	ErrZipBomb       FileErrorCode = "zip_bomb"
	ErrNoHeader      FileErrorCode = "no_header"
	ErrUnreadable    FileErrorCode = "unreadable"
	ErrDamaged       FileErrorCode = "damaged"  // a part is cut off, garbled or malformed
	ErrLimit         FileErrorCode = "too_much" // a cell, a sheet or the file holds more than the limits allow
)

// FileError is a file that cannot be imported at all, explained in both
// languages for the person who picked it.
type FileError struct {
	File string // base name
	Code FileErrorCode
	// Sheet and LastRow say where a damaged file breaks: the sheet, and
	// the last row read whole before the damage (0: none).
	Sheet   string
	LastRow int
	model.Text
	Err error // the underlying error, if any
}

func (e *FileError) Error() string { return e.File + ": " + e.En }

// Reason is the explanation in lang (see model.Lang), with the file name.
func (e *FileError) Reason(lang string) string {
	return model.T(e.File+"："+e.Zh, e.Error()).In(lang)
}

func (e *FileError) Unwrap() error { return e.Err }

func fileErr(file string, code FileErrorCode, err error, zh, en string) *FileError {
	return &FileError{File: file, Code: code, Text: model.T(zh, en), Err: err}
}

func mib(n int64) string { return fmt.Sprintf("%d MiB", n>>20) }

// DamageError explains an *xlsxscan.Error met in sheet ("" when the damage is
// in the workbook's own parts: its sheet list or its shared strings).
func DamageError(file, sheet string, e *xlsxscan.Error) *FileError {
	what := e.Text()
	code := ErrDamaged
	if e.IsLimit() {
		code = ErrLimit
	}
	var where model.Text
	switch {
	case sheet == "" && e.Part != "":
		where = model.T(fmt.Sprintf("工作簿的组成部分 %s 已损坏：", e.Part), fmt.Sprintf("the workbook's part %s is damaged: ", e.Part))
	case code == ErrLimit:
		where = model.T(fmt.Sprintf("工作表“%s”", sheet), fmt.Sprintf("sheet %q ", sheet))
	default:
		where = model.T(fmt.Sprintf("工作表“%s”已损坏：", sheet), fmt.Sprintf("sheet %q is damaged: ", sheet))
	}
	after := model.T("", "")
	if sheet != "" && code == ErrDamaged {
		if e.LastRow > 0 {
			after = model.T(fmt.Sprintf("（最后完整读取的是第 %d 行）", e.LastRow), fmt.Sprintf(" (the last row read whole is row %d)", e.LastRow))
		} else {
			after = model.T("（损坏之前没有读到完整的行）", " (no whole row comes before the damage)")
		}
	}
	tail := model.T("。未导入任何数据；请让对方在 Excel 或 WPS 中重新保存后再发送。",
		". Nothing was imported; ask the sender to save the file again in Excel or WPS and resend it.")
	if e.Code == xlsxscan.TooMuchData {
		tail = model.T("。未导入任何数据。", ". Nothing was imported.")
	} else if code == ErrLimit {
		tail = model.T("。未导入任何数据；请拆分文件，或在“设置 → 数据”中提高上限。",
			". Nothing was imported; split the file, or raise the limit in Settings → Data.")
	}
	fe := fileErr(file, code, e, where.Zh+what.Zh+after.Zh+tail.Zh, where.En+what.En+after.En+tail.En)
	fe.Sheet, fe.LastRow = sheet, e.LastRow
	return fe
}
