package main

import (
	"fmt"

	"taizhang/storage"
)

// openStore resolves the data folder (docs/CLI.md) and opens its
// database, creating an empty one if none exists.
func (e *env) openStore() (*storage.Store, error) {
	dir, err := storage.ResolveDataDir(e.dataFlag)
	if err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	s, err := storage.Open(dir)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// operator is the name stamped on changes made from the command line.
func operator(as string) string {
	if as != "" {
		return as
	}
	return "taizhang-cli"
}
