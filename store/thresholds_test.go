package store_test

import (
	"context"
	"errors"
	"testing"

	"coproduce"
)

func TestIndicatorThresholds(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, _ := groupWithChair(t, db)
		other := &coproduce.Group{Slug: "canal-side", Name: "Canal Side"}
		if err := db.CreateOrganisationWithGroups(ctx, &coproduce.Organisation{Slug: "other", Name: "Other"}, []*coproduce.Group{other}); err != nil {
			t.Fatal(err)
		}
		audited := func() int {
			entries, err := db.FindAuditEntries(ctx, g.ID, 50)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, e := range entries {
				if e.Action == "thresholds.changed" {
					n++
				}
			}
			return n
		}
		if got, err := db.IndicatorThresholds(ctx, g.ID); err != nil || len(got) != 0 {
			t.Fatalf("a new group's thresholds: %v, %v", got, err)
		}
		var verr *coproduce.ValidationError
		err := db.SetIndicatorThresholds(ctx, chair.ID, g.ID, map[string]float64{
			"papers-on-time": 1.5, "tor-reviewed": 6.5, "no-such": 1, "requests-median-days": 20})
		if !errors.As(err, &verr) || len(verr.Fields) != 3 {
			t.Fatalf("bad thresholds: %v", err)
		}
		for _, f := range verr.Fields {
			if f.Field == "requests-median-days" {
				t.Errorf("a good threshold was refused: %v", f)
			}
		}
		if got, _ := db.IndicatorThresholds(ctx, g.ID); len(got) != 0 || audited() != 0 {
			t.Fatalf("refused thresholds were kept: %v", got)
		}

		set := map[string]float64{"papers-on-time": 0.75, "requests-median-days": 20, "attendance-trend": -5}
		if err := db.SetIndicatorThresholds(ctx, chair.ID, g.ID, set); err != nil {
			t.Fatal(err)
		}
		got, err := db.IndicatorThresholds(ctx, g.ID)
		if err != nil || len(got) != 3 || got["papers-on-time"] != 0.75 || got["requests-median-days"] != 20 || got["attendance-trend"] != -5 {
			t.Fatalf("thresholds read back: %v, %v", got, err)
		}
		if other, _ := db.IndicatorThresholds(ctx, other.ID); len(other) != 0 {
			t.Errorf("another group has %v", other)
		}
		if audited() != 1 {
			t.Errorf("%d audit entries for one change", audited())
		}
		// The same again changes nothing and records nothing.
		if err := db.SetIndicatorThresholds(ctx, chair.ID, g.ID, set); err != nil || audited() != 1 {
			t.Errorf("saving the same thresholds: %v, %d entries", err, audited())
		}
		// Leaving one out puts it back to the default.
		delete(set, "attendance-trend")
		if err := db.SetIndicatorThresholds(ctx, chair.ID, g.ID, set); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.IndicatorThresholds(ctx, g.ID); len(got) != 2 || audited() != 2 {
			t.Errorf("after dropping one: %v, %d entries", got, audited())
		}
	})
}
