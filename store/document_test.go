package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"coproduce"
)

func TestDocuments(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, member := groupWithChair(t, db)
		var verr *coproduce.ValidationError

		toc := &coproduce.Document{Kind: coproduce.TheoryOfChangeDoc, Title: "Theory of change", Visibility: coproduce.GroupOnly}
		if err := db.SaveDocument(ctx, chair.ID, member, toc, &coproduce.DocumentVersion{Sections: map[string]string{}}, 0); !errors.As(err, &verr) {
			t.Fatalf("an empty theory of change: %v, want a validation error", err)
		}
		v1 := &coproduce.DocumentVersion{Sections: map[string]string{"problem": "Repairs take months.", "activities": "Meet monthly\nDoor-knock"},
			Outcomes: []coproduce.Outcome{{Text: "Papers arrive in time to read", Indicator: "papers-on-time"}}}
		if err := db.SaveDocument(ctx, chair.ID, member, toc, v1, 0); err != nil {
			t.Fatal(err)
		}
		if toc.ID == 0 || v1.Number != 1 || toc.Versions != 1 {
			t.Fatalf("after the first save: document %d, version %d, versions %d", toc.ID, v1.Number, toc.Versions)
		}
		// A second theory of change for the same group is refused.
		again := &coproduce.Document{Kind: coproduce.TheoryOfChangeDoc, Title: "Another", Visibility: coproduce.GroupOnly}
		if err := db.SaveDocument(ctx, chair.ID, member, again, &coproduce.DocumentVersion{Sections: map[string]string{"problem": "x"}}, 0); !errors.As(err, &verr) || verr.Fields[0].Field != "version" {
			t.Errorf("a second theory of change: %v, want a version error", err)
		}
		// Saving from an old base is refused, so no one's changes are lost.
		v2 := &coproduce.DocumentVersion{Sections: map[string]string{"problem": "Repairs take months, and nobody says why."}, Note: "agreed in March"}
		toc.Visibility = coproduce.Public
		if err := db.SaveDocument(ctx, chair.ID, member, toc, v2, 1); err != nil {
			t.Fatal(err)
		}
		stale := &coproduce.DocumentVersion{Sections: map[string]string{"problem": "Old text"}}
		if err := db.SaveDocument(ctx, chair.ID, member, toc, stale, 1); !errors.As(err, &verr) || !strings.Contains(verr.Fields[0].Message, "saved version 2") {
			t.Errorf("saving over version 2 from version 1: %v", err)
		}

		got, err := db.FindDocumentByKind(ctx, g.ID, coproduce.TheoryOfChangeDoc)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != toc.ID || got.Versions != 2 || got.Visibility != coproduce.Public || got.Latest.Number != 2 ||
			got.Latest.Sections["problem"] != "Repairs take months, and nobody says why." || got.Latest.Note != "agreed in March" || got.Latest.SavedBy != member.ID {
			t.Errorf("FindDocumentByKind = %+v, latest %+v", got, got.Latest)
		}
		versions, err := db.FindDocumentVersions(ctx, toc.ID)
		if err != nil || len(versions) != 2 || versions[0].Number != 2 || versions[1].Note != "" {
			t.Errorf("FindDocumentVersions = %d versions, %v", len(versions), err)
		}
		oldest, err := db.FindDocumentVersion(ctx, toc.ID, 1)
		if err != nil || oldest.Outcomes[0].Indicator != "papers-on-time" || oldest.Sections["activities"] != "Meet monthly\nDoor-knock" {
			t.Errorf("FindDocumentVersion(1) = %+v, %v; want the first version as saved", oldest, err)
		}
		if _, err := db.FindDocumentVersion(ctx, toc.ID, 3); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("a version not saved: %v, want ErrNotFound", err)
		}
		if _, err := db.FindDocumentByKind(ctx, g.ID, coproduce.ThreeHorizonsDoc); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("three horizons never started: %v, want ErrNotFound", err)
		}

		// Documents from templates: any number, each its own versions.
		vision := &coproduce.Document{Kind: coproduce.TemplateDoc, Template: "vision-statement", Title: "Our vision", Visibility: coproduce.GroupOnly}
		if err := db.SaveDocument(ctx, chair.ID, member, vision, &coproduce.DocumentVersion{Body: "## Our vision\n\nHomes people can afford."}, 0); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindDocument(ctx, g.ID+1, vision.ID); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("another group's document: %v, want ErrNotFound", err)
		}
		other := &coproduce.Document{ID: vision.ID, Kind: coproduce.TemplateDoc, Title: "x", Visibility: coproduce.GroupOnly}
		stranger := *member
		stranger.GroupID = g.ID + 1
		if err := db.SaveDocument(ctx, chair.ID, &stranger, other, &coproduce.DocumentVersion{Body: "x"}, 1); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("saving another group's document: %v, want ErrNotFound", err)
		}
		all, err := db.FindDocuments(ctx, g.ID)
		if err != nil || len(all) != 2 || all[0].Kind != coproduce.TheoryOfChangeDoc || all[1].Versions != 1 || all[1].Latest != nil {
			t.Errorf("FindDocuments = %d, %v", len(all), err)
		}
		check, err := db.VerifyAudit(ctx, g.ID)
		if err != nil || !check.Whole() || check.Entries < 4 {
			t.Errorf("audit chain after saving documents: %+v, %v", check, err)
		}
	})
}
