package web

import (
	"net/http"
	"strconv"
	"time"

	"coproduce"
)

type timeOutView struct {
	*groupRequest
	Away    coproduce.TimeOuts // spells not yet ended, anyone's
	Mine    *coproduce.TimeOut // the visitor's spell not yet ended, if any
	Members map[int64]*coproduce.Member
	Form    *form
	Done    string
}

func (s *Server) timeOutPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	f := newForm()
	f.Values["from"] = s.db.Now().In(london).Format("2006-01-02")
	s.renderTimeOut(w, r, http.StatusOK, &timeOutView{groupRequest: gr, Form: f, Done: doneMessage(r, "timeout.done.")})
}

func (s *Server) renderTimeOut(w http.ResponseWriter, r *http.Request, status int, v *timeOutView) {
	all, err := s.db.FindTimeOuts(r.Context(), v.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Members, _, err = s.groupMembers(r.Context(), v.Group.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Away = awayOrGoing(all, v.Members, s.db.Now())
	for _, o := range v.Away {
		if o.MemberID == v.Member.ID {
			v.Mine = o
		}
	}
	s.render(w, r, status, "timeout", page{Nav: "groups", Data: v})
}

func (s *Server) timeOutStart(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.recordsForm(w, r, "from", "until")
	if !ok {
		return
	}
	o := &coproduce.TimeOut{From: parseDate(f, "from"), Until: parseDate(f, "until")}
	var err error
	if f.OK() {
		err = s.db.StartTimeOut(r.Context(), gr.Actor.User.ID, gr.Member, o)
	}
	s.finish(w, r, err, f, func(status int) { s.renderTimeOut(w, r, status, &timeOutView{groupRequest: gr, Form: f}) },
		groupPath(gr.Organisation, gr.Group, "/time-out?done=started"))
}

func (s *Server) timeOutEnd(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("timeout"), 10, 64)
	err := s.db.EndTimeOut(r.Context(), gr.Actor.User.ID, gr.Member, id)
	f := newForm()
	s.finish(w, r, err, f, func(int) { s.renderTimeOut(w, r, http.StatusConflict, &timeOutView{groupRequest: gr, Form: f}) },
		groupPath(gr.Organisation, gr.Group, "/time-out?done=ended"))
}

// awayOrGoing is the spells of time out of current members that have not
// ended at now: those on time out, and those about to be.
func awayOrGoing(all coproduce.TimeOuts, members map[int64]*coproduce.Member, now time.Time) []*coproduce.TimeOut {
	var out []*coproduce.TimeOut
	for _, o := range all {
		if m := members[o.MemberID]; m != nil && m.Current() && (o.Until.IsZero() || now.Before(o.Until.Add(-12*time.Hour))) {
			out = append(out, o)
		}
	}
	return out
}
