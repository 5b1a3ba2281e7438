package store

import (
	"context"
	"database/sql"
	"fmt"

	"coproduce"
)

// CreateDecisionArea validates and stores a decision area, with an audit
// entry.
func (db *DB) CreateDecisionArea(ctx context.Context, actorID int64, a *coproduce.DecisionArea) error {
	if err := a.Validate(); err != nil {
		return err
	}
	a.ID, a.CreatedAt = coproduce.NewID(), db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO decision_areas (id, group_id, name, rung, created_at) VALUES ($1, $2, $3, $4, $5)`,
			a.ID, a.GroupID, a.Name, a.Rung, a.CreatedAt); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: a.GroupID, ActorID: actorID, Action: "decision-area.added", Entity: "decision-area", EntityID: a.ID,
			Summary: fmt.Sprintf("agreed rung %d", a.Rung),
		})
	})
}

// FindDecisionAreas returns a group's decision areas by name.
func (db *DB) FindDecisionAreas(ctx context.Context, groupID int64) ([]*coproduce.DecisionArea, error) {
	var out []*coproduce.DecisionArea
	err := db.collect(ctx, `SELECT id, group_id, name, rung, created_at FROM decision_areas WHERE group_id = $1 ORDER BY name, id`, []any{groupID},
		func(r *sql.Rows) error {
			var a coproduce.DecisionArea
			err := r.Scan(&a.ID, &a.GroupID, &a.Name, &a.Rung, &a.CreatedAt)
			a.CreatedAt = a.CreatedAt.UTC()
			out = append(out, &a)
			return err
		})
	return out, err
}

// SaveDecision validates and stores a new decision (ID 0) or changes to an
// existing one of the group, with each constituency's position and an
// audit entry. The meeting and the area must belong to the group. Returns
// a *coproduce.ValidationError for bad fields and coproduce.ErrNotFound
// for a decision not of the group.
func (db *DB) SaveDecision(ctx context.Context, actorID int64, d *coproduce.Decision) error {
	if err := d.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var v coproduce.ValidationError
		if d.MeetingID != 0 {
			if err := meetingOfGroup(ctx, tx, d.GroupID, d.MeetingID); err != nil {
				v.Add("meeting", "Choose one of the group's meetings.")
			}
		}
		if d.AreaID != 0 {
			var ok bool
			if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM decision_areas WHERE id = $1 AND group_id = $2)`, d.AreaID, d.GroupID).Scan(&ok); err != nil {
				return err
			}
			if !ok {
				v.Add("area", "Choose one of the group's decision areas.")
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		action := "decision.updated"
		if d.ID == 0 {
			action = "decision.recorded"
			d.ID, d.CreatedAt = coproduce.NewID(), db.now()
			_, err := tx.ExecContext(ctx,
				`INSERT INTO decisions (id, group_id, title, context, options, outcome, method, decided_on, meeting_id, outside, explanation, explained_on, area_id, dissent, published, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
				d.ID, d.GroupID, d.Title, d.Context, d.Options, d.Outcome, d.Method, d.DecidedOn.UTC(), nullID(d.MeetingID), d.Outside,
				d.Explanation, nullTime(d.ExplainedOn), nullID(d.AreaID), d.Dissent, d.Published, d.CreatedAt)
			if err != nil {
				return err
			}
		} else {
			res, err := tx.ExecContext(ctx,
				`UPDATE decisions SET title = $1, context = $2, options = $3, outcome = $4, method = $5, decided_on = $6, meeting_id = $7, outside = $8,
					explanation = $9, explained_on = $10, area_id = $11, dissent = $12, published = $13
				WHERE id = $14 AND group_id = $15`,
				d.Title, d.Context, d.Options, d.Outcome, d.Method, d.DecidedOn.UTC(), nullID(d.MeetingID), d.Outside,
				d.Explanation, nullTime(d.ExplainedOn), nullID(d.AreaID), d.Dissent, d.Published, d.ID, d.GroupID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return coproduce.ErrNotFound
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM decision_positions WHERE decision_id = $1`, d.ID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM decision_papers WHERE decision_id = $1`, d.ID); err != nil {
			return err
		}
		for _, pid := range d.PaperIDs {
			var ok bool
			if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM papers WHERE id = $1 AND group_id = $2)`, pid, d.GroupID).Scan(&ok); err != nil {
				return err
			}
			if !ok {
				var v coproduce.ValidationError
				v.Add("papers", "Choose papers of this group.")
				return &v
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO decision_papers (decision_id, paper_id) VALUES ($1, $2)`, d.ID, pid); err != nil {
				return err
			}
		}
		for c, p := range d.Positions {
			if _, err := tx.ExecContext(ctx, `INSERT INTO decision_positions (decision_id, constituency, position) VALUES ($1, $2, $3)`, d.ID, c, p); err != nil {
				return err
			}
		}
		where := "at a meeting"
		if d.Outside {
			where = "outside the group"
			if d.Unexplained() {
				where += ", not yet explained"
			}
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: d.GroupID, ActorID: actorID, Action: action, Entity: "decision", EntityID: d.ID,
			Summary: fmt.Sprintf("%s, by %s; published: %v", where, d.Method, d.Published),
		})
	})
}

const decisionColumns = `id, group_id, title, context, options, outcome, method, decided_on, meeting_id, outside, explanation, explained_on, area_id, dissent, published, created_at`

// FindDecisions returns a group's decisions, newest first, with each
// constituency's position, in two queries. With publishedOnly, only those
// on the public page.
func (db *DB) FindDecisions(ctx context.Context, groupID int64, publishedOnly bool) ([]*coproduce.Decision, error) {
	where := `group_id = $1`
	if publishedOnly {
		where += ` AND published`
	}
	return db.findDecisions(ctx, where, groupID)
}

// FindLatestPublishedDecisions returns a group's latest limit published
// decisions, newest first, without the sides' positions.
func (db *DB) FindLatestPublishedDecisions(ctx context.Context, groupID int64, limit int) ([]*coproduce.Decision, error) {
	var out []*coproduce.Decision
	err := db.collect(ctx, `SELECT `+decisionColumns+` FROM decisions WHERE group_id = $1 AND published
		ORDER BY decided_on DESC, created_at DESC, id LIMIT $2`, []any{groupID, limit}, func(r *sql.Rows) error {
		d, err := scanDecision(r)
		out = append(out, d)
		return err
	})
	return out, err
}

// findDecisions loads the decisions matching where (a constant condition
// on decisions, with args), newest first, with each side's position.
func (db *DB) findDecisions(ctx context.Context, where string, args ...any) ([]*coproduce.Decision, error) {
	var out []*coproduce.Decision
	byID := map[int64]*coproduce.Decision{}
	err := db.collect(ctx, `SELECT `+decisionColumns+` FROM decisions WHERE `+where+` ORDER BY decided_on DESC, created_at DESC, id`, args, func(r *sql.Rows) error {
		d, err := scanDecision(r)
		if err == nil {
			out = append(out, d)
			byID[d.ID] = d
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	err = db.collect(ctx, `SELECT p.decision_id, p.constituency, p.position FROM decision_positions p
		WHERE p.decision_id IN (SELECT id FROM decisions WHERE `+where+`)`,
		args, func(r *sql.Rows) error {
			var id int64
			var c coproduce.Constituency
			var p coproduce.Position
			if err := r.Scan(&id, &c, &p); err != nil {
				return err
			}
			if d := byID[id]; d != nil {
				d.Positions[c] = p
			}
			return nil
		})
	return out, err
}

// FindDecision returns one decision of a group, or coproduce.ErrNotFound.
func (db *DB) FindDecision(ctx context.Context, groupID, id int64) (*coproduce.Decision, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT `+decisionColumns+` FROM decisions WHERE id = $1 AND group_id = $2`, id, groupID)
	if err != nil {
		return nil, err
	}
	var d *coproduce.Decision
	if rows.Next() {
		d, err = scanDecision(rows)
	}
	rows.Close()
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, coproduce.ErrNotFound
	}
	err = db.collect(ctx, `SELECT constituency, position FROM decision_positions WHERE decision_id = $1`, []any{id}, func(r *sql.Rows) error {
		var c coproduce.Constituency
		var p coproduce.Position
		err := r.Scan(&c, &p)
		d.Positions[c] = p
		return err
	})
	if err != nil {
		return nil, err
	}
	err = db.collect(ctx, `SELECT paper_id FROM decision_papers WHERE decision_id = $1 ORDER BY paper_id`, []any{id}, func(r *sql.Rows) error {
		var pid int64
		err := r.Scan(&pid)
		d.PaperIDs = append(d.PaperIDs, pid)
		return err
	})
	return d, err
}

func scanDecision(r interface{ Scan(...any) error }) (*coproduce.Decision, error) {
	d := coproduce.Decision{Positions: map[coproduce.Constituency]coproduce.Position{}}
	var meeting, area sql.NullInt64
	var explained sql.NullTime
	err := r.Scan(&d.ID, &d.GroupID, &d.Title, &d.Context, &d.Options, &d.Outcome, &d.Method, &d.DecidedOn, &meeting, &d.Outside,
		&d.Explanation, &explained, &area, &d.Dissent, &d.Published, &d.CreatedAt)
	d.MeetingID, d.AreaID, d.ExplainedOn = meeting.Int64, area.Int64, utc(explained)
	d.DecidedOn, d.CreatedAt = d.DecidedOn.UTC(), d.CreatedAt.UTC()
	return &d, err
}
