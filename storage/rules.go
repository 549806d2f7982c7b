package storage

import (
	"context"
	"encoding/json"
	"fmt"

	"taizhang/model"
)

// settingRules is the settings key holding the configurable rules
// (thresholds, reply months) as JSON; missing keys keep their defaults.
const settingRules = "rules"

// Rules returns the configured rules, defaults where nothing is set.
func (s *Store) Rules(ctx context.Context) (model.Rules, error) {
	r := model.DefaultRules()
	v, err := s.Setting(ctx, settingRules)
	if err != nil {
		return r, err
	}
	if v != "" {
		if err := json.Unmarshal([]byte(v), &r); err != nil {
			return model.DefaultRules(), fmt.Errorf("settings %s: %w", settingRules, err)
		}
	}
	return r, nil
}

// SetRules stores the rules.
func (s *Store) SetRules(ctx context.Context, r model.Rules) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return s.SetSetting(ctx, settingRules, string(b))
}

// Calendar builds the working-day calendar from the stored holidays.
func (s *Store) Calendar(ctx context.Context) (*model.Calendar, error) {
	recs, err := s.List(ctx, Query{Kind: model.KindHoliday})
	if err != nil {
		return nil, fmt.Errorf("holiday calendar: %w", err)
	}
	days := make([]*model.Holiday, 0, len(recs))
	for _, r := range recs {
		days = append(days, r.(*model.Holiday))
	}
	return model.NewCalendar(days), nil
}

// UnitDict loads the unit dictionary with its aliases.
func (s *Store) UnitDict(ctx context.Context) (*model.UnitDict, error) {
	recs, err := s.List(ctx, Query{Kind: model.KindUnit})
	if err != nil {
		return nil, fmt.Errorf("unit dictionary: %w", err)
	}
	units := make([]*model.Unit, 0, len(recs))
	for _, r := range recs {
		units = append(units, r.(*model.Unit))
	}
	return model.NewUnitDict(units), nil
}

// Points lists the stored liaison points.
func (s *Store) Points(ctx context.Context) ([]*model.Point, error) {
	recs, err := s.List(ctx, Query{Kind: model.KindPoint})
	if err != nil {
		return nil, fmt.Errorf("liaison points: %w", err)
	}
	points := make([]*model.Point, 0, len(recs))
	for _, r := range recs {
		points = append(points, r.(*model.Point))
	}
	return points, nil
}

// Day is today under the stored rules and holiday calendar.
func (s *Store) Day(ctx context.Context) (model.Day, error) {
	rules, err := s.Rules(ctx)
	if err != nil {
		return model.Day{}, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return model.Day{}, err
	}
	return model.Day{Today: model.Today(), Rules: rules, Cal: cal}, nil
}
