package workbook

import (
	"errors"
	"fmt"
	"io/fs"

	"taizhang/model"
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
)

// FileError is a file that cannot be imported at all, explained in both
// languages for the person who picked it.
type FileError struct {
	File string // base name
	Code FileErrorCode
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

// openReason says why a file could not be opened in words, not the
// operating system's English ("no such file or directory").
func openReason(err error) (zh, en string) {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "文件不存在（可能已被移动、改名或删除）", "the file does not exist (moved, renamed or deleted?)"
	case errors.Is(err, fs.ErrPermission):
		return "没有权限读取此文件", "no permission to read the file"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the path is named already
	}
	return "无法打开文件：" + err.Error(), "cannot open the file: " + err.Error()
}
