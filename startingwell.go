package coproduce

// StartingWell is how far a group has got with the first steps the
// framework asks of a new group (its "stage 0"), worked out from the
// group's records, so that the checklist stays until the steps are done
// and needs no ticking.
type StartingWell struct {
	Members      int  // current founding members: joined in the first StartingDays
	Acknowledged int  // of them, those who acknowledged the precepts
	Inducted     int  // of them, those with an induction recorded
	ToR          bool // a version of the terms of reference exists
	RedLines     bool // at least one red line or constraint is recorded
	Stakeholders bool // the stakeholder and power map has an entry
	SkillsAudit  bool // a skills audit has been opened
	HealthCheck  bool // a health check round has been opened
}

// StartingDays is how long after a group is created its members count
// as founding members, whose precepts and induction the checklist tracks:
// later members are inducted through the members page, and the checklist
// does not come back for them.
const StartingDays = 90

// CountFounders fills in the steps each member takes from the group's
// current members.
func (s *StartingWell) CountFounders(g *Group, current []*Member) {
	founding := g.CreatedAt.AddDate(0, 0, StartingDays)
	s.Members, s.Acknowledged, s.Inducted = 0, 0, 0
	for _, m := range current {
		if m.Former() || m.JoinedAt.After(founding) {
			continue
		}
		s.Members++
		if !m.PreceptsAcknowledgedAt.IsZero() {
			s.Acknowledged++
		}
		if !m.InductedAt.IsZero() {
			s.Inducted++
		}
	}
}

// StartStep is one step of the checklist: its key, whether it is done,
// and for the steps each member takes, how many have.
type StartStep struct {
	Key     string
	Done    bool
	Of, Out int // for per-member steps: Of of Out members; 0, 0 otherwise
}

// Steps lists the checklist in the order a group usually takes it.
func (s StartingWell) Steps() []StartStep {
	perMember := func(key string, n int) StartStep {
		return StartStep{Key: key, Done: s.Members > 0 && n == s.Members, Of: n, Out: s.Members}
	}
	return []StartStep{
		perMember("precepts", s.Acknowledged),
		{Key: "terms", Done: s.ToR},
		{Key: "red-lines", Done: s.RedLines},
		{Key: "stakeholders", Done: s.Stakeholders},
		{Key: "skills", Done: s.SkillsAudit},
		perMember("induction", s.Inducted),
		{Key: "health", Done: s.HealthCheck},
	}
}

// Done reports whether every step is done.
func (s StartingWell) Done() bool {
	for _, st := range s.Steps() {
		if !st.Done {
			return false
		}
	}
	return true
}
