package store

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

// goMigrations are the migrations whose SQL differs between SQLite and
// PostgreSQL, so cannot live in migrations/. Each runs in a transaction.
func goMigrations(d dialect) []*goose.Migration {
	return []*goose.Migration{
		goose.NewGoMigration(4,
			&goose.GoFunc{RunTx: execAll(d.appendOnlyTriggers("audit_log"))},
			&goose.GoFunc{RunTx: execAll(d.dropAppendOnlyTriggers("audit_log"))}),
	}
}

// goMigrationNames names the Go migrations for `migrate status`.
var goMigrationNames = map[int64]string{
	4: "00004_audit_log_append_only (Go: triggers differ by database)",
}

func execAll(statements []string) func(context.Context, *sql.Tx) error {
	return func(ctx context.Context, tx *sql.Tx) error {
		for _, s := range statements {
			if _, err := tx.ExecContext(ctx, s); err != nil {
				return err
			}
		}
		return nil
	}
}

// appendOnlyTriggers returns statements that make the database itself
// refuse to update or delete rows of table, whoever asks.
func (d dialect) appendOnlyTriggers(table string) []string {
	if d == dialectPostgres {
		return []string{
			`CREATE FUNCTION ` + table + `_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				RAISE EXCEPTION '` + table + ` is append-only: rows cannot be changed or deleted';
			END $$`,
			`CREATE TRIGGER ` + table + `_no_change BEFORE UPDATE OR DELETE ON ` + table + `
			FOR EACH ROW EXECUTE FUNCTION ` + table + `_append_only()`,
			// TRUNCATE skips row triggers; it needs its own.
			`CREATE TRIGGER ` + table + `_no_truncate BEFORE TRUNCATE ON ` + table + `
			FOR EACH STATEMENT EXECUTE FUNCTION ` + table + `_append_only()`,
		}
	}
	return []string{
		`CREATE TRIGGER ` + table + `_no_update BEFORE UPDATE ON ` + table + `
		BEGIN SELECT RAISE(ABORT, '` + table + ` is append-only: rows cannot be changed or deleted'); END`,
		`CREATE TRIGGER ` + table + `_no_delete BEFORE DELETE ON ` + table + `
		BEGIN SELECT RAISE(ABORT, '` + table + ` is append-only: rows cannot be changed or deleted'); END`,
	}
}

func (d dialect) dropAppendOnlyTriggers(table string) []string {
	if d == dialectPostgres {
		return []string{
			`DROP TRIGGER ` + table + `_no_truncate ON ` + table,
			`DROP TRIGGER ` + table + `_no_change ON ` + table,
			`DROP FUNCTION ` + table + `_append_only()`,
		}
	}
	return []string{`DROP TRIGGER ` + table + `_no_delete`, `DROP TRIGGER ` + table + `_no_update`}
}
