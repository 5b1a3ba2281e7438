package store

import (
	"context"
	"database/sql"
	"fmt"

	"coproduce"
)

// CreateOrganisation validates o, gives it an id and creation time, and
// stores it. Returns a *coproduce.ValidationError for bad fields and
// coproduce.ErrConflict if the slug is taken.
func (db *DB) CreateOrganisation(ctx context.Context, o *coproduce.Organisation) error {
	if err := o.Validate(); err != nil {
		return err
	}
	o.ID, o.CreatedAt = coproduce.NewID(), db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		return insertOrganisation(ctx, tx, o)
	})
}

func insertOrganisation(ctx context.Context, tx *sql.Tx, o *coproduce.Organisation) error {
	_, err := tx.ExecContext(ctx,
		`INSERT INTO organisations (id, slug, name, created_at) VALUES ($1, $2, $3, $4)`,
		o.ID, o.Slug, o.Name, o.CreatedAt)
	return err
}

// FindOrganisationBySlug returns the organisation with that slug, or
// coproduce.ErrNotFound.
func (db *DB) FindOrganisationBySlug(ctx context.Context, slug string) (*coproduce.Organisation, error) {
	var o coproduce.Organisation
	err := db.sql.QueryRowContext(ctx,
		`SELECT id, slug, name, created_at FROM organisations WHERE slug = $1`, slug,
	).Scan(&o.ID, &o.Slug, &o.Name, &o.CreatedAt)
	if err != nil {
		return nil, db.dialect.mapError(err)
	}
	o.CreatedAt = o.CreatedAt.UTC()
	return &o, nil
}

// CountOrganisations returns how many organisations exist. The demo loader
// uses it to tell an empty database from one in use.
func (db *DB) CountOrganisations(ctx context.Context) (int, error) {
	var n int
	if err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM organisations`).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting organisations: %w", err)
	}
	return n, nil
}

// FindOrganisations returns every organisation by name.
func (db *DB) FindOrganisations(ctx context.Context) ([]*coproduce.Organisation, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT id, slug, name, created_at FROM organisations ORDER BY name, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*coproduce.Organisation
	for rows.Next() {
		var o coproduce.Organisation
		if err := rows.Scan(&o.ID, &o.Slug, &o.Name, &o.CreatedAt); err != nil {
			return nil, err
		}
		o.CreatedAt = o.CreatedAt.UTC()
		out = append(out, &o)
	}
	return out, rows.Err()
}

// FindOrganisationByID returns an organisation, or coproduce.ErrNotFound.
func (db *DB) FindOrganisationByID(ctx context.Context, id int64) (*coproduce.Organisation, error) {
	var o coproduce.Organisation
	err := db.sql.QueryRowContext(ctx, `SELECT id, slug, name, created_at FROM organisations WHERE id = $1`, id).
		Scan(&o.ID, &o.Slug, &o.Name, &o.CreatedAt)
	if err != nil {
		return nil, db.dialect.mapError(err)
	}
	o.CreatedAt = o.CreatedAt.UTC()
	return &o, nil
}
