package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"coproduce"
	"coproduce/internal/pgtest"
)

func TestMeetingCycleBeginsWithAnAgenda(t *testing.T) {
	w := newWorld(t)
	chair, resident := w.client(t, "chair"), w.client(t, "resident")
	g := "/o/brookfield/g/larkhill"

	res, body := chair.post(g+"/meetings/new", url.Values{"title": {""}, "date": {"2026-02-30"}, "time": {"18:30"}, "minutes": {"90"}, "visibility": {"public"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Enter a name", "Enter a real date and a time", "Enter where the meeting is",
		"<h1>Arrange a meeting</h1>", `action="/o/brookfield/g/larkhill/meetings/new"`)
	res, _ = chair.post(g+"/meetings/new", url.Values{"title": {"Steering group meeting"}, "date": {"2026-10-25"}, "time": {"18:30"}, "minutes": {"90"},
		"venue": {"Larkhill Community Centre, 1 Larkhill Road"}, "host": {idValue(w.members["resident"].ID)},
		"access_notes": {"Step-free entrance on the left."}, "visibility": {"public"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("creating a meeting: %d", res.StatusCode)
	}
	path := strings.Split(res.Header.Get("Location"), "?")[0]

	// The clocks go back on 25 October 2026: 18:30 that evening is 18:30 GMT.
	meetings, _ := w.s.db.FindMeetings(context.Background(), w.larkhill.ID, false)
	if want := time.Date(2026, 10, 25, 18, 30, 0, 0, time.UTC); !meetings[0].StartsAt.Equal(want) {
		t.Errorf("starts at %v, want %v", meetings[0].StartsAt, want)
	}
	res, body = resident.get(path)
	wantStatus(t, res, body, http.StatusOK, "Sunday 25 October 2026, 6:30pm to 8pm", "Hosted by", "Person resident", "Step-free entrance",
		"Check-in", "Where the project stands", "Things people don&#39;t understand", "Problems and conflicts", "Propose an item")
	checkPageShape(t, body)

	res, body = resident.post(path+"/items", url.Values{"title": {""}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Enter a name")
	for _, title := range []string{"Parking on the estate", "Bin stores"} {
		res, _ = resident.post(path+"/items", url.Values{"title": {title}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("proposing: %d", res.StatusCode)
		}
	}
	res, body = chair.get(path)
	wantStatus(t, res, body, http.StatusOK, "Proposed by Person resident (Residents)", "Move up")
	if strings.Index(body, "Parking on the estate") > strings.Index(body, "Bin stores") {
		t.Fatal("items not in the order proposed")
	}
	items, _ := w.s.db.FindAgenda(context.Background(), meetings[0].ID)
	res, _ = chair.post(path+"/items/"+idValue(items[3].ID)+"/move", url.Values{"direction": {"up"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("moving: %d", res.StatusCode)
	}
	_, body = chair.get(path)
	if strings.Index(body, "Bin stores") > strings.Index(body, "Parking on the estate") {
		t.Error("moving up did not move the item")
	}
	if !(strings.Index(body, "Check-in") < strings.Index(body, "Bin stores") && strings.Index(body, "Parking on the estate") < strings.Index(body, "Problems and conflicts")) {
		t.Error("proposed items are not between the fixed items")
	}
	// Residents cannot reorder.
	res, _ = resident.post(path+"/items/"+idValue(items[3].ID)+"/move", url.Values{"direction": {"up"}})
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("a resident reordering: %d, want 404", res.StatusCode)
	}

	// A public meeting is visible to someone not signed in, without the online link.
	res, body = w.client(t, "").get(path)
	wantStatus(t, res, body, http.StatusOK, "Steering group meeting", "Parking on the estate")
	if strings.Contains(body, "Propose an item") {
		t.Error("someone not signed in is offered to propose items")
	}
}

func TestProjectContextPage(t *testing.T) {
	w := newWorld(t)
	officer := w.client(t, "officer")
	g := "/o/brookfield/g/larkhill"
	res, body := officer.get(g + "/project")
	wantStatus(t, res, body, http.StatusOK, "Stage 0: Strategic Definition", "No milestones yet")
	res, _ = officer.post(g+"/project/stage", url.Values{"stage": {"3"}})
	wantRedirect(t, res, g+"/project?done=stage")
	res, body = officer.post(g+"/project/milestones", url.Values{"title": {"Planning application"}, "due": {"not a date"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Enter a real date", `value="Planning application"`)
	res, _ = officer.post(g+"/project/milestones", url.Values{"title": {"Planning application"}, "due": {"2027-06-01"}})
	wantRedirect(t, res, g+"/project?done=milestone")
	ms, _ := w.s.db.FindMilestones(context.Background(), w.larkhill.ID)
	res, body = officer.post(g+"/project/milestones/"+idValue(ms[0].ID)+"/move", url.Values{"due": {"2027-09-01"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Say why the date is changing", "<details class=\"details\" open>")
	res, _ = officer.post(g+"/project/milestones/"+idValue(ms[0].ID)+"/move", url.Values{"due": {"2027-09-01"}, "reason": {"Highways survey delayed"}})
	wantRedirect(t, res, g+"/project?done=moved")
	res, _ = officer.post(g+"/project/risks", url.Values{"kind": {"opportunity"}, "title": {"Heat network grant"}})
	wantRedirect(t, res, g+"/project?done=risk")
	res, body = w.client(t, "resident").get(g + "/project")
	wantStatus(t, res, body, http.StatusOK, "Stage 3: Spatial Coordination", "from 1 June 2027 to 1 September 2027: Highways survey delayed", "Heat network grant")
	if strings.Contains(body, "Add a milestone") {
		t.Error("a resident representative is offered to edit the project")
	}

	// The recap on every agenda reads the project context.
	m := &coproduce.Meeting{GroupID: w.larkhill.ID, Title: "Meeting", StartsAt: time.Date(2027, 1, 12, 18, 0, 0, 0, time.UTC), Minutes: 60, Venue: "Hall", Visibility: coproduce.GroupOnly}
	must(t, w.s.db.CreateMeeting(context.Background(), 0, m))
	res, body = w.client(t, "resident").get(g + "/meetings/" + idValue(m.ID))
	wantStatus(t, res, body, http.StatusOK, "Stage 3: Spatial Coordination", "Planning application: 1 September 2027 (date changed since first set)", "Opportunity: Heat network grant")
}

// TestFullMeetingCycle runs a meeting from agenda to approved minutes, as an
// officer chairing and a resident taking part would, on SQLite and on
// PostgreSQL.
func TestFullMeetingCycle(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testFullMeetingCycle(t, newWorld(t)) })
	t.Run("postgres", func(t *testing.T) { testFullMeetingCycle(t, newWorldOn(t, pgtest.URL(t))) })
}

func testFullMeetingCycle(t *testing.T, w *world) {
	chair, resident := w.client(t, "chair"), w.client(t, "resident")
	g := "/o/brookfield/g/larkhill"
	march := w.meeting(t, coproduce.Public)
	april := &coproduce.Meeting{GroupID: w.larkhill.ID, Title: "April meeting", StartsAt: march.StartsAt.AddDate(0, 1, 0), Minutes: 90, Venue: "Hall", Visibility: coproduce.Public}
	must(t, w.s.db.CreateMeeting(context.Background(), 0, april))
	path := g + "/meetings/" + idValue(march.ID)

	res, _ := resident.post(path+"/items", url.Values{"title": {"Parking on the estate"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("proposing: %d", res.StatusCode)
	}
	officer := w.client(t, "officer")
	res, _ = officer.upload(path+"/papers", map[string][]string{"paper_title": {"Parking survey"}, "paper_visibility": {"public"}}, "survey.pdf", []byte("%PDF-1.4\nsurvey\n"))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("adding a paper: %d", res.StatusCode)
	}
	papers, _ := w.s.db.FindPapers(context.Background(), march.ID)
	res, _ = officer.post(g+"/papers/"+idValue(papers[0].ID)+"/circulate", nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("circulating the paper: %d", res.StatusCode)
	}
	res, body := chair.post(path+"/attendance", url.Values{})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Choose present, apologies or absent")
	res, _ = chair.post(path+"/attendance", url.Values{
		"attendance-" + idValue(w.members["chair"].ID):    {"present"},
		"attendance-" + idValue(w.members["resident"].ID): {"present"},
		"attendance-" + idValue(w.members["officer"].ID):  {"apologies"},
	})
	wantRedirect(t, res, path+"?done=attendance#minutes")

	res, body = chair.post(path+"/minutes", url.Values{"body": {""}, "visibility": {"public"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Write the minutes")
	minutes := "## Parking\n\nAgreed to survey **every** block. <script>alert(1)</script>"
	res, _ = chair.post(path+"/minutes", url.Values{"body": {minutes}, "visibility": {"public"}})
	wantRedirect(t, res, path+"?done=minutes#minutes")
	res, body = resident.get(path)
	wantStatus(t, res, body, http.StatusOK, "Draft", "<strong>every</strong>", "Person officer: Apologies")
	if strings.Contains(body, "<script>alert") {
		t.Fatal("script in the minutes reached the page")
	}
	res, body = w.client(t, "").get(path)
	wantStatus(t, res, body, http.StatusOK, "published here once the group approves them")
	if strings.Contains(body, "every</strong>") {
		t.Error("draft minutes shown to someone not signed in")
	}

	res, _ = chair.post(path+"/minutes/circulate", nil)
	wantRedirect(t, res, path+"?done=circulated#minutes")
	res, body = chair.post(path+"/minutes", url.Values{"body": {"changed"}, "visibility": {"public"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "cannot be changed")
	res, _ = resident.post(path+"/minutes/corrections", url.Values{"correction": {"It was every block except F."}})
	wantRedirect(t, res, path+"?done=correction#minutes")
	res, _ = chair.post(path+"/minutes", url.Values{"body": {"## Parking\n\nAgreed to survey every block except F."}, "visibility": {"public"}})
	wantRedirect(t, res, path+"?done=minutes#minutes")
	chair.post(path+"/minutes/circulate", nil)
	res, body = chair.post(path+"/minutes/approve", url.Values{"approved_at": {idValue(march.ID)}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Choose the later meeting")
	res, _ = chair.post(path+"/minutes/approve", url.Values{"approved_at": {idValue(april.ID)}})
	wantRedirect(t, res, path+"?done=approved#minutes")

	res, body = w.client(t, "").get(path)
	wantStatus(t, res, body, http.StatusOK, "Approved", "every block except F")
	if strings.Contains(body, "It was every block except F") {
		t.Error("corrections shown to someone not signed in")
	}
	res, _ = officer.post(g+"/decisions/new", url.Values{"title": {"Survey every block"}, "outcome": {"Agreed to survey every block except F."},
		"method": {"consensus"}, "decided_on": {march.StartsAt.Format("2006-01-02")}, "where": {"meeting"}, "meeting": {idValue(march.ID)},
		"position-residents": {"agreed"}, "position-organisation": {"agreed"}, "published": {"yes"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("recording the decision: %d", res.StatusCode)
	}
	res, body = w.client(t, "").get(g)
	wantStatus(t, res, body, http.StatusOK, "Survey every block", march.Title)
	res, body = chair.get(g + "/audit?verify=1")
	wantStatus(t, res, body, http.StatusOK, "The record is whole", "Attendance recorded", "Minutes approved", "Correction to the minutes sent", "Paper circulated", "Decision recorded")
}

func TestPaperDeadlineIsAGroupSetting(t *testing.T) {
	w := newWorld(t)
	chair := w.client(t, "chair")
	g := "/o/brookfield/g/larkhill"
	res, body := chair.post(g+"/edit", url.Values{"name": {"Larkhill Estate Steering Group"}, "paper_deadline_days": {"30"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "from 0 to 20", `value="30"`)
	res, _ = chair.post(g+"/edit", url.Values{"name": {"Larkhill Estate Steering Group"}, "paper_deadline_days": {"3"}})
	wantRedirect(t, res, g+"?done=saved")
	m := w.meeting(t, coproduce.GroupOnly) // Tuesday 12 January 2027
	res, body = chair.get(g + "/meetings/" + idValue(m.ID))
	wantStatus(t, res, body, http.StatusOK, "Papers are due by 7 January 2027 at 11:59pm: 3 working days")
}

func TestMeetingPack(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	g := "/o/brookfield/g/larkhill"
	first := w.meeting(t, coproduce.Public)
	second := &coproduce.Meeting{GroupID: w.larkhill.ID, Title: "Next meeting", StartsAt: first.StartsAt.AddDate(0, 1, 0), Minutes: 90, Venue: "Hall", Visibility: coproduce.Public}
	must(t, w.s.db.CreateMeeting(ctx, 0, second))
	must(t, w.s.db.CreateAction(ctx, 0, &coproduce.Action{GroupID: w.larkhill.ID, Title: "Write to block C", MeetingID: first.ID, OwnerMemberID: w.members["resident"].ID}))
	must(t, w.s.db.ProposeItem(ctx, 0, w.members["resident"], second.ID, &coproduce.AgendaItem{Title: "Parking"}))
	path := g + "/meetings/" + idValue(second.ID) + "/pack"
	res, body := w.client(t, "officer").get(path)
	wantStatus(t, res, body, http.StatusOK, "Meeting pack: Next meeting", "Parking", "Where the project stands", "Actions from the last meeting", "Write to block C: Person resident, Open")
	checkPageShape(t, body)
	res, body = w.client(t, "").get(path)
	wantStatus(t, res, body, http.StatusOK, "Meeting pack: Next meeting", "Parking")
	if strings.Contains(body, "Write to block C") {
		t.Error("the group's actions are in the public pack")
	}
}
