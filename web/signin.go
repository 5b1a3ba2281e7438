package web

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"sync"
	"time"

	"coproduce"
)

// Rate limits on signing in and on asking for emailed links, per source
// address and per account. They are generous for a person and tight for a
// script guessing passwords or flooding someone's inbox.
type rateLimit struct {
	perIP, perEmail int
	window          time.Duration
}

var (
	signInLimit = rateLimit{perIP: 30, perEmail: 10, window: 15 * time.Minute}
	linkLimit   = rateLimit{perIP: 10, perEmail: 5, window: time.Hour}
)

// allowed counts one attempt of kind from this request's address and for
// email, and reports whether both are within their limits.
func (s *Server) allowed(r *http.Request, kind string, l rateLimit, email string) (bool, error) {
	ok, err := s.db.Allow(r.Context(), kind+"-ip:"+s.clientIP(r), l.perIP, l.window)
	if err != nil || !ok {
		return false, err
	}
	// The address is hashed so the limits table holds no personal data.
	sum := sha256.Sum256([]byte(email))
	return s.db.Allow(r.Context(), kind+"-email:"+hex.EncodeToString(sum[:8]), l.perEmail, l.window)
}

// hashPassword hashes with the configured costs, a few at a time.
func (s *Server) hashPassword(password string) string {
	s.hashing <- struct{}{}
	defer func() { <-s.hashing }()
	return coproduce.HashPassword(password, s.cfg.Passwords)
}

// checkPassword compares a password with a hash, a few at a time. For a
// person with no password (or no account) it checks against a stand-in hash
// so the work, and so the time taken, is the same.
func (s *Server) checkPassword(hash, password string) bool {
	s.hashing <- struct{}{}
	defer func() { <-s.hashing }()
	if hash == "" {
		coproduce.CheckPassword(s.standInHash(), password)
		return false
	}
	ok, err := coproduce.CheckPassword(hash, password)
	return ok && err == nil
}

var standIn struct {
	once sync.Once
	hash string
}

func (s *Server) standInHash() string {
	standIn.once.Do(func() { standIn.hash = coproduce.HashPassword("stand-in for a missing account", s.cfg.Passwords) })
	return standIn.hash
}

type signInView struct {
	Form         *form
	Next         string
	DemoAccounts []DemoAccount
	DemoPassword string
}

func (s *Server) signInView(f *form, next string) signInView {
	return signInView{Form: f, Next: next, DemoAccounts: s.cfg.DemoAccounts, DemoPassword: s.cfg.DemoPassword}
}

func (s *Server) signInPage(w http.ResponseWriter, r *http.Request) {
	if currentVisitor(r).User != nil {
		http.Redirect(w, r, localPath(r.URL.Query().Get("next"), "/account"), http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "signin", page{Data: s.signInView(newForm(), r.URL.Query().Get("next"))})
}

func (s *Server) signInSubmit(w http.ResponseWriter, r *http.Request) {
	f, err := parseForm(w, r, "email", "password", "next")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	view := s.signInView(f, f.Values["next"])
	email, emailErr := coproduce.NormalizeEmail(f.Values["email"])
	if emailErr != nil {
		f.Fail("email", emailErr.Error())
	}
	if f.Values["password"] == "" {
		f.Fail("password", tr("signin.error.password"))
	}
	if !f.OK() {
		s.render(w, r, http.StatusUnprocessableEntity, "signin", page{Data: view})
		return
	}
	ok, err := s.allowed(r, "signin", signInLimit, email)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !ok {
		f.Fail("email", tr("signin.error.limit"))
		s.render(w, r, http.StatusTooManyRequests, "signin", page{Data: view})
		return
	}
	u, err := s.db.FindUserByEmail(r.Context(), email)
	hash := ""
	switch {
	case err == nil && !u.Disabled():
		hash = u.PasswordHash
	case err == nil, errors.Is(err, coproduce.ErrNotFound):
	default:
		s.serverError(w, r, err)
		return
	}
	if !s.checkPassword(hash, f.Values["password"]) {
		// One message whichever part was wrong, so the form does not
		// tell a stranger which addresses have accounts.
		f.Fail("email", tr("signin.error.wrong"))
		s.render(w, r, http.StatusUnprocessableEntity, "signin", page{Data: view})
		return
	}
	if err := s.signIn(w, r, u); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.logger.InfoContext(r.Context(), "signed in", "user", u.ID, "method", "password")
	http.Redirect(w, r, localPath(view.Next, "/account"), http.StatusSeeOther)
}

func (s *Server) signOut(w http.ResponseWriter, r *http.Request) {
	if v := currentVisitor(r); v.Session != nil {
		if err := s.db.DeleteSession(r.Context(), v.User.ID, v.Session.IDHash); err != nil && !errors.Is(err, coproduce.ErrNotFound) {
			s.serverError(w, r, err)
			return
		}
	}
	s.clearSessionCookie(w, r)
	http.Redirect(w, r, "/?signed-out=1", http.StatusSeeOther)
}

// linkRequest describes one of the two "email me a link" forms.
type linkRequest struct {
	Purpose string // coproduce.PurposeSignIn or coproduce.PurposeReset
}

type linkRequestView struct {
	Form    *form
	Purpose string
}

func (s *Server) linkRequestPage(lr linkRequest) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.render(w, r, http.StatusOK, "link-request", page{Data: linkRequestView{Form: newForm(), Purpose: lr.Purpose}})
	}
}

// linkRequestSubmit emails a link, or, for an address with no account, an
// email saying so; the page shown is the same either way.
func (s *Server) linkRequestSubmit(lr linkRequest) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f, err := parseForm(w, r, "email")
		if err != nil {
			s.badRequest(w, r)
			return
		}
		view := linkRequestView{Form: f, Purpose: lr.Purpose}
		email, err := coproduce.NormalizeEmail(f.Values["email"])
		if err != nil {
			f.Fail("email", err.Error())
			s.render(w, r, http.StatusUnprocessableEntity, "link-request", page{Data: view})
			return
		}
		ok, err := s.allowed(r, "link-"+lr.Purpose, linkLimit, email)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if !ok {
			f.Fail("email", tr("link.error.limit"))
			s.render(w, r, http.StatusTooManyRequests, "link-request", page{Data: view})
			return
		}
		err = s.db.IssueLoginToken(r.Context(), lr.Purpose, email, func(u *coproduce.User, token string) coproduce.Message {
			return s.linkEmail(lr.Purpose, u, token)
		})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "check-email", page{Data: checkEmailView{Email: email}})
	}
}

// checkEmailView is the page after an email with a link was sent.
type checkEmailView struct {
	Email  string
	Change bool // confirming a new address, rather than signing in
}

// linkEmail writes the email carrying a link, or saying there is no account.
func (s *Server) linkEmail(purpose string, u *coproduce.User, token string) coproduce.Message {
	if u == nil {
		return coproduce.Message{Subject: tr("email.noaccount.subject"), Text: tr("email.noaccount.body", s.cfg.BaseURL)}
	}
	if purpose == coproduce.PurposeReset {
		return coproduce.Message{
			Subject: tr("email.reset.subject"),
			Text:    tr("email.reset.body", u.Name, s.cfg.BaseURL+"/password/reset/"+token, LinkTTLMinutes),
		}
	}
	return coproduce.Message{
		Subject: tr("email.signin.subject"),
		Text:    tr("email.signin.body", u.Name, s.cfg.BaseURL+"/sign-in/link/"+token, LinkTTLMinutes),
	}
}

// LinkTTLMinutes is how long an emailed link works, for the wording of
// emails.
const LinkTTLMinutes = 30

type linkView struct {
	Token string
	Form  *form
}

// signInLinkPage shows a button that uses the link. Opening the link does
// not use it up: email scanners open links, and a GET must change nothing.
func (s *Server) signInLinkPage(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	if err := s.db.PeekLoginToken(r.Context(), token, coproduce.PurposeSignIn); err != nil {
		s.linkProblem(w, r, err, coproduce.PurposeSignIn)
		return
	}
	s.render(w, r, http.StatusOK, "signin-link", page{Data: linkView{Token: token}})
}

func (s *Server) signInLinkSubmit(w http.ResponseWriter, r *http.Request) {
	u, err := s.db.ConsumeLoginToken(r.Context(), r.PathValue("token"), coproduce.PurposeSignIn)
	if err != nil {
		s.linkProblem(w, r, err, coproduce.PurposeSignIn)
		return
	}
	if err := s.signIn(w, r, u); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.logger.InfoContext(r.Context(), "signed in", "user", u.ID, "method", "link")
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}

func (s *Server) resetPasswordPage(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	if err := s.db.PeekLoginToken(r.Context(), token, coproduce.PurposeReset); err != nil {
		s.linkProblem(w, r, err, coproduce.PurposeReset)
		return
	}
	s.render(w, r, http.StatusOK, "reset-password", page{Data: linkView{Token: token, Form: newForm()}})
}

func (s *Server) resetPasswordSubmit(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	f, err := parseForm(w, r, "password")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	if f.FailWith(coproduce.ValidatePassword("password", f.Values["password"])) {
		if err := s.db.PeekLoginToken(r.Context(), token, coproduce.PurposeReset); err != nil {
			s.linkProblem(w, r, err, coproduce.PurposeReset)
			return
		}
		s.render(w, r, http.StatusUnprocessableEntity, "reset-password", page{Data: linkView{Token: token, Form: f}})
		return
	}
	u, err := s.db.ConsumeLoginToken(r.Context(), token, coproduce.PurposeReset)
	if err != nil {
		s.linkProblem(w, r, err, coproduce.PurposeReset)
		return
	}
	if err := s.db.SetPassword(r.Context(), u.ID, s.hashPassword(f.Values["password"]), ""); err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.signIn(w, r, u); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.logger.InfoContext(r.Context(), "password reset", "user", u.ID)
	http.Redirect(w, r, "/account?done=password", http.StatusSeeOther)
}

// linkProblem answers for a link that cannot be used: expired, used,
// replaced by a newer one, or never issued. All look the same.
func (s *Server) linkProblem(w http.ResponseWriter, r *http.Request, err error, purpose string) {
	if !errors.Is(err, coproduce.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusNotFound, "link-expired", page{Data: purpose})
}

// badRequest answers a request whose body could not be read as a form.
func (s *Server) badRequest(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusBadRequest, "error", page{})
}
