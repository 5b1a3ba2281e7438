package coproduce

import (
	"time"
	"unicode/utf8"
)

// Group is a steering group: officers and resident representatives of one
// project deciding things together.
type Group struct {
	ID             int64
	OrganisationID int64
	Slug           string // unique within its organisation
	Name           string
	Area           string // the estate or neighbourhood, in the group's words
	Description    string // a short public description
	// PaperDeadlineDays: papers go out this many working days before a
	// meeting, or they are late.
	PaperDeadlineDays int
	CreatedAt         time.Time
}

// Validate checks the group's fields and returns a *ValidationError naming
// each problem.
func (g *Group) Validate() error {
	var v ValidationError
	if g.OrganisationID == 0 {
		v.Add("organisation", "Choose the organisation this group belongs to.")
	}
	validateName(&v, "name", g.Name)
	validateSlug(&v, "slug", g.Slug)
	if utf8.RuneCountInString(g.Area) > maxNameLength {
		v.Add("area", "The area must be 200 characters or fewer.")
	}
	validateText(&v, "description", g.Description, 2000)
	if g.PaperDeadlineDays < 0 || g.PaperDeadlineDays > 20 {
		v.Add("paper_deadline_days", "Enter a number of working days from 0 to 20.")
	}
	return v.Err()
}
