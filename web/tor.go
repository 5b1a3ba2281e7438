package web

import (
	"errors"
	"net/http"
	"strconv"

	"coproduce"
)

type torView struct {
	*groupRequest
	Versions []*coproduce.ToRVersion
	Version  *coproduce.ToRVersion
	Members  map[int64]*coproduce.Member
	Form     *form
	Compare  []torComparison
	A, B     int
	Done     string
}

// torComparison is one section compared between two versions.
type torComparison struct {
	Key   string
	Lines []diffLine
}

// Agreed reports whether the visitor has agreed to the version.
func (v *torView) Agreed() bool {
	if v.Member == nil || v.Version == nil {
		return false
	}
	for _, a := range v.Version.Agreements {
		if a.MemberID == v.Member.ID {
			return true
		}
	}
	return false
}

// torTemplates are the starting texts for a group's first version.
func torTemplates() map[string]string {
	t := map[string]string{}
	for _, k := range coproduce.ToRSections {
		t[k] = tr("tor.template." + k)
	}
	return t
}

func (s *Server) torPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	s.renderToRList(w, r, http.StatusOK, &torView{groupRequest: gr, Form: newForm(), Done: doneMessage(r, "tor.done.")})
}

func (s *Server) renderToRList(w http.ResponseWriter, r *http.Request, status int, v *torView) {
	var err error
	if v.Versions, err = s.db.FindToRVersions(r.Context(), v.Group.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, ver := range v.Versions {
		if ver.Status == coproduce.ToRAdopted {
			if v.Version, err = s.db.FindToR(r.Context(), v.Group.ID, ver.Number); err != nil {
				s.serverError(w, r, err)
				return
			}
		}
	}
	s.render(w, r, status, "tor", page{Nav: "groups", Data: v})
}

func (s *Server) torDraft(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.ManageMeetings)
	if !ok {
		return
	}
	v, err := s.db.CreateToRDraft(r.Context(), gr.Actor.User.ID, gr.Group.ID, torTemplates())
	f := newForm()
	if f.FailWith(err) {
		s.renderToRList(w, r, http.StatusUnprocessableEntity, &torView{groupRequest: gr, Form: f})
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/terms/"+strconv.Itoa(v.Number)), http.StatusSeeOther)
}

func (s *Server) loadToR(w http.ResponseWriter, r *http.Request, gr *groupRequest) (*torView, bool) {
	n, err := strconv.Atoi(r.PathValue("version"))
	if err != nil {
		s.notFound(w, r)
		return nil, false
	}
	ver, err := s.db.FindToR(r.Context(), gr.Group.ID, n)
	if errors.Is(err, coproduce.ErrNotFound) {
		s.notFound(w, r)
		return nil, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	v := &torView{groupRequest: gr, Version: ver, Form: newForm(), Members: map[int64]*coproduce.Member{}}
	for k, b := range ver.Sections {
		v.Form.Values[k] = b
	}
	members, err := s.db.FindMembers(r.Context(), gr.Group.ID, true)
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	for _, m := range members {
		v.Members[m.ID] = m
	}
	return v, true
}

func (s *Server) torVersionPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	v, ok := s.loadToR(w, r, gr)
	if !ok {
		return
	}
	v.Done = doneMessage(r, "tor.done.")
	s.render(w, r, http.StatusOK, "tor-version", page{Nav: "groups", Data: v})
}

// torAction handles the buttons and form on a version's page: save the
// draft's sections, propose it, agree to it, adopt it.
func (s *Server) torAction(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	v, ok := s.loadToR(w, r, gr)
	if !ok {
		return
	}
	f, err := parseForm(w, r, append([]string{"step"}, coproduce.ToRSections...)...)
	if err != nil {
		s.badRequest(w, r)
		return
	}
	ctx, actor, n := r.Context(), gr.Actor.User.ID, v.Version.Number
	lead := gr.Actor.CanInGroup(coproduce.ManageMeetings, gr.Group)
	switch step := f.Values["step"]; {
	case step == "save" && lead:
		sections := map[string]string{}
		for _, k := range coproduce.ToRSections {
			sections[k] = f.Values[k]
		}
		v.Form = f
		err = s.db.SaveToRSections(ctx, actor, gr.Group.ID, n, sections)
	case step == "propose" && lead:
		err = s.db.ProposeToR(ctx, actor, gr.Group.ID, n)
	case step == "agree" && gr.Member != nil:
		err = s.db.AgreeToR(ctx, actor, gr.Member, n)
	case step == "adopt" && lead:
		err = s.db.AdoptToR(ctx, actor, gr.Group.ID, n)
	default:
		s.notFound(w, r)
		return
	}
	if v.Form != f {
		v.Form.Errors, v.Form.Order = f.Errors, f.Order
	}
	if v.Form.FailWith(err) {
		s.render(w, r, http.StatusUnprocessableEntity, "tor-version", page{Nav: "groups", Data: v})
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/terms/"+strconv.Itoa(n)+"?done="+f.Values["step"]), http.StatusSeeOther)
}

// torCompare shows how each section changed between two versions.
func (s *Server) torCompare(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	a, errA := strconv.Atoi(r.URL.Query().Get("a"))
	b, errB := strconv.Atoi(r.URL.Query().Get("b"))
	va, err1 := s.db.FindToR(r.Context(), gr.Group.ID, a)
	vb, err2 := s.db.FindToR(r.Context(), gr.Group.ID, b)
	if errA != nil || errB != nil || err1 != nil || err2 != nil {
		if err := errors.Join(err1, err2); err != nil && !errors.Is(err, coproduce.ErrNotFound) {
			s.serverError(w, r, err)
			return
		}
		s.notFound(w, r)
		return
	}
	v := &torView{groupRequest: gr, A: a, B: b}
	for _, k := range coproduce.ToRSections {
		v.Compare = append(v.Compare, torComparison{Key: k, Lines: lineDiff(va.Sections[k], vb.Sections[k])})
	}
	s.render(w, r, http.StatusOK, "tor-compare", page{Nav: "groups", Data: v})
}
