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
		goose.NewGoMigration(26,
			&goose.GoFunc{RunTx: execAll(d.unorderedConcerns())},
			&goose.GoFunc{RunTx: execAll(d.orderedConcerns())}),
		goose.NewGoMigration(32,
			&goose.GoFunc{RunTx: splitBallots},
			&goose.GoFunc{RunTx: execAll([]string{`DROP TABLE health_comments`, `DROP TABLE health_placings`})}),
	}
}

// goMigrationNames names the Go migrations for `migrate status`.
var goMigrationNames = map[int64]string{
	4:  "00004_audit_log_append_only (Go: triggers differ by database)",
	26: "00026_concerns_unordered (Go: SQLite rebuilds the table without rowids)",
	32: "00032_health_answers_apart (Go: moves ladder places and comments out of the ballots)",
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

// concernsColumns is the concerns table as migration 18 made it, plus
// audited: false while an anonymous concern's audit entry waits for the
// day to end.
const concernsColumns = `
    id         BIGINT PRIMARY KEY,
    group_id   BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    details    TEXT NOT NULL,
    raised_by  BIGINT NULL REFERENCES members (id),
    raised_on  TIMESTAMP NOT NULL,
    status     TEXT NOT NULL,
    meeting_id BIGINT NULL REFERENCES meetings (id),
    outcome    TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL`

// unorderedConcerns adds the audited column. On SQLite it also rebuilds
// the table WITHOUT ROWID: an ordinary SQLite table numbers its rows in
// the order they were written, which would let someone with the database
// file place an anonymous concern between two named ones. Without rowids
// rows are kept in the order of their random ids.
func (d dialect) unorderedConcerns() []string {
	if d == dialectPostgres {
		return []string{`ALTER TABLE concerns ADD COLUMN audited BOOLEAN NOT NULL DEFAULT TRUE`}
	}
	return []string{
		`CREATE TABLE concerns_unordered (` + concernsColumns + `,
    audited    BOOLEAN NOT NULL DEFAULT TRUE
) WITHOUT ROWID`,
		`INSERT INTO concerns_unordered SELECT *, TRUE FROM concerns`,
		`DROP TABLE concerns`,
		`ALTER TABLE concerns_unordered RENAME TO concerns`,
		`CREATE INDEX concerns_group ON concerns (group_id, status)`,
		`CREATE INDEX concerns_meeting ON concerns (meeting_id)`,
	}
}

func (d dialect) orderedConcerns() []string {
	if d == dialectPostgres {
		return []string{`ALTER TABLE concerns DROP COLUMN audited`}
	}
	return []string{
		`CREATE TABLE concerns_ordered (` + concernsColumns + `)`,
		`INSERT INTO concerns_ordered SELECT id, group_id, kind, title, details, raised_by, raised_on, status, meeting_id, outcome, updated_at FROM concerns`,
		`DROP TABLE concerns`,
		`ALTER TABLE concerns_ordered RENAME TO concerns`,
		`CREATE INDEX concerns_group ON concerns (group_id, status)`,
		`CREATE INDEX concerns_meeting ON concerns (meeting_id)`,
	}
}
