package store

import (
	"context"
	"database/sql"

	"coproduce"
)

// CreateInfoRequest records a member's request, due the group's number of
// working days after it is asked, with an audit entry. A named member must
// be a current member of the group. Returns a *coproduce.ValidationError
// for bad fields.
func (db *DB) CreateInfoRequest(ctx context.Context, actorID int64, r *coproduce.InfoRequest) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var days int
		if err := tx.QueryRowContext(ctx, `SELECT info_request_days FROM steering_groups WHERE id = $1`, r.GroupID).Scan(&days); err != nil {
			return err
		}
		if r.AskedOfMemberID != 0 {
			var ok bool
			if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM members WHERE id = $1 AND group_id = $2 AND left_at IS NULL)`,
				r.AskedOfMemberID, r.GroupID).Scan(&ok); err != nil {
				return err
			}
			if !ok {
				var v coproduce.ValidationError
				v.Add("asked_of", "Choose the organisation or a current member of the group.")
				return &v
			}
		}
		r.ID, r.AskedAt = coproduce.NewID(), db.now()
		r.DueAt = coproduce.AddWorkingDays(r.AskedAt, days)
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO info_requests (id, group_id, asked_by, asked_of_member_id, question, asked_at, due_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			r.ID, r.GroupID, r.AskedBy, nullID(r.AskedOfMemberID), r.Question, r.AskedAt, r.DueAt); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: r.GroupID, ActorID: actorID, Action: "request.asked",
			Entity: "info-request", EntityID: r.ID, Summary: "due " + r.DueAt.Format("2006-01-02")})
	})
}

// AnswerInfoRequest records the answer to an open request, and the reason
// if anything is withheld. Returns a *coproduce.ValidationError for a bad
// answer or one already answered, and coproduce.ErrNotFound for a request
// not of the group.
func (db *DB) AnswerInfoRequest(ctx context.Context, actorID int64, answerer *coproduce.Member, requestID int64, answer string, withheld bool, reason string) error {
	if err := coproduce.ValidateAnswer(answer, withheld, reason); err != nil {
		return err
	}
	if !withheld {
		reason = ""
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var answered sql.NullTime
		if err := tx.QueryRowContext(ctx, `SELECT answered_at FROM info_requests WHERE id = $1 AND group_id = $2`, requestID, answerer.GroupID).Scan(&answered); err != nil {
			return err
		}
		if answered.Valid {
			return stateError("This request has already been answered.")
		}
		if _, err := tx.ExecContext(ctx,
			`UPDATE info_requests SET answered_at = $1, answered_by = $2, answer = $3, withheld = $4, withheld_reason = $5 WHERE id = $6`,
			db.now(), answerer.ID, answer, withheld, reason, requestID); err != nil {
			return err
		}
		summary := "answered"
		if withheld {
			summary += ", with information withheld"
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: answerer.GroupID, ActorID: actorID, Action: "request.answered",
			Entity: "info-request", EntityID: requestID, Summary: summary})
	})
}

// FindInfoRequests returns a group's requests, newest first.
func (db *DB) FindInfoRequests(ctx context.Context, groupID int64) ([]*coproduce.InfoRequest, error) {
	var out []*coproduce.InfoRequest
	err := db.collect(ctx, `SELECT `+infoRequestColumns+` FROM info_requests WHERE group_id = $1 ORDER BY asked_at DESC, id`, []any{groupID},
		func(rows *sql.Rows) error {
			r, err := scanInfoRequest(rows)
			out = append(out, r)
			return err
		})
	return out, err
}

const infoRequestColumns = `id, group_id, asked_by, asked_of_member_id, question, asked_at, due_at, answered_at, answered_by, answer, withheld, withheld_reason`

func scanInfoRequest(row interface{ Scan(...any) error }) (*coproduce.InfoRequest, error) {
	var r coproduce.InfoRequest
	var of, by sql.NullInt64
	var answered sql.NullTime
	if err := row.Scan(&r.ID, &r.GroupID, &r.AskedBy, &of, &r.Question, &r.AskedAt, &r.DueAt, &answered, &by, &r.Answer, &r.Withheld, &r.WithheldReason); err != nil {
		return nil, err
	}
	r.AskedOfMemberID, r.AnsweredBy = of.Int64, by.Int64
	r.AskedAt, r.DueAt, r.AnsweredAt = r.AskedAt.UTC(), r.DueAt.UTC(), utc(answered)
	return &r, nil
}
