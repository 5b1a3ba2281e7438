package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"coproduce"
)

// FindProjectContext returns where a group's project stands; a group that
// has recorded nothing is at RIBA stage 0.
func (db *DB) FindProjectContext(ctx context.Context, groupID int64) (*coproduce.ProjectContext, error) {
	p := &coproduce.ProjectContext{GroupID: groupID}
	var phases string
	err := db.sql.QueryRowContext(ctx, `SELECT phases, current_stage, updated_at FROM project_context WHERE group_id = $1`, groupID).
		Scan(&phases, &p.CurrentStage, &p.UpdatedAt)
	if err == sql.ErrNoRows {
		return p, nil
	}
	if err != nil {
		return nil, err
	}
	if phases != "" {
		p.Phases = strings.Split(phases, "\n")
	}
	p.UpdatedAt = p.UpdatedAt.UTC()
	return p, nil
}

// SetProjectContext records the group's phases and current stage, and the
// change in its audit trail. Returns a *coproduce.ValidationError for bad
// values.
func (db *DB) SetProjectContext(ctx context.Context, actorID int64, p *coproduce.ProjectContext) error {
	if err := p.Validate(); err != nil {
		return err
	}
	p.UpdatedAt = db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		before := &coproduce.ProjectContext{}
		var phases string
		err := tx.QueryRowContext(ctx, `SELECT phases, current_stage FROM project_context WHERE group_id = $1`, p.GroupID).Scan(&phases, &before.CurrentStage)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		if phases != "" {
			before.Phases = strings.Split(phases, "\n")
		}
		_, err = tx.ExecContext(ctx,
			`INSERT INTO project_context (group_id, phases, current_stage, updated_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (group_id) DO UPDATE SET phases = excluded.phases, current_stage = excluded.current_stage, updated_at = excluded.updated_at`,
			p.GroupID, strings.Join(p.Phases, "\n"), p.CurrentStage, p.UpdatedAt)
		if err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: p.GroupID, ActorID: actorID, Action: "project.stage", Entity: "project", EntityID: p.GroupID,
			Summary: fmt.Sprintf("stage: %s → %s", before.StageName(), p.StageName()),
		})
	})
}

// CreateMilestone validates and stores a milestone, with an audit entry.
func (db *DB) CreateMilestone(ctx context.Context, actorID int64, m *coproduce.Milestone) error {
	if err := m.Validate(); err != nil {
		return err
	}
	m.ID = coproduce.NewID()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO milestones (id, group_id, title, due, created_at) VALUES ($1, $2, $3, $4, $5)`,
			m.ID, m.GroupID, m.Title, m.Due.UTC(), db.now()); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: m.GroupID, ActorID: actorID, Action: "milestone.added", Entity: "milestone", EntityID: m.ID,
			Summary: "due " + m.Due.Format("2006-01-02"),
		})
	})
}

// MoveMilestone changes a milestone's date, keeping the change and its
// reason, which is required. Returns coproduce.ErrNotFound for a milestone
// not of the group and a *coproduce.ValidationError without a reason.
func (db *DB) MoveMilestone(ctx context.Context, actorID, groupID, milestoneID int64, due time.Time, reason string) error {
	var v coproduce.ValidationError
	if strings.TrimSpace(reason) == "" {
		v.Add("reason", "Say why the date is changing: the group keeps a record of every change to its timeframe.")
	}
	if due.IsZero() {
		v.Add("due", "Enter the new date.")
	}
	if err := v.Err(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var old time.Time
		if err := tx.QueryRowContext(ctx, `SELECT due FROM milestones WHERE id = $1 AND group_id = $2`, milestoneID, groupID).Scan(&old); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE milestones SET due = $1 WHERE id = $2`, due.UTC(), milestoneID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO milestone_changes (id, milestone_id, old_due, new_due, reason, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			coproduce.NewID(), milestoneID, old.UTC(), due.UTC(), strings.TrimSpace(reason), nullID(actorID), db.now()); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: groupID, ActorID: actorID, Action: "milestone.moved", Entity: "milestone", EntityID: milestoneID,
			Summary: fmt.Sprintf("due: %s → %s", old.UTC().Format("2006-01-02"), due.UTC().Format("2006-01-02")),
		})
	})
}

// FindMilestones returns a group's milestones by date, each with the
// history of its date changes, in two queries.
func (db *DB) FindMilestones(ctx context.Context, groupID int64) ([]*coproduce.Milestone, error) {
	var list []*coproduce.Milestone
	byID := map[int64]*coproduce.Milestone{}
	err := db.collect(ctx, `SELECT id, group_id, title, due, done_at FROM milestones WHERE group_id = $1 ORDER BY due, id`, []any{groupID},
		func(r *sql.Rows) error {
			var m coproduce.Milestone
			var done sql.NullTime
			if err := r.Scan(&m.ID, &m.GroupID, &m.Title, &m.Due, &done); err != nil {
				return err
			}
			m.Due, m.DoneAt = m.Due.UTC(), utc(done)
			list = append(list, &m)
			byID[m.ID] = &m
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = db.collect(ctx,
		`SELECT c.milestone_id, c.old_due, c.new_due, c.reason, c.changed_by, c.changed_at FROM milestone_changes c
		JOIN milestones m ON m.id = c.milestone_id WHERE m.group_id = $1 ORDER BY c.changed_at, c.id`, []any{groupID},
		func(r *sql.Rows) error {
			var id int64
			var c coproduce.MilestoneChange
			var by sql.NullInt64
			if err := r.Scan(&id, &c.From, &c.To, &c.Reason, &by, &c.ChangedAt); err != nil {
				return err
			}
			c.From, c.To, c.ChangedAt, c.ChangedBy = c.From.UTC(), c.To.UTC(), c.ChangedAt.UTC(), by.Int64
			if m := byID[id]; m != nil {
				m.Changes = append(m.Changes, c)
			}
			return nil
		})
	return list, err
}

// CreateRisk validates and stores a risk or opportunity, with an audit
// entry.
func (db *DB) CreateRisk(ctx context.Context, actorID int64, r *coproduce.Risk) error {
	if err := r.Validate(); err != nil {
		return err
	}
	r.ID, r.CreatedAt = coproduce.NewID(), db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO risks (id, group_id, kind, title, description, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			r.ID, r.GroupID, r.Kind, r.Title, r.Description, r.CreatedAt); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: r.GroupID, ActorID: actorID, Action: "risk.added", Entity: "risk", EntityID: r.ID, Summary: string(r.Kind) + " added",
		})
	})
}

// CloseRisk marks a register entry as no longer current. Returns
// coproduce.ErrNotFound for an entry not open in the group.
func (db *DB) CloseRisk(ctx context.Context, actorID, groupID, riskID int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE risks SET closed_at = $1 WHERE id = $2 AND group_id = $3 AND closed_at IS NULL`, db.now(), riskID, groupID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return coproduce.ErrNotFound
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: groupID, ActorID: actorID, Action: "risk.closed", Entity: "risk", EntityID: riskID, Summary: "closed",
		})
	})
}

// FindRisks returns a group's register, open entries first.
func (db *DB) FindRisks(ctx context.Context, groupID int64, openOnly bool) ([]*coproduce.Risk, error) {
	q := `SELECT id, group_id, kind, title, description, created_at, closed_at FROM risks WHERE group_id = $1`
	if openOnly {
		q += ` AND closed_at IS NULL`
	}
	q += ` ORDER BY (closed_at IS NULL) DESC, kind DESC, created_at, id`
	var list []*coproduce.Risk
	err := db.collect(ctx, q, []any{groupID}, func(r *sql.Rows) error {
		var k coproduce.Risk
		var closed sql.NullTime
		if err := r.Scan(&k.ID, &k.GroupID, &k.Kind, &k.Title, &k.Description, &k.CreatedAt, &closed); err != nil {
			return err
		}
		k.CreatedAt, k.ClosedAt = k.CreatedAt.UTC(), utc(closed)
		list = append(list, &k)
		return nil
	})
	return list, err
}
