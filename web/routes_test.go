package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"coproduce"
	"coproduce/internal/pgtest"
	"coproduce/store"
)

// visitors are the kinds of person every route is checked against.
var visitors = []string{"stranger", "otherOrg", "otherGroup", "resident", "officer", "chair", "orgAdmin"}

// world is a small installation: organisation brookfield with groups
// larkhill and canal-side, and organisation northway with ashby-road, and a
// person of each kind of visitor.
type world struct {
	s        *Server
	h        http.Handler
	cookies  map[string]string // visitor → session token
	users    map[string]*coproduce.User
	members  map[string]*coproduce.Member // the visitor's membership of larkhill, if any
	larkhill *coproduce.Group
	canal    *coproduce.Member // a member of canal-side, the other group
}

func newWorld(t testing.TB) *world {
	t.Helper()
	return newWorldOn(t, "")
}

// newWorldOn is newWorld on the database at databaseURL ("" for SQLite).
func newWorldOn(t testing.TB, databaseURL string) *world {
	t.Helper()
	s, _ := newTestServerOn(t, databaseURL)
	ctx := context.Background()
	w := &world{s: s, h: s.Handler(), cookies: map[string]string{}, users: map[string]*coproduce.User{}, members: map[string]*coproduce.Member{}}
	brookfield := &coproduce.Organisation{Slug: "brookfield", Name: "Brookfield Council"}
	w.larkhill = &coproduce.Group{Slug: "larkhill", Name: "Larkhill Estate Steering Group"}
	canalSide := &coproduce.Group{Slug: "canal-side", Name: "Canal Side Steering Group"}
	northway := &coproduce.Organisation{Slug: "northway", Name: "Northway Homes"}
	ashby := &coproduce.Group{Slug: "ashby-road", Name: "Ashby Road Panel"}
	must(t, s.db.CreateOrganisationWithGroups(ctx, brookfield, []*coproduce.Group{w.larkhill, canalSide}))
	must(t, s.db.CreateOrganisationWithGroups(ctx, northway, []*coproduce.Group{ashby}))

	join := func(name string, g *coproduce.Group, role coproduce.Role, c coproduce.Constituency) *coproduce.Member {
		m := &coproduce.Member{GroupID: g.ID, UserID: w.users[name].ID, Role: role, Constituency: c}
		must(t, s.db.AddMember(ctx, 0, m))
		return m
	}
	for _, name := range visitors[1:] {
		u := &coproduce.User{Email: strings.ToLower(name) + "@example.org", Name: "Person " + name}
		must(t, s.db.CreateUser(ctx, u))
		w.users[name] = u
		token, err := s.db.CreateSession(ctx, u.ID, "test", store.DefaultSessionPolicy)
		must(t, err)
		w.cookies[name] = token
	}
	join("otherOrg", ashby, coproduce.Chair, coproduce.Independent)
	w.canal = join("otherGroup", canalSide, coproduce.Chair, coproduce.Independent)
	w.members["resident"] = join("resident", w.larkhill, coproduce.ResidentRepresentative, coproduce.Residents)
	w.members["officer"] = join("officer", w.larkhill, coproduce.OrganisationRep, coproduce.OrganisationSide)
	w.members["chair"] = join("chair", w.larkhill, coproduce.Chair, coproduce.Independent)
	must(t, s.db.AddOrganisationAdmin(ctx, 0, brookfield.ID, w.users["orgAdmin"].ID))
	return w
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// request sends one request as visitor.
func (w *world) request(visitor, method, path string, form url.Values) *httptest.ResponseRecorder {
	var req *http.Request
	if method == http.MethodPost {
		req = httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req = httptest.NewRequest(method, path, nil)
	}
	if token := w.cookies[visitor]; token != "" {
		req.AddCookie(&http.Cookie{Name: cookieName, Value: token})
	}
	// Each visitor comes from an address of their own, as people do.
	req.RemoteAddr = fmt.Sprintf("192.0.2.%d:1234", 1+slices.Index(visitors, visitor))
	rec := httptest.NewRecorder()
	w.h.ServeHTTP(rec, req)
	return rec
}

// extraMember adds a throwaway resident to larkhill, for routes that use
// a member up.
func (w *world) extraMember(t testing.TB) *coproduce.Member {
	ctx := context.Background()
	u := &coproduce.User{Email: fmt.Sprintf("extra%d@example.org", coproduce.NewID()), Name: "Extra Resident"}
	must(t, w.s.db.CreateUser(ctx, u))
	m := &coproduce.Member{GroupID: w.larkhill.ID, UserID: u.ID, Role: coproduce.Observer, Constituency: coproduce.Residents}
	must(t, w.s.db.AddMember(ctx, 0, m))
	return m
}

// extraInvitation adds a throwaway pending invitation to larkhill.
func (w *world) extraInvitation(t *testing.T) *coproduce.Invitation {
	inv := &coproduce.Invitation{GroupID: w.larkhill.ID, Email: fmt.Sprintf("inv%d@example.org", coproduce.NewID()),
		Role: coproduce.Observer, Constituency: coproduce.Residents, Reason: "test", InvitedBy: w.users["chair"].ID}
	must(t, w.s.db.CreateInvitation(context.Background(), inv, func(string) coproduce.Message { return coproduce.Message{Subject: "s", Text: "t"} }))
	return inv
}

// TestRouteByVisitor checks every group and organisation route against
// every kind of visitor. Someone allowed gets the page (200) or the result
// of the change (303 or 422); a signed-in person not allowed gets 404,
// exactly as for a group that does not exist; someone not signed in is
// asked to sign in, whether or not the group exists.
func TestRouteByVisitor(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testRouteByVisitor(t, newWorld(t)) })
	t.Run("postgres", func(t *testing.T) { testRouteByVisitor(t, newWorldOn(t, pgtest.URL(t))) })
}

func testRouteByVisitor(t *testing.T, w *world) {
	g := "/o/brookfield/g/larkhill"
	seeGroup := []string{"resident", "officer", "chair", "orgAdmin"}
	members := []string{"resident", "officer", "chair"}
	leads := []string{"chair", "orgAdmin"} // manage members and the group's details
	meetingLeads := []string{"chair"}      // the group's own records: members only
	recorders := []string{"officer", "chair"}
	everyone := visitors
	signedIn := visitors[1:]
	tests := []struct {
		method  string
		path    func(t *testing.T) string
		form    url.Values
		allowed []string
		public  bool // no sign-in needed
	}{
		{"GET", fixed("/o/brookfield"), nil, everyone, true},
		{"GET", fixed(g), nil, everyone, true},
		{"GET", fixed(g + "/open-data.json"), nil, everyone, true},
		{"GET", fixed(g + "/open-data/decisions.csv"), nil, everyone, true},
		{"GET", fixed(g + "/open-data/support.csv"), nil, nil, true},
		{"GET", fixed(g + "/members"), nil, seeGroup, false},
		{"GET", func(*testing.T) string { return g + "/members/" + idValue(w.members["resident"].ID) }, nil, seeGroup, false},
		{"GET", func(*testing.T) string { return g + "/members/" + idValue(w.canal.ID) }, nil, nil, false}, // a member of another group
		{"GET", fixed(g + "/precepts"), nil, seeGroup, false},
		{"POST", fixed(g + "/precepts"), nil, members, false},
		{"GET", fixed(g + "/audit"), nil, seeGroup, false},
		{"GET", fixed(g + "/audit?verify=1"), nil, seeGroup, false},
		{"GET", fixed(g + "/edit"), nil, leads, false},
		{"POST", fixed(g + "/edit"), url.Values{"name": {"Larkhill Estate Steering Group"}, "area": {"Larkhill"}}, leads, false},
		{"GET", fixed(g + "/invite"), nil, leads, false},
		{"POST", fixed(g + "/invite"), url.Values{"email": {"new@example.org"}}, leads, false}, // 422: no role or reason
		{"POST", func(t *testing.T) string { return g + "/invitations/" + idValue(w.extraInvitation(t).ID) + "/revoke" }, nil, leads, false},
		{"POST", func(t *testing.T) string { return g + "/members/" + idValue(w.extraMember(t).ID) }, url.Values{"role": {"observer"}, "constituency": {"residents"}}, leads, false},
		{"POST", func(t *testing.T) string { return g + "/members/" + idValue(w.extraMember(t).ID) + "/leave" }, url.Values{"reason": {"moved away"}}, leads, false},
		{"POST", fixed("/o/brookfield/groups"), url.Values{"name": {"New"}, "slug": {"new"}}, []string{"orgAdmin"}, false},
		{"POST", fixed("/o/brookfield/admins"), url.Values{"email": {"resident@example.org"}}, nil, false}, // site administrators only
		{"POST", fixed("/organisations"), url.Values{"name": {"X"}, "slug": {"x"}}, nil, false},
		{"GET", fixed("/"), nil, everyone, true},
		{"GET", fixed("/framework/principles/3"), nil, everyone, true},
		{"GET", fixed("/organisations"), nil, everyone, true},
		{"GET", fixed("/account"), nil, signedIn, false},
		{"GET", fixed("/account/password"), nil, signedIn, false},
		{"GET", fixed("/account/email"), nil, signedIn, false},
		{"GET", fixed("/account/name"), nil, signedIn, false},
		{"GET", fixed("/account/data"), nil, signedIn, false},
		{"GET", fixed("/account/erase"), nil, signedIn, false},
		{"GET", fixed("/account/tokens"), nil, signedIn, false},
		{"GET", fixed("/account/notifications"), nil, signedIn, false},
		{"POST", fixed("/account/notifications"), url.Values{"meeting-tomorrow": {"now"}}, signedIn, false}, // 422: the other kinds missing
		{"GET", fixed("/unsubscribe/not-a-token"), nil, nil, true},
		{"POST", fixed("/unsubscribe/not-a-token"), nil, nil, true},
		{"POST", fixed("/account/tokens"), url.Values{"name": {""}, "scope": {"read"}}, signedIn, false},                                                 // 422: no name
		{"POST", func(t *testing.T) string { return "/account/tokens/" + idValue(w.apiTokenOf(t, "chair")) + "/revoke" }, nil, []string{"chair"}, false}, // only its owner
		{"POST", func(t *testing.T) string { return "/account/sessions/" + w.sessionHash(t, "chair") + "/end" }, nil, []string{"chair"}, false},          // only its owner can end a session
		{"GET", fixed(g + "/project"), nil, members, false},
		{"GET", fixed(g + "/project/stages"), nil, members, false},
		{"POST", fixed(g + "/project/stage"), url.Values{"stage": {"2"}}, recorders, false},
		{"POST", fixed(g + "/project/milestones"), url.Values{"title": {"M"}, "due": {"2027-01-01"}}, recorders, false},
		{"POST", fixed(g + "/project/risks"), url.Values{"kind": {"risk"}, "title": {"R"}}, recorders, false},
		{"GET", fixed(g + "/meetings"), nil, members, false},
		{"GET", fixed(g + "/meetings/new"), nil, meetingLeads, false},
		{"POST", fixed(g + "/meetings/new"), url.Values{"title": {"M"}}, meetingLeads, false}, // 422: incomplete
		{"GET", func(t *testing.T) string { return g + "/meetings/" + idValue(w.meeting(t, coproduce.Public).ID) }, nil, everyone, true},
		{"GET", func(t *testing.T) string { return g + "/meetings/" + idValue(w.meeting(t, coproduce.GroupOnly).ID) }, nil, members, false},
		{"GET", fixed(g + "/meetings/123456789"), nil, nil, false},
		{"GET", func(t *testing.T) string {
			return g + "/meetings/" + idValue(w.meeting(t, coproduce.GroupOnly).ID) + "/edit"
		}, nil, meetingLeads, false},
		{"POST", func(t *testing.T) string {
			return g + "/meetings/" + idValue(w.meeting(t, coproduce.GroupOnly).ID) + "/items"
		}, url.Values{"title": {"An item"}}, members, false},
		{"POST", func(t *testing.T) string {
			return g + "/meetings/" + idValue(w.meeting(t, coproduce.GroupOnly).ID) + "/attendance"
		}, url.Values{"attendance-" + idValue(w.members["chair"].ID): {"present"}}, meetingLeads, false},
		{"POST", func(t *testing.T) string {
			return g + "/meetings/" + idValue(w.meeting(t, coproduce.GroupOnly).ID) + "/minutes"
		}, url.Values{"body": {"Minutes"}, "visibility": {"group"}}, meetingLeads, false},
		{"POST", func(t *testing.T) string {
			return g + "/meetings/" + idValue(w.meeting(t, coproduce.GroupOnly).ID) + "/minutes/circulate"
		}, nil, meetingLeads, false}, // 422: none written
		{"POST", func(t *testing.T) string {
			return g + "/meetings/" + idValue(w.meeting(t, coproduce.GroupOnly).ID) + "/minutes/corrections"
		}, url.Values{"correction": {"x"}}, members, false}, // 422: none circulated
		{"GET", fixed(g + "/decisions"), nil, members, false},
		{"GET", fixed(g + "/decisions/new"), nil, recorders, false},
		{"POST", fixed(g + "/decisions/new"), url.Values{"title": {"D"}}, recorders, false}, // 422: incomplete
		{"GET", func(t *testing.T) string { return g + "/decisions/" + idValue(w.decision(t, true).ID) }, nil, everyone, true},
		{"GET", func(t *testing.T) string { return g + "/decisions/" + idValue(w.decision(t, false).ID) }, nil, members, false},
		{"GET", func(t *testing.T) string { return g + "/decisions/" + idValue(w.decision(t, false).ID) + "/edit" }, nil, recorders, false},
		{"POST", fixed(g + "/decision-areas"), url.Values{"name": {"Design"}, "rung": {"6"}}, meetingLeads, false},
		{"GET", fixed(g + "/actions"), nil, members, false},
		{"POST", fixed(g + "/actions"), url.Values{"title": {"Do it"}}, recorders, false},
		{"GET", fixed(g + "/meetings.ics"), nil, everyone, true},
		{"POST", fixed(g + "/listing"), url.Values{"listed": {"yes"}}, members, false},
		{"GET", fixed("/account/calendar"), nil, signedIn, false},
		{"POST", fixed("/account/calendar/revoke"), nil, signedIn, false},
		{"GET", fixed("/calendar/not-a-real-feed.ics"), nil, nil, true},
		{"GET", func(t *testing.T) string { return g + "/papers/" + idValue(w.paper(t, coproduce.Public).ID) + "/file" }, nil, everyone, true},
		{"GET", func(t *testing.T) string {
			return g + "/papers/" + idValue(w.paper(t, coproduce.GroupOnly).ID) + "/file"
		}, nil, members, true},
		{"POST", func(t *testing.T) string {
			return g + "/papers/" + idValue(w.paper(t, coproduce.GroupOnly).ID) + "/circulate"
		}, nil, leads[:1], false}, // the chair; the uploader is the system
		{"POST", func(t *testing.T) string {
			return g + "/meetings/" + idValue(w.meeting(t, coproduce.GroupOnly).ID) + "/papers"
		}, url.Values{"title": {"T"}}, members, false}, // 422: no file
		{"GET", fixed(g + "/red-lines"), nil, members, false},
		{"POST", fixed(g + "/red-lines"), url.Values{"title": {"R"}}, recorders, false}, // 422: incomplete
		{"GET", func(t *testing.T) string {
			return g + "/meetings/" + idValue(w.meeting(t, coproduce.Public).ID) + "/pack"
		}, nil, everyone, true},
		{"GET", func(t *testing.T) string {
			return g + "/meetings/" + idValue(w.meeting(t, coproduce.GroupOnly).ID) + "/pack"
		}, nil, members, false},
		{"GET", fixed(g + "/terms"), nil, members, false},
		{"POST", fixed(g + "/terms"), nil, meetingLeads, false}, // the first starts a draft; later ones say one is open
		{"GET", fixed(g + "/terms/1"), nil, members, false},
		{"GET", fixed(g + "/terms/compare?a=1&b=1"), nil, members, false},
		{"POST", func(t *testing.T) string {
			return g + "/meetings/" + idValue(w.meeting(t, coproduce.GroupOnly).ID) + "/cancel"
		}, nil, meetingLeads, false},
		{"GET", fixed(g + "/requests"), nil, members, false},
		{"POST", fixed(g + "/requests"), url.Values{"question": {"What did the survey find?"}}, members, false},
		{"GET", fixed(g + "/outreach"), nil, members, false},
		{"GET", fixed(g + "/support"), nil, members, false},
		{"GET", fixed(g + "/facilitators"), nil, members, false},
		{"GET", fixed(g + "/concerns"), nil, members, false},
		{"GET", fixed(g + "/updates"), nil, members, false},
		{"GET", fixed(g + "/training"), nil, members, false},
		{"GET", fixed(g + "/health"), nil, members, false},
		{"GET", fixed("/o/brookfield/health"), nil, []string{"orgAdmin"}, false},
		{"GET", fixed("/o/no-such-org/health"), nil, nil, false},
		{"GET", fixed(g + "/health/report"), nil, members, false},
		{"GET", fixed(g + "/health/report.json"), nil, members, false},
		{"GET", fixed(g + "/health/report.csv"), nil, members, false},
		{"GET", fixed(g + "/health/report.xlsx"), nil, members, false},
		{"GET", fixed(g + "/health/report.pdf"), nil, members, false},
		{"GET", fixed(g + "/health/thresholds"), nil, members, false},
		{"POST", fixed(g + "/health/thresholds"), url.Values{"papers-on-time": {"80"}}, meetingLeads, false},
		{"GET", fixed(g + "/health/report/1/adopt"), nil, meetingLeads, false},
		{"POST", fixed(g + "/health/report/1/adopt"), url.Values{"suggestion": {"q0"}}, meetingLeads, false}, // 422: no owner
		{"POST", fixed(g + "/health"), url.Values{"title": {""}}, meetingLeads, false},                       // 422
		{"GET", func(t *testing.T) string { return g + "/health/" + idValue(w.healthRound(t).ID) }, nil, members, false},
		{"POST", func(t *testing.T) string { return g + "/health/" + idValue(w.healthRound(t).ID) + "/answer" }, url.Values{"now-0": {"4"}}, members, false}, // 422
		{"POST", fixed(g + "/health/123456789/close"), nil, nil, false},
		{"GET", fixed(g + "/health/123456789"), nil, nil, false},
		{"GET", fixed(g + "/reflections"), nil, members, false},
		{"GET", fixed(g + "/export"), nil, members, false},
		{"GET", fixed(g + "/export/decisions.csv"), nil, members, false},
		{"GET", fixed(g + "/export/my-outreach.xlsx"), nil, members, false},
		{"GET", fixed(g + "/export/no-such-table.csv"), nil, nil, false},
		{"POST", fixed(g + "/reflections"), url.Values{"prompt": {"together"}, "body": {"Both sides at the table."}}, members, false},
		{"GET", fixed(g + "/stakeholders?phase=1&compare=0"), nil, members, false},
		{"POST", fixed(g + "/stakeholders"), url.Values{"phase": {"1"}, "name": {"Cabinet"}, "type": {"council"}, "influence": {"5"}, "affected": {"2"}}, members, false},
		{"POST", fixed(g + "/stakeholders/copy"), url.Values{"phase": {"2"}, "from": {"1"}}, members, false},
		{"POST", fixed(g + "/stakeholders/123456789/remove"), url.Values{"phase": {"1"}}, nil, false},
		{"POST", fixed(g + "/feedback/public"), url.Values{"said": {"Fix the lifts."}}, everyone, true},
		{"GET", fixed(g + "/feedback"), nil, members, false},
		{"POST", fixed(g + "/feedback"), url.Values{"source": {"member"}, "said": {"Heard at the bus stop."}}, members, false},
		{"GET", func(t *testing.T) string { return g + "/feedback/" + idValue(w.feedback(t).ID) }, nil, members, false},
		{"POST", func(t *testing.T) string { return g + "/feedback/" + idValue(w.feedback(t).ID) }, url.Values{"status": {"considering"}}, members, false},
		{"POST", func(t *testing.T) string { return g + "/feedback/" + idValue(w.feedback(t).ID) + "/links" }, url.Values{"did": {"x"}}, members, false}, // 422
		{"GET", fixed(g + "/feedback/123456789"), nil, nil, false},
		{"GET", fixed(g + "/skills"), nil, members, false},
		{"POST", fixed(g + "/skills"), url.Values{"topics": {""}}, meetingLeads, false}, // 422: no topics
		{"POST", fixed(g + "/skills/123456789/ratings"), url.Values{"topic-0": {"1"}}, nil, false},
		{"POST", fixed(g + "/skills/123456789/close"), nil, nil, false},
		{"POST", fixed(g + "/training/sessions"), url.Values{"topic": {"Induction"}, "on": {"2026-11-02"}}, members, false}, // 422: nobody attended
		{"POST", fixed(g + "/training/reviews"), url.Values{
			"review_member": {idValue(w.members["resident"].ID)}, "held_on": {"2026-11-02"}, "agreed": {"A course."}}, []string{"resident", "chair"}, false},
		{"GET", fixed(g + "/time-out"), nil, members, false},
		{"POST", fixed(g + "/time-out"), url.Values{"from": {"2027-03-01"}, "until": {"2027-04-01"}}, members, false},
		{"POST", fixed(g + "/time-out/123456789/end"), nil, nil, false},
		{"POST", fixed(g + "/updates"), url.Values{"kind": {"regular"}, "title": {"T"}, "body": {"B"}}, members, false},
		{"POST", fixed(g + "/concerns"), url.Values{"kind": {"concern"}, "title": {"T"}, "details": {"D"}, "anonymous": {"yes"}}, members, false},
		{"GET", func(t *testing.T) string { return g + "/concerns/" + idValue(w.concern(t).ID) }, nil, members, false},
		{"GET", fixed(g + "/concerns/123456789"), nil, nil, false},
		{"POST", func(t *testing.T) string { return g + "/concerns/" + idValue(w.concern(t).ID) + "/move" }, url.Values{"status": {"mediation"}}, meetingLeads, false},
		{"POST", fixed(g + "/facilitators"), url.Values{"name": {"Ruth Bell"}, "offers": {"both"}}, members, false},
		{"POST", fixed(g + "/support"), url.Values{"kind": {"childcare"}}, members, false},
		{"POST", fixed(g + "/outreach"), url.Values{"on": {"2026-11-23"}, "method": {"event"}, "people": {"30"}, "themes": {"Play area"}}, members, false},
		{"GET", fixed("/framework/tools"), nil, everyone, true},
		{"GET", fixed("/framework/tools/vision-statement"), nil, everyone, true},
		{"GET", fixed("/framework/tools/vision-statement.md"), nil, everyone, true},
		{"GET", fixed("/framework/tools/no-such-tool"), nil, nil, true},
		{"GET", fixed(g + "/documents"), nil, members, false},
		{"GET", fixed(g + "/templates/vision-statement"), nil, members, false},
		{"GET", fixed(g + "/templates/theory-of-change"), nil, nil, false},                                                       // a guide, not a template
		{"POST", fixed(g + "/documents"), url.Values{"template": {"vision-statement"}, "title": {"Our vision"}}, members, false}, // 422: no text
		{"GET", func(t *testing.T) string { return g + "/documents/" + idValue(w.document(t, coproduce.Public).ID) }, nil, everyone, true},
		{"GET", func(t *testing.T) string { return g + "/documents/" + idValue(w.document(t, coproduce.GroupOnly).ID) }, nil, members, false},
		{"GET", func(t *testing.T) string {
			return g + "/documents/" + idValue(w.document(t, coproduce.Public).ID) + "/download"
		}, nil, everyone, true},
		{"GET", func(t *testing.T) string {
			return g + "/documents/" + idValue(w.document(t, coproduce.GroupOnly).ID) + "/download"
		}, nil, members, false},
		{"GET", func(t *testing.T) string {
			return g + "/documents/" + idValue(w.document(t, coproduce.GroupOnly).ID) + "?version=2"
		}, nil, nil, false},
		{"GET", func(t *testing.T) string {
			return g + "/documents/" + idValue(w.document(t, coproduce.Public).ID) + "/edit"
		}, nil, members, false},
		{"POST", func(t *testing.T) string {
			return g + "/documents/" + idValue(w.document(t, coproduce.GroupOnly).ID) + "/edit"
		}, url.Values{"title": {"T"}, "base": {"1"}}, members, false}, // 422: no text
		{"GET", fixed(g + "/documents/123456789"), nil, nil, false},
		{"GET", fixed(g + "/theory-of-change"), nil, members, false}, // not started: members see how to start it
		{"GET", fixed(g + "/theory-of-change/edit"), nil, members, false},
		{"POST", fixed(g + "/theory-of-change/edit"), url.Values{"problem": {""}}, members, false}, // 422: nothing written
		{"GET", fixed(g + "/three-horizons"), nil, members, false},
		{"GET", fixed(g + "/three-horizons/edit"), nil, members, false},
		{"POST", fixed(g + "/three-horizons/edit"), url.Values{"first": {""}}, members, false}, // 422: nothing written
		{"GET", fixed("/o/brookfield/governance"), nil, []string{"resident", "officer", "chair", "orgAdmin", "otherGroup"}, false},
		{"GET", fixed("/o/northway/governance"), nil, []string{"otherOrg"}, false},
		{"POST", fixed("/o/brookfield/governance"), url.Values{"name": {""}}, []string{"orgAdmin"}, false},                                                               // 422
		{"POST", func(t *testing.T) string { return "/o/brookfield/governance/" + idValue(w.body(t).ID) }, url.Values{"name": {"Cabinet"}}, []string{"orgAdmin"}, false}, // 422
		{"POST", func(t *testing.T) string { return "/o/brookfield/governance/" + idValue(w.body(t).ID) + "/remove" }, nil, []string{"orgAdmin"}, false},
		{"POST", fixed("/o/brookfield/governance/123456789"), url.Values{"name": {"Cabinet"}}, nil, false},
		{"GET", fixed(g + "/accountability"), nil, members, false},
		{"GET", func(t *testing.T) string {
			return g + "/decisions/" + idValue(w.decision(t, false).ID) + "/accountability"
		}, nil, recorders, false},
		{"POST", func(t *testing.T) string {
			return g + "/decisions/" + idValue(w.decision(t, false).ID) + "/accountability"
		}, url.Values{"statement": {""}}, recorders, false}, // 422
		{"GET", func(t *testing.T) string { return g + "/accountability/" + idValue(w.check(t).ID) }, nil, members, false},
		{"POST", func(t *testing.T) string { return g + "/accountability/" + idValue(w.check(t).ID) + "/response" }, url.Values{"outcome": {""}}, recorders, false}, // 422
		{"GET", fixed(g + "/accountability/123456789"), nil, nil, false},
		{"GET", fixed(g + "/decisions/123456789/accountability"), nil, nil, false},
		{"GET", fixed("/o/brookfield/g/no-such-group/members"), nil, nil, false},
		{"GET", fixed("/o/no-such-org"), nil, nil, true},
	}
	for _, tt := range tests {
		for _, v := range visitors {
			path := tt.path(t)
			name := tt.method + " " + regexp.MustCompile(`\d{6,}`).ReplaceAllString(path, "{id}") + " as " + v
			t.Run(name, func(t *testing.T) {
				rec := w.request(v, tt.method, path, tt.form)
				allowed := contains(tt.allowed, v)
				switch {
				case allowed && rec.Code != http.StatusOK && rec.Code != http.StatusSeeOther && rec.Code != http.StatusUnprocessableEntity:
					t.Fatalf("allowed, but got %d", rec.Code)
				case allowed && rec.Code == http.StatusSeeOther && strings.HasPrefix(rec.Header().Get("Location"), "/sign-in"):
					t.Fatalf("allowed, but sent to sign in")
				case !allowed && v == "stranger" && !tt.public:
					if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/sign-in?next=") {
						t.Fatalf("not signed in: got %d to %q, want to be asked to sign in", rec.Code, rec.Header().Get("Location"))
					}
				case !allowed && rec.Code != http.StatusNotFound:
					t.Fatalf("not allowed, but got %d", rec.Code)
				}
			})
		}
	}
}

// sessionHash returns the stored hash of a fresh session of visitor's, and
// makes it the one the visitor's requests use, so ending it as its owner
// ends the session the request came with.
func (w *world) sessionHash(t *testing.T, visitor string) string {
	token, err := w.s.db.CreateSession(context.Background(), w.users[visitor].ID, "test", store.DefaultSessionPolicy)
	must(t, err)
	w.cookies[visitor] = token
	return coproduce.HashToken(token)
}

// meeting adds a meeting to larkhill with the given visibility.
func (w *world) meeting(t *testing.T, vis coproduce.Visibility) *coproduce.Meeting {
	m := &coproduce.Meeting{GroupID: w.larkhill.ID, Title: "Meeting " + string(vis), StartsAt: time.Date(2027, 1, 12, 18, 0, 0, 0, time.UTC),
		Minutes: 90, Venue: "Community centre", Visibility: vis}
	must(t, w.s.db.CreateMeeting(context.Background(), 0, m))
	return m
}

// healthRound returns larkhill's open round, opening one if need be.
func (w *world) healthRound(t *testing.T) *coproduce.HealthRound {
	ctx := context.Background()
	rounds, err := w.s.db.FindHealthRounds(ctx, w.larkhill.ID)
	must(t, err)
	for _, r := range rounds {
		if !r.Closed(w.s.db.Now()) {
			return r
		}
	}
	r := &coproduce.HealthRound{Title: "Round", OpensOn: time.Now().AddDate(0, 0, -1), ClosesOn: time.Now().AddDate(0, 0, 13), MinCell: 5,
		Statements: []string{"vision-shared-purpose"}}
	must(t, w.s.db.OpenHealthRound(ctx, 0, w.members["chair"], r))
	return r
}

// feedback adds feedback from the public page to larkhill.
func (w *world) feedback(t *testing.T) *coproduce.Feedback {
	f := &coproduce.Feedback{GroupID: w.larkhill.ID, Source: "public", Said: "Fix the lifts.", Contact: "07700 900123"}
	must(t, w.s.db.CreateFeedback(context.Background(), 0, f))
	return f
}

// concern adds an anonymous concern to larkhill.
func (w *world) concern(t *testing.T) *coproduce.Concern {
	c := &coproduce.Concern{GroupID: w.larkhill.ID, Kind: "concern", Title: "A concern", Details: "Details."}
	must(t, w.s.db.CreateConcern(context.Background(), 0, c))
	return c
}

// decision adds a decision made outside larkhill, explained, published or
// not.
func (w *world) decision(t *testing.T, published bool) *coproduce.Decision {
	d := &coproduce.Decision{GroupID: w.larkhill.ID, Title: "Decision", Outcome: "Decided.", Method: coproduce.Delegated,
		DecidedOn: time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC), Outside: true, Explanation: "Explained.", ExplainedOn: time.Date(2026, 11, 3, 12, 0, 0, 0, time.UTC), Published: published}
	must(t, w.s.db.SaveDecision(context.Background(), 0, d))
	return d
}

// paper adds a paper with the given visibility to a new larkhill meeting.
func (w *world) paper(t *testing.T, vis coproduce.Visibility) *coproduce.Paper {
	m := w.meeting(t, coproduce.Public)
	p := &coproduce.Paper{GroupID: w.larkhill.ID, MeetingID: m.ID, Title: "Paper", FileName: "p.pdf", ContentType: "application/pdf",
		Audience: coproduce.Audience{Visibility: vis}}
	must(t, w.s.db.CreatePaper(context.Background(), 0, p, []byte("%PDF-1.4\n")))
	return p
}

// document starts a document in larkhill from the vision template, with
// the given visibility.
func (w *world) document(t *testing.T, vis coproduce.Visibility) *coproduce.Document {
	d := &coproduce.Document{Kind: coproduce.TemplateDoc, Template: "vision-statement", Title: "Our vision", Visibility: vis}
	must(t, w.s.db.SaveDocument(context.Background(), 0, w.members["chair"], d, &coproduce.DocumentVersion{Body: "A good place to live."}, 0))
	return d
}

// body adds a body to brookfield's governance map.
func (w *world) body(t *testing.T) *coproduce.GovernanceBody {
	b := &coproduce.GovernanceBody{OrganisationID: w.larkhill.OrganisationID, Name: "Cabinet", Kind: "cabinet", Reach: coproduce.ReachPartly}
	must(t, w.s.db.SaveGovernanceBody(context.Background(), 0, b))
	return b
}

// check sends a new larkhill decision to a new body with an
// accountability check.
func (w *world) check(t *testing.T) *coproduce.AccountabilityCheck {
	c := &coproduce.AccountabilityCheck{DecisionID: w.decision(t, false).ID, BodyID: w.body(t).ID, Coproduced: coproduce.ReachNo,
		Rung: coproduce.Informing, Statement: "Decided by cabinet.", SentOn: time.Date(2026, 11, 4, 12, 0, 0, 0, time.UTC)}
	must(t, w.s.db.CreateAccountabilityCheck(context.Background(), 0, w.members["officer"], c))
	return c
}

func fixed(path string) func(*testing.T) string { return func(*testing.T) string { return path } }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestForbiddenLooksMissing checks that a group a visitor may not see
// answers byte for byte as a group that does not exist, and that its
// public page names none of its members.
func TestForbiddenLooksMissing(t *testing.T) {
	w := newWorld(t)
	ids := regexp.MustCompile(`[0-9a-f]{16}`)
	for _, v := range []string{"otherOrg", "otherGroup"} {
		for _, sub := range []string{"/members", "/audit", "/precepts", "/edit", "/members/" + idValue(w.members["resident"].ID)} {
			real := w.request(v, "GET", "/o/brookfield/g/larkhill"+sub, nil)
			missing := w.request(v, "GET", "/o/brookfield/g/no-such-group"+sub, nil)
			if real.Code != http.StatusNotFound || ids.ReplaceAllString(real.Body.String(), "") != ids.ReplaceAllString(missing.Body.String(), "") {
				t.Errorf("%s %s: the forbidden page differs from a missing one", v, sub)
			}
		}
	}
	for _, v := range []string{"stranger", "otherOrg", "otherGroup"} {
		body := w.request(v, "GET", "/o/brookfield/g/larkhill", nil).Body.String()
		for _, who := range []string{"resident", "officer", "chair"} {
			if strings.Contains(body, w.users[who].Name) {
				t.Errorf("%s sees %s's name on the public group page", v, who)
			}
		}
	}
}

// apiTokenOf makes a token for visitor and returns its id.
func (w *world) apiTokenOf(t *testing.T, visitor string) int64 {
	_, tok, err := w.s.db.CreateAPIToken(context.Background(), w.users[visitor].ID, "Dashboard", coproduce.ScopeRead)
	must(t, err)
	return tok.ID
}
