package storage

import (
	"fmt"
	"os"
	"path/filepath"
)

// ResolveDataDir finds the data folder as docs/CLI.md fixes it: the flag,
// else $TAIZHANG_DATA, else a TaizhangData folder next to the executable
// (portable mode, a USB stick), else the per-user config folder/Taizhang.
// The folder is created.
func ResolveDataDir(flag string) (string, error) {
	dir := flag
	if dir == "" {
		dir = os.Getenv("TAIZHANG_DATA")
	}
	if dir == "" {
		if exe, err := os.Executable(); err == nil {
			if exe, err := filepath.EvalSymlinks(exe); err == nil {
				portable := filepath.Join(filepath.Dir(exe), "TaizhangData")
				if fi, err := os.Stat(portable); err == nil && fi.IsDir() {
					dir = portable
				}
			}
		}
	}
	if dir == "" {
		cfg, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("data folder: %w", err)
		}
		dir = filepath.Join(cfg, "Taizhang")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("data folder %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return "", fmt.Errorf("data folder %s: %w", abs, err)
	}
	return abs, nil
}
