package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"coproduce"
	"coproduce/framework"
	"coproduce/internal/pgtest"
	"coproduce/store"
)

// TestTwoServersOnOnePostgres runs two servers, each with its own
// connection pool, on one PostgreSQL database, as two instances behind a
// load balancer would: a session made on one works on the other, a rate
// limit counts attempts made on both, and reminders looked for by both at
// once go out once.
func TestTwoServersOnOnePostgres(t *testing.T) {
	databaseURL := pgtest.URL(t)
	w := newWorldOn(t, databaseURL)
	ctx := context.Background()
	db2, err := store.Open(ctx, databaseURL, "")
	must(t, err)
	t.Cleanup(func() { db2.Close() })
	s2, err := New(db2, framework.Default(), slog.New(slog.DiscardHandler), Config{
		BaseURL: "http://coproduce.test", Sessions: store.DefaultSessionPolicy, Passwords: cheapPasswords,
	})
	must(t, err)
	h1, h2 := w.h, s2.Handler()

	// A session from the first works on the second.
	req := httptest.NewRequest(http.MethodGet, "/account", nil)
	req.AddCookie(&http.Cookie{Name: cookieName, Value: w.cookies["chair"]})
	rec := httptest.NewRecorder()
	h2.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Your account") {
		t.Fatalf("the first server's session on the second: %d", rec.Code)
	}

	// Ten wrong passwords for one address are allowed, on whichever
	// server; the eleventh is refused, on either.
	addUser(t, w.s, "rita@example.org", "correct horse battery")
	signIn := func(h http.Handler) string {
		form := url.Values{"email": {"rita@example.org"}, "password": {"wrong"}}
		req := httptest.NewRequest(http.MethodPost, "/sign-in", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Body.String()
	}
	for i := range 10 {
		if body := signIn([]http.Handler{h1, h2}[i%2]); strings.Contains(body, "too many attempts") {
			t.Fatalf("attempt %d refused as too many", i+1)
		}
	}
	for _, h := range []http.Handler{h1, h2} {
		if body := signIn(h); !strings.Contains(body, "too many attempts") {
			t.Error("the eleventh attempt, across both servers, was not refused")
		}
	}

	// Both look for reminders at the same moment: each goes out once.
	now := time.Date(2027, 1, 11, 10, 0, 0, 0, time.UTC)
	w.s.db.Now = func() time.Time { return now }
	db2.Now = w.s.db.Now
	t.Cleanup(func() { w.s.db.Now = time.Now; db2.Now = time.Now })
	w.meeting(t, coproduce.GroupOnly) // tomorrow
	w.outbox(t)
	var wg sync.WaitGroup
	for i, s := range []*Server{w.s, s2, w.s, s2} {
		wg.Go(func() {
			if err := s.SendReminders(ctx, []string{"one", "two"}[i%2]); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	// Whichever did not hold the lease runs a minute later.
	_, err = db2.TryLease(ctx, "reminders", "expired", -time.Hour)
	must(t, err)
	must(t, s2.SendReminders(ctx, "two"))
	got := w.outbox(t)
	for _, who := range []string{"resident", "officer", "chair"} {
		if n := len(got[who+"@example.org"]); n != 1 {
			t.Errorf("%s got %d emails about tomorrow's meeting, want 1", who, n)
		}
	}
}
