package coproduce

import "time"

// ToRSections are the sections of a group's terms of reference, in order,
// after the framework: the vision and how the group will work together;
// where the parties agree and where they do not yet; roles; how residents
// join; how decisions are made; what information is shared and what is
// not; taking time out; and how members communicate.
var ToRSections = []string{"vision", "agreement", "roles", "joining", "decisions", "information", "time-out", "communication"}

// ToRStatus is where a version of the terms of reference is.
type ToRStatus string

// The statuses: a draft is being written; a proposed version is put to
// the members, who say whether they agree; an adopted one is in force;
// a superseded one was in force before a later adoption.
const (
	ToRDraft      ToRStatus = "draft"
	ToRProposed   ToRStatus = "proposed"
	ToRAdopted    ToRStatus = "adopted"
	ToRSuperseded ToRStatus = "superseded"
)

// ToRVersion is one version of a group's terms of reference.
type ToRVersion struct {
	ID         int64
	GroupID    int64
	Number     int
	Status     ToRStatus
	Sections   map[string]string // by key in ToRSections
	Agreements []ToRAgreement
	CreatedAt  time.Time
	AdoptedAt  time.Time
}

// ToRAgreement is a member's agreement to a proposed version.
type ToRAgreement struct {
	MemberID     int64
	Constituency Constituency
	AgreedAt     time.Time
}

// CanAdopt reports whether a proposed version has the agreement it needs:
// at least one member from the residents and one from the organisation.
func (v *ToRVersion) CanAdopt() bool {
	var residents, organisation bool
	for _, a := range v.Agreements {
		residents = residents || a.Constituency == Residents
		organisation = organisation || a.Constituency == OrganisationSide
	}
	return v.Status == ToRProposed && residents && organisation
}
