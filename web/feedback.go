package web

import (
	"cmp"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"coproduce"
)

// youSaidLimit is how many "you said, we did" links the public page shows.
const youSaidLimit = 50

// Limits on the public feedback form: per source address for each group
// in an hour, and per group in a day, so a script cannot flood the group.
const (
	feedbackPerIP    = 5
	feedbackPerGroup = 200
)

type feedbackView struct {
	*groupRequest
	Items     []*coproduce.Feedback
	Outreach  []*coproduce.Outreach
	Members   map[int64]*coproduce.Member
	Decisions map[int64]*coproduce.Decision
	Form      *form
	Done      string
}

type feedbackItemView struct {
	feedbackView
	Item      *coproduce.Feedback
	Choices   []*coproduce.Decision
	Triage    *form
	LinkForm  *form
	OutreachE *coproduce.Outreach // the outreach it came from
}

func (s *Server) feedbackPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	f := newForm()
	f.Values["source"] = "outreach"
	s.renderFeedback(w, r, http.StatusOK, &feedbackView{groupRequest: gr, Form: f, Done: doneMessage(r, "feedback.done.")})
}

// load fills in what both feedback pages show.
func (s *Server) loadFeedback(r *http.Request, v *feedbackView) error {
	ctx := r.Context()
	var err error
	if v.Items, err = s.db.FindFeedback(ctx, v.Group.ID); err != nil {
		return err
	}
	if v.Outreach, err = s.db.FindOutreach(ctx, v.Group.ID); err != nil {
		return err
	}
	if v.Members, _, err = s.groupMembers(ctx, v.Group.ID); err != nil {
		return err
	}
	decisions, err := s.db.FindDecisions(ctx, v.Group.ID, false)
	v.Decisions = make(map[int64]*coproduce.Decision, len(decisions))
	for _, d := range decisions {
		v.Decisions[d.ID] = d
	}
	return err
}

func (s *Server) renderFeedback(w http.ResponseWriter, r *http.Request, status int, v *feedbackView) {
	if err := s.loadFeedback(r, v); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "feedback", page{Nav: "groups", Data: v})
}

func (s *Server) feedbackRecord(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.recordsForm(w, r, "source", "outreach", "theme", "said", "contact_name", "contact")
	if !ok {
		return
	}
	fb := &coproduce.Feedback{GroupID: gr.Group.ID, Source: f.Values["source"], Theme: f.Get("theme"), Said: f.Get("said"),
		ContactName: f.Get("contact_name"), Contact: f.Get("contact"), RecordedBy: gr.Member.ID}
	if fb.Source == "public" {
		fb.Source = "" // only the public form says so
	}
	if fb.Source == "outreach" {
		fb.OutreachID, _ = strconv.ParseInt(f.Get("outreach"), 10, 64)
	}
	err := s.db.CreateFeedback(r.Context(), gr.Actor.User.ID, fb)
	s.finish(w, r, err, f, func(status int) { s.renderFeedback(w, r, status, &feedbackView{groupRequest: gr, Form: f}) },
		groupPath(gr.Organisation, gr.Group, "/feedback?done=recorded"))
}

func (s *Server) feedbackItemPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	s.renderFeedbackItem(w, r, http.StatusOK, &feedbackItemView{feedbackView: feedbackView{groupRequest: gr, Done: doneMessage(r, "feedback.done.")}})
}

func (s *Server) renderFeedbackItem(w http.ResponseWriter, r *http.Request, status int, v *feedbackItemView) {
	if err := s.loadFeedback(r, &v.feedbackView); err != nil {
		s.serverError(w, r, err)
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("feedback"), 10, 64)
	for _, f := range v.Items {
		if f.ID == id {
			v.Item = f
		}
	}
	if v.Item == nil {
		s.notFound(w, r)
		return
	}
	for _, o := range v.Outreach {
		if o.ID == v.Item.OutreachID {
			v.OutreachE = o
		}
	}
	for _, d := range v.Decisions {
		v.Choices = append(v.Choices, d)
	}
	slices.SortFunc(v.Choices, func(a, b *coproduce.Decision) int { // newest first
		if c := b.DecidedOn.Compare(a.DecidedOn); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	if v.Triage == nil {
		v.Triage = newForm()
		v.Triage.Values["theme"], v.Triage.Values["status"] = v.Item.Theme, v.Item.Status
	}
	if v.LinkForm == nil {
		v.LinkForm = newForm()
	}
	s.render(w, r, status, "feedback-item", page{Nav: "groups", Data: v})
}

func (s *Server) feedbackTriage(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.recordsForm(w, r, "theme", "status")
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("feedback"), 10, 64)
	err := s.db.UpdateFeedback(r.Context(), gr.Actor.User.ID, gr.Group.ID, id, f.Get("theme"), f.Values["status"])
	s.afterFeedbackChange(w, r, gr, id, err, f, nil, "updated")
}

func (s *Server) feedbackLink(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.recordsForm(w, r, "decision", "link_said", "did", "published")
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("feedback"), 10, 64)
	l := &coproduce.FeedbackLink{FeedbackID: id, Said: f.Get("link_said"), Did: f.Get("did"), Published: f.Values["published"] == "yes"}
	l.DecisionID, _ = strconv.ParseInt(f.Get("decision"), 10, 64)
	if l.Published && !gr.Actor.CanInGroup(coproduce.RecordDecisions, gr.Group) {
		// Publishing speaks for the group, as the decisions log does.
		f.Fail("published", tr("feedback.publish.forbidden"))
		s.renderFeedbackItem(w, r, http.StatusUnprocessableEntity, &feedbackItemView{feedbackView: feedbackView{groupRequest: gr}, LinkForm: f})
		return
	}
	err := s.db.LinkFeedback(r.Context(), gr.Actor.User.ID, gr.Group.ID, l)
	s.afterFeedbackChange(w, r, gr, id, err, nil, f, "linked")
}

// afterFeedbackChange answers a change to one piece of feedback: 404, the
// page again with the problems, or back to the page.
func (s *Server) afterFeedbackChange(w http.ResponseWriter, r *http.Request, gr *groupRequest, id int64, err error, triage, link *form, done string) {
	v := &feedbackItemView{feedbackView: feedbackView{groupRequest: gr}, Triage: triage, LinkForm: link}
	switch {
	case errors.Is(err, coproduce.ErrNotFound):
		s.notFound(w, r)
	case triage != nil && triage.FailWith(err), link != nil && link.FailWith(err):
		s.renderFeedbackItem(w, r, http.StatusUnprocessableEntity, v)
	case err != nil:
		s.serverError(w, r, err)
	default:
		http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/feedback/"+strconv.FormatInt(id, 10)+"?done="+done), http.StatusSeeOther)
	}
}

// publicFeedback takes feedback from the form on the group's public page.
// No account is needed. A filled-in honeypot field is thanked and thrown
// away; too many messages from one address, or to one group, are refused
// with the text kept.
func (s *Server) publicFeedback(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, 0)
	if !ok {
		return
	}
	f, err := parseForm(w, r, "said", "theme", "contact_name", "contact", "website")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	thanks := groupPath(gr.Organisation, gr.Group, "?done=feedback#feedback")
	if f.Values["website"] != "" {
		s.logger.InfoContext(r.Context(), "public feedback dropped: honeypot filled")
		http.Redirect(w, r, thanks, http.StatusSeeOther)
		return
	}
	fb := &coproduce.Feedback{GroupID: gr.Group.ID, Source: "public", Status: "new", Theme: f.Get("theme"), Said: f.Get("said"),
		ContactName: f.Get("contact_name"), Contact: f.Get("contact")}
	// A mistake does not count against the limits; only messages do.
	if f.FailWith(fb.Validate()) {
		s.renderGroup(w, r, http.StatusUnprocessableEntity, &groupView{groupRequest: gr, Form: f})
		return
	}
	group := strconv.FormatInt(gr.Group.ID, 10)
	fromHere, err := s.db.Allow(r.Context(), "feedback-ip:"+group+":"+s.clientIP(r), feedbackPerIP, time.Hour)
	toGroup := true
	if err == nil && fromHere {
		toGroup, err = s.db.Allow(r.Context(), "feedback-group:"+group, feedbackPerGroup, 24*time.Hour)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !fromHere || !toGroup {
		key := "feedback.public.limited"
		if !toGroup {
			key = "feedback.public.busy"
		}
		f.Fail("said", tr(key))
		s.renderGroup(w, r, http.StatusTooManyRequests, &groupView{groupRequest: gr, Form: f})
		return
	}
	err = s.db.CreateFeedback(r.Context(), 0, fb)
	s.finish(w, r, err, f, func(status int) { s.renderGroup(w, r, status, &groupView{groupRequest: gr, Form: f}) },
		thanks)
}
