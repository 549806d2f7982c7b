package common

import "context"

// SettingReader is the part of the store that reads settings.
type SettingReader interface {
	Setting(ctx context.Context, key string) (string, error)
}

// Setting keys the UI stores.
const (
	SettingOperator = "operator"
	SettingLanguage = "language"
	// SettingSample lists the ids of the sample records, so they can be
	// removed in one step.
	SettingSample = "sample_ids"
)
