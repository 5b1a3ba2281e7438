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
	status := func(m *coproduce.Member) string {
		if m.Current() {
			return "current"
		}
		return "former"
	}
	serveList(s, w, r, recordList[*coproduce.Member, memberJSON]{
		Need:     coproduce.SeeGroup,
		Statuses: []string{"current", "former"},
		Load: func(gr *groupRequest) ([]*coproduce.Member, error) {
			return s.db.FindMembers(r.Context(), gr.Group.ID, true)
		},
		Key:    func(m *coproduce.Member) sortKey { return sortKey{m.JoinedAt, m.ID} },
		Status: status,
		JSON: func(gr *groupRequest, m *coproduce.Member) memberJSON {
			j := memberJSON{ID: apiID(m.ID), Name: memberName(m), Role: string(m.Role), RoleDescription: m.RoleDescription, Constituency: string(m.Constituency),
				Status: status(m), JoinedOn: apiDay(m.JoinedAt), LeftOn: apiDay(m.LeftAt), InductedOn: apiDay(m.InductedAt), ListedPublicly: m.ListedPublicly}
			if m.Email != "" && gr.Actor.CanInGroup(coproduce.SeeContactDetails, gr.Group) {
				email := m.Email
				j.Email = &email
			}
			return j
		},
	})
}

type decisionAreaJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Rung int    `json:"agreed_rung"`
}

func (s *Server) apiDecisionAreas(w http.ResponseWriter, r *http.Request) {
	serveList(s, w, r, recordList[*coproduce.DecisionArea, decisionAreaJSON]{
		Need: coproduce.SeeGroupRecords,
		Load: func(gr *groupRequest) ([]*coproduce.DecisionArea, error) {
			return s.db.FindDecisionAreas(r.Context(), gr.Group.ID)
		},
		Key: func(a *coproduce.DecisionArea) sortKey { return sortKey{a.CreatedAt, a.ID} },
		JSON: func(_ *groupRequest, a *coproduce.DecisionArea) decisionAreaJSON {
			return decisionAreaJSON{ID: apiID(a.ID), Name: a.Name, Rung: int(a.Rung)}
		},
	})
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
	serveList(s, w, r, recordList[coproduce.OutreachWeek, outreachWeekJSON]{
		Need: coproduce.SeeGroupRecords,
		Load: func(gr *groupRequest) ([]coproduce.OutreachWeek, error) {
			all, err := s.db.FindOutreach(r.Context(), gr.Group.ID)
			return coproduce.OutreachByWeek(all), err
		},
		Key: func(wk coproduce.OutreachWeek) sortKey { return sortKey{wk.Week, 0} },
		JSON: func(_ *groupRequest, wk coproduce.OutreachWeek) outreachWeekJSON {
			return outreachWeekJSON{WeekStarting: *apiDay(wk.Week), Entries: wk.Entries, People: wk.People, FedBack: wk.FedBack}
		},
	})
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
	serveList(s, w, r, recordList[*coproduce.Outreach, outreachJSON]{
		Need: coproduce.SeeGroupRecords,
		Load: func(gr *groupRequest) ([]*coproduce.Outreach, error) {
			all, err := s.db.FindOutreach(r.Context(), gr.Group.ID)
			var mine []*coproduce.Outreach
			for _, o := range all {
				if o.MemberID == gr.Member.ID {
					mine = append(mine, o)
				}
			}
			return mine, err
		},
		Key:  func(o *coproduce.Outreach) sortKey { return sortKey{o.On, o.ID} },
		JSON: func(_ *groupRequest, o *coproduce.Outreach) outreachJSON { return newOutreachJSON(o) },
	})
}

func newOutreachJSON(o *coproduce.Outreach) outreachJSON {
	return outreachJSON{ID: apiID(o.ID), On: apiDay(o.On), Method: o.Method, People: o.People, Themes: o.Themes, Notes: o.Notes, FedBackAt: optionalID(o.FedBackAt)}
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
	serveList(s, w, r, recordList[*coproduce.Update, updateJSON]{
		Need:     coproduce.SeeGroupRecords,
		Statuses: coproduce.UpdateKinds,
		Load: func(gr *groupRequest) ([]*coproduce.Update, error) {
			return s.db.FindUpdates(r.Context(), gr.Group.ID, time.Time{}, time.Time{}, 1<<30)
		},
		Key:    func(u *coproduce.Update) sortKey { return sortKey{u.PostedAt, u.ID} },
		Status: func(u *coproduce.Update) string { return u.Kind },
		JSON:   func(_ *groupRequest, u *coproduce.Update) updateJSON { return newUpdateJSON(u) },
	})
}

func newUpdateJSON(u *coproduce.Update) updateJSON {
	return updateJSON{ID: apiID(u.ID), Kind: u.Kind, Title: u.Title, Body: u.Body, AuthorMemberID: apiID(u.AuthorID), PostedAt: u.PostedAt.UTC()}
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
	now := s.db.Now()
	status := func(l *coproduce.RedLine) string {
		if l.RetiredAt.IsZero() {
			return "current"
		}
		return "retired"
	}
	serveList(s, w, r, recordList[*coproduce.RedLine, redLineJSON]{
		Need:     coproduce.SeeGroupRecords,
		Statuses: []string{"current", "retired"},
		Load: func(gr *groupRequest) ([]*coproduce.RedLine, error) {
			return s.db.FindRedLines(r.Context(), gr.Group.ID)
		},
		Key:    func(l *coproduce.RedLine) sortKey { return sortKey{l.RaisedOn, l.ID} },
		Status: status,
		JSON: func(_ *groupRequest, l *coproduce.RedLine) redLineJSON {
			return redLineJSON{ID: apiID(l.ID), Kind: string(l.Kind), Title: l.Title, Owner: l.Owner, Reason: l.Reason, RaisedOn: apiDay(l.RaisedOn),
				ReviewBy: apiDay(l.ReviewBy), ReviewOverdue: l.ReviewOverdue(now), RetiredOn: apiDay(l.RetiredAt)}
		},
	})
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
	var statuses []string
	for _, st := range []coproduce.ConcernStatus{coproduce.ConcernOpen, coproduce.ConcernOnAgenda, coproduce.ConcernMediation, coproduce.ConcernResolved, coproduce.ConcernClosed} {
		statuses = append(statuses, string(st))
	}
	serveList(s, w, r, recordList[*coproduce.Concern, concernJSON]{
		Need:     coproduce.SeeGroupRecords,
		Statuses: statuses,
		Load: func(gr *groupRequest) ([]*coproduce.Concern, error) {
			return s.db.FindConcerns(r.Context(), gr.Group.ID)
		},
		Key:    func(c *coproduce.Concern) sortKey { return sortKey{c.RaisedOn, c.ID} },
		Status: func(c *coproduce.Concern) string { return string(c.Status) },
		JSON: func(_ *groupRequest, c *coproduce.Concern) concernJSON {
			return concernJSON{ID: apiID(c.ID), Kind: c.Kind, Title: c.Title, Details: c.Details, RaisedByMemberID: optionalID(c.RaisedBy),
				RaisedOn: apiDay(c.RaisedOn), Status: string(c.Status), MeetingID: optionalID(c.MeetingID), Outcome: c.Outcome, UpdatedAt: c.UpdatedAt.UTC()}
		},
	})
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
	now := s.db.Now()
	var counts map[int64]int
	serveList(s, w, r, recordList[*coproduce.HealthRound, healthRoundJSON]{
		Need:     coproduce.SeeGroupRecords,
		Statuses: []string{"upcoming", "open", "closed"},
		Load: func(gr *groupRequest) ([]*coproduce.HealthRound, error) {
			rounds, err := s.db.FindHealthRounds(r.Context(), gr.Group.ID)
			if err == nil {
				counts, err = s.db.HealthAnswerCounts(r.Context(), gr.Group.ID)
			}
			return rounds, err
		},
		Key:    func(x *coproduce.HealthRound) sortKey { return sortKey{x.OpensOn, x.ID} },
		Status: func(x *coproduce.HealthRound) string { return roundStatus(x, now) },
		JSON: func(_ *groupRequest, x *coproduce.HealthRound) healthRoundJSON {
			return healthRoundJSON{ID: apiID(x.ID), Title: x.Title, OpensOn: apiDay(x.OpensOn), ClosesOn: apiDay(x.ClosesOn),
				Status: roundStatus(x, now), MinCell: x.MinCell, Answers: counts[x.ID]}
		},
	})
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
