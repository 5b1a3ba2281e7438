package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"coproduce"
)

// CreateTrainingSession records a session and who attended it. Every
// attendee must be a member of the session's group.
func (db *DB) CreateTrainingSession(ctx context.Context, actorID int64, s *coproduce.TrainingSession) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if s.On.After(db.now().Add(24 * time.Hour)) {
		return fieldError("on", "Record a session once it has taken place.")
	}
	s.ID, s.CreatedAt = coproduce.NewID(), db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO training_sessions (id, group_id, topic, on_day, induction, recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			s.ID, s.GroupID, s.Topic, s.On.UTC(), s.Induction, s.RecordedBy, s.CreatedAt); err != nil {
			return err
		}
		for _, id := range s.Attendees {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM members WHERE id = $1 AND group_id = $2`, id, s.GroupID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return fieldError("attendees", "Choose attendees from the group's members.")
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO training_attendance (session_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, s.ID, id); err != nil {
				return err
			}
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: s.GroupID, ActorID: actorID, Action: "training.recorded",
			Entity: "training", EntityID: s.ID, Summary: fmt.Sprintf("%s, %d attended", s.Topic, len(s.Attendees))})
	})
}

// FindTrainingSessions returns the group's sessions, latest first, each
// with its attendees.
func (db *DB) FindTrainingSessions(ctx context.Context, groupID int64) ([]*coproduce.TrainingSession, error) {
	var out []*coproduce.TrainingSession
	byID := map[int64]*coproduce.TrainingSession{}
	err := db.collect(ctx, `SELECT id, topic, on_day, induction, recorded_by, created_at FROM training_sessions WHERE group_id = $1 ORDER BY on_day DESC, id`,
		[]any{groupID}, func(r *sql.Rows) error {
			s := &coproduce.TrainingSession{GroupID: groupID}
			if err := r.Scan(&s.ID, &s.Topic, &s.On, &s.Induction, &s.RecordedBy, &s.CreatedAt); err != nil {
				return err
			}
			s.On, s.CreatedAt = s.On.UTC(), s.CreatedAt.UTC()
			out, byID[s.ID] = append(out, s), s
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = db.collect(ctx, `SELECT a.session_id, a.member_id FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id
		WHERE s.group_id = $1 ORDER BY a.member_id`, []any{groupID}, func(r *sql.Rows) error {
		var sid, mid int64
		if err := r.Scan(&sid, &mid); err != nil {
			return err
		}
		if s := byID[sid]; s != nil {
			s.Attendees = append(s.Attendees, mid)
		}
		return nil
	})
	return out, err
}

// RecordTrainingReview records a member's training review. Returns
// coproduce.ErrNotFound unless recorder may record it: the member, or
// the group's chair or facilitator. The audit entry names the review,
// never what was agreed.
func (db *DB) RecordTrainingReview(ctx context.Context, actorID int64, recorder *coproduce.Member, r *coproduce.TrainingReview) error {
	if !coproduce.CanSeeReview(recorder, r.MemberID) {
		return coproduce.ErrNotFound
	}
	r.GroupID, r.RecordedBy = recorder.GroupID, recorder.ID
	if err := r.Validate(); err != nil {
		return err
	}
	if r.HeldOn.After(db.now().Add(24 * time.Hour)) {
		return fieldError("held_on", "Record a review once it has taken place.")
	}
	r.ID, r.CreatedAt = coproduce.NewID(), db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM members WHERE id = $1 AND group_id = $2 AND left_at IS NULL`, r.MemberID, r.GroupID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return coproduce.ErrNotFound
		}
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO training_reviews (id, group_id, member_id, held_on, agreed, recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			r.ID, r.GroupID, r.MemberID, r.HeldOn.UTC(), r.Agreed, r.RecordedBy, r.CreatedAt); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: r.GroupID, ActorID: actorID, Action: "training.reviewed",
			Entity: "training-review", EntityID: r.ID, Summary: fmt.Sprintf("review of member %d", r.MemberID)})
	})
}

// FindTrainingReviews returns the group's reviews, latest first. Callers
// show what was agreed only as coproduce.CanSeeReview allows.
func (db *DB) FindTrainingReviews(ctx context.Context, groupID int64) ([]*coproduce.TrainingReview, error) {
	var out []*coproduce.TrainingReview
	err := db.collect(ctx, `SELECT id, group_id, member_id, held_on, agreed, recorded_by, created_at FROM training_reviews WHERE group_id = $1
		ORDER BY held_on DESC, created_at DESC, id`, []any{groupID}, func(r *sql.Rows) error {
		var x coproduce.TrainingReview
		if err := r.Scan(&x.ID, &x.GroupID, &x.MemberID, &x.HeldOn, &x.Agreed, &x.RecordedBy, &x.CreatedAt); err != nil {
			return err
		}
		x.HeldOn, x.CreatedAt = x.HeldOn.UTC(), x.CreatedAt.UTC()
		out = append(out, &x)
		return nil
	})
	return out, err
}
