package coproduce

import (
	"errors"
	"strings"
	"testing"
)

var cheap = PasswordParams{Time: 1, Memory: 64, Threads: 1}

func TestValidatePassword(t *testing.T) {
	tests := []struct {
		name, password, want string // want: part of the message, "" for valid
	}{
		{"OK", "correct horse battery staple", ""},
		{"OKPasted", strings.Repeat("x7", 400), ""},
		{"OKAnyCharacters", "pässwörd-ñ-✓-long", ""},
		{"ErrEmpty", "", "Enter a password"},
		{"ErrShort", "a1b2c3d", "at least 8 characters"},
		{"ErrTooLong", strings.Repeat("a", 1001), "1000 characters or fewer"},
		{"ErrCommon", "password", "most commonly used"},
		{"ErrCommonAnyCase", "BaseBall", "most commonly used"},
		{"ErrCommonDigits", "123456789", "most commonly used"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidatePassword("password", tt.password)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("ValidatePassword = %v, want nil", err)
				}
				return
			}
			var verr *ValidationError
			if !errors.As(err, &verr) || verr.Fields[0].Field != "password" || !strings.Contains(verr.Fields[0].Message, tt.want) {
				t.Fatalf("ValidatePassword = %v, want a message containing %q", err, tt.want)
			}
		})
	}
}

func TestHashAndCheckPassword(t *testing.T) {
	h := HashPassword("three random words", cheap)
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q is not in PHC form with its parameters", h)
	}
	if h == HashPassword("three random words", cheap) {
		t.Error("two hashes of one password are equal: no salt")
	}
	if ok, err := CheckPassword(h, "three random words"); !ok || err != nil {
		t.Errorf("right password: %v, %v", ok, err)
	}
	if ok, err := CheckPassword(h, "three random word"); ok || err != nil {
		t.Errorf("wrong password: %v, %v", ok, err)
	}
	for _, bad := range []string{"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=x,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=64,t=1,p=1$!!$a2V5"} {
		if _, err := CheckPassword(bad, "x"); !errors.Is(err, ErrBadPasswordHash) {
			t.Errorf("CheckPassword(%q) = %v, want ErrBadPasswordHash", bad, err)
		}
	}
}

func TestNormalizeEmail(t *testing.T) {
	for in, want := range map[string]string{
		" Someone@Example.ORG ":   "someone@example.org",
		"a.b+c@sub.example.co.uk": "a.b+c@sub.example.co.uk",
	} {
		if got, err := NormalizeEmail(in); err != nil || got != want {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "someone", "someone@localhost", "Some One <a@example.org>", "a@@example.org", strings.Repeat("a", 250) + "@example.org"} {
		if _, err := NormalizeEmail(bad); err == nil {
			t.Errorf("NormalizeEmail(%q) accepted", bad)
		}
	}
}
