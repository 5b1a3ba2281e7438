package coproduce

import (
	"math"
	"testing"
)

func TestSkillsResultsHideSmallGroups(t *testing.T) {
	a := &SkillsAudit{Topics: []string{"Viability", "Design"}}
	var ratings []SkillRating
	add := func(id int64, c Constituency, viability, design int) {
		ratings = append(ratings, SkillRating{id, c, "Viability", viability}, SkillRating{id, c, "Design", design})
	}

	// Three residents, three officers, one independent: the independent's
	// column is hidden, and so is the whole group, which would give it away.
	add(1, Residents, 1, 3)
	add(2, Residents, 2, 3)
	add(3, Residents, 1, 4)
	add(4, OrganisationSide, 4, 2)
	add(5, OrganisationSide, 3, 2)
	add(6, OrganisationSide, 3, 2)
	add(7, Independent, 2, 4)
	rows := SkillsResults(a, ratings)
	v := rows[0]
	if c := v.ByGroup[Residents]; c.Hidden || c.Count != 3 || math.Abs(c.Mean-4.0/3) > 1e-9 {
		t.Errorf("residents on viability: %+v", c)
	}
	if c := v.ByGroup[Independent]; !c.Hidden || c.Mean != 0 || c.Count != 0 {
		t.Errorf("one independent member's rating is shown: %+v", c)
	}
	if !v.All.Hidden || v.All.Mean != 0 || v.Low != 0 {
		t.Errorf("the whole group would reveal the independent member's rating: %+v, low %d", v.All, v.Low)
	}

	// With three independent members nothing is hidden, and a topic where
	// a third or more rated themselves low suggests training.
	add(8, Independent, 1, 4)
	add(9, Independent, 3, 4)
	rows = SkillsResults(a, ratings)
	v = rows[0]
	if v.All.Hidden || v.All.Count != 9 || math.Abs(v.All.Mean-20.0/9) > 1e-9 || v.Low != 5 || !v.NeedsFor {
		t.Errorf("viability for the whole group: %+v, low %d, needs %v", v.All, v.Low, v.NeedsFor)
	}
	if !rows[1].NeedsFor || rows[1].Low != 3 {
		t.Errorf("design: low %d, needs %v; want 3 low of 9, which is a third: training suggested", rows[1].Low, rows[1].NeedsFor)
	}
}

func TestParseSkillTopics(t *testing.T) {
	got, err := ParseSkillTopics("Viability\n\n viability \nDesign, Finance\r\n")
	if err != nil || len(got) != 3 || got[0] != "Viability" || got[2] != "Finance" {
		t.Errorf("got %q, %v", got, err)
	}
	if _, err := ParseSkillTopics(" \n, "); err == nil {
		t.Error("no topics accepted")
	}
}
