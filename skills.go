package coproduce

import (
	"strings"
	"time"
	"unicode/utf8"
)

// DefaultSkillTopics are the topics a skills audit asks about unless the
// group chooses others.
var DefaultSkillTopics = []string{"Communication", "Mediation", "Decision-making", "Procurement", "Planning", "Design", "Viability", "Finance", "Coproduction"}

// SkillLevels are the ratings a member gives themselves, from 1 (new to
// it) to 4 (could teach others).
const (
	MinSkillLevel = 1
	MaxSkillLevel = 4
)

// MinSkillsCell is the fewest members whose ratings are put together in
// any figure the group sees, so that no one's own answers can be read
// from the results.
const MinSkillsCell = 3

// SkillsAudit is a round in which each member rates themselves on the
// topics the group chose. A member's own ratings are seen only by them
// and by those who lead the group; everyone else sees results put
// together by topic and constituency.
type SkillsAudit struct {
	ID       int64
	GroupID  int64
	Topics   []string
	OpenedBy int64 // member id
	OpenedAt time.Time
	ClosedAt time.Time // zero while open
}

// Open reports whether members can still give their ratings.
func (a *SkillsAudit) Open() bool { return a.ClosedAt.IsZero() }

// ParseSkillTopics reads topics one per line (or separated by commas),
// dropping blanks and repeats, and checks them. Returns a
// *ValidationError on the field "topics".
func ParseSkillTopics(s string) ([]string, error) {
	var topics []string
	seen := map[string]bool{}
	var v ValidationError
	for _, line := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ',' }) {
		t := strings.TrimSpace(line)
		key := strings.ToLower(t)
		if t == "" || seen[key] {
			continue
		}
		if utf8.RuneCountInString(t) > 100 {
			v.Add("topics", "Keep each topic to 100 characters or fewer.")
			return nil, v.Err()
		}
		seen[key] = true
		topics = append(topics, t)
	}
	switch {
	case len(topics) == 0:
		v.Add("topics", "List at least one topic, one per line.")
	case len(topics) > 30:
		v.Add("topics", "List at most 30 topics.")
	}
	return topics, v.Err()
}

// SkillRating is one member's rating of themselves on one topic, with
// the constituency they were in when they gave it, so the results do not
// change, and give anyone away, if they later change sides.
type SkillRating struct {
	MemberID     int64
	Constituency Constituency
	Topic        string
	Level        int
}

// ValidateRatings checks that ratings give every topic of a a level
// from 1 to 4. Field names are "topic-N", N the topic's place from 0.
func (a *SkillsAudit) ValidateRatings(ratings map[string]int) error {
	var v ValidationError
	for i, t := range a.Topics {
		if l := ratings[t]; l < MinSkillLevel || l > MaxSkillLevel {
			v.Add("topic-"+itoa(i), "Rate yourself on "+t+".")
		}
	}
	return v.Err()
}

// SkillsCell is a figure in the results: the mean rating of Count
// members, or hidden when too few answered to show it safely.
type SkillsCell struct {
	Count  int
	Mean   float64
	Hidden bool
}

// SkillsRow is one topic's results.
type SkillsRow struct {
	Topic    string
	ByGroup  map[Constituency]SkillsCell
	All      SkillsCell
	Low      int  // how many rated themselves 1 or 2
	NeedsFor bool // a third or more rated themselves 1 or 2: training would help
}

// SkillsResults puts an audit's ratings together by topic and by the
// constituency each was given from. A constituency with fewer than
// MinSkillsCell respondents is hidden, and so is the whole-group figure
// whenever any constituency is: with the shown figures it would give the
// hidden ones' total away, and a member of a hidden side who knows their
// own ratings could then work out the others'. The count of low ratings
// is shown only with the whole-group figure.
func SkillsResults(a *SkillsAudit, ratings []SkillRating) []SkillsRow {
	respondents := map[Constituency]map[int64]bool{}
	for _, r := range ratings {
		c := r.Constituency
		if respondents[c] == nil {
			respondents[c] = map[int64]bool{}
		}
		respondents[c][r.MemberID] = true
	}
	total, hiddenPeople := 0, 0
	hidden := map[Constituency]bool{}
	for c, set := range respondents {
		total += len(set)
		if len(set) < MinSkillsCell {
			hidden[c], hiddenPeople = true, hiddenPeople+len(set)
		}
	}
	hideAll := total < MinSkillsCell || hiddenPeople > 0

	rows := make([]SkillsRow, len(a.Topics))
	index := map[string]int{}
	for i, t := range a.Topics {
		rows[i] = SkillsRow{Topic: t, ByGroup: map[Constituency]SkillsCell{}}
		index[t] = i
	}
	sums := make([]map[Constituency]int, len(a.Topics))
	for i := range sums {
		sums[i] = map[Constituency]int{}
	}
	for _, r := range ratings {
		i, ok := index[r.Topic]
		if !ok {
			continue
		}
		c := r.Constituency
		sums[i][c] += r.Level
		cell := rows[i].ByGroup[c]
		cell.Count++
		rows[i].ByGroup[c] = cell
		rows[i].All.Count++
		if r.Level <= 2 {
			rows[i].Low++
		}
	}
	for i := range rows {
		all := 0
		for c, cell := range rows[i].ByGroup {
			all += sums[i][c]
			if hidden[c] {
				rows[i].ByGroup[c] = SkillsCell{Hidden: true}
				continue
			}
			cell.Mean = float64(sums[i][c]) / float64(cell.Count)
			rows[i].ByGroup[c] = cell
		}
		if hideAll {
			rows[i].All, rows[i].Low = SkillsCell{Hidden: true}, 0
			continue
		}
		if rows[i].All.Count > 0 {
			rows[i].All.Mean = float64(all) / float64(rows[i].All.Count)
			rows[i].NeedsFor = rows[i].Low*3 >= rows[i].All.Count
		}
	}
	return rows
}

// CanSeeRatings reports whether viewer may see member's own ratings: the
// member, or the group's chair or facilitator.
func CanSeeRatings(viewer *Member, memberID int64) bool {
	return viewer != nil && (viewer.ID == memberID || viewer.Role.Leads())
}
