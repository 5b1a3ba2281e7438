package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"coproduce"
)

const invitationColumns = `id, group_id, email, constituency, role, reason, invited_by, created_at, expires_at, accepted_at, revoked_at`

func scanInvitation(row interface{ Scan(...any) error }) (*coproduce.Invitation, error) {
	var i coproduce.Invitation
	var by sql.NullInt64
	var accepted, revoked sql.NullTime
	if err := row.Scan(&i.ID, &i.GroupID, &i.Email, &i.Constituency, &i.Role, &i.Reason, &by, &i.CreatedAt, &i.ExpiresAt, &accepted, &revoked); err != nil {
		return nil, err
	}
	i.InvitedBy, i.CreatedAt, i.ExpiresAt = by.Int64, i.CreatedAt.UTC(), i.ExpiresAt.UTC()
	i.AcceptedAt, i.RevokedAt = utc(accepted), utc(revoked)
	return &i, nil
}

// CreateInvitation validates inv, stores it with a fresh token, puts the
// email that compose builds (given the token) into the outbox, and appends
// to the group's audit trail, all in one transaction. Returns a
// *coproduce.ValidationError for bad fields and coproduce.ErrConflict if
// the address belongs to a current member or already has a pending
// invitation to the group.
func (db *DB) CreateInvitation(ctx context.Context, inv *coproduce.Invitation, compose func(token string) coproduce.Message) error {
	if err := inv.Validate(); err != nil {
		return err
	}
	inv.Email, _ = coproduce.NormalizeEmail(inv.Email)
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		var taken bool
		err := tx.QueryRowContext(ctx,
			`SELECT EXISTS (SELECT 1 FROM members m JOIN users u ON u.id = m.user_id WHERE m.group_id = $1 AND m.left_at IS NULL AND u.email = $2)
			OR EXISTS (SELECT 1 FROM invitations WHERE group_id = $1 AND email = $2 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $3)`,
			inv.GroupID, inv.Email, now).Scan(&taken)
		if err != nil {
			return err
		}
		if taken {
			return coproduce.ErrConflict
		}
		token, hash := coproduce.NewToken()
		inv.ID, inv.CreatedAt, inv.ExpiresAt = coproduce.NewID(), now, now.Add(coproduce.InvitationTTL)
		_, err = tx.ExecContext(ctx,
			`INSERT INTO invitations (id, group_id, email, token_hash, constituency, role, reason, invited_by, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			inv.ID, inv.GroupID, inv.Email, hash, inv.Constituency, inv.Role, inv.Reason, nullID(inv.InvitedBy), inv.CreatedAt, inv.ExpiresAt)
		if err != nil {
			return err
		}
		msg := compose(token)
		msg.To = inv.Email
		if err := db.enqueue(ctx, tx, &msg); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: inv.GroupID, ActorID: inv.InvitedBy, Action: "invitation.sent", Entity: "invitation", EntityID: inv.ID,
			Summary: fmt.Sprintf("invited as %s (%s)", inv.Role, inv.Constituency),
		})
	})
}

// FindPendingInvitations returns a group's invitations that can still be
// accepted, newest first.
func (db *DB) FindPendingInvitations(ctx context.Context, groupID int64) ([]*coproduce.Invitation, error) {
	rows, err := db.sql.QueryContext(ctx,
		`SELECT `+invitationColumns+` FROM invitations
		WHERE group_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2 ORDER BY created_at DESC, id`,
		groupID, db.now())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*coproduce.Invitation
	for rows.Next() {
		i, err := scanInvitation(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// RevokeInvitation cancels a pending invitation of a group. Returns
// coproduce.ErrNotFound if there is no such pending invitation.
func (db *DB) RevokeInvitation(ctx context.Context, actorID, groupID, invitationID int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx,
			`UPDATE invitations SET revoked_at = $1, email = '' WHERE id = $2 AND group_id = $3 AND accepted_at IS NULL AND revoked_at IS NULL`,
			db.now(), invitationID, groupID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return coproduce.ErrNotFound
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: groupID, ActorID: actorID, Action: "invitation.revoked", Entity: "invitation", EntityID: invitationID,
			Summary: "invitation cancelled",
		})
	})
}

// FindInvitationByToken returns the invitation a token belongs to, pending
// or not, or coproduce.ErrNotFound.
func (db *DB) FindInvitationByToken(ctx context.Context, token string) (*coproduce.Invitation, error) {
	i, err := scanInvitation(db.sql.QueryRowContext(ctx,
		`SELECT `+invitationColumns+` FROM invitations WHERE token_hash = $1`, coproduce.HashToken(token)))
	return i, db.dialect.mapError(err)
}

// ErrWrongAccount means an invitation was opened by someone signed in with
// an address other than the one invited.
var ErrWrongAccount = errors.New("this invitation was sent to a different email address")

// AcceptInvitation makes user a member as the invitation says, in one
// transaction with marking it accepted and the audit entry. Returns
// coproduce.ErrNotFound for an unknown, expired, revoked or used invitation,
// ErrWrongAccount if user's address is not the invited one, and
// coproduce.ErrConflict if user is already a current member.
func (db *DB) AcceptInvitation(ctx context.Context, token string, user *coproduce.User) (*coproduce.Member, error) {
	var m *coproduce.Member
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		inv, err := scanInvitation(tx.QueryRowContext(ctx,
			`SELECT `+invitationColumns+` FROM invitations WHERE token_hash = $1`, coproduce.HashToken(token)))
		if err != nil {
			return err
		}
		now := db.now()
		if !inv.Pending(now) {
			return coproduce.ErrNotFound
		}
		if inv.Email != user.Email {
			return ErrWrongAccount
		}
		var already bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM members WHERE group_id = $1 AND user_id = $2 AND left_at IS NULL)`,
			inv.GroupID, user.ID).Scan(&already); err != nil {
			return err
		}
		if already {
			return coproduce.ErrConflict
		}
		// The address has done its job: the membership now points at the
		// account, and erasing the account must leave nothing behind.
		if _, err := tx.ExecContext(ctx, `UPDATE invitations SET accepted_at = $1, email = '' WHERE id = $2`, now, inv.ID); err != nil {
			return err
		}
		m = &coproduce.Member{GroupID: inv.GroupID, UserID: user.ID, Name: user.Name, Email: user.Email,
			Constituency: inv.Constituency, Role: inv.Role, AddedReason: inv.Reason, JoinedAt: now}
		return db.addMember(ctx, tx, inv.InvitedBy, m)
	})
	return m, err
}
