package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"coproduce/internal/suites"
	"coproduce/store"
)

// DatabaseURLEnv names the environment variable that enables the
// PostgreSQL half of the store tests.
const DatabaseURLEnv = "COPRODUCE_TEST_DATABASE_URL"

// testDB is a store under test together with a plain connection to the same
// database, for arranging states the store's API refuses to create.
type testDB struct {
	*store.DB
	raw *sql.DB
	url string // "" for SQLite
	dir string // the data folder, for SQLite
}

// forEachDB runs fn against a fresh SQLite database and a fresh PostgreSQL
// schema (when DatabaseURLEnv is set), neither yet migrated.
func forEachDB(t *testing.T, fn func(t *testing.T, db *testDB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, openSQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, openPostgres(t)) })
}

// forEachMigratedDB is forEachDB with the schema migrated.
func forEachMigratedDB(t *testing.T, fn func(t *testing.T, db *testDB)) {
	t.Helper()
	forEachDB(t, func(t *testing.T, db *testDB) {
		if _, err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		fn(t, db)
	})
}

var counter atomic.Int64

func openSQLite(t *testing.T) *testDB {
	t.Helper()
	dir := t.TempDir()
	db, err := store.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	raw, err := sql.Open("sqlite", "file:"+filepath.Join(dir, store.SQLiteFile)+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return &testDB{DB: db, raw: raw, dir: dir}
}

// openPostgres gives the test a schema of its own, dropped afterwards, so
// tests never see each other's rows.
func openPostgres(t *testing.T) *testDB {
	t.Helper()
	base := os.Getenv(DatabaseURLEnv)
	reason := ""
	if base == "" {
		reason = "set " + DatabaseURLEnv + " to a postgres:// URL of a database the tests may use (see README)"
	}
	suites.Require(t, "postgres", reason)

	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	schema := fmt.Sprintf("test_%d_%d_%d", os.Getpid(), time.Now().UnixNano(), counter.Add(1))
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()

	db, err := store.Open(context.Background(), u.String(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	raw, err := sql.Open("pgx", u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return &testDB{DB: db, raw: raw, url: u.String()}
}

// reopen closes db and opens the same database again.
func (db *testDB) reopen(t *testing.T) *store.DB {
	t.Helper()
	db.Close()
	again, err := store.Open(context.Background(), db.url, db.dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { again.Close() })
	return again
}
