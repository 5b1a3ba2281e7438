package store

import (
	"context"
	"database/sql"
	"fmt"

	"coproduce"
)

// FindActor returns the actor for a signed-in user: their current
// memberships and the organisations they administer, in two queries. A nil
// user gives coproduce.Anonymous.
func (db *DB) FindActor(ctx context.Context, u *coproduce.User) (*coproduce.Actor, error) {
	if u == nil {
		return coproduce.Anonymous, nil
	}
	a := &coproduce.Actor{User: u, Memberships: map[int64]*coproduce.Member{}, AdminOf: map[int64]bool{}}
	members, err := db.FindUserMemberships(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		a.Memberships[m.GroupID] = m
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT organisation_id FROM organisation_admins WHERE user_id = $1`, u.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		a.AdminOf[id] = true
	}
	return a, rows.Err()
}

// AddOrganisationAdmin makes a user an administrator of an organisation,
// recording actorID (a user id, 0 for the system) as who did it. An
// administrator can manage every group of the organisation, so each group's
// audit trail records the appointment. Adding someone who already is one
// changes nothing. Returns coproduce.ErrNotFound for an unknown
// organisation or user.
func (db *DB) AddOrganisationAdmin(ctx context.Context, actorID, organisationID, userID int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var ok bool
		err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM organisations WHERE id = $1) AND EXISTS (SELECT 1 FROM users WHERE id = $2)`,
			organisationID, userID).Scan(&ok)
		if err != nil {
			return err
		}
		if !ok {
			return coproduce.ErrNotFound
		}
		res, err := tx.ExecContext(ctx,
			`INSERT INTO organisation_admins (organisation_id, user_id, added_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
			organisationID, userID, db.now())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return db.appendOrganisationAudit(ctx, tx, organisationID, &coproduce.AuditEntry{
			ActorID: actorID, Action: "organisation.admin-added", Entity: "organisation", EntityID: organisationID,
			Summary: fmt.Sprintf("user %d can now administer the organisation and its groups", userID),
		})
	})
}

// FindOrganisationAdmins returns an organisation's administrators by name.
func (db *DB) FindOrganisationAdmins(ctx context.Context, organisationID int64) ([]*coproduce.User, error) {
	rows, err := db.sql.QueryContext(ctx,
		`SELECT `+userColumns+` FROM organisation_admins a JOIN users u ON u.id = a.user_id WHERE a.organisation_id = $1 ORDER BY u.name, u.id`,
		organisationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*coproduce.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
