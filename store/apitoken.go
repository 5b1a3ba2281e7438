package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"coproduce"
)

const apiTokenColumns = `id, user_id, name, scope, created_at, last_used_at, revoked_at`

func scanAPIToken(row interface{ Scan(...any) error }) (*coproduce.APIToken, error) {
	var t coproduce.APIToken
	var used, revoked sql.NullTime
	if err := row.Scan(&t.ID, &t.UserID, &t.Name, &t.Scope, &t.CreatedAt, &used, &revoked); err != nil {
		return nil, err
	}
	t.LastUsedAt, t.RevokedAt = used.Time, revoked.Time
	return &t, nil
}

// CreateAPIToken makes a personal API token for userID and returns its
// secret, which is not stored and cannot be shown again. A person may hold
// at most coproduce.MaxAPITokens working tokens.
func (db *DB) CreateAPIToken(ctx context.Context, userID int64, name string, scope coproduce.APIScope) (string, *coproduce.APIToken, error) {
	name = strings.TrimSpace(name)
	if err := coproduce.ValidateAPIToken(name, scope); err != nil {
		return "", nil, err
	}
	secret, hash := coproduce.NewToken()
	secret = coproduce.APITokenPrefix + secret
	hash = coproduce.HashToken(secret)
	t := &coproduce.APIToken{ID: coproduce.NewID(), UserID: userID, Name: name, Scope: scope, CreatedAt: db.now()}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var working int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL`, userID).Scan(&working); err != nil {
			return err
		}
		if working >= coproduce.MaxAPITokens {
			var v coproduce.ValidationError
			v.Add("name", "You have "+strconv.Itoa(working)+" working tokens, the most one person may hold. Revoke one you no longer use first.")
			return &v
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO api_tokens (id, user_id, token_hash, name, scope, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			t.ID, userID, hash, name, string(scope), t.CreatedAt)
		return err
	})
	if err != nil {
		return "", nil, err
	}
	return secret, t, nil
}

// FindAPITokens lists a person's tokens, working ones first, newest first.
func (db *DB) FindAPITokens(ctx context.Context, userID int64) ([]*coproduce.APIToken, error) {
	var out []*coproduce.APIToken
	err := db.collect(ctx, `SELECT `+apiTokenColumns+` FROM api_tokens WHERE user_id = $1
		ORDER BY CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END, created_at DESC, id`, []any{userID},
		func(r *sql.Rows) error {
			t, err := scanAPIToken(r)
			out = append(out, t)
			return err
		})
	return out, err
}

// RevokeAPIToken stops one of userID's tokens working. Returns
// coproduce.ErrNotFound for a token that is not theirs or is already
// revoked.
func (db *DB) RevokeAPIToken(ctx context.Context, userID, id int64) error {
	res, err := db.sql.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL`, db.now(), id, userID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return coproduce.ErrNotFound
	}
	return nil
}

// FindAPIToken returns the working token with secret and its owner, and
// records its use (at most once a minute, so reading does not mean a write
// on every call). Returns coproduce.ErrNotFound for an unknown or revoked
// token, or one whose owner's account is disabled.
func (db *DB) FindAPIToken(ctx context.Context, secret string) (*coproduce.APIToken, *coproduce.User, error) {
	if !strings.HasPrefix(secret, coproduce.APITokenPrefix) {
		return nil, nil, coproduce.ErrNotFound
	}
	row := db.sql.QueryRowContext(ctx,
		`SELECT t.id, t.user_id, t.name, t.scope, t.created_at, t.last_used_at, t.revoked_at, `+userColumns+`
		FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1`, coproduce.HashToken(secret))
	t := &coproduce.APIToken{}
	var used, revoked sql.NullTime
	u, err := scanUser(row, &t.ID, &t.UserID, &t.Name, &t.Scope, &t.CreatedAt, &used, &revoked)
	if err != nil {
		return nil, nil, db.dialect.mapError(err)
	}
	t.LastUsedAt, t.RevokedAt = used.Time, revoked.Time
	if t.Revoked() || u.Disabled() {
		return nil, nil, coproduce.ErrNotFound
	}
	if now := db.now(); now.Sub(t.LastUsedAt) >= touchEvery {
		if _, err := db.sql.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`, now, t.ID); err != nil {
			return nil, nil, err
		}
		t.LastUsedAt = now
	}
	return t, u, nil
}
