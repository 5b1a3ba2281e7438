package web

import (
	"net/http"
	"strconv"
	"time"

	"coproduce"
)

// Ids in the API are strings: they are random 63-bit numbers, more than a
// JavaScript number holds exactly.
func apiID(id int64) string { return strconv.FormatInt(id, 10) }

// optionalID is an id, or null when there is none (0).
func optionalID(id int64) *string {
	if id == 0 {
		return nil
	}
	s := apiID(id)
	return &s
}

// apiDay is a day as YYYY-MM-DD in UK time, or null.
func apiDay(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := dateValue(t)
	return &s
}

// apiTime is an instant in UTC, or null.
func apiTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

type groupJSON struct {
	Organisation string `json:"organisation"`
	Slug         string `json:"slug"`
	Name         string `json:"name"`
	Role         string `json:"role"`
	Constituency string `json:"constituency"`
	API          string `json:"api"`
	Page         string `json:"page"`
}

// apiGroups lists the groups the token's owner is a current member of.
func (s *Server) apiGroups(w http.ResponseWriter, r *http.Request) {
	groups, err := s.db.FindUserGroups(r.Context(), currentVisitor(r).User.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	out := apiList[groupJSON]{Items: []groupJSON{}}
	for _, g := range groups {
		path := groupPath(g.Organisation, g.Group, "")
		out.Items = append(out.Items, groupJSON{Organisation: g.Organisation.Slug, Slug: g.Group.Slug, Name: g.Group.Name,
			Role: string(g.Member.Role), Constituency: string(g.Member.Constituency), API: "/api/v1" + path, Page: s.cfg.BaseURL + path})
	}
	writeJSON(w, http.StatusOK, out)
}

type decisionJSON struct {
	ID          string            `json:"id"`
	Title       string            `json:"title"`
	Context     string            `json:"context"`
	Options     string            `json:"options"`
	Outcome     string            `json:"outcome"`
	Method      string            `json:"method"`
	DecidedOn   *string           `json:"decided_on"`
	MeetingID   *string           `json:"meeting_id"`
	Outside     bool              `json:"outside_process"`
	Explanation string            `json:"explanation"`
	ExplainedOn *string           `json:"explained_on"`
	AreaID      *string           `json:"decision_area_id"`
	PaperIDs    []string          `json:"paper_ids"`
	Positions   map[string]string `json:"positions"`
	Dissent     string            `json:"dissent"`
	Published   bool              `json:"published"`
	CreatedAt   time.Time         `json:"created_at"`
	Page        string            `json:"page"`
}

func (s *Server) apiDecisions(w http.ResponseWriter, r *http.Request) {
	serveList(s, w, r, recordList[*coproduce.Decision, decisionJSON]{
		Need: coproduce.SeeGroupRecords,
		Load: func(gr *groupRequest) ([]*coproduce.Decision, error) {
			return s.db.FindDecisions(r.Context(), gr.Group.ID, false)
		},
		Key: func(d *coproduce.Decision) sortKey { return sortKey{d.DecidedOn, d.ID} },
		JSON: func(gr *groupRequest, d *coproduce.Decision) decisionJSON {
			j := decisionJSON{ID: apiID(d.ID), Title: d.Title, Context: d.Context, Options: d.Options, Outcome: d.Outcome, Method: string(d.Method),
				DecidedOn: apiDay(d.DecidedOn), MeetingID: optionalID(d.MeetingID), Outside: d.Outside, Explanation: d.Explanation,
				ExplainedOn: apiDay(d.ExplainedOn), AreaID: optionalID(d.AreaID), PaperIDs: []string{}, Positions: map[string]string{},
				Dissent: d.Dissent, Published: d.Published, CreatedAt: d.CreatedAt.UTC(), Page: s.cfg.BaseURL + groupPath(gr.Organisation, gr.Group, "/decisions/"+idValue(d.ID))}
			for _, p := range d.PaperIDs {
				j.PaperIDs = append(j.PaperIDs, apiID(p))
			}
			for c, p := range d.Positions {
				j.Positions[string(c)] = string(p)
			}
			return j
		},
	})
}

type meetingJSON struct {
	ID           string     `json:"id"`
	Title        string     `json:"title"`
	StartsAt     time.Time  `json:"starts_at"`
	Minutes      int        `json:"minutes"`
	Venue        string     `json:"venue"`
	OnlineLink   string     `json:"online_link"`
	HostMemberID *string    `json:"host_member_id"`
	AccessNotes  string     `json:"access_notes"`
	Visibility   string     `json:"visibility"`
	Status       string     `json:"status"`
	CancelledAt  *time.Time `json:"cancelled_at"`
	Page         string     `json:"page"`
}

// meetingStatus is "upcoming", "held" or "cancelled", for filtering.
func meetingStatus(m *coproduce.Meeting, now time.Time) string {
	switch {
	case m.Cancelled():
		return "cancelled"
	case m.StartsAt.After(now):
		return "upcoming"
	}
	return "held"
}

func (s *Server) apiMeetings(w http.ResponseWriter, r *http.Request) {
	now := s.db.Now()
	serveList(s, w, r, recordList[*coproduce.Meeting, meetingJSON]{
		Need:     coproduce.SeeGroupRecords,
		Statuses: []string{"upcoming", "held", "cancelled"},
		Load: func(gr *groupRequest) ([]*coproduce.Meeting, error) {
			return s.db.FindMeetings(r.Context(), gr.Group.ID, false)
		},
		Key:    func(m *coproduce.Meeting) sortKey { return sortKey{m.StartsAt, m.ID} },
		Status: func(m *coproduce.Meeting) string { return meetingStatus(m, now) },
		JSON: func(gr *groupRequest, m *coproduce.Meeting) meetingJSON {
			return meetingJSON{ID: apiID(m.ID), Title: m.Title, StartsAt: m.StartsAt.UTC(), Minutes: m.Minutes, Venue: m.Venue,
				OnlineLink: m.OnlineLink, HostMemberID: optionalID(m.HostMemberID), AccessNotes: m.AccessNotes, Visibility: string(m.Visibility),
				Status: meetingStatus(m, now), CancelledAt: apiTime(m.CancelledAt), Page: s.cfg.BaseURL + groupPath(gr.Organisation, gr.Group, "/meetings/"+idValue(m.ID))}
		},
	})
}

type infoRequestJSON struct {
	ID              string     `json:"id"`
	Question        string     `json:"question"`
	AskedByMemberID string     `json:"asked_by_member_id"`
	AskedOfMemberID *string    `json:"asked_of_member_id"`
	AskedAt         time.Time  `json:"asked_at"`
	DueAt           time.Time  `json:"due_at"`
	Status          string     `json:"status"`
	Overdue         bool       `json:"overdue"`
	AnsweredAt      *time.Time `json:"answered_at"`
	AnsweredBy      *string    `json:"answered_by_member_id"`
	Answer          string     `json:"answer"`
	Withheld        bool       `json:"withheld"`
	WithheldReason  string     `json:"withheld_reason"`
}

func requestStatus(q *coproduce.InfoRequest) string {
	if q.Answered() {
		return "answered"
	}
	return "open"
}

func newInfoRequestJSON(q *coproduce.InfoRequest, now time.Time) infoRequestJSON {
	return infoRequestJSON{ID: apiID(q.ID), Question: q.Question, AskedByMemberID: apiID(q.AskedBy), AskedOfMemberID: optionalID(q.AskedOfMemberID),
		AskedAt: q.AskedAt.UTC(), DueAt: q.DueAt.UTC(), Status: requestStatus(q), Overdue: q.Overdue(now), AnsweredAt: apiTime(q.AnsweredAt),
		AnsweredBy: optionalID(q.AnsweredBy), Answer: q.Answer, Withheld: q.Withheld, WithheldReason: q.WithheldReason}
}

func (s *Server) apiRequests(w http.ResponseWriter, r *http.Request) {
	now := s.db.Now()
	serveList(s, w, r, recordList[*coproduce.InfoRequest, infoRequestJSON]{
		Need:     coproduce.SeeGroupRecords,
		Statuses: []string{"open", "answered"},
		Load: func(gr *groupRequest) ([]*coproduce.InfoRequest, error) {
			return s.db.FindInfoRequests(r.Context(), gr.Group.ID)
		},
		Key:    func(q *coproduce.InfoRequest) sortKey { return sortKey{q.AskedAt, q.ID} },
		Status: requestStatus,
		JSON:   func(_ *groupRequest, q *coproduce.InfoRequest) infoRequestJSON { return newInfoRequestJSON(q, now) },
	})
}

type apiActionJSON struct {
	ID            string     `json:"id"`
	Title         string     `json:"title"`
	OwnerMemberID *string    `json:"owner_member_id"`
	Due           *string    `json:"due"`
	Status        string     `json:"status"`
	Overdue       bool       `json:"overdue"`
	MeetingID     *string    `json:"meeting_id"`
	DecisionID    *string    `json:"decision_id"`
	Principle     *int       `json:"principle"`
	CreatedAt     time.Time  `json:"created_at"`
	ClosedAt      *time.Time `json:"closed_at"`
}

func newAPIActionJSON(a *coproduce.Action, now time.Time) apiActionJSON {
	j := apiActionJSON{ID: apiID(a.ID), Title: a.Title, OwnerMemberID: optionalID(a.OwnerMemberID), Due: apiDay(a.Due), Status: string(a.Status),
		Overdue: a.Overdue(now), MeetingID: optionalID(a.MeetingID), DecisionID: optionalID(a.DecisionID), CreatedAt: a.CreatedAt.UTC(), ClosedAt: apiTime(a.ClosedAt)}
	if a.Principle != 0 {
		p := a.Principle
		j.Principle = &p
	}
	return j
}

func (s *Server) apiActions(w http.ResponseWriter, r *http.Request) {
	now := s.db.Now()
	serveList(s, w, r, recordList[*coproduce.Action, apiActionJSON]{
		Need:     coproduce.SeeGroupRecords,
		Statuses: []string{string(coproduce.ActionOpen), string(coproduce.ActionDone), string(coproduce.ActionDropped)},
		Load:     func(gr *groupRequest) ([]*coproduce.Action, error) { return s.db.FindActions(r.Context(), gr.Group.ID) },
		Key:      func(a *coproduce.Action) sortKey { return sortKey{a.CreatedAt, a.ID} },
		Status:   func(a *coproduce.Action) string { return string(a.Status) },
		JSON:     func(_ *groupRequest, a *coproduce.Action) apiActionJSON { return newAPIActionJSON(a, now) },
	})
}

// apiActionCreate adds an action, checked exactly as the actions page's
// form is.
func (s *Server) apiActionCreate(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.RecordDecisions)
	if !ok {
		return
	}
	f, ok := s.decodeJSON(w, r, actionFields...)
	if !ok {
		return
	}
	a, err := s.createAction(r, gr, f)
	if !f.OK() {
		s.formProblem(w, r, f)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Location", r.URL.Path+"/"+apiID(a.ID))
	writeJSON(w, http.StatusCreated, newAPIActionJSON(a, s.db.Now()))
}

// apiActionStatus marks an action done, dropped or open again, as the
// actions page does.
func (s *Server) apiActionStatus(w http.ResponseWriter, r *http.Request) {
	gr, a, ok := s.loadAction(w, r)
	if !ok {
		return
	}
	f, ok := s.decodeJSON(w, r, "status")
	if !ok {
		return
	}
	if !s.setActionStatus(w, r, gr, a, f) {
		return
	}
	acts, err := s.db.FindActions(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, x := range acts {
		if x.ID == a.ID {
			writeJSON(w, http.StatusOK, newAPIActionJSON(x, s.db.Now()))
			return
		}
	}
	s.notFound(w, r)
}

// apiRecordsForm starts an API write on the group's records, as
// recordsForm does for a page: the group for a current member, and the
// JSON body read into a form with the page's fields.
func (s *Server) apiRecordsForm(w http.ResponseWriter, r *http.Request, fields ...string) (*groupRequest, *form, bool) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return nil, nil, false
	}
	f, ok := s.decodeJSON(w, r, fields...)
	return gr, f, ok
}

// apiCreated answers an API write: 422 with the form's problems, the
// error page for err, or 201 with v, whose list is at list.
func (s *Server) apiCreated(w http.ResponseWriter, r *http.Request, f *form, err error, list string, v any) {
	switch {
	case err != nil:
		s.serverError(w, r, err)
	case !f.OK():
		s.formProblem(w, r, f)
	default:
		w.Header().Set("Location", list)
		writeJSON(w, http.StatusCreated, v)
	}
}

// apiRequestAsk asks an information request, checked as the page's form.
func (s *Server) apiRequestAsk(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.apiRecordsForm(w, r, requestFields...)
	if !ok {
		return
	}
	q, err := s.askRequest(r, gr, f)
	s.apiCreated(w, r, f, err, r.URL.Path, newInfoRequestJSON(q, s.db.Now()))
}

// apiUpdatePost posts an update, checked as the page's form.
func (s *Server) apiUpdatePost(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.apiRecordsForm(w, r, updateFields...)
	if !ok {
		return
	}
	u, err := s.postUpdate(r, gr, f)
	s.apiCreated(w, r, f, err, r.URL.Path, newUpdateJSON(u))
}

// apiOutreachLog logs outreach as the token's owner's, checked as the
// page's form.
func (s *Server) apiOutreachLog(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.apiRecordsForm(w, r, outreachFields...)
	if !ok {
		return
	}
	o, err := s.logOutreach(r, gr, f)
	s.apiCreated(w, r, f, err, r.URL.Path+"/mine", newOutreachJSON(o))
}
