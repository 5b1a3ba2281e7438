// Package web serves the product's HTML pages, its static files and the
// health endpoints. routes.go holds the whole route table; each resource has
// a file of handlers; templates/ and static/ are embedded in the binary.
package web

import (
	"context"
	"log/slog"
	"net/http"

	"coproduce/framework"
)

// Store is what the web layer needs of the database.
type Store interface {
	// Ready reports whether the database answers and is fully migrated.
	Ready(ctx context.Context) error
}

// Server holds the dependencies of the handlers. Build it with New.
type Server struct {
	store     Store
	framework *framework.Framework
	logger    *slog.Logger
	pages     pages
	static    *staticFiles
}

// New returns a Server ready to serve, with every template parsed. It fails
// if a template does not parse.
func New(st Store, fw *framework.Framework, logger *slog.Logger) (*Server, error) {
	s := &Server{store: st, framework: fw, logger: logger}
	var err error
	if s.static, err = newStaticFiles(); err != nil {
		return nil, err
	}
	if s.pages, err = parsePages(s.static); err != nil {
		return nil, err
	}
	return s, nil
}

// Handler returns the whole HTTP handler: routes wrapped in the middleware
// every request passes through.
func (s *Server) Handler() http.Handler {
	return s.middleware(s.routes())
}
