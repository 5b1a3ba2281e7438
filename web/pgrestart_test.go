package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"coproduce"
	"coproduce/internal/pgtest"
	"coproduce/internal/suites"
)

// RestartPostgresEnv names a shell command that restarts the test
// PostgreSQL server. .ci/run sets it for a step of its own, after every
// other test, since a restart cuts off every connection to the server.
const RestartPostgresEnv = "COPRODUCE_TEST_PG_RESTART"

// TestPostgresRestartUnderLoad restarts PostgreSQL while members load
// pages and a tool reads the API. While the database is away every answer
// is a clean 503 with Retry-After, never a page, a 404 or a sign-in
// redirect decided without it; once it is back, the server recovers by
// itself.
func TestPostgresRestartUnderLoad(t *testing.T) {
	restart := os.Getenv(RestartPostgresEnv)
	if restart == "" {
		t.Skipf("set %s to a command that restarts the test PostgreSQL server; .ci/run runs this test on its own, after the others, with it set", RestartPostgresEnv)
	}
	suites.Require(t, "pg-restart", "")
	w := newWorldOn(t, pgtest.URL(t))
	g := "/o/brookfield/g/larkhill"
	token := w.token(t, "chair", coproduce.ScopeRead)
	paths := []string{g + "/meetings", g + "/health", "/api/v1" + g + "/decisions"}

	var mu sync.Mutex
	seen := map[int]int{}
	unavailable := 0
	var unexpected []string
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				path := paths[(i+n)%len(paths)]
				req := httptest.NewRequest(http.MethodGet, path, nil)
				req.AddCookie(&http.Cookie{Name: cookieName, Value: w.cookies["chair"]})
				req.Header.Set("Authorization", "Bearer "+token)
				rec := httptest.NewRecorder()
				w.h.ServeHTTP(rec, req)
				mu.Lock()
				seen[rec.Code]++
				if rec.Code == http.StatusServiceUnavailable {
					unavailable++
				}
				switch {
				case rec.Code == http.StatusServiceUnavailable && rec.Header().Get("Retry-After") == "":
					unexpected = append(unexpected, path+": 503 without Retry-After")
				case rec.Code != http.StatusOK && rec.Code != http.StatusServiceUnavailable:
					unexpected = append(unexpected, fmt.Sprintf("%s: %d", path, rec.Code))
				}
				mu.Unlock()
				time.Sleep(2 * time.Millisecond)
			}
		})
	}
	time.Sleep(300 * time.Millisecond)
	if out, err := exec.Command("sh", "-c", restart).CombinedOutput(); err != nil {
		close(stop)
		wg.Wait()
		t.Fatalf("restarting PostgreSQL: %v\n%s", err, out)
	}
	// Back by itself: within ten seconds every page answers again.
	deadline := time.Now().Add(10 * time.Second)
	for {
		mu.Lock()
		seen = map[int]int{}
		mu.Unlock()
		time.Sleep(500 * time.Millisecond)
		mu.Lock()
		ok := seen[http.StatusOK] > 0 && len(seen) == 1
		mu.Unlock()
		if ok {
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("not recovered ten seconds after PostgreSQL came back: %v", seen)
			break
		}
	}
	close(stop)
	wg.Wait()
	if unavailable == 0 {
		t.Error("no request met the restart: the test saw no 503 at all")
	}
	t.Logf("%d clean 503s while PostgreSQL restarted", unavailable)
	if len(unexpected) > 0 {
		t.Errorf("%d answers other than 200 or a clean 503, such as %q", len(unexpected), unexpected[:min(5, len(unexpected))])
	}
}
