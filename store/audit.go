package store

import (
	"context"
	"database/sql"
	"fmt"

	"coproduce"
)

// appendAudit adds an entry to the end of its group's chain, as part of the
// transaction that made the change, so there is never a change without its
// entry or an entry without its change. It fills in Seq, PrevHash and
// Hash, and At unless the caller set a coarser time on purpose.
func (db *DB) appendAudit(ctx context.Context, tx *sql.Tx, e *coproduce.AuditEntry) error {
	if err := db.lock(ctx, tx, e.GroupID); err != nil {
		return err
	}
	// Anonymous concerns of earlier days get their entries first, and
	// health check rounds that have closed settle.
	if err := db.flushAnonymousConcerns(ctx, tx, e.GroupID, db.now(), 0); err != nil {
		return err
	}
	if err := db.settleHealthRounds(ctx, tx, e.GroupID); err != nil {
		return err
	}
	return db.appendAuditEntry(ctx, tx, e)
}

// appendAuditEntry is appendAudit without the anonymous concerns.
func (db *DB) appendAuditEntry(ctx context.Context, tx *sql.Tx, e *coproduce.AuditEntry) error {
	// Writers to one group's chain take turns. An advisory lock, not a
	// row lock on the group: the transaction may already hold a key-share
	// lock on that row (from a foreign key check), and two such
	// transactions upgrading to FOR UPDATE would deadlock.
	if err := db.lock(ctx, tx, e.GroupID); err != nil {
		return err
	}
	var last sql.NullInt64
	var prev sql.NullString
	err := tx.QueryRowContext(ctx,
		`SELECT seq, hash FROM audit_log WHERE group_id = $1 ORDER BY seq DESC LIMIT 1`, e.GroupID).Scan(&last, &prev)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	e.Seq, e.PrevHash = last.Int64+1, prev.String
	if e.At.IsZero() {
		e.At = db.now()
	}
	e.Hash = e.ComputeHash()
	var actor any
	if e.ActorID != 0 {
		actor = e.ActorID
	}
	_, err = tx.ExecContext(ctx,
		`INSERT INTO audit_log (group_id, seq, at, actor_id, action, entity, entity_id, summary, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		e.GroupID, e.Seq, e.At, actor, e.Action, e.Entity, e.EntityID, e.Summary, e.PrevHash, e.Hash)
	return err
}

const auditColumns = `group_id, seq, at, actor_id, action, entity, entity_id, summary, prev_hash, hash`

func scanAudit(rows *sql.Rows) (*coproduce.AuditEntry, error) {
	var e coproduce.AuditEntry
	var actor sql.NullInt64
	if err := rows.Scan(&e.GroupID, &e.Seq, &e.At, &actor, &e.Action, &e.Entity, &e.EntityID, &e.Summary, &e.PrevHash, &e.Hash); err != nil {
		return nil, err
	}
	e.ActorID, e.At = actor.Int64, e.At.UTC()
	return &e, nil
}

// FindAuditEntries returns a group's newest entries first, at most limit.
func (db *DB) FindAuditEntries(ctx context.Context, groupID int64, limit int) ([]*coproduce.AuditEntry, error) {
	rows, err := db.sql.QueryContext(ctx,
		`SELECT `+auditColumns+` FROM audit_log WHERE group_id = $1 ORDER BY seq DESC LIMIT $2`, groupID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*coproduce.AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// VerifyAudit walks a group's chain from the start and reports the first
// entry that is out of sequence, does not point at the hash of the entry
// before, or does not hash to what it carries.
func (db *DB) VerifyAudit(ctx context.Context, groupID int64) (coproduce.AuditCheck, error) {
	check := coproduce.AuditCheck{GroupID: groupID}
	rows, err := db.sql.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_log WHERE group_id = $1 ORDER BY seq`, groupID)
	if err != nil {
		return check, err
	}
	defer rows.Close()
	prev := ""
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return check, err
		}
		check.Entries++
		switch want := int64(check.Entries); {
		case e.Seq != want:
			check.BrokenAt, check.Problem = want, fmt.Sprintf("entry %d is missing (the next entry is %d)", want, e.Seq)
		case e.PrevHash != prev:
			check.BrokenAt, check.Problem = e.Seq, "it does not carry the hash of the entry before it"
		case e.Hash != e.ComputeHash():
			check.BrokenAt, check.Problem = e.Seq, "its contents do not match its hash: it was changed after it was written"
		}
		if check.BrokenAt != 0 {
			return check, nil
		}
		prev = e.Hash
	}
	return check, rows.Err()
}

// FindAllGroupIDs returns the id of every group, for checks that cover the
// whole installation.
func (db *DB) FindAllGroupIDs(ctx context.Context) ([]int64, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT id FROM steering_groups ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
