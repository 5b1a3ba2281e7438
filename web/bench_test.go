package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
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

// BenchmarkGroupPages measures server time for the signed-in group pages,
// as the chair of a group with a handful of members, through the whole
// handler stack including the session lookup and the permission check.
func BenchmarkGroupPages(b *testing.B) {
	w := newWorld(b)
	w.s.logger = slog.New(slog.DiscardHandler)
	g := "/o/brookfield/g/larkhill"
	for _, path := range []string{g, g + "/members", g + "/members/" + idValue(w.members["resident"].ID), g + "/audit", "/account", "/o/brookfield"} {
		b.Run(path[strings.LastIndex(path, "/"):], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rec := w.request("chair", http.MethodGet, path, nil)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
}
