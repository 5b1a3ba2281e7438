package coproduce

import "time"

// NotificationKind is a kind of email reminder or notice a person can
// choose how to receive.
type NotificationKind string

// The kinds, in the order the settings page lists them.
const (
	NotifyPapersCirculated NotificationKind = "papers-circulated" // papers for a meeting went out
	NotifyPapersDue        NotificationKind = "papers-due"        // papers are due soon, to whoever provides them
	NotifyMeetingTomorrow  NotificationKind = "meeting-tomorrow"  // with the meeting as a calendar invitation
	NotifyMinutesReady     NotificationKind = "minutes-ready"     // draft minutes are out for corrections
	NotifyRequestDue       NotificationKind = "request-due"       // an information request to answer is due soon
	NotifyRequestOverdue   NotificationKind = "request-overdue"   // an information request is past its due date
	NotifyHealthOpen       NotificationKind = "health-open"       // a health check round has opened
	NotifyHealthClosing    NotificationKind = "health-closing"    // a health check round closes soon
	NotifyReviewDue        NotificationKind = "review-due"        // a training review or a red line's review is due
	NotifyActionOverdue    NotificationKind = "action-overdue"    // an action a person owns is overdue
)

// NotificationKinds lists every kind.
var NotificationKinds = []NotificationKind{
	NotifyPapersCirculated, NotifyPapersDue, NotifyMeetingTomorrow, NotifyMinutesReady, NotifyRequestDue,
	NotifyRequestOverdue, NotifyHealthOpen, NotifyHealthClosing, NotifyReviewDue, NotifyActionOverdue,
}

// Valid reports whether k is a known kind.
func (k NotificationKind) Valid() bool {
	for _, x := range NotificationKinds {
		if x == k {
			return true
		}
	}
	return false
}

// Delivery is how a person receives one kind of notification.
type Delivery string

// The deliveries.
const (
	DeliverNow    Delivery = "now"    // an email for each, as it happens
	DeliverDigest Delivery = "digest" // gathered into one email a week
	DeliverOff    Delivery = "off"    // not at all
)

// Valid reports whether d is a known delivery.
func (d Delivery) Valid() bool { return d == DeliverNow || d == DeliverDigest || d == DeliverOff }

// DefaultDelivery is how a person receives a kind until they choose:
// at once for what needs doing soon, otherwise in the weekly digest.
func DefaultDelivery(k NotificationKind) Delivery {
	switch k {
	case NotifyPapersCirculated, NotifyMinutesReady, NotifyHealthOpen:
		return DeliverDigest
	}
	return DeliverNow
}

// Notification is one notice to one person. Key makes it happen once: a
// second notification with the same key is dropped, however many
// servers try to send it.
type Notification struct {
	ID        int64
	UserID    int64
	Kind      NotificationKind
	Key       string // such as "meeting-tomorrow:<meeting id>"; the user is added to it
	GroupName string
	Subject   string
	Summary   string // a paragraph or two, plain text
	Link      string // where to act on it, an absolute address
	Calendar  string // an iCalendar invitation to attach, or ""
	CreatedAt time.Time
}

// DigestDay is the weekday the weekly digest goes out, after DigestHour
// in UK time.
const (
	DigestDay  = time.Monday
	DigestHour = 7
)
