package coproduce

import (
	"slices"
	"strings"
	"time"
)

// BodyKinds are the kinds of decision-making body on a governance map,
// from the top of a council or housing association down.
var BodyKinds = []string{"full-council", "cabinet", "committee", "board", "senior-officers", "project-board", "steering-group", "other"}

// Reach says whether coproduction reaches a decision-making body:
// residents take part in it, see its papers, or are heard before it
// decides.
type Reach string

// The reaches.
const (
	ReachYes    Reach = "yes"
	ReachPartly Reach = "partly"
	ReachNo     Reach = "no"
)

// Reaches are the reaches, as choices are offered.
var Reaches = []string{string(ReachYes), string(ReachPartly), string(ReachNo)}

// Valid reports whether r is one of the reaches.
func (r Reach) Valid() bool { return slices.Contains(Reaches, string(r)) }

// GovernanceBody is a body on an organisation's governance map: where it
// sits (the body it reports to), what it decides, and whether
// coproduction reaches it. A steering group's own place on the map is
// the body linked to it, so everyone can see where its recommendations
// go next.
type GovernanceBody struct {
	ID             int64
	OrganisationID int64
	Name           string
	Kind           string // one of BodyKinds
	ReportsTo      int64  // the body above it; 0 for the top
	Decides        string // its decision areas, one per line
	Reach          Reach
	ReachNote      string // how coproduction reaches it, or why it does not
	GroupID        int64  // the steering group it is, if it is one
	CreatedAt      time.Time
}

// Validate checks the body and returns a *ValidationError.
func (b *GovernanceBody) Validate() error {
	var v ValidationError
	validateName(&v, "name", b.Name)
	if !slices.Contains(BodyKinds, b.Kind) {
		v.Add("kind", "Choose what kind of body it is.")
	}
	if !b.Reach.Valid() {
		v.Add("reach", "Say whether coproduction reaches this body.")
	}
	if b.ReportsTo != 0 && b.ReportsTo == b.ID {
		v.Add("reports_to", "A body cannot report to itself.")
	}
	validateText(&v, "decides", b.Decides, 5000)
	validateText(&v, "reach_note", b.ReachNote, 2000)
	return v.Err()
}

// GovernanceMap is an organisation's bodies.
type GovernanceMap []*GovernanceBody

// Body returns the body with the id, or nil.
func (m GovernanceMap) Body(id int64) *GovernanceBody {
	return m.find(func(b *GovernanceBody) bool { return b.ID == id })
}

func (m GovernanceMap) find(match func(*GovernanceBody) bool) *GovernanceBody {
	if i := slices.IndexFunc(m, match); i >= 0 {
		return m[i]
	}
	return nil
}

// Under returns the bodies reporting to the body with the id (0 for the
// top), in map order.
func (m GovernanceMap) Under(id int64) []*GovernanceBody {
	var out []*GovernanceBody
	for _, b := range m {
		if b.ReportsTo == id || (id == 0 && b.ReportsTo != 0 && m.Body(b.ReportsTo) == nil) {
			out = append(out, b)
		}
	}
	return out
}

// GroupBody returns the body that is the steering group, or nil.
func (m GovernanceMap) GroupBody(groupID int64) *GovernanceBody {
	return m.find(func(b *GovernanceBody) bool { return b.GroupID == groupID })
}

// Route returns the bodies a recommendation of the group passes through
// on its way up, nearest first: empty when the group is not on the map.
func (m GovernanceMap) Route(groupID int64) []*GovernanceBody {
	var route []*GovernanceBody
	b := m.GroupBody(groupID)
	for seen := map[int64]bool{}; b != nil && b.ReportsTo != 0 && !seen[b.ID]; {
		seen[b.ID] = true
		if b = m.Body(b.ReportsTo); b != nil {
			route = append(route, b)
		}
	}
	return route
}

// CheckStatus is where an accountability check is.
type CheckStatus string

// The statuses: sent to the higher body and waiting for its response, or
// answered.
const (
	CheckWaiting  CheckStatus = "waiting"
	CheckAnswered CheckStatus = "answered"
)

// ResponseOutcomes are what a higher body can do with a matter.
var ResponseOutcomes = []string{"accepted", "amended", "rejected", "deferred", "noted"}

// CheckAnswerDays is how long a higher body has to respond to an
// accountability check before the group sees it as overdue, and the
// evidence indicator counts it as unanswered.
const CheckAnswerDays = 56

// AccountabilityCheck goes with a matter the group sends to a higher
// decision body, in the spirit of an equality impact assessment: it
// records how the matter was coproduced, from the group's records (the
// Evidence, copied when the check is made, so it shows what the body
// was told), in the officer's words, and the body's response.
type AccountabilityCheck struct {
	ID         int64
	GroupID    int64
	DecisionID int64 // the decision in the group's log it carries
	BodyID     int64 // the body it went to
	BodyName   string
	Coproduced Reach  // was the matter coproduced: yes, partly or no
	Rung       Rung   // the rung of the ladder it was made at
	Statement  string // the officer's account for the higher body
	Evidence   CheckEvidence
	SentOn     time.Time // a day
	SentBy     int64     // member id
	CreatedAt  time.Time

	// The higher body's response, once it has given one.
	Outcome     string // one of ResponseOutcomes; "" while waiting
	Response    string
	RespondedOn time.Time
	RecordedBy  int64 // member id
}

// CheckEvidence is what the group's records said about the matter when
// the check was made.
type CheckEvidence struct {
	Decision  string         `json:"decision"`
	Outcome   string         `json:"outcome"`
	DecidedOn time.Time      `json:"decided_on"`
	Method    DecisionMethod `json:"method"`
	Meeting   string         `json:"meeting,omitempty"` // its title; "" when made outside the group
	MeetingOn time.Time      `json:"meeting_on,omitempty"`
	Area      string         `json:"area,omitempty"`
	AreaRung  Rung           `json:"area_rung,omitempty"` // the rung agreed for the area
	Papers    []CheckPaper   `json:"papers,omitempty"`
	// Restricted counts the papers restricted to named members, whose
	// titles the check leaves out.
	Restricted int                       `json:"restricted_papers,omitempty"`
	Positions  map[Constituency]Position `json:"positions,omitempty"`
	Dissent    string                    `json:"dissent,omitempty"`
	Feedback   []string                  `json:"feedback,omitempty"` // what the community said that shaped it
}

// CheckPaper is a paper the group had for the matter, and for how many
// days before the decision (-1: not circulated before it).
type CheckPaper struct {
	Title string `json:"title"`
	Days  int    `json:"days"`
}

// Status says whether the check is waiting or answered.
func (c *AccountabilityCheck) Status() CheckStatus {
	if c.Outcome == "" {
		return CheckWaiting
	}
	return CheckAnswered
}

// WaitingFor returns how many whole days the check has waited for its
// response at now, or -1 once it is answered.
func (c *AccountabilityCheck) WaitingFor(now time.Time) int {
	if c.Status() == CheckAnswered {
		return -1
	}
	return int(now.Sub(c.SentOn).Hours() / 24)
}

// Overdue reports whether the check has waited longer than
// CheckAnswerDays at now.
func (c *AccountabilityCheck) Overdue(now time.Time) bool {
	return c.Status() == CheckWaiting && now.Sub(c.SentOn) > CheckAnswerDays*24*time.Hour
}

// SuggestedReach is how coproduced the records say the matter was: made
// at a meeting by consensus with both sides agreeing is coproduced; made
// outside the group is not; anything between is partly.
func (e *CheckEvidence) SuggestedReach() Reach {
	switch {
	case e.Meeting == "":
		return ReachNo
	case e.Method == Consensus && e.Positions[Residents] == Agreed && e.Positions[OrganisationSide] == Agreed:
		return ReachYes
	}
	return ReachPartly
}

// Validate checks what the officer completes and returns a
// *ValidationError.
func (c *AccountabilityCheck) Validate() error {
	var v ValidationError
	if c.BodyID == 0 {
		v.Add("body", "Choose the body the matter goes to. An administrator adds bodies to the organisation's governance map.")
	}
	if !c.Coproduced.Valid() {
		v.Add("coproduced", "Say whether the matter was coproduced.")
	}
	if !c.Rung.Valid() {
		v.Add("rung", "Choose the rung of the ladder the matter was decided at.")
	}
	if strings.TrimSpace(c.Statement) == "" {
		v.Add("statement", "Write the account for the higher body: how the group reached its view, and anything it should weigh.")
	}
	validateText(&v, "statement", c.Statement, 10000)
	if c.SentOn.IsZero() {
		v.Add("sent_on", "Enter the date the matter was sent.")
	}
	return v.Err()
}

// ValidateResponse checks a response being recorded and returns a
// *ValidationError.
func (c *AccountabilityCheck) ValidateResponse() error {
	var v ValidationError
	if !slices.Contains(ResponseOutcomes, c.Outcome) {
		v.Add("outcome", "Choose what the body did with the matter.")
	}
	if strings.TrimSpace(c.Response) == "" {
		v.Add("response", "Write the body's response, or a summary of it, with where to read it in full.")
	}
	validateText(&v, "response", c.Response, 10000)
	if c.RespondedOn.IsZero() {
		v.Add("responded_on", "Enter the date of the response.")
	} else if c.RespondedOn.Before(c.SentOn) {
		v.Add("responded_on", "The response cannot come before the matter was sent.")
	}
	return v.Err()
}
