package framework

import (
	"strings"
	"testing"
)

// Every tool the product's framework names leads to a library entry, and
// that entry says it serves the principle that names it.
func TestEveryToolHasAnEntry(t *testing.T) {
	f := Default()
	for _, p := range f.Principles {
		for _, tool := range p.Tools() {
			e := tool.Entry()
			if e == nil {
				t.Errorf("principle %d: tool %q leads to no library entry (use %q)", p.Number, tool.Name, tool.Use)
				continue
			}
			if !e.Serves(p.Number) {
				t.Errorf("principle %d: tool %q leads to %s, which does not list principle %d", p.Number, tool.Name, e.ID, p.Number)
			}
		}
	}
}

func TestLibrary(t *testing.T) {
	entries := Library()
	if len(entries) < 20 {
		t.Fatalf("the library has %d entries, want at least 20", len(entries))
	}
	templates := 0
	for i, e := range entries {
		if i > 0 && entries[i-1].Title > e.Title {
			t.Errorf("entries not in title order: %q before %q", entries[i-1].Title, e.Title)
		}
		if strings.Contains(e.Body, "<") {
			t.Errorf("%s: the body holds HTML", e.ID)
		}
		if strings.HasPrefix(e.Body, "# ") || strings.Contains(e.Body, "\n# ") {
			t.Errorf("%s: the body has a top-level heading; the page gives the title", e.ID)
		}
		if e.Template() {
			templates++
		}
	}
	if templates < 10 {
		t.Errorf("%d templates, want at least 10", templates)
	}
	if e, ok := LibraryEntry("theory-of-change"); !ok || !e.Serves(2) || e.Credit == "" {
		t.Errorf("LibraryEntry(theory-of-change) = %+v, %v; want the guide for principle 2, credited", e, ok)
	}
	if _, ok := LibraryEntry("no-such-thing"); ok {
		t.Error("LibraryEntry found an entry that does not exist")
	}
}

func TestParseEntry(t *testing.T) {
	good := "---\ntitle: A\nsummary: B\nkind: guide\nprinciples: [1, 10]\n---\nText.\n"
	e, err := parseEntry("a-b", []byte(good))
	if err != nil || e.Title != "A" || e.Body != "Text." || !e.Serves(10) || e.Template() {
		t.Fatalf("parseEntry(good) = %+v, %v", e, err)
	}
	for _, tt := range []struct{ name, id, raw, want string }{
		{"NoHeader", "a", "Text.", "should start with a header"},
		{"Unclosed", "a", "---\ntitle: A\nText.", "no closing ---"},
		{"BadID", "A_b", good, "file name"},
		{"Kind", "a", strings.Replace(good, "kind: guide", "kind: poem", 1), `kind: should be "template" or "guide"`},
		{"Principle", "a", strings.Replace(good, "[1, 10]", "[11]", 1), "11 is not a principle"},
		{"NoPrinciples", "a", strings.Replace(good, "[1, 10]", "[]", 1), "name at least one principle"},
		{"EmptyBody", "a", strings.Replace(good, "Text.\n", "", 1), "body"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := parseEntry(tt.id, []byte(tt.raw)); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parseEntry() = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// An adapted framework may name tools as plain text, as files written
// before tools led to the library did; a use that names no entry is an
// error.
func TestToolsInAdaptedFiles(t *testing.T) {
	plain := replace(t, "- name: \"Vision statement template\"\n            use: vision-statement", `- "Our own vision template"`)
	f, err := Parse(strings.NewReader(string(plain)))
	if err != nil {
		t.Fatalf("Parse(plain tool) = %v", err)
	}
	if tool := f.Principles[0].Tools()[0]; tool.Name != "Our own vision template" || tool.Entry() != nil {
		t.Errorf("first tool = %+v, want the plain name with no entry", tool)
	}
	unknown := replace(t, "use: vision-statement", "use: vision-poster")
	if _, err := Parse(strings.NewReader(string(unknown))); err == nil || !strings.Contains(err.Error(), `principles[1].guidance[1].tools[1].use: "vision-poster" is not in the product's library`) {
		t.Errorf("Parse(unknown use) = %v", err)
	}
}
