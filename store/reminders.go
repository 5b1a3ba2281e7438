package store

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"coproduce"
)

// Reminder is something a notification is due for, across every group,
// with the people it goes to. The web layer words it.
type Reminder struct {
	Kind    coproduce.NotificationKind
	Key     string // the same for every look at the same occasion, so it is sent once
	Group   *GroupRef
	UserIDs []int64
	Title   string    // the meeting, request, action, round or red line, or the member whose review is due
	When    time.Time // the meeting's start, the due date or the round's last day
	Path    string    // the page to act on, under the group's address
	Items   []string  // the papers, where there are any
	Meeting *coproduce.Meeting
}

// GroupRef names a group and its organisation.
type GroupRef struct {
	ID                int64
	Name, Slug        string
	OrgSlug           string
	PaperDeadlineDays int
}

// Windows for the reminders: how far ahead a due date is warned of, and
// how far back a missed one or a fresh event is still worth telling.
const (
	dueSoon    = 3 * 24 * time.Hour
	reviewSoon = 14 * 24 * time.Hour
	stillNews  = 24 * time.Hour
	stillOwed  = 30 * 24 * time.Hour
)

// reminderMember is a current member, for working out recipients.
type reminderMember struct {
	ID, UserID, GroupID int64
	Name                string
	Role                coproduce.Role
	Constituency        coproduce.Constituency
	JoinedAt            time.Time
	Away                bool // on time out now
}

// FindReminders looks across every group for what is due a notification
// at now: papers circulated or due, meetings tomorrow, minutes out for
// corrections, information requests due or overdue, health check rounds
// opening or closing, training and red-line reviews due, and actions
// overdue. It reads each kind of record once, for all groups together.
// The same occasion gives the same Key every time, so calling it again
// finds it again; CreateNotification sends it once.
func (db *DB) FindReminders(ctx context.Context, now time.Time) ([]Reminder, error) {
	groups := map[int64]*GroupRef{}
	if err := db.collect(ctx, `SELECT g.id, g.name, g.slug, o.slug, g.paper_deadline_days FROM steering_groups g JOIN organisations o ON o.id = g.organisation_id`,
		nil, func(r *sql.Rows) error {
			var g GroupRef
			err := r.Scan(&g.ID, &g.Name, &g.Slug, &g.OrgSlug, &g.PaperDeadlineDays)
			groups[g.ID] = &g
			return err
		}); err != nil {
		return nil, err
	}
	members := map[int64][]*reminderMember{} // by group
	byID := map[int64]*reminderMember{}
	if err := db.collect(ctx, `SELECT m.id, m.user_id, m.group_id, COALESCE(u.name, ''), m.role, m.constituency, m.joined_at,
		EXISTS (SELECT 1 FROM time_out t WHERE t.member_id = m.id AND t.from_day <= $1 AND (t.until_day IS NULL OR t.until_day > $1))
		FROM members m JOIN users u ON u.id = m.user_id WHERE m.left_at IS NULL AND u.disabled_at IS NULL`, []any{now},
		func(r *sql.Rows) error {
			var m reminderMember
			if err := r.Scan(&m.ID, &m.UserID, &m.GroupID, &m.Name, &m.Role, &m.Constituency, &m.JoinedAt, &m.Away); err != nil {
				return err
			}
			members[m.GroupID] = append(members[m.GroupID], &m)
			byID[m.ID] = &m
			return nil
		}); err != nil {
		return nil, err
	}
	// present is every current member of a group not on time out.
	present := func(groupID int64, keep func(*reminderMember) bool) []int64 {
		var ids []int64
		for _, m := range members[groupID] {
			if !m.Away && (keep == nil || keep(m)) {
				ids = append(ids, m.UserID)
			}
		}
		return ids
	}
	var out []Reminder
	add := func(r Reminder) {
		if r.Group = groups[r.Group.ID]; r.Group != nil && len(r.UserIDs) > 0 {
			out = append(out, r)
		}
	}
	day := func(t time.Time) string { return t.In(coproduce.London).Format(time.DateOnly) }
	id := func(n int64) string { return strconv.FormatInt(n, 10) }

	// Meetings: tomorrow's, and those whose papers are due soon.
	tomorrow := day(now.AddDate(0, 0, 1))
	var meetings []*coproduce.Meeting
	if err := db.collect(ctx, `SELECT `+meetingColumns+` FROM meetings WHERE cancelled_at IS NULL AND starts_at > $1 AND starts_at < $2 ORDER BY starts_at, id`,
		[]any{now, now.Add(30 * 24 * time.Hour)}, func(r *sql.Rows) error {
			m, err := scanMeeting(r)
			meetings = append(meetings, m)
			return err
		}); err != nil {
		return nil, err
	}
	type paperRow struct {
		ID, MeetingID, UploadedBy int64
		Title                     string
		Visibility                coproduce.Visibility
		Circulated                sql.NullTime
	}
	papersOf := map[int64][]paperRow{}
	if err := db.collect(ctx, `SELECT p.id, p.meeting_id, COALESCE(p.uploaded_by, 0), p.title, p.visibility, p.circulated_at FROM papers p JOIN meetings m ON m.id = p.meeting_id
		WHERE (m.starts_at > $1 AND m.starts_at < $2) OR p.circulated_at > $3 ORDER BY p.uploaded_at, p.id`,
		[]any{now, now.Add(30 * 24 * time.Hour), now.Add(-stillNews)}, func(r *sql.Rows) error {
			var p paperRow
			err := r.Scan(&p.ID, &p.MeetingID, &p.UploadedBy, &p.Title, &p.Visibility, &p.Circulated)
			papersOf[p.MeetingID] = append(papersOf[p.MeetingID], p)
			return err
		}); err != nil {
		return nil, err
	}
	for _, m := range meetings {
		path := "/meetings/" + id(m.ID)
		if day(m.StartsAt) == tomorrow {
			add(Reminder{Kind: coproduce.NotifyMeetingTomorrow, Key: "meeting-tomorrow:" + id(m.ID), Group: &GroupRef{ID: m.GroupID},
				UserIDs: present(m.GroupID, nil), Title: m.Title, When: m.StartsAt, Path: path, Meeting: m})
		}
		g := groups[m.GroupID]
		if g == nil {
			continue
		}
		deadline := coproduce.CirculationDeadline(m.StartsAt, g.PaperDeadlineDays)
		if deadline.Before(now) || deadline.Sub(now) > dueSoon {
			continue
		}
		var waiting []string
		uploaders := map[int64]bool{}
		circulated := 0
		for _, p := range papersOf[m.ID] {
			if p.Circulated.Valid {
				circulated++
				continue
			}
			waiting = append(waiting, p.Title)
			uploaders[p.UploadedBy] = true
		}
		if circulated > 0 && len(waiting) == 0 {
			continue // all out already
		}
		// Papers come from those who lead the group and the organisation's
		// side, and from whoever uploaded one not yet sent.
		add(Reminder{Kind: coproduce.NotifyPapersDue, Key: "papers-due:" + id(m.ID) + ":" + day(deadline), Group: &GroupRef{ID: m.GroupID},
			UserIDs: present(m.GroupID, func(x *reminderMember) bool {
				return x.Role.Leads() || x.Constituency == coproduce.OrganisationSide || uploaders[x.UserID]
			}), Title: m.Title, When: deadline, Path: path, Items: waiting})
	}

	// Papers circulated in the last day, meeting by meeting, to each member
	// who may see them: restricted papers only to those named.
	audience := map[int64]map[int64]bool{} // paper → member ids
	if err := db.collect(ctx, `SELECT a.paper_id, a.member_id FROM paper_audience a JOIN papers p ON p.id = a.paper_id WHERE p.circulated_at > $1`,
		[]any{now.Add(-stillNews)}, func(r *sql.Rows) error {
			var paper, member int64
			if err := r.Scan(&paper, &member); err != nil {
				return err
			}
			if audience[paper] == nil {
				audience[paper] = map[int64]bool{}
			}
			audience[paper][member] = true
			return nil
		}); err != nil {
		return nil, err
	}
	circulatedMeetings := map[int64]*coproduce.Meeting{}
	if err := db.collect(ctx, `SELECT DISTINCT `+prefixedMeetingColumns+` FROM meetings m JOIN papers p ON p.meeting_id = m.id WHERE p.circulated_at > $1`,
		[]any{now.Add(-stillNews)}, func(r *sql.Rows) error {
			m, err := scanMeeting(r)
			if err == nil {
				circulatedMeetings[m.ID] = m
			}
			return err
		}); err != nil {
		return nil, err
	}
	for _, m := range circulatedMeetings {
		for _, x := range members[m.GroupID] {
			if x.Away {
				continue
			}
			var titles []string
			var latest time.Time
			for _, p := range papersOf[m.ID] {
				if !p.Circulated.Valid || !p.Circulated.Time.After(now.Add(-stillNews)) {
					continue
				}
				if p.Visibility == coproduce.Restricted && !audience[p.ID][x.ID] {
					continue
				}
				titles = append(titles, p.Title)
				if p.Circulated.Time.After(latest) {
					latest = p.Circulated.Time
				}
			}
			if len(titles) == 0 {
				continue
			}
			add(Reminder{Kind: coproduce.NotifyPapersCirculated, Key: "papers-circulated:" + id(m.ID) + ":" + day(latest), Group: &GroupRef{ID: m.GroupID},
				UserIDs: []int64{x.UserID}, Title: m.Title, When: m.StartsAt, Path: "/meetings/" + id(m.ID), Items: titles})
		}
	}

	// Minutes sent out for corrections in the last day.
	if err := db.collect(ctx, `SELECT `+prefixedMeetingColumns+`, n.circulated_at FROM minutes n JOIN meetings m ON m.id = n.meeting_id
		WHERE n.status = 'circulated' AND n.circulated_at > $1`, []any{now.Add(-stillNews)}, func(r *sql.Rows) error {
		var at time.Time
		m, err := scanMeeting(scanWithExtraRow{r, []any{&at}})
		if err != nil {
			return err
		}
		add(Reminder{Kind: coproduce.NotifyMinutesReady, Key: "minutes-ready:" + id(m.ID) + ":" + strconv.FormatInt(at.Unix(), 10), Group: &GroupRef{ID: m.GroupID},
			UserIDs: present(m.GroupID, nil), Title: m.Title, When: m.StartsAt, Path: "/meetings/" + id(m.ID)})
		return nil
	}); err != nil {
		return nil, err
	}

	// Information requests due soon (to whoever answers) and overdue (to
	// them and the asker).
	if err := db.collect(ctx, `SELECT `+infoRequestColumns+` FROM info_requests WHERE answered_at IS NULL AND due_at > $1 AND due_at < $2`,
		[]any{now.Add(-stillOwed), now.Add(dueSoon)}, func(rows *sql.Rows) error {
			q, err := scanInfoRequest(rows)
			if err != nil {
				return err
			}
			answerers := present(q.GroupID, func(x *reminderMember) bool {
				if q.AskedOfMemberID != 0 {
					return x.ID == q.AskedOfMemberID
				}
				return x.Constituency == coproduce.OrganisationSide
			})
			r := Reminder{Group: &GroupRef{ID: q.GroupID}, Title: q.Question, When: q.DueAt, Path: "/requests"}
			if q.DueAt.After(now) {
				r.Kind, r.Key, r.UserIDs = coproduce.NotifyRequestDue, "request-due:"+id(q.ID), answerers
			} else {
				r.Kind, r.Key = coproduce.NotifyRequestOverdue, "request-overdue:"+id(q.ID)
				r.UserIDs = answerers
				if asker := byID[q.AskedBy]; asker != nil && !asker.Away {
					r.UserIDs = append(r.UserIDs, asker.UserID)
				}
			}
			add(r)
			return nil
		}); err != nil {
		return nil, err
	}

	// Health check rounds that have opened, and those closing within two
	// days, to everyone present: a reminder only to those who have not
	// answered would leave a record of who had.
	if err := db.collect(ctx, `SELECT `+healthRoundColumns+` FROM health_rounds WHERE closed_at IS NULL AND opens_on < $1 AND closes_on > $2`,
		[]any{now.Add(36 * time.Hour), now.Add(-36 * time.Hour)}, func(r *sql.Rows) error {
			round, err := scanHealthRound(r)
			if err != nil {
				return err
			}
			if !round.Started(now) || round.Closed(now) {
				return nil
			}
			path := "/health/" + id(round.ID)
			if now.Sub(round.OpensOn) < 36*time.Hour {
				add(Reminder{Kind: coproduce.NotifyHealthOpen, Key: "health-open:" + id(round.ID), Group: &GroupRef{ID: round.GroupID},
					UserIDs: present(round.GroupID, nil), Title: round.Title, When: round.ClosesOn, Path: path})
			}
			if round.ClosesOn.Add(12*time.Hour).Sub(now) <= 48*time.Hour {
				add(Reminder{Kind: coproduce.NotifyHealthClosing, Key: "health-closing:" + id(round.ID), Group: &GroupRef{ID: round.GroupID},
					UserIDs: present(round.GroupID, nil), Title: round.Title, When: round.ClosesOn, Path: path})
			}
			return nil
		}); err != nil {
		return nil, err
	}

	// Training reviews due within two weeks, to the member and those who
	// lead; none while the member is on time out.
	lastReview := map[int64]time.Time{}
	if err := db.collect(ctx, `SELECT member_id, held_on FROM training_reviews`, nil, func(r *sql.Rows) error {
		var member int64
		var held time.Time
		if err := r.Scan(&member, &held); err != nil {
			return err
		}
		if held.After(lastReview[member]) {
			lastReview[member] = held
		}
		return nil
	}); err != nil {
		return nil, err
	}
	for groupID, list := range members {
		for _, m := range list {
			var last *coproduce.TrainingReview
			if held, ok := lastReview[m.ID]; ok {
				last = &coproduce.TrainingReview{HeldOn: held}
			}
			due := coproduce.ReviewDue(&coproduce.Member{JoinedAt: m.JoinedAt}, last)
			if m.Away || due.Sub(now) > reviewSoon || now.Sub(due) > stillOwed {
				continue
			}
			add(Reminder{Kind: coproduce.NotifyReviewDue, Key: "review-due:training:" + id(m.ID) + ":" + day(due), Group: &GroupRef{ID: groupID},
				UserIDs: present(groupID, func(x *reminderMember) bool { return x.ID == m.ID || x.Role.Leads() }),
				Title:   m.Name, When: due, Path: "/training"})
		}
	}
	// Red lines and constraints due for review, to those who lead.
	if err := db.collect(ctx, `SELECT id, group_id, title, review_by FROM red_lines WHERE retired_at IS NULL AND review_by > $1 AND review_by < $2`,
		[]any{now.Add(-stillOwed), now.Add(reviewSoon)}, func(r *sql.Rows) error {
			var lineID, groupID int64
			var title string
			var by time.Time
			if err := r.Scan(&lineID, &groupID, &title, &by); err != nil {
				return err
			}
			add(Reminder{Kind: coproduce.NotifyReviewDue, Key: "review-due:red-line:" + id(lineID) + ":" + day(by), Group: &GroupRef{ID: groupID},
				UserIDs: present(groupID, func(x *reminderMember) bool { return x.Role.Leads() }), Title: title, When: by, Path: "/red-lines"})
			return nil
		}); err != nil {
		return nil, err
	}

	// Open actions past their due date, to their owner.
	if err := db.collect(ctx, `SELECT `+actionColumns+` FROM actions WHERE status = 'open' AND owner_member_id IS NOT NULL AND due < $1 AND due > $2`,
		[]any{now, now.Add(-stillOwed)}, func(r *sql.Rows) error {
			a, err := scanAction(r)
			if err != nil {
				return err
			}
			if owner := byID[a.OwnerMemberID]; owner != nil && !owner.Away {
				add(Reminder{Kind: coproduce.NotifyActionOverdue, Key: "action-overdue:" + id(a.ID) + ":" + day(a.Due), Group: &GroupRef{ID: a.GroupID},
					UserIDs: []int64{owner.UserID}, Title: a.Title, When: a.Due, Path: "/actions"})
			}
			return nil
		}); err != nil {
		return nil, err
	}
	return out, nil
}
