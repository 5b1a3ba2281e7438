package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkPublicPages measures server time for each public page through the
// whole handler stack (middleware, routing, rendering), with logging
// discarded so the figure is the page's own cost.
func BenchmarkPublicPages(b *testing.B) {
	s, _ := newTestServer(b)
	s.logger = slog.New(slog.DiscardHandler)
	h := s.Handler()
	for _, path := range []string{"/", "/framework", "/framework/principles/5", "/nowhere", "/healthz"} {
		b.Run(path, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code >= 500 {
					b.Fatalf("status %d", rec.Code)
				}
				io.Copy(io.Discard, rec.Body)
			}
		})
	}
}
