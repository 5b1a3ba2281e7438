package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"coproduce"
)

// StartTimeOut records a spell of time out for member. A member has at
// most one spell that has not ended: a second is refused until the first
// has a return day that has passed.
func (db *DB) StartTimeOut(ctx context.Context, actorID int64, member *coproduce.Member, o *coproduce.TimeOut) error {
	o.GroupID, o.MemberID = member.GroupID, member.ID
	if err := o.Validate(); err != nil {
		return err
	}
	o.ID, o.CreatedAt = coproduce.NewID(), db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := db.lock(ctx, tx, member.ID); err != nil {
			return err
		}
		var open int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM time_out WHERE member_id = $1 AND (until_day IS NULL OR until_day > $2)`,
			member.ID, o.From).Scan(&open); err != nil {
			return err
		}
		if open > 0 {
			return fieldError("from", "You already have time out that has not ended. Say you are back first.")
		}
		var until any
		if !o.Until.IsZero() {
			until = o.Until.UTC()
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO time_out (id, group_id, member_id, from_day, until_day, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			o.ID, o.GroupID, o.MemberID, o.From.UTC(), until, o.CreatedAt); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: o.GroupID, ActorID: actorID, Action: "timeout.started",
			Entity: "time-out", EntityID: o.ID, Summary: "from " + o.From.Format("2 January 2006")})
	})
}

// EndTimeOut ends member's spell of time out: the member is back from
// today. Returns coproduce.ErrNotFound unless the spell is the member's.
func (db *DB) EndTimeOut(ctx context.Context, actorID int64, member *coproduce.Member, id int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var from time.Time
		var until sql.NullTime
		err := tx.QueryRowContext(ctx, `SELECT from_day, until_day FROM time_out WHERE id = $1 AND member_id = $2`, id, member.ID).Scan(&from, &until)
		if errors.Is(err, sql.ErrNoRows) {
			return coproduce.ErrNotFound
		}
		if err != nil {
			return err
		}
		// Back from today, stored as days are: midday in London.
		back := coproduce.MiddayLondon(db.now())
		if until.Valid && !until.Time.After(back) {
			return fieldError("from", "This time out has already ended.")
		}
		if !back.After(from) {
			// It had not begun: remove it altogether.
			if _, err := tx.ExecContext(ctx, `DELETE FROM time_out WHERE id = $1`, id); err != nil {
				return err
			}
		} else if _, err := tx.ExecContext(ctx, `UPDATE time_out SET until_day = $1 WHERE id = $2`, back, id); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: member.GroupID, ActorID: actorID, Action: "timeout.ended",
			Entity: "time-out", EntityID: id})
	})
}

// FindTimeOuts returns the group's spells of time out, latest first.
func (db *DB) FindTimeOuts(ctx context.Context, groupID int64) (coproduce.TimeOuts, error) {
	var out coproduce.TimeOuts
	err := db.collect(ctx, `SELECT id, group_id, member_id, from_day, until_day, created_at FROM time_out WHERE group_id = $1 ORDER BY from_day DESC, id`,
		[]any{groupID}, func(r *sql.Rows) error {
			var o coproduce.TimeOut
			var until sql.NullTime
			if err := r.Scan(&o.ID, &o.GroupID, &o.MemberID, &o.From, &until, &o.CreatedAt); err != nil {
				return err
			}
			o.From, o.CreatedAt = o.From.UTC(), o.CreatedAt.UTC()
			if until.Valid {
				o.Until = until.Time.UTC()
			}
			out = append(out, &o)
			return nil
		})
	return out, err
}
