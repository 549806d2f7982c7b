package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

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

// Dictionary is the value dictionary: the words the office has taught.
func (s *Store) Dictionary(ctx context.Context) (*model.Dictionary, error) {
	terms, err := s.terms(ctx)
	if err != nil {
		return nil, err
	}
	return model.NewDictionary(terms), nil
}

func (s *Store) terms(ctx context.Context) ([]*model.Term, error) {
	recs, err := s.List(ctx, Query{Kind: model.KindTerm})
	if err != nil {
		return nil, fmt.Errorf("value dictionary: %w", err)
	}
	terms := make([]*model.Term, 0, len(recs))
	for _, r := range recs {
		terms = append(terms, r.(*model.Term))
	}
	return terms, nil
}

// Teach records that word means value in a field (a model.Vocab id), for
// every later import: a new term, or the word's term changed, in the
// history like any edit.
func (s *Store) Teach(ctx context.Context, of, word, value, by string) (*model.Term, error) {
	v, ok := model.VocabOf(of)
	if !ok {
		return nil, model.NewError(model.T("没有这个字段："+of, "no such field: "+of), nil)
	}
	if !slices.Contains(v.Values(), value) {
		return nil, model.NewError(model.T(fmt.Sprintf("“%s”不是%s的取值", value, v.Title("zh")),
			fmt.Sprintf("%q is not a value of %s", value, v.Title("en"))), nil)
	}
	t := &model.Term{Of: v.ID, Word: word, Value: value}
	t.Normalize()
	if t.Word == "" {
		return nil, model.NewError(model.T("词语不能为空", "the word is empty"), nil)
	}
	terms, err := s.terms(ctx)
	if err != nil {
		return nil, err
	}
	for _, old := range terms {
		if model.NaturalKey(old) == model.NaturalKey(t) {
			if old.Value == value {
				return old, nil
			}
			old.Value = value
			t = old
			break
		}
	}
	if err := s.Save(ctx, t, by); err != nil {
		return nil, fmt.Errorf("teach %q: %w", word, err)
	}
	return t, nil
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
