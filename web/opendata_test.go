package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"coproduce"
)

func TestOpenData(t *testing.T) { onBothDatabases(t, testOpenData) }

func testOpenData(t *testing.T, w *world) {
	ctx := context.Background()
	g := "/o/brookfield/g/larkhill"
	public, private := w.meeting(t, coproduce.Public), w.meeting(t, coproduce.GroupOnly)
	must(t, w.s.db.SaveDecision(ctx, 0, &coproduce.Decision{GroupID: w.larkhill.ID, Title: "Published decision", Outcome: "Agreed.",
		Method: coproduce.Consensus, DecidedOn: public.StartsAt, MeetingID: public.ID, Published: true,
		Positions: map[coproduce.Constituency]coproduce.Position{coproduce.Residents: coproduce.Agreed}}))
	must(t, w.s.db.SaveDecision(ctx, 0, &coproduce.Decision{GroupID: w.larkhill.ID, Title: "Unpublished decision", Outcome: "Agreed.",
		Method: coproduce.Vote, DecidedOn: private.StartsAt, MeetingID: private.ID}))
	must(t, w.s.db.SetListedPublicly(ctx, w.users["resident"].ID, w.larkhill.ID, w.members["resident"].ID, true))

	for _, visitor := range []string{"stranger", "otherOrg", "chair"} {
		rec := w.request(visitor, http.MethodGet, g+"/open-data.json", nil)
		if rec.Code != http.StatusOK || rec.Header().Get("Access-Control-Allow-Origin") != "*" {
			t.Fatalf("open-data.json as %s: %d", visitor, rec.Code)
		}
		var d openData
		if err := json.Unmarshal(rec.Body.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		if d.Group.Slug != "larkhill" || len(d.Meetings) != 1 || d.Meetings[0].Title != "Meeting public" ||
			len(d.Decisions) != 1 || d.Decisions[0].Title != "Published decision" || d.Decisions[0].Positions["residents"] != "agreed" ||
			len(d.Members) != 1 || d.Members[0].Name != "Person resident" {
			t.Errorf("open data as %s: %s", visitor, rec.Body)
		}
		if strings.Contains(rec.Body.String(), "Unpublished") || strings.Contains(rec.Body.String(), "Meeting group") || strings.Contains(rec.Body.String(), "Person chair") {
			t.Errorf("open data holds something unpublished: %s", rec.Body)
		}
	}
	for file, want := range map[string]string{
		"members.csv":         "\ufeffname,role,constituency\r\nPerson resident,resident-rep,residents\r\n",
		"decisions.csv":       ",Published decision,meeting,consensus,agreed,,,Agreed.,",
		"meetings.csv":        ",2027-01-12 18:00,Meeting public,90,Community centre,,upcoming,no,",
		"you-said-we-did.csv": "\ufeffyou_said,we_did,decision_id,decision,decided_on\r\n",
	} {
		rec := w.request("stranger", http.MethodGet, g+"/open-data/"+file, nil)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("%s: %d\n%q", file, rec.Code, rec.Body)
		}
	}
	for _, path := range []string{g + "/open-data/support.csv", g + "/open-data/members.json", "/o/brookfield/g/no-such-group/open-data.json"} {
		if rec := w.request("stranger", http.MethodGet, path, nil); rec.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, rec.Code)
		}
	}
	res, body := w.client(t, "stranger").get(g)
	wantStatus(t, res, body, http.StatusOK, "Open data", g+"/open-data.json", g+"/open-data/decisions.csv")
}
