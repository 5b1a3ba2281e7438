package web

import (
	"net/http"
	"strconv"
	"time"

	"coproduce"
)

type concernsView struct {
	*groupRequest
	Concerns []*coproduce.Concern
	Members  map[int64]*coproduce.Member
	Meetings map[int64]*coproduce.Meeting
	Now      time.Time
	Form     *form
	Done     string
}

type concernView struct {
	*groupRequest
	Concern  *coproduce.Concern
	Members  map[int64]*coproduce.Member
	Meeting  *coproduce.Meeting // the meeting that takes it, if any
	Meetings []*coproduce.Meeting
	Form     *form
	Done     string
}

// CanMove reports whether the visitor may change the concern's status.
func (v *concernView) CanMove() bool { return coproduce.CanMoveConcern(v.Member, v.Concern) }

func (s *Server) concernsPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	s.renderConcerns(w, r, http.StatusOK, &concernsView{groupRequest: gr, Form: newForm(), Done: doneMessage(r, "concerns.done.")})
}

func (s *Server) renderConcerns(w http.ResponseWriter, r *http.Request, status int, v *concernsView) {
	ctx := r.Context()
	var err error
	if v.Concerns, err = s.db.FindConcerns(ctx, v.Group.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Members, _, err = s.groupMembers(ctx, v.Group.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	meetings, err := s.db.FindMeetings(ctx, v.Group.ID, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Meetings = make(map[int64]*coproduce.Meeting, len(meetings))
	for _, m := range meetings {
		v.Meetings[m.ID] = m
	}
	v.Now = s.db.Now()
	s.render(w, r, status, "concerns", page{Nav: "groups", Data: v})
}

func (s *Server) concernRaise(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.recordsForm(w, r, "kind", "title", "details", "anonymous")
	if !ok {
		return
	}
	c := &coproduce.Concern{GroupID: gr.Group.ID, Kind: f.Values["kind"], Title: f.Get("title"), Details: f.Get("details"), RaisedBy: gr.Member.ID}
	actor := gr.Actor.User.ID
	if f.Values["anonymous"] == "yes" {
		c.RaisedBy, actor = 0, 0
	}
	err := s.db.CreateConcern(r.Context(), actor, c)
	s.finish(w, r, err, f, func(status int) { s.renderConcerns(w, r, status, &concernsView{groupRequest: gr, Form: f}) },
		groupPath(gr.Organisation, gr.Group, "/concerns?done=raised"))
}

func (s *Server) concernPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	s.renderConcern(w, r, http.StatusOK, &concernView{groupRequest: gr, Form: newForm(), Done: doneMessage(r, "concerns.done.")})
}

func (s *Server) renderConcern(w http.ResponseWriter, r *http.Request, status int, v *concernView) {
	ctx := r.Context()
	id, _ := strconv.ParseInt(r.PathValue("concern"), 10, 64)
	list, err := s.db.FindConcerns(ctx, v.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, c := range list {
		if c.ID == id {
			v.Concern = c
		}
	}
	if v.Concern == nil {
		s.notFound(w, r)
		return
	}
	if v.Members, _, err = s.groupMembers(ctx, v.Group.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	meetings, err := s.db.FindMeetings(ctx, v.Group.ID, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, m := range meetings {
		if m.ID == v.Concern.MeetingID {
			v.Meeting = m
		}
		if !m.Cancelled() {
			v.Meetings = append(v.Meetings, m)
		}
	}
	s.render(w, r, status, "concern", page{Nav: "groups", Data: v})
}

func (s *Server) concernMove(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.recordsForm(w, r, "status", "meeting", "outcome")
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("concern"), 10, 64)
	meetingID, _ := strconv.ParseInt(f.Get("meeting"), 10, 64)
	err := s.db.MoveConcern(r.Context(), gr.Actor.User.ID, gr.Member, id, coproduce.ConcernStatus(f.Values["status"]), meetingID, f.Get("outcome"))
	s.finish(w, r, err, f, func(status int) { s.renderConcern(w, r, status, &concernView{groupRequest: gr, Form: f}) },
		groupPath(gr.Organisation, gr.Group, "/concerns/"+strconv.FormatInt(id, 10)+"?done=moved"))
}
