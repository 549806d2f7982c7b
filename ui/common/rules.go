package common

import (
	"context"
	"fmt"
	"strconv"

	"taizhang/model"
)

// SettingReader is the part of the store that reads settings.
type SettingReader interface {
	Setting(ctx context.Context, key string) (string, error)
}

// Setting keys the UI stores.
const (
	SettingOperator   = "operator"
	SettingLanguage   = "language"
	SettingYellowDays = "yellow_days"
	SettingYellowWork = "yellow_workdays"
	SettingPropYellow = "proposal_yellow_days"
	SettingProgYellow = "progress_yellow"
	SettingProgRed    = "progress_red"
	SettingReplyMonth = "reply_months"
)

// LoadRules reads the alert thresholds from settings over the defaults.
func LoadRules(ctx context.Context, s SettingReader) (model.Rules, error) {
	r := model.DefaultRules()
	ints := []struct {
		key string
		dst *int
	}{
		{SettingYellowDays, &r.YellowDays}, {SettingPropYellow, &r.ProposalYellowDays},
		{SettingProgYellow, &r.ProgressYellow}, {SettingProgRed, &r.ProgressRed},
		{SettingReplyMonth, &r.ReplyMonths},
	}
	for _, f := range ints {
		v, err := s.Setting(ctx, f.key)
		if err != nil {
			return r, fmt.Errorf("read setting %s: %w", f.key, err)
		}
		if n, err := strconv.Atoi(v); err == nil && n >= 0 {
			*f.dst = n
		}
	}
	v, err := s.Setting(ctx, SettingYellowWork)
	if err != nil {
		return r, fmt.Errorf("read setting %s: %w", SettingYellowWork, err)
	}
	r.YellowInWorkdays = v == "1" || v == "true"
	return r, nil
}
