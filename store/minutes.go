package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"coproduce"
)

// RecordAttendance records who came to a meeting: present, sent apologies
// or absent, for each member id given. Members must belong to the
// meeting's group. Returns coproduce.ErrNotFound for a meeting not of the
// group and a *coproduce.ValidationError for unknown members or values.
func (db *DB) RecordAttendance(ctx context.Context, actorID, groupID, meetingID int64, attendance map[int64]coproduce.Attendance) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := meetingOfGroup(ctx, tx, groupID, meetingID); err != nil {
			return err
		}
		counts := map[coproduce.Attendance]int{}
		now := db.now()
		for memberID, a := range attendance {
			var ok bool
			if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM members WHERE id = $1 AND group_id = $2)`, memberID, groupID).Scan(&ok); err != nil {
				return err
			}
			if !ok || !a.Valid() {
				var v coproduce.ValidationError
				v.Add("attendance", "Choose present, apologies or absent for each member.")
				return &v
			}
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO attendance (meeting_id, member_id, status, recorded_at) VALUES ($1, $2, $3, $4)
				ON CONFLICT (meeting_id, member_id) DO UPDATE SET status = excluded.status, recorded_at = excluded.recorded_at`,
				meetingID, memberID, a, now); err != nil {
				return err
			}
			counts[a]++
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: groupID, ActorID: actorID, Action: "meeting.attendance", Entity: "meeting", EntityID: meetingID,
			Summary: fmt.Sprintf("%d present, %d apologies, %d absent", counts[coproduce.Present], counts[coproduce.Apologies], counts[coproduce.Absent]),
		})
	})
}

func meetingOfGroup(ctx context.Context, tx *sql.Tx, groupID, meetingID int64) error {
	var ok bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM meetings WHERE id = $1 AND group_id = $2)`, meetingID, groupID).Scan(&ok); err != nil {
		return err
	}
	if !ok {
		return coproduce.ErrNotFound
	}
	return nil
}

// FindAttendance returns a meeting's attendance by member id.
func (db *DB) FindAttendance(ctx context.Context, meetingID int64) (map[int64]coproduce.Attendance, error) {
	out := map[int64]coproduce.Attendance{}
	err := db.collect(ctx, `SELECT member_id, status FROM attendance WHERE meeting_id = $1`, []any{meetingID}, func(r *sql.Rows) error {
		var id int64
		var a coproduce.Attendance
		err := r.Scan(&id, &a)
		out[id] = a
		return err
	})
	return out, err
}

// FindMinutes returns a meeting's minutes with the corrections sent in, or
// coproduce.ErrNotFound if none have been written.
func (db *DB) FindMinutes(ctx context.Context, meetingID int64) (*coproduce.Minutes, error) {
	var m coproduce.Minutes
	var circulated, approved sql.NullTime
	var at sql.NullInt64
	err := db.sql.QueryRowContext(ctx,
		`SELECT meeting_id, body, status, visibility, updated_at, circulated_at, approved_at, approved_at_meeting FROM minutes WHERE meeting_id = $1`, meetingID).
		Scan(&m.MeetingID, &m.Body, &m.Status, &m.Visibility, &m.UpdatedAt, &circulated, &approved, &at)
	if err != nil {
		return nil, db.dialect.mapError(err)
	}
	m.UpdatedAt, m.CirculatedAt, m.ApprovedAt, m.ApprovedAtMeeting = m.UpdatedAt.UTC(), utc(circulated), utc(approved), at.Int64
	err = db.collect(ctx, `SELECT id, member_id, text, created_at FROM minutes_corrections WHERE meeting_id = $1 ORDER BY created_at, id`, []any{meetingID},
		func(r *sql.Rows) error {
			var c coproduce.Correction
			err := r.Scan(&c.ID, &c.MemberID, &c.Text, &c.CreatedAt)
			c.CreatedAt = c.CreatedAt.UTC()
			m.Corrections = append(m.Corrections, c)
			return err
		})
	return &m, err
}

// fieldError is a problem with one field that only the store can see,
// worded for a person.
func fieldError(field, message string) error {
	var v coproduce.ValidationError
	v.Add(field, message)
	return &v
}

// stateError is a lifecycle step that cannot be taken now, worded for a
// person.
func stateError(message string) error { return fieldError("status", message) }

// SaveMinutes writes a meeting's minutes: new ones start as a draft;
// existing ones may change only while a draft or being corrected. Returns
// coproduce.ErrNotFound for a meeting not of the group and a
// *coproduce.ValidationError for bad text or a step not allowed now.
func (db *DB) SaveMinutes(ctx context.Context, actorID, groupID int64, m *coproduce.Minutes) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := meetingOfGroup(ctx, tx, groupID, m.MeetingID); err != nil {
			return err
		}
		var status coproduce.MinutesStatus
		err := tx.QueryRowContext(ctx, `SELECT status FROM minutes WHERE meeting_id = $1`, m.MeetingID).Scan(&status)
		now := db.now()
		switch {
		case err == sql.ErrNoRows:
			m.Status = coproduce.MinutesDraft
			_, err = tx.ExecContext(ctx, `INSERT INTO minutes (meeting_id, body, status, visibility, updated_at) VALUES ($1, $2, $3, $4, $5)`,
				m.MeetingID, m.Body, m.Status, m.Visibility, now)
		case err != nil:
			return err
		case status != coproduce.MinutesDraft && status != coproduce.MinutesCorrections:
			return stateError("Circulated or approved minutes cannot be changed. Ask for a correction instead.")
		default:
			m.Status = status
			_, err = tx.ExecContext(ctx, `UPDATE minutes SET body = $1, visibility = $2, updated_at = $3 WHERE meeting_id = $4`,
				m.Body, m.Visibility, now, m.MeetingID)
		}
		if err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: groupID, ActorID: actorID, Action: "minutes.saved", Entity: "minutes", EntityID: m.MeetingID,
			Summary: "minutes written (" + string(m.Status) + ")",
		})
	})
}

// CirculateMinutes sends draft or corrected minutes to the members.
// Returns a *coproduce.ValidationError when there are none or they are
// already circulated or approved.
func (db *DB) CirculateMinutes(ctx context.Context, actorID, groupID, meetingID int64) error {
	return db.minutesStep(ctx, actorID, groupID, meetingID, "minutes.circulated",
		[]coproduce.MinutesStatus{coproduce.MinutesDraft, coproduce.MinutesCorrections},
		"Only draft or corrected minutes can be circulated.",
		`UPDATE minutes SET status = 'circulated', circulated_at = $1 WHERE meeting_id = $2`)
}

// AddCorrection records a member's correction to circulated minutes, which
// puts them back into correction. Returns a *coproduce.ValidationError for
// an empty correction or minutes not circulated.
func (db *DB) AddCorrection(ctx context.Context, actorID int64, member *coproduce.Member, meetingID int64, text string) error {
	if strings.TrimSpace(text) == "" {
		var v coproduce.ValidationError
		v.Add("correction", "Say what is wrong in the minutes and what they should say.")
		return &v
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := db.minutesStepTx(ctx, tx, actorID, member.GroupID, meetingID, "minutes.correction",
			[]coproduce.MinutesStatus{coproduce.MinutesCirculated, coproduce.MinutesCorrections},
			"Corrections can be sent only while the minutes are circulated.",
			`UPDATE minutes SET status = 'corrections', updated_at = $1 WHERE meeting_id = $2`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO minutes_corrections (id, meeting_id, member_id, text, created_at) VALUES ($1, $2, $3, $4, $5)`,
			coproduce.NewID(), meetingID, member.ID, strings.TrimSpace(text), db.now())
		return err
	})
}

// ApproveMinutes records that circulated minutes were approved at a later
// meeting of the group. Returns a *coproduce.ValidationError when they are
// not circulated or the meeting is not a later one of the group.
func (db *DB) ApproveMinutes(ctx context.Context, actorID, groupID, meetingID, atMeetingID int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var later bool
		err := tx.QueryRowContext(ctx,
			`SELECT EXISTS (SELECT 1 FROM meetings a JOIN meetings b ON b.group_id = a.group_id
			WHERE a.id = $1 AND b.id = $2 AND a.group_id = $3 AND b.starts_at > a.starts_at)`, meetingID, atMeetingID, groupID).Scan(&later)
		if err != nil {
			return err
		}
		if !later {
			var v coproduce.ValidationError
			v.Add("approved_at", "Choose the later meeting at which the minutes were approved.")
			return &v
		}
		if err := db.minutesStepTx(ctx, tx, actorID, groupID, meetingID, "minutes.approved",
			[]coproduce.MinutesStatus{coproduce.MinutesCirculated},
			"Only circulated minutes, with any corrections made and circulated again, can be approved.",
			`UPDATE minutes SET status = 'approved', approved_at = $1 WHERE meeting_id = $2`); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE minutes SET approved_at_meeting = $1 WHERE meeting_id = $2`, atMeetingID, meetingID)
		return err
	})
}

func (db *DB) minutesStep(ctx context.Context, actorID, groupID, meetingID int64, action string, from []coproduce.MinutesStatus, refusal, update string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		return db.minutesStepTx(ctx, tx, actorID, groupID, meetingID, action, from, refusal, update)
	})
}

// minutesStepTx moves minutes through their lifecycle: it checks they are
// in one of the from statuses, runs update (with $1 the time and $2 the
// meeting id), and appends to the audit trail.
func (db *DB) minutesStepTx(ctx context.Context, tx *sql.Tx, actorID, groupID, meetingID int64, action string, from []coproduce.MinutesStatus, refusal, update string) error {
	if err := meetingOfGroup(ctx, tx, groupID, meetingID); err != nil {
		return err
	}
	var status coproduce.MinutesStatus
	err := tx.QueryRowContext(ctx, `SELECT status FROM minutes WHERE meeting_id = $1`, meetingID).Scan(&status)
	if err == sql.ErrNoRows {
		return stateError("There are no minutes for this meeting yet.")
	}
	if err != nil {
		return err
	}
	allowed := false
	for _, s := range from {
		allowed = allowed || s == status
	}
	if !allowed {
		return stateError(refusal)
	}
	if _, err := tx.ExecContext(ctx, update, db.now(), meetingID); err != nil {
		return err
	}
	return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
		GroupID: groupID, ActorID: actorID, Action: action, Entity: "minutes", EntityID: meetingID, Summary: "was " + string(status),
	})
}

// FindMeetingsWithPublishedMinutes returns a group's meetings whose minutes
// are approved and public, newest first: the latest limit of them, or all
// when limit is 0.
func (db *DB) FindMeetingsWithPublishedMinutes(ctx context.Context, groupID int64, limit int) ([]*coproduce.Meeting, error) {
	var list []*coproduce.Meeting
	q := `SELECT ` + prefixedMeetingColumns + publishedMinutes + ` ORDER BY m.starts_at DESC, m.id`
	args := []any{groupID}
	if limit > 0 {
		q += ` LIMIT $2`
		args = append(args, limit)
	}
	err := db.collect(ctx, q, args,
		func(r *sql.Rows) error {
			m, err := scanMeeting(r)
			list = append(list, m)
			return err
		})
	return list, err
}

// CountPublished counts a group's published decisions and public meetings
// with approved public minutes, for a page that lists only the latest.
func (db *DB) CountPublished(ctx context.Context, groupID int64) (decisions, minutes int, err error) {
	err = db.sql.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM decisions WHERE group_id = $1 AND published),
		(SELECT COUNT(*)`+publishedMinutes+`)`, groupID).Scan(&decisions, &minutes)
	return decisions, minutes, err
}

// publishedMinutes is the FROM and WHERE of a group's ($1) public
// meetings whose minutes are approved and public.
const publishedMinutes = ` FROM meetings m JOIN minutes n ON n.meeting_id = m.id
	WHERE m.group_id = $1 AND m.visibility = 'public' AND n.status = 'approved' AND n.visibility = 'public'`

const prefixedMeetingColumns = `m.id, m.group_id, m.title, m.starts_at, m.minutes, m.venue, m.online_link, m.host_member_id, m.access_notes, m.visibility, m.created_at, m.cancelled_at`
