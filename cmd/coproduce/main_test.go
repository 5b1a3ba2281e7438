package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"database/sql"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"coproduce"
	"coproduce/internal/pgtest"
	"coproduce/store"
)

// lockedBuffer collects a running server's log output safely.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// listeningURL waits for the server's "listening" log line and returns its
// URL.
func listeningURL(t *testing.T, logs *lockedBuffer, done <-chan int) string {
	t.Helper()
	return loggedURL(t, logs, done, "listening")
}

// loggedURL waits for the log line msg and returns its url.
func loggedURL(t *testing.T, logs *lockedBuffer, done <-chan int, msg string) string {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		for _, line := range strings.Split(logs.String(), "\n") {
			var rec struct{ Msg, URL string }
			if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == msg {
				return rec.URL
			}
		}
		select {
		case code := <-done:
			t.Fatalf("server exited with %d before listening:\n%s", code, logs)
		case <-deadline:
			t.Fatalf("server did not start listening:\n%s", logs)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// TestServeEndToEnd boots the real serve command on 127.0.0.1:0 in a temp
// folder, on SQLite and on PostgreSQL, fetches every public page, and stops
// it as a signal would.
func TestServeEndToEnd(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testServeEndToEnd(t, "") })
	t.Run("postgres", func(t *testing.T) { testServeEndToEnd(t, pgtest.URL(t)) })
}

func testServeEndToEnd(t *testing.T, databaseURL string) {
	dir := t.TempDir()
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	logs := &lockedBuffer{}
	done := make(chan int, 1)
	args := []string{"serve", "--addr", "127.0.0.1:0", "--data", dir, "--demo", "--log-format", "json", "--metrics-addr", "127.0.0.1:0"}
	if databaseURL != "" {
		args = append(args, "--database-url", databaseURL)
	}
	go func() { done <- run(ctx, args, io.Discard, logs) }()
	base := listeningURL(t, logs, done)
	metrics := loggedURL(t, logs, done, "serving metrics")

	paths := []string{"/", "/framework", "/healthz", "/readyz", "/favicon.ico"}
	for n := 1; n <= 10; n++ {
		paths = append(paths, fmt.Sprintf("/framework/principles/%d", n))
	}
	for _, path := range paths {
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s: status %d\n%s", path, res.StatusCode, body)
		}
	}
	res, err := http.Get(metrics)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `coproduce_http_requests_total{method="GET",route="GET /framework",status="200"} 1`) {
		t.Errorf("metrics: %d\n%s", res.StatusCode, body)
	}
	res, err = http.Get(base + "/framework/principles/11")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("GET principle 11: status %d, want 404", res.StatusCode)
	}

	stop()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited with %d:\n%s", code, logs)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	out := logs.String()
	for _, want := range []string{`"msg":"migration applied"`, `"msg":"demo data loaded"`, `"msg":"shutting down"`, `"msg":"stopped"`} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %s", want)
		}
	}

	// The demo data is in the database.
	db, err := store.Open(context.Background(), databaseURL, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n, err := db.CountOrganisations(context.Background()); err != nil || n == 0 {
		t.Errorf("demo organisations in %s: %d, %v", dir, n, err)
	}
}

// TestServeFinishesRequestsInFlight starts a request that is still running
// when shutdown begins and checks it completes normally.
func TestServeFinishesRequestsInFlight(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started, release := make(chan struct{}), make(chan struct{})
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		io.WriteString(w, "finished")
	})}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- serveUntil(ctx, srv, ln, 10*time.Second, slog.New(slog.DiscardHandler)) }()

	type result struct {
		body string
		err  error
	}
	got := make(chan result, 1)
	go func() {
		res, err := http.Get("http://" + ln.Addr().String())
		if err != nil {
			got <- result{err: err}
			return
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		got <- result{string(b), err}
	}()
	<-started
	stop() // shutdown begins with the request in flight
	select {
	case err := <-served:
		t.Fatalf("serveUntil returned %v before the request in flight finished", err)
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	if r := <-got; r.err != nil || r.body != "finished" {
		t.Fatalf("request in flight: %q, %v", r.body, r.err)
	}
	if err := <-served; err != nil {
		t.Fatalf("serveUntil = %v", err)
	}
}

func TestServeShutdownTimeoutCutsOff(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
	})}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- serveUntil(ctx, srv, ln, 50*time.Millisecond, slog.New(slog.DiscardHandler)) }()
	go http.Get("http://" + ln.Addr().String())
	<-started
	stop()
	if err := <-served; err == nil || !strings.Contains(err.Error(), "cut off") {
		t.Fatalf("serveUntil = %v, want the request cut off after the timeout", err)
	}
}

func TestServeRefusesNewerSchema(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"migrate", "--data", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("migrate exited %d: %s", code, stderr.String())
	}
	raw, err := sql.Open("sqlite", filepath.Join(dir, store.SQLiteFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO goose_db_version (version_id, is_applied) VALUES (999999, 1)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	stderr.Reset()
	code := run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0", "--data", dir}, &stdout, &stderr)
	if code != 1 {
		t.Fatalf("serve on a newer schema exited %d, want 1", code)
	}
	if msg := stderr.String(); !strings.Contains(msg, "newer than this release") || !strings.Contains(msg, "999999") {
		t.Fatalf("serve said %q, want it to explain the schema is newer", msg)
	}
}

func TestMigrateAndStatus(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"migrate", "status", "--data", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("migrate status exited %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "pending") || strings.Contains(stdout.String(), "\n0 pending.") {
		t.Fatalf("status before migrating:\n%s", stdout.String())
	}
	stdout.Reset()
	if code := run(context.Background(), []string{"migrate", "--data", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("migrate exited %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "migration(s) applied") {
		t.Errorf("migrate said %q", stdout.String())
	}
	stdout.Reset()
	if code := run(context.Background(), []string{"migrate", "status", "--data", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("migrate status exited %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "00001_organisations.sql") || !strings.Contains(stdout.String(), "\n0 pending.") {
		t.Fatalf("status after migrating:\n%s", stdout.String())
	}
}

// TestDemoCommand checks that "coproduce demo" refuses options it cannot
// use before it creates anything, fills an empty database, and refuses one
// that already holds organisations.
func TestDemoCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	var stdout, stderr bytes.Buffer
	for _, args := range [][]string{{"--groups", "0"}, {"--years", "21"}} {
		stderr.Reset()
		if code := run(context.Background(), append([]string{"demo", "--data", dir}, args...), &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "generate") {
			t.Errorf("demo %v exited %d: %s", args, code, stderr.String())
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("demo %v made the data folder before refusing: %v", args, err)
		}
	}
	if code := run(context.Background(), []string{"demo", "--data", dir, "--groups", "2", "--years", "1", "--log-level", "warn"}, &stdout, &stderr); code != 0 {
		t.Fatalf("demo exited %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "Generated 1 organisations, 2 groups") {
		t.Errorf("demo said %q", stdout.String())
	}
	stderr.Reset()
	if code := run(context.Background(), []string{"demo", "--data", dir, "--groups", "2", "--log-level", "warn"}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "already holds organisations") {
		t.Errorf("demo on a full database exited %d: %s", code, stderr.String())
	}
}

func TestServeHelpNamesEveryFlagAndVariable(t *testing.T) {
	var stderr bytes.Buffer
	if code := run(context.Background(), []string{"serve", "--help"}, io.Discard, &stderr); code != 0 {
		t.Fatalf("serve --help exited %d", code)
	}
	for _, want := range []string{
		"--addr", "COPRODUCE_ADDR", `"127.0.0.1:8080"`,
		"--data", "COPRODUCE_DATA", `"./coproduce-data"`,
		"--database-url", "COPRODUCE_DATABASE_URL",
		"--demo", "COPRODUCE_DEMO",
		"--framework", "COPRODUCE_FRAMEWORK",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("serve --help lacks %q", want)
		}
	}
}

func TestFlagsFromEnvironment(t *testing.T) {
	t.Setenv("COPRODUCE_ADDR", "127.0.0.1:9999")
	t.Setenv("COPRODUCE_DEMO", "true")
	t.Setenv("COPRODUCE_DATA", "/from/env")

	var c Config
	fs := newFlagSet("serve", "serve", "", io.Discard)
	serveFlags(fs, &c)
	if err := parseFlags(fs, []string{"--data", "/from/flag"}); err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9999" || !c.Demo {
		t.Errorf("environment not applied: %+v", c)
	}
	if c.DataDir != "/from/flag" {
		t.Errorf("DataDir = %q, want the flag to win over the environment", c.DataDir)
	}

	t.Setenv("COPRODUCE_DEMO", "perhaps")
	var stderr bytes.Buffer
	if code := run(context.Background(), []string{"serve"}, io.Discard, &stderr); code != 1 || !strings.Contains(stderr.String(), "COPRODUCE_DEMO") {
		t.Errorf("bad COPRODUCE_DEMO: exit %d, %q", code, stderr.String())
	}
}

func TestServeRejectsBrokenFrameworkFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "framework.yaml")
	os.WriteFile(path, []byte("schema: 1\nversion: \"x\"\n"), 0o600)
	var stderr bytes.Buffer
	code := run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0", "--data", dir, "--framework", path}, io.Discard, &stderr)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{path, "name: missing or empty", "principles: needs exactly 10 principles"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("error lacks %q:\n%s", want, stderr.String())
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"frobnicate"}, {"serve", "--no-such-flag"}} {
		if code := run(context.Background(), args, io.Discard, io.Discard); code != 2 {
			t.Errorf("run(%q) = %d, want 2", args, code)
		}
	}
}

// buildBinary builds the real binary for the test.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "coproduce")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startBinary starts bin with args, waits until it is listening, and
// returns the process, its address and its log lines from then on.
func startBinary(t *testing.T, bin string, args ...string) (*exec.Cmd, string, <-chan string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	lines := make(chan string, 10000)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			default: // nobody is reading: drop the line rather than stall the server
			}
		}
		close(lines)
	}()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatal("the binary stopped before listening")
			}
			var rec struct{ Msg, URL string }
			if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "listening" {
				return cmd, rec.URL, lines
			}
		case <-timeout:
			t.Fatal("the binary did not start listening")
		}
	}
}

// TestBinaryStopsCleanlyOnSIGTERM builds the real binary, starts it, and
// sends it SIGTERM as a service manager would.
func TestBinaryStopsCleanlyOnSIGTERM(t *testing.T) {
	bin := buildBinary(t)
	cmd, url, lines := startBinary(t, bin, "serve", "--addr", "127.0.0.1:0", "--data", filepath.Join(t.TempDir(), "data"), "--log-format", "json")
	if res, err := http.Get(url + "/readyz"); err != nil || res.StatusCode != 200 {
		t.Fatalf("/readyz: %v", err)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	var rest []string
	for line := range lines {
		rest = append(rest, line)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGTERM: %v\n%s", err, strings.Join(rest, "\n"))
	}
	if !strings.Contains(strings.Join(rest, "\n"), `"msg":"stopped"`) {
		t.Errorf("no clean stop logged:\n%s", strings.Join(rest, "\n"))
	}
}

func TestFrameworkShowAndCheck(t *testing.T) {
	var shown bytes.Buffer
	if code := run(context.Background(), []string{"framework", "show"}, &shown, io.Discard); code != 0 {
		t.Fatalf("framework show exited %d", code)
	}
	path := filepath.Join(t.TempDir(), "ours.yaml")
	os.WriteFile(path, shown.Bytes(), 0o600)
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"framework", "check", path}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "valid") {
		t.Fatalf("framework check of the shown file: exit %d, %q %q", code, out.String(), errOut.String())
	}
	broken := bytes.Replace(shown.Bytes(), []byte("schema: 1"), []byte("schema: 9"), 1)
	os.WriteFile(path, broken, 0o600)
	errOut.Reset()
	if code := run(context.Background(), []string{"framework", "check", path}, io.Discard, &errOut); code != 1 || !strings.Contains(errOut.String(), "schema") {
		t.Fatalf("framework check of a broken file: exit %d, %q", code, errOut.String())
	}
}

func TestServePrintsSetupLinkOnFirstRun(t *testing.T) {
	dir := t.TempDir()
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	logs := &lockedBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data", dir, "--log-format", "json"}, io.Discard, logs)
	}()
	base := listeningURL(t, logs, done)
	var link string
	for _, line := range strings.Split(logs.String(), "\n") {
		var rec struct{ Msg, URL string }
		if json.Unmarshal([]byte(line), &rec) == nil && strings.Contains(rec.URL, "/setup/") {
			link = rec.URL
		}
	}
	if !strings.HasPrefix(link, base+"/setup/") {
		t.Fatalf("no setup link for %s in the log:\n%s", base, logs)
	}
	res, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("setup link: status %d", res.StatusCode)
	}
	stop()
	<-done
}

func TestUserCreate(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"user", "create", "--admin", "--name", "Ada Admin", "--data", dir, "--base-url", "https://coproduce.example.org/", "Ada@Example.org"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("user create exited %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "https://coproduce.example.org/password/reset/") {
		t.Fatalf("no link printed:\n%s", stdout.String())
	}
	db, err := store.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	u, err := db.FindUserByEmail(context.Background(), "ada@example.org")
	db.Close()
	if err != nil || !u.IsAdmin || u.Name != "Ada Admin" {
		t.Fatalf("created user %+v, %v", u, err)
	}

	stderr.Reset()
	code = run(context.Background(), []string{"user", "create", "--name", "Again", "--data", dir, "ada@example.org"}, io.Discard, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "already has an account") {
		t.Errorf("second create: exit %d, %q", code, stderr.String())
	}
	stderr.Reset()
	code = run(context.Background(), []string{"user", "create", "--data", dir, "not-an-address"}, io.Discard, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "correct format") {
		t.Errorf("bad input: exit %d, %q", code, stderr.String())
	}
	// As the issue has it: an administrator from just an address.
	if code := run(context.Background(), []string{"user", "create", "--admin", "--data", dir, "ops@example.org"}, io.Discard, &stderr); code != 0 {
		t.Errorf("user create --admin EMAIL: exit %d, %q", code, stderr.String())
	}
}

func TestAuditVerify(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	db, err := store.Open(ctx, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	o := &coproduce.Organisation{Slug: "brookfield", Name: "Brookfield"}
	g := &coproduce.Group{Slug: "larkhill", Name: "Larkhill"}
	db.CreateOrganisationWithGroups(ctx, o, []*coproduce.Group{g})
	u := &coproduce.User{Email: "chair@example.org", Name: "Chair"}
	db.CreateUser(ctx, u)
	db.AddMember(ctx, 0, &coproduce.Member{GroupID: g.ID, UserID: u.ID, Role: coproduce.Chair, Constituency: coproduce.Independent})
	g.Description = "changed"
	db.UpdateGroup(ctx, u.ID, g)
	db.Close()

	var out bytes.Buffer
	if code := run(ctx, []string{"audit", "verify", "--data", dir}, &out, io.Discard); code != 0 || !strings.Contains(out.String(), "OK: 1 group(s), 2 entries") {
		t.Fatalf("verify of a whole chain: exit %d, %q", code, out.String())
	}

	// Behind the application's back: drop the guard, change an entry.
	raw, err := sql.Open("sqlite", filepath.Join(dir, store.SQLiteFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TRIGGER audit_log_no_update`, `UPDATE audit_log SET actor_id = NULL WHERE seq = 2`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	out.Reset()
	var errOut bytes.Buffer
	code := run(ctx, []string{"audit", "verify", "--data", dir}, &out, &errOut)
	if code != 1 || !strings.Contains(out.String(), `group "Larkhill" (larkhill), entry 2`) {
		t.Fatalf("verify after tampering: exit %d, %q %q", code, out.String(), errOut.String())
	}
}

func TestUserDisable(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"user", "create", "--name", "Rita", "--data", dir, "rita@example.org"}, io.Discard, &errOut); code != 0 {
		t.Fatalf("create: %d %s", code, errOut.String())
	}
	if code := run(context.Background(), []string{"user", "disable", "--data", dir, "Rita@example.org"}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "disabled") {
		t.Fatalf("disable: %d %q %q", code, out.String(), errOut.String())
	}
	db, _ := store.Open(context.Background(), "", dir)
	u, err := db.FindUserByEmail(context.Background(), "rita@example.org")
	db.Close()
	if err != nil || !u.Disabled() {
		t.Fatalf("after disable: %+v %v", u, err)
	}
	errOut.Reset()
	if code := run(context.Background(), []string{"user", "disable", "--data", dir, "nobody@example.org"}, io.Discard, &errOut); code != 1 || !strings.Contains(errOut.String(), "no account") {
		t.Errorf("disable unknown: %d %q", code, errOut.String())
	}
}

func TestServeRequiresBothTLSFiles(t *testing.T) {
	var errOut bytes.Buffer
	code := run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0", "--data", t.TempDir(), "--tls-cert", "cert.pem"}, io.Discard, &errOut)
	if code != 1 || !strings.Contains(errOut.String(), "go together") {
		t.Errorf("only --tls-cert: exit %d, %q", code, errOut.String())
	}
}

// TestServeTLS serves HTTPS directly with a certificate made for the test.
func TestServeTLS(t *testing.T) {
	dir := t.TempDir()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, _ := x509.MarshalECPrivateKey(key)
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600)

	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	logs := &lockedBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data", dir, "--log-format", "json", "--tls-cert", certFile, "--tls-key", keyFile}, io.Discard, logs)
	}()
	base := listeningURL(t, logs, done)
	if !strings.HasPrefix(base, "https://") {
		t.Fatalf("listening on %s, want https", base)
	}
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	res, err := client.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("GET /healthz over TLS: %d", res.StatusCode)
	}
	stop()
	<-done
}
