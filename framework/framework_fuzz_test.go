package framework

import (
	"bytes"
	"testing"
)

// FuzzParse feeds the framework file loader any bytes: it never panics,
// and whatever it accepts is a whole framework (it passes Validate, with
// ten principles each with statements), while what it refuses comes with
// an error that says why.
func FuzzParse(f *testing.F) {
	f.Add(Source())
	f.Add([]byte(""))
	f.Add([]byte("principles: 3"))
	f.Add([]byte("precepts:\n  - name: x\nunknown: 1\n"))
	f.Add(bytes.Replace(Source(), []byte("principles:"), []byte("principle:"), 1))
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, err := Parse(bytes.NewReader(data))
		if err != nil {
			if err.Error() == "" {
				t.Fatal("a refusal without a reason")
			}
			return
		}
		if verr := fw.Validate(); verr != nil {
			t.Fatalf("accepted a framework that does not validate: %v", verr)
		}
		if len(fw.Principles) == 0 {
			t.Fatal("accepted a framework without principles")
		}
	})
}
