package store_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"coproduce"
)

// addResident adds a resident representative to g.
func addResident(t *testing.T, db *testDB, g *coproduce.Group, email string) (*coproduce.User, *coproduce.Member) {
	t.Helper()
	u := createUser(t, db, email)
	m := &coproduce.Member{GroupID: g.ID, UserID: u.ID, Role: coproduce.ResidentRepresentative, Constituency: coproduce.Residents}
	if err := db.AddMember(context.Background(), 0, m); err != nil {
		t.Fatal(err)
	}
	return u, m
}

// rowsWith returns every row, in every table of the database, that holds
// the value id in any column, as column name → value.
func rowsWith(t *testing.T, db *testDB, id int64) []map[string]any {
	t.Helper()
	q := `SELECT name FROM sqlite_master WHERE type = 'table'`
	if db.url != "" {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`
	}
	var tables []string
	rows, err := db.raw.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	var out []map[string]any
	for _, table := range tables {
		rows, err := db.raw.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			row := map[string]any{"table": table}
			found := false
			for i, c := range cols {
				row[c] = vals[i]
				if n, ok := vals[i].(int64); ok && n == id {
					found = true
				}
			}
			if found {
				out = append(out, row)
			}
		}
		rows.Close()
	}
	return out
}

func TestConcernsRegister(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, chairMember := groupWithChair(t, db)
		resident, residentMember := addResident(t, db, g, "resident@example.org")
		db.Now = func() time.Time { return time.Date(2026, 11, 20, 15, 4, 5, 0, time.UTC) }

		var verr *coproduce.ValidationError
		if err := db.CreateConcern(ctx, resident.ID, &coproduce.Concern{GroupID: g.ID, Kind: "gripe", RaisedBy: residentMember.ID}); !errors.As(err, &verr) || len(verr.Fields) != 3 {
			t.Fatalf("an empty concern: %v", err)
		}
		if err := db.CreateConcern(ctx, resident.ID, &coproduce.Concern{GroupID: g.ID, Kind: "concern", Title: "T", Details: "D"}); err == nil {
			t.Fatal("an anonymous concern was accepted with an actor for the audit trail")
		}

		named := &coproduce.Concern{GroupID: g.ID, Kind: "disagreement", Title: "Parking", Details: "We disagree about parking.", RaisedBy: residentMember.ID}
		anon := &coproduce.Concern{GroupID: g.ID, Kind: "concern", Title: "Meetings run late", Details: "Meetings overrun by an hour."}
		if err := db.CreateConcern(ctx, resident.ID, named); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateConcern(ctx, 0, anon); err != nil {
			t.Fatal(err)
		}

		if db.url == "" {
			if _, err := db.raw.Exec(`SELECT rowid FROM concerns`); err == nil {
				t.Error("SQLite numbers concerns in the order they were raised")
			}
		}
		// The anonymous concern has no audit entry until its day is out,
		// not even after another change that day: its place in the chain
		// would date it to within the entries around it.
		if rows := rowsWith(t, db, anon.ID); len(rows) != 1 {
			t.Fatalf("rows holding the concern's id on the day: %v", rows)
		}
		post := func() *coproduce.Update {
			u := &coproduce.Update{Kind: "regular", Title: "News", Body: "News."}
			if err := db.PostUpdate(ctx, resident.ID, residentMember, u); err != nil {
				t.Fatal(err)
			}
			return u
		}
		post()
		if rows := rowsWith(t, db, anon.ID); len(rows) != 1 {
			t.Fatalf("rows holding the concern's id after a change the same day: %v", rows)
		}
		// The first change the next day writes it first, dated to its day.
		db.Now = func() time.Time { return time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC) }
		next := post()
		entries, _ := db.FindAuditEntries(ctx, g.ID, 3)
		if len(entries) < 2 || entries[0].EntityID != next.ID || entries[1].EntityID != anon.ID || entries[1].ActorID != 0 ||
			!entries[1].At.Equal(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("the latest entries: %+v", entries)
		}
		if check, err := db.VerifyAudit(ctx, g.ID); err != nil || !check.Whole() {
			t.Errorf("the chain after writing a waiting entry: %+v, %v", check, err)
		}

		// Nothing in the database ties the anonymous concern to anyone,
		// and every time stored with it is only the day.
		rows := rowsWith(t, db, anon.ID)
		if len(rows) != 2 {
			t.Fatalf("rows holding the concern's id: %v", rows)
		}
		for _, row := range rows {
			for col, val := range row {
				switch v := val.(type) {
				case int64:
					if v == resident.ID || v == residentMember.ID {
						t.Errorf("%s.%s names the author", row["table"], col)
					}
				case time.Time:
					if !v.Equal(v.Truncate(24 * time.Hour)) {
						t.Errorf("%s.%s holds the time of day: %v", row["table"], col, v)
					}
				}
			}
			if row["table"] == "audit_log" && row["actor_id"] != nil {
				t.Errorf("the audit entry has an actor: %v", row["actor_id"])
			}
		}
		if n := len(rowsWith(t, db, named.ID)); n != 2 {
			t.Errorf("rows holding the named concern's id: %d", n)
		}

		// The author of the anonymous one cannot move it; the chair can.
		// The named one's author can.
		if err := db.MoveConcern(ctx, resident.ID, residentMember, anon.ID, coproduce.ConcernClosed, 0, "x"); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("a member moving an anonymous concern: %v", err)
		}
		if err := db.MoveConcern(ctx, resident.ID, residentMember, named.ID, coproduce.ConcernMediation, 0, ""); err != nil {
			t.Fatal(err)
		}

		meeting := &coproduce.Meeting{GroupID: g.ID, Title: "December", StartsAt: time.Date(2026, 12, 8, 18, 0, 0, 0, time.UTC), Minutes: 90, Venue: "Hall", Visibility: coproduce.GroupOnly}
		if err := db.CreateMeeting(ctx, chair.ID, meeting); err != nil {
			t.Fatal(err)
		}
		if err := db.MoveConcern(ctx, chair.ID, chairMember, anon.ID, coproduce.ConcernOnAgenda, 0, ""); !errors.As(err, &verr) || verr.Fields[0].Field != "meeting" {
			t.Errorf("on an agenda without a meeting: %v", err)
		}
		if err := db.MoveConcern(ctx, chair.ID, chairMember, anon.ID, coproduce.ConcernOnAgenda, coproduce.NewID(), ""); !errors.As(err, &verr) || verr.Fields[0].Field != "meeting" {
			t.Errorf("on an agenda of a meeting that is not the group's: %v", err)
		}
		if err := db.MoveConcern(ctx, chair.ID, chairMember, anon.ID, coproduce.ConcernOnAgenda, meeting.ID, ""); err != nil {
			t.Fatal(err)
		}
		if err := db.MoveConcern(ctx, chair.ID, chairMember, anon.ID, coproduce.ConcernResolved, 0, " "); !errors.As(err, &verr) || verr.Fields[0].Field != "outcome" {
			t.Errorf("resolved without an outcome: %v", err)
		}
		if err := db.MoveConcern(ctx, chair.ID, chairMember, anon.ID, coproduce.ConcernResolved, 0, "Meetings now end at 8pm."); err != nil {
			t.Fatal(err)
		}
		if err := db.MoveConcern(ctx, chair.ID, chairMember, anon.ID, coproduce.ConcernOpen, 0, ""); !errors.As(err, &verr) || verr.Fields[0].Field != "status" {
			t.Errorf("reopening a resolved concern: %v", err)
		}

		list, err := db.FindConcerns(ctx, g.ID)
		if err != nil || len(list) != 2 {
			t.Fatalf("concerns: %v, %v", list, err)
		}
		if list[0].ID != named.ID || list[0].Status != coproduce.ConcernMediation || list[0].RaisedBy != residentMember.ID {
			t.Errorf("the open concern first: %+v", list[0])
		}
		if got := list[1]; got.Status != coproduce.ConcernResolved || got.MeetingID != meeting.ID || got.Outcome != "Meetings now end at 8pm." || !got.Anonymous() {
			t.Errorf("the resolved concern keeps its meeting and outcome: %+v", got)
		}
		if got, err := db.FindMeetingConcerns(ctx, meeting.ID); err != nil || len(got) != 1 || got[0].ID != anon.ID {
			t.Errorf("the meeting's concerns: %v, %v", got, err)
		}
	})
}

func TestUpdatesFeed(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, _, _ := groupWithChair(t, db)
		resident, residentMember := addResident(t, db, g, "resident@example.org")
		officer := createUser(t, db, "officer@example.org")
		officerMember := &coproduce.Member{GroupID: g.ID, UserID: officer.ID, Role: coproduce.OrganisationRep, Constituency: coproduce.OrganisationSide}
		if err := db.AddMember(ctx, 0, officerMember); err != nil {
			t.Fatal(err)
		}
		var verr *coproduce.ValidationError
		err := db.PostUpdate(ctx, resident.ID, residentMember, &coproduce.Update{Kind: "organisation", Title: "Cabinet", Body: "Cabinet met."})
		if !errors.As(err, &verr) || verr.Fields[0].Field != "kind" {
			t.Errorf("a resident posting as the organisation: %v", err)
		}
		for i, at := range []time.Time{
			time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC),
			time.Date(2026, 10, 20, 9, 0, 0, 0, time.UTC),
			time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC),
		} {
			db.Now = func() time.Time { return at }
			author, actor, kind := residentMember, resident.ID, "regular"
			if i == 1 {
				author, actor, kind = officerMember, officer.ID, "organisation"
			}
			if err := db.PostUpdate(ctx, actor, author, &coproduce.Update{Kind: kind, Title: "Update " + at.Format("2 Jan"), Body: "News."}); err != nil {
				t.Fatal(err)
			}
		}
		all, err := db.FindUpdates(ctx, g.ID, time.Time{}, time.Time{}, 10)
		if err != nil || len(all) != 3 || all[0].Title != "Update 2 Nov" || all[1].Kind != "organisation" || all[1].AuthorID != officerMember.ID {
			t.Fatalf("feed: %+v, %v", all, err)
		}
		// Between two meetings: posted on or after the first, before the second.
		between, _ := db.FindUpdates(ctx, g.ID, time.Date(2026, 10, 1, 9, 0, 0, 1000, time.UTC), time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), 10)
		if len(between) != 1 || between[0].Title != "Update 20 Oct" {
			t.Errorf("between meetings: %+v", between)
		}
		if limited, _ := db.FindUpdates(ctx, g.ID, time.Time{}, time.Time{}, 2); len(limited) != 2 {
			t.Errorf("limit 2 gave %d", len(limited))
		}
	})
}

func TestTimeOut(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, _, chairMember := groupWithChair(t, db)
		resident, member := addResident(t, db, g, "resident@example.org")
		db.Now = func() time.Time { return time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC) }
		day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 12, 0, 0, 0, time.UTC) }

		var verr *coproduce.ValidationError
		if err := db.StartTimeOut(ctx, resident.ID, member, &coproduce.TimeOut{From: day(12, 1), Until: day(11, 1)}); !errors.As(err, &verr) || verr.Fields[0].Field != "until" {
			t.Errorf("back before away: %v", err)
		}
		spell := &coproduce.TimeOut{From: day(11, 10)}
		if err := db.StartTimeOut(ctx, resident.ID, member, spell); err != nil {
			t.Fatal(err)
		}
		if err := db.StartTimeOut(ctx, resident.ID, member, &coproduce.TimeOut{From: day(12, 1)}); !errors.As(err, &verr) {
			t.Errorf("a second open spell: %v", err)
		}
		list, err := db.FindTimeOuts(ctx, g.ID)
		if err != nil || len(list) != 1 {
			t.Fatalf("spells: %v, %v", list, err)
		}
		meeting := time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC)
		if !list.On(member.ID, meeting) || list.On(member.ID, day(11, 9)) || list.On(chairMember.ID, meeting) {
			t.Error("On does not follow the spell")
		}
		if got := list.Expected([]*coproduce.Member{chairMember, member}, meeting); len(got) != 1 || got[0].ID != chairMember.ID {
			t.Errorf("expected at the meeting: %v", got)
		}

		if err := db.EndTimeOut(ctx, chairMember.UserID, chairMember, spell.ID); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("someone else ending the spell: %v", err)
		}
		if err := db.EndTimeOut(ctx, resident.ID, member, spell.ID); err != nil {
			t.Fatal(err)
		}
		list, _ = db.FindTimeOuts(ctx, g.ID)
		if list.On(member.ID, meeting) || !list.On(member.ID, day(11, 19)) || !list[0].Until.Equal(day(11, 20)) {
			t.Errorf("after ending on 20 November: %+v", list[0])
		}
		if err := db.EndTimeOut(ctx, resident.ID, member, spell.ID); !errors.As(err, &verr) {
			t.Errorf("ending it twice: %v", err)
		}
		if err := db.StartTimeOut(ctx, resident.ID, member, &coproduce.TimeOut{From: day(12, 1), Until: day(12, 15)}); err != nil {
			t.Errorf("a new spell after the first ended: %v", err)
		}
	})
}

func TestTraining(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, chairMember := groupWithChair(t, db)
		resident, member := addResident(t, db, g, "resident@example.org")
		db.Now = func() time.Time { return time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC) }
		day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }

		var verr *coproduce.ValidationError
		if err := db.CreateTrainingSession(ctx, chair.ID, &coproduce.TrainingSession{GroupID: g.ID, RecordedBy: chairMember.ID}); !errors.As(err, &verr) || len(verr.Fields) != 3 {
			t.Errorf("an empty session: %v", err)
		}
		if err := db.CreateTrainingSession(ctx, chair.ID, &coproduce.TrainingSession{GroupID: g.ID, Topic: "Viability", On: day(2026, 11, 1),
			RecordedBy: chairMember.ID, Attendees: []int64{member.ID, coproduce.NewID()}}); !errors.As(err, &verr) || verr.Fields[0].Field != "attendees" {
			t.Errorf("an attendee from outside the group: %v", err)
		}
		induction := &coproduce.TrainingSession{GroupID: g.ID, Topic: "Coproduction induction", On: day(2026, 11, 2), Induction: true,
			RecordedBy: member.ID, Attendees: []int64{member.ID, chairMember.ID}}
		if err := db.CreateTrainingSession(ctx, resident.ID, induction); err != nil {
			t.Fatal(err)
		}
		sessions, err := db.FindTrainingSessions(ctx, g.ID)
		if err != nil || len(sessions) != 1 || !sessions[0].Induction || len(sessions[0].Attendees) != 2 || !sessions[0].Attended(member.ID) {
			t.Fatalf("sessions: %+v, %v", sessions, err)
		}

		// Reviews: the member's own, or by the chair; not by another member.
		other, otherMember := addResident(t, db, g, "other@example.org")
		review := &coproduce.TrainingReview{MemberID: member.ID, HeldOn: day(2026, 5, 1), Agreed: "Planning training in the spring."}
		if err := db.RecordTrainingReview(ctx, other.ID, otherMember, review); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("another member recording the review: %v", err)
		}
		if err := db.RecordTrainingReview(ctx, chair.ID, chairMember, review); err != nil {
			t.Fatal(err)
		}
		reviews, _ := db.FindTrainingReviews(ctx, g.ID)
		if len(reviews) != 1 || reviews[0].RecordedBy != chairMember.ID {
			t.Fatalf("reviews: %+v", reviews)
		}
		entries, _ := db.FindAuditEntries(ctx, g.ID, 20)
		for _, e := range entries {
			if e.Entity == "training-review" && e.Summary != "" && e.Summary != "review of member "+idString(member.ID) {
				t.Errorf("the audit trail describes the review: %q", e.Summary)
			}
		}

		// Due six months after the last review: 1 November, so overdue on
		// 20 November, but not while on time out.
		member.JoinedAt = day(2025, 1, 1)
		due := coproduce.ReviewDue(member, reviews[0])
		if !due.Equal(day(2026, 11, 1)) {
			t.Errorf("due %v, want 1 November 2026", due)
		}
		if !coproduce.ReviewOverdue(member, reviews[0], nil, db.Now()) {
			t.Error("a review due on 1 November is not overdue on 20 November")
		}
		if err := db.StartTimeOut(ctx, resident.ID, member, &coproduce.TimeOut{From: day(2026, 11, 15)}); err != nil {
			t.Fatal(err)
		}
		away, _ := db.FindTimeOuts(ctx, g.ID)
		if coproduce.ReviewOverdue(member, reviews[0], away, db.Now()) {
			t.Error("a review counts as overdue while the member is on time out")
		}
	})
}

func idString(id int64) string { return strconv.FormatInt(id, 10) }

func TestSkillsAudit(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, chairMember := groupWithChair(t, db)
		resident, member := addResident(t, db, g, "resident@example.org")

		if _, err := db.OpenSkillsAudit(ctx, resident.ID, member, []string{"Viability"}); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("a resident opening an audit: %v", err)
		}
		a, err := db.OpenSkillsAudit(ctx, chair.ID, chairMember, []string{"Viability", "Design"})
		if err != nil {
			t.Fatal(err)
		}
		var verr *coproduce.ValidationError
		if _, err := db.OpenSkillsAudit(ctx, chair.ID, chairMember, []string{"Finance"}); !errors.As(err, &verr) {
			t.Errorf("a second open audit: %v", err)
		}
		if err := db.SaveSkillsRatings(ctx, resident.ID, member, a.ID, map[string]int{"Viability": 5}); !errors.As(err, &verr) || len(verr.Fields) != 2 || verr.Fields[1].Field != "topic-1" {
			t.Errorf("a rating of 5 and a topic missing: %v", err)
		}
		if err := db.SaveSkillsRatings(ctx, resident.ID, member, a.ID, map[string]int{"Viability": 1, "Design": 2}); err != nil {
			t.Fatal(err)
		}
		if err := db.SaveSkillsRatings(ctx, resident.ID, member, a.ID, map[string]int{"Viability": 2, "Design": 2}); err != nil {
			t.Fatal(err)
		}
		ratings, err := db.FindSkillsRatings(ctx, a.ID)
		if err != nil || len(ratings) != 2 || ratings[1].Topic != "Viability" || ratings[1].Level != 2 || ratings[1].Constituency != coproduce.Residents {
			t.Fatalf("ratings after a change: %+v, %v", ratings, err)
		}
		entries, _ := db.FindAuditEntries(ctx, g.ID, 20)
		for _, e := range entries {
			if e.Action == "skills.answered" && e.Summary != "" {
				t.Errorf("the audit trail holds a member's ratings: %q", e.Summary)
			}
		}
		if err := db.CloseSkillsAudit(ctx, resident.ID, member, a.ID); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("a resident closing the audit: %v", err)
		}
		if err := db.CloseSkillsAudit(ctx, chair.ID, chairMember, a.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.SaveSkillsRatings(ctx, resident.ID, member, a.ID, map[string]int{"Viability": 3, "Design": 3}); !errors.As(err, &verr) {
			t.Errorf("answering a closed audit: %v", err)
		}
		audits, _ := db.FindSkillsAudits(ctx, g.ID)
		if len(audits) != 1 || audits[0].Open() || len(audits[0].Topics) != 2 || audits[0].Topics[1] != "Design" {
			t.Errorf("audits: %+v", audits)
		}
	})
}

func TestFeedbackAndYouSaidWeDid(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, chairMember := groupWithChair(t, db)
		resident, member := addResident(t, db, g, "resident@example.org")
		outreach := &coproduce.Outreach{GroupID: g.ID, MemberID: member.ID, On: time.Now().AddDate(0, 0, -3), Method: "event", People: 20, Themes: "Play"}
		if err := db.CreateOutreach(ctx, resident.ID, outreach); err != nil {
			t.Fatal(err)
		}

		var verr *coproduce.ValidationError
		if err := db.CreateFeedback(ctx, resident.ID, &coproduce.Feedback{GroupID: g.ID, Source: "outreach", RecordedBy: member.ID}); !errors.As(err, &verr) || len(verr.Fields) != 2 {
			t.Errorf("outreach feedback with no outreach and nothing said: %v", err)
		}
		if err := db.CreateFeedback(ctx, resident.ID, &coproduce.Feedback{GroupID: g.ID, Source: "outreach", OutreachID: coproduce.NewID(), Said: "x", RecordedBy: member.ID}); !errors.As(err, &verr) || verr.Fields[0].Field != "outreach" {
			t.Errorf("feedback from another group's outreach: %v", err)
		}
		fromOutreach := &coproduce.Feedback{GroupID: g.ID, Source: "outreach", OutreachID: outreach.ID, Theme: "Play", Said: "Families want a play area kept open during the works.", RecordedBy: member.ID}
		if err := db.CreateFeedback(ctx, resident.ID, fromOutreach); err != nil {
			t.Fatal(err)
		}
		public := &coproduce.Feedback{GroupID: g.ID, Source: "public", Said: "Please fix the lifts.", ContactName: "A Neighbour", Contact: "07700 900123"}
		if err := db.CreateFeedback(ctx, 0, public); err != nil {
			t.Fatal(err)
		}
		entries, _ := db.FindAuditEntries(ctx, g.ID, 20)
		for _, e := range entries {
			if e.Entity == "feedback" && (e.Summary != "public" && e.Summary != "outreach") {
				t.Errorf("audit summary %q", e.Summary)
			}
		}

		if err := db.UpdateFeedback(ctx, chair.ID, g.ID, public.ID, "Repairs", "sideways"); !errors.As(err, &verr) {
			t.Errorf("an unknown status: %v", err)
		}
		if err := db.UpdateFeedback(ctx, chair.ID, g.ID, public.ID, "Repairs", "considering"); err != nil {
			t.Fatal(err)
		}

		decided := &coproduce.Decision{GroupID: g.ID, Title: "Keep one play area open", Outcome: "Agreed.", Method: coproduce.Consensus,
			DecidedOn: time.Now().AddDate(0, 0, -1), Outside: true, Explanation: "Decided by the project board.", ExplainedOn: time.Now()}
		if err := db.SaveDecision(ctx, chair.ID, decided); err != nil {
			t.Fatal(err)
		}
		link := &coproduce.FeedbackLink{FeedbackID: fromOutreach.ID, DecisionID: decided.ID, Said: "Families asked for somewhere to play.", Did: "One play area stays open.", Published: true}
		if err := db.LinkFeedback(ctx, chair.ID, g.ID, link); !errors.As(err, &verr) || verr.Fields[0].Field != "published" {
			t.Errorf("publishing a link to an unpublished decision: %v", err)
		}
		link.Published = false
		if err := db.LinkFeedback(ctx, chair.ID, g.ID, link); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.FindYouSaidWeDid(ctx, g.ID, 10); len(got) != 0 {
			t.Errorf("an unpublished link is public: %+v", got)
		}
		decided.Published = true
		if err := db.SaveDecision(ctx, chair.ID, decided); err != nil {
			t.Fatal(err)
		}
		link.Published = true
		if err := db.LinkFeedback(ctx, chairMember.UserID, g.ID, link); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindYouSaidWeDid(ctx, g.ID, 10)
		if err != nil || len(got) != 1 || got[0].Did != "One play area stays open." || got[0].DecisionTitle != "Keep one play area open" {
			t.Fatalf("you said, we did: %+v, %v", got, err)
		}

		list, _ := db.FindFeedback(ctx, g.ID)
		if len(list) != 2 {
			t.Fatalf("feedback: %d", len(list))
		}
		for _, f := range list {
			switch f.ID {
			case public.ID:
				if f.Status != "considering" || f.Theme != "Repairs" || f.Contact != "07700 900123" || f.RecordedBy != 0 {
					t.Errorf("public feedback: %+v", f)
				}
			case fromOutreach.ID:
				if len(f.Links) != 1 || !f.Links[0].Published || f.OutreachID != outreach.ID {
					t.Errorf("outreach feedback: %+v", f)
				}
			}
		}
	})
}

func TestStakeholderMaps(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, _ := groupWithChair(t, db)
		var verr *coproduce.ValidationError
		if err := db.AddStakeholder(ctx, chair.ID, &coproduce.Stakeholder{GroupID: g.ID, Type: "pirate", Influence: 6}); !errors.As(err, &verr) || len(verr.Fields) != 4 {
			t.Errorf("a stakeholder with nothing right: %v", err)
		}
		for _, s := range []*coproduce.Stakeholder{
			{Name: "Council cabinet", Type: "council", Influence: 5, Affected: 2},
			{Name: "Tenants' association", Type: "residents", Influence: 2, Affected: 5, Represented: true},
			{Name: "Leaseholders", Type: "residents", Influence: 1, Affected: 5},
		} {
			s.GroupID, s.Phase, s.PhaseName = g.ID, 1, "Stage 1: preparation and briefing"
			if err := db.AddStakeholder(ctx, chair.ID, s); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.CopyStakeholders(ctx, chair.ID, g.ID, 0, 2, "Stage 2"); !errors.As(err, &verr) {
			t.Errorf("copying an empty map: %v", err)
		}
		if err := db.CopyStakeholders(ctx, chair.ID, g.ID, 1, 2, "Stage 2: concept design"); err != nil {
			t.Fatal(err)
		}
		if err := db.CopyStakeholders(ctx, chair.ID, g.ID, 1, 2, "Stage 2: concept design"); !errors.As(err, &verr) {
			t.Errorf("copying onto a map that has stakeholders: %v", err)
		}
		later, _ := db.FindStakeholders(ctx, g.ID, 2)
		if len(later) != 3 || later[0].Name != "Council cabinet" || later[0].PhaseName != "Stage 2: concept design" {
			t.Fatalf("the copied map: %+v", later)
		}
		// Leaseholders get a seat in stage 2; the earlier map keeps its own.
		var leaseholders *coproduce.Stakeholder
		for _, s := range later {
			if s.Name == "Leaseholders" {
				leaseholders = s
			}
		}
		if err := db.RemoveStakeholder(ctx, chair.ID, g.ID, leaseholders.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.RemoveStakeholder(ctx, chair.ID, coproduce.NewID(), later[0].ID); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("removing from another group's map: %v", err)
		}
		if err := db.AddStakeholder(ctx, chair.ID, &coproduce.Stakeholder{GroupID: g.ID, Phase: 2, PhaseName: "Stage 2: concept design",
			Name: "leaseholders", Type: "residents", Influence: 3, Affected: 5, Represented: true}); err != nil {
			t.Fatal(err)
		}
		earlier, _ := db.FindStakeholders(ctx, g.ID, 1)
		later, _ = db.FindStakeholders(ctx, g.ID, 2)
		changes := coproduce.CompareStakeholders(earlier, later)
		if len(changes) != 3 {
			t.Fatalf("changes: %+v", changes)
		}
		for _, c := range changes {
			if c.Changed() != (c.Name == "Leaseholders") {
				t.Errorf("%s changed: %v", c.Name, c.Changed())
			}
		}
		counts, _ := db.StakeholderPhases(ctx, g.ID)
		if counts[1] != 3 || counts[2] != 3 || len(counts) != 2 {
			t.Errorf("counts: %v", counts)
		}
	})
}

func TestReflections(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, chairMember := groupWithChair(t, db)
		resident, member := addResident(t, db, g, "resident@example.org")
		var verr *coproduce.ValidationError
		if err := db.CreateReflection(ctx, resident.ID, member, &coproduce.Reflection{Prompt: "officer", Body: "It changed my job."}); !errors.As(err, &verr) || verr.Fields[0].Field != "prompt" {
			t.Errorf("a resident writing an officer's reflection: %v", err)
		}
		if err := db.CreateReflection(ctx, resident.ID, member, &coproduce.Reflection{Prompt: "power", Body: "x", MeetingID: coproduce.NewID()}); !errors.As(err, &verr) || verr.Fields[0].Field != "meeting" {
			t.Errorf("a meeting not of the group: %v", err)
		}
		db.Now = func() time.Time { return time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC) }
		if err := db.CreateReflection(ctx, resident.ID, member, &coproduce.Reflection{Prompt: "power", Body: "The council holds the money and the timetable."}); err != nil {
			t.Fatal(err)
		}
		db.Now = func() time.Time { return time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC) }
		if err := db.CreateReflection(ctx, chair.ID, chairMember, &coproduce.Reflection{Prompt: "power", Body: "Residents now set half the agenda."}); err != nil {
			t.Fatal(err)
		}
		list, err := db.FindReflections(ctx, g.ID)
		if err != nil || len(list) != 2 || list[0].Body != "Residents now set half the agenda." || list[1].AuthorID != member.ID {
			t.Fatalf("reflections, newest first: %+v, %v", list, err)
		}
	})
}
