package framework

import (
	"bytes"
	"embed"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// The library's entries are Markdown files with a short YAML header, one
// per tool, written in the product's own words.
//
//go:embed templates/*.md
var libraryFiles embed.FS

// Entry kinds: a template is a document the group fills in and keeps; a
// guide is advice to read.
const (
	KindTemplate = "template"
	KindGuide    = "guide"
)

// Entry is one template or guide in the library.
type Entry struct {
	ID         string `yaml:"-"` // the file name without ".md"
	Title      string `yaml:"title"`
	Summary    string `yaml:"summary"`
	Kind       string `yaml:"kind"`
	Principles []int  `yaml:"principles"`
	Credit     string `yaml:"credit"` // the named method it follows, if any
	Body       string `yaml:"-"`      // Markdown
}

// Template reports whether the entry is a template a group can start a
// document from.
func (e *Entry) Template() bool { return e.Kind == KindTemplate }

// Serves reports whether the entry serves principle n.
func (e *Entry) Serves(n int) bool { return slices.Contains(e.Principles, n) }

var library = sync.OnceValues(func() ([]*Entry, error) {
	names, err := libraryFiles.ReadDir("templates")
	if err != nil {
		return nil, err
	}
	var entries []*Entry
	for _, n := range names {
		raw, err := libraryFiles.ReadFile("templates/" + n.Name())
		if err != nil {
			return nil, err
		}
		e, err := parseEntry(strings.TrimSuffix(path.Base(n.Name()), ".md"), raw)
		if err != nil {
			return nil, fmt.Errorf("templates/%s: %w", n.Name(), err)
		}
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(a, b *Entry) int { return strings.Compare(a.Title, b.Title) })
	return entries, nil
})

// parseEntry reads one library file: a header between "---" lines, then
// the body.
func parseEntry(id string, raw []byte) (*Entry, error) {
	raw = bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n"))
	rest, ok := bytes.CutPrefix(raw, []byte("---\n"))
	if !ok {
		return nil, fmt.Errorf("should start with a header between --- lines")
	}
	header, body, ok := bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		return nil, fmt.Errorf("the header has no closing --- line")
	}
	e := &Entry{ID: id, Body: strings.TrimSpace(string(body))}
	if err := yaml.Unmarshal(header, e); err != nil {
		return nil, err
	}
	var c checker
	if !identifierPattern.MatchString(id) {
		c.fail("file name", "%q should use only lower-case letters, digits and single hyphens", id)
	}
	c.text("title", e.Title)
	c.text("summary", e.Summary)
	c.text("body", e.Body)
	if e.Kind != KindTemplate && e.Kind != KindGuide {
		c.fail("kind", "should be %q or %q, found %q", KindTemplate, KindGuide, e.Kind)
	}
	if len(e.Principles) == 0 {
		c.fail("principles", "name at least one principle it serves")
	}
	for _, n := range e.Principles {
		if n < 1 || n > NumPrinciples {
			c.fail("principles", "%d is not a principle (1 to %d)", n, NumPrinciples)
		}
	}
	if len(c.problems) > 0 {
		return nil, &ValidationError{Problems: c.problems}
	}
	return e, nil
}

// Library returns every entry in the product's library, by title. The
// files are checked by the tests; an invalid one panics, as for the
// embedded framework.
func Library() []*Entry {
	entries, err := library()
	if err != nil {
		panic("framework: the embedded library is invalid: " + err.Error())
	}
	return entries
}

// LibraryEntry returns the library entry with the id, or false.
func LibraryEntry(id string) (*Entry, bool) {
	for _, e := range Library() {
		if e.ID == id {
			return e, true
		}
	}
	return nil, false
}

// Tool is a tool the framework names for a principle: its name as the
// file gives it, and the id of the library entry the product offers for
// it. An adapted file may name a tool as plain text, with no entry.
type Tool struct {
	Name string `yaml:"name"`
	Use  string `yaml:"use"`
}

// UnmarshalYAML reads a tool written either as plain text or as a
// mapping with name and use.
func (t *Tool) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		t.Name, t.Use = n.Value, ""
		return nil
	}
	type plain Tool
	return n.Decode((*plain)(t))
}

// Entry returns the library entry the tool leads to, or nil.
func (t Tool) Entry() *Entry {
	if e, ok := LibraryEntry(t.Use); ok {
		return e
	}
	return nil
}
