package web

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"time"

	"coproduce"
)

type requestsView struct {
	*groupRequest
	Requests   []*coproduce.InfoRequest
	Members    map[int64]*coproduce.Member
	Current    []*coproduce.Member
	Median     float64
	Answered   int
	Now        time.Time
	Ask        *form
	AnswerForm *form // for the request named by AnswerID
	AnswerID   int64
	Done       string
}

// Overdue reports whether a request is overdue.
func (v *requestsView) Overdue(r *coproduce.InfoRequest) bool { return r.Overdue(v.Now) }

// MedianDays is the median response time, rounded to whole days.
func (v *requestsView) MedianDays() int { return int(math.Round(v.Median)) }

// CanAnswer reports whether the visitor may answer a request: the named
// member, or, for one to the organisation, its members and those who lead
// the group.
func (v *requestsView) CanAnswer(r *coproduce.InfoRequest) bool {
	if v.Member == nil || r.Answered() {
		return false
	}
	if r.AskedOfMemberID != 0 {
		return r.AskedOfMemberID == v.Member.ID
	}
	return v.Member.Constituency == coproduce.OrganisationSide || v.Member.Role.Leads()
}

// FormFor returns the answer form for a request.
func (v *requestsView) FormFor(r *coproduce.InfoRequest) *form {
	if v.AnswerID == r.ID && v.AnswerForm != nil {
		return v.AnswerForm
	}
	return newForm()
}

func (s *Server) requestsPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	s.renderRequests(w, r, http.StatusOK, &requestsView{groupRequest: gr, Done: doneMessage(r, "requests.done.")})
}

func (s *Server) renderRequests(w http.ResponseWriter, r *http.Request, status int, v *requestsView) {
	var err error
	if v.Requests, err = s.db.FindInfoRequests(r.Context(), v.Group.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Members, v.Current, err = s.groupMembers(r.Context(), v.Group.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Median, v.Answered = coproduce.MedianResponseDays(v.Requests)
	v.Now = s.db.Now()
	if v.Ask == nil {
		v.Ask = newForm()
	}
	s.render(w, r, status, "requests", page{Nav: "groups", Data: v})
}

// requestFields are the fields of the form that asks a request, and of
// the API's JSON for it.
var requestFields = []string{"question", "asked_of"}

func (s *Server) requestAsk(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.recordsForm(w, r, requestFields...)
	if !ok {
		return
	}
	if _, err := s.askRequest(r, gr, f); err != nil {
		s.serverError(w, r, err)
		return
	}
	if !f.OK() {
		s.renderRequests(w, r, http.StatusUnprocessableEntity, &requestsView{groupRequest: gr, Ask: f})
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/requests?done=asked"), http.StatusSeeOther)
}

// askRequest records the request the form describes, asked by the
// visitor. Problems with the input go on the form; the error is for
// anything else.
func (s *Server) askRequest(r *http.Request, gr *groupRequest, f *form) (*coproduce.InfoRequest, error) {
	req := &coproduce.InfoRequest{GroupID: gr.Group.ID, AskedBy: gr.Member.ID, Question: f.Get("question")}
	req.AskedOfMemberID, _ = strconv.ParseInt(f.Get("asked_of"), 10, 64)
	err := s.db.CreateInfoRequest(r.Context(), gr.Actor.User.ID, req)
	if f.FailWith(err) {
		return req, nil
	}
	return req, err
}

func (s *Server) requestAnswer(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("request"), 10, 64)
	list, err := s.db.FindInfoRequests(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := &requestsView{groupRequest: gr}
	var req *coproduce.InfoRequest
	for _, x := range list {
		if x.ID == id {
			req = x
		}
	}
	if req == nil || !v.CanAnswer(req) {
		s.notFound(w, r)
		return
	}
	f, err := parseForm(w, r, "answer", "withheld", "withheld_reason")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	err = s.db.AnswerInfoRequest(r.Context(), gr.Actor.User.ID, gr.Member, id, f.Get("answer"), f.Values["withheld"] == "yes", f.Get("withheld_reason"))
	switch {
	case errors.Is(err, coproduce.ErrNotFound):
		s.notFound(w, r)
		return
	case f.FailWith(err):
		v.AnswerForm, v.AnswerID = f, id
		s.renderRequests(w, r, http.StatusUnprocessableEntity, v)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/requests?done=answered"), http.StatusSeeOther)
}
