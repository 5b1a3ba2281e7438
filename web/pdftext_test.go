package web

import (
	"bytes"
	"encoding/hex"
	"io"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// pdfText extracts the text of a PDF the way a reader does: it runs each
// page's content stream and maps the codes in every text-showing operator
// to Unicode through the font's ToUnicode map. (The library's own text
// extraction mishandles ranges of two-byte codes, so only its parsing is
// used here.) Each text object ends a line.
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("the PDF does not parse: %v", err)
	}
	var out strings.Builder
	for i := 1; i <= r.NumPage(); i++ {
		page := r.Page(i)
		maps := map[string]toUnicode{}
		for _, name := range page.Fonts() {
			maps[name] = readToUnicode(t, page.Font(name).V.Key("ToUnicode"))
		}
		var current toUnicode
		pdf.Interpret(page.V.Key("Contents"), func(stk *pdf.Stack, op string) {
			args := make([]pdf.Value, stk.Len())
			for i := len(args) - 1; i >= 0; i-- {
				args[i] = stk.Pop()
			}
			switch op {
			case "Tf":
				if len(args) == 2 {
					current = maps[args[0].Name()]
				}
			case "Tj", "'":
				if len(args) > 0 {
					out.WriteString(current.decode(t, args[len(args)-1].RawString()))
				}
			case "TJ":
				if len(args) == 1 {
					for k := range args[0].Len() {
						if v := args[0].Index(k); v.Kind() == pdf.String {
							out.WriteString(current.decode(t, v.RawString()))
						}
					}
				}
			case "ET":
				out.WriteString("\n")
			}
		})
	}
	return out.String()
}

// toUnicode maps two-byte character codes to text.
type toUnicode struct {
	chars  map[uint16]string
	ranges []codeRange
}

type codeRange struct {
	lo, hi uint16
	first  []uint16 // UTF-16 of the text for lo; later codes add to its last unit
}

func (m toUnicode) decode(t *testing.T, s string) string {
	if len(s)%2 != 0 {
		t.Fatalf("text %q is not in two-byte codes", s)
	}
	var out strings.Builder
	for i := 0; i < len(s); i += 2 {
		code := uint16(s[i])<<8 | uint16(s[i+1])
		if text, ok := m.chars[code]; ok {
			out.WriteString(text)
			continue
		}
		found := false
		for _, r := range m.ranges {
			if code >= r.lo && code <= r.hi {
				units := append([]uint16(nil), r.first...)
				units[len(units)-1] += code - r.lo
				out.WriteString(string(utf16.Decode(units)))
				found = true
				break
			}
		}
		if !found {
			t.Fatalf("code %04x has no Unicode mapping", code)
		}
	}
	return out.String()
}

func utf16Units(s string) []uint16 {
	var units []uint16
	for i := 0; i+1 < len(s); i += 2 {
		units = append(units, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return units
}

func codeOf(s string) uint16 {
	if len(s) != 2 {
		return 0
	}
	return uint16(s[0])<<8 | uint16(s[1])
}

// readToUnicode reads a ToUnicode CMap's bfchar and bfrange entries
// (written with hex strings, as PDF writers do).
func readToUnicode(t *testing.T, v pdf.Value) toUnicode {
	t.Helper()
	m := toUnicode{chars: map[uint16]string{}}
	if v.Kind() != pdf.Stream {
		t.Fatal("a font has no ToUnicode map, so its text cannot be extracted")
	}
	b, err := io.ReadAll(v.Reader())
	if err != nil {
		t.Fatal(err)
	}
	section := regexp.MustCompile(`(?s)begin(bfchar|bfrange)(.*?)end(bfchar|bfrange)`)
	hexString := regexp.MustCompile(`<([0-9A-Fa-f]*)>|\[`)
	for _, sec := range section.FindAllSubmatch(b, -1) {
		var codes []string
		for _, h := range hexString.FindAllSubmatch(sec[2], -1) {
			if string(h[0]) == "[" {
				t.Fatal("bfrange with an array of targets is not handled by this test's reader")
			}
			raw, err := hexDecode(string(h[1]))
			if err != nil {
				t.Fatal(err)
			}
			codes = append(codes, raw)
		}
		if string(sec[1]) == "bfchar" {
			for i := 0; i+1 < len(codes); i += 2 {
				m.chars[codeOf(codes[i])] = string(utf16.Decode(utf16Units(codes[i+1])))
			}
			continue
		}
		for i := 0; i+2 < len(codes); i += 3 {
			m.ranges = append(m.ranges, codeRange{lo: codeOf(codes[i]), hi: codeOf(codes[i+1]), first: utf16Units(codes[i+2])})
		}
	}
	if len(m.chars) == 0 && len(m.ranges) == 0 {
		t.Fatal("a font's ToUnicode map is empty")
	}
	return m
}

func hexDecode(s string) (string, error) {
	b, err := hex.DecodeString(s)
	return string(b), err
}
