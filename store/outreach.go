package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"coproduce"
)

// CreateOutreach records a member's outreach, with an audit entry.
// Returns a *coproduce.ValidationError for bad fields.
func (db *DB) CreateOutreach(ctx context.Context, actorID int64, o *coproduce.Outreach) error {
	if err := o.Validate(); err != nil {
		return err
	}
	if o.On.After(db.now().Add(24 * time.Hour)) {
		var v coproduce.ValidationError
		v.Add("on", "The date of the outreach cannot be in the future.")
		return &v
	}
	o.ID, o.CreatedAt = coproduce.NewID(), db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO outreach (id, group_id, member_id, on_day, method, people, themes, notes, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			o.ID, o.GroupID, o.MemberID, o.On.UTC(), o.Method, o.People, o.Themes, o.Notes, o.CreatedAt); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: o.GroupID, ActorID: actorID, Action: "outreach.logged",
			Entity: "outreach", EntityID: o.ID, Summary: fmt.Sprintf("%s, about %d people", o.Method, o.People)})
	})
}

// MarkOutreachFedBack records the meeting where a member's outreach was
// fed back to the group. Returns coproduce.ErrNotFound unless the entry is
// the member's own and the meeting is the group's.
func (db *DB) MarkOutreachFedBack(ctx context.Context, actorID int64, member *coproduce.Member, outreachID, meetingID int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var on time.Time
		var fed sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT on_day, fed_back_at FROM outreach WHERE id = $1 AND member_id = $2`, outreachID, member.ID).Scan(&on, &fed)
		if errors.Is(err, sql.ErrNoRows) {
			return coproduce.ErrNotFound
		}
		if err != nil {
			return err
		}
		var starts time.Time
		var cancelled sql.NullTime
		err = tx.QueryRowContext(ctx, `SELECT starts_at, cancelled_at FROM meetings WHERE id = $1 AND group_id = $2`, meetingID, member.GroupID).Scan(&starts, &cancelled)
		if errors.Is(err, sql.ErrNoRows) {
			return coproduce.ErrNotFound
		}
		if err != nil {
			return err
		}
		// The meeting must have taken place, on or after the outreach's day
		// (stored as midday).
		switch {
		case fed.Valid:
			return stateError("This outreach has already been marked as fed back.")
		case cancelled.Valid || starts.After(db.now()) || starts.Before(on.Add(-12*time.Hour)):
			return stateError("Choose a meeting that has taken place since the outreach.")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outreach SET fed_back_at = $1 WHERE id = $2`, meetingID, outreachID); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: member.GroupID, ActorID: actorID, Action: "outreach.fed-back",
			Entity: "outreach", EntityID: outreachID, Summary: fmt.Sprintf("fed back at meeting %d", meetingID)})
	})
}

// FindOutreach returns a group's outreach, newest first.
func (db *DB) FindOutreach(ctx context.Context, groupID int64) ([]*coproduce.Outreach, error) {
	return db.findOutreach(ctx, `group_id = $1`, groupID)
}

// findOutreach loads the outreach matching where (a constant condition on
// outreach, with args), newest first.
func (db *DB) findOutreach(ctx context.Context, where string, args ...any) ([]*coproduce.Outreach, error) {
	var out []*coproduce.Outreach
	err := db.collect(ctx, `SELECT `+outreachColumns+` FROM outreach WHERE `+where+` ORDER BY on_day DESC, created_at DESC, id`, args,
		func(r *sql.Rows) error {
			o, err := scanOutreach(r)
			out = append(out, o)
			return err
		})
	return out, err
}

const outreachColumns = `id, group_id, member_id, on_day, method, people, themes, notes, fed_back_at, created_at`

func scanOutreach(r interface{ Scan(...any) error }) (*coproduce.Outreach, error) {
	var o coproduce.Outreach
	var fed sql.NullInt64
	if err := r.Scan(&o.ID, &o.GroupID, &o.MemberID, &o.On, &o.Method, &o.People, &o.Themes, &o.Notes, &fed, &o.CreatedAt); err != nil {
		return nil, err
	}
	o.FedBackAt, o.On, o.CreatedAt = fed.Int64, o.On.UTC(), o.CreatedAt.UTC()
	return &o, nil
}
