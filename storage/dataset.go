package storage

import (
	"context"
	"fmt"

	"taizhang/model"
)

// Dataset loads every record the figures and reports are computed from
// (tombstones left out), with the unit dictionary to name units by their
// full names. Records come in the order they were first stored, so
// reports list them the same way each time.
func (s *Store) Dataset(ctx context.Context) (model.Dataset, error) {
	var ds model.Dataset
	if err := s.eachLive(ctx, model.DatasetKinds, ds.Add); err != nil {
		return model.Dataset{}, fmt.Errorf("figures: %w", err)
	}
	units, err := s.UnitDict(ctx)
	if err != nil {
		return model.Dataset{}, err
	}
	ds.Units = units
	return ds, nil
}
