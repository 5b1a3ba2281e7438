package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"coproduce"
)

func healthBallot(level int) *coproduce.Ballot {
	return &coproduce.Ballot{Answers: map[string]int{"vision-shared-purpose": level, "power-talked-about": coproduce.DontKnow},
		Ladder: map[int64][2]coproduce.Rung{0: {coproduce.Consultation, coproduce.Partnership}}}
}

func openRound(t *testing.T, db *testDB, chair *coproduce.User, chairMember *coproduce.Member) *coproduce.HealthRound {
	t.Helper()
	r := &coproduce.HealthRound{Title: "Autumn", OpensOn: time.Now().AddDate(0, 0, -1), ClosesOn: time.Now().AddDate(0, 0, 13), MinCell: 5,
		Statements: []string{"vision-shared-purpose", "power-talked-about"}}
	if err := db.OpenHealthRound(context.Background(), chair.ID, chairMember, r); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestHealthRoundAnswersCannotBeLinked(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, chairMember := groupWithChair(t, db)
		var verr *coproduce.ValidationError
		if err := db.OpenHealthRound(ctx, chair.ID, chairMember, &coproduce.HealthRound{Title: "x", OpensOn: time.Now(), ClosesOn: time.Now(), MinCell: 2,
			Statements: []string{"a"}}); !errors.As(err, &verr) || verr.Fields[0].Field != "min_cell" {
			t.Errorf("a round showing figures from two answers: %v", err)
		}
		r := openRound(t, db, chair, chairMember)
		if err := db.OpenHealthRound(ctx, chair.ID, chairMember, &coproduce.HealthRound{Title: "Again", OpensOn: time.Now(), ClosesOn: time.Now(), MinCell: 5,
			Statements: []string{"a"}}); !errors.As(err, &verr) {
			t.Errorf("a second open round: %v", err)
		}
		var users []*coproduce.User
		var members []*coproduce.Member
		for i := range 6 {
			u, m := addResident(t, db, g, fmt.Sprintf("resident%d@example.org", i))
			users, members = append(users, u), append(members, m)
		}
		if err := db.OpenHealthRound(ctx, users[0].ID, members[0], &coproduce.HealthRound{}); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("a resident opening a round: %v", err)
		}
		if err := db.SubmitBallot(ctx, members[0], r.ID, &coproduce.Ballot{Answers: map[string]int{}}); !errors.As(err, &verr) {
			t.Errorf("an empty ballot: %v", err)
		}
		for i, m := range members {
			if err := db.SubmitBallot(ctx, m, r.ID, healthBallot(1+i%5)); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.SubmitBallot(ctx, members[0], r.ID, healthBallot(5)); !errors.As(err, &verr) {
			t.Errorf("a second ballot from one member: %v", err)
		}
		if _, err := db.FindRoundAnswers(ctx, r); err == nil {
			t.Error("answers of an open round were handed out")
		}
		if counts, err := db.HealthAnswerCounts(ctx, g.ID); err != nil || counts[r.ID] != 6 {
			t.Errorf("answer counts while open: %v, %v", counts, err)
		}
		count, answered, err := db.HealthParticipation(ctx, r.ID, members[2].ID)
		if err != nil || count != 6 || !answered {
			t.Errorf("participation: %d, %v, %v", count, answered, err)
		}

		// What was answered carries no member, user or time, and the
		// schema has nowhere to put one.
		for _, m := range members {
			for _, row := range append(rowsWith(t, db, m.ID), rowsWith(t, db, m.UserID)...) {
				if row["table"] == "health_ballots" {
					t.Errorf("a ballot holds a member's id: %v", row)
				}
			}
		}
		cols := columns(t, db, "health_ballots")
		if strings.Join(cols, ",") != "id,round_id,constituency,answers" {
			t.Errorf("health_ballots has columns %v; nothing beyond the constituency should be stored with an answer", cols)
		}
		if cols := columns(t, db, "health_participants"); strings.Join(cols, ",") != "round_id,member_id" {
			t.Errorf("health_participants has columns %v; no time or link to a ballot", cols)
		}
		if cols := columns(t, db, "health_placings"); strings.Join(cols, ",") != "round_id,area_id,now_rung,should_rung" {
			t.Errorf("health_placings has columns %v; a place on the ladder is stored alone, with no side or link to a ballot", cols)
		}
		if cols := columns(t, db, "health_comments"); strings.Join(cols, ",") != "round_id,principle,body" {
			t.Errorf("health_comments has columns %v; a comment is stored alone, with no side or link to a ballot", cols)
		}
		if levels := storedLevels(t, db, r.ID); len(levels) != 6 {
			t.Fatalf("stored ballots: %v", levels)
		}
		// No audit entry for the answers.
		entries, _ := db.FindAuditEntries(ctx, g.ID, 50)
		for _, e := range entries {
			if strings.HasPrefix(e.Action, "health.") && e.Action != "health.opened" {
				t.Errorf("an audit entry for the round while open: %+v", e)
			}
		}

		// The chair, the only independent member, answers too.
		withComment := healthBallot(4)
		withComment.Comments = map[int]string{1: "Said once.", 2: ""}
		if err := db.SubmitBallot(ctx, chairMember, r.ID, withComment); err != nil {
			t.Fatal(err)
		}
		// The comment is stored alone: no ballot holds it.
		var holding int
		db.raw.QueryRow(`SELECT COUNT(*) FROM health_ballots WHERE answers LIKE '%Said once%'`).Scan(&holding)
		if holding != 0 {
			t.Error("a ballot holds its comment")
		}
		if err := db.CloseHealthRound(ctx, users[0].ID, members[0], r.ID); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("a resident closing the round: %v", err)
		}
		if err := db.CloseHealthRound(ctx, chair.ID, chairMember, r.ID); err != nil {
			t.Fatal(err)
		}
		// Closing settles the round: who answered is forgotten, the count
		// kept, and the lone independent ballot no longer says its side.
		var left int
		db.raw.QueryRow(`SELECT COUNT(*) FROM health_participants WHERE round_id = $1`, r.ID).Scan(&left)
		if counts, err := db.HealthAnswerCounts(ctx, g.ID); err != nil || counts[r.ID] != 7 {
			t.Errorf("answer counts after closing: %v, %v", counts, err)
		}
		if count, answered, err := db.HealthParticipation(ctx, r.ID, chairMember.ID); err != nil || count != 7 || answered || left != 0 {
			t.Errorf("after closing: %d answered, chair answered %v, %d participant rows, %v", count, answered, left, err)
		}
		r, _ = db.FindHealthRound(ctx, g.ID, r.ID)
		answers, err := db.FindRoundAnswers(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		sides := map[coproduce.Constituency]int{}
		for _, b := range answers.Ballots {
			sides[b.Constituency]++
			if b.Ladder != nil || b.Comments != nil {
				t.Errorf("a ballot came back with its places on the ladder or comments: %+v", b)
			}
		}
		if len(answers.Ballots) != 7 || sides[coproduce.Residents] != 6 || sides[""] != 1 {
			t.Fatalf("ballots after closing: %v", sides)
		}
		partnership := 0
		for _, p := range answers.Placings {
			if p.AreaID == 0 && p.Should == coproduce.Partnership {
				partnership++
			}
		}
		if len(answers.Placings) != 7 || partnership != 7 {
			t.Errorf("places on the ladder after closing: %+v", answers.Placings)
		}
		if c := answers.Comments[1]; len(c) != 1 || c[0] != "Said once." || len(answers.Comments) != 1 {
			t.Errorf("comments after closing: %v", answers.Comments)
		}
		if err := db.SubmitBallot(ctx, chairMember, r.ID, healthBallot(3)); !errors.As(err, &verr) {
			t.Errorf("answering a closed round: %v", err)
		}
	})
}

// TestHealthRoundShufflesEveryTime checks that where a ballot is stored
// among the others does not follow from when it arrived: through twenty
// answers, the first ballot is found neither always at the front nor
// always at the back. (With a fair shuffle each happens about four times
// in twenty.)
func TestHealthRoundShufflesEveryTime(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, chairMember := groupWithChair(t, db)
		r := openRound(t, db, chair, chairMember)
		front, back := 0, 0
		var arrived []int64
		for i := range 20 {
			_, m := addResident(t, db, g, fmt.Sprintf("r%d@example.org", i))
			arrived = append(arrived, m.ID)
			level := 2
			if i == 0 {
				level = 5
			}
			if err := db.SubmitBallot(ctx, m, r.ID, healthBallot(level)); err != nil {
				t.Fatal(err)
			}
			levels := storedLevels(t, db, r.ID)
			if levels[0] == "5" {
				front++
			}
			if levels[len(levels)-1] == "5" {
				back++
			}
		}
		// Who answered comes back in an order that is not the order they
		// answered in, either way round (by chance: 2 in 20! times).
		var who []int64
		rows, err := db.raw.Query(`SELECT member_id FROM health_participants WHERE round_id = $1`, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			who = append(who, id)
		}
		rows.Close()
		forward, backward := true, true
		for i := range who {
			forward = forward && who[i] == arrived[i]
			backward = backward && who[i] == arrived[len(arrived)-1-i]
		}
		if len(who) != 20 || forward || backward {
			t.Errorf("who answered is stored in the order they answered: %v", who)
		}
		if front > 15 || back > 15 {
			t.Errorf("the first ballot was stored first %d times and last %d times in twenty: its place follows when it came", front, back)
		}
	})
}

func TestHealthRoundParallelSubmissions(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, chairMember := groupWithChair(t, db)
		r := openRound(t, db, chair, chairMember)
		_, m := addResident(t, db, g, "eager@example.org")
		var wg sync.WaitGroup
		results := make(chan error, 8)
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results <- db.SubmitBallot(ctx, m, r.ID, healthBallot(4))
			}()
		}
		wg.Wait()
		close(results)
		accepted := 0
		for err := range results {
			var verr *coproduce.ValidationError
			switch {
			case err == nil:
				accepted++
			case !errors.As(err, &verr):
				t.Errorf("a parallel submission failed other than as already answered: %v", err)
			}
		}
		var ballots int
		db.raw.QueryRow(`SELECT COUNT(*) FROM health_ballots WHERE round_id = $1`, r.ID).Scan(&ballots)
		if accepted != 1 || ballots != 1 {
			t.Errorf("%d of 8 parallel submissions accepted, %d ballots stored; want exactly one", accepted, ballots)
		}
	})
}

// storedLevels returns the answer to the first statement of each of the
// round's ballots, in the order the table gives them back.
func storedLevels(t *testing.T, db *testDB, roundID int64) []string {
	t.Helper()
	rows, err := db.raw.Query(`SELECT answers FROM health_ballots WHERE round_id = $1`, roundID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var payload string
		if err := rows.Scan(&payload); err != nil {
			t.Fatal(err)
		}
		i := strings.Index(payload, `"vision-shared-purpose":`)
		out = append(out, payload[i+len(`"vision-shared-purpose":`):i+len(`"vision-shared-purpose":`)+1])
	}
	return out
}

// columns returns a table's column names in order.
func columns(t *testing.T, db *testDB, table string) []string {
	t.Helper()
	rows, err := db.raw.Query(`SELECT * FROM ` + table + ` WHERE 1 = 0`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	return cols
}

func TestGroupRecordsForEvidence(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, chairMember := groupWithChair(t, db)
		_, resident := addResident(t, db, g, "resident@example.org")
		m := &coproduce.Meeting{GroupID: g.ID, Title: "M", StartsAt: time.Now().AddDate(0, 0, -10), Minutes: 60, Venue: "Hall", Visibility: coproduce.GroupOnly}
		if err := db.CreateMeeting(ctx, chair.ID, m); err != nil {
			t.Fatal(err)
		}
		if err := db.ProposeItem(ctx, 0, resident, m.ID, &coproduce.AgendaItem{Title: "Parking"}); err != nil {
			t.Fatal(err)
		}
		if err := db.RecordAttendance(ctx, 0, g.ID, m.ID, map[int64]coproduce.Attendance{resident.ID: coproduce.Present, chairMember.ID: coproduce.Apologies}); err != nil {
			t.Fatal(err)
		}
		rec, err := db.GroupRecords(ctx, g, db.Now())
		if err != nil {
			t.Fatal(err)
		}
		proposed := 0
		for _, it := range rec.Agenda {
			if it.Kind == coproduce.ItemProposed && it.ProposerConstituency == coproduce.Residents && it.MeetingID == m.ID {
				proposed++
			}
		}
		if len(rec.Members) != 2 || len(rec.Meetings) != 1 || proposed != 1 || len(rec.Attendance) != 2 || !rec.ToRAdopted.IsZero() {
			t.Errorf("records: %d members, %d meetings, %d resident items, %d attendance, ToR %v", len(rec.Members), len(rec.Meetings), proposed, len(rec.Attendance), rec.ToRAdopted)
		}
		byID := map[string]coproduce.Indicator{}
		for _, ind := range coproduce.Evidence(rec, time.Now(), nil) {
			byID[ind.ID] = ind
		}
		if ind := byID["resident-agenda-share"]; ind.Value != 1 || ind.Status != coproduce.IndicatorMet {
			t.Errorf("resident agenda share: %+v", ind)
		}
		if ind := byID["tor-reviewed"]; !ind.Never || ind.Status != coproduce.IndicatorNotMet {
			t.Errorf("terms of reference never adopted: %+v", ind)
		}
	})
}

// TestSplitBallotsMigration writes ballots as releases before migration
// 32 did, with the places on the ladder and comments inside, and checks
// the migration moves them out to stand alone.
func TestSplitBallotsMigration(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		if err := db.MigrateUpTo(ctx, 31); err != nil {
			t.Fatal(err)
		}
		_, chair, chairMember := groupWithChair(t, db)
		r := openRound(t, db, chair, chairMember)
		for i := range 5 {
			payload := fmt.Sprintf(`{"answers":{"vision-shared-purpose":%d},"ladder":{"0":[3,6],"77":[0,5]},"comments":{"1":"Comment %d","4":""}}`, 1+i%5, i)
			if _, err := db.raw.Exec(`INSERT INTO health_ballots (id, round_id, constituency, answers) VALUES ($1, $2, $3, $4)`,
				coproduce.NewID(), r.ID, "residents", payload); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		for _, payload := range storedLevels(t, db, r.ID) {
			if payload == "" {
				t.Error("a ballot lost its answer")
			}
		}
		var left int
		db.raw.QueryRow(`SELECT COUNT(*) FROM health_ballots WHERE answers LIKE '%ladder%' OR answers LIKE '%Comment%'`).Scan(&left)
		if left != 0 {
			t.Errorf("%d ballots still hold places on the ladder or comments", left)
		}
		if err := db.CloseHealthRound(ctx, chair.ID, chairMember, r.ID); err != nil {
			t.Fatal(err)
		}
		r, _ = db.FindHealthRound(ctx, r.GroupID, r.ID)
		answers, err := db.FindRoundAnswers(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		ladder := coproduce.Ladder(answers.Placings, []int64{77}, 5)
		if len(answers.Ballots) != 5 || len(answers.Placings) != 10 || ladder[0].Now != 3 || ladder[0].Should != 6 || !ladder[1].Hidden {
			t.Errorf("after the migration: %d ballots, placings %+v, ladder %+v", len(answers.Ballots), answers.Placings, ladder)
		}
		if got := answers.Comments[1]; len(got) != 5 || len(answers.Comments) != 1 {
			t.Errorf("comments after the migration: %v", answers.Comments)
		}
	})
}
