package web

import (
	"errors"
	"net/http"
	"strconv"

	"coproduce"
	"coproduce/store"
)

type inviteView struct {
	*groupRequest
	Form *form
}

func (s *Server) invitePage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.ManageMembers)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "invite", page{Nav: "groups", Data: inviteView{groupRequest: gr, Form: newForm()}})
}

func (s *Server) inviteSubmit(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.ManageMembers)
	if !ok {
		return
	}
	f, err := parseForm(w, r, "email", "constituency", "role", "reason")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	inv := &coproduce.Invitation{
		GroupID: gr.Group.ID, Email: f.Values["email"], Constituency: coproduce.Constituency(f.Values["constituency"]),
		Role: coproduce.Role(f.Values["role"]), Reason: f.Get("reason"), InvitedBy: gr.Actor.User.ID,
	}
	err = s.db.CreateInvitation(r.Context(), inv, func(token string) coproduce.Message {
		return coproduce.Message{
			Subject: tr("email.invite.subject", gr.Group.Name),
			Text: tr("email.invite.body", gr.Actor.User.Name, gr.Group.Name, tr("role."+string(inv.Role)),
				s.cfg.BaseURL+"/invitations/"+token, int(coproduce.InvitationTTL.Hours()/24)),
		}
	})
	switch {
	case f.FailWith(err):
	case errors.Is(err, coproduce.ErrConflict):
		f.Fail("email", tr("invite.error.taken"))
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	if !f.OK() {
		s.render(w, r, http.StatusUnprocessableEntity, "invite", page{Nav: "groups", Data: inviteView{groupRequest: gr, Form: f}})
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/members?done=invited"), http.StatusSeeOther)
}

func (s *Server) inviteRevoke(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.ManageMembers)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("invitation"), 10, 64)
	if err == nil {
		err = s.db.RevokeInvitation(r.Context(), gr.Actor.User.ID, gr.Group.ID, id)
	}
	switch {
	case err != nil && (errors.Is(err, coproduce.ErrNotFound) || errors.Is(err, strconv.ErrSyntax) || errors.Is(err, strconv.ErrRange)):
		s.notFound(w, r)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/members?done=revoked"), http.StatusSeeOther)
}

type invitationView struct {
	Invitation   *coproduce.Invitation
	Group        *coproduce.Group
	Token        string
	HasAccount   bool // the invited address already has an account
	WrongAccount bool // signed in as someone else
	Form         *form
}

// loadInvitation finds the pending invitation for the token in the path,
// answering "this link cannot be used" when there is none.
func (s *Server) loadInvitation(w http.ResponseWriter, r *http.Request) (*invitationView, bool) {
	token := r.PathValue("token")
	inv, err := s.db.FindInvitationByToken(r.Context(), token)
	if err == nil && !inv.Pending(s.db.Now()) {
		err = coproduce.ErrNotFound
	}
	if err != nil {
		s.linkProblem(w, r, err, "invitation")
		return nil, false
	}
	g, err := s.db.FindGroupByID(r.Context(), inv.GroupID)
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	v := &invitationView{Invitation: inv, Group: g, Token: token, Form: newForm()}
	if u := currentVisitor(r).User; u != nil {
		v.WrongAccount = u.Email != inv.Email
	} else {
		_, err := s.db.FindUserByEmail(r.Context(), inv.Email)
		v.HasAccount = err == nil
		if err != nil && !errors.Is(err, coproduce.ErrNotFound) {
			s.serverError(w, r, err)
			return nil, false
		}
	}
	return v, true
}

// invitationPage shows what the invitation is for. Opening it changes
// nothing; accepting is a button.
func (s *Server) invitationPage(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadInvitation(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "invitation", page{Data: v})
}

// invitationAccept makes the person a member. Someone signed in with the
// invited address accepts as they are; someone not signed in, whose address
// has no account yet, gets one (the link proves they own the address).
func (s *Server) invitationAccept(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadInvitation(w, r)
	if !ok {
		return
	}
	u := currentVisitor(r).User
	if u == nil {
		if v.HasAccount {
			http.Redirect(w, r, "/sign-in?next=/invitations/"+v.Token, http.StatusSeeOther)
			return
		}
		f, err := parseForm(w, r, "name", "password")
		if err != nil {
			s.badRequest(w, r)
			return
		}
		v.Form = f
		u = &coproduce.User{Name: f.Get("name"), Email: v.Invitation.Email}
		f.FailWith(u.Validate())
		if f.Values["password"] != "" {
			f.FailWith(coproduce.ValidatePassword("password", f.Values["password"]))
		}
		if !f.OK() {
			s.render(w, r, http.StatusUnprocessableEntity, "invitation", page{Data: v})
			return
		}
		if f.Values["password"] != "" {
			u.PasswordHash = s.hashPassword(f.Values["password"])
		}
		err = s.db.CreateUser(r.Context(), u)
		if errors.Is(err, coproduce.ErrConflict) {
			// An account for the address appeared since the page loaded.
			http.Redirect(w, r, "/sign-in?next=/invitations/"+v.Token, http.StatusSeeOther)
			return
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if err := s.signIn(w, r, u); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	m, err := s.db.AcceptInvitation(r.Context(), v.Token, u)
	switch {
	case errors.Is(err, store.ErrWrongAccount):
		v.WrongAccount = true
		s.render(w, r, http.StatusForbidden, "invitation", page{Data: v})
		return
	case errors.Is(err, coproduce.ErrConflict):
		// Already a member: the invitation has nothing left to do.
	case err != nil:
		s.linkProblem(w, r, err, "invitation")
		return
	default:
		s.logger.InfoContext(r.Context(), "invitation accepted", "member", m.ID, "group", m.GroupID)
	}
	o, err := s.db.FindOrganisationByID(r.Context(), v.Group.OrganisationID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// Every new member reads the precepts first.
	http.Redirect(w, r, groupPath(o, v.Group, "/precepts"), http.StatusSeeOther)
}
