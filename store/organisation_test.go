package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"coproduce"
)

func TestCreateOrganisation(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		o := &coproduce.Organisation{Slug: "riverside-council", Name: "Riverside Council"}
		if err := db.CreateOrganisation(ctx, o); err != nil {
			t.Fatalf("CreateOrganisation() = %v", err)
		}
		if o.ID == 0 || o.CreatedAt.IsZero() {
			t.Fatalf("organisation not given an id and time: %+v", o)
		}
		got, err := db.FindOrganisationBySlug(ctx, "riverside-council")
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != o.ID || got.Name != o.Name || !got.CreatedAt.Equal(o.CreatedAt) {
			t.Errorf("found %+v, want %+v", got, o)
		}

		t.Run("ErrConflict", func(t *testing.T) {
			err := db.CreateOrganisation(ctx, &coproduce.Organisation{Slug: "riverside-council", Name: "Another"})
			if !errors.Is(err, coproduce.ErrConflict) {
				t.Fatalf("duplicate slug: %v, want ErrConflict", err)
			}
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			if _, err := db.FindOrganisationBySlug(ctx, "nowhere"); !errors.Is(err, coproduce.ErrNotFound) {
				t.Fatalf("FindOrganisationBySlug(nowhere) = %v, want ErrNotFound", err)
			}
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			var verr *coproduce.ValidationError
			if err := db.CreateOrganisation(ctx, &coproduce.Organisation{Slug: "x"}); !errors.As(err, &verr) {
				t.Fatalf("CreateOrganisation(no name) = %v, want *ValidationError", err)
			}
			if n, _ := db.CountOrganisations(ctx); n != 1 {
				t.Fatalf("CountOrganisations() = %d, want 1", n)
			}
		})
	})
}

func TestCreateGroup(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		o := &coproduce.Organisation{Slug: "riverside-council", Name: "Riverside Council"}
		if err := db.CreateOrganisation(ctx, o); err != nil {
			t.Fatal(err)
		}
		for _, g := range []*coproduce.Group{
			{OrganisationID: o.ID, Slug: "tower-gardens", Name: "Tower Gardens"},
			{OrganisationID: o.ID, Slug: "ashgrove", Name: "Ashgrove"},
		} {
			if err := db.CreateGroup(ctx, g); err != nil {
				t.Fatalf("CreateGroup(%s) = %v", g.Name, err)
			}
		}
		groups, err := db.FindGroups(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(groups) != 2 || groups[0].Name != "Ashgrove" || groups[1].Name != "Tower Gardens" {
			t.Fatalf("FindGroups() = %+v, want Ashgrove then Tower Gardens", groups)
		}

		t.Run("ErrConflict", func(t *testing.T) {
			err := db.CreateGroup(ctx, &coproduce.Group{OrganisationID: o.ID, Slug: "ashgrove", Name: "Again"})
			if !errors.Is(err, coproduce.ErrConflict) {
				t.Fatalf("duplicate slug: %v, want ErrConflict", err)
			}
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			err := db.CreateGroup(ctx, &coproduce.Group{OrganisationID: coproduce.NewID(), Slug: "orphan", Name: "Orphan"})
			if !errors.Is(err, coproduce.ErrNotFound) {
				t.Fatalf("CreateGroup(unknown organisation) = %v, want ErrNotFound", err)
			}
		})
	})
}

// TestConcurrentWriters sends transactions that read and then write from
// many goroutines at once. On SQLite, deferred transactions fail here with
// "database is locked"; every one must instead wait its turn and succeed.
func TestConcurrentWriters(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		o := &coproduce.Organisation{Slug: "busy-council", Name: "Busy Council"}
		if err := db.CreateOrganisation(ctx, o); err != nil {
			t.Fatal(err)
		}
		const writers, each = 16, 10
		var wg sync.WaitGroup
		errs := make(chan error, writers*each)
		for w := range writers {
			wg.Go(func() {
				for i := range each {
					g := &coproduce.Group{OrganisationID: o.ID, Slug: fmt.Sprintf("g-%d-%d", w, i), Name: "Group"}
					if err := db.CreateGroup(ctx, g); err != nil {
						errs <- err
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("concurrent CreateGroup: %v", err)
		}
		groups, err := db.FindGroups(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(groups) != writers*each {
			t.Fatalf("%d groups stored, want %d", len(groups), writers*each)
		}
	})
}

func TestWritesSurviveReopen(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		if err := db.CreateOrganisation(ctx, &coproduce.Organisation{Slug: "kept", Name: "Kept"}); err != nil {
			t.Fatal(err)
		}
		again := db.reopen(t)
		if err := again.Ready(ctx); err != nil {
			t.Fatalf("Ready() after reopen = %v", err)
		}
		if _, err := again.FindOrganisationBySlug(ctx, "kept"); err != nil {
			t.Fatalf("after reopen: %v", err)
		}
	})
}
