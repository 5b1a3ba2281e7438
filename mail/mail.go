// Package mail sends the email the store has put in its outbox. A Worker
// drains the outbox in the background, with retries and backoff, through a
// Sender: SMTP when configured, otherwise the log, so that a person running
// the product locally can still follow a sign-in link.
package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"coproduce"
)

// Sender delivers one message.
type Sender interface {
	Send(ctx context.Context, m *coproduce.Message) error
}

// LogSender writes each message, whole, to the log instead of sending it.
type LogSender struct{ Logger *slog.Logger }

// Send logs m at info level.
func (s LogSender) Send(ctx context.Context, m *coproduce.Message) error {
	s.Logger.InfoContext(ctx, "email not sent (no SMTP server configured); here it is", "to", m.To, "subject", m.Subject, "body", m.Text)
	return nil
}

// SMTPSender sends through an SMTP server.
type SMTPSender struct {
	client *gomail.Client
	from   string
}

// NewSMTPSender returns a sender for an SMTP URL: smtp://user:password@host:587
// (STARTTLS, required unless the host is on loopback) or
// smtps://user:password@host:465 (TLS from the start). from is the sender
// address.
func NewSMTPSender(rawURL, from string) (*SMTPSender, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("SMTP URL: %w", err)
	}
	if _, err := coproduce.NormalizeEmail(from); err != nil {
		return nil, fmt.Errorf("mail from address %q: %v", from, err)
	}
	host := u.Hostname()
	opts := []gomail.Option{gomail.WithTimeout(30 * time.Second)}
	switch u.Scheme {
	case "smtp":
		policy := gomail.TLSMandatory
		if ip := net.ParseIP(host); host == "localhost" || (ip != nil && ip.IsLoopback()) {
			policy = gomail.TLSOpportunistic
		}
		opts = append(opts, gomail.WithTLSPolicy(policy), gomail.WithPort(portOr(u, 587)))
	case "smtps":
		opts = append(opts, gomail.WithSSL(), gomail.WithPort(portOr(u, 465)))
	default:
		return nil, fmt.Errorf("SMTP URL %s: use smtp:// or smtps://", u.Redacted())
	}
	if u.User != nil {
		pw, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthPlain), gomail.WithUsername(u.User.Username()), gomail.WithPassword(pw))
	}
	client, err := gomail.NewClient(host, opts...)
	if err != nil {
		return nil, err
	}
	return &SMTPSender{client: client, from: from}, nil
}

func portOr(u *url.URL, fallback int) int {
	if p, err := strconv.Atoi(u.Port()); err == nil {
		return p
	}
	return fallback
}

// Send delivers m over one SMTP connection.
func (s *SMTPSender) Send(ctx context.Context, m *coproduce.Message) error {
	msg := gomail.NewMsg()
	if err := msg.From(s.from); err != nil {
		return err
	}
	if err := msg.To(m.To); err != nil {
		return err
	}
	msg.Subject(m.Subject)
	msg.SetMessageID()
	msg.SetDate()
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	if m.Unsubscribe != "" {
		// One click from the mail program turns this kind of email off
		// (RFC 8058): it posts to the same address as the link in the body.
		msg.SetListUnsubscribe(m.Unsubscribe)
		msg.SetListUnsubscribePost()
	}
	if a := m.Attachment; a != nil {
		if err := msg.AttachReader(a.Name, strings.NewReader(a.Data), gomail.WithFileContentType(gomail.ContentType(a.ContentType))); err != nil {
			return err
		}
	}
	return s.client.DialAndSendWithContext(ctx, msg)
}

// Worker drains the outbox.
type Worker struct {
	Store interface {
		ClaimMessages(ctx context.Context, n int, lease time.Duration) ([]*coproduce.Message, error)
		MarkSent(ctx context.Context, id int64) error
		MarkFailed(ctx context.Context, id int64, reason string, retryAfter time.Duration, giveUp bool) error
	}
	Sender      Sender
	Logger      *slog.Logger
	Interval    time.Duration // how often to look for due messages
	MaxAttempts int           // tries before a message is given up
}

// lease is how long a claimed message is reserved for this worker; longer
// than any one send can take, so a message is never sent twice by two
// live workers.
const lease = 5 * time.Minute

// Run sends due messages every Interval until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	t := time.NewTicker(w.Interval)
	defer t.Stop()
	for {
		if err := w.SendDue(ctx); err != nil && ctx.Err() == nil {
			w.Logger.ErrorContext(ctx, "sending email", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// SendDue sends every message due now, in batches, and returns when the
// outbox has none left due (or on a store error).
func (w *Worker) SendDue(ctx context.Context) error {
	for {
		msgs, err := w.Store.ClaimMessages(ctx, 10, lease)
		if err != nil || len(msgs) == 0 {
			return err
		}
		for _, m := range msgs {
			if err := w.send(ctx, m); err != nil {
				return err
			}
		}
	}
}

func (w *Worker) send(ctx context.Context, m *coproduce.Message) error {
	sendErr := w.Sender.Send(ctx, m)
	if sendErr == nil {
		return w.Store.MarkSent(ctx, m.ID)
	}
	attempt := m.Attempts + 1
	giveUp := attempt >= w.MaxAttempts
	retry := Backoff(attempt)
	w.Logger.WarnContext(ctx, "email not sent", "id", m.ID, "attempt", attempt, "give_up", giveUp, "retry_in", retry, "err", sendErr)
	if errors.Is(sendErr, context.Canceled) {
		retry = 0
	}
	return w.Store.MarkFailed(context.WithoutCancel(ctx), m.ID, sendErr.Error(), retry, giveUp)
}

// Backoff returns the wait before retry after attempt failures: one minute
// doubling each time, at most six hours.
func Backoff(attempt int) time.Duration {
	d := time.Duration(math.Pow(2, float64(attempt-1))) * time.Minute
	return min(d, 6*time.Hour)
}
