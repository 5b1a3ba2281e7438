package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"coproduce"
)

func TestExports(t *testing.T) { onBothDatabases(t, testExports) }

func testExports(t *testing.T, w *world) {
	ctx := context.Background()
	g := "/o/brookfield/g/larkhill"
	chair, officer := w.members["chair"], w.members["officer"]
	m := w.meeting(t, coproduce.GroupOnly)
	must(t, w.s.db.RecordAttendance(ctx, 0, w.larkhill.ID, m.ID, map[int64]coproduce.Attendance{
		chair.ID: coproduce.Present, officer.ID: coproduce.Apologies, w.members["resident"].ID: coproduce.Present}))
	must(t, w.s.db.SaveDecision(ctx, 0, &coproduce.Decision{GroupID: w.larkhill.ID, Title: `=HYPERLINK("http://x")`, Outcome: "Agreed, with a \"quote\"\nand a new line.",
		Method: coproduce.Consensus, DecidedOn: m.StartsAt, MeetingID: m.ID,
		Positions: map[coproduce.Constituency]coproduce.Position{coproduce.Residents: coproduce.Agreed, coproduce.OrganisationSide: coproduce.Mixed}}))
	must(t, w.s.db.CreateInfoRequest(ctx, 0, &coproduce.InfoRequest{GroupID: w.larkhill.ID, AskedBy: w.members["resident"].ID, Question: "Où est le rapport ? Что в отчёте?"}))
	must(t, w.s.db.CreateAction(ctx, 0, &coproduce.Action{GroupID: w.larkhill.ID, Title: "-1 lifts", OwnerMemberID: officer.ID, Principle: 9}))
	monday := time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)
	for i, who := range []string{"resident", "resident", "officer"} {
		must(t, w.s.db.CreateOutreach(ctx, 0, &coproduce.Outreach{GroupID: w.larkhill.ID, MemberID: w.members[who].ID, On: monday.AddDate(0, 0, i),
			Method: "door-knocking", People: 10 * (i + 1), Themes: who + " themes"}))
	}
	w.closedRound(t, 2, 2, 4)

	get := func(visitor, file string) (int, string) {
		rec := w.request(visitor, http.MethodGet, g+"/export/"+file, nil)
		return rec.Code, rec.Body.String()
	}
	code, body := get("officer", "decisions.csv")
	if code != http.StatusOK || !strings.HasPrefix(body, "\ufeffid,decided_on,title,") || !strings.Contains(body, "\r\n") {
		t.Fatalf("decisions.csv: %d\n%q", code, body)
	}
	for _, want := range []string{`"'=HYPERLINK(""http://x"")"`, `"Agreed, with a ""quote""` + "\r\n" + `and a new line."`, ",agreed,mixed,,", ",meeting,"} {
		if !strings.Contains(body, want) {
			t.Errorf("decisions.csv lacks %q:\n%s", want, body)
		}
	}
	for file, wants := range map[string][]string{
		"meetings.csv":       {"2027-01-12 18:00,Meeting group,90,Community centre,group,upcoming,2,1,0"},
		"attendance.csv":     {"Person chair,independent,present", "Person officer,organisation,apologies"},
		"requests.csv":       {"Où est le rapport ? Что в отчёте?,Person resident,the organisation,"},
		"actions.csv":        {"'-1 lifts,Person officer,,open,no,,9"},
		"outreach-weeks.csv": {"2026-11-02,3,60,0"},
		"health-check.csv":   {"Round 2,", ",1,Working to a common vision,overall,0.5,6,no", ",residents,0,3,no"},
	} {
		code, body := get("resident", file)
		if code != http.StatusOK {
			t.Errorf("%s: %d", file, code)
		}
		for _, want := range wants {
			if !strings.Contains(body, want) {
				t.Errorf("%s lacks %q:\n%s", file, want, body)
			}
		}
	}
	// Each member's own outreach, and nobody else's.
	_, body = get("officer", "my-outreach.csv")
	if !strings.Contains(body, "officer themes") || strings.Contains(body, "resident themes") {
		t.Errorf("the officer's outreach:\n%s", body)
	}

	// The XLSX holds the same, numbers as numbers and text as text.
	rec := w.request("chair", http.MethodGet, g+"/export/meetings.xlsx", nil)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Header().Get("Content-Disposition"), "larkhill-meetings-") {
		t.Fatalf("meetings.xlsx: %d %v", rec.Code, rec.Header())
	}
	f, err := excelize.OpenReader(rec.Body)
	must(t, err)
	sheet := f.GetSheetName(0)
	for cell, want := range map[string]string{"A1": "id", "C2": "Meeting group", "D2": "90", "H2": "2"} {
		if got, _ := f.GetCellValue(sheet, cell); got != want {
			t.Errorf("meetings.xlsx %s = %q, want %q", cell, got, want)
		}
	}
	if typ, _ := f.GetCellType(sheet, "D2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("minutes are not a number: %v", typ)
	}
	rec = w.request("chair", http.MethodGet, g+"/export/decisions.xlsx", nil)
	f, err = excelize.OpenReader(rec.Body)
	must(t, err)
	if formula, _ := f.GetCellFormula(f.GetSheetName(0), "C2"); formula != "" {
		t.Errorf("a decision's title became a formula: %q", formula)
	}

	for _, file := range []string{"nothing.csv", "decisions.pdf", "decisions"} {
		if code, _ := get("chair", file); code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", file, code)
		}
	}
	if code, _ := get("orgAdmin", "decisions.csv"); code != http.StatusNotFound {
		t.Errorf("a non-member: %d, want 404", code)
	}
	res, page := w.client(t, "resident").get(g + "/export")
	wantStatus(t, res, page, http.StatusOK, "Download the group", g+"/export/my-outreach.xlsx", "Health check results")
}
