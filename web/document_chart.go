package web

import (
	"strings"
	"unicode/utf8"

	"coproduce"
)

// The theory of change is drawn as boxes stacked top to bottom, one per
// step, joined by arrows: a tall, narrow drawing that stays readable on
// a phone, where a row of boxes would not.
const (
	chartWidth    = 400 // the view box's width
	chartWrap     = 48  // characters per line at the 14px font
	chartLeading  = 18  // line height
	chartPad      = 10  // inside a box
	chartGap      = 28  // between boxes, for the arrow
	chartHeadLine = 22
)

// chartBox is one step of the drawing.
type chartBox struct {
	Y, Height int
	HeadY     int // the heading's baseline
	Heading   string
	Lines     []chartLine
	Arrow     bool // an arrow leads from this box to the next
	Note      bool // drawn as a note (the assumptions), not a step
}

// Bottom is the box's lower edge.
func (b chartBox) Bottom() int { return b.Y + b.Height }

// ArrowTo is where the arrow from the box ends, just above the next.
func (b chartBox) ArrowTo() int { return b.Bottom() + chartGap - 4 }

// chartLine is one line of text in a box, at its baseline.
type chartLine struct {
	Y    int
	Text string
}

// boxChart is the laid-out drawing.
type boxChart struct {
	Width, Height int
	Boxes         []chartBox
}

// Inner is a box's width, inside the chart's edges.
func (c boxChart) Inner() int { return c.Width - 2 }

// Mid is the middle of the chart, where the arrows run.
func (c boxChart) Mid() int { return c.Width / 2 }

// newTheoryChart lays out a version of a theory of change: problem, the
// change in power, activities, outputs, outcomes and impact as steps,
// then the assumptions as a note. Empty steps are left out.
func newTheoryChart(v *coproduce.DocumentVersion) boxChart {
	type step struct {
		key   string
		items []string
	}
	var steps []step
	for _, k := range []string{"problem", "power", "activities", "outputs"} {
		steps = append(steps, step{k, coproduce.Lines(v.Sections[k])})
	}
	var outcomes []string
	for _, o := range v.Outcomes {
		if o.Text != "" {
			outcomes = append(outcomes, o.Text)
		}
	}
	steps = append(steps, step{"outcomes", outcomes}, step{"impact", coproduce.Lines(v.Sections["impact"])})
	c := boxChart{Width: chartWidth}
	y := 1
	for _, s := range steps {
		if len(s.items) == 0 {
			continue
		}
		b := layoutBox(y, tr("toc."+s.key), s.items, len(s.items) > 1)
		c.Boxes = append(c.Boxes, b)
		y += b.Height + chartGap
	}
	for i := range c.Boxes {
		c.Boxes[i].Arrow = i < len(c.Boxes)-1
	}
	if a := coproduce.Lines(v.Sections["assumptions"]); len(a) > 0 {
		b := layoutBox(y, tr("toc.assumptions"), a, len(a) > 1)
		b.Note = true
		c.Boxes = append(c.Boxes, b)
		y += b.Height + chartGap
	}
	c.Height = max(y-chartGap+1, 40)
	return c
}

// layoutBox places a box at y with its heading and items, each item
// wrapped, and bulleted when there are several.
func layoutBox(y int, heading string, items []string, bullets bool) chartBox {
	b := chartBox{Y: y, HeadY: y + chartPad + 14, Heading: heading}
	line := y + chartPad + chartHeadLine - 6
	for _, item := range items {
		for i, l := range wrapWords(item, chartWrap-2) {
			prefix := ""
			if bullets {
				prefix = "  "
				if i == 0 {
					prefix = "• "
				}
			}
			line += chartLeading
			b.Lines = append(b.Lines, chartLine{Y: line, Text: prefix + l})
		}
	}
	b.Height = line - y + chartPad
	return b
}

// wrapWords breaks s into lines of at most width characters at spaces; a
// word longer than width is cut.
func wrapWords(s string, width int) []string {
	var lines []string
	var cur strings.Builder
	for _, w := range strings.Fields(s) {
		for utf8.RuneCountInString(w) > width {
			r := []rune(w)
			if cur.Len() > 0 {
				lines = append(lines, cur.String())
				cur.Reset()
			}
			lines = append(lines, string(r[:width]))
			w = string(r[width:])
		}
		if cur.Len() > 0 && utf8.RuneCountInString(cur.String())+1+utf8.RuneCountInString(w) > width {
			lines = append(lines, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(w)
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}
