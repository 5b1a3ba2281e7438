package web

import (
	"bytes"
	"html/template"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
)

// markdownRenderer turns what members write (minutes, for now) into HTML.
// goldmark drops raw HTML and dangerous link schemes; bluemonday's policy
// for user content then removes anything else that could run or mislead,
// and marks links as leading elsewhere. Two layers, because minutes are
// written by people and read by everyone.
var (
	markdownParser = goldmark.New()
	markdownPolicy = func() *bluemonday.Policy {
		p := bluemonday.UGCPolicy()
		p.RequireNoFollowOnLinks(true)
		p.AddTargetBlankToFullyQualifiedLinks(false)
		p.RequireNoReferrerOnLinks(true)
		return p
	}()
)

// markdown renders Markdown as safe HTML. A document that cannot be
// rendered shows as escaped text.
func markdown(src string) template.HTML {
	var buf bytes.Buffer
	if err := markdownParser.Convert([]byte(src), &buf); err != nil {
		return template.HTML(template.HTMLEscapeString(src))
	}
	return template.HTML(markdownPolicy.SanitizeBytes(buf.Bytes()))
}
