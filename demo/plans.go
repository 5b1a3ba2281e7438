package demo

import (
	"time"

	"coproduce"
)

// loadPlans gives Larkhill a theory of change in two versions (the second
// after the group agreed residents would help choose the builder), its
// three horizons, and a vision statement started from the library's
// template; Canal Side, a younger group, has only a first theory of
// change.
func (l *loader) loadPlans(larkhill, canal *coproduce.Group) {
	if l.err != nil {
		return
	}
	members := l.members[larkhill.ID]
	rita, helen, tom := members["Rita Mensah"], members["Helen Clarke"], members["Tom Reilly"]
	// Each version carries the date it was agreed, not the date the demo
	// was loaded.
	now := l.db.Now
	defer func() { l.db.Now = now }()
	at := func(months int) { l.db.Now = func() time.Time { return l.now.AddDate(0, -months, 0) } }

	toc := &coproduce.Document{Kind: coproduce.TheoryOfChangeDoc, Title: "Theory of change", Visibility: coproduce.Public}
	first := &coproduce.DocumentVersion{Note: "Agreed at the away day", Sections: map[string]string{
		"problem":     "The blocks need major repairs the council cannot pay for, and residents have heard about plans second-hand for years without a say in them.",
		"power":       "Residents share the decisions on the design of the new homes\nResidents have the final word on how moves are arranged\nThe council keeps the budget, but explains every change to it",
		"activities":  "Monthly steering group meetings with papers a week ahead\nDoor-knocking and stalls before every big decision\nTraining for residents and officers together",
		"outputs":     "Twelve meetings a year, with published minutes\nA decisions log everyone can read\nOutreach reports from every block",
		"impact":      "New homes that residents helped design, with every secure tenant keeping a social rent, and a community that trusts the council to work with it.",
		"assumptions": "The council keeps funding the regeneration team\nResidents have time and support to take part\nCabinet takes the group's recommendations seriously",
	}, Outcomes: []coproduce.Outcome{
		{Text: "Residents read the papers before decisions are made", Indicator: "papers-on-time"},
		{Text: "Decisions are made in the room, not elsewhere", Indicator: "decisions-at-meetings"},
		{Text: "Residents who are not on the group hear back about what their reps raised", Indicator: "outreach-fed-back"},
	}}
	at(14)
	l.do(l.db.SaveDocument(l.ctx, helen.UserID, helen, toc, first, 0))
	second := &coproduce.DocumentVersion{Note: "Residents now help choose the builder; outcome on answering questions added", Sections: map[string]string{}, Outcomes: append([]coproduce.Outcome{}, first.Outcomes...)}
	for k, v := range first.Sections {
		second.Sections[k] = v
	}
	second.Sections["power"] += "\nResidents sit on the panel that chooses the builder"
	second.Outcomes = append(second.Outcomes, coproduce.Outcome{Text: "Questions from residents are answered quickly and fully", Indicator: "requests-median-days"})
	at(3)
	l.do(l.db.SaveDocument(l.ctx, rita.UserID, rita, toc, second, 1))

	at(10)
	l.do(l.db.SaveDocument(l.ctx, tom.UserID, tom, &coproduce.Document{Kind: coproduce.ThreeHorizonsDoc, Title: "Three horizons", Visibility: coproduce.GroupOnly},
		&coproduce.DocumentVersion{Note: "From the workshop with both sides", Sections: map[string]string{
			"first":          "Officers draw up options and bring them to residents to comment on\nResidents hear about decisions after cabinet has made them\nMeetings in the council offices, in working hours",
			"third":          "Residents and officers shape options together from the start\nThe group's recommendations go to cabinet with a record of how they were made\nResidents lead on the things that affect their homes most",
			"second-now":     "Agree the agenda together and send papers a week ahead\nMeet on the estate in the evening\nExplain every decision made outside the group within two weeks",
			"second-aspired": "A resident on the project board\nA budget the group controls for outreach and training\nResidents vote on the final design in a ballot",
		}}, 0))

	at(20)
	vision := &coproduce.Document{Kind: coproduce.TemplateDoc, Template: "vision-statement", Title: "Larkhill vision statement", Visibility: coproduce.Public}
	l.do(l.db.SaveDocument(l.ctx, rita.UserID, rita, vision, &coproduce.DocumentVersion{Note: "Agreed by the group", Body: "## The place we want\n\n" +
		"Larkhill stays a neighbourhood where people who grew up here can afford to stay, with homes that are warm, safe and easy to look after.\n\n" +
		"## How we will get there\n\n- Residents and the council decide together, in the open\n- Nobody is moved off the estate against their wishes\n- Every household hears from its reps at least every three months\n\n" +
		"## How we will know\n\nWe check this statement at our health check every six months."}, 0))

	canalChair := l.members[canal.ID]["Grace Okafor"]
	at(6)
	l.do(l.db.SaveDocument(l.ctx, canalChair.UserID, canalChair, &coproduce.Document{Kind: coproduce.TheoryOfChangeDoc, Title: "Theory of change", Visibility: coproduce.GroupOnly},
		&coproduce.DocumentVersion{Note: "First draft", Sections: map[string]string{
			"problem":    "The canal-side green is run down and residents were not asked about the plans for it.",
			"power":      "Residents decide how the green is laid out",
			"activities": "Walkabouts on the green with residents",
			"impact":     "A green that the people who live around it use and look after.",
		}}, 0))
}
