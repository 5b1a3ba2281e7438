package store

import (
	"context"
	"database/sql"
	"sync/atomic"
)

// counted is the connection pool, counting the statements run for a
// context that asks it to (see CountQueries), so that a test can show a
// page's queries do not grow with the number of records.
type counted struct{ *sql.DB }

type queryCountKey struct{}

// CountQueries returns a context under which the store counts each
// statement it runs, and each transaction it begins as one, and the
// counter.
func CountQueries(ctx context.Context) (context.Context, *atomic.Int64) {
	n := new(atomic.Int64)
	return context.WithValue(ctx, queryCountKey{}, n), n
}

func countQuery(ctx context.Context) {
	if n, ok := ctx.Value(queryCountKey{}).(*atomic.Int64); ok {
		n.Add(1)
	}
}

func (c counted) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	countQuery(ctx)
	return c.DB.QueryContext(ctx, query, args...)
}

func (c counted) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	countQuery(ctx)
	return c.DB.QueryRowContext(ctx, query, args...)
}

func (c counted) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	countQuery(ctx)
	return c.DB.ExecContext(ctx, query, args...)
}

func (c counted) BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error) {
	countQuery(ctx)
	return c.DB.BeginTx(ctx, opts)
}
