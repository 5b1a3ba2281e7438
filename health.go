package coproduce

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Agreement answers to a health-check statement: 1 (strongly disagree)
// to 5 (strongly agree), or DontKnow.
const (
	DontKnow          = 0
	StronglyDisagree  = 1
	StronglyAgree     = 5
	DefaultMinCell    = 5 // the fewest answers a breakdown shows, unless the group says otherwise
	LowestMinCell     = 3 // and never fewer
	maxHealthComments = 2000
)

// HealthRound is a perception round of the health check: for a period,
// every current member not on time out answers the framework's statements
// and places the group on the ladder. Rounds are always anonymous: a
// ballot is stored with its constituency only, apart from the record of
// who has answered, and neither carries a time or an order.
type HealthRound struct {
	ID         int64
	GroupID    int64
	Title      string
	OpensOn    time.Time // midday London of the first day
	ClosesOn   time.Time // midday London of the last day
	MinCell    int       // the fewest answers any figure shows
	Statements []string  // the statement ids asked, fixed when the round opens
	AreaIDs    []int64   // the decision areas asked about
	OpenedBy   int64     // member id
	ClosedAt   time.Time // zero until closed early by hand
}

// Closed reports whether the round has closed at now: closed by hand, or
// past the end of its last day.
func (r *HealthRound) Closed(now time.Time) bool {
	return !r.ClosedAt.IsZero() || now.After(r.ClosesOn.Add(12*time.Hour))
}

// Started reports whether the round is open for answers at now.
func (r *HealthRound) Started(now time.Time) bool {
	return !now.Before(r.OpensOn.Add(-12 * time.Hour))
}

// Validate checks a round about to open and returns a *ValidationError.
func (r *HealthRound) Validate() error {
	var v ValidationError
	if strings.TrimSpace(r.Title) == "" {
		v.Add("title", "Give the round a title, such as the month it runs in.")
	}
	validateText(&v, "title", r.Title, 200)
	if r.OpensOn.IsZero() {
		v.Add("opens_on", "Enter the first day members can answer.")
	}
	if r.ClosesOn.IsZero() {
		v.Add("closes_on", "Enter the last day members can answer.")
	} else if !r.OpensOn.IsZero() && r.ClosesOn.Before(r.OpensOn) {
		v.Add("closes_on", "The last day must be on or after the first.")
	}
	if r.MinCell < LowestMinCell {
		v.Add("min_cell", "Show figures from at least "+itoa(LowestMinCell)+" answers, so nobody's answers can be picked out.")
	} else if r.MinCell > 50 {
		v.Add("min_cell", "Use 50 or fewer.")
	}
	if len(r.Statements) == 0 {
		v.Add("title", "The framework has no statements to ask.")
	}
	return v.Err()
}

// Ballot is one member's answers in a round. Only the answers to the
// statements are stored together, with nothing that says whose they are
// but the side they sit on; the places on the ladder and the comments are
// stored apart, each on its own and without a side, so that a comment
// that gives its writer away gives away nothing else (see RoundAnswers).
type Ballot struct {
	Constituency Constituency
	Answers      map[string]int    // statement id → agreement
	Ladder       map[int64][2]Rung // decision area id (0 for the group overall) → [now, should be]; 0 is don't know
	Comments     map[int]string    // principle number → comment
}

// Placing is where one member placed the group on the ladder for one
// decision area (0 for the group overall), now and where it should be; 0
// is don't know.
type Placing struct {
	AreaID      int64
	Now, Should Rung
}

// Placings lists the ballot's places on the ladder, by area.
func (b *Ballot) Placings() []Placing {
	out := make([]Placing, 0, len(b.Ladder))
	for area, pair := range b.Ladder {
		out = append(out, Placing{AreaID: area, Now: pair[0], Should: pair[1]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].AreaID < out[j].AreaID })
	return out
}

// RoundAnswers is what a closed round's members answered, in three parts
// that nothing links together: the answers to the statements, one ballot
// per member with their side (blank where the side was too small); every
// place on the ladder, each on its own; and the comments, each on its
// own, by principle.
type RoundAnswers struct {
	Ballots  []*Ballot // Answers and Constituency only
	Placings []Placing
	Comments map[int][]string
}

// LadderField names the form field for where the group stands on the
// ladder for area (0 overall): now or should.
func LadderField(which string, area int64) string {
	return which + "-" + strconv.FormatInt(area, 10)
}

// StatementField names the form field for a statement.
func StatementField(id string) string { return "s-" + id }

// CommentField names the form field for a principle's comment.
func CommentField(principle int) string { return "comment-" + itoa(principle) }

// ValidateBallot checks a ballot for the round: every statement answered
// (don't know counts), both places on the ladder overall, and any area's
// places on the ladder real rungs or don't know.
func (r *HealthRound) ValidateBallot(b *Ballot) error {
	var v ValidationError
	for _, id := range r.Statements {
		a, ok := b.Answers[id]
		if !ok || a < DontKnow || a > StronglyAgree {
			v.Add(StatementField(id), "Choose how far you agree, or don't know.")
		}
	}
	for _, area := range append([]int64{0}, r.AreaIDs...) {
		pair := b.Ladder[area]
		for i, which := range []string{"now", "should"} {
			rung := pair[i]
			switch {
			case area == 0 && !rung.Valid():
				v.Add(LadderField(which, 0), "Choose a rung of the ladder.")
			case rung != 0 && !rung.Valid():
				v.Add(LadderField(which, area), "Choose a rung of the ladder, or don't know.")
			}
		}
	}
	for n, c := range b.Comments {
		validateText(&v, CommentField(n), c, maxHealthComments)
	}
	return v.Err()
}

// Favourable is an answer of agree or strongly agree.
func Favourable(a int) bool { return a >= 4 }

// PerceptionCell is the share of favourable answers from one group of
// respondents, or hidden when they are too few to show safely.
type PerceptionCell struct {
	Respondents int     // ballots with at least one answer other than don't know
	Share       float64 // favourable answers over answers other than don't know, 0 to 1
	Hidden      bool
}

// PrinciplePerception is a principle's perception in a closed round.
type PrinciplePerception struct {
	Principle int
	ByGroup   map[Constituency]PerceptionCell
	Overall   PerceptionCell // each constituency weighted equally, whatever its size
	Gap       float64        // residents' share minus the organisation's, in points; valid when GapShown
	GapShown  bool
}

// GapFlagged reports whether the perception gap is 20 points or more
// either way.
func (p PrinciplePerception) GapFlagged() bool {
	return p.GapShown && (p.Gap >= 20 || p.Gap <= -20)
}

// SteadyBand is the change in a principle's overall share, in points,
// below which it is called steady between two rounds: with a handful of
// people on each side, one person changing their mind moves a share by
// more than a few points.
const SteadyBand = 5

// ShareChange is how a principle's overall share moved from one round
// to the next.
type ShareChange struct {
	Points int  // the later share minus the earlier, rounded to whole points; valid when Shown
	Shown  bool // false when either round's share is hidden or missing
}

// Direction is "up", "down" or "steady" (within SteadyBand), or "" when
// the change is not shown.
func (c ShareChange) Direction() string {
	switch {
	case !c.Shown:
		return ""
	case c.Points >= SteadyBand:
		return "up"
	case c.Points <= -SteadyBand:
		return "down"
	}
	return "steady"
}

// Change works out the move from before to after. A hidden share on
// either side hides the change: otherwise a shown share and the change
// would give the hidden one away.
func Change(before, after PerceptionCell) ShareChange {
	if before.Hidden || after.Hidden || before.Respondents == 0 || after.Respondents == 0 {
		return ShareChange{}
	}
	return ShareChange{Points: int(math.Round(100 * (after.Share - before.Share))), Shown: true}
}

// Perception works out each principle's perception from a round's
// ballots. statements maps each statement id to its principle's number;
// principles lists the principles in order.
//
// The rule, for each principle: a constituency's share is its members'
// favourable answers (agree, strongly agree) over all their answers that
// are not "don't know", across the principle's statements. The overall
// share is the mean of the constituencies' shares, so each side counts
// the same whatever its size. A constituency with fewer than minCell
// respondents is hidden, and so are ballots whose side was blanked when
// the round closed. The overall share is hidden when fewer than minCell
// answered at all, or when any side is hidden: each side weighs the same
// in it, so one person on a small side moves it enough to be worked out.
// The gap is shown only when both the residents' and the organisation's
// shares are.
func Perception(ballots []*Ballot, statements map[string]int, principles []int, minCell int) []PrinciplePerception {
	// One pass over every answer, tallied by principle and side: reports
	// ask this of up to seven rounds at a time.
	type tally struct{ favourable, known, respondents int }
	tallies := map[int]map[Constituency]*tally{}
	for _, p := range principles {
		tallies[p] = map[Constituency]*tally{}
	}
	answered := map[*tally]bool{} // by this ballot
	for _, b := range ballots {
		clear(answered)
		for id, a := range b.Answers {
			by, ok := tallies[statements[id]]
			if !ok || a == DontKnow {
				continue
			}
			t := by[b.Constituency]
			if t == nil {
				t = &tally{}
				by[b.Constituency] = t
			}
			t.known++
			if Favourable(a) {
				t.favourable++
			}
			answered[t] = true
		}
		for t := range answered {
			t.respondents++
		}
	}
	out := make([]PrinciplePerception, len(principles))
	for i, p := range principles {
		by := tallies[p]
		pp := PrinciplePerception{Principle: p, ByGroup: map[Constituency]PerceptionCell{}}
		total, hiddenPeople, sum, sides := 0, 0, 0.0, 0
		for c, t := range by { // every side here answered
			cell := PerceptionCell{Respondents: t.respondents, Share: float64(t.favourable) / float64(t.known)}
			total += t.respondents
			sum += cell.Share
			sides++
			if t.respondents < minCell || c == "" {
				hiddenPeople += t.respondents
				cell = PerceptionCell{Hidden: true}
			}
			pp.ByGroup[c] = cell
		}
		if total < minCell || hiddenPeople > 0 {
			pp.Overall = PerceptionCell{Hidden: true}
		} else if sides > 0 {
			pp.Overall = PerceptionCell{Respondents: total, Share: sum / float64(sides)}
		}
		res, org := pp.ByGroup[Residents], pp.ByGroup[OrganisationSide]
		if res.Respondents > 0 && org.Respondents > 0 && !res.Hidden && !org.Hidden {
			pp.Gap, pp.GapShown = 100*(res.Share-org.Share), true
		}
		out[i] = pp
	}
	return out
}

// LadderResult is where members placed the group on the ladder for one
// decision area (0 for the group overall) in a closed round.
type LadderResult struct {
	AreaID      int64
	Answers     int     // members who placed it now (not don't know)
	Now, Should float64 // medians; valid unless Hidden
	Hidden      bool    // fewer than the round's minimum answered
}

// Ladder works out, for the group overall and each area, the median rung
// members see now and the median they think it should be. An area with
// fewer than minCell placings is hidden.
func Ladder(placings []Placing, areaIDs []int64, minCell int) []LadderResult {
	var out []LadderResult
	for _, area := range append([]int64{0}, areaIDs...) {
		var now, should []float64
		for _, p := range placings {
			if p.AreaID != area {
				continue
			}
			if p.Now.Valid() {
				now = append(now, float64(p.Now))
			}
			if p.Should.Valid() {
				should = append(should, float64(p.Should))
			}
		}
		res := LadderResult{AreaID: area, Answers: len(now)}
		if len(now) < minCell || len(should) < minCell {
			res = LadderResult{AreaID: area, Hidden: true}
		} else {
			res.Now, res.Should = median(now), median(should)
		}
		out = append(out, res)
	}
	return out
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
