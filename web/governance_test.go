package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"coproduce"
)

// TestAccountabilityCheck builds a governance map as the organisation's
// administrator, sends a decision upward with a pre-filled check as an
// officer, and records the higher body's response; the group sees the
// route, the check waiting (and overdue after 8 weeks), then answered.
func TestAccountabilityCheck(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	g := "/o/brookfield/g/larkhill"

	if body := w.request("resident", http.MethodGet, g+"/accountability", nil).Body.String(); !strings.Contains(body, "not on its organisation&#39;s governance map yet") {
		t.Error("before the map exists, the group is not told it is not on it")
	}
	rec := w.request("orgAdmin", http.MethodPost, "/o/brookfield/governance", url.Values{"name": {"Cabinet"}, "kind": {"cabinet"}, "reach": {"partly"},
		"decides": {"The regeneration budget"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("adding cabinet = %d\n%s", rec.Code, rec.Body)
	}
	m, err := w.s.db.FindGovernanceMap(ctx, w.larkhill.OrganisationID)
	must(t, err)
	cabinet := m[0]
	rec = w.request("orgAdmin", http.MethodPost, "/o/brookfield/governance", url.Values{"name": {"Larkhill steering group"}, "kind": {"steering-group"},
		"reach": {"yes"}, "reports_to": {idValue(cabinet.ID)}, "group": {idValue(w.larkhill.ID)}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("adding the group = %d\n%s", rec.Code, rec.Body)
	}
	rec = w.request("orgAdmin", http.MethodPost, "/o/brookfield/governance", url.Values{"name": {"Loop"}, "kind": {"nonsense"}, "reach": {"maybe"}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `value="Loop"`) {
		t.Errorf("a bad body = %d; want 422 with the name kept", rec.Code)
	}
	mapPage := w.request("resident", http.MethodGet, "/o/brookfield/governance", nil).Body.String()
	if !strings.Contains(mapPage, "This is Larkhill Estate Steering Group") || strings.Contains(mapPage, "Add a body") ||
		strings.Index(mapPage, "Cabinet") > strings.Index(mapPage, "Larkhill steering group") {
		t.Error("the map for a member should show the group under cabinet, without the forms")
	}
	route := w.request("resident", http.MethodGet, g+"/accountability", nil).Body.String()
	if !strings.Contains(route, "<li>Cabinet <span") {
		t.Error("the group is not shown where its recommendations go next")
	}

	d := w.decision(t, false)
	path := g + "/decisions/" + idValue(d.ID) + "/accountability"
	if !strings.Contains(w.request("officer", http.MethodGet, g+"/decisions/"+idValue(d.ID), nil).Body.String(), path) {
		t.Error("the decision page does not offer to send it upward")
	}
	form := w.request("officer", http.MethodGet, path, nil).Body.String()
	for _, want := range []string{
		"Outside the group&#39;s process",                       // the evidence: where it was made
		`<option value="` + idValue(cabinet.ID) + `" selected>`, // the next body up, chosen
		`value="no" checked`,                                    // made outside: not coproduced
	} {
		if !strings.Contains(form, want) {
			t.Errorf("the form lacks %q", want)
		}
	}
	rec = w.request("officer", http.MethodPost, path, url.Values{"body": {idValue(cabinet.ID)}, "coproduced": {"no"}, "rung": {"3"}, "statement": {""}, "sent_on": {"2026-11-04"}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Write the account for the higher body") {
		t.Fatalf("a check without the officer's account = %d", rec.Code)
	}
	rec = w.request("officer", http.MethodPost, path, url.Values{"body": {idValue(cabinet.ID)}, "coproduced": {"no"}, "rung": {"3"},
		"statement": {"Cabinet decided before the group met; we explained it at the next meeting."}, "sent_on": {"2026-09-01"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("sending = %d\n%s", rec.Code, rec.Body)
	}
	check := strings.SplitN(rec.Header().Get("Location"), "?", 2)[0]

	list := w.request("resident", http.MethodGet, g+"/accountability", nil).Body.String()
	if !strings.Contains(list, "Waiting for a response") || !strings.Contains(list, "Over 8 weeks") {
		t.Errorf("a check waiting over 80 days is not shown waiting and overdue:\n%s", list)
	}
	if w.request("resident", http.MethodPost, check+"/response", url.Values{"outcome": {"accepted"}}).Code != http.StatusNotFound {
		t.Error("a resident who does not keep the log recorded the body's response")
	}
	rec = w.request("officer", http.MethodPost, check+"/response", url.Values{"outcome": {"amended"}, "response": {"Cabinet agreed, with a later start."}, "responded_on": {"2026-11-20"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("recording the response = %d\n%s", rec.Code, rec.Body)
	}
	page := w.request("resident", http.MethodGet, check, nil).Body.String()
	if !strings.Contains(page, "Accepted with changes") || !strings.Contains(page, "Cabinet agreed, with a later start.") || strings.Contains(page, "Over 8 weeks") {
		t.Error("the group does not see the body's response")
	}
	if w.request("otherGroup", http.MethodGet, check, nil).Code != http.StatusNotFound {
		t.Error("a member of another group can read the check")
	}
	report := w.request("resident", http.MethodGet, g+"/health/report", nil).Body.String()
	if !strings.Contains(report, "Matters sent up that were answered") {
		t.Error("the health report does not use the checks as evidence")
	}
	if w.s.db.Now().Sub(time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)) < coproduce.CheckAnswerDays*24*time.Hour {
		t.Fatal("the test's check must have waited past its 8 weeks; move its date back")
	}
}
