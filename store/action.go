package store

import (
	"context"
	"database/sql"

	"coproduce"
)

// CreateAction validates and stores an action; its owner, meeting and
// decision must belong to its group. Returns a *coproduce.ValidationError
// for bad fields.
func (db *DB) CreateAction(ctx context.Context, actorID int64, a *coproduce.Action) error {
	a.Status = coproduce.ActionOpen
	if err := a.Validate(); err != nil {
		return err
	}
	a.ID, a.CreatedAt = coproduce.NewID(), db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var v coproduce.ValidationError
		for field, q := range map[string]struct {
			id  int64
			sql string
		}{
			"owner":    {a.OwnerMemberID, `SELECT EXISTS (SELECT 1 FROM members WHERE id = $1 AND group_id = $2 AND left_at IS NULL)`},
			"meeting":  {a.MeetingID, `SELECT EXISTS (SELECT 1 FROM meetings WHERE id = $1 AND group_id = $2)`},
			"decision": {a.DecisionID, `SELECT EXISTS (SELECT 1 FROM decisions WHERE id = $1 AND group_id = $2)`},
		} {
			if q.id == 0 {
				continue
			}
			var ok bool
			if err := tx.QueryRowContext(ctx, q.sql, q.id, a.GroupID).Scan(&ok); err != nil {
				return err
			}
			if !ok {
				v.Add(field, "Choose one from this group.")
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO actions (id, group_id, title, owner_member_id, due, status, meeting_id, decision_id, principle, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			a.ID, a.GroupID, a.Title, nullID(a.OwnerMemberID), nullTime(a.Due), a.Status, nullID(a.MeetingID), nullID(a.DecisionID), a.Principle, a.CreatedAt); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: a.GroupID, ActorID: actorID, Action: "action.added", Entity: "action", EntityID: a.ID, Summary: "action added",
		})
	})
}

// SetActionStatus marks an action open, done or dropped. Returns
// coproduce.ErrNotFound for an action not of the group.
func (db *DB) SetActionStatus(ctx context.Context, actorID, groupID, actionID int64, status coproduce.ActionStatus) error {
	if status != coproduce.ActionOpen && status != coproduce.ActionDone && status != coproduce.ActionDropped {
		var v coproduce.ValidationError
		v.Add("status", "Choose whether the action is open, done or dropped.")
		return &v
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var closed any
		if status != coproduce.ActionOpen {
			closed = db.now()
		}
		res, err := tx.ExecContext(ctx, `UPDATE actions SET status = $1, closed_at = $2 WHERE id = $3 AND group_id = $4`, status, closed, actionID, groupID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return coproduce.ErrNotFound
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: groupID, ActorID: actorID, Action: "action.status", Entity: "action", EntityID: actionID, Summary: "now " + string(status),
		})
	})
}

// FindActions returns a group's actions: open ones first by due date, then
// the rest, newest first.
func (db *DB) FindActions(ctx context.Context, groupID int64) ([]*coproduce.Action, error) {
	return db.findActions(ctx, `group_id = $1`, groupID)
}

// FindPrincipleActions returns the group's actions adopted for one of the
// framework's principles from a health check report, in FindActions'
// order.
func (db *DB) FindPrincipleActions(ctx context.Context, groupID int64) ([]*coproduce.Action, error) {
	return db.findActions(ctx, `group_id = $1 AND principle <> 0`, groupID)
}

// findActions loads the actions matching where (a constant condition on
// actions, with args): open ones first, by due date.
func (db *DB) findActions(ctx context.Context, where string, args ...any) ([]*coproduce.Action, error) {
	var out []*coproduce.Action
	err := db.collect(ctx,
		`SELECT `+actionColumns+` FROM actions WHERE `+where+`
		ORDER BY (status = 'open') DESC, (due IS NULL), due, created_at DESC, id`, args,
		func(r *sql.Rows) error {
			a, err := scanAction(r)
			out = append(out, a)
			return err
		})
	return out, err
}

const actionColumns = `id, group_id, title, owner_member_id, due, status, meeting_id, decision_id, principle, created_at, closed_at`

func scanAction(r interface{ Scan(...any) error }) (*coproduce.Action, error) {
	var a coproduce.Action
	var owner, meeting, decision sql.NullInt64
	var due, closed sql.NullTime
	if err := r.Scan(&a.ID, &a.GroupID, &a.Title, &owner, &due, &a.Status, &meeting, &decision, &a.Principle, &a.CreatedAt, &closed); err != nil {
		return nil, err
	}
	a.OwnerMemberID, a.MeetingID, a.DecisionID = owner.Int64, meeting.Int64, decision.Int64
	a.Due, a.ClosedAt, a.CreatedAt = utc(due), utc(closed), a.CreatedAt.UTC()
	return &a, nil
}
