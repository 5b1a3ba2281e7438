package framework

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultIsValid(t *testing.T) {
	f, err := Parse(bytes.NewReader(embedded))
	if err != nil {
		t.Fatalf("embedded framework: %v", err)
	}
	if len(f.Precepts) != 5 || len(f.Principles) != 10 {
		t.Fatalf("got %d precepts and %d principles, want 5 and 10", len(f.Precepts), len(f.Principles))
	}
	for i, p := range f.Principles {
		if got, ok := f.Principle(i + 1); !ok || got.Slug != p.Slug {
			t.Errorf("Principle(%d) = %v, %v", i+1, got, ok)
		}
	}
	if _, ok := f.Principle(11); ok {
		t.Error("Principle(11) found, want none")
	}
	if _, ok := f.Principle(0); ok {
		t.Error("Principle(0) found, want none")
	}
}

// replace returns the embedded file with one exact piece of text replaced,
// failing the test if the piece is not there exactly once (so an edit to the
// content cannot silently turn a broken-file case into a valid file).
func replace(t *testing.T, old, new string) []byte {
	t.Helper()
	if n := bytes.Count(embedded, []byte(old)); n != 1 {
		t.Fatalf("%q occurs %d times in the embedded file, want 1", old, n)
	}
	return bytes.Replace(embedded, []byte(old), []byte(new), 1)
}

func TestParseBrokenFiles(t *testing.T) {
	tests := []struct {
		name string
		file func(t *testing.T) []byte
		want string // text the error must contain: the field at fault
	}{
		{"ErrEmpty", func(*testing.T) []byte { return nil }, "empty"},
		{"ErrNotYAML", func(*testing.T) []byte { return []byte("schema: [1\n") }, "reading the framework file"},
		{"ErrUnknownField", func(t *testing.T) []byte {
			return replace(t, `version: "2026.1"`, "version: \"2026.1\"\nversoin: \"typo\"")
		}, "field versoin not found"},
		{"ErrSchema", func(t *testing.T) []byte { return replace(t, "schema: 1\n", "schema: 2\n") }, "schema: this release reads schema 1, the file says 2"},
		{"ErrCreditMissing", func(t *testing.T) []byte {
			return replace(t, `publisher: "Community Led Housing London"`, `publisher: ""`)
		}, "credit.publisher: missing or empty"},
		{"ErrStatementTextMissing", func(t *testing.T) []byte {
			return replace(t, `text: "We agreed together why this group exists."`, `text: ""`)
		}, "principles[1].statements[1].text: missing or empty"},
		{"ErrStatementIDDuplicate", func(t *testing.T) []byte {
			return replace(t, `id: "vision-how-we-work"`, `id: "vision-shared-purpose"`)
		}, `principles[1].statements[2].id: "vision-shared-purpose" is already used by principles[1].statements[1]`},
		{"ErrStatementIDMalformed", func(t *testing.T) []byte {
			return replace(t, `id: "vision-how-we-work"`, `id: "Vision How"`)
		}, "principles[1].statements[2].id"},
		{"ErrPrincipleNumber", func(t *testing.T) []byte {
			return replace(t, "  - number: 1\n    slug:", "  - number: 7\n    slug:")
		}, "principles[1].number: should be 1"},
		{"ErrSlugMalformed", func(t *testing.T) []byte {
			return replace(t, `slug: "common-vision"`, `slug: "Common Vision"`)
		}, "principles[1].slug"},
		{"ErrNumberNotInteger", func(t *testing.T) []byte {
			return replace(t, "  - number: 1\n    slug:", "  - number: one\n    slug:")
		}, "principles[1].number (line "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(bytes.NewReader(tt.file(t)))
			if err == nil {
				t.Fatal("Parse() = nil error, want one")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %q\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func TestValidateCounts(t *testing.T) {
	f := Default()
	f.Principles = f.Principles[:9]
	f.Principles[2].Statements = f.Principles[2].Statements[:1]
	f.Principles[3].QuickWins = nil
	for i := range f.Principles[4].Guidance {
		f.Principles[4].Guidance[i].Tools = nil
	}
	f.Precepts = append(f.Precepts, Precept{Number: 6, Title: "Extra", Text: "x"})
	err := f.Validate()
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("Validate() = %v, want *ValidationError", err)
	}
	for _, want := range []string{
		"principles: needs exactly 10 principles, found 9",
		"principles[3].statements: needs 2 to 4 statements, found 1",
		"principles[4].quick_wins: needs at least 1 quick win",
		"principles[5].guidance: name at least 1 tool",
		"precepts: needs exactly 5 precepts, found 6",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q:\n%s", want, err)
		}
	}
}

func TestLoadAdaptedCopy(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ours.yaml")
	adapted := replace(t, `text: "We agreed together why this group exists."`, `text: "We all know why this group meets."`)
	if err := os.WriteFile(path, adapted, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := Load(path)
	if err != nil {
		t.Fatalf("Load() = %v", err)
	}
	if got := f.Principles[0].Statements[0].Text; got != "We all know why this group meets." {
		t.Errorf("statement = %q, want the adapted text", got)
	}

	if _, err := Load(filepath.Join(dir, "missing.yaml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load(missing) = %v, want os.ErrNotExist", err)
	}
	broken := filepath.Join(dir, "broken.yaml")
	os.WriteFile(broken, replace(t, `slug: "common-vision"`, `slug: ""`), 0o600)
	if _, err := Load(broken); err == nil || !strings.Contains(err.Error(), broken) || !strings.Contains(err.Error(), "principles[1].slug") {
		t.Errorf("Load(broken) = %v, want an error naming the file and principles[1].slug", err)
	}
}

func TestParagraphs(t *testing.T) {
	got := Paragraphs("  One line\nsame para.\n\n  \nSecond.\n")
	if len(got) != 2 || got[0] != "One line same para." || got[1] != "Second." {
		t.Fatalf("Paragraphs() = %q", got)
	}
}

func TestPrincipleTools(t *testing.T) {
	p := Principle{Guidance: []Guidance{{Tools: []Tool{{Name: "A"}, {Name: "B"}}}, {Tools: []Tool{{Name: "B"}, {Name: "C"}}}}}
	var names []string
	for _, tool := range p.Tools() {
		names = append(names, tool.Name)
	}
	if got := strings.Join(names, ","); got != "A,B,C" {
		t.Fatalf("Tools() = %q, want A,B,C", got)
	}
}
