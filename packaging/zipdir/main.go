// Command zipdir writes a zip of a folder for the portable Windows build:
//
//	go run ./packaging/zipdir OUT.zip DIR
//
// Entries are named DIR's base name + path, with "/" separators, and the
// UTF-8 flag that Windows Explorer needs to show 使用说明.txt correctly
// (Info-ZIP's zip leaves it unset, and Chinese Windows then reads the names
// as GBK). Empty folders (TaizhangData) are kept as entries.
package main

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: zipdir OUT.zip DIR")
		os.Exit(2)
	}
	if err := zipDir(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "zipdir:", err)
		os.Exit(1)
	}
}

func zipDir(out, dir string) (err error) {
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("create %s: %w", out, err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close %s: %w", out, cerr)
		}
	}()
	zw := zip.NewWriter(f)
	root := filepath.Base(filepath.Clean(dir))
	walkErr := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		return addEntry(zw, p, path.Join(root, filepath.ToSlash(rel)), d)
	})
	if walkErr != nil {
		return fmt.Errorf("zip %s: %w", dir, walkErr)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("finish %s: %w", out, err)
	}
	return nil
}

func addEntry(zw *zip.Writer, src, name string, d fs.DirEntry) error {
	info, err := d.Info()
	if err != nil {
		return err
	}
	h, err := zip.FileInfoHeader(info)
	if err != nil {
		return fmt.Errorf("header for %s: %w", src, err)
	}
	h.Name = name
	if d.IsDir() {
		h.Name += "/"
		h.Method = zip.Store
		_, err = zw.CreateHeader(h)
		return err
	}
	h.Method = zip.Deflate
	w, err := zw.CreateHeader(h)
	if err != nil {
		return fmt.Errorf("add %s: %w", name, err)
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if _, err := io.Copy(w, in); err != nil {
		return fmt.Errorf("add %s: %w", name, err)
	}
	return nil
}
