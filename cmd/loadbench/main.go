// Command loadbench measures the main pages of a running coproduce against
// the limit of the machine: it starts the server on a database of
// benchmark data (made by "coproduce demo --groups N"), signs in as a
// group's chair, and in the same run starts a baseline server that writes
// each page's bytes from memory. wrk (Debian's package) loads each page on
// both, and the table it prints gives throughput and latency (median,
// p99) for each, the ratio between them, and the server's memory.
//
// Usage:
//
//	go build -o /tmp/coproduce ./cmd/coproduce
//	/tmp/coproduce demo --groups 1000 --years 5 --data /tmp/bench
//	go run ./cmd/loadbench --coproduce /tmp/coproduce --data /tmp/bench
//
// Only 127.0.0.1 is loaded, for a bounded time per page.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"

	"coproduce/demo"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
}

type options struct {
	coproduce   string
	data        string
	databaseURL string
	group       int
	duration    time.Duration
	connections int
	threads     int
}

// page is one page loaded: its name in the table, its path, the header
// that signs its requests in ("" for the public), and the bytes and
// content type the server gave for it.
type page struct {
	name, path, header string
	body               []byte
	contentType        string
}

// result is what wrk measured for one page on one server.
type result struct {
	rps, median, p99 float64 // requests a second; milliseconds
	errors           int
}

func run() error {
	var o options
	flag.StringVar(&o.coproduce, "coproduce", "coproduce", "the coproduce `binary` to start")
	flag.StringVar(&o.data, "data", "", "the data `folder` of the SQLite database of benchmark data")
	flag.StringVar(&o.databaseURL, "database-url", "", "a postgres:// `URL` of benchmark data, instead of --data")
	flag.IntVar(&o.group, "group", 1, "which generated `group` to load, by number")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "how `long` to load each page on each server")
	flag.IntVar(&o.connections, "connections", 16, "wrk's open `connections`")
	flag.IntVar(&o.threads, "threads", 2, "wrk's `threads`")
	flag.Parse()
	if (o.data == "") == (o.databaseURL == "") {
		return errors.New("give one of --data or --database-url")
	}
	if _, err := exec.LookPath("wrk"); err != nil {
		return errors.New("wrk is needed: apt-get install wrk")
	}

	addr, err := freeAddr()
	if err != nil {
		return err
	}
	args := []string{"serve", "--addr", addr, "--log-level", "warn"}
	if o.data != "" {
		args = append(args, "--data", o.data)
	} else {
		args = append(args, "--database-url", o.databaseURL)
	}
	server := exec.Command(o.coproduce, args...)
	server.Stderr = os.Stderr
	if err := server.Start(); err != nil {
		return err
	}
	defer func() {
		server.Process.Signal(os.Interrupt)
		server.Wait()
	}()
	base := "http://" + addr
	if err := waitReady(base); err != nil {
		return err
	}

	pages, err := preparePages(base, o.group)
	if err != nil {
		return err
	}
	baseline, err := startBaseline(pages)
	if err != nil {
		return err
	}
	defer baseline.Close()

	rss0, _ := memory(server.Process.Pid)
	fmt.Printf("Load: wrk -t%d -c%d -d%s --latency, one page at a time; group %d; %s\n\n",
		o.threads, o.connections, o.duration, o.group, describeDB(o))
	fmt.Println("| page | bytes | requests/s | median | p99 | baseline requests/s | baseline median | share of baseline |")
	fmt.Println("|---|---|---|---|---|---|---|---|")
	for i, p := range pages {
		var headers []string
		if p.header != "" {
			headers = []string{p.header}
		}
		// A second's load first, unmeasured, so that the database's
		// pages are in memory whichever run came before.
		warm := o
		warm.duration = time.Second
		if _, err := wrk(warm, base+p.path, headers); err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
		got, err := wrk(o, base+p.path, headers)
		if err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
		want, err := wrk(o, "http://"+baseline.Addr().String()+"/"+strconv.Itoa(i), nil)
		if err != nil {
			return fmt.Errorf("%s baseline: %w", p.name, err)
		}
		if got.errors > 0 || want.errors > 0 {
			return fmt.Errorf("%s: %d responses were not 2xx or 3xx (baseline %d)", p.name, got.errors, want.errors)
		}
		fmt.Printf("| %s | %d | %.0f | %.2f ms | %.2f ms | %.0f | %.2f ms | %.0f%% |\n",
			p.name, len(p.body), got.rps, got.median, got.p99, want.rps, want.median, 100*got.rps/want.rps)
	}
	rss, hwm := memory(server.Process.Pid)
	fmt.Printf("\nServer memory: %s resident before the load, %s after, %s at its peak.\n", mb(rss0), mb(rss), mb(hwm))
	return nil
}

func describeDB(o options) string {
	if o.data != "" {
		return "SQLite in " + o.data
	}
	return "PostgreSQL"
}

// preparePages signs in as the group's chair, makes an API token, finds
// each page's address and fetches its bytes once.
func preparePages(base string, group int) ([]*page, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	org := (group-1)/demo.GroupsPerOrganisation + 1
	prefix := "/o/" + demo.BenchOrganisationSlug(org) + "/g/" + demo.BenchGroupSlug(group)
	res, err := c.PostForm(base+"/sign-in", url.Values{"email": {demo.BenchEmail(group, 1)}, "password": {demo.Password}})
	if err != nil {
		return nil, err
	}
	res.Body.Close()
	u, _ := url.Parse(base)
	var cookies []string
	for _, ck := range jar.Cookies(u) {
		cookies = append(cookies, ck.Name+"="+ck.Value)
	}
	if len(cookies) == 0 {
		return nil, fmt.Errorf("signing in as %s did not give a session (status %d): is this benchmark data?", demo.BenchEmail(group, 1), res.StatusCode)
	}
	res, err = c.PostForm(base+"/account/tokens", url.Values{"name": {"loadbench"}, "scope": {"read"}})
	if err != nil {
		return nil, err
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	token := regexp.MustCompile(`cop_[A-Za-z0-9_-]+`).Find(body)
	if token == nil {
		return nil, fmt.Errorf("making an API token: no token on the page (status %d)", res.StatusCode)
	}
	session := "Cookie: " + strings.Join(cookies, "; ")

	_, list, err := fetch(base+prefix+"/meetings", session)
	if err != nil {
		return nil, err
	}
	// The meetings page lists the coming meetings first, then those held,
	// newest first: take the first one held, whose page has the most.
	ids := regexp.MustCompile(regexp.QuoteMeta(prefix)+`/meetings/(\d+)"`).FindAllSubmatch(list, -1)
	if len(ids) < 3 {
		return nil, errors.New("the group has too few meetings: is this benchmark data?")
	}
	meeting := string(ids[2][1])

	pages := []*page{
		{name: "group dashboard", path: prefix, header: session},
		{name: "meeting", path: prefix + "/meetings/" + meeting, header: session},
		{name: "decisions log", path: prefix + "/decisions", header: session},
		{name: "health report", path: prefix + "/health/report", header: session},
		{name: "public page", path: prefix},
		{name: "API: decisions list", path: "/api/v1" + prefix + "/decisions", header: "Authorization: Bearer " + string(token)},
	}
	for _, p := range pages {
		h, b, err := fetch(base+p.path, p.header)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.name, err)
		}
		p.body, p.contentType = b, h.Get("Content-Type")
	}
	return pages, nil
}

// fetch gets u with header (a "Name: value" line, or none), as wrk will.
func fetch(u, header string) (http.Header, []byte, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return nil, nil, err
	}
	if name, value, ok := strings.Cut(header, ": "); ok {
		req.Header.Set(name, value)
	}
	res, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("GET %s = %d", u, res.StatusCode)
	}
	return res.Header, body, err
}

// startBaseline serves the i-th page's bytes at /i, with its content
// type, from memory: the fastest any server on this machine could answer.
func startBaseline(pages []*page) (net.Listener, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	go http.Serve(l, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/"))
		if err != nil || i < 0 || i >= len(pages) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", pages[i].contentType)
		w.Header().Set("Content-Length", strconv.Itoa(len(pages[i].body)))
		w.Write(pages[i].body)
	}))
	return l, nil
}

var (
	rpsLine     = regexp.MustCompile(`Requests/sec:\s+([\d.]+)`)
	latencyLine = regexp.MustCompile(`(?m)^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$`)
	errorsLine  = regexp.MustCompile(`Non-2xx or 3xx responses:\s+(\d+)`)
)

// wrk loads target and reads wrk's report.
func wrk(o options, target string, headers []string) (result, error) {
	args := []string{"-t" + strconv.Itoa(o.threads), "-c" + strconv.Itoa(o.connections), "-d" + o.duration.String(), "--latency"}
	for _, h := range headers {
		args = append(args, "-H", h)
	}
	ctx, cancel := context.WithTimeout(context.Background(), o.duration+30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "wrk", append(args, target)...).CombinedOutput()
	if err != nil {
		return result{}, fmt.Errorf("wrk: %v\n%s", err, out)
	}
	var r result
	m := rpsLine.FindSubmatch(out)
	if m == nil {
		return r, fmt.Errorf("no Requests/sec in wrk's report:\n%s", out)
	}
	r.rps, _ = strconv.ParseFloat(string(m[1]), 64)
	for _, l := range latencyLine.FindAllSubmatch(out, -1) {
		v, _ := strconv.ParseFloat(string(l[2]), 64)
		switch string(l[3]) {
		case "us":
			v /= 1000
		case "s":
			v *= 1000
		}
		if string(l[1]) == "50" {
			r.median = v
		} else {
			r.p99 = v
		}
	}
	if m := errorsLine.FindSubmatch(out); m != nil {
		r.errors, _ = strconv.Atoi(string(m[1]))
	}
	return r, nil
}

func waitReady(base string) error {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		res, err := http.Get(base + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.New("the server did not answer /healthz within a minute")
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// memory reads the process's resident memory and its peak, in kB.
func memory(pid int) (rss, hwm int) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range bytes.Split(b, []byte("\n")) {
		f := strings.Fields(string(line))
		if len(f) < 2 {
			continue
		}
		switch f[0] {
		case "VmRSS:":
			rss, _ = strconv.Atoi(f[1])
		case "VmHWM:":
			hwm, _ = strconv.Atoi(f[1])
		}
	}
	return rss, hwm
}

func mb(kb int) string { return fmt.Sprintf("%.0f MB", float64(kb)/1024) }
