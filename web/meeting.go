package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"coproduce"
)

type meetingsView struct {
	*groupRequest
	Upcoming, Past []*coproduce.Meeting
}

func (s *Server) meetingsPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	all, err := s.db.FindMeetings(r.Context(), gr.Group.ID, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := meetingsView{groupRequest: gr}
	now := s.db.Now()
	for _, m := range all {
		if m.StartsAt.Add(time.Duration(m.Minutes) * time.Minute).Before(now) {
			v.Past = append([]*coproduce.Meeting{m}, v.Past...) // newest first
		} else {
			v.Upcoming = append(v.Upcoming, m)
		}
	}
	s.render(w, r, http.StatusOK, "meetings", page{Nav: "groups", Data: v})
}

type meetingView struct {
	*groupRequest
	Meeting    *coproduce.Meeting
	Agenda     []*coproduce.AgendaItem
	Members    map[int64]*coproduce.Member
	Current    []*coproduce.Member
	Context    *coproduce.ProjectContext
	Milestones []*coproduce.Milestone
	Risks      []*coproduce.Risk
	Concerns   []*coproduce.Concern // taken by the problems-and-conflicts item; for members only
	Expected   []*coproduce.Member  // current members not on time out at the meeting
	Away       []*coproduce.Member  // current members on time out then
	Form       *form                // the meeting's details, on the new and edit pages
	Propose    *form
	Done       string

	Attendance     map[int64]coproduce.Attendance
	AttendanceForm *form
	Minutes        *coproduce.Minutes // nil until written
	MinutesForm    *form
	Correction     *form
	Approve        *form
	Later          []*coproduce.Meeting // the group's later meetings, where minutes can be approved

	Papers    []*coproduce.Paper // those the visitor may see
	Withheld  []*coproduce.Paper // restricted papers a member may not see: shown by reason only
	PaperForm *form
	Deadline  time.Time // when papers are due
	Now       time.Time
}

// PublicName is how a member is named on the meeting page: by name to the
// group's members, and to everyone else only if the member agreed to be
// listed publicly; otherwise by constituency.
func (v *meetingView) PublicName(m *coproduce.Member) string {
	if v.Member != nil || m.ListedPublicly {
		return memberName(m)
	}
	return tr("member.anonymous", tr("constituency."+string(m.Constituency)))
}

// Late reports whether a paper missed the deadline.
func (v *meetingView) Late(p *coproduce.Paper) bool { return p.Late(v.Deadline, v.Now) }

// CanCirculate reports whether the visitor may mark a paper circulated.
func (v *meetingView) CanCirculate(p *coproduce.Paper) bool {
	return v.Actor.SignedIn() && (p.UploadedBy == v.Actor.User.ID || v.Can("meetings"))
}

// ensureForms gives every form on the meeting page a value, so the
// template can ask any of them for errors.
func (v *meetingView) ensureForms() {
	for _, f := range []**form{&v.Propose, &v.AttendanceForm, &v.MinutesForm, &v.Correction, &v.Approve, &v.PaperForm} {
		if *f == nil {
			*f = newForm()
		}
	}
}

// FormsOK reports whether no form on the page has problems.
func (v *meetingView) FormsOK() bool {
	return v.Propose.OK() && v.AttendanceForm.OK() && v.MinutesForm.OK() && v.Correction.OK() && v.Approve.OK() && v.PaperForm.OK()
}

// SeeMinutes reports whether the visitor may read the minutes: members
// always; anyone else only approved, public minutes.
func (v *meetingView) SeeMinutes() bool {
	if v.Minutes == nil {
		return false
	}
	if v.Member != nil {
		return true
	}
	return v.Minutes.Status == coproduce.MinutesApproved && v.Minutes.Visibility == coproduce.Public
}

// meetingForm fills a form with a meeting's details, in London time.
func meetingForm(m *coproduce.Meeting) *form {
	f := newForm()
	f.Values["title"], f.Values["venue"], f.Values["online_link"] = m.Title, m.Venue, m.OnlineLink
	f.Values["access_notes"], f.Values["visibility"] = m.AccessNotes, string(m.Visibility)
	f.Values["minutes"] = strconv.Itoa(m.Minutes)
	f.Values["host"] = idValue(m.HostMemberID)
	if !m.StartsAt.IsZero() {
		f.Values["date"] = m.StartsAt.In(london).Format("2006-01-02")
		f.Values["time"] = m.StartsAt.In(london).Format("15:04")
	}
	return f
}

// readMeeting reads the meeting form into m, recording problems in f.
// Times are London times, so a meeting at 18:30 is at 18:30 on the day
// whether the clocks have gone back or not.
func readMeeting(f *form, m *coproduce.Meeting) {
	m.Title, m.Venue, m.OnlineLink, m.AccessNotes = f.Get("title"), f.Get("venue"), f.Get("online_link"), f.Get("access_notes")
	m.Visibility = coproduce.Visibility(f.Values["visibility"])
	m.Minutes, _ = strconv.Atoi(f.Get("minutes"))
	m.HostMemberID, _ = strconv.ParseInt(f.Get("host"), 10, 64)
	m.StartsAt = time.Time{}
	if f.Get("date") == "" && f.Get("time") == "" {
		return // Validate says what is missing
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", f.Get("date")+" "+f.Get("time"), london)
	if err != nil {
		f.Fail("date", tr("meeting.error.when"))
		return
	}
	m.StartsAt = t.UTC()
}

func (s *Server) loadMembersInto(w http.ResponseWriter, r *http.Request, v *meetingView) bool {
	all, err := s.db.FindMembers(r.Context(), v.Group.ID, true)
	if err != nil {
		s.serverError(w, r, err)
		return false
	}
	v.Members = map[int64]*coproduce.Member{}
	for _, m := range all {
		v.Members[m.ID] = m
		if m.Current() {
			v.Current = append(v.Current, m)
		}
	}
	return true
}

func (s *Server) meetingNewPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.ManageMeetings)
	if !ok {
		return
	}
	v := &meetingView{groupRequest: gr, Form: meetingForm(&coproduce.Meeting{Minutes: 120, Visibility: coproduce.Public})}
	if !s.loadMembersInto(w, r, v) {
		return
	}
	s.render(w, r, http.StatusOK, "meeting-form", page{Nav: "groups", Data: v})
}

func (s *Server) meetingSave(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.ManageMeetings)
	if !ok {
		return
	}
	m := &coproduce.Meeting{GroupID: gr.Group.ID}
	editing := r.PathValue("meeting") != ""
	if editing {
		var found bool
		if m, found = s.findMeeting(w, r, gr); !found {
			return
		}
	}
	f, err := parseForm(w, r, "title", "date", "time", "minutes", "venue", "online_link", "host", "access_notes", "visibility")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	v := &meetingView{groupRequest: gr, Form: f}
	if editing {
		v.Meeting = m
	}
	readMeeting(f, m)
	// Every problem at once, not only the first one found.
	f.FailWith(m.Validate())
	if f.OK() {
		if editing {
			err = s.db.UpdateMeeting(r.Context(), gr.Actor.User.ID, m)
		} else {
			err = s.db.CreateMeeting(r.Context(), gr.Actor.User.ID, m)
		}
		if !f.FailWith(err) && err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if !f.OK() {
		if !s.loadMembersInto(w, r, v) {
			return
		}
		s.render(w, r, http.StatusUnprocessableEntity, "meeting-form", page{Nav: "groups", Data: v})
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/meetings/"+idValue(m.ID)+"?done=saved"), http.StatusSeeOther)
}

func (s *Server) meetingEditPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.ManageMeetings)
	if !ok {
		return
	}
	m, ok := s.findMeeting(w, r, gr)
	if !ok {
		return
	}
	v := &meetingView{groupRequest: gr, Meeting: m, Form: meetingForm(m)}
	if !s.loadMembersInto(w, r, v) {
		return
	}
	s.render(w, r, http.StatusOK, "meeting-form", page{Nav: "groups", Data: v})
}

// findMeeting finds the meeting in the path within the group, answering
// 404 if there is none.
func (s *Server) findMeeting(w http.ResponseWriter, r *http.Request, gr *groupRequest) (*coproduce.Meeting, bool) {
	id, err := strconv.ParseInt(r.PathValue("meeting"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return nil, false
	}
	m, err := s.db.FindMeeting(r.Context(), gr.Group.ID, id)
	if errors.Is(err, coproduce.ErrNotFound) {
		s.notFound(w, r)
		return nil, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	return m, true
}

// meetingPage shows a meeting and its agenda to those who may see it: a
// public meeting to anyone, a group meeting to the group's members. Someone
// not signed in is asked to sign in for any meeting they cannot see,
// existing or not, so nothing is given away.
func (s *Server) meetingPage(w http.ResponseWriter, r *http.Request) {
	gr, m, ok := s.visibleMeeting(w, r)
	if !ok {
		return
	}
	s.renderMeeting(w, r, http.StatusOK, &meetingView{groupRequest: gr, Meeting: m, Propose: newForm(), Done: doneMessage(r, "meeting.done.")})
}

// visibleMeeting loads the group and the meeting in the path for a page
// anyone may see if the meeting is public, and members if not. When it
// returns false it has answered (see hidden).
func (s *Server) visibleMeeting(w http.ResponseWriter, r *http.Request) (*groupRequest, *coproduce.Meeting, bool) {
	gr, ok := s.loadGroup(w, r, 0)
	if !ok {
		return nil, nil, false
	}
	id, _ := strconv.ParseInt(r.PathValue("meeting"), 10, 64)
	m, err := s.db.FindMeeting(r.Context(), gr.Group.ID, id)
	if err != nil && !errors.Is(err, coproduce.ErrNotFound) {
		s.serverError(w, r, err)
		return nil, nil, false
	}
	if err != nil || !gr.Actor.CanSee(coproduce.Audience{GroupID: gr.Group.ID, Visibility: m.Visibility}) {
		s.hidden(w, r, gr.Actor)
		return nil, nil, false
	}
	return gr, m, true
}

// hidden answers for a record the visitor may not see, or that does not
// exist, alike: someone not signed in is asked to sign in, anyone else gets
// 404. Neither says whether the record exists.
func (s *Server) hidden(w http.ResponseWriter, r *http.Request, actor *coproduce.Actor) {
	if !actor.SignedIn() {
		http.Redirect(w, r, "/sign-in?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	s.notFound(w, r)
}

// renderMeeting loads what the meeting page shows besides the meeting: the
// agenda, the members, and the project recap for the recap item.
func (s *Server) renderMeeting(w http.ResponseWriter, r *http.Request, status int, v *meetingView) {
	v.ensureForms()
	v.Now, v.Deadline = s.db.Now(), coproduce.CirculationDeadline(v.Meeting.StartsAt, v.Group.PaperDeadlineDays)
	papers, err := s.db.FindPapers(r.Context(), v.Meeting.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, p := range papers {
		// Papers a visitor may not see are left out altogether: not even
		// their titles show.
		switch {
		case v.Actor.CanSee(p.Audience):
			v.Papers = append(v.Papers, p)
		case v.Member != nil && p.Audience.Visibility == coproduce.Restricted:
			// The group's members learn that a paper was restricted, and
			// why, but not what it is.
			v.Withheld = append(v.Withheld, p)
		}
	}
	v.Minutes, err = s.db.FindMinutes(r.Context(), v.Meeting.ID)
	if errors.Is(err, coproduce.ErrNotFound) {
		v.Minutes, err = nil, nil
	}
	if err == nil && v.Member != nil {
		v.Attendance, err = s.db.FindAttendance(r.Context(), v.Meeting.ID)
	}
	if err == nil && v.Can("meetings") {
		var all []*coproduce.Meeting
		if all, err = s.db.FindMeetings(r.Context(), v.Group.ID, false); err == nil {
			for _, m := range all {
				if m.StartsAt.After(v.Meeting.StartsAt) {
					v.Later = append(v.Later, m)
				}
			}
		}
		if v.Minutes != nil && v.MinutesForm.Values["body"] == "" && v.MinutesForm.OK() {
			v.MinutesForm.Values["body"], v.MinutesForm.Values["visibility"] = v.Minutes.Body, string(v.Minutes.Visibility)
		}
		if v.Minutes == nil && v.MinutesForm.OK() {
			v.MinutesForm.Values["visibility"] = string(coproduce.Public)
		}
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Agenda, err = s.db.FindAgenda(r.Context(), v.Meeting.ID); err == nil {
		if v.Context, err = s.db.FindProjectContext(r.Context(), v.Group.ID); err == nil {
			if v.Milestones, err = s.db.FindMilestones(r.Context(), v.Group.ID); err == nil {
				v.Risks, err = s.db.FindRisks(r.Context(), v.Group.ID, true)
			}
		}
	}
	if err == nil && v.Member != nil {
		v.Concerns, err = s.db.FindMeetingConcerns(r.Context(), v.Meeting.ID)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !s.loadMembersInto(w, r, v) {
		return
	}
	if v.Member != nil {
		away, err := s.db.FindTimeOuts(r.Context(), v.Group.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v.Expected = away.Expected(v.Current, v.Meeting.StartsAt)
		for _, m := range v.Current {
			if away.On(m.ID, v.Meeting.StartsAt) {
				v.Away = append(v.Away, m)
			}
		}
	}
	s.render(w, r, status, "meeting", page{Nav: "groups", Data: v})
}

// meetingAction loads the group and meeting for a POST on a meeting,
// checking need.
func (s *Server) meetingAction(w http.ResponseWriter, r *http.Request, need coproduce.Permission) (*groupRequest, *coproduce.Meeting, bool) {
	gr, ok := s.loadGroup(w, r, need)
	if !ok {
		return nil, nil, false
	}
	m, ok := s.findMeeting(w, r, gr)
	return gr, m, ok
}

// afterMeetingAction answers a meeting POST: the page again with the
// problems (422), or back to the page with a confirmation.
func (s *Server) afterMeetingAction(w http.ResponseWriter, r *http.Request, gr *groupRequest, m *coproduce.Meeting, f *form, err error, into func(*meetingView), done string) {
	switch {
	case errors.Is(err, coproduce.ErrNotFound):
		s.notFound(w, r)
		return
	case !f.FailWith(err) && err != nil:
		s.serverError(w, r, err)
		return
	}
	if !f.OK() {
		v := &meetingView{groupRequest: gr, Meeting: m}
		into(v)
		s.renderMeeting(w, r, http.StatusUnprocessableEntity, v)
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/meetings/"+idValue(m.ID)+"?done="+done+"#minutes"), http.StatusSeeOther)
}

// attendanceSubmit records who came, from one radio group per member.
func (s *Server) attendanceSubmit(w http.ResponseWriter, r *http.Request) {
	gr, m, ok := s.meetingAction(w, r, coproduce.ManageMeetings)
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r)
		return
	}
	f := newForm()
	att := map[int64]coproduce.Attendance{}
	for key, vals := range r.PostForm {
		id, err := strconv.ParseInt(strings.TrimPrefix(key, "attendance-"), 10, 64)
		if err != nil || !strings.HasPrefix(key, "attendance-") || len(vals) != 1 {
			continue
		}
		f.Values[key] = vals[0]
		att[id] = coproduce.Attendance(vals[0])
	}
	var err error
	if len(att) == 0 {
		f.Fail("attendance", tr("meeting.error.attendance"))
	} else {
		err = s.db.RecordAttendance(r.Context(), gr.Actor.User.ID, gr.Group.ID, m.ID, att)
	}
	s.afterMeetingAction(w, r, gr, m, f, err, func(v *meetingView) { v.AttendanceForm = f }, "attendance")
}

func (s *Server) minutesSave(w http.ResponseWriter, r *http.Request) {
	gr, m, ok := s.meetingAction(w, r, coproduce.ManageMeetings)
	if !ok {
		return
	}
	f, err := parseForm(w, r, "body", "visibility")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	err = s.db.SaveMinutes(r.Context(), gr.Actor.User.ID, gr.Group.ID,
		&coproduce.Minutes{MeetingID: m.ID, Body: f.Values["body"], Visibility: coproduce.Visibility(f.Values["visibility"])})
	s.afterMeetingAction(w, r, gr, m, f, err, func(v *meetingView) { v.MinutesForm = f }, "minutes")
}

func (s *Server) minutesCirculate(w http.ResponseWriter, r *http.Request) {
	gr, m, ok := s.meetingAction(w, r, coproduce.ManageMeetings)
	if !ok {
		return
	}
	f := newForm()
	err := s.db.CirculateMinutes(r.Context(), gr.Actor.User.ID, gr.Group.ID, m.ID)
	s.afterMeetingAction(w, r, gr, m, f, err, func(v *meetingView) { v.MinutesForm = f }, "circulated")
}

func (s *Server) minutesApprove(w http.ResponseWriter, r *http.Request) {
	gr, m, ok := s.meetingAction(w, r, coproduce.ManageMeetings)
	if !ok {
		return
	}
	f, err := parseForm(w, r, "approved_at")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	at, _ := strconv.ParseInt(f.Get("approved_at"), 10, 64)
	err = s.db.ApproveMinutes(r.Context(), gr.Actor.User.ID, gr.Group.ID, m.ID, at)
	s.afterMeetingAction(w, r, gr, m, f, err, func(v *meetingView) { v.Approve = f }, "approved")
}

func (s *Server) minutesCorrection(w http.ResponseWriter, r *http.Request) {
	gr, m, ok := s.meetingAction(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	f, err := parseForm(w, r, "correction")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	err = s.db.AddCorrection(r.Context(), gr.Actor.User.ID, gr.Member, m.ID, f.Values["correction"])
	s.afterMeetingAction(w, r, gr, m, f, err, func(v *meetingView) { v.Correction = f }, "correction")
}

// itemPropose adds a member's item to the agenda.
func (s *Server) itemPropose(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	m, ok := s.findMeeting(w, r, gr)
	if !ok {
		return
	}
	f, err := parseForm(w, r, "title", "description")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	err = s.db.ProposeItem(r.Context(), gr.Actor.User.ID, gr.Member, m.ID, &coproduce.AgendaItem{Title: f.Get("title"), Description: f.Get("description")})
	if f.FailWith(err) {
		s.renderMeeting(w, r, http.StatusUnprocessableEntity, &meetingView{groupRequest: gr, Meeting: m, Propose: f})
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/meetings/"+idValue(m.ID)+"?done=proposed#agenda"), http.StatusSeeOther)
}

// itemMove moves a proposed item up or down the agenda.
func (s *Server) itemMove(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.ManageMeetings)
	if !ok {
		return
	}
	m, ok := s.findMeeting(w, r, gr)
	if !ok {
		return
	}
	f, err := parseForm(w, r, "direction")
	item, perr := strconv.ParseInt(r.PathValue("item"), 10, 64)
	if err != nil || perr != nil {
		s.notFound(w, r)
		return
	}
	by := 1
	if f.Values["direction"] == "up" {
		by = -1
	}
	err = s.db.MoveItem(r.Context(), gr.Actor.User.ID, gr.Group.ID, m.ID, item, by)
	if errors.Is(err, coproduce.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/meetings/"+idValue(m.ID)+"#agenda"), http.StatusSeeOther)
}

// meetingCancel calls a meeting off.
func (s *Server) meetingCancel(w http.ResponseWriter, r *http.Request) {
	gr, m, ok := s.meetingAction(w, r, coproduce.ManageMeetings)
	if !ok {
		return
	}
	if err := s.db.CancelMeeting(r.Context(), gr.Actor.User.ID, gr.Group.ID, m.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/meetings/"+idValue(m.ID)+"?done=cancelled"), http.StatusSeeOther)
}
