package web

import (
	"bytes"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"

	"coproduce"
)

// The PDF uses the Go fonts, embedded in the binary, so the server needs
// no fonts or other programs. They have glyphs for Latin, Greek and
// Cyrillic; any other character is printed as a question mark (see
// showable).
const pdfFont = "go"

// A4 page layout, in millimetres.
const (
	pdfMargin = 18.0
	pdfLine   = 5.0 // height of a line of body text
)

// pdfGlyphs reports whether the embedded font can draw a rune. It is
// worked out from the font itself, once.
var pdfGlyphs = sync.OnceValue(func() func(rune) bool {
	f, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		panic("web: the embedded Go font does not parse: " + err.Error())
	}
	var buf sfnt.Buffer
	var mu sync.Mutex
	return func(r rune) bool {
		mu.Lock()
		defer mu.Unlock()
		g, err := f.GlyphIndex(&buf, r)
		return err == nil && g != 0
	}
})

// showable replaces what the PDF's font cannot draw with a question mark,
// so missing text is visible rather than blank, and drops control
// characters other than line breaks.
func showable(s string) string {
	has := pdfGlyphs()
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case unicode.IsControl(r):
			return -1
		case r < 0x80, has(r):
			return r
		}
		return '?'
	}, s)
}

// pdfDoc writes a document top to bottom: headings, paragraphs, lists and
// tables that carry their header onto the next page.
type pdfDoc struct {
	f     *fpdf.Fpdf
	width float64 // between the margins
}

func newPDFDoc(title, footer string) *pdfDoc {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	f.SetAutoPageBreak(true, pdfMargin)
	f.AddUTF8FontFromBytes(pdfFont, "", goregular.TTF)
	f.AddUTF8FontFromBytes(pdfFont, "B", gobold.TTF)
	f.SetTitle(showable(title), true)
	f.SetLang("en-GB")
	f.SetCreator("coproduce", true)
	f.AliasNbPages("{pages}")
	f.SetFooterFunc(func() {
		f.SetY(-pdfMargin + 4)
		f.SetFont(pdfFont, "", 8)
		f.SetTextColor(80, 80, 80)
		f.CellFormat(0, 4, showable(tr("report.pdf.page", footer, f.PageNo())), "", 0, "L", false, 0, "")
		f.SetTextColor(0, 0, 0)
	})
	f.AddPage()
	w, _ := f.GetPageSize()
	return &pdfDoc{f: f, width: w - 2*pdfMargin}
}

// room starts a new page unless h millimetres fit on this one.
func (d *pdfDoc) room(h float64) {
	if d.f.GetY()+h > d.bottom() {
		d.f.AddPage()
	}
}

func (d *pdfDoc) heading(level int, text string) {
	size := map[int]float64{1: 18, 2: 14, 3: 11}[level]
	d.room(size + 3*pdfLine) // keep a heading with what follows it
	d.f.Ln(size / 4)
	d.f.SetFont(pdfFont, "B", size)
	if level == 2 {
		d.f.Bookmark(showable(text), 0, -1)
	}
	d.f.MultiCell(0, size*0.5, showable(text), "", "L", false)
	d.f.Ln(1.5)
}

func (d *pdfDoc) para(text string) {
	d.f.SetFont(pdfFont, "", 10)
	d.f.MultiCell(0, pdfLine, showable(text), "", "L", false)
	d.f.Ln(1.5)
}

func (d *pdfDoc) bullets(items []string) {
	d.f.SetFont(pdfFont, "", 10)
	for _, item := range items {
		d.f.CellFormat(5, pdfLine, "•", "", 0, "L", false, 0, "")
		d.f.MultiCell(d.width-5, pdfLine, showable(item), "", "L", false)
	}
	d.f.Ln(1.5)
}

// table draws rows under a bold header; widths are shares of the width
// between the margins. Text wraps within its cell, and a row that does not
// fit starts a new page with the header again.
func (d *pdfDoc) table(shares []float64, header []string, rows [][]string) {
	widths := make([]float64, len(shares))
	for i, s := range shares {
		widths[i] = s * d.width
	}
	d.room(20)
	d.row(widths, header, "B")
	for _, cells := range rows {
		d.f.SetFont(pdfFont, "", 9)
		if h := d.rowHeight(widths, cells); d.f.GetY()+h > d.bottom() {
			d.f.AddPage()
			d.row(widths, header, "B")
		}
		d.row(widths, cells, "")
	}
	d.f.Ln(3)
}

// Table cells: padding and line height, in millimetres.
const (
	pdfPad      = 1.5
	pdfCellLine = 4.2
)

func (d *pdfDoc) bottom() float64 {
	_, h := d.f.GetPageSize()
	return h - pdfMargin
}

// rowHeight is the height of a row of cells in the current font.
func (d *pdfDoc) rowHeight(widths []float64, cells []string) float64 {
	n := 1
	for i, c := range cells {
		n = max(n, len(d.f.SplitText(showable(c), widths[i]-2*pdfPad)))
	}
	return float64(n)*pdfCellLine + 2*pdfPad
}

// row draws one row of a table in the given font style, with a rule
// under it.
func (d *pdfDoc) row(widths []float64, cells []string, style string) {
	d.f.SetFont(pdfFont, style, 9)
	h := d.rowHeight(widths, cells)
	x, y := pdfMargin, d.f.GetY()
	for i, c := range cells {
		d.f.SetXY(x+pdfPad, y+pdfPad)
		for _, line := range d.f.SplitText(showable(c), widths[i]-2*pdfPad) {
			d.f.SetX(x + pdfPad)
			d.f.CellFormat(widths[i]-2*pdfPad, pdfCellLine, line, "", 2, "L", false, 0, "")
		}
		x += widths[i]
	}
	d.f.SetDrawColor(177, 180, 182)
	d.f.Line(pdfMargin, y+h, pdfMargin+d.width, y+h)
	d.f.SetXY(pdfMargin, y+h)
}

// radar draws the radar chart of the latest round: the rings at 25% to
// 100%, a spoke per principle, residents as a filled shape and the
// organisation as an outline, each only when it has every figure.
func (d *pdfDoc) radar(rd *radar) {
	const r = 42.0
	d.room(2*r + 20)
	cx, cy := pdfMargin+d.width/2, d.f.GetY()+r+8
	point := func(i int, share float64) fpdf.PointType {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(len(rd.Axes))
		return fpdf.PointType{X: cx + r*share*math.Cos(a), Y: cy + r*share*math.Sin(a)}
	}
	shape := func(share func(radarAxis) float64) []fpdf.PointType {
		var pts []fpdf.PointType
		for i, ax := range rd.Axes {
			if share(ax) < 0 {
				return nil
			}
			pts = append(pts, point(i, share(ax)))
		}
		return pts
	}
	d.f.SetLineWidth(0.2)
	d.f.SetDrawColor(177, 180, 182)
	for _, ring := range []float64{0.25, 0.5, 0.75, 1} {
		d.f.Polygon(shape(func(radarAxis) float64 { return ring }), "D")
	}
	d.f.SetFont(pdfFont, "", 9)
	for i, ax := range rd.Axes {
		end := point(i, 1)
		d.f.Line(cx, cy, end.X, end.Y)
		label := point(i, 1.12)
		d.f.SetXY(label.X-4, label.Y-2)
		d.f.CellFormat(8, 4, strconv.Itoa(ax.Number), "", 0, "C", false, 0, "")
	}
	if pts := shape(func(a radarAxis) float64 { return a.Residents }); pts != nil {
		d.f.SetAlpha(0.35, "Normal")
		d.f.SetFillColor(29, 112, 184)
		d.f.Polygon(pts, "F")
		d.f.SetAlpha(1, "Normal")
		d.f.SetDrawColor(29, 112, 184)
		d.f.SetLineWidth(0.6)
		d.f.Polygon(pts, "D")
	}
	if pts := shape(func(a radarAxis) float64 { return a.Organisation }); pts != nil {
		d.f.SetDrawColor(11, 12, 12)
		d.f.SetLineWidth(0.6)
		d.f.Polygon(pts, "D")
	}
	d.f.SetLineWidth(0.2)
	d.f.SetXY(pdfMargin, cy+r+8)
}

// healthReportPDF gives the report as a PDF, drawn by the server alone.
func (s *Server) healthReportPDF(w http.ResponseWriter, r *http.Request) {
	v, ok := s.reportFile(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := s.writeReportPDF(&buf, v); err != nil {
		s.serverError(w, r, err)
		return
	}
	attachment(w, v, "application/pdf", "pdf")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Write(buf.Bytes())
}

// writeReportPDF lays out what the report page shows, in the same order.
func (s *Server) writeReportPDF(out *bytes.Buffer, v *reportView) error {
	title := tr("report.title") + " – " + v.Group.Name
	d := newPDFDoc(title, title+", "+formatDay(v.AsOf))
	d.f.SetCreationDate(v.AsOf)
	d.f.SetModificationDate(v.AsOf)
	d.heading(1, title)
	intro := tr("report.asof", formatDay(v.AsOf)) + " "
	if v.Round != nil {
		intro += tr("report.round", v.Round.Title, formatDay(v.Round.ClosesOn), v.Ballots)
	} else {
		intro += tr("report.noround")
	}
	d.para(intro)
	d.para(tr("report.rule"))
	d.para(tr("report.pdf.scripts"))

	d.heading(2, tr("report.summary"))
	var summary [][]string
	for _, p := range v.Principles {
		summary = append(summary, []string{strconv.Itoa(p.Number) + ". " + p.Name, tr("status." + p.Status)})
	}
	d.table([]float64{0.7, 0.3}, []string{tr("health.col.principle"), tr("report.col.status")}, summary)

	if v.Radar != nil {
		d.heading(2, tr("report.radar"))
		d.radar(v.Radar)
		d.para(v.RadarSummary + " " + tr("report.radar.key"))
		var rows [][]string
		for _, ax := range v.Radar.Axes {
			rows = append(rows, []string{strconv.Itoa(ax.Number), pdfShare(ax.Residents), pdfShare(ax.Organisation)})
		}
		d.table([]float64{0.3, 0.35, 0.35}, []string{tr("health.col.principle"), constituencyName(coproduce.Residents), constituencyName(coproduce.OrganisationSide)}, rows)
	}

	if len(v.TrendRounds) > 1 {
		d.heading(2, tr("report.trend"))
		d.para(tr("report.trend.caption"))
		shares := []float64{0.34}
		header := []string{tr("health.col.principle")}
		for _, round := range v.TrendRounds {
			shares = append(shares, 0.66/float64(len(v.TrendRounds)))
			header = append(header, round.Title+" ("+formatDay(round.ClosesOn)+")")
		}
		var rows [][]string
		for _, p := range v.Principles {
			row := []string{strconv.Itoa(p.Number) + ". " + p.Name}
			for _, c := range v.Trend[p.Number] {
				row = append(row, cellText(c))
			}
			for len(row) < len(header) {
				row = append(row, "")
			}
			rows = append(rows, row)
		}
		d.table(shares, header, rows)
	}

	for _, p := range v.Principles {
		d.heading(2, fmt.Sprintf("%d. %s: %s", p.Number, p.Name, tr("status."+p.Status)))
		var reasons []string
		for _, reason := range p.Reasons {
			reasons = append(reasons, reasonText(reason))
		}
		d.bullets(reasons)
		if pp := p.Perception; pp != nil {
			d.heading(3, tr("report.perception"))
			var header, row []string
			for _, c := range coproduce.Constituencies {
				header = append(header, constituencyName(c))
				row = append(row, cellText(pp.ByGroup[c]))
			}
			gap := tr("health.gap.none")
			if pp.GapShown {
				gap = fmt.Sprintf("%+.0f", pp.Gap)
				if pp.GapFlagged() {
					gap += " – " + tr("health.gap.flag")
				}
			}
			header = append(header, tr("health.col.overall"), tr("health.col.gap"))
			row = append(row, cellText(pp.Overall), gap)
			shares := make([]float64, len(header))
			for i := range shares {
				shares[i] = 1 / float64(len(header))
			}
			d.table(shares, header, [][]string{row})
		}
		d.heading(3, tr("report.evidence"))
		var rows [][]string
		for _, row := range p.Rows {
			rows = append(rows, []string{row.Name + "\n" + row.About, row.Value, row.Aim, tr(indicatorStatusKey(row.Status))})
		}
		d.table([]float64{0.52, 0.18, 0.16, 0.14}, []string{tr("report.col.indicator"), tr("report.col.value"), tr("report.col.threshold"), tr("report.col.status")}, rows)
		if len(p.LookOuts) > 0 {
			d.heading(3, tr("report.lookouts"))
			for _, l := range p.LookOuts {
				d.para(tr("lookout."+l.ID) + " " + tr("lookout."+l.ID+".about"))
				d.bullets(l.Evidence)
			}
		}
		if len(p.Adopted) > 0 {
			d.heading(3, tr("report.adopted"))
			var items []string
			for _, a := range p.Adopted {
				items = append(items, a.Title+": "+tr("actions.status."+string(a.Status)))
			}
			d.bullets(items)
		}
		if p.NeedsAction() {
			d.heading(3, tr("report.suggested"))
			d.para(tr("report.quickwins"))
			d.bullets(p.QuickWins)
			d.para(tr("report.longterm"))
			d.bullets(p.LongTermActions)
		}
	}
	if c := s.framework.Credit; c.Title != "" {
		d.para(tr("layout.footer.credit", c.Title, c.Publisher, c.Published))
	}
	return d.f.Output(out)
}

func constituencyName(c coproduce.Constituency) string { return tr("constituency." + string(c)) }

// cellText words a perception figure as the page does.
func cellText(c coproduce.PerceptionCell) string {
	switch {
	case c.Hidden:
		return tr("health.cell.hidden")
	case c.Respondents == 0:
		return tr("health.cell.none")
	}
	return strconv.Itoa(pctOf(c.Share)) + "% (" + tr("health.cell.count", c.Respondents) + ")"
}

// pdfShare words a radar figure: a share, or hidden when negative.
func pdfShare(share float64) string {
	if share < 0 {
		return tr("health.cell.hidden")
	}
	return strconv.Itoa(pctOf(share)) + "%"
}

// indicatorStatusKey is the text key for an indicator's status.
func indicatorStatusKey(status string) string {
	switch status {
	case coproduce.IndicatorMet:
		return "report.indicator.met"
	case coproduce.IndicatorNotMet:
		return "report.indicator.notmet"
	}
	return "report.indicator.nodata"
}
