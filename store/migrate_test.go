package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"coproduce/internal/pgtest"
	"coproduce/store"
)

func TestMigrate(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		if err := db.Ready(ctx); !errors.Is(err, store.ErrNotMigrated) {
			t.Fatalf("Ready() before migrating = %v, want ErrNotMigrated", err)
		}
		applied, err := db.Migrate(ctx)
		if err != nil {
			t.Fatalf("Migrate() = %v", err)
		}
		if len(applied) == 0 || applied[len(applied)-1].Version != db.LatestVersion() {
			t.Fatalf("Migrate() applied %+v, want up to version %d", applied, db.LatestVersion())
		}
		if err := db.Ready(ctx); err != nil {
			t.Fatalf("Ready() after migrating = %v", err)
		}
		again, err := db.Migrate(ctx)
		if err != nil || len(again) != 0 {
			t.Fatalf("second Migrate() = %+v, %v; want nothing applied", again, err)
		}
		status, err := db.MigrationStatus(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range status {
			if !s.Applied || s.AppliedAt.IsZero() || !strings.HasPrefix(s.Name, fmt.Sprintf("%05d_", s.Version)) {
				t.Errorf("status %+v, want applied with a time and a name starting with its version", s)
			}
		}
	})
}

func TestMigrateRefusesNewerSchema(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		newer := db.LatestVersion() + 1
		if _, err := db.raw.Exec(`INSERT INTO goose_db_version (version_id, is_applied) VALUES ($1, $2)`, newer, true); err != nil {
			t.Fatal(err)
		}
		if err := db.Ready(ctx); !errors.Is(err, store.ErrSchemaTooNew) {
			t.Errorf("Ready() = %v, want ErrSchemaTooNew", err)
		}
		_, err := db.Migrate(ctx)
		if !errors.Is(err, store.ErrSchemaTooNew) {
			t.Fatalf("Migrate() = %v, want ErrSchemaTooNew", err)
		}
		if !strings.Contains(err.Error(), "upgrade coproduce") {
			t.Errorf("error %q does not say what to do", err)
		}
		if _, err := db.MigrationStatus(ctx); !errors.Is(err, store.ErrSchemaTooNew) {
			t.Errorf("MigrationStatus() = %v, want ErrSchemaTooNew", err)
		}
	})
}

func TestOpenRejectsUnknownURL(t *testing.T) {
	_, err := store.Open(context.Background(), "mysql://user:secret@localhost/db", t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "postgres://") {
		t.Fatalf("Open(mysql URL) = %v, want an error naming what is supported", err)
	}
	if strings.Contains(err.Error(), "secret") {
		t.Errorf("error %q shows the password", err)
	}
}

// TestMigrateConcurrentlyOnPostgres starts several instances' migrations at
// once against one PostgreSQL database, as several servers starting behind
// a load balancer would. Each migration must run once and all must succeed.
func TestMigrateConcurrentlyOnPostgres(t *testing.T) {
	url := pgtest.URL(t)
	ctx := context.Background()
	const instances = 4
	dbs := make([]*store.DB, instances)
	for i := range dbs {
		db, err := store.Open(ctx, url, "")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		dbs[i] = db
	}
	var wg sync.WaitGroup
	applied := make([]int, instances)
	errs := make([]error, instances)
	for i, db := range dbs {
		wg.Go(func() {
			var got []store.MigrationState
			got, errs[i] = db.Migrate(ctx)
			applied[i] = len(got)
		})
	}
	wg.Wait()
	total := 0
	for i := range dbs {
		if errs[i] != nil {
			t.Errorf("instance %d: Migrate() = %v", i, errs[i])
		}
		total += applied[i]
	}
	if want := int(dbs[0].LatestVersion()); total != want {
		t.Errorf("%d migrations applied across instances, want each of %d applied once", total, want)
	}
	if err := dbs[0].Ready(ctx); err != nil {
		t.Errorf("Ready() = %v", err)
	}
}
