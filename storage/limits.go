package storage

import (
	"context"
	"strconv"
	"strings"
)

// ImportLimits bound what one file may hold, so that a hostile or broken
// file is refused in seconds instead of filling the memory of an office
// PC. They are settings; zero fields take the defaults.
type ImportLimits struct {
	MaxCellBytes int // the largest cell, in bytes
	MaxRows      int // rows per sheet
	MaxCells     int // non-empty cells of a whole file
}

// Settings holding the import limits.
const (
	SettingLimitCellBytes = "limit_cell_bytes"
	SettingLimitRows      = "limit_rows"
	SettingLimitCells     = "limit_cells"
)

// DefaultImportLimits: 1 MB a cell, 1,048,576 rows a sheet (Excel's own
// limit), 20 million cells a file.
func DefaultImportLimits() ImportLimits {
	return ImportLimits{MaxCellBytes: 1 << 20, MaxRows: 1 << 20, MaxCells: 20_000_000}
}

// ImportLimits reads the limits from the settings (defaults when unset).
func (s *Store) ImportLimits(ctx context.Context) (ImportLimits, error) {
	l := DefaultImportLimits()
	for _, f := range []struct {
		key string
		dst *int
	}{{SettingLimitCellBytes, &l.MaxCellBytes}, {SettingLimitRows, &l.MaxRows}, {SettingLimitCells, &l.MaxCells}} {
		v, err := s.Setting(ctx, f.key)
		if err != nil {
			return DefaultImportLimits(), err
		}
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n > 0 {
			*f.dst = n
		}
	}
	return l, nil
}

// SetImportLimits stores the limits (zero or negative: the default).
func (s *Store) SetImportLimits(ctx context.Context, l ImportLimits) error {
	for _, f := range []struct {
		key string
		v   int
	}{{SettingLimitCellBytes, l.MaxCellBytes}, {SettingLimitRows, l.MaxRows}, {SettingLimitCells, l.MaxCells}} {
		if err := s.SetSetting(ctx, f.key, strconv.Itoa(max(f.v, 0))); err != nil {
			return err
		}
	}
	return nil
}
