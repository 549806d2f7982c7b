package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

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
	days, err := listAll[*model.Holiday](ctx, s, model.KindHoliday, "holiday calendar")
	if err != nil {
		return nil, err
	}
	return model.NewCalendar(days), nil
}

// UnitDict loads the unit dictionary with its aliases.
func (s *Store) UnitDict(ctx context.Context) (*model.UnitDict, error) {
	units, err := listAll[*model.Unit](ctx, s, model.KindUnit, "unit dictionary")
	if err != nil {
		return nil, err
	}
	// by name: when two units claim one short name, the same one keeps it
	// on every PC, whatever order the records were stored in
	slices.SortStableFunc(units, func(a, b *model.Unit) int { return strings.Compare(a.Name, b.Name) })
	return model.NewUnitDict(units), nil
}

// Points lists the stored liaison points.
func (s *Store) Points(ctx context.Context) ([]*model.Point, error) {
	return listAll[*model.Point](ctx, s, model.KindPoint, "liaison points")
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
	return listAll[*model.Term](ctx, s, model.KindTerm, "value dictionary")
}

// listAll lists the live records of kind k as their type P; what names
// the list in an error.
func listAll[P model.Record](ctx context.Context, s *Store, k model.Kind, what string) ([]P, error) {
	recs, err := s.List(ctx, Query{Kind: k})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	out := make([]P, 0, len(recs))
	for _, r := range recs {
		out = append(out, r.(P))
	}
	return out, nil
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
