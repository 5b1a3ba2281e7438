package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"coproduce"
)

type projectView struct {
	*groupRequest
	Context    *coproduce.ProjectContext
	Milestones []*coproduce.Milestone
	Risks      []*coproduce.Risk
	StageForm  *form
	Milestone  *form
	Move       *form // for the milestone named by MoveID
	MoveID     int64
	Risk       *form
	Done       string
}

func (s *Server) loadProject(w http.ResponseWriter, r *http.Request, need coproduce.Permission) (*projectView, bool) {
	gr, ok := s.loadGroup(w, r, need)
	if !ok {
		return nil, false
	}
	v := &projectView{groupRequest: gr, StageForm: newForm(), Milestone: newForm(), Move: newForm(), Risk: newForm(), Done: doneMessage(r, "project.done.")}
	var err error
	if v.Context, err = s.db.FindProjectContext(r.Context(), gr.Group.ID); err == nil {
		if v.Milestones, err = s.db.FindMilestones(r.Context(), gr.Group.ID); err == nil {
			v.Risks, err = s.db.FindRisks(r.Context(), gr.Group.ID, false)
		}
	}
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	v.StageForm.Values["stage"] = strconv.Itoa(v.Context.CurrentStage)
	v.StageForm.Values["phases"] = strings.Join(v.Context.Phases, "\n")
	return v, true
}

func (s *Server) projectPage(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadProject(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "project", page{Nav: "groups", Data: v})
}

// processView is the process explainer: every stage of the RIBA Plan of
// Work in plain words, with where the group's project stands.
type processView struct {
	*groupRequest
	Context *coproduce.ProjectContext
	Guide   []coproduce.StageGuide
	Names   []string
	Current int // the RIBA stage the project is at, or -1 for the group's own phases
}

// processPage explains the stages a project goes through and what
// residents can shape in each, beside the stage the group is at.
func (s *Server) processPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	pc, err := s.db.FindProjectContext(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := &processView{groupRequest: gr, Context: pc, Guide: coproduce.ProcessGuide, Names: coproduce.RIBAStages, Current: -1}
	if pc.UsesRIBA() {
		v.Current = pc.CurrentStage
	}
	s.render(w, r, http.StatusOK, "process", page{Nav: "groups", Data: v})
}

// projectFail shows the project page again with a form's problems.
func (s *Server) projectFail(w http.ResponseWriter, r *http.Request, v *projectView) {
	s.render(w, r, http.StatusUnprocessableEntity, "project", page{Nav: "groups", Data: v})
}

func (s *Server) projectDone(w http.ResponseWriter, r *http.Request, v *projectView, done string) {
	http.Redirect(w, r, groupPath(v.Organisation, v.Group, "/project?done="+done), http.StatusSeeOther)
}

func (s *Server) projectStage(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadProject(w, r, coproduce.EditProject)
	if !ok {
		return
	}
	f, err := parseForm(w, r, "stage", "phases")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	v.StageForm = f
	p := &coproduce.ProjectContext{GroupID: v.Group.ID, Phases: coproduce.Lines(f.Values["phases"])}
	if p.CurrentStage, err = strconv.Atoi(f.Get("stage")); err != nil {
		p.CurrentStage = -1
	}
	if err := s.db.SetProjectContext(r.Context(), v.Actor.User.ID, p); f.FailWith(err) {
		s.projectFail(w, r, v)
		return
	} else if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.projectDone(w, r, v, "stage")
}

func (s *Server) milestoneCreate(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadProject(w, r, coproduce.EditProject)
	if !ok {
		return
	}
	f, err := parseForm(w, r, "title", "due")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	v.Milestone = f
	m := &coproduce.Milestone{GroupID: v.Group.ID, Title: f.Get("title"), Due: parseDate(f, "due")}
	if f.OK() {
		err = s.db.CreateMilestone(r.Context(), v.Actor.User.ID, m)
		if !f.FailWith(err) && err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if !f.OK() {
		s.projectFail(w, r, v)
		return
	}
	s.projectDone(w, r, v, "milestone")
}

func (s *Server) milestoneMove(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadProject(w, r, coproduce.EditProject)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("milestone"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	f, err := parseForm(w, r, "due", "reason")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	v.Move, v.MoveID = f, id
	due := parseDate(f, "due")
	if f.OK() {
		err = s.db.MoveMilestone(r.Context(), v.Actor.User.ID, v.Group.ID, id, due, f.Get("reason"))
		switch {
		case errors.Is(err, coproduce.ErrNotFound):
			s.notFound(w, r)
			return
		case !f.FailWith(err) && err != nil:
			s.serverError(w, r, err)
			return
		}
	}
	if !f.OK() {
		s.projectFail(w, r, v)
		return
	}
	s.projectDone(w, r, v, "moved")
}

func (s *Server) riskCreate(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadProject(w, r, coproduce.EditProject)
	if !ok {
		return
	}
	f, err := parseForm(w, r, "kind", "title", "description")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	v.Risk = f
	err = s.db.CreateRisk(r.Context(), v.Actor.User.ID, &coproduce.Risk{GroupID: v.Group.ID, Kind: coproduce.RiskKind(f.Values["kind"]),
		Title: f.Get("title"), Description: f.Get("description")})
	if f.FailWith(err) {
		s.projectFail(w, r, v)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.projectDone(w, r, v, "risk")
}

func (s *Server) riskClose(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadProject(w, r, coproduce.EditProject)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("risk"), 10, 64)
	if err == nil {
		err = s.db.CloseRisk(r.Context(), v.Actor.User.ID, v.Group.ID, id)
	}
	switch {
	case err != nil && !errors.Is(err, coproduce.ErrNotFound) && !errors.Is(err, strconv.ErrSyntax) && !errors.Is(err, strconv.ErrRange):
		s.serverError(w, r, err)
		return
	case err != nil:
		s.notFound(w, r)
		return
	}
	s.projectDone(w, r, v, "closed")
}
