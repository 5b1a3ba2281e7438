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

// onBothDatabases runs fn against a world on SQLite and one on
// PostgreSQL, so each feature is shown to work on both.
func onBothDatabases(t *testing.T, fn func(t *testing.T, w *world)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, newWorld(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, newWorldOn(t, pgtest.URL(t))) })
}

func TestInformationRequests(t *testing.T) { onBothDatabases(t, testInformationRequests) }

func testInformationRequests(t *testing.T, w *world) {
	g := "/o/brookfield/g/larkhill"
	resident, officer := w.client(t, "resident"), w.client(t, "officer")
	res, body := resident.post(g+"/requests", url.Values{"question": {""}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Say what information you are asking for")
	res, _ = resident.post(g+"/requests", url.Values{"question": {"What did the damp survey find?"}})
	wantRedirect(t, res, g+"/requests?done=asked")
	list, _ := w.s.db.FindInfoRequests(context.Background(), w.larkhill.ID)
	path := g + "/requests/" + idValue(list[0].ID) + "/answer"

	// A request to the organisation is answered by its members, not by the
	// resident who asked.
	if res, _ := resident.post(path, url.Values{"answer": {"x"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("the asker answering: %d, want 404", res.StatusCode)
	}
	res, body = officer.post(path, url.Values{"answer": {"Damp in 40 flats."}, "withheld": {"yes"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Say why the information is withheld", "Damp in 40 flats.")
	res, _ = officer.post(path, url.Values{"answer": {"Damp in 40 flats; addresses withheld."}, "withheld": {"yes"}, "withheld_reason": {"Personal data."}})
	wantRedirect(t, res, g+"/requests?done=answered")
	res, body = resident.get(g + "/requests")
	wantStatus(t, res, body, http.StatusOK, "What did the damp survey find?", "Some information withheld", "Personal data.", "Half of all answers took 0 days or less (1 answered)")
}

func TestOutreachLog(t *testing.T) { onBothDatabases(t, testOutreachLog) }

func testOutreachLog(t *testing.T, w *world) {
	g := "/o/brookfield/g/larkhill"
	resident, officer := w.client(t, "resident"), w.client(t, "officer")
	res, body := resident.get(g + "/outreach")
	wantStatus(t, res, body, http.StatusOK, "You have not logged any outreach yet", "Nobody in the group has logged outreach yet")

	// A form too large to read says so, rather than blaming the server.
	res, body = resident.post(g+"/outreach", url.Values{"themes": {strings.Repeat("x", 100<<10)}})
	wantStatus(t, res, body, http.StatusBadRequest, "What you sent could not be read", "Back button")
	// A bad entry is refused and keeps what was typed.
	res, body = resident.post(g+"/outreach", url.Values{"on": {"2026-11-23"}, "method": {"door-knocking"}, "people": {"lots"}, "themes": {"Bins on Tower B"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Enter roughly how many people you reached, as a number", "Bins on Tower B")
	res, body = resident.post(g+"/outreach", url.Values{"on": {"2099-01-05"}, "method": {"door-knocking"}, "people": {"12"}, "themes": {"Bins on Tower B"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "cannot be in the future")
	res, _ = resident.post(g+"/outreach", url.Values{"on": {"2026-11-23"}, "method": {"door-knocking"}, "people": {"12"}, "themes": {"Bins on Tower B"}})
	wantRedirect(t, res, g+"/outreach?done=logged")
	res, _ = resident.post(g+"/outreach", url.Values{"on": {"2026-11-25"}, "method": {"drop-in"}, "people": {"8"}, "themes": {"Decant dates"}})
	wantRedirect(t, res, g+"/outreach?done=logged")
	res, body = resident.get(g + "/outreach")
	wantStatus(t, res, body, http.StatusOK, "Your outreach", "Week of 23 November 2026", "Bins on Tower B", "about 12 people", "Drop-in session")
	if !strings.Contains(body, "<td><span class=\"cell-label\" aria-hidden=\"true\">People reached: </span>20</td>") {
		t.Error("the week's total of people reached is not 20")
	}

	list, _ := w.s.db.FindOutreach(context.Background(), w.larkhill.ID)
	path := g + "/outreach/" + idValue(list[0].ID) + "/fed-back"
	field := "meeting-" + idValue(list[0].ID)
	// Only a meeting that has taken place since counts.
	if res, body := resident.post(path, url.Values{field: {idValue(w.meeting(t, coproduce.GroupOnly).ID)}}); res.StatusCode != http.StatusConflict ||
		!strings.Contains(body, "Choose a meeting that has taken place since the outreach") {
		t.Errorf("marking it fed back at a future meeting: %d", res.StatusCode)
	}
	meeting := &coproduce.Meeting{GroupID: w.larkhill.ID, Title: "November", StartsAt: time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC), Minutes: 90, Venue: "Hall", Visibility: coproduce.GroupOnly}
	must(t, w.s.db.CreateMeeting(context.Background(), 0, meeting))
	// Only the member who logged it marks it fed back.
	if res, _ := officer.post(path, url.Values{field: {idValue(meeting.ID)}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("another member marking it: %d, want 404", res.StatusCode)
	}
	res, body = resident.post(path, url.Values{field: {""}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Choose the meeting where you reported this back")
	res, _ = resident.post(path, url.Values{field: {idValue(meeting.ID)}})
	wantRedirect(t, res, g+"/outreach?done=fedback")
	res, body = resident.post(path, url.Values{field: {idValue(meeting.ID)}})
	wantStatus(t, res, body, http.StatusConflict, "already been marked as fed back")
	res, body = resident.get(g + "/outreach")
	wantStatus(t, res, body, http.StatusOK, "Fed back to the group")
	// The other member sees the group's totals but not the resident's entries.
	res, body = officer.get(g + "/outreach")
	wantStatus(t, res, body, http.StatusOK, "You have not logged any outreach yet", "Week of 23 November 2026")
	if strings.Contains(body, "Bins on Tower B") {
		t.Error("another member sees the resident's own entries")
	}
}

func TestSupportNeedsArePrivate(t *testing.T) { onBothDatabases(t, testSupportNeedsArePrivate) }

func testSupportNeedsArePrivate(t *testing.T, w *world) {
	g := "/o/brookfield/g/larkhill"
	resident, officer, chair := w.client(t, "resident"), w.client(t, "officer"), w.client(t, "chair")
	res, body := resident.get(g + "/support")
	wantStatus(t, res, body, http.StatusOK, "You have not asked for any support")

	res, body = resident.post(g+"/support", url.Values{"kind": {"other"}, "details": {""}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Say what support you need")
	res, body = resident.post(g+"/support", url.Values{"kind": {"spaceship"}, "details": {"Bengali for my mother"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Choose the kind of support you need", "Bengali for my mother")
	res, _ = resident.post(g+"/support", url.Values{"kind": {"interpretation"}, "details": {"Bengali for my mother"}})
	wantRedirect(t, res, g+"/support?done=recorded")
	res, body = resident.get(g + "/support")
	wantStatus(t, res, body, http.StatusOK, "Interpretation or translation", "Bengali for my mother", "Not met yet")

	// Another member sees neither the need nor that one was recorded.
	res, body = officer.get(g + "/support")
	wantStatus(t, res, body, http.StatusOK, "You have not asked for any support")
	res, auditBody := officer.get(g + "/audit")
	wantStatus(t, res, auditBody, http.StatusOK)
	// Nor do entry numbers or the count give away that entries are hidden.
	res, verifyBody := officer.get(g + "/audit?verify=1")
	wantStatus(t, res, verifyBody, http.StatusOK, "every entry checks out")
	if strings.Contains(verifyBody, `<th scope="col">Entry</th>`) || strings.Contains(verifyBody, "entries check out") {
		t.Error("the record of changes shows entry numbers or a count to a member who cannot see every entry")
	}
	for _, page := range []string{body, auditBody} {
		if strings.Contains(page, "Bengali") || strings.Contains(page, "Support need recorded") {
			t.Error("another member sees the resident's support need")
		}
	}
	needs, _ := w.s.db.FindSupportNeeds(context.Background(), w.larkhill.ID)
	path := g + "/support/" + idValue(needs[0].ID) + "/met"
	if res, _ := officer.post(path, url.Values{"met": {"yes"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("another member marking it met: %d, want 404", res.StatusCode)
	}

	// The chair sees it, with who asked, and arranges it.
	res, body = chair.get(g + "/support")
	wantStatus(t, res, body, http.StatusOK, "Other members&#39; support needs", "Bengali for my mother")
	res, _ = chair.post(path, url.Values{"met": {"yes"}})
	wantRedirect(t, res, g+"/support?done=met")
	res, body = resident.get(g + "/support")
	wantStatus(t, res, body, http.StatusOK, "Mark as not met")
	res, body = chair.get(g + "/audit?verify=1")
	wantStatus(t, res, body, http.StatusOK, "Support need recorded", "Support need met", `<th scope="col">Entry</th>`, "entries check out")
}

func TestFacilitatorsAgreedByBothSides(t *testing.T) {
	onBothDatabases(t, testFacilitatorsAgreedByBothSides)
}

func testFacilitatorsAgreedByBothSides(t *testing.T, w *world) {
	g := "/o/brookfield/g/larkhill"
	resident, officer, chair := w.client(t, "resident"), w.client(t, "officer"), w.client(t, "chair")
	res, body := resident.get(g + "/facilitators")
	wantStatus(t, res, body, http.StatusOK, "Nobody has been suggested yet")
	res, body = resident.post(g+"/facilitators", url.Values{"name": {"Ruth Bell"}, "contact": {"ruth@mediation.example"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Choose what they offer", "ruth@mediation.example")
	res, _ = resident.post(g+"/facilitators", url.Values{"name": {"Ruth Bell"}, "offers": {"mediation"}, "contact": {"ruth@mediation.example"}})
	wantRedirect(t, res, g+"/facilitators?done=proposed")
	res, body = officer.get(g + "/facilitators")
	wantStatus(t, res, body, http.StatusOK, "Ruth Bell", "Waiting for an organisation member to approve", "Approve Ruth Bell")

	list, _ := w.s.db.FindExternalFacilitators(context.Background(), w.larkhill.ID)
	path := g + "/facilitators/" + idValue(list[0].ID) + "/approve"
	// The independent chair's approval does not count for either side.
	res, body = chair.post(path, nil)
	wantStatus(t, res, body, http.StatusConflict, "Only a resident or organisation member")
	res, _ = officer.post(path, nil)
	wantRedirect(t, res, g+"/facilitators?done=approved")
	res, body = resident.get(g + "/facilitators")
	wantStatus(t, res, body, http.StatusOK, "Agreed by both sides")
	if strings.Contains(body, "Approve Ruth Bell") {
		t.Error("the resident who suggested Ruth Bell is offered to approve again")
	}
}

func TestConcernsCanBeAnonymous(t *testing.T) { onBothDatabases(t, testConcernsCanBeAnonymous) }

func testConcernsCanBeAnonymous(t *testing.T, w *world) {
	g := "/o/brookfield/g/larkhill"
	resident, officer, chair := w.client(t, "resident"), w.client(t, "officer"), w.client(t, "chair")
	res, body := resident.get(g + "/concerns")
	wantStatus(t, res, body, http.StatusOK, "Nothing has been raised")

	res, body = resident.post(g+"/concerns", url.Values{"kind": {"concern"}, "title": {""}, "details": {"Papers arrive the night before."}, "anonymous": {"yes"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Give the concern a short title", "Papers arrive the night before.", `value="yes" aria-describedby="anonymous-hint" checked`)
	res, _ = resident.post(g+"/concerns", url.Values{"kind": {"concern"}, "title": {"Late papers"}, "details": {"Papers arrive the night before."}, "anonymous": {"yes"}})
	wantRedirect(t, res, g+"/concerns?done=raised")
	res, _ = officer.post(g+"/concerns", url.Values{"kind": {"disagreement"}, "title": {"Parking numbers"}, "details": {"We see the survey differently."}})
	wantRedirect(t, res, g+"/concerns?done=raised")

	res, body = officer.get(g + "/concerns")
	wantStatus(t, res, body, http.StatusOK, "Late papers", "raised anonymously on", "Parking numbers", "raised by Person officer")
	// The anonymous one's entry in the record of changes waits for the
	// day to end, or for the concern to be moved on (below).
	res, auditBody := chair.get(g + "/audit")
	wantStatus(t, res, auditBody, http.StatusOK, "Concern raised", "disagreement")
	if strings.Contains(auditBody, "anonymously") {
		t.Error("the anonymous concern's entry was written the day it was raised")
	}
	for _, page := range []string{body, auditBody} {
		if strings.Contains(page, "Person resident") {
			t.Error("the anonymous concern's author is named")
		}
	}

	list, _ := w.s.db.FindConcerns(context.Background(), w.larkhill.ID)
	var anon, named *coproduce.Concern
	for _, c := range list {
		if c.Anonymous() {
			anon = c
		} else {
			named = c
		}
	}
	// Nobody but the chair or facilitator moves an anonymous concern; the
	// author of a named one may.
	anonPath := g + "/concerns/" + idValue(anon.ID)
	res, body = resident.get(anonPath)
	wantStatus(t, res, body, http.StatusOK, "Late papers")
	if strings.Contains(body, "Update the concern") {
		t.Error("a member is offered to update an anonymous concern")
	}
	if res, _ := resident.post(anonPath+"/move", url.Values{"status": {"closed"}, "outcome": {"x"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("a member moving an anonymous concern: %d, want 404", res.StatusCode)
	}
	res, body = officer.get(g + "/concerns/" + idValue(named.ID))
	wantStatus(t, res, body, http.StatusOK, "Update the concern")

	meeting := w.meeting(t, coproduce.GroupOnly)
	res, body = chair.post(anonPath+"/move", url.Values{"status": {"on-agenda"}, "outcome": {"draft"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Choose the meeting")
	res, _ = chair.post(anonPath+"/move", url.Values{"status": {"on-agenda"}, "meeting": {idValue(meeting.ID)}})
	wantRedirect(t, res, anonPath+"?done=moved")
	res, body = resident.get(g + "/meetings/" + idValue(meeting.ID))
	wantStatus(t, res, body, http.StatusOK, "Late papers")
	res, body = chair.post(anonPath+"/move", url.Values{"status": {"resolved"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Record the outcome")
	res, _ = chair.post(anonPath+"/move", url.Values{"status": {"resolved"}, "outcome": {"Papers now go out a week ahead."}})
	wantRedirect(t, res, anonPath+"?done=moved")
	res, body = resident.get(anonPath)
	wantStatus(t, res, body, http.StatusOK, "Resolved", "Papers now go out a week ahead.")
	res, auditBody = chair.get(g + "/audit?verify=1")
	wantStatus(t, res, auditBody, http.StatusOK, "concern, anonymously", "entries check out")
	if strings.Contains(auditBody, "Person resident") {
		t.Error("the record of changes names the anonymous concern's author")
	}
}

func TestUpdatesReachTheFeedAndThePack(t *testing.T) {
	onBothDatabases(t, testUpdatesReachTheFeedAndThePack)
}

func testUpdatesReachTheFeedAndThePack(t *testing.T, w *world) {
	g := "/o/brookfield/g/larkhill"
	resident, officer := w.client(t, "resident"), w.client(t, "officer")
	res, body := resident.get(g + "/updates")
	wantStatus(t, res, body, http.StatusOK, "No updates yet", `value="regular" checked`)
	res, body = officer.get(g + "/updates")
	wantStatus(t, res, body, http.StatusOK, `value="organisation" checked`)

	res, body = resident.post(g+"/updates", url.Values{"kind": {"organisation"}, "title": {"Cabinet"}, "body": {"Cabinet backed the ballot."}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Only members on the organisation", "Cabinet backed the ballot.")
	res, _ = officer.post(g+"/updates", url.Values{"kind": {"organisation"}, "title": {"Cabinet backs the ballot"}, "body": {"Cabinet agreed the **ballot** timetable."}})
	wantRedirect(t, res, g+"/updates?done=posted")
	res, body = resident.get(g + "/updates")
	wantStatus(t, res, body, http.StatusOK, "Cabinet backs the ballot", "From the organisation", "Posted by Person officer", "<strong>ballot</strong>")

	// The next meeting's pack carries it, to members only.
	m := w.meeting(t, coproduce.Public)
	pack := g + "/meetings/" + idValue(m.ID) + "/pack"
	res, body = resident.get(pack)
	wantStatus(t, res, body, http.StatusOK, "Updates since the last meeting", "Cabinet backs the ballot")
	res, body = w.client(t, "stranger").get(pack)
	wantStatus(t, res, body, http.StatusOK)
	if strings.Contains(body, "Cabinet backs the ballot") {
		t.Error("the public pack shows the group's updates to a stranger")
	}
}

func TestTimeOutExcusesFromMeetings(t *testing.T) { onBothDatabases(t, testTimeOutExcusesFromMeetings) }

func testTimeOutExcusesFromMeetings(t *testing.T, w *world) {
	g := "/o/brookfield/g/larkhill"
	resident, chair := w.client(t, "resident"), w.client(t, "chair")
	res, body := resident.get(g + "/time-out")
	wantStatus(t, res, body, http.StatusOK, "Nobody is on time out", "Take time out")
	res, body = resident.post(g+"/time-out", url.Values{"from": {"2026-12-01"}, "until": {"not a date"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "2026-12-01", "not a date")
	res, _ = resident.post(g+"/time-out", url.Values{"from": {"2026-12-01"}})
	wantRedirect(t, res, g+"/time-out?done=started")
	res, body = chair.get(g + "/time-out")
	wantStatus(t, res, body, http.StatusOK, "Person resident", "1 December 2026", "Not known yet")

	// The meeting in January does not expect the resident.
	m := w.meeting(t, coproduce.GroupOnly)
	res, body = chair.get(g + "/meetings/" + idValue(m.ID))
	wantStatus(t, res, body, http.StatusOK, "On time out, so not expected: Person resident.")
	if strings.Contains(body, `name="attendance-`+idValue(w.members["resident"].ID)+`"`) {
		t.Error("the attendance form asks about a member on time out")
	}

	away, _ := w.s.db.FindTimeOuts(context.Background(), w.larkhill.ID)
	res, _ = chair.post(g+"/time-out/"+idValue(away[0].ID)+"/end", nil)
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("the chair ending a member's time out: %d, want 404", res.StatusCode)
	}
	res, _ = resident.post(g+"/time-out/"+idValue(away[0].ID)+"/end", nil)
	wantRedirect(t, res, g+"/time-out?done=ended")
	res, body = chair.get(g + "/meetings/" + idValue(m.ID))
	wantStatus(t, res, body, http.StatusOK, `name="attendance-`+idValue(w.members["resident"].ID)+`"`)
}

func TestTrainingAndReviews(t *testing.T) { onBothDatabases(t, testTrainingAndReviews) }

func testTrainingAndReviews(t *testing.T, w *world) {
	g := "/o/brookfield/g/larkhill"
	resident, officer, chair := w.client(t, "resident"), w.client(t, "officer"), w.client(t, "chair")
	res, body := officer.get(g + "/training")
	wantStatus(t, res, body, http.StatusOK, "No training has been recorded yet", "Record your own review")

	res, body = officer.post(g+"/training/sessions", url.Values{"topic": {"Coproduction induction"}, "on": {"2026-11-02"}, "induction": {"yes"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Choose who attended", `value="Coproduction induction"`, `id="induction" name="induction" type="checkbox" value="yes" checked`)
	res, _ = officer.post(g+"/training/sessions", url.Values{"topic": {"Coproduction induction"}, "on": {"2026-11-02"}, "induction": {"yes"},
		"attendees": {idValue(w.members["resident"].ID), idValue(w.members["officer"].ID)}})
	wantRedirect(t, res, g+"/training?done=session")

	// The resident records their own review; what was agreed is theirs
	// and the chair's to read.
	res, _ = resident.post(g+"/training/reviews", url.Values{"review_member": {idValue(w.members["resident"].ID)}, "held_on": {"2026-11-10"}, "agreed": {"A course on viability before the ballot."}})
	wantRedirect(t, res, g+"/training?done=review")
	res, _ = resident.post(g+"/training/reviews", url.Values{"review_member": {idValue(w.members["officer"].ID)}, "held_on": {"2026-11-10"}, "agreed": {"x"}})
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("a member recording another's review: %d, want 404", res.StatusCode)
	}
	res, body = resident.get(g + "/training")
	wantStatus(t, res, body, http.StatusOK, "Coproduction induction", "A course on viability before the ballot.", "10 May 2027")
	res, body = officer.get(g + "/training")
	wantStatus(t, res, body, http.StatusOK, "10 May 2027")
	if strings.Contains(body, "viability before the ballot") {
		t.Error("another member reads what was agreed at a review")
	}
	res, body = chair.get(g + "/training")
	wantStatus(t, res, body, http.StatusOK, "A course on viability before the ballot.", "Whose review?")
}

func TestSkillsAuditAnswersArePrivate(t *testing.T) {
	onBothDatabases(t, testSkillsAuditAnswersArePrivate)
}

func testSkillsAuditAnswersArePrivate(t *testing.T, w *world) {
	g := "/o/brookfield/g/larkhill"
	resident, officer, chair := w.client(t, "resident"), w.client(t, "officer"), w.client(t, "chair")
	res, body := resident.get(g + "/skills")
	wantStatus(t, res, body, http.StatusOK, "has not run a skills audit yet")
	if strings.Contains(body, "Start a skills audit") {
		t.Error("a resident is offered to start an audit")
	}
	res, body = chair.get(g + "/skills")
	wantStatus(t, res, body, http.StatusOK, "Start a skills audit", "Communication\nMediation\nDecision-making")
	res, _ = chair.post(g+"/skills", url.Values{"topics": {"Viability\nDesign"}})
	wantRedirect(t, res, g+"/skills?done=opened")
	audits, _ := w.s.db.FindSkillsAudits(context.Background(), w.larkhill.ID)
	rate := g + "/skills/" + idValue(audits[0].ID) + "/ratings"

	res, body = resident.post(rate, url.Values{"topic-0": {"1"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Rate yourself on Design", `name="topic-0" type="radio" value="1" checked`)
	res, _ = resident.post(rate, url.Values{"topic-0": {"1"}, "topic-1": {"2"}})
	wantRedirect(t, res, g+"/skills?done=rated")
	res, _ = officer.post(rate, url.Values{"topic-0": {"4"}, "topic-1": {"3"}})
	wantRedirect(t, res, g+"/skills?done=rated")

	res, body = officer.get(g + "/skills")
	wantStatus(t, res, body, http.StatusOK, "Your answers", "Person officer")
	if strings.Contains(body, "Person resident") {
		t.Error("a member sees another member's ratings")
	}
	res, body = chair.get(g + "/skills")
	wantStatus(t, res, body, http.StatusOK, "Everyone&#39;s answers", "Person resident", "Person officer")
	if res, _ := resident.post(g+"/skills/"+idValue(audits[0].ID)+"/close", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("a resident closing the audit: %d, want 404", res.StatusCode)
	}
	res, _ = chair.post(g+"/skills/"+idValue(audits[0].ID)+"/close", nil)
	wantRedirect(t, res, g+"/skills?done=closed")
	// Two answers: every figure is too few to show.
	res, body = officer.get(g + "/skills")
	wantStatus(t, res, body, http.StatusOK, "Results", "Too few to show")
	if strings.Contains(body, "4.0") || strings.Contains(body, "2.5") {
		t.Error("a figure from fewer than three people is shown")
	}
}

func TestCommunityFeedbackAndYouSaidWeDid(t *testing.T) {
	onBothDatabases(t, testCommunityFeedbackAndYouSaidWeDid)
}

func testCommunityFeedbackAndYouSaidWeDid(t *testing.T, w *world) {
	g := "/o/brookfield/g/larkhill"
	stranger, resident, officer := w.client(t, "stranger"), w.client(t, "resident"), w.client(t, "officer")

	// Anyone can write from the public page; what they typed survives a
	// mistake, and a robot filling the hidden field is thanked and ignored.
	res, body := stranger.get(g)
	wantStatus(t, res, body, http.StatusOK, "Tell the group what you think", `class="honeypot"`, "Nothing published yet")
	res, body = stranger.post(g+"/feedback/public", url.Values{"said": {""}, "contact": {"me@example.org"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Write what was said", "me@example.org")
	res, _ = stranger.post(g+"/feedback/public", url.Values{"said": {"Buy cheap watches"}, "website": {"http://spam.example"}})
	wantRedirect(t, res, g+"?done=feedback#feedback")
	res, _ = stranger.post(g+"/feedback/public", url.Values{"said": {"The lifts in block C break every week."}, "theme": {"Repairs"}, "contact_name": {"Ann Lee"}, "contact": {"ann@example.org"}})
	wantRedirect(t, res, g+"?done=feedback#feedback")
	// A mistake does not count against the limit of five an hour; messages do.
	stranger.post(g+"/feedback/public", url.Values{"said": {""}})
	for i := 0; i < 4; i++ {
		res, _ := stranger.post(g+"/feedback/public", url.Values{"said": {"Again"}})
		wantRedirect(t, res, g+"?done=feedback#feedback")
	}
	res, body = stranger.post(g+"/feedback/public", url.Values{"said": {"One more thing about the bins."}})
	wantStatus(t, res, body, http.StatusTooManyRequests, "Too many messages", "One more thing about the bins.")

	items, _ := w.s.db.FindFeedback(context.Background(), w.larkhill.ID)
	for _, f := range items {
		if strings.Contains(f.Said, "watches") {
			t.Error("the honeypot message was kept")
		}
	}
	res, body = resident.get(g + "/feedback")
	wantStatus(t, res, body, http.StatusOK, "The lifts in block C break every week.", "From the public page")

	// An officer links it to a published decision and publishes the link.
	var lifts *coproduce.Feedback
	for _, f := range items {
		if f.Theme == "Repairs" {
			lifts = f
		}
	}
	d := w.decision(t, true)
	item := g + "/feedback/" + idValue(lifts.ID)
	res, body = officer.get(item)
	wantStatus(t, res, body, http.StatusOK, "ann@example.org", "never published")
	if strings.Contains(body, ">The lifts in block C break every week.</textarea>") {
		t.Error("the publishable summary starts as the feedback itself, which may name people")
	}
	// A resident may link it for the group, but not publish it.
	res, body = resident.post(item+"/links", url.Values{"decision": {idValue(d.ID)}, "link_said": {"Lifts."}, "did": {"Re-let."}, "published": {"yes"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Only those who keep the decisions log")
	res, body = officer.post(item+"/links", url.Values{"decision": {idValue(d.ID)}, "link_said": {"Residents told us the lifts keep failing."}, "did": {""}, "published": {"yes"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Say what the group did", "Residents told us the lifts keep failing.")
	res, _ = officer.post(item+"/links", url.Values{"decision": {idValue(d.ID)}, "link_said": {"Residents told us the lifts keep failing."}, "did": {"The lift contract is being re-let."}, "published": {"yes"}})
	wantRedirect(t, res, item+"?done=linked")
	res, _ = officer.post(item, url.Values{"theme": {"Repairs"}, "status": {"acted-on"}})
	wantRedirect(t, res, item+"?done=updated")

	res, body = stranger.get(g)
	wantStatus(t, res, body, http.StatusOK, "You said:", "Residents told us the lifts keep failing.", "The lift contract is being re-let.")
	if strings.Contains(body, "ann@example.org") || strings.Contains(body, "Ann Lee") || strings.Contains(body, "block C") {
		t.Error("the public page shows the feedback itself or its contact details")
	}
}

func TestStakeholderMapPerPhase(t *testing.T) { onBothDatabases(t, testStakeholderMapPerPhase) }

func testStakeholderMapPerPhase(t *testing.T, w *world) {
	g := "/o/brookfield/g/larkhill"
	resident, officer := w.client(t, "resident"), w.client(t, "officer")
	res, body := resident.get(g + "/stakeholders")
	wantStatus(t, res, body, http.StatusOK, "This phase has no map yet", "Stage 0: Strategic Definition")
	res, body = resident.post(g+"/stakeholders", url.Values{"phase": {"0"}, "name": {"Tenants' association"}, "type": {"residents"}, "influence": {"9"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Choose how much influence", "Choose how much the project affects", "Tenants&#39; association")
	res, _ = resident.post(g+"/stakeholders", url.Values{"phase": {"0"}, "name": {"Tenants' association"}, "type": {"residents"}, "influence": {"2"}, "affected": {"5"}, "represented": {"yes"}})
	wantRedirect(t, res, g+"/stakeholders?phase=0&done=added")
	res, _ = officer.post(g+"/stakeholders", url.Values{"phase": {"0"}, "name": {"Council cabinet"}, "type": {"council"}, "influence": {"5"}, "affected": {"2"}})
	wantRedirect(t, res, g+"/stakeholders?phase=0&done=added")
	if res, _ := officer.post(g+"/stakeholders", url.Values{"phase": {"99"}, "name": {"X"}, "type": {"council"}, "influence": {"5"}, "affected": {"2"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("a phase the project does not have: %d, want 404", res.StatusCode)
	}

	res, body = resident.get(g + "/stakeholders?phase=0")
	wantStatus(t, res, body, http.StatusOK, `role="img"`, "<desc", `class="dot-represented"`, `class="dot-unrepresented"`, "<th scope=\"row\">Council cabinet</th>")

	// Stage 1 starts from stage 0's map; then the comparison shows the change.
	res, _ = officer.post(g+"/stakeholders/copy", url.Values{"phase": {"1"}, "from": {"0"}})
	wantRedirect(t, res, g+"/stakeholders?phase=1&done=copied")
	stage1, _ := w.s.db.FindStakeholders(context.Background(), w.larkhill.ID, 1)
	res, _ = officer.post(g+"/stakeholders/"+idValue(stage1[0].ID)+"/remove", url.Values{"phase": {"1"}})
	wantRedirect(t, res, g+"/stakeholders?phase=1&done=removed")
	res, body = officer.get(g + "/stakeholders?phase=1&compare=0")
	wantStatus(t, res, body, http.StatusOK, "compared with", "Not on the map", "(unchanged)")
}

func TestReflectionsAreRevisited(t *testing.T) { onBothDatabases(t, testReflectionsAreRevisited) }

func testReflectionsAreRevisited(t *testing.T, w *world) {
	g := "/o/brookfield/g/larkhill"
	resident, officer := w.client(t, "resident"), w.client(t, "officer")
	res, body := resident.get(g + "/reflections")
	wantStatus(t, res, body, http.StatusOK, "Where does power sit in this group?", "The group has not answered this yet.")
	if strings.Contains(body, "Add my reflection") {
		t.Error("a resident is offered an officer's reflection")
	}
	res, body = resident.post(g+"/reflections", url.Values{"prompt": {"power"}, "body": {""}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Write the reflection")
	res, _ = resident.post(g+"/reflections", url.Values{"prompt": {"power"}, "body": {"The council holds the money."}})
	wantRedirect(t, res, g+"/reflections?done=recorded")
	res, _ = officer.post(g+"/reflections", url.Values{"prompt": {"power"}, "body": {"Residents now set half the agenda."}})
	wantRedirect(t, res, g+"/reflections?done=recorded")
	res, body = resident.post(g+"/reflections", url.Values{"prompt": {"officer"}, "officer_body": {"I am not an officer."}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Officer reflections are for members on the organisation")
	res, _ = officer.post(g+"/reflections", url.Values{"prompt": {"officer"}, "officer_body": {"Meetings in the evening are hard to fit around my job."}})
	wantRedirect(t, res, g+"/reflections?done=recorded")
	res, body = resident.get(g + "/reflections")
	wantStatus(t, res, body, http.StatusOK, "Residents now set half the agenda.", "Earlier answers (1)", "The council holds the money.", "Meetings in the evening are hard")
}
