package store

import (
	"context"
	"database/sql"
	"strings"

	"coproduce"
)

// SaveRedLine stores a new red line or constraint (ID 0), or changes to one
// of the group, which need a reason: the change is kept with it. Returns a
// *coproduce.ValidationError for bad fields or a change without a reason,
// and coproduce.ErrNotFound for an entry not of the group.
func (db *DB) SaveRedLine(ctx context.Context, actorID int64, r *coproduce.RedLine, changeReason string) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		if r.ID == 0 {
			r.ID = coproduce.NewID()
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO red_lines (id, group_id, kind, title, owner, reason, raised_on, review_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
				r.ID, r.GroupID, r.Kind, r.Title, r.Owner, r.Reason, r.RaisedOn.UTC(), r.ReviewBy.UTC(), now); err != nil {
				return err
			}
			return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: r.GroupID, ActorID: actorID, Action: "red-line.added",
				Entity: "red-line", EntityID: r.ID, Summary: string(r.Kind) + " added, review by " + r.ReviewBy.Format("2006-01-02")})
		}
		if strings.TrimSpace(changeReason) == "" {
			var v coproduce.ValidationError
			v.Add("change_reason", "Say why it is changing: the group keeps every change to its red lines and constraints.")
			return &v
		}
		var before coproduce.RedLine
		err := tx.QueryRowContext(ctx, `SELECT kind, title, owner, reason, raised_on, review_by FROM red_lines WHERE id = $1 AND group_id = $2`, r.ID, r.GroupID).
			Scan(&before.Kind, &before.Title, &before.Owner, &before.Reason, &before.RaisedOn, &before.ReviewBy)
		if err != nil {
			return err
		}
		var what []string
		if before.Kind != r.Kind {
			what = append(what, "now a "+strings.ReplaceAll(string(r.Kind), "-", " "))
		}
		for _, c := range []struct {
			name          string
			before, after string
		}{{"title", before.Title, r.Title}, {"owner", before.Owner, r.Owner}, {"reason", before.Reason, r.Reason}} {
			if c.before != c.after {
				what = append(what, c.name+" changed")
			}
		}
		if !before.ReviewBy.Equal(r.ReviewBy) {
			what = append(what, "review date "+before.ReviewBy.UTC().Format("2006-01-02")+" → "+r.ReviewBy.UTC().Format("2006-01-02"))
		}
		if len(what) == 0 {
			return nil
		}
		summary := strings.Join(what, "; ")
		if _, err := tx.ExecContext(ctx, `UPDATE red_lines SET kind = $1, title = $2, owner = $3, reason = $4, review_by = $5 WHERE id = $6`,
			r.Kind, r.Title, r.Owner, r.Reason, r.ReviewBy.UTC(), r.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO red_line_changes (id, red_line_id, what, reason, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			coproduce.NewID(), r.ID, summary, strings.TrimSpace(changeReason), nullID(actorID), now); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: r.GroupID, ActorID: actorID, Action: "red-line.changed",
			Entity: "red-line", EntityID: r.ID, Summary: summary})
	})
}

// FindRedLines returns a group's red lines and constraints, with their
// changes, red lines first, in two queries.
func (db *DB) FindRedLines(ctx context.Context, groupID int64) ([]*coproduce.RedLine, error) {
	var out []*coproduce.RedLine
	byID := map[int64]*coproduce.RedLine{}
	err := db.collect(ctx,
		`SELECT id, group_id, kind, title, owner, reason, raised_on, review_by, retired_at FROM red_lines WHERE group_id = $1
		ORDER BY kind DESC, review_by, id`, []any{groupID}, func(rows *sql.Rows) error {
			var r coproduce.RedLine
			var retired sql.NullTime
			if err := rows.Scan(&r.ID, &r.GroupID, &r.Kind, &r.Title, &r.Owner, &r.Reason, &r.RaisedOn, &r.ReviewBy, &retired); err != nil {
				return err
			}
			r.RaisedOn, r.ReviewBy, r.RetiredAt = r.RaisedOn.UTC(), r.ReviewBy.UTC(), utc(retired)
			out = append(out, &r)
			byID[r.ID] = &r
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = db.collect(ctx,
		`SELECT c.red_line_id, c.what, c.reason, c.changed_by, c.changed_at FROM red_line_changes c JOIN red_lines r ON r.id = c.red_line_id
		WHERE r.group_id = $1 ORDER BY c.changed_at, c.id`, []any{groupID}, func(rows *sql.Rows) error {
			var id int64
			var c coproduce.RedLineChange
			var by sql.NullInt64
			if err := rows.Scan(&id, &c.What, &c.Reason, &by, &c.ChangedAt); err != nil {
				return err
			}
			c.ChangedBy, c.ChangedAt = by.Int64, c.ChangedAt.UTC()
			if r := byID[id]; r != nil {
				r.Changes = append(r.Changes, c)
			}
			return nil
		})
	return out, err
}
