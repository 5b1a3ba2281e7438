package web

import (
	"net/http"
	"time"

	"coproduce"
)

// feedLimit is how many updates the feed shows.
const feedLimit = 100

type updatesView struct {
	*groupRequest
	Updates []*coproduce.Update
	Members map[int64]*coproduce.Member
	Form    *form
	Done    string
}

func (s *Server) updatesPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	f := newForm()
	f.Values["kind"] = "regular"
	if gr.Member.Constituency == coproduce.OrganisationSide {
		f.Values["kind"] = "organisation"
	}
	s.renderUpdates(w, r, http.StatusOK, &updatesView{groupRequest: gr, Form: f, Done: doneMessage(r, "updates.done.")})
}

func (s *Server) renderUpdates(w http.ResponseWriter, r *http.Request, status int, v *updatesView) {
	var err error
	if v.Updates, err = s.db.FindUpdates(r.Context(), v.Group.ID, time.Time{}, time.Time{}, feedLimit); err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Members, _, err = s.groupMembers(r.Context(), v.Group.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "updates", page{Nav: "groups", Data: v})
}

// updateFields are the fields of the form that posts an update, and of
// the API's JSON for it.
var updateFields = []string{"kind", "title", "body"}

func (s *Server) updatePost(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.recordsForm(w, r, updateFields...)
	if !ok {
		return
	}
	_, err := s.postUpdate(r, gr, f)
	s.finish(w, r, err, f, func(status int) { s.renderUpdates(w, r, status, &updatesView{groupRequest: gr, Form: f}) },
		groupPath(gr.Organisation, gr.Group, "/updates?done=posted"))
}

// postUpdate posts the update the form describes, by the visitor.
// Problems with the input go on the form; the error is for anything else.
func (s *Server) postUpdate(r *http.Request, gr *groupRequest, f *form) (*coproduce.Update, error) {
	u := &coproduce.Update{Kind: f.Values["kind"], Title: f.Get("title"), Body: f.Get("body")}
	err := s.db.PostUpdate(r.Context(), gr.Actor.User.ID, gr.Member, u)
	if f.FailWith(err) {
		return u, nil
	}
	return u, err
}
