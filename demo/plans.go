package demo

import (
	"fmt"
	"maps"
	"slices"
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
	second := &coproduce.DocumentVersion{Note: "Residents now help choose the builder; outcome on answering questions added",
		Sections: maps.Clone(first.Sections), Outcomes: slices.Clone(first.Outcomes)}
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

// loadGovernance draws Brookfield's governance map, with both its groups
// on it, and gives Larkhill two matters sent up to cabinet with
// accountability checks: the right to return, which cabinet accepted, and
// the car-free streets, still waiting for a response.
func (l *loader) loadGovernance(brookfield *coproduce.Organisation, larkhill, canal *coproduce.Group) {
	if l.err != nil {
		return
	}
	priya := l.users["Priya Shah"].ID
	add := func(name, kind string, reportsTo *coproduce.GovernanceBody, reach coproduce.Reach, note, decides string, group int64) *coproduce.GovernanceBody {
		b := &coproduce.GovernanceBody{OrganisationID: brookfield.ID, Name: name, Kind: kind, Reach: reach, ReachNote: note, Decides: decides, GroupID: group}
		if reportsTo != nil {
			b.ReportsTo = reportsTo.ID
		}
		l.do(l.db.SaveGovernanceBody(l.ctx, priya, b))
		return b
	}
	council := add("Full council", "full-council", nil, coproduce.ReachNo, "Residents can ask questions at its public meetings.", "The council's budget and policy framework", 0)
	cabinet := add("Cabinet", "cabinet", council, coproduce.ReachPartly, "The steering groups' recommendations go with every regeneration report; residents may speak for five minutes.",
		"Regeneration budgets\nChoice of development partner\nThe offer to tenants and leaseholders", 0)
	add("Planning committee", "committee", council, coproduce.ReachNo, "Residents comment on planning applications as anyone can.", "Planning applications", 0)
	board := add("Regeneration programme board", "project-board", cabinet, coproduce.ReachPartly, "The chairs of the steering groups attend twice a year.",
		"The programme's timetable and risks\nWhat goes to cabinet, and when", 0)
	add("Larkhill Estate Steering Group", "steering-group", board, coproduce.ReachYes, "", "Design of the new homes\nRehousing and moves\nOutreach on the estate", larkhill.ID)
	add("Canal Side Regeneration Steering Group", "steering-group", board, coproduce.ReachYes, "", "The canal-side green", canal.ID)
	if l.err != nil {
		return
	}

	decisions, err := l.db.FindDecisions(l.ctx, larkhill.ID, false)
	if err != nil {
		l.err = err
		return
	}
	byTitle := map[string]*coproduce.Decision{}
	for _, d := range decisions {
		byTitle[d.Title] = d
	}
	helen := l.members[larkhill.ID]["Helen Clarke"]
	returnHome, carFree := byTitle["Every household may return to the estate"], byTitle["Car-free streets in the new layout"]
	if returnHome == nil || carFree == nil {
		l.err = fmt.Errorf("demo: the decisions the checks carry are missing")
		return
	}
	answered := &coproduce.AccountabilityCheck{DecisionID: returnHome.ID, BodyID: cabinet.ID, Coproduced: coproduce.ReachYes, Rung: coproduce.DelegatedPower,
		SentOn:    returnHome.DecidedOn.AddDate(0, 0, 9),
		Statement: "Residents and officers agreed this together over two meetings, after door-knocking every block. The group asks cabinet to write the right to return into the offer to tenants."}
	l.do(l.db.CreateAccountabilityCheck(l.ctx, helen.UserID, helen, answered))
	if l.err == nil {
		l.do(l.db.RecordCheckResponse(l.ctx, helen.UserID, helen, answered.ID, "accepted",
			"Cabinet agreed the right to return and added it to the offer to tenants, as the group asked.", answered.SentOn.AddDate(0, 0, 27)))
	}
	waiting := &coproduce.AccountabilityCheck{DecisionID: carFree.ID, BodyID: cabinet.ID, Coproduced: coproduce.ReachPartly, Rung: coproduce.Partnership,
		SentOn:    l.now.AddDate(0, 0, -75),
		Statement: "The group voted for car-free streets; residents with mobility needs had concerns, recorded in the log. The group asks cabinet to fund blue-badge bays near every block."}
	l.do(l.db.CreateAccountabilityCheck(l.ctx, helen.UserID, helen, waiting))
}
