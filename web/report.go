package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"coproduce"
	"coproduce/framework"
)

type reportView struct {
	*groupRequest
	AsOf       time.Time
	Round      *coproduce.HealthRound // the latest round closed in the evidence period; nil if none
	Ballots    int
	Principles []reportPrinciple
	Current    []*coproduce.Member
	Done       string
	ladder     []coproduce.LadderResult // from the round, for the look-out checks

	Radar        *radar                             // of the latest round; nil without one
	RadarSummary string                             // the chart in words
	TrendRounds  []*coproduce.HealthRound           // closed rounds, oldest first, at most trendRounds
	Trend        map[int][]coproduce.PerceptionCell // overall share by principle, one per round
	Sparklines   map[int]sparkline                  // the trend of each principle, drawn
}

// trendRounds is how many closed rounds the trend goes back.
const trendRounds = 6

// adoptView is the page for adopting one of a principle's suggested
// actions.
type adoptView struct {
	*groupRequest
	Principle   *framework.Principle
	Suggestions []option
	Current     []*coproduce.Member
	Form        *form
}

// reportPrinciple is one principle's part of the report.
type reportPrinciple struct {
	*framework.Principle
	coproduce.PrincipleStatus
	Adopted  []*coproduce.Action // actions adopted for it from earlier reports
	LookOuts []coproduce.LookOut // warning signs found in the records
	Rows     []indicatorRow      // its indicators, worded
}

// indicatorRow is an indicator with its words, worked out once.
type indicatorRow struct {
	coproduce.Indicator
	Name, About, Value, Aim string
}

// Constituencies lists the constituencies, for the perception table.
func (v *reportView) Constituencies() []coproduce.Constituency { return coproduce.Constituencies }

// suggestions lists a principle's quick wins and longer-term actions, for
// the adopt form.
func suggestions(p *framework.Principle) []option {
	var opts []option
	for i, q := range p.QuickWins {
		opts = append(opts, option{Value: "q" + strconv.Itoa(i), Label: q, Hint: tr("report.adopt.quickwin")})
	}
	for i, l := range p.LongTermActions {
		opts = append(opts, option{Value: "l" + strconv.Itoa(i), Label: l, Hint: tr("report.adopt.longterm")})
	}
	return opts
}

// NeedsAction reports whether the framework's actions are offered: the
// principle is amber or red.
func (p reportPrinciple) NeedsAction() bool {
	return p.Status == coproduce.StatusAmber || p.Status == coproduce.StatusRed
}

func (s *Server) healthReport(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	s.renderReport(w, r, http.StatusOK, &reportView{groupRequest: gr, Done: doneMessage(r, "report.done.")})
}

func (s *Server) renderReport(w http.ResponseWriter, r *http.Request, status int, v *reportView) {
	if err := s.buildReport(r, v); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "health-report", page{Nav: "groups", Data: v})
}

// buildReport works out everything the report shows, as of now.
func (s *Server) buildReport(r *http.Request, v *reportView) error {
	ctx := r.Context()
	v.AsOf = s.db.Now()
	rec, err := s.db.GroupRecords(ctx, v.Group, v.AsOf)
	if err != nil {
		return err
	}
	for _, m := range rec.Members {
		if m.Current() {
			v.Current = append(v.Current, m)
		}
	}
	thresholds, err := s.thresholds(r, v.Group.ID)
	if err != nil {
		return err
	}
	indicators := coproduce.Evidence(rec, v.AsOf, thresholds)
	perception, err := s.latestPerception(r, v)
	if err != nil {
		return err
	}
	actions, err := s.db.FindPrincipleActions(ctx, v.Group.ID)
	if err != nil {
		return err
	}
	areas, err := s.db.FindDecisionAreas(ctx, v.Group.ID)
	if err != nil {
		return err
	}
	lookOuts := coproduce.LookOuts(rec, v.AsOf, v.ladder, areas)
	for i := range s.framework.Principles {
		p := &s.framework.Principles[i]
		var perc *coproduce.PrinciplePerception
		if pp, ok := perception[p.Number]; ok {
			perc = &pp
		}
		rp := reportPrinciple{Principle: p, PrincipleStatus: coproduce.Status(p.Number, perc, indicators)}
		for _, a := range actions {
			if a.Principle == p.Number {
				rp.Adopted = append(rp.Adopted, a)
			}
		}
		for _, ind := range rp.Evidence {
			rp.Rows = append(rp.Rows, indicatorRow{Indicator: ind, Name: tr("evidence." + ind.ID), About: tr("evidence." + ind.ID + ".about"),
				Value: indicatorValue(ind), Aim: indicatorThreshold(ind)})
		}
		for _, l := range lookOuts {
			if l.Principle == p.Number {
				rp.LookOuts = append(rp.LookOuts, l)
			}
		}
		v.Principles = append(v.Principles, rp)
	}
	if err := s.loadTrend(r, v, perception); err != nil {
		return err
	}
	v.Sparklines = map[int]sparkline{}
	for _, p := range v.Principles {
		v.Sparklines[p.Number] = newSparkline(p.Name, v.Trend[p.Number])
	}
	return nil
}

// loadTrend fills in the radar chart of the latest round and the overall
// share of each principle across the group's latest closed rounds.
func (s *Server) loadTrend(r *http.Request, v *reportView, latest map[int]coproduce.PrinciplePerception) error {
	var numbers []int
	names := map[int]string{}
	for _, p := range s.framework.Principles {
		numbers = append(numbers, p.Number)
		names[p.Number] = p.Name
	}
	if v.Round != nil {
		rd := newRadar(numbers, latest)
		v.Radar = &rd
		v.RadarSummary = radarSummary(rd, names)
	}
	rounds, err := s.db.FindHealthRounds(r.Context(), v.Group.ID)
	if err != nil {
		return err
	}
	for _, round := range rounds { // latest first
		if round.Closed(v.AsOf) && len(v.TrendRounds) < trendRounds {
			v.TrendRounds = append([]*coproduce.HealthRound{round}, v.TrendRounds...)
		}
	}
	v.Trend = map[int][]coproduce.PerceptionCell{}
	for _, round := range v.TrendRounds {
		if v.Round != nil && round.ID == v.Round.ID && latest != nil {
			for _, n := range numbers {
				v.Trend[n] = append(v.Trend[n], latest[n].Overall)
			}
			continue
		}
		_, perception, err := s.perceptionOf(r.Context(), round)
		if err != nil {
			return err
		}
		for _, n := range numbers {
			v.Trend[n] = append(v.Trend[n], perception[n].Overall)
		}
	}
	return nil
}

// radarSummary says in words what the radar chart shows: each side's
// least and most favourable principles.
func radarSummary(rd radar, names map[int]string) string {
	type extreme struct {
		low, high   radarAxis
		lowV, highV float64
		found       bool
	}
	var res, org extreme
	for _, ax := range rd.Axes {
		for _, side := range []struct {
			e *extreme
			v float64
		}{{&res, ax.Residents}, {&org, ax.Organisation}} {
			if side.v < 0 {
				continue
			}
			if !side.e.found || side.v < side.e.lowV {
				side.e.low, side.e.lowV = ax, side.v
			}
			if !side.e.found || side.v > side.e.highV {
				side.e.high, side.e.highV = ax, side.v
			}
			side.e.found = true
		}
	}
	var parts []string
	for _, side := range []struct {
		key string
		e   extreme
	}{{"report.radar.residents", res}, {"report.radar.organisation", org}} {
		if !side.e.found {
			parts = append(parts, tr(side.key+".hidden"))
			continue
		}
		parts = append(parts, tr(side.key, names[side.e.high.Number], pctOf(side.e.highV), names[side.e.low.Number], pctOf(side.e.lowV)))
	}
	return strings.Join(parts, " ")
}

func pctOf(share float64) int { return int(share*100 + 0.5) }

// latestPerception fills in v's round, ballot count and ladder from the
// latest round closed in the evidence period, and returns its perception
// by principle (nil without such a round).
func (s *Server) latestPerception(r *http.Request, v *reportView) (map[int]coproduce.PrinciplePerception, error) {
	round, ballots, perception, ladder, err := s.roundPerception(r.Context(), v.Group.ID, v.AsOf)
	v.Round, v.Ballots, v.ladder = round, ballots, ladder
	return perception, err
}

// roundPerception works out perception by principle, and the ladder, from
// the group's latest round closed in the 12 months to asOf. The round is
// nil when there is none.
func (s *Server) roundPerception(ctx context.Context, groupID int64, asOf time.Time) (*coproduce.HealthRound, int, map[int]coproduce.PrinciplePerception, []coproduce.LadderResult, error) {
	rounds, err := s.db.FindHealthRounds(ctx, groupID)
	if err != nil {
		return nil, 0, nil, nil, err
	}
	return s.latestRoundPerception(ctx, rounds, asOf)
}

// latestRoundPerception is roundPerception given the group's rounds,
// latest first.
func (s *Server) latestRoundPerception(ctx context.Context, rounds []*coproduce.HealthRound, asOf time.Time) (*coproduce.HealthRound, int, map[int]coproduce.PrinciplePerception, []coproduce.LadderResult, error) {
	since := asOf.AddDate(0, -coproduce.EvidencePeriod, 0)
	var round *coproduce.HealthRound
	for _, x := range rounds { // latest first
		if x.Closed(asOf) && x.ClosesOn.After(since) {
			round = x
			break
		}
	}
	if round == nil {
		return nil, 0, nil, nil, nil
	}
	answers, perception, err := s.perceptionOf(ctx, round)
	if err != nil {
		return nil, 0, nil, nil, err
	}
	return round, len(answers.Ballots), perception, coproduce.Ladder(answers.Placings, round.AreaIDs, round.MinCell), nil
}

// perceptionOf reads a closed round's answers and works out perception
// by principle from them.
func (s *Server) perceptionOf(ctx context.Context, round *coproduce.HealthRound) (*coproduce.RoundAnswers, map[int]coproduce.PrinciplePerception, error) {
	answers, err := s.db.FindRoundAnswers(ctx, round)
	if err != nil {
		return nil, nil, err
	}
	statementPrinciple := map[string]int{}
	var numbers []int
	for _, p := range s.framework.Principles {
		numbers = append(numbers, p.Number)
		for _, st := range p.Statements {
			statementPrinciple[st.ID] = p.Number
		}
	}
	out := map[int]coproduce.PrinciplePerception{}
	for _, p := range coproduce.Perception(answers.Ballots, statementPrinciple, numbers, round.MinCell) {
		out[p.Principle] = p
	}
	return answers, out, nil
}

// adoptPrinciple loads the group for a lead and the principle in the
// path; it answers 404 and returns false when either is missing.
func (s *Server) adoptPrinciple(w http.ResponseWriter, r *http.Request) (*groupRequest, *framework.Principle, bool) {
	gr, ok := s.loadGroupToLead(w, r)
	if !ok {
		return nil, nil, false
	}
	n, _ := strconv.Atoi(r.PathValue("principle"))
	p, found := s.framework.Principle(n)
	if !found {
		s.notFound(w, r)
		return nil, nil, false
	}
	return gr, p, true
}

func (s *Server) renderAdopt(w http.ResponseWriter, r *http.Request, status int, v *adoptView) {
	_, current, err := s.groupMembers(r.Context(), v.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Current, v.Suggestions = current, suggestions(v.Principle)
	s.render(w, r, status, "health-adopt", page{Nav: "groups", Data: v})
}

func (s *Server) healthAdoptPage(w http.ResponseWriter, r *http.Request) {
	gr, p, ok := s.adoptPrinciple(w, r)
	if !ok {
		return
	}
	s.renderAdopt(w, r, http.StatusOK, &adoptView{groupRequest: gr, Principle: p, Form: newForm()})
}

// healthAdopt adopts one of a principle's suggested actions into the
// group's actions, with an owner and a due date.
func (s *Server) healthAdopt(w http.ResponseWriter, r *http.Request) {
	gr, p, ok := s.adoptPrinciple(w, r)
	if !ok {
		return
	}
	f, err := parseForm(w, r, "suggestion", "owner", "due")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	title := ""
	if pick := f.Values["suggestion"]; len(pick) > 1 {
		if i, err := strconv.Atoi(pick[1:]); err == nil && i >= 0 {
			switch {
			case pick[0] == 'q' && i < len(p.QuickWins):
				title = p.QuickWins[i]
			case pick[0] == 'l' && i < len(p.LongTermActions):
				title = p.LongTermActions[i]
			}
		}
	}
	if title == "" {
		f.Fail("suggestion", tr("report.adopt.choose"))
	}
	a := &coproduce.Action{GroupID: gr.Group.ID, Title: title, Due: parseDate(f, "due"), Principle: p.Number}
	a.OwnerMemberID, _ = strconv.ParseInt(f.Get("owner"), 10, 64)
	if a.OwnerMemberID == 0 {
		f.Fail("owner", tr("report.adopt.owner"))
	}
	if a.Due.IsZero() {
		f.Fail("due", tr("report.adopt.due"))
	}
	if f.OK() {
		err = s.db.CreateAction(r.Context(), gr.Actor.User.ID, a)
	}
	s.finish(w, r, err, f, func(status int) { s.renderAdopt(w, r, status, &adoptView{groupRequest: gr, Principle: p, Form: f}) },
		groupPath(gr.Organisation, gr.Group, fmt.Sprintf("/health/report?done=adopted#principle-%d", p.Number)))
}
