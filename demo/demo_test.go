package demo

import (
	"context"
	"testing"

	"coproduce/store"
)

func TestLoadOnlyIntoEmptyDatabase(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(ctx, db)
	if err != nil || !loaded {
		t.Fatalf("first Load() = %v, %v; want loaded", loaded, err)
	}
	for _, d := range Data() {
		org, err := db.FindOrganisationBySlug(ctx, d.Slug)
		if err != nil {
			t.Fatalf("demo organisation %s: %v", d.Slug, err)
		}
		groups, err := db.FindGroups(ctx, org.ID)
		if err != nil || len(groups) != len(d.Groups) {
			t.Fatalf("demo groups of %s = %d, %v; want %d", d.Slug, len(groups), err, len(d.Groups))
		}
	}
	loaded, err = Load(ctx, db)
	if err != nil || loaded {
		t.Fatalf("second Load() = %v, %v; want nothing loaded", loaded, err)
	}
	if n, _ := db.CountOrganisations(ctx); n != len(Data()) {
		t.Fatalf("%d organisations after loading twice, want %d", n, len(Data()))
	}
}
