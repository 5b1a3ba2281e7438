package web

import (
	"net/http"
	"strconv"
	"time"

	"coproduce"
)

// governanceView is an organisation's governance map: its bodies as a
// tree, and for those who manage it, the forms to add and change them.
type governanceView struct {
	*organisationView
	Map      coproduce.GovernanceMap
	Add      *form
	Edit     *form // for the body named by EditID
	EditID   int64
	Remove   *form // a refused removal, for the body named by RemoveID
	RemoveID int64
}

// EditForm returns the form for changing a body: the submitted one if it
// had problems, otherwise one filled from the body.
func (v *governanceView) EditForm(b *coproduce.GovernanceBody) *form {
	if v.EditID == b.ID && v.Edit != nil {
		return v.Edit
	}
	f := newForm()
	f.Prefix = rowPrefix("body", b.ID)
	f.Values["name"], f.Values["kind"], f.Values["decides"] = b.Name, b.Kind, b.Decides
	f.Values["reach"], f.Values["reach_note"] = string(b.Reach), b.ReachNote
	f.Values["reports_to"], f.Values["group"] = idValue(b.ReportsTo), idValue(b.GroupID)
	return f
}

// GroupName returns the name of one of the organisation's groups.
func (v *governanceView) GroupName(id int64) string {
	for _, g := range v.Groups {
		if g.ID == id {
			return g.Name
		}
	}
	return ""
}

// loadGovernance loads the map for someone who may read it: the
// organisation's administrators and the members of its groups. Anyone
// else gets the sign-in page or 404.
func (s *Server) loadGovernance(w http.ResponseWriter, r *http.Request) (*governanceView, bool) {
	ov, ok := s.loadOrganisation(w, r)
	if !ok {
		return nil, false
	}
	allowed := ov.CanManage
	for _, g := range ov.Groups {
		allowed = allowed || ov.Actor.MemberOf(g.ID) != nil
	}
	if !allowed {
		s.hidden(w, r, ov.Actor)
		return nil, false
	}
	v := &governanceView{organisationView: ov, Add: newForm()}
	var err error
	if v.Map, err = s.db.FindGovernanceMap(r.Context(), ov.Organisation.ID); err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	return v, true
}

func (s *Server) governancePage(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadGovernance(w, r)
	if !ok {
		return
	}
	v.Add.Values["reach"], v.Done = string(coproduce.ReachNo), doneMessage(r, "governance.done.")
	s.render(w, r, http.StatusOK, "governance", page{Nav: "groups", Data: v})
}

// governanceSave adds a body to the map, or changes the one the path
// names. Administrators only.
func (s *Server) governanceSave(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadGovernance(w, r)
	if !ok {
		return
	}
	if !v.CanManage {
		s.notFound(w, r)
		return
	}
	f, err := parseForm(w, r, "name", "kind", "reports_to", "decides", "reach", "reach_note", "group")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	b := &coproduce.GovernanceBody{OrganisationID: v.Organisation.ID, Name: f.Get("name"), Kind: f.Values["kind"], Decides: f.Values["decides"],
		Reach: coproduce.Reach(f.Values["reach"]), ReachNote: f.Get("reach_note")}
	b.ReportsTo, _ = strconv.ParseInt(f.Values["reports_to"], 10, 64)
	b.GroupID, _ = strconv.ParseInt(f.Values["group"], 10, 64)
	if raw := r.PathValue("body"); raw != "" {
		b.ID, _ = strconv.ParseInt(raw, 10, 64)
		if v.Map.Body(b.ID) == nil {
			s.notFound(w, r)
			return
		}
		f.Prefix = rowPrefix("body", b.ID)
		v.Edit, v.EditID = f, b.ID
	} else {
		v.Add = f
	}
	err = s.db.SaveGovernanceBody(r.Context(), v.Actor.User.ID, b)
	s.finish(w, r, err, f, func(status int) {
		s.render(w, r, status, "governance", page{Nav: "groups", Data: v})
	}, "/o/"+v.Organisation.Slug+"/governance?done=saved#body-"+idValue(b.ID))
}

// governanceRemove takes a body off the map, if nothing depends on it.
func (s *Server) governanceRemove(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadGovernance(w, r)
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("body"), 10, 64)
	if !v.CanManage || v.Map.Body(id) == nil {
		s.notFound(w, r)
		return
	}
	f := newForm()
	v.Remove, v.RemoveID = f, id
	err := s.db.RemoveGovernanceBody(r.Context(), v.Actor.User.ID, v.Organisation.ID, id)
	s.finish(w, r, err, f, func(status int) {
		s.render(w, r, status, "governance", page{Nav: "groups", Data: v})
	}, "/o/"+v.Organisation.Slug+"/governance?done=removed")
}

// accountabilityView is the group's accountability checks, with where its
// recommendations go next.
type accountabilityView struct {
	*groupRequest
	Checks []*coproduce.AccountabilityCheck
	Route  []*coproduce.GovernanceBody
	OnMap  bool
	Now    time.Time
}

func (s *Server) accountabilityPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	v := &accountabilityView{groupRequest: gr, Now: s.db.Now()}
	m, err := s.db.FindGovernanceMap(r.Context(), gr.Organisation.ID)
	if err == nil {
		v.Route, v.OnMap = m.Route(gr.Group.ID), m.GroupBody(gr.Group.ID) != nil
		v.Checks, err = s.db.FindAccountabilityChecks(r.Context(), gr.Group.ID)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "accountability", page{Nav: "groups", Data: v})
}

// checkView is one check, or the form for a new one.
type checkView struct {
	*groupRequest
	Check    *coproduce.AccountabilityCheck
	Evidence *coproduce.CheckEvidence
	Decision *coproduce.Decision
	Map      coproduce.GovernanceMap
	Members  map[int64]*coproduce.Member
	Form     *form
	Now      time.Time
	Done     string
}

// checkNewPage is the officer's form for sending a decision upward, filled
// from the records: the next body up from the group's place on the map,
// how coproduced the records say it was, and the rung agreed for its
// area.
func (s *Server) checkNewPage(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadCheckForm(w, r)
	if !ok {
		return
	}
	var err error
	if v.Evidence, err = s.db.CheckEvidence(r.Context(), v.Decision); err != nil {
		s.serverError(w, r, err)
		return
	}
	f := v.Form
	if route := v.Map.Route(v.Group.ID); len(route) > 0 {
		f.Values["body"] = idValue(route[0].ID)
	}
	f.Values["coproduced"] = string(v.Evidence.SuggestedReach())
	if v.Evidence.AreaRung != 0 {
		f.Values["rung"] = strconv.Itoa(int(v.Evidence.AreaRung))
	}
	f.Values["sent_on"] = dateValue(s.db.Now())
	s.render(w, r, http.StatusOK, "check-form", page{Nav: "groups", Data: v})
}

// loadCheckForm loads the decision a check would carry and the
// organisation's map, for an officer or a lead. What the records say
// about the decision is read only to show the form: a check that is sent
// reads it in the store.
func (s *Server) loadCheckForm(w http.ResponseWriter, r *http.Request) (*checkView, bool) {
	gr, ok := s.loadGroup(w, r, coproduce.RecordDecisions)
	if !ok {
		return nil, false
	}
	id, _ := strconv.ParseInt(r.PathValue("decision"), 10, 64)
	v := &checkView{groupRequest: gr, Form: newForm()}
	var err error
	v.Decision, err = s.db.FindDecision(r.Context(), gr.Group.ID, id)
	if err == nil {
		v.Map, err = s.db.FindGovernanceMap(r.Context(), gr.Organisation.ID)
	}
	if err != nil {
		s.notFoundOr(w, r, err)
		return nil, false
	}
	return v, true
}

func (s *Server) checkCreate(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadCheckForm(w, r)
	if !ok {
		return
	}
	f, err := parseForm(w, r, "body", "coproduced", "rung", "statement", "sent_on")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	v.Form = f
	c := &coproduce.AccountabilityCheck{DecisionID: v.Decision.ID, Coproduced: coproduce.Reach(f.Values["coproduced"]),
		Statement: f.Values["statement"], SentOn: parseDate(f, "sent_on")}
	c.BodyID, _ = strconv.ParseInt(f.Values["body"], 10, 64)
	rung, _ := strconv.Atoi(f.Values["rung"])
	c.Rung = coproduce.Rung(rung)
	if f.OK() {
		err = s.db.CreateAccountabilityCheck(r.Context(), v.Actor.User.ID, v.Member, c)
	} else {
		f.FailWith(c.Validate())
	}
	s.finish(w, r, err, f, func(status int) {
		var err error
		if v.Evidence, err = s.db.CheckEvidence(r.Context(), v.Decision); err != nil {
			s.serverError(w, r, err)
			return
		}
		s.render(w, r, status, "check-form", page{Nav: "groups", Data: v})
	}, groupPath(v.Organisation, v.Group, "/accountability/"+idValue(c.ID)+"?done=sent"))
}

func (s *Server) checkPage(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadCheck(w, r)
	if !ok {
		return
	}
	v.Form.Values["responded_on"] = dateValue(s.db.Now())
	s.render(w, r, http.StatusOK, "check", page{Nav: "groups", Data: v})
}

func (s *Server) loadCheck(w http.ResponseWriter, r *http.Request) (*checkView, bool) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return nil, false
	}
	id, _ := strconv.ParseInt(r.PathValue("check"), 10, 64)
	v := &checkView{groupRequest: gr, Form: newForm(), Now: s.db.Now(), Done: doneMessage(r, "check.done.")}
	var err error
	v.Check, err = s.db.FindAccountabilityCheck(r.Context(), gr.Group.ID, id)
	if err == nil {
		v.Members, _, err = s.groupMembers(r.Context(), gr.Group.ID)
	}
	if err != nil {
		s.notFoundOr(w, r, err)
		return nil, false
	}
	v.Evidence = &v.Check.Evidence
	return v, true
}

// checkRespond records the higher body's response.
func (s *Server) checkRespond(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadCheck(w, r)
	if !ok {
		return
	}
	if !v.Can("decisions") {
		s.notFound(w, r)
		return
	}
	f, err := parseForm(w, r, "outcome", "response", "responded_on")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	v.Form = f
	on := parseDate(f, "responded_on")
	if f.OK() {
		err = s.db.RecordCheckResponse(r.Context(), v.Actor.User.ID, v.Member, v.Check.ID, f.Values["outcome"], f.Get("response"), on)
	} else {
		// The date could not be read: name the other problems too.
		answer := *v.Check
		answer.Outcome, answer.Response, answer.RespondedOn = f.Values["outcome"], f.Get("response"), on
		f.FailWith(answer.ValidateResponse())
	}
	s.finish(w, r, err, f, func(status int) {
		s.render(w, r, status, "check", page{Nav: "groups", Data: v})
	}, groupPath(v.Organisation, v.Group, "/accountability/"+idValue(v.Check.ID)+"?done=answered"))
}
