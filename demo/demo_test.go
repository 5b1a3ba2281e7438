package demo

import (
	"context"
	"strings"
	"testing"
	"time"

	"coproduce"
	"coproduce/framework"
	"coproduce/store"
)

func TestLoadOnlyIntoEmptyDatabase(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	cheap := coproduce.PasswordParams{Time: 1, Memory: 64, Threads: 1}
	loaded, err := Load(ctx, db, cheap)
	if err != nil || !loaded {
		t.Fatalf("first Load() = %v, %v; want loaded", loaded, err)
	}
	for _, a := range Accounts() {
		u, err := db.FindUserByEmail(ctx, a.Email)
		if err != nil {
			t.Fatalf("demo account %s: %v", a.Email, err)
		}
		if ok, _ := coproduce.CheckPassword(u.PasswordHash, Password); !ok {
			t.Errorf("demo account %s does not take the demo password", a.Email)
		}
	}
	g, _, err := db.FindGroupBySlugs(ctx, "brookfield-council", "larkhill-estate")
	if err != nil {
		t.Fatal(err)
	}
	all, _ := db.FindMembers(ctx, g.ID, true)
	var current, inducted, left, acknowledged, new int
	for _, m := range all {
		switch {
		case !m.Current():
			left++
			if m.HandoverNote == "" {
				t.Errorf("%s left without a handover note", m.Name)
			}
		default:
			current++
			if !m.InductedAt.IsZero() {
				inducted++
			} else {
				new++
			}
		}
		if !m.PreceptsAcknowledgedAt.IsZero() {
			acknowledged++
		}
	}
	if current < 5 || inducted < 2 || new < 1 || left != 1 || acknowledged < 3 {
		t.Errorf("Larkhill: %d current, %d inducted, %d not yet, %d left, %d acknowledged", current, inducted, new, left, acknowledged)
	}
	constituencies := map[coproduce.Constituency]bool{}
	for _, m := range all {
		constituencies[m.Constituency] = true
	}
	if len(constituencies) != 3 {
		t.Errorf("Larkhill has members of %d constituencies, want residents, organisation and independent", len(constituencies))
	}
	if check, err := db.VerifyAudit(ctx, g.ID); err != nil || !check.Whole() || check.Entries < 10 {
		t.Errorf("Larkhill's audit trail: %+v, %v", check, err)
	}

	meetings, err := db.FindMeetings(ctx, g.ID, false)
	if err != nil || len(meetings) < 10 {
		t.Fatalf("Larkhill meetings: %d, %v", len(meetings), err)
	}
	approved, upcoming := 0, 0
	for _, m := range meetings {
		if m.StartsAt.After(db.Now()) {
			upcoming++
			continue
		}
		if min, err := db.FindMinutes(ctx, m.ID); err == nil && min.Status == coproduce.MinutesApproved {
			approved++
		}
	}
	if approved < 8 || upcoming < 1 {
		t.Errorf("Larkhill: %d meetings with approved minutes, %d upcoming", approved, upcoming)
	}
	if p, _ := db.FindProjectContext(ctx, g.ID); p.CurrentStage != 3 {
		t.Errorf("Larkhill is at stage %d, want 3", p.CurrentStage)
	}
	if check, err := db.VerifyAudit(ctx, g.ID); err != nil || !check.Whole() {
		t.Errorf("Larkhill's audit trail after the records: %+v, %v", check, err)
	}

	decisions, _ := db.FindDecisions(ctx, g.ID, false)
	unexplained := 0
	for _, d := range decisions {
		if d.Unexplained() {
			unexplained++
		}
	}
	if len(decisions) < 5 || unexplained != 1 {
		t.Errorf("Larkhill decisions: %d, %d unexplained; want at least 5 and one unexplained", len(decisions), unexplained)
	}
	acts, _ := db.FindActions(ctx, g.ID)
	states := map[coproduce.ActionStatus]int{}
	overdue := 0
	for _, a := range acts {
		states[a.Status]++
		if a.Overdue(db.Now()) {
			overdue++
		}
	}
	if states[coproduce.ActionOpen] == 0 || states[coproduce.ActionDone] == 0 || states[coproduce.ActionDropped] == 0 || overdue == 0 {
		t.Errorf("Larkhill actions by state: %v, %d overdue", states, overdue)
	}
	requests, _ := db.FindInfoRequests(ctx, g.ID)
	var lateAnswers, withheld, waiting int
	for _, r := range requests {
		switch {
		case !r.Answered():
			waiting++
		case r.Withheld:
			withheld++
		}
		if r.Answered() && r.Overdue(db.Now()) {
			lateAnswers++
		}
	}
	if lateAnswers == 0 || withheld != 1 || waiting == 0 {
		t.Errorf("Larkhill requests: %d late, %d withheld, %d waiting; want some late, one withheld, some waiting", lateAnswers, withheld, waiting)
	}
	if db.Now().Before(time.Now().Add(-time.Minute)) {
		t.Error("the demo left the store's clock set back")
	}
	facilitators, _ := db.FindExternalFacilitators(ctx, g.ID)
	if len(facilitators) != 2 || !facilitators[0].Agreed() || facilitators[1].Agreed() {
		t.Errorf("Larkhill facilitators: %d; want two, the first agreed", len(facilitators))
	}
	concerns, _ := db.FindConcerns(ctx, g.ID)
	anonymous, inMediation, resolved := 0, 0, 0
	for _, c := range concerns {
		if c.Anonymous() && c.Status == coproduce.ConcernOnAgenda && c.MeetingID != 0 {
			anonymous++
		}
		if c.Status == coproduce.ConcernMediation {
			inMediation++
		}
		if c.Status == coproduce.ConcernResolved && c.Outcome != "" {
			resolved++
		}
	}
	if anonymous != 1 || inMediation != 1 || resolved != 1 {
		t.Errorf("Larkhill concerns: %d anonymous on an agenda, %d in mediation, %d resolved; want one of each", anonymous, inMediation, resolved)
	}
	if updates, _ := db.FindUpdates(ctx, g.ID, time.Time{}, time.Time{}, 10); len(updates) != 3 {
		t.Errorf("Larkhill updates: %d; want 3", len(updates))
	}
	if away, _ := db.FindTimeOuts(ctx, g.ID); len(away) != 1 || !away.On(away[0].MemberID, db.Now()) {
		t.Errorf("Larkhill time out: %d spells; want one member away now", len(away))
	}
	if canal, _, err := db.FindGroupBySlugs(ctx, "brookfield-council", "canal-side"); err != nil {
		t.Error(err)
	} else if quiet, _ := db.FindOutreach(ctx, canal.ID); len(quiet) == 0 || db.Now().Sub(quiet[0].On) < 6*7*24*time.Hour {
		t.Errorf("Canal Side outreach: %d entries; want a rep quiet for six weeks or more", len(quiet))
	}
	sessions, _ := db.FindTrainingSessions(ctx, g.ID)
	reviews, _ := db.FindTrainingReviews(ctx, g.ID)
	lateTraining := 0
	for _, r := range reviews {
		if db.Now().After(r.HeldOn.AddDate(0, coproduce.ReviewMonths, 0)) {
			lateTraining++
		}
	}
	if len(sessions) != 2 || !sessions[0].Induction || lateTraining != 1 {
		t.Errorf("Larkhill training: %d sessions, %d reviews overdue; want two sessions, the latest an induction, and one overdue review", len(sessions), lateTraining)
	}
	if audits, _ := db.FindSkillsAudits(ctx, g.ID); len(audits) != 1 || audits[0].Open() {
		t.Errorf("Larkhill skills audits: %d; want one, closed", len(audits))
	} else if ratings, _ := db.FindSkillsRatings(ctx, audits[0].ID); len(ratings) != 11*len(coproduce.DefaultSkillTopics) {
		t.Errorf("Larkhill skills ratings: %d; want eleven members' worth", len(ratings))
	} else if rows := coproduce.SkillsResults(audits[0], ratings); rows[0].All.Hidden || rows[0].ByGroup[coproduce.Residents].Hidden || rows[0].ByGroup[coproduce.OrganisationSide].Hidden {
		t.Errorf("Larkhill skills results are hidden: %+v", rows[0])
	}
	if feedback, _ := db.FindFeedback(ctx, g.ID); len(feedback) != 4 {
		t.Errorf("Larkhill feedback: %d; want 4", len(feedback))
	}
	if published, _ := db.FindYouSaidWeDid(ctx, g.ID, 10); len(published) != 2 {
		t.Errorf("Larkhill you said, we did: %d; want 2 published links", len(published))
	}
	if phases, _ := db.StakeholderPhases(ctx, g.ID); len(phases) != 2 || phases[3] == 0 {
		t.Errorf("Larkhill stakeholder maps: %v; want two phases, one the current stage 3", phases)
	}
	if reflections, _ := db.FindReflections(ctx, g.ID); len(reflections) != 4 {
		t.Errorf("Larkhill reflections: %d; want 4", len(reflections))
	}
	checkHealthStory(t, db, g)
	if toc, err := db.FindDocumentByKind(ctx, g.ID, coproduce.TheoryOfChangeDoc); err != nil || toc.Versions != 2 || toc.Visibility != coproduce.Public ||
		len(toc.Latest.Outcomes) != 4 || toc.Latest.Outcomes[3].Indicator != "requests-median-days" || !toc.Latest.SavedAt.Before(db.Now().AddDate(0, -2, 0)) {
		t.Errorf("Larkhill theory of change: %+v, %v; want two public versions, the newest dated three months ago with four linked outcomes", toc, err)
	}
	if m, _ := db.FindGovernanceMap(ctx, g.OrganisationID); len(m) != 6 || len(m.Route(g.ID)) != 3 {
		t.Errorf("Brookfield's governance map: %d bodies; want 6, with Larkhill three steps below full council", len(m))
	}
	if checks, _ := db.FindAccountabilityChecks(ctx, g.ID); len(checks) != 2 || checks[0].Status() != coproduce.CheckWaiting || !checks[0].Overdue(db.Now()) ||
		checks[1].Status() != coproduce.CheckAnswered {
		t.Errorf("Larkhill accountability checks: %d; want one overdue and waiting, one answered", len(checks))
	}
	if docs, _ := db.FindDocuments(ctx, g.ID); len(docs) != 3 || docs[1].Kind != coproduce.ThreeHorizonsDoc || docs[2].Template != "vision-statement" {
		t.Errorf("Larkhill documents: %d; want the theory of change, three horizons and a vision statement", len(docs))
	}
	if rec, err := db.GroupRecords(ctx, g, db.Now()); err != nil || rec.ToRAdopted.IsZero() || len(rec.Attendance) == 0 || len(rec.Agenda) == 0 || rec.MediatorsAgreed != 1 {
		t.Errorf("Larkhill's records for the evidence: %v", err)
	} else {
		for _, ind := range coproduce.Evidence(rec, db.Now(), nil) {
			if ind.ID == "papers-on-time" && (ind.Status != coproduce.IndicatorNotMet || ind.Out == 0) {
				t.Errorf("Larkhill's papers on time: %+v; the demo's late papers should miss the aim", ind)
			}
		}
	}
	needs, _ := db.FindSupportNeeds(ctx, g.ID)
	if len(needs) != 2 || needs[0].Met() == needs[1].Met() {
		t.Errorf("Larkhill support needs: %d; want two, one met", len(needs))
	}
	outreach, _ := db.FindOutreach(ctx, g.ID)
	fedBack := 0
	for _, o := range outreach {
		if o.FedBackAt != 0 {
			fedBack++
		}
	}
	if len(outreach) < 5 || fedBack == 0 || fedBack == len(outreach) {
		t.Errorf("Larkhill outreach: %d entries, %d fed back; want some fed back and some not", len(outreach), fedBack)
	}

	late, onTime := 0, 0
	for _, m := range meetings {
		papers, _ := db.FindPapers(ctx, m.ID)
		for _, p := range papers {
			if m.StartsAt.After(db.Now()) {
				continue
			}
			if p.Late(coproduce.CirculationDeadline(m.StartsAt, g.PaperDeadlineDays), db.Now()) {
				late++
			} else {
				onTime++
			}
		}
	}
	if late == 0 || onTime <= late {
		t.Errorf("Larkhill papers: %d late, %d on time; want mostly on time and some late", late, onTime)
	}
	lines, _ := db.FindRedLines(ctx, g.ID)
	overdueReviews := 0
	for _, r := range lines {
		if r.ReviewOverdue(db.Now()) {
			overdueReviews++
		}
	}
	if len(lines) < 3 || overdueReviews != 1 {
		t.Errorf("Larkhill red lines: %d, %d overdue for review", len(lines), overdueReviews)
	}

	if tor, err := db.FindToR(ctx, g.ID, 1); err != nil || tor.Status != coproduce.ToRAdopted || !strings.Contains(tor.Sections["decisions"], "consensus") {
		t.Errorf("Larkhill's terms of reference: %+v, %v", tor, err)
	}

	loaded, err = Load(ctx, db, cheap)
	if err != nil || loaded {
		t.Fatalf("second Load() = %v, %v; want nothing loaded", loaded, err)
	}
}

// roundShares works out each closed round of a group, oldest first: by
// principle, each side's share favourable and the gap, as the report
// shows them.
func roundShares(t *testing.T, db *store.DB, g *coproduce.Group) ([]map[int]coproduce.PrinciplePerception, []*coproduce.RoundAnswers) {
	t.Helper()
	ctx := context.Background()
	rounds, err := db.FindHealthRounds(ctx, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	fw := framework.Default()
	principleOf := map[string]int{}
	var numbers []int
	for _, p := range fw.Principles {
		numbers = append(numbers, p.Number)
		for _, st := range p.Statements {
			principleOf[st.ID] = p.Number
		}
	}
	var out []map[int]coproduce.PrinciplePerception
	var answers []*coproduce.RoundAnswers
	for i := len(rounds) - 1; i >= 0; i-- { // latest first, so oldest first here
		r := rounds[i]
		if !r.Closed(db.Now()) {
			t.Fatalf("%s: round %q is not closed", g.Name, r.Title)
		}
		a, err := db.FindRoundAnswers(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		byPrinciple := map[int]coproduce.PrinciplePerception{}
		for _, p := range coproduce.Perception(a.Ballots, principleOf, numbers, r.MinCell) {
			byPrinciple[p.Principle] = p
		}
		out, answers = append(out, byPrinciple), append(answers, a)
	}
	return out, answers
}

// checkHealthStory checks the demo's health check rounds tell the story
// they are meant to: three closed rounds over two years for each
// Brookfield group, each side shown; Larkhill's residents growing more
// favourable, with open information lagging; Canal Side's two sides
// drifting apart.
func checkHealthStory(t *testing.T, db *store.DB, larkhill *coproduce.Group) {
	t.Helper()
	canal, _, err := db.FindGroupBySlugs(context.Background(), "brookfield-council", "canal-side")
	if err != nil {
		t.Fatal(err)
	}
	lark, larkAnswers := roundShares(t, db, larkhill)
	can, _ := roundShares(t, db, canal)
	if len(lark) != 3 || len(can) != 3 {
		t.Fatalf("closed rounds: Larkhill %d, Canal Side %d; want three each", len(lark), len(can))
	}
	residents := func(p coproduce.PrinciplePerception) float64 { return p.ByGroup[coproduce.Residents].Share }
	for i, rounds := range [][]map[int]coproduce.PrinciplePerception{lark, can} {
		for j, round := range rounds {
			for n, p := range round {
				if p.ByGroup[coproduce.Residents].Hidden || p.ByGroup[coproduce.OrganisationSide].Hidden || !p.GapShown {
					t.Errorf("group %d, round %d, principle %d: a side is hidden", i, j, n)
				}
			}
		}
	}
	if !(residents(lark[0][1]) < residents(lark[1][1]) && residents(lark[1][1]) < residents(lark[2][1])) {
		t.Errorf("Larkhill residents on principle 1 across rounds: %.2f, %.2f, %.2f; want rising",
			residents(lark[0][1]), residents(lark[1][1]), residents(lark[2][1]))
	}
	if p9 := lark[2][9]; !p9.GapFlagged() || p9.Overall.Share < 0.4 || p9.Overall.Share >= 0.6 {
		t.Errorf("Larkhill's latest principle 9: overall %.2f, gap %.0f; want amber perception and a flagged gap", p9.Overall.Share, p9.Gap)
	}
	if p1 := lark[2][1]; p1.GapFlagged() {
		t.Errorf("Larkhill's latest principle 1 has a gap of %.0f; want the sides close", p1.Gap)
	}
	flagged := func(round map[int]coproduce.PrinciplePerception) int {
		n := 0
		for _, p := range round {
			if p.GapFlagged() {
				n++
			}
		}
		return n
	}
	if !(flagged(can[0]) < flagged(can[1]) && flagged(can[1]) < flagged(can[2]) && flagged(can[2]) >= 8) {
		t.Errorf("Canal Side principles with a flagged gap, by round: %d, %d, %d; want widening to most of them",
			flagged(can[0]), flagged(can[1]), flagged(can[2]))
	}
	if latest := larkAnswers[2]; len(latest.Comments[9]) != 3 || len(latest.Placings) == 0 {
		t.Errorf("Larkhill's latest round: comments %v, %d places on the ladder", latest.Comments, len(latest.Placings))
	}
}
