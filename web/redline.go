package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"coproduce"
)

type redLinesView struct {
	*groupRequest
	RedLines []*coproduce.RedLine
	Add      *form
	Edit     *form // for the entry named by EditID
	EditID   int64
	Now      time.Time
	Done     string
}

// Overdue reports whether an entry's review is overdue.
func (v *redLinesView) Overdue(r *coproduce.RedLine) bool { return r.ReviewOverdue(v.Now) }

// EditForm returns the edit form for an entry: the submitted one if it had
// problems, otherwise one filled from the entry.
func (v *redLinesView) EditForm(r *coproduce.RedLine) *form {
	if v.EditID == r.ID && v.Edit != nil {
		return v.Edit
	}
	f := newForm()
	f.Prefix = rowPrefix("line", r.ID)
	f.Values["kind"], f.Values["title"], f.Values["owner"], f.Values["reason"] = string(r.Kind), r.Title, r.Owner, r.Reason
	f.Values["raised_on"], f.Values["review_by"] = dateValue(r.RaisedOn), dateValue(r.ReviewBy)
	return f
}

func (s *Server) redLinesPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	s.renderRedLines(w, r, http.StatusOK, &redLinesView{groupRequest: gr, Add: newForm(), Done: doneMessage(r, "redlines.done.")})
}

func (s *Server) renderRedLines(w http.ResponseWriter, r *http.Request, status int, v *redLinesView) {
	var err error
	if v.RedLines, err = s.db.FindRedLines(r.Context(), v.Group.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Add == nil {
		v.Add = newForm()
	}
	v.Now = s.db.Now()
	s.render(w, r, status, "red-lines", page{Nav: "groups", Data: v})
}

// redLineSave adds an entry, or changes one (with the reason for the
// change) when the path names it.
func (s *Server) redLineSave(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.EditProject)
	if !ok {
		return
	}
	f, err := parseForm(w, r, "kind", "title", "owner", "reason", "raised_on", "review_by", "change_reason")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	line := &coproduce.RedLine{GroupID: gr.Group.ID, Kind: coproduce.RedLineKind(f.Values["kind"]), Title: f.Get("title"),
		Owner: f.Get("owner"), Reason: f.Get("reason"), RaisedOn: parseDate(f, "raised_on"), ReviewBy: parseDate(f, "review_by")}
	v := &redLinesView{groupRequest: gr}
	if raw := r.PathValue("line"); raw != "" {
		line.ID, _ = strconv.ParseInt(raw, 10, 64)
		f.Prefix = rowPrefix("line", line.ID)
		v.Edit, v.EditID = f, line.ID
	} else {
		v.Add = f
	}
	f.FailWith(line.Validate())
	if f.OK() {
		err = s.db.SaveRedLine(r.Context(), gr.Actor.User.ID, line, f.Get("change_reason"))
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
		s.renderRedLines(w, r, http.StatusUnprocessableEntity, v)
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/red-lines?done=saved"), http.StatusSeeOther)
}
