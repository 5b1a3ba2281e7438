package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrBackupPostgres means a backup or restore was asked of PostgreSQL,
// whose own tools do it (see docs/operations.md).
var ErrBackupPostgres = errors.New("this database is PostgreSQL: back it up with pg_dump and restore it with pg_restore, as docs/operations.md describes")

// Backup writes a consistent copy of the SQLite database to path while
// the server goes on working: the copy holds every write committed before
// it began. It refuses to overwrite a file, and checks the copy after.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.dialect != dialectSQLite {
		return ErrBackupPostgres
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s already exists; choose a new file for the backup", path)
	}
	// VACUUM INTO reads the database in one read transaction and writes a
	// fresh, compacted file: a snapshot, without stopping writers.
	if _, err := db.sql.ExecContext(ctx, `VACUUM INTO $1`, path); err != nil {
		os.Remove(path)
		return fmt.Errorf("backing up: %w", err)
	}
	return checkSQLiteFile(ctx, path)
}

// checkSQLiteFile opens a database file on its own and runs SQLite's
// integrity check on it.
func checkSQLiteFile(ctx context.Context, path string) error {
	copy, err := openSQLiteFile(ctx, path)
	if err != nil {
		return err
	}
	defer copy.Close()
	return copy.IntegrityCheck(ctx)
}

// IntegrityCheck runs SQLite's integrity check, and on PostgreSQL checks
// only that the database answers.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	if db.dialect != dialectSQLite {
		return db.sql.PingContext(ctx)
	}
	var result string
	if err := db.sql.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&result); err != nil {
		return err
	}
	if result != "ok" {
		return fmt.Errorf("integrity check: %s", result)
	}
	return nil
}

// Restore puts the SQLite backup at path in place as the database of the
// empty data folder dataDir, checked first: whole, and migrated by this
// release or an earlier one. It never writes over a database, so it cannot
// take one from under a running server: restore into a new folder, then
// start the server on it.
func Restore(ctx context.Context, path, dataDir string) error {
	target := filepath.Join(dataDir, SQLiteFile)
	if _, err := os.Stat(target); err == nil {
		return fmt.Errorf("%s already holds a database; restore into an empty folder", dataDir)
	}
	if err := checkSQLiteFile(ctx, path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	src, err := openSQLiteFile(ctx, path)
	if err != nil {
		return err
	}
	err = src.checkNotTooNew(ctx)
	src.Close()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	tmp := target + ".restoring"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	f, err := os.Open(tmp)
	if err == nil {
		err = f.Sync()
		f.Close()
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, target)
}
