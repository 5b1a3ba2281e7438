package web

import (
	"strings"
	"testing"
)

func TestMarkdownIsSafe(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
		banned   []string
	}{
		{"Formatting", "# Minutes\n\n**Agreed:** the survey.\n\n- one\n- two", []string{"<h1>Minutes</h1>", "<strong>Agreed:</strong>", "<li>one</li>"}, nil},
		{"RawScript", "<script>alert(1)</script>hello", nil, []string{"<script", "alert(1)"}},
		{"JavascriptLink", "[click](javascript:alert(1))", nil, []string{"javascript:"}},
		{"EventHandler", "<img src=x onerror=alert(1)>", nil, []string{"onerror", "<img"}},
		{"DataLink", "[x](data:text/html;base64,PHNjcmlwdD4=)", nil, []string{"data:text/html"}},
		{"OrdinaryLink", "[council](https://example.org/plan)", []string{`href="https://example.org/plan"`, `rel="nofollow noreferrer"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(markdown(tt.in))
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q lacks %q", got, w)
				}
			}
			for _, b := range tt.banned {
				if strings.Contains(got, b) {
					t.Errorf("%q contains %q", got, b)
				}
			}
		})
	}
}
