package store

import (
	"context"
	"database/sql"
	"fmt"

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
	if g.PaperDeadlineDays == 0 {
		// New groups start with the framework's five working days.
		g.PaperDeadlineDays = 5
	}
	_, err := tx.ExecContext(ctx,
		`INSERT INTO steering_groups (id, organisation_id, slug, name, area, description, paper_deadline_days, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		g.ID, g.OrganisationID, g.Slug, g.Name, g.Area, g.Description, g.PaperDeadlineDays, g.CreatedAt)
	return err
}

const groupColumns = `g.id, g.organisation_id, g.slug, g.name, g.area, g.description, g.paper_deadline_days, g.created_at`

func scanGroup(row interface{ Scan(...any) error }) (*coproduce.Group, error) {
	var g coproduce.Group
	if err := row.Scan(&g.ID, &g.OrganisationID, &g.Slug, &g.Name, &g.Area, &g.Description, &g.PaperDeadlineDays, &g.CreatedAt); err != nil {
		return nil, err
	}
	g.CreatedAt = g.CreatedAt.UTC()
	return &g, nil
}

// FindGroups returns the groups of one organisation ordered by name. An
// unknown organisation has none.
func (db *DB) FindGroups(ctx context.Context, organisationID int64) ([]*coproduce.Group, error) {
	rows, err := db.sql.QueryContext(ctx,
		`SELECT `+groupColumns+` FROM steering_groups g WHERE g.organisation_id = $1 ORDER BY g.name, g.id`, organisationID)
	if err != nil {
		return nil, db.dialect.mapError(err)
	}
	defer rows.Close()
	var groups []*coproduce.Group
	for rows.Next() {
		g, err := scanGroup(rows)
		if err != nil {
			return nil, err
		}
		groups = append(groups, g)
	}
	return groups, rows.Err()
}

// FindGroupBySlugs returns a group and its organisation by their slugs, or
// coproduce.ErrNotFound.
func (db *DB) FindGroupBySlugs(ctx context.Context, orgSlug, groupSlug string) (*coproduce.Group, *coproduce.Organisation, error) {
	var o coproduce.Organisation
	row := db.sql.QueryRowContext(ctx,
		`SELECT `+groupColumns+`, o.id, o.slug, o.name, o.created_at
		FROM steering_groups g JOIN organisations o ON o.id = g.organisation_id WHERE o.slug = $1 AND g.slug = $2`, orgSlug, groupSlug)
	var g coproduce.Group
	err := row.Scan(&g.ID, &g.OrganisationID, &g.Slug, &g.Name, &g.Area, &g.Description, &g.PaperDeadlineDays, &g.CreatedAt, &o.ID, &o.Slug, &o.Name, &o.CreatedAt)
	if err != nil {
		return nil, nil, db.dialect.mapError(err)
	}
	g.CreatedAt, o.CreatedAt = g.CreatedAt.UTC(), o.CreatedAt.UTC()
	return &g, &o, nil
}

// UpdateGroup saves a group's name, area and description, validated, and
// appends the change to its audit trail. Returns a
// *coproduce.ValidationError for bad fields and coproduce.ErrNotFound for
// an unknown group.
func (db *DB) UpdateGroup(ctx context.Context, actorID int64, g *coproduce.Group) error {
	if err := g.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		before, err := scanGroup(tx.QueryRowContext(ctx, `SELECT `+groupColumns+` FROM steering_groups g WHERE g.id = $1`, g.ID))
		if err != nil {
			return err
		}
		var changes []string
		if before.Name != g.Name {
			changes = append(changes, "name changed")
		}
		if before.Area != g.Area {
			changes = append(changes, "area changed")
		}
		if before.Description != g.Description {
			changes = append(changes, "description changed")
		}
		if before.PaperDeadlineDays != g.PaperDeadlineDays {
			changes = append(changes, fmt.Sprintf("papers due %d → %d working days before meetings", before.PaperDeadlineDays, g.PaperDeadlineDays))
		}
		if len(changes) == 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE steering_groups SET name = $1, area = $2, description = $3, paper_deadline_days = $4 WHERE id = $5`,
			g.Name, g.Area, g.Description, g.PaperDeadlineDays, g.ID); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: g.ID, ActorID: actorID, Action: "group.updated", Entity: "group", EntityID: g.ID, Summary: joinChanges(changes),
		})
	})
}

// FindGroupByID returns a group, or coproduce.ErrNotFound.
func (db *DB) FindGroupByID(ctx context.Context, id int64) (*coproduce.Group, error) {
	g, err := scanGroup(db.sql.QueryRowContext(ctx, `SELECT `+groupColumns+` FROM steering_groups g WHERE g.id = $1`, id))
	return g, db.dialect.mapError(err)
}

// FindStartingWell works out which of the group's first steps are done,
// in one query: those the group takes together. The steps each member
// takes come from the members themselves (StartingWell.CountFounders).
func (db *DB) FindStartingWell(ctx context.Context, groupID int64) (coproduce.StartingWell, error) {
	var s coproduce.StartingWell
	err := db.sql.QueryRowContext(ctx, `SELECT
		EXISTS (SELECT 1 FROM tor_versions WHERE group_id = $1),
		EXISTS (SELECT 1 FROM red_lines WHERE group_id = $1),
		EXISTS (SELECT 1 FROM stakeholders WHERE group_id = $1),
		EXISTS (SELECT 1 FROM skills_audits WHERE group_id = $1),
		EXISTS (SELECT 1 FROM health_rounds WHERE group_id = $1)`, groupID).
		Scan(&s.ToR, &s.RedLines, &s.Stakeholders, &s.SkillsAudit, &s.HealthCheck)
	return s, err
}
