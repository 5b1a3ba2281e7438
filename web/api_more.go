package web

import (
	"net/http"
	"time"

	"coproduce"
)

// More of a group's records in the API, each read exactly as its page
// reads it, with the same permission.

type memberJSON struct {
	ID              string  `json:"id"`
	Name            string  `json:"name"`
	Email           *string `json:"email"` // only for those who may see contact details
	Role            string  `json:"role"`
	RoleDescription string  `json:"role_description"`
	Constituency    string  `json:"constituency"`
	Status          string  `json:"status"`
	JoinedOn        *string `json:"joined_on"`
	LeftOn          *string `json:"left_on"`
	InductedOn      *string `json:"inducted_on"`
	ListedPublicly  bool    `json:"listed_publicly"`
}

func (s *Server) apiMembers(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroup)
	if !ok {
		return
	}
	lq, ok := s.parseListQuery(w, r, []string{"current", "former"})
	if !ok {
		return
	}
	all, err := s.db.FindMembers(r.Context(), gr.Group.ID, true)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	status := func(m *coproduce.Member) string {
		if m.Current() {
			return "current"
		}
		return "former"
	}
	contacts := gr.Actor.CanInGroup(coproduce.SeeContactDetails, gr.Group)
	list := listPage(lq, all, func(m *coproduce.Member) sortKey { return sortKey{m.JoinedAt, m.ID} }, status)
	out := apiList[memberJSON]{Items: make([]memberJSON, len(list.Items)), NextCursor: list.NextCursor}
	for i, m := range list.Items {
		j := memberJSON{ID: apiID(m.ID), Name: memberName(m), Role: string(m.Role), RoleDescription: m.RoleDescription, Constituency: string(m.Constituency),
			Status: status(m), JoinedOn: apiDay(m.JoinedAt), LeftOn: apiDay(m.LeftAt), InductedOn: apiDay(m.InductedAt), ListedPublicly: m.ListedPublicly}
		if contacts && m.Email != "" {
			email := m.Email
			j.Email = &email
		}
		out.Items[i] = j
	}
	s.writeList(w, r, out.NextCursor, out)
}

type decisionAreaJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Rung int    `json:"agreed_rung"`
}

func (s *Server) apiDecisionAreas(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	lq, ok := s.parseListQuery(w, r, nil)
	if !ok {
		return
	}
	areas, err := s.db.FindDecisionAreas(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	list := listPage(lq, areas, func(a *coproduce.DecisionArea) sortKey { return sortKey{a.CreatedAt, a.ID} }, nil)
	out := apiList[decisionAreaJSON]{Items: make([]decisionAreaJSON, len(list.Items)), NextCursor: list.NextCursor}
	for i, a := range list.Items {
		out.Items[i] = decisionAreaJSON{ID: apiID(a.ID), Name: a.Name, Rung: int(a.Rung)}
	}
	s.writeList(w, r, out.NextCursor, out)
}

type outreachWeekJSON struct {
	WeekStarting string `json:"week_starting"`
	Entries      int    `json:"entries"`
	People       int    `json:"people"`
	FedBack      int    `json:"fed_back"`
}

// apiOutreachWeeks is the group's outreach totalled by week, which every
// member sees.
func (s *Server) apiOutreachWeeks(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	lq, ok := s.parseListQuery(w, r, nil)
	if !ok {
		return
	}
	all, err := s.db.FindOutreach(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	list := listPage(lq, coproduce.OutreachByWeek(all), func(wk coproduce.OutreachWeek) sortKey { return sortKey{wk.Week, 0} }, nil)
	out := apiList[outreachWeekJSON]{Items: make([]outreachWeekJSON, len(list.Items)), NextCursor: list.NextCursor}
	for i, wk := range list.Items {
		out.Items[i] = outreachWeekJSON{WeekStarting: *apiDay(wk.Week), Entries: wk.Entries, People: wk.People, FedBack: wk.FedBack}
	}
	s.writeList(w, r, out.NextCursor, out)
}

type outreachJSON struct {
	ID        string  `json:"id"`
	On        *string `json:"on"`
	Method    string  `json:"method"`
	People    int     `json:"people"`
	Themes    string  `json:"themes"`
	Notes     string  `json:"notes"`
	FedBackAt *string `json:"fed_back_at_meeting_id"`
}

// apiOutreachMine is the token owner's own outreach entries: nobody sees
// another member's.
func (s *Server) apiOutreachMine(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	lq, ok := s.parseListQuery(w, r, nil)
	if !ok {
		return
	}
	all, err := s.db.FindOutreach(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var mine []*coproduce.Outreach
	for _, o := range all {
		if o.MemberID == gr.Member.ID {
			mine = append(mine, o)
		}
	}
	list := listPage(lq, mine, func(o *coproduce.Outreach) sortKey { return sortKey{o.On, o.ID} }, nil)
	out := apiList[outreachJSON]{Items: make([]outreachJSON, len(list.Items)), NextCursor: list.NextCursor}
	for i, o := range list.Items {
		out.Items[i] = outreachJSON{ID: apiID(o.ID), On: apiDay(o.On), Method: o.Method, People: o.People, Themes: o.Themes, Notes: o.Notes, FedBackAt: optionalID(o.FedBackAt)}
	}
	s.writeList(w, r, out.NextCursor, out)
}

type updateJSON struct {
	ID             string    `json:"id"`
	Kind           string    `json:"kind"`
	Title          string    `json:"title"`
	Body           string    `json:"body"`
	AuthorMemberID string    `json:"author_member_id"`
	PostedAt       time.Time `json:"posted_at"`
}

func (s *Server) apiUpdates(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	lq, ok := s.parseListQuery(w, r, coproduce.UpdateKinds)
	if !ok {
		return
	}
	updates, err := s.db.FindUpdates(r.Context(), gr.Group.ID, time.Time{}, time.Time{}, 1<<30)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	list := listPage(lq, updates, func(u *coproduce.Update) sortKey { return sortKey{u.PostedAt, u.ID} }, func(u *coproduce.Update) string { return u.Kind })
	out := apiList[updateJSON]{Items: make([]updateJSON, len(list.Items)), NextCursor: list.NextCursor}
	for i, u := range list.Items {
		out.Items[i] = updateJSON{ID: apiID(u.ID), Kind: u.Kind, Title: u.Title, Body: u.Body, AuthorMemberID: apiID(u.AuthorID), PostedAt: u.PostedAt.UTC()}
	}
	s.writeList(w, r, out.NextCursor, out)
}

type redLineJSON struct {
	ID            string  `json:"id"`
	Kind          string  `json:"kind"`
	Title         string  `json:"title"`
	Owner         string  `json:"owner"`
	Reason        string  `json:"reason"`
	RaisedOn      *string `json:"raised_on"`
	ReviewBy      *string `json:"review_by"`
	ReviewOverdue bool    `json:"review_overdue"`
	RetiredOn     *string `json:"retired_on"`
}

func (s *Server) apiRedLines(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	lq, ok := s.parseListQuery(w, r, []string{"current", "retired"})
	if !ok {
		return
	}
	lines, err := s.db.FindRedLines(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	status := func(l *coproduce.RedLine) string {
		if l.RetiredAt.IsZero() {
			return "current"
		}
		return "retired"
	}
	now := s.db.Now()
	list := listPage(lq, lines, func(l *coproduce.RedLine) sortKey { return sortKey{l.RaisedOn, l.ID} }, status)
	out := apiList[redLineJSON]{Items: make([]redLineJSON, len(list.Items)), NextCursor: list.NextCursor}
	for i, l := range list.Items {
		out.Items[i] = redLineJSON{ID: apiID(l.ID), Kind: string(l.Kind), Title: l.Title, Owner: l.Owner, Reason: l.Reason, RaisedOn: apiDay(l.RaisedOn),
			ReviewBy: apiDay(l.ReviewBy), ReviewOverdue: l.ReviewOverdue(now), RetiredOn: apiDay(l.RetiredAt)}
	}
	s.writeList(w, r, out.NextCursor, out)
}

type concernJSON struct {
	ID               string    `json:"id"`
	Kind             string    `json:"kind"`
	Title            string    `json:"title"`
	Details          string    `json:"details"`
	RaisedByMemberID *string   `json:"raised_by_member_id"` // null when raised anonymously
	RaisedOn         *string   `json:"raised_on"`
	Status           string    `json:"status"`
	MeetingID        *string   `json:"meeting_id"`
	Outcome          string    `json:"outcome"`
	UpdatedAt        time.Time `json:"updated_at"`
}

func (s *Server) apiConcerns(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	var statuses []string
	for _, st := range []coproduce.ConcernStatus{coproduce.ConcernOpen, coproduce.ConcernOnAgenda, coproduce.ConcernMediation, coproduce.ConcernResolved, coproduce.ConcernClosed} {
		statuses = append(statuses, string(st))
	}
	lq, ok := s.parseListQuery(w, r, statuses)
	if !ok {
		return
	}
	concerns, err := s.db.FindConcerns(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	list := listPage(lq, concerns, func(c *coproduce.Concern) sortKey { return sortKey{c.RaisedOn, c.ID} }, func(c *coproduce.Concern) string { return string(c.Status) })
	out := apiList[concernJSON]{Items: make([]concernJSON, len(list.Items)), NextCursor: list.NextCursor}
	for i, c := range list.Items {
		out.Items[i] = concernJSON{ID: apiID(c.ID), Kind: c.Kind, Title: c.Title, Details: c.Details, RaisedByMemberID: optionalID(c.RaisedBy),
			RaisedOn: apiDay(c.RaisedOn), Status: string(c.Status), MeetingID: optionalID(c.MeetingID), Outcome: c.Outcome, UpdatedAt: c.UpdatedAt.UTC()}
	}
	s.writeList(w, r, out.NextCursor, out)
}

type healthRoundJSON struct {
	ID       string  `json:"id"`
	Title    string  `json:"title"`
	OpensOn  *string `json:"opens_on"`
	ClosesOn *string `json:"closes_on"`
	Status   string  `json:"status"`
	MinCell  int     `json:"smallest_figure"`
	Answers  int     `json:"answers"`
}

// roundStatus is "upcoming", "open" or "closed".
func roundStatus(r *coproduce.HealthRound, now time.Time) string {
	switch {
	case r.Closed(now):
		return "closed"
	case r.Started(now):
		return "open"
	}
	return "upcoming"
}

func (s *Server) apiHealthRounds(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	lq, ok := s.parseListQuery(w, r, []string{"upcoming", "open", "closed"})
	if !ok {
		return
	}
	rounds, err := s.db.FindHealthRounds(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	counts, err := s.db.HealthAnswerCounts(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	now := s.db.Now()
	list := listPage(lq, rounds, func(x *coproduce.HealthRound) sortKey { return sortKey{x.OpensOn, x.ID} },
		func(x *coproduce.HealthRound) string { return roundStatus(x, now) })
	out := apiList[healthRoundJSON]{Items: make([]healthRoundJSON, len(list.Items)), NextCursor: list.NextCursor}
	for i, x := range list.Items {
		out.Items[i] = healthRoundJSON{ID: apiID(x.ID), Title: x.Title, OpensOn: apiDay(x.OpensOn), ClosesOn: apiDay(x.ClosesOn),
			Status: roundStatus(x, now), MinCell: x.MinCell, Answers: counts[x.ID]}
	}
	s.writeList(w, r, out.NextCursor, out)
}

// apiHealthReport is the health check report as data, the same as the
// report's JSON download.
func (s *Server) apiHealthReport(w http.ResponseWriter, r *http.Request) {
	v, ok := s.reportFile(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, s.reportData(v))
}
