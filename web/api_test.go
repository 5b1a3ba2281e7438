package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"coproduce"
)

var (
	openAPIOnce   sync.Once
	openAPIDoc    *openapi3.T
	openAPIRouter routers.Router
	openAPIErr    error
)

// openAPI loads the API's OpenAPI document and checks it is a valid
// OpenAPI 3.1 document, once for the whole test run.
func openAPI(t testing.TB) (*openapi3.T, routers.Router) {
	t.Helper()
	openAPIOnce.Do(func() {
		loader := openapi3.NewLoader()
		if openAPIDoc, openAPIErr = loader.LoadFromData(openAPIJSON); openAPIErr != nil {
			return
		}
		if openAPIErr = openAPIDoc.Validate(context.Background(), openapi3.EnableSchemaFormatValidation(), openapi3.EnableSchemaPatternValidation()); openAPIErr != nil {
			return
		}
		openAPIRouter, openAPIErr = legacy.NewRouter(openAPIDoc)
	})
	if openAPIErr != nil {
		t.Fatalf("the OpenAPI document: %v", openAPIErr)
	}
	return openAPIDoc, openAPIRouter
}

func TestOpenAPIDocument(t *testing.T) {
	doc, _ := openAPI(t)
	if !doc.IsOpenAPI31OrLater() || doc.IsOpenAPI32OrLater() {
		t.Errorf("version %q, want 3.1", doc.OpenAPI)
	}
	// Every API route in the route table is in the document, and every
	// path in the document is served.
	routes := regexp.MustCompile(`"(GET|POST) (/api/v1[^"]*)"`).FindAllStringSubmatch(routesSource(t), -1)
	served := map[string]bool{}
	for _, m := range routes {
		p := strings.TrimPrefix(m[2], "/api/v1")
		served[m[1]+" "+p] = true
		item := doc.Paths.Find(p)
		if item == nil || item.GetOperation(m[1]) == nil {
			t.Errorf("%s %s is served but not in the OpenAPI document", m[1], p)
		}
	}
	for p, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if !served[method+" "+p] {
				t.Errorf("%s %s is in the OpenAPI document but not served", method, p)
			}
		}
	}
	w := newWorld(t)
	rec := w.request("stranger", http.MethodGet, "/api/v1/openapi.json", nil)
	if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), openAPIJSON) {
		t.Errorf("GET /api/v1/openapi.json: %d", rec.Code)
	}
}

// apiResponse is an API answer, already checked against the OpenAPI
// document.
type apiResponse struct {
	Code   int
	Header http.Header
	Body   string
}

func (r apiResponse) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.Body), v); err != nil {
		t.Fatalf("%v in %s", err, r.Body)
	}
}

// token makes a personal API token for visitor.
func (w *world) token(t testing.TB, visitor string, scope coproduce.APIScope) string {
	t.Helper()
	secret, _, err := w.s.db.CreateAPIToken(context.Background(), w.users[visitor].ID, "test "+string(scope), scope)
	must(t, err)
	return secret
}

// api calls the API with token ("" for none) and checks the request and
// the response against the OpenAPI document: a response whose status or
// body the document does not describe fails the test.
func (w *world) api(t testing.TB, token, method, path string, body any) apiResponse {
	t.Helper()
	var reqBody []byte
	if body != nil {
		var err error
		if reqBody, err = json.Marshal(body); err != nil {
			t.Fatal(err)
		}
	}
	req := httptest.NewRequest(method, path, bytes.NewReader(reqBody))
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	w.h.ServeHTTP(rec, req)
	res := apiResponse{Code: rec.Code, Header: rec.Header(), Body: rec.Body.String()}
	checkAgainstOpenAPI(t, method, path, reqBody, res)
	return res
}

func checkAgainstOpenAPI(t testing.TB, method, path string, reqBody []byte, res apiResponse) {
	t.Helper()
	_, router := openAPI(t)
	req := httptest.NewRequest(method, path, bytes.NewReader(reqBody))
	if reqBody != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Fatalf("%s %s is not in the OpenAPI document: %v", method, path, err)
	}
	opts := &openapi3filter.Options{
		IncludeResponseStatus:   true,
		AuthenticationFunc:      openapi3filter.NoopAuthenticationFunc,
		SchemaValidationOptions: []openapi3.SchemaValidationOption{openapi3.EnableJSONSchema2020()},
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	if res.Code < 400 {
		// A request the API accepted must be one the document allows.
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			t.Errorf("%s %s: the request, accepted, does not match the OpenAPI document: %v", method, path, err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: res.Code, Header: res.Header, Options: opts}
	out.SetBodyBytes([]byte(res.Body))
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("%s %s: the %d response does not match the OpenAPI document: %v\n%s", method, path, res.Code, err, res.Body)
	}
}

func TestAPIAuthentication(t *testing.T) { onBothDatabases(t, testAPIAuthentication) }

func testAPIAuthentication(t *testing.T, w *world) {
	path := "/api/v1/o/brookfield/g/larkhill/actions"
	res := w.api(t, "", http.MethodGet, path, nil)
	if res.Code != http.StatusUnauthorized || !strings.HasPrefix(res.Header.Get("WWW-Authenticate"), "Bearer") ||
		res.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("no token: %d %v", res.Code, res.Header)
	}
	res = w.api(t, "cop_not-a-token", http.MethodGet, path, nil)
	if res.Code != http.StatusUnauthorized || !strings.Contains(res.Header.Get("WWW-Authenticate"), "invalid_token") {
		t.Errorf("a made-up token: %d %v", res.Code, res.Header)
	}
	// A session cookie is not a token: the API ignores it.
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.AddCookie(&http.Cookie{Name: cookieName, Value: w.cookies["chair"]})
	rec := httptest.NewRecorder()
	w.h.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnauthorized {
		t.Errorf("a session cookie: %d, want 401", rec.Code)
	}

	read := w.token(t, "chair", coproduce.ScopeRead)
	if res := w.api(t, read, http.MethodGet, path, nil); res.Code != http.StatusOK {
		t.Errorf("a read token reading: %d %s", res.Code, res.Body)
	}
	res = w.api(t, read, http.MethodPost, path, map[string]any{"title": "Fix the lifts"})
	if res.Code != http.StatusForbidden || !strings.Contains(res.Header.Get("WWW-Authenticate"), "insufficient_scope") {
		t.Errorf("a read token writing: %d %s", res.Code, res.Body)
	}
	if acts, _ := w.s.db.FindActions(context.Background(), w.larkhill.ID); len(acts) != 0 {
		t.Errorf("a read token's write was saved: %v", acts)
	}

	// Revoked, it stops at once.
	tokens, _ := w.s.db.FindAPITokens(context.Background(), w.users["chair"].ID)
	must(t, w.s.db.RevokeAPIToken(context.Background(), w.users["chair"].ID, tokens[0].ID))
	if res := w.api(t, read, http.MethodGet, path, nil); res.Code != http.StatusUnauthorized {
		t.Errorf("a revoked token: %d", res.Code)
	}
	// An address under /api/ that does not exist answers with problem
	// details too.
	rec = w.request("stranger", http.MethodGet, "/api/v1/nothing-here", nil)
	if rec.Code != http.StatusNotFound || rec.Header().Get("Content-Type") != "application/problem+json" {
		t.Errorf("unknown API address: %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
}

// TestAPIRouteByVisitor shows that the API holds to the route-by-visitor
// table: for each API route and the page it mirrors, every kind of
// visitor is let in by both or by neither, and refused alike (404); a
// visitor without a token gets 401 where the page asks them to sign in.
func TestAPIRouteByVisitor(t *testing.T) { onBothDatabases(t, testAPIRouteByVisitor) }

func testAPIRouteByVisitor(t *testing.T, w *world) {
	g := "/o/brookfield/g/larkhill"
	tokens := map[string]string{}
	for _, v := range visitors[1:] {
		tokens[v] = w.token(t, v, coproduce.ScopeReadWrite)
	}
	action := func(t *testing.T) *coproduce.Action {
		a := &coproduce.Action{GroupID: w.larkhill.ID, Title: "Chase the survey", OwnerMemberID: w.members["resident"].ID}
		must(t, w.s.db.CreateAction(context.Background(), 0, a))
		return a
	}
	tests := []struct {
		method    string
		page, api func(t *testing.T) (string, url.Values, any)
	}{
		{"GET", same(g + "/decisions"), nil},
		{"GET", same(g + "/meetings"), nil},
		{"GET", same(g + "/requests"), nil},
		{"GET", same(g + "/actions"), nil},
		{"POST", func(*testing.T) (string, url.Values, any) {
			return g + "/actions", url.Values{"title": {"Book the hall"}}, nil
		}, func(*testing.T) (string, url.Values, any) {
			return g + "/actions", nil, map[string]any{"title": "Book the hall"}
		}},
		{"POST", nil, nil}, // the status of an action: its owner and those who keep the log, below
		{"GET", same(g + "/members"), nil},
		{"GET", same(g + "/decisions"), func(*testing.T) (string, url.Values, any) { return g + "/decision-areas", nil, nil }},
		{"GET", same(g + "/outreach"), func(*testing.T) (string, url.Values, any) { return g + "/outreach/weeks", nil, nil }},
		{"GET", same(g + "/outreach"), func(*testing.T) (string, url.Values, any) { return g + "/outreach/mine", nil, nil }},
		{"GET", same(g + "/updates"), nil},
		{"GET", same(g + "/red-lines"), nil},
		{"GET", same(g + "/concerns"), nil},
		{"GET", same(g + "/health"), func(*testing.T) (string, url.Values, any) { return g + "/health/rounds", nil, nil }},
		{"GET", same(g + "/health/report"), nil},
		{"GET", same(g + "/project"), nil},
		{"GET", same(g + "/facilitators"), nil},
		{"GET", same(g + "/time-out"), nil},
		{"GET", same(g + "/training"), func(*testing.T) (string, url.Values, any) { return g + "/training/sessions", nil, nil }},
		{"GET", same(g + "/training"), func(*testing.T) (string, url.Values, any) { return g + "/training/reviews", nil, nil }},
		{"GET", same(g + "/feedback"), nil},
		{"GET", same(g + "/support"), nil},
		{"GET", same(g + "/reflections"), nil},
		{"GET", func(t *testing.T) (string, url.Values, any) {
			return g + "/meetings/" + idValue(w.meeting(t, coproduce.Public).ID), nil, nil
		}, nil},
		{"GET", func(t *testing.T) (string, url.Values, any) {
			return g + "/meetings/" + idValue(w.meeting(t, coproduce.GroupOnly).ID), nil, nil
		}, nil},
		{"GET", same(g + "/meetings/123456789"), nil},
		{"GET", same(g + "/terms"), nil},
		{"GET", same(g + "/stakeholders"), nil},
		{"GET", same(g + "/skills"), nil},
		{"GET", same(g + "/audit"), nil},
		{"POST", func(*testing.T) (string, url.Values, any) {
			return g + "/requests", url.Values{"question": {"What did the survey find?"}}, nil
		}, func(*testing.T) (string, url.Values, any) {
			return g + "/requests", nil, map[string]any{"question": "What did the survey find?"}
		}},
		{"POST", func(*testing.T) (string, url.Values, any) {
			return g + "/updates", url.Values{"kind": {"regular"}, "title": {"T"}, "body": {"B"}}, nil
		}, func(*testing.T) (string, url.Values, any) {
			return g + "/updates", nil, map[string]any{"kind": "regular", "title": "T", "body": "B"}
		}},
		{"POST", func(*testing.T) (string, url.Values, any) {
			return g + "/outreach", url.Values{"on": {"2026-11-23"}, "method": {"event"}, "people": {"30"}}, nil
		}, func(*testing.T) (string, url.Values, any) {
			return g + "/outreach", nil, map[string]any{"on": "2026-11-23", "method": "event", "people": 30}
		}},
		{"GET", same("/o/brookfield/g/canal-side/actions"), nil},
		{"GET", same("/o/northway/g/ashby-road/decisions"), nil},
		{"GET", same("/o/brookfield/g/no-such-group/decisions"), nil},
	}
	tests[5].page = func(t *testing.T) (string, url.Values, any) {
		return g + "/actions/" + idValue(action(t).ID) + "/status", url.Values{"status": {"done"}}, nil
	}
	tests[5].api = func(t *testing.T) (string, url.Values, any) {
		return g + "/actions/" + idValue(action(t).ID) + "/status", nil, map[string]any{"status": "done"}
	}
	allowed := func(code int) bool {
		return code == http.StatusOK || code == http.StatusCreated || code == http.StatusSeeOther || code == http.StatusUnprocessableEntity
	}
	for _, tt := range tests {
		if tt.api == nil {
			tt.api = tt.page
		}
		for _, v := range visitors {
			pagePath, form, _ := tt.page(t)
			apiPath, _, body := tt.api(t)
			apiPath = "/api/v1" + apiPath
			name := tt.method + " " + regexp.MustCompile(`\d{6,}`).ReplaceAllString(apiPath, "{id}") + " as " + v
			t.Run(name, func(t *testing.T) {
				page := w.request(v, tt.method, pagePath, form)
				res := w.api(t, tokens[v], tt.method, apiPath, body)
				switch {
				case v == "stranger":
					if res.Code != http.StatusUnauthorized {
						t.Fatalf("no token: %d, want 401", res.Code)
					}
				case allowed(page.Code) != allowed(res.Code):
					t.Fatalf("the page answers %d and the API %d", page.Code, res.Code)
				case !allowed(page.Code) && (page.Code != http.StatusNotFound || res.Code != http.StatusNotFound):
					t.Fatalf("refused with %d by the page and %d by the API, want 404 from both", page.Code, res.Code)
				}
			})
		}
	}
}

func same(path string) func(*testing.T) (string, url.Values, any) {
	return func(*testing.T) (string, url.Values, any) { return path, nil, nil }
}

func TestAPIRecords(t *testing.T) { onBothDatabases(t, testAPIRecords) }

func testAPIRecords(t *testing.T, w *world) {
	ctx := context.Background()
	g := "/api/v1/o/brookfield/g/larkhill"
	chair := w.token(t, "chair", coproduce.ScopeReadWrite)
	resident := w.token(t, "resident", coproduce.ScopeReadWrite)

	var groups struct{ Items []groupJSON }
	w.api(t, resident, http.MethodGet, "/api/v1/groups", nil).decode(t, &groups)
	if len(groups.Items) != 1 || groups.Items[0].Slug != "larkhill" || groups.Items[0].API != g || groups.Items[0].Constituency != "residents" {
		t.Errorf("groups: %+v", groups.Items)
	}

	// Writes are checked exactly as the form checks them.
	res := w.api(t, chair, http.MethodPost, g+"/actions", map[string]any{"title": "", "due": "next week", "colour": "red", "owner": []int{1}})
	var problem problemJSON
	res.decode(t, &problem)
	if res.Code != http.StatusUnprocessableEntity || len(problem.Errors) != 2 || problem.Errors[0].Field != "owner" || problem.Errors[1].Field != "colour" {
		t.Fatalf("fields of the wrong type or unknown: %d %s", res.Code, res.Body)
	}
	res = w.api(t, chair, http.MethodPost, g+"/actions", map[string]any{"title": "", "due": "next week"})
	res.decode(t, &problem)
	page := w.request("chair", http.MethodPost, "/o/brookfield/g/larkhill/actions", url.Values{"title": {""}, "due": {"next week"}})
	if res.Code != http.StatusUnprocessableEntity || page.Code != http.StatusUnprocessableEntity || len(problem.Errors) == 0 {
		t.Fatalf("bad input: API %d, page %d", res.Code, page.Code)
	}
	for _, e := range problem.Errors {
		if !strings.Contains(page.Body.String(), e.Detail) {
			t.Errorf("the API says %q of %s; the page does not", e.Detail, e.Field)
		}
	}
	if res := w.api(t, chair, http.MethodPost, g+"/actions", "not an object"); res.Code != http.StatusBadRequest {
		t.Errorf("a body that is not an object: %d", res.Code)
	}
	if res := w.api(t, chair, http.MethodPost, g+"/actions", map[string]any{"title": strings.Repeat("a", maxFormBytes)}); res.Code != http.StatusRequestEntityTooLarge ||
		!strings.Contains(res.Body, "64 KB") {
		t.Errorf("a body too large: %d %s", res.Code, res.Body)
	}

	// Three actions, added a day apart, one done.
	day := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	var ids []string
	for i := range 3 {
		w.s.db.Now = func() time.Time { return day.AddDate(0, 0, i) }
		res := w.api(t, chair, http.MethodPost, g+"/actions", map[string]any{
			"title": fmt.Sprintf("Action %d", i), "owner": idValue(w.members["resident"].ID), "due": "2026-12-01"})
		var a apiActionJSON
		res.decode(t, &a)
		if res.Code != http.StatusCreated || a.Title != fmt.Sprintf("Action %d", i) || *a.Due != "2026-12-01" || res.Header.Get("Location") != g+"/actions/"+a.ID {
			t.Fatalf("add: %d %s %v", res.Code, res.Body, res.Header)
		}
		ids = append(ids, a.ID)
	}
	w.s.db.Now = time.Now
	// The owner marks one done; a bad status is a field problem.
	res = w.api(t, resident, http.MethodPost, g+"/actions/"+ids[1]+"/status", map[string]any{"status": "finished"})
	res.decode(t, &problem)
	if res.Code != http.StatusUnprocessableEntity || len(problem.Errors) != 1 || problem.Errors[0].Field != "status" {
		t.Errorf("bad status: %d %s", res.Code, res.Body)
	}
	res = w.api(t, resident, http.MethodPost, g+"/actions/"+ids[1]+"/status", map[string]any{"status": "done"})
	var done apiActionJSON
	res.decode(t, &done)
	if res.Code != http.StatusOK || done.Status != "done" || done.ClosedAt == nil {
		t.Errorf("done: %d %s", res.Code, res.Body)
	}

	// Pages of two, filtered.
	var page1, page2 apiList[apiActionJSON]
	res = w.api(t, resident, http.MethodGet, g+"/actions?limit=2", nil)
	res.decode(t, &page1)
	if len(page1.Items) != 2 || page1.Items[0].ID != ids[0] || page1.Items[1].ID != ids[1] || page1.NextCursor == "" ||
		!strings.Contains(res.Header.Get("Link"), `rel="next"`) {
		t.Fatalf("first page: %s %v", res.Body, res.Header)
	}
	w.api(t, resident, http.MethodGet, g+"/actions?limit=2&cursor="+page1.NextCursor, nil).decode(t, &page2)
	if len(page2.Items) != 1 || page2.Items[0].ID != ids[2] || page2.NextCursor != "" {
		t.Errorf("second page: %+v", page2)
	}
	var filtered apiList[apiActionJSON]
	w.api(t, resident, http.MethodGet, g+"/actions?status=open&since=2026-10-02", nil).decode(t, &filtered)
	if len(filtered.Items) != 1 || filtered.Items[0].ID != ids[2] {
		t.Errorf("open since 2 October: %+v", filtered.Items)
	}
	w.api(t, resident, http.MethodGet, g+"/actions?until=2026-10-01", nil).decode(t, &filtered)
	if len(filtered.Items) != 1 || filtered.Items[0].ID != ids[0] {
		t.Errorf("until 1 October: %+v", filtered.Items)
	}
	res = w.api(t, resident, http.MethodGet, g+"/actions?limit=0&cursor=zzz&since=yesterday&status=late", nil)
	res.decode(t, &problem)
	var fields []string
	for _, e := range problem.Errors {
		fields = append(fields, e.Field)
	}
	if res.Code != http.StatusBadRequest || !slices.Equal(fields, []string{"limit", "cursor", "since", "status"}) {
		t.Errorf("bad query: %d %s", res.Code, res.Body)
	}

	// The other lists, with a record in each.
	m := w.meeting(t, coproduce.GroupOnly)
	must(t, w.s.db.SaveDecision(ctx, 0, &coproduce.Decision{GroupID: w.larkhill.ID, Title: "Keep the play area", Outcome: "Agreed.",
		Method: coproduce.Consensus, DecidedOn: m.StartsAt, MeetingID: m.ID}))
	must(t, w.s.db.CreateInfoRequest(ctx, 0, &coproduce.InfoRequest{GroupID: w.larkhill.ID, AskedBy: w.members["resident"].ID, Question: "What did the survey find?"}))
	for path, want := range map[string]string{
		"/decisions": "Keep the play area", "/meetings?status=upcoming": "Meeting group", "/requests?status=open": "What did the survey find?",
	} {
		res := w.api(t, resident, http.MethodGet, g+path, nil)
		if res.Code != http.StatusOK || !strings.Contains(res.Body, want) {
			t.Errorf("%s: %d %s", path, res.Code, res.Body)
		}
	}
	// Members: contact details only for those who may see them.
	var members apiList[memberJSON]
	w.api(t, chair, http.MethodGet, g+"/members?status=current", nil).decode(t, &members)
	if len(members.Items) != 3 || members.Items[0].Email == nil {
		t.Errorf("members as the chair: %+v", members.Items)
	}
	w.api(t, resident, http.MethodGet, g+"/members", nil).decode(t, &members)
	for _, m := range members.Items {
		if m.Email != nil {
			t.Errorf("a resident sees %s's email", m.Name)
		}
	}
	// Outreach: the group's weekly totals, and only one's own entries.
	must(t, w.s.db.CreateOutreach(ctx, 0, &coproduce.Outreach{GroupID: w.larkhill.ID, MemberID: w.members["officer"].ID, On: time.Date(2026, 11, 3, 12, 0, 0, 0, time.UTC),
		Method: "event", People: 40, Themes: "Officer's own"}))
	must(t, w.s.db.CreateOutreach(ctx, 0, &coproduce.Outreach{GroupID: w.larkhill.ID, MemberID: w.members["resident"].ID, On: time.Date(2026, 11, 4, 12, 0, 0, 0, time.UTC),
		Method: "door-knocking", People: 12, Themes: "Resident's own"}))
	var weeks apiList[outreachWeekJSON]
	w.api(t, resident, http.MethodGet, g+"/outreach/weeks", nil).decode(t, &weeks)
	if len(weeks.Items) != 1 || weeks.Items[0].WeekStarting != "2026-11-02" || weeks.Items[0].People != 52 {
		t.Errorf("outreach weeks: %+v", weeks.Items)
	}
	res = w.api(t, resident, http.MethodGet, g+"/outreach/mine", nil)
	if !strings.Contains(res.Body, "Resident's own") || strings.Contains(res.Body, "Officer's own") {
		t.Errorf("the resident's outreach: %s", res.Body)
	}
	// An anonymous concern names nobody.
	must(t, w.s.db.CreateConcern(ctx, 0, &coproduce.Concern{GroupID: w.larkhill.ID, Kind: "concern", Title: "Said anonymously", Details: "D"}))
	var concerns apiList[concernJSON]
	w.api(t, chair, http.MethodGet, g+"/concerns?status=open", nil).decode(t, &concerns)
	if len(concerns.Items) != 1 || concerns.Items[0].RaisedByMemberID != nil {
		t.Errorf("concerns: %+v", concerns.Items)
	}
	// The health check: rounds, and the report as data with small
	// figures hidden.
	w.closedRound(t, 2, 2, 4)
	var rounds apiList[healthRoundJSON]
	w.api(t, resident, http.MethodGet, g+"/health/rounds?status=closed", nil).decode(t, &rounds)
	if len(rounds.Items) != 1 || rounds.Items[0].Answers != 6 {
		t.Errorf("rounds: %+v", rounds.Items)
	}
	var report reportJSON
	w.api(t, resident, http.MethodGet, g+"/health/report", nil).decode(t, &report)
	if report.Round == nil || report.Round.Answers != 6 || len(report.Principles) != 10 {
		t.Errorf("report: %+v", report)
	}
	for path, want := range map[string]string{"/updates": `"items":[]`, "/red-lines": `"items":[]`, "/decision-areas": `"items":[]`} {
		if res := w.api(t, resident, http.MethodGet, g+path, nil); res.Code != http.StatusOK || !strings.Contains(res.Body, want) {
			t.Errorf("%s: %d %s", path, res.Code, res.Body)
		}
	}

	// Support needs: one's own, and everyone's for those who lead.
	must(t, w.s.db.CreateSupportNeed(ctx, 0, &coproduce.SupportNeed{GroupID: w.larkhill.ID, MemberID: w.members["resident"].ID, Kind: "childcare", Details: "Two children"}))
	must(t, w.s.db.CreateSupportNeed(ctx, 0, &coproduce.SupportNeed{GroupID: w.larkhill.ID, MemberID: w.members["officer"].ID, Kind: "access", Details: "Step-free"}))
	officerToken := w.token(t, "officer", coproduce.ScopeRead)
	for token, want := range map[string][]string{chair: {"Two children", "Step-free"}, resident: {"Two children"}, officerToken: {"Step-free"}} {
		var needs apiList[supportNeedJSON]
		w.api(t, token, http.MethodGet, g+"/support?status=unmet", nil).decode(t, &needs)
		var got []string
		for _, n := range needs.Items {
			got = append(got, n.Details)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("support needs seen: %q, want %q", got, want)
		}
	}
	// Training reviews: what was agreed only for the member and the chair.
	must(t, w.s.db.RecordTrainingReview(ctx, 0, w.members["chair"], &coproduce.TrainingReview{MemberID: w.members["officer"].ID, HeldOn: time.Now().AddDate(0, -1, 0), Agreed: "Chairing course"}))
	for token, sees := range map[string]bool{chair: true, officerToken: true, resident: false} {
		res := w.api(t, token, http.MethodGet, g+"/training/reviews", nil)
		if strings.Contains(res.Body, "Chairing course") != sees {
			t.Errorf("what was agreed at the officer's review, seen %v: %s", !sees, res.Body)
		}
	}
	// One of each of the rest, each response checked against its schema.
	chairM, officerM, residentM := w.members["chair"], w.members["officer"], w.members["resident"]
	must(t, w.s.db.CreateExternalFacilitator(ctx, 0, residentM, &coproduce.ExternalFacilitator{Name: "Ruth Bell", Offers: "mediation", Contact: "ruth@example.org"}))
	must(t, w.s.db.StartTimeOut(ctx, 0, officerM, &coproduce.TimeOut{From: time.Now().AddDate(0, 0, -1)}))
	must(t, w.s.db.CreateTrainingSession(ctx, 0, &coproduce.TrainingSession{GroupID: w.larkhill.ID, Topic: "Reading budgets", On: time.Now().AddDate(0, 0, -2),
		RecordedBy: chairM.ID, Attendees: []int64{chairM.ID, residentM.ID}}))
	f := &coproduce.Feedback{GroupID: w.larkhill.ID, Source: "public", Theme: "Repairs", Said: "Fix the lifts", Contact: "07700 900123"}
	must(t, w.s.db.CreateFeedback(ctx, 0, f))
	decisions, _ := w.s.db.FindDecisions(ctx, w.larkhill.ID, false)
	must(t, w.s.db.LinkFeedback(ctx, 0, w.larkhill.ID, &coproduce.FeedbackLink{FeedbackID: f.ID, DecisionID: decisions[0].ID, Said: "Lifts", Did: "Re-let"}))
	must(t, w.s.db.CreateReflection(ctx, 0, chairM, &coproduce.Reflection{Prompt: "power", Body: "Power is shifting."}))
	must(t, w.s.db.CreateMilestone(ctx, 0, &coproduce.Milestone{GroupID: w.larkhill.ID, Title: "Planning application", Due: time.Now().AddDate(0, 3, 0)}))
	must(t, w.s.db.CreateRisk(ctx, 0, &coproduce.Risk{GroupID: w.larkhill.ID, Kind: coproduce.KindRisk, Title: "Costs rise"}))
	for path, want := range map[string]string{"/project": `"title":"Costs rise"`, "/facilitators": "Ruth Bell", "/time-out": idValue(officerM.ID),
		"/training/sessions": "Reading budgets", "/feedback": "Re-let", "/reflections": "Power is shifting."} {
		if res := w.api(t, resident, http.MethodGet, g+path, nil); res.Code != http.StatusOK || !strings.Contains(res.Body, want) {
			t.Errorf("%s: %d %s", path, res.Code, res.Body)
		}
	}

	// One meeting, as each visitor's page shows it.
	pub := &coproduce.Meeting{GroupID: w.larkhill.ID, Title: "Open meeting", StartsAt: time.Now().AddDate(0, 0, -7), Minutes: 90, Venue: "Hall",
		OnlineLink: "https://meet.example.org/x", Visibility: coproduce.Public}
	must(t, w.s.db.CreateMeeting(ctx, 0, pub))
	must(t, w.s.db.ProposeItem(ctx, 0, residentM, pub.ID, &coproduce.AgendaItem{Title: "Play area"}))
	for _, p := range []*coproduce.Paper{
		{GroupID: w.larkhill.ID, MeetingID: pub.ID, Title: "Budget", FileName: "b.pdf", ContentType: "application/pdf", Audience: coproduce.Audience{Visibility: coproduce.Public}},
		{GroupID: w.larkhill.ID, MeetingID: pub.ID, Title: "Legal advice", FileName: "l.pdf", ContentType: "application/pdf",
			Audience: coproduce.Audience{Visibility: coproduce.Restricted, MemberIDs: []int64{chairM.ID}, Reason: "legal privilege"}},
	} {
		must(t, w.s.db.CreatePaper(ctx, 0, p, []byte("%PDF-1.4\n")))
	}
	must(t, w.s.db.RecordAttendance(ctx, 0, w.larkhill.ID, pub.ID, map[int64]coproduce.Attendance{residentM.ID: coproduce.Present}))
	must(t, w.s.db.SaveMinutes(ctx, 0, w.larkhill.ID, &coproduce.Minutes{MeetingID: pub.ID, Body: "Draft minutes.", Visibility: coproduce.Public}))
	stranger := w.token(t, "otherOrg", coproduce.ScopeRead)
	for token, want := range map[string]struct {
		papers, withheld, attendance int
		minutes, link                bool
	}{chair: {2, 0, 1, true, true}, resident: {1, 1, 1, true, true}, stranger: {1, 0, 0, false, false}} {
		var m meetingDetailJSON
		res := w.api(t, token, http.MethodGet, g+"/meetings/"+idValue(pub.ID), nil)
		res.decode(t, &m)
		if len(m.Papers) != want.papers || len(m.Withheld) != want.withheld || len(m.Attendance) != want.attendance ||
			(m.Minutes != nil) != want.minutes || (m.OnlineLink != "") != want.link || len(m.Agenda) == 0 {
			t.Errorf("meeting, want %+v: %s", want, res.Body)
		}
		if token != chair && strings.Contains(res.Body, "Legal advice") {
			t.Errorf("the restricted paper's title shows: %s", res.Body)
		}
		for _, p := range m.Papers {
			file := w.api(t, token, http.MethodGet, p.File, nil)
			if file.Code != http.StatusOK || file.Body != "%PDF-1.4\n" {
				t.Errorf("%s: %d", p.File, file.Code)
			}
		}
	}

	// The terms of reference, the stakeholder map, skills audits and the
	// record of changes.
	_, err := w.s.db.CreateToRDraft(ctx, 0, w.larkhill.ID, map[string]string{"vision": "Homes residents choose."})
	must(t, err)
	must(t, w.s.db.AddStakeholder(ctx, 0, &coproduce.Stakeholder{GroupID: w.larkhill.ID, Phase: 0, PhaseName: "Stage 0", Name: "Cabinet", Type: "council", Influence: 5, Affected: 2}))
	audit, err := w.s.db.OpenSkillsAudit(ctx, 0, chairM, coproduce.DefaultSkillTopics)
	must(t, err)
	for _, who := range []string{"resident", "officer", "chair"} {
		ratings := map[string]int{}
		for _, topic := range coproduce.DefaultSkillTopics {
			ratings[topic] = 2
		}
		must(t, w.s.db.SaveSkillsRatings(ctx, 0, w.members[who], audit.ID, ratings))
	}
	must(t, w.s.db.CloseSkillsAudit(ctx, 0, chairM, audit.ID))
	for path, want := range map[string]string{"/terms": "Homes residents choose.", "/stakeholders": "Cabinet", "/stakeholders?phase=0": "Cabinet",
		"/skills": `"hidden":true`, "/audit": `"action":"skills.closed"`} {
		if res := w.api(t, resident, http.MethodGet, g+path, nil); res.Code != http.StatusOK || !strings.Contains(res.Body, want) {
			t.Errorf("%s: %d %s", path, res.Code, res.Body)
		}
	}
	if res := w.api(t, resident, http.MethodGet, g+"/stakeholders?phase=99", nil); res.Code != http.StatusBadRequest {
		t.Errorf("a phase that does not exist: %d", res.Code)
	}
	if res := w.api(t, resident, http.MethodGet, g+"/audit", nil); strings.Contains(res.Body, `"seq":1`) {
		t.Error("a resident sees the record's sequence numbers, which the page shows only to those who lead")
	}

	// Writes beyond actions, each checked exactly as its page's form.
	for _, tc := range []struct {
		path string
		bad  map[string]any
		form url.Values
		good map[string]any
		want string
	}{
		{"/requests", map[string]any{"question": ""}, url.Values{"question": {""}}, map[string]any{"question": "Where is the survey?"}, `"question":"Where is the survey?"`},
		{"/updates", map[string]any{"kind": "organisation", "title": "", "body": ""}, url.Values{"kind": {"organisation"}, "title": {""}, "body": {""}},
			map[string]any{"kind": "regular", "title": "Hall booked", "body": "For the 12th."}, `"title":"Hall booked"`},
		{"/outreach", map[string]any{"on": "someday", "method": "event", "people": "lots"}, url.Values{"on": {"someday"}, "method": {"event"}, "people": {"lots"}},
			map[string]any{"on": "2026-11-20", "method": "door-knocking", "people": 25, "themes": "Bins"}, `"people":25`},
	} {
		res := w.api(t, resident, http.MethodPost, g+tc.path, tc.bad)
		var problem problemJSON
		res.decode(t, &problem)
		page := w.request("resident", http.MethodPost, "/o/brookfield/g/larkhill"+tc.path, tc.form)
		if res.Code != http.StatusUnprocessableEntity || page.Code != http.StatusUnprocessableEntity || len(problem.Errors) == 0 {
			t.Errorf("%s with problems: API %d, page %d: %s", tc.path, res.Code, page.Code, res.Body)
		}
		for _, e := range problem.Errors {
			if !strings.Contains(page.Body.String(), html.EscapeString(e.Detail)) {
				t.Errorf("%s: the API says %q of %s; the page does not", tc.path, e.Detail, e.Field)
			}
		}
		res = w.api(t, resident, http.MethodPost, g+tc.path, tc.good)
		if res.Code != http.StatusCreated || !strings.Contains(res.Body, tc.want) {
			t.Errorf("%s: %d %s", tc.path, res.Code, res.Body)
		}
	}

	var none apiList[meetingJSON]
	w.api(t, resident, http.MethodGet, g+"/meetings?status=cancelled", nil).decode(t, &none)
	if none.Items == nil || len(none.Items) != 0 {
		t.Errorf("no cancelled meetings: %+v", none)
	}
}

func routesSource(t *testing.T) string {
	b, err := os.ReadFile("routes.go")
	must(t, err)
	return string(b)
}

func TestAPITokensPage(t *testing.T) { onBothDatabases(t, testAPITokensPage) }

func testAPITokensPage(t *testing.T, w *world) {
	chair := w.client(t, "chair")
	res, body := chair.get("/account/tokens")
	wantStatus(t, res, body, http.StatusOK, "You have no tokens yet", `href="/api/v1/openapi.json"`)
	res, body = chair.post("/account/tokens", url.Values{"name": {strings.Repeat("x", 101)}, "scope": {"admin"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "100 characters or fewer", "Choose whether the token may only read", strings.Repeat("x", 101))
	res, body = chair.post("/account/tokens", url.Values{"name": {"Council dashboard"}, "scope": {"read"}})
	wantStatus(t, res, body, http.StatusCreated, "Your new token:", "Council dashboard", "Not used yet", "Read only")
	if res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("the page showing the token may be cached: %q", res.Header.Get("Cache-Control"))
	}
	secret := regexp.MustCompile(`<code>(cop_[A-Za-z0-9_-]+)</code>`).FindStringSubmatch(body)
	if secret == nil {
		t.Fatalf("no token on the page:\n%s", body)
	}
	if res := w.api(t, secret[1], http.MethodGet, "/api/v1/groups", nil); res.Code != http.StatusOK {
		t.Fatalf("the new token: %d", res.Code)
	}
	// Shown once: the list has its name and when it was used, not the token.
	res, body = chair.get("/account/tokens")
	wantStatus(t, res, body, http.StatusOK, "Council dashboard", "Last used")
	if strings.Contains(body, secret[1]) {
		t.Error("the token is shown again")
	}
	tokens, _ := w.s.db.FindAPITokens(context.Background(), w.users["chair"].ID)
	// Someone else cannot revoke it.
	if res, _ := w.client(t, "officer").post("/account/tokens/"+idValue(tokens[0].ID)+"/revoke", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("another person revoking: %d", res.StatusCode)
	}
	res, _ = chair.post("/account/tokens/"+idValue(tokens[0].ID)+"/revoke", nil)
	wantRedirect(t, res, "/account/tokens?done=revoked")
	res, body = chair.get("/account/tokens?done=revoked")
	wantStatus(t, res, body, http.StatusOK, "The token is revoked", "Revoked")
	if res := w.api(t, secret[1], http.MethodGet, "/api/v1/groups", nil); res.Code != http.StatusUnauthorized {
		t.Errorf("a revoked token: %d", res.Code)
	}
	// The download of personal data lists it, without the secret.
	res, body = chair.get("/account/data")
	wantStatus(t, res, body, http.StatusOK, `"api_tokens"`, "Council dashboard")
	if strings.Contains(body, secret[1]) {
		t.Error("the personal data download holds the token")
	}
}
