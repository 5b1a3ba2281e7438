package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"coproduce"
	"coproduce/store"
)

// addRecords adds n more of each kind of record to larkhill.
func (w *world) addRecords(t *testing.T, n int) {
	ctx := context.Background()
	db := w.s.db
	chair, officer, resident := w.members["chair"], w.members["officer"], w.members["resident"]
	for i := range n {
		m := &coproduce.Meeting{GroupID: w.larkhill.ID, Title: fmt.Sprintf("Meeting %d", i), StartsAt: time.Now().AddDate(0, 0, 3+i), Minutes: 90,
			Venue: "Hall", Visibility: coproduce.GroupOnly}
		must(t, db.CreateMeeting(ctx, 0, m))
		must(t, db.ProposeItem(ctx, 0, resident, m.ID, &coproduce.AgendaItem{Title: fmt.Sprintf("Item %d", i)}))
		p := &coproduce.Paper{GroupID: w.larkhill.ID, MeetingID: m.ID, Title: fmt.Sprintf("Paper %d", i), FileName: "p.pdf", ContentType: "application/pdf",
			Audience: coproduce.Audience{Visibility: coproduce.GroupOnly}}
		must(t, db.CreatePaper(ctx, 0, p, []byte("%PDF-1.4\n")))
		d := &coproduce.Decision{GroupID: w.larkhill.ID, Title: fmt.Sprintf("Decision %d", i), Outcome: "Agreed.", Method: coproduce.Consensus,
			DecidedOn: time.Now().AddDate(0, 0, -i), MeetingID: m.ID, PaperIDs: []int64{p.ID},
			Positions: map[coproduce.Constituency]coproduce.Position{coproduce.Residents: coproduce.Agreed}}
		must(t, db.SaveDecision(ctx, 0, d))
		must(t, db.CreateAction(ctx, 0, &coproduce.Action{GroupID: w.larkhill.ID, Title: fmt.Sprintf("Action %d", i), OwnerMemberID: officer.ID}))
		must(t, db.CreateInfoRequest(ctx, 0, &coproduce.InfoRequest{GroupID: w.larkhill.ID, AskedBy: resident.ID, Question: fmt.Sprintf("Question %d?", i)}))
		must(t, db.CreateOutreach(ctx, 0, &coproduce.Outreach{GroupID: w.larkhill.ID, MemberID: resident.ID, On: time.Now().AddDate(0, 0, -7*i),
			Method: "door-knocking", People: 10, Themes: "Repairs"}))
		must(t, db.CreateConcern(ctx, 0, &coproduce.Concern{GroupID: w.larkhill.ID, Kind: "concern", Title: fmt.Sprintf("Concern %d", i), Details: "D"}))
		must(t, db.PostUpdate(ctx, 0, officer, &coproduce.Update{Kind: "organisation", Title: fmt.Sprintf("Update %d", i), Body: "B"}))
		f := &coproduce.Feedback{GroupID: w.larkhill.ID, Source: "public", Theme: "Repairs", Said: fmt.Sprintf("Feedback %d", i)}
		must(t, db.CreateFeedback(ctx, 0, f))
		must(t, db.LinkFeedback(ctx, 0, w.larkhill.ID, &coproduce.FeedbackLink{FeedbackID: f.ID, DecisionID: d.ID, Said: "S", Did: "D"}))
		must(t, db.CreateTrainingSession(ctx, 0, &coproduce.TrainingSession{GroupID: w.larkhill.ID, Topic: fmt.Sprintf("Session %d", i),
			On: time.Now().AddDate(0, 0, -i), RecordedBy: chair.ID, Attendees: []int64{chair.ID, resident.ID}}))
		must(t, db.CreateReflection(ctx, 0, chair, &coproduce.Reflection{Prompt: "power", Body: fmt.Sprintf("Reflection %d", i)}))
		must(t, db.AddStakeholder(ctx, 0, &coproduce.Stakeholder{GroupID: w.larkhill.ID, Phase: 0, PhaseName: "Stage 0", Name: fmt.Sprintf("Stakeholder %d", i),
			Type: "council", Influence: 3, Affected: 3}))
		must(t, db.CreateSupportNeed(ctx, 0, &coproduce.SupportNeed{GroupID: w.larkhill.ID, MemberID: resident.ID, Kind: "childcare"}))
		// A version of the terms of reference, adopted, so the next draft
		// can start.
		v, err := db.CreateToRDraft(ctx, 0, w.larkhill.ID, map[string]string{"vision": fmt.Sprintf("Vision %d", i)})
		must(t, err)
		must(t, db.ProposeToR(ctx, 0, w.larkhill.ID, v.Number))
		must(t, db.AgreeToR(ctx, 0, resident, v.Number))
		must(t, db.AgreeToR(ctx, 0, officer, v.Number))
		must(t, db.AdoptToR(ctx, 0, w.larkhill.ID, v.Number))
		must(t, db.CreateMilestone(ctx, 0, &coproduce.Milestone{GroupID: w.larkhill.ID, Title: fmt.Sprintf("Milestone %d", i), Due: time.Now().AddDate(0, 1, i)}))
		w.extraMember(t)
	}
}

// TestQueriesDoNotGrowWithRecords counts the database statements behind
// each page and API list with a few records and with many more: the count
// must not change, which shows no page runs a query per record.
func TestQueriesDoNotGrowWithRecords(t *testing.T) {
	w := newWorld(t)
	g := "/o/brookfield/g/larkhill"
	token := w.token(t, "chair", coproduce.ScopeRead)
	paths := []string{g, g + "/members", g + "/meetings", g + "/decisions", g + "/actions", g + "/requests", g + "/outreach", g + "/concerns",
		g + "/updates", g + "/feedback", g + "/training", g + "/reflections", g + "/stakeholders", g + "/support", g + "/project", g + "/red-lines",
		g + "/health", g + "/health/report", g + "/audit", g + "/export", g + "/export/decisions.csv", g + "/export/attendance.csv",
		g + "/open-data.json", "/o/brookfield", "/account"}
	for _, p := range []string{"/decisions", "/meetings", "/requests", "/actions", "/members", "/updates", "/concerns", "/feedback",
		"/training/sessions", "/training/reviews", "/reflections", "/stakeholders", "/support", "/project", "/health/report", "/audit", "/terms"} {
		paths = append(paths, "/api/v1"+g+p)
	}
	count := func(path string) int64 {
		ctx, n := store.CountQueries(context.Background())
		req := httptest.NewRequest(http.MethodGet, path, nil).WithContext(ctx)
		req.AddCookie(&http.Cookie{Name: cookieName, Value: w.cookies["chair"]})
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		w.h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d", path, rec.Code)
		}
		return n.Load()
	}
	// The session's and the token's last use are written at most once a
	// minute; a first request before each round makes those writes.
	prime := func() { count(g); count("/api/v1" + g + "/decisions") }
	w.addRecords(t, 2)
	meetings, err := w.s.db.FindMeetings(context.Background(), w.larkhill.ID, false)
	must(t, err)
	one := g + "/meetings/" + idValue(meetings[0].ID)
	paths = append(paths, g+"/terms", one, "/api/v1"+one)
	prime()
	few := map[string]int64{}
	for _, p := range paths {
		if few[p] = count(p); few[p] == 0 {
			t.Fatalf("%s: no queries counted", p)
		}
	}
	w.addRecords(t, 12)
	prime()
	for _, p := range paths {
		if many := count(p); many != few[p] {
			t.Errorf("%s: %d queries with a few records, %d with many", p, few[p], many)
		} else {
			t.Logf("%s: %d queries", p, many)
		}
	}
}
