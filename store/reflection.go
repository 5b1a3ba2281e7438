package store

import (
	"context"
	"database/sql"

	"coproduce"
)

// CreateReflection records a reflection by author, who must be a member
// of the group; a meeting it names must be the group's.
func (db *DB) CreateReflection(ctx context.Context, actorID int64, author *coproduce.Member, r *coproduce.Reflection) error {
	r.GroupID, r.AuthorID = author.GroupID, author.ID
	if err := r.Validate(author); err != nil {
		return err
	}
	r.ID, r.CreatedAt = coproduce.NewID(), db.now()
	var meeting any
	if r.MeetingID != 0 {
		meeting = r.MeetingID
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if r.MeetingID != 0 {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM meetings WHERE id = $1 AND group_id = $2`, r.MeetingID, r.GroupID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return fieldError("meeting", "Choose one of the group's meetings.")
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO reflections (id, group_id, prompt, author_id, meeting_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			r.ID, r.GroupID, r.Prompt, r.AuthorID, meeting, r.Body, r.CreatedAt); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: r.GroupID, ActorID: actorID, Action: "reflection.recorded",
			Entity: "reflection", EntityID: r.ID, Summary: r.Prompt})
	})
}

// FindReflections returns the group's reflections, newest first.
func (db *DB) FindReflections(ctx context.Context, groupID int64) ([]*coproduce.Reflection, error) {
	var out []*coproduce.Reflection
	err := db.collect(ctx, `SELECT id, group_id, prompt, author_id, meeting_id, body, created_at FROM reflections WHERE group_id = $1
		ORDER BY created_at DESC, id`, []any{groupID}, func(r *sql.Rows) error {
		var x coproduce.Reflection
		var meeting sql.NullInt64
		if err := r.Scan(&x.ID, &x.GroupID, &x.Prompt, &x.AuthorID, &meeting, &x.Body, &x.CreatedAt); err != nil {
			return err
		}
		x.MeetingID, x.CreatedAt = meeting.Int64, x.CreatedAt.UTC()
		out = append(out, &x)
		return nil
	})
	return out, err
}
