package coproduce

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// NewToken returns a fresh secret token (for a session cookie or an emailed
// link) and the hash to store in its place. 32 random bytes cannot be
// guessed; storing only the hash means a copy of the database opens nothing.
func NewToken() (token, hash string) {
	b := make([]byte, 32)
	rand.Read(b)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken returns the stored form of a token.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Message is an email waiting in the outbox.
type Message struct {
	ID      int64
	To      string
	Subject string
	Text    string // plain text body
	HTML    string // the same as HTML, or "" for text only

	// Unsubscribe is the address that turns off the kind of email this is,
	// in one click (RFC 8058); "" for email a person cannot turn off, such
	// as a sign-in link.
	Unsubscribe string

	// Attachment is a file sent with the message, such as a calendar
	// invitation; nil for none.
	Attachment *Attachment

	Attempts int // tries so far, set when claimed from the outbox
}

// Attachment is a text file attached to an email.
type Attachment struct {
	Name        string
	ContentType string // such as text/calendar; method=PUBLISH
	Data        string
}
