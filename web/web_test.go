package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"coproduce"
	"coproduce/framework"
	"coproduce/store"
)

// syncBuffer is a log destination safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// cheapPasswords keep tests fast; the real costs are in coproduce.
var cheapPasswords = coproduce.PasswordParams{Time: 1, Memory: 64, Threads: 1}

// newTestServer returns a server on a fresh, migrated SQLite database, and
// the buffer its JSON log goes to.
func newTestServer(t testing.TB) (*Server, *syncBuffer) {
	t.Helper()
	return newTestServerOn(t, "")
}

// newTestServerOn is newTestServer on the database at databaseURL ("" for
// a fresh SQLite file).
func newTestServerOn(t testing.TB, databaseURL string) (*Server, *syncBuffer) {
	t.Helper()
	db, err := store.Open(context.Background(), databaseURL, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	logger := slog.New(NewLogHandler(slog.NewJSONHandler(logs, nil)))
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server log:\n%s", logs)
		}
	})
	s, err := New(db, framework.Default(), logger, Config{
		BaseURL:   "http://coproduce.test",
		Sessions:  store.DefaultSessionPolicy,
		Passwords: cheapPasswords,
	})
	if err != nil {
		t.Fatalf("New() = %v", err)
	}
	return s, logs
}

func get(t *testing.T, h http.Handler, path string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

// publicPages lists every public HTML page with text it must show.
func publicPages() map[string][]string {
	fw := framework.Default()
	pages := map[string][]string{
		"/":          {"<h1>Share power, keep trust", `href="/framework"`},
		"/framework": {"The five precepts", "The ten principles", fw.Credit.Publisher},
	}
	for _, p := range fw.Precepts {
		pages["/framework"] = append(pages["/framework"], escaped(p.Title))
	}
	for _, p := range fw.Principles {
		path := fmt.Sprintf("/framework/principles/%d", p.Number)
		pages["/framework"] = append(pages["/framework"], `href="`+path+`"`)
		want := []string{fmt.Sprintf("Principle %d: %s", p.Number, escaped(p.Name)), escaped(p.Summary)}
		for _, g := range p.Guidance {
			want = append(want, escaped(g.Heading))
		}
		for _, w := range p.LookOutFor {
			want = append(want, escaped(w.Heading))
		}
		for _, s := range append(p.QuickWins, p.LongTermActions...) {
			want = append(want, escaped(s))
		}
		for _, tool := range p.Tools() {
			// Every tool the principle names leads to its entry in the library.
			want = append(want, `<a href="/framework/tools/`+tool.Use+`">`+escaped(tool.Name)+`</a>`)
		}
		for _, s := range p.Statements {
			want = append(want, escaped(s.Text))
		}
		pages[path] = want
	}
	return pages
}

// escaped escapes s the way html/template escapes text.
func escaped(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\'':
			b.WriteString("&#39;")
		case '"':
			b.WriteString("&#34;")
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestPublicPages(t *testing.T) {
	s, _ := newTestServer(t)
	h := s.Handler()
	for path, wants := range publicPages() {
		t.Run(path, func(t *testing.T) {
			res, body := get(t, h, path)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d, want 200", res.StatusCode)
			}
			if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			for _, want := range wants {
				if !strings.Contains(body, want) {
					t.Errorf("page does not contain %q", want)
				}
			}
			checkPageShape(t, body)
		})
	}
}

// checkPageShape checks what every page must have: a skip link to main, one
// h1, no script or inline style, and a size under the 50 KB budget.
func checkPageShape(t *testing.T, body string) {
	t.Helper()
	for _, want := range []string{`<a class="skip-link" href="#main">`, `<main id="main"`, `<html lang="en-GB">`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if n := strings.Count(body, "<h1"); n != 1 {
		t.Errorf("page has %d h1 elements, want 1", n)
	}
	for _, banned := range []string{"<script", " style=", "<style"} {
		if strings.Contains(body, banned) {
			t.Errorf("page contains %q", banned)
		}
	}
	if len(body) > 50_000 {
		t.Errorf("page is %d bytes, over the 50 KB budget", len(body))
	}
}

func TestNotFound(t *testing.T) {
	s, _ := newTestServer(t)
	h := s.Handler()
	for _, path := range []string{"/nowhere", "/framework/principles/0", "/framework/principles/11",
		"/framework/principles/01", "/framework/principles/abc", "/framework/principles/-1", "/static/nothing.css"} {
		t.Run(path, func(t *testing.T) {
			res, body := get(t, h, path)
			if res.StatusCode != http.StatusNotFound {
				t.Fatalf("status %d, want 404", res.StatusCode)
			}
			if !strings.HasPrefix(path, "/static/") {
				if !strings.Contains(body, "Page not found") {
					t.Errorf("404 page lacks its heading")
				}
				checkPageShape(t, body)
			}
		})
	}
}

func TestSecurityHeaders(t *testing.T) {
	s, _ := newTestServer(t)
	h := s.Handler()
	for _, path := range []string{"/", "/nowhere", "/healthz", "/static/site.css", "/favicon.ico"} {
		res, _ := get(t, h, path)
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		for header, want := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"X-Frame-Options":        "DENY",
			"Referrer-Policy":        "strict-origin-when-cross-origin",
		} {
			if got := res.Header.Get(header); got != want {
				t.Errorf("%s: %s = %q, want %q", path, header, got, want)
			}
		}
		if len(res.Header.Get("X-Request-Id")) != 16 {
			t.Errorf("%s: X-Request-Id = %q", path, res.Header.Get("X-Request-Id"))
		}
	}
}

func TestStaticFiles(t *testing.T) {
	s, _ := newTestServer(t)
	h := s.Handler()
	_, home := get(t, h, "/")
	css, err := s.static.url("site.css")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(home, `href="/static/`+escaped(css)+`"`) {
		t.Fatalf("home page does not link %s", css)
	}
	res, body := get(t, h, "/static/"+css)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/css; charset=utf-8" || !strings.Contains(body, "@media print") {
		t.Fatalf("stylesheet: status %d, type %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("versioned stylesheet Cache-Control = %q", cc)
	}
	res, _ = get(t, h, "/static/site.css?v=old")
	if cc := res.Header.Get("Cache-Control"); strings.Contains(cc, "immutable") {
		t.Errorf("stale version cached for ever: %q", cc)
	}
	res, body = get(t, h, "/favicon.ico")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(body, "<svg") {
		t.Errorf("favicon: status %d, type %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	req := httptest.NewRequest(http.MethodGet, "/static/"+css, nil)
	req.Header.Set("If-None-Match", `"`+s.static.files["site.css"].version+`"`)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified {
		t.Errorf("conditional request: status %d, want 304", rec.Code)
	}
}

func TestHealthEndpoints(t *testing.T) {
	tests := []struct {
		name       string
		storeErr   error
		status     int
		wantStatus string
		wantReason string
	}{
		{"Ready", nil, http.StatusOK, "ready", ""},
		{"NotMigrated", store.ErrNotMigrated, http.StatusServiceUnavailable, "unavailable", "database migrations pending"},
		{"TooNew", fmt.Errorf("wrapped: %w", store.ErrSchemaTooNew), http.StatusServiceUnavailable, "unavailable", "database schema is newer than this release"},
		{"Unreachable", errors.New("dial tcp 10.1.2.3:5432: connection refused"), http.StatusServiceUnavailable, "unavailable", "database unreachable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newTestServer(t)
			s.ready = func(context.Context) error { return tt.storeErr }
			h := s.Handler()
			res, body := get(t, h, "/readyz")
			if res.StatusCode != tt.status {
				t.Fatalf("/readyz status %d, want %d", res.StatusCode, tt.status)
			}
			var got map[string]string
			if err := json.Unmarshal([]byte(body), &got); err != nil {
				t.Fatalf("/readyz body %q: %v", body, err)
			}
			if got["status"] != tt.wantStatus || got["reason"] != tt.wantReason {
				t.Errorf("/readyz = %v", got)
			}
			if strings.Contains(body, "10.1.2.3") {
				t.Errorf("/readyz leaks the driver's message: %s", body)
			}
			// healthz does not depend on the database.
			res, body = get(t, h, "/healthz")
			if res.StatusCode != http.StatusOK || !strings.Contains(body, `"ok"`) {
				t.Errorf("/healthz = %d %s", res.StatusCode, body)
			}
		})
	}
}

func TestPanicBecomesErrorPage(t *testing.T) {
	s, logs := newTestServer(t)
	h := s.middleware(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("secret internal detail")
	}))
	res, body := get(t, h, "/boom")
	if res.StatusCode != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", res.StatusCode)
	}
	id := res.Header.Get("X-Request-Id")
	if id == "" {
		t.Fatal("no X-Request-Id header")
	}
	if !strings.Contains(body, "Sorry, something went wrong") || !strings.Contains(body, "quote reference "+id) {
		t.Errorf("500 page lacks its message or the request id %s", id)
	}
	if strings.Contains(body, "secret internal detail") || strings.Contains(body, "goroutine") {
		t.Error("500 page shows internal detail")
	}
	checkPageShape(t, body)
	if res.Header.Get("Content-Security-Policy") == "" {
		t.Error("500 page lacks security headers")
	}
	log := logs.String()
	if !strings.Contains(log, "secret internal detail") || !strings.Contains(log, "stack") {
		t.Errorf("log lacks the panic and its stack:\n%s", log)
	}
}

func TestEveryRequestLogLineHasRequestID(t *testing.T) {
	s, logs := newTestServer(t)
	s.ready = func(context.Context) error { return store.ErrNotMigrated }
	h := s.Handler()
	res, _ := get(t, h, "/readyz") // logs a warning and the access line
	id := res.Header.Get("X-Request-Id")
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) < 2 {
		t.Fatalf("want at least a warning and an access line, got:\n%s", logs)
	}
	for _, line := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if rec["request_id"] != id {
			t.Errorf("log line without request id %s: %s", id, line)
		}
	}
}

func TestCrossOriginWritesRefused(t *testing.T) {
	s, _ := newTestServer(t)
	h := s.Handler()
	req := httptest.NewRequest(http.MethodPost, "/framework", strings.NewReader("x=1"))
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "came from another website") {
		t.Fatalf("cross-site POST: status %d, body %q; want 403 and an explanation", rec.Code, rec.Body.String())
	}
}

// TestEveryTextKey checks the interface text table both ways: every key
// Go code asks for with tr exists (templates are checked by rendering every
// page), and every key in the table is used somewhere, so a translator
// wastes no effort on dead text.
func TestEveryTextKey(t *testing.T) {
	var sources []byte
	entries, _ := templateFS.ReadDir("templates")
	for _, e := range entries {
		b, _ := templateFS.ReadFile("templates/" + e.Name())
		sources = append(sources, b...)
	}
	goFiles, _ := filepath.Glob("*.go")
	trCall := regexp.MustCompile(`\btr\("([^"]+)"\s*[,)]`)
	for _, name := range goFiles {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, b...)
		for _, m := range trCall.FindAllSubmatch(b, -1) {
			if _, ok := english[string(m[1])]; !ok {
				t.Errorf("%s asks for interface text %q, which does not exist", name, m[1])
			}
		}
	}
	// Keys built from a prefix and a name must exist for every name.
	for _, r := range coproduce.Roles {
		for _, suffix := range []string{"", ".hint", ".template"} {
			if _, ok := english["role."+string(r)+suffix]; !ok {
				t.Errorf("no interface text role.%s%s", r, suffix)
			}
		}
	}
	for _, o := range coproduce.FacilitatorRoles {
		if _, ok := english["facilitators.offers."+o]; !ok {
			t.Errorf("no interface text facilitators.offers.%s", o)
		}
	}
	for _, k := range coproduce.SupportKinds {
		if _, ok := english["support.kind."+k]; !ok {
			t.Errorf("no interface text support.kind.%s", k)
		}
	}
	for _, m := range coproduce.OutreachMethods {
		if _, ok := english["outreach.method."+m]; !ok {
			t.Errorf("no interface text outreach.method.%s", m)
		}
	}
	for _, c := range coproduce.Constituencies {
		if _, ok := english["constituency."+string(c)]; !ok {
			t.Errorf("no interface text constituency.%s", c)
		}
	}
	for key := range english {
		// Keys looked up by a prefix and a name: confirmations
		// ("account.done." + what was done), audit actions, roles and
		// constituencies.
		if dynamic := regexp.MustCompile(`^(account|group|members|member|organisation|project|meeting)\.done\.|^audit\.action\.|^role\.|^constituency\.|^agenda\.kind\.|^risk\.kind\.|^attendance\.|^minutes\.status\.|^ladder\.|^decision\.method\.|^position\.|^actions\.status\.|^action\.done\.|^decision\.done\.|^redline\.kind\.|^redlines\.done\.|^tor\.(status|done|section|hint|template)\.|^requests\.done\.|^outreach\.(method|done)\.|^support\.(kind|done)\.|^facilitators\.(offers|done)\.`); dynamic.MatchString(key) {
			continue
		}
		if !bytes.Contains(sources, []byte(`"`+key+`"`)) {
			t.Errorf("interface text %q is used nowhere", key)
		}
	}
}

// TestVisitorWhoLeavesIsNotAnError checks that a request whose visitor
// went away mid-way, so that the store gave up with the request's
// context, is logged as abandoned with status 499, not as an internal
// error with a 500: a load tool ending its run, or a closed tab, is not
// a fault to wake anyone for.
func TestVisitorWhoLeavesIsNotAnError(t *testing.T) {
	s, logs := newTestServerOn(t, "")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, path := range []string{"/o/nowhere/g/nothing", "/api/v1/groups"} {
		req := httptest.NewRequest(http.MethodGet, path, nil).WithContext(ctx)
		req.Header.Set("Authorization", "Bearer cop_whatever")
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if rec.Code != statusClientClosed {
			t.Errorf("GET %s after the visitor left = %d; want %d", path, rec.Code, statusClientClosed)
		}
	}
	if strings.Contains(logs.String(), `"level":"ERROR"`) {
		t.Errorf("a visitor leaving was logged as an error:\n%s", logs)
	}
}
