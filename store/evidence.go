package store

import (
	"context"
	"database/sql"
	"time"

	"coproduce"
)

// GroupRecords loads everything the evidence indicators and look-out
// checks read as of asOf, in one query per kind of record whatever the
// group's size. Meetings (with their agendas, attendance and papers),
// decisions, outreach and feedback come from the evidence period before
// asOf only, so a group with years of records costs no more than one with
// one year; the exception is decisions taken outside the group and never
// explained, which a look-out check lists whatever their age. The other
// kinds are few, or are read for the last of something (the last review,
// the last skills audit), and come whole.
func (db *DB) GroupRecords(ctx context.Context, g *coproduce.Group, asOf time.Time) (*coproduce.GroupRecords, error) {
	rec := &coproduce.GroupRecords{PaperDeadlineDays: g.PaperDeadlineDays}
	// A day's margin, so that a record on the period's first day is in
	// whatever the time of day of its timestamp.
	from := asOf.AddDate(0, -coproduce.EvidencePeriod, -1)
	var err error
	load := func(f func() error) {
		if err == nil {
			err = f()
		}
	}
	load(func() error {
		var adopted time.Time
		err := db.sql.QueryRowContext(ctx, `SELECT adopted_at FROM tor_versions WHERE group_id = $1 AND adopted_at IS NOT NULL
			ORDER BY adopted_at DESC LIMIT 1`, g.ID).Scan(&adopted)
		if err == sql.ErrNoRows {
			return nil
		}
		rec.ToRAdopted = adopted.UTC()
		return err
	})
	load(func() (e error) { rec.Members, e = db.FindMembers(ctx, g.ID, true); return })
	load(func() (e error) {
		rec.Meetings, e = db.findMeetings(ctx, `group_id = $1 AND starts_at >= $2`, g.ID, from)
		return
	})
	load(func() error {
		return db.collect(ctx, `SELECT meeting_id, kind, proposer_constituency FROM agenda_items WHERE meeting_id IN (`+periodMeetings+`)`,
			[]any{g.ID, from}, func(r *sql.Rows) error {
				var it coproduce.AgendaItem
				err := r.Scan(&it.MeetingID, &it.Kind, &it.ProposerConstituency)
				rec.Agenda = append(rec.Agenda, &it)
				return err
			})
	})
	load(func() (e error) {
		rec.Papers, e = db.findPapers(ctx, `p.group_id = $1 AND p.meeting_id IN (`+periodMeetings+`)`,
			"p.uploaded_at DESC, p.id", g.ID, from)
		return
	})
	load(func() error {
		return db.collect(ctx, `SELECT meeting_id, member_id, status FROM attendance WHERE meeting_id IN (`+periodMeetings+`)`,
			[]any{g.ID, from}, func(r *sql.Rows) error {
				var a coproduce.AttendanceRecord
				err := r.Scan(&a.MeetingID, &a.MemberID, &a.Status)
				rec.Attendance = append(rec.Attendance, a)
				return err
			})
	})
	load(func() (e error) {
		rec.Decisions, e = db.findDecisions(ctx, `group_id = $1 AND (decided_on >= $2 OR (outside AND explained_on IS NULL))`, g.ID, from)
		return
	})
	load(func() (e error) {
		rec.Updates, e = db.FindUpdates(ctx, g.ID, asOf.AddDate(0, 0, -coproduce.UpdatesWindow), time.Time{}, 1000)
		return
	})
	load(func() (e error) { rec.Support, e = db.FindSupportNeeds(ctx, g.ID); return })
	load(func() (e error) { rec.Reviews, e = db.FindTrainingReviews(ctx, g.ID); return })
	load(func() (e error) { rec.SkillsAudits, e = db.FindSkillsAudits(ctx, g.ID); return })
	load(func() (e error) {
		rec.Outreach, e = db.findOutreach(ctx, `group_id = $1 AND on_day >= $2`, g.ID, from)
		return
	})
	load(func() (e error) {
		rec.Feedback, e = db.findFeedback(ctx, `f.group_id = $1 AND f.received_on >= $2`, g.ID, from)
		return
	})
	load(func() (e error) { rec.Concerns, e = db.FindConcerns(ctx, g.ID); return })
	load(func() error {
		return db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM facilitators f WHERE f.group_id = $1 AND f.offers <> 'facilitation'
			AND EXISTS (SELECT 1 FROM facilitator_approvals a WHERE a.facilitator_id = f.id AND a.constituency = 'residents')
			AND EXISTS (SELECT 1 FROM facilitator_approvals a WHERE a.facilitator_id = f.id AND a.constituency = 'organisation')`,
			g.ID).Scan(&rec.MediatorsAgreed)
	})
	load(func() (e error) { rec.Requests, e = db.FindInfoRequests(ctx, g.ID); return })
	load(func() (e error) { rec.Reflections, e = db.FindReflections(ctx, g.ID); return })
	load(func() (e error) { rec.TimeOuts, e = db.FindTimeOuts(ctx, g.ID); return })
	load(func() (e error) {
		rec.Checks, e = db.findChecks(ctx, db.sql, `c.group_id = $1 AND c.sent_on >= $2`, g.ID, from)
		return
	})
	return rec, err
}

// periodMeetings selects the ids of a group's ($1) meetings since $2.
const periodMeetings = `SELECT id FROM meetings WHERE group_id = $1 AND starts_at >= $2`
