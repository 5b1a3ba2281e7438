package store

import (
	"context"
	"database/sql"
	"errors"

	"coproduce"
)

// CreateSupportNeed records a member's support need. Its audit entry names
// only that a need was recorded, never its kind or details.
func (db *DB) CreateSupportNeed(ctx context.Context, actorID int64, n *coproduce.SupportNeed) error {
	if err := n.Validate(); err != nil {
		return err
	}
	n.ID, n.CreatedAt = coproduce.NewID(), db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO support_needs (id, group_id, member_id, kind, details, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			n.ID, n.GroupID, n.MemberID, n.Kind, n.Details, n.CreatedAt); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: n.GroupID, ActorID: actorID, Action: "support.recorded",
			Entity: "support-need", EntityID: n.ID})
	})
}

// SetSupportNeedMet marks a need met, or not met again. Returns
// coproduce.ErrNotFound unless viewer may see the need.
func (db *DB) SetSupportNeedMet(ctx context.Context, actorID int64, viewer *coproduce.Member, id int64, met bool) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		n := coproduce.SupportNeed{ID: id}
		err := tx.QueryRowContext(ctx, `SELECT group_id, member_id FROM support_needs WHERE id = $1`, id).Scan(&n.GroupID, &n.MemberID)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !coproduce.CanSeeSupportNeed(viewer, &n)) {
			return coproduce.ErrNotFound
		}
		if err != nil {
			return err
		}
		var at any
		action := "support.unmet"
		if met {
			at, action = db.now(), "support.met"
		}
		if _, err := tx.ExecContext(ctx, `UPDATE support_needs SET met_at = $1 WHERE id = $2`, at, id); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: n.GroupID, ActorID: actorID, Action: action,
			Entity: "support-need", EntityID: id})
	})
}

// FindSupportNeeds returns a group's support needs, oldest first. Callers
// show each only to those coproduce.CanSeeSupportNeed allows.
func (db *DB) FindSupportNeeds(ctx context.Context, groupID int64) ([]*coproduce.SupportNeed, error) {
	var out []*coproduce.SupportNeed
	err := db.collect(ctx,
		`SELECT id, group_id, member_id, kind, details, met_at, created_at FROM support_needs WHERE group_id = $1 ORDER BY created_at, id`,
		[]any{groupID}, func(r *sql.Rows) error {
			var n coproduce.SupportNeed
			var met sql.NullTime
			if err := r.Scan(&n.ID, &n.GroupID, &n.MemberID, &n.Kind, &n.Details, &met, &n.CreatedAt); err != nil {
				return err
			}
			if met.Valid {
				n.MetAt = met.Time.UTC()
			}
			n.CreatedAt = n.CreatedAt.UTC()
			out = append(out, &n)
			return nil
		})
	return out, err
}
