package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"coproduce"
)

// LoginTokenTTL is how long an emailed sign-in or reset link works.
const LoginTokenTTL = 30 * time.Minute

// IssueLoginToken makes a one-time link for purpose (coproduce.PurposeSignIn
// or coproduce.PurposeReset) for the account with email, and puts the email
// that compose builds into the outbox, in one transaction. A new link
// cancels the person's earlier unused links for the same purpose.
//
// An address with no usable account (none, or disabled) gets the same work:
// a token row that can never be redeemed, and compose is called with a nil
// user so it can say there is no account. So neither the response nor its
// timing tells whether an account exists.
func (db *DB) IssueLoginToken(ctx context.Context, purpose, email string, compose func(u *coproduce.User, token string) coproduce.Message) error {
	email, err := coproduce.NormalizeEmail(email)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		u, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE u.email = $1`, email))
		switch {
		case err == nil && u.Disabled():
			u = nil
		case err == nil:
		case errors.Is(db.dialect.mapError(err), coproduce.ErrNotFound):
			u = nil
		default:
			return err
		}
		var userID any
		if u != nil {
			userID = u.ID
		}
		// Runs for an unknown address too (matching no rows), to keep the
		// work the same.
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_tokens WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, userID, purpose); err != nil {
			return err
		}
		token, err := insertLoginToken(ctx, tx, purpose, userID, db.now(), LoginTokenTTL)
		if err != nil {
			return err
		}
		msg := compose(u, token)
		msg.To = email
		return db.enqueue(ctx, tx, &msg)
	})
}

// CreateLoginToken makes a one-time link token for a user without emailing
// it, for the command line to print. userID 0 is allowed only for
// coproduce.PurposeSetup.
func (db *DB) CreateLoginToken(ctx context.Context, purpose string, userID int64, ttl time.Duration) (string, error) {
	var token string
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var id any
		if userID != 0 {
			id = userID
			if _, err := tx.ExecContext(ctx, `DELETE FROM login_tokens WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, id, purpose); err != nil {
				return err
			}
		}
		var err error
		token, err = insertLoginToken(ctx, tx, purpose, id, db.now(), ttl)
		return err
	})
	return token, err
}

func insertLoginToken(ctx context.Context, tx *sql.Tx, purpose string, userID any, now time.Time, ttl time.Duration) (string, error) {
	token, hash := coproduce.NewToken()
	_, err := tx.ExecContext(ctx,
		`INSERT INTO login_tokens (token_hash, purpose, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
		hash, purpose, userID, now, now.Add(ttl))
	return token, err
}

// PeekLoginToken reports whether token is a live link for purpose, without
// using it up (for showing the page a link opens). Returns
// coproduce.ErrNotFound for an unknown, used, expired or cancelled link.
func (db *DB) PeekLoginToken(ctx context.Context, token, purpose string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := liveLoginToken(ctx, tx, token, purpose, db.now())
		return err
	})
}

// ConsumeLoginToken uses up a sign-in or reset link and returns its user.
// Returns coproduce.ErrNotFound for an unknown, used, expired or cancelled
// link, or one whose account was disabled.
func (db *DB) ConsumeLoginToken(ctx context.Context, token, purpose string) (*coproduce.User, error) {
	var u *coproduce.User
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		userID, err := useLoginToken(ctx, tx, token, purpose, db.now())
		if err != nil {
			return err
		}
		if !userID.Valid {
			return coproduce.ErrNotFound
		}
		if u, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = $1`, userID.Int64)); err != nil {
			return err
		}
		if u.Disabled() {
			return coproduce.ErrNotFound
		}
		return nil
	})
	return u, err
}

// useLoginToken marks a live token used and returns its user id, in one
// statement: of two requests racing with the same link, exactly one gets
// it, on PostgreSQL as on SQLite. Returns ErrNotFound otherwise.
func useLoginToken(ctx context.Context, tx *sql.Tx, token, purpose string, now time.Time) (sql.NullInt64, error) {
	var userID sql.NullInt64
	err := tx.QueryRowContext(ctx,
		`UPDATE login_tokens SET used_at = $1
		WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1
		RETURNING user_id`,
		now, coproduce.HashToken(token), purpose).Scan(&userID)
	if err == sql.ErrNoRows {
		return userID, coproduce.ErrNotFound
	}
	return userID, err
}

// CreateFirstAdmin uses up a setup link and creates u as the installation's
// administrator, in one transaction. Returns coproduce.ErrNotFound for a
// link that is not live, coproduce.ErrConflict once any account exists, and
// a *coproduce.ValidationError for bad fields.
func (db *DB) CreateFirstAdmin(ctx context.Context, token string, u *coproduce.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	u.Email, _ = coproduce.NormalizeEmail(u.Email)
	u.ID, u.CreatedAt, u.IsAdmin = coproduce.NewID(), db.now(), true
	return db.inTx(ctx, func(tx *sql.Tx) error {
		// Two setup links used at the same moment must not make two first
		// administrators: on PostgreSQL they take turns here.
		if err := db.lock(ctx, tx, lockFirstAdmin); err != nil {
			return err
		}
		if _, err := useLoginToken(ctx, tx, token, coproduce.PurposeSetup, u.CreatedAt); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return coproduce.ErrConflict
		}
		return insertUser(ctx, tx, u)
	})
}

// liveLoginToken returns the user id of a live token for purpose (NULL for
// setup links and for requests naming no account), or ErrNotFound.
func liveLoginToken(ctx context.Context, tx *sql.Tx, token, purpose string, now time.Time) (sql.NullInt64, error) {
	var userID sql.NullInt64
	err := tx.QueryRowContext(ctx,
		`SELECT user_id FROM login_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3`,
		coproduce.HashToken(token), purpose, now).Scan(&userID)
	if err == sql.ErrNoRows {
		return userID, coproduce.ErrNotFound
	}
	return userID, err
}

// RequestEmailChange starts changing a user's email address: it makes a
// one-time link that confirms newEmail, cancelling earlier such links, and
// puts the email compose builds into the outbox addressed to sendTo (the
// new address, or the current one for an account with no password, whose
// only proof of identity is its address). If newEmail already belongs to an
// account, compose is told so (taken) and the link can never be used, so
// the page the person sees is the same either way. Returns a
// *coproduce.ValidationError for a malformed address.
func (db *DB) RequestEmailChange(ctx context.Context, userID int64, newEmail, sendTo string, compose func(taken bool, token string) coproduce.Message) error {
	newEmail, err := coproduce.NormalizeEmail(newEmail)
	if err != nil {
		var v coproduce.ValidationError
		v.Add("email", err.Error())
		return &v
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var taken bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM users WHERE email = $1)`, newEmail).Scan(&taken); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_tokens WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, userID, coproduce.PurposeEmail); err != nil {
			return err
		}
		token, hash := coproduce.NewToken()
		now := db.now()
		expires := now.Add(LoginTokenTTL)
		if taken {
			expires = now // never redeemable
		}
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO login_tokens (token_hash, purpose, user_id, created_at, expires_at, new_email) VALUES ($1, $2, $3, $4, $5, $6)`,
			hash, coproduce.PurposeEmail, userID, now, expires, newEmail); err != nil {
			return err
		}
		msg := compose(taken, token)
		msg.To = sendTo
		if sendTo == "" {
			msg.To = newEmail
		}
		return db.enqueue(ctx, tx, &msg)
	})
}

// ConfirmEmailChange uses up an email-change link: the account takes the
// new address, every other outstanding link of the account is cancelled,
// and the email notice builds (given the old address) goes to the old
// address, in one transaction. Returns coproduce.ErrNotFound for a link that
// is not live and coproduce.ErrConflict if the address was taken meanwhile.
func (db *DB) ConfirmEmailChange(ctx context.Context, token string, notice func(old string, u *coproduce.User) coproduce.Message) (*coproduce.User, error) {
	var u *coproduce.User
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var userID sql.NullInt64
		var newEmail string
		err := tx.QueryRowContext(ctx,
			`UPDATE login_tokens SET used_at = $1
			WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1
			RETURNING user_id, new_email`,
			db.now(), coproduce.HashToken(token), coproduce.PurposeEmail).Scan(&userID, &newEmail)
		if err != nil {
			return err
		}
		if !userID.Valid {
			return coproduce.ErrNotFound
		}
		if u, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = $1`, userID.Int64)); err != nil {
			return err
		}
		if u.Disabled() {
			return coproduce.ErrNotFound
		}
		old := u.Email
		if _, err := tx.ExecContext(ctx, `UPDATE users SET email = $1 WHERE id = $2`, newEmail, u.ID); err != nil {
			return err
		}
		u.Email = newEmail
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_tokens WHERE user_id = $1 AND used_at IS NULL`, u.ID); err != nil {
			return err
		}
		msg := notice(old, u)
		msg.To = old
		return db.enqueue(ctx, tx, &msg)
	})
	return u, err
}
