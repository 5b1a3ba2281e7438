package web

import (
	"errors"
	"net/http"
	"strconv"

	"coproduce"
	"coproduce/framework"
)

// documentPaths are where the structured kinds live under a group.
var documentPaths = map[coproduce.DocumentKind]string{
	coproduce.TheoryOfChangeDoc: "/theory-of-change",
	coproduce.ThreeHorizonsDoc:  "/three-horizons",
}

// documentPath is the address of a group's document.
func documentPath(gr *groupRequest, d *coproduce.Document) string {
	if p, ok := documentPaths[d.Kind]; ok {
		return groupPath(gr.Organisation, gr.Group, p)
	}
	return groupPath(gr.Organisation, gr.Group, "/documents/"+strconv.FormatInt(d.ID, 10))
}

type documentsView struct {
	*groupRequest
	Documents  []*coproduce.Document
	Templates  []*framework.Entry
	Structured []coproduce.DocumentKind // the kinds the group has not started
}

// Path is a document's address, for templates.
func (v *documentsView) Path(d *coproduce.Document) string { return documentPath(v.groupRequest, d) }

func (s *Server) documentsPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	docs, err := s.db.FindDocuments(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := &documentsView{groupRequest: gr, Documents: docs}
	started := map[coproduce.DocumentKind]bool{}
	for _, d := range docs {
		started[d.Kind] = true
	}
	for _, k := range []coproduce.DocumentKind{coproduce.TheoryOfChangeDoc, coproduce.ThreeHorizonsDoc} {
		if !started[k] {
			v.Structured = append(v.Structured, k)
		}
	}
	for _, e := range framework.Library() {
		if e.Template() {
			v.Templates = append(v.Templates, e)
		}
	}
	s.render(w, r, http.StatusOK, "documents", page{Nav: "groups", Data: v})
}

// documentView is a document's page, showing one version, and its edit
// form.
type documentView struct {
	*groupRequest
	Document *coproduce.Document
	Version  *coproduce.DocumentVersion // the one shown; nil before the first save
	Versions []*coproduce.DocumentVersion
	Members  map[int64]*coproduce.Member // who saved each version, for members
	Entry    *framework.Entry            // the template or guide behind it
	Form     *form
	Outcomes int // outcome rows in the form
	Done     string
}

// Path is the document's address.
func (v *documentView) Path() string {
	if v.Document.ID == 0 && v.Document.Kind == coproduce.TemplateDoc {
		return groupPath(v.Organisation, v.Group, "/documents")
	}
	return documentPath(v.groupRequest, v.Document)
}

// Sections are the keys of the document's parts.
func (v *documentView) Sections() []string { return coproduce.DocumentSections[v.Document.Kind] }

// Chart lays out the theory of change shown.
func (v *documentView) Chart() boxChart { return newTheoryChart(v.Version) }

// Latest reports whether the version shown is the newest.
func (v *documentView) Latest() bool {
	return v.Version != nil && v.Version.Number == v.Document.Versions
}

// Indicator returns an indicator's name and the principle it is
// reported under, for an outcome's link.
func (v *documentView) Indicator(id string) indicatorName {
	d, _ := coproduce.IndicatorByID(id)
	return indicatorName{Name: tr("evidence." + id), Principle: d.Principle}
}

type indicatorName struct {
	Name      string
	Principle int
}

// loadDocument loads the document the request names, by kind or by id,
// for a visitor who may see it; for need != 0, only a member with that
// permission. It answers 404 (or sign-in) itself and returns false.
func (s *Server) loadDocument(w http.ResponseWriter, r *http.Request, kind coproduce.DocumentKind, need coproduce.Permission) (*documentView, bool) {
	gr, ok := s.loadGroup(w, r, need)
	if !ok {
		return nil, false
	}
	id, _ := strconv.ParseInt(r.PathValue("document"), 10, 64)
	d, err := s.findDocument(r, gr.Group.ID, kind, id)
	if kind != coproduce.TemplateDoc && errors.Is(err, coproduce.ErrNotFound) && gr.Actor.CanInGroup(coproduce.SeeGroupRecords, gr.Group) {
		// Not started yet: members see the empty page, which says how.
		d, err = &coproduce.Document{Kind: kind, Title: tr("document." + string(kind) + ".title"), Visibility: coproduce.GroupOnly}, nil
	}
	if err != nil && !errors.Is(err, coproduce.ErrNotFound) {
		s.serverError(w, r, err)
		return nil, false
	}
	if d == nil || d.Kind != kind || !gr.Actor.CanSee(coproduce.Audience{GroupID: gr.Group.ID, Visibility: d.Visibility}) {
		s.hidden(w, r, gr.Actor)
		return nil, false
	}
	v := &documentView{groupRequest: gr, Document: d, Version: d.Latest}
	switch kind {
	case coproduce.TemplateDoc:
		v.Entry, _ = framework.LibraryEntry(d.Template)
	default:
		v.Entry, _ = framework.LibraryEntry(string(kind))
	}
	return v, true
}

// findDocument finds a group's document: a template document by id, the
// theory of change or three horizons by kind.
func (s *Server) findDocument(r *http.Request, groupID int64, kind coproduce.DocumentKind, id int64) (*coproduce.Document, error) {
	if kind == coproduce.TemplateDoc {
		return s.db.FindDocument(r.Context(), groupID, id)
	}
	return s.db.FindDocumentByKind(r.Context(), groupID, kind)
}

// documentPage shows a document: its newest version, or the one asked
// for, with the list of versions.
func (s *Server) documentPage(kind coproduce.DocumentKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, ok := s.loadDocument(w, r, kind, 0)
		if !ok || !s.pickVersion(w, r, v) {
			return
		}
		if v.Document.ID != 0 && v.Can("records") {
			var err error
			if v.Versions, err = s.db.FindDocumentVersions(r.Context(), v.Document.ID); err == nil {
				v.Members, _, err = s.groupMembers(r.Context(), v.Group.ID)
			}
			if err != nil {
				s.serverError(w, r, err)
				return
			}
		}
		v.Done = doneMessage(r, "document.done.")
		s.render(w, r, http.StatusOK, "document", page{Nav: "groups", Data: v})
	}
}

// pickVersion shows the version the query asks for ("version") instead of
// the newest, answering 404 for one that does not exist. The public reads
// what the group published, not its drafts: earlier versions were written
// for the group alone, and answer 404 to anyone else.
func (s *Server) pickVersion(w http.ResponseWriter, r *http.Request, v *documentView) bool {
	raw := r.URL.Query().Get("version")
	if !v.Can("records") && r.URL.Query().Has("version") {
		s.notFound(w, r)
		return false
	}
	if raw == "" || v.Document.ID == 0 {
		return true
	}
	n, err := strconv.Atoi(raw)
	if err != nil || strconv.Itoa(n) != raw || n < 1 || n > v.Document.Versions {
		s.notFound(w, r)
		return false
	}
	if n != v.Document.Versions {
		if v.Version, err = s.db.FindDocumentVersion(r.Context(), v.Document.ID, n); err != nil {
			s.notFoundOr(w, r, err)
			return false
		}
	}
	return true
}

// documentDownload sends a version of a template document as Markdown.
func (s *Server) documentDownload(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadDocument(w, r, coproduce.TemplateDoc, 0)
	if !ok || !s.pickVersion(w, r, v) {
		return
	}
	credit := ""
	if v.Entry != nil {
		credit = tr("document.download.from", v.Entry.Title) + " " + s.libraryCredit(v.Entry)
	}
	downloadMarkdown(w, "document-"+strconv.FormatInt(v.Document.ID, 10)+"-v"+strconv.Itoa(v.Version.Number), v.Document.Title, v.Version.Body, credit)
}

// documentForm fills the edit form from a version, or from a library
// template for a new document.
func documentForm(d *coproduce.Document, ver *coproduce.DocumentVersion) (*form, int) {
	f := newForm()
	f.Values["title"], f.Values["visibility"] = d.Title, string(d.Visibility)
	outcomes := 0
	if ver != nil {
		f.Values["body"], f.Values["base"] = ver.Body, strconv.Itoa(ver.Number)
		for k, s := range ver.Sections {
			f.Values[k] = s
		}
		putOutcomes(f, ver.Outcomes)
		outcomes = len(ver.Outcomes)
	}
	return f, outcomeRows(outcomes)
}

// putOutcomes writes a theory of change's outcomes into its form's rows,
// in order, emptying the rows after them.
func putOutcomes(f *form, outcomes []coproduce.Outcome) {
	for i := 1; i <= coproduce.MaxOutcomes; i++ {
		n, o := strconv.Itoa(i), coproduce.Outcome{}
		if i <= len(outcomes) {
			o = outcomes[i-1]
		}
		f.Values["outcome-"+n], f.Values["outcome-"+n+"-indicator"] = o.Text, o.Indicator
	}
}

// outcomeRows is how many outcome rows the form offers: those written,
// and three more, up to the most a theory of change holds.
func outcomeRows(written int) int { return min(written+3, coproduce.MaxOutcomes) }

// maxDocumentFormBytes bounds a document's form: a long document in a
// script that takes several bytes a letter, percent-encoded, is several
// times its length in characters.
const maxDocumentFormBytes = 1 << 20

// reloadDocument reads the document again after someone else saved it,
// so the form goes on from their version.
func (s *Server) reloadDocument(w http.ResponseWriter, r *http.Request, v *documentView) bool {
	d, err := s.findDocument(r, v.Group.ID, v.Document.Kind, v.Document.ID)
	if err != nil {
		s.notFoundOr(w, r, err)
		return false
	}
	d.Title, d.Visibility = v.Document.Title, v.Document.Visibility
	v.Document = d
	return true
}

// documentEditPage shows the form for the next version.
func (s *Server) documentEditPage(kind coproduce.DocumentKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, ok := s.loadDocument(w, r, kind, coproduce.SeeGroupRecords)
		if !ok {
			return
		}
		v.Form, v.Outcomes = documentForm(v.Document, v.Version)
		s.render(w, r, http.StatusOK, "document-form", page{Nav: "groups", Data: v})
	}
}

// documentNewPage offers a new document started from a library template.
func (s *Server) documentNewPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	e, ok := framework.LibraryEntry(r.PathValue("template"))
	if !ok || !e.Template() {
		s.notFound(w, r)
		return
	}
	v := &documentView{groupRequest: gr, Entry: e,
		Document: &coproduce.Document{Kind: coproduce.TemplateDoc, Template: e.ID, Title: e.Title, Visibility: coproduce.GroupOnly}}
	v.Form, _ = documentForm(v.Document, nil)
	v.Form.Values["body"], v.Form.Values["template"] = e.Body, e.ID
	s.render(w, r, http.StatusOK, "document-form", page{Nav: "groups", Data: v})
}

// documentSave saves the next version of a document, or the first of a
// new one. Only those who lead the group choose who may see it; for
// anyone else it stays as it was.
func (s *Server) documentSave(kind coproduce.DocumentKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		fields := []string{"title", "visibility", "body", "note", "base", "template"}
		fields = append(fields, coproduce.DocumentSections[kind]...)
		for i := 1; i <= coproduce.MaxOutcomes; i++ {
			fields = append(fields, "outcome-"+strconv.Itoa(i), "outcome-"+strconv.Itoa(i)+"-indicator")
		}
		var v *documentView
		var f *form
		if kind == coproduce.TemplateDoc && r.PathValue("document") == "" {
			gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
			if !ok {
				return
			}
			f2, err := parseFormUpTo(w, r, maxDocumentFormBytes, fields...)
			if err != nil {
				s.badRequest(w, r)
				return
			}
			e, ok := framework.LibraryEntry(f2.Values["template"])
			if !ok || !e.Template() {
				s.badRequest(w, r)
				return
			}
			v, f = &documentView{groupRequest: gr, Entry: e,
				Document: &coproduce.Document{Kind: kind, Template: e.ID, Visibility: coproduce.GroupOnly}}, f2
		} else {
			var ok bool
			if v, ok = s.loadDocument(w, r, kind, coproduce.SeeGroupRecords); !ok {
				return
			}
			var err error
			if f, err = parseFormUpTo(w, r, maxDocumentFormBytes, fields...); err != nil {
				s.badRequest(w, r)
				return
			}
		}
		d := v.Document
		if kind == coproduce.TemplateDoc {
			d.Title = f.Get("title")
		}
		if v.Can("meetings") {
			d.Visibility = coproduce.Visibility(f.Values["visibility"])
		} else {
			f.Values["visibility"] = string(d.Visibility)
		}
		ver := &coproduce.DocumentVersion{Body: f.Values["body"], Note: f.Get("note"), Sections: map[string]string{}}
		for _, k := range coproduce.DocumentSections[kind] {
			ver.Sections[k] = f.Values[k]
		}
		if kind == coproduce.TheoryOfChangeDoc {
			for i := 1; i <= coproduce.MaxOutcomes; i++ {
				n := strconv.Itoa(i)
				o := coproduce.Outcome{Text: f.Get("outcome-" + n), Indicator: f.Values["outcome-"+n+"-indicator"]}
				if o.Text != "" || o.Indicator != "" {
					ver.Outcomes = append(ver.Outcomes, o)
				}
			}
			// Rows left empty close up, here as in the saved version, so a
			// problem with outcome n shows against the nth row.
			putOutcomes(f, ver.Outcomes)
		}
		base, _ := strconv.Atoi(f.Values["base"])
		err := s.db.SaveDocument(r.Context(), v.Actor.User.ID, v.Member, d, ver, base)
		v.Form, v.Outcomes = f, outcomeRows(len(ver.Outcomes))
		if f.FailWith(err) && f.Errors["version"] != "" {
			// Someone else saved first. The person's text stays in the
			// form, beside the newest version, and the next save goes on
			// from that.
			if !s.reloadDocument(w, r, v) {
				return
			}
			f.Values["base"] = strconv.Itoa(v.Document.Versions)
		}
		s.finish(w, r, err, f, func(status int) {
			s.render(w, r, status, "document-form", page{Nav: "groups", Data: v})
		}, documentPath(v.groupRequest, d)+"?done=saved")
	}
}
