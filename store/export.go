package store

import (
	"context"
	"database/sql"

	"coproduce"
)

// The Each functions read a group's records for a download one row at a
// time, oldest first, handing each to fn as it comes: however many there
// are, only one is in memory at once. An error from fn stops the reading
// and is returned.

// EachDecision reads a group's decisions, each with its constituencies'
// positions.
func (db *DB) EachDecision(ctx context.Context, groupID int64, fn func(*coproduce.Decision) error) error {
	position := func(c coproduce.Constituency) string {
		return `(SELECT p.position FROM decision_positions p WHERE p.decision_id = decisions.id AND p.constituency = '` + string(c) + `')`
	}
	sides := []coproduce.Constituency{coproduce.Residents, coproduce.OrganisationSide, coproduce.Independent}
	q := `SELECT ` + decisionColumns
	for _, c := range sides {
		q += `, ` + position(c)
	}
	q += ` FROM decisions WHERE group_id = $1 ORDER BY decided_on, created_at, id`
	return db.collect(ctx, q, []any{groupID}, func(r *sql.Rows) error {
		positions := make([]sql.NullString, len(sides))
		extra := make([]any, len(sides))
		for i := range positions {
			extra[i] = &positions[i]
		}
		d, err := scanDecision(scanWithExtraRow{r, extra})
		if err != nil {
			return err
		}
		for i, c := range sides {
			if positions[i].Valid {
				d.Positions[c] = coproduce.Position(positions[i].String)
			}
		}
		return fn(d)
	})
}

// AttendanceCounts is how many members were recorded present, sent
// apologies or were absent at a meeting.
type AttendanceCounts struct{ Present, Apologies, Absent int }

// EachMeeting reads a group's meetings, each with its attendance counts.
func (db *DB) EachMeeting(ctx context.Context, groupID int64, fn func(*coproduce.Meeting, AttendanceCounts) error) error {
	count := func(status coproduce.Attendance) string {
		return `(SELECT COUNT(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status = '` + string(status) + `')`
	}
	return db.collect(ctx, `SELECT `+prefixedMeetingColumns+`, `+count(coproduce.Present)+`, `+count(coproduce.Apologies)+`, `+count(coproduce.Absent)+`
		FROM meetings m WHERE m.group_id = $1 ORDER BY m.starts_at, m.id`, []any{groupID},
		func(r *sql.Rows) error {
			var c AttendanceCounts
			m, err := scanMeeting(scanWithExtraRow{r, []any{&c.Present, &c.Apologies, &c.Absent}})
			if err != nil {
				return err
			}
			return fn(m, c)
		})
}

// AttendanceRow is one member's attendance at one meeting.
type AttendanceRow struct {
	Meeting      *coproduce.Meeting
	MemberID     int64
	MemberName   string // "" once their account is erased
	Constituency coproduce.Constituency
	Status       coproduce.Attendance
}

// EachAttendance reads the attendance recorded at a group's meetings,
// meeting by meeting.
func (db *DB) EachAttendance(ctx context.Context, groupID int64, fn func(AttendanceRow) error) error {
	return db.collect(ctx, `SELECT `+prefixedMeetingColumns+`, a.member_id, COALESCE(u.name, ''), mb.constituency, a.status
		FROM attendance a JOIN meetings m ON m.id = a.meeting_id JOIN members mb ON mb.id = a.member_id LEFT JOIN users u ON u.id = mb.user_id
		WHERE m.group_id = $1 ORDER BY m.starts_at, m.id, mb.constituency, u.name, a.member_id`, []any{groupID},
		func(r *sql.Rows) error {
			var row AttendanceRow
			var err error
			row.Meeting, err = scanMeeting(scanWithExtraRow{r, []any{&row.MemberID, &row.MemberName, &row.Constituency, &row.Status}})
			if err != nil {
				return err
			}
			return fn(row)
		})
}

// EachInfoRequest reads a group's information requests.
func (db *DB) EachInfoRequest(ctx context.Context, groupID int64, fn func(*coproduce.InfoRequest) error) error {
	return db.collect(ctx, `SELECT `+infoRequestColumns+` FROM info_requests WHERE group_id = $1 ORDER BY asked_at, id`, []any{groupID},
		func(rows *sql.Rows) error {
			r, err := scanInfoRequest(rows)
			if err != nil {
				return err
			}
			return fn(r)
		})
}

// EachAction reads a group's actions.
func (db *DB) EachAction(ctx context.Context, groupID int64, fn func(*coproduce.Action) error) error {
	return db.collect(ctx, `SELECT `+actionColumns+` FROM actions WHERE group_id = $1 ORDER BY created_at, id`, []any{groupID},
		func(r *sql.Rows) error {
			a, err := scanAction(r)
			if err != nil {
				return err
			}
			return fn(a)
		})
}

// EachOutreach reads a group's outreach log. With memberID other than 0,
// only that member's entries.
func (db *DB) EachOutreach(ctx context.Context, groupID, memberID int64, fn func(*coproduce.Outreach) error) error {
	q, args := `SELECT `+outreachColumns+` FROM outreach WHERE group_id = $1`, []any{groupID}
	if memberID != 0 {
		q, args = q+` AND member_id = $2`, append(args, memberID)
	}
	return db.collect(ctx, q+` ORDER BY on_day, created_at, id`, args, func(r *sql.Rows) error {
		o, err := scanOutreach(r)
		if err != nil {
			return err
		}
		return fn(o)
	})
}
