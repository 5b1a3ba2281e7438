package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"coproduce"
	"coproduce/store"
)

// clock is a settable time source for a store under test.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func withClock(db *testDB) *clock {
	c := &clock{t: time.Date(2026, 3, 28, 23, 30, 0, 0, time.UTC)}
	db.Now = c.now
	return c
}

func createUser(t *testing.T, db *testDB, email string) *coproduce.User {
	t.Helper()
	u := &coproduce.User{Email: email, Name: "Test Person", PasswordHash: "x"}
	if err := db.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestCreateUser(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		u := createUser(t, db, "  Ada.Lovelace@Example.org ")
		if u.Email != "ada.lovelace@example.org" {
			t.Errorf("email stored as %q, want it normalised", u.Email)
		}
		got, err := db.FindUserByEmail(ctx, "ADA.LOVELACE@example.org")
		if err != nil || got.ID != u.ID {
			t.Fatalf("FindUserByEmail = %+v, %v", got, err)
		}
		if err := db.CreateUser(ctx, &coproduce.User{Email: "ada.lovelace@EXAMPLE.org", Name: "Again"}); !errors.Is(err, coproduce.ErrConflict) {
			t.Errorf("same address again: %v, want ErrConflict", err)
		}
		var verr *coproduce.ValidationError
		if err := db.CreateUser(ctx, &coproduce.User{Email: "not an address", Name: ""}); !errors.As(err, &verr) || len(verr.Fields) != 2 {
			t.Errorf("bad user: %v, want problems with email and name", err)
		}
		if _, err := db.FindUserByEmail(ctx, "nobody@example.org"); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("unknown email: %v, want ErrNotFound", err)
		}
	})
}

func TestSessions(t *testing.T) {
	policy := store.SessionPolicy{Idle: time.Hour, Absolute: 3 * time.Hour}
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		clk := withClock(db)
		u := createUser(t, db, "member@example.org")

		token, err := db.CreateSession(ctx, u.ID, "Firefox", policy)
		if err != nil {
			t.Fatal(err)
		}
		s, got, err := db.FindSession(ctx, token, policy)
		if err != nil || got.ID != u.ID || s.UserAgent != "Firefox" {
			t.Fatalf("FindSession = %+v, %+v, %v", s, got, err)
		}
		if strings.Contains(s.IDHash, token) {
			t.Error("the stored session id contains the cookie token")
		}
		if _, _, err := db.FindSession(ctx, "forged", policy); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("unknown token: %v", err)
		}

		t.Run("IdleExpiry", func(t *testing.T) {
			clk.advance(50 * time.Minute)
			if _, _, err := db.FindSession(ctx, token, policy); err != nil {
				t.Fatalf("after 50 idle minutes: %v", err) // also refreshes last seen
			}
			clk.advance(50 * time.Minute)
			if _, _, err := db.FindSession(ctx, token, policy); err != nil {
				t.Fatalf("50 minutes after the last request: %v", err)
			}
			clk.advance(61 * time.Minute)
			if _, _, err := db.FindSession(ctx, token, policy); !errors.Is(err, coproduce.ErrNotFound) {
				t.Fatalf("after 61 idle minutes: %v, want ErrNotFound", err)
			}
		})
		t.Run("AbsoluteExpiry", func(t *testing.T) {
			token, _ := db.CreateSession(ctx, u.ID, "", policy)
			for range 5 { // active every 40 minutes, never idle
				clk.advance(40 * time.Minute)
				db.FindSession(ctx, token, policy)
			}
			clk.advance(time.Minute)
			if _, _, err := db.FindSession(ctx, token, policy); !errors.Is(err, coproduce.ErrNotFound) {
				t.Fatalf("after 3 h 21 min of activity: %v, want ErrNotFound", err)
			}
		})
		t.Run("EndOthers", func(t *testing.T) {
			a, _ := db.CreateSession(ctx, u.ID, "phone", policy)
			b, _ := db.CreateSession(ctx, u.ID, "laptop", policy)
			sa, _, _ := db.FindSession(ctx, a, policy)
			list, err := db.FindUserSessions(ctx, u.ID)
			if err != nil || len(list) != 2 {
				t.Fatalf("FindUserSessions = %d, %v; want 2", len(list), err)
			}
			if err := db.DeleteOtherSessions(ctx, u.ID, sa.IDHash); err != nil {
				t.Fatal(err)
			}
			if _, _, err := db.FindSession(ctx, a, policy); err != nil {
				t.Errorf("kept session: %v", err)
			}
			if _, _, err := db.FindSession(ctx, b, policy); !errors.Is(err, coproduce.ErrNotFound) {
				t.Errorf("ended session: %v", err)
			}
			other := createUser(t, db, "other@example.org")
			if err := db.DeleteSession(ctx, other.ID, sa.IDHash); !errors.Is(err, coproduce.ErrNotFound) {
				t.Errorf("ending another person's session: %v, want ErrNotFound", err)
			}
		})
		t.Run("PasswordChangeEndsOthers", func(t *testing.T) {
			keep, _ := db.CreateSession(ctx, u.ID, "", policy)
			gone, _ := db.CreateSession(ctx, u.ID, "", policy)
			sk, _, _ := db.FindSession(ctx, keep, policy)
			if err := db.SetPassword(ctx, u.ID, "new-hash", sk.IDHash); err != nil {
				t.Fatal(err)
			}
			if _, _, err := db.FindSession(ctx, keep, policy); err != nil {
				t.Errorf("the session that changed the password: %v", err)
			}
			if _, _, err := db.FindSession(ctx, gone, policy); !errors.Is(err, coproduce.ErrNotFound) {
				t.Errorf("other session after password change: %v", err)
			}
		})
		t.Run("DisablingEndsAll", func(t *testing.T) {
			token, _ := db.CreateSession(ctx, u.ID, "", policy)
			if err := db.SetUserDisabled(ctx, u.ID, true); err != nil {
				t.Fatal(err)
			}
			if _, _, err := db.FindSession(ctx, token, policy); !errors.Is(err, coproduce.ErrNotFound) {
				t.Errorf("session of a disabled account: %v", err)
			}
		})
	})
}

func compose(u *coproduce.User, token string) coproduce.Message {
	if u == nil {
		return coproduce.Message{Subject: "no account", Text: "There is no account for this address."}
	}
	return coproduce.Message{Subject: "link", Text: "token=" + token}
}

// issue asks for a link and returns the token from the email it queued.
func issue(t *testing.T, db *testDB, purpose, email string) string {
	t.Helper()
	var token string
	err := db.IssueLoginToken(context.Background(), purpose, email, func(u *coproduce.User, tok string) coproduce.Message {
		token = tok
		return compose(u, tok)
	})
	if err != nil {
		t.Fatal(err)
	}
	return token
}

func TestLoginTokens(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		clk := withClock(db)
		u := createUser(t, db, "resident@example.org")

		token := issue(t, db, coproduce.PurposeSignIn, "Resident@example.org")
		if err := db.PeekLoginToken(ctx, token, coproduce.PurposeSignIn); err != nil {
			t.Fatalf("PeekLoginToken = %v", err)
		}
		if err := db.PeekLoginToken(ctx, token, coproduce.PurposeReset); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("a sign-in link used as a reset link: %v", err)
		}
		got, err := db.ConsumeLoginToken(ctx, token, coproduce.PurposeSignIn)
		if err != nil || got.ID != u.ID {
			t.Fatalf("ConsumeLoginToken = %+v, %v", got, err)
		}
		if _, err := db.ConsumeLoginToken(ctx, token, coproduce.PurposeSignIn); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("second use: %v, want ErrNotFound", err)
		}

		t.Run("NewLinkCancelsOld", func(t *testing.T) {
			old := issue(t, db, coproduce.PurposeReset, u.Email)
			fresh := issue(t, db, coproduce.PurposeReset, u.Email)
			if _, err := db.ConsumeLoginToken(ctx, old, coproduce.PurposeReset); !errors.Is(err, coproduce.ErrNotFound) {
				t.Errorf("old link after a new one: %v", err)
			}
			if _, err := db.ConsumeLoginToken(ctx, fresh, coproduce.PurposeReset); err != nil {
				t.Errorf("new link: %v", err)
			}
		})
		t.Run("Expiry", func(t *testing.T) {
			token := issue(t, db, coproduce.PurposeSignIn, u.Email)
			clk.advance(store.LoginTokenTTL)
			if _, err := db.ConsumeLoginToken(ctx, token, coproduce.PurposeSignIn); !errors.Is(err, coproduce.ErrNotFound) {
				t.Errorf("expired link: %v", err)
			}
		})
		t.Run("PasswordChangeCancelsLinks", func(t *testing.T) {
			token := issue(t, db, coproduce.PurposeSignIn, u.Email)
			db.SetPassword(ctx, u.ID, "h", "")
			if _, err := db.ConsumeLoginToken(ctx, token, coproduce.PurposeSignIn); !errors.Is(err, coproduce.ErrNotFound) {
				t.Errorf("link after password change: %v", err)
			}
		})
		t.Run("UnknownAddress", func(t *testing.T) {
			var gotUser *coproduce.User
			called := false
			var token string
			err := db.IssueLoginToken(ctx, coproduce.PurposeSignIn, "stranger@example.org", func(u *coproduce.User, tok string) coproduce.Message {
				called, gotUser, token = true, u, tok
				return compose(u, tok)
			})
			if err != nil || !called || gotUser != nil {
				t.Fatalf("IssueLoginToken(unknown) = %v, called %v with %+v", err, called, gotUser)
			}
			if _, err := db.ConsumeLoginToken(ctx, token, coproduce.PurposeSignIn); !errors.Is(err, coproduce.ErrNotFound) {
				t.Errorf("token for an unknown address redeemed: %v", err)
			}
		})
		t.Run("DisabledAccount", func(t *testing.T) {
			d := createUser(t, db, "disabled@example.org")
			token := issue(t, db, coproduce.PurposeSignIn, d.Email)
			db.SetUserDisabled(ctx, d.ID, true)
			if _, err := db.ConsumeLoginToken(ctx, token, coproduce.PurposeSignIn); !errors.Is(err, coproduce.ErrNotFound) {
				t.Errorf("link of a disabled account: %v", err)
			}
		})
	})
}

func TestCreateFirstAdmin(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		token, err := db.CreateLoginToken(ctx, coproduce.PurposeSetup, 0, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.CreateFirstAdmin(ctx, "wrong", &coproduce.User{Email: "a@example.org", Name: "A"}); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("wrong token: %v", err)
		}
		admin := &coproduce.User{Email: "Admin@example.org", Name: "Admin", PasswordHash: "h"}
		if err := db.CreateFirstAdmin(ctx, token, admin); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindUserByEmail(ctx, "admin@example.org")
		if err != nil || !got.IsAdmin {
			t.Fatalf("first admin = %+v, %v", got, err)
		}
		if err := db.CreateFirstAdmin(ctx, token, &coproduce.User{Email: "b@example.org", Name: "B"}); err == nil {
			t.Error("setup link worked twice")
		}
		second, _ := db.CreateLoginToken(ctx, coproduce.PurposeSetup, 0, time.Hour)
		if err := db.CreateFirstAdmin(ctx, second, &coproduce.User{Email: "b@example.org", Name: "B"}); !errors.Is(err, coproduce.ErrConflict) {
			t.Errorf("setup once an account exists: %v, want ErrConflict", err)
		}
	})
}

func TestRateLimit(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		clk := withClock(db)
		for i := 1; i <= 4; i++ {
			ok, err := db.Allow(ctx, "signin-ip:192.0.2.1", 3, 15*time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			if want := i <= 3; ok != want {
				t.Errorf("hit %d: allowed %v, want %v", i, ok, want)
			}
		}
		if ok, _ := db.Allow(ctx, "signin-ip:192.0.2.2", 3, 15*time.Minute); !ok {
			t.Error("another bucket was limited too")
		}
		clk.advance(15 * time.Minute)
		if ok, _ := db.Allow(ctx, "signin-ip:192.0.2.1", 3, 15*time.Minute); !ok {
			t.Error("limit did not reset in the next window")
		}
		clk.advance(25 * time.Hour)
		if err := db.Tidy(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

func TestOutbox(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		clk := withClock(db)
		createUser(t, db, "a@example.org")
		issue(t, db, coproduce.PurposeSignIn, "a@example.org")
		issue(t, db, coproduce.PurposeSignIn, "nobody@example.org")

		msgs, err := db.ClaimMessages(ctx, 10, time.Minute)
		if err != nil || len(msgs) != 2 {
			t.Fatalf("ClaimMessages = %d, %v; want 2", len(msgs), err)
		}
		if again, _ := db.ClaimMessages(ctx, 10, time.Minute); len(again) != 0 {
			t.Fatalf("leased messages claimed again: %d", len(again))
		}
		if err := db.MarkSent(ctx, msgs[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkFailed(ctx, msgs[1].ID, "connection refused", 5*time.Minute, false); err != nil {
			t.Fatal(err)
		}
		clk.advance(2 * time.Minute)
		if due, _ := db.ClaimMessages(ctx, 10, time.Minute); len(due) != 0 {
			t.Fatalf("a message was due before its retry time: %d", len(due))
		}
		clk.advance(4 * time.Minute)
		due, _ := db.ClaimMessages(ctx, 10, time.Minute)
		if len(due) != 1 || due[0].ID != msgs[1].ID {
			t.Fatalf("retry: got %d messages", len(due))
		}
		// The worker dies holding the lease; after it runs out, the message
		// is claimed again.
		clk.advance(2 * time.Minute)
		due, _ = db.ClaimMessages(ctx, 10, time.Minute)
		if len(due) != 1 {
			t.Fatalf("after the lease ran out: %d messages", len(due))
		}
		db.MarkFailed(ctx, due[0].ID, "refused again", 0, true)
		attempts, sent, failed, err := db.MessageAttempts(ctx, due[0].ID)
		if err != nil || attempts != 2 || sent || !failed {
			t.Errorf("MessageAttempts = %d, %v, %v, %v", attempts, sent, failed, err)
		}
		if due, _ := db.ClaimMessages(ctx, 10, time.Minute); len(due) != 0 {
			t.Error("a message given up was claimed")
		}
	})
}

func TestEmailChange(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		u := createUser(t, db, "old@example.org")
		createUser(t, db, "taken@example.org")
		signin := issue(t, db, coproduce.PurposeSignIn, u.Email)

		var token string
		var wasTaken bool
		compose := func(taken bool, tok string) coproduce.Message {
			token, wasTaken = tok, taken
			return coproduce.Message{Subject: "confirm", Text: tok}
		}
		if err := db.RequestEmailChange(ctx, u.ID, "Taken@example.org", "", compose); err != nil || !wasTaken {
			t.Fatalf("change to a taken address: %v, taken %v", err, wasTaken)
		}
		notice := func(old string, u *coproduce.User) coproduce.Message {
			return coproduce.Message{Subject: "changed", Text: old}
		}
		if _, err := db.ConfirmEmailChange(ctx, token, notice); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("link for a taken address: %v, want ErrNotFound", err)
		}
		var verr *coproduce.ValidationError
		if err := db.RequestEmailChange(ctx, u.ID, "nope", "", compose); !errors.As(err, &verr) {
			t.Errorf("malformed address: %v", err)
		}
		if err := db.RequestEmailChange(ctx, u.ID, "New@example.org", "", compose); err != nil || wasTaken {
			t.Fatalf("RequestEmailChange = %v, taken %v", err, wasTaken)
		}
		got, err := db.ConfirmEmailChange(ctx, token, notice)
		if err != nil || got.Email != "new@example.org" {
			t.Fatalf("ConfirmEmailChange = %+v, %v", got, err)
		}
		if _, err := db.ConsumeLoginToken(ctx, signin, coproduce.PurposeSignIn); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("sign-in link survived the email change: %v", err)
		}
		if _, err := db.ConfirmEmailChange(ctx, token, notice); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("confirmed twice: %v", err)
		}
		msgs, _ := db.ClaimMessages(ctx, 100, time.Minute)
		last := msgs[len(msgs)-1]
		if last.To != "old@example.org" || last.Subject != "changed" {
			t.Errorf("no notice to the old address: %+v", last)
		}
	})
}

func TestFindUserNames(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		a := createUser(t, db, "a@example.org")
		b := createUser(t, db, "b@example.org")
		names, err := db.FindUserNames(context.Background(), []int64{a.ID, b.ID, coproduce.NewID()})
		if err != nil || len(names) != 2 || names[a.ID] != "Test Person" {
			t.Fatalf("FindUserNames = %v, %v", names, err)
		}
		if names, err := db.FindUserNames(context.Background(), nil); err != nil || len(names) != 0 {
			t.Errorf("no ids: %v, %v", names, err)
		}
	})
}
