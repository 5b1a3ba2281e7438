package framework

import (
	"fmt"
	"regexp"
	"strings"
)

// The counts every framework file must keep. Organisations may reword
// anything, but the health check compares the ten principles across groups
// and rounds, so the shape is fixed.
const (
	NumPrecepts   = 5
	NumPrinciples = 10
	MinStatements = 2
	MaxStatements = 4
)

// ValidationError lists every problem found in a framework file. Each names
// the field by its path in the file, counting list positions from 1, for
// example principles[3].statements[2].text.
type ValidationError struct {
	Problems []string
}

func (e *ValidationError) Error() string {
	return fmt.Sprintf("the framework file has %d problem(s) (list positions count from 1):\n  %s",
		len(e.Problems), strings.Join(e.Problems, "\n  "))
}

var identifierPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// checker collects problems against field paths.
type checker struct{ problems []string }

func (c *checker) fail(path, format string, args ...any) {
	c.problems = append(c.problems, path+": "+fmt.Sprintf(format, args...))
}

func (c *checker) text(path, value string) {
	if strings.TrimSpace(value) == "" {
		c.fail(path, "missing or empty")
	}
}

func (c *checker) maxLen(path, value string, n int) {
	if len([]rune(value)) > n {
		c.fail(path, "too long: %d characters, at most %d", len([]rune(value)), n)
	}
}

func (c *checker) texts(path string, values []string, min int, what string) {
	if len(values) < min {
		c.fail(path, "needs at least %d %s", min, what)
	}
	for i, v := range values {
		c.text(fmt.Sprintf("%s[%d]", path, i+1), v)
	}
}

// identifier checks a slug or id at path: present, well formed, and not
// already in seen (which maps each value to the path that first used it).
func (c *checker) identifier(path, value string, seen map[string]string, why string) {
	switch {
	case value == "":
		c.fail(path, "missing or empty")
	case !identifierPattern.MatchString(value):
		c.fail(path, "%q should use only lower-case letters, digits and single hyphens", value)
	case seen[value] != "":
		c.fail(path, "%q is already used by %s%s", value, seen[value], why)
	default:
		seen[value] = path
	}
}

// Validate checks every field of f and returns a *ValidationError naming
// each problem, or nil.
func (f *Framework) Validate() error {
	var c checker
	if f.Schema != Schema {
		c.fail("schema", "this release reads schema %d, the file says %d", Schema, f.Schema)
	}
	c.text("version", f.Version)
	c.text("name", f.Name)
	c.text("credit.title", f.Credit.Title)
	c.text("credit.publisher", f.Credit.Publisher)
	c.text("credit.published", f.Credit.Published)
	c.text("credit.note", f.Credit.Note)
	c.text("introduction", f.Introduction)
	c.text("precepts_intro", f.PreceptsIntro)

	if len(f.Precepts) != NumPrecepts {
		c.fail("precepts", "needs exactly %d precepts, found %d", NumPrecepts, len(f.Precepts))
	}
	for i, p := range f.Precepts {
		path := fmt.Sprintf("precepts[%d]", i+1)
		if p.Number != i+1 {
			c.fail(path+".number", "should be %d (precepts are numbered in order from 1), found %d", i+1, p.Number)
		}
		c.text(path+".title", p.Title)
		c.text(path+".text", p.Text)
	}

	if len(f.Principles) != NumPrinciples {
		c.fail("principles", "needs exactly %d principles, found %d", NumPrinciples, len(f.Principles))
	}
	slugs := make(map[string]string)
	ids := make(map[string]string)
	indicators := make(map[string]string)
	for i := range f.Principles {
		path := fmt.Sprintf("principles[%d]", i+1)
		f.Principles[i].validate(&c, path, i+1, slugs, ids)
		for j, t := range f.Principles[i].Indicators {
			c.identifier(fmt.Sprintf("%s.indicators[%d].id", path, j+1), t.ID, indicators, "; each indicator's threshold is set once")
		}
	}

	if len(c.problems) > 0 {
		return &ValidationError{Problems: c.problems}
	}
	return nil
}

func (p *Principle) validate(c *checker, path string, want int, slugs, ids map[string]string) {
	if p.Number != want {
		c.fail(path+".number", "should be %d (principles are numbered in order from 1), found %d", want, p.Number)
	}
	c.identifier(path+".slug", p.Slug, slugs, "")
	c.text(path+".name", p.Name)
	c.maxLen(path+".name", p.Name, 80)
	c.text(path+".summary", p.Summary)
	c.maxLen(path+".summary", p.Summary, 160)

	if len(p.Guidance) == 0 {
		c.fail(path+".guidance", "needs at least 1 section")
	}
	for j, g := range p.Guidance {
		gpath := fmt.Sprintf("%s.guidance[%d]", path, j+1)
		c.text(gpath+".heading", g.Heading)
		c.text(gpath+".text", g.Text)
		for k, t := range g.Tools {
			tpath := fmt.Sprintf("%s.tools[%d]", gpath, k+1)
			c.text(tpath+".name", t.Name)
			if _, ok := LibraryEntry(t.Use); t.Use != "" && !ok {
				c.fail(tpath+".use", "%q is not in the product's library of templates and guides", t.Use)
			}
		}
	}
	if len(p.Guidance) > 0 && len(p.Tools()) == 0 {
		c.fail(path+".guidance", "name at least 1 tool in one of the sections' tools lists")
	}
	if len(p.LookOutFor) == 0 {
		c.fail(path+".look_out_for", "needs at least 1 warning")
	}
	for j, w := range p.LookOutFor {
		wpath := fmt.Sprintf("%s.look_out_for[%d]", path, j+1)
		c.text(wpath+".heading", w.Heading)
		c.text(wpath+".text", w.Text)
	}
	c.texts(path+".quick_wins", p.QuickWins, 1, "quick win")
	c.texts(path+".long_term_actions", p.LongTermActions, 1, "long-term action")

	if n := len(p.Statements); n < MinStatements || n > MaxStatements {
		c.fail(path+".statements", "needs %d to %d statements, found %d", MinStatements, MaxStatements, n)
	}
	for j, s := range p.Statements {
		spath := fmt.Sprintf("%s.statements[%d]", path, j+1)
		c.identifier(spath+".id", s.ID, ids, "; answers are stored against ids, so each must be unique")
		c.text(spath+".text", s.Text)
		c.maxLen(spath+".text", s.Text, 200)
	}
}
