package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"coproduce"
)

// userColumns lists the users columns scanUser reads, qualified so that it
// serves in joins.
const userColumns = `u.id, u.email, u.name, u.password_hash, u.is_admin, u.disabled_at, u.created_at`

// scanUser reads userColumns from row, after any columns named by before.
func scanUser(row interface{ Scan(...any) error }, before ...any) (*coproduce.User, error) {
	var u coproduce.User
	var disabled sql.NullTime
	dest := append(before, &u.ID, &u.Email, &u.Name, &u.PasswordHash, &u.IsAdmin, &disabled, &u.CreatedAt)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	u.CreatedAt = u.CreatedAt.UTC()
	if disabled.Valid {
		u.DisabledAt = disabled.Time.UTC()
	}
	return &u, nil
}

// CreateUser validates u, normalises its email, gives it an id and
// creation time, and stores it. Returns a *coproduce.ValidationError for bad
// fields and coproduce.ErrConflict if the email is taken.
func (db *DB) CreateUser(ctx context.Context, u *coproduce.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	u.Email, _ = coproduce.NormalizeEmail(u.Email)
	u.ID, u.CreatedAt = coproduce.NewID(), db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		return insertUser(ctx, tx, u)
	})
}

func insertUser(ctx context.Context, tx *sql.Tx, u *coproduce.User) error {
	_, err := tx.ExecContext(ctx,
		`INSERT INTO users (id, email, name, password_hash, is_admin, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		u.ID, u.Email, u.Name, u.PasswordHash, u.IsAdmin, u.CreatedAt)
	return err
}

// FindUserByID returns the user with that id, or coproduce.ErrNotFound.
func (db *DB) FindUserByID(ctx context.Context, id int64) (*coproduce.User, error) {
	u, err := scanUser(db.sql.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = $1`, id))
	return u, db.dialect.mapError(err)
}

// FindUserByEmail returns the user with that email (normalised first), or
// coproduce.ErrNotFound.
func (db *DB) FindUserByEmail(ctx context.Context, email string) (*coproduce.User, error) {
	email, err := coproduce.NormalizeEmail(email)
	if err != nil {
		return nil, coproduce.ErrNotFound
	}
	u, err := scanUser(db.sql.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE u.email = $1`, email))
	return u, db.dialect.mapError(err)
}

// CountUsers returns how many accounts exist.
func (db *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n)
	return n, err
}

// SetPassword stores a new password hash for the user, ends all their
// sessions except keepSessionHash ("" ends every one), and cancels their
// outstanding emailed links. Returns coproduce.ErrNotFound for an unknown
// user.
func (db *DB) SetPassword(ctx context.Context, userID int64, hash, keepSessionHash string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, hash, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return coproduce.ErrNotFound
		}
		return db.revokeAccess(ctx, tx, userID, keepSessionHash)
	})
}

// SetUserDisabled disables (or re-enables) an account. Disabling ends every
// session and cancels outstanding links. Returns coproduce.ErrNotFound for
// an unknown user.
func (db *DB) SetUserDisabled(ctx context.Context, userID int64, disabled bool) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var at any
		if disabled {
			at = db.now()
		}
		res, err := tx.ExecContext(ctx, `UPDATE users SET disabled_at = $1 WHERE id = $2`, at, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return coproduce.ErrNotFound
		}
		if !disabled {
			return nil
		}
		return db.revokeAccess(ctx, tx, userID, "")
	})
}

// revokeAccess ends a user's sessions (but keepSessionHash) and cancels
// their unused links.
func (db *DB) revokeAccess(ctx context.Context, tx *sql.Tx, userID int64, keepSessionHash string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2`, userID, keepSessionHash); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM login_tokens WHERE user_id = $1 AND used_at IS NULL`, userID)
	return err
}

// FindUserNames returns the names of the users with the given ids. Ids of
// erased accounts are absent from the result.
func (db *DB) FindUserNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	names := make(map[int64]string, len(ids))
	if len(ids) == 0 {
		return names, nil
	}
	// One query whatever the number of ids; both databases take a JSON
	// array of numbers as a single parameter.
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = strconv.FormatInt(id, 10)
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT id, name FROM users WHERE id IN (`+db.dialect.jsonIDs("$1")+`)`,
		"["+strings.Join(list, ",")+"]")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		names[id] = name
	}
	return names, rows.Err()
}

// SetUserName changes the name a person is shown by. Returns a
// *coproduce.ValidationError for a bad name and coproduce.ErrNotFound for
// an unknown user.
func (db *DB) SetUserName(ctx context.Context, userID int64, name string) error {
	if err := coproduce.ValidateUserName(name); err != nil {
		return err
	}
	res, err := db.sql.ExecContext(ctx, `UPDATE users SET name = $1 WHERE id = $2`, strings.TrimSpace(name), userID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return coproduce.ErrNotFound
	}
	return nil
}
