package coproduce

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Constituency is the side a member speaks from. The health check compares
// constituencies: the gap between how residents and how officers see the
// same principle is the most telling figure the product shows.
type Constituency string

// The constituencies.
const (
	Residents        Constituency = "residents"
	OrganisationSide Constituency = "organisation"
	Independent      Constituency = "independent"
)

// Constituencies lists every constituency in display order.
var Constituencies = []Constituency{Residents, OrganisationSide, Independent}

// Valid reports whether c is a known constituency.
func (c Constituency) Valid() bool {
	return c == Residents || c == OrganisationSide || c == Independent
}

// Role is what a member does in the group.
type Role string

// The roles.
const (
	Chair                  Role = "chair"
	Facilitator            Role = "facilitator"
	ResidentRepresentative Role = "resident-rep"
	OrganisationRep        Role = "organisation-rep"
	Adviser                Role = "adviser"
	Observer               Role = "observer"
)

// Roles lists every role in display order.
var Roles = []Role{Chair, Facilitator, ResidentRepresentative, OrganisationRep, Adviser, Observer}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, known := range Roles {
		if r == known {
			return true
		}
	}
	return false
}

// Leads reports whether the role runs the group: chairs and facilitators
// set it up, invite and induct members and open health-check rounds.
func (r Role) Leads() bool { return r == Chair || r == Facilitator }

// Member is a person's place in one group, over time: a person who leaves
// and rejoins has two Members. After a person erases their account, UserID
// is 0 and the group's history shows a former member.
type Member struct {
	ID              int64
	GroupID         int64
	UserID          int64  // 0 once the person has erased their account
	Name            string // the person's name, "" once erased
	Email           string // the person's email, "" once erased
	Constituency    Constituency
	Role            Role
	RoleDescription string
	JoinedAt        time.Time
	LeftAt          time.Time // zero while a member

	// How a resident representative was chosen: the open, public selection
	// process the framework asks for.
	SelectionMethod string
	SelectedAt      time.Time
	SelectionNotes  string

	// Induction, with who from each side took part.
	InductedAt               time.Time
	InductedByResidentID     int64 // a member id, 0 if none
	InductedByOrganisationID int64
	InductionNotes           string

	HandoverNote           string    // written when the member leaves
	PreceptsAcknowledgedAt time.Time // zero until the member reads and accepts the five precepts

	// ListedPublicly: the member agreed to have their name and role on the
	// group's public page.
	ListedPublicly bool

	AddedBy       int64 // user id; 0 if unknown or erased
	AddedReason   string
	RemovedBy     int64
	RemovedReason string
}

// Current reports whether the member has not left.
func (m *Member) Current() bool { return m.LeftAt.IsZero() }

// Former reports whether the person behind the membership erased their
// account.
func (m *Member) Former() bool { return m.UserID == 0 }

// Validate checks the member's fields and returns a *ValidationError naming
// each problem.
func (m *Member) Validate() error {
	var v ValidationError
	if !m.Constituency.Valid() {
		v.Add("constituency", "Choose whether the member is a resident, from the organisation, or independent.")
	}
	if !m.Role.Valid() {
		v.Add("role", "Choose the member's role.")
	}
	if m.Role == ResidentRepresentative && m.Constituency != Residents {
		v.Add("role", "A resident representative must be in the residents' constituency.")
	}
	if m.Role == OrganisationRep && m.Constituency != OrganisationSide {
		v.Add("role", "An organisation representative must be in the organisation's constituency.")
	}
	validateText(&v, "role_description", m.RoleDescription, 5000)
	validateText(&v, "selection_method", m.SelectionMethod, 200)
	validateText(&v, "selection_notes", m.SelectionNotes, 5000)
	validateText(&v, "induction_notes", m.InductionNotes, 5000)
	validateText(&v, "handover_note", m.HandoverNote, 10000)
	return v.Err()
}

func validateText(v *ValidationError, field, s string, max int) {
	if n := utf8.RuneCountInString(s); n > max {
		v.Add(field, "This must be "+itoa(max)+" characters or fewer. It has "+itoa(n)+".")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// ValidateLeaving checks what is recorded when a member leaves: the
// handover note for whoever follows, and the reason.
func ValidateLeaving(handover, reason string) error {
	var v ValidationError
	validateText(&v, "handover_note", handover, 10000)
	if strings.TrimSpace(reason) == "" {
		v.Add("reason", "Say why the member is leaving, for the group's record.")
	}
	validateText(&v, "reason", reason, 1000)
	return v.Err()
}

// Invitation asks a person, by email, to join a group in a role. It can be
// redeemed only by a signed-in person with the invited address, before it
// expires and unless it was revoked.
type Invitation struct {
	ID           int64
	GroupID      int64
	Email        string
	Constituency Constituency
	Role         Role
	Reason       string // why they are being added, for the record
	InvitedBy    int64  // user id
	CreatedAt    time.Time
	ExpiresAt    time.Time
	AcceptedAt   time.Time
	RevokedAt    time.Time
}

// InvitationTTL is how long an invitation can be accepted.
const InvitationTTL = 14 * 24 * time.Hour

// Pending reports whether the invitation can still be accepted at now.
func (i *Invitation) Pending(now time.Time) bool {
	return i.AcceptedAt.IsZero() && i.RevokedAt.IsZero() && now.Before(i.ExpiresAt)
}

// Validate checks the invitation's fields and returns a *ValidationError
// naming each problem.
func (i *Invitation) Validate() error {
	var v ValidationError
	if _, err := NormalizeEmail(i.Email); err != nil {
		v.Add("email", err.Error())
	}
	m := Member{Constituency: i.Constituency, Role: i.Role}
	if err := m.Validate(); err != nil {
		v.Fields = append(v.Fields, err.(*ValidationError).Fields...)
	}
	if strings.TrimSpace(i.Reason) == "" {
		v.Add("reason", "Say why this person is joining, for the group's record.")
	}
	validateText(&v, "reason", i.Reason, 1000)
	return v.Err()
}
