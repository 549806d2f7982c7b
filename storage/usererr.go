package storage

import (
	"context"
	"errors"
	"io/fs"
	"syscall"

	"modernc.org/sqlite"

	"taizhang/model"
)

// Explain returns err as an error in the user's words (model.Localized):
// errors that already are pass through; SQLite's and the file system's
// failures become a sentence saying what happened and what to do; any
// other error becomes a general sentence. The cause stays in the chain
// (errors.Is, logs) but never in the text a user reads.
func Explain(err error) error {
	var l model.Localized
	if err == nil || errors.As(err, &l) {
		return err
	}
	t := explainText(err)
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path != "" {
		t = model.T(t.Zh+"（"+pe.Path+"）", t.En+" ("+pe.Path+")")
	}
	return model.NewError(t, err)
}

func explainText(err error) model.Text {
	switch {
	case errors.Is(err, ErrNotFound):
		return model.T("找不到该记录（可能已被删除）", "the record does not exist (it may have been deleted)")
	case errors.Is(err, ErrResolved):
		return model.T("该冲突已经处理过", "the conflict has already been resolved")
	case errors.Is(err, ErrRejected):
		return model.T("有行被拒绝，未导入任何数据", "rows were rejected; nothing was imported")
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case 5, 6: // SQLITE_BUSY, SQLITE_LOCKED
			return model.T("数据库正被另一个程序（或另一个窗口）使用，操作未完成，数据没有更改；请稍后再试",
				"the database is in use by another program (or window); nothing was changed. Try again in a moment")
		case 13: // SQLITE_FULL
			return diskFullText
		case 8, 3: // SQLITE_READONLY, SQLITE_PERM
			return model.T("数据文件夹是只读的或没有写入权限，操作未完成；请检查文件夹权限或换一个数据文件夹",
				"the data folder is read-only or not writable; nothing was done. Check its permissions or choose another data folder")
		case 11, 26: // SQLITE_CORRUPT, SQLITE_NOTADB
			return model.T("数据库文件已损坏；请在“设置 → 数据”中从备份恢复（命令行：restore）",
				"the database file is damaged; restore a backup in Settings → Data (command line: restore)")
		case 10, 14: // SQLITE_IOERR, SQLITE_CANTOPEN
			return ioText
		}
	}
	switch {
	case isDiskFull(err):
		return diskFullText
	case errors.Is(err, fs.ErrPermission):
		return model.T("没有访问该文件或文件夹的权限，操作未完成", "no permission to use the file or folder; nothing was done")
	case errors.Is(err, fs.ErrNotExist):
		return model.T("找不到该文件或文件夹", "the file or folder does not exist")
	case errors.Is(err, context.Canceled):
		return model.T("操作已取消，数据没有更改", "cancelled; nothing was changed")
	case errors.As(err, new(*fs.PathError)):
		return ioText
	}
	return model.T("操作未完成：发生了意外错误，数据没有更改。请重试；如果一再出现，请把数据文件夹的备份交给技术人员",
		"not done: an unexpected error occurred and nothing was changed. Try again; if it keeps happening, give a backup of the data folder to technical staff")
}

var (
	diskFullText = model.T("磁盘空间不足，操作未完成，数据没有更改；请清理磁盘（或减少保留的备份）后再试",
		"the disk is full; nothing was changed. Free some space (or keep fewer backups) and try again")
	ioText = model.T("读写数据文件时出错（磁盘、U 盘或网络盘可能有问题），操作未完成；请检查存储设备后再试",
		"reading or writing the data files failed (the disk, USB stick or network drive may be at fault); nothing was done. Check the drive and try again")
)

// isDiskFull: the file system or SQLite ran out of space.
func isDiskFull(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == 13 {
		return true
	}
	return errors.Is(err, syscall.ENOSPC)
}
