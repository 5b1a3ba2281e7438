package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"coproduce"
	"coproduce/store"
)

// signedIn returns a client with the world's session for visitor.
func (w *world) client(t *testing.T, visitor string) *client {
	ts := startServer(t, w.s)
	c := newClient(t, ts)
	if token := w.cookies[visitor]; token != "" {
		u, _ := url.Parse(ts.URL)
		c.http.Jar.SetCookies(u, []*http.Cookie{{Name: cookieName, Value: token, Path: "/"}})
	}
	return c
}

func TestInviteAndJoinWithANewAccount(t *testing.T) {
	w := newWorld(t)
	chair := w.client(t, "chair")
	g := "/o/brookfield/g/larkhill"

	res, body := chair.post(g+"/invite", url.Values{"email": {"Newcomer@Example.org"}, "constituency": {"organisation"}, "role": {"resident-rep"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "There is a problem", "must be in the residents", "Say why this person is joining", `value="Newcomer@Example.org"`)
	res, _ = chair.post(g+"/invite", url.Values{"email": {"Newcomer@Example.org"}, "constituency": {"residents"}, "role": {"resident-rep"}, "reason": {"Elected at the residents' meeting"}})
	wantRedirect(t, res, g+"/members?done=invited")
	res, body = chair.get(g + "/members?done=invited")
	wantStatus(t, res, body, http.StatusOK, "The invitation has been sent", "newcomer@example.org", "Cancel the invitation")
	res, body = chair.post(g+"/invite", url.Values{"email": {"newcomer@example.org"}, "constituency": {"residents"}, "role": {"observer"}, "reason": {"again"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "already has an invitation waiting")

	link, m := lastLink(t, w.s, "/invitations/")
	if link == "" || !strings.Contains(m.Text, "Person chair has invited you to join Larkhill Estate Steering Group") {
		t.Fatalf("invitation email: %q", m.Text)
	}

	newcomer := w.client(t, "")
	res, body = newcomer.get(link)
	wantStatus(t, res, body, http.StatusOK, "Join Larkhill Estate Steering Group", "Resident representative", "creates your account for newcomer@example.org")
	checkPageShape(t, body)
	res, body = newcomer.post(link, url.Values{"name": {""}, "password": {"password"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Enter a name", "most commonly used")
	res, _ = newcomer.post(link, url.Values{"name": {"Nadia Newcomer"}})
	wantRedirect(t, res, g+"/precepts")

	res, body = newcomer.get(g + "/precepts")
	wantStatus(t, res, body, http.StatusOK, "You are not a team", "I have read the five precepts")
	res, _ = newcomer.post(g+"/precepts", nil)
	wantRedirect(t, res, g+"?done=precepts")
	res, body = newcomer.get(g + "/precepts")
	wantStatus(t, res, body, http.StatusOK, "You acknowledged the precepts on")
	res, body = newcomer.get("/account")
	wantStatus(t, res, body, http.StatusOK, "Larkhill Estate Steering Group", "Resident representative")

	// The link is used up.
	res, body = w.client(t, "").get(link)
	wantStatus(t, res, body, http.StatusNotFound, "This link cannot be used")

	res, body = chair.get(g + "/audit?verify=1")
	wantStatus(t, res, body, http.StatusOK, "The record is whole", "Invitation sent", "Member added", "Precepts acknowledged", "Nadia Newcomer")
}

func TestInvitationForAnotherAccount(t *testing.T) {
	w := newWorld(t)
	res, _ := w.client(t, "chair").post("/o/brookfield/g/larkhill/invite", url.Values{"email": {"someone@example.org"}, "constituency": {"residents"}, "role": {"observer"}, "reason": {"r"}})
	wantRedirect(t, res, "/o/brookfield/g/larkhill/members?done=invited")
	link, _ := lastLink(t, w.s, "/invitations/")
	officer := w.client(t, "officer")
	res, body := officer.get(link)
	wantStatus(t, res, body, http.StatusOK, "sent to someone@example.org, but you are signed in with another address")
	res, body = officer.post(link, nil)
	wantStatus(t, res, body, http.StatusForbidden, "another address")
}

func TestMemberInductionAndLeaving(t *testing.T) {
	w := newWorld(t)
	chair := w.client(t, "chair")
	g := "/o/brookfield/g/larkhill"
	resident := w.members["resident"]
	path := g + "/members/" + idValue(resident.ID)

	res, body := chair.post(path, url.Values{"role": {"resident-rep"}, "constituency": {"residents"}, "inducted_on": {"2026-02-30"},
		"inducted_by_resident": {idValue(w.members["officer"].ID)}, "role_description": {"Speaks for blocks A to C."}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Enter a real date", "Choose a current member of that constituency", "Speaks for blocks A to C.")
	res, _ = chair.post(path, url.Values{"role": {"resident-rep"}, "constituency": {"residents"}, "inducted_on": {"2026-03-04"},
		"inducted_by_organisation": {idValue(w.members["officer"].ID)}, "role_description": {"Speaks for blocks A to C."},
		"selection_method": {"Elected at the residents' meeting"}, "selected_on": {"2026-02-20"}})
	wantRedirect(t, res, path+"?done=saved")
	res, body = chair.get(path + "?done=saved")
	wantStatus(t, res, body, http.StatusOK, "4 March 2026", "With Person officer for the organisation", "Elected at the residents&#39; meeting, 20 February 2026", "resident@example.org")

	// Members who do not lead the group see no contact details and no forms.
	res, body = w.client(t, "officer").get(path)
	wantStatus(t, res, body, http.StatusOK, "Speaks for blocks A to C.")
	if strings.Contains(body, "resident@example.org") || strings.Contains(body, "<form method=\"post\" action=\""+path) {
		t.Error("a member who does not lead the group sees contact details or edit forms")
	}

	res, body = chair.post(path+"/leave", url.Values{"handover_note": {"Notes are in the shared folder."}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Say why the member is leaving", "Notes are in the shared folder.")
	res, _ = chair.post(path+"/leave", url.Values{"handover_note": {"Notes are in the shared folder."}, "reason": {"Moved away"}})
	wantRedirect(t, res, g+"/members?done=left")
	res, body = chair.get(g + "/members")
	wantStatus(t, res, body, http.StatusOK, "Former members", "Person resident")
	res, body = w.client(t, "resident").get(g + "/members")
	wantStatus(t, res, body, http.StatusNotFound)
}

func TestPersonalDataAndErasure(t *testing.T) {
	w := newWorld(t)
	c := w.client(t, "resident")
	res, body := c.get("/account/data")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("data download: %d %q", res.StatusCode, res.Header.Get("Content-Disposition"))
	}
	var data struct {
		Account     struct{ Email string }
		Memberships []struct{ Group, Role string }
	}
	if err := json.Unmarshal([]byte(body), &data); err != nil || data.Account.Email != "resident@example.org" || len(data.Memberships) != 1 {
		t.Fatalf("data: %v %+v", err, data)
	}

	res, body = c.post("/account/erase", nil)
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Tick the box")
	res, _ = c.post("/account/erase", url.Values{"confirm": {"yes"}})
	wantRedirect(t, res, "/?erased=1")
	res, _ = c.get("/account")
	wantRedirect(t, res, "/sign-in?next=%2Faccount")
	res, body = w.client(t, "chair").get("/o/brookfield/g/larkhill/members")
	wantStatus(t, res, body, http.StatusOK, "Former member")
	if strings.Contains(body, "Person resident") {
		t.Error("the erased person's name is still shown")
	}
	if _, err := w.s.db.FindUserByEmail(context.Background(), "resident@example.org"); err == nil {
		t.Error("the account still exists")
	}
}

func TestOrganisationAdminAddsAGroup(t *testing.T) {
	w := newWorld(t)
	admin := w.client(t, "orgAdmin")
	res, body := admin.post("/o/brookfield/groups", url.Values{"name": {"Hillside"}, "slug": {"larkhill"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "already used")
	res, _ = admin.post("/o/brookfield/groups", url.Values{"name": {"Hillside Steering Group"}, "slug": {"hillside"}, "area": {"Hillside"}})
	wantRedirect(t, res, "/o/brookfield/g/hillside?done=created")
	res, body = admin.get("/o/brookfield/g/hillside?done=created")
	wantStatus(t, res, body, http.StatusOK, "Hillside Steering Group", "Invite a member")
	res, body = admin.post("/o/brookfield/admins", url.Values{"email": {"nobody@example.org"}})
	wantStatus(t, res, body, http.StatusNotFound) // only site administrators appoint them

	site := &coproduce.User{Email: "site@example.org", Name: "Site Admin", IsAdmin: true}
	must(t, w.s.db.CreateUser(context.Background(), site))
	token, err := w.s.db.CreateSession(context.Background(), site.ID, "test", store.DefaultSessionPolicy)
	must(t, err)
	w.cookies["site"] = token
	siteAdmin := w.client(t, "site")
	res, body = siteAdmin.post("/o/brookfield/admins", url.Values{"email": {"nobody@example.org"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "no account with that email")
	res, _ = siteAdmin.post("/o/brookfield/admins", url.Values{"email": {"officer@example.org"}})
	wantRedirect(t, res, "/o/brookfield?done=admin")
	res, body = w.client(t, "officer").get("/o/brookfield")
	wantStatus(t, res, body, http.StatusOK, "Add a group")
	res, body = w.client(t, "chair").get("/o/brookfield/g/larkhill/audit")
	wantStatus(t, res, body, http.StatusOK, "Organisation administrator appointed")
}
