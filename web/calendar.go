package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-ical"

	"coproduce"
)

// calendarEvent describes one meeting as an iCalendar event. Times are
// written in UTC, which every calendar converts to local time, so they are
// right whichever side of a clock change a meeting falls.
func (s *Server) calendarEvent(m *coproduce.Meeting, groupName, path string, now time.Time) *ical.Event {
	e := ical.NewEvent()
	e.Props.SetText(ical.PropUID, strconv.FormatInt(m.ID, 10)+"@coproduce")
	e.Props.SetDateTime(ical.PropDateTimeStamp, now.UTC())
	e.Props.SetDateTime(ical.PropDateTimeStart, m.StartsAt.UTC())
	e.Props.SetDateTime(ical.PropDateTimeEnd, m.StartsAt.Add(time.Duration(m.Minutes)*time.Minute).UTC())
	e.Props.SetText(ical.PropSummary, m.Title+" – "+groupName)
	location := m.Venue
	if location == "" {
		location = tr("meeting.online")
	}
	e.Props.SetText(ical.PropLocation, location)
	description := s.cfg.BaseURL + path
	if m.AccessNotes != "" {
		description += "\n\n" + m.AccessNotes
	}
	e.Props.SetText(ical.PropDescription, description)
	e.Props.SetText(ical.PropURL, s.cfg.BaseURL+path)
	if m.Cancelled() {
		e.Props.SetText(ical.PropStatus, "CANCELLED")
	}
	return e
}

// writeCalendar sends events as an iCalendar document.
func (s *Server) writeCalendar(w http.ResponseWriter, r *http.Request, name string, events []*ical.Event) {
	b, err := s.calendarBytes(name, events)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `inline; filename="meetings.ics"`)
	w.Write(b)
}

// groupCalendar is the feed of a group's public meetings, for anyone.
func (s *Server) groupCalendar(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, 0)
	if !ok {
		return
	}
	meetings, err := s.db.FindMeetings(r.Context(), gr.Group.ID, true)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	now := s.db.Now()
	var events []*ical.Event
	for _, m := range meetings {
		events = append(events, s.calendarEvent(m, gr.Group.Name, groupPath(gr.Organisation, gr.Group, "/meetings/"+idValue(m.ID)), now))
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	s.writeCalendar(w, r, gr.Group.Name, events)
}

// privateCalendar is a person's feed of all their groups' meetings, behind
// an unguessable address they can replace or revoke.
func (s *Server) privateCalendar(w http.ResponseWriter, r *http.Request) {
	token, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	if !ok {
		s.notFound(w, r)
		return
	}
	meetings, err := s.db.FindFeedMeetings(r.Context(), token)
	if errors.Is(err, coproduce.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	now := s.db.Now()
	var events []*ical.Event
	for _, f := range meetings {
		events = append(events, s.calendarEvent(f.Meeting, f.GroupName, "/o/"+f.OrgSlug+"/g/"+f.GroupSlug+"/meetings/"+idValue(f.Meeting.ID), now))
	}
	w.Header().Set("Cache-Control", "private, no-store")
	s.writeCalendar(w, r, tr("calendar.private.name"), events)
}

type calendarView struct {
	Has bool
	URL string // shown once, just after it is made
}

func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request) {
	has, err := s.db.HasCalendarFeed(r.Context(), currentVisitor(r).User.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "calendar", page{Nav: "account", Data: calendarView{Has: has}})
}

// calendarCreate makes a new private feed address (revoking any earlier
// one) and shows it, once.
func (s *Server) calendarCreate(w http.ResponseWriter, r *http.Request) {
	token, err := s.db.CreateCalendarFeed(r.Context(), currentVisitor(r).User.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "calendar", page{Nav: "account", Data: calendarView{Has: true, URL: s.cfg.BaseURL + "/calendar/" + token + ".ics"}})
}

func (s *Server) calendarRevoke(w http.ResponseWriter, r *http.Request) {
	if err := s.db.RevokeCalendarFeed(r.Context(), currentVisitor(r).User.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/account/calendar", http.StatusSeeOther)
}
