package store

import (
	"context"
	"database/sql"
	"time"

	"coproduce"
)

// PostUpdate adds an update to the group's feed, posted by author.
func (db *DB) PostUpdate(ctx context.Context, actorID int64, author *coproduce.Member, u *coproduce.Update) error {
	u.GroupID, u.AuthorID = author.GroupID, author.ID
	if err := u.Validate(author); err != nil {
		return err
	}
	u.ID, u.PostedAt = coproduce.NewID(), db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO updates (id, group_id, author_id, kind, title, body, posted_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			u.ID, u.GroupID, u.AuthorID, u.Kind, u.Title, u.Body, u.PostedAt); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: u.GroupID, ActorID: actorID, Action: "update.posted",
			Entity: "update", EntityID: u.ID, Summary: u.Title})
	})
}

// FindUpdates returns the group's updates posted in [from, to), newest
// first, at most limit. A zero from or to leaves that end open.
func (db *DB) FindUpdates(ctx context.Context, groupID int64, from, to time.Time, limit int) ([]*coproduce.Update, error) {
	if to.IsZero() {
		to = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	var out []*coproduce.Update
	err := db.collect(ctx,
		`SELECT id, group_id, author_id, kind, title, body, posted_at FROM updates
		WHERE group_id = $1 AND posted_at >= $2 AND posted_at < $3 ORDER BY posted_at DESC, id LIMIT $4`,
		[]any{groupID, from.UTC(), to.UTC(), limit}, func(r *sql.Rows) error {
			var u coproduce.Update
			if err := r.Scan(&u.ID, &u.GroupID, &u.AuthorID, &u.Kind, &u.Title, &u.Body, &u.PostedAt); err != nil {
				return err
			}
			u.PostedAt = u.PostedAt.UTC()
			out = append(out, &u)
			return nil
		})
	return out, err
}
