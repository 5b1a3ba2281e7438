package store

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/pressly/goose/v3"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"coproduce"
)

// dialect is the one place where SQLite and PostgreSQL are told apart.
type dialect int

const (
	dialectSQLite dialect = iota + 1
	dialectPostgres
)

func (d dialect) String() string {
	if d == dialectPostgres {
		return "postgres"
	}
	return "sqlite"
}

func (d dialect) driver() string {
	if d == dialectPostgres {
		return "pgx"
	}
	return "sqlite"
}

func (d dialect) gooseDialect() goose.Dialect {
	if d == dialectPostgres {
		return goose.DialectPostgres
	}
	return goose.DialectSQLite3
}

func (d dialect) configurePool(db *sql.DB) {
	if d == dialectPostgres {
		db.SetMaxOpenConns(20)
		db.SetMaxIdleConns(10)
		return
	}
	// Writers queue inside SQLite (see sqliteDSN); a small pool keeps that
	// queue short while readers, which WAL never blocks, run alongside.
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	// Connections live for the process: each carries its pragmas, and
	// reopening one costs more than it saves.
	db.SetConnMaxLifetime(0)
}

// tableExistsQuery returns a query taking a table name ($1) and answering
// one boolean row.
func (d dialect) tableExistsQuery() string {
	if d == dialectPostgres {
		return "SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1)"
	}
	return "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1)"
}

// skipLocked returns the clause that makes a SELECT in a transaction pass
// over rows another transaction has locked. SQLite needs none: a write
// transaction there holds the whole database.
func (d dialect) skipLocked() string {
	if d == dialectPostgres {
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}

// jsonIDs returns a subquery selecting the ids in the JSON array of
// numbers in parameter param, so a list of ids can be one parameter.
func (d dialect) jsonIDs(param string) string { return d.jsonValues(param, "::bigint") }

// jsonStrings is jsonIDs for a JSON array of strings.
func (d dialect) jsonStrings(param string) string { return d.jsonValues(param, "") }

// jsonValues selects the values of the JSON array in param, cast (on
// PostgreSQL, which reads them as text) with pgCast.
func (d dialect) jsonValues(param, pgCast string) string {
	if d == dialectPostgres {
		return `SELECT value` + pgCast + ` FROM jsonb_array_elements_text(` + param + `::jsonb) AS j(value)`
	}
	return `SELECT value FROM json_each(` + param + `)`
}

// Keys of the PostgreSQL advisory locks the store takes, apart from those
// keyed by a group's id (which are random 63-bit numbers, so cannot meet
// these).
const (
	lockFirstAdmin int64 = 1
)

// mapError turns driver errors that mean something to the domain into the
// domain's errors, by error code rather than message text. Other errors pass
// through unchanged.
// Unavailable reports whether err means the database could not be
// reached, or is shutting down or starting up, rather than that anything
// was wrong with the request: the answer is to try again shortly.
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		// Class 08 is a connection exception; 57P01 to 57P05 are the
		// server shutting down, crashing, or starting up.
		return strings.HasPrefix(pgErr.Code, "08") || strings.HasPrefix(pgErr.Code, "57P")
	}
	var connectErr *pgconn.ConnectError
	var netErr net.Error
	return errors.As(err, &connectErr) || errors.As(err, &netErr) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, io.ErrUnexpectedEOF) || pgconn.SafeToRetry(err)
}

func (d dialect) mapError(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return coproduce.ErrNotFound
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505": // unique_violation
			return fmt.Errorf("%w: %s", coproduce.ErrConflict, pgErr.ConstraintName)
		}
		return err
	}
	var liteErr *sqlite.Error
	if errors.As(err, &liteErr) {
		switch liteErr.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return fmt.Errorf("%w: %s", coproduce.ErrConflict, liteErr.Error())
		}
	}
	return err
}
