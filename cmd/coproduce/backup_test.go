package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"coproduce"
	"coproduce/internal/pgtest"
	"coproduce/store"
)

// writeLoad adds public feedback to a group, one record at a time, until
// stop is closed, and reports each write's id once it is acknowledged.
func writeLoad(t *testing.T, db *store.DB, groupID int64, stop <-chan struct{}, acked func(id int64)) *sync.WaitGroup {
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				f := &coproduce.Feedback{GroupID: groupID, Source: "public", Theme: "Repairs", Said: fmt.Sprintf("writer %d, note %d", w, i)}
				if err := db.CreateFeedback(context.Background(), 0, f); err != nil {
					t.Error(err)
					return
				}
				acked(f.ID)
			}
		})
	}
	return &wg
}

// TestBackupAndRestoreUnderLoad backs up a SQLite database while three
// writers keep adding records, restores the backup into a new folder, and
// shows the copy holds every write acknowledged before the backup began,
// passes SQLite's integrity check, and has every record of changes whole.
func TestBackupAndRestoreUnderLoad(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, "", dir)
	must(t, err)
	defer db.Close()
	_, err = db.Migrate(ctx)
	must(t, err)
	g := &coproduce.Group{Slug: "larkhill", Name: "Larkhill"}
	must(t, db.CreateOrganisationWithGroups(ctx, &coproduce.Organisation{Slug: "brookfield", Name: "Brookfield"}, []*coproduce.Group{g}))

	var mu sync.Mutex
	var acked []int64
	var count atomic.Int64
	stop := make(chan struct{})
	wg := writeLoad(t, db, g.ID, stop, func(id int64) {
		mu.Lock()
		acked = append(acked, id)
		mu.Unlock()
		count.Add(1)
	})
	for count.Load() < 100 {
		time.Sleep(5 * time.Millisecond)
	}
	mu.Lock()
	before := append([]int64(nil), acked...) // acknowledged before the backup began
	mu.Unlock()
	file := filepath.Join(t.TempDir(), "backup.db")
	var out, errOut bytes.Buffer
	if code := run(ctx, []string{"backup", "--data", dir, file}, &out, &errOut); code != 0 {
		t.Fatalf("backup: %d\n%s%s", code, out.String(), errOut.String())
	}
	during := count.Load()
	close(stop)
	wg.Wait()
	if during <= int64(len(before)) {
		t.Logf("no writes landed during the backup (%d before)", len(before))
	}
	if !strings.Contains(out.String(), "integrity check") {
		t.Errorf("backup said: %s", out.String())
	}
	// Not over an existing file.
	if code := run(ctx, []string{"backup", "--data", dir, file}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "already exists") {
		t.Errorf("backup over a file: %d %s", code, errOut.String())
	}

	restored := t.TempDir()
	out.Reset()
	if code := run(ctx, []string{"restore", "--data", restored, file}, &out, &errOut); code != 0 {
		t.Fatalf("restore: %d\n%s%s", code, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "every chain whole") {
		t.Errorf("restore said: %s", out.String())
	}
	copy, err := store.Open(ctx, "", restored)
	must(t, err)
	defer copy.Close()
	items, err := copy.FindFeedback(ctx, g.ID)
	must(t, err)
	have := map[int64]bool{}
	for _, f := range items {
		have[f.ID] = true
	}
	for _, id := range before {
		if !have[id] {
			t.Fatalf("write %d, acknowledged before the backup began, is not in the copy", id)
		}
	}
	t.Logf("%d writes acknowledged before the backup, %d in the copy, %d in all", len(before), len(items), count.Load())
	// Not over a database.
	if code := run(ctx, []string{"restore", "--data", restored, file}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "already holds a database") {
		t.Errorf("restore over a database: %d %s", code, errOut.String())
	}
	// A damaged backup is refused.
	bad := filepath.Join(t.TempDir(), "bad.db")
	data, _ := os.ReadFile(file)
	for i := 4096; i < len(data) && i < 4096*6; i++ {
		data[i] ^= 0xff
	}
	must(t, os.WriteFile(bad, data, 0o600))
	if code := run(ctx, []string{"restore", "--data", t.TempDir(), bad}, &out, &errOut); code != 1 {
		t.Errorf("restoring a damaged backup: %d", code)
	}
}

// TestPostgresDumpAndRestore follows the procedure docs/operations.md
// gives for PostgreSQL: pg_dump in the custom format, then pg_restore, and
// checks the restored database has every record and whole chains.
func TestPostgresDumpAndRestore(t *testing.T) {
	url := pgtest.URL(t)
	pgDump, pgRestore := pgTool(t, "pg_dump"), pgTool(t, "pg_restore")
	ctx := context.Background()
	db, err := store.Open(ctx, url, "")
	must(t, err)
	_, err = db.Migrate(ctx)
	must(t, err)
	g := &coproduce.Group{Slug: "larkhill", Name: "Larkhill"}
	must(t, db.CreateOrganisationWithGroups(ctx, &coproduce.Organisation{Slug: "brookfield", Name: "Brookfield"}, []*coproduce.Group{g}))
	for i := range 20 {
		must(t, db.CreateFeedback(ctx, 0, &coproduce.Feedback{GroupID: g.ID, Source: "public", Said: fmt.Sprintf("note %d", i)}))
	}
	schema := pgtest.Schema(url)
	base := os.Getenv(pgtest.DatabaseURLEnv)
	file := filepath.Join(t.TempDir(), "coproduce.dump")
	if out, err := exec.Command(pgDump, "--format=custom", "--schema="+schema, "--file="+file, base).CombinedOutput(); err != nil {
		t.Fatalf("pg_dump: %v\n%s", err, out)
	}
	db.Close()
	// The database is lost...
	admin, err := sql.Open("pgx", base)
	must(t, err)
	_, err = admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE")
	admin.Close()
	must(t, err)
	// ...and restored.
	if out, err := exec.Command(pgRestore, "--dbname="+base, file).CombinedOutput(); err != nil {
		t.Fatalf("pg_restore: %v\n%s", err, out)
	}
	var out, errOut bytes.Buffer
	if code := run(ctx, []string{"audit", "verify", "--database-url", url}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "every chain whole") {
		t.Fatalf("audit verify after restoring: %d %s%s", code, out.String(), errOut.String())
	}
	restored, err := store.Open(ctx, url, "")
	must(t, err)
	defer restored.Close()
	items, err := restored.FindFeedback(ctx, g.ID)
	if err != nil || len(items) != 20 {
		t.Fatalf("restored feedback: %d, %v", len(items), err)
	}
}

// pgTool finds a PostgreSQL client program: on the PATH, or with the
// server's binaries. The PostgreSQL suite needs them.
func pgTool(t *testing.T, name string) string {
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	p := filepath.Join("/usr/lib/postgresql/15/bin", name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("%s is needed for the PostgreSQL backup test: not on the PATH nor in /usr/lib/postgresql/15/bin", name)
	}
	return p
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
