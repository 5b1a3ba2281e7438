package web

import (
	"net/http"
	"strings"

	"coproduce/framework"
	"coproduce/store"
)

// toolPlaces says where in a group's pages each library entry is put to
// use, besides starting a document from a template: the path under the
// group and the text key naming the page. Entries that only guide have
// none.
var toolPlaces = map[string][]toolPlace{
	"vision-statement":          {{Path: "/terms", Text: "tools.place.terms"}},
	"terms-of-reference":        {{Path: "/terms", Text: "tools.place.terms"}},
	"information-sharing":       {{Path: "/terms", Text: "tools.place.terms"}, {Path: "/requests", Text: "tools.place.requests"}},
	"meeting-minutes":           {{Path: "/meetings", Text: "tools.place.meetings"}},
	"meeting-process":           {{Path: "/meetings", Text: "tools.place.meetings"}},
	"ladder-of-participation":   {{Path: "/decisions", Text: "tools.place.decision-areas"}},
	"stakeholder-power-mapping": {{Path: "/stakeholders", Text: "tools.place.stakeholders"}},
	"theory-of-change":          {{Path: "/theory-of-change", Text: "tools.place.theory-of-change"}},
	"three-horizons":            {{Path: "/three-horizons", Text: "tools.place.three-horizons"}},
	"project-process":           {{Path: "/project/stages", Text: "tools.place.process"}, {Path: "/project", Text: "tools.place.project"}},
	"member-role":               {{Path: "/members", Text: "tools.place.members"}},
	"induction-handover":        {{Path: "/members", Text: "tools.place.members"}},
	"consensus-decision-making": {{Path: "/decisions", Text: "tools.place.decisions"}},
	"skills-audit":              {{Path: "/skills", Text: "tools.place.skills"}},
	"training-programme":        {{Path: "/training", Text: "tools.place.training"}},
	"engagement-strategy":       {{Path: "/outreach", Text: "tools.place.outreach"}, {Path: "/feedback", Text: "tools.place.feedback"}},
	"facilitation":              {{Path: "/facilitators", Text: "tools.place.facilitators"}},
	"access-checklist":          {{Path: "/support", Text: "tools.place.support"}},
	"pastoral-care-time-out":    {{Path: "/time-out", Text: "tools.place.time-out"}, {Path: "/support", Text: "tools.place.support"}},
	"conflict-mediation":        {{Path: "/concerns", Text: "tools.place.concerns"}, {Path: "/facilitators", Text: "tools.place.facilitators"}},
	"relationship-led":          {{Path: "/reflections", Text: "tools.place.reflections"}},
	"governance-map":            {{Path: "/governance", Text: "tools.place.governance", Organisation: true}, {Path: "/accountability", Text: "tools.place.accountability"}},
}

type toolPlace struct {
	Path         string // under the group's address, or the organisation's
	Text         string // text key naming the page
	Organisation bool   // the page is the organisation's, shared by its groups
}

type libraryView struct {
	Entries []*framework.Entry
}

func (s *Server) libraryPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "library", page{Nav: "framework", Data: &libraryView{Entries: framework.Library()}})
}

type libraryEntryView struct {
	*framework.Entry
	CreditLine string
	Places     []toolPlace
	Groups     []store.UserGroup // the visitor's groups, where they can use it
	Named      []namedTool       // where the framework names it
}

// namedTool is a principle's name for a library entry.
type namedTool struct {
	Principle *framework.Principle
	Name      string
}

// libraryEntryPage shows one template or guide, and for a signed-in
// member, where to use it in each of their groups.
func (s *Server) libraryEntryPage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("entry")
	if raw, ok := strings.CutSuffix(id, ".md"); ok {
		s.libraryDownload(w, r, raw)
		return
	}
	e, ok := framework.LibraryEntry(id)
	if !ok {
		s.notFound(w, r)
		return
	}
	v := &libraryEntryView{Entry: e, CreditLine: s.libraryCredit(e), Places: toolPlaces[e.ID]}
	for i := range s.framework.Principles {
		p := &s.framework.Principles[i]
		for _, tool := range p.Tools() {
			if tool.Use == e.ID {
				v.Named = append(v.Named, namedTool{p, tool.Name})
			}
		}
	}
	if u := currentVisitor(r).User; u != nil {
		var err error
		if v.Groups, err = s.db.FindUserGroups(r.Context(), u.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "library-entry", page{Nav: "framework", Data: v})
}

// libraryDownload sends an entry as a Markdown file, with its title and
// credits, to fill in outside the product.
func (s *Server) libraryDownload(w http.ResponseWriter, r *http.Request, id string) {
	e, ok := framework.LibraryEntry(id)
	if !ok {
		s.notFound(w, r)
		return
	}
	downloadMarkdown(w, e.ID, e.Title, e.Body, s.libraryCredit(e))
}

// libraryCredit is the credit line under an entry: the framework it
// serves, and the named method it follows.
func (s *Server) libraryCredit(e *framework.Entry) string {
	credit := tr("library.credit", s.framework.Credit.Title, s.framework.Credit.Publisher)
	if e.Credit != "" {
		credit += " " + e.Credit
	}
	return credit
}

// downloadMarkdown sends a document as a UTF-8 Markdown attachment named
// after name, headed by its title and ending with its credit.
func downloadMarkdown(w http.ResponseWriter, name, title, body, credit string) {
	w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.md"`)
	var b strings.Builder
	b.WriteString("# " + title + "\n\n" + strings.TrimSpace(body) + "\n")
	if credit != "" {
		b.WriteString("\n---\n\n" + credit + "\n")
	}
	w.Write([]byte(b.String()))
}
