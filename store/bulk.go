package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Bulk collects rows to write in one go with WriteBulk. It is for data
// made in bulk (the benchmark data set), where going through the Create
// methods one record and one transaction at a time would take hours. It
// bypasses those methods' rules, so whoever fills it must keep them:
// valid values, and an audit entry for each change, chained. Tables are
// written in the order they were declared with Table, so declare a table
// after the tables its rows point at.
type Bulk struct {
	tables []*bulkTable
	index  map[string]*bulkTable
	err    error
}

type bulkTable struct {
	name    string
	columns []string
	rows    [][]any
}

// Table declares a table and the columns (comma-separated) its rows give
// values for.
func (b *Bulk) Table(name, columns string) {
	if b.index == nil {
		b.index = map[string]*bulkTable{}
	}
	if b.index[name] != nil {
		b.err = fmt.Errorf("store: bulk table %s declared twice", name)
		return
	}
	t := &bulkTable{name: name, columns: strings.Split(columns, ", ")}
	b.index[name] = t
	b.tables = append(b.tables, t)
}

// Add queues a row for a declared table, with a value for each of its
// columns, in order. A value is a string, a number, a bool, a time.Time,
// a []byte, or nil for NULL.
func (b *Bulk) Add(table string, values ...any) {
	t := b.index[table]
	switch {
	case b.err != nil:
		return
	case t == nil:
		b.err = fmt.Errorf("store: bulk row for %s, which was not declared", table)
		return
	case len(values) != len(t.columns):
		b.err = fmt.Errorf("store: bulk row for %s has %d values for %d columns", table, len(values), len(t.columns))
		return
	}
	t.rows = append(t.rows, values)
}

// Len is the number of rows queued.
func (b *Bulk) Len() int {
	n := 0
	for _, t := range b.tables {
		n += len(t.rows)
	}
	return n
}

// Reset empties b for the next batch, keeping its tables.
func (b *Bulk) Reset() {
	for _, t := range b.tables {
		clear(t.rows)
		t.rows = t.rows[:0]
	}
}

// WriteBulk writes every queued row in one transaction: all of them or,
// on an error (a constraint, a wrong value), none. PostgreSQL gets each
// table through COPY, checking foreign keys as it goes. SQLite gets
// multi-row INSERTs with its foreign key checks off, because with them on
// every row added to a parent table makes SQLite search each child table
// for rows pointing at it, and most child columns have no index: the
// time grows with the square of the rows. Call CheckForeignKeys once the
// last batch is in.
func (db *DB) WriteBulk(ctx context.Context, b *Bulk) error {
	if b.err != nil {
		return b.err
	}
	if db.dialect == dialectPostgres {
		return db.copyBulk(ctx, b)
	}
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// The pragma is a no-op inside a transaction, so it goes before
	// BEGIN, and is turned back on before the connection returns to the
	// pool, whatever happened.
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA foreign_keys = ON`)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, t := range b.tables {
		if err := insertRows(ctx, tx, t); err != nil {
			return fmt.Errorf("writing %s: %w", t.name, err)
		}
	}
	return tx.Commit()
}

// CheckForeignKeys reports the first row that points at a row that is
// not there, after WriteBulk on SQLite. PostgreSQL checked as it went.
func (db *DB) CheckForeignKeys(ctx context.Context) error {
	if db.dialect == dialectPostgres {
		return nil
	}
	var table, parent string
	var rowid sql.NullInt64
	var fk int
	err := db.sql.QueryRowContext(ctx, `PRAGMA foreign_key_check`).Scan(&table, &rowid, &parent, &fk)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	return fmt.Errorf("store: a row of %s (rowid %d) points at a row of %s that is not there", table, rowid.Int64, parent)
}

// insertRows writes a table's rows in statements of up to 100 rows. The
// placeholders are SQLite's anonymous "?": the driver looks each numbered
// one up by name, which grows with the square of a statement's length.
func insertRows(ctx context.Context, tx *sql.Tx, t *bulkTable) error {
	const perStatement = 100
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	for start := 0; start < len(t.rows); start += perStatement {
		batch := t.rows[start:min(start+perStatement, len(t.rows))]
		args := make([]any, 0, len(batch)*len(t.columns))
		for _, r := range batch {
			args = append(args, r...)
		}
		if len(batch) < perStatement {
			if _, err := tx.ExecContext(ctx, insertStatement(t, len(batch)), args...); err != nil {
				return err
			}
			continue
		}
		if full == nil {
			var err error
			if full, err = tx.PrepareContext(ctx, insertStatement(t, perStatement)); err != nil {
				return err
			}
		}
		if _, err := full.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return nil
}

func insertStatement(t *bulkTable, rows int) string {
	var q strings.Builder
	q.WriteString("INSERT INTO " + t.name + " (" + strings.Join(t.columns, ", ") + ") VALUES ")
	row := "(?" + strings.Repeat(", ?", len(t.columns)-1) + ")"
	for r := range rows {
		if r > 0 {
			q.WriteString(", ")
		}
		q.WriteString(row)
	}
	return q.String()
}

// copyBulk writes through pgx's COPY on one connection of the pool, the
// fastest way into PostgreSQL, in one transaction.
func (db *DB) copyBulk(ctx context.Context, b *Bulk) error {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(driverConn any) error {
		pg := driverConn.(*stdlib.Conn).Conn()
		tx, err := pg.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		for _, t := range b.tables {
			if len(t.rows) == 0 {
				continue
			}
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, t.columns, pgx.CopyFromRows(t.rows)); err != nil {
				return fmt.Errorf("writing %s: %w", t.name, err)
			}
		}
		return tx.Commit(ctx)
	})
}
