package web

import (
	"errors"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"time"

	"coproduce"
	"coproduce/framework"
)

// roundLength is how long a new round runs unless the chair says
// otherwise: two weeks, first day included.
const roundLength = 13

type healthView struct {
	*groupRequest
	Rounds   []*coproduce.HealthRound
	Counts   map[int64]int // answers so far, by round
	Now      time.Time
	OpenForm *form
	Done     string
}

// IsClosed reports whether a round has closed.
func (v *healthView) IsClosed(r *coproduce.HealthRound) bool { return r.Closed(v.Now) }

type roundView struct {
	*groupRequest
	Round      *coproduce.HealthRound
	Principles []roundPrinciple
	Areas      []*coproduce.DecisionArea
	Now        time.Time
	Count      int
	Answered   bool
	CanAnswer  bool // a current member not on time out, who has not answered, while the round is open
	Away       bool // on time out
	Form       *form
	Done       string

	// Once closed.
	Ballots    int
	Perception map[int]coproduce.PrinciplePerception
	Ladder     []ladderRow
	Comments   map[int][]string // shuffled, shown only with enough ballots
}

// ladderRow is one line of the ladder results: the group overall (Area
// nil) or a decision area with the rung the group agreed for it.
type ladderRow struct {
	coproduce.LadderResult
	Area *coproduce.DecisionArea
}

// AgreedGap is the agreed rung minus the median rung members see now.
func (l ladderRow) AgreedGap() float64 { return float64(l.Area.Rung) - l.Now }

// Apart reports whether members see the area two or more rungs away from
// the rung agreed for it.
func (l ladderRow) Apart() bool {
	return l.Area != nil && !l.Hidden && (l.AgreedGap() >= 2 || l.AgreedGap() <= -2)
}

// roundPrinciple is a principle with the statements the round asks.
type roundPrinciple struct {
	*framework.Principle
	Asked []framework.Statement
}

// Closed reports whether the round has closed.
func (v *roundView) Closed() bool { return v.Round.Closed(v.Now) }

// Constituencies lists the constituencies, for the results table.
func (v *roundView) Constituencies() []coproduce.Constituency { return coproduce.Constituencies }

func (s *Server) healthPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	s.renderHealth(w, r, http.StatusOK, &healthView{groupRequest: gr, Done: doneMessage(r, "health.done.")})
}

func (s *Server) renderHealth(w http.ResponseWriter, r *http.Request, status int, v *healthView) {
	ctx := r.Context()
	var err error
	if v.Rounds, err = s.db.FindHealthRounds(ctx, v.Group.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Now = s.db.Now()
	if v.Counts, err = s.db.HealthAnswerCounts(ctx, v.Group.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.OpenForm == nil {
		v.OpenForm = newForm()
		today := v.Now.In(london)
		v.OpenForm.Values["title"] = tr("health.round.default", today.Format("January 2006"))
		v.OpenForm.Values["opens_on"] = today.Format("2006-01-02")
		v.OpenForm.Values["closes_on"] = today.AddDate(0, 0, roundLength).Format("2006-01-02")
		v.OpenForm.Values["min_cell"] = strconv.Itoa(coproduce.DefaultMinCell)
		if len(v.Rounds) > 0 {
			v.OpenForm.Values["min_cell"] = strconv.Itoa(v.Rounds[0].MinCell)
		}
	}
	s.render(w, r, status, "health", page{Nav: "groups", Data: v})
}

func (s *Server) healthOpen(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroupToLead(w, r)
	if !ok {
		return
	}
	f, err := parseForm(w, r, "title", "opens_on", "closes_on", "min_cell")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	round := &coproduce.HealthRound{Title: f.Get("title"), OpensOn: parseDate(f, "opens_on"), ClosesOn: parseDate(f, "closes_on")}
	if round.MinCell, err = strconv.Atoi(f.Get("min_cell")); err != nil {
		round.MinCell = 0
	}
	for _, p := range s.framework.Principles {
		for _, st := range p.Statements {
			round.Statements = append(round.Statements, st.ID)
		}
	}
	areas, err := s.db.FindDecisionAreas(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, a := range areas {
		round.AreaIDs = append(round.AreaIDs, a.ID)
	}
	if f.OK() {
		err = s.db.OpenHealthRound(r.Context(), gr.Actor.User.ID, gr.Member, round)
	}
	s.finish(w, r, err, f, func(status int) { s.renderHealth(w, r, status, &healthView{groupRequest: gr, OpenForm: f}) },
		groupPath(gr.Organisation, gr.Group, "/health/"+strconv.FormatInt(round.ID, 10)+"?done=opened"))
}

func (s *Server) healthRoundPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	s.renderRound(w, r, http.StatusOK, &roundView{groupRequest: gr, Done: doneMessage(r, "health.done.")})
}

func (s *Server) renderRound(w http.ResponseWriter, r *http.Request, status int, v *roundView) {
	ctx := r.Context()
	id, _ := strconv.ParseInt(r.PathValue("round"), 10, 64)
	round, err := s.db.FindHealthRound(ctx, v.Group.ID, id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	v.Round, v.Now = round, s.db.Now()
	asked := map[string]bool{}
	for _, st := range round.Statements {
		asked[st] = true
	}
	statementPrinciple := map[string]int{}
	var numbers []int
	for i := range s.framework.Principles {
		p := &s.framework.Principles[i]
		rp := roundPrinciple{Principle: p}
		for _, st := range p.Statements {
			if asked[st.ID] {
				rp.Asked = append(rp.Asked, st)
				statementPrinciple[st.ID] = p.Number
			}
		}
		v.Principles = append(v.Principles, rp)
		numbers = append(numbers, p.Number)
	}
	areas, err := s.db.FindDecisionAreas(ctx, v.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	inRound := map[int64]bool{}
	for _, a := range round.AreaIDs {
		inRound[a] = true
	}
	for _, a := range areas {
		if inRound[a.ID] {
			v.Areas = append(v.Areas, a)
		}
	}
	if v.Count, v.Answered, err = s.db.HealthParticipation(ctx, round.ID, v.Member.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	away, err := s.db.FindTimeOuts(ctx, v.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Away = away.On(v.Member.ID, v.Now)
	v.CanAnswer = !v.Answered && !v.Away && round.Started(v.Now) && !round.Closed(v.Now)
	if v.Form == nil {
		v.Form = newForm()
	}
	if round.Closed(v.Now) {
		answers, err := s.db.FindRoundAnswers(ctx, round)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v.Ballots = len(answers.Ballots)
		v.Perception = map[int]coproduce.PrinciplePerception{}
		for _, p := range coproduce.Perception(answers.Ballots, statementPrinciple, numbers, round.MinCell) {
			v.Perception[p.Principle] = p
		}
		byID := map[int64]*coproduce.DecisionArea{}
		for _, a := range v.Areas {
			byID[a.ID] = a
		}
		for _, l := range coproduce.Ladder(answers.Placings, round.AreaIDs, round.MinCell) {
			if l.AreaID == 0 || byID[l.AreaID] != nil {
				v.Ladder = append(v.Ladder, ladderRow{LadderResult: l, Area: byID[l.AreaID]})
			}
		}
		// Comments are shown all together, in no order, and only when
		// there are enough ballots that none stands out as someone's.
		if len(answers.Ballots) >= round.MinCell {
			v.Comments = map[int][]string{}
			for n, list := range answers.Comments {
				list = slices.Clone(list)
				rand.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
				v.Comments[n] = list
			}
		}
	}
	s.render(w, r, status, "health-round", page{Nav: "groups", Data: v})
}

func (s *Server) healthAnswer(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.recordsForm(w, r)
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("round"), 10, 64)
	round, err := s.db.FindHealthRound(r.Context(), gr.Group.ID, id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	b := &coproduce.Ballot{Answers: map[string]int{}, Ladder: map[int64][2]coproduce.Rung{}, Comments: map[int]string{}}
	for _, st := range round.Statements {
		name := coproduce.StatementField(st)
		f.Values[name] = r.PostForm.Get(name)
		if a, err := strconv.Atoi(f.Values[name]); err == nil {
			b.Answers[st] = a
		}
	}
	for _, area := range append([]int64{0}, round.AreaIDs...) {
		var pair [2]coproduce.Rung
		for i, which := range []string{"now", "should"} {
			name := coproduce.LadderField(which, area)
			f.Values[name] = r.PostForm.Get(name)
			rung, err := strconv.Atoi(f.Values[name])
			if err != nil && f.Values[name] != "" {
				rung = -1
			}
			pair[i] = coproduce.Rung(rung)
		}
		b.Ladder[area] = pair
	}
	for _, p := range s.framework.Principles {
		name := coproduce.CommentField(p.Number)
		f.Values[name] = r.PostForm.Get(name)
		if c := f.Get(name); c != "" {
			b.Comments[p.Number] = c
		}
	}
	err = s.db.SubmitBallot(r.Context(), gr.Member, id, b)
	s.finish(w, r, err, f, func(status int) { s.renderRound(w, r, status, &roundView{groupRequest: gr, Form: f}) },
		groupPath(gr.Organisation, gr.Group, "/health/"+strconv.FormatInt(id, 10)+"?done=answered"))
}

func (s *Server) healthClose(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("round"), 10, 64)
	err := s.db.CloseHealthRound(r.Context(), gr.Actor.User.ID, gr.Member, id)
	f := newForm()
	s.finish(w, r, err, f, func(int) { s.renderRound(w, r, http.StatusConflict, &roundView{groupRequest: gr, Form: f}) },
		groupPath(gr.Organisation, gr.Group, "/health/"+strconv.FormatInt(id, 10)+"?done=closed"))
}

// notFoundOr answers 404 for coproduce.ErrNotFound and the error page
// for anything else.
func (s *Server) notFoundOr(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, coproduce.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	s.serverError(w, r, err)
}
