package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"coproduce"
	"coproduce/internal/browsertest"
	"coproduce/store"
)

// TestBrowserPublicPages visits every public page in Chromium at a phone's
// width (375 px) and a desktop's (1280 px), and requires zero axe-core
// violations of WCAG 2.2 A and AA and no sideways scrolling.
func TestBrowserPublicPages(t *testing.T) {
	b := browsertest.New(t)
	s, _ := newTestServer(t)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()

	paths := []string{"/nowhere"} // the 404 page is a page people see too
	for path := range publicPages() {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	for _, path := range paths {
		for _, width := range []int64{375, 1280} {
			p, err := b.Visit(ts.URL+path, width)
			checkPage(t, path, width, p, err, "")
		}
	}
}

// TestBrowserPrint checks the print stylesheet applies: navigation hidden,
// text black on white.
func TestBrowserPrint(t *testing.T) {
	b := browsertest.New(t)
	s, _ := newTestServer(t)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()

	got, err := browsertest.Eval[[]string](b, ts.URL+"/framework/principles/1", "print", `[
		getComputedStyle(document.querySelector(".site-nav")).display,
		getComputedStyle(document.querySelector(".pagination")).display,
		getComputedStyle(document.body).color,
		getComputedStyle(document.querySelector(".site-header")).backgroundColor]`)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"none", "none", "rgb(0, 0, 0)", "rgba(0, 0, 0, 0)"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("printed page: got %q, want %q", got, want)
			break
		}
	}
	screen, err := browsertest.Eval[string](b, ts.URL+"/framework/principles/1", "", `getComputedStyle(document.querySelector(".site-nav")).display`)
	if err != nil || screen == "none" {
		t.Errorf("on screen the navigation is %q (%v), want it shown", screen, err)
	}
}

// TestBrowserReportPrints checks the health check report prints: the
// group's navigation and the links to act are left out, while the radar
// chart, the tables and each principle's status stay.
func TestBrowserReportPrints(t *testing.T) {
	b := browsertest.New(t)
	w := newWorld(t)
	ts := startServer(t, w.s)
	ctx := context.Background()
	must(t, w.s.db.SetPassword(ctx, w.users["chair"].ID, coproduce.HashPassword("browser test password", cheapPasswords), ""))
	w.closedRound(t, 2, 2, 4)
	p, err := b.Submit(ts.URL+"/sign-in", 1280, map[string]string{"email": w.users["chair"].Email, "password": "browser test password"})
	checkPage(t, "sign in", 1280, p, err, "Your account")
	got, err := browsertest.Eval[[]string](b, ts.URL+"/o/brookfield/g/larkhill/health/report", "print", `[
		getComputedStyle(document.querySelector(".site-nav")).display,
		getComputedStyle(document.querySelector(".no-print")).display,
		getComputedStyle(document.querySelector("svg.radar")).display,
		getComputedStyle(document.querySelector(".report-principle table")).display,
		document.querySelector(".report-principle h2 .tag").textContent,
		getComputedStyle(document.body).color]`)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"none", "none", "inline", "table", "", "rgb(0, 0, 0)"}
	for i := range want {
		if i == 4 {
			if got[i] == "" {
				t.Error("the printed report has no status for the first principle")
			}
			continue
		}
		if got[i] != want[i] {
			t.Errorf("printed report: got %q, want %q", got, want)
			break
		}
	}
}

// TestBrowserAccountPages audits the signing-in and account pages, in
// their empty, error and signed-in states, at 375 px and 1280 px.
func TestBrowserAccountPages(t *testing.T) {
	b := browsertest.New(t)
	s, _ := newTestServer(t)
	ts := startServer(t, s)
	ctx := context.Background()
	u := addUser(t, s, "rita@example.org", "correct horse battery")
	setup, _ := s.db.CreateLoginToken(ctx, coproduce.PurposeSetup, 0, time.Hour)
	reset, _ := s.db.CreateLoginToken(ctx, coproduce.PurposeReset, u.ID, time.Hour)

	check := func(label string, width int64, p *browsertest.Page, err error, wantTitle string) {
		t.Helper()
		checkPage(t, label, width, p, err, wantTitle)
	}
	for _, width := range []int64{375, 1280} {
		// Asking for a link below cancels the earlier one, so each width
		// gets its own.
		signin, _ := s.db.CreateLoginToken(ctx, coproduce.PurposeSignIn, u.ID, time.Hour)
		for path, title := range map[string]string{
			"/sign-in":                 "Sign in",
			"/sign-in/link":            "Get a link",
			"/password/reset":          "Reset your password",
			"/sign-in/link/" + signin:  "Sign in to coproduce",
			"/password/reset/" + reset: "Choose a new password",
			"/setup/" + setup:          "Set up coproduce",
			"/setup/no-such-link":      "This link cannot be used",
		} {
			p, err := b.Visit(ts.URL+path, width)
			check(path, width, p, err, title)
		}
		p, err := b.Submit(ts.URL+"/sign-in", width, map[string]string{"email": "rita@example.org", "password": "wrong"})
		check("sign-in with a wrong password", width, p, err, "Error: Sign in")
		p, err = b.Submit(ts.URL+"/setup/"+setup, width, map[string]string{"email": "not an address", "password": "short"})
		check("setup with problems", width, p, err, "Error: Set up")
		p, err = b.Submit(ts.URL+"/password/reset/"+reset, width, map[string]string{"password": "password"})
		check("reset with a common password", width, p, err, "Error: Choose")
		p, err = b.Submit(ts.URL+"/sign-in/link", width, map[string]string{"email": "rita@example.org"})
		check("link requested", width, p, err, "Check your email")

		p, err = b.Submit(ts.URL+"/sign-in", width, map[string]string{"email": "rita@example.org", "password": "correct horse battery"})
		check("signed in", width, p, err, "Your account")
		if err == nil && p.URL != "/account" {
			t.Fatalf("signing in in the browser ended on %s, want /account", p.URL)
		}
		p, err = b.Visit(ts.URL+"/account/password", width)
		check("/account/password", width, p, err, "Change your password")
		p, err = b.Visit(ts.URL+"/account/name", width)
		check("/account/name", width, p, err, "Change your name")
		p, err = b.Visit(ts.URL+"/account/email", width)
		check("/account/email", width, p, err, "Change your email")
		p, err = b.Submit(ts.URL+"/account/email", width, map[string]string{"email": "x", "current": "nope"})
		check("email change with problems", width, p, err, "Error: Change your email")
		p, err = b.Visit(ts.URL+"/account/notifications", width)
		check("/account/notifications", width, p, err, "Email reminders and notices")
		p, err = b.Submit(ts.URL+"/account/notifications", width, map[string]string{})
		check("notifications saved", width, p, err, "Email reminders and notices")
		var unsubscribe string
		kind := coproduce.NotifyActionOverdue // at each width a kind still on
		if width > 375 {
			kind = coproduce.NotifyRequestDue
		}
		s.db.CreateNotification(ctx, &coproduce.Notification{UserID: u.ID, Kind: kind, Key: fmt.Sprintf("browser:%d", width),
			GroupName: "G", Subject: "S", Summary: "S", Link: "L"}, func(_ *coproduce.Notification, _, tok string) coproduce.Message {
			unsubscribe = tok
			return coproduce.Message{Subject: "s", Text: "t"}
		})
		p, err = b.Visit(ts.URL+"/unsubscribe/"+unsubscribe, width)
		check("/unsubscribe", width, p, err, "Stop these emails")
		p, err = b.Submit(ts.URL+"/unsubscribe/"+unsubscribe, width, map[string]string{})
		check("unsubscribed", width, p, err, "Stop these emails")
		p, err = b.Visit(ts.URL+"/account/tokens", width)
		check("/account/tokens", width, p, err, "Your API tokens")
		p, err = b.Submit(ts.URL+"/account/tokens", width, map[string]string{"name": ""})
		check("token with problems", width, p, err, "Error: Your API tokens")
		p, err = b.Submit(ts.URL+"/account/tokens", width, map[string]string{"name": fmt.Sprintf("Dashboard %d", width)})
		check("token made", width, p, err, "Your API tokens")
		var emailToken string
		s.db.RequestEmailChange(ctx, u.ID, fmt.Sprintf("rita%d@example.org", width), "", func(_ bool, tok string) coproduce.Message {
			emailToken = tok
			return coproduce.Message{Subject: "s", Text: "t"}
		})
		p, err = b.Visit(ts.URL+"/account/email/"+emailToken, width)
		check("email confirmation", width, p, err, "Confirm your new email")
		p, err = b.Submit(ts.URL+"/account/password", width, map[string]string{"current": "nope", "password": "x"})
		check("password change with problems", width, p, err, "Error: Change")
		p, err = b.Visit(ts.URL+"/account?done=password", width)
		check("/account with a confirmation", width, p, err, "Your account")
		p, err = b.Visit(ts.URL+"/framework", width)
		check("/framework signed in", width, p, err, "The coproduction framework")
		p, err = b.Submit(ts.URL+"/account", width, map[string]string{}) // the first form on the account page signs this device out
		check("signed out", width, p, err, "Share power")
	}
}

// TestBrowserGroupPages audits the organisation, group and member pages as
// a chair, an organisation administrator and someone not signed in, in
// their empty, filled and error states, at 375 px and 1280 px.
func TestBrowserGroupPages(t *testing.T) {
	b := browsertest.New(t)
	w := newWorld(t)
	ts := startServer(t, w.s)
	ctx := context.Background()
	for _, who := range []string{"chair", "orgAdmin", "resident"} {
		if err := w.s.db.SetPassword(ctx, w.users[who].ID, coproduce.HashPassword("browser test password", cheapPasswords), ""); err != nil {
			t.Fatal(err)
		}
		// Setting a password ends sessions; the world's needs renewing.
		token, err := w.s.db.CreateSession(ctx, w.users[who].ID, "test", store.DefaultSessionPolicy)
		if err != nil {
			t.Fatal(err)
		}
		w.cookies[who] = token
	}
	w.s.cfg.DemoAccounts = []DemoAccount{{Email: "grace@demo.example", Name: "Grace Okafor", About: "independent chair"}}
	w.s.cfg.DemoPassword = "coproduce demo"
	g := "/o/brookfield/g/larkhill"
	resident := g + "/members/" + idValue(w.members["resident"].ID)
	meeting := w.meeting(t, coproduce.Public)
	must(t, w.s.db.ProposeItem(ctx, w.users["resident"].ID, w.members["resident"], meeting.ID, &coproduce.AgendaItem{Title: "Parking on the estate", Description: "Visitors park on the grass."}))
	must(t, w.s.db.ProposeItem(ctx, w.users["resident"].ID, w.members["resident"], meeting.ID, &coproduce.AgendaItem{Title: "Bin stores"}))
	must(t, w.s.db.CreateMilestone(ctx, 0, &coproduce.Milestone{GroupID: w.larkhill.ID, Title: "Planning application", Due: time.Date(2027, 6, 1, 12, 0, 0, 0, time.UTC)}))
	must(t, w.s.db.CreateRisk(ctx, 0, &coproduce.Risk{GroupID: w.larkhill.ID, Kind: coproduce.KindRisk, Title: "Costs rising"}))
	meetingPath := g + "/meetings/" + idValue(meeting.ID)
	must(t, w.s.db.CreatePaper(ctx, 0, &coproduce.Paper{GroupID: w.larkhill.ID, MeetingID: meeting.ID, Title: "Options appraisal", Summary: "Three options.",
		FileName: "options.pdf", ContentType: "application/pdf", Audience: coproduce.Audience{Visibility: coproduce.Public}}, []byte("%PDF-1.4\n")))
	must(t, w.s.db.CreatePaper(ctx, 0, &coproduce.Paper{GroupID: w.larkhill.ID, MeetingID: meeting.ID, Title: "Land valuation",
		FileName: "v.pdf", ContentType: "application/pdf", Audience: coproduce.Audience{Visibility: coproduce.Restricted, MemberIDs: []int64{w.members["resident"].ID}, Reason: "Commercially confidential"}}, []byte("%PDF-1.4\n")))
	circulated := w.meeting(t, coproduce.GroupOnly)
	must(t, w.s.db.SaveMinutes(ctx, 0, w.larkhill.ID, &coproduce.Minutes{MeetingID: circulated.ID, Body: "## Parking\n\nAgreed a **survey**.\n\n- blocks A to C\n- blocks D to F", Visibility: coproduce.Public}))
	must(t, w.s.db.CirculateMinutes(ctx, 0, w.larkhill.ID, circulated.ID))
	must(t, w.s.db.AddCorrection(ctx, 0, w.members["resident"], circulated.ID, "It was blocks A to D."))
	must(t, w.s.db.RecordAttendance(ctx, 0, w.larkhill.ID, circulated.ID, map[int64]coproduce.Attendance{w.members["chair"].ID: coproduce.Present, w.members["officer"].ID: coproduce.Apologies}))
	circulatedPath := g + "/meetings/" + idValue(circulated.ID)
	must(t, w.s.db.CreateDecisionArea(ctx, 0, &coproduce.DecisionArea{GroupID: w.larkhill.ID, Name: "Design of the new homes", Rung: coproduce.Partnership}))
	unexplained := &coproduce.Decision{GroupID: w.larkhill.ID, Title: "Contractor appointed", Outcome: "The council appointed the contractor.",
		Method: coproduce.Delegated, DecidedOn: time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC), Outside: true,
		Positions: map[coproduce.Constituency]coproduce.Position{coproduce.Residents: coproduce.NotConsulted}}
	must(t, w.s.db.SaveDecision(ctx, 0, unexplained))
	must(t, w.s.db.CreateAction(ctx, 0, &coproduce.Action{GroupID: w.larkhill.ID, Title: "Send the survey", OwnerMemberID: w.members["chair"].ID, Due: time.Date(2020, 1, 1, 12, 0, 0, 0, time.UTC)}))
	decisionPath := g + "/decisions/" + idValue(unexplained.ID)
	must(t, w.s.db.CreateInfoRequest(ctx, 0, &coproduce.InfoRequest{GroupID: w.larkhill.ID, AskedBy: w.members["resident"].ID, Question: "What did the damp survey find?"}))
	_, err := w.s.db.CreateToRDraft(ctx, 0, w.larkhill.ID, torTemplates())
	must(t, err)
	must(t, w.s.db.ProposeToR(ctx, 0, w.larkhill.ID, 1))
	must(t, w.s.db.AgreeToR(ctx, 0, w.members["resident"], 1))
	must(t, w.s.db.AgreeToR(ctx, 0, w.members["officer"], 1))
	must(t, w.s.db.AdoptToR(ctx, 0, w.larkhill.ID, 1))
	_, err = w.s.db.CreateToRDraft(ctx, 0, w.larkhill.ID, nil)
	must(t, err)
	// The accountability records, so their pages are checked with content.
	concern := &coproduce.Concern{GroupID: w.larkhill.ID, Kind: "concern", Title: "Papers arrive late", Details: "They come the night before."}
	must(t, w.s.db.CreateConcern(ctx, 0, concern))
	must(t, w.s.db.MoveConcern(ctx, 0, w.members["chair"], concern.ID, coproduce.ConcernOnAgenda, meeting.ID, ""))
	concernPath := g + "/concerns/" + idValue(concern.ID)
	must(t, w.s.db.PostUpdate(ctx, 0, w.members["officer"], &coproduce.Update{Kind: "organisation", Title: "Cabinet met", Body: "Cabinet backed the **ballot**."}))
	must(t, w.s.db.StartTimeOut(ctx, 0, w.members["resident"], &coproduce.TimeOut{From: time.Now().AddDate(0, 0, -1), Until: time.Now().AddDate(0, 1, 0)}))
	must(t, w.s.db.CreateTrainingSession(ctx, 0, &coproduce.TrainingSession{GroupID: w.larkhill.ID, Topic: "Coproduction induction", On: time.Now().AddDate(0, 0, -2),
		Induction: true, RecordedBy: w.members["chair"].ID, Attendees: []int64{w.members["resident"].ID, w.members["officer"].ID}}))
	must(t, w.s.db.RecordTrainingReview(ctx, 0, w.members["chair"], &coproduce.TrainingReview{MemberID: w.members["officer"].ID, HeldOn: time.Now().AddDate(-1, 0, 0), Agreed: "A viability course."}))
	audit, err := w.s.db.OpenSkillsAudit(ctx, 0, w.members["chair"], []string{"Viability", "Design"})
	must(t, err)
	for _, who := range []string{"resident", "officer", "chair"} {
		must(t, w.s.db.SaveSkillsRatings(ctx, 0, w.members[who], audit.ID, map[string]int{"Viability": 2, "Design": 3}))
	}
	must(t, w.s.db.CloseSkillsAudit(ctx, 0, w.members["chair"], audit.ID))
	feedback := &coproduce.Feedback{GroupID: w.larkhill.ID, Source: "public", Theme: "Repairs", Said: "Fix the lifts.", ContactName: "Ann Lee", Contact: "ann@example.org"}
	must(t, w.s.db.CreateFeedback(ctx, 0, feedback))
	must(t, w.s.db.LinkFeedback(ctx, 0, w.larkhill.ID, &coproduce.FeedbackLink{FeedbackID: feedback.ID, DecisionID: unexplained.ID, Said: "Lifts keep failing.", Did: "Contract re-let."}))
	feedbackPath := g + "/feedback/" + idValue(feedback.ID)
	var statements []string
	for _, p := range w.s.framework.Principles {
		for _, st := range p.Statements {
			statements = append(statements, st.ID)
		}
	}
	w.closedRound(t, 3, 2, 4) // enough on each side for the report's radar chart
	closedRound := &coproduce.HealthRound{Title: "Spring round", OpensOn: time.Now().AddDate(0, -2, 0), ClosesOn: time.Now().AddDate(0, -1, 0), MinCell: 3, Statements: statements}
	must(t, w.s.db.OpenHealthRound(ctx, 0, w.members["chair"], closedRound))
	for i, who := range []string{"resident", "officer", "chair"} {
		b := &coproduce.Ballot{Answers: map[string]int{}, Ladder: map[int64][2]coproduce.Rung{0: {coproduce.Consultation, coproduce.Partnership}},
			Comments: map[int]string{1: "A comment."}}
		for _, st := range statements {
			b.Answers[st] = 1 + (i+len(st))%5
		}
		// The round's dates are in the past; answer it as if it were open.
		w.s.db.Now = func() time.Time { return time.Now().AddDate(0, -1, -7) }
		must(t, w.s.db.SubmitBallot(ctx, w.members[who], closedRound.ID, b))
		w.s.db.Now = time.Now
	}
	closedRoundPath := g + "/health/" + idValue(closedRound.ID)
	liveRound := &coproduce.HealthRound{Title: "Autumn round", OpensOn: time.Now().AddDate(0, 0, -1), ClosesOn: time.Now().AddDate(0, 0, 13), MinCell: 5, Statements: statements}
	must(t, w.s.db.OpenHealthRound(ctx, 0, w.members["chair"], liveRound))
	liveRoundPath := g + "/health/" + idValue(liveRound.ID)
	must(t, w.s.db.CreateReflection(ctx, 0, w.members["resident"], &coproduce.Reflection{Prompt: "power", Body: "The council holds the money."}))
	must(t, w.s.db.CreateReflection(ctx, 0, w.members["chair"], &coproduce.Reflection{Prompt: "power", Body: "Residents set half the agenda.", MeetingID: circulated.ID}))
	must(t, w.s.db.CreateReflection(ctx, 0, w.members["officer"], &coproduce.Reflection{Prompt: "officer", Body: "Evening meetings are hard."}))
	for phase, influence := range []int{2, 4} {
		must(t, w.s.db.AddStakeholder(ctx, 0, &coproduce.Stakeholder{GroupID: w.larkhill.ID, Phase: phase, PhaseName: "Stage", Name: "Tenants' association",
			Type: "residents", Influence: influence, Affected: 5, Represented: true}))
		must(t, w.s.db.AddStakeholder(ctx, 0, &coproduce.Stakeholder{GroupID: w.larkhill.ID, Phase: phase, PhaseName: "Stage", Name: "Leaseholders",
			Type: "residents", Influence: 1, Affected: 5}))
	}

	toc := &coproduce.Document{Kind: coproduce.TheoryOfChangeDoc, Title: "Theory of change", Visibility: coproduce.Public}
	must(t, w.s.db.SaveDocument(ctx, 0, w.members["chair"], toc, &coproduce.DocumentVersion{Sections: map[string]string{
		"problem": "Repairs take months and nobody explains why, so residents have stopped reporting them.", "power": "Residents choose the design team",
		"activities": "Meet monthly\nDoor-knock every block twice a year", "outputs": "Twelve meetings a year", "impact": "An estate residents shaped",
		"assumptions": "The council keeps funding the project"}, Outcomes: []coproduce.Outcome{{Text: "Papers arrive in time to read", Indicator: "papers-on-time"}}}, 0))
	must(t, w.s.db.SaveDocument(ctx, 0, w.members["resident"], &coproduce.Document{Kind: coproduce.ThreeHorizonsDoc, Title: "Three horizons", Visibility: coproduce.GroupOnly},
		&coproduce.DocumentVersion{Sections: map[string]string{"first": "Officers decide, then consult", "third": "Decisions made together", "second-now": "Agenda set jointly", "second-aspired": "A resident-led design panel"}}, 0))
	vision := &coproduce.Document{Kind: coproduce.TemplateDoc, Template: "vision-statement", Title: "Our vision", Visibility: coproduce.GroupOnly}
	must(t, w.s.db.SaveDocument(ctx, 0, w.members["officer"], vision, &coproduce.DocumentVersion{Body: "## What we want\n\n- Homes people can afford\n- A say in every stage"}, 0))
	must(t, w.s.db.SaveDocument(ctx, 0, w.members["officer"], vision, &coproduce.DocumentVersion{Body: "## What we want\n\nHomes people can afford.", Note: "shorter"}, 1))
	visionPath := g + "/documents/" + idValue(vision.ID)
	cabinet := &coproduce.GovernanceBody{OrganisationID: w.larkhill.OrganisationID, Name: "Cabinet", Kind: "cabinet", Reach: coproduce.ReachPartly, Decides: "The budget\nThe development partner"}
	must(t, w.s.db.SaveGovernanceBody(ctx, 0, cabinet))
	must(t, w.s.db.SaveGovernanceBody(ctx, 0, &coproduce.GovernanceBody{OrganisationID: w.larkhill.OrganisationID, Name: "Larkhill steering group", Kind: "steering-group",
		Reach: coproduce.ReachYes, ReportsTo: cabinet.ID, GroupID: w.larkhill.ID}))
	sentUp := &coproduce.AccountabilityCheck{DecisionID: unexplained.ID, BodyID: cabinet.ID, Coproduced: coproduce.ReachNo, Rung: coproduce.Informing,
		Statement: "Cabinet decided before the group met.", SentOn: time.Now().AddDate(0, 0, -70)}
	must(t, w.s.db.CreateAccountabilityCheck(ctx, 0, w.members["officer"], sentUp))
	checkPath := g + "/accountability/" + idValue(sentUp.ID)

	check := func(label string, width int64, p *browsertest.Page, err error, wantTitle string) {
		t.Helper()
		checkPage(t, label, width, p, err, wantTitle)
	}
	signIn := func(who string, width int64) {
		t.Helper()
		p, err := b.Submit(ts.URL+"/sign-in", width, map[string]string{"email": w.users[who].Email, "password": "browser test password"})
		check("sign in as "+who, width, p, err, "Your account")
	}
	signOut := func(width int64) {
		t.Helper()
		p, err := b.Submit(ts.URL+"/account", width, map[string]string{})
		check("sign out", width, p, err, "Share power")
	}
	for _, width := range []int64{375, 1280} {
		// Not signed in: public pages, the demo sign-in list, and an invitation.
		chair := w.client(t, "chair")
		res, _ := chair.post(g+"/invite", url.Values{"email": {fmt.Sprintf("new%d@example.org", width)}, "constituency": {"residents"}, "role": {"resident-rep"}, "reason": {"Elected"}})
		wantRedirect(t, res, g+"/members?done=invited")
		link, _ := lastLink(t, w.s, "/invitations/")
		for path, title := range map[string]string{
			"/organisations":                    "Organisations",
			"/o/brookfield":                     "Brookfield Council",
			g:                                   "Larkhill Estate Steering Group",
			"/sign-in":                          "Sign in",
			link:                                "Join Larkhill",
			meetingPath:                         "Meeting public",
			"/framework/tools":                  "Templates and guides",
			"/framework/tools/theory-of-change": "Theory of change",
			g + "/theory-of-change":             "Theory of change",
		} {
			p, err := b.Visit(ts.URL+path, width)
			check(path, width, p, err, title)
		}
		p, err := b.Submit(ts.URL+link, width, map[string]string{"name": "", "password": "short"})
		check("invitation with problems", width, p, err, "Error: Join")

		signIn("chair", width)
		for path, title := range map[string]string{
			g:                                     "Larkhill Estate Steering Group",
			g + "/members":                        "Members",
			resident:                              "Person resident",
			g + "/invite":                         "Invite a member",
			g + "/edit":                           "Edit the group",
			g + "/precepts":                       "The five precepts",
			g + "/audit?verify=1":                 "Record of changes",
			g + "/project":                        "Where the project stands",
			g + "/project/stages":                 "The stages of the project",
			g + "/meetings":                       "Meetings",
			g + "/meetings/new":                   "Arrange a meeting",
			meetingPath:                           "Meeting public",
			meetingPath + "/edit":                 "Change the meeting",
			circulatedPath:                        "Meeting group",
			g + "/decisions":                      "Decisions log",
			g + "/decisions/new":                  "Record a decision",
			decisionPath:                          "Contractor appointed",
			decisionPath + "/edit":                "Change this decision",
			g + "/actions":                        "Actions",
			"/account/calendar":                   "Your calendar feed",
			g + "/red-lines":                      "Red lines",
			g + "/requests":                       "Information requests",
			g + "/outreach":                       "Outreach log",
			g + "/support":                        "Support to take part",
			g + "/facilitators":                   "Facilitators and mediators",
			g + "/concerns":                       "Concerns and disagreements",
			g + "/updates":                        "Updates",
			g + "/training":                       "Training",
			g + "/feedback":                       "Community feedback",
			g + "/reflections":                    "Reflections",
			g + "/export":                         "Download the group",
			g + "/health":                         "Health check",
			g + "/health/report":                  "Health check report",
			g + "/health/report/1/adopt":          "Adopt an action for",
			g + "/health/thresholds":              "Indicator thresholds",
			closedRoundPath:                       "Spring round",
			liveRoundPath:                         "Autumn round",
			g + "/stakeholders?phase=1&compare=0": "Stakeholder and power map",
			feedbackPath:                          "Feedback",
			concernPath:                           "Papers arrive late",
			g + "/skills":                         "Skills audit",
			g + "/time-out":                       "Time out",
			meetingPath + "/pack":                 "Meeting pack",
			g + "/terms":                          "Terms of reference",
			g + "/terms/1":                        "Terms of reference, Version 1",
			g + "/terms/2":                        "Terms of reference, Version 2",
			g + "/terms/compare?a=1&b=2":          "Version 1 compared",
			g + "/documents":                      "Plans and documents",
			"/o/brookfield/governance":            "Governance map",
			g + "/accountability":                 "Sent upward",
			checkPath:                             "Accountability check",
			decisionPath + "/accountability":      "Send upward",
			g + "/templates/skills-audit":         "New document: Skills",
			visionPath:                            "Our vision",
			visionPath + "?version=1":             "Our vision, Version 1",
			visionPath + "/edit":                  "New version: Our vision",
			g + "/theory-of-change":               "Theory of change",
			g + "/theory-of-change/edit":          "New version: Theory of change",
			g + "/three-horizons":                 "Three horizons",
			g + "/three-horizons/edit":            "New version: Three horizons",
			"/framework/tools/access-checklist":   "Access",
			"/framework/principles/2":             "Principle 2",
			"/account":                            "Your account",
			"/account/erase":                      "Delete your account",
		} {
			p, err := b.Visit(ts.URL+path, width)
			check(path, width, p, err, title)
		}
		p, err = b.Submit(ts.URL+decisionPath+"/accountability", width, map[string]string{"statement": ""})
		check("accountability check with problems", width, p, err, "Error: Send upward")
		p, err = b.Submit(ts.URL+checkPath, width, map[string]string{"response": ""})
		check("response with problems", width, p, err, "Error: Accountability check")
		p, err = b.Submit(ts.URL+g+"/theory-of-change/edit", width, map[string]string{"problem": "", "power": "", "activities": "", "outputs": "", "impact": "", "assumptions": "", "outcome-1": "", "outcome-1-indicator": "papers-on-time"})
		check("theory of change with problems", width, p, err, "Error: New version")
		p, err = b.Submit(ts.URL+visionPath+"/edit", width, map[string]string{"body": ""})
		check("document with problems", width, p, err, "Error: New version")
		p, err = b.Submit(ts.URL+g+"/invite", width, map[string]string{"email": "bad", "reason": ""})
		check("invite with problems", width, p, err, "Error: Invite")
		p, err = b.Submit(ts.URL+resident, width, map[string]string{"role_description": strings.Repeat("x", 5001)})
		check("member with problems", width, p, err, "Error:")
		p, err = b.Submit(ts.URL+g+"/meetings/new", width, map[string]string{"title": "", "venue": ""})
		check("new meeting with problems", width, p, err, "Error: Arrange")
		p, err = b.Submit(ts.URL+meetingPath, width, map[string]string{"description": "", "title": ""})
		check("proposing an empty item", width, p, err, "Error: Meeting public")
		p, err = b.Submit(ts.URL+meetingPath, width, map[string]string{"paper_summary": "", "paper_title": "A paper"})
		check("a paper without its file", width, p, err, "Error: Meeting public")
		p, err = b.Submit(ts.URL+meetingPath, width, map[string]string{"body": ""})
		check("empty minutes", width, p, err, "Error: Meeting public")
		p, err = b.Submit(ts.URL+circulatedPath, width, map[string]string{"correction": ""})
		check("empty correction", width, p, err, "Error: Meeting group")
		p, err = b.Submit(ts.URL+g+"/decisions/new", width, map[string]string{"title": "", "outcome": ""})
		check("decision with problems", width, p, err, "Error: Record")
		p, err = b.Submit(ts.URL+g+"/red-lines", width, map[string]string{"owner": "", "title": "X"})
		check("red line with problems", width, p, err, "Error: Red lines")
		p, err = b.Submit(ts.URL+g+"/requests", width, map[string]string{"question": ""})
		check("request with problems", width, p, err, "Error: Information requests")
		p, err = b.Submit(ts.URL+g+"/actions", width, map[string]string{"title": ""})
		check("action with problems", width, p, err, "Error: Actions")
		p, err = b.Submit(ts.URL+g+"/project", width, map[string]string{"stage": "3"})
		check("stage saved", width, p, err, "Where the project stands")
		p, err = b.Submit(ts.URL+g+"/health/thresholds", width, map[string]string{"papers-on-time": "lots"})
		check("thresholds with problems", width, p, err, "Error: Indicator thresholds")
		p, err = b.Submit(ts.URL+g+"/edit", width, map[string]string{"name": ""})
		check("group edit with problems", width, p, err, "Error: Edit")
		p, err = b.Submit(ts.URL+"/account/erase", width, map[string]string{})
		check("erase without confirming", width, p, err, "Error: Delete")
		signOut(width)

		signIn("orgAdmin", width)
		p, err = b.Visit(ts.URL+"/o/brookfield", width)
		check("/o/brookfield as its administrator", width, p, err, "Brookfield Council")
		p, err = b.Visit(ts.URL+"/o/brookfield/health", width)
		check("/o/brookfield/health", width, p, err, "How the groups are doing")
		p, err = b.Visit(ts.URL+"/o/brookfield/governance", width)
		check("/o/brookfield/governance as its administrator", width, p, err, "Governance map")
		p, err = b.Submit(ts.URL+"/o/brookfield/governance", width, map[string]string{"name": "", "reach": "no"})
		check("governance body with problems", width, p, err, "Error: Governance map")
		p, err = b.Submit(ts.URL+"/o/brookfield", width, map[string]string{"name": "", "slug": "Not A Slug"})
		check("add group with problems", width, p, err, "Error: Brookfield")
		signOut(width)

		signIn("resident", width)
		p, err = b.Visit(ts.URL+g+"/health/thresholds", width)
		check("thresholds as a table", width, p, err, "Indicator thresholds")
		signOut(width)
	}
}

// checkPage fails t for a page that did not load, whose title does not
// start with wantTitle, or that has accessibility violations, a link or
// button without the focus style, or sideways scrolling.
func checkPage(t *testing.T, label string, width int64, p *browsertest.Page, err error, wantTitle string) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(p.Title, wantTitle) {
		t.Errorf("%s at %d px: title %q, want it to start %q", label, width, p.Title, wantTitle)
	}
	for _, v := range p.Violations {
		t.Errorf("%s at %d px: %s", label, width, v)
	}
	for _, el := range p.Unfocused {
		t.Errorf("%s at %d px: no focus style on %s", label, width, el)
	}
	if p.Overflow > 0 {
		t.Errorf("%s at %d px: %d px of sideways scrolling", label, width, p.Overflow)
	}
}
