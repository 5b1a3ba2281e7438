package store

import (
	"context"
	"database/sql"
	"time"

	"coproduce"
)

// GroupRecords loads everything the evidence indicators read for the
// period up to asOf, in one query per kind of record whatever the group's
// size.
func (db *DB) GroupRecords(ctx context.Context, g *coproduce.Group, asOf time.Time) (*coproduce.GroupRecords, error) {
	rec := &coproduce.GroupRecords{PaperDeadlineDays: g.PaperDeadlineDays}
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
	load(func() (e error) { rec.Meetings, e = db.FindMeetings(ctx, g.ID, false); return })
	load(func() error {
		return db.collect(ctx, `SELECT a.meeting_id, a.kind, a.proposer_constituency FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id WHERE m.group_id = $1`,
			[]any{g.ID}, func(r *sql.Rows) error {
				var it coproduce.AgendaItem
				err := r.Scan(&it.MeetingID, &it.Kind, &it.ProposerConstituency)
				rec.Agenda = append(rec.Agenda, &it)
				return err
			})
	})
	load(func() (e error) { rec.Papers, e = db.FindGroupPapers(ctx, g.ID); return })
	load(func() error {
		return db.collect(ctx, `SELECT a.meeting_id, a.member_id, a.status FROM attendance a JOIN meetings m ON m.id = a.meeting_id WHERE m.group_id = $1`,
			[]any{g.ID}, func(r *sql.Rows) error {
				var a coproduce.AttendanceRecord
				err := r.Scan(&a.MeetingID, &a.MemberID, &a.Status)
				rec.Attendance = append(rec.Attendance, a)
				return err
			})
	})
	load(func() (e error) { rec.Decisions, e = db.FindDecisions(ctx, g.ID, false); return })
	load(func() (e error) {
		rec.Updates, e = db.FindUpdates(ctx, g.ID, asOf.AddDate(0, 0, -coproduce.UpdatesWindow), time.Time{}, 1000)
		return
	})
	load(func() (e error) { rec.Support, e = db.FindSupportNeeds(ctx, g.ID); return })
	load(func() (e error) { rec.Reviews, e = db.FindTrainingReviews(ctx, g.ID); return })
	load(func() (e error) { rec.SkillsAudits, e = db.FindSkillsAudits(ctx, g.ID); return })
	load(func() (e error) { rec.Outreach, e = db.FindOutreach(ctx, g.ID); return })
	load(func() (e error) { rec.Feedback, e = db.FindFeedback(ctx, g.ID); return })
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
	return rec, err
}
