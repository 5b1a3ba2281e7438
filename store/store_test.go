package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"coproduce/internal/pgtest"
	"coproduce/store"
)

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

// openPostgres opens a store on a PostgreSQL schema of the test's own.
func openPostgres(t *testing.T) *testDB {
	t.Helper()
	url := pgtest.URL(t)
	db, err := store.Open(context.Background(), url, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	raw, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return &testDB{DB: db, raw: raw, url: url}
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
