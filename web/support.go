package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"coproduce"
)

type supportView struct {
	*groupRequest
	Mine    []*coproduce.SupportNeed
	Others  []*coproduce.SupportNeed // other members', for those who lead the group
	Members map[int64]*coproduce.Member
	Form    *form
	Done    string
}

func (s *Server) supportPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	s.renderSupport(w, r, http.StatusOK, &supportView{groupRequest: gr, Form: newForm(), Done: doneMessage(r, "support.done.")})
}

func (s *Server) renderSupport(w http.ResponseWriter, r *http.Request, status int, v *supportView) {
	needs, err := s.db.FindSupportNeeds(r.Context(), v.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Members, _, err = s.groupMembers(r.Context(), v.Group.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, n := range needs {
		switch {
		case n.MemberID == v.Member.ID:
			v.Mine = append(v.Mine, n)
		case coproduce.CanSeeSupportNeed(v.Member, n):
			v.Others = append(v.Others, n)
		}
	}
	s.render(w, r, status, "support", page{Nav: "groups", Data: v})
}

func (s *Server) supportRecord(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.recordsForm(w, r, "kind", "details")
	if !ok {
		return
	}
	n := &coproduce.SupportNeed{GroupID: gr.Group.ID, MemberID: gr.Member.ID, Kind: f.Values["kind"], Details: f.Get("details")}
	err := s.db.CreateSupportNeed(r.Context(), gr.Actor.User.ID, n)
	s.finish(w, r, err, f, func(status int) { s.renderSupport(w, r, status, &supportView{groupRequest: gr, Form: f}) },
		groupPath(gr.Organisation, gr.Group, "/support?done=recorded"))
}

func (s *Server) supportMet(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.recordsForm(w, r, "met")
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("need"), 10, 64)
	met := f.Values["met"] == "yes"
	err := s.db.SetSupportNeedMet(r.Context(), gr.Actor.User.ID, gr.Member, id, met)
	switch {
	case errors.Is(err, coproduce.ErrNotFound):
		s.notFound(w, r)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	done := "unmet"
	if met {
		done = "met"
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/support?done="+done), http.StatusSeeOther)
}

// groupMembers returns everyone who has been a member of the group,
// current or past, by member id, and the current members in the store's
// order.
func (s *Server) groupMembers(ctx context.Context, groupID int64) (map[int64]*coproduce.Member, []*coproduce.Member, error) {
	all, err := s.db.FindMembers(ctx, groupID, true)
	byID := make(map[int64]*coproduce.Member, len(all))
	var current []*coproduce.Member
	for _, m := range all {
		byID[m.ID] = m
		if m.Current() {
			current = append(current, m)
		}
	}
	return byID, current, err
}
