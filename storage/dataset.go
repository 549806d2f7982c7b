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
	for _, k := range []model.Kind{model.KindTask, model.KindMeeting, model.KindProposal, model.KindVisit,
		model.KindProblem, model.KindPoint, model.KindFund, model.KindProject} {
		recs, err := s.loadKind(ctx, k)
		if err != nil {
			return model.Dataset{}, fmt.Errorf("load %s for figures: %w", k, err)
		}
		for _, r := range recs {
			switch v := r.(type) {
			case *model.Task:
				ds.Tasks = append(ds.Tasks, v)
			case *model.Meeting:
				ds.Meetings = append(ds.Meetings, v)
			case *model.Proposal:
				ds.Proposals = append(ds.Proposals, v)
			case *model.Visit:
				ds.Visits = append(ds.Visits, v)
			case *model.Problem:
				ds.Problems = append(ds.Problems, v)
			case *model.Point:
				ds.Points = append(ds.Points, v)
			case *model.Fund:
				ds.Funds = append(ds.Funds, v)
			case *model.Project:
				ds.Projects = append(ds.Projects, v)
			}
		}
	}
	units, err := s.UnitDict(ctx)
	if err != nil {
		return model.Dataset{}, err
	}
	ds.Units = units
	return ds, nil
}
