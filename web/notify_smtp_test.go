package web

import (
	"context"
	"log/slog"
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	"coproduce"
	"coproduce/internal/smtptest"
	"coproduce/mail"
)

// TestReminderReachesSMTP follows a reminder all the way: found by the
// look for reminders, put in the outbox, sent by the mail worker to an
// SMTP server, arriving with its one-click unsubscribe header and the
// meeting attached.
func TestReminderReachesSMTP(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	now := time.Date(2027, 1, 11, 10, 0, 0, 0, time.UTC)
	w.s.db.Now = func() time.Time { return now }
	t.Cleanup(func() { w.s.db.Now = time.Now })
	w.meeting(t, coproduce.GroupOnly) // tomorrow
	w.outbox(t)                       // nothing left from setting up
	in, url := smtptest.Start(t)
	sender, err := mail.NewSMTPSender(url, "coproduce@example.org")
	must(t, err)
	must(t, w.s.SendReminders(ctx, "server-a"))
	worker := &mail.Worker{Store: w.s.db, Sender: sender, Logger: slog.New(slog.DiscardHandler), Interval: time.Hour, MaxAttempts: 3}
	must(t, worker.SendDue(ctx))
	if len(in.Received()) != 3 {
		t.Fatalf("the SMTP server got %d messages, want one for each of the 3 members", len(in.Received()))
	}
	for _, got := range in.Received() {
		raw := got.Data
		m, err := netmail.ReadMessage(strings.NewReader(raw))
		must(t, err)
		if !strings.HasPrefix(m.Header.Get("List-Unsubscribe"), "<http://coproduce.test/unsubscribe/") ||
			m.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" ||
			!strings.Contains(raw, "text/calendar") || !strings.Contains(raw, "text/html") {
			t.Errorf("message:\n%s", raw)
		}
	}
}
