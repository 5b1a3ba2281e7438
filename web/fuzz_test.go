package web

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"
	"golang.org/x/net/html"

	"coproduce"
)

// FuzzMarkdown renders any text as minutes are rendered: whatever goes in,
// nothing that runs script comes out.
func FuzzMarkdown(f *testing.F) {
	for _, seed := range []string{
		"## Minutes\n\nAgreed **three** things.",
		"<script>alert(1)</script>",
		"[click](javascript:alert(1))",
		"<img src=x onerror=alert(1)>",
		"[x](JaVaScRiPt:alert(1))",
		"<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
		"![i](x\" onerror=\"alert(1))",
		"<svg><script>alert(1)</script></svg>",
		"<iframe src=//evil></iframe>",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out := string(markdown(src))
		z := html.NewTokenizer(strings.NewReader(out))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				return
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tok := z.Token()
			switch tok.Data {
			case "script", "iframe", "object", "embed", "style", "svg", "form", "input", "math", "base", "meta", "link":
				t.Fatalf("%q rendered with a <%s>:\n%s", src, tok.Data, out)
			}
			for _, a := range tok.Attr {
				v := strings.ToLower(strings.Map(func(r rune) rune {
					if r <= ' ' {
						return -1
					}
					return r
				}, a.Val))
				if strings.HasPrefix(a.Key, "on") || a.Key == "style" ||
					((a.Key == "href" || a.Key == "src") && (strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:"))) {
					t.Fatalf("%q rendered with %s=%q:\n%s", src, a.Key, a.Val, out)
				}
			}
		}
	})
}

// FuzzDecodeJSON sends any body to an API write: it never panics, and a
// body is either refused as a whole (400), refused field by field (422),
// or read into exactly the fields the form has, each a string.
func FuzzDecodeJSON(f *testing.F) {
	for _, seed := range []string{`{"title":"Book the hall","due":"2027-01-01"}`, `{"title":1,"owner":true}`, `{"title":[]}`, `[]`, `null`, `"x"`, `{`, `{"extra":1}`, ``} {
		f.Add(seed)
	}
	s, _ := newTestServer(f)
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/x", strings.NewReader(body))
		rec := httptest.NewRecorder()
		fm, ok := s.decodeJSON(rec, req, "title", "due", "owner")
		switch {
		case ok && rec.Code != http.StatusOK:
			t.Fatalf("%q: read, but answered %d", body, rec.Code)
		case !ok && rec.Code != http.StatusBadRequest && rec.Code != http.StatusUnprocessableEntity && rec.Code != http.StatusRequestEntityTooLarge:
			t.Fatalf("%q: refused with %d", body, rec.Code)
		case ok:
			for name := range fm.Values {
				if name != "title" && name != "due" && name != "owner" {
					t.Fatalf("%q: read a field the form does not have: %q", body, name)
				}
			}
		}
	})
}

// FuzzParseForm posts any form body and reads a date from it as the pages
// do: never a panic, and a date read is one that writes back the same.
func FuzzParseForm(f *testing.F) {
	for _, seed := range []string{"due=2027-01-12&title=Hall", "due=2027-02-30", "due=%zz", "due=12%2F01%2F2027", "title=" + strings.Repeat("a", 1000), "due=2027-03-28"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest(http.MethodPost, "/x", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		fm, err := parseForm(httptest.NewRecorder(), req, "due", "title")
		if err != nil {
			return
		}
		d := parseDate(fm, "due")
		if d.IsZero() {
			return
		}
		if got := d.In(london).Format("2006-01-02"); got != fm.Get("due") {
			t.Fatalf("%q read as %s", fm.Get("due"), got)
		}
	})
}

// FuzzWriteCSV writes any cells as the downloads do and reads them back:
// each cell comes back as written, except that text a spreadsheet could
// take for a formula has an apostrophe in front.
func FuzzWriteCSV(f *testing.F) {
	for _, seed := range [][2]string{{"plain", "text"}, {"=1+1", "@SUM(A1)"}, {"-1", "+44 20"}, {"a,b", "quote \"here\""}, {"line\nbreak", "\ttab"}, {"Łódź", "Привет"}} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		var buf bytes.Buffer
		if err := writeCSV(&buf, []string{"a", "b"}, eachRow([][]string{{a, b}})); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatalf("unreadable CSV for %q, %q: %v", a, b, err)
		}
		if len(rows) != 2 {
			t.Fatalf("%d rows for %q, %q", len(rows), a, b)
		}
		for i, in := range []string{a, b} {
			// Every line break is written as CRLF, which encoding/csv reads
			// back as a newline.
			want := lineBreaks.Replace(safeCell(in))
			got := rows[1][i]
			if got != want {
				t.Fatalf("cell %q came back as %q, want %q", in, got, want)
			}
			if got != "" && strings.ContainsRune("=+-@", rune(got[0])) {
				if _, err := strconv.ParseFloat(got, 64); err != nil {
					t.Fatalf("cell %q came back as formula-like %q", in, got)
				}
			}
		}
	})
}

// FuzzCalendar writes a meeting with any title, venue and notes as an
// iCalendar invitation and reads it back: one event, with the title and
// place as written.
func FuzzCalendar(f *testing.F) {
	for _, seed := range [][3]string{{"Steering group", "Hall", ""}, {"A; B, C", "Room\\1", "Line\nbreak"}, {"Łódź – Ωμέγα", "", "Step-free access"}, {strings.Repeat("long ", 40), "x", "y"}} {
		f.Add(seed[0], seed[1], seed[2])
	}
	s, _ := newTestServer(f)
	f.Fuzz(func(t *testing.T, title, venue, notes string) {
		for _, v := range []string{title, venue, notes} {
			if strings.ContainsRune(v, '\r') || strings.ContainsRune(v, 0) || !utf8.ValidString(v) {
				return // the forms refuse these before they reach a meeting
			}
		}
		m := &coproduce.Meeting{ID: 1, Title: title, Venue: venue, AccessNotes: notes, Minutes: 60, StartsAt: time.Date(2027, 1, 12, 18, 0, 0, 0, time.UTC)}
		b, err := s.calendarBytes("Group", []*ical.Event{s.calendarEvent(m, "Group", "/o/x/g/y/meetings/1", time.Now())})
		if err != nil {
			return // go-ical refuses what it cannot write, rather than writing it wrong
		}
		cal, err := ical.NewDecoder(bytes.NewReader(b)).Decode()
		if err != nil {
			t.Fatalf("unreadable invitation for %q: %v\n%s", title, err, b)
		}
		events := cal.Events()
		if len(events) != 1 {
			t.Fatalf("%d events", len(events))
		}
		summary, _ := events[0].Props.Text(ical.PropSummary)
		if summary != title+" – Group" {
			t.Fatalf("summary %q, want %q", summary, title+" – Group")
		}
		if venue != "" {
			if loc, _ := events[0].Props.Text(ical.PropLocation); loc != venue {
				t.Fatalf("location %q, want %q", loc, venue)
			}
		}
	})
}
