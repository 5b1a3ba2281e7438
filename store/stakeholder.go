package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"coproduce"
)

// AddStakeholder adds a stakeholder to the map of s.Phase.
func (db *DB) AddStakeholder(ctx context.Context, actorID int64, s *coproduce.Stakeholder) error {
	if err := s.Validate(); err != nil {
		return err
	}
	s.ID, s.AddedAt = coproduce.NewID(), db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		// Take turns with a copy of a map onto this phase.
		if err := db.lock(ctx, tx, s.GroupID); err != nil {
			return err
		}
		if err := insertStakeholder(ctx, tx, s); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: s.GroupID, ActorID: actorID, Action: "stakeholder.added",
			Entity: "stakeholder", EntityID: s.ID, Summary: fmt.Sprintf("%s, %s: influence %d, affected %d", s.PhaseName, s.Name, s.Influence, s.Affected)})
	})
}

func insertStakeholder(ctx context.Context, tx *sql.Tx, s *coproduce.Stakeholder) error {
	_, err := tx.ExecContext(ctx,
		`INSERT INTO stakeholders (id, group_id, phase, phase_name, name, type, influence, affected, represented, added_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		s.ID, s.GroupID, s.Phase, s.PhaseName, s.Name, s.Type, s.Influence, s.Affected, s.Represented, s.AddedAt)
	return err
}

// RemoveStakeholder takes a stakeholder off its phase's map.
func (db *DB) RemoveStakeholder(ctx context.Context, actorID, groupID, id int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var name string
		err := tx.QueryRowContext(ctx, `SELECT name FROM stakeholders WHERE id = $1 AND group_id = $2`, id, groupID).Scan(&name)
		if errors.Is(err, sql.ErrNoRows) {
			return coproduce.ErrNotFound
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM stakeholders WHERE id = $1`, id); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: groupID, ActorID: actorID, Action: "stakeholder.removed",
			Entity: "stakeholder", EntityID: id, Summary: name})
	})
}

// CopyStakeholders starts the map of phase to from the map of phase
// from, so the group can update it rather than start again. The map of
// to must be empty.
func (db *DB) CopyStakeholders(ctx context.Context, actorID, groupID int64, from, to int, toName string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := db.lock(ctx, tx, groupID); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM stakeholders WHERE group_id = $1 AND phase = $2`, groupID, to).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fieldError("from", "This phase's map has stakeholders already.")
		}
		source, err := findStakeholders(ctx, tx, groupID, from)
		if err != nil {
			return err
		}
		if len(source) == 0 {
			return fieldError("from", "That phase has no stakeholders to copy.")
		}
		now := db.now()
		for _, s := range source {
			c := *s
			c.ID, c.Phase, c.PhaseName, c.AddedAt = coproduce.NewID(), to, toName, now
			if err := insertStakeholder(ctx, tx, &c); err != nil {
				return err
			}
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: groupID, ActorID: actorID, Action: "stakeholder.copied",
			Entity: "stakeholder-map", EntityID: int64(to), Summary: fmt.Sprintf("%d stakeholders to %s", len(source), toName)})
	})
}

// FindStakeholders returns the map of one phase, most influential first.
func (db *DB) FindStakeholders(ctx context.Context, groupID int64, phase int) ([]*coproduce.Stakeholder, error) {
	return findStakeholders(ctx, db.sql, groupID, phase)
}

// querier is a database or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func findStakeholders(ctx context.Context, q querier, groupID int64, phase int) ([]*coproduce.Stakeholder, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, group_id, phase, phase_name, name, type, influence, affected, represented, added_at
		FROM stakeholders WHERE group_id = $1 AND phase = $2 ORDER BY influence DESC, affected DESC, LOWER(name), id`, groupID, phase)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*coproduce.Stakeholder
	for rows.Next() {
		var s coproduce.Stakeholder
		if err := rows.Scan(&s.ID, &s.GroupID, &s.Phase, &s.PhaseName, &s.Name, &s.Type, &s.Influence, &s.Affected, &s.Represented, &s.AddedAt); err != nil {
			return nil, err
		}
		s.AddedAt = s.AddedAt.UTC()
		out = append(out, &s)
	}
	return out, rows.Err()
}

// StakeholderPhases returns how many stakeholders each phase's map holds,
// by phase, for the phases that have a map.
func (db *DB) StakeholderPhases(ctx context.Context, groupID int64) (map[int]int, error) {
	out := map[int]int{}
	err := db.collect(ctx, `SELECT phase, COUNT(*) FROM stakeholders WHERE group_id = $1 GROUP BY phase`, []any{groupID}, func(r *sql.Rows) error {
		var phase, n int
		err := r.Scan(&phase, &n)
		out[phase] = n
		return err
	})
	return out, err
}
