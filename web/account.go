package web

import (
	"errors"
	"net/http"

	"coproduce"
)

type accountView struct {
	Sessions []*coproduce.Session
	Current  string // the hash of the session viewing the page
	Done     string // what was just done, for the confirmation banner
	Form     *form
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) {
	v := currentVisitor(r)
	sessions, err := s.db.FindUserSessions(r.Context(), v.User.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	done := r.URL.Query().Get("done")
	if _, known := english["account.done."+done]; !known {
		done = ""
	}
	s.render(w, r, http.StatusOK, "account", page{Nav: "account", Data: accountView{
		Sessions: sessions, Current: v.Session.IDHash, Done: done,
	}})
}

func (s *Server) endSession(w http.ResponseWriter, r *http.Request) {
	v := currentVisitor(r)
	err := s.db.DeleteSession(r.Context(), v.User.ID, r.PathValue("id"))
	switch {
	case errors.Is(err, coproduce.ErrNotFound):
		s.notFound(w, r)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	if r.PathValue("id") == v.Session.IDHash {
		s.clearSessionCookie(w, r)
		http.Redirect(w, r, "/?signed-out=1", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/account?done=session", http.StatusSeeOther)
}

func (s *Server) endOtherSessions(w http.ResponseWriter, r *http.Request) {
	v := currentVisitor(r)
	if err := s.db.DeleteOtherSessions(r.Context(), v.User.ID, v.Session.IDHash); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/account?done=sessions", http.StatusSeeOther)
}

func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "password", page{Nav: "account", Data: accountView{Form: newForm()}})
}

// passwordSubmit changes the password. Other sessions end; this one stays.
func (s *Server) passwordSubmit(w http.ResponseWriter, r *http.Request) {
	v := currentVisitor(r)
	f, err := parseForm(w, r, "current", "password")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	if v.User.HasPassword() && !s.checkPassword(v.User.PasswordHash, f.Values["current"]) {
		f.Fail("current", tr("password.error.current"))
	}
	f.FailWith(coproduce.ValidatePassword("password", f.Values["password"]))
	if !f.OK() {
		s.render(w, r, http.StatusUnprocessableEntity, "password", page{Nav: "account", Data: accountView{Form: f}})
		return
	}
	if err := s.db.SetPassword(r.Context(), v.User.ID, s.hashPassword(f.Values["password"]), v.Session.IDHash); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.logger.InfoContext(r.Context(), "password changed", "user", v.User.ID)
	http.Redirect(w, r, "/account?done=password", http.StatusSeeOther)
}

type setupView struct {
	Token string
	Form  *form
}

// setupPage creates the first administrator from the one-time link that
// serve prints on a new installation.
func (s *Server) setupPage(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	if err := s.db.PeekLoginToken(r.Context(), token, coproduce.PurposeSetup); err != nil {
		s.linkProblem(w, r, err, coproduce.PurposeSetup)
		return
	}
	s.render(w, r, http.StatusOK, "setup", page{Data: setupView{Token: token, Form: newForm()}})
}

func (s *Server) setupSubmit(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	f, err := parseForm(w, r, "name", "email", "password")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	u := &coproduce.User{Name: f.Get("name"), Email: f.Values["email"]}
	f.FailWith(u.Validate())
	f.FailWith(coproduce.ValidatePassword("password", f.Values["password"]))
	if !f.OK() {
		if err := s.db.PeekLoginToken(r.Context(), token, coproduce.PurposeSetup); err != nil {
			s.linkProblem(w, r, err, coproduce.PurposeSetup)
			return
		}
		s.render(w, r, http.StatusUnprocessableEntity, "setup", page{Data: setupView{Token: token, Form: f}})
		return
	}
	u.PasswordHash = s.hashPassword(f.Values["password"])
	err = s.db.CreateFirstAdmin(r.Context(), token, u)
	switch {
	case errors.Is(err, coproduce.ErrNotFound), errors.Is(err, coproduce.ErrConflict):
		s.linkProblem(w, r, coproduce.ErrNotFound, coproduce.PurposeSetup)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	if err := s.signIn(w, r, u); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.logger.InfoContext(r.Context(), "first administrator created", "user", u.ID)
	http.Redirect(w, r, "/account?done=setup", http.StatusSeeOther)
}
