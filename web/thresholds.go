package web

import (
	"math"
	"net/http"
	"strconv"
	"strings"

	"coproduce"
	"coproduce/framework"
)

// thresholdsView is the page of the thresholds the group holds its
// evidence indicators to: a table for members, a form for its leads.
type thresholdsView struct {
	*groupRequest
	Principles []thresholdPrinciple
	Form       *form
	Done       string
}

type thresholdPrinciple struct {
	*framework.Principle
	Rows []thresholdRow
}

// thresholdRow is one indicator: the default, the threshold in effect,
// and its form field in the units people type (shares as percentages).
type thresholdRow struct {
	ID, Name, Default, Current, Unit string
	Changed                          bool
	Field                            fieldView
}

// frameworkThresholds returns the indicator thresholds the framework file
// sets.
func (s *Server) frameworkThresholds() map[string]float64 {
	out := map[string]float64{}
	for _, p := range s.framework.Principles {
		for _, t := range p.Indicators {
			out[t.ID] = t.Threshold
		}
	}
	return out
}

// thresholds returns the thresholds a group's indicators are held to:
// the group's own where it has set them, otherwise the framework file's,
// otherwise the product's defaults (applied by coproduce.Evidence).
func (s *Server) thresholds(r *http.Request, groupID int64) (map[string]float64, error) {
	own, err := s.db.IndicatorThresholds(r.Context(), groupID)
	if err != nil {
		return nil, err
	}
	out := s.frameworkThresholds()
	for id, v := range own {
		out[id] = v
	}
	return out, nil
}

// thresholdText words a threshold in the form's units: shares as
// percentages.
func thresholdText(d coproduce.IndicatorDef, v float64) string {
	if d.Unit == coproduce.UnitShare {
		v = math.Round(v*1000) / 10
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func (s *Server) thresholdsPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	own, err := s.db.IndicatorThresholds(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	f := newForm()
	for id, v := range own {
		if d, ok := coproduce.IndicatorByID(id); ok {
			f.Values[id] = thresholdText(d, v)
		}
	}
	s.renderThresholds(w, r, http.StatusOK, &thresholdsView{groupRequest: gr, Form: f, Done: doneMessage(r, "thresholds.done.")})
}

func (s *Server) renderThresholds(w http.ResponseWriter, r *http.Request, status int, v *thresholdsView) {
	current, err := s.thresholds(r, v.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	defaults := s.frameworkThresholds()
	for i := range s.framework.Principles {
		p := &s.framework.Principles[i]
		tp := thresholdPrinciple{Principle: p}
		for _, d := range coproduce.Indicators {
			if d.Principle != p.Number {
				continue
			}
			def := d
			if x, ok := defaults[d.ID]; ok {
				def.Threshold = x
			}
			now := d
			if x, ok := current[d.ID]; ok {
				now.Threshold = x
			}
			row := thresholdRow{ID: d.ID, Name: tr("evidence." + d.ID),
				Default: indicatorThreshold(coproduce.Indicator{IndicatorDef: def}),
				Current: indicatorThreshold(coproduce.Indicator{IndicatorDef: now}),
				Unit:    tr("thresholds.unit." + d.Unit), Changed: now.Threshold != def.Threshold}
			row.Field = field(v.Form, d.ID, row.Name, "text", "off",
				tr("thresholds.hint", tr("evidence."+d.ID+".about"), row.Default, row.Unit))
			tp.Rows = append(tp.Rows, row)
		}
		v.Principles = append(v.Principles, tp)
	}
	s.render(w, r, status, "health-thresholds", page{Nav: "groups", Data: v})
}

// thresholdsSave keeps the thresholds a lead typed; a blank box puts the
// indicator back to the default.
func (s *Server) thresholdsSave(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroupToLead(w, r)
	if !ok {
		return
	}
	ids := make([]string, len(coproduce.Indicators))
	for i, d := range coproduce.Indicators {
		ids[i] = d.ID
	}
	f, err := parseForm(w, r, ids...)
	if err != nil {
		s.badRequest(w, r)
		return
	}
	set := map[string]float64{}
	for _, d := range coproduce.Indicators {
		typed := strings.TrimSuffix(strings.ReplaceAll(f.Get(d.ID), ",", ""), "%")
		if typed == "" {
			continue
		}
		x, err := strconv.ParseFloat(strings.TrimSpace(typed), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			f.Fail(d.ID, tr("thresholds.error.number", tr("evidence."+d.ID)))
			continue
		}
		if d.Unit == coproduce.UnitShare {
			x /= 100
		}
		if !d.CheckThreshold(x) {
			lo, hi, whole := d.ThresholdRange()
			key := "thresholds.error.range"
			if whole {
				key = "thresholds.error.whole"
			}
			f.Fail(d.ID, tr(key, tr("evidence."+d.ID), thresholdText(d, lo), thresholdText(d, hi), tr("thresholds.unit."+d.Unit)))
			continue
		}
		set[d.ID] = x
	}
	if f.OK() {
		err = s.db.SetIndicatorThresholds(r.Context(), gr.Actor.User.ID, gr.Group.ID, set)
	}
	s.finish(w, r, err, f, func(status int) { s.renderThresholds(w, r, status, &thresholdsView{groupRequest: gr, Form: f}) },
		groupPath(gr.Organisation, gr.Group, "/health/thresholds?done=saved"))
}
