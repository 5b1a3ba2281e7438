package web

import "net/http"

// routes is the whole route table of the web layer.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()

	// Public pages.
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("GET /framework", s.frameworkIndex)
	mux.HandleFunc("GET /framework/principles/{number}", s.principle)

	// Operations.
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)

	// Static files.
	mux.Handle("GET /static/{name}", s.static)
	mux.HandleFunc("GET /favicon.ico", s.static.favicon)

	mux.HandleFunc("/", s.notFound)
	return mux
}
