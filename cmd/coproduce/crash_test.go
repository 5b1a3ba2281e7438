package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"coproduce"
	"coproduce/internal/pgtest"
	"coproduce/store"
)

// TestCrashKeepsAcknowledgedWrites sends many concurrent writes through
// the HTTP API to the real binary, kills it with SIGKILL part way, and
// restarts it. Every write the server acknowledged is there, the database
// passes its integrity check, and each action and its audit entry are
// there together or not at all. On SQLite this is with the default
// settings; on PostgreSQL the cluster CI starts runs with fsync off, so
// there it shows the server's side (a transaction per write) only.
func TestCrashKeepsAcknowledgedWrites(t *testing.T) {
	bin := buildBinary(t)
	t.Run("sqlite", func(t *testing.T) { testCrash(t, bin, "") })
	t.Run("postgres", func(t *testing.T) { testCrash(t, bin, pgtest.URL(t)) })
}

func testCrash(t *testing.T, bin, databaseURL string) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, databaseURL, dir)
	must(t, err)
	_, err = db.Migrate(ctx)
	must(t, err)
	g := &coproduce.Group{Slug: "larkhill", Name: "Larkhill"}
	must(t, db.CreateOrganisationWithGroups(ctx, &coproduce.Organisation{Slug: "brookfield", Name: "Brookfield"}, []*coproduce.Group{g}))
	u := &coproduce.User{Email: "chair@example.org", Name: "Chair"}
	must(t, db.CreateUser(ctx, u))
	must(t, db.AddMember(ctx, 0, &coproduce.Member{GroupID: g.ID, UserID: u.ID, Role: coproduce.Chair, Constituency: coproduce.Independent}))
	token, _, err := db.CreateAPIToken(ctx, u.ID, "load", coproduce.ScopeReadWrite)
	must(t, err)
	db.Close()

	args := []string{"serve", "--addr", "127.0.0.1:0", "--data", dir, "--log-format", "json"}
	if databaseURL != "" {
		args = append(args, "--database-url", databaseURL)
	}
	cmd, url, _ := startBinary(t, bin, args...)
	var mu sync.Mutex
	acked := map[string]string{} // id → title
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 10 * time.Second}
	for w := range 8 {
		wg.Go(func() {
			for i := 0; ; i++ {
				title := fmt.Sprintf("writer %d action %d", w, i)
				body, _ := json.Marshal(map[string]string{"title": title})
				req, _ := http.NewRequest(http.MethodPost, url+"/api/v1/o/brookfield/g/larkhill/actions", bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				res, err := client.Do(req)
				if err != nil {
					return // the server is gone
				}
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusCreated {
					continue
				}
				var a struct{ ID, Title string }
				if json.Unmarshal(b, &a) == nil && a.Title == title {
					mu.Lock()
					acked[a.ID] = title
					mu.Unlock()
				}
			}
		})
	}
	for {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 300 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	must(t, cmd.Process.Signal(syscall.SIGKILL))
	cmd.Wait()
	wg.Wait()

	// The server starts again on what it left, and answers.
	cmd, url, _ = startBinary(t, bin, args...)
	res, err := http.Get(url + "/readyz")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("/readyz after the crash: %v %v", res, err)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	cmd.Wait()

	db, err = store.Open(ctx, databaseURL, dir)
	must(t, err)
	defer db.Close()
	must(t, db.IntegrityCheck(ctx))
	acts, err := db.FindActions(ctx, g.ID)
	must(t, err)
	have := map[string]bool{}
	for _, a := range acts {
		have[fmt.Sprint(a.ID)] = true
	}
	for id, title := range acked {
		if !have[id] {
			t.Errorf("acknowledged write %q (%s) is missing after the crash", title, id)
		}
	}
	entries, err := db.FindAuditEntries(ctx, g.ID, 1<<20)
	must(t, err)
	audited := map[string]bool{}
	for _, e := range entries {
		if e.Action == "action.added" {
			audited[fmt.Sprint(e.EntityID)] = true
		}
	}
	for id := range have {
		if !audited[id] {
			t.Errorf("action %s has no audit entry", id)
		}
	}
	for id := range audited {
		if !have[id] {
			t.Errorf("audit entry for action %s, which is not there", id)
		}
	}
	var out, errOut strings.Builder
	verify := []string{"audit", "verify", "--data", dir}
	if databaseURL != "" {
		verify = append(verify, "--database-url", databaseURL)
	}
	if code := run(ctx, verify, &out, &errOut); code != 0 {
		t.Errorf("audit verify after the crash: %d %s%s", code, out.String(), errOut.String())
	}
	t.Logf("%d writes acknowledged before SIGKILL, %d actions after restarting", len(acked), len(acts))
}
