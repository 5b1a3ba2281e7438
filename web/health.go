package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"coproduce/store"
)

// healthz answers 200 while the process is up; it touches nothing else, so
// a load balancer restarting on failure restarts only a truly stuck process.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers 200 when the database answers and is fully migrated, and
// 503 otherwise, so a load balancer sends traffic only to instances that can
// serve it.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.ready(ctx); err != nil {
		s.logger.WarnContext(r.Context(), "not ready", "err", err)
		// The reason is public, so it names the condition, never the
		// driver's message (which can carry host names).
		reason := "database unreachable"
		switch {
		case errors.Is(err, store.ErrNotMigrated):
			reason = "database migrations pending"
		case errors.Is(err, store.ErrSchemaTooNew):
			reason = "database schema is newer than this release"
		}
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": reason})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
