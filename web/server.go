// Package web serves the product's HTML pages, its static files and the
// health endpoints. routes.go holds the whole route table; each resource has
// a file of handlers; templates/ and static/ are embedded in the binary.
package web

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"

	"coproduce"
	"coproduce/framework"
	"coproduce/store"
)

// Config is what the web layer is told at start-up.
type Config struct {
	// BaseURL is the address people reach the site at, such as
	// https://coproduce.example.org; links in emails start with it.
	BaseURL string
	// TrustedProxies are the reverse proxies whose X-Forwarded-For and
	// X-Forwarded-Proto headers are believed. Requests from anywhere else
	// are taken at face value.
	TrustedProxies []netip.Prefix
	Sessions       store.SessionPolicy
	Passwords      coproduce.PasswordParams
	// DemoAccounts, in demo mode only, are listed on the sign-in page with
	// DemoPassword, so a newcomer can try each kind of person.
	DemoAccounts []DemoAccount
	DemoPassword string
}

// DemoAccount is a demo person the sign-in page offers.
type DemoAccount struct {
	Email, Name, About string
}

// Server holds the dependencies of the handlers. Build it with New.
type Server struct {
	db        *store.DB
	framework *framework.Framework
	logger    *slog.Logger
	cfg       Config
	pages     pages
	static    *staticFiles

	// ready reports whether the database can serve; tests replace it.
	ready func(ctx context.Context) error
	// hashing bounds how many password hashes run at once: each takes
	// tens of megabytes for a third of a second.
	hashing chan struct{}
	metrics *metrics
}

// New returns a Server ready to serve, with every template parsed. It fails
// if a template does not parse or the configuration is unusable.
func New(db *store.DB, fw *framework.Framework, logger *slog.Logger, cfg Config) (*Server, error) {
	if !strings.HasPrefix(cfg.BaseURL, "http://") && !strings.HasPrefix(cfg.BaseURL, "https://") {
		return nil, fmt.Errorf("base URL %q: it must start with http:// or https://", cfg.BaseURL)
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	s := &Server{db: db, framework: fw, logger: logger, cfg: cfg, ready: db.Ready, hashing: make(chan struct{}, 4)}
	var err error
	if s.static, err = newStaticFiles(); err != nil {
		return nil, err
	}
	if s.pages, err = parsePages(s.static); err != nil {
		return nil, err
	}
	s.metrics = s.newMetrics()
	return s, nil
}

// Handler returns the whole HTTP handler: routes wrapped in the middleware
// every request passes through.
func (s *Server) Handler() http.Handler {
	return s.middleware(routed(s.routes()))
}
