package coproduce

import (
	"errors"
	"strings"
	"testing"
)

func TestGroupValidate(t *testing.T) {
	tests := []struct {
		name  string
		group Group
		field string // the field expected to be named, "" for valid
		msg   string // the message a person sees
	}{
		{"OK", Group{OrganisationID: 1, Slug: "riverside", Name: "Riverside Estate Steering Group"}, "", ""},
		{"ErrOrganisationRequired", Group{Slug: "riverside", Name: "Riverside"}, "organisation", "Choose the organisation this group belongs to."},
		{"ErrNameRequired", Group{OrganisationID: 1, Slug: "riverside", Name: "  "}, "name", "Enter a name."},
		{"ErrNameTooLong", Group{OrganisationID: 1, Slug: "riverside", Name: strings.Repeat("a", 201)}, "name", "The name must be 200 characters or fewer."},
		{"ErrSlugRequired", Group{OrganisationID: 1, Name: "Riverside"}, "slug", "Enter a short name for web addresses."},
		{"ErrSlugUpperCase", Group{OrganisationID: 1, Slug: "River", Name: "Riverside"}, "slug", "Use only lower-case letters, numbers and single hyphens in the short name, like riverside-estate."},
		{"ErrSlugDoubleHyphen", Group{OrganisationID: 1, Slug: "river--side", Name: "Riverside"}, "slug", "Use only lower-case letters, numbers and single hyphens in the short name, like riverside-estate."},
		{"ErrAreaTooLong", Group{OrganisationID: 1, Slug: "riverside", Name: "Riverside", Area: strings.Repeat("é", 201)}, "area", "The area must be 200 characters or fewer."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.group.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			var verr *ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("Validate() = %v, want *ValidationError", err)
			}
			if len(verr.Fields) != 1 || verr.Fields[0].Field != tt.field {
				t.Fatalf("fields = %+v, want one problem with %q", verr.Fields, tt.field)
			}
			if verr.Fields[0].Message != tt.msg {
				t.Errorf("message %q, want %q", verr.Fields[0].Message, tt.msg)
			}
		})
	}
}

func TestOrganisationValidate(t *testing.T) {
	err := (&Organisation{}).Validate()
	var verr *ValidationError
	if !errors.As(err, &verr) || len(verr.Fields) != 2 {
		t.Fatalf("Validate() of empty organisation = %v, want problems with name and slug", err)
	}
	if err := (&Organisation{Slug: "riverside-council", Name: "Riverside Council"}).Validate(); err != nil {
		t.Fatalf("Validate() = %v, want nil", err)
	}
}

func TestNewIDPositiveAndDistinct(t *testing.T) {
	seen := make(map[int64]bool)
	for range 1000 {
		id := NewID()
		if id <= 0 {
			t.Fatalf("NewID() = %d, want positive", id)
		}
		if seen[id] {
			t.Fatalf("NewID() repeated %d", id)
		}
		seen[id] = true
	}
}
