package web

import (
	"net/http"
	"time"

	"coproduce"
	"coproduce/framework"
)

type portfolioView struct {
	*organisationView
	Principles []framework.Principle
	Rows       []portfolioRow
	AsOf       time.Time
}

// portfolioRow is one group's statuses, by principle number.
type portfolioRow struct {
	Group  *coproduce.Group
	Round  *coproduce.HealthRound
	Status map[int]string
}

// portfolioPage shows an organisation's administrators every group's
// status on the ten principles, in alphabetical order, as a guide to where
// each group might want support. It shows only what each group's own
// report shows, so small groups stay hidden there too.
func (s *Server) portfolioPage(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadOrganisation(w, r)
	if !ok {
		return
	}
	if !v.CanManage {
		s.notFound(w, r)
		return
	}
	ctx := r.Context()
	pv := &portfolioView{organisationView: v, Principles: s.framework.Principles, AsOf: s.db.Now()}
	for _, g := range v.Groups {
		rec, err := s.db.GroupRecords(ctx, g, pv.AsOf)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		thresholds, err := s.thresholds(r, g.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		round, _, perception, _, err := s.roundPerception(ctx, g.ID, pv.AsOf)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		indicators := coproduce.Evidence(rec, pv.AsOf, thresholds)
		row := portfolioRow{Group: g, Round: round, Status: map[int]string{}}
		for _, p := range s.framework.Principles {
			var perc *coproduce.PrinciplePerception
			if pp, ok := perception[p.Number]; ok {
				perc = &pp
			}
			row.Status[p.Number] = coproduce.Status(p.Number, perc, indicators).Status
		}
		pv.Rows = append(pv.Rows, row)
	}
	s.render(w, r, http.StatusOK, "portfolio", page{Nav: "groups", Data: pv})
}
