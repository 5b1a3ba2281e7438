package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"coproduce"
)

// NotificationPrefs returns how a person receives each kind, with the
// default for any kind they have not chosen.
func (db *DB) NotificationPrefs(ctx context.Context, userID int64) (map[coproduce.NotificationKind]coproduce.Delivery, error) {
	prefs := map[coproduce.NotificationKind]coproduce.Delivery{}
	for _, k := range coproduce.NotificationKinds {
		prefs[k] = coproduce.DefaultDelivery(k)
	}
	err := db.collect(ctx, `SELECT kind, delivery FROM notification_prefs WHERE user_id = $1`, []any{userID}, func(r *sql.Rows) error {
		var k coproduce.NotificationKind
		var d coproduce.Delivery
		if err := r.Scan(&k, &d); err != nil {
			return err
		}
		if k.Valid() {
			prefs[k] = d
		}
		return nil
	})
	return prefs, err
}

// SetNotificationPrefs saves a person's choices. Every kind must be given
// a known delivery.
func (db *DB) SetNotificationPrefs(ctx context.Context, userID int64, prefs map[coproduce.NotificationKind]coproduce.Delivery) error {
	var v coproduce.ValidationError
	for _, k := range coproduce.NotificationKinds {
		if !prefs[k].Valid() {
			v.Add(string(k), "Choose at once, in the weekly digest, or off.")
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		for _, k := range coproduce.NotificationKinds {
			if err := setDelivery(ctx, tx, userID, k, prefs[k]); err != nil {
				return err
			}
		}
		return nil
	})
}

func setDelivery(ctx context.Context, tx *sql.Tx, userID int64, k coproduce.NotificationKind, d coproduce.Delivery) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO notification_prefs (user_id, kind, delivery) VALUES ($1, $2, $3)
		ON CONFLICT (user_id, kind) DO UPDATE SET delivery = excluded.delivery`, userID, string(k), string(d))
	return err
}

// deliveryOf is how a person receives kind: their choice, or the default.
func deliveryOf(ctx context.Context, tx *sql.Tx, userID int64, kind coproduce.NotificationKind) (coproduce.Delivery, error) {
	var chosen string
	err := tx.QueryRowContext(ctx, `SELECT delivery FROM notification_prefs WHERE user_id = $1 AND kind = $2`, userID, string(kind)).Scan(&chosen)
	if errors.Is(err, sql.ErrNoRows) {
		return coproduce.DefaultDelivery(kind), nil
	}
	return coproduce.Delivery(chosen), err
}

// digestKind is the unsubscribe link's kind for the weekly digest.
const digestKind = "digest"

// CreateNotification records n for its person, once: it returns false,
// and does nothing, when a notification with the same key (for the same
// person) exists. Depending on the person's choice for its kind, it puts
// the email compose writes in the outbox, in the same transaction, or keeps
// it for the weekly digest, or records it as not sent. Nothing goes to a
// disabled or erased account.
func (db *DB) CreateNotification(ctx context.Context, n *coproduce.Notification, compose func(n *coproduce.Notification, to, unsubscribeToken string) coproduce.Message) (bool, error) {
	if !n.Kind.Valid() {
		return false, errors.New("store: unknown notification kind " + string(n.Kind))
	}
	created := false
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var email string
		var disabled sql.NullTime
		err := tx.QueryRowContext(ctx, `SELECT email, disabled_at FROM users WHERE id = $1`, n.UserID).Scan(&email, &disabled)
		if errors.Is(err, sql.ErrNoRows) || disabled.Valid {
			return nil
		}
		if err != nil {
			return err
		}
		delivery, err := deliveryOf(ctx, tx, n.UserID, n.Kind)
		if err != nil {
			return err
		}
		now := db.now()
		n.ID, n.CreatedAt = coproduce.NewID(), now
		var delivered any
		if delivery != coproduce.DeliverDigest {
			delivered = now
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO notifications (id, user_id, kind, dedupe_key, group_name, subject, summary, link, created_at, delivery, delivered_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (dedupe_key) DO NOTHING`,
			n.ID, n.UserID, string(n.Kind), dedupeKey(n.Key, n.UserID), n.GroupName, n.Subject, n.Summary, n.Link, now, string(delivery), delivered)
		if err != nil {
			return err
		}
		if rows, _ := res.RowsAffected(); rows == 0 {
			return nil // made already
		}
		created = true
		if delivery != coproduce.DeliverNow {
			return nil
		}
		token, err := db.unsubscribeLink(ctx, tx, n.UserID, string(n.Kind))
		if err != nil {
			return err
		}
		msg := compose(n, email, token)
		msg.To = email
		return db.enqueue(ctx, tx, &msg)
	})
	return created, err
}

// dedupeKey is the key a notification is stored under: its occasion and
// its person.
func dedupeKey(key string, userID int64) string { return key + ":" + strconv.FormatInt(userID, 10) }

// Notified reports, for each person and occasion asked about, whether a
// notification has been made already, in one query: the look for
// reminders finds the same occasions every minute, and most have been
// sent.
func (db *DB) Notified(ctx context.Context, key string, userIDs []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(userIDs) == 0 {
		return out, nil
	}
	keys := make([]string, len(userIDs))
	byKey := make(map[string]int64, len(userIDs))
	for i, id := range userIDs {
		keys[i] = dedupeKey(key, id)
		byKey[keys[i]] = id
	}
	list, err := json.Marshal(keys)
	if err != nil {
		return nil, err
	}
	err = db.collect(ctx, `SELECT dedupe_key FROM notifications WHERE dedupe_key IN (`+db.dialect.jsonStrings("$1")+`)`, []any{string(list)},
		func(r *sql.Rows) error {
			var k string
			err := r.Scan(&k)
			out[byKey[k]] = true
			return err
		})
	return out, err
}

// unsubscribeLink makes a one-click unsubscribe token for a person and a
// kind and returns it; only its hash is kept.
func (db *DB) unsubscribeLink(ctx context.Context, tx *sql.Tx, userID int64, kind string) (string, error) {
	token, hash := coproduce.NewToken()
	_, err := tx.ExecContext(ctx, `INSERT INTO unsubscribe_links (token_hash, user_id, kind, created_at) VALUES ($1, $2, $3, $4)`, hash, userID, kind, db.now())
	return token, err
}

// PendingDigest is the notifications waiting for one person's digest.
type PendingDigest struct {
	UserID        int64
	Notifications []*coproduce.Notification
}

// FindPendingDigests returns, person by person, the notifications waiting
// for the weekly digest, oldest first.
func (db *DB) FindPendingDigests(ctx context.Context) ([]PendingDigest, error) {
	var out []PendingDigest
	err := db.collect(ctx, `SELECT id, user_id, kind, group_name, subject, summary, link, created_at FROM notifications
		WHERE delivery = 'digest' AND delivered_at IS NULL ORDER BY user_id, created_at, id`, nil, func(r *sql.Rows) error {
		var n coproduce.Notification
		if err := r.Scan(&n.ID, &n.UserID, &n.Kind, &n.GroupName, &n.Subject, &n.Summary, &n.Link, &n.CreatedAt); err != nil {
			return err
		}
		n.CreatedAt = n.CreatedAt.UTC()
		if len(out) == 0 || out[len(out)-1].UserID != n.UserID {
			out = append(out, PendingDigest{UserID: n.UserID})
		}
		last := &out[len(out)-1]
		last.Notifications = append(last.Notifications, &n)
		return nil
	})
	return out, err
}

// SendDigest puts one person's digest of d's notifications in the outbox
// and marks them delivered, in one transaction. It returns false, and
// sends nothing, when any of them has been delivered meanwhile (by another
// server), or the person's account is disabled or gone.
func (db *DB) SendDigest(ctx context.Context, d PendingDigest, compose func(to, unsubscribeToken string) coproduce.Message) (bool, error) {
	sent := false
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var email string
		var disabled sql.NullTime
		err := tx.QueryRowContext(ctx, `SELECT email, disabled_at FROM users WHERE id = $1`, d.UserID).Scan(&email, &disabled)
		if errors.Is(err, sql.ErrNoRows) || disabled.Valid {
			return nil
		}
		if err != nil {
			return err
		}
		now := db.now()
		for _, n := range d.Notifications {
			res, err := tx.ExecContext(ctx, `UPDATE notifications SET delivered_at = $1 WHERE id = $2 AND user_id = $3 AND delivered_at IS NULL`, now, n.ID, d.UserID)
			if err != nil {
				return err
			}
			if rows, _ := res.RowsAffected(); rows == 0 {
				return errDigestTaken
			}
		}
		token, err := db.unsubscribeLink(ctx, tx, d.UserID, digestKind)
		if err != nil {
			return err
		}
		msg := compose(email, token)
		msg.To = email
		if err := db.enqueue(ctx, tx, &msg); err != nil {
			return err
		}
		sent = true
		return nil
	})
	if errors.Is(err, errDigestTaken) {
		return false, nil
	}
	return sent, err
}

var errDigestTaken = errors.New("digest sent by another server")

// Unsubscribe turns off what an unsubscribe link is for: one kind, or,
// for the digest's link, every kind that was going to the digest. It
// returns the link's kind ("digest" for the digest), or
// coproduce.ErrNotFound for an unknown link. Using a link twice is
// harmless.
func (db *DB) Unsubscribe(ctx context.Context, token string) (string, error) {
	var kind string
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var userID int64
		err := tx.QueryRowContext(ctx, `SELECT user_id, kind FROM unsubscribe_links WHERE token_hash = $1`, coproduce.HashToken(token)).Scan(&userID, &kind)
		if err != nil {
			return db.dialect.mapError(err)
		}
		if kind != digestKind {
			return setDelivery(ctx, tx, userID, coproduce.NotificationKind(kind), coproduce.DeliverOff)
		}
		for _, k := range coproduce.NotificationKinds {
			d, err := deliveryOf(ctx, tx, userID, k)
			if err != nil {
				return err
			}
			if d == coproduce.DeliverDigest {
				if err := setDelivery(ctx, tx, userID, k, coproduce.DeliverOff); err != nil {
					return err
				}
			}
		}
		// Digest notifications already waiting are not sent either.
		_, err = tx.ExecContext(ctx, `UPDATE notifications SET delivery = 'off', delivered_at = $1 WHERE user_id = $2 AND delivery = 'digest' AND delivered_at IS NULL`, db.now(), userID)
		return err
	})
	return kind, err
}

// UnsubscribeKind returns the kind an unsubscribe link is for, without
// using it, or coproduce.ErrNotFound.
func (db *DB) UnsubscribeKind(ctx context.Context, token string) (string, error) {
	var kind string
	err := db.sql.QueryRowContext(ctx, `SELECT kind FROM unsubscribe_links WHERE token_hash = $1`, coproduce.HashToken(token)).Scan(&kind)
	return kind, db.dialect.mapError(err)
}

// TryLease takes, or renews, the lease called name for holder until now
// plus d, and reports whether holder has it. A lease still held by
// another holder is not taken, so a job guarded by one runs on one server
// at a time; a lease left by a server that died runs out.
func (db *DB) TryLease(ctx context.Context, name, holder string, d time.Duration) (bool, error) {
	now := db.now()
	res, err := db.sql.ExecContext(ctx, `INSERT INTO job_leases (name, holder, until) VALUES ($1, $2, $3)
		ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
		WHERE job_leases.until < $4 OR job_leases.holder = excluded.holder`, name, holder, now.Add(d), now)
	if err != nil {
		return false, err
	}
	rows, err := res.RowsAffected()
	return rows == 1, err
}
