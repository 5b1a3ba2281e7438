package web

import (
	"context"
	"io"
	"log/slog"
	"net"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"coproduce"
	"coproduce/mail"
)

// inbox is an in-process SMTP server on loopback that keeps each message
// it is given.
type inbox struct {
	mu   sync.Mutex
	msgs []string
}

type inboxSession struct{ in *inbox }

func (s inboxSession) Reset()                               {}
func (s inboxSession) Logout() error                        { return nil }
func (s inboxSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s inboxSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s inboxSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	s.in.mu.Lock()
	s.in.msgs = append(s.in.msgs, string(b))
	s.in.mu.Unlock()
	return err
}

func startInbox(t *testing.T) (*inbox, string) {
	in := &inbox{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return inboxSession{in}, nil }))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return in, "smtp://" + ln.Addr().String()
}

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
	in, url := startInbox(t)
	sender, err := mail.NewSMTPSender(url, "coproduce@example.org")
	must(t, err)
	must(t, w.s.SendReminders(ctx, "server-a"))
	worker := &mail.Worker{Store: w.s.db, Sender: sender, Logger: slog.New(slog.DiscardHandler), Interval: time.Hour, MaxAttempts: 3}
	must(t, worker.SendDue(ctx))
	if len(in.msgs) != 3 {
		t.Fatalf("the SMTP server got %d messages, want one for each of the 3 members", len(in.msgs))
	}
	for _, raw := range in.msgs {
		m, err := netmail.ReadMessage(strings.NewReader(raw))
		must(t, err)
		if !strings.HasPrefix(m.Header.Get("List-Unsubscribe"), "<http://coproduce.test/unsubscribe/") ||
			m.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" ||
			!strings.Contains(raw, "text/calendar") || !strings.Contains(raw, "text/html") {
			t.Errorf("message:\n%s", raw)
		}
	}
}
