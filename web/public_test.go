package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"coproduce"
)

// TestPublicPageShowsOnlyWhatIsPublished checks the group's public page
// and calendar feed as someone not signed in sees them.
func TestPublicPageShowsOnlyWhatIsPublished(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	g := "/o/brookfield/g/larkhill"
	future := time.Now().Add(30 * 24 * time.Hour).UTC().Truncate(time.Minute)
	public := &coproduce.Meeting{GroupID: w.larkhill.ID, Title: "Open meeting", StartsAt: future, Minutes: 90, Venue: "Hall", Visibility: coproduce.Public}
	private := &coproduce.Meeting{GroupID: w.larkhill.ID, Title: "Confidential briefing", StartsAt: future.Add(time.Hour * 48), Minutes: 60, Venue: "Office", Visibility: coproduce.GroupOnly}
	must(t, w.s.db.CreateMeeting(ctx, 0, public))
	must(t, w.s.db.CreateMeeting(ctx, 0, private))
	published := w.decision(t, true)
	unpublished := &coproduce.Decision{GroupID: w.larkhill.ID, Title: "Secret land deal", Outcome: "x", Method: coproduce.Delegated,
		DecidedOn: time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC), Outside: true}
	must(t, w.s.db.SaveDecision(ctx, 0, unpublished))

	// Nobody is listed until they choose to be.
	stranger := w.client(t, "")
	res, body := stranger.get(g)
	wantStatus(t, res, body, http.StatusOK, "Members have not chosen to be named", "Open meeting", "Decision")
	for _, hidden := range []string{"Confidential briefing", "Secret land deal", "Person resident"} {
		if strings.Contains(body, hidden) {
			t.Errorf("the public page shows %q", hidden)
		}
	}
	res, _ = w.client(t, "resident").post(g+"/listing", url.Values{"listed": {"yes"}})
	wantRedirect(t, res, g+"?done=listing")
	res, body = stranger.get(g)
	wantStatus(t, res, body, http.StatusOK, "Person resident, Resident representative (Residents)", "Other members have chosen not to be named")
	if strings.Contains(body, "Person chair") {
		t.Error("a member who did not agree is listed")
	}
	if !strings.Contains(body, "/decisions/"+idValue(published.ID)) {
		t.Error("the published decision is not linked")
	}

	_, err := w.s.db.CreateToRDraft(ctx, 0, w.larkhill.ID, map[string]string{"vision": "Homes for everyone who lives here now."})
	must(t, err)
	must(t, w.s.db.ProposeToR(ctx, 0, w.larkhill.ID, 1))
	must(t, w.s.db.AgreeToR(ctx, 0, w.members["resident"], 1))
	must(t, w.s.db.AgreeToR(ctx, 0, w.members["officer"], 1))
	must(t, w.s.db.AdoptToR(ctx, 0, w.larkhill.ID, 1))
	res, body = stranger.get(g)
	wantStatus(t, res, body, http.StatusOK, "Our vision", "Homes for everyone who lives here now.")

	res, body = stranger.get(g + "/meetings.ics")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/calendar") {
		t.Fatalf("public feed: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	cal, err := ical.NewDecoder(strings.NewReader(body)).Decode()
	if strings.Contains(body, "CANCELLED") {
		t.Error("a meeting is shown as cancelled")
	}
	if err != nil {
		t.Fatalf("public feed does not parse: %v\n%s", err, body)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("public feed has %d events, want the one public meeting", len(events))
	}
	start, err := events[0].DateTimeStart(time.UTC)
	if err != nil || !start.Equal(public.StartsAt) {
		t.Errorf("event starts %v (%v), want %v", start, err, public.StartsAt)
	}
	if strings.Contains(body, "Confidential briefing") || !strings.Contains(body, "\r\n") {
		t.Error("the public feed shows a group-only meeting, or lacks CRLF line ends")
	}
}

func TestPrivateCalendarFeed(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	must(t, w.s.db.CreateMeeting(ctx, 0, &coproduce.Meeting{GroupID: w.larkhill.ID, Title: "Confidential briefing",
		StartsAt: time.Date(2027, 3, 28, 17, 0, 0, 0, time.UTC), Minutes: 60, Venue: "Office", Visibility: coproduce.GroupOnly}))
	resident := w.client(t, "resident")
	res, body := resident.post("/account/calendar", nil)
	wantStatus(t, res, body, http.StatusOK, "Your calendar address")
	feed := regexp.MustCompile(`http://coproduce\.test(/calendar/[A-Za-z0-9_-]+\.ics)`).FindStringSubmatch(body)
	if feed == nil {
		t.Fatalf("no feed address shown:\n%s", body)
	}
	anyone := w.client(t, "")
	res, body = anyone.get(feed[1])
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Confidential briefing") || !strings.Contains(body, "DTSTART:20270328T170000Z") {
		t.Fatalf("private feed: %d\n%s", res.StatusCode, body)
	}
	res, body = resident.get("/account/calendar")
	if strings.Contains(body, feed[1]) {
		t.Error("the address is shown again after it was made")
	}
	resident.post("/account/calendar", nil) // a new address revokes the old
	res, _ = anyone.get(feed[1])
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("a replaced feed answers %d, want 404", res.StatusCode)
	}
	res, _ = anyone.get("/calendar/guess.ics")
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("a guessed feed answers %d", res.StatusCode)
	}
}

func TestCancelledMeetingInTheFeed(t *testing.T) {
	w := newWorld(t)
	g := "/o/brookfield/g/larkhill"
	m := w.meeting(t, coproduce.Public)
	path := g + "/meetings/" + idValue(m.ID)
	if res, _ := w.client(t, "resident").post(path+"/cancel", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("a resident cancelling: %d", res.StatusCode)
	}
	res, _ := w.client(t, "chair").post(path+"/cancel", nil)
	wantRedirect(t, res, path+"?done=cancelled")
	res, body := w.client(t, "").get(path)
	wantStatus(t, res, body, http.StatusOK, "This meeting was cancelled on")
	_, body = w.client(t, "").get(g + "/meetings.ics")
	if !strings.Contains(body, "STATUS:CANCELLED") {
		t.Errorf("the feed does not show the cancellation:\n%s", body)
	}
}

// TestPublicMeetingNamesOnlyListedMembers checks a public meeting as
// someone not signed in sees it: members named only if they agreed, and
// no project recap (the risks register is the group's own).
func TestPublicMeetingNamesOnlyListedMembers(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	g := "/o/brookfield/g/larkhill"
	m := &coproduce.Meeting{GroupID: w.larkhill.ID, Title: "Open meeting", StartsAt: time.Date(2027, 1, 12, 18, 0, 0, 0, time.UTC), Minutes: 60,
		Venue: "Hall", HostMemberID: w.members["resident"].ID, Visibility: coproduce.Public}
	must(t, w.s.db.CreateMeeting(ctx, 0, m))
	must(t, w.s.db.ProposeItem(ctx, 0, w.members["officer"], m.ID, &coproduce.AgendaItem{Title: "Budget"}))
	must(t, w.s.db.CreateRisk(ctx, 0, &coproduce.Risk{GroupID: w.larkhill.ID, Kind: coproduce.KindRisk, Title: "Secret cost overrun"}))
	for _, path := range []string{g + "/meetings/" + idValue(m.ID), g + "/meetings/" + idValue(m.ID) + "/pack"} {
		res, body := w.client(t, "").get(path)
		wantStatus(t, res, body, http.StatusOK, "Budget")
		for _, hidden := range []string{"Person resident", "Person officer", "Secret cost overrun"} {
			if strings.Contains(body, hidden) {
				t.Errorf("%s shows %q to someone not signed in", path, hidden)
			}
		}
	}
	res, body := w.client(t, "").get(g + "/meetings/" + idValue(m.ID))
	wantStatus(t, res, body, http.StatusOK, "a member (Residents)", "Proposed by a member (Organisation)")
	must(t, w.s.db.SetListedPublicly(ctx, w.users["resident"].ID, w.larkhill.ID, w.members["resident"].ID, true))
	_, body = w.client(t, "").get(g + "/meetings/" + idValue(m.ID))
	if !strings.Contains(body, "Person resident") {
		t.Error("a member who agreed to be listed is not named")
	}

	// Minutes of a group-only meeting stay off the public page even if
	// public themselves.
	private := w.meeting(t, coproduce.GroupOnly)
	later := w.meeting(t, coproduce.GroupOnly)
	later.StartsAt = later.StartsAt.AddDate(0, 1, 0)
	must(t, w.s.db.UpdateMeeting(ctx, 0, later))
	must(t, w.s.db.SaveMinutes(ctx, 0, w.larkhill.ID, &coproduce.Minutes{MeetingID: private.ID, Body: "Private.", Visibility: coproduce.Public}))
	must(t, w.s.db.CirculateMinutes(ctx, 0, w.larkhill.ID, private.ID))
	must(t, w.s.db.ApproveMinutes(ctx, 0, w.larkhill.ID, private.ID, later.ID))
	_, body = w.client(t, "").get(g)
	if strings.Contains(body, "/meetings/"+idValue(private.ID)) {
		t.Error("the public page links a group-only meeting's minutes")
	}
}
