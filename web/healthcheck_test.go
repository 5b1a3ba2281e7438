package web

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/xuri/excelize/v2"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"coproduce"
	"coproduce/store"
)

// ballotForm answers every statement of the framework with level, and
// the overall ladder.
func (w *world) ballotForm(level int) url.Values {
	f := url.Values{"now-0": {"4"}, "should-0": {"6"}}
	for _, p := range w.s.framework.Principles {
		for _, st := range p.Statements {
			f.Set(coproduce.StatementField(st.ID), fmt.Sprint(level))
		}
	}
	return f
}

func TestHealthRound(t *testing.T) { onBothDatabases(t, testHealthRound) }

func testHealthRound(t *testing.T, w *world) {
	g := "/o/brookfield/g/larkhill"
	resident, officer, chair := w.client(t, "resident"), w.client(t, "officer"), w.client(t, "chair")
	res, body := resident.get(g + "/health")
	wantStatus(t, res, body, http.StatusOK, "No round yet")
	if strings.Contains(body, "Open a round") {
		t.Error("a resident is offered to open a round")
	}
	res, body = chair.post(g+"/health", url.Values{"title": {"Autumn"}, "opens_on": {"2026-11-01"}, "closes_on": {"2026-12-31"}, "min_cell": {"2"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "at least 3 answers", `value="Autumn"`)
	res, _ = chair.post(g+"/health", url.Values{"title": {"Autumn"}, "opens_on": {"2026-11-01"}, "closes_on": {"2030-12-31"}, "min_cell": {"3"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("opening a round: %d", res.StatusCode)
	}
	round := res.Header.Get("Location")
	round = round[:strings.Index(round, "?")]

	res, body = resident.get(round)
	wantStatus(t, res, body, http.StatusOK, "Your answers", "We agreed together why this group exists.", "Strongly agree", "Don&#39;t know")
	partial := w.ballotForm(4)
	partial.Del(coproduce.StatementField("vision-shared-purpose"))
	partial.Set("comment-1", "Meetings start late.")
	res, body = resident.post(round+"/answer", partial)
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Choose how far you agree", "Meetings start late.")
	full := w.ballotForm(4)
	full.Set("comment-1", "Meetings start late.")
	res, _ = resident.post(round+"/answer", full)
	wantRedirect(t, res, round+"?done=answered")
	res, body = resident.post(round+"/answer", w.ballotForm(1))
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "already answered")
	res, body = resident.get(round)
	wantStatus(t, res, body, http.StatusOK, "you have answered this round", "Members who have answered: 1.")
	res, _ = officer.post(round+"/answer", w.ballotForm(2))
	wantRedirect(t, res, round+"?done=answered")
	res, _ = chair.post(round+"/answer", w.ballotForm(5))
	wantRedirect(t, res, round+"?done=answered")

	// Nothing the server logged or recorded in the record of changes
	// names who answered what.
	res, auditBody := chair.get(g + "/audit")
	wantStatus(t, res, auditBody, http.StatusOK, "Health check round opened")
	if strings.Contains(auditBody, "answered") {
		t.Error("the record of changes mentions answers while the round is open")
	}
	if res, _ := resident.post(round+"/close", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("a resident closing the round: %d", res.StatusCode)
	}
	res, _ = chair.post(round+"/close", nil)
	wantRedirect(t, res, round+"?done=closed")

	// Three answers, one from each side, with at least three needed: each
	// side is hidden, and so is everything else.
	res, body = resident.get(round)
	wantStatus(t, res, body, http.StatusOK, "Results", "Too few to show", "Meetings start late.", "The group overall", "Members see now: </span>4", "(&#43;2)")
	if strings.Contains(body, "100%") || strings.Contains(body, "0%") {
		t.Error("a figure from one person is shown")
	}
	if res, _ := w.client(t, "otherGroup").get(round); res.StatusCode != http.StatusNotFound {
		t.Errorf("a member of another group sees the round: %d", res.StatusCode)
	}
	ballots, _ := w.s.db.FindHealthRounds(context.Background(), w.larkhill.ID)
	if len(ballots) != 1 {
		t.Errorf("rounds: %d", len(ballots))
	}
}

func TestHealthReport(t *testing.T) { onBothDatabases(t, testHealthReport) }

func testHealthReport(t *testing.T, w *world) {
	g := "/o/brookfield/g/larkhill"
	resident, chair := w.client(t, "resident"), w.client(t, "chair")
	// An overdue information request: principle 9's evidence is not met.
	w.s.db.Now = func() time.Time { return time.Now().AddDate(0, -2, 0) }
	must(t, w.s.db.CreateInfoRequest(context.Background(), 0, &coproduce.InfoRequest{GroupID: w.larkhill.ID, AskedBy: w.members["resident"].ID, Question: "Q?"}))
	w.s.db.Now = time.Now
	res, body := resident.get(g + "/health/report")
	wantStatus(t, res, body, http.StatusOK, "Health check report", "No round has closed in the last 12 months",
		"9. Open and transparent data sharing", "Information requests overdue", "Terms of reference reviewed", "Never", "Not met",
		"Delayed responses.", "Q?")
	if strings.Contains(body, "Adopt one as an action") {
		t.Error("a resident is offered to adopt actions")
	}
	res, body = chair.get(g + "/health/report")
	wantStatus(t, res, body, http.StatusOK, "Adopt one as an action", "Quick wins:", "/health/report/1/adopt")

	// Principle 1 is amber or red (terms of reference never adopted):
	// adopt its first quick win.
	res, body = chair.get(g + "/health/report/1/adopt")
	wantStatus(t, res, body, http.StatusOK, "Adopt an action for", w.s.framework.Principles[0].QuickWins[0], "A quick win")
	res, body = chair.post(g+"/health/report/1/adopt", url.Values{"suggestion": {"q0"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Choose who will do it", "Enter the date", `value="q0" checked`)
	res, _ = chair.post(g+"/health/report/1/adopt", url.Values{"suggestion": {"q0"}, "owner": {idValue(w.members["resident"].ID)}, "due": {"2027-01-31"}})
	wantRedirect(t, res, g+"/health/report?done=adopted#principle-1")
	res, body = resident.get(g + "/health/report")
	wantStatus(t, res, body, http.StatusOK, "Actions adopted from earlier reports", w.s.framework.Principles[0].QuickWins[0]+": Open")
	for _, path := range []string{g + "/health/report/1/adopt", g + "/health/report/99/adopt"} {
		if res, _ := resident.get(path); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s as a resident: %d, want 404", path, res.StatusCode)
		}
	}
	if res, _ := resident.post(g+"/health/report/1/adopt", url.Values{"suggestion": {"q0"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("a resident adopting an action: %d", res.StatusCode)
	}
	if res, _ := chair.post(g+"/health/report/99/adopt", url.Values{"suggestion": {"q0"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("adopting for a principle that does not exist: %d", res.StatusCode)
	}
}

func TestPortfolio(t *testing.T) { onBothDatabases(t, testPortfolio) }

func testPortfolio(t *testing.T, w *world) {
	admin := w.client(t, "orgAdmin")
	res, body := admin.get("/o/brookfield")
	wantStatus(t, res, body, http.StatusOK, "How the groups are doing")
	res, body = admin.get("/o/brookfield/health")
	wantStatus(t, res, body, http.StatusOK, "How the groups are doing", "Larkhill Estate Steering Group", "Canal Side Steering Group",
		`href="/o/brookfield/g/larkhill"`, "No round in the last 12 months", "not to rank groups")
	if strings.Contains(body, `class="change"`) {
		t.Error("a change is shown for groups without two rounds")
	}
	if res, _ := w.client(t, "chair").get("/o/brookfield/health"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a group's chair, not an administrator, sees the organisation's groups: %d", res.StatusCode)
	}

	// Two rounds at Larkhill: 50% overall (residents 0%, organisation
	// 100%), then 100% on every principle.
	w.closedRound(t, 6, 2, 4)
	w.closedRound(t, 2, 4, 4)
	res, body = admin.get("/o/brookfield/health")
	wantStatus(t, res, body, http.StatusOK, "compared with the round closed", "↑ 50")
	if n := strings.Count(body, "overall view up 50 points since the round before"); n != 10 {
		t.Errorf("%d principles show the rise of 50 points, want all 10", n)
	}
	// A third round with the organisation's side too small to show: its
	// share is hidden, so no change can be shown either.
	w.closedRoundWith(t, 0, 4, 4, 2)
	res, body = admin.get("/o/brookfield/health")
	wantStatus(t, res, body, http.StatusOK, "compared with the round closed")
	if strings.Contains(body, `class="change"`) {
		t.Error("a change is shown next to a hidden share")
	}
}

func TestHealthReportRadarAndTrend(t *testing.T) { onBothDatabases(t, testHealthReportRadarAndTrend) }

// closedRound runs a round at larkhill a month or more ago, answered by
// three residents with resident and three organisation members with org.
func (w *world) closedRound(t *testing.T, monthsAgo int, resident, org int) {
	w.closedRoundWith(t, monthsAgo, resident, org, 3)
}

// closedRoundWith is closedRound with orgPeople organisation members.
func (w *world) closedRoundWith(t *testing.T, monthsAgo int, resident, org, orgPeople int) {
	ctx := context.Background()
	var statements []string
	for _, p := range w.s.framework.Principles {
		for _, st := range p.Statements {
			statements = append(statements, st.ID)
		}
	}
	start := time.Now().AddDate(0, -monthsAgo-1, 0)
	round := &coproduce.HealthRound{Title: fmt.Sprintf("Round %d", monthsAgo), OpensOn: start, ClosesOn: start.AddDate(0, 0, 14), MinCell: 3, Statements: statements}
	w.s.db.Now = func() time.Time { return start }
	defer func() { w.s.db.Now = time.Now }()
	must(t, w.s.db.OpenHealthRound(ctx, 0, w.members["chair"], round))
	for i := range 3 + orgPeople {
		m := w.extraMember(t)
		level := resident
		if i >= 3 {
			level = org
			m.Constituency = coproduce.OrganisationSide
		}
		b := &coproduce.Ballot{Answers: map[string]int{}, Ladder: map[int64][2]coproduce.Rung{0: {coproduce.Consultation, coproduce.Partnership}}}
		for _, st := range statements {
			b.Answers[st] = level
		}
		must(t, w.s.db.SubmitBallot(ctx, m, round.ID, b))
	}
}

func testHealthReportRadarAndTrend(t *testing.T, w *world) {
	g := "/o/brookfield/g/larkhill"
	w.closedRound(t, 6, 2, 4)
	w.closedRound(t, 2, 4, 4)
	res, body := w.client(t, "resident").get(g + "/health/report")
	wantStatus(t, res, body, http.StatusOK,
		`class="radar-residents"`, `class="radar-organisation"`, `role="img"`,
		"Residents see", "The organisation sees",
		"Over time", "Round 6", "Round 2",
		`100% <span class="secondary">(3 people)`, // each side in the latest round
		`50% <span class="secondary">(6 people)`,  // the earlier round overall: residents 0%, organisation 100%
		`class="sparkline" role="img" aria-label="Working to a common vision, oldest round first: 50%, 100%."`)
	// The latest round: both sides agree, so every principle is 100% for
	// each and the perception gap is not flagged.
	if strings.Contains(body, "Perception gap") {
		t.Error("a gap is flagged with both sides at 100%")
	}
}

func TestHealthReportData(t *testing.T) { onBothDatabases(t, testHealthReportData) }

func testHealthReportData(t *testing.T, w *world) {
	g := "/o/brookfield/g/larkhill"
	w.closedRound(t, 2, 2, 4)
	// A concern whose title a spreadsheet would read as a formula.
	must(t, w.s.db.CreateConcern(context.Background(), 0, &coproduce.Concern{GroupID: w.larkhill.ID, Kind: "concern", Title: "=HYPERLINK(\"http://x\")", Details: "D"}))
	w.s.db.Now = func() time.Time { return time.Now().AddDate(0, 3, 0) }
	defer func() { w.s.db.Now = time.Now }()
	w.cookies["resident"], _ = w.s.db.CreateSession(context.Background(), w.users["resident"].ID, "test", store.DefaultSessionPolicy)
	resident := w.client(t, "resident")

	res, body := resident.get(g + "/health/report.json")
	wantStatus(t, res, body, http.StatusOK)
	var data reportJSON
	if err := json.Unmarshal([]byte(body), &data); err != nil {
		t.Fatal(err)
	}
	if data.Round == nil || data.Round.Answers != 6 || len(data.Principles) != 10 {
		t.Fatalf("report data: %+v", data)
	}
	p1 := data.Principles[0]
	if res := p1.Perception["residents"]; res.Share == nil || *res.Share != 0 || res.Respondents != 3 {
		t.Errorf("residents on principle 1: %+v", res)
	}
	if ind := p1.Indicators[0]; ind.ID != "tor-reviewed" || !ind.Never || ind.Value != nil || ind.Status != "not-met" {
		t.Errorf("principle 1's first indicator: %+v", ind)
	}
	if p1.Gap == nil || *p1.Gap != -100 {
		t.Errorf("gap: %v", p1.Gap)
	}

	res, body = resident.get(g + "/health/report.csv")
	wantStatus(t, res, body, http.StatusOK, "principle,principle_name,status,kind", "indicator,Papers on time")
	if !strings.HasPrefix(body, "\ufeff") || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Errorf("the CSV lacks its byte order mark or type: %q", res.Header.Get("Content-Type"))
	}
	if !strings.Contains(body, `'=HYPERLINK`) || strings.Contains(body, `,=HYPERLINK`) || strings.Contains(body, `,"=HYPERLINK`) {
		t.Error("a formula in a concern's title reaches the spreadsheet unescaped")
	}
	if !strings.Contains(body, "perception,gap_points,-100") {
		t.Error("a negative number was escaped as if it were a formula")
	}
}

func TestHealthReportFiles(t *testing.T) { onBothDatabases(t, testHealthReportFiles) }

// testHealthReportFiles checks the PDF by extracting its text, and the
// XLSX by reading it back.
func testHealthReportFiles(t *testing.T, w *world) {
	ctx := context.Background()
	g := "/o/brookfield/g/larkhill"
	w.larkhill.Name = "Larkhill Ελληνικά Кириллица 漢"
	must(t, w.s.db.UpdateGroup(ctx, 0, w.larkhill))
	w.closedRound(t, 2, 2, 4)
	must(t, w.s.db.CreateConcern(ctx, 0, &coproduce.Concern{GroupID: w.larkhill.ID, Kind: "concern", Title: "=HYPERLINK(\"http://x\")", Details: "D"}))
	w.s.db.Now = func() time.Time { return time.Now().AddDate(0, 3, 0) }
	defer func() { w.s.db.Now = time.Now }()
	w.cookies["resident"], _ = w.s.db.CreateSession(ctx, w.users["resident"].ID, "test", store.DefaultSessionPolicy)
	resident := w.client(t, "resident")

	res, body := resident.get(g + "/health/report")
	wantStatus(t, res, body, http.StatusOK, g+"/health/report.pdf", g+"/health/report.xlsx")

	res, body = resident.get(g + "/health/report.pdf")
	wantStatus(t, res, body, http.StatusOK)
	if res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF-") {
		t.Fatalf("not a PDF: %q", res.Header.Get("Content-Type"))
	}
	text := pdfText(t, []byte(body))
	for _, want := range []string{
		"Health check report – Larkhill Ελληνικά Кириллица ?", // the character the font lacks shows as ?
		"1. Working to a common vision: Unhealthy (red)",
		"Residents see",
		"0% (3 people)",     // residents on principle 1
		"-100 – Perception", // the gap, flagged
		"Papers on time",
		`=HYPERLINK("http://x")`, // the open concern, as a warning sign's evidence
		"page 1 of ",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
	if strings.Contains(text, "{pages}") || strings.Contains(text, "漢") {
		t.Error("the PDF shows the page count placeholder, or a character its font cannot draw")
	}
	if t.Failed() {
		t.Logf("the PDF's text:\n%s", text)
	}

	res, body = resident.get(g + "/health/report.xlsx")
	wantStatus(t, res, body, http.StatusOK)
	book, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatalf("the XLSX does not open: %v", err)
	}
	defer book.Close()
	rows, err := book.GetRows("Health check")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 20 || strings.Join(rows[0], ",") != strings.Join(reportColumns, ",") {
		t.Fatalf("the sheet has %d rows, headed %v", len(rows), rows[0])
	}
	var formula, gap string
	for i, row := range rows {
		for j, c := range row {
			name, _ := excelize.CoordinatesToCellName(j+1, i+1)
			switch {
			case strings.HasPrefix(c, "=HYPERLINK"):
				formula = name
			case c == "gap_points" && gap == "":
				gap, _ = excelize.CoordinatesToCellName(j+2, i+1)
			}
			if f, _ := book.GetCellFormula("Health check", name); f != "" {
				t.Errorf("cell %s holds the formula %q", name, f)
			}
		}
	}
	if formula == "" || gap == "" {
		t.Fatalf("the sheet lacks the concern's title or the gap (%q, %q)", formula, gap)
	}
	if typ, _ := book.GetCellType("Health check", formula); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("the concern's title in %s is not text but type %v", formula, typ)
	}
	if v, _ := book.GetCellValue("Health check", gap); v != "-100" {
		t.Errorf("the gap in %s is %q", gap, v)
	}
	if typ, _ := book.GetCellType("Health check", gap); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("the gap in %s is not a number but type %v", gap, typ)
	}
}

func TestHealthThresholds(t *testing.T) { onBothDatabases(t, testHealthThresholds) }

func testHealthThresholds(t *testing.T, w *world) {
	g := "/o/brookfield/g/larkhill"
	resident, chair := w.client(t, "resident"), w.client(t, "chair")
	res, body := chair.get(g + "/health/report")
	wantStatus(t, res, body, http.StatusOK, "See or change the thresholds", "At most 12 months ago", "At least 90%")
	res, body = resident.get(g + "/health/thresholds")
	wantStatus(t, res, body, http.StatusOK, "Indicator thresholds", "Papers on time", "At least 90%")
	if strings.Contains(body, "Save the thresholds") {
		t.Error("a resident is offered the form")
	}
	if res, _ := resident.post(g+"/health/thresholds", url.Values{"papers-on-time": {"50"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("a resident changing the thresholds: %d", res.StatusCode)
	}

	res, body = chair.get(g + "/health/thresholds")
	wantStatus(t, res, body, http.StatusOK, "Save the thresholds", `name="papers-on-time"`, "Default: At least 90%. In per cent.")
	res, body = chair.post(g+"/health/thresholds", url.Values{"papers-on-time": {"lots"}, "tor-reviewed": {"6.5"}, "requests-median-days": {"21"}})
	wantStatus(t, res, body, http.StatusUnprocessableEntity,
		"Enter a number for Papers on time, or leave it empty to use the default.",
		"For Terms of reference reviewed, enter a whole number from 1 to 60 (in months).",
		`value="lots"`, `value="6.5"`, `value="21"`)
	if got, _ := w.s.db.IndicatorThresholds(context.Background(), w.larkhill.ID); len(got) != 0 {
		t.Errorf("a form with problems saved %v", got)
	}
	res, _ = chair.post(g+"/health/thresholds", url.Values{"papers-on-time": {"75%"}, "tor-reviewed": {"6"}})
	wantRedirect(t, res, g+"/health/thresholds?done=saved")
	res, body = chair.get(g + "/health/thresholds?done=saved")
	wantStatus(t, res, body, http.StatusOK, "The thresholds are saved.", `value="75"`, `value="6"`)
	res, body = resident.get(g + "/health/thresholds")
	wantStatus(t, res, body, http.StatusOK, "At least 75% <span class=\"tag\">changed by the group</span>")
	res, body = resident.get(g + "/health/report")
	wantStatus(t, res, body, http.StatusOK, "At most 6 months ago", "At least 75%")
	if strings.Contains(body, "At least 90%") {
		t.Error("the report still holds papers to the default")
	}
}
