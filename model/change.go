package model

import "time"

// Change is one field's change in a record's history.
type Change struct {
	RecordID string    `json:"record"`
	Rev      string    `json:"rev"`
	Field    string    `json:"field"` // JSON field name; "" for create/delete
	Old      string    `json:"old"`   // JSON text of the old value ("" when created)
	New      string    `json:"new"`
	By       string    `json:"by"`
	At       time.Time `json:"at"`
	// ImportID and ImportFile name the import that brought the change, if any.
	ImportID   string `json:"import_id,omitempty"`
	ImportFile string `json:"import_file,omitempty"`
}
