package coproduce

import (
	"slices"
	"strings"
	"time"
)

// FacilitatorRoles are what an external facilitator or mediator offers.
var FacilitatorRoles = []string{"facilitation", "mediation", "both"}

// ExternalFacilitator is an external facilitator or mediator on the group's list.
// Either side proposes one; the entry is agreed only once at least one
// resident member and one organisation member have approved it, so that
// neither side alone chooses who will help them settle disagreements.
type ExternalFacilitator struct {
	ID         int64
	GroupID    int64
	Name       string
	Offers     string // one of FacilitatorRoles
	Contact    string // how to reach them, for members
	ProposedBy int64  // member id
	CreatedAt  time.Time
	Approvals  map[int64]Constituency // member id → the side they approved for
}

// Validate checks the entry and returns a *ValidationError.
func (f *ExternalFacilitator) Validate() error {
	var v ValidationError
	if strings.TrimSpace(f.Name) == "" {
		v.Add("name", "Enter the facilitator's or mediator's name.")
	}
	validateText(&v, "name", f.Name, 200)
	if !slices.Contains(FacilitatorRoles, f.Offers) {
		v.Add("offers", "Choose what they offer.")
	}
	validateText(&v, "contact", f.Contact, 500)
	return v.Err()
}

// ApprovedBy reports whether some member of side c has approved the entry.
func (f *ExternalFacilitator) ApprovedBy(c Constituency) bool {
	for _, side := range f.Approvals {
		if side == c {
			return true
		}
	}
	return false
}

// Agreed reports whether both residents and the organisation have approved.
func (f *ExternalFacilitator) Agreed() bool {
	return f.ApprovedBy(Residents) && f.ApprovedBy(OrganisationSide)
}

// CanApprove reports whether m may approve the entry: a current member of
// the group on the residents' or the organisation's side who has not yet.
func (f *ExternalFacilitator) CanApprove(m *Member) bool {
	if m == nil || m.GroupID != f.GroupID || (m.Constituency != Residents && m.Constituency != OrganisationSide) {
		return false
	}
	_, done := f.Approvals[m.ID]
	return !done
}
