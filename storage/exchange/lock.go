package exchange

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"taizhang/model"
	"taizhang/storage"
)

// LockName is the file in the data folder that one import at a time holds
// (the GUI's and the CLI's alike). The operating system releases it when
// the process ends, however it ends, so a killed import never leaves the
// folder locked.
const LockName = "import.lock"

// errBusy: another process holds the lock.
var errBusy = errors.New("import lock held by another process")

// ErrImportBusy is the refusal when another import keeps the folder past
// the caller's patience (its context ended while waiting).
var ErrImportBusy = model.NewError(model.T(
	"另一个导入正在进行，本次导入未开始，数据没有任何更改；请等它完成后再试",
	"another import is in progress; this one did not start and nothing was changed. Try again when it has finished"), nil)

// WaitingText is what a caller shows while it waits for another import.
var WaitingText = model.T("另一个导入正在进行，等待中…", "another import is in progress, waiting…")

// LockImports takes the data folder's import lock, waiting while another
// process holds it: waiting (may be nil) is called once when it has to
// wait. Cancelling ctx gives up with ErrImportBusy. The returned function
// releases the lock.
func LockImports(ctx context.Context, dir string, waiting func()) (release func(), err error) {
	path := filepath.Join(dir, LockName)
	told := false
	for {
		f, err := tryLock(path)
		if err == nil {
			return func() { unlock(f) }, nil
		}
		if !errors.Is(err, errBusy) {
			return nil, model.NewError(model.T(
				fmt.Sprintf("无法在数据文件夹 %s 中创建导入锁文件（请检查文件夹是否可写）", dir),
				fmt.Sprintf("cannot create the import lock file in the data folder %s (check that the folder is writable)", dir)), err)
		}
		if !told && waiting != nil {
			waiting()
		}
		told = true
		select {
		case <-ctx.Done():
			return nil, ErrImportBusy
		case <-time.After(150 * time.Millisecond):
		}
	}
}

// lockFor takes the import lock for an import of req, telling req.Waiting
// if it has to wait; waited says whether it did (an import that waited
// takes its backup even when it changes nothing: another changed the data).
func lockFor(ctx context.Context, s *storage.Store, req ApplyRequest) (release func(), waited bool, err error) {
	release, err = LockImports(ctx, s.Dir(), func() {
		waited = true
		if req.Waiting != nil {
			req.Waiting()
		}
	})
	return release, waited, err
}

func unlock(f *os.File) {
	releaseLock(f)
	f.Close()
}

// ErrRestoreBusy refuses a restore while an import holds the folder.
var ErrRestoreBusy = model.NewError(model.T(
	"有导入正在进行，现在不能恢复备份，数据没有任何更改；请等导入完成后再试",
	"an import is in progress, so the backup cannot be restored now; nothing was changed. Try again when it has finished"), nil)

// LockForRestore takes the import lock for a restore, which must not
// replace the database under a running import: it waits briefly, then
// refuses with ErrRestoreBusy.
func LockForRestore(dir string) (release func(), err error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	release, err = LockImports(ctx, dir, nil)
	if errors.Is(err, ErrImportBusy) {
		return nil, ErrRestoreBusy
	}
	return release, err
}
