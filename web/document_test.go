package web

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"coproduce"
	"coproduce/framework"
	"coproduce/store"
)

// TestTheoryOfChange writes a theory of change in two versions and checks
// the drawing, its text equivalent, the outcome's indicator link, who may
// publish it, what the public sees, and that a save from an old version is
// refused with the text kept.
func TestTheoryOfChange(t *testing.T) {
	w := newWorld(t)
	g := "/o/brookfield/g/larkhill"
	path := g + "/theory-of-change"

	body := w.request("resident", http.MethodGet, path, nil).Body.String()
	if !strings.Contains(body, "has not written its theory of change yet") || !strings.Contains(body, `href="`+path+`/edit"`) {
		t.Fatal("before it is started, members are not told how to start it")
	}
	first := url.Values{"problem": {"Repairs take months & nobody says why."}, "power": {"Residents choose the design team"},
		"activities": {"Meet monthly\nDoor-knock every block"}, "outputs": {"Twelve meetings a year"},
		"outcome-1": {"Papers arrive in time to read"}, "outcome-1-indicator": {"papers-on-time"},
		"impact": {"An estate residents shaped"}, "assumptions": {"The council keeps funding the project"},
		"visibility": {"public"}, "note": {"first draft"}, "base": {"0"}}
	rec := w.request("resident", http.MethodPost, path+"/edit", first)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != path+"?done=saved" {
		t.Fatalf("first save = %d to %q\n%s", rec.Code, rec.Header().Get("Location"), rec.Body)
	}
	d, err := w.s.db.FindDocumentByKind(context.Background(), w.larkhill.ID, coproduce.TheoryOfChangeDoc)
	must(t, err)
	if d.Visibility != coproduce.GroupOnly {
		t.Error("a resident who does not lead the group made the theory of change public")
	}
	body = w.request("officer", http.MethodGet, path, nil).Body.String()
	for _, want := range []string{
		`role="img" aria-labelledby="toc-title toc-desc"`, "<title id=\"toc-title\">", // the drawing, named
		">Door-knock every block</li>", "Repairs take months &amp; nobody says why.", // the text equivalent
		"<text x=\"10\" y=", "• Meet monthly", // the items drawn, bulleted
		`href="/o/brookfield/g/larkhill/health/report#principle-9">Papers on time</a>`,
		"Version 1 of 1.", "by Person resident.", "What changed: first draft",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	edit := w.request("resident", http.MethodGet, path+"/edit", nil).Body.String()
	if !strings.Contains(edit, `<label class="label" for="outcome-1">Outcome 1</label>`) || !strings.Contains(edit, `<label class="label" for="outcome-4">Outcome 4</label>`) ||
		strings.Contains(edit, `for="outcome-5"`) || strings.Count(edit, `value="Papers arrive in time to read"`) != 1 {
		t.Error("the edit form should number its outcome rows 1 to 4: the written outcome once, and three empty rows")
	}
	if w.request("stranger", http.MethodGet, path, nil).Code != http.StatusSeeOther || w.request("otherGroup", http.MethodGet, path, nil).Code != http.StatusNotFound {
		t.Error("a group-only theory of change is visible outside the group")
	}

	second := url.Values{"problem": {"Repairs take months."}, "visibility": {"public"}, "base": {"1"}, "note": {"shorter"}}
	if rec := w.request("chair", http.MethodPost, path+"/edit", second); rec.Code != http.StatusSeeOther {
		t.Fatalf("second save = %d\n%s", rec.Code, rec.Body)
	}
	stale := url.Values{"problem": {"My own rewrite, typed for an hour."}, "base": {"1"}}
	rec = w.request("resident", http.MethodPost, path+"/edit", stale)
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Someone saved version 2 while you were writing") ||
		!strings.Contains(rec.Body.String(), "My own rewrite, typed for an hour.") {
		t.Errorf("a save from version 1 after version 2 = %d; want 422 naming version 2, with the text kept", rec.Code)
	}
	if body := rec.Body.String(); !strings.Contains(body, "Version 2, as it is now") || !strings.Contains(body, `name="base" value="2"`) {
		t.Error("after a clash the form should show the newest version and go on from it")
	}
	stale.Set("base", "2")
	if rec := w.request("resident", http.MethodPost, path+"/edit", stale); rec.Code != http.StatusSeeOther {
		t.Errorf("saving again after looking at version 2 = %d", rec.Code)
	}

	rec = w.request("chair", http.MethodPost, path+"/edit", url.Values{"problem": {"Repairs take months."}, "visibility": {"public"}, "base": {"3"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("fourth save = %d", rec.Code)
	}
	rec = w.request("stranger", http.MethodGet, path, nil)
	if body := rec.Body.String(); rec.Code != http.StatusOK || !strings.Contains(body, "Repairs take months.") || strings.Contains(body, "Person chair") || strings.Contains(body, "?version=") {
		t.Errorf("public theory of change for a stranger = %d; want the newest text, without members' names or earlier versions", rec.Code)
	}
	if w.request("stranger", http.MethodGet, path+"?version=1", nil).Code != http.StatusNotFound {
		t.Error("the public can read a draft written for the group alone")
	}
	if !strings.Contains(w.request("stranger", http.MethodGet, g, nil).Body.String(), `href="`+path+`">Theory of change</a>`) {
		t.Error("the group's public page does not list its public theory of change")
	}
	old := w.request("officer", http.MethodGet, path+"?version=1", nil).Body.String()
	if !strings.Contains(old, "This is an older version.") || !strings.Contains(old, "Door-knock every block") {
		t.Error("version 1 is not shown as an older version")
	}
	if w.request("officer", http.MethodGet, path+"?version=9", nil).Code != http.StatusNotFound {
		t.Error("a version that does not exist is not 404")
	}
}

func TestThreeHorizons(t *testing.T) {
	w := newWorld(t)
	path := "/o/brookfield/g/larkhill/three-horizons"
	rec := w.request("officer", http.MethodPost, path+"/edit", url.Values{"first": {"Officers decide, then consult"},
		"third": {"Residents and officers decide together"}, "second-now": {"Agenda set jointly"}, "second-aspired": {"A resident-led design panel"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("save = %d\n%s", rec.Code, rec.Body)
	}
	body := w.request("resident", http.MethodGet, path, nil).Body.String()
	for _, want := range []string{`aria-labelledby="h-title h-desc"`, "Possible now", "<p>Agenda set jointly</p>", "Hoped for, later", "<p>A resident-led design panel</p>", "Third horizon: the future we aim for"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

// TestTemplateDocuments starts a document from a library template, saves
// a second version, and downloads it; and checks the library's pages
// lead a member to it.
func TestTemplateDocuments(t *testing.T) {
	w := newWorld(t)
	g := "/o/brookfield/g/larkhill"
	e, _ := framework.LibraryEntry("access-checklist")

	form := w.request("resident", http.MethodGet, g+"/templates/access-checklist", nil).Body.String()
	if !strings.Contains(form, `name="body"`) || !strings.Contains(form, strings.SplitN(e.Body, "\n", 2)[0][:40]) {
		t.Fatal("the new document is not filled with the template's text")
	}
	rec := w.request("resident", http.MethodPost, g+"/documents", url.Values{"template": {"access-checklist"}, "title": {""}, "body": {"Our venue notes"}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Our venue notes") || !strings.Contains(rec.Body.String(), `href="#title"`) {
		t.Fatalf("a document without a title = %d; want 422 with the text kept", rec.Code)
	}
	rec = w.request("resident", http.MethodPost, g+"/documents", url.Values{"template": {"access-checklist"}, "title": {"Community hall access"}, "body": {"## Getting there\n\nStep-free from the bus stop."}, "base": {"0"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("save = %d\n%s", rec.Code, rec.Body)
	}
	doc := rec.Header().Get("Location")
	doc = doc[:strings.Index(doc, "?")]
	body := w.request("officer", http.MethodGet, doc, nil).Body.String()
	if !strings.Contains(body, "<h2>Getting there</h2>") || !strings.Contains(body, `href="/framework/tools/access-checklist"`) {
		t.Error("the document page does not show the Markdown or link to its template")
	}
	rec = w.request("officer", http.MethodPost, doc+"/edit", url.Values{"title": {"Community hall access"}, "body": {"Step-free. Hearing loop in the main hall."}, "base": {"1"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("second version = %d\n%s", rec.Code, rec.Body)
	}
	rec = w.request("resident", http.MethodGet, doc+"/download?version=1", nil)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "text/markdown; charset=utf-8" ||
		!strings.HasPrefix(rec.Body.String(), "# Community hall access\n\n## Getting there") || !strings.Contains(rec.Body.String(), "Started from the template") {
		t.Errorf("download of version 1 = %d %q\n%s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	list := w.request("chair", http.MethodGet, g+"/documents", nil).Body.String()
	if !strings.Contains(list, "Community hall access") || !strings.Contains(list, "2 versions.") || !strings.Contains(list, g+"/theory-of-change") {
		t.Error("the documents page does not list the document and the plans not yet started")
	}

	entry := w.request("resident", http.MethodGet, "/framework/tools/access-checklist", nil).Body.String()
	if !strings.Contains(entry, g+"/templates/access-checklist") || !strings.Contains(entry, g+"/support") {
		t.Error("the library entry does not lead a member to use it in their group")
	}
	public := w.request("stranger", http.MethodGet, "/framework/tools/access-checklist", nil).Body.String()
	if strings.Contains(public, "/o/brookfield") || !strings.Contains(public, "Sign in as a member") {
		t.Error("the library entry for a stranger should explain signing in and link to no group")
	}
	rec = w.request("stranger", http.MethodGet, "/framework/tools/three-horizons.md", nil)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "International Futures Forum") {
		t.Errorf("the guide's download = %d, want it with its credit", rec.Code)
	}
}

// TestStartingWell checks the new group's checklist follows the records
// and goes once every step is done.
func TestStartingWell(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	db := w.s.db
	g := "/o/brookfield/g/larkhill"
	body := w.request("resident", http.MethodGet, g, nil).Body.String()
	if !strings.Contains(body, "Starting well") || !strings.Contains(body, "(0 of 3 members)") || strings.Contains(body, ">Done<") {
		t.Fatal("a new group's page does not show the checklist with nothing done")
	}
	if strings.Contains(w.request("stranger", http.MethodGet, g, nil).Body.String(), "Starting well") {
		t.Error("the public sees the checklist")
	}
	chair := w.members["chair"]
	for _, name := range []string{"resident", "officer", "chair"} {
		m := w.members[name]
		must(t, db.AcknowledgePrecepts(ctx, w.users[name].ID, w.larkhill.ID, m.ID))
		on, res, org := time.Now().AddDate(0, 0, -1), w.members["resident"].ID, w.members["officer"].ID
		_, err := db.UpdateMember(ctx, 0, w.larkhill.ID, m.ID, store.MemberUpdate{InductedAt: &on, InductedByResidentID: &res, InductedByOrganisationID: &org})
		must(t, err)
	}
	_, err := db.CreateToRDraft(ctx, 0, w.larkhill.ID, map[string]string{"vision": "A good place"})
	must(t, err)
	must(t, db.SaveRedLine(ctx, 0, &coproduce.RedLine{GroupID: w.larkhill.ID, Kind: coproduce.KindRedLine, Title: "Budget", Owner: "Council",
		Reason: "Fixed by cabinet", RaisedOn: time.Now(), ReviewBy: time.Now().AddDate(1, 0, 0)}, ""))
	body = w.request("resident", http.MethodGet, g, nil).Body.String()
	if !strings.Contains(body, "(3 of 3 members)") || strings.Count(body, ">Done<") != 4 {
		t.Errorf("after precepts, induction, terms and red lines: want both member steps full and 4 steps done")
	}
	must(t, db.AddStakeholder(ctx, 0, &coproduce.Stakeholder{GroupID: w.larkhill.ID, Phase: 0, PhaseName: "Stage 0", Name: "Cabinet", Type: "council", Influence: 5, Affected: 2}))
	w.healthRound(t)
	_, err = db.OpenSkillsAudit(ctx, 0, chair, []string{"Planning"})
	must(t, err)
	if strings.Contains(w.request("resident", http.MethodGet, g, nil).Body.String(), "Starting well") {
		t.Error("the checklist is still shown with every step done")
	}
	// A member who joins once the group is under way is inducted through
	// the members page; the checklist does not come back.
	u := &coproduce.User{Email: "later@example.org", Name: "Later"}
	must(t, db.CreateUser(ctx, u))
	must(t, db.AddMember(ctx, 0, &coproduce.Member{GroupID: w.larkhill.ID, UserID: u.ID, Role: coproduce.Observer, Constituency: coproduce.Residents,
		JoinedAt: w.larkhill.CreatedAt.AddDate(0, 0, coproduce.StartingDays+1)}))
	if strings.Contains(w.request("resident", http.MethodGet, g, nil).Body.String(), "Starting well") {
		t.Error("a member joining later brought the checklist back")
	}
}

// TestEveryAuditActionHasText checks each action the store writes to the
// audit trail has its words for the record-of-changes page, which
// otherwise fails to render for the whole group.
func TestEveryAuditActionHasText(t *testing.T) {
	files, err := filepath.Glob("../store/*.go")
	must(t, err)
	actions := regexp.MustCompile(`Action: +"([a-z.-]+)"`)
	found := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		must(t, err)
		for _, m := range actions.FindAllStringSubmatch(string(src), -1) {
			found++
			if _, ok := english["audit.action."+m[1]]; !ok {
				t.Errorf("%s: audit action %q has no text", f, m[1])
			}
		}
	}
	if found < 20 {
		t.Fatalf("found %d audit actions in the store; the pattern no longer matches how they are written", found)
	}
}
