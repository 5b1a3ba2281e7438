package demo

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"coproduce"
	"coproduce/framework"
)

// agendaIdeas are items members propose at the demo meetings, by
// constituency, in the order they come up over the months.
var agendaIdeas = []struct {
	who   string
	title string
	about string
}{
	{"Rita Mensah", "Damp and mould in blocks A to D", "Neighbours want to know what happens to repairs while the plans are made."},
	{"Helen Clarke", "Options for the new homes", "The architects' first three options, for discussion, not decision."},
	{"Rita Mensah", "How residents will move and return", "The rehousing offer: who moves when, and the right to return."},
	{"Helen Clarke", "Results of the parking survey", ""},
	{"Jamal Hussain", "Play space during the works", "Families on Wharf Walk have asked where children will play."},
	{"Helen Clarke", "Planning application timetable", "Why the date has moved and what it means for the ballot."},
	{"Rita Mensah", "Feedback from the door-knocking weekend", ""},
	{"Tom Reilly", "Review of how our meetings are going", "A short look back at the last six months."},
}

// loadRecords gives the demo groups where their projects stand and a year
// of monthly meetings, with agendas, attendance and minutes.
func (l *loader) loadRecords(larkhill, canal *coproduce.Group) {
	if l.err != nil {
		return
	}
	ctx, db := l.ctx, l.db
	grace := l.users["Grace Okafor"].ID
	helen := l.users["Helen Clarke"].ID

	l.do(db.SetProjectContext(ctx, helen, &coproduce.ProjectContext{GroupID: larkhill.ID, CurrentStage: 3}))
	planning := &coproduce.Milestone{GroupID: larkhill.ID, Title: "Planning application submitted", Due: l.day(2027, 3, 1)}
	l.do(db.CreateMilestone(ctx, helen, planning))
	l.do(db.CreateMilestone(ctx, helen, &coproduce.Milestone{GroupID: larkhill.ID, Title: "Residents' ballot", Due: l.day(2027, 6, 15)}))
	l.do(db.CreateMilestone(ctx, helen, &coproduce.Milestone{GroupID: larkhill.ID, Title: "First residents move into new homes", Due: l.day(2030, 9, 1)}))
	if l.err == nil {
		l.do(db.MoveMilestone(ctx, helen, larkhill.ID, planning.ID, l.day(2027, 6, 1), "The highways survey took three months longer than planned."))
	}
	for _, r := range []coproduce.Risk{
		{Kind: coproduce.KindRisk, Title: "Building costs rising faster than the budget", Description: "Quotes are 12% above last year's estimates."},
		{Kind: coproduce.KindRisk, Title: "Residents losing trust during a long wait"},
		{Kind: coproduce.KindOpportunity, Title: "Government grant for low-carbon heating", Description: "Could pay for a heat network serving the whole estate."},
	} {
		r.GroupID = larkhill.ID
		l.do(db.CreateRisk(ctx, helen, &r))
	}
	l.do(db.SetProjectContext(ctx, helen, &coproduce.ProjectContext{GroupID: canal.ID, CurrentStage: 1}))
	l.loadTerms(larkhill)
	homes := &coproduce.RedLine{GroupID: larkhill.ID, Kind: coproduce.KindConstraint, Title: "At least 520 new homes on the estate",
		Owner: "The council's cabinet", Reason: "The number of homes needed for the scheme to pay for itself, on the current costs.",
		RaisedOn: l.now.AddDate(-2, 0, 0), ReviewBy: l.now.AddDate(0, 3, 0)}
	l.do(db.SaveRedLine(ctx, helen, homes, ""))
	if l.err == nil {
		homes.Title = "At least 480 new homes on the estate"
		l.do(db.SaveRedLine(ctx, helen, homes, "The low-carbon heating grant closed part of the funding gap."))
	}
	for _, r := range []*coproduce.RedLine{
		{Kind: coproduce.KindRedLine, Title: "Every secure tenant keeps a social rent", Owner: "The council and residents together",
			Reason: "Agreed in the landlord offer before the project began.", RaisedOn: l.now.AddDate(-2, 0, 0), ReviewBy: l.now.AddDate(1, 0, 0)},
		{Kind: coproduce.KindConstraint, Title: "No building work over the school's playing field", Owner: "The education authority",
			Reason: "The playing field is protected land.", RaisedOn: l.now.AddDate(-1, -6, 0), ReviewBy: l.now.AddDate(0, -1, 0)},
	} {
		r.GroupID = larkhill.ID
		l.do(db.SaveRedLine(ctx, helen, r, ""))
	}

	larkhillMembers := l.members[larkhill.ID]
	design := &coproduce.DecisionArea{GroupID: larkhill.ID, Name: "Design of the new homes", Rung: coproduce.Partnership}
	rehousing := &coproduce.DecisionArea{GroupID: larkhill.ID, Name: "Rehousing and the right to return", Rung: coproduce.DelegatedPower}
	procurement := &coproduce.DecisionArea{GroupID: larkhill.ID, Name: "Choosing contractors", Rung: coproduce.Consultation}
	for _, a := range []*coproduce.DecisionArea{design, rehousing, procurement} {
		l.do(db.CreateDecisionArea(ctx, grace, a))
	}
	var meetings []*coproduce.Meeting
	var previous *coproduce.Meeting
	for i := -22; i <= 1; i++ {
		start := l.monthly(i)
		m := &coproduce.Meeting{GroupID: larkhill.ID, Title: "Steering group meeting", StartsAt: start, Minutes: 120,
			Venue: "Larkhill Community Centre, 2 Larkhill Road", Visibility: coproduce.Public,
			AccessNotes: "Step-free entrance from the car park. Hearing loop in the main hall. Children welcome; there is a play corner."}
		if i%3 == 0 {
			m.Venue, m.HostMemberID = "Rita's block community room, Block C", larkhillMembers["Rita Mensah"].ID
		}
		if i == -4 {
			m.OnlineLink = "https://meet.example.org/larkhill"
		}
		l.do(db.CreateMeeting(ctx, grace, m))
		if l.err != nil {
			return
		}
		meetings = append(meetings, m)
		idea := agendaIdeas[(i+22)%len(agendaIdeas)]
		if who := larkhillMembers[idea.who]; who != nil && who.JoinedAt.Before(start) {
			l.do(db.ProposeItem(ctx, who.UserID, who, m.ID, &coproduce.AgendaItem{Title: idea.title, Description: idea.about}))
		}
		// Papers: most go out on time; some are late.
		deadline := coproduce.CirculationDeadline(start, 5)
		circulated := deadline.Add(-2 * 24 * time.Hour)
		if i%4 == 0 {
			circulated = start.Add(-26 * time.Hour) // the day before: late
		}
		paper := &coproduce.Paper{GroupID: larkhill.ID, MeetingID: m.ID, Title: "Project update, " + start.In(london).Format("January 2006"),
			Summary:  "Where the project stands, what has changed since the last meeting, and what the group is asked to discuss.",
			FileName: "project-update.pdf", ContentType: "application/pdf", Audience: coproduce.Audience{Visibility: coproduce.Public}}
		if circulated.Before(l.now) {
			paper.CirculatedAt = circulated
		}
		l.do(db.CreatePaper(ctx, helen, paper, demoPDF(paper.Title)))
		if start.After(l.now) {
			continue
		}
		att := map[int64]coproduce.Attendance{}
		for name, mem := range larkhillMembers {
			if !mem.Current() && mem.LeftAt.Before(start) {
				continue
			}
			if mem.JoinedAt.After(start) {
				continue
			}
			att[mem.ID] = coproduce.Present
			if (len(name)+i)%5 == 0 {
				att[mem.ID] = coproduce.Apologies
			}
		}
		l.do(db.RecordAttendance(ctx, grace, larkhill.ID, m.ID, att))
		body := fmt.Sprintf("## Check-in\n\nEveryone said how they were. Rita asked for papers on paper as well as by email.\n\n## %s\n\n%s\n\n"+
			"The group agreed to come back to this at the next meeting.\n\n## Problems and conflicts\n\nNone raised.", idea.title, idea.about)
		l.do(db.SaveMinutes(ctx, helen, larkhill.ID, &coproduce.Minutes{MeetingID: m.ID, Body: body, Visibility: coproduce.Public}))
		l.do(db.CirculateMinutes(ctx, helen, larkhill.ID, m.ID))
		if previous != nil {
			l.do(db.ApproveMinutes(ctx, grace, larkhill.ID, previous.ID, m.ID))
		}
		previous = m
	}
	l.loadDecisions(larkhill, meetings, design, rehousing, procurement)
	l.loadOutreach(larkhill, meetings)
	l.loadRequests(larkhill)
	l.loadSupport(larkhill)
	l.loadFacilitators(larkhill)
	l.loadConcerns(larkhill, meetings)
	l.loadUpdates(larkhill)
	l.loadTimeOut(larkhill)
	l.loadTraining(larkhill)
	l.loadSkills(larkhill)
	l.loadFeedback(larkhill)
	l.loadStakeholders(larkhill)
	l.loadReflections(larkhill, meetings)
	l.loadHealthRounds(larkhill, larkhillRounds)
	l.loadPlans(larkhill, canal)
	l.loadQuietRep(canal)
	for i := -2; i <= 1; i++ {
		l.do(db.CreateMeeting(ctx, grace, &coproduce.Meeting{GroupID: canal.ID, Title: "Canal Side steering group", StartsAt: l.monthly(i).AddDate(0, 0, 7),
			Minutes: 90, Venue: "Wharf Road Library", Visibility: coproduce.GroupOnly}))
	}
	l.loadHealthRounds(canal, canalRounds)
}

// do records the first error.
func (l *loader) do(err error) {
	if l.err == nil {
		l.err = err
	}
}

// day is midday in London on a date, as the product stores days.
func (l *loader) day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 12, 0, 0, 0, london).UTC()
}

// monthly is 6:30pm London time on the second Tuesday of the month that is
// offset months from now.
func (l *loader) monthly(offset int) time.Time {
	now := l.now.In(london)
	return meetingDay(now.Year(), now.Month()+time.Month(offset))
}

// meetingDay is when the demo groups meet in a month (which may run past
// December): the second Tuesday, at 6:30pm in London.
func meetingDay(year int, month time.Month) time.Time {
	day := time.Date(year, month, 1, 18, 30, 0, 0, london)
	for day.Weekday() != time.Tuesday {
		day = day.AddDate(0, 0, 1)
	}
	return day.AddDate(0, 0, 7).UTC()
}

var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err)
	}
	return loc
}()

// loadDecisions fills Larkhill's decisions log and actions: decisions made
// at meetings with each side's position, one made outside the process and
// explained, one made outside and not yet explained, and actions in every
// state.
func (l *loader) loadDecisions(g *coproduce.Group, meetings []*coproduce.Meeting, design, rehousing, procurement *coproduce.DecisionArea) {
	if l.err != nil || len(meetings) < 10 {
		return
	}
	ctx, db := l.ctx, l.db
	helen := l.users["Helen Clarke"].ID
	// The decisions fall in the last year of meetings.
	meetings = meetings[len(meetings)-12:]
	positions := func(res, org coproduce.Position) map[coproduce.Constituency]coproduce.Position {
		return map[coproduce.Constituency]coproduce.Position{coproduce.Residents: res, coproduce.OrganisationSide: org, coproduce.Independent: coproduce.Agreed}
	}
	decisions := []*coproduce.Decision{
		{Title: "No new block above six storeys", Context: "Residents worried that tall blocks would overshadow the gardens.",
			Options: "Three options from the architects: up to 4, up to 6, or up to 10 storeys.", Outcome: "The new homes will be in blocks of no more than six storeys.",
			Method: coproduce.Consensus, MeetingID: meetings[1].ID, AreaID: design.ID, Positions: positions(coproduce.Agreed, coproduce.Agreed), Published: true},
		{Title: "Every household may return to the estate", Outcome: "Every secure tenant who moves out during the works has the right to a new home on the estate at a social rent.",
			Method: coproduce.Consensus, MeetingID: meetings[3].ID, AreaID: rehousing.ID, Positions: positions(coproduce.Agreed, coproduce.Agreed), Published: true},
		{Title: "Car-free streets in the new layout", Outcome: "Two of the new streets will be car-free, with parking at the edge of the estate.",
			Method: coproduce.Vote, MeetingID: meetings[5].ID, AreaID: design.ID, Positions: positions(coproduce.Mixed, coproduce.Agreed),
			Dissent: "Some residents with mobility needs were worried about the distance to parking; the group agreed to look at blue-badge bays.", Published: true},
		{Title: "Demolition contractor appointed", Outcome: "The council appointed the demolition contractor.",
			Method: coproduce.Delegated, Outside: true, AreaID: procurement.ID, Positions: positions(coproduce.NotConsulted, coproduce.Agreed),
			Explanation: "The council's cabinet had to decide before the tender expired; the group's meeting was two weeks later. The officers apologised and shared the tender report.",
			ExplainedOn: meetings[7].StartsAt, Published: true},
		{Title: "Site hoardings moved onto the green", Outcome: "The contractor's hoardings were moved onto part of the green.",
			Method: coproduce.Delegated, Outside: true, Positions: positions(coproduce.NotConsulted, coproduce.Agreed)},
	}
	for i, d := range decisions {
		d.GroupID = g.ID
		if d.MeetingID != 0 {
			for _, m := range meetings {
				if m.ID == d.MeetingID {
					d.DecidedOn = m.StartsAt
				}
			}
		} else {
			d.DecidedOn = meetings[6+i-3].StartsAt.AddDate(0, 0, 10)
		}
		l.do(db.SaveDecision(ctx, helen, d))
	}
	members := l.members[g.ID]
	now := l.now
	for _, a := range []struct {
		title, owner string
		due          time.Time
		status       coproduce.ActionStatus
	}{
		{"Share the tender report with the group", "Helen Clarke", now.AddDate(0, 0, -20), coproduce.ActionDone},
		{"Write to households about the parking survey results", "Rita Mensah", now.AddDate(0, 0, 9), coproduce.ActionOpen},
		{"Find out the blue-badge parking rules for the new streets", "Helen Clarke", now.AddDate(0, 0, -5), coproduce.ActionOpen},
		{"Book the community centre for the open day", "Tom Reilly", now.AddDate(0, 0, 20), coproduce.ActionOpen},
		{"Survey of bike storage", "Dev Patel", now.AddDate(0, -2, 0), coproduce.ActionDropped},
	} {
		act := &coproduce.Action{GroupID: g.ID, Title: a.title, Due: a.due, DecisionID: decisions[2].ID}
		if m := members[a.owner]; m != nil && a.owner != "Dev Patel" {
			act.OwnerMemberID = m.ID
		}
		l.do(db.CreateAction(ctx, helen, act))
		if a.status != coproduce.ActionOpen && l.err == nil {
			l.do(db.SetActionStatus(ctx, helen, g.ID, act.ID, a.status))
		}
	}
}

// demoPDF is a minimal, valid one-page PDF with a title, so demo papers
// open in any reader.
func demoPDF(title string) []byte {
	text := strings.NewReplacer("(", "", ")", "", "\\", "").Replace(title)
	stream := "BT /F1 18 Tf 72 720 Td (" + text + ") Tj ET"
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return []byte(b.String())
}

// termsOfReference is Larkhill's adopted terms of reference.
var termsOfReference = map[string]string{
	"vision":        "We are residents of the Larkhill Estate and officers of the London Borough of Brookfield. We meet to plan the estate's renewal together: which homes are refurbished or rebuilt, how people move and return, and what the new estate will have.\n\nWe will work openly, bring problems rather than ready-made answers, and hold each other to what we agree here.",
	"agreement":     "We agree that every secure tenant who wants to stay on the estate will be able to. We agree the estate needs more homes.\n\nWe do not yet agree on how tall the new blocks should be, or on parking. We will settle these in the design stage.",
	"roles":         "Grace Okafor chairs, independently. Tom Reilly facilitates. Resident representatives speak for the blocks that chose them. Council officers bring the council's plans, limits and decisions. Ana Costa advises residents independently.",
	"joining":       "Resident representatives are elected at a public meeting open to every household, after the places have been advertised on every block's noticeboard and by letter for at least four weeks. Each serves two years.",
	"decisions":     "We try to reach consensus. If we cannot after two meetings, we vote, one vote per member, and record the views of those who disagree without naming them unless they ask. Decisions the council must take elsewhere are brought to the group first, or explained in full at the next meeting.",
	"information":   "We share information unless there is a reason not to, and we say what the reason is. Commercially confidential papers are restricted to named members and marked as such. A member who breaks this policy will be asked by the chair to explain to the group.",
	"time-out":      "Any member can take up to three months out by telling the chair. Someone from their side keeps them up to date, and their place is kept.",
	"communication": "We answer each other within five working days, even if only to say when we will answer in full. We talk about sensitive matters in the group before we talk about them anywhere else.",
}

// loadTerms gives Larkhill its adopted terms of reference, agreed by
// members from both sides.
func (l *loader) loadTerms(g *coproduce.Group) {
	if l.err != nil {
		return
	}
	ctx, db := l.ctx, l.db
	grace := l.users["Grace Okafor"].ID
	v, err := db.CreateToRDraft(ctx, grace, g.ID, termsOfReference)
	l.do(err)
	if l.err != nil {
		return
	}
	l.do(db.ProposeToR(ctx, grace, g.ID, v.Number))
	for _, name := range []string{"Grace Okafor", "Rita Mensah", "Helen Clarke", "Ana Costa"} {
		if m := l.members[g.ID][name]; m != nil && l.err == nil {
			l.do(db.AgreeToR(ctx, m.UserID, m, v.Number))
		}
	}
	l.do(db.AdoptToR(ctx, grace, g.ID, v.Number))
}

// loadOutreach gives Larkhill's representatives some weeks of outreach,
// the older entries reported back at the last meeting that has happened.
func (l *loader) loadOutreach(g *coproduce.Group, meetings []*coproduce.Meeting) {
	if l.err != nil {
		return
	}
	var last *coproduce.Meeting
	for _, m := range meetings {
		if m.StartsAt.Before(l.now) {
			last = m
		}
	}
	members := l.members[g.ID]
	for _, o := range []struct {
		who, method string
		daysAgo     int
		people      int
		themes      string
	}{
		{"Rita Mensah", "door-knocking", 40, 35, "Damp in blocks A and B; worry about rent in the new homes"},
		{"Rita Mensah", "drop-in", 33, 12, "Rehousing choices for older residents"},
		{"Rita Mensah", "event", 30, 60, "Play space during the works; parking"},
		{"Ana Costa", "drop-in", 12, 9, "Questions about the right to return"},
		{"Rita Mensah", "phone", 5, 6, "Whether the ballot date has moved"},
		{"Jamal Hussain", "door-knocking", 3, 22, "Families on Wharf Walk: where children will play"},
		{"Helen Clarke", "newsletter", 2, 400, "Summary of the last meeting's decisions"},
	} {
		m := members[o.who]
		if m == nil {
			continue
		}
		on := l.now.AddDate(0, 0, -o.daysAgo)
		entry := &coproduce.Outreach{GroupID: g.ID, MemberID: m.ID, On: l.day(on.Year(), on.Month(), on.Day()), Method: o.method, People: o.people, Themes: o.themes}
		l.do(l.db.CreateOutreach(l.ctx, l.users[o.who].ID, entry))
		if last != nil && on.Before(last.StartsAt) && l.err == nil {
			l.do(l.db.MarkOutreachFedBack(l.ctx, l.users[o.who].ID, m, entry.ID, last.ID))
		}
	}
}

// loadRequests gives Larkhill information requests asked over the last
// months: answered in time, answered late, one with information withheld
// and its reason, and one still waiting. The store stamps requests and
// answers with its clock, so the loader sets the clock back to each moment
// in turn and restores it afterwards.
func (l *loader) loadRequests(g *coproduce.Group) {
	if l.err != nil {
		return
	}
	clock := l.db.Now
	defer func() { l.db.Now = clock }()
	at := func(daysAgo int) { l.db.Now = func() time.Time { return l.now.AddDate(0, 0, -daysAgo) } }
	members := l.members[g.ID]
	rita, helen, jamal := members["Rita Mensah"], members["Helen Clarke"], members["Jamal Hussain"]
	for _, q := range []struct {
		asker               *coproduce.Member
		question            string
		askedAgo, answerAgo int // days; answerAgo < 0: not answered yet
		answer, withheldWhy string
	}{
		{rita, "How many homes on the estate have reported damp or mould in the last two years?", 90, 75,
			"212 homes reported damp or mould; 140 of those have had repairs. The repairs team's summary is attached to the next meeting's papers.", ""},
		{rita, "What did the council's viability assessment assume about the number of homes for social rent?", 70, 30,
			"The assessment assumed 420 homes for social rent, the same number as today. The land values and build costs in it are withheld.",
			"Commercially sensitive under our information-sharing policy (section 4) until the contractor is appointed; we expect to share them then."},
		{rita, "Which blocks are in the first phase of demolition, and when?", 45, 10,
			"Blocks C and D, from spring 2028 at the earliest, once everyone in them has been offered a new home.", ""},
		{jamal, "When will families in Wharf Walk hear where the temporary play space will be?", 4, -1, "", ""},
	} {
		if q.asker == nil || helen == nil || l.err != nil {
			continue
		}
		at(q.askedAgo)
		req := &coproduce.InfoRequest{GroupID: g.ID, AskedBy: q.asker.ID, Question: q.question}
		l.do(l.db.CreateInfoRequest(l.ctx, q.asker.UserID, req))
		if q.answerAgo >= 0 && l.err == nil {
			at(q.answerAgo)
			l.do(l.db.AnswerInfoRequest(l.ctx, helen.UserID, helen, req.ID, q.answer, q.withheldWhy != "", q.withheldWhy))
		}
	}
}

// loadSupport records what two Larkhill residents need to take part: one
// need the chair has arranged, one still open.
func (l *loader) loadSupport(g *coproduce.Group) {
	members := l.members[g.ID]
	rita, jamal, grace := members["Rita Mensah"], members["Jamal Hussain"], members["Grace Okafor"]
	if l.err != nil || rita == nil || jamal == nil || grace == nil {
		return
	}
	childcare := &coproduce.SupportNeed{GroupID: g.ID, MemberID: rita.ID, Kind: "childcare", Details: "For evening meetings: two children at primary school."}
	l.do(l.db.CreateSupportNeed(l.ctx, rita.UserID, childcare))
	if l.err == nil {
		l.do(l.db.SetSupportNeedMet(l.ctx, grace.UserID, grace, childcare.ID, true))
	}
	l.do(l.db.CreateSupportNeed(l.ctx, jamal.UserID, &coproduce.SupportNeed{GroupID: g.ID, MemberID: jamal.ID, Kind: "device",
		Details: "A tablet to read the meeting papers; I only have a phone."}))
}

// loadFacilitators gives Larkhill a list of outside facilitators and
// mediators: one agreed by both sides, one waiting for the residents.
func (l *loader) loadFacilitators(g *coproduce.Group) {
	members := l.members[g.ID]
	rita, helen := members["Rita Mensah"], members["Helen Clarke"]
	if l.err != nil || rita == nil || helen == nil {
		return
	}
	agreed := &coproduce.ExternalFacilitator{Name: "Ruth Bell", Offers: "mediation", Contact: "ruth.bell@mediation.example"}
	l.do(l.db.CreateExternalFacilitator(l.ctx, rita.UserID, rita, agreed))
	if l.err == nil {
		l.do(l.db.ApproveExternalFacilitator(l.ctx, helen.UserID, helen, agreed.ID))
	}
	l.do(l.db.CreateExternalFacilitator(l.ctx, helen.UserID, helen,
		&coproduce.ExternalFacilitator{Name: "Northside Community Facilitation", Offers: "both", Contact: "northside.example"}))
}

// loadConcerns gives Larkhill's register an anonymous concern on the next
// meeting's agenda, a disagreement in mediation and a concern resolved.
// Like loadRequests, it sets the store's clock back to each moment.
func (l *loader) loadConcerns(g *coproduce.Group, meetings []*coproduce.Meeting) {
	members := l.members[g.ID]
	jamal, rita, grace := members["Jamal Hussain"], members["Rita Mensah"], members["Grace Okafor"]
	var next *coproduce.Meeting
	for _, m := range meetings {
		if next == nil && m.StartsAt.After(l.now) && !m.Cancelled() {
			next = m
		}
	}
	if l.err != nil || jamal == nil || rita == nil || grace == nil || next == nil {
		return
	}
	clock := l.db.Now
	defer func() { l.db.Now = clock }()
	at := func(daysAgo int) { l.db.Now = func() time.Time { return l.now.AddDate(0, 0, -daysAgo) } }

	at(20)
	anon := &coproduce.Concern{GroupID: g.ID, Kind: "concern", Title: "Some voices are not heard in meetings",
		Details: "The same few people speak at every meeting. Newer members, and anyone whose first language is not English, rarely get a word in before decisions are taken."}
	l.do(l.db.CreateConcern(l.ctx, 0, anon))
	at(2)
	if l.err == nil {
		l.do(l.db.MoveConcern(l.ctx, grace.UserID, grace, anon.ID, coproduce.ConcernOnAgenda, next.ID, ""))
	}

	at(75)
	play := &coproduce.Concern{GroupID: g.ID, Kind: "disagreement", RaisedBy: jamal.ID, Title: "Where children play during the works",
		Details: "The phasing plan closes both play areas at once. Families on Wharf Walk do not accept that there is nowhere to put a temporary one."}
	l.do(l.db.CreateConcern(l.ctx, jamal.UserID, play))
	at(40)
	if l.err == nil {
		l.do(l.db.MoveConcern(l.ctx, grace.UserID, grace, play.ID, coproduce.ConcernMediation, 0, ""))
	}

	at(120)
	papers := &coproduce.Concern{GroupID: g.ID, Kind: "concern", RaisedBy: rita.ID, Title: "Papers only by email",
		Details: "Several residents cannot print the papers. Could they be posted to those who ask?"}
	l.do(l.db.CreateConcern(l.ctx, rita.UserID, papers))
	at(100)
	if l.err == nil {
		l.do(l.db.MoveConcern(l.ctx, grace.UserID, grace, papers.ID, coproduce.ConcernResolved, 0,
			"The housing office now posts printed papers to any member who asks, a week before each meeting."))
	}
}

// loadUpdates gives Larkhill's feed updates from the council and from
// residents, the latest posted since the last meeting.
func (l *loader) loadUpdates(g *coproduce.Group) {
	members := l.members[g.ID]
	helen, rita := members["Helen Clarke"], members["Rita Mensah"]
	if l.err != nil || helen == nil || rita == nil {
		return
	}
	clock := l.db.Now
	defer func() { l.db.Now = clock }()
	for _, u := range []struct {
		by      *coproduce.Member
		daysAgo int
		kind    string
		title   string
		body    string
	}{
		{helen, 40, "organisation", "Housing committee noted the project timetable",
			"The council's housing committee noted the timetable for the ballot and asked for a report on rehousing choices in the spring."},
		{rita, 3, "regular", "Residents' association meeting",
			"Thirty people came to the residents' association on Tuesday. Most questions were about the right to return and the size of the new kitchens."},
		{helen, 1, "organisation", "Cabinet to consider the procurement route",
			"Cabinet will consider the route for appointing a development partner next month. The report will say that the steering group's view on the shortlist is part of the process."},
	} {
		if l.err != nil {
			return
		}
		l.db.Now = func() time.Time { return l.now.AddDate(0, 0, -u.daysAgo) }
		l.do(l.db.PostUpdate(l.ctx, u.by.UserID, u.by, &coproduce.Update{Kind: u.kind, Title: u.title, Body: u.body}))
	}
}

// loadTimeOut puts Larkhill's tenants' adviser on time out for a few
// weeks, so one member is not expected at the next meeting.
func (l *loader) loadTimeOut(g *coproduce.Group) {
	ana := l.members[g.ID]["Ana Costa"]
	if l.err != nil || ana == nil {
		return
	}
	from, back := l.now.AddDate(0, 0, -10), l.now.AddDate(0, 0, 24)
	l.do(l.db.StartTimeOut(l.ctx, ana.UserID, ana, &coproduce.TimeOut{From: l.day(from.Year(), from.Month(), from.Day()), Until: l.day(back.Year(), back.Month(), back.Day())}))
}

// loadQuietRep gives Canal Side's resident representative outreach that
// stopped seven weeks ago: the quiet spell the outreach log should show.
func (l *loader) loadQuietRep(g *coproduce.Group) {
	sam := l.members[g.ID]["Sam Taylor"]
	if l.err != nil || sam == nil {
		return
	}
	for _, o := range []struct {
		weeksAgo, people int
		method, themes   string
	}{
		{11, 25, "door-knocking", "Noise from the towpath; when the survey results will be out"},
		{9, 40, "event", "The canal-side green and who will look after it"},
		{7, 8, "online", "Questions about the timetable"},
	} {
		on := l.now.AddDate(0, 0, -7*o.weeksAgo)
		l.do(l.db.CreateOutreach(l.ctx, sam.UserID, &coproduce.Outreach{GroupID: g.ID, MemberID: sam.ID, On: l.day(on.Year(), on.Month(), on.Day()),
			Method: o.method, People: o.people, Themes: o.themes}))
	}
}

// loadTraining gives Larkhill an induction for its newest member with
// both sides taking part, a viability session, and reviews: Rita's is
// overdue.
func (l *loader) loadTraining(g *coproduce.Group) {
	members := l.members[g.ID]
	grace, helen, rita, jamal, ana := members["Grace Okafor"], members["Helen Clarke"], members["Rita Mensah"], members["Jamal Hussain"], members["Ana Costa"]
	if l.err != nil || grace == nil || helen == nil || rita == nil || jamal == nil || ana == nil {
		return
	}
	ago := func(days int) time.Time {
		d := l.now.AddDate(0, 0, -days)
		return l.day(d.Year(), d.Month(), d.Day())
	}
	l.do(l.db.CreateTrainingSession(l.ctx, grace.UserID, &coproduce.TrainingSession{GroupID: g.ID, Topic: "Understanding development viability",
		On: ago(45), RecordedBy: grace.ID, Attendees: []int64{rita.ID, helen.ID, ana.ID}}))
	l.do(l.db.CreateTrainingSession(l.ctx, grace.UserID, &coproduce.TrainingSession{GroupID: g.ID, Topic: "Coproduction induction",
		On: ago(4), Induction: true, RecordedBy: grace.ID, Attendees: []int64{jamal.ID, rita.ID, helen.ID, grace.ID}}))
	for _, r := range []struct {
		who     *coproduce.Member
		daysAgo int
		agreed  string
	}{
		{rita, 240, "Rita to join the viability session in the autumn, and to shadow the chair at one meeting."},
		{helen, 60, "Helen to take the facilitation skills course, so she can run break-out groups at the residents' events."},
		{grace, 30, "Grace to refresh her mediation training before the ballot."},
	} {
		l.do(l.db.RecordTrainingReview(l.ctx, grace.UserID, grace, &coproduce.TrainingReview{MemberID: r.who.ID, HeldOn: ago(r.daysAgo), Agreed: r.agreed}))
	}
}

// loadSkills gives Larkhill a skills audit on the default topics, run
// this week and closed, answered by every member not on time out. Each
// side is too few to show on its own, so the results show the whole
// group only.
func (l *loader) loadSkills(g *coproduce.Group) {
	members := l.members[g.ID]
	grace := members["Grace Okafor"]
	if l.err != nil || grace == nil {
		return
	}
	clock := l.db.Now
	defer func() { l.db.Now = clock }()
	l.db.Now = func() time.Time { return l.now.AddDate(0, 0, -5) }
	audit, err := l.db.OpenSkillsAudit(l.ctx, grace.UserID, grace, coproduce.DefaultSkillTopics)
	l.do(err)
	if l.err != nil {
		return
	}
	// One row per member, in the order of DefaultSkillTopics: communication,
	// mediation, decision-making, procurement, planning, design, viability,
	// finance, coproduction.
	for name, levels := range map[string][9]int{
		"Grace Okafor":  {4, 4, 3, 2, 2, 2, 2, 2, 4},
		"Helen Clarke":  {3, 2, 3, 4, 4, 3, 3, 3, 3},
		"Rita Mensah":   {4, 2, 3, 1, 2, 3, 1, 1, 3},
		"Jamal Hussain": {3, 1, 2, 1, 1, 2, 1, 1, 2},
		"Tom Reilly":    {4, 4, 4, 2, 2, 2, 1, 2, 4},
		"Ana Costa":     {4, 3, 3, 3, 3, 2, 3, 2, 4},
		"Maureen Byrne": {4, 3, 3, 1, 1, 2, 1, 2, 3},
		"Kwame Asante":  {3, 2, 3, 2, 2, 2, 2, 3, 2},
		"Fatima Begum":  {4, 2, 2, 1, 1, 3, 1, 1, 3},
		"Owen Price":    {3, 2, 3, 3, 2, 1, 4, 4, 2},
		"Claire Doyle":  {3, 2, 3, 2, 4, 4, 2, 2, 3},
	} {
		m := members[name]
		if m == nil || !m.Current() {
			continue
		}
		ratings := map[string]int{}
		for i, topic := range coproduce.DefaultSkillTopics {
			ratings[topic] = levels[i]
		}
		l.do(l.db.SaveSkillsRatings(l.ctx, m.UserID, m, audit.ID, ratings))
	}
	l.db.Now = func() time.Time { return l.now.AddDate(0, 0, -1) }
	l.do(l.db.CloseSkillsAudit(l.ctx, grace.UserID, grace, audit.ID))
}

// loadFeedback gives Larkhill community feedback from outreach, from the
// public page and from a member, two pieces linked to the decisions they
// shaped and published as "you said, we did".
func (l *loader) loadFeedback(g *coproduce.Group) {
	members := l.members[g.ID]
	rita, helen := members["Rita Mensah"], members["Helen Clarke"]
	if l.err != nil || rita == nil || helen == nil {
		return
	}
	outreach, err := l.db.FindOutreach(l.ctx, g.ID)
	l.do(err)
	decisions, err := l.db.FindDecisions(l.ctx, g.ID, false)
	l.do(err)
	if l.err != nil {
		return
	}
	outreachOn := func(method string) int64 {
		for _, o := range outreach {
			if o.MemberID == rita.ID && o.Method == method {
				return o.ID
			}
		}
		return 0
	}
	decision := func(title string) int64 {
		for _, d := range decisions {
			if d.Title == title {
				return d.ID
			}
		}
		return 0
	}
	for _, f := range []struct {
		fb        coproduce.Feedback
		status    string
		decision  string
		said, did string
	}{
		{coproduce.Feedback{Source: "outreach", OutreachID: outreachOn("event"), Theme: "Play and parking",
			Said: "Parents want streets where children can play safely, but carers and disabled residents need to get close to their front doors."},
			"acted-on", "Car-free streets in the new layout",
			"Make the streets safe for children, and let carers and disabled residents get close to their homes.",
			"Two of the new streets will be car-free, and the group is looking at blue-badge bays near every entrance."},
		{coproduce.Feedback{Source: "outreach", OutreachID: outreachOn("door-knocking"), Theme: "Right to return",
			Said: "Many households on blocks A and B asked whether they could come back to the estate after the works, and at what rent."},
			"acted-on", "Every household may return to the estate",
			"Residents want to know they can come back, at a rent they can afford.",
			"Every secure tenant who moves out during the works has the right to a new home on the estate at a social rent."},
		{coproduce.Feedback{Source: "public", Theme: "Repairs", Said: "The lift in block C has been broken for a week again. My mother cannot get out.",
			ContactName: "A resident of block C", Contact: "07700 900456"}, "new", "", "", ""},
		{coproduce.Feedback{Source: "member", Theme: "Shops", Said: "Shopkeepers on the parade asked whether they will have units in the new scheme."},
			"considering", "", "", ""},
	} {
		fb := f.fb
		fb.GroupID = g.ID
		actor := int64(0)
		if fb.Source != "public" {
			fb.RecordedBy, actor = rita.ID, rita.UserID
		}
		l.do(l.db.CreateFeedback(l.ctx, actor, &fb))
		if l.err != nil {
			return
		}
		l.do(l.db.UpdateFeedback(l.ctx, helen.UserID, g.ID, fb.ID, fb.Theme, f.status))
		if f.decision != "" {
			l.do(l.db.LinkFeedback(l.ctx, helen.UserID, g.ID, &coproduce.FeedbackLink{FeedbackID: fb.ID, DecisionID: decision(f.decision),
				Said: f.said, Did: f.did, Published: true}))
		}
	}
}

// loadStakeholders gives Larkhill stakeholder maps for RIBA stages 2 and
// 3. Between them leaseholders gained a seat in the group and the
// developer partner arrived.
func (l *loader) loadStakeholders(g *coproduce.Group) {
	helen := l.members[g.ID]["Helen Clarke"]
	if l.err != nil || helen == nil {
		return
	}
	type row struct {
		name, kind          string
		influence, affected int
		represented         bool
	}
	earlier := []row{
		{"Council cabinet", "council", 5, 2, false},
		{"Regeneration team", "council", 4, 3, true},
		{"Tenants on the estate", "residents", 2, 5, true},
		{"Leaseholders on the estate", "residents", 1, 5, false},
		{"Ward councillors", "councillor", 3, 2, false},
		{"Shops on the parade", "business", 1, 4, false},
		{"Larkhill tenants' and residents' association", "community", 2, 4, true},
		{"Greater London Authority", "statutory", 4, 1, false},
	}
	later := []row{
		{"Council cabinet", "council", 5, 2, false},
		{"Regeneration team", "council", 4, 3, true},
		{"Tenants on the estate", "residents", 3, 5, true},
		{"Leaseholders on the estate", "residents", 2, 5, true},
		{"Ward councillors", "councillor", 3, 2, false},
		{"Shops on the parade", "business", 1, 4, false},
		{"Larkhill tenants' and residents' association", "community", 3, 4, true},
		{"Greater London Authority", "statutory", 4, 1, false},
		{"Development partner", "developer", 4, 2, false},
	}
	for phase, rows := range map[int][]row{2: earlier, 3: later} {
		for _, r := range rows {
			l.do(l.db.AddStakeholder(l.ctx, helen.UserID, &coproduce.Stakeholder{GroupID: g.ID, Phase: phase,
				PhaseName: fmt.Sprintf("Stage %d: %s", phase, coproduce.RIBAStages[phase]), Name: r.name, Type: r.kind,
				Influence: r.influence, Affected: r.affected, Represented: r.represented}))
		}
	}
}

// loadReflections gives Larkhill the group's answers to two prompts, one
// revisited a year on, and an officer's reflection on her work.
func (l *loader) loadReflections(g *coproduce.Group, meetings []*coproduce.Meeting) {
	members := l.members[g.ID]
	tom, helen := members["Tom Reilly"], members["Helen Clarke"]
	var past []*coproduce.Meeting
	for _, m := range meetings {
		if m.StartsAt.Before(l.now) && !m.Cancelled() {
			past = append(past, m)
		}
	}
	if l.err != nil || tom == nil || helen == nil || len(past) < 2 {
		return
	}
	clock := l.db.Now
	defer func() { l.db.Now = clock }()
	for _, r := range []struct {
		by      *coproduce.Member
		daysAgo int // when not written after a meeting
		meeting *coproduce.Meeting
		prompt  string
		body    string
	}{
		{tom, 400, nil, "power",
			"Residents said the council holds the money, the timetable and the information, and that agendas arrive already written. Officers said they feel blamed for decisions made above them."},
		{tom, 0, past[len(past)-2], "power",
			"Residents now propose most agenda items and the papers come a week ahead. The money and the timetable still sit with the council; the group wants to see the cabinet report before it is final."},
		{tom, 0, past[len(past)-1], "disagreement",
			"Representatives can ask for their side's position and any dissent to be minuted, and can bring back what they hear at the drop-ins under a standing item. Jamal asked for a way to raise things anonymously, which the group now has."},
		{helen, 20, nil, coproduce.OfficerReflection,
			"Papers take longer because I write them for residents first, and that has made them better for councillors too. The hard part is internal: other departments set deadlines without knowing the group needs time to discuss things."},
	} {
		at := l.now.AddDate(0, 0, -r.daysAgo)
		x := &coproduce.Reflection{Prompt: r.prompt, Body: r.body}
		if r.meeting != nil {
			x.MeetingID, at = r.meeting.ID, r.meeting.StartsAt.Add(24*time.Hour)
		}
		l.db.Now = func() time.Time { return at }
		l.do(l.db.CreateReflection(l.ctx, r.by.UserID, r.by, x))
	}
}

// sideMood is how one side answered a demo round: its usual level of
// agreement, and another for some principles.
type sideMood struct {
	base int
	by   map[int]int // principle number → level
}

// demoRound is a closed health check round of a demo group.
type demoRound struct {
	title          string
	opened, closed int // days ago
	moods          map[coproduce.Constituency]sideMood
	now, want      coproduce.Rung // where members place the group overall, give or take a rung
	comments       map[int][]string
}

// larkhillRounds tell of a group getting better over two years: residents
// move from mostly disagreeing to mostly agreeing, and the two sides come
// closer, except on open information, where papers still often arrive
// late and residents say so.
var larkhillRounds = []demoRound{
	{title: "Health check, winter 2024", opened: 684, closed: 670, now: coproduce.Informing, want: coproduce.Partnership,
		moods: map[coproduce.Constituency]sideMood{
			coproduce.Residents:        {base: 2, by: map[int]int{7: 3}},
			coproduce.OrganisationSide: {base: 4, by: map[int]int{2: 3, 5: 3}},
			coproduce.Independent:      {base: 3},
		},
		comments: map[int][]string{
			2: {"Decisions seem to be made before they reach us.", "We hear about changes from the newsletter first."},
			9: {"Papers come too late to read properly.", "Hard to get straight answers about the viability figures.", "Please send papers on paper too."},
		}},
	{title: "Health check, winter 2025", opened: 332, closed: 318, now: coproduce.Consultation, want: coproduce.Partnership,
		moods: map[coproduce.Constituency]sideMood{
			coproduce.Residents:        {base: 3, by: map[int]int{3: 4, 7: 4}},
			coproduce.OrganisationSide: {base: 4},
			coproduce.Independent:      {base: 4, by: map[int]int{2: 3, 9: 3}},
		},
		comments: map[int][]string{
			1: {"The vision day helped: we wrote it together.", "Good to see the vision on the wall at every meeting."},
			9: {"Papers are better but still late some months.", "The information request log is a real help."},
		}},
	{title: "Health check, autumn", opened: 42, closed: 28, now: coproduce.Placation, want: coproduce.Partnership,
		moods: map[coproduce.Constituency]sideMood{
			coproduce.Residents:        {base: 4, by: map[int]int{9: 3}},
			coproduce.OrganisationSide: {base: 4},
			coproduce.Independent:      {base: 4, by: map[int]int{9: 3}},
		},
		comments: map[int][]string{
			4: {"Officers now explain when something has to be decided elsewhere.", "The monthly updates make a difference."},
			9: {"Papers still arrive the night before, which leaves no time to talk them through with neighbours.",
				"Late papers again in the spring.", "We should not have to ask twice for the same figures."},
		}},
}

// canalRounds tell of a gap opening: the organisation grows more content
// with each round while residents grow less so, most of all about power
// and reaching the wider community, and by the latest round the two sides
// are far apart on nearly every principle.
var canalRounds = []demoRound{
	{title: "First health check", opened: 380, closed: 366, now: coproduce.Consultation, want: coproduce.Partnership,
		moods: map[coproduce.Constituency]sideMood{
			coproduce.Residents:        {base: 4, by: map[int]int{2: 3}},
			coproduce.OrganisationSide: {base: 4},
		}},
	{title: "Health check, spring", opened: 200, closed: 186, now: coproduce.Consultation, want: coproduce.Partnership,
		moods: map[coproduce.Constituency]sideMood{
			coproduce.Residents:        {base: 3, by: map[int]int{1: 4, 5: 4, 8: 4}},
			coproduce.OrganisationSide: {base: 4, by: map[int]int{2: 5, 6: 5}},
		},
		comments: map[int][]string{
			6: {"Nobody has knocked on my door about the plans.", "The drop-ins stopped over the summer."},
		}},
	{title: "Health check, autumn", opened: 35, closed: 21, now: coproduce.Informing, want: coproduce.DelegatedPower,
		moods: map[coproduce.Constituency]sideMood{
			coproduce.Residents:        {base: 3, by: map[int]int{2: 2, 6: 2, 10: 2}},
			coproduce.OrganisationSide: {base: 5, by: map[int]int{5: 4}},
		},
		comments: map[int][]string{
			2: {"It feels like the decisions are already made.", "We are asked for views, then told the answer."},
			6: {"Our rep has gone quiet; neighbours have stopped asking me about it.", "The council's consultation letters are not the same as us talking to people."},
		}},
}

// loadHealthRounds gives a group its closed health check rounds, answered
// by every member who was there and whose side has enough members for
// its figures to show: so at Canal Side the chair, the only independent
// member, leaves the answering to the two sides, since a lone
// independent ballot would hide the overall figures. Members of a side
// answer around its mood, one a level higher, one lower.
func (l *loader) loadHealthRounds(g *coproduce.Group, rounds []demoRound) {
	members := l.members[g.ID]
	grace := members["Grace Okafor"]
	if l.err != nil || grace == nil {
		return
	}
	fw := framework.Default()
	var statements []string
	principleOf := map[string]int{}
	for _, p := range fw.Principles {
		for _, st := range p.Statements {
			statements = append(statements, st.ID)
			principleOf[st.ID] = p.Number
		}
	}
	areas, err := l.db.FindDecisionAreas(l.ctx, g.ID)
	l.do(err)
	current, err := l.db.FindMembers(l.ctx, g.ID, false)
	l.do(err)
	slices.SortFunc(current, func(a, b *coproduce.Member) int { return a.JoinedAt.Compare(b.JoinedAt) })
	clock := l.db.Now
	defer func() { l.db.Now = clock }()
	for _, dr := range rounds {
		round := &coproduce.HealthRound{Title: dr.title, OpensOn: l.now.AddDate(0, 0, -dr.opened), ClosesOn: l.now.AddDate(0, 0, -dr.closed),
			MinCell: 3, Statements: statements}
		for _, a := range areas {
			round.AreaIDs = append(round.AreaIDs, a.ID)
		}
		l.db.Now = func() time.Time { return round.OpensOn }
		l.do(l.db.OpenHealthRound(l.ctx, grace.UserID, grace, round))
		answerAt := round.OpensOn.AddDate(0, 0, 5)
		l.db.Now = func() time.Time { return answerAt }
		seen := map[coproduce.Constituency]int{}
		comments := maps.Clone(dr.comments)
		for _, m := range current {
			mood, ok := dr.moods[m.Constituency]
			if !ok || l.err != nil || m.JoinedAt.After(round.OpensOn) {
				continue
			}
			shift := []int{0, 1, -1, 0, 1}[seen[m.Constituency]%5]
			seen[m.Constituency]++
			level := func(base int) int { return min(5, max(1, base+shift)) }
			b := &coproduce.Ballot{Answers: map[string]int{}, Ladder: map[int64][2]coproduce.Rung{}, Comments: map[int]string{}}
			for i, st := range statements {
				base := mood.base
				if x, ok := mood.by[principleOf[st]]; ok {
					base = x
				}
				b.Answers[st] = level(base)
				if (i+seen[m.Constituency])%9 == 4 {
					b.Answers[st] = coproduce.DontKnow
				}
			}
			now := min(coproduce.CitizenControl, max(coproduce.Manipulation, dr.now+coproduce.Rung(shift)))
			b.Ladder[0] = [2]coproduce.Rung{now, dr.want}
			for _, a := range areas {
				b.Ladder[a.ID] = [2]coproduce.Rung{now, a.Rung}
			}
			for n, list := range comments {
				if len(list) > 0 {
					b.Comments[n], comments[n] = list[0], list[1:]
				}
			}
			l.do(l.db.SubmitBallot(l.ctx, m, round.ID, b))
		}
	}
}
