package coproduce

import (
	"strings"
	"time"
)

// DocumentKind is what a group document is.
type DocumentKind string

// The kinds. A group has at most one theory of change and one set of
// three horizons, each kept as a series of versions; it may start any
// number of documents from the library's templates.
const (
	TheoryOfChangeDoc DocumentKind = "theory-of-change"
	ThreeHorizonsDoc  DocumentKind = "three-horizons"
	TemplateDoc       DocumentKind = "template"
)

// DocumentSections are the parts of the structured kinds, in the order
// they are written and drawn. A theory of change also has its outcomes,
// each perhaps linked to an evidence indicator.
var DocumentSections = map[DocumentKind][]string{
	// Theory of change: the problem, the change wanted in who holds
	// power over which decisions, what the group will do, what that
	// produces, (outcomes), the long-term impact, and the assumptions
	// that link each step to the next.
	TheoryOfChangeDoc: {"problem", "power", "activities", "outputs", "impact", "assumptions"},
	// Three horizons: today's way of working; the future aimed for; and
	// the changes between them, with what can be done now set apart from
	// what is hoped for.
	ThreeHorizonsDoc: {"first", "third", "second-now", "second-aspired"},
}

// MaxOutcomes is the most outcomes a theory of change holds.
const MaxOutcomes = 12

// Document is a document a group keeps in versions: its theory of
// change, its three horizons, or one started from a library template.
type Document struct {
	ID         int64
	GroupID    int64
	Kind       DocumentKind
	Template   string // for TemplateDoc: the library entry it was started from
	Title      string
	Visibility Visibility // Public or GroupOnly
	CreatedAt  time.Time
	Versions   int              // how many versions it has
	Latest     *DocumentVersion // the newest version, when loaded
}

// DocumentVersion is one saved version of a document. Versions are never
// changed: saving adds a new one.
type DocumentVersion struct {
	Number   int
	Body     string            // Markdown, for TemplateDoc
	Sections map[string]string // for the structured kinds, by key in DocumentSections
	Outcomes []Outcome         // for TheoryOfChangeDoc
	Note     string            // what changed, in the saver's words
	SavedBy  int64             // member id
	SavedAt  time.Time
}

// Outcome is an outcome in a theory of change, with the evidence
// indicator that would show it, if one would.
type Outcome struct {
	Text      string `json:"text"`
	Indicator string `json:"indicator,omitempty"` // an IndicatorDef ID, or ""
}

// Lines returns a section's non-empty lines, trimmed: the items of a list
// such as the activities, one per line.
func Lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Validate checks a new version of the document d and returns a
// *ValidationError naming each problem.
func (v *DocumentVersion) Validate(d *Document) error {
	var e ValidationError
	validateName(&e, "title", d.Title)
	if d.Visibility != Public && d.Visibility != GroupOnly {
		e.Add("visibility", "Choose who may see it.")
	}
	validateText(&e, "note", v.Note, 1000)
	switch d.Kind {
	case TemplateDoc:
		if strings.TrimSpace(v.Body) == "" {
			e.Add("body", "Write the document, or keep the template's text to start from.")
		}
		validateText(&e, "body", v.Body, 50000)
	case TheoryOfChangeDoc, ThreeHorizonsDoc:
		filled := 0
		for _, k := range DocumentSections[d.Kind] {
			validateText(&e, k, v.Sections[k], 5000)
			if strings.TrimSpace(v.Sections[k]) != "" {
				filled++
			}
		}
		if len(v.Outcomes) > MaxOutcomes {
			e.Add("outcome-1", "A theory of change holds at most "+itoa(MaxOutcomes)+" outcomes. Combine some.")
		}
		for i, o := range v.Outcomes {
			field := "outcome-" + itoa(i+1)
			validateText(&e, field, o.Text, 500)
			if o.Indicator != "" {
				if _, ok := IndicatorByID(o.Indicator); !ok {
					e.Add(field+"-indicator", "Choose an indicator from the list.")
				} else if strings.TrimSpace(o.Text) == "" {
					e.Add(field, "Write the outcome the indicator would show.")
				}
			}
			if strings.TrimSpace(o.Text) != "" {
				filled++
			}
		}
		if filled == 0 {
			e.Add(DocumentSections[d.Kind][0], "Write at least one part before saving.")
		}
	default:
		e.Add("kind", "Unknown kind of document.")
	}
	return e.Err()
}
