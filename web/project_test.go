package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"strings"
	"testing"

	"coproduce"
)

// TestProcessExplainer checks the process explainer shows every RIBA
// stage with what happens and what residents can shape, marks the stage
// the group is at (and only it), and says so in words when the group
// follows its own phases instead.
func TestProcessExplainer(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	path := "/o/brookfield/g/larkhill/project/stages"
	must(t, w.s.db.SetProjectContext(ctx, 0, &coproduce.ProjectContext{GroupID: w.larkhill.ID, CurrentStage: 3}))

	rec := w.request("resident", http.MethodGet, path, nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s = %d", path, rec.Code)
	}
	body := rec.Body.String()
	for n, name := range coproduce.RIBAStages {
		if !strings.Contains(body, fmt.Sprintf("Stage %d: %s", n, name)) {
			t.Errorf("no heading for stage %d, %s", n, name)
		}
	}
	for n, g := range coproduce.ProcessGuide {
		if g.Happens == "" || g.Influence == "" || g.Watch == "" || !strings.Contains(body, html.EscapeString(g.Influence)) {
			t.Errorf("stage %d: its explanation is missing or not shown", n)
		}
	}
	if n := strings.Count(body, `aria-current="step"`); n != 1 {
		t.Errorf("%d stages marked current; want 1", n)
	}
	current := body[strings.Index(body, `aria-current="step"`):]
	if !strings.HasPrefix(current[strings.Index(current, "<h2>"):], "<h2>Stage 3: Spatial Coordination</h2>") {
		t.Error("the stage marked current is not stage 3")
	}
	if !strings.Contains(body, "The project is at stage 3: Spatial Coordination.") {
		t.Error("the page does not say in words where the project is")
	}
	if !strings.Contains(w.request("resident", http.MethodGet, "/o/brookfield/g/larkhill/project", nil).Body.String(), `href="`+path+`"`) {
		t.Error("the project page does not link to the explainer")
	}

	must(t, w.s.db.SetProjectContext(ctx, 0, &coproduce.ProjectContext{GroupID: w.larkhill.ID, Phases: []string{"Listening", "Options", "Ballot"}, CurrentStage: 1}))
	body = w.request("resident", http.MethodGet, path, nil).Body.String()
	if strings.Contains(body, `aria-current`) || !strings.Contains(body, "follows its own phases and is at: Options") {
		t.Error("with the group's own phases, the page should name the phase and mark no RIBA stage")
	}
}
