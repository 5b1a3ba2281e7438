package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"coproduce"
)

// CreateFeedback records community feedback, new. From the public form
// RecordedBy and actorID are 0. The audit entry names where it came from
// and never the contact details.
func (db *DB) CreateFeedback(ctx context.Context, actorID int64, f *coproduce.Feedback) error {
	f.Status = "new"
	if err := f.Validate(); err != nil {
		return err
	}
	f.ID, f.ReceivedOn = coproduce.NewID(), db.now()
	var outreach, by any
	if f.OutreachID != 0 {
		outreach = f.OutreachID
	}
	if f.RecordedBy != 0 {
		by = f.RecordedBy
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if f.OutreachID != 0 {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM outreach WHERE id = $1 AND group_id = $2`, f.OutreachID, f.GroupID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return fieldError("outreach", "Choose outreach from the group's log.")
			}
		}
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO feedback (id, group_id, source, outreach_id, theme, said, contact_name, contact, status, received_on, recorded_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
			f.ID, f.GroupID, f.Source, outreach, f.Theme, f.Said, f.ContactName, f.Contact, f.Status, f.ReceivedOn, by); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: f.GroupID, ActorID: actorID, Action: "feedback.received",
			Entity: "feedback", EntityID: f.ID, Summary: f.Source})
	})
}

// UpdateFeedback sets the theme and status of a group's feedback.
func (db *DB) UpdateFeedback(ctx context.Context, actorID, groupID, id int64, theme, status string) error {
	if err := coproduce.ValidateFeedbackTriage(theme, status); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE feedback SET theme = $1, status = $2 WHERE id = $3 AND group_id = $4`, theme, status, id, groupID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return coproduce.ErrNotFound
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: groupID, ActorID: actorID, Action: "feedback.updated",
			Entity: "feedback", EntityID: id, Summary: status})
	})
}

// LinkFeedback records that feedback shaped a decision, or rewrites the
// link if there is one. A link can be published only when the decision
// is.
func (db *DB) LinkFeedback(ctx context.Context, actorID, groupID int64, l *coproduce.FeedbackLink) error {
	if err := l.Validate(); err != nil {
		return err
	}
	l.LinkedAt = db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM feedback WHERE id = $1 AND group_id = $2`, l.FeedbackID, groupID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return coproduce.ErrNotFound
		}
		var published bool
		err := tx.QueryRowContext(ctx, `SELECT published FROM decisions WHERE id = $1 AND group_id = $2`, l.DecisionID, groupID).Scan(&published)
		if errors.Is(err, sql.ErrNoRows) {
			return fieldError("decision", "Choose one of the group's decisions.")
		}
		if err != nil {
			return err
		}
		if l.Published && !published {
			return fieldError("published", "The decision is not published yet. Publish it first, or keep this link to the group.")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO feedback_links (feedback_id, decision_id, said, did, published, linked_at) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (feedback_id, decision_id) DO UPDATE SET said = excluded.said, did = excluded.did, published = excluded.published`,
			l.FeedbackID, l.DecisionID, l.Said, l.Did, l.Published, l.LinkedAt); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: groupID, ActorID: actorID, Action: "feedback.linked",
			Entity: "feedback", EntityID: l.FeedbackID, Summary: "to decision " + idText(l.DecisionID)})
	})
}

// FindFeedback returns the group's feedback, newest first, with its links.
func (db *DB) FindFeedback(ctx context.Context, groupID int64) ([]*coproduce.Feedback, error) {
	return db.findFeedback(ctx, `f.group_id = $1`, groupID)
}

// findFeedback loads the feedback matching where (a constant condition on
// feedback f, with args), newest first, with its links.
func (db *DB) findFeedback(ctx context.Context, where string, args ...any) ([]*coproduce.Feedback, error) {
	var out []*coproduce.Feedback
	byID := map[int64]*coproduce.Feedback{}
	err := db.collect(ctx, `SELECT f.id, f.group_id, f.source, f.outreach_id, f.theme, f.said, f.contact_name, f.contact, f.status, f.received_on, f.recorded_by
		FROM feedback f WHERE `+where+` ORDER BY f.received_on DESC, f.id`, args, func(r *sql.Rows) error {
		var f coproduce.Feedback
		var outreach, by sql.NullInt64
		if err := r.Scan(&f.ID, &f.GroupID, &f.Source, &outreach, &f.Theme, &f.Said, &f.ContactName, &f.Contact, &f.Status, &f.ReceivedOn, &by); err != nil {
			return err
		}
		f.OutreachID, f.RecordedBy, f.ReceivedOn = outreach.Int64, by.Int64, f.ReceivedOn.UTC()
		out, byID[f.ID] = append(out, &f), &f
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = db.collect(ctx, `SELECT l.feedback_id, l.decision_id, l.said, l.did, l.published, l.linked_at FROM feedback_links l
		JOIN feedback f ON f.id = l.feedback_id WHERE `+where+` ORDER BY l.linked_at, l.decision_id`, args, func(r *sql.Rows) error {
		var l coproduce.FeedbackLink
		if err := r.Scan(&l.FeedbackID, &l.DecisionID, &l.Said, &l.Did, &l.Published, &l.LinkedAt); err != nil {
			return err
		}
		l.LinkedAt = l.LinkedAt.UTC()
		if f := byID[l.FeedbackID]; f != nil {
			f.Links = append(f.Links, &l)
		}
		return nil
	})
	return out, err
}

// FindYouSaidWeDid returns the group's published links whose decisions
// are published, most recent first, at most limit.
func (db *DB) FindYouSaidWeDid(ctx context.Context, groupID int64, limit int) ([]coproduce.YouSaidWeDid, error) {
	var out []coproduce.YouSaidWeDid
	err := db.collect(ctx, `SELECT l.said, l.did, d.id, d.title, d.decided_on, l.linked_at FROM feedback_links l
		JOIN feedback f ON f.id = l.feedback_id JOIN decisions d ON d.id = l.decision_id
		WHERE f.group_id = $1 AND d.group_id = $1 AND l.published AND d.published ORDER BY l.linked_at DESC, d.id LIMIT $2`,
		[]any{groupID, limit}, func(r *sql.Rows) error {
			var y coproduce.YouSaidWeDid
			if err := r.Scan(&y.Said, &y.Did, &y.DecisionID, &y.DecisionTitle, &y.DecidedOn, &y.LinkedAt); err != nil {
				return err
			}
			y.DecidedOn, y.LinkedAt = y.DecidedOn.UTC(), y.LinkedAt.UTC()
			out = append(out, y)
			return nil
		})
	return out, err
}

func idText(id int64) string { return strconv.FormatInt(id, 10) }
