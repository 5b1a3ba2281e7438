package coproduce

import (
	"slices"
	"strings"
	"time"
)

// StakeholderTypes are the kinds of stakeholder a map records.
var StakeholderTypes = []string{"residents", "community", "council", "landlord", "developer", "contractor", "councillor", "business", "statutory", "other"}

// Stakeholder is one party on the group's stakeholder and power map for a
// phase of the project: how much influence it has over the project and
// how much the project affects it, each from 1 to 5, and whether it has a
// voice in the group. Each phase keeps its own map, so phases can be
// compared.
type Stakeholder struct {
	ID          int64
	GroupID     int64
	Phase       int    // an index into the project's stages
	PhaseName   string // the stage's name when the map was made
	Name        string
	Type        string
	Influence   int
	Affected    int
	Represented bool
	AddedAt     time.Time
}

// Validate checks the stakeholder and returns a *ValidationError.
func (s *Stakeholder) Validate() error {
	var v ValidationError
	if strings.TrimSpace(s.Name) == "" {
		v.Add("name", "Enter the stakeholder's name.")
	}
	validateText(&v, "name", s.Name, 200)
	if !slices.Contains(StakeholderTypes, s.Type) {
		v.Add("type", "Choose what kind of stakeholder this is.")
	}
	if s.Influence < 1 || s.Influence > 5 {
		v.Add("influence", "Choose how much influence they have, from 1 to 5.")
	}
	if s.Affected < 1 || s.Affected > 5 {
		v.Add("affected", "Choose how much the project affects them, from 1 to 5.")
	}
	return v.Err()
}

// StakeholderChange is how one stakeholder differs between two phases'
// maps. Before or After is nil when it is on only one of them.
type StakeholderChange struct {
	Name          string
	Before, After *Stakeholder
}

// Changed reports whether anything about the stakeholder differs.
func (c StakeholderChange) Changed() bool {
	if c.Before == nil || c.After == nil {
		return true
	}
	return c.Before.Influence != c.After.Influence || c.Before.Affected != c.After.Affected ||
		c.Before.Represented != c.After.Represented || c.Before.Type != c.After.Type
}

// CompareStakeholders matches two maps by name, ignoring case, and lists
// every stakeholder on either, in the order of before and then the new
// ones of after.
func CompareStakeholders(before, after []*Stakeholder) []StakeholderChange {
	var out []StakeholderChange
	index := map[string]int{}
	for _, s := range before {
		key := strings.ToLower(strings.TrimSpace(s.Name))
		index[key] = len(out)
		out = append(out, StakeholderChange{Name: s.Name, Before: s})
	}
	for _, s := range after {
		key := strings.ToLower(strings.TrimSpace(s.Name))
		if i, ok := index[key]; ok {
			out[i].After = s
			continue
		}
		out = append(out, StakeholderChange{Name: s.Name, After: s})
	}
	return out
}
