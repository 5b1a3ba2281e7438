package store

import "context"

// MigrateUpTo migrates up to version only, so tests can write rows as an
// older release did and check what a later migration makes of them.
func (db *DB) MigrateUpTo(ctx context.Context, version int64) error {
	_, err := db.migrator.UpTo(ctx, version)
	return err
}
