package coproduce

import (
	"slices"
	"strings"
	"time"
)

// UpdateKinds are the two kinds of update in a group's feed: what the
// wider organisation is discussing or has decided that affects the
// project, which only its own members post, and a regular update from
// any member.
var UpdateKinds = []string{"organisation", "regular"}

// Update is a post in the group's feed. Updates posted since the last
// meeting also go into the next meeting's pack.
type Update struct {
	ID       int64
	GroupID  int64
	AuthorID int64 // member id
	Kind     string
	Title    string
	Body     string
	PostedAt time.Time
}

// Validate checks an update from author and returns a *ValidationError.
func (u *Update) Validate(author *Member) error {
	var v ValidationError
	switch {
	case !slices.Contains(UpdateKinds, u.Kind):
		v.Add("kind", "Choose what kind of update this is.")
	case u.Kind == "organisation" && author.Constituency != OrganisationSide:
		v.Add("kind", "Only members on the organisation's side post updates from the organisation. Post this as a regular update.")
	}
	if strings.TrimSpace(u.Title) == "" {
		v.Add("title", "Give the update a title.")
	}
	validateText(&v, "title", u.Title, 200)
	if strings.TrimSpace(u.Body) == "" {
		v.Add("body", "Write the update.")
	}
	validateText(&v, "body", u.Body, 20000)
	return v.Err()
}
