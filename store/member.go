package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"coproduce"
)

// memberColumns are read by scanMember; the users table is joined as u for
// the person's name and email, which are empty once the account is erased.
const memberColumns = `m.id, m.group_id, m.user_id, COALESCE(u.name, ''), COALESCE(u.email, ''), m.constituency, m.role,
	m.role_description, m.joined_at, m.left_at, m.selection_method, m.selected_at, m.selection_notes,
	m.inducted_at, m.inducted_by_resident_id, m.inducted_by_organisation_id, m.induction_notes,
	m.handover_note, m.precepts_acknowledged_at, m.added_by, m.added_reason, m.removed_by, m.removed_reason, m.listed_publicly`

const memberFrom = ` FROM members m LEFT JOIN users u ON u.id = m.user_id`

func scanMember(row interface{ Scan(...any) error }) (*coproduce.Member, error) {
	var m coproduce.Member
	var userID, byResident, byOrganisation, addedBy, removedBy sql.NullInt64
	var left, selected, inducted, acknowledged sql.NullTime
	err := row.Scan(&m.ID, &m.GroupID, &userID, &m.Name, &m.Email, &m.Constituency, &m.Role,
		&m.RoleDescription, &m.JoinedAt, &left, &m.SelectionMethod, &selected, &m.SelectionNotes,
		&inducted, &byResident, &byOrganisation, &m.InductionNotes,
		&m.HandoverNote, &acknowledged, &addedBy, &m.AddedReason, &removedBy, &m.RemovedReason, &m.ListedPublicly)
	if err != nil {
		return nil, err
	}
	m.UserID, m.InductedByResidentID, m.InductedByOrganisationID = userID.Int64, byResident.Int64, byOrganisation.Int64
	m.AddedBy, m.RemovedBy = addedBy.Int64, removedBy.Int64
	m.JoinedAt = m.JoinedAt.UTC()
	m.LeftAt, m.SelectedAt, m.InductedAt, m.PreceptsAcknowledgedAt = utc(left), utc(selected), utc(inducted), utc(acknowledged)
	return &m, nil
}

func utc(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

// nullTime stores the zero time as NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// nullID stores id 0 as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// AddMember validates m and makes the person a current member of the group,
// recording actorID (a user id) as who added them and appending to the
// group's audit trail. Returns a *coproduce.ValidationError for bad fields,
// coproduce.ErrNotFound for an unknown group or user, and
// coproduce.ErrConflict if the person is already a current member.
func (db *DB) AddMember(ctx context.Context, actorID int64, m *coproduce.Member) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		return db.addMember(ctx, tx, actorID, m)
	})
}

func (db *DB) addMember(ctx context.Context, tx *sql.Tx, actorID int64, m *coproduce.Member) error {
	var exists bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM steering_groups WHERE id = $1) AND EXISTS (SELECT 1 FROM users WHERE id = $2)`,
		m.GroupID, m.UserID).Scan(&exists)
	if err != nil {
		return err
	}
	if !exists {
		return coproduce.ErrNotFound
	}
	m.ID, m.AddedBy = coproduce.NewID(), actorID
	if m.JoinedAt.IsZero() {
		m.JoinedAt = db.now()
	}
	_, err = tx.ExecContext(ctx,
		`INSERT INTO members (id, group_id, user_id, constituency, role, role_description, joined_at,
			selection_method, selected_at, selection_notes, added_by, added_reason)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		m.ID, m.GroupID, m.UserID, m.Constituency, m.Role, m.RoleDescription, m.JoinedAt,
		m.SelectionMethod, nullTime(m.SelectedAt), m.SelectionNotes, nullID(actorID), m.AddedReason)
	if err != nil {
		return err
	}
	return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
		GroupID: m.GroupID, ActorID: actorID, Action: "member.added", Entity: "member", EntityID: m.ID,
		Summary: fmt.Sprintf("joined as %s (%s)", m.Role, m.Constituency),
	})
}

// FindMembers returns a group's members, current ones first, then by
// joining date. With includeLeft false, only current members.
func (db *DB) FindMembers(ctx context.Context, groupID int64, includeLeft bool) ([]*coproduce.Member, error) {
	q := `SELECT ` + memberColumns + memberFrom + ` WHERE m.group_id = $1`
	if !includeLeft {
		q += ` AND m.left_at IS NULL`
	}
	q += ` ORDER BY (m.left_at IS NULL) DESC, m.joined_at, m.id`
	return db.queryMembers(ctx, q, groupID)
}

// queryMembers runs a query selecting memberColumns and reads the members.
func (db *DB) queryMembers(ctx context.Context, query string, args ...any) ([]*coproduce.Member, error) {
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*coproduce.Member
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// FindMember returns one member of a group, or coproduce.ErrNotFound (also
// when the member belongs to another group).
func (db *DB) FindMember(ctx context.Context, groupID, memberID int64) (*coproduce.Member, error) {
	m, err := scanMember(db.sql.QueryRowContext(ctx,
		`SELECT `+memberColumns+memberFrom+` WHERE m.id = $1 AND m.group_id = $2`, memberID, groupID))
	return m, db.dialect.mapError(err)
}

// FindUserMemberships returns the person's current memberships in every
// group.
func (db *DB) FindUserMemberships(ctx context.Context, userID int64) ([]*coproduce.Member, error) {
	return db.queryMembers(ctx, `SELECT `+memberColumns+memberFrom+` WHERE m.user_id = $1 AND m.left_at IS NULL ORDER BY m.joined_at`, userID)
}

// MemberUpdate holds the changes a chair or facilitator can make to a
// membership; nil fields are left as they are.
type MemberUpdate struct {
	Role                     *coproduce.Role
	Constituency             *coproduce.Constituency
	RoleDescription          *string
	SelectionMethod          *string
	SelectedAt               *time.Time
	SelectionNotes           *string
	InductedAt               *time.Time
	InductedByResidentID     *int64
	InductedByOrganisationID *int64
	InductionNotes           *string
}

// UpdateMember applies upd to a current member, validates the result and
// appends the change, in brief, to the audit trail. Returns
// coproduce.ErrNotFound for an unknown or former member and a
// *coproduce.ValidationError for bad values.
func (db *DB) UpdateMember(ctx context.Context, actorID, groupID, memberID int64, upd MemberUpdate) (*coproduce.Member, error) {
	var m *coproduce.Member
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		m, err = scanMember(tx.QueryRowContext(ctx, `SELECT `+memberColumns+memberFrom+` WHERE m.id = $1 AND m.group_id = $2`, memberID, groupID))
		if err != nil {
			return err
		}
		if !m.Current() {
			return coproduce.ErrNotFound
		}
		var changes []string
		note := func(field string, before, after any) {
			if fmt.Sprint(before) != fmt.Sprint(after) {
				changes = append(changes, fmt.Sprintf("%s: %v → %v", field, before, after))
			}
		}
		if upd.Role != nil {
			note("role", m.Role, *upd.Role)
			m.Role = *upd.Role
		}
		if upd.Constituency != nil {
			note("constituency", m.Constituency, *upd.Constituency)
			m.Constituency = *upd.Constituency
		}
		// Free text is reported as changed, not quoted: the trail is for
		// ever, and free text may name people.
		text := func(field string, dst *string, src *string) {
			if src != nil && *src != *dst {
				changes = append(changes, field+" changed")
				*dst = *src
			}
		}
		text("role description", &m.RoleDescription, upd.RoleDescription)
		text("selection method", &m.SelectionMethod, upd.SelectionMethod)
		text("selection notes", &m.SelectionNotes, upd.SelectionNotes)
		text("induction notes", &m.InductionNotes, upd.InductionNotes)
		if upd.SelectedAt != nil {
			note("selected", dateOrNone(m.SelectedAt), dateOrNone(*upd.SelectedAt))
			m.SelectedAt = *upd.SelectedAt
		}
		if upd.InductedAt != nil {
			note("inducted", dateOrNone(m.InductedAt), dateOrNone(*upd.InductedAt))
			m.InductedAt = *upd.InductedAt
		}
		if upd.InductedByResidentID != nil {
			note("induction by resident member", m.InductedByResidentID, *upd.InductedByResidentID)
			m.InductedByResidentID = *upd.InductedByResidentID
		}
		if upd.InductedByOrganisationID != nil {
			note("induction by organisation member", m.InductedByOrganisationID, *upd.InductedByOrganisationID)
			m.InductedByOrganisationID = *upd.InductedByOrganisationID
		}
		if err := m.Validate(); err != nil {
			return err
		}
		if len(changes) == 0 {
			return nil
		}
		_, err = tx.ExecContext(ctx,
			`UPDATE members SET role = $1, constituency = $2, role_description = $3, selection_method = $4, selected_at = $5,
				selection_notes = $6, inducted_at = $7, inducted_by_resident_id = $8, inducted_by_organisation_id = $9, induction_notes = $10
			WHERE id = $11`,
			m.Role, m.Constituency, m.RoleDescription, m.SelectionMethod, nullTime(m.SelectedAt),
			m.SelectionNotes, nullTime(m.InductedAt), nullID(m.InductedByResidentID), nullID(m.InductedByOrganisationID), m.InductionNotes,
			m.ID)
		if err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: groupID, ActorID: actorID, Action: "member.updated", Entity: "member", EntityID: m.ID,
			Summary: joinChanges(changes),
		})
	})
	return m, err
}

func dateOrNone(t time.Time) string {
	if t.IsZero() {
		return "none"
	}
	return t.Format("2006-01-02")
}

func joinChanges(changes []string) string {
	out := ""
	for i, c := range changes {
		if i > 0 {
			out += "; "
		}
		out += c
	}
	return out
}

// EndMembership records that a current member has left, with a handover
// note for whoever follows and the reason, and appends to the audit trail.
// Returns a *coproduce.ValidationError without a reason or with overlong
// text, and coproduce.ErrNotFound for an unknown or former member.
func (db *DB) EndMembership(ctx context.Context, actorID, groupID, memberID int64, handover, reason string) error {
	if err := coproduce.ValidateLeaving(handover, reason); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx,
			`UPDATE members SET left_at = $1, handover_note = $2, removed_by = $3, removed_reason = $4
			WHERE id = $5 AND group_id = $6 AND left_at IS NULL`,
			db.now(), handover, nullID(actorID), reason, memberID, groupID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return coproduce.ErrNotFound
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: groupID, ActorID: actorID, Action: "member.left", Entity: "member", EntityID: memberID,
			Summary: "left the group; handover note " + map[bool]string{true: "written", false: "not written"}[handover != ""],
		})
	})
}

// AcknowledgePrecepts records that a current member has read and accepted
// the five precepts. Acknowledging again changes nothing. Returns
// coproduce.ErrNotFound for an unknown or former member.
func (db *DB) AcknowledgePrecepts(ctx context.Context, userID, groupID, memberID int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx,
			`UPDATE members SET precepts_acknowledged_at = $1
			WHERE id = $2 AND group_id = $3 AND user_id = $4 AND left_at IS NULL AND precepts_acknowledged_at IS NULL`,
			db.now(), memberID, groupID, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var exists bool
			err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM members WHERE id = $1 AND group_id = $2 AND user_id = $3 AND left_at IS NULL)`,
				memberID, groupID, userID).Scan(&exists)
			if err != nil {
				return err
			}
			if !exists {
				return coproduce.ErrNotFound
			}
			return nil
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: groupID, ActorID: userID, Action: "member.acknowledged-precepts", Entity: "member", EntityID: memberID,
			Summary: "read and acknowledged the five precepts",
		})
	})
}

// UserGroup is one of a person's current groups, with its organisation.
type UserGroup struct {
	Group        *coproduce.Group
	Organisation *coproduce.Organisation
	Member       *coproduce.Member
}

// FindUserGroups returns the groups a person is a current member of, by
// name, with their organisations, in one query.
func (db *DB) FindUserGroups(ctx context.Context, userID int64) ([]UserGroup, error) {
	rows, err := db.sql.QueryContext(ctx,
		`SELECT `+memberColumns+`, `+groupColumns+`, o.id, o.slug, o.name, o.created_at`+memberFrom+`
		JOIN steering_groups g ON g.id = m.group_id JOIN organisations o ON o.id = g.organisation_id
		WHERE m.user_id = $1 AND m.left_at IS NULL ORDER BY g.name, g.id`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []UserGroup
	for rows.Next() {
		var g coproduce.Group
		var o coproduce.Organisation
		m, err := scanMember(scanWithExtra{rows, []any{&g.ID, &g.OrganisationID, &g.Slug, &g.Name, &g.Area, &g.Description, &g.PaperDeadlineDays, &g.CreatedAt,
			&o.ID, &o.Slug, &o.Name, &o.CreatedAt}})
		if err != nil {
			return nil, err
		}
		out = append(out, UserGroup{Group: &g, Organisation: &o, Member: m})
	}
	return out, rows.Err()
}

// SetListedPublicly records whether a current member agrees to have their
// name and role on the group's public page; only the member decides.
// Returns coproduce.ErrNotFound unless userID is the member's own account.
func (db *DB) SetListedPublicly(ctx context.Context, userID, groupID, memberID int64, listed bool) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE members SET listed_publicly = $1 WHERE id = $2 AND group_id = $3 AND user_id = $4 AND left_at IS NULL`,
			listed, memberID, groupID, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return coproduce.ErrNotFound
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: groupID, ActorID: userID, Action: "member.listing", Entity: "member", EntityID: memberID,
			Summary: map[bool]string{true: "agreed to be listed publicly", false: "asked not to be listed publicly"}[listed],
		})
	})
}
