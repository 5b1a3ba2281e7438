package store

import (
	"context"
	"database/sql"

	"coproduce"
)

// CreateGroup validates g, gives it an id and creation time, and stores it.
// Returns a *coproduce.ValidationError for bad fields, coproduce.ErrNotFound
// if its organisation does not exist, and coproduce.ErrConflict if the slug
// is taken within the organisation.
func (db *DB) CreateGroup(ctx context.Context, g *coproduce.Group) error {
	if err := g.Validate(); err != nil {
		return err
	}
	g.ID, g.CreatedAt = coproduce.NewID(), db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		// Checked inside the transaction, rather than left to the foreign
		// key, so the caller gets ErrNotFound instead of a driver error.
		var exists bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM organisations WHERE id = $1)`, g.OrganisationID).Scan(&exists); err != nil {
			return err
		}
		if !exists {
			return coproduce.ErrNotFound
		}
		return insertGroup(ctx, tx, g)
	})
}

// CreateOrganisationWithGroups stores an organisation and its groups in one
// transaction: all of them or none. It validates each as CreateOrganisation
// and CreateGroup do and returns the same errors.
func (db *DB) CreateOrganisationWithGroups(ctx context.Context, o *coproduce.Organisation, groups []*coproduce.Group) error {
	if err := o.Validate(); err != nil {
		return err
	}
	o.ID, o.CreatedAt = coproduce.NewID(), db.now()
	for _, g := range groups {
		g.OrganisationID = o.ID
		if err := g.Validate(); err != nil {
			return err
		}
		g.ID, g.CreatedAt = coproduce.NewID(), o.CreatedAt
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := insertOrganisation(ctx, tx, o); err != nil {
			return err
		}
		for _, g := range groups {
			if err := insertGroup(ctx, tx, g); err != nil {
				return err
			}
		}
		return nil
	})
}

func insertGroup(ctx context.Context, tx *sql.Tx, g *coproduce.Group) error {
	_, err := tx.ExecContext(ctx,
		`INSERT INTO steering_groups (id, organisation_id, slug, name, area, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		g.ID, g.OrganisationID, g.Slug, g.Name, g.Area, g.CreatedAt)
	return err
}

// FindGroups returns the groups of one organisation ordered by name. An
// unknown organisation has none.
func (db *DB) FindGroups(ctx context.Context, organisationID int64) ([]*coproduce.Group, error) {
	rows, err := db.sql.QueryContext(ctx,
		`SELECT id, organisation_id, slug, name, area, created_at FROM steering_groups WHERE organisation_id = $1 ORDER BY name, id`,
		organisationID)
	if err != nil {
		return nil, db.dialect.mapError(err)
	}
	defer rows.Close()
	var groups []*coproduce.Group
	for rows.Next() {
		var g coproduce.Group
		if err := rows.Scan(&g.ID, &g.OrganisationID, &g.Slug, &g.Name, &g.Area, &g.CreatedAt); err != nil {
			return nil, err
		}
		g.CreatedAt = g.CreatedAt.UTC()
		groups = append(groups, &g)
	}
	return groups, rows.Err()
}
