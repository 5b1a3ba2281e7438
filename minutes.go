package coproduce

import (
	"strings"
	"time"
)

// Attendance is whether a member came to a meeting.
type Attendance string

// The attendance values.
const (
	Present   Attendance = "present"
	Apologies Attendance = "apologies"
	Absent    Attendance = "absent"
)

// Valid reports whether a is a known attendance value.
func (a Attendance) Valid() bool { return a == Present || a == Apologies || a == Absent }

// MinutesStatus is where a meeting's minutes are in their lifecycle:
// written (draft), sent to members (circulated), being corrected after
// members pointed out mistakes (corrections), and approved at a later
// meeting (approved).
type MinutesStatus string

// The minutes statuses.
const (
	MinutesDraft       MinutesStatus = "draft"
	MinutesCirculated  MinutesStatus = "circulated"
	MinutesCorrections MinutesStatus = "corrections"
	MinutesApproved    MinutesStatus = "approved"
)

// Minutes are the record of a meeting, written in Markdown.
type Minutes struct {
	MeetingID         int64
	Body              string // Markdown
	Status            MinutesStatus
	Visibility        Visibility // Public or GroupOnly, once approved
	UpdatedAt         time.Time
	CirculatedAt      time.Time
	ApprovedAt        time.Time
	ApprovedAtMeeting int64 // the later meeting that approved them
	Corrections       []Correction
}

// Editable reports whether the text may still change: while a draft, and
// while corrections are being made.
func (m *Minutes) Editable() bool {
	return m.Status == MinutesDraft || m.Status == MinutesCorrections
}

// Validate checks the minutes' text and visibility.
func (m *Minutes) Validate() error {
	var v ValidationError
	if strings.TrimSpace(m.Body) == "" {
		v.Add("body", "Write the minutes.")
	}
	validateText(&v, "body", m.Body, 100000)
	if m.Visibility != Public && m.Visibility != GroupOnly {
		v.Add("visibility", "Choose whether the minutes are published once approved.")
	}
	return v.Err()
}

// Correction is a member's note that the circulated minutes are wrong.
type Correction struct {
	ID        int64
	MemberID  int64
	Text      string
	CreatedAt time.Time
}
