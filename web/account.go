package web

import (
	"encoding/json"
	"errors"
	"net/http"

	"coproduce"
)

type accountView struct {
	Groups   []accountGroup
	Sessions []*coproduce.Session
	Current  string // the hash of the session viewing the page
	Done     string // what was just done, for the confirmation banner
	Form     *form
}

// accountGroup is one of the person's groups on their account page.
type accountGroup struct {
	Path, Name string
	Member     *coproduce.Member
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) {
	v := currentVisitor(r)
	sessions, err := s.db.FindUserSessions(r.Context(), v.User.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	groups, err := s.db.FindUserGroups(r.Context(), v.User.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	done := r.URL.Query().Get("done")
	if _, known := english["account.done."+done]; !known {
		done = ""
	}
	view := accountView{Sessions: sessions, Current: v.Session.IDHash, Done: done}
	for _, g := range groups {
		view.Groups = append(view.Groups, accountGroup{Path: groupPath(g.Organisation, g.Group, ""), Name: g.Group.Name, Member: g.Member})
	}
	s.render(w, r, http.StatusOK, "account", page{Nav: "account", Data: view})
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

// accountData sends the person everything the product holds about them, as
// JSON.
func (s *Server) accountData(w http.ResponseWriter, r *http.Request) {
	v := currentVisitor(r)
	d, err := s.db.ExportPersonalData(r.Context(), v.User.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="coproduce-personal-data.json"`)
	w.Header().Set("Cache-Control", "no-store")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		s.logger.ErrorContext(r.Context(), "writing personal data", "err", err)
	}
}

func (s *Server) erasePage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "erase", page{Nav: "account", Data: newForm()})
}

// eraseSubmit deletes the person's account once they confirm.
func (s *Server) eraseSubmit(w http.ResponseWriter, r *http.Request) {
	v := currentVisitor(r)
	f, err := parseForm(w, r, "confirm")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	if f.Values["confirm"] != "yes" {
		f.Fail("confirm", tr("erase.error.confirm"))
		s.render(w, r, http.StatusUnprocessableEntity, "erase", page{Nav: "account", Data: f})
		return
	}
	if err := s.db.EraseUser(r.Context(), v.User.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.logger.InfoContext(r.Context(), "account erased")
	s.clearSessionCookie(w, r)
	http.Redirect(w, r, "/?erased=1", http.StatusSeeOther)
}

func (s *Server) emailPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "email", page{Nav: "account", Data: accountView{Form: newForm()}})
}

// emailSubmit sends a confirmation link to the new address. The page that
// follows is the same whether or not the address already has an account.
func (s *Server) emailSubmit(w http.ResponseWriter, r *http.Request) {
	v := currentVisitor(r)
	f, err := parseForm(w, r, "email", "current")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	if v.User.HasPassword() && !s.checkPassword(v.User.PasswordHash, f.Values["current"]) {
		f.Fail("current", tr("password.error.current"))
	}
	// Someone with a password proves who they are by typing it, and the
	// link goes to the new address to prove they own it. Someone without a
	// password proves who they are only by their address, so the link goes
	// there instead: a stolen session alone cannot move the account.
	sendTo := ""
	if !v.User.HasPassword() {
		sendTo = v.User.Email
	}
	if f.OK() {
		ok, err := s.allowed(r, "email-change", linkLimit, v.User.Email)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if !ok {
			f.Fail("email", tr("link.error.limit"))
			s.render(w, r, http.StatusTooManyRequests, "email", page{Nav: "account", Data: accountView{Form: f}})
			return
		}
	}
	if f.OK() {
		err = s.db.RequestEmailChange(r.Context(), v.User.ID, f.Values["email"], sendTo, func(taken bool, token string) coproduce.Message {
			if taken {
				return coproduce.Message{Subject: tr("email.changetaken.subject"), Text: tr("email.changetaken.body")}
			}
			return coproduce.Message{Subject: tr("email.change.subject"),
				Text: tr("email.change.body", v.User.Name, s.cfg.BaseURL+"/account/email/"+token, LinkTTLMinutes)}
		})
		if !f.FailWith(err) && err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if !f.OK() {
		s.render(w, r, http.StatusUnprocessableEntity, "email", page{Nav: "account", Data: accountView{Form: f}})
		return
	}
	to := f.Get("email")
	if sendTo != "" {
		to = sendTo
	}
	s.render(w, r, http.StatusOK, "check-email", page{Data: checkEmailView{Email: to, Change: true}})
}

func (s *Server) emailConfirmPage(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	if err := s.db.PeekLoginToken(r.Context(), token, coproduce.PurposeEmail); err != nil {
		s.linkProblem(w, r, err, coproduce.PurposeEmail)
		return
	}
	s.render(w, r, http.StatusOK, "email-confirm", page{Data: linkView{Token: token}})
}

func (s *Server) emailConfirmSubmit(w http.ResponseWriter, r *http.Request) {
	u, err := s.db.ConfirmEmailChange(r.Context(), r.PathValue("token"), func(old string, u *coproduce.User) coproduce.Message {
		return coproduce.Message{Subject: tr("email.changed.subject"), Text: tr("email.changed.body", u.Name, u.Email)}
	})
	switch {
	case errors.Is(err, coproduce.ErrConflict):
		s.linkProblem(w, r, coproduce.ErrNotFound, coproduce.PurposeEmail)
		return
	case err != nil:
		s.linkProblem(w, r, err, coproduce.PurposeEmail)
		return
	}
	s.logger.InfoContext(r.Context(), "email address changed", "user", u.ID)
	if currentVisitor(r).User != nil {
		http.Redirect(w, r, "/account?done=email", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/sign-in", http.StatusSeeOther)
}

func (s *Server) namePage(w http.ResponseWriter, r *http.Request) {
	f := newForm()
	f.Values["name"] = currentVisitor(r).User.Name
	s.render(w, r, http.StatusOK, "name", page{Nav: "account", Data: accountView{Form: f}})
}

func (s *Server) nameSubmit(w http.ResponseWriter, r *http.Request) {
	f, err := parseForm(w, r, "name")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	err = s.db.SetUserName(r.Context(), currentVisitor(r).User.ID, f.Get("name"))
	if f.FailWith(err) {
		s.render(w, r, http.StatusUnprocessableEntity, "name", page{Nav: "account", Data: accountView{Form: f}})
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/account?done=name", http.StatusSeeOther)
}
