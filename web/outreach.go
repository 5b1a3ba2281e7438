package web

import (
	"errors"
	"net/http"
	"strconv"

	"coproduce"
)

type outreachView struct {
	*groupRequest
	Mine     []*coproduce.Outreach
	MyWeeks  []coproduce.OutreachWeek
	Weeks    []coproduce.OutreachWeek // the whole group's
	Meetings []*coproduce.Meeting
	Form     *form
	Done     string
}

func (s *Server) outreachPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	s.renderOutreach(w, r, http.StatusOK, &outreachView{groupRequest: gr, Form: newForm(), Done: doneMessage(r, "outreach.done.")})
}

func (s *Server) renderOutreach(w http.ResponseWriter, r *http.Request, status int, v *outreachView) {
	all, err := s.db.FindOutreach(r.Context(), v.Group.ID)
	if err == nil {
		v.Meetings, err = s.db.FindMeetings(r.Context(), v.Group.ID, false)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, o := range all {
		if o.MemberID == v.Member.ID {
			v.Mine = append(v.Mine, o)
		}
	}
	v.Weeks, v.MyWeeks = coproduce.OutreachByWeek(all), coproduce.OutreachByWeek(v.Mine)
	s.render(w, r, status, "outreach", page{Nav: "groups", Data: v})
}

// outreachFields are the fields of the form that logs outreach, and of
// the API's JSON for it.
var outreachFields = []string{"on", "method", "people", "themes", "notes"}

func (s *Server) outreachLog(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.recordsForm(w, r, outreachFields...)
	if !ok {
		return
	}
	if _, err := s.logOutreach(r, gr, f); err != nil {
		s.serverError(w, r, err)
		return
	}
	if !f.OK() {
		s.renderOutreach(w, r, http.StatusUnprocessableEntity, &outreachView{groupRequest: gr, Form: f})
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/outreach?done=logged"), http.StatusSeeOther)
}

// logOutreach records the outreach the form describes, as the visitor's.
// Problems with the input go on the form; the error is for anything else.
func (s *Server) logOutreach(r *http.Request, gr *groupRequest, f *form) (*coproduce.Outreach, error) {
	o := &coproduce.Outreach{GroupID: gr.Group.ID, MemberID: gr.Member.ID, On: parseDate(f, "on"), Method: f.Values["method"],
		Themes: f.Get("themes"), Notes: f.Get("notes")}
	var err error
	if o.People, err = strconv.Atoi(f.Get("people")); err != nil {
		o.People = -1
	}
	f.FailWith(o.Validate())
	if !f.OK() {
		return o, nil
	}
	err = s.db.CreateOutreach(r.Context(), gr.Actor.User.ID, o)
	if f.FailWith(err) {
		return o, nil
	}
	return o, err
}

func (s *Server) outreachFedBack(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	// Each entry's form names its meeting field after the entry, so that
	// the page's field ids stay unique.
	field := "meeting-" + r.PathValue("outreach")
	f, err := parseForm(w, r, field)
	if err != nil {
		s.badRequest(w, r)
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("outreach"), 10, 64)
	meeting, _ := strconv.ParseInt(f.Get(field), 10, 64)
	if meeting == 0 {
		f.Fail(field, tr("outreach.fedback.choose"))
		s.renderOutreach(w, r, http.StatusUnprocessableEntity, &outreachView{groupRequest: gr, Form: f})
		return
	}
	err = s.db.MarkOutreachFedBack(r.Context(), gr.Actor.User.ID, gr.Member, id, meeting)
	switch {
	case errors.Is(err, coproduce.ErrNotFound):
		s.notFound(w, r)
		return
	case f.FailWith(err):
		s.renderOutreach(w, r, http.StatusConflict, &outreachView{groupRequest: gr, Form: f})
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/outreach?done=fedback"), http.StatusSeeOther)
}
