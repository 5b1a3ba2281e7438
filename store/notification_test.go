package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"coproduce"
	"coproduce/store"
)

func composeNotice(n *coproduce.Notification, to, token string) coproduce.Message {
	return coproduce.Message{Subject: n.Subject, Text: n.Summary + " " + token, HTML: "<p>" + n.Summary + "</p>", Unsubscribe: "https://x/unsubscribe/" + token,
		Attachment: &coproduce.Attachment{Name: "meeting.ics", ContentType: "text/calendar", Data: "BEGIN:VCALENDAR"}}
}

func outboxTo(t *testing.T, db *testDB, to string) []coproduce.Message {
	t.Helper()
	rows, err := db.raw.Query(`SELECT subject, body_text, body_html, unsubscribe_url, attachment_name, attachment_data FROM outbox WHERE to_address = $1 ORDER BY created_at, id`, to)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []coproduce.Message
	for rows.Next() {
		var m coproduce.Message
		var a coproduce.Attachment
		if err := rows.Scan(&m.Subject, &m.Text, &m.HTML, &m.Unsubscribe, &a.Name, &a.Data); err != nil {
			t.Fatal(err)
		}
		if a.Name != "" {
			m.Attachment = &a
		}
		out = append(out, m)
	}
	return out
}

func TestNotifications(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		ada := createUser(t, db, "ada@example.org")
		bob := createUser(t, db, "bob@example.org")
		notice := func(user int64, kind coproduce.NotificationKind, key string) *coproduce.Notification {
			return &coproduce.Notification{UserID: user, Kind: kind, Key: key, GroupName: "Larkhill", Subject: "Subject " + key, Summary: "Summary " + key, Link: "https://x/" + key}
		}

		// Defaults until chosen.
		prefs, err := db.NotificationPrefs(ctx, ada.ID)
		if err != nil || prefs[coproduce.NotifyMeetingTomorrow] != coproduce.DeliverNow || prefs[coproduce.NotifyPapersCirculated] != coproduce.DeliverDigest {
			t.Fatalf("defaults: %v %v", prefs, err)
		}
		var verr *coproduce.ValidationError
		prefs[coproduce.NotifyActionOverdue] = "sometimes"
		if err := db.SetNotificationPrefs(ctx, ada.ID, prefs); !errors.As(err, &verr) || verr.Fields[0].Field != "action-overdue" {
			t.Fatalf("a delivery that does not exist: %v", err)
		}
		prefs[coproduce.NotifyActionOverdue] = coproduce.DeliverOff
		if err := db.SetNotificationPrefs(ctx, ada.ID, prefs); err != nil {
			t.Fatal(err)
		}

		// At once: one email, however many times the same occasion is found,
		// even by several servers at the same moment.
		var wg sync.WaitGroup
		made := make(chan bool, 8)
		for range 8 {
			wg.Go(func() {
				ok, err := db.CreateNotification(ctx, notice(ada.ID, coproduce.NotifyMeetingTomorrow, "meeting-tomorrow:1"), composeNotice)
				if err != nil {
					t.Error(err)
				}
				made <- ok
			})
		}
		wg.Wait()
		close(made)
		n := 0
		for ok := range made {
			if ok {
				n++
			}
		}
		mail := outboxTo(t, db, "ada@example.org")
		if n != 1 || len(mail) != 1 {
			t.Fatalf("made %d notifications and %d emails, want 1 each", n, len(mail))
		}
		if m := mail[0]; m.Subject != "Subject meeting-tomorrow:1" || m.HTML == "" || m.Unsubscribe == "" || m.Attachment == nil || m.Attachment.Data != "BEGIN:VCALENDAR" {
			t.Errorf("email %+v", m)
		}
		// The same occasion for someone else is theirs to get.
		if ok, _ := db.CreateNotification(ctx, notice(bob.ID, coproduce.NotifyMeetingTomorrow, "meeting-tomorrow:1"), composeNotice); !ok {
			t.Error("bob's notice was taken for ada's")
		}
		// Which people have had an occasion's notice, in one question.
		if got, err := db.Notified(ctx, "meeting-tomorrow:1", []int64{ada.ID, bob.ID, 12345}); err != nil || !got[ada.ID] || !got[bob.ID] || got[12345] {
			t.Errorf("Notified: %v %v", got, err)
		}
		if got, _ := db.Notified(ctx, "meeting-tomorrow:2", []int64{ada.ID}); got[ada.ID] {
			t.Error("notified of an occasion never made")
		}
		// Off: recorded, not sent.
		if ok, _ := db.CreateNotification(ctx, notice(ada.ID, coproduce.NotifyActionOverdue, "action-overdue:1"), composeNotice); !ok {
			t.Error("an off notice was not recorded")
		}
		if got := len(outboxTo(t, db, "ada@example.org")); got != 1 {
			t.Errorf("an off notice was sent: %d emails", got)
		}

		// The digest gathers what waits, once.
		for _, key := range []string{"papers-circulated:1", "papers-circulated:2"} {
			db.CreateNotification(ctx, notice(ada.ID, coproduce.NotifyPapersCirculated, key), composeNotice)
		}
		db.CreateNotification(ctx, notice(bob.ID, coproduce.NotifyPapersCirculated, "papers-circulated:1"), composeNotice)
		pending, err := db.FindPendingDigests(ctx)
		if err != nil || len(pending) != 2 {
			t.Fatalf("pending digests: %+v %v", pending, err)
		}
		var adaDigest store.PendingDigest
		for _, d := range pending {
			if d.UserID == ada.ID {
				adaDigest = d
			}
		}
		if len(adaDigest.Notifications) != 2 {
			t.Fatalf("ada's digest: %+v", adaDigest)
		}
		var token string
		digest := func(to, tok string) coproduce.Message {
			token = tok
			return coproduce.Message{Subject: "Weekly", Text: "2 notices", Unsubscribe: "https://x/unsubscribe/" + tok}
		}
		if ok, err := db.SendDigest(ctx, adaDigest, digest); !ok || err != nil {
			t.Fatalf("digest: %v %v", ok, err)
		}
		if ok, err := db.SendDigest(ctx, adaDigest, digest); ok || err != nil {
			t.Errorf("the same digest sent twice: %v %v", ok, err)
		}
		if got := outboxTo(t, db, "ada@example.org"); len(got) != 2 || got[1].Subject != "Weekly" {
			t.Errorf("after the digest: %+v", got)
		}

		// The digest's unsubscribe link turns off every kind that went to
		// it, and drops what was waiting.
		db.CreateNotification(ctx, notice(ada.ID, coproduce.NotifyMinutesReady, "minutes-ready:1"), composeNotice)
		if kind, err := db.UnsubscribeKind(ctx, token); err != nil || kind != "digest" {
			t.Fatalf("UnsubscribeKind: %q %v", kind, err)
		}
		if kind, err := db.Unsubscribe(ctx, token); err != nil || kind != "digest" {
			t.Fatalf("Unsubscribe: %q %v", kind, err)
		}
		prefs, _ = db.NotificationPrefs(ctx, ada.ID)
		if prefs[coproduce.NotifyPapersCirculated] != coproduce.DeliverOff || prefs[coproduce.NotifyMinutesReady] != coproduce.DeliverOff ||
			prefs[coproduce.NotifyMeetingTomorrow] != coproduce.DeliverNow {
			t.Errorf("after leaving the digest: %v", prefs)
		}
		pending, _ = db.FindPendingDigests(ctx)
		for _, d := range pending {
			if d.UserID == ada.ID {
				t.Errorf("ada's notices still wait for a digest: %+v", d)
			}
		}
		// A notice's own link turns off its kind alone.
		var nowToken string
		db.CreateNotification(ctx, notice(ada.ID, coproduce.NotifyMeetingTomorrow, "meeting-tomorrow:2"), func(n *coproduce.Notification, to, tok string) coproduce.Message {
			nowToken = tok
			return composeNotice(n, to, tok)
		})
		if kind, err := db.Unsubscribe(ctx, nowToken); err != nil || kind != "meeting-tomorrow" {
			t.Fatalf("Unsubscribe: %q %v", kind, err)
		}
		if prefs, _ := db.NotificationPrefs(ctx, ada.ID); prefs[coproduce.NotifyMeetingTomorrow] != coproduce.DeliverOff || prefs[coproduce.NotifyRequestDue] != coproduce.DeliverNow {
			t.Errorf("after one kind's link: %v", prefs)
		}
		if _, err := db.Unsubscribe(ctx, "no-such-token"); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("an unknown link: %v", err)
		}

		// Nothing for a disabled account.
		if err := db.SetUserDisabled(ctx, bob.ID, true); err != nil {
			t.Fatal(err)
		}
		if ok, _ := db.CreateNotification(ctx, notice(bob.ID, coproduce.NotifyRequestDue, "request-due:1"), composeNotice); ok {
			t.Error("a disabled account got a notice")
		}
	})
}

func TestLeases(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		clk := withClock(db)
		take := func(holder string) bool {
			ok, err := db.TryLease(ctx, "reminders", holder, 5*time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		if !take("a") || take("b") || !take("a") {
			t.Fatal("a lease is held by its holder alone, who may renew it")
		}
		clk.t = clk.t.Add(6 * time.Minute)
		if !take("b") || take("a") {
			t.Error("a lease that ran out passes to the next")
		}
		// Taken by many at once, it goes to one.
		clk.t = clk.t.Add(6 * time.Minute)
		var wg sync.WaitGroup
		var mu sync.Mutex
		won := 0
		for i := range 8 {
			wg.Go(func() {
				ok, err := db.TryLease(ctx, "race", string(rune('a'+i)), time.Minute)
				if err != nil {
					t.Error(err)
				}
				if ok {
					mu.Lock()
					won++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if won != 1 {
			t.Errorf("%d servers took the lease, want 1", won)
		}
	})
}

func TestNotificationsKeptThenTidied(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		clk := withClock(db)
		ada := createUser(t, db, "ada@example.org")
		n := func() *coproduce.Notification {
			return &coproduce.Notification{UserID: ada.ID, Kind: coproduce.NotifyRequestDue, Key: "request-due:1", GroupName: "G", Subject: "Due", Summary: "S", Link: "L"}
		}
		if ok, err := db.CreateNotification(ctx, n(), composeNotice); !ok || err != nil {
			t.Fatal(ok, err)
		}
		data, err := db.ExportPersonalData(ctx, ada.ID)
		if err != nil || len(data.Notices) != 1 || data.Notices[0].Subject != "Due" || data.EmailChoices["request-due"] != "now" {
			t.Fatalf("personal data: %+v %v", data, err)
		}
		// Kept long after any window the occasion could be found in again...
		clk.advance(60 * 24 * time.Hour)
		if err := db.Tidy(ctx); err != nil {
			t.Fatal(err)
		}
		if ok, _ := db.CreateNotification(ctx, n(), composeNotice); ok {
			t.Error("a notice was made again after 60 days")
		}
		// ...then tidied away.
		clk.advance(31 * 24 * time.Hour)
		if err := db.Tidy(ctx); err != nil {
			t.Fatal(err)
		}
		if data, _ := db.ExportPersonalData(ctx, ada.ID); len(data.Notices) != 0 {
			t.Errorf("after 91 days: %+v", data.Notices)
		}
	})
}
