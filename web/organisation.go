package web

import (
	"errors"
	"net/http"

	"coproduce"
)

type organisationView struct {
	Organisation *coproduce.Organisation
	Actor        *coproduce.Actor
	Groups       []*coproduce.Group
	Admins       []*coproduce.User // shown to those who manage the organisation
	CanManage    bool              // add groups
	CanAppoint   bool              // appoint administrators
	GroupForm    *form
	AdminForm    *form
	Done         string
}

// organisationPage is public: the organisation and its groups. Those who
// manage it also see its administrators and the forms to add groups and
// administrators.
func (s *Server) organisationPage(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadOrganisation(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "organisation", page{Nav: "groups", Data: v})
}

func (s *Server) loadOrganisation(w http.ResponseWriter, r *http.Request) (*organisationView, bool) {
	o, err := s.db.FindOrganisationBySlug(r.Context(), r.PathValue("org"))
	if errors.Is(err, coproduce.ErrNotFound) {
		s.notFound(w, r)
		return nil, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	actor, err := s.actor(r)
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	v := &organisationView{Organisation: o, Actor: actor, CanManage: actor.CanInOrganisation(coproduce.ManageOrganisation, o.ID),
		CanAppoint: actor.CanInOrganisation(coproduce.AppointAdministrators, o.ID),
		GroupForm:  newForm(), AdminForm: newForm(), Done: doneMessage(r, "organisation.done.")}
	if v.Groups, err = s.db.FindGroups(r.Context(), o.ID); err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	if v.CanManage {
		if v.Admins, err = s.db.FindOrganisationAdmins(r.Context(), o.ID); err != nil {
			s.serverError(w, r, err)
			return nil, false
		}
	}
	return v, true
}

// groupCreate adds a group to the organisation. Its administrators then
// invite the chair and members.
func (s *Server) groupCreate(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadOrganisation(w, r)
	if !ok {
		return
	}
	if !v.CanManage {
		s.notFound(w, r)
		return
	}
	f, err := parseForm(w, r, "name", "slug", "area")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	v.GroupForm = f
	g := &coproduce.Group{OrganisationID: v.Organisation.ID, Name: f.Get("name"), Slug: f.Get("slug"), Area: f.Get("area")}
	err = s.db.CreateGroup(r.Context(), g)
	switch {
	case f.FailWith(err):
	case errors.Is(err, coproduce.ErrConflict):
		f.Fail("slug", tr("organisation.error.slug"))
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	if !f.OK() {
		s.render(w, r, http.StatusUnprocessableEntity, "organisation", page{Nav: "groups", Data: v})
		return
	}
	http.Redirect(w, r, groupPath(v.Organisation, g, "?done=created"), http.StatusSeeOther)
}

// adminAdd makes an existing account an administrator of the
// organisation. Only site administrators appoint them: they can see every
// account anyway, so telling them an address has none gives nothing away.
func (s *Server) adminAdd(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadOrganisation(w, r)
	if !ok {
		return
	}
	if !v.CanAppoint {
		s.notFound(w, r)
		return
	}
	f, err := parseForm(w, r, "email")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	v.AdminForm = f
	u, err := s.db.FindUserByEmail(r.Context(), f.Values["email"])
	switch {
	case errors.Is(err, coproduce.ErrNotFound):
		f.Fail("email", tr("organisation.error.noaccount"))
	case err != nil:
		s.serverError(w, r, err)
		return
	default:
		if err := s.db.AddOrganisationAdmin(r.Context(), v.Actor.User.ID, v.Organisation.ID, u.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if !f.OK() {
		s.render(w, r, http.StatusUnprocessableEntity, "organisation", page{Nav: "groups", Data: v})
		return
	}
	http.Redirect(w, r, "/o/"+v.Organisation.Slug+"?done=admin", http.StatusSeeOther)
}

type organisationsView struct {
	Organisations []*coproduce.Organisation
	CanCreate     bool
	Form          *form
}

// organisationsPage lists every organisation; site administrators can add
// one.
func (s *Server) organisationsPage(w http.ResponseWriter, r *http.Request) {
	s.renderOrganisations(w, r, http.StatusOK, newForm())
}

func (s *Server) renderOrganisations(w http.ResponseWriter, r *http.Request, status int, f *form) {
	actor, err := s.actor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	orgs, err := s.db.FindOrganisations(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "organisations", page{Nav: "groups", Data: organisationsView{
		Organisations: orgs, CanCreate: actor.CanInOrganisation(coproduce.CreateOrganisation, 0), Form: f,
	}})
}

func (s *Server) organisationCreate(w http.ResponseWriter, r *http.Request) {
	actor, err := s.actor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !actor.CanInOrganisation(coproduce.CreateOrganisation, 0) {
		s.notFound(w, r)
		return
	}
	f, err := parseForm(w, r, "name", "slug")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	o := &coproduce.Organisation{Name: f.Get("name"), Slug: f.Get("slug")}
	err = s.db.CreateOrganisation(r.Context(), o)
	switch {
	case f.FailWith(err):
	case errors.Is(err, coproduce.ErrConflict):
		f.Fail("slug", tr("organisation.error.slug"))
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	if !f.OK() {
		s.renderOrganisations(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	if err := s.db.AddOrganisationAdmin(r.Context(), actor.User.ID, o.ID, actor.User.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/o/"+o.Slug+"?done=created", http.StatusSeeOther)
}
