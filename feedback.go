package coproduce

import (
	"slices"
	"strings"
	"time"
)

// FeedbackSources say where a piece of community feedback came from: a
// member's outreach, the form on the group's public page, or a member who
// heard it some other way (a phone call, a letter, a word in the street).
var FeedbackSources = []string{"outreach", "public", "member"}

// FeedbackStatuses are where the group is with a piece of feedback.
var FeedbackStatuses = []string{"new", "considering", "acted-on", "not-taken-forward"}

// Feedback is something the wider community told the group. Contact
// details are for the group to reply and are never published.
type Feedback struct {
	ID          int64
	GroupID     int64
	Source      string
	OutreachID  int64 // the outreach it came from, when Source is "outreach"
	Theme       string
	Said        string
	ContactName string
	Contact     string // an email address or phone number, if given
	Status      string
	ReceivedOn  time.Time
	RecordedBy  int64 // member id; 0 from the public form
	Links       []*FeedbackLink
}

// Validate checks the feedback and returns a *ValidationError.
func (f *Feedback) Validate() error {
	var v ValidationError
	if !slices.Contains(FeedbackSources, f.Source) {
		v.Add("source", "Choose where the feedback came from.")
	}
	if f.Source == "outreach" && f.OutreachID == 0 {
		v.Add("outreach", "Choose the outreach it came from.")
	}
	if strings.TrimSpace(f.Said) == "" {
		v.Add("said", "Write what was said.")
	}
	validateText(&v, "said", f.Said, 5000)
	validateText(&v, "theme", f.Theme, 100)
	validateText(&v, "contact_name", f.ContactName, 200)
	validateText(&v, "contact", f.Contact, 200)
	if f.Status != "" && !slices.Contains(FeedbackStatuses, f.Status) {
		v.Add("status", "Choose a status.")
	}
	return v.Err()
}

// ValidateFeedbackTriage checks the theme and status the group gives
// feedback, and returns a *ValidationError.
func ValidateFeedbackTriage(theme, status string) error {
	var v ValidationError
	validateText(&v, "theme", theme, 100)
	if !slices.Contains(FeedbackStatuses, status) {
		v.Add("status", "Choose a status.")
	}
	return v.Err()
}

// FeedbackLink ties feedback to a decision it shaped: "you said, we did".
// Said and Did are worded for the public, since the feedback itself may
// name people; a published link shows on the group's public page.
type FeedbackLink struct {
	FeedbackID int64
	DecisionID int64
	Said       string
	Did        string
	Published  bool
	LinkedAt   time.Time
}

// Validate checks the link and returns a *ValidationError.
func (l *FeedbackLink) Validate() error {
	var v ValidationError
	if l.DecisionID == 0 {
		v.Add("decision", "Choose the decision the feedback shaped.")
	}
	if strings.TrimSpace(l.Said) == "" {
		v.Add("link_said", "Sum up what people said, in words fit to publish.")
	}
	validateText(&v, "link_said", l.Said, 1000)
	if strings.TrimSpace(l.Did) == "" {
		v.Add("did", "Say what the group did about it.")
	}
	validateText(&v, "did", l.Did, 2000)
	return v.Err()
}

// YouSaidWeDid is a published link as the public page shows it.
type YouSaidWeDid struct {
	Said          string
	Did           string
	DecisionID    int64
	DecisionTitle string
	DecidedOn     time.Time
	LinkedAt      time.Time
}
