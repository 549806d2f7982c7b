package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// RecordImport registers an import (file name, its sha256, who, the counts as
// JSON) and returns its id, to pass to Save, AddConflict and so on.
func (t *Tx) RecordImport(ctx context.Context, file, sha, by string, counts any) (string, error) {
	c, err := json.Marshal(counts)
	if err != nil {
		return "", fmt.Errorf("record import %s: counts: %w", file, err)
	}
	id := newID()
	if _, err := t.tx.ExecContext(ctx, "INSERT INTO imports (id, file, sha256, by, at, counts) VALUES (?, ?, ?, ?, ?, ?)",
		id, file, sha, by, fmtTime(time.Now()), string(c)); err != nil {
		return "", fmt.Errorf("record import %s: %w", file, err)
	}
	return id, nil
}

// ImportInfo is one past import.
type ImportInfo struct {
	ID     string          `json:"id"`
	File   string          `json:"file"`
	SHA256 string          `json:"sha256"`
	By     string          `json:"by"`
	At     time.Time       `json:"at"`
	Counts json.RawMessage `json:"counts"`
}

// Imports lists past imports, newest first.
func (s *Store) Imports(ctx context.Context) ([]ImportInfo, error) {
	rows, err := s.rd.QueryContext(ctx, "SELECT id, file, sha256, by, at, counts FROM imports ORDER BY at DESC")
	if err != nil {
		return nil, fmt.Errorf("imports: %w", err)
	}
	defer rows.Close()
	var out []ImportInfo
	for rows.Next() {
		var i ImportInfo
		var at, counts string
		if err := rows.Scan(&i.ID, &i.File, &i.SHA256, &i.By, &at, &counts); err != nil {
			return nil, fmt.Errorf("imports: %w", err)
		}
		i.At, i.Counts = parseTime(at), json.RawMessage(counts)
		out = append(out, i)
	}
	return out, rows.Err()
}
