package main

import (
	"context"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"coproduce/internal/pgtest"
	"coproduce/store"
)

// TestMigrationKilledPartWay kills "coproduce migrate" at a spread of
// moments while it works through every migration from an empty
// database, then runs it again: each time the database is either left at
// a whole migration or refused as not migrated (never served half done),
// and the second run brings it fully up to date.
func TestMigrationKilledPartWay(t *testing.T) {
	bin := buildBinary(t)
	t.Run("sqlite", func(t *testing.T) { testMigrationKilled(t, bin, func(testing.TB) string { return "" }) })
	t.Run("postgres", func(t *testing.T) { testMigrationKilled(t, bin, pgtest.URL) })
}

func testMigrationKilled(t *testing.T, bin string, database func(testing.TB) string) {
	ctx := context.Background()
	interrupted, partial := 0, 0
	for _, after := range []time.Duration{2, 5, 10, 20, 40, 80, 160} {
		after *= time.Millisecond
		dir, url := t.TempDir(), database(t)
		args := []string{"migrate", "--data", dir, "--log-format", "json"}
		if url != "" {
			args = append(args, "--database-url", url)
		}
		cmd := exec.Command(bin, args...)
		must(t, cmd.Start())
		time.Sleep(after)
		cmd.Process.Signal(syscall.SIGKILL)
		if cmd.Wait() != nil {
			interrupted++
		}

		db, err := store.Open(ctx, url, dir)
		must(t, err)
		// Until it is migrated again, the database is refused as not ready.
		if status, err := db.MigrationStatus(ctx); err == nil && !allApplied(status) {
			if status[0].Applied {
				partial++
			}
			if err := db.Ready(ctx); err == nil {
				t.Errorf("after %v: a part-migrated database reports ready", after)
			}
		}
		db.Close()

		out, err := exec.Command(bin, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("after %v: migrating again: %v\n%s", after, err, out)
		}
		db, err = store.Open(ctx, url, dir)
		must(t, err)
		status, err := db.MigrationStatus(ctx)
		must(t, err)
		if !allApplied(status) {
			t.Errorf("after %v: not every migration applied: %+v", after, status)
		}
		must(t, db.Ready(ctx))
		must(t, db.IntegrityCheck(ctx))
		db.Close()
	}
	if interrupted == 0 {
		t.Error("no run was killed part way: the moments chosen all came after migrating finished")
	}
	t.Logf("%d of 7 runs killed part way, %d of them between migrations", interrupted, partial)
}

func allApplied(status []store.MigrationState) bool {
	for _, s := range status {
		if !s.Applied {
			return false
		}
	}
	return len(status) > 0
}
