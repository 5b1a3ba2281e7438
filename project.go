package coproduce

import (
	"strings"
	"time"
)

// RIBAStages are the stages of the RIBA Plan of Work 2020, the default
// phases of a project. A group may use its own phases instead.
var RIBAStages = []string{
	"Strategic Definition",
	"Preparation and Briefing",
	"Concept Design",
	"Spatial Coordination",
	"Technical Design",
	"Manufacturing and Construction",
	"Handover",
	"Use",
}

// ProjectContext is where the project stands: the phase it is in, out of
// the group's phases. Every meeting starts with a recap of it.
type ProjectContext struct {
	GroupID      int64
	Phases       []string // the group's own phases; empty means RIBAStages
	CurrentStage int      // an index into Stages()
	UpdatedAt    time.Time
}

// Stages returns the group's phases, or the RIBA stages by default.
func (p *ProjectContext) Stages() []string {
	if len(p.Phases) > 0 {
		return p.Phases
	}
	return RIBAStages
}

// UsesRIBA reports whether the project follows the RIBA Plan of Work,
// whose stages are numbered from 0.
func (p *ProjectContext) UsesRIBA() bool { return len(p.Phases) == 0 }

// StageName returns the current stage's name.
func (p *ProjectContext) StageName() string {
	stages := p.Stages()
	if p.CurrentStage < 0 || p.CurrentStage >= len(stages) {
		return ""
	}
	return stages[p.CurrentStage]
}

// Validate checks the context and returns a *ValidationError naming each
// problem.
func (p *ProjectContext) Validate() error {
	var v ValidationError
	if len(p.Phases) > 20 {
		v.Add("phases", "Use 20 phases or fewer.")
	}
	for _, ph := range p.Phases {
		if strings.TrimSpace(ph) == "" || len([]rune(ph)) > 100 {
			v.Add("phases", "Give each phase a name of 100 characters or fewer, one per line.")
			break
		}
	}
	if p.CurrentStage < 0 || p.CurrentStage >= len(p.Stages()) {
		v.Add("stage", "Choose the stage the project is at.")
	}
	return v.Err()
}

// Milestone is a point in the project's timeframe. When its date moves,
// the change is kept with its reason: timeframes change over a long
// project, and the group should see how and why.
type Milestone struct {
	ID      int64
	GroupID int64
	Title   string
	Due     time.Time // a day, stored as midday in London
	DoneAt  time.Time
	Changes []MilestoneChange // oldest first
}

// MilestoneChange is one move of a milestone's date.
type MilestoneChange struct {
	From, To  time.Time
	Reason    string
	ChangedBy int64 // user id
	ChangedAt time.Time
}

// Validate checks the milestone and returns a *ValidationError.
func (m *Milestone) Validate() error {
	var v ValidationError
	validateName(&v, "title", m.Title)
	if m.Due.IsZero() {
		v.Add("due", "Enter the date it is due.")
	}
	return v.Err()
}

// RiskKind says whether a register entry is a risk or an opportunity.
type RiskKind string

// The kinds of register entry.
const (
	KindRisk        RiskKind = "risk"
	KindOpportunity RiskKind = "opportunity"
)

// Risk is an entry in the register of key risks and opportunities.
type Risk struct {
	ID          int64
	GroupID     int64
	Kind        RiskKind
	Title       string
	Description string
	CreatedAt   time.Time
	ClosedAt    time.Time
}

// Validate checks the entry and returns a *ValidationError.
func (r *Risk) Validate() error {
	var v ValidationError
	if r.Kind != KindRisk && r.Kind != KindOpportunity {
		v.Add("kind", "Choose whether this is a risk or an opportunity.")
	}
	validateName(&v, "title", r.Title)
	validateText(&v, "description", r.Description, 5000)
	return v.Err()
}
