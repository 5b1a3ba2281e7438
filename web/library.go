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
	"vision-statement":          {{"/terms", "tools.place.terms"}},
	"terms-of-reference":        {{"/terms", "tools.place.terms"}},
	"information-sharing":       {{"/terms", "tools.place.terms"}, {"/requests", "tools.place.requests"}},
	"meeting-minutes":           {{"/meetings", "tools.place.meetings"}},
	"meeting-process":           {{"/meetings", "tools.place.meetings"}},
	"ladder-of-participation":   {{"/decisions", "tools.place.decision-areas"}},
	"stakeholder-power-mapping": {{"/stakeholders", "tools.place.stakeholders"}},
	"theory-of-change":          {{"/theory-of-change", "tools.place.theory-of-change"}},
	"three-horizons":            {{"/three-horizons", "tools.place.three-horizons"}},
	"project-process":           {{"/project/stages", "tools.place.process"}, {"/project", "tools.place.project"}},
	"member-role":               {{"/members", "tools.place.members"}},
	"induction-handover":        {{"/members", "tools.place.members"}},
	"consensus-decision-making": {{"/decisions", "tools.place.decisions"}},
	"skills-audit":              {{"/skills", "tools.place.skills"}},
	"training-programme":        {{"/training", "tools.place.training"}},
	"engagement-strategy":       {{"/outreach", "tools.place.outreach"}, {"/feedback", "tools.place.feedback"}},
	"facilitation":              {{"/facilitators", "tools.place.facilitators"}},
	"access-checklist":          {{"/support", "tools.place.support"}},
	"pastoral-care-time-out":    {{"/time-out", "tools.place.time-out"}, {"/support", "tools.place.support"}},
	"conflict-mediation":        {{"/concerns", "tools.place.concerns"}, {"/facilitators", "tools.place.facilitators"}},
	"relationship-led":          {{"/reflections", "tools.place.reflections"}},
}

type toolPlace struct {
	Path string // under the group's address
	Text string // text key naming the page
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
	w.Header().Set("X-Content-Type-Options", "nosniff")
	var b strings.Builder
	b.WriteString("# " + title + "\n\n" + strings.TrimSpace(body) + "\n")
	if credit != "" {
		b.WriteString("\n---\n\n" + credit + "\n")
	}
	w.Write([]byte(b.String()))
}
