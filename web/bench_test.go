package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"coproduce"
	"coproduce/demo"
	"coproduce/store"
)

// BenchmarkPublicPages measures server time for each public page through the
// whole handler stack (middleware, routing, rendering), with logging
// discarded so the figure is the page's own cost.
func BenchmarkPublicPages(b *testing.B) {
	s, _ := newTestServer(b)
	s.logger = slog.New(slog.DiscardHandler)
	h := s.Handler()
	for _, path := range []string{"/", "/framework", "/framework/principles/5", "/nowhere", "/healthz"} {
		b.Run(path, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code >= 500 {
					b.Fatalf("status %d", rec.Code)
				}
				io.Copy(io.Discard, rec.Body)
			}
		})
	}
}

// BenchmarkGroupPages measures server time for the signed-in group pages,
// as the chair of a group with a handful of members, through the whole
// handler stack including the session lookup and the permission check.
func BenchmarkGroupPages(b *testing.B) {
	w := newWorld(b)
	w.s.logger = slog.New(slog.DiscardHandler)
	g := "/o/brookfield/g/larkhill"
	ctx := context.Background()
	m := &coproduce.Meeting{GroupID: w.larkhill.ID, Title: "Steering group", StartsAt: time.Date(2027, 1, 12, 18, 30, 0, 0, time.UTC), Minutes: 120, Venue: "Hall", Visibility: coproduce.Public}
	must(b, w.s.db.CreateMeeting(ctx, 0, m))
	for i := range 3 {
		must(b, w.s.db.ProposeItem(ctx, 0, w.members["resident"], m.ID, &coproduce.AgendaItem{Title: fmt.Sprintf("Item %d", i)}))
		must(b, w.s.db.CreatePaper(ctx, 0, &coproduce.Paper{GroupID: w.larkhill.ID, MeetingID: m.ID, Title: fmt.Sprintf("Paper %d", i), FileName: "p.pdf",
			ContentType: "application/pdf", Audience: coproduce.Audience{Visibility: coproduce.GroupOnly}}, []byte("%PDF-1.4\n")))
		must(b, w.s.db.SaveDecision(ctx, 0, &coproduce.Decision{GroupID: w.larkhill.ID, Title: fmt.Sprintf("Decision %d", i), Outcome: "Agreed.",
			Method: coproduce.Consensus, DecidedOn: m.StartsAt, MeetingID: m.ID}))
	}
	must(b, w.s.db.SaveMinutes(ctx, 0, w.larkhill.ID, &coproduce.Minutes{MeetingID: m.ID, Body: "## Minutes\n\nAgreed **three** things.", Visibility: coproduce.Public}))
	for i := range 20 {
		resident := w.members["resident"]
		must(b, w.s.db.CreateOutreach(ctx, 0, &coproduce.Outreach{GroupID: w.larkhill.ID, MemberID: resident.ID, On: time.Now().AddDate(0, 0, -3*i),
			Method: "door-knocking", People: 10 + i, Themes: "Repairs, parking"}))
		must(b, w.s.db.CreateInfoRequest(ctx, 0, &coproduce.InfoRequest{GroupID: w.larkhill.ID, AskedBy: resident.ID, Question: fmt.Sprintf("Question %d?", i)}))
	}
	must(b, w.s.db.CreateSupportNeed(ctx, 0, &coproduce.SupportNeed{GroupID: w.larkhill.ID, MemberID: w.members["resident"].ID, Kind: "device"}))
	must(b, w.s.db.CreateExternalFacilitator(ctx, 0, w.members["resident"], &coproduce.ExternalFacilitator{Name: "Ruth Bell", Offers: "mediation"}))
	// The rest of the accountability records, a handful of each.
	chair, officer := w.members["chair"], w.members["officer"]
	audit, err := w.s.db.OpenSkillsAudit(ctx, 0, chair, coproduce.DefaultSkillTopics)
	must(b, err)
	for i, who := range []string{"resident", "officer", "chair"} {
		ratings := map[string]int{}
		for j, topic := range coproduce.DefaultSkillTopics {
			ratings[topic] = 1 + (i+j)%4
		}
		must(b, w.s.db.SaveSkillsRatings(ctx, 0, w.members[who], audit.ID, ratings))
	}
	must(b, w.s.db.CloseSkillsAudit(ctx, 0, chair, audit.ID))
	decisions, err := w.s.db.FindDecisions(ctx, w.larkhill.ID, false)
	must(b, err)
	for i := range 10 {
		c := &coproduce.Concern{GroupID: w.larkhill.ID, Kind: "concern", Title: fmt.Sprintf("Concern %d", i), Details: "Details."}
		must(b, w.s.db.CreateConcern(ctx, 0, c))
		must(b, w.s.db.PostUpdate(ctx, 0, officer, &coproduce.Update{Kind: "organisation", Title: fmt.Sprintf("Update %d", i), Body: "Cabinet **met**."}))
		must(b, w.s.db.CreateTrainingSession(ctx, 0, &coproduce.TrainingSession{GroupID: w.larkhill.ID, Topic: fmt.Sprintf("Session %d", i),
			On: time.Now().AddDate(0, 0, -i), RecordedBy: chair.ID, Attendees: []int64{chair.ID, officer.ID}}))
		f := &coproduce.Feedback{GroupID: w.larkhill.ID, Source: "public", Theme: "Repairs", Said: fmt.Sprintf("Feedback %d", i), Contact: "07700 900123"}
		must(b, w.s.db.CreateFeedback(ctx, 0, f))
		must(b, w.s.db.LinkFeedback(ctx, 0, w.larkhill.ID, &coproduce.FeedbackLink{FeedbackID: f.ID, DecisionID: decisions[i%len(decisions)].ID, Said: "Said.", Did: "Did."}))
		must(b, w.s.db.AddStakeholder(ctx, 0, &coproduce.Stakeholder{GroupID: w.larkhill.ID, Phase: 0, PhaseName: "Stage 0", Name: fmt.Sprintf("Stakeholder %d", i),
			Type: "council", Influence: 1 + i%5, Affected: 1 + (i*2)%5, Represented: i%2 == 0}))
		must(b, w.s.db.CreateReflection(ctx, 0, chair, &coproduce.Reflection{Prompt: coproduce.ReflectionPrompts[i%5], Body: "The group's answer."}))
	}
	must(b, w.s.db.RecordTrainingReview(ctx, 0, chair, &coproduce.TrainingReview{MemberID: officer.ID, HeldOn: time.Now().AddDate(0, -7, 0), Agreed: "A course."}))
	must(b, w.s.db.StartTimeOut(ctx, 0, w.members["resident"], &coproduce.TimeOut{From: time.Now().AddDate(0, 0, -1)}))
	var statements []string
	for _, p := range w.s.framework.Principles {
		for _, st := range p.Statements {
			statements = append(statements, st.ID)
		}
	}
	round := &coproduce.HealthRound{Title: "Round", OpensOn: time.Now().AddDate(0, -2, 0), ClosesOn: time.Now().AddDate(0, -1, 0), MinCell: 3, Statements: statements}
	must(b, w.s.db.OpenHealthRound(ctx, 0, chair, round))
	w.s.db.Now = func() time.Time { return time.Now().AddDate(0, -1, -7) }
	for i := range 12 {
		m := w.extraMember(b)
		ballot := &coproduce.Ballot{Answers: map[string]int{}, Ladder: map[int64][2]coproduce.Rung{0: {coproduce.Consultation, coproduce.Partnership}},
			Comments: map[int]string{1 + i%10: "A comment."}}
		for j, st := range statements {
			ballot.Answers[st] = (i + j) % 6
		}
		must(b, w.s.db.SubmitBallot(ctx, m, round.ID, ballot))
	}
	w.s.db.Now = time.Now
	// The framework's tools: plans, a document, the governance map and
	// matters sent upward.
	must(b, w.s.db.SaveDocument(ctx, 0, chair, &coproduce.Document{Kind: coproduce.TheoryOfChangeDoc, Title: "Theory of change", Visibility: coproduce.GroupOnly},
		&coproduce.DocumentVersion{Sections: map[string]string{"problem": "Repairs take months and nobody explains why.", "power": "Residents choose the design team\nResidents decide how moves are arranged",
			"activities": "Meet monthly\nDoor-knock every block", "outputs": "Twelve meetings a year", "impact": "An estate residents shaped", "assumptions": "Funding continues"},
			Outcomes: []coproduce.Outcome{{Text: "Papers arrive in time", Indicator: "papers-on-time"}, {Text: "Decisions made in the room", Indicator: "decisions-at-meetings"}}}, 0))
	must(b, w.s.db.SaveDocument(ctx, 0, chair, &coproduce.Document{Kind: coproduce.ThreeHorizonsDoc, Title: "Three horizons", Visibility: coproduce.GroupOnly},
		&coproduce.DocumentVersion{Sections: map[string]string{"first": "Officers decide", "third": "Decided together", "second-now": "Agenda set jointly", "second-aspired": "A resident on the board"}}, 0))
	vision := &coproduce.Document{Kind: coproduce.TemplateDoc, Template: "vision-statement", Title: "Our vision", Visibility: coproduce.GroupOnly}
	must(b, w.s.db.SaveDocument(ctx, 0, chair, vision, &coproduce.DocumentVersion{Body: "## The place we want\n\n- Homes people can afford\n- A say at every stage"}, 0))
	cabinet := &coproduce.GovernanceBody{OrganisationID: w.larkhill.OrganisationID, Name: "Cabinet", Kind: "cabinet", Reach: coproduce.ReachPartly, Decides: "Budgets"}
	must(b, w.s.db.SaveGovernanceBody(ctx, 0, cabinet))
	must(b, w.s.db.SaveGovernanceBody(ctx, 0, &coproduce.GovernanceBody{OrganisationID: w.larkhill.OrganisationID, Name: "Larkhill", Kind: "steering-group",
		Reach: coproduce.ReachYes, ReportsTo: cabinet.ID, GroupID: w.larkhill.ID}))
	var sentUp *coproduce.AccountabilityCheck
	for _, d := range decisions {
		sentUp = &coproduce.AccountabilityCheck{DecisionID: d.ID, BodyID: cabinet.ID, Coproduced: coproduce.ReachYes, Rung: coproduce.Partnership,
			Statement: "Agreed together.", SentOn: time.Now().AddDate(0, 0, -30)}
		must(b, w.s.db.CreateAccountabilityCheck(ctx, 0, officer, sentUp))
	}
	for _, path := range []string{g + "/theory-of-change", g + "/three-horizons", g + "/documents", g + "/documents/" + idValue(vision.ID),
		"/o/brookfield/governance", g + "/accountability", g + "/accountability/" + idValue(sentUp.ID), g + "/decisions/" + idValue(sentUp.DecisionID) + "/accountability",
		"/framework/tools", "/framework/tools/theory-of-change"} {
		b.Run(strings.TrimPrefix(path, g), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if rec := w.request("chair", http.MethodGet, path, nil); rec.Code != http.StatusOK {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
	for _, path := range []string{g, g + "/members", g + "/members/" + idValue(w.members["resident"].ID), g + "/audit", "/account", "/o/brookfield",
		g + "/meetings/" + idValue(m.ID), g + "/meetings/" + idValue(m.ID) + "/pack", g + "/decisions", g + "/meetings", g + "/project",
		g + "/requests", g + "/outreach", g + "/support", g + "/facilitators", g + "/concerns", g + "/updates", g + "/time-out", g + "/training", g + "/skills", g + "/feedback", g + "/stakeholders", g + "/reflections", g + "/health", g + "/health/" + idValue(round.ID), g + "/health/report", g + "/health/report.pdf", g + "/health/report.xlsx"} {
		b.Run(strings.TrimPrefix(path, g), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rec := w.request("chair", http.MethodGet, path, nil)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
	// The downloads and the API, as a reporting tool calls it.
	for _, path := range []string{g + "/export/decisions.csv", g + "/export/requests.xlsx", g + "/open-data.json"} {
		b.Run(strings.TrimPrefix(path, g), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if rec := w.request("chair", http.MethodGet, path, nil); rec.Code != http.StatusOK {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
	token := w.token(b, "chair", coproduce.ScopeRead)
	for _, path := range []string{"/api/v1" + g + "/decisions", "/api/v1" + g + "/meetings", "/api/v1" + g + "/requests", "/api/v1" + g + "/health/report"} {
		b.Run("api"+strings.TrimPrefix(path, "/api/v1"+g), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, path, nil)
				req.Header.Set("Authorization", "Bearer "+token)
				rec := httptest.NewRecorder()
				w.h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
}

// BenchmarkGeneratedPages measures server time for the main pages of one
// group of the benchmark data set (see demo.Generate): 20 groups with
// five years of records each, as the group's chair, on SQLite.
func BenchmarkGeneratedPages(b *testing.B) {
	s, _ := newTestServer(b)
	s.logger = slog.New(slog.DiscardHandler)
	ctx := context.Background()
	if _, err := demo.Generate(ctx, s.db, demo.GenerateOptions{Groups: 20, Years: 5, Seed: 1}, cheapPasswords); err != nil {
		b.Fatal(err)
	}
	u, err := s.db.FindUserByEmail(ctx, demo.BenchEmail(1, 1))
	must(b, err)
	token, err := s.db.CreateSession(ctx, u.ID, "bench", store.DefaultSessionPolicy)
	must(b, err)
	h := s.Handler()
	g := "/o/" + demo.BenchOrganisationSlug(1) + "/g/" + demo.BenchGroupSlug(1)
	group, _, err := s.db.FindGroupBySlugs(ctx, demo.BenchOrganisationSlug(1), demo.BenchGroupSlug(1))
	must(b, err)
	meetings, err := s.db.FindMeetings(ctx, group.ID, false)
	must(b, err)
	var held *coproduce.Meeting
	for _, m := range meetings {
		if m.StartsAt.Before(time.Now()) && (held == nil || m.StartsAt.After(held.StartsAt)) {
			held = m
		}
	}
	for _, page := range []struct{ name, path string }{
		{"dashboard", g},
		{"meeting", g + "/meetings/" + fmt.Sprint(held.ID)},
		{"decisions", g + "/decisions"},
		{"report", g + "/health/report"},
		{"public", g},
		{"theory-of-change", g + "/theory-of-change"},
		{"sent-upward", g + "/accountability"},
		{"governance-map", "/o/" + demo.BenchOrganisationSlug(1) + "/governance"},
	} {
		b.Run(page.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, page.path, nil)
			if page.name != "public" {
				req.AddCookie(&http.Cookie{Name: cookieName, Value: token})
			}
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
}
