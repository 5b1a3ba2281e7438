package store

import (
	"context"
	"time"
)

// Allow counts one hit against bucket and reports whether the bucket is
// still within limit hits in the current window of the given length. The
// counts live in the database, so a limit holds across every instance.
func (db *DB) Allow(ctx context.Context, bucket string, limit int, window time.Duration) (bool, error) {
	start := db.now().Truncate(window)
	var hits int
	err := db.sql.QueryRowContext(ctx,
		`INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1)
		ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1
		RETURNING hits`, bucket, start).Scan(&hits)
	if err != nil {
		return false, err
	}
	return hits <= limit, nil
}

// Tidy deletes what has expired: rate-limit windows over a day old, expired
// sessions, links that expired over a day ago, and emails sent or given up
// over 30 days ago; and it forgets the address of invitations that can no
// longer be accepted. Safe to run from several instances at once.
func (db *DB) Tidy(ctx context.Context) error {
	now := db.now()
	for _, q := range []struct {
		sql string
		arg time.Time
	}{
		{`DELETE FROM rate_limits WHERE window_start < $1`, now.Add(-24 * time.Hour)},
		{`DELETE FROM sessions WHERE expires_at < $1`, now},
		{`DELETE FROM login_tokens WHERE expires_at < $1`, now.Add(-24 * time.Hour)},
		{`DELETE FROM outbox WHERE (sent_at IS NOT NULL AND sent_at < $1) OR (failed_at IS NOT NULL AND failed_at < $1)`, now.Add(-30 * 24 * time.Hour)},
		{`UPDATE invitations SET email = '' WHERE email <> '' AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at < $1`, now},
		// A notice's key must outlast every window in which its occasion
		// could be found again (a month at most), so it is never sent twice.
		{`DELETE FROM notifications WHERE delivered_at IS NOT NULL AND created_at < $1`, now.Add(-90 * 24 * time.Hour)},
		{`DELETE FROM unsubscribe_links WHERE created_at < $1`, now.Add(-365 * 24 * time.Hour)},
		{`DELETE FROM job_leases WHERE until < $1`, now.Add(-24 * time.Hour)},
	} {
		if _, err := db.sql.ExecContext(ctx, q.sql, q.arg); err != nil {
			return err
		}
	}
	return nil
}
