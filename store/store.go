// Package store keeps the product's records in SQLite (the embedded default)
// or PostgreSQL behind one API over database/sql. The SQL is hand-written
// and shared by both databases; where they differ, the difference lives in
// dialect.go. The schema is an embedded set of goose migrations in
// migrations/, also shared.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// SQLiteFile is the name of the database file inside the data folder.
const SQLiteFile = "coproduce.db"

// ErrSchemaTooNew means the database was migrated by a newer release of the
// product than this one; running on it could corrupt records the newer
// release wrote.
var ErrSchemaTooNew = errors.New("the database schema is newer than this release of coproduce knows")

// ErrNotMigrated means migrations are still pending.
var ErrNotMigrated = errors.New("the database has migrations still to apply")

// DB is a handle on the product's database. It is safe for concurrent use.
type DB struct {
	sql      counted
	dialect  dialect
	migrator *goose.Provider
	latest   int64 // the newest migration this release knows

	// Now returns the current time; tests replace it.
	Now func() time.Time

	// closedBallots keeps the ballots of rounds long closed, which never
	// change, by round id: see FindRoundAnswers.
	closedBallots ballotCache
}

// Open connects to the database named by databaseURL, or, when it is empty,
// to the SQLite file in dataDir (created if missing). It does not migrate;
// call Migrate. A postgres:// or postgresql:// URL selects PostgreSQL. It
// returns an error for any other URL, a data folder it cannot create, or a
// database that does not answer.
func Open(ctx context.Context, databaseURL, dataDir string) (*DB, error) {
	var (
		d   dialect
		dsn string
	)
	switch {
	case databaseURL == "":
		if err := os.MkdirAll(dataDir, 0o750); err != nil {
			return nil, fmt.Errorf("creating data folder: %w", err)
		}
		d, dsn = dialectSQLite, sqliteDSN(filepath.Join(dataDir, SQLiteFile))
	case strings.HasPrefix(databaseURL, "postgres://"), strings.HasPrefix(databaseURL, "postgresql://"):
		d, dsn = dialectPostgres, databaseURL
	default:
		return nil, fmt.Errorf("unsupported database URL %q: use a postgres:// URL, or none for the embedded SQLite file", redactURL(databaseURL))
	}

	return open(ctx, d, dsn)
}

// openSQLiteFile opens the SQLite database file at path to read only, so
// that checking a backup leaves it exactly as it was.
func openSQLiteFile(ctx context.Context, path string) (*DB, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Set("mode", "ro")
	q.Set("_time_format", "sqlite")
	return open(ctx, dialectSQLite, "file:"+path+"?"+q.Encode())
}

func open(ctx context.Context, d dialect, dsn string) (*DB, error) {
	sqlDB, err := sql.Open(d.driver(), dsn)
	if err != nil {
		return nil, err
	}
	d.configurePool(sqlDB)
	db := &DB{sql: counted{sqlDB}, dialect: d, Now: func() time.Time { return time.Now().UTC() }}
	if err := sqlDB.PingContext(ctx); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("connecting to %s: %w", d, err)
	}
	if db.migrator, err = newMigrator(d, sqlDB); err != nil {
		sqlDB.Close()
		return nil, err
	}
	for _, s := range db.migrator.ListSources() {
		db.latest = max(db.latest, s.Version)
	}
	return db, nil
}

// sqliteDSN returns the connection string for the SQLite file at path.
//
// busy_timeout comes first: setting journal_mode can itself need a lock, and
// without a timeout already in force a second process opening the file at
// the same moment fails at once instead of waiting. _txlock=immediate makes
// every transaction take the write lock at BEGIN, so two writers queue on
// busy_timeout; with SQLite's default deferred transactions, a transaction
// that reads and then writes fails with "database is locked" when another
// writer got there first, without waiting. synchronous(FULL) syncs the WAL on
// every commit, so an acknowledged write survives power loss as well as a
// crash of the process.
func sqliteDSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Set("_txlock", "immediate")
	q.Set("_time_format", "sqlite")
	return "file:" + path + "?" + q.Encode()
}

func newMigrator(d dialect, sqlDB *sql.DB) (*goose.Provider, error) {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	opts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true), goose.WithGoMigrations(goMigrations(d)...)}
	if d == dialectPostgres {
		// Several instances may start at once against one PostgreSQL; an
		// advisory lock makes them take turns, so each migration runs once.
		// Polled each second for up to five minutes: an instance that
		// loses the race starts a second after the winner finishes.
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 300))
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	return goose.NewProvider(d.gooseDialect(), sqlDB, fsys, opts...)
}

// Close closes the database. On SQLite it first checkpoints the write-ahead
// log into the main file, so a copy of the file alone is complete.
func (db *DB) Close() error {
	if db.dialect == dialectSQLite {
		// A failed checkpoint loses nothing: the WAL is replayed on next open.
		_, _ = db.sql.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	}
	return db.sql.Close()
}

// Dialect names the database in use: "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.dialect.String() }

// Migrate applies every pending migration, each in its own transaction.
// Returns ErrSchemaTooNew, without changing anything, if the database was
// migrated by a newer release.
func (db *DB) Migrate(ctx context.Context) ([]MigrationState, error) {
	if err := db.checkNotTooNew(ctx); err != nil {
		return nil, err
	}
	results, err := db.migrator.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrating: %w", err)
	}
	applied := make([]MigrationState, 0, len(results))
	for _, r := range results {
		applied = append(applied, MigrationState{Version: r.Source.Version, Name: migrationName(r.Source), Applied: true, Took: r.Duration})
	}
	return applied, nil
}

// MigrationState describes one migration and whether it has been applied.
type MigrationState struct {
	Version   int64
	Name      string
	Applied   bool
	AppliedAt time.Time     // zero if not applied
	Took      time.Duration // set by Migrate only
}

// MigrationStatus lists every migration this release knows, oldest first.
// Returns ErrSchemaTooNew if the database is ahead of this release.
func (db *DB) MigrationStatus(ctx context.Context) ([]MigrationState, error) {
	if err := db.checkNotTooNew(ctx); err != nil {
		return nil, err
	}
	status, err := db.migrator.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading migration status: %w", err)
	}
	states := make([]MigrationState, 0, len(status))
	for _, s := range status {
		states = append(states, MigrationState{
			Version:   s.Source.Version,
			Name:      migrationName(s.Source),
			Applied:   s.State == goose.StateApplied,
			AppliedAt: s.AppliedAt.UTC(),
		})
	}
	return states, nil
}

func migrationName(s *goose.Source) string {
	if s.Type == goose.TypeGo {
		return goMigrationNames[s.Version]
	}
	return filepath.Base(s.Path)
}

// Ready reports whether the database answers and is fully migrated. It
// returns ErrNotMigrated or ErrSchemaTooNew when the schema does not match
// this release.
func (db *DB) Ready(ctx context.Context) error {
	version, err := db.schemaVersion(ctx)
	if err != nil {
		return err
	}
	switch {
	case version > db.latest:
		return ErrSchemaTooNew
	case version < db.latest:
		return ErrNotMigrated
	}
	return nil
}

func (db *DB) checkNotTooNew(ctx context.Context) error {
	version, err := db.schemaVersion(ctx)
	if err != nil {
		return err
	}
	if version > db.latest {
		return fmt.Errorf("%w (database at version %d, this release knows up to %d): upgrade coproduce before starting it on this database", ErrSchemaTooNew, version, db.latest)
	}
	return nil
}

// schemaVersion returns the highest applied migration, or 0 on a database
// that was never migrated.
func (db *DB) schemaVersion(ctx context.Context) (int64, error) {
	var exists bool
	if err := db.sql.QueryRowContext(ctx, db.dialect.tableExistsQuery(), "goose_db_version").Scan(&exists); err != nil {
		return 0, fmt.Errorf("checking the database: %w", err)
	}
	if !exists {
		return 0, nil
	}
	var version sql.NullInt64
	err := db.sql.QueryRowContext(ctx, "SELECT MAX(version_id) FROM goose_db_version WHERE is_applied").Scan(&version)
	if err != nil {
		return 0, fmt.Errorf("reading the schema version: %w", err)
	}
	return version.Int64, nil
}

// LatestVersion returns the newest migration this release knows.
func (db *DB) LatestVersion() int64 { return db.latest }

// inTx runs fn in a transaction, committing if it returns nil and rolling
// back otherwise.
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return db.dialect.mapError(err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return db.dialect.mapError(err)
	}
	return db.dialect.mapError(tx.Commit())
}

// redactURL hides a password in a database URL so it can go in an error.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable URL)"
	}
	return u.Redacted()
}

// now returns the current time as both databases store it: UTC, to the
// microsecond (PostgreSQL's precision), so a record reads back equal to what
// was written.
func (db *DB) now() time.Time { return db.Now().UTC().Truncate(time.Microsecond) }

// lock makes transactions that ask for the same key take turns, until the
// end of tx. On SQLite every write transaction already holds the whole
// database, so there is nothing to do.
func (db *DB) lock(ctx context.Context, tx *sql.Tx, key int64) error {
	if db.dialect != dialectPostgres {
		return nil
	}
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, key)
	return err
}
