package coproduce

import (
	"errors"
	"testing"
)

func TestSupportNeedValidate(t *testing.T) {
	for _, tt := range []struct {
		need  SupportNeed
		field string // "" if valid
	}{
		{SupportNeed{Kind: "childcare"}, ""},
		{SupportNeed{Kind: "other", Details: "A lift to the venue"}, ""},
		{SupportNeed{Kind: "other"}, "details"},
		{SupportNeed{Kind: "spaceship"}, "kind"},
	} {
		err := tt.need.Validate()
		var v *ValidationError
		switch {
		case tt.field == "" && err != nil:
			t.Errorf("%+v: %v", tt.need, err)
		case tt.field != "" && (!errors.As(err, &v) || v.Fields[0].Field != tt.field):
			t.Errorf("%+v: %v, want a problem with %s", tt.need, err, tt.field)
		}
	}
}

func TestCanSeeSupportNeed(t *testing.T) {
	need := &SupportNeed{GroupID: 1, MemberID: 10}
	for _, tt := range []struct {
		viewer *Member
		want   bool
	}{
		{&Member{ID: 10, GroupID: 1, Role: ResidentRepresentative}, true},
		{&Member{ID: 11, GroupID: 1, Role: Chair}, true},
		{&Member{ID: 12, GroupID: 1, Role: Facilitator}, true},
		{&Member{ID: 13, GroupID: 1, Role: OrganisationRep}, false},
		{&Member{ID: 14, GroupID: 2, Role: Chair}, false},
		{nil, false},
	} {
		if got := CanSeeSupportNeed(tt.viewer, need); got != tt.want {
			t.Errorf("%+v: %v, want %v", tt.viewer, got, tt.want)
		}
	}
}
