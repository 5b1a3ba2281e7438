package store

import (
	"context"
	"database/sql"

	"coproduce"
)

// CreateCalendarFeed gives a person a new private feed address, replacing
// (and so revoking) any earlier one, and returns its token.
func (db *DB) CreateCalendarFeed(ctx context.Context, userID int64) (string, error) {
	token, hash := coproduce.NewToken()
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM calendar_feeds WHERE user_id = $1`, userID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO calendar_feeds (token_hash, user_id, created_at) VALUES ($1, $2, $3)`, hash, userID, db.now())
		return err
	})
	return token, err
}

// RevokeCalendarFeed ends a person's private feed, if they have one.
func (db *DB) RevokeCalendarFeed(ctx context.Context, userID int64) error {
	_, err := db.sql.ExecContext(ctx, `DELETE FROM calendar_feeds WHERE user_id = $1`, userID)
	return err
}

// HasCalendarFeed reports whether a person has a private feed.
func (db *DB) HasCalendarFeed(ctx context.Context, userID int64) (bool, error) {
	var ok bool
	err := db.sql.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM calendar_feeds WHERE user_id = $1)`, userID).Scan(&ok)
	return ok, err
}

// FeedMeeting is a meeting in a person's private feed, with its group.
type FeedMeeting struct {
	Meeting   *coproduce.Meeting
	GroupName string
	OrgSlug   string
	GroupSlug string
}

// FindFeedMeetings returns the meetings of every group the feed's owner is
// a current member of, in one query; a disabled owner's feed is empty.
// Returns coproduce.ErrNotFound for an unknown or revoked token.
func (db *DB) FindFeedMeetings(ctx context.Context, token string) ([]FeedMeeting, error) {
	var userID int64
	err := db.sql.QueryRowContext(ctx,
		`SELECT f.user_id FROM calendar_feeds f JOIN users u ON u.id = f.user_id WHERE f.token_hash = $1 AND u.disabled_at IS NULL`,
		coproduce.HashToken(token)).Scan(&userID)
	if err != nil {
		return nil, db.dialect.mapError(err)
	}
	var out []FeedMeeting
	err = db.collect(ctx,
		`SELECT `+prefixedMeetingColumns+`, g.name, o.slug, g.slug FROM meetings m
		JOIN steering_groups g ON g.id = m.group_id JOIN organisations o ON o.id = g.organisation_id
		JOIN members mb ON mb.group_id = m.group_id AND mb.user_id = $1 AND mb.left_at IS NULL
		ORDER BY m.starts_at, m.id`, []any{userID},
		func(r *sql.Rows) error {
			var f FeedMeeting
			var err error
			f.Meeting, err = scanMeeting(scanWithExtraRow{r, []any{&f.GroupName, &f.OrgSlug, &f.GroupSlug}})
			out = append(out, f)
			return err
		})
	return out, err
}

// scanWithExtraRow scans a row's leading columns through another scanner
// and the rest into extra.
type scanWithExtraRow struct {
	rows  *sql.Rows
	extra []any
}

func (s scanWithExtraRow) Scan(dest ...any) error { return s.rows.Scan(append(dest, s.extra...)...) }
