package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"coproduce"
)

type skillsView struct {
	*groupRequest
	Audits   []*coproduce.SkillsAudit
	Audit    *coproduce.SkillsAudit // the one shown: chosen, or the latest
	Answered bool                   // the visitor has given ratings in it
	Results  []coproduce.SkillsRow  // once it has closed
	Ratings  map[int64]map[string]int
	Members  map[int64]*coproduce.Member
	Rated    []*coproduce.Member // members whose ratings the visitor may see
	Form     *form               // the visitor's ratings
	OpenForm *form               // topics for a new audit
	Done     string
}

// Constituencies lists the constituencies, for the results table.
func (v *skillsView) Constituencies() []coproduce.Constituency { return coproduce.Constituencies }

// Level returns member's rating on topic, or 0.
func (v *skillsView) Level(memberID int64, topic string) int { return v.Ratings[memberID][topic] }

func (s *Server) skillsPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	open := newForm()
	open.Values["topics"] = strings.Join(coproduce.DefaultSkillTopics, "\n")
	s.renderSkills(w, r, http.StatusOK, &skillsView{groupRequest: gr, OpenForm: open, Done: doneMessage(r, "skills.done.")})
}

func (s *Server) renderSkills(w http.ResponseWriter, r *http.Request, status int, v *skillsView) {
	ctx := r.Context()
	var err error
	if v.Audits, err = s.db.FindSkillsAudits(ctx, v.Group.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Members, _, err = s.groupMembers(ctx, v.Group.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.OpenForm == nil {
		v.OpenForm = newForm()
	}
	want, _ := strconv.ParseInt(r.URL.Query().Get("audit"), 10, 64)
	for _, a := range v.Audits {
		if v.Audit == nil && (want == 0 || a.ID == want) {
			v.Audit = a
		}
	}
	if v.Audit != nil {
		ratings, err := s.db.FindSkillsRatings(ctx, v.Audit.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v.Ratings = map[int64]map[string]int{}
		for _, x := range ratings {
			if v.Ratings[x.MemberID] == nil {
				v.Ratings[x.MemberID] = map[string]int{}
				if m := v.Members[x.MemberID]; m != nil && coproduce.CanSeeRatings(v.Member, m.ID) {
					v.Rated = append(v.Rated, m)
				}
			}
			v.Ratings[x.MemberID][x.Topic] = x.Level
		}
		v.Answered = v.Ratings[v.Member.ID] != nil
		if !v.Audit.Open() {
			v.Results = coproduce.SkillsResults(v.Audit, ratings)
		}
		if v.Form == nil {
			v.Form = newForm()
			for i, t := range v.Audit.Topics {
				if l := v.Ratings[v.Member.ID][t]; l > 0 {
					v.Form.Values["topic-"+strconv.Itoa(i)] = strconv.Itoa(l)
				}
			}
		}
		// Nobody else's ratings, unless the visitor leads the group.
		for id := range v.Ratings {
			if !coproduce.CanSeeRatings(v.Member, id) {
				delete(v.Ratings, id)
			}
		}
	}
	if v.Form == nil {
		v.Form = newForm()
	}
	s.render(w, r, status, "skills", page{Nav: "groups", Data: v})
}

func (s *Server) skillsOpen(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroupToLead(w, r)
	if !ok {
		return
	}
	f, err := parseForm(w, r, "topics")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	topics, err := coproduce.ParseSkillTopics(f.Values["topics"])
	if err == nil {
		_, err = s.db.OpenSkillsAudit(r.Context(), gr.Actor.User.ID, gr.Member, topics)
	}
	s.finish(w, r, err, f, func(status int) { s.renderSkills(w, r, status, &skillsView{groupRequest: gr, OpenForm: f}) },
		groupPath(gr.Organisation, gr.Group, "/skills?done=opened"))
}

func (s *Server) skillsRate(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.recordsForm(w, r)
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("audit"), 10, 64)
	audits, err := s.db.FindSkillsAudits(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var audit *coproduce.SkillsAudit
	for _, a := range audits {
		if a.ID == id {
			audit = a
		}
	}
	if audit == nil {
		s.notFound(w, r)
		return
	}
	ratings := map[string]int{}
	for i, t := range audit.Topics {
		name := "topic-" + strconv.Itoa(i)
		f.Values[name] = r.PostForm.Get(name)
		ratings[t], _ = strconv.Atoi(f.Values[name])
	}
	err = s.db.SaveSkillsRatings(r.Context(), gr.Actor.User.ID, gr.Member, id, ratings)
	s.finish(w, r, err, f, func(status int) { s.renderSkills(w, r, status, &skillsView{groupRequest: gr, Form: f}) },
		groupPath(gr.Organisation, gr.Group, "/skills?done=rated"))
}

func (s *Server) skillsClose(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("audit"), 10, 64)
	err := s.db.CloseSkillsAudit(r.Context(), gr.Actor.User.ID, gr.Member, id)
	switch {
	case errors.Is(err, coproduce.ErrNotFound):
		s.notFound(w, r)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/skills?done=closed"), http.StatusSeeOther)
}
