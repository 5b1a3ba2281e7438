// Package framework holds the coproduction framework as data: the five
// precepts and ten principles, with their guidance, warning signs, actions,
// tools and health-check statements. The product's own version is embedded
// (coproduction.yaml); an organisation may load an adapted copy instead.
// Either way the file is validated in full before it is used.
package framework

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Schema is the version of the file's structure this release reads.
const Schema = 1

//go:embed coproduction.yaml
var embedded []byte

// Framework is the whole framework as loaded from its file.
type Framework struct {
	Schema        int         `yaml:"schema"`
	Version       string      `yaml:"version"`
	Name          string      `yaml:"name"`
	Credit        Credit      `yaml:"credit"`
	Introduction  string      `yaml:"introduction"`
	PreceptsIntro string      `yaml:"precepts_intro"`
	Precepts      []Precept   `yaml:"precepts"`
	Principles    []Principle `yaml:"principles"`
}

// Credit names the published framework this text is based on.
type Credit struct {
	Title     string `yaml:"title"`
	Publisher string `yaml:"publisher"`
	Published string `yaml:"published"`
	Authors   string `yaml:"authors"`
	Note      string `yaml:"note"`
}

// Precept is one of the starting truths a group reads when it begins.
type Precept struct {
	Number int    `yaml:"number"`
	Title  string `yaml:"title"`
	Text   string `yaml:"text"`
}

// Principle is one of the ten principles of coproduction.
type Principle struct {
	Number          int         `yaml:"number"`
	Slug            string      `yaml:"slug"`
	Name            string      `yaml:"name"`
	Summary         string      `yaml:"summary"`
	Guidance        []Guidance  `yaml:"guidance"`
	LookOutFor      []Warning   `yaml:"look_out_for"`
	QuickWins       []string    `yaml:"quick_wins"`
	LongTermActions []string    `yaml:"long_term_actions"`
	Statements      []Statement `yaml:"statements"`
	Indicators      []Threshold `yaml:"indicators"`
}

// Threshold sets the threshold of one of the product's evidence
// indicators for this principle, by the indicator's id. Indicators the
// file does not name keep the product's default.
type Threshold struct {
	ID        string  `yaml:"id"`
	Threshold float64 `yaml:"threshold"`
}

// Guidance is one section of advice on putting a principle into practice.
type Guidance struct {
	Heading string `yaml:"heading"`
	Text    string `yaml:"text"`
	Tools   []Tool `yaml:"tools"`
}

// Warning is a sign that a principle is slipping.
type Warning struct {
	Heading string `yaml:"heading"`
	Text    string `yaml:"text"`
}

// Statement is something a member agrees or disagrees with in the health
// check. Its ID is stable: answers are stored against it.
type Statement struct {
	ID   string `yaml:"id"`
	Text string `yaml:"text"`
}

// Tools returns the tools named across the principle's guidance, in order,
// each name once.
func (p *Principle) Tools() []Tool {
	var tools []Tool
	seen := make(map[string]bool)
	for _, g := range p.Guidance {
		for _, t := range g.Tools {
			if !seen[t.Name] {
				seen[t.Name] = true
				tools = append(tools, t)
			}
		}
	}
	return tools
}

// Principle returns the principle numbered n, or false if there is none.
func (f *Framework) Principle(n int) (*Principle, bool) {
	if n < 1 || n > len(f.Principles) {
		return nil, false
	}
	// Validate guarantees principles are numbered 1..10 in order.
	return &f.Principles[n-1], true
}

var blankLine = regexp.MustCompile(`\n[ \t]*\n`)

// Paragraphs splits text into paragraphs at blank lines, joining the lines
// within each paragraph with spaces.
func Paragraphs(text string) []string {
	var paras []string
	for _, block := range blankLine.Split(strings.TrimSpace(text), -1) {
		if p := strings.Join(strings.Fields(block), " "); p != "" {
			paras = append(paras, p)
		}
	}
	return paras
}

// Default returns the product's own framework, embedded in the binary.
func Default() *Framework {
	f, err := Parse(bytes.NewReader(embedded))
	if err != nil {
		// The embedded file is checked by the tests; reaching this means a
		// release was built from a broken tree.
		panic("framework: the embedded framework is invalid: " + err.Error())
	}
	return f
}

// Load reads and validates the framework file at path. It returns the
// error from opening the file (wrapping os.ErrNotExist when it is missing),
// or Parse's error prefixed with the path.
func Load(path string) (*Framework, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	f, err := Parse(file)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// Parse decodes a framework file and validates it. Unknown fields are
// refused, so a misspelt key is reported instead of silently ignored. The
// error names the field at fault, such as principles[3].statements[1].text:
// a *ValidationError listing every problem, or a plain error when the file
// is not YAML at all.
func Parse(r io.Reader) (*Framework, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f Framework
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("the framework file is empty")
		}
		var typeErr *yaml.TypeError
		if errors.As(err, &typeErr) {
			return nil, &ValidationError{Problems: namedTypeErrors(data, typeErr.Errors)}
		}
		return nil, fmt.Errorf("reading the framework file: %w", err)
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	return &f, nil
}

// namedTypeErrors puts the field path in front of each of the YAML
// decoder's messages ("line 75: cannot unmarshal ..."), which name only a
// line.
func namedTypeErrors(data []byte, msgs []string) []string {
	var root yaml.Node
	paths := make(map[int]string)
	if yaml.Unmarshal(data, &root) == nil {
		linePaths(&root, "", paths)
	}
	out := make([]string, len(msgs))
	for i, msg := range msgs {
		out[i] = msg
		var line int
		if _, err := fmt.Sscanf(msg, "line %d:", &line); err == nil && paths[line] != "" {
			out[i] = paths[line] + " (" + msg + ")"
		}
	}
	return out
}

// linePaths records, for each line holding a key or value, the path of the
// field there, in the form the validator uses (positions from 1).
func linePaths(n *yaml.Node, path string, paths map[int]string) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			linePaths(c, path, paths)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, value := n.Content[i], n.Content[i+1]
			p := key.Value
			if path != "" {
				p = path + "." + key.Value
			}
			paths[key.Line] = p
			paths[value.Line] = p
			linePaths(value, p, paths)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i+1)
			if _, ok := paths[c.Line]; !ok || c.Kind == yaml.ScalarNode {
				paths[c.Line] = p
			}
			linePaths(c, p, paths)
		}
	}
}

// Source returns the embedded framework file exactly as shipped, as the
// starting point for an organisation's adapted copy.
func Source() []byte { return bytes.Clone(embedded) }
