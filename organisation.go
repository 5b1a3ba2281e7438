package coproduce

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Organisation is a council, housing association or advice body that runs or
// supports one or more steering groups.
type Organisation struct {
	ID        int64
	Slug      string // unique, used in addresses
	Name      string
	CreatedAt time.Time
}

// Validate checks the organisation's fields and returns a *ValidationError
// naming each problem.
func (o *Organisation) Validate() error {
	var v ValidationError
	validateName(&v, "name", o.Name)
	validateSlug(&v, "slug", o.Slug)
	return v.Err()
}

const maxNameLength = 200

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func validateName(v *ValidationError, field, name string) {
	switch {
	case strings.TrimSpace(name) == "":
		v.Add(field, "Enter a name.")
	case utf8.RuneCountInString(name) > maxNameLength:
		v.Add(field, "The name must be 200 characters or fewer.")
	}
}

func validateSlug(v *ValidationError, field, slug string) {
	switch {
	case slug == "":
		v.Add(field, "Enter a short name for web addresses.")
	case len(slug) > 60:
		v.Add(field, "The short name must be 60 characters or fewer.")
	case !slugPattern.MatchString(slug):
		v.Add(field, "Use only lower-case letters, numbers and single hyphens in the short name, like riverside-estate.")
	}
}
