package web

import (
	"context"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"coproduce"
	"coproduce/internal/browsertest"
)

// TestBrowserPublicPages visits every public page in Chromium at a phone's
// width (375 px) and a desktop's (1280 px), and requires zero axe-core
// violations of WCAG 2.2 A and AA and no sideways scrolling.
func TestBrowserPublicPages(t *testing.T) {
	b := browsertest.New(t)
	s, _ := newTestServer(t)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()

	paths := []string{"/nowhere"} // the 404 page is a page people see too
	for path := range publicPages() {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	for _, path := range paths {
		for _, width := range []int64{375, 1280} {
			p, err := b.Visit(ts.URL+path, width)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range p.Violations {
				t.Errorf("%s at %d px: %s", path, width, v)
			}
			for _, el := range p.Unfocused {
				t.Errorf("%s at %d px: no focus style on %s", path, width, el)
			}
			if p.Overflow > 0 {
				t.Errorf("%s at %d px: %d px of sideways scrolling", path, width, p.Overflow)
			}
		}
	}
}

// TestBrowserPrint checks the print stylesheet applies: navigation hidden,
// text black on white.
func TestBrowserPrint(t *testing.T) {
	b := browsertest.New(t)
	s, _ := newTestServer(t)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()

	got, err := browsertest.Eval[[]string](b, ts.URL+"/framework/principles/1", "print", `[
		getComputedStyle(document.querySelector(".site-nav")).display,
		getComputedStyle(document.querySelector(".pagination")).display,
		getComputedStyle(document.body).color,
		getComputedStyle(document.querySelector(".site-header")).backgroundColor]`)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"none", "none", "rgb(0, 0, 0)", "rgba(0, 0, 0, 0)"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("printed page: got %q, want %q", got, want)
			break
		}
	}
	screen, err := browsertest.Eval[string](b, ts.URL+"/framework/principles/1", "", `getComputedStyle(document.querySelector(".site-nav")).display`)
	if err != nil || screen == "none" {
		t.Errorf("on screen the navigation is %q (%v), want it shown", screen, err)
	}
}

// TestBrowserAccountPages audits the signing-in and account pages, in
// their empty, error and signed-in states, at 375 px and 1280 px.
func TestBrowserAccountPages(t *testing.T) {
	b := browsertest.New(t)
	s, _ := newTestServer(t)
	ts := startServer(t, s)
	ctx := context.Background()
	u := addUser(t, s, "rita@example.org", "correct horse battery")
	setup, _ := s.db.CreateLoginToken(ctx, coproduce.PurposeSetup, 0, time.Hour)
	reset, _ := s.db.CreateLoginToken(ctx, coproduce.PurposeReset, u.ID, time.Hour)

	check := func(label string, width int64, p *browsertest.Page, err error, wantTitle string) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(p.Title, wantTitle) {
			t.Errorf("%s at %d px: title %q, want it to start %q", label, width, p.Title, wantTitle)
		}
		for _, v := range p.Violations {
			t.Errorf("%s at %d px: %s", label, width, v)
		}
		for _, el := range p.Unfocused {
			t.Errorf("%s at %d px: no focus style on %s", label, width, el)
		}
		if p.Overflow > 0 {
			t.Errorf("%s at %d px: %d px of sideways scrolling", label, width, p.Overflow)
		}
	}
	for _, width := range []int64{375, 1280} {
		// Asking for a link below cancels the earlier one, so each width
		// gets its own.
		signin, _ := s.db.CreateLoginToken(ctx, coproduce.PurposeSignIn, u.ID, time.Hour)
		for path, title := range map[string]string{
			"/sign-in":                 "Sign in",
			"/sign-in/link":            "Get a link",
			"/password/reset":          "Reset your password",
			"/sign-in/link/" + signin:  "Sign in to coproduce",
			"/password/reset/" + reset: "Choose a new password",
			"/setup/" + setup:          "Set up coproduce",
			"/setup/no-such-link":      "This link cannot be used",
		} {
			p, err := b.Visit(ts.URL+path, width)
			check(path, width, p, err, title)
		}
		p, err := b.Submit(ts.URL+"/sign-in", width, map[string]string{"email": "rita@example.org", "password": "wrong"})
		check("sign-in with a wrong password", width, p, err, "Error: Sign in")
		p, err = b.Submit(ts.URL+"/setup/"+setup, width, map[string]string{"email": "not an address", "password": "short"})
		check("setup with problems", width, p, err, "Error: Set up")
		p, err = b.Submit(ts.URL+"/password/reset/"+reset, width, map[string]string{"password": "password"})
		check("reset with a common password", width, p, err, "Error: Choose")
		p, err = b.Submit(ts.URL+"/sign-in/link", width, map[string]string{"email": "rita@example.org"})
		check("link requested", width, p, err, "Check your email")

		p, err = b.Submit(ts.URL+"/sign-in", width, map[string]string{"email": "rita@example.org", "password": "correct horse battery"})
		check("signed in", width, p, err, "Your account")
		if err == nil && p.URL != "/account" {
			t.Fatalf("signing in in the browser ended on %s, want /account", p.URL)
		}
		p, err = b.Visit(ts.URL+"/account/password", width)
		check("/account/password", width, p, err, "Change your password")
		p, err = b.Submit(ts.URL+"/account/password", width, map[string]string{"current": "nope", "password": "x"})
		check("password change with problems", width, p, err, "Error: Change")
		p, err = b.Visit(ts.URL+"/account?done=password", width)
		check("/account with a confirmation", width, p, err, "Your account")
		p, err = b.Visit(ts.URL+"/framework", width)
		check("/framework signed in", width, p, err, "The coproduction framework")
		p, err = b.Submit(ts.URL+"/account", width, map[string]string{}) // the first form on the account page signs this device out
		check("signed out", width, p, err, "Share power")
	}
}
