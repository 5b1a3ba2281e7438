package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"coproduce"
	"coproduce/store"
)

func TestWriteBulk(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		now := time.Now().UTC().Truncate(time.Second)
		newBulk := func() *store.Bulk {
			var b store.Bulk
			b.Table("organisations", "id, slug, name, created_at")
			b.Table("steering_groups", "id, organisation_id, slug, name, created_at")
			return &b
		}

		t.Run("OK", func(t *testing.T) {
			b := newBulk()
			org := coproduce.NewID()
			b.Add("organisations", org, "bulk", "Bulk Council", now)
			for i := range 250 { // more than one statement's worth
				b.Add("steering_groups", coproduce.NewID(), org, fmt.Sprintf("g%d", i), "Group", now)
			}
			if b.Len() != 251 {
				t.Fatalf("Len() = %d; want 251", b.Len())
			}
			if err := db.WriteBulk(ctx, b); err != nil {
				t.Fatal(err)
			}
			if err := db.CheckForeignKeys(ctx); err != nil {
				t.Fatal(err)
			}
			ids, err := db.FindAllGroupIDs(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(ids) != 250 {
				t.Errorf("%d groups written; want 250", len(ids))
			}
			b.Reset()
			if b.Len() != 0 {
				t.Errorf("Len() after Reset = %d", b.Len())
			}
		})

		t.Run("ErrUndeclaredTable", func(t *testing.T) {
			b := newBulk()
			b.Add("meetings", coproduce.NewID())
			if err := db.WriteBulk(ctx, b); err == nil || !strings.Contains(err.Error(), "not declared") {
				t.Errorf("WriteBulk() = %v; want an error naming the undeclared table", err)
			}
		})

		t.Run("ErrValueCount", func(t *testing.T) {
			b := newBulk()
			b.Add("organisations", coproduce.NewID(), "short")
			if err := db.WriteBulk(ctx, b); err == nil || !strings.Contains(err.Error(), "2 values for 4 columns") {
				t.Errorf("WriteBulk() = %v; want an error counting the values", err)
			}
		})

		t.Run("ErrMissingParent", func(t *testing.T) {
			b := newBulk()
			b.Add("steering_groups", coproduce.NewID(), coproduce.NewID(), "orphan", "Orphan", now)
			err := db.WriteBulk(ctx, b)
			if err == nil {
				// SQLite writes with its checks off; the check finds it.
				err = db.CheckForeignKeys(ctx)
			}
			if err == nil {
				t.Error("a group of no organisation was written and passed the check")
			}
		})
	})
}
