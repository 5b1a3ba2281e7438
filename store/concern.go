package store

import (
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"time"

	"coproduce"
)

// CreateConcern adds a concern to the group's register, open. When
// c.RaisedBy is 0 the concern is anonymous: the caller must pass actorID 0
// too. Then the row names nobody and holds only the day, and its audit
// entry, which names nobody either, is not written now: where it sat in
// the group's chain would show when the concern was raised, to within
// the entries around it. It is written, dated to the day and shuffled
// with any others of that day, by the first change to the group's records
// on a later day (see flushAnonymousConcerns), or when the concern is
// first moved on.
func (db *DB) CreateConcern(ctx context.Context, actorID int64, c *coproduce.Concern) error {
	if c.RaisedBy == 0 && actorID != 0 {
		return errors.New("store: an anonymous concern must not be recorded with an actor")
	}
	if err := c.Validate(); err != nil {
		return err
	}
	now := db.now()
	c.ID, c.Status, c.MeetingID, c.Outcome = coproduce.NewID(), coproduce.ConcernOpen, 0, ""
	c.RaisedOn = now.Truncate(24 * time.Hour)
	c.UpdatedAt = now
	if c.Anonymous() {
		c.UpdatedAt = c.RaisedOn
		_, err := db.sql.ExecContext(ctx,
			`INSERT INTO concerns (id, group_id, kind, title, details, raised_by, raised_on, status, outcome, updated_at, audited)
			VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, '', $6, FALSE)`,
			c.ID, c.GroupID, c.Kind, c.Title, c.Details, c.RaisedOn, c.Status)
		return db.dialect.mapError(err)
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO concerns (id, group_id, kind, title, details, raised_by, raised_on, status, outcome, updated_at, audited)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '', $9, TRUE)`,
			c.ID, c.GroupID, c.Kind, c.Title, c.Details, c.RaisedBy, c.RaisedOn, c.Status, c.UpdatedAt); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: c.GroupID, ActorID: actorID, Action: "concern.raised",
			Entity: "concern", EntityID: c.ID, Summary: c.Kind})
	})
}

// flushAnonymousConcerns writes the waiting audit entries of the group's
// anonymous concerns raised before the day of now, and of the concern
// onlyID whatever its day (when it is about to be moved on), in random
// order, each dated to its day and naming nobody.
func (db *DB) flushAnonymousConcerns(ctx context.Context, tx *sql.Tx, groupID int64, now time.Time, onlyID int64) error {
	var waiting []*coproduce.Concern
	rows, err := tx.QueryContext(ctx, `SELECT id, kind, raised_on FROM concerns WHERE group_id = $1 AND NOT audited AND (raised_on < $2 OR id = $3)`,
		groupID, now.Truncate(24*time.Hour), onlyID)
	if err != nil {
		return err
	}
	for rows.Next() {
		c := &coproduce.Concern{GroupID: groupID}
		if err := rows.Scan(&c.ID, &c.Kind, &c.RaisedOn); err != nil {
			rows.Close()
			return err
		}
		waiting = append(waiting, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rand.Shuffle(len(waiting), func(i, j int) { waiting[i], waiting[j] = waiting[j], waiting[i] })
	for _, c := range waiting {
		if err := db.appendAuditEntry(ctx, tx, &coproduce.AuditEntry{GroupID: groupID, At: c.RaisedOn.UTC(), Action: "concern.raised",
			Entity: "concern", EntityID: c.ID, Summary: c.Kind + ", anonymously"}); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE concerns SET audited = TRUE WHERE id = $1`, c.ID); err != nil {
			return err
		}
	}
	return nil
}

// MoveConcern changes a concern's status, with the meeting that takes it
// when it goes on an agenda and the outcome when it ends. Returns
// coproduce.ErrNotFound unless mover may move it, and a
// *coproduce.ValidationError for a move the status flow does not allow.
func (db *DB) MoveConcern(ctx context.Context, actorID int64, mover *coproduce.Member, id int64, to coproduce.ConcernStatus, meetingID int64, outcome string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		// Two leads moving the same concern take turns, so the status
		// flow holds.
		if err := db.lock(ctx, tx, mover.GroupID); err != nil {
			return err
		}
		c, err := scanConcern(tx.QueryRowContext(ctx, `SELECT `+concernColumns+` FROM concerns WHERE id = $1 AND group_id = $2`, id, mover.GroupID))
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !coproduce.CanMoveConcern(mover, c)) {
			return coproduce.ErrNotFound
		}
		if err != nil {
			return err
		}
		if to != coproduce.ConcernOnAgenda {
			meetingID = c.MeetingID // keep the meeting it was on, for the record
		}
		if err := c.ValidateMove(to, meetingID, outcome); err != nil {
			return err
		}
		if to == coproduce.ConcernOnAgenda {
			var cancelled sql.NullTime
			err := tx.QueryRowContext(ctx, `SELECT cancelled_at FROM meetings WHERE id = $1 AND group_id = $2`, meetingID, c.GroupID).Scan(&cancelled)
			if errors.Is(err, sql.ErrNoRows) || cancelled.Valid {
				var v coproduce.ValidationError
				v.Add("meeting", "Choose one of the group's meetings that has not been cancelled.")
				return &v
			}
			if err != nil {
				return err
			}
		}
		if !to.Ended() {
			outcome = ""
		}
		var meeting any
		if meetingID != 0 {
			meeting = meetingID
		}
		if _, err := tx.ExecContext(ctx, `UPDATE concerns SET status = $1, meeting_id = $2, outcome = $3, updated_at = $4 WHERE id = $5`,
			to, meeting, outcome, db.now(), id); err != nil {
			return err
		}
		if err := db.flushAnonymousConcerns(ctx, tx, c.GroupID, db.now(), id); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: c.GroupID, ActorID: actorID, Action: "concern.moved",
			Entity: "concern", EntityID: id, Summary: string(c.Status) + " → " + string(to)})
	})
}

const concernColumns = `id, group_id, kind, title, details, raised_by, raised_on, status, meeting_id, outcome, updated_at`

func scanConcern(row interface{ Scan(...any) error }) (*coproduce.Concern, error) {
	var c coproduce.Concern
	var by, meeting sql.NullInt64
	if err := row.Scan(&c.ID, &c.GroupID, &c.Kind, &c.Title, &c.Details, &by, &c.RaisedOn, &c.Status, &meeting, &c.Outcome, &c.UpdatedAt); err != nil {
		return nil, err
	}
	c.RaisedBy, c.MeetingID = by.Int64, meeting.Int64
	c.RaisedOn, c.UpdatedAt = c.RaisedOn.UTC(), c.UpdatedAt.UTC()
	return &c, nil
}

// FindConcerns returns a group's concerns: those still open first, oldest
// first within each, then those ended, most recently ended first.
func (db *DB) FindConcerns(ctx context.Context, groupID int64) ([]*coproduce.Concern, error) {
	return db.findConcerns(ctx, `WHERE group_id = $1`, groupID)
}

// FindMeetingConcerns returns the concerns a meeting's problems-and-conflicts
// item takes, in the order FindConcerns gives.
func (db *DB) FindMeetingConcerns(ctx context.Context, meetingID int64) ([]*coproduce.Concern, error) {
	return db.findConcerns(ctx, `WHERE meeting_id = $1`, meetingID)
}

func (db *DB) findConcerns(ctx context.Context, where string, arg int64) ([]*coproduce.Concern, error) {
	var out []*coproduce.Concern
	err := db.collect(ctx, `SELECT `+concernColumns+` FROM concerns `+where+`
		ORDER BY CASE WHEN status IN ('resolved', 'closed') THEN 1 ELSE 0 END,
		CASE WHEN status IN ('resolved', 'closed') THEN NULL ELSE raised_on END, updated_at DESC, id`,
		[]any{arg}, func(r *sql.Rows) error {
			c, err := scanConcern(r)
			out = append(out, c)
			return err
		})
	return out, err
}
