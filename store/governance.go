package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"coproduce"
)

const bodyColumns = `id, organisation_id, name, kind, reports_to, decides, reach, reach_note, group_id, created_at`

// FindGovernanceMap returns an organisation's decision-making bodies in
// the order they were added.
func (db *DB) FindGovernanceMap(ctx context.Context, organisationID int64) (coproduce.GovernanceMap, error) {
	return findGovernanceMap(ctx, db.sql, organisationID)
}

func findGovernanceMap(ctx context.Context, q querier, organisationID int64) (coproduce.GovernanceMap, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+bodyColumns+` FROM governance_bodies WHERE organisation_id = $1 ORDER BY created_at, id`, organisationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out coproduce.GovernanceMap
	for rows.Next() {
		var b coproduce.GovernanceBody
		var reportsTo, group sql.NullInt64
		if err := rows.Scan(&b.ID, &b.OrganisationID, &b.Name, &b.Kind, &reportsTo, &b.Decides, &b.Reach, &b.ReachNote, &group, &b.CreatedAt); err != nil {
			return nil, err
		}
		b.ReportsTo, b.GroupID, b.CreatedAt = reportsTo.Int64, group.Int64, b.CreatedAt.UTC()
		out = append(out, &b)
	}
	return out, rows.Err()
}

// SaveGovernanceBody adds a body to its organisation's map (ID 0) or
// changes one. The body it reports to and the group it is must be the
// organisation's, a body cannot end up reporting to itself through
// others, and a group has one place on the map: each is a
// *coproduce.ValidationError. Every group of the organisation records the
// change in its audit trail, since the map is theirs to read. Returns
// coproduce.ErrNotFound for a body not of the organisation.
func (db *DB) SaveGovernanceBody(ctx context.Context, actorID int64, b *coproduce.GovernanceBody) error {
	if err := b.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		m, err := findGovernanceMap(ctx, tx, b.OrganisationID)
		if err != nil {
			return err
		}
		if b.ID != 0 && m.Body(b.ID) == nil {
			return coproduce.ErrNotFound
		}
		if b.ReportsTo != 0 {
			if m.Body(b.ReportsTo) == nil {
				return fieldError("reports_to", "Choose a body on this organisation's map.")
			}
			seen := map[int64]bool{}
			for up := m.Body(b.ReportsTo); up != nil && b.ID != 0 && !seen[up.ID]; up = m.Body(up.ReportsTo) {
				seen[up.ID] = true
				if up.ID == b.ID {
					return fieldError("reports_to", "That body reports, through others, to this one. Choose a body above it.")
				}
			}
		}
		if b.GroupID != 0 {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM steering_groups WHERE id = $1 AND organisation_id = $2`, b.GroupID, b.OrganisationID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return fieldError("group", "Choose one of the organisation's groups.")
			}
			if other := m.GroupBody(b.GroupID); other != nil && other.ID != b.ID {
				return fieldError("group", fmt.Sprintf("That group is already on the map as %s.", other.Name))
			}
		}
		reportsTo, group := nullID(b.ReportsTo), nullID(b.GroupID)
		action := "governance.body-changed"
		if b.ID == 0 {
			b.ID, b.CreatedAt, action = coproduce.NewID(), db.now(), "governance.body-added"
			_, err = tx.ExecContext(ctx, `INSERT INTO governance_bodies (`+bodyColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
				b.ID, b.OrganisationID, b.Name, b.Kind, reportsTo, b.Decides, b.Reach, b.ReachNote, group, b.CreatedAt)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE governance_bodies SET name = $1, kind = $2, reports_to = $3, decides = $4, reach = $5, reach_note = $6, group_id = $7
				WHERE id = $8 AND organisation_id = $9`, b.Name, b.Kind, reportsTo, b.Decides, b.Reach, b.ReachNote, group, b.ID, b.OrganisationID)
		}
		if errors.Is(db.dialect.mapError(err), coproduce.ErrConflict) {
			return fieldError("group", "That group was put on the map at the same moment. Reload the map to see where.")
		}
		if err != nil {
			return err
		}
		return db.appendOrganisationAudit(ctx, tx, b.OrganisationID, &coproduce.AuditEntry{ActorID: actorID, Action: action,
			Entity: "governance-body", EntityID: b.ID, Summary: fmt.Sprintf("%s (coproduction reaches it: %s)", b.Name, b.Reach)})
	})
}

// RemoveGovernanceBody takes a body off its organisation's map. A body
// that others report to, or that accountability checks went to, stays:
// removing it is a *coproduce.ValidationError that says why. Returns
// coproduce.ErrNotFound for a body not of the organisation.
func (db *DB) RemoveGovernanceBody(ctx context.Context, actorID, organisationID, id int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var name string
		var under, checks int
		err := tx.QueryRowContext(ctx, `SELECT name, (SELECT COUNT(*) FROM governance_bodies WHERE reports_to = $1),
			(SELECT COUNT(*) FROM accountability_checks WHERE body_id = $1) FROM governance_bodies WHERE id = $1 AND organisation_id = $2`,
			id, organisationID).Scan(&name, &under, &checks)
		if errors.Is(err, sql.ErrNoRows) {
			return coproduce.ErrNotFound
		}
		if err != nil {
			return err
		}
		switch {
		case under > 0:
			return fieldError("remove", fmt.Sprintf("%d bodies report to %s. Move them first.", under, name))
		case checks > 0:
			return fieldError("remove", fmt.Sprintf("Groups sent %d matters to %s, and their checks name it. It stays on the map for them.", checks, name))
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM governance_bodies WHERE id = $1`, id); err != nil {
			return err
		}
		return db.appendOrganisationAudit(ctx, tx, organisationID, &coproduce.AuditEntry{ActorID: actorID, Action: "governance.body-removed",
			Entity: "governance-body", EntityID: id, Summary: name})
	})
}

// appendOrganisationAudit records a change to something an organisation
// keeps for all its groups in each group's audit trail.
func (db *DB) appendOrganisationAudit(ctx context.Context, tx *sql.Tx, organisationID int64, e *coproduce.AuditEntry) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM steering_groups WHERE organisation_id = $1 ORDER BY id`, organisationID)
	if err != nil {
		return err
	}
	var groups []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		groups = append(groups, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, g := range groups {
		entry := *e
		entry.GroupID = g
		if err := db.appendAudit(ctx, tx, &entry); err != nil {
			return err
		}
	}
	return nil
}

// CheckEvidence gathers what the group's records say about a decision,
// for an accountability check: where and how it was made, the area and
// its agreed rung, the papers and how long the group had them, each
// side's position and any dissent, and what the community said that
// shaped it.
func (db *DB) CheckEvidence(ctx context.Context, d *coproduce.Decision) (*coproduce.CheckEvidence, error) {
	groupID, decisionID := d.GroupID, d.ID
	e := &coproduce.CheckEvidence{Decision: d.Title, Outcome: d.Outcome, DecidedOn: d.DecidedOn, Method: d.Method, Positions: d.Positions, Dissent: d.Dissent}
	if d.MeetingID != 0 {
		m, err := db.FindMeeting(ctx, groupID, d.MeetingID)
		if err != nil {
			return nil, err
		}
		e.Meeting, e.MeetingOn = m.Title, m.StartsAt
	}
	if d.AreaID != 0 {
		err := db.sql.QueryRowContext(ctx, `SELECT name, rung FROM decision_areas WHERE id = $1`, d.AreaID).Scan(&e.Area, &e.AreaRung)
		if err != nil {
			return nil, err
		}
	}
	papers, err := db.findPapers(ctx, `p.group_id = $1 AND p.id IN (SELECT paper_id FROM decision_papers WHERE decision_id = $2)`, "p.uploaded_at, p.id", groupID, decisionID)
	if err != nil {
		return nil, err
	}
	for _, p := range papers {
		// A restricted paper's very title is for its named members: the
		// check, which the whole group and the higher body read, counts it.
		if p.Audience.Visibility == coproduce.Restricted {
			e.Restricted++
			continue
		}
		e.Papers = append(e.Papers, coproduce.CheckPaper{Title: p.Title, Days: coproduce.DeliberationDays(p, d.DecidedOn)})
	}
	err = db.collect(ctx, `SELECT l.said FROM feedback_links l JOIN feedback f ON f.id = l.feedback_id WHERE l.decision_id = $1 AND f.group_id = $2 ORDER BY l.linked_at`,
		[]any{decisionID, groupID}, func(r *sql.Rows) error {
			var said string
			err := r.Scan(&said)
			e.Feedback = append(e.Feedback, said)
			return err
		})
	return e, err
}

// CreateAccountabilityCheck records a matter the group sends up to a body
// on its organisation's map, by the member sender, with the evidence from
// the group's records as they are now. Returns a
// *coproduce.ValidationError for bad fields or a body not on the
// organisation's map, and coproduce.ErrNotFound for a decision not of the
// group.
func (db *DB) CreateAccountabilityCheck(ctx context.Context, actorID int64, sender *coproduce.Member, c *coproduce.AccountabilityCheck) error {
	c.GroupID, c.SentBy = sender.GroupID, sender.ID
	if err := c.Validate(); err != nil {
		return err
	}
	if c.SentOn.After(db.now().Add(24 * time.Hour)) {
		return fieldError("sent_on", "The date sent cannot be in the future.")
	}
	d, err := db.FindDecision(ctx, c.GroupID, c.DecisionID)
	if err != nil {
		return err
	}
	e, err := db.CheckEvidence(ctx, d)
	if err != nil {
		return err
	}
	c.Evidence = *e
	evidence, err := json.Marshal(e)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT b.name FROM governance_bodies b JOIN steering_groups g ON g.organisation_id = b.organisation_id WHERE b.id = $1 AND g.id = $2`,
			c.BodyID, c.GroupID).Scan(&c.BodyName)
		if errors.Is(err, sql.ErrNoRows) {
			return fieldError("body", "Choose a body on the organisation's governance map.")
		}
		if err != nil {
			return err
		}
		c.ID, c.CreatedAt = coproduce.NewID(), db.now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO accountability_checks (id, group_id, decision_id, body_id, coproduced, rung, statement, evidence, sent_on, sent_by, created_at, outcome, response)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, '', '')`,
			c.ID, c.GroupID, c.DecisionID, c.BodyID, c.Coproduced, c.Rung, c.Statement, string(evidence), c.SentOn, c.SentBy, c.CreatedAt); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: c.GroupID, ActorID: actorID, Action: "accountability.sent",
			Entity: "accountability-check", EntityID: c.ID, Summary: fmt.Sprintf("decision %d sent to %s (coproduced: %s)", c.DecisionID, c.BodyName, c.Coproduced)})
	})
}

// RecordCheckResponse records the higher body's response to a check that
// is waiting for one, by the member recorder. Returns a
// *coproduce.ValidationError for bad fields or a check already answered,
// and coproduce.ErrNotFound for a check not of the group.
func (db *DB) RecordCheckResponse(ctx context.Context, actorID int64, recorder *coproduce.Member, checkID int64, outcome, response string, on time.Time) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		c, err := db.findAccountabilityCheck(ctx, tx, recorder.GroupID, checkID)
		if err != nil {
			return err
		}
		if c.Status() == coproduce.CheckAnswered {
			return fieldError("outcome", "The body's response is already recorded.")
		}
		c.Outcome, c.Response, c.RespondedOn = outcome, response, on
		if err := c.ValidateResponse(); err != nil {
			return err
		}
		if on.After(db.now().Add(24 * time.Hour)) {
			return fieldError("responded_on", "The date of the response cannot be in the future.")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE accountability_checks SET outcome = $1, response = $2, responded_on = $3, recorded_by = $4 WHERE id = $5`,
			outcome, response, on, recorder.ID, checkID); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: recorder.GroupID, ActorID: actorID, Action: "accountability.answered",
			Entity: "accountability-check", EntityID: checkID, Summary: fmt.Sprintf("%s: %s", c.BodyName, outcome)})
	})
}

const checkColumns = `c.id, c.group_id, c.decision_id, c.body_id, b.name, c.coproduced, c.rung, c.statement, c.evidence, c.sent_on, c.sent_by, c.created_at,
	c.outcome, c.response, c.responded_on, c.recorded_by`

func (db *DB) findChecks(ctx context.Context, q querier, where string, args ...any) ([]*coproduce.AccountabilityCheck, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+checkColumns+` FROM accountability_checks c JOIN governance_bodies b ON b.id = c.body_id
		WHERE `+where+` ORDER BY c.sent_on DESC, c.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*coproduce.AccountabilityCheck
	for rows.Next() {
		var c coproduce.AccountabilityCheck
		var evidence string
		var responded sql.NullTime
		var recorder sql.NullInt64
		if err := rows.Scan(&c.ID, &c.GroupID, &c.DecisionID, &c.BodyID, &c.BodyName, &c.Coproduced, &c.Rung, &c.Statement, &evidence, &c.SentOn, &c.SentBy, &c.CreatedAt,
			&c.Outcome, &c.Response, &responded, &recorder); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(evidence), &c.Evidence); err != nil {
			return nil, fmt.Errorf("accountability check %d: %w", c.ID, err)
		}
		c.SentOn, c.CreatedAt, c.RespondedOn, c.RecordedBy = c.SentOn.UTC(), c.CreatedAt.UTC(), utc(responded), recorder.Int64
		out = append(out, &c)
	}
	return out, rows.Err()
}

// FindAccountabilityChecks returns the group's checks, most recently sent
// first.
func (db *DB) FindAccountabilityChecks(ctx context.Context, groupID int64) ([]*coproduce.AccountabilityCheck, error) {
	return db.findChecks(ctx, db.sql, `c.group_id = $1`, groupID)
}

// FindAccountabilityCheck returns one of the group's checks, or
// coproduce.ErrNotFound.
func (db *DB) FindAccountabilityCheck(ctx context.Context, groupID, id int64) (*coproduce.AccountabilityCheck, error) {
	var c *coproduce.AccountabilityCheck
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		c, err = db.findAccountabilityCheck(ctx, tx, groupID, id)
		return err
	})
	return c, err
}

func (db *DB) findAccountabilityCheck(ctx context.Context, tx *sql.Tx, groupID, id int64) (*coproduce.AccountabilityCheck, error) {
	checks, err := db.findChecks(ctx, tx, `c.group_id = $1 AND c.id = $2`, groupID, id)
	if err != nil {
		return nil, err
	}
	if len(checks) == 0 {
		return nil, coproduce.ErrNotFound
	}
	return checks[0], nil
}
