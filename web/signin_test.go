package web

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"coproduce"
)

// client is a browser stand-in: it keeps cookies and does not follow
// redirects, so tests can check where each response sends it.
type client struct {
	t    *testing.T
	base string
	http *http.Client
}

func newClient(t *testing.T, ts *httptest.Server) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: ts.URL, http: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

func (c *client) do(req *http.Request) (*http.Response, string) {
	c.t.Helper()
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

func (c *client) get(path string) (*http.Response, string) {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.base+path, nil)
	return c.do(req)
}

func (c *client) post(path string, form url.Values) (*http.Response, string) {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

func wantRedirect(t *testing.T, res *http.Response, location string) {
	t.Helper()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != location {
		t.Fatalf("got %d to %q, want 303 to %q", res.StatusCode, res.Header.Get("Location"), location)
	}
}

func wantStatus(t *testing.T, res *http.Response, body string, status int, texts ...string) {
	t.Helper()
	if res.StatusCode != status {
		t.Fatalf("status %d, want %d\n%s", res.StatusCode, status, body)
	}
	for _, s := range texts {
		if !strings.Contains(body, s) {
			t.Errorf("page lacks %q", s)
		}
	}
}

// startServer runs s on a loopback listener for the test.
func startServer(t *testing.T, s *Server) *httptest.Server {
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}

func addUser(t *testing.T, s *Server, email, password string) *coproduce.User {
	t.Helper()
	u := &coproduce.User{Email: email, Name: "Rita Resident"}
	if password != "" {
		u.PasswordHash = coproduce.HashPassword(password, cheapPasswords)
	}
	if err := s.db.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return u
}

// lastLink takes the newest message from the outbox and returns the link in
// it with the given path prefix.
func lastLink(t *testing.T, s *Server, prefix string) (string, *coproduce.Message) {
	t.Helper()
	msgs, err := s.db.ClaimMessages(context.Background(), 100, time.Minute)
	if err != nil || len(msgs) == 0 {
		t.Fatalf("no email in the outbox (%v)", err)
	}
	m := msgs[len(msgs)-1]
	link := regexp.MustCompile(`http://coproduce\.test(` + regexp.QuoteMeta(prefix) + `[A-Za-z0-9_-]+)`).FindStringSubmatch(m.Text)
	if link == nil {
		return "", m
	}
	return link[1], m
}

func TestSetupCreatesFirstAdministrator(t *testing.T) {
	s, _ := newTestServer(t)
	ts := startServer(t, s)
	c := newClient(t, ts)
	token, err := s.db.CreateLoginToken(context.Background(), coproduce.PurposeSetup, 0, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	res, body := c.get("/setup/" + token)
	wantStatus(t, res, body, http.StatusOK, "Set up coproduce")
	checkPageShape(t, body)

	res, body = c.post("/setup/"+token, url.Values{"name": {"Ada Admin"}, "email": {"ada@example"}, "password": {"password"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "There is a problem", `href="#email"`, `href="#password"`,
		"correct format", "most commonly used", `value="Ada Admin"`, `value="ada@example"`)
	if strings.Contains(body, `value="password"`) {
		t.Error("the password was shown back")
	}
	if !strings.Contains(body, "<title>Error:") {
		t.Error("title does not start with Error:")
	}
	checkPageShape(t, body)

	res, _ = c.post("/setup/"+token, url.Values{"name": {"Ada Admin"}, "email": {"ada@example.org"}, "password": {"purple monkey dishwasher"}})
	wantRedirect(t, res, "/account?done=setup")
	res, body = c.get("/account?done=setup")
	wantStatus(t, res, body, http.StatusOK, "Ada Admin", "ada@example.org", "administrator account has been created")
	if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("account page Cache-Control = %q, want no-store", cc)
	}

	res, body = newClient(t, ts).get("/setup/" + token)
	wantStatus(t, res, body, http.StatusNotFound, "This link cannot be used")
}

func TestPasswordSignIn(t *testing.T) {
	s, _ := newTestServer(t)
	ts := startServer(t, s)
	addUser(t, s, "rita@example.org", "correct horse battery")

	t.Run("WrongPasswordAndUnknownAddressLookAlike", func(t *testing.T) {
		c := newClient(t, ts)
		res1, wrong := c.post("/sign-in", url.Values{"email": {"rita@example.org"}, "password": {"not it at all"}})
		res2, unknown := c.post("/sign-in", url.Values{"email": {"nobody@example.org"}, "password": {"not it at all"}})
		wantStatus(t, res1, wrong, http.StatusUnprocessableEntity, "Enter a correct email address and password")
		wantStatus(t, res2, unknown, http.StatusUnprocessableEntity)
		strip := regexp.MustCompile(`value="[^"]*"`)
		if strip.ReplaceAllString(wrong, "") != strip.ReplaceAllString(unknown, "") {
			t.Error("the page for a wrong password differs from the page for an unknown address")
		}
		checkPageShape(t, wrong)
	})
	t.Run("EmptyFields", func(t *testing.T) {
		res, body := newClient(t, ts).post("/sign-in", url.Values{})
		wantStatus(t, res, body, http.StatusUnprocessableEntity, "Enter your email address.", "Enter your password.")
	})
	t.Run("OK", func(t *testing.T) {
		c := newClient(t, ts)
		res, _ := c.get("/account")
		wantRedirect(t, res, "/sign-in?next=%2Faccount")
		res, _ = c.post("/sign-in", url.Values{"email": {" Rita@Example.org"}, "password": {"correct horse battery"}, "next": {"/account"}})
		wantRedirect(t, res, "/account")
		cookie := res.Header.Get("Set-Cookie")
		for _, want := range []string{"coproduce_session=", "HttpOnly", "SameSite=Lax", "Path=/"} {
			if !strings.Contains(cookie, want) {
				t.Errorf("session cookie %q lacks %s", cookie, want)
			}
		}
		res, body := c.get("/account")
		wantStatus(t, res, body, http.StatusOK, "rita@example.org", "This device", "Sign out")
		checkPageShape(t, body)

		res, _ = c.post("/sign-out", nil)
		wantRedirect(t, res, "/?signed-out=1")
		res, _ = c.get("/account")
		wantRedirect(t, res, "/sign-in?next=%2Faccount")
	})
	t.Run("NextStaysOnThisSite", func(t *testing.T) {
		for _, next := range []string{"//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"} {
			res, _ := newClient(t, ts).post("/sign-in", url.Values{"email": {"rita@example.org"}, "password": {"correct horse battery"}, "next": {next}})
			wantRedirect(t, res, "/account")
		}
	})
	t.Run("RateLimited", func(t *testing.T) {
		c := newClient(t, ts)
		var res *http.Response
		var body string
		for range signInLimit.perEmail + 1 {
			res, body = c.post("/sign-in", url.Values{"email": {"limited@example.org"}, "password": {"guess guess"}})
		}
		wantStatus(t, res, body, http.StatusTooManyRequests, "too many attempts")
	})
}

func TestSignInByEmailedLink(t *testing.T) {
	s, _ := newTestServer(t)
	ts := startServer(t, s)
	addUser(t, s, "rita@example.org", "")
	c := newClient(t, ts)

	res, known := c.post("/sign-in/link", url.Values{"email": {"rita@example.org"}})
	wantStatus(t, res, known, http.StatusOK, "Check your email")
	link, m := lastLink(t, s, "/sign-in/link/")
	if link == "" || m.To != "rita@example.org" || !strings.Contains(m.Text, "Hello Rita Resident") {
		t.Fatalf("email to %s: %q", m.To, m.Text)
	}

	res, unknown := c.post("/sign-in/link", url.Values{"email": {"nobody@example.org"}})
	if strings.ReplaceAll(unknown, "nobody@example.org", "X") != strings.ReplaceAll(known, "rita@example.org", "X") {
		t.Error("the page for an unknown address differs from the page for a known one")
	}
	if _, m := lastLink(t, s, "/sign-in/link/"); m.To != "nobody@example.org" || !strings.Contains(m.Text, "no account") {
		t.Errorf("unknown address was sent %q", m.Text)
	}

	// Opening the link does not sign in (scanners open links); the button does.
	res, body := c.get(link)
	wantStatus(t, res, body, http.StatusOK, "Select the button to finish signing in")
	res, _ = c.get("/account")
	wantRedirect(t, res, "/sign-in?next=%2Faccount")
	res, _ = c.post(link, nil)
	wantRedirect(t, res, "/account")
	res, body = c.get("/account")
	wantStatus(t, res, body, http.StatusOK, "rita@example.org", "you sign in with emailed links")

	res, body = newClient(t, ts).post(link, nil)
	wantStatus(t, res, body, http.StatusNotFound, "This link cannot be used")

	res, body = c.post("/sign-in/link", url.Values{"email": {"not an address"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "correct format", `value="not an address"`)
}

func TestPasswordResetEndsOtherSessions(t *testing.T) {
	s, _ := newTestServer(t)
	ts := startServer(t, s)
	addUser(t, s, "rita@example.org", "old password here")

	elsewhere := newClient(t, ts)
	res, _ := elsewhere.post("/sign-in", url.Values{"email": {"rita@example.org"}, "password": {"old password here"}})
	wantRedirect(t, res, "/account")

	c := newClient(t, ts)
	c.post("/password/reset", url.Values{"email": {"rita@example.org"}})
	link, _ := lastLink(t, s, "/password/reset/")
	res, body := c.get(link)
	wantStatus(t, res, body, http.StatusOK, "Choose a new password")
	res, body = c.post(link, url.Values{"password": {"qwertyuiop"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "most commonly used")
	res, _ = c.post(link, url.Values{"password": {"a brand new passphrase"}})
	wantRedirect(t, res, "/account?done=password")

	res, _ = elsewhere.get("/account")
	wantRedirect(t, res, "/sign-in?next=%2Faccount")
	res, _ = newClient(t, ts).post("/sign-in", url.Values{"email": {"rita@example.org"}, "password": {"a brand new passphrase"}})
	wantRedirect(t, res, "/account")
}

func TestAccountSessionsAndPasswordChange(t *testing.T) {
	s, _ := newTestServer(t)
	ts := startServer(t, s)
	addUser(t, s, "rita@example.org", "first password here")
	signIn := func() *client {
		c := newClient(t, ts)
		res, _ := c.post("/sign-in", url.Values{"email": {"rita@example.org"}, "password": {"first password here"}})
		wantRedirect(t, res, "/account")
		return c
	}
	a, b := signIn(), signIn()

	res, body := a.get("/account")
	if n := strings.Count(body, "/end\""); n != 2 {
		t.Fatalf("account lists %d sessions, want 2", n)
	}
	res, _ = a.post("/account/sessions/end-others", nil)
	wantRedirect(t, res, "/account?done=sessions")
	res, _ = b.get("/account")
	wantRedirect(t, res, "/sign-in?next=%2Faccount")

	res, body = a.post("/account/password", url.Values{"current": {"wrong"}, "password": {"second password here"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Enter your current password correctly")
	res, _ = a.post("/account/password", url.Values{"current": {"first password here"}, "password": {"second password here"}})
	wantRedirect(t, res, "/account?done=password")
	res, body = a.get("/account?done=password")
	wantStatus(t, res, body, http.StatusOK, "Your password has been saved")

	res, body = a.post("/account/sessions/not-a-session/end", nil)
	wantStatus(t, res, body, http.StatusNotFound)
}

func TestSecureCookieBehindTrustedProxy(t *testing.T) {
	s, _ := newTestServer(t)
	addUser(t, s, "rita@example.org", "correct horse battery")
	h := s.Handler()
	signIn := func(remote, proto string) string {
		req := httptest.NewRequest(http.MethodPost, "/sign-in", strings.NewReader("email=rita%40example.org&password=correct+horse+battery"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.RemoteAddr = remote
		req.Header.Set("X-Forwarded-Proto", proto)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Header().Get("Set-Cookie")
	}
	if c := signIn("203.0.113.9:4000", "https"); strings.Contains(c, "Secure") || strings.HasPrefix(c, "__Host-") {
		t.Errorf("an untrusted X-Forwarded-Proto made the cookie secure: %q", c)
	}
	s.cfg.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	if c := signIn("10.1.2.3:4000", "https"); !strings.Contains(c, "Secure") || !strings.HasPrefix(c, "__Host-coproduce_session=") {
		t.Errorf("behind a trusted TLS proxy the cookie is %q, want __Host- and Secure", c)
	}
}

func TestClientIP(t *testing.T) {
	s, _ := newTestServer(t)
	s.cfg.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	for _, tc := range []struct{ remote, xff, want string }{
		{"203.0.113.9:1", "198.51.100.1", "203.0.113.9"},                     // not a proxy: header ignored
		{"10.0.0.2:1", "198.51.100.1", "198.51.100.1"},                       // one trusted proxy
		{"10.0.0.2:1", "192.0.2.66, 198.51.100.1, 10.0.0.9", "198.51.100.1"}, // forged left part skipped
		{"10.0.0.2:1", "", "10.0.0.2"},
	} {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.RemoteAddr = tc.remote
		if tc.xff != "" {
			req.Header.Set("X-Forwarded-For", tc.xff)
		}
		if got := s.clientIP(req); got != tc.want {
			t.Errorf("clientIP(%s, %q) = %s, want %s", tc.remote, tc.xff, got, tc.want)
		}
	}
}

func TestEmailChange(t *testing.T) {
	s, _ := newTestServer(t)
	ts := startServer(t, s)
	addUser(t, s, "rita@example.org", "correct horse battery")
	addUser(t, s, "taken@example.org", "")
	c := newClient(t, ts)
	res, _ := c.post("/sign-in", url.Values{"email": {"rita@example.org"}, "password": {"correct horse battery"}})
	wantRedirect(t, res, "/account")

	res, body := c.post("/account/email", url.Values{"email": {"new@example.org"}, "current": {"wrong"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Enter your current password correctly", `value="new@example.org"`)
	res, taken := c.post("/account/email", url.Values{"email": {"taken@example.org"}, "current": {"correct horse battery"}})
	wantStatus(t, res, taken, http.StatusOK, "Check your email")
	lastLink(t, s, "/account/email/")
	res, fresh := c.post("/account/email", url.Values{"email": {"new@example.org"}, "current": {"correct horse battery"}})
	if strings.ReplaceAll(taken, "taken@example.org", "X") != strings.ReplaceAll(fresh, "new@example.org", "X") {
		t.Error("the page differs for an address that already has an account")
	}
	link, m := lastLink(t, s, "/account/email/")
	if m.To != "new@example.org" || link == "" {
		t.Fatalf("confirmation went to %s: %q", m.To, m.Text)
	}
	res, body = c.get(link)
	wantStatus(t, res, body, http.StatusOK, "Confirm your new email address")
	res, _ = c.post(link, nil)
	wantRedirect(t, res, "/account?done=email")
	res, body = c.get("/account?done=email")
	wantStatus(t, res, body, http.StatusOK, "new@example.org", "Your email address has been changed")
	if _, m := lastLink(t, s, "/none/"); m.To != "rita@example.org" || !strings.Contains(m.Text, "is now new@example.org") {
		t.Errorf("no notice to the old address: %+v", m)
	}
}

func TestNameChange(t *testing.T) {
	s, _ := newTestServer(t)
	ts := startServer(t, s)
	addUser(t, s, "rita@example.org", "correct horse battery")
	c := newClient(t, ts)
	c.post("/sign-in", url.Values{"email": {"rita@example.org"}, "password": {"correct horse battery"}})
	res, body := c.post("/account/name", url.Values{"name": {"   "}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Enter a name")
	res, _ = c.post("/account/name", url.Values{"name": {"Rita M."}})
	wantRedirect(t, res, "/account?done=name")
	res, body = c.get("/account?done=name")
	wantStatus(t, res, body, http.StatusOK, "Rita M.", "Your name has been saved")
}
