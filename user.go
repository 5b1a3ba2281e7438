package coproduce

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// User is a person with an account. A person may be a member of several
// groups in several organisations; what they may see and do there depends on
// those memberships, not on the account.
type User struct {
	ID           int64
	Email        string // normalised with NormalizeEmail
	Name         string
	PasswordHash string // "" when the person signs in by emailed link only
	IsAdmin      bool   // administers this installation
	DisabledAt   time.Time
	CreatedAt    time.Time
}

// Disabled reports whether the account may no longer sign in.
func (u *User) Disabled() bool { return !u.DisabledAt.IsZero() }

// HasPassword reports whether the person has set a password.
func (u *User) HasPassword() bool { return u.PasswordHash != "" }

// Validate checks the user's fields and returns a *ValidationError naming
// each problem.
func (u *User) Validate() error {
	var v ValidationError
	if _, err := NormalizeEmail(u.Email); err != nil {
		v.Add("email", err.Error())
	}
	validateName(&v, "name", u.Name)
	return v.Err()
}

// ValidateUserName checks a person's name and returns a *ValidationError
// for the field "name".
func ValidateUserName(name string) error {
	var v ValidationError
	validateName(&v, "name", name)
	return v.Err()
}

// NormalizeEmail trims an email address and lowers its case, so one person
// has one account however they type it. It returns an error worded for a
// person if the address is not usable.
func NormalizeEmail(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "":
		return "", emailError("Enter your email address.")
	case utf8.RuneCountInString(s) > 254:
		return "", emailError("The email address must be 254 characters or fewer.")
	}
	addr, err := mail.ParseAddress(s)
	// ParseAddress also accepts "Name <a@b>"; only a bare address will do.
	if err != nil || addr.Address != s || !strings.Contains(s[strings.LastIndex(s, "@"):], ".") {
		return "", emailError("Enter an email address in the correct format, like name@example.com.")
	}
	return s, nil
}

type emailError string

func (e emailError) Error() string { return string(e) }

// Session is a signed-in browser. Its id lives only in the person's cookie;
// the database keeps its hash.
type Session struct {
	IDHash     string
	UserID     int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time // the absolute limit, whatever the activity
	UserAgent  string
}

// Token purposes: what an emailed (or printed) one-time link does.
const (
	PurposeSignIn = "signin" // signs the person in
	PurposeReset  = "reset"  // lets the person set a new password
	PurposeSetup  = "setup"  // creates the first administrator on a new installation
	PurposeEmail  = "email"  // confirms a new email address for an account
)
