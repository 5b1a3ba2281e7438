package web

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"coproduce"
)

// radarSize is the radar chart's view box, square.
const radarSize = 420

// radarAxis is one principle's spoke of the radar chart.
type radarAxis struct {
	Number       int
	X, Y         float64 // the spoke's end, at 100%
	LabelX       float64
	LabelY       float64
	Anchor       string
	Residents    float64 // share, or -1 when hidden or missing
	Organisation float64
}

// radar is a radar chart of residents' and the organisation's perception
// across the principles, drawn by the server as SVG.
type radar struct {
	Axes              []radarAxis
	Rings             []string // polygon points for 25%, 50%, 75% and 100%
	ResidentsShape    string   // polygon points; "" when a share is hidden
	OrganisationShape string
	Centre            float64
}

// newRadar lays out the chart for perception by principle (numbers in
// order). A side's shape is drawn only when every principle has a share
// to show for it, so a hidden share never appears as a point at the
// centre.
func newRadar(numbers []int, perception map[int]coproduce.PrinciplePerception) radar {
	c := float64(radarSize) / 2
	r := c - 60
	rd := radar{Centre: c}
	point := func(i int, share float64) (float64, float64) {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(len(numbers))
		return c + r*share*math.Cos(a), c + r*share*math.Sin(a)
	}
	for _, ring := range []float64{0.25, 0.5, 0.75, 1} {
		var pts []string
		for i := range numbers {
			x, y := point(i, ring)
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
		}
		rd.Rings = append(rd.Rings, strings.Join(pts, " "))
	}
	var res, org []string
	for i, n := range numbers {
		ax := radarAxis{Number: n, Residents: -1, Organisation: -1}
		ax.X, ax.Y = point(i, 1)
		ax.LabelX, ax.LabelY = point(i, 1.16)
		ax.LabelY += 5
		switch {
		case ax.LabelX < c-5:
			ax.Anchor = "end"
		case ax.LabelX > c+5:
			ax.Anchor = "start"
		default:
			ax.Anchor = "middle"
		}
		if p, ok := perception[n]; ok {
			if cell := p.ByGroup[coproduce.Residents]; !cell.Hidden && cell.Respondents > 0 {
				ax.Residents = cell.Share
			}
			if cell := p.ByGroup[coproduce.OrganisationSide]; !cell.Hidden && cell.Respondents > 0 {
				ax.Organisation = cell.Share
			}
		}
		if ax.Residents >= 0 {
			x, y := point(i, ax.Residents)
			res = append(res, fmt.Sprintf("%.1f,%.1f", x, y))
		}
		if ax.Organisation >= 0 {
			x, y := point(i, ax.Organisation)
			org = append(org, fmt.Sprintf("%.1f,%.1f", x, y))
		}
		rd.Axes = append(rd.Axes, ax)
	}
	if len(res) == len(numbers) {
		rd.ResidentsShape = strings.Join(res, " ")
	}
	if len(org) == len(numbers) {
		rd.OrganisationShape = strings.Join(org, " ")
	}
	return rd
}

// sparkline is a small line of one principle's overall share across
// rounds, for the trend table.
type sparkline struct {
	Points string // polyline points; "" when fewer than two rounds have a figure
	Label  string // the line in words
}

// Sparkline sizes.
const (
	sparkWidth  = 120
	sparkHeight = 32
)

// newSparkline draws cells (oldest first) as a line: a round whose figure
// is hidden leaves a gap in the words and is skipped in the line.
func newSparkline(name string, cells []coproduce.PerceptionCell) sparkline {
	var pts, words []string
	shown := 0
	for i, c := range cells {
		if c.Hidden || c.Respondents == 0 {
			words = append(words, tr("report.trend.hidden"))
			continue
		}
		shown++
		x := 4.0
		if len(cells) > 1 {
			x = 4 + float64(i)*(sparkWidth-8)/float64(len(cells)-1)
		}
		y := 4 + (1-c.Share)*(sparkHeight-8)
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
		words = append(words, strconv.Itoa(int(math.Round(c.Share*100)))+"%")
	}
	sl := sparkline{Label: tr("report.trend.line", name, strings.Join(words, ", "))}
	if shown >= 2 {
		sl.Points = strings.Join(pts, " ")
	}
	return sl
}
