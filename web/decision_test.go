package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"coproduce"
)

func TestDecisionsLogAndActions(t *testing.T) {
	w := newWorld(t)
	officer, resident := w.client(t, "officer"), w.client(t, "resident")
	g := "/o/brookfield/g/larkhill"
	meeting := w.meeting(t, coproduce.GroupOnly)

	res, _ := w.client(t, "chair").post(g+"/decision-areas", url.Values{"name": {"Design of the new homes"}, "rung": {"6"}})
	wantRedirect(t, res, g+"/decisions?done=area")
	areas, _ := w.s.db.FindDecisionAreas(context.Background(), w.larkhill.ID)

	res, body := officer.post(g+"/decisions/new", url.Values{"title": {"Contractor appointed"}, "outcome": {"The council appointed Build Co."},
		"method": {"delegated"}, "decided_on": {"2026-11-02"}, "where": {"outside"}, "published": {"yes"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "can be published only with the explanation", `value="Contractor appointed"`)
	res, _ = officer.post(g+"/decisions/new", url.Values{"title": {"Contractor appointed"}, "outcome": {"The council appointed Build Co."},
		"method": {"delegated"}, "decided_on": {"2026-11-02"}, "where": {"outside"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("recording an outside decision: %d", res.StatusCode)
	}
	outsidePath := strings.Split(res.Header.Get("Location"), "?")[0]
	res, body = resident.get(outsidePath)
	wantStatus(t, res, body, http.StatusOK, "has not yet had an explanation", "Outside the group")
	res, body = w.client(t, "").get(outsidePath)
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("an unpublished decision to someone not signed in: %d, want a sign-in redirect", res.StatusCode)
	}

	res, _ = officer.post(g+"/decisions/new", url.Values{"title": {"No block above three storeys"}, "outcome": {"Agreed."},
		"method": {"consensus"}, "decided_on": {"2026-11-10"}, "where": {"meeting"}, "meeting": {idValue(meeting.ID)}, "area": {idValue(areas[0].ID)},
		"position-residents": {"agreed"}, "position-organisation": {"mixed"}, "dissent": {"Some officers worried about cost."}, "published": {"yes"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("recording a meeting decision: %d", res.StatusCode)
	}
	meetingPath := strings.Split(res.Header.Get("Location"), "?")[0]
	res, body = w.client(t, "").get(meetingPath)
	wantStatus(t, res, body, http.StatusOK, "No block above three storeys", "Residents", "Agreed", "Mixed views", "rung 6, partnership", "Some officers worried about cost.")
	res, body = resident.get(g + "/decisions")
	wantStatus(t, res, body, http.StatusOK, "Not yet explained", "Published", "Not published", "Design of the new homes: rung 6, partnership")
	if strings.Contains(body, "Record a decision") {
		t.Error("a resident is offered to record decisions")
	}

	res, body = officer.post(g+"/actions", url.Values{"title": {""}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Enter a name")
	res, _ = officer.post(g+"/actions", url.Values{"title": {"Send the survey results"}, "owner": {idValue(w.members["resident"].ID)}, "due": {"2020-01-01"}})
	wantRedirect(t, res, g+"/actions?done=added")
	res, body = resident.get(g + "/actions")
	wantStatus(t, res, body, http.StatusOK, "Send the survey results", "For Person resident.", "Overdue", "Mark as done")
	acts, _ := w.s.db.FindActions(context.Background(), w.larkhill.ID)
	// The owner marks their own action done; another member may not.
	res, _ = w.client(t, "chair").post(g+"/actions/"+idValue(acts[0].ID)+"/status", url.Values{"status": {"done"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the chair updating: %d", res.StatusCode)
	}
	res, _ = resident.post(g+"/actions/"+idValue(acts[0].ID)+"/status", url.Values{"status": {"open"}})
	wantRedirect(t, res, g+"/actions?done=open")
	must(t, w.s.db.CreateAction(context.Background(), 0, &coproduce.Action{GroupID: w.larkhill.ID, Title: "Officer's action", OwnerMemberID: w.members["officer"].ID}))
	acts, _ = w.s.db.FindActions(context.Background(), w.larkhill.ID)
	for _, a := range acts {
		if a.Title == "Officer's action" {
			res, _ = resident.post(g+"/actions/"+idValue(a.ID)+"/status", url.Values{"status": {"done"}})
			if res.StatusCode != http.StatusNotFound {
				t.Errorf("a resident closing someone else's action: %d, want 404", res.StatusCode)
			}
		}
	}
}

func TestRedLinesPage(t *testing.T) {
	w := newWorld(t)
	officer := w.client(t, "officer")
	g := "/o/brookfield/g/larkhill"
	res, body := officer.post(g+"/red-lines", url.Values{"kind": {"constraint"}, "title": {"At least 500 homes"}, "raised_on": {"2026-01-10"}, "review_by": {"2026-02-01"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Say who owns it", "Say why it is there", `value="At least 500 homes"`)
	res, _ = officer.post(g+"/red-lines", url.Values{"kind": {"constraint"}, "title": {"At least 500 homes"}, "owner": {"The council's cabinet"},
		"reason": {"Needed to pay for the scheme."}, "raised_on": {"2026-01-10"}, "review_by": {"2026-02-01"}})
	wantRedirect(t, res, g+"/red-lines?done=saved")
	lines, _ := w.s.db.FindRedLines(context.Background(), w.larkhill.ID)
	path := g + "/red-lines/" + idValue(lines[0].ID)
	res, body = officer.post(path, url.Values{"kind": {"constraint"}, "title": {"At least 450 homes"}, "owner": {"The council's cabinet"},
		"reason": {"Needed to pay for the scheme."}, "raised_on": {"2026-01-10"}, "review_by": {"2027-02-01"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Say why it is changing", `value="At least 450 homes"`, "<details class=\"details\" open>")
	res, _ = officer.post(path, url.Values{"kind": {"constraint"}, "title": {"At least 450 homes"}, "owner": {"The council's cabinet"},
		"reason": {"Needed to pay for the scheme."}, "raised_on": {"2026-01-10"}, "review_by": {"2027-02-01"}, "change_reason": {"A grant closed the gap."}})
	wantRedirect(t, res, g+"/red-lines?done=saved")
	res, body = w.client(t, "resident").get(g + "/red-lines")
	wantStatus(t, res, body, http.StatusOK, "At least 450 homes", "title changed", "A grant closed the gap.", "Owned by The council&#39;s cabinet")
	if strings.Contains(body, "Add a red line") {
		t.Error("a resident is offered to add red lines")
	}
}

func TestTermsOfReferenceAdoptedByBothSides(t *testing.T) {
	w := newWorld(t)
	chair, resident, officer := w.client(t, "chair"), w.client(t, "resident"), w.client(t, "officer")
	g := "/o/brookfield/g/larkhill"
	res, body := resident.get(g + "/terms")
	wantStatus(t, res, body, http.StatusOK, "has not adopted terms of reference yet")
	res, _ = chair.post(g+"/terms", nil)
	wantRedirect(t, res, g+"/terms/1")
	res, body = chair.get(g + "/terms/1")
	wantStatus(t, res, body, http.StatusOK, "We try to reach consensus first", "Save the draft")
	res, body = chair.post(g+"/terms", nil)
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "already a draft or proposed version")

	sections := url.Values{"step": {"save"}, "vision": {"A better Larkhill, decided together."}, "decisions": {"Consensus first.\nThe chair decides if that fails."}}
	res, _ = chair.post(g+"/terms/1", sections)
	wantRedirect(t, res, g+"/terms/1?done=save")
	chair.post(g+"/terms/1", url.Values{"step": {"propose"}})
	res, body = resident.post(g+"/terms/1", url.Values{"step": {"adopt"}})
	wantStatus(t, res, body, http.StatusNotFound)
	resident.post(g+"/terms/1", url.Values{"step": {"agree"}})
	res, body = chair.post(g+"/terms/1", url.Values{"step": {"adopt"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "at least one resident member and one organisation member")
	officer.post(g+"/terms/1", url.Values{"step": {"agree"}})
	res, _ = chair.post(g+"/terms/1", url.Values{"step": {"adopt"}})
	wantRedirect(t, res, g+"/terms/1?done=adopt")

	chair.post(g+"/terms", nil)
	sections.Set("decisions", "Consensus first.\nA vote if that fails.")
	chair.post(g+"/terms/2", sections)
	res, body = resident.get(g + "/terms/compare?a=1&b=2")
	wantStatus(t, res, body, http.StatusOK, "<del><span class=\"visually-hidden\">Taken out: </span>The chair decides if that fails.</del>", "<ins><span class=\"visually-hidden\">Added: </span>A vote if that fails.</ins>")
	res, body = resident.get(g + "/terms")
	wantStatus(t, res, body, http.StatusOK, "Version 1 is in force", "A better Larkhill, decided together.", "Version 2</a>: Draft")
	if res, _ := w.client(t, "otherGroup").get(g + "/terms/1"); res.StatusCode != http.StatusNotFound {
		t.Errorf("another group's member: %d", res.StatusCode)
	}
}

func TestDecisionShowsDeliberationTime(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	g := "/o/brookfield/g/larkhill"
	m := w.meeting(t, coproduce.Public)
	p := &coproduce.Paper{GroupID: w.larkhill.ID, MeetingID: m.ID, Title: "Options appraisal", FileName: "o.pdf", ContentType: "application/pdf",
		Audience: coproduce.Audience{Visibility: coproduce.Public}, CirculatedAt: m.StartsAt.Add(-8 * 24 * time.Hour)}
	must(t, w.s.db.CreatePaper(ctx, 0, p, []byte("%PDF-1.4\n")))
	secret := &coproduce.Paper{GroupID: w.larkhill.ID, MeetingID: m.ID, Title: "Land valuation", FileName: "v.pdf", ContentType: "application/pdf",
		Audience: coproduce.Audience{Visibility: coproduce.Restricted, MemberIDs: []int64{w.members["officer"].ID}, Reason: "Commercial"}}
	must(t, w.s.db.CreatePaper(ctx, 0, secret, []byte("%PDF-1.4\n")))
	officer := w.client(t, "officer")
	res, body := officer.get(g + "/decisions/new")
	wantStatus(t, res, body, http.StatusOK, "Papers it relied on", "Options appraisal", "Land valuation")
	res, _ = officer.post(g+"/decisions/new", url.Values{"title": {"Option B"}, "outcome": {"Option B."}, "method": {"consensus"},
		"decided_on": {m.StartsAt.Format("2006-01-02")}, "where": {"meeting"}, "meeting": {idValue(m.ID)}, "published": {"yes"},
		"papers": {idValue(p.ID), idValue(secret.ID)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("recording: %d", res.StatusCode)
	}
	path := strings.Split(res.Header.Get("Location"), "?")[0]
	res, body = w.client(t, "").get(path)
	wantStatus(t, res, body, http.StatusOK, "Options appraisal", "available 7 days before the decision")
	if strings.Contains(body, "Land valuation") {
		t.Error("a restricted paper's title is shown on a published decision")
	}
	res, body = officer.get(path)
	wantStatus(t, res, body, http.StatusOK, "Land valuation", "not circulated before the decision")
}
