package coproduce

import (
	"slices"
	"strings"
	"time"
)

// SupportKinds are the kinds of help a member may need to take part.
var SupportKinds = []string{"internet", "device", "childcare", "interpretation", "access", "pastoral", "expenses", "other"}

// SupportNeed is something a member needs in order to take part in the
// group, and whether it has been met. Only the member and those who lead
// the group see it.
type SupportNeed struct {
	ID        int64
	GroupID   int64
	MemberID  int64
	Kind      string
	Details   string
	MetAt     time.Time // zero while the need is not met
	CreatedAt time.Time
}

// Met reports whether the need has been met.
func (n *SupportNeed) Met() bool { return !n.MetAt.IsZero() }

// Validate checks the need and returns a *ValidationError.
func (n *SupportNeed) Validate() error {
	var v ValidationError
	if !slices.Contains(SupportKinds, n.Kind) {
		v.Add("kind", "Choose the kind of support you need.")
	}
	if n.Kind == "other" && strings.TrimSpace(n.Details) == "" {
		v.Add("details", "Say what support you need.")
	}
	validateText(&v, "details", n.Details, 2000)
	return v.Err()
}

// CanSeeSupportNeed reports whether viewer may see, and mark met, a
// support need: the member it belongs to, or the group's chair or
// facilitator.
func CanSeeSupportNeed(viewer *Member, n *SupportNeed) bool {
	return viewer != nil && viewer.GroupID == n.GroupID && (viewer.ID == n.MemberID || viewer.Role.Leads())
}
