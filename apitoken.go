package coproduce

import (
	"strings"
	"time"
)

// APIScope is what a personal API token may do.
type APIScope string

// The scopes. A read token reads what its owner may see; a read-write
// token may also make the changes its owner may make.
const (
	ScopeRead      APIScope = "read"
	ScopeReadWrite APIScope = "read-write"
)

// Valid reports whether s is a known scope.
func (s APIScope) Valid() bool { return s == ScopeRead || s == ScopeReadWrite }

// CanWrite reports whether the scope allows changes.
func (s APIScope) CanWrite() bool { return s == ScopeReadWrite }

// APITokenPrefix starts every API token, so a token pasted somewhere it
// should not be is easy to recognise and search for.
const APITokenPrefix = "cop_"

// APIToken is a personal token a reporting tool uses to call the API as
// its owner. Only the hash of the secret is stored; the secret is shown
// once, when the token is made.
type APIToken struct {
	ID         int64
	UserID     int64
	Name       string // what the owner calls it, such as "Council dashboard"
	Scope      APIScope
	CreatedAt  time.Time
	LastUsedAt time.Time // zero until first used
	RevokedAt  time.Time // zero while it works
}

// Revoked reports whether the token has been revoked.
func (t *APIToken) Revoked() bool { return !t.RevokedAt.IsZero() }

// ValidateAPIToken checks a new token's name and scope.
func ValidateAPIToken(name string, scope APIScope) error {
	var v ValidationError
	if strings.TrimSpace(name) == "" {
		v.Add("name", "Give the token a name, such as the tool that will use it.")
	}
	validateText(&v, "name", name, 100)
	if !scope.Valid() {
		v.Add("scope", "Choose whether the token may only read, or read and write.")
	}
	return v.Err()
}

// MaxAPITokens is how many working tokens one person may hold.
const MaxAPITokens = 20
