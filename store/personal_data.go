package store

import (
	"context"
	"database/sql"
	"time"

	"coproduce"
)

// PersonalData is everything the product holds about one person, for them
// to download.
type PersonalData struct {
	Account struct {
		ID          int64     `json:"id"`
		Email       string    `json:"email"`
		Name        string    `json:"name"`
		HasPassword bool      `json:"has_password"`
		IsAdmin     bool      `json:"is_site_administrator"`
		CreatedAt   time.Time `json:"created_at"`
	} `json:"account"`
	Memberships  []PersonalMembership `json:"memberships"`
	Sessions     []PersonalSession    `json:"sessions"`
	APITokens    []PersonalAPIToken   `json:"api_tokens"`
	EmailChoices map[string]string    `json:"email_choices"`
	Notices      []PersonalNotice     `json:"email_notices"`
	AdminOf      []string             `json:"administers_organisations"`
	Invitations  []PersonalInvitation `json:"invitations_received"`
	Support      []PersonalSupport    `json:"support_needs"`
	Skills       []PersonalSkill      `json:"skills_ratings"`
	Reviews      []PersonalReview     `json:"training_reviews"`
	TimeOut      []PersonalTimeOut    `json:"time_out"`
}

// PersonalSkill is one rating the person gave themselves in a skills audit.
type PersonalSkill struct {
	Group    string    `json:"group"`
	AuditOn  time.Time `json:"audit_started_at"`
	Topic    string    `json:"topic"`
	Level    int       `json:"level"`
	Recorded string    `json:"side"`
}

// PersonalReview is one of the person's training reviews.
type PersonalReview struct {
	Group  string    `json:"group"`
	HeldOn time.Time `json:"held_on"`
	Agreed string    `json:"agreed"`
}

// PersonalTimeOut is one spell of time out the person took.
type PersonalTimeOut struct {
	Group string     `json:"group"`
	From  time.Time  `json:"from"`
	Until *time.Time `json:"back_on,omitempty"`
}

// PersonalSupport is one support need in a download of personal data.
type PersonalSupport struct {
	Group     string     `json:"group"`
	Kind      string     `json:"kind"`
	Details   string     `json:"details"`
	CreatedAt time.Time  `json:"recorded_at"`
	MetAt     *time.Time `json:"met_at,omitempty"`
}

// PersonalMembership is one membership in a download of personal data.
type PersonalMembership struct {
	Group                  string     `json:"group"`
	Organisation           string     `json:"organisation"`
	Role                   string     `json:"role"`
	Constituency           string     `json:"constituency"`
	RoleDescription        string     `json:"role_description"`
	JoinedAt               time.Time  `json:"joined_at"`
	LeftAt                 *time.Time `json:"left_at,omitempty"`
	SelectionMethod        string     `json:"selection_method"`
	SelectionNotes         string     `json:"selection_notes"`
	InductedAt             *time.Time `json:"inducted_at,omitempty"`
	InductionNotes         string     `json:"induction_notes"`
	HandoverNote           string     `json:"handover_note"`
	PreceptsAcknowledgedAt *time.Time `json:"precepts_acknowledged_at,omitempty"`
}

// PersonalSession is one signed-in browser in a download of personal data.
type PersonalSession struct {
	CreatedAt  time.Time `json:"signed_in_at"`
	LastSeenAt time.Time `json:"last_used_at"`
	UserAgent  string    `json:"browser"`
}

// PersonalAPIToken is one of the person's API tokens, without its secret,
// which is not kept.
type PersonalAPIToken struct {
	Name       string     `json:"name"`
	Scope      string     `json:"scope"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

// PersonalNotice is an email notice recorded for the person.
type PersonalNotice struct {
	Kind      string    `json:"kind"`
	Group     string    `json:"group"`
	Subject   string    `json:"subject"`
	CreatedAt time.Time `json:"created_at"`
	Delivery  string    `json:"delivery"`
}

// PersonalInvitation is an invitation to the person's address.
type PersonalInvitation struct {
	Group     string    `json:"group"`
	Role      string    `json:"role"`
	CreatedAt time.Time `json:"sent_at"`
}

func optionalTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// ExportPersonalData gathers what the product holds about a user. Returns
// coproduce.ErrNotFound for an unknown user.
func (db *DB) ExportPersonalData(ctx context.Context, userID int64) (*PersonalData, error) {
	u, err := db.FindUserByID(ctx, userID)
	if err != nil {
		return nil, err
	}
	var d PersonalData
	d.Account.ID, d.Account.Email, d.Account.Name = u.ID, u.Email, u.Name
	d.Account.HasPassword, d.Account.IsAdmin, d.Account.CreatedAt = u.HasPassword(), u.IsAdmin, u.CreatedAt

	rows, err := db.sql.QueryContext(ctx,
		`SELECT `+memberColumns+`, g.name, o.name`+memberFrom+`
		JOIN steering_groups g ON g.id = m.group_id JOIN organisations o ON o.id = g.organisation_id
		WHERE m.user_id = $1 ORDER BY m.joined_at`, userID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var group, org string
		m, err := scanMember(scanWithExtra{rows, []any{&group, &org}})
		if err != nil {
			rows.Close()
			return nil, err
		}
		d.Memberships = append(d.Memberships, PersonalMembership{
			Group: group, Organisation: org, Role: string(m.Role), Constituency: string(m.Constituency),
			RoleDescription: m.RoleDescription, JoinedAt: m.JoinedAt, LeftAt: optionalTime(m.LeftAt),
			SelectionMethod: m.SelectionMethod, SelectionNotes: m.SelectionNotes, InductedAt: optionalTime(m.InductedAt),
			InductionNotes: m.InductionNotes, HandoverNote: m.HandoverNote, PreceptsAcknowledgedAt: optionalTime(m.PreceptsAcknowledgedAt),
		})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sessions, err := db.FindUserSessions(ctx, userID)
	if err != nil {
		return nil, err
	}
	for _, s := range sessions {
		d.Sessions = append(d.Sessions, PersonalSession{CreatedAt: s.CreatedAt.UTC(), LastSeenAt: s.LastSeenAt.UTC(), UserAgent: s.UserAgent})
	}
	prefs, err := db.NotificationPrefs(ctx, userID)
	if err != nil {
		return nil, err
	}
	d.EmailChoices = map[string]string{}
	for k, v := range prefs {
		d.EmailChoices[string(k)] = string(v)
	}
	if err := db.collect(ctx, `SELECT kind, group_name, subject, created_at, delivery FROM notifications WHERE user_id = $1 ORDER BY created_at, id`,
		[]any{userID}, func(r *sql.Rows) error {
			var n PersonalNotice
			err := r.Scan(&n.Kind, &n.Group, &n.Subject, &n.CreatedAt, &n.Delivery)
			n.CreatedAt = n.CreatedAt.UTC()
			d.Notices = append(d.Notices, n)
			return err
		}); err != nil {
		return nil, err
	}
	tokens, err := db.FindAPITokens(ctx, userID)
	if err != nil {
		return nil, err
	}
	for _, t := range tokens {
		d.APITokens = append(d.APITokens, PersonalAPIToken{Name: t.Name, Scope: string(t.Scope), CreatedAt: t.CreatedAt.UTC(),
			LastUsedAt: optionalTime(t.LastUsedAt), RevokedAt: optionalTime(t.RevokedAt)})
	}
	if err := db.collect(ctx, `SELECT o.name FROM organisation_admins a JOIN organisations o ON o.id = a.organisation_id WHERE a.user_id = $1 ORDER BY o.name`,
		[]any{userID}, func(r *sql.Rows) error {
			var name string
			err := r.Scan(&name)
			d.AdminOf = append(d.AdminOf, name)
			return err
		}); err != nil {
		return nil, err
	}
	if err := db.collect(ctx, `SELECT g.name, n.kind, n.details, n.created_at, n.met_at FROM support_needs n
		JOIN members m ON m.id = n.member_id JOIN steering_groups g ON g.id = n.group_id WHERE m.user_id = $1 ORDER BY n.created_at`,
		[]any{userID}, func(r *sql.Rows) error {
			var n PersonalSupport
			var met sql.NullTime
			err := r.Scan(&n.Group, &n.Kind, &n.Details, &n.CreatedAt, &met)
			n.CreatedAt = n.CreatedAt.UTC()
			if met.Valid {
				n.MetAt = optionalTime(met.Time.UTC())
			}
			d.Support = append(d.Support, n)
			return err
		}); err != nil {
		return nil, err
	}
	if err := db.collect(ctx, `SELECT g.name, a.opened_at, s.topic, s.level, s.constituency FROM skills_ratings s
		JOIN skills_audits a ON a.id = s.audit_id JOIN members m ON m.id = s.member_id JOIN steering_groups g ON g.id = a.group_id
		WHERE m.user_id = $1 ORDER BY a.opened_at, s.topic`, []any{userID}, func(r *sql.Rows) error {
		var x PersonalSkill
		err := r.Scan(&x.Group, &x.AuditOn, &x.Topic, &x.Level, &x.Recorded)
		x.AuditOn = x.AuditOn.UTC()
		d.Skills = append(d.Skills, x)
		return err
	}); err != nil {
		return nil, err
	}
	if err := db.collect(ctx, `SELECT g.name, t.held_on, t.agreed FROM training_reviews t
		JOIN members m ON m.id = t.member_id JOIN steering_groups g ON g.id = t.group_id WHERE m.user_id = $1 ORDER BY t.held_on`,
		[]any{userID}, func(r *sql.Rows) error {
			var x PersonalReview
			err := r.Scan(&x.Group, &x.HeldOn, &x.Agreed)
			x.HeldOn = x.HeldOn.UTC()
			d.Reviews = append(d.Reviews, x)
			return err
		}); err != nil {
		return nil, err
	}
	if err := db.collect(ctx, `SELECT g.name, o.from_day, o.until_day FROM time_out o
		JOIN members m ON m.id = o.member_id JOIN steering_groups g ON g.id = o.group_id WHERE m.user_id = $1 ORDER BY o.from_day`,
		[]any{userID}, func(r *sql.Rows) error {
			var x PersonalTimeOut
			var until sql.NullTime
			err := r.Scan(&x.Group, &x.From, &until)
			x.From = x.From.UTC()
			if until.Valid {
				x.Until = optionalTime(until.Time.UTC())
			}
			d.TimeOut = append(d.TimeOut, x)
			return err
		}); err != nil {
		return nil, err
	}
	err = db.collect(ctx, `SELECT g.name, i.role, i.created_at FROM invitations i JOIN steering_groups g ON g.id = i.group_id WHERE i.email = $1 ORDER BY i.created_at`,
		[]any{u.Email}, func(r *sql.Rows) error {
			var inv PersonalInvitation
			err := r.Scan(&inv.Group, &inv.Role, &inv.CreatedAt)
			inv.CreatedAt = inv.CreatedAt.UTC()
			d.Invitations = append(d.Invitations, inv)
			return err
		})
	return &d, err
}

// scanWithExtra scans a member row followed by extra columns.
type scanWithExtra struct {
	rows  *sql.Rows
	extra []any
}

func (s scanWithExtra) Scan(dest ...any) error { return s.rows.Scan(append(dest, s.extra...)...) }

// collect runs a query and calls each for every row.
func (db *DB) collect(ctx context.Context, query string, args []any, each func(*sql.Rows) error) error {
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EraseUser deletes a person's account and the personal data tied to it,
// in one transaction: their sessions, links and administrator roles go;
// their memberships end and stay, so each group's history stays whole, but
// no longer point at them, and show a former member; invitations to their
// address and email waiting for them lose the address. Each group they
// belonged to records the erasure in its audit trail (which never held
// their name). Returns coproduce.ErrNotFound for an unknown user.
func (db *DB) EraseUser(ctx context.Context, userID int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var email string
		if err := tx.QueryRowContext(ctx, `SELECT email FROM users WHERE id = $1`, userID).Scan(&email); err != nil {
			return err
		}
		groups, err := queryIDs(ctx, tx, `SELECT DISTINCT group_id FROM members WHERE user_id = $1 ORDER BY group_id`, userID)
		if err != nil {
			return err
		}
		for _, q := range []string{
			`DELETE FROM outbox WHERE to_address = $1`,
			`UPDATE invitations SET email = '' WHERE email = $1`,
		} {
			if _, err := tx.ExecContext(ctx, q, email); err != nil {
				return err
			}
		}
		// What they needed to take part, how they rated their own skills,
		// what their training reviews agreed and when they took time out
		// are about them alone: they go. That reviews were held stays, for
		// the group's record of reviews.
		for _, q := range []string{
			`DELETE FROM support_needs WHERE member_id IN (SELECT id FROM members WHERE user_id = $1)`,
			`DELETE FROM skills_ratings WHERE member_id IN (SELECT id FROM members WHERE user_id = $1)`,
			`DELETE FROM time_out WHERE member_id IN (SELECT id FROM members WHERE user_id = $1)`,
			`UPDATE training_reviews SET agreed = '' WHERE member_id IN (SELECT id FROM members WHERE user_id = $1)`,
		} {
			if _, err := tx.ExecContext(ctx, q, userID); err != nil {
				return err
			}
		}
		// A person who has gone is no longer a current member anywhere.
		if _, err := tx.ExecContext(ctx,
			`UPDATE members SET left_at = $1, removed_reason = 'account deleted' WHERE user_id = $2 AND left_at IS NULL`,
			db.now(), userID); err != nil {
			return err
		}
		// The foreign keys do the rest: sessions, links and administrator
		// roles are deleted; memberships and the records of who added or
		// removed whom are set to NULL.
		if _, err := tx.ExecContext(ctx, `DELETE FROM users WHERE id = $1`, userID); err != nil {
			return err
		}
		for _, g := range groups {
			if err := db.appendAudit(ctx, tx, &coproduce.AuditEntry{
				GroupID: g, Action: "member.erased", Entity: "account", EntityID: 0,
				Summary: "a member erased their account; the group's record now shows a former member",
			}); err != nil {
				return err
			}
		}
		return nil
	})
}
