package web

import (
	"context"
	"testing"

	"coproduce"
	"coproduce/internal/browsertest"
)

// TestBrowserPlansPrint checks a theory of change and a template document
// print: the drawing and the text stay, while the group's navigation and
// the button to write a new version are left out.
func TestBrowserPlansPrint(t *testing.T) {
	b := browsertest.New(t)
	w := newWorld(t)
	ts := startServer(t, w.s)
	ctx := context.Background()
	toc := &coproduce.Document{Kind: coproduce.TheoryOfChangeDoc, Title: "Theory of change", Visibility: coproduce.Public}
	must(t, w.s.db.SaveDocument(ctx, 0, w.members["chair"], toc, &coproduce.DocumentVersion{Sections: map[string]string{"problem": "Repairs take months.", "impact": "A better estate."}}, 0))
	must(t, w.s.db.SetPassword(ctx, w.users["chair"].ID, coproduce.HashPassword("browser test password", cheapPasswords), ""))
	p, err := b.Submit(ts.URL+"/sign-in", 1280, map[string]string{"email": w.users["chair"].Email, "password": "browser test password"})
	checkPage(t, "sign in", 1280, p, err, "Your account")
	got, err := browsertest.Eval[[]string](b, ts.URL+"/o/brookfield/g/larkhill/theory-of-change", "print", `[
		getComputedStyle(document.querySelector(".sub-nav")).display,
		getComputedStyle(document.querySelector(".no-print")).display,
		getComputedStyle(document.querySelector("svg.diagram")).display,
		getComputedStyle(document.querySelector("#text")).display]`)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"none", "none", "inline", "block"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("printed theory of change: got %q, want %q", got, want)
			break
		}
	}
}
