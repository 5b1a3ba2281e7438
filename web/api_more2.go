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
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	lq, ok := s.parseListQuery(w, r, []string{"agreed", "proposed"})
	if !ok {
		return
	}
	list, err := s.db.FindExternalFacilitators(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	status := func(f *coproduce.ExternalFacilitator) string {
		if f.Agreed() {
			return "agreed"
		}
		return "proposed"
	}
	page := listPage(lq, list, func(f *coproduce.ExternalFacilitator) sortKey { return sortKey{f.CreatedAt, f.ID} }, status)
	out := apiList[facilitatorJSON]{Items: make([]facilitatorJSON, len(page.Items)), NextCursor: page.NextCursor}
	for i, f := range page.Items {
		j := facilitatorJSON{ID: apiID(f.ID), Name: f.Name, Offers: f.Offers, Contact: f.Contact, ProposedBy: apiID(f.ProposedBy), ApprovedBySides: []string{}, AgreedByBothSides: f.Agreed()}
		for _, c := range coproduce.Constituencies {
			for _, side := range f.Approvals {
				if side == c {
					j.ApprovedBySides = append(j.ApprovedBySides, string(c))
					break
				}
			}
		}
		out.Items[i] = j
	}
	s.writeList(w, r, out.NextCursor, out)
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
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	lq, ok := s.parseListQuery(w, r, nil)
	if !ok {
		return
	}
	all, err := s.db.FindTimeOuts(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	members, _, err := s.groupMembers(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	now := s.db.Now()
	var away []*coproduce.TimeOut
	for _, o := range all {
		if m := members[o.MemberID]; m == nil || !m.Current() || (!o.Until.IsZero() && !now.Before(o.Until.Add(-12*time.Hour))) {
			continue
		}
		away = append(away, o)
	}
	page := listPage(lq, away, func(o *coproduce.TimeOut) sortKey { return sortKey{o.From, o.ID} }, nil)
	out := apiList[timeOutJSON]{Items: make([]timeOutJSON, len(page.Items)), NextCursor: page.NextCursor}
	for i, o := range page.Items {
		out.Items[i] = timeOutJSON{ID: apiID(o.ID), MemberID: apiID(o.MemberID), From: apiDay(o.From), BackOn: apiDay(o.Until)}
	}
	s.writeList(w, r, out.NextCursor, out)
}

type trainingSessionJSON struct {
	ID          string   `json:"id"`
	Topic       string   `json:"topic"`
	On          *string  `json:"on"`
	Induction   bool     `json:"induction"`
	AttendeeIDs []string `json:"attendee_member_ids"`
}

func (s *Server) apiTrainingSessions(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	lq, ok := s.parseListQuery(w, r, nil)
	if !ok {
		return
	}
	sessions, err := s.db.FindTrainingSessions(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	page := listPage(lq, sessions, func(x *coproduce.TrainingSession) sortKey { return sortKey{x.On, x.ID} }, nil)
	out := apiList[trainingSessionJSON]{Items: make([]trainingSessionJSON, len(page.Items)), NextCursor: page.NextCursor}
	for i, x := range page.Items {
		j := trainingSessionJSON{ID: apiID(x.ID), Topic: x.Topic, On: apiDay(x.On), Induction: x.Induction, AttendeeIDs: []string{}}
		for _, a := range x.Attendees {
			j.AttendeeIDs = append(j.AttendeeIDs, apiID(a))
		}
		out.Items[i] = j
	}
	s.writeList(w, r, out.NextCursor, out)
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
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	lq, ok := s.parseListQuery(w, r, []string{"due", "overdue"})
	if !ok {
		return
	}
	ctx := r.Context()
	_, current, err := s.groupMembers(ctx, gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	reviews, err := s.db.FindTrainingReviews(ctx, gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	away, err := s.db.FindTimeOuts(ctx, gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	last := map[int64]*coproduce.TrainingReview{}
	for _, x := range reviews {
		if l := last[x.MemberID]; l == nil || x.HeldOn.After(l.HeldOn) {
			last[x.MemberID] = x
		}
	}
	now := s.db.Now()
	status := func(m *coproduce.Member) string {
		if coproduce.ReviewOverdue(m, last[m.ID], away, now) {
			return "overdue"
		}
		return "due"
	}
	page := listPage(lq, current, func(m *coproduce.Member) sortKey { return sortKey{coproduce.ReviewDue(m, last[m.ID]), m.ID} }, status)
	out := apiList[trainingReviewJSON]{Items: make([]trainingReviewJSON, len(page.Items)), NextCursor: page.NextCursor}
	for i, m := range page.Items {
		j := trainingReviewJSON{MemberID: apiID(m.ID), DueOn: apiDay(coproduce.ReviewDue(m, last[m.ID])), Overdue: status(m) == "overdue"}
		if l := last[m.ID]; l != nil {
			j.LastHeldOn = apiDay(l.HeldOn)
			if coproduce.CanSeeReview(gr.Member, m.ID) {
				agreed := l.Agreed
				j.Agreed = &agreed
			}
		}
		out.Items[i] = j
	}
	s.writeList(w, r, out.NextCursor, out)
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
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	lq, ok := s.parseListQuery(w, r, coproduce.FeedbackStatuses)
	if !ok {
		return
	}
	items, err := s.db.FindFeedback(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	page := listPage(lq, items, func(f *coproduce.Feedback) sortKey { return sortKey{f.ReceivedOn, f.ID} }, func(f *coproduce.Feedback) string { return f.Status })
	out := apiList[feedbackJSON]{Items: make([]feedbackJSON, len(page.Items)), NextCursor: page.NextCursor}
	for i, f := range page.Items {
		j := feedbackJSON{ID: apiID(f.ID), Source: f.Source, Theme: f.Theme, Said: f.Said, ContactName: f.ContactName, Contact: f.Contact,
			Status: f.Status, ReceivedOn: apiDay(f.ReceivedOn), Links: []feedbackLinkJSON{}}
		for _, l := range f.Links {
			j.Links = append(j.Links, feedbackLinkJSON{DecisionID: apiID(l.DecisionID), Said: l.Said, Did: l.Did, Published: l.Published, LinkedAt: l.LinkedAt.UTC()})
		}
		out.Items[i] = j
	}
	s.writeList(w, r, out.NextCursor, out)
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
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	lq, ok := s.parseListQuery(w, r, []string{"met", "unmet"})
	if !ok {
		return
	}
	needs, err := s.db.FindSupportNeeds(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var seen []*coproduce.SupportNeed
	for _, n := range needs {
		if n.MemberID == gr.Member.ID || coproduce.CanSeeSupportNeed(gr.Member, n) {
			seen = append(seen, n)
		}
	}
	status := func(n *coproduce.SupportNeed) string {
		if n.Met() {
			return "met"
		}
		return "unmet"
	}
	page := listPage(lq, seen, func(n *coproduce.SupportNeed) sortKey { return sortKey{n.CreatedAt, n.ID} }, status)
	out := apiList[supportNeedJSON]{Items: make([]supportNeedJSON, len(page.Items)), NextCursor: page.NextCursor}
	for i, n := range page.Items {
		out.Items[i] = supportNeedJSON{ID: apiID(n.ID), MemberID: apiID(n.MemberID), Kind: n.Kind, Details: n.Details, Recorded: apiDay(n.CreatedAt), MetOn: apiDay(n.MetAt)}
	}
	s.writeList(w, r, out.NextCursor, out)
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
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	lq, ok := s.parseListQuery(w, r, nil)
	if !ok {
		return
	}
	list, err := s.db.FindReflections(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	page := listPage(lq, list, func(x *coproduce.Reflection) sortKey { return sortKey{x.CreatedAt, x.ID} }, nil)
	out := apiList[reflectionJSON]{Items: make([]reflectionJSON, len(page.Items)), NextCursor: page.NextCursor}
	for i, x := range page.Items {
		out.Items[i] = reflectionJSON{ID: apiID(x.ID), Prompt: x.Prompt, AuthorID: apiID(x.AuthorID), MeetingID: optionalID(x.MeetingID), Body: x.Body, CreatedAt: x.CreatedAt.UTC()}
	}
	s.writeList(w, r, out.NextCursor, out)
}
