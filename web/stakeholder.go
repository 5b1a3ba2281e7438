package web

import (
	"errors"
	"net/http"
	"strconv"

	"coproduce"
)

type stakeholdersView struct {
	*groupRequest
	Project      *coproduce.ProjectContext
	Phase        int
	Stakeholders []*coproduce.Stakeholder
	Counts       map[int]int // stakeholders on each phase's map
	Compare      int         // the phase compared with, or -1
	Changes      []coproduce.StakeholderChange
	Areas        []*coproduce.DecisionArea
	Form         *form
	CopyForm     *form
	Done         string
}

// PhaseName names phase i of the project.
func (v *stakeholdersView) PhaseName(i int) string {
	stages := v.Project.Stages()
	if i < 0 || i >= len(stages) {
		return ""
	}
	if v.Project.UsesRIBA() {
		return tr("project.stage.riba", i, stages[i])
	}
	return stages[i]
}

// Phases lists the project's phases by index.
func (v *stakeholdersView) Phases() []int {
	out := make([]int, len(v.Project.Stages()))
	for i := range out {
		out[i] = i
	}
	return out
}

// gridPoint is a stakeholder drawn on the grid.
type gridPoint struct {
	X, Y   int
	Number int // its row in the table
	*coproduce.Stakeholder
}

// Grid places each stakeholder in its cell of the five-by-five grid:
// how affected across, influence up. Several in one cell sit side by side.
func (v *stakeholdersView) Grid() []gridPoint {
	const left, top, cell = 60, 10, 90
	seen := map[[2]int]int{}
	var out []gridPoint
	for i, s := range v.Stakeholders {
		key := [2]int{s.Affected, s.Influence}
		slot := seen[key]
		seen[key]++
		col, row := slot%3, (slot/3)%3
		out = append(out, gridPoint{
			X:      left + (s.Affected-1)*cell + 18 + col*27,
			Y:      top + (5-s.Influence)*cell + 18 + row*27,
			Number: i + 1, Stakeholder: s,
		})
	}
	return out
}

func (s *Server) stakeholdersPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	s.renderStakeholders(w, r, http.StatusOK, &stakeholdersView{groupRequest: gr, Done: doneMessage(r, "stakeholders.done.")})
}

func (s *Server) renderStakeholders(w http.ResponseWriter, r *http.Request, status int, v *stakeholdersView) {
	ctx := r.Context()
	var err error
	if v.Project, err = s.db.FindProjectContext(ctx, v.Group.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Phase = v.Project.CurrentStage
	if p, err := strconv.Atoi(r.URL.Query().Get("phase")); err == nil && p >= 0 && p < len(v.Project.Stages()) {
		v.Phase = p
	}
	if p, err := strconv.Atoi(r.FormValue("phase")); r.Method == http.MethodPost && err == nil && p >= 0 && p < len(v.Project.Stages()) {
		v.Phase = p
	}
	v.Compare = -1
	if p, err := strconv.Atoi(r.URL.Query().Get("compare")); err == nil && p >= 0 && p < len(v.Project.Stages()) && p != v.Phase {
		v.Compare = p
	}
	if v.Stakeholders, err = s.db.FindStakeholders(ctx, v.Group.ID, v.Phase); err == nil {
		if v.Counts, err = s.db.StakeholderPhases(ctx, v.Group.ID); err == nil {
			v.Areas, err = s.db.FindDecisionAreas(ctx, v.Group.ID)
		}
	}
	if err == nil && v.Compare >= 0 {
		var other []*coproduce.Stakeholder
		if other, err = s.db.FindStakeholders(ctx, v.Group.ID, v.Compare); err == nil {
			before, after := other, v.Stakeholders
			if v.Compare > v.Phase {
				before, after = v.Stakeholders, other
			}
			v.Changes = coproduce.CompareStakeholders(before, after)
		}
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Form == nil {
		v.Form = newForm()
	}
	if v.CopyForm == nil {
		v.CopyForm = newForm()
	}
	s.render(w, r, status, "stakeholders", page{Nav: "groups", Data: v})
}

// phaseFrom reads the phase a form is about, which must be one of the
// project's.
func (s *Server) phaseFrom(r *http.Request, groupID int64) (int, string, error) {
	project, err := s.db.FindProjectContext(r.Context(), groupID)
	if err != nil {
		return 0, "", err
	}
	p, err := strconv.Atoi(r.PostForm.Get("phase"))
	if err != nil || p < 0 || p >= len(project.Stages()) {
		return 0, "", coproduce.ErrNotFound
	}
	v := stakeholdersView{Project: project}
	return p, v.PhaseName(p), nil
}

func (s *Server) stakeholderAdd(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.recordsForm(w, r, "phase", "name", "type", "influence", "affected", "represented")
	if !ok {
		return
	}
	phase, name, err := s.phaseFrom(r, gr.Group.ID)
	if err == nil {
		st := &coproduce.Stakeholder{GroupID: gr.Group.ID, Phase: phase, PhaseName: name, Name: f.Get("name"), Type: f.Values["type"],
			Represented: f.Values["represented"] == "yes"}
		st.Influence, _ = strconv.Atoi(f.Values["influence"])
		st.Affected, _ = strconv.Atoi(f.Values["affected"])
		err = s.db.AddStakeholder(r.Context(), gr.Actor.User.ID, st)
	}
	s.afterStakeholderChange(w, r, gr, err, f, nil, "added")
}

func (s *Server) stakeholderRemove(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	if _, err := parseForm(w, r); err != nil {
		s.badRequest(w, r)
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("stakeholder"), 10, 64)
	err := s.db.RemoveStakeholder(r.Context(), gr.Actor.User.ID, gr.Group.ID, id)
	s.afterStakeholderChange(w, r, gr, err, nil, nil, "removed")
}

func (s *Server) stakeholderCopy(w http.ResponseWriter, r *http.Request) {
	gr, f, ok := s.recordsForm(w, r, "phase", "from")
	if !ok {
		return
	}
	phase, name, err := s.phaseFrom(r, gr.Group.ID)
	if err == nil {
		from, convErr := strconv.Atoi(f.Values["from"])
		if convErr != nil {
			from = -1
		}
		err = s.db.CopyStakeholders(r.Context(), gr.Actor.User.ID, gr.Group.ID, from, phase, name)
	}
	s.afterStakeholderChange(w, r, gr, err, nil, f, "copied")
}

// afterStakeholderChange answers a change to a map: 404, the page again
// with the problems, or back to the phase's map.
func (s *Server) afterStakeholderChange(w http.ResponseWriter, r *http.Request, gr *groupRequest, err error, add, copyForm *form, done string) {
	switch {
	case errors.Is(err, coproduce.ErrNotFound):
		s.notFound(w, r)
	case add != nil && add.FailWith(err), copyForm != nil && copyForm.FailWith(err):
		s.renderStakeholders(w, r, http.StatusUnprocessableEntity, &stakeholdersView{groupRequest: gr, Form: add, CopyForm: copyForm})
	case err != nil:
		s.serverError(w, r, err)
	default:
		query := "?done=" + done
		if p, err := strconv.Atoi(r.PostForm.Get("phase")); err == nil {
			query = "?phase=" + strconv.Itoa(p) + "&done=" + done
		}
		http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/stakeholders"+query), http.StatusSeeOther)
	}
}
