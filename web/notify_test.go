package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"coproduce"
)

// outbox takes every message waiting in the outbox, by recipient.
func (w *world) outbox(t *testing.T) map[string][]*coproduce.Message {
	t.Helper()
	msgs, err := w.s.db.ClaimMessages(context.Background(), 1000, time.Minute)
	must(t, err)
	out := map[string][]*coproduce.Message{}
	for _, m := range msgs {
		out[m.To] = append(out[m.To], m)
		must(t, w.s.db.MarkSent(context.Background(), m.ID))
	}
	return out
}

func subjects(msgs []*coproduce.Message) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, m.Subject)
	}
	slices.Sort(out)
	return out
}

func TestReminders(t *testing.T) { onBothDatabases(t, testReminders) }

func testReminders(t *testing.T, w *world) {
	ctx := context.Background()
	db := w.s.db
	chair, officer, resident := w.members["chair"], w.members["officer"], w.members["resident"]
	// Monday 11 January 2027, 6am: before the digest goes out at 7.
	now := time.Date(2027, 1, 11, 6, 0, 0, 0, time.UTC)
	at := func(t time.Time) { db.Now = func() time.Time { return t } }
	at(now.Add(-2 * time.Hour))
	t.Cleanup(func() { db.Now = time.Now })

	tomorrow := w.meeting(t, coproduce.GroupOnly) // 12 January 2027, 6pm
	nextWeek := &coproduce.Meeting{GroupID: w.larkhill.ID, Title: "Design workshop", StartsAt: time.Date(2027, 1, 19, 18, 0, 0, 0, time.UTC), Minutes: 90, Venue: "Hall", Visibility: coproduce.GroupOnly}
	must(t, db.CreateMeeting(ctx, 0, nextWeek)) // papers due by the end of 12 January
	for _, p := range []*coproduce.Paper{
		{GroupID: w.larkhill.ID, MeetingID: tomorrow.ID, Title: "Budget report", FileName: "b.pdf", ContentType: "application/pdf", Audience: coproduce.Audience{Visibility: coproduce.GroupOnly}},
		{GroupID: w.larkhill.ID, MeetingID: tomorrow.ID, Title: "Legal advice", FileName: "l.pdf", ContentType: "application/pdf",
			Audience: coproduce.Audience{Visibility: coproduce.Restricted, MemberIDs: []int64{chair.ID}, Reason: "legal privilege"}},
	} {
		must(t, db.CreatePaper(ctx, 0, p, []byte("%PDF-1.4\n")))
		must(t, db.CirculatePaper(ctx, 0, w.larkhill.ID, p.ID))
	}
	past := &coproduce.Meeting{GroupID: w.larkhill.ID, Title: "December meeting", StartsAt: time.Date(2026, 12, 8, 18, 0, 0, 0, time.UTC), Minutes: 90, Venue: "Hall", Visibility: coproduce.GroupOnly}
	must(t, db.CreateMeeting(ctx, 0, past))
	must(t, db.SaveMinutes(ctx, 0, w.larkhill.ID, &coproduce.Minutes{MeetingID: past.ID, Body: "Minutes.", Visibility: coproduce.GroupOnly}))
	must(t, db.CirculateMinutes(ctx, 0, w.larkhill.ID, past.ID))
	must(t, db.CreateAction(ctx, 0, &coproduce.Action{GroupID: w.larkhill.ID, Title: "Chase the lift contractor", OwnerMemberID: resident.ID, Due: time.Date(2027, 1, 5, 12, 0, 0, 0, time.UTC)}))
	must(t, db.SaveRedLine(ctx, 0, &coproduce.RedLine{GroupID: w.larkhill.ID, Kind: coproduce.KindConstraint, Title: "Budget cap", Owner: "cabinet", Reason: "funding",
		RaisedOn: time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC), ReviewBy: time.Date(2027, 1, 20, 12, 0, 0, 0, time.UTC)}, ""))
	must(t, db.RecordTrainingReview(ctx, 0, chair, &coproduce.TrainingReview{MemberID: officer.ID, HeldOn: time.Date(2026, 7, 20, 12, 0, 0, 0, time.UTC), Agreed: "A course."}))
	// A request to the organisation due in two days, and one overdue.
	at(time.Date(2026, 12, 10, 12, 0, 0, 0, time.UTC))
	must(t, db.CreateInfoRequest(ctx, 0, &coproduce.InfoRequest{GroupID: w.larkhill.ID, AskedBy: resident.ID, Question: "How many homes have damp?"}))
	at(time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC))
	must(t, db.CreateInfoRequest(ctx, 0, &coproduce.InfoRequest{GroupID: w.larkhill.ID, AskedBy: resident.ID, Question: "What will the new homes cost to heat?"}))
	at(now)
	var statements []string
	for _, p := range w.s.framework.Principles {
		for _, st := range p.Statements {
			statements = append(statements, st.ID)
		}
	}
	must(t, db.OpenHealthRound(ctx, 0, chair, &coproduce.HealthRound{Title: "Winter round", OpensOn: time.Date(2027, 1, 11, 12, 0, 0, 0, time.UTC),
		ClosesOn: time.Date(2027, 1, 12, 12, 0, 0, 0, time.UTC), MinCell: 3, Statements: statements}))
	// The resident wants papers at once; the others keep the default, the
	// weekly digest.
	prefs, _ := db.NotificationPrefs(ctx, w.users["resident"].ID)
	prefs[coproduce.NotifyPapersCirculated] = coproduce.DeliverNow
	must(t, db.SetNotificationPrefs(ctx, w.users["resident"].ID, prefs))
	// Nothing left from setting up.
	w.outbox(t)

	must(t, w.s.SendReminders(ctx, "server-a"))
	got := w.outbox(t)
	want := map[string][]string{
		"resident@example.org": {"Action overdue: Chase the lift contractor", "Health check closes soon: Winter round", "Information request overdue",
			"Papers for Meeting group", "Tomorrow: Meeting group"},
		"officer@example.org": {"Health check closes soon: Winter round", "Information request due soon", "Information request overdue",
			"Papers due for Design workshop", "Review due: Person officer", "Tomorrow: Meeting group"},
		"chair@example.org": {"Health check closes soon: Winter round", "Papers due for Design workshop", "Review due: Budget cap",
			"Review due: Person officer", "Tomorrow: Meeting group"},
	}
	for to, subs := range want {
		if g := subjects(got[to]); !slices.Equal(g, subs) {
			t.Errorf("%s got\n%q\nwant\n%q", to, g, subs)
		}
	}
	if len(got["othergroup@example.org"]) != 0 {
		t.Errorf("a member of another group got %q", subjects(got["othergroup@example.org"]))
	}
	// The resident's papers email lists only what they may see.
	for _, m := range got["resident@example.org"] {
		switch m.Subject {
		case "Papers for Meeting group":
			if !strings.Contains(m.Text, "Budget report") || strings.Contains(m.Text, "Legal advice") || !strings.Contains(m.HTML, "<li>Budget report</li>") {
				t.Errorf("papers email:\n%s\n%s", m.Text, m.HTML)
			}
		case "Tomorrow: Meeting group":
			if m.Attachment == nil || !strings.Contains(m.Attachment.Data, "SUMMARY:Meeting group") || !strings.Contains(m.Attachment.Data, "DTSTART:20270112T180000Z") {
				t.Errorf("no calendar invitation: %+v", m.Attachment)
			}
			if !strings.HasPrefix(m.Unsubscribe, "http://coproduce.test/unsubscribe/") || !strings.Contains(m.Text, m.Unsubscribe) ||
				!strings.Contains(m.Text, "http://coproduce.test/o/brookfield/g/larkhill/meetings/"+idValue(tomorrow.ID)) {
				t.Errorf("meeting email:\n%s", m.Text)
			}
		}
	}

	// Another server, or this one again, sends nothing more.
	must(t, w.s.SendReminders(ctx, "server-b"))
	must(t, w.s.SendReminders(ctx, "server-a"))
	if again := w.outbox(t); len(again) != 0 {
		t.Errorf("sent again: %v", again)
	}

	// Monday at 8am the digest goes out, once, to those with notices
	// waiting: papers, minutes and the round opening.
	at(now.Add(2 * time.Hour))
	must(t, w.s.SendReminders(ctx, "server-a"))
	got = w.outbox(t)
	for _, to := range []string{"chair@example.org", "officer@example.org"} {
		if len(got[to]) != 1 || got[to][0].Subject != "Your weekly round-up: 3 notices" {
			t.Fatalf("%s's digest: %q", to, subjects(got[to]))
		}
	}
	digest := got["chair@example.org"][0]
	for _, want := range []string{"Legal advice", "Draft minutes of December meeting", "Health check open: Winter round"} {
		if !strings.Contains(digest.Text, want) || !strings.Contains(digest.HTML, want) {
			t.Errorf("the chair's digest lacks %q:\n%s", want, digest.Text)
		}
	}
	if subs := subjects(got["resident@example.org"]); !slices.Equal(subs, []string{"Your weekly round-up: 2 notices"}) {
		t.Errorf("the resident's digest: %q", subs)
	}
	at(now.Add(3 * time.Hour))
	must(t, w.s.SendReminders(ctx, "server-b"))
	if again := w.outbox(t); len(again) != 0 {
		t.Errorf("a second digest: %v", again)
	}

	// The unsubscribe link asks first, then turns that kind off.
	token := strings.TrimPrefix(digest.Unsubscribe, "http://coproduce.test/unsubscribe/")
	res, body := w.client(t, "stranger").get("/unsubscribe/" + token)
	wantStatus(t, res, body, http.StatusOK, "Stop the weekly digest")
	if p, _ := db.NotificationPrefs(ctx, w.users["chair"].ID); p[coproduce.NotifyPapersCirculated] != coproduce.DeliverDigest {
		t.Error("opening the link turned something off")
	}
	// As a mail program's one-click unsubscribe posts it (RFC 8058).
	res, body = w.client(t, "stranger").post("/unsubscribe/"+token, url.Values{"List-Unsubscribe": {"One-Click"}})
	wantStatus(t, res, body, http.StatusOK, "You will no longer get the weekly digest")
	if p, _ := db.NotificationPrefs(ctx, w.users["chair"].ID); p[coproduce.NotifyPapersCirculated] != coproduce.DeliverOff || p[coproduce.NotifyMeetingTomorrow] != coproduce.DeliverNow {
		t.Errorf("after unsubscribing: %v", p)
	}
	if res, _ := w.client(t, "stranger").get("/unsubscribe/not-a-token"); res.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown link: %d", res.StatusCode)
	}
}

// TestRemindersOnTwoServers runs two servers on one database looking for
// reminders at once: each notice goes out once.
func TestRemindersOnTwoServers(t *testing.T) { onBothDatabases(t, testRemindersOnTwoServers) }

func testRemindersOnTwoServers(t *testing.T, w *world) {
	ctx := context.Background()
	now := time.Date(2027, 1, 11, 10, 0, 0, 0, time.UTC)
	w.s.db.Now = func() time.Time { return now }
	t.Cleanup(func() { w.s.db.Now = time.Now })
	w.meeting(t, coproduce.GroupOnly) // tomorrow
	w.outbox(t)
	other := *w.s // a second server on the same database
	var wg sync.WaitGroup
	for i, s := range []*Server{w.s, &other, w.s, &other} {
		wg.Go(func() {
			if err := s.SendReminders(ctx, "server-"+string(rune('a'+i%2))); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	// The lease may have kept the second server out; let it run now the
	// first is done, as it would a minute later.
	_, err := w.s.db.TryLease(ctx, "reminders", "expired", -time.Hour)
	must(t, err)
	must(t, other.SendReminders(ctx, "server-b"))
	got := w.outbox(t)
	for _, who := range []string{"resident", "officer", "chair"} {
		if n := len(got[who+"@example.org"]); n != 1 {
			t.Errorf("%s got %d emails about tomorrow's meeting, want 1", who, n)
		}
	}
}

func TestNotificationSettings(t *testing.T) { onBothDatabases(t, testNotificationSettings) }

func testNotificationSettings(t *testing.T, w *world) {
	resident := w.client(t, "resident")
	res, body := resident.get("/account/notifications")
	wantStatus(t, res, body, http.StatusOK, "Email reminders and notices", "Meeting tomorrow", "In the weekly digest")
	if !regexp.MustCompile(`name="meeting-tomorrow" type="radio" value="now" checked`).MatchString(body) {
		t.Error("the default for meeting tomorrow is not shown as at once")
	}
	form := url.Values{}
	for _, k := range coproduce.NotificationKinds {
		form.Set(string(k), "digest")
	}
	form.Set("action-overdue", "sometimes")
	res, body = resident.post("/account/notifications", form)
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Choose at once, in the weekly digest, or off")
	form.Set("action-overdue", "off")
	res, _ = resident.post("/account/notifications", form)
	wantRedirect(t, res, "/account/notifications?done=saved")
	res, body = resident.get("/account/notifications?done=saved")
	wantStatus(t, res, body, http.StatusOK, "Your choices are saved")
	if !strings.Contains(body, `name="action-overdue" type="radio" value="off" checked`) {
		t.Error("the saved choice is not shown")
	}
}
