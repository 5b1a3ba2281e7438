package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"coproduce"
)

// OpenSkillsAudit starts a skills audit on topics. Only the group's chair
// or facilitator opens one (coproduce.ErrNotFound otherwise), and only
// when no other is open.
func (db *DB) OpenSkillsAudit(ctx context.Context, actorID int64, opener *coproduce.Member, topics []string) (*coproduce.SkillsAudit, error) {
	if opener == nil || !opener.Role.Leads() {
		return nil, coproduce.ErrNotFound
	}
	a := &coproduce.SkillsAudit{ID: coproduce.NewID(), GroupID: opener.GroupID, Topics: topics, OpenedBy: opener.ID, OpenedAt: db.now()}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if err := db.lock(ctx, tx, a.GroupID); err != nil {
			return err
		}
		var open int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM skills_audits WHERE group_id = $1 AND closed_at IS NULL`, a.GroupID).Scan(&open); err != nil {
			return err
		}
		if open > 0 {
			return fieldError("topics", "A skills audit is already open. Close it before starting another.")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO skills_audits (id, group_id, topics, opened_by, opened_at) VALUES ($1, $2, $3, $4, $5)`,
			a.ID, a.GroupID, strings.Join(topics, "\n"), a.OpenedBy, a.OpenedAt); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: a.GroupID, ActorID: actorID, Action: "skills.opened",
			Entity: "skills-audit", EntityID: a.ID, Summary: strings.Join(topics, ", ")})
	})
	return a, err
}

// CloseSkillsAudit closes an open audit, after which its results show.
func (db *DB) CloseSkillsAudit(ctx context.Context, actorID int64, closer *coproduce.Member, auditID int64) error {
	if closer == nil || !closer.Role.Leads() {
		return coproduce.ErrNotFound
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := db.lock(ctx, tx, closer.GroupID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE skills_audits SET closed_at = $1 WHERE id = $2 AND group_id = $3 AND closed_at IS NULL`,
			db.now(), auditID, closer.GroupID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return coproduce.ErrNotFound
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: closer.GroupID, ActorID: actorID, Action: "skills.closed",
			Entity: "skills-audit", EntityID: auditID})
	})
}

// SaveSkillsRatings records member's ratings in an open audit, replacing
// any they gave before. The audit entry says only that they answered.
func (db *DB) SaveSkillsRatings(ctx context.Context, actorID int64, member *coproduce.Member, auditID int64, ratings map[string]int) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		// Answers and closing take turns, so nothing is added to an audit
		// after it closes and a double submit replaces rather than clashes.
		if err := db.lock(ctx, tx, member.GroupID); err != nil {
			return err
		}
		a, err := findSkillsAudit(ctx, tx, member.GroupID, auditID)
		if err != nil {
			return err
		}
		if !a.Open() {
			return stateError("This skills audit has closed.")
		}
		if err := a.ValidateRatings(ratings); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM skills_ratings WHERE audit_id = $1 AND member_id = $2`, auditID, member.ID); err != nil {
			return err
		}
		for _, t := range a.Topics {
			if _, err := tx.ExecContext(ctx, `INSERT INTO skills_ratings (audit_id, member_id, constituency, topic, level) VALUES ($1, $2, $3, $4, $5)`,
				auditID, member.ID, member.Constituency, t, ratings[t]); err != nil {
				return err
			}
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: member.GroupID, ActorID: actorID, Action: "skills.answered",
			Entity: "skills-audit", EntityID: auditID})
	})
}

func findSkillsAudit(ctx context.Context, tx *sql.Tx, groupID, id int64) (*coproduce.SkillsAudit, error) {
	a, err := scanSkillsAudit(tx.QueryRowContext(ctx, `SELECT id, group_id, topics, opened_by, opened_at, closed_at FROM skills_audits WHERE id = $1 AND group_id = $2`, id, groupID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, coproduce.ErrNotFound
	}
	return a, err
}

func scanSkillsAudit(row interface{ Scan(...any) error }) (*coproduce.SkillsAudit, error) {
	var a coproduce.SkillsAudit
	var topics string
	var closed sql.NullTime
	if err := row.Scan(&a.ID, &a.GroupID, &topics, &a.OpenedBy, &a.OpenedAt, &closed); err != nil {
		return nil, err
	}
	a.Topics = strings.Split(topics, "\n")
	a.OpenedAt = a.OpenedAt.UTC()
	if closed.Valid {
		a.ClosedAt = closed.Time.UTC()
	}
	return &a, nil
}

// FindSkillsAudits returns the group's audits, latest first.
func (db *DB) FindSkillsAudits(ctx context.Context, groupID int64) ([]*coproduce.SkillsAudit, error) {
	var out []*coproduce.SkillsAudit
	err := db.collect(ctx, `SELECT id, group_id, topics, opened_by, opened_at, closed_at FROM skills_audits WHERE group_id = $1 ORDER BY opened_at DESC, id`,
		[]any{groupID}, func(r *sql.Rows) error {
			a, err := scanSkillsAudit(r)
			out = append(out, a)
			return err
		})
	return out, err
}

// FindSkillsRatings returns every rating given in an audit. Callers show
// a member's own only as coproduce.CanSeeRatings allows, and otherwise
// only coproduce.SkillsResults.
func (db *DB) FindSkillsRatings(ctx context.Context, auditID int64) ([]coproduce.SkillRating, error) {
	var out []coproduce.SkillRating
	err := db.collect(ctx, `SELECT member_id, constituency, topic, level FROM skills_ratings WHERE audit_id = $1 ORDER BY member_id, topic`,
		[]any{auditID}, func(r *sql.Rows) error {
			var x coproduce.SkillRating
			err := r.Scan(&x.MemberID, &x.Constituency, &x.Topic, &x.Level)
			out = append(out, x)
			return err
		})
	return out, err
}
