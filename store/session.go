package store

import (
	"context"
	"database/sql"
	"time"

	"coproduce"
)

// SessionPolicy bounds how long a session lasts.
type SessionPolicy struct {
	Idle     time.Duration // ended after this long without a request
	Absolute time.Duration // ended this long after sign-in, whatever the activity
}

// DefaultSessionPolicy keeps a person signed in between fortnightly
// meetings' papers and reminders, but never longer than a month.
var DefaultSessionPolicy = SessionPolicy{Idle: 14 * 24 * time.Hour, Absolute: 30 * 24 * time.Hour}

// touchEvery limits how often a session's last-seen time is written: once
// a minute is precise enough for idle expiry and spares a write per request.
const touchEvery = time.Minute

// CreateSession signs userID in: it stores a new session and returns the
// token for the cookie. Each sign-in gets a new token, so an id planted
// before sign-in is worthless after it.
func (db *DB) CreateSession(ctx context.Context, userID int64, userAgent string, policy SessionPolicy) (string, error) {
	token, hash := coproduce.NewToken()
	now := db.now()
	if len(userAgent) > 300 {
		userAgent = userAgent[:300]
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx,
			`INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at, user_agent) VALUES ($1, $2, $3, $3, $4, $5)`,
			hash, userID, now, now.Add(policy.Absolute), userAgent)
		return err
	})
	return token, err
}

// FindSession returns the live session for a cookie token and its user. An
// unknown, expired or idle session, or one whose user is disabled, answers
// coproduce.ErrNotFound (and an expired one is deleted). It refreshes the
// last-seen time at most once a minute.
func (db *DB) FindSession(ctx context.Context, token string, policy SessionPolicy) (*coproduce.Session, *coproduce.User, error) {
	hash := coproduce.HashToken(token)
	var s coproduce.Session
	row := db.sql.QueryRowContext(ctx,
		`SELECT s.id_hash, s.user_id, s.created_at, s.last_seen_at, s.expires_at, s.user_agent, `+userColumns+`
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1`, hash)
	u, err := scanUser(row, &s.IDHash, &s.UserID, &s.CreatedAt, &s.LastSeenAt, &s.ExpiresAt, &s.UserAgent)
	if err != nil {
		return nil, nil, db.dialect.mapError(err)
	}
	now := db.now()
	if u.Disabled() || !now.Before(s.ExpiresAt) || now.Sub(s.LastSeenAt) >= policy.Idle {
		_, _ = db.sql.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = $1`, hash)
		return nil, nil, coproduce.ErrNotFound
	}
	if now.Sub(s.LastSeenAt) >= touchEvery {
		if _, err := db.sql.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2`, now, hash); err != nil {
			return nil, nil, err
		}
		s.LastSeenAt = now
	}
	return &s, u, nil
}

// FindUserSessions lists a user's sessions, most recently used first.
func (db *DB) FindUserSessions(ctx context.Context, userID int64) ([]*coproduce.Session, error) {
	rows, err := db.sql.QueryContext(ctx,
		`SELECT id_hash, user_id, created_at, last_seen_at, expires_at, user_agent FROM sessions
		WHERE user_id = $1 AND expires_at > $2 ORDER BY last_seen_at DESC, id_hash`, userID, db.now())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []*coproduce.Session
	for rows.Next() {
		var s coproduce.Session
		if err := rows.Scan(&s.IDHash, &s.UserID, &s.CreatedAt, &s.LastSeenAt, &s.ExpiresAt, &s.UserAgent); err != nil {
			return nil, err
		}
		list = append(list, &s)
	}
	return list, rows.Err()
}

// DeleteSession ends one session of a user. Returns coproduce.ErrNotFound
// if the user has no such session.
func (db *DB) DeleteSession(ctx context.Context, userID int64, idHash string) error {
	res, err := db.sql.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = $1 AND user_id = $2`, idHash, userID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return coproduce.ErrNotFound
	}
	return nil
}

// DeleteOtherSessions ends every session of a user except keepHash.
func (db *DB) DeleteOtherSessions(ctx context.Context, userID int64, keepHash string) error {
	_, err := db.sql.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2`, userID, keepHash)
	return err
}
