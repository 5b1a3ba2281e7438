package coproduce

import "strings"

// This file is the one place that decides who may see and do what. Every
// handler, page and API call asks an Actor; none checks roles itself.

// Actor is who is asking: a signed-in person with their current
// memberships and the organisations they administer, or nobody.
type Actor struct {
	User        *User             // nil for someone not signed in
	Memberships map[int64]*Member // current memberships, by group id
	AdminOf     map[int64]bool    // organisation ids
}

// Anonymous is the actor for someone not signed in.
var Anonymous = &Actor{}

// Permission is something an actor may be allowed to do in a group or
// organisation.
type Permission int

// The permissions.
const (
	// SeeGroup: the group's own pages, such as its members and its audit
	// trail. Members and the organisation's administrators.
	SeeGroup Permission = iota + 1
	// SeeGroupRecords: records the group keeps for itself (visibility
	// "group"). Current members only: an organisation administrator who is
	// not in the group does not read its confidential records.
	SeeGroupRecords
	// ManageMembers: invite, edit, induct and remove members. Chairs and
	// facilitators, and the organisation's administrators.
	ManageMembers
	// EditGroup: the group's name, area and description. As ManageMembers.
	EditGroup
	// SeeContactDetails: members' email addresses. As ManageMembers.
	SeeContactDetails
	// ManageMeetings: arrange meetings and order their agendas. Chairs and
	// facilitators.
	ManageMeetings
	// RecordDecisions: keep the decisions log and the group's actions. As
	// EditProject: officers keep the log, chairs and facilitators too.
	RecordDecisions
	// EditProject: the project's stage, milestones, risks and
	// opportunities. Chairs, facilitators and the organisation's members,
	// who answer for the project's timeline.
	EditProject
	// ManageOrganisation: add groups and administrators to an organisation.
	// The organisation's administrators and site administrators.
	ManageOrganisation
	// AppointAdministrators: make an account an administrator of an
	// organisation. Site administrators only, as it means looking accounts
	// up by address.
	AppointAdministrators
	// CreateOrganisation: site administrators.
	CreateOrganisation
)

// SignedIn reports whether the actor is a signed-in person.
func (a *Actor) SignedIn() bool { return a != nil && a.User != nil }

// MemberOf returns the actor's current membership of a group, or nil.
func (a *Actor) MemberOf(groupID int64) *Member {
	if !a.SignedIn() {
		return nil
	}
	return a.Memberships[groupID]
}

// CanInGroup reports whether the actor has permission p in group g.
func (a *Actor) CanInGroup(p Permission, g *Group) bool {
	if !a.SignedIn() {
		return false
	}
	m := a.MemberOf(g.ID)
	orgAdmin := a.AdminOf[g.OrganisationID]
	switch p {
	case SeeGroup:
		return m != nil || orgAdmin
	case SeeGroupRecords:
		return m != nil
	case ManageMembers, EditGroup, SeeContactDetails:
		return (m != nil && m.Role.Leads()) || orgAdmin
	// The permissions below touch the group's own records, which an
	// administrator who is not a member does not read: they must join.
	case ManageMeetings:
		return m != nil && m.Role.Leads()
	case EditProject, RecordDecisions:
		return m != nil && (m.Role.Leads() || m.Constituency == OrganisationSide)
	}
	return false
}

// CanInOrganisation reports whether the actor has permission p in the
// organisation with id orgID (0 for CreateOrganisation).
func (a *Actor) CanInOrganisation(p Permission, orgID int64) bool {
	if !a.SignedIn() {
		return false
	}
	switch p {
	case ManageOrganisation:
		return a.AdminOf[orgID] || a.User.IsAdmin
	case CreateOrganisation, AppointAdministrators:
		return a.User.IsAdmin
	}
	return false
}

// Visibility says who may see a record.
type Visibility string

// The visibilities.
const (
	Public     Visibility = "public"     // anyone, with or without an account
	GroupOnly  Visibility = "group"      // the group's current members
	Restricted Visibility = "restricted" // named members only, with a reason
)

// Audience is the visibility of one record of one group: for Restricted,
// the member ids who may see it and the reason it is restricted, which the
// group's members see in place of the record.
type Audience struct {
	GroupID    int64
	Visibility Visibility
	MemberIDs  []int64
	Reason     string
}

// Validate checks that a restricted audience names its members and gives
// its reason, and returns a *ValidationError naming each problem.
func (aud Audience) Validate() error {
	var v ValidationError
	switch aud.Visibility {
	case Public, GroupOnly:
	case Restricted:
		if len(aud.MemberIDs) == 0 {
			v.Add("visibility", "Choose the members who may see it.")
		}
		if strings.TrimSpace(aud.Reason) == "" {
			v.Add("reason", "Say why only those members may see it.")
		}
	default:
		v.Add("visibility", "Choose who may see it.")
	}
	return v.Err()
}

// CanSee reports whether the actor may see a record with this audience.
// What the actor may not see must answer exactly as if it did not exist.
func (a *Actor) CanSee(aud Audience) bool {
	switch aud.Visibility {
	case Public:
		return true
	case GroupOnly:
		return a.MemberOf(aud.GroupID) != nil
	case Restricted:
		m := a.MemberOf(aud.GroupID)
		if m == nil {
			return false
		}
		for _, id := range aud.MemberIDs {
			if id == m.ID {
				return true
			}
		}
	}
	return false
}
