package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"coproduce"
)

func TestAPITokens(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		ada := createUser(t, db, "ada@example.org")
		bob := createUser(t, db, "bob@example.org")

		var verr *coproduce.ValidationError
		if _, _, err := db.CreateAPIToken(ctx, ada.ID, "  ", "admin"); !errors.As(err, &verr) || len(verr.Fields) != 2 {
			t.Fatalf("a token without a name or a known scope: %v", err)
		}
		secret, tok, err := db.CreateAPIToken(ctx, ada.ID, " Council dashboard ", coproduce.ScopeRead)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(secret, coproduce.APITokenPrefix) || len(secret) < 40 || tok.Name != "Council dashboard" {
			t.Fatalf("token %q %+v", secret, tok)
		}
		// Only the hash is stored: the secret appears nowhere in the table.
		var stored int
		if err := db.raw.QueryRowContext(ctx, `SELECT COUNT(*) FROM api_tokens WHERE token_hash = $1 OR name = $1`, secret).Scan(&stored); err != nil || stored != 0 {
			t.Fatalf("the secret is stored as it is: %d, %v", stored, err)
		}

		got, user, err := db.FindAPIToken(ctx, secret)
		if err != nil || got.ID != tok.ID || user.ID != ada.ID || got.Scope != coproduce.ScopeRead || got.LastUsedAt.IsZero() {
			t.Fatalf("FindAPIToken: %+v %+v %v", got, user, err)
		}
		for _, wrong := range []string{"", "cop_", secret + "x", strings.TrimPrefix(secret, coproduce.APITokenPrefix)} {
			if _, _, err := db.FindAPIToken(ctx, wrong); !errors.Is(err, coproduce.ErrNotFound) {
				t.Errorf("FindAPIToken(%q): %v", wrong, err)
			}
		}

		// Someone else cannot revoke it; its owner can, once.
		if err := db.RevokeAPIToken(ctx, bob.ID, tok.ID); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("another person revoked the token: %v", err)
		}
		if err := db.RevokeAPIToken(ctx, ada.ID, tok.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.RevokeAPIToken(ctx, ada.ID, tok.ID); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("revoked twice: %v", err)
		}
		if _, _, err := db.FindAPIToken(ctx, secret); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("a revoked token still works: %v", err)
		}

		// A disabled account's tokens stop working.
		secret2, _, err := db.CreateAPIToken(ctx, ada.ID, "Second", coproduce.ScopeReadWrite)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SetUserDisabled(ctx, ada.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.FindAPIToken(ctx, secret2); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("a disabled person's token works: %v", err)
		}

		list, err := db.FindAPITokens(ctx, ada.ID)
		if err != nil || len(list) != 2 || list[0].Name != "Second" || !list[1].Revoked() {
			t.Fatalf("FindAPITokens: %v, %v", list, err)
		}

		// At most MaxAPITokens working tokens each; revoked ones do not count.
		for i := range coproduce.MaxAPITokens {
			_, _, err := db.CreateAPIToken(ctx, bob.ID, "Tool", coproduce.ScopeRead)
			if err != nil {
				t.Fatalf("token %d: %v", i+1, err)
			}
		}
		if _, _, err := db.CreateAPIToken(ctx, bob.ID, "One too many", coproduce.ScopeRead); !errors.As(err, &verr) {
			t.Errorf("token %d: %v", coproduce.MaxAPITokens+1, err)
		}

		bobList, _ := db.FindAPITokens(ctx, bob.ID)
		if err := db.RevokeAPIToken(ctx, bob.ID, bobList[0].ID); err != nil {
			t.Fatal(err)
		}
		secret4, _, err := db.CreateAPIToken(ctx, bob.ID, "After revoking one", coproduce.ScopeRead)
		if err != nil {
			t.Fatal(err)
		}
		// Use is recorded at most once a minute.
		start := time.Now()
		db.Now = func() time.Time { return start }
		t.Cleanup(func() { db.Now = time.Now })
		first, _, _ := db.FindAPIToken(ctx, secret4)
		db.Now = func() time.Time { return start.Add(30 * time.Second) }
		again, _, _ := db.FindAPIToken(ctx, secret4)
		db.Now = func() time.Time { return start.Add(2 * time.Minute) }
		later, _, _ := db.FindAPIToken(ctx, secret4)
		if !again.LastUsedAt.Equal(first.LastUsedAt) || !later.LastUsedAt.After(first.LastUsedAt) {
			t.Errorf("last used: %v, %v, %v", first.LastUsedAt, again.LastUsedAt, later.LastUsedAt)
		}
	})
}
