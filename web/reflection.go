package web

import (
	"net/http"
	"strconv"

	"coproduce"
)

type reflectionsView struct {
	*groupRequest
	ByPrompt    map[string][]*coproduce.Reflection // newest first
	Officers    []*coproduce.Reflection
	Members     map[int64]*coproduce.Member
	Meetings    []*coproduce.Meeting
	MeetingByID map[int64]*coproduce.Meeting
	Form        *form
	OfficerForm *form
	Done        string
}

// Prompts lists the reflection prompts in order.
func (v *reflectionsView) Prompts() []string { return coproduce.ReflectionPrompts }

// CanReflectAsOfficer reports whether the visitor may record an officer's
// reflection.
func (v *reflectionsView) CanReflectAsOfficer() bool {
	return v.Member.Constituency == coproduce.OrganisationSide
}

func (s *Server) reflectionsPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	s.renderReflections(w, r, http.StatusOK, &reflectionsView{groupRequest: gr, Form: newForm(), OfficerForm: newForm(), Done: doneMessage(r, "reflections.done.")})
}

func (s *Server) renderReflections(w http.ResponseWriter, r *http.Request, status int, v *reflectionsView) {
	ctx := r.Context()
	list, err := s.db.FindReflections(ctx, v.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.ByPrompt = map[string][]*coproduce.Reflection{}
	for _, x := range list {
		if x.Prompt == coproduce.OfficerReflection {
			v.Officers = append(v.Officers, x)
		} else {
			v.ByPrompt[x.Prompt] = append(v.ByPrompt[x.Prompt], x)
		}
	}
	if v.Members, _, err = s.groupMembers(ctx, v.Group.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	meetings, err := s.db.FindMeetings(ctx, v.Group.ID, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.MeetingByID = map[int64]*coproduce.Meeting{}
	now := s.db.Now()
	for _, m := range meetings {
		v.MeetingByID[m.ID] = m
		if !m.Cancelled() && m.StartsAt.Before(now) {
			v.Meetings = append(v.Meetings, m)
		}
	}
	if v.Form == nil {
		v.Form = newForm()
	}
	if v.OfficerForm == nil {
		v.OfficerForm = newForm()
	}
	s.render(w, r, status, "reflections", page{Nav: "groups", Data: v})
}

func (s *Server) reflectionRecord(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.recordsForm(w, r, "prompt", "meeting", "body", "officer_body")
	if !ok {
		return
	}
	x := &coproduce.Reflection{Prompt: f.Values["prompt"], Body: f.Get("body")}
	v := &reflectionsView{groupRequest: gr, Form: f}
	if x.Prompt == coproduce.OfficerReflection {
		x.Body = f.Get("officer_body")
		v.Form, v.OfficerForm = nil, f
	} else {
		x.MeetingID, _ = strconv.ParseInt(f.Get("meeting"), 10, 64)
	}
	err := s.db.CreateReflection(r.Context(), gr.Actor.User.ID, gr.Member, x)
	s.finish(w, r, err, f, func(status int) { s.renderReflections(w, r, status, v) },
		groupPath(gr.Organisation, gr.Group, "/reflections?done=recorded"))
}
