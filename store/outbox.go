package store

import (
	"context"
	"database/sql"
	"time"

	"coproduce"
)

// enqueue puts msg in the outbox as part of tx, so the email goes out if and
// only if the change that caused it commits.
func (db *DB) enqueue(ctx context.Context, tx *sql.Tx, msg *coproduce.Message) error {
	msg.ID = coproduce.NewID()
	now := db.now()
	var a coproduce.Attachment
	if msg.Attachment != nil {
		a = *msg.Attachment
	}
	_, err := tx.ExecContext(ctx,
		`INSERT INTO outbox (id, to_address, subject, body_text, body_html, unsubscribe_url, attachment_name, attachment_type, attachment_data, created_at, send_after)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
		msg.ID, msg.To, msg.Subject, msg.Text, msg.HTML, msg.Unsubscribe, a.Name, a.ContentType, a.Data, now)
	return err
}

// ClaimMessages leases up to n messages that are due, for lease, so that no
// other worker (in this or another instance) sends them meanwhile. A worker
// that dies leaves its lease to run out, and the message is sent later.
func (db *DB) ClaimMessages(ctx context.Context, n int, lease time.Duration) ([]*coproduce.Message, error) {
	var msgs []*coproduce.Message
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		rows, err := tx.QueryContext(ctx,
			`SELECT id, to_address, subject, body_text, body_html, unsubscribe_url, attachment_name, attachment_type, attachment_data, attempts FROM outbox
			WHERE sent_at IS NULL AND failed_at IS NULL AND send_after <= $1 AND (locked_until IS NULL OR locked_until < $1)
			ORDER BY send_after, id LIMIT $2`+db.dialect.skipLocked(), now, n)
		if err != nil {
			return err
		}
		for rows.Next() {
			var m coproduce.Message
			var a coproduce.Attachment
			if err := rows.Scan(&m.ID, &m.To, &m.Subject, &m.Text, &m.HTML, &m.Unsubscribe, &a.Name, &a.ContentType, &a.Data, &m.Attempts); err != nil {
				rows.Close()
				return err
			}
			if a.Name != "" {
				m.Attachment = &a
			}
			msgs = append(msgs, &m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, m := range msgs {
			if _, err := tx.ExecContext(ctx, `UPDATE outbox SET locked_until = $1 WHERE id = $2`, now.Add(lease), m.ID); err != nil {
				return err
			}
		}
		return nil
	})
	return msgs, err
}

// MarkSent records that a message went out, and forgets its body.
func (db *DB) MarkSent(ctx context.Context, id int64) error {
	// The body goes once sent: it may carry a live link or personal
	// details, and it has done its job.
	_, err := db.sql.ExecContext(ctx, `UPDATE outbox SET sent_at = $1, locked_until = NULL, attempts = attempts + 1, body_text = '', body_html = '', unsubscribe_url = '', attachment_data = '' WHERE id = $2`, db.now(), id)
	return err
}

// MarkFailed records a failed attempt. The message is tried again after
// retryAfter, or given up for good when giveUp is true.
func (db *DB) MarkFailed(ctx context.Context, id int64, reason string, retryAfter time.Duration, giveUp bool) error {
	now := db.now()
	var failedAt any
	if giveUp {
		failedAt = now
	}
	if len(reason) > 1000 {
		reason = reason[:1000]
	}
	_, err := db.sql.ExecContext(ctx,
		`UPDATE outbox SET attempts = attempts + 1, last_error = $1, send_after = $2, locked_until = NULL, failed_at = $3 WHERE id = $4`,
		reason, now.Add(retryAfter), failedAt, id)
	return err
}

// MessageAttempts returns how many times a message has been tried, and
// whether it was sent or given up.
func (db *DB) MessageAttempts(ctx context.Context, id int64) (attempts int, sent, failed bool, err error) {
	var sentAt, failedAt sql.NullTime
	err = db.sql.QueryRowContext(ctx, `SELECT attempts, sent_at, failed_at FROM outbox WHERE id = $1`, id).Scan(&attempts, &sentAt, &failedAt)
	return attempts, sentAt.Valid, failedAt.Valid, db.dialect.mapError(err)
}

// OutboxStats reports how many messages wait to be sent (not sent, not
// given up) and how long the oldest of them has waited.
func (db *DB) OutboxStats(ctx context.Context) (waiting int, oldest time.Duration, err error) {
	var first sql.NullTime
	err = db.sql.QueryRowContext(ctx, `SELECT COUNT(*), MIN(created_at) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL`).Scan(&waiting, &first)
	if err != nil || !first.Valid {
		return waiting, 0, err
	}
	return waiting, db.now().Sub(first.Time), nil
}

// Stats reports the database connection pool's use.
func (db *DB) Stats() sql.DBStats { return db.sql.Stats() }
