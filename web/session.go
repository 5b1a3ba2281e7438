package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"coproduce"
)

// Session cookie names. Over HTTPS the __Host- prefix makes the browser
// refuse the cookie unless it is Secure, for this host only, and for every
// path, so a sibling subdomain cannot plant one.
const (
	cookieName       = "coproduce_session"
	secureCookieName = "__Host-coproduce_session"
)

type visitorKey struct{}

// visitor is who is making a request: a signed-in person with their
// session, or nobody.
type visitor struct {
	User    *coproduce.User
	Session *coproduce.Session
}

// currentVisitor returns the request's visitor; User is nil for someone not
// signed in.
func currentVisitor(r *http.Request) visitor {
	v, _ := r.Context().Value(visitorKey{}).(visitor)
	return v
}

// isSecure reports whether the person's browser reached us over HTTPS,
// directly or through a trusted proxy.
func (s *Server) isSecure(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	return s.fromTrustedProxy(r) && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

func (s *Server) fromTrustedProxy(r *http.Request) bool {
	addr, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	for _, p := range s.cfg.TrustedProxies {
		if p.Contains(addr.Addr().Unmap()) {
			return true
		}
	}
	return false
}

// clientIP returns the address of the person's browser: the connection's
// address, or, when that is a trusted proxy, the nearest address in
// X-Forwarded-For that is not one (the ones further left can be forged).
func (s *Server) clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if !s.fromTrustedProxy(r) {
		return host
	}
	hops := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		ip, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		trusted := false
		for _, p := range s.cfg.TrustedProxies {
			trusted = trusted || p.Contains(ip.Unmap())
		}
		if !trusted {
			return ip.Unmap().String()
		}
	}
	return host
}

func (s *Server) cookieName(r *http.Request) string {
	if s.isSecure(r) {
		return secureCookieName
	}
	return cookieName
}

// loadSession puts the visitor of each request in its context.
func (s *Server) loadSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(s.cookieName(r))
		if err != nil || c.Value == "" {
			next.ServeHTTP(w, r)
			return
		}
		session, user, err := s.db.FindSession(r.Context(), c.Value, s.cfg.Sessions)
		switch {
		case errors.Is(err, coproduce.ErrNotFound):
			s.clearSessionCookie(w, r)
		case err != nil:
			s.serverError(w, r, err)
			return
		default:
			ctx := context.WithValue(r.Context(), visitorKey{}, visitor{User: user, Session: session})
			r = r.WithContext(ctx)
		}
		next.ServeHTTP(w, r)
	})
}

// signIn starts a new session for u and sets its cookie. A fresh session id
// at every sign-in means an id known before it is worthless after.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request, u *coproduce.User) error {
	token, err := s.db.CreateSession(r.Context(), u.ID, r.UserAgent(), s.cfg.Sessions)
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{
		Name:     s.cookieName(r),
		Value:    token,
		Path:     "/",
		MaxAge:   int(s.cfg.Sessions.Absolute / time.Second),
		HttpOnly: true,
		Secure:   s.isSecure(r),
		SameSite: http.SameSiteLaxMode,
	})
	return nil
}

func (s *Server) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{
		Name: s.cookieName(r), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.isSecure(r), SameSite: http.SameSiteLaxMode,
	})
}

// requireUser wraps a handler that needs a signed-in person; anyone else is
// sent to sign in and brought back afterwards.
func (s *Server) requireUser(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if currentVisitor(r).User == nil {
			http.Redirect(w, r, "/sign-in?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		h(w, r)
	}
}

// localPath returns next if it is a path on this site, and fallback
// otherwise, so a sign-in link cannot send someone to another site.
func localPath(next, fallback string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return fallback
	}
	u, err := url.Parse(next)
	if err != nil || u.Host != "" || u.Scheme != "" {
		return fallback
	}
	return next
}
