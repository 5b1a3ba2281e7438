package coproduce

import (
	"path"
	"strings"
	"testing"
)

// FuzzPaperContentType feeds file-type detection any name and content: it
// never panics, answers only with a type the product serves, and gives an
// office type only for a name with that type's extension and text only
// for a .txt or .csv name.
func FuzzPaperContentType(f *testing.F) {
	f.Add("minutes.pdf", []byte("%PDF-1.7\n1 0 obj\n"))
	f.Add("notes.txt", []byte("Plain notes about the lifts."))
	f.Add("budget.csv", []byte("item,cost\nlifts,100\n"))
	f.Add("plan.docx", []byte("PK\x03\x04"))
	f.Add("old.doc", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0})
	f.Add("photo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	f.Add("evil.html", []byte("<html><script>alert(1)</script>"))
	f.Add("", []byte{})
	allowed := map[string]bool{"application/pdf": true, "image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true,
		"text/plain; charset=utf-8": true, "text/csv; charset=utf-8": true, "": true}
	for _, t := range officeTypes {
		allowed[t] = true
	}
	f.Fuzz(func(t *testing.T, name string, content []byte) {
		got := PaperContentType(name, content)
		if !allowed[got] {
			t.Fatalf("%q: type %q is not one the product serves", name, got)
		}
		ext := strings.ToLower(path.Ext(name))
		if strings.HasPrefix(got, "text/") && ext != ".txt" && ext != ".csv" {
			t.Fatalf("%q: text type %q for a name that is not .txt or .csv", name, got)
		}
		for e, office := range officeTypes {
			if got == office && ext != e {
				t.Fatalf("%q: office type %q for extension %q", name, got, ext)
			}
		}
	})
}
