package web

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"coproduce"
	"coproduce/demo"
	"coproduce/internal/suites"
	"coproduce/store"
)

// LibreOfficeEnv names the LibreOffice program for the spreadsheet suite;
// the default is soffice on the PATH.
const LibreOfficeEnv = "COPRODUCE_TEST_SOFFICE"

// libreOffice returns the LibreOffice program, or skips t (recording the
// skip, which CI refuses) when there is none.
func libreOffice(t *testing.T) string {
	name := os.Getenv(LibreOfficeEnv)
	if name == "" {
		name = "soffice"
	}
	path, err := exec.LookPath(name)
	reason := ""
	if err != nil {
		reason = fmt.Sprintf("no LibreOffice (%s) found (apt-get install libreoffice-calc-nogui, or set %s)", name, LibreOfficeEnv)
	}
	suites.Require(t, "libreoffice", reason)
	return path
}

// convert runs LibreOffice headless to turn file into format, with its
// own profile so parallel runs and root do not trip over each other, and
// returns the new file's path.
func convert(t *testing.T, soffice, file, inFilter, format string) string {
	t.Helper()
	dir := t.TempDir()
	args := []string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile")}
	if inFilter != "" {
		args = append(args, "--infilter="+inFilter)
	}
	args = append(args, "--convert-to", format, "--outdir", filepath.Join(dir, "out"), file)
	out, err := exec.Command(soffice, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("LibreOffice: %v\n%s", err, out)
	}
	ext, _, _ := strings.Cut(format, ":")
	converted := filepath.Join(dir, "out", strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))+"."+ext)
	if _, err := os.Stat(converted); err != nil {
		t.Fatalf("LibreOffice made no %s: %s", converted, out)
	}
	return converted
}

// csvLO is LibreOffice's CSV filter: comma, double quote, UTF-8, from the
// first line, with its default of working out formulas, as a person
// opening the file would get.
const csvLO = "Text - txt - csv (StarCalc):44,34,76,1"

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	must(t, err)
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	must(t, err)
	return rows
}

// TestExportsOpenInLibreOffice opens downloads of the demo data in
// LibreOffice, converts them, and checks the values came through: every
// character as written, and text that looks like a formula kept as text
// rather than worked out.
func TestExportsOpenInLibreOffice(t *testing.T) {
	soffice := libreOffice(t)
	ctx := context.Background()
	s, _ := newTestServerOn(t, "")
	loaded, err := demo.Load(ctx, s.db, cheapPasswords)
	if err != nil || !loaded {
		t.Fatalf("demo data: %v %v", loaded, err)
	}
	g, _, err := s.db.FindGroupBySlugs(ctx, "brookfield-council", "larkhill-estate")
	must(t, err)
	chair, err := s.db.FindUserByEmail(ctx, "grace@demo.coproduce.example")
	must(t, err)
	session, err := s.db.CreateSession(ctx, chair.ID, "test", store.DefaultSessionPolicy)
	must(t, err)
	// Two actions a spreadsheet could trip over, among the demo's own.
	tricky := []string{"=1+1", "Łódź, Ωμέγα, Привет, café – “quoted”"}
	for _, title := range tricky {
		must(t, s.db.CreateAction(ctx, 0, &coproduce.Action{GroupID: g.ID, Title: title}))
	}
	h := s.Handler()
	download := func(file string) string {
		req := httptest.NewRequest(http.MethodGet, "/o/brookfield-council/g/larkhill-estate/export/"+file, nil)
		req.AddCookie(&http.Cookie{Name: cookieName, Value: session})
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d", file, rec.Code)
		}
		path := filepath.Join(t.TempDir(), file)
		must(t, os.WriteFile(path, rec.Body.Bytes(), 0o644))
		return path
	}
	acts, err := s.db.FindActions(ctx, g.ID)
	must(t, err)
	checkTitles := func(name string, rows [][]string) {
		t.Helper()
		if len(rows) == 0 || !slices.Equal(rows[0][:3], []string{"id", "added_on", "title"}) {
			t.Fatalf("%s: header %v", name, rows[0])
		}
		if len(rows)-1 != len(acts) {
			t.Errorf("%s: %d rows, want %d actions", name, len(rows)-1, len(acts))
		}
		var titles []string
		for _, row := range rows[1:] {
			titles = append(titles, strings.TrimPrefix(row[2], "'"))
		}
		for _, a := range acts {
			if !slices.Contains(titles, a.Title) {
				t.Errorf("%s: %q is not there as written; titles: %q", name, a.Title, titles)
			}
		}
	}
	// XLSX opened and saved as CSV.
	checkTitles("actions.xlsx in LibreOffice", readCSV(t, convert(t, soffice, download("actions.xlsx"), "", "csv:"+csvLO)))
	// CSV opened (as a person opening it would) and saved as XLSX, then
	// as CSV again to read it.
	xlsx := convert(t, soffice, download("actions.csv"), csvLO, "xlsx")
	checkTitles("actions.csv in LibreOffice", readCSV(t, convert(t, soffice, xlsx, "", "csv:"+csvLO)))

	// The decisions log, with its long text, keeps every decision.
	decisions, err := s.db.FindDecisions(ctx, g.ID, false)
	must(t, err)
	rows := readCSV(t, convert(t, soffice, download("decisions.xlsx"), "", "csv:"+csvLO))
	if len(rows)-1 != len(decisions) || len(decisions) == 0 {
		t.Errorf("decisions.xlsx in LibreOffice: %d rows, want %d", len(rows)-1, len(decisions))
	}
	for _, d := range decisions {
		found := false
		for _, row := range rows[1:] {
			found = found || (row[0] == idValue(d.ID) && row[2] == d.Title && row[3] == d.Outcome)
		}
		if !found {
			t.Errorf("decision %q did not come through LibreOffice whole", d.Title)
		}
	}
}
