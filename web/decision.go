package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"coproduce"
)

type decisionsView struct {
	*groupRequest
	Decisions []*coproduce.Decision
	Areas     []*coproduce.DecisionArea
	AreaForm  *form
	Done      string
}

func (s *Server) decisionsPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	s.renderDecisions(w, r, http.StatusOK, &decisionsView{groupRequest: gr, AreaForm: newForm(), Done: doneMessage(r, "decision.done.")})
}

func (s *Server) renderDecisions(w http.ResponseWriter, r *http.Request, status int, v *decisionsView) {
	var err error
	if v.Decisions, err = s.db.FindDecisions(r.Context(), v.Group.ID, false); err == nil {
		v.Areas, err = s.db.FindDecisionAreas(r.Context(), v.Group.ID)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "decisions", page{Nav: "groups", Data: v})
}

func (s *Server) decisionAreaCreate(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.ManageMeetings)
	if !ok {
		return
	}
	f, err := parseForm(w, r, "name", "rung")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	rung, _ := strconv.Atoi(f.Get("rung"))
	err = s.db.CreateDecisionArea(r.Context(), gr.Actor.User.ID, &coproduce.DecisionArea{GroupID: gr.Group.ID, Name: f.Get("name"), Rung: coproduce.Rung(rung)})
	if f.FailWith(err) {
		s.renderDecisions(w, r, http.StatusUnprocessableEntity, &decisionsView{groupRequest: gr, AreaForm: f})
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/decisions?done=area"), http.StatusSeeOther)
}

type decisionView struct {
	*groupRequest
	Decision *coproduce.Decision
	Meetings []*coproduce.Meeting
	Areas    []*coproduce.DecisionArea
	Papers   []*coproduce.Paper // the group's papers the visitor may see
	Form     *form
	Done     string
}

// ReliedOn returns the papers the decision relied on that the visitor may
// see.
func (v *decisionView) ReliedOn() []*coproduce.Paper {
	var out []*coproduce.Paper
	for _, p := range v.Papers {
		if containsID(v.Decision.PaperIDs, p.ID) {
			out = append(out, p)
		}
	}
	return out
}

// Deliberation is how many days a paper was out before the decision, or
// -1 if it was not circulated before it.
func (v *decisionView) Deliberation(p *coproduce.Paper) int {
	return coproduce.DeliberationDays(p, v.Decision.DecidedOn)
}

// Meeting returns the meeting a decision was made at, if the visitor may
// see that meeting.
func (v *decisionView) Meeting() *coproduce.Meeting {
	for _, m := range v.Meetings {
		if m.ID == v.Decision.MeetingID && v.Actor.CanSee(coproduce.Audience{GroupID: v.Group.ID, Visibility: m.Visibility}) {
			return m
		}
	}
	return nil
}

// Area returns the decision's area, if any.
func (v *decisionView) Area() *coproduce.DecisionArea {
	for _, a := range v.Areas {
		if a.ID == v.Decision.AreaID {
			return a
		}
	}
	return nil
}

func (s *Server) loadDecisionChoices(w http.ResponseWriter, r *http.Request, v *decisionView) bool {
	var err error
	if v.Meetings, err = s.db.FindMeetings(r.Context(), v.Group.ID, false); err == nil {
		v.Areas, err = s.db.FindDecisionAreas(r.Context(), v.Group.ID)
	}
	var papers []*coproduce.Paper
	if err == nil {
		papers, err = s.db.FindGroupPapers(r.Context(), v.Group.ID)
	}
	for _, p := range papers {
		if v.Actor.CanSee(p.Audience) {
			v.Papers = append(v.Papers, p)
		}
	}
	if err != nil {
		s.serverError(w, r, err)
		return false
	}
	return true
}

// decisionPage shows a decision: a published one to anyone, others to the
// group's members. Someone not signed in is asked to sign in for any
// decision they cannot see, existing or not.
func (s *Server) decisionPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, 0)
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("decision"), 10, 64)
	d, err := s.db.FindDecision(r.Context(), gr.Group.ID, id)
	if err != nil && !errors.Is(err, coproduce.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	vis := coproduce.GroupOnly
	if d != nil && d.Published {
		vis = coproduce.Public
	}
	if d == nil || !gr.Actor.CanSee(coproduce.Audience{GroupID: gr.Group.ID, Visibility: vis}) {
		s.hidden(w, r, gr.Actor)
		return
	}
	v := &decisionView{groupRequest: gr, Decision: d, Done: doneMessage(r, "decision.done.")}
	if !s.loadDecisionChoices(w, r, v) {
		return
	}
	s.render(w, r, http.StatusOK, "decision", page{Nav: "groups", Data: v})
}

// decisionForm fills a form with a decision's fields.
func decisionForm(d *coproduce.Decision) *form {
	f := newForm()
	f.Values["title"], f.Values["context"], f.Values["options"], f.Values["outcome"] = d.Title, d.Context, d.Options, d.Outcome
	f.Values["method"], f.Values["decided_on"] = string(d.Method), dateValue(d.DecidedOn)
	f.Values["where"] = "meeting"
	if d.Outside {
		f.Values["where"] = "outside"
	}
	f.Values["meeting"], f.Values["area"] = idValue(d.MeetingID), idValue(d.AreaID)
	f.Values["explanation"], f.Values["explained_on"] = d.Explanation, dateValue(d.ExplainedOn)
	for _, c := range coproduce.Constituencies {
		f.Values["position-"+string(c)] = string(d.Positions[c])
	}
	f.Values["dissent"] = d.Dissent
	if d.Published {
		f.Values["published"] = "yes"
	}
	for _, id := range d.PaperIDs {
		f.Values["paper-"+idValue(id)] = "yes"
	}
	return f
}

var decisionFields = []string{"title", "context", "options", "outcome", "method", "decided_on", "where", "meeting", "explanation",
	"explained_on", "area", "position-residents", "position-organisation", "position-independent", "dissent", "published"}

func (s *Server) decisionNewPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.RecordDecisions)
	if !ok {
		return
	}
	v := &decisionView{groupRequest: gr, Form: decisionForm(&coproduce.Decision{Method: coproduce.Consensus})}
	if !s.loadDecisionChoices(w, r, v) {
		return
	}
	s.render(w, r, http.StatusOK, "decision-form", page{Nav: "groups", Data: v})
}

func (s *Server) decisionEditPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.RecordDecisions)
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("decision"), 10, 64)
	d, err := s.db.FindDecision(r.Context(), gr.Group.ID, id)
	if errors.Is(err, coproduce.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := &decisionView{groupRequest: gr, Decision: d, Form: decisionForm(d)}
	if !s.loadDecisionChoices(w, r, v) {
		return
	}
	s.render(w, r, http.StatusOK, "decision-form", page{Nav: "groups", Data: v})
}

// decisionSave records a new decision or saves changes to one.
func (s *Server) decisionSave(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.RecordDecisions)
	if !ok {
		return
	}
	d := &coproduce.Decision{GroupID: gr.Group.ID}
	if raw := r.PathValue("decision"); raw != "" {
		id, _ := strconv.ParseInt(raw, 10, 64)
		var err error
		if d, err = s.db.FindDecision(r.Context(), gr.Group.ID, id); errors.Is(err, coproduce.ErrNotFound) {
			s.notFound(w, r)
			return
		} else if err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	f, err := parseForm(w, r, decisionFields...)
	if err != nil {
		s.badRequest(w, r)
		return
	}
	d.Title, d.Context, d.Options, d.Outcome = f.Get("title"), f.Get("context"), f.Get("options"), f.Get("outcome")
	d.Method, d.DecidedOn = coproduce.DecisionMethod(f.Values["method"]), parseDate(f, "decided_on")
	d.Outside = f.Values["where"] == "outside"
	d.MeetingID, d.AreaID = 0, 0
	if !d.Outside {
		d.MeetingID, _ = strconv.ParseInt(f.Get("meeting"), 10, 64)
	}
	d.AreaID, _ = strconv.ParseInt(f.Get("area"), 10, 64)
	d.Explanation, d.ExplainedOn = f.Get("explanation"), parseDate(f, "explained_on")
	d.Positions = map[coproduce.Constituency]coproduce.Position{}
	for _, c := range coproduce.Constituencies {
		if p := f.Values["position-"+string(c)]; p != "" {
			d.Positions[c] = coproduce.Position(p)
		}
	}
	d.Dissent, d.Published = f.Get("dissent"), f.Values["published"] == "yes"
	// Papers the recorder may not see stay as they were: the form could
	// not offer them.
	var kept []int64
	if len(d.PaperIDs) > 0 {
		papers, err := s.db.FindGroupPapers(r.Context(), gr.Group.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, p := range papers {
			if containsID(d.PaperIDs, p.ID) && !gr.Actor.CanSee(p.Audience) {
				kept = append(kept, p.ID)
			}
		}
	}
	d.PaperIDs = kept
	for _, raw := range r.PostForm["papers"] {
		if id, err := strconv.ParseInt(raw, 10, 64); err == nil {
			d.PaperIDs = append(d.PaperIDs, id)
			f.Values["paper-"+raw] = "yes"
		}
	}
	f.FailWith(d.Validate())
	if f.OK() {
		err = s.db.SaveDecision(r.Context(), gr.Actor.User.ID, d)
		if !f.FailWith(err) && err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if !f.OK() {
		v := &decisionView{groupRequest: gr, Form: f}
		if r.PathValue("decision") != "" {
			v.Decision = d
		}
		if !s.loadDecisionChoices(w, r, v) {
			return
		}
		s.render(w, r, http.StatusUnprocessableEntity, "decision-form", page{Nav: "groups", Data: v})
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/decisions/"+idValue(d.ID)+"?done=saved"), http.StatusSeeOther)
}

type actionsView struct {
	*groupRequest
	Actions  []*coproduce.Action
	Members  map[int64]*coproduce.Member
	Current  []*coproduce.Member
	Form     *form
	Done     string
	Now      time.Time
	Meetings []*coproduce.Meeting
}

// Overdue reports whether an action is overdue.
func (v *actionsView) Overdue(a *coproduce.Action) bool { return a.Overdue(v.Now) }

func (s *Server) actionsPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	s.renderActions(w, r, http.StatusOK, &actionsView{groupRequest: gr, Form: newForm(), Done: doneMessage(r, "action.done.")})
}

func (s *Server) renderActions(w http.ResponseWriter, r *http.Request, status int, v *actionsView) {
	acts, err := s.db.FindActions(r.Context(), v.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Members, v.Current, err = s.groupMembers(r.Context(), v.Group.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Actions, v.Now = acts, s.db.Now()
	if v.Meetings, err = s.db.FindMeetings(r.Context(), v.Group.ID, false); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "actions", page{Nav: "groups", Data: v})
}

// actionFields are the fields of the form that adds an action, and of the
// API's JSON for it.
var actionFields = []string{"title", "owner", "due", "meeting"}

func (s *Server) actionCreate(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.RecordDecisions)
	if !ok {
		return
	}
	f, err := parseForm(w, r, actionFields...)
	if err != nil {
		s.badRequest(w, r)
		return
	}
	if _, err := s.createAction(r, gr, f); err != nil {
		s.serverError(w, r, err)
		return
	}
	if !f.OK() {
		s.renderActions(w, r, http.StatusUnprocessableEntity, &actionsView{groupRequest: gr, Form: f})
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/actions?done=added"), http.StatusSeeOther)
}

// createAction adds the action the form describes. Problems with the
// input go on the form; the error is for anything else.
func (s *Server) createAction(r *http.Request, gr *groupRequest, f *form) (*coproduce.Action, error) {
	a := &coproduce.Action{GroupID: gr.Group.ID, Title: f.Get("title"), Due: parseDate(f, "due")}
	a.OwnerMemberID, _ = strconv.ParseInt(f.Get("owner"), 10, 64)
	a.MeetingID, _ = strconv.ParseInt(f.Get("meeting"), 10, 64)
	if !f.OK() {
		return a, nil
	}
	err := s.db.CreateAction(r.Context(), gr.Actor.User.ID, a)
	if f.FailWith(err) {
		return a, nil
	}
	return a, err
}

// loadAction loads the group and the action in the path for someone who
// may change its status: its owner, or those who keep the log. Anyone
// else gets 404.
func (s *Server) loadAction(w http.ResponseWriter, r *http.Request) (*groupRequest, *coproduce.Action, bool) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return nil, nil, false
	}
	id, _ := strconv.ParseInt(r.PathValue("action"), 10, 64)
	acts, err := s.db.FindActions(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return nil, nil, false
	}
	var a *coproduce.Action
	for _, x := range acts {
		if x.ID == id {
			a = x
		}
	}
	if a == nil || !(gr.Actor.CanInGroup(coproduce.RecordDecisions, gr.Group) || (gr.Member != nil && a.OwnerMemberID == gr.Member.ID)) {
		s.notFound(w, r)
		return nil, nil, false
	}
	return gr, a, true
}

// setActionStatus sets the status the form names. It answers and returns
// false on a problem: a status that does not exist is a bad request from
// the page, which offers only those that do, and a field problem in the API.
func (s *Server) setActionStatus(w http.ResponseWriter, r *http.Request, gr *groupRequest, a *coproduce.Action, f *form) bool {
	err := s.db.SetActionStatus(r.Context(), gr.Actor.User.ID, gr.Group.ID, a.ID, coproduce.ActionStatus(f.Get("status")))
	switch {
	case err == nil:
		return true
	case f.FailWith(err) && isAPI(r):
		s.formProblem(w, r, f)
	case !f.OK():
		s.badRequest(w, r)
	default:
		s.serverError(w, r, err)
	}
	return false
}

// actionStatus marks an action done, dropped or open again: its owner may,
// and so may those who keep the log.
func (s *Server) actionStatus(w http.ResponseWriter, r *http.Request) {
	gr, a, ok := s.loadAction(w, r)
	if !ok {
		return
	}
	f, err := parseForm(w, r, "status")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	if s.setActionStatus(w, r, gr, a, f) {
		http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/actions?done="+f.Get("status")), http.StatusSeeOther)
	}
}
