package web

import "fmt"

// english holds every piece of interface text the templates and handlers
// show, keyed by a stable name. Framework content is not here: it lives in
// the framework file. Keeping the text in one table means a translation is a
// second table, not an edit of every template. A template asks for text with
// {{t "key"}} or {{t "key" arg...}} (arguments fill fmt verbs); an unknown
// key fails the render, and the template tests render every page, so a typo
// cannot reach a person.
var english = map[string]string{
	"site.name":            "coproduce",
	"site.tagline":         "Coproduction for housing and regeneration steering groups",
	"layout.skip":          "Skip to main content",
	"layout.nav.label":     "Main",
	"layout.nav.home":      "Home",
	"layout.nav.framework": "The framework",
	"layout.footer.credit": "The framework in this product is our own plain-English version of %s, published by %s (%s).",
	"layout.footer.about":  "coproduce is free software for coproduction steering groups.",

	"home.title":             "Share power, keep trust, check how it is going",
	"home.lead":              "coproduce is for the steering groups that run coproduction in housing and estate regeneration: residents and council or housing association officers making decisions together, often for years.",
	"home.for.heading":       "Who it is for",
	"home.for.residents":     "Resident representatives, to see what is coming up, get papers in time to read them, put items on the agenda and ask for information.",
	"home.for.officers":      "Council and housing association officers, to run meetings, keep the decisions log and answer requests for information.",
	"home.for.chairs":        "Chairs, independent facilitators and advisers, to set the group up, support its members and turn the health check into actions.",
	"home.for.community":     "The wider community, to see what the group has decided and send in their views.",
	"home.framework.heading": "Built on a published framework",
	"home.framework.body":    "The product follows a framework of five precepts and ten principles for coproduction in housing and regeneration. It uses them to check the health of your group's way of working, fairly to residents and officers alike.",
	"home.framework.link":    "Read the framework",

	"framework.title":              "The coproduction framework",
	"framework.precepts.heading":   "The five precepts",
	"framework.principles.heading": "The ten principles",
	"framework.principles.lead":    "Each principle has guidance, warning signs to look out for, actions to try and statements the health check asks members about.",
	"framework.edition":            "Framework edition %s.",

	"principle.title":           "Principle %d: %s",
	"principle.breadcrumb":      "Breadcrumb",
	"principle.guidance":        "Guidance",
	"principle.section.tools":   "Tools for this",
	"principle.lookout":         "What to look out for",
	"principle.quickwins":       "Quick wins",
	"principle.longterm":        "Mid to long-term actions",
	"principle.tools":           "Tools this principle names",
	"principle.statements":      "What the health check asks",
	"principle.statements.lead": "Members say how far they agree with each statement, anonymously.",
	"principle.pagination":      "Other principles",
	"principle.previous":        "Previous: principle %d, %s",
	"principle.next":            "Next: principle %d, %s",

	"error.notfound.title": "Page not found",
	"error.notfound.body":  "If you typed the web address, check it is correct. If you followed a link, the page may have moved or you may not have access to it.",
	"error.notfound.home":  "Go to the home page",
	"error.server.title":   "Sorry, something went wrong",
	"error.server.body":    "The problem has been recorded. Please try again in a few minutes.",
	"error.server.ref":     "If you report this, quote reference %s.",
	"error.server.plain":   "Sorry, something went wrong. If you report this, quote reference %s.",
	"error.crossorigin":    "This request came from another website, so it was refused. Go back to the page you were on and try again.",
}

// text returns the interface text for key, filling fmt verbs with args. An
// unknown key is an error.
func text(key string, args ...any) (string, error) {
	s, ok := english[key]
	if !ok {
		return "", fmt.Errorf("no interface text for key %q", key)
	}
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	return s, nil
}
