package web

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"coproduce"
)

// paperForm is what the upload form held, kept for showing it again.
func paperFormValues(r *http.Request) *form {
	f := newForm()
	// The names are the paper form's own: the meeting page has other forms
	// with titles and visibilities, and ids must be unique on a page.
	for _, name := range []string{"paper_title", "paper_summary", "paper_visibility", "paper_reason", "circulate"} {
		f.Values[name] = r.PostFormValue(name)
	}
	for _, id := range r.PostForm["audience"] {
		f.Values["audience-"+id] = "yes"
	}
	return f
}

// paperUpload adds a paper to a meeting. Any member can bring papers to
// the group; the framework asks that all parties can bring information to
// the table.
func (s *Server) paperUpload(w http.ResponseWriter, r *http.Request) {
	gr, m, ok := s.meetingAction(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, coproduce.MaxPaperSize+(1<<20))
	parseErr := r.ParseMultipartForm(8 << 20)
	if errors.Is(parseErr, http.ErrNotMultipart) {
		// A form sent without its file (not by a browser): read the
		// fields and say a file is needed.
		parseErr = r.ParseForm()
	}
	f := paperFormValues(r)
	var content []byte
	var header *multipart.FileHeader
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(parseErr, &tooBig):
		f.Fail("file", tr("paper.error.size", coproduce.MaxPaperSize>>20))
	case parseErr != nil:
		s.badRequest(w, r)
		return
	default:
		var file multipart.File
		file, header, parseErr = r.FormFile("file")
		if parseErr != nil {
			f.Fail("file", tr("paper.error.nofile"))
			break
		}
		defer file.Close()
		content, parseErr = io.ReadAll(io.LimitReader(file, coproduce.MaxPaperSize+1))
		switch {
		case parseErr != nil:
			s.badRequest(w, r)
			return
		case len(content) > coproduce.MaxPaperSize:
			f.Fail("file", tr("paper.error.size", coproduce.MaxPaperSize>>20))
		case len(content) == 0:
			f.Fail("file", tr("paper.error.empty"))
		}
	}
	p := &coproduce.Paper{GroupID: gr.Group.ID, MeetingID: m.ID, Title: f.Get("paper_title"), Summary: f.Get("paper_summary"),
		Audience: coproduce.Audience{Visibility: coproduce.Visibility(f.Values["paper_visibility"]), Reason: f.Get("paper_reason")}}
	if header != nil && len(content) > 0 && len(content) <= coproduce.MaxPaperSize {
		p.FileName = cleanFileName(header.Filename)
		if p.ContentType = coproduce.PaperContentType(p.FileName, content); p.ContentType == "" {
			f.Fail("file", tr("paper.error.type"))
		}
	}
	if p.Audience.Visibility == coproduce.Restricted {
		for _, raw := range r.PostForm["audience"] {
			if id, err := strconv.ParseInt(raw, 10, 64); err == nil {
				p.Audience.MemberIDs = append(p.Audience.MemberIDs, id)
			}
		}
		// The person restricting a paper can always see it.
		if gr.Member != nil && !containsID(p.Audience.MemberIDs, gr.Member.ID) {
			p.Audience.MemberIDs = append(p.Audience.MemberIDs, gr.Member.ID)
		}
	}
	if err := p.Validate(); err != nil {
		for _, fe := range err.(*coproduce.ValidationError).Fields {
			f.Fail(paperField[fe.Field], fe.Message)
		}
	}
	if f.Values["circulate"] == "yes" {
		p.CirculatedAt = s.db.Now()
	}
	if f.OK() {
		err := s.db.CreatePaper(r.Context(), gr.Actor.User.ID, p, content)
		var verr *coproduce.ValidationError
		switch {
		case errors.As(err, &verr):
			for _, fe := range verr.Fields {
				f.Fail(paperField[fe.Field], fe.Message)
			}
		case err != nil:
			s.serverError(w, r, err)
			return
		}
	}
	if !f.OK() {
		if _, hasFile := f.Errors["file"]; !hasFile && header != nil {
			// Browsers cannot be given a file back: say so next to the field.
			f.Fail("file", tr("paper.error.again"))
		}
		s.renderMeeting(w, r, http.StatusUnprocessableEntity, &meetingView{groupRequest: gr, Meeting: m, PaperForm: f})
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/meetings/"+idValue(m.ID)+"?done=paper#papers"), http.StatusSeeOther)
}

// paperField maps the domain's field names to the paper form's.
var paperField = map[string]string{
	"title": "paper_title", "summary": "paper_summary", "visibility": "paper_visibility", "reason": "paper_reason", "file": "file",
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// cleanFileName keeps the last part of a file name as sent, without
// anything that could mislead a download.
func cleanFileName(name string) string {
	name = name[strings.LastIndexAny(name, `/\`)+1:]
	name = strings.Map(func(r rune) rune {
		if r < 32 || r == '"' || r == 127 {
			return -1
		}
		return r
	}, name)
	if len([]rune(name)) > 150 {
		name = string([]rune(name)[:150])
	}
	if name == "" {
		name = "paper"
	}
	return name
}

// loadPaper finds the paper in the path, answering as if it did not exist
// when the visitor may not see it.
func (s *Server) loadPaper(w http.ResponseWriter, r *http.Request, gr *groupRequest) (*coproduce.Paper, bool) {
	id, _ := strconv.ParseInt(r.PathValue("paper"), 10, 64)
	p, err := s.db.FindPaper(r.Context(), gr.Group.ID, id)
	if err != nil && !errors.Is(err, coproduce.ErrNotFound) {
		s.serverError(w, r, err)
		return nil, false
	}
	if p == nil || !gr.Actor.CanSee(p.Audience) {
		s.notFound(w, r)
		return nil, false
	}
	return p, true
}

// paperDownload sends a paper's file to those who may see it. Public
// papers are for anyone; the file is always offered as a download, never
// shown inside the site.
func (s *Server) paperDownload(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, 0)
	if !ok {
		return
	}
	p, ok := s.loadPaper(w, r, gr)
	if !ok {
		return
	}
	content, err := s.db.FindPaperContent(r.Context(), p.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", p.ContentType)
	// FormatMediaType quotes the name, and encodes it (RFC 2231) when it is
	// not plain ASCII, so no file name can break out of the header.
	disposition := mime.FormatMediaType("attachment", map[string]string{"filename": p.FileName})
	if disposition == "" {
		disposition = "attachment"
	}
	w.Header().Set("Content-Disposition", disposition)
	w.Header().Set("Content-Length", strconv.Itoa(len(content)))
	if p.Audience.Visibility != coproduce.Public {
		w.Header().Set("Cache-Control", "private, no-store")
	}
	w.Write(content)
}

// paperCirculate records that a paper has gone out: its uploader or those
// who run meetings may.
func (s *Server) paperCirculate(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	p, ok := s.loadPaper(w, r, gr)
	if !ok {
		return
	}
	if p.UploadedBy != gr.Actor.User.ID && !gr.Actor.CanInGroup(coproduce.ManageMeetings, gr.Group) {
		s.notFound(w, r)
		return
	}
	if err := s.db.CirculatePaper(r.Context(), gr.Actor.User.ID, gr.Group.ID, p.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "/meetings/"+idValue(p.MeetingID)+"?done=circulated-paper#papers"), http.StatusSeeOther)
}
