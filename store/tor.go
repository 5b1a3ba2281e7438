package store

import (
	"context"
	"database/sql"
	"fmt"

	"coproduce"
)

// CreateToRDraft starts a new draft version of a group's terms of
// reference, copying the sections of its newest version, or, for the first
// one, the starting texts given. There can be one draft or proposed
// version at a time. Returns a *coproduce.ValidationError when one exists.
func (db *DB) CreateToRDraft(ctx context.Context, actorID, groupID int64, templates map[string]string) (*coproduce.ToRVersion, error) {
	v := &coproduce.ToRVersion{ID: coproduce.NewID(), GroupID: groupID, Status: coproduce.ToRDraft, Sections: map[string]string{}}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var open bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM tor_versions WHERE group_id = $1 AND status IN ('draft', 'proposed'))`, groupID).Scan(&open); err != nil {
			return err
		}
		if open {
			var verr coproduce.ValidationError
			verr.Add("status", "There is already a draft or proposed version. Finish it first.")
			return &verr
		}
		var newest sql.NullInt64
		var number sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT id, number FROM tor_versions WHERE group_id = $1 ORDER BY number DESC LIMIT 1`, groupID).Scan(&newest, &number); err != nil && err != sql.ErrNoRows {
			return err
		}
		v.Number, v.CreatedAt = int(number.Int64)+1, db.now()
		if newest.Valid {
			rows, err := tx.QueryContext(ctx, `SELECT key, body FROM tor_sections WHERE version_id = $1`, newest.Int64)
			if err != nil {
				return err
			}
			for rows.Next() {
				var k, b string
				if err := rows.Scan(&k, &b); err != nil {
					rows.Close()
					return err
				}
				v.Sections[k] = b
			}
			rows.Close()
		} else {
			for k, b := range templates {
				v.Sections[k] = b
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO tor_versions (id, group_id, number, status, created_at) VALUES ($1, $2, $3, $4, $5)`,
			v.ID, groupID, v.Number, v.Status, v.CreatedAt); err != nil {
			return err
		}
		for _, k := range coproduce.ToRSections {
			if _, err := tx.ExecContext(ctx, `INSERT INTO tor_sections (version_id, key, body) VALUES ($1, $2, $3)`, v.ID, k, v.Sections[k]); err != nil {
				return err
			}
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: groupID, ActorID: actorID, Action: "tor.drafted",
			Entity: "terms-of-reference", EntityID: v.ID, Summary: fmt.Sprintf("version %d started", v.Number)})
	})
	return v, err
}

// SaveToRSections saves the sections of a draft. Returns a
// *coproduce.ValidationError for a version that is no longer a draft and
// coproduce.ErrNotFound for one not of the group.
func (db *DB) SaveToRSections(ctx context.Context, actorID, groupID int64, number int, sections map[string]string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		id, status, err := torVersion(ctx, tx, groupID, number)
		if err != nil {
			return err
		}
		if status != coproduce.ToRDraft {
			var verr coproduce.ValidationError
			verr.Add("status", "Only a draft can be changed. Start a new draft to change the terms of reference.")
			return &verr
		}
		for _, k := range coproduce.ToRSections {
			if _, err := tx.ExecContext(ctx, `UPDATE tor_sections SET body = $1 WHERE version_id = $2 AND key = $3`, sections[k], id, k); err != nil {
				return err
			}
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: groupID, ActorID: actorID, Action: "tor.edited",
			Entity: "terms-of-reference", EntityID: id, Summary: fmt.Sprintf("version %d edited", number)})
	})
}

func torVersion(ctx context.Context, tx *sql.Tx, groupID int64, number int) (int64, coproduce.ToRStatus, error) {
	var id int64
	var status coproduce.ToRStatus
	err := tx.QueryRowContext(ctx, `SELECT id, status FROM tor_versions WHERE group_id = $1 AND number = $2`, groupID, number).Scan(&id, &status)
	if err == sql.ErrNoRows {
		return 0, "", coproduce.ErrNotFound
	}
	return id, status, err
}

// ProposeToR puts a draft to the members. Returns a
// *coproduce.ValidationError for a version that is not a draft.
func (db *DB) ProposeToR(ctx context.Context, actorID, groupID int64, number int) error {
	return db.torStep(ctx, actorID, groupID, number, coproduce.ToRDraft, "Only a draft can be proposed.",
		`UPDATE tor_versions SET status = 'proposed' WHERE id = $1`, "tor.proposed", "proposed to members")
}

// AgreeToR records a current member's agreement to a proposed version.
// Agreeing again changes nothing.
func (db *DB) AgreeToR(ctx context.Context, actorID int64, member *coproduce.Member, number int) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		id, status, err := torVersion(ctx, tx, member.GroupID, number)
		if err != nil {
			return err
		}
		if status != coproduce.ToRProposed {
			var verr coproduce.ValidationError
			verr.Add("status", "Members agree to a version while it is proposed.")
			return &verr
		}
		res, err := tx.ExecContext(ctx,
			`INSERT INTO tor_agreements (version_id, member_id, constituency, agreed_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
			id, member.ID, member.Constituency, db.now())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: member.GroupID, ActorID: actorID, Action: "tor.agreed",
			Entity: "terms-of-reference", EntityID: id, Summary: fmt.Sprintf("a member (%s) agreed to version %d", member.Constituency, number)})
	})
}

// AdoptToR adopts a proposed version that at least one resident member and
// one organisation member agreed to; the version in force before it is
// superseded. Returns a *coproduce.ValidationError otherwise.
func (db *DB) AdoptToR(ctx context.Context, actorID, groupID int64, number int) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		v, err := db.findToR(ctx, tx, groupID, number)
		if err != nil {
			return err
		}
		if !v.CanAdopt() {
			var verr coproduce.ValidationError
			verr.Add("status", "A proposed version is adopted once at least one resident member and one organisation member have agreed to it.")
			return &verr
		}
		if _, err := tx.ExecContext(ctx, `UPDATE tor_versions SET status = 'superseded' WHERE group_id = $1 AND status = 'adopted'`, groupID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE tor_versions SET status = 'adopted', adopted_at = $1 WHERE id = $2`, db.now(), v.ID); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: groupID, ActorID: actorID, Action: "tor.adopted",
			Entity: "terms-of-reference", EntityID: v.ID, Summary: fmt.Sprintf("version %d adopted with %d agreements", number, len(v.Agreements))})
	})
}

func (db *DB) torStep(ctx context.Context, actorID, groupID int64, number int, from coproduce.ToRStatus, refusal, update, action, summary string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		id, status, err := torVersion(ctx, tx, groupID, number)
		if err != nil {
			return err
		}
		if status != from {
			var verr coproduce.ValidationError
			verr.Add("status", refusal)
			return &verr
		}
		if _, err := tx.ExecContext(ctx, update, id); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: groupID, ActorID: actorID, Action: action,
			Entity: "terms-of-reference", EntityID: id, Summary: fmt.Sprintf("version %d %s", number, summary)})
	})
}

// FindToR returns one version of a group's terms of reference with its
// sections and agreements, or coproduce.ErrNotFound.
func (db *DB) FindToR(ctx context.Context, groupID int64, number int) (*coproduce.ToRVersion, error) {
	var v *coproduce.ToRVersion
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		v, err = db.findToR(ctx, tx, groupID, number)
		return err
	})
	return v, err
}

func (db *DB) findToR(ctx context.Context, tx *sql.Tx, groupID int64, number int) (*coproduce.ToRVersion, error) {
	v := &coproduce.ToRVersion{GroupID: groupID, Sections: map[string]string{}}
	var adopted sql.NullTime
	err := tx.QueryRowContext(ctx, `SELECT id, number, status, created_at, adopted_at FROM tor_versions WHERE group_id = $1 AND number = $2`, groupID, number).
		Scan(&v.ID, &v.Number, &v.Status, &v.CreatedAt, &adopted)
	if err == sql.ErrNoRows {
		return nil, coproduce.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	v.CreatedAt, v.AdoptedAt = v.CreatedAt.UTC(), utc(adopted)
	rows, err := tx.QueryContext(ctx, `SELECT key, body FROM tor_sections WHERE version_id = $1`, v.ID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var k, b string
		if err := rows.Scan(&k, &b); err != nil {
			rows.Close()
			return nil, err
		}
		v.Sections[k] = b
	}
	rows.Close()
	rows, err = tx.QueryContext(ctx, `SELECT member_id, constituency, agreed_at FROM tor_agreements WHERE version_id = $1 ORDER BY agreed_at, member_id`, v.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var a coproduce.ToRAgreement
		if err := rows.Scan(&a.MemberID, &a.Constituency, &a.AgreedAt); err != nil {
			return nil, err
		}
		a.AgreedAt = a.AgreedAt.UTC()
		v.Agreements = append(v.Agreements, a)
	}
	return v, rows.Err()
}

// FindToRVersions lists a group's versions, newest first, without their
// sections.
func (db *DB) FindToRVersions(ctx context.Context, groupID int64) ([]*coproduce.ToRVersion, error) {
	var out []*coproduce.ToRVersion
	err := db.collect(ctx, `SELECT id, number, status, created_at, adopted_at FROM tor_versions WHERE group_id = $1 ORDER BY number DESC`, []any{groupID},
		func(r *sql.Rows) error {
			v := coproduce.ToRVersion{GroupID: groupID}
			var adopted sql.NullTime
			err := r.Scan(&v.ID, &v.Number, &v.Status, &v.CreatedAt, &adopted)
			v.CreatedAt, v.AdoptedAt = v.CreatedAt.UTC(), utc(adopted)
			out = append(out, &v)
			return err
		})
	return out, err
}

// FindAllToR returns every version of a group's terms of reference,
// newest first, each with its sections and agreements, in three queries
// however many versions there are.
func (db *DB) FindAllToR(ctx context.Context, groupID int64) ([]*coproduce.ToRVersion, error) {
	versions, err := db.FindToRVersions(ctx, groupID)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*coproduce.ToRVersion{}
	for _, v := range versions {
		v.Sections = map[string]string{}
		byID[v.ID] = v
	}
	err = db.collect(ctx, `SELECT s.version_id, s.key, s.body FROM tor_sections s JOIN tor_versions v ON v.id = s.version_id WHERE v.group_id = $1`,
		[]any{groupID}, func(r *sql.Rows) error {
			var id int64
			var k, b string
			if err := r.Scan(&id, &k, &b); err != nil {
				return err
			}
			if v := byID[id]; v != nil {
				v.Sections[k] = b
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = db.collect(ctx, `SELECT a.version_id, a.member_id, a.constituency, a.agreed_at FROM tor_agreements a JOIN tor_versions v ON v.id = a.version_id
		WHERE v.group_id = $1 ORDER BY a.agreed_at, a.member_id`, []any{groupID}, func(r *sql.Rows) error {
		var id int64
		var a coproduce.ToRAgreement
		if err := r.Scan(&id, &a.MemberID, &a.Constituency, &a.AgreedAt); err != nil {
			return err
		}
		a.AgreedAt = a.AgreedAt.UTC()
		if v := byID[id]; v != nil {
			v.Agreements = append(v.Agreements, a)
		}
		return nil
	})
	return versions, err
}
