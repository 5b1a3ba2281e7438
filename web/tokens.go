package web

import (
	"errors"
	"net/http"
	"strconv"

	"coproduce"
)

// tokensView is the page of a person's API tokens.
type tokensView struct {
	Tokens []*coproduce.APIToken
	Form   *form
	Scopes []option
	Secret string // the token just made, shown once
	Done   string
}

func scopeOptions() []option {
	return []option{
		{Value: string(coproduce.ScopeRead), Label: tr("tokens.scope.read"), Hint: tr("tokens.scope.read.hint")},
		{Value: string(coproduce.ScopeReadWrite), Label: tr("tokens.scope.read-write"), Hint: tr("tokens.scope.read-write.hint")},
	}
}

// tokensPage lists the person's API tokens, with the form for a new one.
func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request) {
	f := newForm()
	f.Values["scope"] = string(coproduce.ScopeRead)
	s.renderTokens(w, r, http.StatusOK, &tokensView{Form: f, Done: doneMessage(r, "tokens.done.")})
}

func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, status int, v *tokensView) {
	var err error
	if v.Tokens, err = s.db.FindAPITokens(r.Context(), currentVisitor(r).User.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Scopes = scopeOptions()
	s.render(w, r, status, "tokens", page{Nav: "account", Data: v})
}

// tokenCreate makes a token and shows its secret on the page it answers
// with, once: never in an address, where it would reach logs and history.
func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request) {
	f, err := parseForm(w, r, "name", "scope")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	secret, _, err := s.db.CreateAPIToken(r.Context(), currentVisitor(r).User.ID, f.Get("name"), coproduce.APIScope(f.Get("scope")))
	if f.FailWith(err) {
		s.renderTokens(w, r, http.StatusUnprocessableEntity, &tokensView{Form: f})
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	fresh := newForm()
	fresh.Values["scope"] = string(coproduce.ScopeRead)
	s.renderTokens(w, r, http.StatusCreated, &tokensView{Form: fresh, Secret: secret})
}

func (s *Server) tokenRevoke(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	err := s.db.RevokeAPIToken(r.Context(), currentVisitor(r).User.ID, id)
	if errors.Is(err, coproduce.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/account/tokens?done=revoked", http.StatusSeeOther)
}
