package coproduce

import (
	"net/url"
	"strings"
	"time"
)

// Meeting is a meeting of a group.
type Meeting struct {
	ID           int64
	GroupID      int64
	Title        string
	StartsAt     time.Time // an instant; shown in Europe/London
	Minutes      int       // how long it is planned to last
	Venue        string
	OnlineLink   string
	HostMemberID int64 // the member hosting it, in a place of their choosing; 0 if none
	AccessNotes  string
	Visibility   Visibility // Public or GroupOnly
	CreatedAt    time.Time
	CancelledAt  time.Time
}

// Validate checks the meeting and returns a *ValidationError naming each
// problem.
func (m *Meeting) Validate() error {
	var v ValidationError
	validateName(&v, "title", m.Title)
	if m.StartsAt.IsZero() {
		v.Add("date", "Enter the date and time of the meeting.")
	}
	if m.Minutes < 15 || m.Minutes > 12*60 {
		v.Add("minutes", "Enter how long the meeting lasts, between 15 minutes and 12 hours.")
	}
	if strings.TrimSpace(m.Venue) == "" && strings.TrimSpace(m.OnlineLink) == "" {
		v.Add("venue", "Enter where the meeting is, or a link to join it online, or both.")
	}
	validateText(&v, "venue", m.Venue, 500)
	if m.OnlineLink != "" {
		u, err := url.Parse(m.OnlineLink)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			v.Add("online_link", "Enter the online link as a web address starting with https://.")
		}
	}
	validateText(&v, "access_notes", m.AccessNotes, 2000)
	if m.Visibility != Public && m.Visibility != GroupOnly {
		v.Add("visibility", "Choose whether the meeting is listed publicly.")
	}
	return v.Err()
}

// Cancelled reports whether the meeting was called off.
func (m *Meeting) Cancelled() bool { return !m.CancelledAt.IsZero() }

// ItemKind says where an agenda item came from.
type ItemKind string

// The kinds of agenda item. The fixed ones are added to every agenda, after
// the framework: a check-in, a recap of where the project stands, time for
// what people don't understand, and problems and conflicts.
const (
	ItemCheckIn   ItemKind = "check-in"
	ItemRecap     ItemKind = "recap"
	ItemProposed  ItemKind = "proposed"
	ItemQuestions ItemKind = "questions"
	ItemProblems  ItemKind = "problems"
)

// FixedItems are added to every new agenda, in this order; proposed items
// go between the recap and the questions.
var FixedItems = []ItemKind{ItemCheckIn, ItemRecap, ItemQuestions, ItemProblems}

// Fixed reports whether items of this kind are part of every agenda.
func (k ItemKind) Fixed() bool { return k != ItemProposed }

// AgendaItem is one item on a meeting's agenda.
type AgendaItem struct {
	ID                   int64
	MeetingID            int64
	Position             int
	Kind                 ItemKind
	Title                string // for proposed items; fixed items take theirs from the interface text
	Description          string
	ProposerMemberID     int64
	ProposerConstituency Constituency // kept even if the proposer later leaves
	CreatedAt            time.Time
}

// Validate checks a proposed item and returns a *ValidationError.
func (i *AgendaItem) Validate() error {
	var v ValidationError
	validateName(&v, "title", i.Title)
	validateText(&v, "description", i.Description, 5000)
	return v.Err()
}
