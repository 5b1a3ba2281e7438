// Package smtptest runs an in-process SMTP server on loopback for tests,
// keeping every message it is given.
package smtptest

import (
	"io"
	"net"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"
)

// Message is one message the server received.
type Message struct {
	From, To string
	Data     string // the whole message, headers and body
}

// Server is a running test SMTP server.
type Server struct {
	mu       sync.Mutex
	received []Message
	fail     bool
}

// Received returns the messages received so far.
func (s *Server) Received() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.received...)
}

// SetFail makes the server refuse every message with a temporary error
// (or accept them again).
func (s *Server) SetFail(fail bool) {
	s.mu.Lock()
	s.fail = fail
	s.mu.Unlock()
}

type session struct {
	srv      *Server
	from, to string
}

func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }
func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.from = from
	return nil
}
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = to
	return nil
}
func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	if s.srv.fail {
		return &smtp.SMTPError{Code: 451, Message: "try again later"}
	}
	s.srv.received = append(s.srv.received, Message{s.from, s.to, string(b)})
	return nil
}

// Start runs a server for the rest of the test and returns it with its
// smtp:// address.
func Start(t testing.TB) (*Server, string) {
	t.Helper()
	srv := &Server{}
	s := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &session{srv: srv}, nil
	}))
	s.Domain = "localhost"
	s.AllowInsecureAuth = true
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go s.Serve(ln)
	t.Cleanup(func() { s.Close() })
	return srv, "smtp://" + ln.Addr().String()
}
