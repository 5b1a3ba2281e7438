package mail

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"coproduce"
	"coproduce/internal/smtptest"
)

// fakeOutbox is an outbox in memory.
type fakeOutbox struct {
	mu      sync.Mutex
	pending []*coproduce.Message
	sent    []int64
	failed  map[int64]string
	retries map[int64]time.Duration
	gaveUp  map[int64]bool
}

func (o *fakeOutbox) ClaimMessages(_ context.Context, n int, _ time.Duration) ([]*coproduce.Message, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	k := min(n, len(o.pending))
	out := o.pending[:k]
	o.pending = o.pending[k:]
	return out, nil
}
func (o *fakeOutbox) MarkSent(_ context.Context, id int64) error {
	o.sent = append(o.sent, id)
	return nil
}
func (o *fakeOutbox) MarkFailed(_ context.Context, id int64, reason string, retry time.Duration, giveUp bool) error {
	o.failed[id], o.retries[id], o.gaveUp[id] = reason, retry, giveUp
	return nil
}

func newOutbox(msgs ...*coproduce.Message) *fakeOutbox {
	return &fakeOutbox{pending: msgs, failed: map[int64]string{}, retries: map[int64]time.Duration{}, gaveUp: map[int64]bool{}}
}

func TestWorkerSendsThroughSMTP(t *testing.T) {
	srv, url := smtptest.Start(t)
	sender, err := NewSMTPSender(url, "coproduce@example.org")
	if err != nil {
		t.Fatal(err)
	}
	var msgs []*coproduce.Message
	for i := range 12 { // more than one batch
		msgs = append(msgs, &coproduce.Message{ID: int64(i + 1), To: "resident@example.org", Subject: "Your sign-in link", Text: "Follow this link: https://example.org/x"})
	}
	box := newOutbox(msgs...)
	w := &Worker{Store: box, Sender: sender, Logger: slog.New(slog.DiscardHandler), Interval: time.Hour, MaxAttempts: 5}
	if err := w.SendDue(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(box.sent) != 12 || len(srv.Received()) != 12 {
		t.Fatalf("sent %d, server received %d; want 12", len(box.sent), len(srv.Received()))
	}
	got := srv.Received()[0]
	if got.From != "coproduce@example.org" || got.To != "resident@example.org" {
		t.Errorf("envelope from %q to %q", got.From, got.To)
	}
	for _, want := range []string{"Subject: Your sign-in link", "Follow this link: https://example.org/x", "Message-ID:"} {
		if !strings.Contains(got.Data, want) {
			t.Errorf("message lacks %q:\n%s", want, got.Data)
		}
	}
}

func TestWorkerRetriesWithBackoffThenGivesUp(t *testing.T) {
	srv, url := smtptest.Start(t)
	srv.SetFail(true)
	sender, err := NewSMTPSender(url, "coproduce@example.org")
	if err != nil {
		t.Fatal(err)
	}
	box := newOutbox(&coproduce.Message{ID: 1, To: "a@example.org", Subject: "s", Text: "t"},
		&coproduce.Message{ID: 2, To: "b@example.org", Subject: "s", Text: "t", Attempts: 4})
	w := &Worker{Store: box, Sender: sender, Logger: slog.New(slog.DiscardHandler), Interval: time.Hour, MaxAttempts: 5}
	if err := w.SendDue(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(box.sent) != 0 || !strings.Contains(box.failed[1], "try again later") {
		t.Fatalf("sent %v, failure %q", box.sent, box.failed[1])
	}
	if box.retries[1] != time.Minute || box.gaveUp[1] {
		t.Errorf("first failure: retry in %v, gave up %v; want 1m and not given up", box.retries[1], box.gaveUp[1])
	}
	if !box.gaveUp[2] {
		t.Error("fifth failure: not given up")
	}
}

func TestBackoff(t *testing.T) {
	for attempt, want := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 5: 16 * time.Minute, 20: 6 * time.Hour} {
		if got := Backoff(attempt); got != want {
			t.Errorf("Backoff(%d) = %v, want %v", attempt, got, want)
		}
	}
}

func TestLogSenderWritesTheWholeMessage(t *testing.T) {
	var buf bytes.Buffer
	s := LogSender{Logger: slog.New(slog.NewTextHandler(&buf, nil))}
	s.Send(context.Background(), &coproduce.Message{To: "a@example.org", Subject: "Sign in", Text: "https://example.org/sign-in/link/abc"})
	for _, want := range []string{"a@example.org", "Sign in", "https://example.org/sign-in/link/abc"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("log lacks %q: %s", want, buf.String())
		}
	}
}

func TestNewSMTPSenderRejectsBadConfig(t *testing.T) {
	for _, tc := range []struct{ url, from string }{
		{"http://mail.example.org", "a@example.org"},
		{"smtp://mail.example.org", "not an address"},
	} {
		if _, err := NewSMTPSender(tc.url, tc.from); err == nil {
			t.Errorf("NewSMTPSender(%q, %q) accepted", tc.url, tc.from)
		}
	}
	_, err := NewSMTPSender("ftp://user:secret@mail.example.org", "a@example.org")
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("error %v shows the password or is missing", err)
	}
}

// TestNoticeWithHTMLUnsubscribeAndCalendar sends a notification as the
// reminders do, and reads the MIME message the SMTP server received: text
// and HTML alternatives, the calendar invitation attached, and the
// one-click unsubscribe headers.
func TestNoticeWithHTMLUnsubscribeAndCalendar(t *testing.T) {
	srv, url := smtptest.Start(t)
	sender, err := NewSMTPSender(url, "coproduce@example.org")
	if err != nil {
		t.Fatal(err)
	}
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Steering group\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	msg := &coproduce.Message{ID: 1, To: "resident@example.org", Subject: "Tomorrow: Steering group – Café Łódź",
		Text: "The meeting is tomorrow.", HTML: "<p>The meeting is <strong>tomorrow</strong>.</p>",
		Unsubscribe: "https://coproduce.example.org/unsubscribe/tok", Attachment: &coproduce.Attachment{Name: "meeting.ics", ContentType: "text/calendar; method=PUBLISH", Data: ics}}
	w := &Worker{Store: newOutbox(msg), Sender: sender, Logger: slog.New(slog.DiscardHandler), Interval: time.Hour, MaxAttempts: 5}
	if err := w.SendDue(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(srv.Received()) != 1 {
		t.Fatalf("received %d", len(srv.Received()))
	}
	m, err := netmail.ReadMessage(strings.NewReader(srv.Received()[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Header.Get("List-Unsubscribe"); got != "<https://coproduce.example.org/unsubscribe/tok>" {
		t.Errorf("List-Unsubscribe: %q", got)
	}
	if got := m.Header.Get("List-Unsubscribe-Post"); got != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post: %q", got)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if subject != msg.Subject {
		t.Errorf("subject %q", subject)
	}
	parts := map[string]string{}
	var walk func(r io.Reader, contentType string)
	walk = func(r io.Reader, contentType string) {
		media, params, err := mime.ParseMediaType(contentType)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(media, "multipart/") {
			return
		}
		mr := multipart.NewReader(r, params["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			ct := p.Header.Get("Content-Type")
			var body io.Reader = p
			if p.Header.Get("Content-Transfer-Encoding") == "base64" {
				body = base64.NewDecoder(base64.StdEncoding, p)
			}
			if strings.HasPrefix(ct, "multipart/") {
				walk(body, ct)
				continue
			}
			b, _ := io.ReadAll(body)
			if p.Header.Get("Content-Transfer-Encoding") == "quoted-printable" {
				b, _ = io.ReadAll(quotedprintable.NewReader(bytes.NewReader(b)))
			}
			media, _, _ := mime.ParseMediaType(ct)
			parts[media] = string(b)
		}
	}
	walk(m.Body, m.Header.Get("Content-Type"))
	if parts["text/plain"] != msg.Text || parts["text/html"] != msg.HTML || parts["text/calendar"] != ics {
		t.Errorf("parts: %q", parts)
	}
}
