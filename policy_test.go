package coproduce

import (
	"errors"
	"testing"
)

func TestPolicy(t *testing.T) {
	g := &Group{ID: 10, OrganisationID: 1}
	member := func(role Role, c Constituency) *Member {
		return &Member{ID: 100, GroupID: 10, Role: role, Constituency: c}
	}
	actors := map[string]*Actor{
		"stranger":   Anonymous,
		"otherOrg":   {User: &User{ID: 1}, Memberships: map[int64]*Member{20: {ID: 200, GroupID: 20, Role: Chair}}, AdminOf: map[int64]bool{2: true}},
		"otherGroup": {User: &User{ID: 2}, Memberships: map[int64]*Member{11: {ID: 300, GroupID: 11, Role: Chair}}},
		"resident":   {User: &User{ID: 3}, Memberships: map[int64]*Member{10: member(ResidentRepresentative, Residents)}},
		"officer":    {User: &User{ID: 4}, Memberships: map[int64]*Member{10: member(OrganisationRep, OrganisationSide)}},
		"chair":      {User: &User{ID: 5}, Memberships: map[int64]*Member{10: member(Chair, Independent)}},
		"orgAdmin":   {User: &User{ID: 6}, AdminOf: map[int64]bool{1: true}},
		"siteAdmin":  {User: &User{ID: 7, IsAdmin: true}},
	}
	want := map[Permission][]string{
		SeeGroup:          {"resident", "officer", "chair", "orgAdmin"},
		SeeGroupRecords:   {"resident", "officer", "chair"},
		ManageMembers:     {"chair", "orgAdmin"},
		EditGroup:         {"chair", "orgAdmin"},
		SeeContactDetails: {"chair", "orgAdmin"},
		ManageMeetings:    {"chair"},
		EditProject:       {"officer", "chair"},
		RecordDecisions:   {"officer", "chair"},
	}
	for p, allowed := range want {
		for name, a := range actors {
			expect := false
			for _, n := range allowed {
				expect = expect || n == name
			}
			if got := a.CanInGroup(p, g); got != expect {
				t.Errorf("%s CanInGroup(%d) = %v, want %v", name, p, got, expect)
			}
		}
	}
	for name, a := range actors {
		if got, want := a.CanInOrganisation(ManageOrganisation, 1), name == "orgAdmin" || name == "siteAdmin"; got != want {
			t.Errorf("%s ManageOrganisation = %v, want %v", name, got, want)
		}
		if got, want := a.CanInOrganisation(AppointAdministrators, 1), name == "siteAdmin"; got != want {
			t.Errorf("%s AppointAdministrators = %v, want %v", name, got, want)
		}
		if got, want := a.CanInOrganisation(CreateOrganisation, 0), name == "siteAdmin"; got != want {
			t.Errorf("%s CreateOrganisation = %v, want %v", name, got, want)
		}
		if !a.CanSee(Audience{GroupID: 10, Visibility: Public}) {
			t.Errorf("%s cannot see a public record", name)
		}
		inGroup := name == "resident" || name == "officer" || name == "chair"
		if got := a.CanSee(Audience{GroupID: 10, Visibility: GroupOnly}); got != inGroup {
			t.Errorf("%s sees a group record: %v, want %v", name, got, inGroup)
		}
		if got := a.CanSee(Audience{GroupID: 10, Visibility: Restricted, MemberIDs: []int64{999}}); got {
			t.Errorf("%s sees a record restricted to someone else", name)
		}
	}
	if !actors["resident"].CanSee(Audience{GroupID: 10, Visibility: Restricted, MemberIDs: []int64{100}}) {
		t.Error("a named member cannot see the restricted record")
	}
	if (&Actor{User: &User{ID: 9}}).CanSee(Audience{GroupID: 10, Visibility: "unknown"}) {
		t.Error("an unknown visibility is visible")
	}
}

func TestAudienceValidate(t *testing.T) {
	for _, tc := range []struct {
		aud    Audience
		fields int
	}{
		{Audience{Visibility: Public}, 0},
		{Audience{Visibility: GroupOnly}, 0},
		{Audience{Visibility: Restricted, MemberIDs: []int64{1}, Reason: "commercially confidential until the tender closes"}, 0},
		{Audience{Visibility: Restricted}, 2},
		{Audience{Visibility: "secret"}, 1},
	} {
		err := tc.aud.Validate()
		var verr *ValidationError
		got := 0
		if errors.As(err, &verr) {
			got = len(verr.Fields)
		}
		if got != tc.fields {
			t.Errorf("%+v: %d problems, want %d (%v)", tc.aud, got, tc.fields, err)
		}
	}
}
