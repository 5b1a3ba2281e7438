package store

import (
	"context"
	"database/sql"
	"fmt"

	"coproduce"
)

const meetingColumns = `id, group_id, title, starts_at, minutes, venue, online_link, host_member_id, access_notes, visibility, created_at, cancelled_at`

func scanMeeting(row interface{ Scan(...any) error }) (*coproduce.Meeting, error) {
	var m coproduce.Meeting
	var host sql.NullInt64
	var cancelled sql.NullTime
	err := row.Scan(&m.ID, &m.GroupID, &m.Title, &m.StartsAt, &m.Minutes, &m.Venue, &m.OnlineLink, &host, &m.AccessNotes,
		&m.Visibility, &m.CreatedAt, &cancelled)
	if err != nil {
		return nil, err
	}
	m.HostMemberID, m.StartsAt, m.CreatedAt, m.CancelledAt = host.Int64, m.StartsAt.UTC(), m.CreatedAt.UTC(), utc(cancelled)
	return &m, nil
}

// FixedItemPositions are the agenda positions of coproduce.FixedItems, in
// order. They leave room: proposed items go between the recap (20) and the
// questions (1000), from 30 on.
var FixedItemPositions = [...]int{10, 20, 1000, 1010}

// CreateMeeting validates and stores a meeting with the fixed items every
// agenda starts with, and an audit entry, in one transaction. Returns a
// *coproduce.ValidationError for bad fields, including a host who is not a
// current member of the group.
func (db *DB) CreateMeeting(ctx context.Context, actorID int64, m *coproduce.Meeting) error {
	if err := m.Validate(); err != nil {
		return err
	}
	m.ID, m.CreatedAt = coproduce.NewID(), db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkHost(ctx, tx, m); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx,
			`INSERT INTO meetings (id, group_id, title, starts_at, minutes, venue, online_link, host_member_id, access_notes, visibility, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
			m.ID, m.GroupID, m.Title, m.StartsAt.UTC(), m.Minutes, m.Venue, m.OnlineLink, nullID(m.HostMemberID), m.AccessNotes, m.Visibility, m.CreatedAt)
		if err != nil {
			return err
		}
		for i, kind := range coproduce.FixedItems {
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO agenda_items (id, meeting_id, position, kind, created_at) VALUES ($1, $2, $3, $4, $5)`,
				coproduce.NewID(), m.ID, FixedItemPositions[i], kind, m.CreatedAt); err != nil {
				return err
			}
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: m.GroupID, ActorID: actorID, Action: "meeting.created", Entity: "meeting", EntityID: m.ID,
			Summary: "for " + m.StartsAt.UTC().Format("2006-01-02 15:04 UTC") + ", " + string(m.Visibility),
		})
	})
}

// checkHost makes sure a meeting's host is a current member of its group.
func checkHost(ctx context.Context, tx *sql.Tx, m *coproduce.Meeting) error {
	if m.HostMemberID == 0 {
		return nil
	}
	var ok bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM members WHERE id = $1 AND group_id = $2 AND left_at IS NULL)`,
		m.HostMemberID, m.GroupID).Scan(&ok)
	if err != nil {
		return err
	}
	if !ok {
		var v coproduce.ValidationError
		v.Add("host", "Choose a current member of the group to host, or nobody.")
		return &v
	}
	return nil
}

// FindMeetings returns a group's meetings in date order. With
// publicOnly, only those listed publicly.
func (db *DB) FindMeetings(ctx context.Context, groupID int64, publicOnly bool) ([]*coproduce.Meeting, error) {
	where := `group_id = $1`
	if publicOnly {
		where += ` AND visibility = 'public'`
	}
	return db.findMeetings(ctx, where, groupID)
}

// findMeetings loads the meetings matching where (a constant condition on
// meetings, with args), earliest first.
func (db *DB) findMeetings(ctx context.Context, where string, args ...any) ([]*coproduce.Meeting, error) {
	var list []*coproduce.Meeting
	err := db.collect(ctx, `SELECT `+meetingColumns+` FROM meetings WHERE `+where+` ORDER BY starts_at, id`, args, func(r *sql.Rows) error {
		m, err := scanMeeting(r)
		list = append(list, m)
		return err
	})
	return list, err
}

// FindMeeting returns a meeting of a group, or coproduce.ErrNotFound (also
// for a meeting of another group).
func (db *DB) FindMeeting(ctx context.Context, groupID, meetingID int64) (*coproduce.Meeting, error) {
	m, err := scanMeeting(db.sql.QueryRowContext(ctx, `SELECT `+meetingColumns+` FROM meetings WHERE id = $1 AND group_id = $2`, meetingID, groupID))
	return m, db.dialect.mapError(err)
}

// UpdateMeeting saves a meeting's details, validated, with an audit entry.
// Returns coproduce.ErrNotFound for a meeting not of the group.
func (db *DB) UpdateMeeting(ctx context.Context, actorID int64, m *coproduce.Meeting) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkHost(ctx, tx, m); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx,
			`UPDATE meetings SET title = $1, starts_at = $2, minutes = $3, venue = $4, online_link = $5, host_member_id = $6,
				access_notes = $7, visibility = $8 WHERE id = $9 AND group_id = $10`,
			m.Title, m.StartsAt.UTC(), m.Minutes, m.Venue, m.OnlineLink, nullID(m.HostMemberID), m.AccessNotes, m.Visibility, m.ID, m.GroupID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return coproduce.ErrNotFound
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: m.GroupID, ActorID: actorID, Action: "meeting.updated", Entity: "meeting", EntityID: m.ID,
			Summary: "now " + m.StartsAt.UTC().Format("2006-01-02 15:04 UTC") + ", " + string(m.Visibility),
		})
	})
}

// FindAgenda returns a meeting's agenda in order.
func (db *DB) FindAgenda(ctx context.Context, meetingID int64) ([]*coproduce.AgendaItem, error) {
	var items []*coproduce.AgendaItem
	err := db.collect(ctx,
		`SELECT id, meeting_id, position, kind, title, description, proposer_member_id, proposer_constituency, created_at
		FROM agenda_items WHERE meeting_id = $1 ORDER BY position, created_at, id`, []any{meetingID},
		func(r *sql.Rows) error {
			var i coproduce.AgendaItem
			var proposer sql.NullInt64
			if err := r.Scan(&i.ID, &i.MeetingID, &i.Position, &i.Kind, &i.Title, &i.Description, &proposer, &i.ProposerConstituency, &i.CreatedAt); err != nil {
				return err
			}
			i.ProposerMemberID, i.CreatedAt = proposer.Int64, i.CreatedAt.UTC()
			items = append(items, &i)
			return nil
		})
	return items, err
}

// ProposeItem adds a member's item to a meeting's agenda, after the items
// already proposed, recording the proposer and their constituency. Returns
// a *coproduce.ValidationError for a bad item and coproduce.ErrNotFound for
// a meeting not of the proposer's group.
func (db *DB) ProposeItem(ctx context.Context, actorID int64, proposer *coproduce.Member, meetingID int64, item *coproduce.AgendaItem) error {
	if err := item.Validate(); err != nil {
		return err
	}
	item.ID, item.MeetingID, item.Kind, item.CreatedAt = coproduce.NewID(), meetingID, coproduce.ItemProposed, db.now()
	item.ProposerMemberID, item.ProposerConstituency = proposer.ID, proposer.Constituency
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var last sql.NullInt64
		err := tx.QueryRowContext(ctx,
			`SELECT MAX(a.position) FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id
			WHERE a.meeting_id = $1 AND m.group_id = $2 AND a.position < 1000`, meetingID, proposer.GroupID).Scan(&last)
		if err != nil {
			return err
		}
		if !last.Valid {
			return coproduce.ErrNotFound
		}
		item.Position = int(last.Int64) + 10
		if item.Position >= 1000 {
			item.Position = 999
		}
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO agenda_items (id, meeting_id, position, kind, title, description, proposer_member_id, proposer_constituency, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			item.ID, meetingID, item.Position, item.Kind, item.Title, item.Description, proposer.ID, proposer.Constituency, item.CreatedAt); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: proposer.GroupID, ActorID: actorID, Action: "agenda.proposed", Entity: "agenda-item", EntityID: item.ID,
			Summary: fmt.Sprintf("item proposed by member %d (%s) for meeting %d", proposer.ID, proposer.Constituency, meetingID),
		})
	})
}

// MoveItem moves a proposed item one place up (-1) or down (+1) among the
// proposed items, swapping it with its neighbour. Fixed items stay where
// they are. Returns coproduce.ErrNotFound for an item that is not a
// proposed item of a meeting of the group; moving past the end changes
// nothing.
func (db *DB) MoveItem(ctx context.Context, actorID, groupID, meetingID, itemID int64, by int) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		items := []struct {
			id  int64
			pos int
		}{}
		rows, err := tx.QueryContext(ctx,
			`SELECT a.id, a.position FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id
			WHERE a.meeting_id = $1 AND m.group_id = $2 AND a.kind = 'proposed' ORDER BY a.position, a.created_at, a.id`, meetingID, groupID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var it struct {
				id  int64
				pos int
			}
			if err := rows.Scan(&it.id, &it.pos); err != nil {
				rows.Close()
				return err
			}
			items = append(items, it)
		}
		rows.Close()
		at := -1
		for i, it := range items {
			if it.id == itemID {
				at = i
			}
		}
		if at < 0 {
			return coproduce.ErrNotFound
		}
		to := at + by
		if to < 0 || to >= len(items) {
			return nil
		}
		items[at], items[to] = items[to], items[at]
		// Renumber every proposed item, so equal positions cannot stall a
		// move.
		for i, it := range items {
			if _, err := tx.ExecContext(ctx, `UPDATE agenda_items SET position = $1 WHERE id = $2`, 30+i*10, it.id); err != nil {
				return err
			}
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: groupID, ActorID: actorID, Action: "agenda.reordered", Entity: "agenda-item", EntityID: itemID,
			Summary: fmt.Sprintf("moved from place %d to %d among proposed items", at+1, to+1),
		})
	})
}

// CancelMeeting calls a meeting off, with an audit entry. Calendar feeds
// then show it as cancelled. Cancelling again changes nothing. Returns
// coproduce.ErrNotFound for a meeting not of the group.
func (db *DB) CancelMeeting(ctx context.Context, actorID, groupID, meetingID int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE meetings SET cancelled_at = $1 WHERE id = $2 AND group_id = $3 AND cancelled_at IS NULL`,
			db.now(), meetingID, groupID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return meetingOfGroup(ctx, tx, groupID, meetingID) // nil if it was already cancelled
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: groupID, ActorID: actorID, Action: "meeting.cancelled",
			Entity: "meeting", EntityID: meetingID, Summary: "cancelled"})
	})
}
