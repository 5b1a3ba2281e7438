package web

import (
	"net/http"
	"strconv"

	"coproduce"
)

type facilitatorsView struct {
	*groupRequest
	List    []*coproduce.ExternalFacilitator
	Members map[int64]*coproduce.Member
	Form    *form
	Done    string
}

func (s *Server) facilitatorsPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	s.renderFacilitators(w, r, http.StatusOK, &facilitatorsView{groupRequest: gr, Form: newForm(), Done: doneMessage(r, "facilitators.done.")})
}

func (s *Server) renderFacilitators(w http.ResponseWriter, r *http.Request, status int, v *facilitatorsView) {
	var err error
	if v.List, err = s.db.FindExternalFacilitators(r.Context(), v.Group.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Members, _, err = s.groupMembers(r.Context(), v.Group.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "facilitators", page{Nav: "groups", Data: v})
}

func (s *Server) facilitatorPropose(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.recordsForm(w, r, "name", "offers", "contact")
	if !ok {
		return
	}
	entry := &coproduce.ExternalFacilitator{Name: f.Get("name"), Offers: f.Values["offers"], Contact: f.Get("contact")}
	err := s.db.CreateExternalFacilitator(r.Context(), gr.Actor.User.ID, gr.Member, entry)
	s.finish(w, r, err, f, func(status int) { s.renderFacilitators(w, r, status, &facilitatorsView{groupRequest: gr, Form: f}) },
		groupPath(gr.Organisation, gr.Group, "/facilitators?done=proposed"))
}

func (s *Server) facilitatorApprove(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("facilitator"), 10, 64)
	err := s.db.ApproveExternalFacilitator(r.Context(), gr.Actor.User.ID, gr.Member, id)
	f := newForm()
	// Approving twice, or from the wrong side, clashes with the entry's state.
	s.finish(w, r, err, f, func(int) {
		s.renderFacilitators(w, r, http.StatusConflict, &facilitatorsView{groupRequest: gr, Form: f})
	},
		groupPath(gr.Organisation, gr.Group, "/facilitators?done=approved"))
}
