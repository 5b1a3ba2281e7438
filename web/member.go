package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"coproduce"
	"coproduce/store"
)

type membersView struct {
	*groupRequest
	Current, Former []*coproduce.Member
	Invitations     []*coproduce.Invitation
	Done            string
}

func (s *Server) membersPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroup)
	if !ok {
		return
	}
	all, err := s.db.FindMembers(r.Context(), gr.Group.ID, true)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := membersView{groupRequest: gr, Done: doneMessage(r, "members.done.")}
	for _, m := range all {
		if m.Current() {
			v.Current = append(v.Current, m)
		} else {
			v.Former = append(v.Former, m)
		}
	}
	if gr.Actor.CanInGroup(coproduce.ManageMembers, gr.Group) {
		if v.Invitations, err = s.db.FindPendingInvitations(r.Context(), gr.Group.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "members", page{Nav: "groups", Data: v})
}

type memberView struct {
	*groupRequest
	M       *coproduce.Member
	Members map[int64]*coproduce.Member // the group's members by id, for names
	Current []*coproduce.Member         // for choosing who took part in an induction
	Form    *form
	Leave   *form
	Done    string
}

// loadMember finds the member in the path within an already loaded group.
func (s *Server) loadMember(w http.ResponseWriter, r *http.Request, gr *groupRequest) (*memberView, bool) {
	id, err := strconv.ParseInt(r.PathValue("member"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return nil, false
	}
	all, err := s.db.FindMembers(r.Context(), gr.Group.ID, true)
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	v := &memberView{groupRequest: gr, Members: map[int64]*coproduce.Member{}, Done: doneMessage(r, "member.done.")}
	for _, m := range all {
		v.Members[m.ID] = m
		if m.Current() {
			v.Current = append(v.Current, m)
		}
	}
	if v.M = v.Members[id]; v.M == nil {
		s.notFound(w, r)
		return nil, false
	}
	return v, true
}

// memberForm fills a form with a member's editable fields.
func memberForm(m *coproduce.Member) *form {
	f := newForm()
	f.Values["role"], f.Values["constituency"] = string(m.Role), string(m.Constituency)
	f.Values["role_description"] = m.RoleDescription
	if m.RoleDescription == "" {
		// Members start from the product's description of their role.
		f.Values["role_description"] = tr("role." + string(m.Role) + ".template")
	}
	f.Values["selection_method"], f.Values["selection_notes"] = m.SelectionMethod, m.SelectionNotes
	f.Values["selected_on"], f.Values["inducted_on"] = dateValue(m.SelectedAt), dateValue(m.InductedAt)
	f.Values["inducted_by_resident"] = idValue(m.InductedByResidentID)
	f.Values["inducted_by_organisation"] = idValue(m.InductedByOrganisationID)
	f.Values["induction_notes"] = m.InductionNotes
	return f
}

func dateValue(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(london).Format("2006-01-02")
}

func idValue(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

func (s *Server) memberPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroup)
	if !ok {
		return
	}
	v, ok := s.loadMember(w, r, gr)
	if !ok {
		return
	}
	v.Form, v.Leave = memberForm(v.M), newForm()
	s.render(w, r, http.StatusOK, "member", page{Nav: "groups", Data: v})
}

func (s *Server) memberSubmit(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.ManageMembers)
	if !ok {
		return
	}
	v, ok := s.loadMember(w, r, gr)
	if !ok {
		return
	}
	f, err := parseForm(w, r, "role", "constituency", "role_description", "selection_method", "selection_notes",
		"selected_on", "inducted_on", "inducted_by_resident", "inducted_by_organisation", "induction_notes")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	v.Form, v.Leave = f, newForm()
	role, constituency := coproduce.Role(f.Values["role"]), coproduce.Constituency(f.Values["constituency"])
	upd := store.MemberUpdate{
		Role: &role, Constituency: &constituency,
		RoleDescription: ptr(f.Get("role_description")),
		SelectionMethod: ptr(f.Get("selection_method")), SelectionNotes: ptr(f.Get("selection_notes")),
		InductionNotes: ptr(f.Get("induction_notes")),
		SelectedAt:     ptr(parseDate(f, "selected_on")), InductedAt: ptr(parseDate(f, "inducted_on")),
		InductedByResidentID:     ptr(memberChoice(f, "inducted_by_resident", v, coproduce.Residents)),
		InductedByOrganisationID: ptr(memberChoice(f, "inducted_by_organisation", v, coproduce.OrganisationSide)),
	}
	if f.OK() {
		_, err = s.db.UpdateMember(r.Context(), gr.Actor.User.ID, gr.Group.ID, v.M.ID, upd)
		if !f.FailWith(err) && err != nil {
			if errors.Is(err, coproduce.ErrNotFound) {
				s.notFound(w, r)
				return
			}
			s.serverError(w, r, err)
			return
		}
	}
	if !f.OK() {
		s.render(w, r, http.StatusUnprocessableEntity, "member", page{Nav: "groups", Data: v})
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/members/"+idValue(v.M.ID)+"?done=saved"), http.StatusSeeOther)
}

func (s *Server) memberLeave(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.ManageMembers)
	if !ok {
		return
	}
	v, ok := s.loadMember(w, r, gr)
	if !ok {
		return
	}
	f, err := parseForm(w, r, "handover_note", "reason")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	err = s.db.EndMembership(r.Context(), gr.Actor.User.ID, gr.Group.ID, v.M.ID, f.Get("handover_note"), f.Get("reason"))
	switch {
	case f.FailWith(err):
		v.Form, v.Leave = memberForm(v.M), f
		s.render(w, r, http.StatusUnprocessableEntity, "member", page{Nav: "groups", Data: v})
		return
	case errors.Is(err, coproduce.ErrNotFound):
		s.notFound(w, r)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/members?done=left"), http.StatusSeeOther)
}

// parseDate reads a yyyy-mm-dd field as midday in London (so the day is
// the same in UTC), recording a problem if it is not a date. Empty is the
// zero time.
func parseDate(f *form, field string) time.Time {
	v := f.Get(field)
	if v == "" {
		return time.Time{}
	}
	d, err := time.ParseInLocation("2006-01-02", v, london)
	if err != nil {
		f.Fail(field, tr("form.error.date"))
		return time.Time{}
	}
	return d.Add(12 * time.Hour).UTC()
}

// memberChoice reads a field naming a current member of the given
// constituency (or nothing).
func memberChoice(f *form, field string, v *memberView, c coproduce.Constituency) int64 {
	raw := f.Get(field)
	if raw == "" {
		return 0
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if m := v.Members[id]; err != nil || m == nil || m.Constituency != c {
		f.Fail(field, tr("member.error.inductor"))
		return 0
	}
	return id
}

func ptr[T any](v T) *T { return &v }
