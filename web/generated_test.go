package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"coproduce/demo"
	"coproduce/internal/pgtest"
	"coproduce/store"
)

// TestGeneratedData holds the benchmark data generator, which writes rows
// in bulk, to the rules the store's Create methods keep: every group's
// record of changes verifies, and every page of a generated group opens
// for its chair, its health report has results to show, and the
// organisation's administrator sees the portfolio.
func TestGeneratedData(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testGeneratedData(t, "") })
	t.Run("postgres", func(t *testing.T) { testGeneratedData(t, pgtest.URL(t)) })
}

func testGeneratedData(t *testing.T, databaseURL string) {
	s, _ := newTestServerOn(t, databaseURL)
	ctx := context.Background()
	out, err := demo.Generate(ctx, s.db, demo.GenerateOptions{Groups: 12, Years: 2, Seed: 7}, cheapPasswords)
	if err != nil {
		t.Fatal(err)
	}
	if out.Organisations != 2 || out.Groups != 12 {
		t.Fatalf("Generate() = %+v; want 2 organisations and 12 groups", out)
	}
	if _, err := demo.Generate(ctx, s.db, demo.GenerateOptions{Groups: 1, Years: 1}, cheapPasswords); err == nil {
		t.Error("Generate() into a database with organisations: no error")
	}
	ids, err := s.db.FindAllGroupIDs(ctx)
	must(t, err)
	for _, id := range ids {
		check, err := s.db.VerifyAudit(ctx, id)
		must(t, err)
		if !check.Whole() || check.Entries < 500 {
			t.Errorf("group %d: audit check %+v; want a whole chain of at least 500 entries", id, check)
		}
	}

	h := s.Handler()
	as := func(email string) func(path string) (int, string) {
		u, err := s.db.FindUserByEmail(ctx, email)
		must(t, err)
		token, err := s.db.CreateSession(ctx, u.ID, "test", store.DefaultSessionPolicy)
		must(t, err)
		return func(path string) (int, string) {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.AddCookie(&http.Cookie{Name: cookieName, Value: token})
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			return rec.Code, rec.Body.String()
		}
	}

	// Every page reachable from the group's page, two links deep, opens.
	chair := as(demo.BenchEmail(3, 1))
	prefix := "/o/" + demo.BenchOrganisationSlug(1) + "/g/" + demo.BenchGroupSlug(3)
	href := regexp.MustCompile(`href="(` + regexp.QuoteMeta(prefix) + `[^"#?]*)`)
	seen := map[string]bool{prefix: true}
	queue := []string{prefix}
	for depth := 0; depth < 2; depth++ {
		var next []string
		for _, path := range queue {
			code, body := chair(path)
			if code != http.StatusOK {
				t.Errorf("GET %s as the chair = %d; want 200", path, code)
				continue
			}
			if !strings.Contains(path, "/health/report") && strings.Count(body, "<tr") > 400 {
				t.Errorf("GET %s lists %d table rows: long lists should be paged", path, strings.Count(body, "<tr"))
			}
			for _, m := range href.FindAllStringSubmatch(body, -1) {
				if !seen[m[1]] {
					seen[m[1]] = true
					next = append(next, m[1])
				}
			}
		}
		queue = next
	}
	for _, path := range queue {
		if code, _ := chair(path); code != http.StatusOK {
			t.Errorf("GET %s as the chair = %d; want 200", path, code)
		}
	}
	t.Logf("crawled %d pages of a generated group", len(seen))
	checks := 0
	for path := range seen {
		if regexp.MustCompile(`/accountability/\d+$`).MatchString(path) {
			checks++
		}
	}
	if !seen[prefix+"/theory-of-change"] || !seen[prefix+"/documents"] || checks == 0 {
		t.Errorf("the crawl reached the theory of change %v, the documents %v and %d accountability checks; want all",
			seen[prefix+"/theory-of-change"], seen[prefix+"/documents"], checks)
	}
	if code, body := chair("/o/" + demo.BenchOrganisationSlug(1) + "/governance"); code != http.StatusOK || !strings.Contains(body, "Regeneration programme board") {
		t.Errorf("the generated governance map = %d", code)
	}
	if len(seen) < 40 {
		t.Errorf("crawled %d pages of the group; want at least 40", len(seen))
	}

	code, body := chair(prefix + "/health/report.json")
	if code != http.StatusOK {
		t.Fatalf("report.json = %d", code)
	}
	var report struct {
		Round *struct {
			Answers int `json:"answers"`
		} `json:"round"`
		Principles []struct {
			Status     string `json:"status"`
			Indicators []struct {
				Value *float64 `json:"value"`
			} `json:"indicators"`
		} `json:"principles"`
	}
	must(t, json.Unmarshal([]byte(body), &report))
	valued := 0
	for _, p := range report.Principles {
		for _, in := range p.Indicators {
			if in.Value != nil {
				valued++
			}
		}
	}
	if report.Round == nil || report.Round.Answers < 5 {
		t.Errorf("report round = %+v; want the latest generated round, with its answers", report.Round)
	}
	if len(report.Principles) != 10 || valued < 15 {
		t.Errorf("report: %d principles, %d indicators with a value; want 10 and at least 15", len(report.Principles), valued)
	}

	// The public page lists the latest published decisions and minutes,
	// and points to the open data for the rest.
	group, _, err := s.db.FindGroupBySlugs(ctx, demo.BenchOrganisationSlug(1), demo.BenchGroupSlug(3))
	must(t, err)
	decisions, minutes, err := s.db.CountPublished(ctx, group.ID)
	must(t, err)
	res, public := get(t, h, prefix)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("public page = %d", res.StatusCode)
	}
	listed := len(regexp.MustCompile(regexp.QuoteMeta(prefix)+`/decisions/\d+">[^<]*</a> \(`).FindAllString(public, -1))
	if want := min(decisions, publicListLimit); listed != want {
		t.Errorf("public page lists %d decisions; want %d (of %d published)", listed, want, decisions)
	}
	if more := fmt.Sprintf("latest %d of %d published decisions", publicListLimit, decisions); (decisions > publicListLimit) != strings.Contains(public, more) {
		t.Errorf("public page says %q: %v, with %d published", more, strings.Contains(public, more), decisions)
	}
	if more := fmt.Sprintf("latest %d of %d meetings", publicListLimit, minutes); (minutes > publicListLimit) != strings.Contains(public, more) {
		t.Errorf("public page says %q: %v, with %d minutes published", more, strings.Contains(public, more), minutes)
	}
	t.Logf("%d published decisions, %d published minutes", decisions, minutes)

	admin := as(demo.BenchAdminEmail(1))
	if code, body := admin("/o/" + demo.BenchOrganisationSlug(1) + "/health"); code != http.StatusOK || !strings.Contains(body, demo.BenchGroupSlug(10)) {
		t.Errorf("portfolio as the administrator = %d, listing group 10: %v", code, strings.Contains(body, demo.BenchGroupSlug(10)))
	}
	if code, _ := admin("/o/" + demo.BenchOrganisationSlug(2) + "/health"); code != http.StatusNotFound {
		t.Errorf("another organisation's portfolio as an administrator = %d; want 404", code)
	}
}
