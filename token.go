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

	Attempts int // tries so far, set when claimed from the outbox
}
