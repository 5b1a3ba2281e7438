package web

import (
	"net/http"
	"time"

	"coproduce"
)

// The rest of the group's records in the API: the project, facilitators
// and mediators, time out, training, community feedback, support needs
// and reflections, each read as its page reads it.

type projectJSON struct {
	Stages       []string        `json:"stages"`
	CurrentStage string          `json:"current_stage"`
	Milestones   []milestoneJSON `json:"milestones"`
	Risks        []riskJSON      `json:"risks"`
}

type milestoneJSON struct {
	ID        string  `json:"id"`
	Title     string  `json:"title"`
	Due       *string `json:"due"`
	DoneOn    *string `json:"done_on"`
	TimesMove int     `json:"times_moved"`
}

type riskJSON struct {
	ID          string  `json:"id"`
	Kind        string  `json:"kind"`
	Title       string  `json:"title"`
	Description string  `json:"description"`
	RaisedOn    *string `json:"raised_on"`
	ClosedOn    *string `json:"closed_on"`
}

// apiProject is where the project stands: its stage, milestones, and
// risks and opportunities.
func (s *Server) apiProject(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	ctx := r.Context()
	pc, err := s.db.FindProjectContext(ctx, gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	milestones, err := s.db.FindMilestones(ctx, gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	risks, err := s.db.FindRisks(ctx, gr.Group.ID, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	out := projectJSON{Stages: pc.Stages(), Milestones: []milestoneJSON{}, Risks: []riskJSON{}}
	if pc.CurrentStage >= 0 && pc.CurrentStage < len(out.Stages) {
		out.CurrentStage = out.Stages[pc.CurrentStage]
	}
	for _, m := range milestones {
		out.Milestones = append(out.Milestones, milestoneJSON{ID: apiID(m.ID), Title: m.Title, Due: apiDay(m.Due), DoneOn: apiDay(m.DoneAt), TimesMove: len(m.Changes)})
	}
	for _, x := range risks {
		out.Risks = append(out.Risks, riskJSON{ID: apiID(x.ID), Kind: string(x.Kind), Title: x.Title, Description: x.Description, RaisedOn: apiDay(x.CreatedAt), ClosedOn: apiDay(x.ClosedAt)})
	}
	writeJSON(w, http.StatusOK, out)
}

type facilitatorJSON struct {
	ID                string   `json:"id"`
	Name              string   `json:"name"`
	Offers            string   `json:"offers"`
	Contact           string   `json:"contact"`
	ProposedBy        string   `json:"proposed_by_member_id"`
	ApprovedBySides   []string `json:"approved_by_sides"`
	AgreedByBothSides bool     `json:"agreed_by_both_sides"`
}

func (s *Server) apiFacilitators(w http.ResponseWriter, r *http.Request) {
	status := func(f *coproduce.ExternalFacilitator) string {
		if f.Agreed() {
			return "agreed"
		}
		return "proposed"
	}
	serveList(s, w, r, recordList[*coproduce.ExternalFacilitator, facilitatorJSON]{
		Need:     coproduce.SeeGroupRecords,
		Statuses: []string{"agreed", "proposed"},
		Load: func(gr *groupRequest) ([]*coproduce.ExternalFacilitator, error) {
			return s.db.FindExternalFacilitators(r.Context(), gr.Group.ID)
		},
		Key:    func(f *coproduce.ExternalFacilitator) sortKey { return sortKey{f.CreatedAt, f.ID} },
		Status: status,
		JSON: func(_ *groupRequest, f *coproduce.ExternalFacilitator) facilitatorJSON {
			j := facilitatorJSON{ID: apiID(f.ID), Name: f.Name, Offers: f.Offers, Contact: f.Contact, ProposedBy: apiID(f.ProposedBy), ApprovedBySides: []string{}, AgreedByBothSides: f.Agreed()}
			for _, c := range coproduce.Constituencies {
				for _, side := range f.Approvals {
					if side == c {
						j.ApprovedBySides = append(j.ApprovedBySides, string(c))
						break
					}
				}
			}
			return j
		},
	})
}

type timeOutJSON struct {
	ID       string  `json:"id"`
	MemberID string  `json:"member_id"`
	From     *string `json:"from"`
	BackOn   *string `json:"back_on"`
}

// apiTimeOut is who is on time out now, or about to be, as the page shows:
// when, never why.
func (s *Server) apiTimeOut(w http.ResponseWriter, r *http.Request) {
	serveList(s, w, r, recordList[*coproduce.TimeOut, timeOutJSON]{
		Need: coproduce.SeeGroupRecords,
		Load: func(gr *groupRequest) ([]*coproduce.TimeOut, error) {
			all, err := s.db.FindTimeOuts(r.Context(), gr.Group.ID)
			if err != nil {
				return nil, err
			}
			members, _, err := s.groupMembers(r.Context(), gr.Group.ID)
			return awayOrGoing(all, members, s.db.Now()), err
		},
		Key: func(o *coproduce.TimeOut) sortKey { return sortKey{o.From, o.ID} },
		JSON: func(_ *groupRequest, o *coproduce.TimeOut) timeOutJSON {
			return timeOutJSON{ID: apiID(o.ID), MemberID: apiID(o.MemberID), From: apiDay(o.From), BackOn: apiDay(o.Until)}
		},
	})
}

type trainingSessionJSON struct {
	ID          string   `json:"id"`
	Topic       string   `json:"topic"`
	On          *string  `json:"on"`
	Induction   bool     `json:"induction"`
	AttendeeIDs []string `json:"attendee_member_ids"`
}

func (s *Server) apiTrainingSessions(w http.ResponseWriter, r *http.Request) {
	serveList(s, w, r, recordList[*coproduce.TrainingSession, trainingSessionJSON]{
		Need: coproduce.SeeGroupRecords,
		Load: func(gr *groupRequest) ([]*coproduce.TrainingSession, error) {
			return s.db.FindTrainingSessions(r.Context(), gr.Group.ID)
		},
		Key: func(x *coproduce.TrainingSession) sortKey { return sortKey{x.On, x.ID} },
		JSON: func(_ *groupRequest, x *coproduce.TrainingSession) trainingSessionJSON {
			j := trainingSessionJSON{ID: apiID(x.ID), Topic: x.Topic, On: apiDay(x.On), Induction: x.Induction, AttendeeIDs: []string{}}
			for _, a := range x.Attendees {
				j.AttendeeIDs = append(j.AttendeeIDs, apiID(a))
			}
			return j
		},
	})
}

type trainingReviewJSON struct {
	MemberID   string  `json:"member_id"`
	LastHeldOn *string `json:"last_held_on"`
	DueOn      *string `json:"due_on"`
	Overdue    bool    `json:"overdue"`
	Agreed     *string `json:"agreed"` // only for the member and those who lead
}

// apiTrainingReviews is each current member's training review: when the
// last was and the next is due, which everyone sees, and what was agreed,
// which only the member and those who lead see.
func (s *Server) apiTrainingReviews(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	now := s.db.Now()
	last := map[int64]*coproduce.TrainingReview{}
	var away coproduce.TimeOuts
	status := func(m *coproduce.Member) string {
		if coproduce.ReviewOverdue(m, last[m.ID], away, now) {
			return "overdue"
		}
		return "due"
	}
	serveList(s, w, r, recordList[*coproduce.Member, trainingReviewJSON]{
		Need:     coproduce.SeeGroupRecords,
		Statuses: []string{"due", "overdue"},
		Load: func(gr *groupRequest) ([]*coproduce.Member, error) {
			_, current, err := s.groupMembers(ctx, gr.Group.ID)
			if err != nil {
				return nil, err
			}
			reviews, err := s.db.FindTrainingReviews(ctx, gr.Group.ID)
			if err != nil {
				return nil, err
			}
			for _, x := range reviews {
				if l := last[x.MemberID]; l == nil || x.HeldOn.After(l.HeldOn) {
					last[x.MemberID] = x
				}
			}
			away, err = s.db.FindTimeOuts(ctx, gr.Group.ID)
			return current, err
		},
		Key:    func(m *coproduce.Member) sortKey { return sortKey{coproduce.ReviewDue(m, last[m.ID]), m.ID} },
		Status: status,
		JSON: func(gr *groupRequest, m *coproduce.Member) trainingReviewJSON {
			j := trainingReviewJSON{MemberID: apiID(m.ID), DueOn: apiDay(coproduce.ReviewDue(m, last[m.ID])), Overdue: status(m) == "overdue"}
			if l := last[m.ID]; l != nil {
				j.LastHeldOn = apiDay(l.HeldOn)
				if coproduce.CanSeeReview(gr.Member, m.ID) {
					agreed := l.Agreed
					j.Agreed = &agreed
				}
			}
			return j
		},
	})
}

type feedbackJSON struct {
	ID          string             `json:"id"`
	Source      string             `json:"source"`
	Theme       string             `json:"theme"`
	Said        string             `json:"said"`
	ContactName string             `json:"contact_name"`
	Contact     string             `json:"contact"`
	Status      string             `json:"status"`
	ReceivedOn  *string            `json:"received_on"`
	Links       []feedbackLinkJSON `json:"you_said_we_did"`
}

type feedbackLinkJSON struct {
	DecisionID string    `json:"decision_id"`
	Said       string    `json:"you_said"`
	Did        string    `json:"we_did"`
	Published  bool      `json:"published"`
	LinkedAt   time.Time `json:"linked_at"`
}

func (s *Server) apiFeedback(w http.ResponseWriter, r *http.Request) {
	serveList(s, w, r, recordList[*coproduce.Feedback, feedbackJSON]{
		Need:     coproduce.SeeGroupRecords,
		Statuses: coproduce.FeedbackStatuses,
		Load: func(gr *groupRequest) ([]*coproduce.Feedback, error) {
			return s.db.FindFeedback(r.Context(), gr.Group.ID)
		},
		Key:    func(f *coproduce.Feedback) sortKey { return sortKey{f.ReceivedOn, f.ID} },
		Status: func(f *coproduce.Feedback) string { return f.Status },
		JSON: func(_ *groupRequest, f *coproduce.Feedback) feedbackJSON {
			j := feedbackJSON{ID: apiID(f.ID), Source: f.Source, Theme: f.Theme, Said: f.Said, ContactName: f.ContactName, Contact: f.Contact,
				Status: f.Status, ReceivedOn: apiDay(f.ReceivedOn), Links: []feedbackLinkJSON{}}
			for _, l := range f.Links {
				j.Links = append(j.Links, feedbackLinkJSON{DecisionID: apiID(l.DecisionID), Said: l.Said, Did: l.Did, Published: l.Published, LinkedAt: l.LinkedAt.UTC()})
			}
			return j
		},
	})
}

type supportNeedJSON struct {
	ID       string  `json:"id"`
	MemberID string  `json:"member_id"`
	Kind     string  `json:"kind"`
	Details  string  `json:"details"`
	Recorded *string `json:"recorded_on"`
	MetOn    *string `json:"met_on"`
}

// apiSupport is the support needs the token's owner may see: their own,
// and, for those who lead, everyone's.
func (s *Server) apiSupport(w http.ResponseWriter, r *http.Request) {
	serveList(s, w, r, recordList[*coproduce.SupportNeed, supportNeedJSON]{
		Need:     coproduce.SeeGroupRecords,
		Statuses: []string{"met", "unmet"},
		Load: func(gr *groupRequest) ([]*coproduce.SupportNeed, error) {
			needs, err := s.db.FindSupportNeeds(r.Context(), gr.Group.ID)
			var seen []*coproduce.SupportNeed
			for _, n := range needs {
				if n.MemberID == gr.Member.ID || coproduce.CanSeeSupportNeed(gr.Member, n) {
					seen = append(seen, n)
				}
			}
			return seen, err
		},
		Key: func(n *coproduce.SupportNeed) sortKey { return sortKey{n.CreatedAt, n.ID} },
		Status: func(n *coproduce.SupportNeed) string {
			if n.Met() {
				return "met"
			}
			return "unmet"
		},
		JSON: func(_ *groupRequest, n *coproduce.SupportNeed) supportNeedJSON {
			return supportNeedJSON{ID: apiID(n.ID), MemberID: apiID(n.MemberID), Kind: n.Kind, Details: n.Details, Recorded: apiDay(n.CreatedAt), MetOn: apiDay(n.MetAt)}
		},
	})
}

type reflectionJSON struct {
	ID        string    `json:"id"`
	Prompt    string    `json:"prompt"`
	AuthorID  string    `json:"author_member_id"`
	MeetingID *string   `json:"meeting_id"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

func (s *Server) apiReflections(w http.ResponseWriter, r *http.Request) {
	serveList(s, w, r, recordList[*coproduce.Reflection, reflectionJSON]{
		Need: coproduce.SeeGroupRecords,
		Load: func(gr *groupRequest) ([]*coproduce.Reflection, error) {
			return s.db.FindReflections(r.Context(), gr.Group.ID)
		},
		Key: func(x *coproduce.Reflection) sortKey { return sortKey{x.CreatedAt, x.ID} },
		JSON: func(_ *groupRequest, x *coproduce.Reflection) reflectionJSON {
			return reflectionJSON{ID: apiID(x.ID), Prompt: x.Prompt, AuthorID: apiID(x.AuthorID), MeetingID: optionalID(x.MeetingID), Body: x.Body, CreatedAt: x.CreatedAt.UTC()}
		},
	})
}
