// Package pgtest gives a test a PostgreSQL schema of its own, so tests can
// run against one shared test database without seeing each other's rows.
package pgtest

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver

	"coproduce/internal/suites"
)

// DatabaseURLEnv names the environment variable that enables the PostgreSQL
// suite: a postgres:// URL of a database the tests may create schemas in.
const DatabaseURLEnv = "COPRODUCE_TEST_DATABASE_URL"

var counter atomic.Int64

// URL creates an empty schema for t, dropped when t ends, and returns a
// database URL whose connections use it. It skips t, recording the skip,
// when DatabaseURLEnv is not set.
func URL(t testing.TB) string {
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
		admin.Close()
		t.Fatalf("creating schema on %s: %v", DatabaseURLEnv, err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("dropping schema %s: %v", schema, err)
		}
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Schema returns the schema a URL from URL puts its tables in.
func Schema(databaseURL string) string {
	u, err := url.Parse(databaseURL)
	if err != nil {
		return ""
	}
	return u.Query().Get("search_path")
}
