package store

import (
	"context"
	"database/sql"

	"coproduce"
)

// CreateExternalFacilitator adds a facilitator or mediator proposed by a
// member, with an audit entry. The proposal counts as the proposer's
// approval when they are on the residents' or the organisation's side.
func (db *DB) CreateExternalFacilitator(ctx context.Context, actorID int64, proposer *coproduce.Member, f *coproduce.ExternalFacilitator) error {
	if err := f.Validate(); err != nil {
		return err
	}
	f.ID, f.GroupID, f.ProposedBy, f.CreatedAt = coproduce.NewID(), proposer.GroupID, proposer.ID, db.now()
	f.Approvals = map[int64]coproduce.Constituency{}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO facilitators (id, group_id, name, offers, contact, proposed_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			f.ID, f.GroupID, f.Name, f.Offers, f.Contact, f.ProposedBy, f.CreatedAt); err != nil {
			return err
		}
		if f.CanApprove(proposer) {
			if err := approveFacilitator(ctx, tx, db, f, proposer); err != nil {
				return err
			}
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: f.GroupID, ActorID: actorID, Action: "facilitator.proposed",
			Entity: "facilitator", EntityID: f.ID})
	})
}

// ApproveExternalFacilitator records a member's approval of an entry, with
// an audit entry. Returns coproduce.ErrNotFound for an entry not of the
// member's group, and a state error if the member may not approve it.
func (db *DB) ApproveExternalFacilitator(ctx context.Context, actorID int64, m *coproduce.Member, id int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		list, err := db.findFacilitators(ctx, tx, m.GroupID, id)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return coproduce.ErrNotFound
		}
		f := list[0]
		if !f.CanApprove(m) {
			return stateError("Only a resident or organisation member who has not yet approved this entry can approve it.")
		}
		if err := approveFacilitator(ctx, tx, db, f, m); err != nil {
			return err
		}
		// The name stays out of the trail, which an organisation
		// administrator outside the group may read.
		summary := ""
		if f.Agreed() {
			summary = "now agreed by both sides"
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: f.GroupID, ActorID: actorID, Action: "facilitator.approved",
			Entity: "facilitator", EntityID: f.ID, Summary: summary})
	})
}

func approveFacilitator(ctx context.Context, tx *sql.Tx, db *DB, f *coproduce.ExternalFacilitator, m *coproduce.Member) error {
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO facilitator_approvals (facilitator_id, member_id, constituency, approved_at) VALUES ($1, $2, $3, $4)`,
		f.ID, m.ID, string(m.Constituency), db.now()); err != nil {
		return err
	}
	f.Approvals[m.ID] = m.Constituency
	return nil
}

// FindExternalFacilitators returns a group's facilitators and mediators,
// in the order they were proposed, with their approvals.
func (db *DB) FindExternalFacilitators(ctx context.Context, groupID int64) ([]*coproduce.ExternalFacilitator, error) {
	var out []*coproduce.ExternalFacilitator
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = db.findFacilitators(ctx, tx, groupID, 0)
		return err
	})
	return out, err
}

// findFacilitators returns a group's entries, or only the one with id if
// id is not 0.
func (db *DB) findFacilitators(ctx context.Context, tx *sql.Tx, groupID, id int64) ([]*coproduce.ExternalFacilitator, error) {
	rows, err := tx.QueryContext(ctx,
		`SELECT id, name, offers, contact, proposed_by, created_at FROM facilitators WHERE group_id = $1 AND (CAST($2 AS BIGINT) = 0 OR id = $2) ORDER BY created_at, id`,
		groupID, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*coproduce.ExternalFacilitator
	byID := map[int64]*coproduce.ExternalFacilitator{}
	for rows.Next() {
		f := &coproduce.ExternalFacilitator{GroupID: groupID, Approvals: map[int64]coproduce.Constituency{}}
		if err := rows.Scan(&f.ID, &f.Name, &f.Offers, &f.Contact, &f.ProposedBy, &f.CreatedAt); err != nil {
			return nil, err
		}
		f.CreatedAt = f.CreatedAt.UTC()
		out, byID[f.ID] = append(out, f), f
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	approvals, err := tx.QueryContext(ctx,
		`SELECT a.facilitator_id, a.member_id, a.constituency FROM facilitator_approvals a JOIN facilitators f ON f.id = a.facilitator_id
		WHERE f.group_id = $1 AND (CAST($2 AS BIGINT) = 0 OR f.id = $2)`, groupID, id)
	if err != nil {
		return nil, err
	}
	defer approvals.Close()
	for approvals.Next() {
		var fid, mid int64
		var c string
		if err := approvals.Scan(&fid, &mid, &c); err != nil {
			return nil, err
		}
		if f := byID[fid]; f != nil {
			f.Approvals[mid] = coproduce.Constituency(c)
		}
	}
	return out, approvals.Err()
}
