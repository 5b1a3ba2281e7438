package web

import (
	"net/http/httptest"
	"sort"
	"testing"

	"coproduce/internal/browsertest"
)

// TestBrowserPublicPages visits every public page in Chromium at a phone's
// width (375 px) and a desktop's (1280 px), and requires zero axe-core
// violations of WCAG 2.2 A and AA and no sideways scrolling.
func TestBrowserPublicPages(t *testing.T) {
	b := browsertest.New(t)
	s, _ := newTestServer(t, &fakeStore{})
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
	s, _ := newTestServer(t, &fakeStore{})
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
