package web

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"coproduce"
)

// reportJSON is the report as data: the same figures the page shows, with
// hidden figures left out rather than given as zero.
type reportJSON struct {
	Group      string           `json:"group"`
	AsOf       time.Time        `json:"as_of"`
	Round      *roundJSON       `json:"round,omitempty"`
	Principles []principleJSON  `json:"principles"`
	Rule       string           `json:"status_rule"`
	Trend      []trendRoundJSON `json:"trend,omitempty"`
	Note       string           `json:"note"`
}

type roundJSON struct {
	Title    string    `json:"title"`
	ClosesOn time.Time `json:"closes_on"`
	Answers  int       `json:"answers"`
	MinCell  int       `json:"smallest_figure"`
}

type shareJSON struct {
	Share       *float64 `json:"share_favourable,omitempty"` // 0 to 1; absent when hidden
	Respondents int      `json:"respondents,omitempty"`
	Hidden      bool     `json:"hidden,omitempty"`
}

type principleJSON struct {
	Number     int                  `json:"number"`
	Name       string               `json:"name"`
	Status     string               `json:"status"`
	Reasons    []string             `json:"reasons"`
	Perception map[string]shareJSON `json:"perception,omitempty"`
	Gap        *float64             `json:"gap_points,omitempty"`
	Indicators []indicatorJSON      `json:"indicators"`
	Warnings   []warningJSON        `json:"warnings,omitempty"`
	Actions    []actionJSON         `json:"adopted_actions,omitempty"`
}

type indicatorJSON struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Unit      string   `json:"unit"`
	Value     *float64 `json:"value,omitempty"` // absent with no records, or never
	Never     bool     `json:"never,omitempty"`
	Of        int      `json:"of,omitempty"`
	Out       int      `json:"out_of,omitempty"`
	Threshold float64  `json:"threshold"`
	Higher    bool     `json:"higher_is_better"`
	Status    string   `json:"status"`
}

type warningJSON struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Evidence []string `json:"evidence"`
}

type actionJSON struct {
	Title  string `json:"title"`
	Status string `json:"status"`
}

type trendRoundJSON struct {
	Title    string               `json:"title"`
	ClosesOn time.Time            `json:"closes_on"`
	Overall  map[string]shareJSON `json:"overall_by_principle"`
}

func shareOf(c coproduce.PerceptionCell) shareJSON {
	switch {
	case c.Hidden:
		return shareJSON{Hidden: true}
	case c.Respondents == 0:
		return shareJSON{}
	}
	v := math.Round(c.Share*1000) / 1000
	return shareJSON{Share: &v, Respondents: c.Respondents}
}

func (s *Server) reportData(v *reportView) reportJSON {
	out := reportJSON{Group: v.Group.Name, AsOf: v.AsOf, Rule: tr("report.rule"), Note: tr("report.data.note")}
	if v.Round != nil {
		out.Round = &roundJSON{Title: v.Round.Title, ClosesOn: v.Round.ClosesOn, Answers: v.Ballots, MinCell: v.Round.MinCell}
	}
	for _, p := range v.Principles {
		pj := principleJSON{Number: p.Number, Name: p.Name, Status: p.Status}
		for _, reason := range p.Reasons {
			pj.Reasons = append(pj.Reasons, reasonText(reason))
		}
		if pp := p.Perception; pp != nil {
			pj.Perception = map[string]shareJSON{"overall": shareOf(pp.Overall)}
			for _, c := range coproduce.Constituencies {
				pj.Perception[string(c)] = shareOf(pp.ByGroup[c])
			}
			if pp.GapShown {
				g := math.Round(pp.Gap*10) / 10
				pj.Gap = &g
			}
		}
		for _, row := range p.Rows {
			ij := indicatorJSON{ID: row.ID, Name: row.Name, Unit: row.Unit, Never: row.Never, Of: row.Of, Out: row.Out,
				Threshold: row.Threshold, Higher: row.Higher, Status: row.Status}
			if !row.Never && row.Status != coproduce.IndicatorNoData {
				val := math.Round(row.Indicator.Value*1000) / 1000
				ij.Value = &val
			}
			if row.Unit != coproduce.UnitShare {
				ij.Of, ij.Out = 0, 0
			}
			pj.Indicators = append(pj.Indicators, ij)
		}
		for _, l := range p.LookOuts {
			pj.Warnings = append(pj.Warnings, warningJSON{ID: l.ID, Name: strings.TrimSuffix(tr("lookout."+l.ID), "."), Evidence: l.Evidence})
		}
		for _, a := range p.Adopted {
			pj.Actions = append(pj.Actions, actionJSON{Title: a.Title, Status: string(a.Status)})
		}
		out.Principles = append(out.Principles, pj)
	}
	for i, round := range v.TrendRounds {
		tj := trendRoundJSON{Title: round.Title, ClosesOn: round.ClosesOn, Overall: map[string]shareJSON{}}
		for n, cells := range v.Trend {
			if i < len(cells) {
				tj.Overall[strconv.Itoa(n)] = shareOf(cells[i])
			}
		}
		out.Trend = append(out.Trend, tj)
	}
	return out
}

// reasonText words a status reason.
func reasonText(r coproduce.Reason) string {
	args := append([]any(nil), r.Args...)
	if r.Key == "status.reason.indicator" && len(args) == 1 {
		args[0] = tr("evidence." + args[0].(string))
	}
	return tr(r.Key, args...)
}

// healthReportJSON gives the report as JSON, for members.
func (s *Server) healthReportJSON(w http.ResponseWriter, r *http.Request) {
	v, ok := s.reportFile(w, r)
	if !ok {
		return
	}
	attachment(w, v, "application/json", "json")
	writeJSON(w, http.StatusOK, s.reportData(v))
}

// reportFile builds the report for a download: it loads the group for a
// member and works the report out, or answers and returns false.
func (s *Server) reportFile(w http.ResponseWriter, r *http.Request) (*reportView, bool) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return nil, false
	}
	v := &reportView{groupRequest: gr}
	if err := s.buildReport(r, v); err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	return v, true
}

// attachment names a download after the group.
func attachment(w http.ResponseWriter, v *reportView, contentType, ext string) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-health-check.%s"`, v.Group.Slug, ext))
}

// reportColumns heads the report's rows in CSV and XLSX.
var reportColumns = []string{"principle", "principle_name", "status", "kind", "item", "value", "of", "out_of", "aim", "item_status"}

// numericColumns are the columns holding numbers, by position.
var numericColumns = map[int]bool{0: true, 5: true, 6: true, 7: true}

// reportRows gives the report as rows of text, one per figure, under
// reportColumns; numericColumns hold a number or nothing.
func reportRows(data reportJSON) [][]string {
	var rows [][]string
	num := func(f *float64) string {
		if f == nil {
			return ""
		}
		return strconv.FormatFloat(*f, 'f', -1, 64)
	}
	for _, p := range data.Principles {
		n := strconv.Itoa(p.Number)
		add := func(kind, item, value, of, out, aim, status string) {
			rows = append(rows, []string{n, p.Name, p.Status, kind, item, value, of, out, aim, status})
		}
		for _, reason := range p.Reasons {
			add("reason", reason, "", "", "", "", "")
		}
		for _, c := range append([]string{"overall"}, constituencyKeys()...) {
			if cell, ok := p.Perception[c]; ok {
				status := ""
				if cell.Hidden {
					status = "hidden"
				}
				add("perception", c, num(cell.Share), strconv.Itoa(cell.Respondents), "", "", status)
			}
		}
		if p.Gap != nil {
			add("perception", "gap_points", num(p.Gap), "", "", "", "")
		}
		for _, ind := range p.Indicators {
			aim := "at most "
			if ind.Higher {
				aim = "at least "
			}
			add("indicator", ind.Name, num(ind.Value), strconv.Itoa(ind.Of), strconv.Itoa(ind.Out),
				aim+strconv.FormatFloat(ind.Threshold, 'f', -1, 64), ind.Status)
		}
		for _, wn := range p.Warnings {
			for _, e := range wn.Evidence {
				add("warning", wn.Name, e, "", "", "", "")
			}
		}
		for _, a := range p.Actions {
			add("adopted_action", a.Title, "", "", "", "", a.Status)
		}
		for _, t := range data.Trend {
			if cell, ok := t.Overall[n]; ok {
				status := ""
				if cell.Hidden {
					status = "hidden"
				}
				add("trend", t.Title+" ("+t.ClosesOn.Format(time.DateOnly)+")", num(cell.Share), strconv.Itoa(cell.Respondents), "", "", status)
			}
		}
	}
	return rows
}

// healthReportCSV gives the report as CSV (RFC 4180, UTF-8 with a byte
// order mark so spreadsheets read it as UTF-8), one row per figure.
// Cells that a spreadsheet would take for a formula are prefixed with an
// apostrophe.
func (s *Server) healthReportCSV(w http.ResponseWriter, r *http.Request) {
	v, ok := s.reportFile(w, r)
	if !ok {
		return
	}
	attachment(w, v, "text/csv; charset=utf-8", "csv")
	writeCSV(w, reportColumns, eachRow(reportRows(s.reportData(v))))
}

// healthReportXLSX gives the same rows as the CSV as an Excel workbook.
// Numbers are numbers; everything else is a text cell, which a
// spreadsheet shows as written and never runs as a formula.
func (s *Server) healthReportXLSX(w http.ResponseWriter, r *http.Request) {
	v, ok := s.reportFile(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := writeXLSX(&buf, tr("report.xlsx.sheet"), reportColumns, reportRows(s.reportData(v))); err != nil {
		s.serverError(w, r, err)
		return
	}
	attachment(w, v, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Write(buf.Bytes())
}

// writeXLSX writes rows as one sheet, with numericColumns as numbers.
func writeXLSX(out io.Writer, sheet string, header []string, rows [][]string) error {
	return writeXLSXStream(out, sheet, header, numericColumns, eachRow(rows))
}

// eachRow hands out rows one by one, as the table writers take them.
func eachRow(rows [][]string) func(emit func([]string) error) error {
	return func(emit func([]string) error) error {
		for _, row := range rows {
			if err := emit(row); err != nil {
				return err
			}
		}
		return nil
	}
}

func constituencyKeys() []string {
	out := make([]string, len(coproduce.Constituencies))
	for i, c := range coproduce.Constituencies {
		out[i] = string(c)
	}
	return out
}

// safeCell stops a spreadsheet reading a cell as a formula: text starting
// with =, +, -, @, a tab or a carriage return gets an apostrophe in front.
// Plain numbers, negative ones included, are left alone.
func safeCell(c string) string {
	if c == "" {
		return c
	}
	if _, err := strconv.ParseFloat(c, 64); err == nil {
		return c
	}
	switch c[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + c
	}
	return c
}
