package web

import (
	"net/http"
	"strconv"
	"time"

	"coproduce"
)

type trainingView struct {
	*groupRequest
	Sessions    []*coproduce.TrainingSession
	Reviews     []*coproduce.TrainingReview // those the visitor may read
	Rows        []reviewRow
	Members     map[int64]*coproduce.Member
	Current     []*coproduce.Member
	SessionForm *form
	ReviewForm  *form
	Done        string
}

// reviewRow is one current member's line in the table of reviews.
type reviewRow struct {
	Member    *coproduce.Member
	Inducted  bool      // attended an induction session, or has an induction recorded
	Last      time.Time // zero if never reviewed
	Due       time.Time
	Overdue   bool
	OnTimeOut bool
}

func (s *Server) trainingPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	today := s.db.Now().In(london).Format("2006-01-02")
	sf, rf := newForm(), newForm()
	sf.Values["on"], rf.Values["held_on"] = today, today
	rf.Values["review_member"] = strconv.FormatInt(gr.Member.ID, 10)
	s.renderTraining(w, r, http.StatusOK, &trainingView{groupRequest: gr, SessionForm: sf, ReviewForm: rf, Done: doneMessage(r, "training.done.")})
}

func (s *Server) renderTraining(w http.ResponseWriter, r *http.Request, status int, v *trainingView) {
	ctx := r.Context()
	var err error
	if v.Members, v.Current, err = s.groupMembers(ctx, v.Group.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Sessions, err = s.db.FindTrainingSessions(ctx, v.Group.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	reviews, err := s.db.FindTrainingReviews(ctx, v.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	away, err := s.db.FindTimeOuts(ctx, v.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	last := map[int64]*coproduce.TrainingReview{}
	for _, x := range reviews { // latest first
		if last[x.MemberID] == nil {
			last[x.MemberID] = x
		}
		if coproduce.CanSeeReview(v.Member, x.MemberID) {
			v.Reviews = append(v.Reviews, x)
		}
	}
	now := s.db.Now()
	for _, m := range v.Current {
		row := reviewRow{Member: m, Inducted: !m.InductedAt.IsZero(), Due: coproduce.ReviewDue(m, last[m.ID]),
			Overdue: coproduce.ReviewOverdue(m, last[m.ID], away, now), OnTimeOut: away.On(m.ID, now)}
		if l := last[m.ID]; l != nil {
			row.Last = l.HeldOn
		}
		for _, sess := range v.Sessions {
			if sess.Induction && sess.Attended(m.ID) {
				row.Inducted = true
			}
		}
		v.Rows = append(v.Rows, row)
	}
	s.render(w, r, status, "training", page{Nav: "groups", Data: v})
}

func (s *Server) trainingSessionRecord(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.recordsForm(w, r, "topic", "on", "induction")
	if !ok {
		return
	}
	sess := &coproduce.TrainingSession{GroupID: gr.Group.ID, Topic: f.Get("topic"), On: parseDate(f, "on"), Induction: f.Values["induction"] == "yes", RecordedBy: gr.Member.ID}
	for _, raw := range r.PostForm["attendees"] {
		f.Values["attendee-"+raw] = "yes"
		if id, err := strconv.ParseInt(raw, 10, 64); err == nil {
			sess.Attendees = append(sess.Attendees, id)
		}
	}
	var err error
	if f.OK() {
		err = s.db.CreateTrainingSession(r.Context(), gr.Actor.User.ID, sess)
	}
	s.finish(w, r, err, f, func(status int) {
		s.renderTraining(w, r, status, &trainingView{groupRequest: gr, SessionForm: f, ReviewForm: newForm()})
	},
		groupPath(gr.Organisation, gr.Group, "/training?done=session"))
}

func (s *Server) trainingReviewRecord(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.recordsForm(w, r, "review_member", "held_on", "agreed")
	if !ok {
		return
	}
	review := &coproduce.TrainingReview{HeldOn: parseDate(f, "held_on"), Agreed: f.Get("agreed")}
	review.MemberID, _ = strconv.ParseInt(f.Get("review_member"), 10, 64)
	var err error
	if f.OK() {
		err = s.db.RecordTrainingReview(r.Context(), gr.Actor.User.ID, gr.Member, review)
	}
	s.finish(w, r, err, f, func(status int) {
		s.renderTraining(w, r, status, &trainingView{groupRequest: gr, SessionForm: newForm(), ReviewForm: f})
	},
		groupPath(gr.Organisation, gr.Group, "/training?done=review"))
}
