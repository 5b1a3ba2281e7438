package web

import (
	"context"
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

// portfolioRow is one group's statuses and the change in its members'
// view since the round before, by principle number.
type portfolioRow struct {
	Group   *coproduce.Group
	Round   *coproduce.HealthRound
	Earlier *coproduce.HealthRound // the closed round before Round; nil if none
	Status  map[int]string
	Change  map[int]*changeCell // only where the change can be shown
}

// changeCell is a change in members' view, drawn as an arrow and put in
// words for screen readers.
type changeCell struct{ Arrow, Words string }

func newChangeCell(c coproduce.ShareChange) *changeCell {
	d := c.Direction()
	size := max(c.Points, -c.Points)
	if d == "steady" {
		return &changeCell{tr("portfolio.arrow.steady"), tr("portfolio.change.steady")}
	}
	return &changeCell{tr("portfolio.arrow."+d, size), tr("portfolio.change."+d, size)}
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
		rounds, err := s.db.FindHealthRounds(ctx, g.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		round, _, perception, _, err := s.latestRoundPerception(ctx, rounds, pv.AsOf)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		indicators := coproduce.Evidence(rec, pv.AsOf, thresholds)
		row := portfolioRow{Group: g, Round: round, Status: map[int]string{}, Change: map[int]*changeCell{}}
		var earlier map[int]coproduce.PrinciplePerception
		if round != nil {
			if row.Earlier, earlier, err = s.earlierPerception(ctx, rounds, round); err != nil {
				s.serverError(w, r, err)
				return
			}
		}
		for _, p := range s.framework.Principles {
			var perc *coproduce.PrinciplePerception
			if pp, ok := perception[p.Number]; ok {
				perc = &pp
			}
			row.Status[p.Number] = coproduce.Status(p.Number, perc, indicators).Status
			if e, ok := earlier[p.Number]; ok {
				if c := coproduce.Change(e.Overall, perception[p.Number].Overall); c.Shown {
					row.Change[p.Number] = newChangeCell(c)
				}
			}
		}
		pv.Rows = append(pv.Rows, row)
	}
	s.render(w, r, http.StatusOK, "portfolio", page{Nav: "groups", Data: pv})
}

// earlierPerception finds, among the group's rounds, the closed round
// before latest and works out its perception; both are nil when there is
// none.
func (s *Server) earlierPerception(ctx context.Context, rounds []*coproduce.HealthRound, latest *coproduce.HealthRound) (*coproduce.HealthRound, map[int]coproduce.PrinciplePerception, error) {
	var earlier *coproduce.HealthRound
	for _, x := range rounds {
		if x.ClosesOn.Before(latest.ClosesOn) && (earlier == nil || x.ClosesOn.After(earlier.ClosesOn)) {
			earlier = x
		}
	}
	if earlier == nil {
		return nil, nil, nil
	}
	_, perception, err := s.perceptionOf(ctx, earlier)
	return earlier, perception, err
}
