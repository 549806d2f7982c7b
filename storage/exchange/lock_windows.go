//go:build windows

package exchange

import (
	"errors"
	"os"
	"syscall"
)

// tryLock opens path with no sharing: a second open fails with a sharing
// violation until the holder closes it or ends.
func tryLock(path string) (*os.File, error) {
	p, err := syscall.UTF16PtrFromString(path)
	if err != nil {
		return nil, err
	}
	h, err := syscall.CreateFile(p, syscall.GENERIC_READ|syscall.GENERIC_WRITE, 0, nil,
		syscall.OPEN_ALWAYS, syscall.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		const errorSharingViolation syscall.Errno = 32
		if errors.Is(err, errorSharingViolation) {
			return nil, errBusy
		}
		return nil, err
	}
	return os.NewFile(uintptr(h), path), nil
}

func releaseLock(*os.File) {}
