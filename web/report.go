package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
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
	Form       *form // the adopt form that failed, if any
	FormFor    int   // its principle
	Done       string
}

// reportPrinciple is one principle's part of the report.
type reportPrinciple struct {
	*framework.Principle
	coproduce.PrincipleStatus
	Adopted []*coproduce.Action // actions adopted for it from earlier reports
}

// Constituencies lists the constituencies, for the perception table.
func (v *reportView) Constituencies() []coproduce.Constituency { return coproduce.Constituencies }

// AdoptForm returns the adopt form for principle n.
func (v *reportView) AdoptForm(n int) *form {
	if v.Form != nil && v.FormFor == n {
		return v.Form
	}
	return newForm()
}

// Suggestions lists a principle's quick wins and longer-term actions, for
// the adopt form.
func (p reportPrinciple) Suggestions() []option {
	var opts []option
	for i, q := range p.QuickWins {
		opts = append(opts, option{Value: "q" + strconv.Itoa(i), Label: q})
	}
	for i, l := range p.LongTermActions {
		opts = append(opts, option{Value: "l" + strconv.Itoa(i), Label: l})
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
	ctx := r.Context()
	v.AsOf = s.db.Now()
	rec, err := s.db.GroupRecords(ctx, v.Group)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, m := range rec.Members {
		if m.Current() {
			v.Current = append(v.Current, m)
		}
	}
	indicators := coproduce.Evidence(rec, v.AsOf, s.thresholds())
	perception, err := s.latestPerception(r, v)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	actions, err := s.db.FindActions(ctx, v.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
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
		v.Principles = append(v.Principles, rp)
	}
	s.render(w, r, status, "health-report", page{Nav: "groups", Data: v})
}

// latestPerception returns perception from the latest round that closed
// in the evidence period, by principle, and sets v.Round and v.Ballots.
func (s *Server) latestPerception(r *http.Request, v *reportView) (map[int]coproduce.PrinciplePerception, error) {
	rounds, err := s.db.FindHealthRounds(r.Context(), v.Group.ID)
	if err != nil {
		return nil, err
	}
	since := v.AsOf.AddDate(0, -coproduce.EvidencePeriod, 0)
	for _, round := range rounds { // latest first
		if round.Closed(v.AsOf) && round.ClosesOn.After(since) {
			v.Round = round
			break
		}
	}
	if v.Round == nil {
		return nil, nil
	}
	ballots, err := s.db.FindBallots(r.Context(), v.Round)
	if err != nil {
		return nil, err
	}
	v.Ballots = len(ballots)
	statementPrinciple := map[string]int{}
	var numbers []int
	for _, p := range s.framework.Principles {
		numbers = append(numbers, p.Number)
		for _, st := range p.Statements {
			statementPrinciple[st.ID] = p.Number
		}
	}
	out := map[int]coproduce.PrinciplePerception{}
	for _, p := range coproduce.Perception(ballots, statementPrinciple, numbers, v.Round.MinCell) {
		out[p.Principle] = p
	}
	return out, nil
}

// thresholds returns the indicator thresholds the framework file sets.
func (s *Server) thresholds() map[string]float64 {
	out := map[string]float64{}
	for _, p := range s.framework.Principles {
		for _, t := range p.Indicators {
			out[t.ID] = t.Threshold
		}
	}
	return out
}

// healthAdopt adopts one of a principle's suggested actions into the
// group's actions, with an owner and a due date.
func (s *Server) healthAdopt(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	if !gr.Member.Role.Leads() {
		s.notFound(w, r)
		return
	}
	n, _ := strconv.Atoi(r.PathValue("principle"))
	p, ok := s.framework.Principle(n)
	if !ok {
		s.notFound(w, r)
		return
	}
	suffix := "-" + strconv.Itoa(n)
	f, err := parseForm(w, r, "suggestion"+suffix, "owner"+suffix, "due"+suffix)
	if err != nil {
		s.badRequest(w, r)
		return
	}
	title := ""
	pick := f.Values["suggestion"+suffix]
	if i, err := strconv.Atoi(pick[min(1, len(pick)):]); err == nil && len(pick) > 1 {
		switch {
		case pick[0] == 'q' && i < len(p.QuickWins):
			title = p.QuickWins[i]
		case pick[0] == 'l' && i < len(p.LongTermActions):
			title = p.LongTermActions[i]
		}
	}
	if title == "" {
		f.Fail("suggestion"+suffix, tr("report.adopt.choose"))
	}
	a := &coproduce.Action{GroupID: gr.Group.ID, Title: title, Due: parseDate(f, "due"+suffix), Principle: n}
	a.OwnerMemberID, _ = strconv.ParseInt(f.Get("owner"+suffix), 10, 64)
	if a.OwnerMemberID == 0 {
		f.Fail("owner"+suffix, tr("report.adopt.owner"))
	}
	if a.Due.IsZero() {
		f.Fail("due"+suffix, tr("report.adopt.due"))
	}
	if f.OK() {
		err = s.db.CreateAction(r.Context(), gr.Actor.User.ID, a)
		// The store names the fields without the principle's suffix.
		var verr *coproduce.ValidationError
		if errors.As(err, &verr) {
			for _, fe := range verr.Fields {
				f.Fail(fe.Field+suffix, fe.Message)
			}
			err = nil
		}
	}
	s.finish(w, r, err, f, func(status int) {
		s.renderReport(w, r, status, &reportView{groupRequest: gr, Form: f, FormFor: n})
	}, groupPath(gr.Organisation, gr.Group, fmt.Sprintf("/health/report?done=adopted#principle-%d", n)))
}
