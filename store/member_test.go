package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"coproduce"
	"coproduce/store"
)

// groupWithChair makes an organisation, a group and a chair for it.
func groupWithChair(t *testing.T, db *testDB) (*coproduce.Group, *coproduce.User, *coproduce.Member) {
	t.Helper()
	ctx := context.Background()
	o := &coproduce.Organisation{Slug: "brookfield", Name: "Brookfield Council"}
	g := &coproduce.Group{Slug: "larkhill", Name: "Larkhill Estate Steering Group"}
	if err := db.CreateOrganisationWithGroups(ctx, o, []*coproduce.Group{g}); err != nil {
		t.Fatal(err)
	}
	chair := createUser(t, db, "chair@example.org")
	m := &coproduce.Member{GroupID: g.ID, UserID: chair.ID, Constituency: coproduce.Independent, Role: coproduce.Chair, AddedReason: "appointed at set-up"}
	if err := db.AddMember(ctx, 0, m); err != nil {
		t.Fatal(err)
	}
	return g, chair, m
}

func TestInvitationLifecycle(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		clk := withClock(db)
		g, chair, _ := groupWithChair(t, db)
		var token string
		inv := &coproduce.Invitation{GroupID: g.ID, Email: "Resident@Example.org", Constituency: coproduce.Residents,
			Role: coproduce.ResidentRepresentative, Reason: "elected at the residents' meeting", InvitedBy: chair.ID}
		err := db.CreateInvitation(ctx, inv, func(tok string) coproduce.Message {
			token = tok
			return coproduce.Message{Subject: "join", Text: "link " + tok}
		})
		if err != nil {
			t.Fatal(err)
		}
		if inv.Email != "resident@example.org" {
			t.Errorf("invited address %q, want it normalised", inv.Email)
		}
		msgs, _ := db.ClaimMessages(ctx, 10, 60e9)
		if len(msgs) != 1 || msgs[0].To != "resident@example.org" || !strings.Contains(msgs[0].Text, token) {
			t.Fatalf("invitation email: %+v", msgs)
		}
		again := *inv
		if err := db.CreateInvitation(ctx, &again, func(string) coproduce.Message { return coproduce.Message{} }); !errors.Is(err, coproduce.ErrConflict) {
			t.Errorf("second pending invitation: %v, want ErrConflict", err)
		}
		var verr *coproduce.ValidationError
		bad := &coproduce.Invitation{GroupID: g.ID, Email: "x", Constituency: coproduce.OrganisationSide, Role: coproduce.ResidentRepresentative}
		if err := db.CreateInvitation(ctx, bad, nil); !errors.As(err, &verr) || len(verr.Fields) != 3 {
			t.Errorf("bad invitation: %v, want problems with email, role and reason", err)
		}

		other := createUser(t, db, "someone.else@example.org")
		if _, err := db.AcceptInvitation(ctx, token, other); !errors.Is(err, store.ErrWrongAccount) {
			t.Errorf("accepted by another address: %v, want ErrWrongAccount", err)
		}
		resident := createUser(t, db, "resident@example.org")
		m, err := db.AcceptInvitation(ctx, token, resident)
		if err != nil {
			t.Fatal(err)
		}
		if m.Role != coproduce.ResidentRepresentative || m.AddedBy != chair.ID || m.AddedReason != "elected at the residents' meeting" {
			t.Errorf("member %+v", m)
		}
		if _, err := db.AcceptInvitation(ctx, token, resident); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("used twice: %v, want ErrNotFound", err)
		}

		t.Run("Expired", func(t *testing.T) {
			var tok string
			inv := &coproduce.Invitation{GroupID: g.ID, Email: "late@example.org", Constituency: coproduce.Residents, Role: coproduce.Observer, Reason: "r", InvitedBy: chair.ID}
			db.CreateInvitation(ctx, inv, func(t string) coproduce.Message { tok = t; return coproduce.Message{} })
			clk.advance(coproduce.InvitationTTL)
			late := createUser(t, db, "late@example.org")
			if _, err := db.AcceptInvitation(ctx, tok, late); !errors.Is(err, coproduce.ErrNotFound) {
				t.Errorf("expired invitation: %v", err)
			}
		})
		t.Run("Revoked", func(t *testing.T) {
			var tok string
			inv := &coproduce.Invitation{GroupID: g.ID, Email: "revoked@example.org", Constituency: coproduce.Residents, Role: coproduce.Observer, Reason: "r", InvitedBy: chair.ID}
			db.CreateInvitation(ctx, inv, func(t string) coproduce.Message { tok = t; return coproduce.Message{} })
			pending, _ := db.FindPendingInvitations(ctx, g.ID)
			if len(pending) != 1 {
				t.Fatalf("%d pending, want 1", len(pending))
			}
			if err := db.RevokeInvitation(ctx, chair.ID, g.ID, inv.ID); err != nil {
				t.Fatal(err)
			}
			u := createUser(t, db, "revoked@example.org")
			if _, err := db.AcceptInvitation(ctx, tok, u); !errors.Is(err, coproduce.ErrNotFound) {
				t.Errorf("revoked invitation: %v", err)
			}
			if err := db.RevokeInvitation(ctx, chair.ID, g.ID, inv.ID); !errors.Is(err, coproduce.ErrNotFound) {
				t.Errorf("revoked twice: %v", err)
			}
		})
	})
}

func TestMembersAndActor(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, chairMember := groupWithChair(t, db)
		officer := createUser(t, db, "officer@example.org")
		m := &coproduce.Member{GroupID: g.ID, UserID: officer.ID, Constituency: coproduce.OrganisationSide, Role: coproduce.OrganisationRep, AddedReason: "project lead"}
		if err := db.AddMember(ctx, chair.ID, m); err != nil {
			t.Fatal(err)
		}
		if err := db.AddMember(ctx, chair.ID, &coproduce.Member{GroupID: g.ID, UserID: officer.ID, Constituency: coproduce.OrganisationSide, Role: coproduce.Observer}); !errors.Is(err, coproduce.ErrConflict) {
			t.Errorf("added twice: %v, want ErrConflict", err)
		}

		role := coproduce.Facilitator
		desc := "Runs the meetings."
		when := db.Now()
		got, err := db.UpdateMember(ctx, chair.ID, g.ID, m.ID, store.MemberUpdate{Role: &role, Constituency: ptr(coproduce.Independent), RoleDescription: &desc,
			InductedAt: &when, InductedByResidentID: ptr(chairMember.ID)})
		if err != nil {
			t.Fatal(err)
		}
		if got.Role != coproduce.Facilitator || got.RoleDescription != desc || got.InductedAt.IsZero() || got.InductedByResidentID != chairMember.ID {
			t.Errorf("updated member %+v", got)
		}
		bad := coproduce.ResidentRepresentative
		var verr *coproduce.ValidationError
		if _, err := db.UpdateMember(ctx, chair.ID, g.ID, m.ID, store.MemberUpdate{Role: &bad}); !errors.As(err, &verr) {
			t.Errorf("resident rep in the independent constituency: %v, want a validation error", err)
		}

		a, err := db.FindActor(ctx, officer)
		if err != nil || a.MemberOf(g.ID) == nil || a.MemberOf(g.ID).Role != coproduce.Facilitator {
			t.Fatalf("FindActor = %+v, %v", a, err)
		}
		if err := db.AcknowledgePrecepts(ctx, officer.ID, g.ID, m.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.AcknowledgePrecepts(ctx, chair.ID, g.ID, m.ID); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("acknowledging for someone else: %v, want ErrNotFound", err)
		}

		if err := db.EndMembership(ctx, chair.ID, g.ID, m.ID, "", ""); !errors.As(err, &verr) {
			t.Errorf("leaving without a reason: %v", err)
		}
		if err := db.EndMembership(ctx, chair.ID, g.ID, m.ID, "Papers are in the shared folder.", "moved to another project"); err != nil {
			t.Fatal(err)
		}
		if err := db.EndMembership(ctx, chair.ID, g.ID, m.ID, "", "again"); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("leaving twice: %v", err)
		}
		current, _ := db.FindMembers(ctx, g.ID, false)
		all, _ := db.FindMembers(ctx, g.ID, true)
		if len(current) != 1 || len(all) != 2 || all[1].HandoverNote != "Papers are in the shared folder." || all[1].Current() {
			t.Errorf("members: %d current, %d in all", len(current), len(all))
		}
		if a, _ := db.FindActor(ctx, officer); a.MemberOf(g.ID) != nil {
			t.Error("a former member still counts as a member")
		}
		// Rejoining makes a new membership.
		if err := db.AddMember(ctx, chair.ID, &coproduce.Member{GroupID: g.ID, UserID: officer.ID, Constituency: coproduce.OrganisationSide, Role: coproduce.Observer}); err != nil {
			t.Errorf("rejoining: %v", err)
		}
		if _, err := db.FindMember(ctx, coproduce.NewID(), chairMember.ID); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("member looked up through another group: %v", err)
		}
	})
}

func ptr[T any](v T) *T { return &v }

func TestAuditTrail(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, chairMember := groupWithChair(t, db)
		desc := "Chairs the meetings."
		db.UpdateMember(ctx, chair.ID, g.ID, chairMember.ID, store.MemberUpdate{RoleDescription: &desc})
		g.Description = "Residents and the council deciding the estate's future."
		if err := db.UpdateGroup(ctx, chair.ID, g); err != nil {
			t.Fatal(err)
		}
		entries, err := db.FindAuditEntries(ctx, g.ID, 10)
		if err != nil || len(entries) != 3 {
			t.Fatalf("FindAuditEntries = %d, %v; want 3", len(entries), err)
		}
		if entries[0].Action != "group.updated" || entries[0].ActorID != chair.ID || entries[2].Action != "member.added" {
			t.Errorf("entries: %+v", entries)
		}
		if strings.Contains(entries[1].Summary, desc) {
			t.Error("free text was copied into the audit trail")
		}
		check, err := db.VerifyAudit(ctx, g.ID)
		if err != nil || !check.Whole() || check.Entries != 3 {
			t.Fatalf("VerifyAudit = %+v, %v", check, err)
		}

		// The database refuses changes to entries, whoever asks.
		if _, err := db.raw.Exec(`UPDATE audit_log SET summary = 'nothing happened' WHERE group_id = $1 AND seq = 2`, g.ID); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("UPDATE of an audit entry: %v, want it refused", err)
		}
		if _, err := db.raw.Exec(`DELETE FROM audit_log WHERE group_id = $1`, g.ID); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("DELETE of audit entries: %v, want it refused", err)
		}

		// Someone with full control of the database drops the guard and
		// edits an entry: the chain shows it.
		dropGuard := `DROP TRIGGER audit_log_no_update`
		if db.Dialect() == "postgres" {
			dropGuard = `DROP TRIGGER audit_log_no_change ON audit_log`
		}
		if _, err := db.raw.Exec(dropGuard); err != nil {
			t.Fatal(err)
		}
		if _, err := db.raw.Exec(`UPDATE audit_log SET summary = 'nothing happened' WHERE group_id = $1 AND seq = 2`, g.ID); err != nil {
			t.Fatal(err)
		}
		check, err = db.VerifyAudit(ctx, g.ID)
		if err != nil || check.Whole() || check.BrokenAt != 2 || !strings.Contains(check.Problem, "changed") {
			t.Fatalf("VerifyAudit after tampering = %+v, %v; want entry 2 named", check, err)
		}
	})
}

// TestConcurrentAuditAppends adds members to one group from many
// goroutines at once. Every addition must succeed (no deadlock between the
// foreign-key check and the chain's lock on PostgreSQL) and the chain must
// stay whole and gapless.
func TestConcurrentAuditAppends(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, _ := groupWithChair(t, db)
		const n = 12
		users := make([]*coproduce.User, n)
		for i := range users {
			users[i] = createUser(t, db, fmt.Sprintf("member%d@example.org", i))
		}
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for _, u := range users {
			wg.Go(func() {
				errs <- db.AddMember(ctx, chair.ID, &coproduce.Member{GroupID: g.ID, UserID: u.ID, Role: coproduce.Observer, Constituency: coproduce.Residents})
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Errorf("concurrent AddMember: %v", err)
			}
		}
		check, err := db.VerifyAudit(ctx, g.ID)
		if err != nil || !check.Whole() || check.Entries != n+1 {
			t.Fatalf("chain after concurrent appends: %+v, %v; want %d entries, whole", check, err, n+1)
		}
	})
}

// TestLinkUsedOnceUnderRace presents one sign-in link from many goroutines
// at once: exactly one may succeed.
func TestLinkUsedOnceUnderRace(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		createUser(t, db, "rita@example.org")
		token := issue(t, db, coproduce.PurposeSignIn, "rita@example.org")
		var wg sync.WaitGroup
		var used atomic.Int32
		for range 8 {
			wg.Go(func() {
				if _, err := db.ConsumeLoginToken(ctx, token, coproduce.PurposeSignIn); err == nil {
					used.Add(1)
				} else if !errors.Is(err, coproduce.ErrNotFound) {
					t.Errorf("ConsumeLoginToken: %v", err)
				}
			})
		}
		wg.Wait()
		if used.Load() != 1 {
			t.Fatalf("the link was used %d times, want once", used.Load())
		}
	})
}
