package demo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"coproduce"
	"coproduce/framework"
	"coproduce/store"
)

// GenerateOptions say how much benchmark data Generate makes.
type GenerateOptions struct {
	Groups int    // steering groups, ten to an organisation
	Years  int    // of records, ending today
	Seed   uint64 // the same seed makes the same records (ids apart)

	// Progress, when set, hears how many groups are written so far.
	Progress func(done int)
}

// Validate reports options Generate cannot use, so that a command can
// refuse them before it creates a database.
func (opt GenerateOptions) Validate() error {
	switch {
	case opt.Groups < 1:
		return errors.New("generate at least one group")
	case opt.Years < 1 || opt.Years > 20:
		return errors.New("generate between 1 and 20 years of records")
	}
	return nil
}

// Generated counts what Generate wrote.
type Generated struct {
	Organisations, Groups, People, Rows int
}

// GroupsPerOrganisation is how many of the generated groups each
// generated organisation runs: a council with several estates.
const GroupsPerOrganisation = 10

// BenchEmail is the address of a generated person: the n-th (from 1)
// member ever of the g-th group (from 1). The first member of every group
// is its chair; the second its first resident representative. Organisation
// administrators are BenchAdminEmail. Every generated account has the demo
// Password.
func BenchEmail(group, n int) string {
	return fmt.Sprintf("g%04d.m%02d@bench.coproduce.example", group, n)
}

// BenchAdminEmail is the address of the administrator of the o-th
// generated organisation (from 1).
func BenchAdminEmail(org int) string {
	return fmt.Sprintf("admin%03d@bench.coproduce.example", org)
}

// BenchGroupSlug is the address name of the g-th generated group, in the
// organisation BenchOrganisationSlug((g-1)/GroupsPerOrganisation+1).
func BenchGroupSlug(group int) string { return fmt.Sprintf("estate-%04d", group) }

// BenchOrganisationSlug is the address name of the o-th generated
// organisation.
func BenchOrganisationSlug(org int) string { return fmt.Sprintf("council-%03d", org) }

// Generate fills an empty database with synthetic organisations and
// steering groups for benchmarks: years of monthly meetings with agendas,
// papers, attendance and minutes, decisions with each side's position,
// actions, information requests, outreach and the feedback it brought,
// updates, concerns, training, skills audits, health check rounds with
// answers, and members joining and leaving, each group kept well or badly
// to a different degree, with an audit entry for every change, chained.
//
// It writes rows in bulk (see store.Bulk), a batch of groups per
// transaction, so a thousand groups over five years take minutes rather
// than the hours the one-record-at-a-time Create methods would need;
// TestGeneratedData (in package web) holds what it writes to the rules
// those methods keep. It refuses a database that already holds organisations.
func Generate(ctx context.Context, db *store.DB, opt GenerateOptions, passwords coproduce.PasswordParams) (Generated, error) {
	var out Generated
	if err := opt.Validate(); err != nil {
		return out, err
	}
	n, err := db.CountOrganisations(ctx)
	if err != nil {
		return out, err
	}
	if n > 0 {
		return out, errors.New("the database already holds organisations: generate benchmark data into an empty one (a new data folder or database)")
	}
	gen := &generator{
		now:        db.Now().UTC().Truncate(time.Second),
		years:      opt.Years,
		hash:       coproduce.HashPassword(Password, passwords),
		statements: statementIDs(framework.Default()),
		pdf:        demoPDF("Paper for the steering group"),
	}
	var b store.Bulk
	for _, t := range benchTables {
		b.Table(t.name, t.columns)
	}
	for first := 1; first <= opt.Groups; first += GroupsPerOrganisation {
		org := (first-1)/GroupsPerOrganisation + 1
		b.Reset()
		gen.b = &b
		orgID := gen.organisation(org)
		out.Organisations++
		for g := first; g < first+GroupsPerOrganisation && g <= opt.Groups; g++ {
			gen.r = rand.New(rand.NewPCG(opt.Seed, uint64(g)))
			gen.group(orgID, g)
			out.Groups++
		}
		out.Rows += b.Len()
		if err := db.WriteBulk(ctx, &b); err != nil {
			return out, fmt.Errorf("writing organisation %d: %w", org, err)
		}
		if opt.Progress != nil {
			opt.Progress(out.Groups)
		}
		if err := ctx.Err(); err != nil {
			return out, err
		}
	}
	out.People = gen.people
	return out, db.CheckForeignKeys(ctx)
}

// benchTables are the tables Generate writes and the columns it gives,
// each after the tables its rows point at.
var benchTables = []struct{ name, columns string }{
	{"organisations", "id, slug, name, created_at"},
	{"users", "id, email, name, password_hash, is_admin, created_at"},
	{"organisation_admins", "organisation_id, user_id, added_at"},
	{"steering_groups", "id, organisation_id, slug, name, area, created_at, description, paper_deadline_days, info_request_days"},
	{"members", "id, group_id, user_id, constituency, role, role_description, joined_at, left_at, selection_method, selected_at, inducted_at, inducted_by_resident_id, inducted_by_organisation_id, handover_note, precepts_acknowledged_at, added_by, added_reason, listed_publicly"},
	{"governance_bodies", "id, organisation_id, name, kind, reports_to, decides, reach, reach_note, group_id, created_at"},
	{"project_context", "group_id, phases, current_stage, updated_at"},
	{"decision_areas", "id, group_id, name, rung, created_at"},
	{"red_lines", "id, group_id, kind, title, owner, reason, raised_on, review_by, retired_at, created_at"},
	{"milestones", "id, group_id, title, due, done_at, created_at"},
	{"risks", "id, group_id, kind, title, description, created_at, closed_at"},
	{"stakeholders", "id, group_id, phase, phase_name, name, type, influence, affected, represented, added_at"},
	{"tor_versions", "id, group_id, number, status, created_at, adopted_at"},
	{"tor_sections", "version_id, key, body"},
	{"tor_agreements", "version_id, member_id, constituency, agreed_at"},
	{"support_needs", "id, group_id, member_id, kind, details, met_at, created_at"},
	{"meetings", "id, group_id, title, starts_at, minutes, venue, online_link, host_member_id, access_notes, visibility, created_at, cancelled_at"},
	{"agenda_items", "id, meeting_id, position, kind, title, description, proposer_member_id, proposer_constituency, created_at"},
	{"papers", "id, group_id, meeting_id, title, summary, file_name, content_type, size, visibility, restriction_reason, uploaded_by, uploaded_at, circulated_at"},
	{"paper_files", "paper_id, content"},
	{"attendance", "meeting_id, member_id, status, recorded_at"},
	{"minutes", "meeting_id, body, status, visibility, updated_at, circulated_at, approved_at, approved_at_meeting"},
	{"decisions", "id, group_id, title, context, options, outcome, method, decided_on, meeting_id, outside, explanation, explained_on, area_id, dissent, published, created_at"},
	{"decision_positions", "decision_id, constituency, position"},
	{"decision_papers", "decision_id, paper_id"},
	{"accountability_checks", "id, group_id, decision_id, body_id, coproduced, rung, statement, evidence, sent_on, sent_by, created_at, outcome, response, responded_on, recorded_by"},
	{"documents", "id, group_id, kind, template, title, visibility, created_at"},
	{"document_versions", "document_id, number, content, note, saved_by, saved_at"},
	{"actions", "id, group_id, title, owner_member_id, due, status, meeting_id, decision_id, created_at, closed_at, principle"},
	{"outreach", "id, group_id, member_id, on_day, method, people, themes, notes, fed_back_at, created_at"},
	{"feedback", "id, group_id, source, outreach_id, theme, said, contact_name, contact, status, received_on, recorded_by"},
	{"feedback_links", "feedback_id, decision_id, said, did, published, linked_at"},
	{"updates", "id, group_id, author_id, kind, title, body, posted_at"},
	{"concerns", "id, group_id, kind, title, details, raised_by, raised_on, status, meeting_id, outcome, updated_at, audited"},
	{"info_requests", "id, group_id, asked_by, asked_of_member_id, question, asked_at, due_at, answered_at, answered_by, answer, withheld, withheld_reason"},
	{"training_sessions", "id, group_id, topic, on_day, induction, recorded_by, created_at"},
	{"training_attendance", "session_id, member_id"},
	{"training_reviews", "id, group_id, member_id, held_on, agreed, recorded_by, created_at"},
	{"skills_audits", "id, group_id, topics, opened_by, opened_at, closed_at"},
	{"skills_ratings", "audit_id, member_id, topic, level, constituency"},
	{"health_rounds", "id, group_id, title, opens_on, closes_on, min_cell, statements, area_ids, opened_by, closed_at, answered, opened_at"},
	{"health_placings", "round_id, area_id, now_rung, should_rung"},
	{"health_comments", "round_id, principle, body"},
	{"health_ballots", "id, round_id, constituency, answers"},
	{"audit_log", "group_id, seq, at, actor_id, action, entity, entity_id, summary, prev_hash, hash"},
}

// generator makes one batch's rows at a time; r is reseeded per group, so
// a group's records do not depend on how many groups come before it.
type generator struct {
	lastID     int64
	b          *store.Bulk
	r          *rand.Rand
	now        time.Time
	years      int
	hash       string
	statements []string // the id of every statement of the framework
	pdf        []byte
	people     int
	// The organisation's governance map above its groups: the body each
	// group reports to, and the one its matters usually go to.
	board, cabinet int64
}

// newID returns ids that go up from a random start, where the product's
// own ids are random. Random ids put each new row at a random place in
// its table's primary key index, so each batch of a million rows would
// touch, and write again, most of a gigabyte of index pages; ids that go
// up add to the end of the index. Reading is no different: either way a
// row is found through the same depth of index.
func (gen *generator) newID() int64 {
	if gen.lastID == 0 {
		gen.lastID = coproduce.NewID() >> 2
	}
	gen.lastID++
	return gen.lastID
}

func statementIDs(f *framework.Framework) []string {
	var out []string
	for _, p := range f.Principles {
		for _, s := range p.Statements {
			out = append(out, s.ID)
		}
	}
	return out
}

func (gen *generator) organisation(n int) int64 {
	id := gen.newID()
	created := gen.now.AddDate(-gen.years, 0, -30)
	gen.b.Add("organisations", id, BenchOrganisationSlug(n), fmt.Sprintf("Borough of %s %d", pick(rand.New(rand.NewPCG(uint64(n), 0)), places), n), created)
	admin := gen.newID()
	gen.b.Add("users", admin, BenchAdminEmail(n), fmt.Sprintf("Administrator %d", n), gen.hash, false, created)
	gen.b.Add("organisation_admins", id, admin, created)
	gen.people++
	council := gen.newID()
	gen.cabinet, gen.board = gen.newID(), gen.newID()
	gen.b.Add("governance_bodies", council, id, "Full council", "full-council", nil, "The budget and policy framework", "no", "", nil, created)
	gen.b.Add("governance_bodies", gen.cabinet, id, "Cabinet", "cabinet", council, "Regeneration budgets\nChoice of development partner", "partly",
		"Steering groups' recommendations go with every regeneration report.", nil, created)
	gen.b.Add("governance_bodies", gen.board, id, "Regeneration programme board", "project-board", gen.cabinet, "The programme's timetable and risks", "partly", "", nil, created)
	return id
}

// member is a generated member; user is their account.
type member struct {
	id, user     int64
	side         coproduce.Constituency
	role         coproduce.Role
	joined, left time.Time
}

func (m *member) currentAt(t time.Time) bool {
	return !m.joined.After(t) && (m.left.IsZero() || m.left.After(t))
}

// group is one generated group's state while its records are made.
type group struct {
	*generator
	id      int64
	n       int
	start   time.Time
	quality float64 // 0 (struggling) to 1 (working well): how often it keeps to the framework
	members []*member
	chair   *member
	areas   []int64
	rungs   []coproduce.Rung // the rung agreed for each of areas
	audit   []coproduce.AuditEntry
}

func (gen *generator) group(orgID int64, n int) {
	r := gen.r
	g := &group{generator: gen, id: gen.newID(), n: n, quality: r.Float64()}
	g.start = gen.now.AddDate(-gen.years, 0, -r.IntN(30))
	name := pick(r, places)
	gen.b.Add("steering_groups",
		g.id, orgID, BenchGroupSlug(n), fmt.Sprintf("%s Estate Steering Group %d", name, n), name+" Estate",
		g.start, "Residents and the landlord deciding together how the "+name+" Estate is renewed.", 5, 20)
	gen.b.Add("governance_bodies", gen.newID(), orgID, fmt.Sprintf("%s Estate Steering Group %d", name, n), "steering-group", gen.board,
		"Design of the new homes\nRehousing and moves", "yes", "", g.id, g.start)
	g.roster()
	g.setUp()
	meetings := g.meetings()
	g.between(meetings)
	g.healthRounds()
	g.writeAudit()
}

// log records a change for the group's audit chain; writeAudit chains
// them in time order.
func (g *group) log(at time.Time, actor int64, action, entity string, id int64, summary string) {
	g.audit = append(g.audit, coproduce.AuditEntry{GroupID: g.id, At: at, ActorID: actor, Action: action, Entity: entity, EntityID: id, Summary: summary})
}

func (g *group) writeAudit() {
	slices.SortStableFunc(g.audit, func(a, b coproduce.AuditEntry) int { return a.At.Compare(b.At) })
	prev := ""
	for i := range g.audit {
		e := &g.audit[i]
		e.Seq, e.PrevHash = int64(i+1), prev
		e.Hash = e.ComputeHash()
		prev = e.Hash
		g.b.Add("audit_log",
			e.GroupID, e.Seq, e.At, e.ActorID, e.Action, e.Entity, e.EntityID, e.Summary, e.PrevHash, e.Hash)
	}
}

// roster makes the founding members and, over the years, those who leave
// and those who replace them.
func (g *group) roster() {
	r := g.r
	var founders []*member
	add := func(side coproduce.Constituency, role coproduce.Role, joined time.Time) *member {
		m := &member{id: g.newID(), user: g.newID(), side: side, role: role, joined: joined}
		g.members = append(g.members, m)
		return m
	}
	g.chair = add(coproduce.Independent, coproduce.Chair, g.start)
	founders = append(founders, g.chair)
	for range 8 {
		founders = append(founders, add(coproduce.Residents, coproduce.ResidentRepresentative, g.start.AddDate(0, 0, r.IntN(60))))
	}
	for range 6 {
		founders = append(founders, add(coproduce.OrganisationSide, coproduce.OrganisationRep, g.start.AddDate(0, 0, r.IntN(30))))
	}
	if r.Float64() < 0.7 {
		founders = append(founders, add(coproduce.Independent, coproduce.Facilitator, g.start.AddDate(0, 0, r.IntN(30))))
	}
	if r.Float64() < 0.5 {
		founders = append(founders, add(coproduce.Independent, coproduce.Adviser, g.start.AddDate(0, 1, r.IntN(30))))
	}
	// People leave now and then (the chair stays); someone of the same
	// side and role joins a month or two later.
	for i := 1; i < len(g.members); i++ {
		m := g.members[i]
		leaves := m.joined.AddDate(0, 0, 120+r.IntN(365*6))
		if leaves.After(g.now) {
			continue
		}
		m.left = leaves
		if next := leaves.AddDate(0, 0, 30+r.IntN(40)); next.Before(g.now) {
			add(m.side, m.role, next)
		}
	}
	resident, officer := founders[1], founders[9]
	for i, m := range g.members {
		g.people++
		name := pick(r, firstNames) + " " + pick(r, surnames)
		g.b.Add("users", m.user, BenchEmail(g.n, i+1), name, g.hash, false, m.joined)
		var selected, inducted, acknowledged, left any
		var byResident, byOfficer any
		method := ""
		if m.side == coproduce.Residents {
			method = "Elected at an open residents' meeting"
			selected = m.joined.AddDate(0, 0, -14)
		}
		if i > 0 && r.Float64() < 0.6+0.35*g.quality {
			if t := m.joined.AddDate(0, 0, 14+r.IntN(30)); t.Before(g.now) && (m.left.IsZero() || t.Before(m.left)) {
				inducted, byResident, byOfficer = t, resident.id, officer.id
				g.log(t, g.chair.user, "member.updated", "member", m.id, "inducted")
			}
		}
		if t := m.joined.AddDate(0, 0, 3+r.IntN(10)); t.Before(g.now) && (m.left.IsZero() || t.Before(m.left)) {
			acknowledged = t
			g.log(t, m.user, "member.acknowledged-precepts", "member", m.id, "")
		}
		handover := ""
		if !m.left.IsZero() {
			left, handover = m.left, "Open requests and the contacts for "+pick(r, places)+" passed to the group."
			g.log(m.left, g.chair.user, "member.left", "member", m.id, "moved on")
		}
		g.b.Add("members",
			m.id, g.id, m.user, string(m.side), string(m.role), roleDescriptions[m.role], m.joined, left, method, selected,
			inducted, byResident, byOfficer, handover, acknowledged, g.chair.user, "Joined when the group was formed", r.Float64() < 0.6)
		g.log(m.joined, g.chair.user, "member.added", "member", m.id, string(m.role)+", "+string(m.side))
	}
}

// current lists the members at t, by side when side is set.
func (g *group) current(t time.Time, side coproduce.Constituency) []*member {
	var out []*member
	for _, m := range g.members {
		if m.currentAt(t) && (side == "" || m.side == side) {
			out = append(out, m)
		}
	}
	return out
}

// anyone returns a member current at t of side (any side when ""), or the
// chair when there is none.
func (g *group) anyone(t time.Time, side coproduce.Constituency) *member {
	if c := g.current(t, side); len(c) > 0 {
		return c[g.r.IntN(len(c))]
	}
	return g.chair
}

// setUp writes what a group agrees in its first months: where the project
// stands, decision areas, red lines, milestones, risks, stakeholders and
// the terms of reference.
func (g *group) setUp() {
	r, b, at := g.r, g.b, g.start.AddDate(0, 0, 7)
	lead := g.anyone(g.start.AddDate(0, 1, 0), coproduce.OrganisationSide)
	b.Add("project_context", g.id, "", min(7, g.years+r.IntN(2)), at)
	g.log(at, lead.user, "project.stage", "project", g.id, "stage set")
	for _, a := range areaNames {
		id := g.newID()
		rung := 4 + r.IntN(4)
		b.Add("decision_areas", id, g.id, a, rung, at)
		g.log(at, g.chair.user, "decision-area.added", "decision-area", id, a)
		g.areas, g.rungs = append(g.areas, id), append(g.rungs, coproduce.Rung(rung))
	}
	for i, rl := range redLines {
		id := g.newID()
		review := at.AddDate(1+i, 0, 0)
		b.Add("red_lines",
			id, g.id, rl.kind, rl.title, rl.owner, rl.reason, coproduce.MiddayLondon(at), coproduce.MiddayLondon(review), nil, at)
		g.log(at, lead.user, "red-line.added", "red-line", id, rl.title)
	}
	for i, title := range milestoneTitles {
		id := g.newID()
		due := coproduce.MiddayLondon(g.start.AddDate(i+1, r.IntN(6), 0))
		var done any
		if due.Before(g.now) {
			done = due
		}
		b.Add("milestones", id, g.id, title, due, done, at)
		g.log(at, lead.user, "milestone.added", "milestone", id, title)
	}
	for _, rk := range riskTitles {
		id := g.newID()
		b.Add("risks", id, g.id, rk.kind, rk.title, "", at, nil)
		g.log(at, lead.user, "risk.added", "risk", id, rk.title)
	}
	for i, s := range stakeholderNames {
		id := g.newID()
		b.Add("stakeholders",
			id, g.id, 1, "Strategic definition", s, "group", 1+r.IntN(5), 1+r.IntN(5), i%3 != 0, at)
		g.log(at, g.chair.user, "stakeholder.added", "stakeholder", id, s)
	}
	// Terms of reference, drafted in the first weeks and adopted by those
	// there at the second month.
	adopted := g.start.AddDate(0, 2, 0)
	id := g.newID()
	b.Add("tor_versions", id, g.id, 1, "adopted", at, adopted)
	for _, key := range coproduce.ToRSections {
		b.Add("tor_sections", id, key, torText[key])
	}
	for _, m := range g.current(adopted, "") {
		b.Add("tor_agreements", id, m.id, string(m.side), adopted)
	}
	g.log(at, g.chair.user, "tor.drafted", "tor", id, "version 1")
	g.log(adopted, g.chair.user, "tor.adopted", "tor", id, "version 1")
	for range 2 + r.IntN(3) {
		m := g.anyone(adopted, coproduce.Residents)
		id := g.newID()
		var met any
		if r.Float64() < 0.4+0.5*g.quality {
			met = adopted.AddDate(0, 1, 0)
		}
		b.Add("support_needs", id, g.id, m.id, pick(r, coproduce.SupportKinds), "", met, adopted)
		g.log(adopted, m.user, "support.recorded", "support-need", id, "")
	}
	g.plans(adopted)
}

// plans gives the group a theory of change, revised each year or two, its
// three horizons, and a vision statement from the library's template.
func (g *group) plans(from time.Time) {
	r := g.r
	toc := &coproduce.DocumentVersion{Sections: map[string]string{
		"problem":     "The blocks need major repairs and residents have had little say in the plans.",
		"power":       "Residents share the decisions on the design of the new homes\nResidents decide how moves are arranged",
		"activities":  "Monthly meetings with papers a week ahead\nDoor-knocking before every big decision",
		"outputs":     "Twelve meetings a year\nA decisions log everyone can read",
		"impact":      "New homes residents helped design, and a community that trusts the landlord.",
		"assumptions": "The funding holds\nResidents have time and support to take part",
	}, Outcomes: []coproduce.Outcome{{Text: "Residents read the papers before decisions", Indicator: "papers-on-time"},
		{Text: "Decisions are made in the room", Indicator: "decisions-at-meetings"}}}
	var versions []time.Time
	for at := from.AddDate(0, 1, 0); at.Before(g.now); at = at.AddDate(1+r.IntN(2), 0, 0) {
		versions = append(versions, at)
	}
	if len(versions) == 0 {
		return
	}
	g.document(coproduce.TheoryOfChangeDoc, "", "Theory of change", pick(r, []string{"group", "public"}), toc, versions)
	if r.Float64() < 0.5+0.5*g.quality {
		g.document(coproduce.ThreeHorizonsDoc, "", "Three horizons", "group", &coproduce.DocumentVersion{Sections: map[string]string{
			"first": "Officers draw up options for residents to comment on", "third": "Residents and officers shape options together",
			"second-now": "Agree the agenda together", "second-aspired": "A resident on the project board"}}, versions[:1])
	}
	if e, ok := framework.LibraryEntry("vision-statement"); ok {
		g.document(coproduce.TemplateDoc, e.ID, "Our vision", "public", &coproduce.DocumentVersion{Body: e.Body}, []time.Time{from})
	}
}

// document writes a document saved at each of the times, each version
// the same text but for its note.
func (g *group) document(kind coproduce.DocumentKind, template, title, visibility string, v *coproduce.DocumentVersion, saved []time.Time) {
	content, err := store.EncodeDocumentVersion(v)
	if err != nil {
		panic(err) // maps and strings always encode
	}
	id := g.newID()
	g.b.Add("documents", id, g.id, string(kind), template, title, visibility, saved[0])
	for i, at := range saved {
		by := g.anyone(at, "")
		g.b.Add("document_versions", id, i+1, string(content), fmt.Sprintf("Reviewed at the meeting of %s", at.Format("January 2006")), by.id, at)
		g.log(at, by.user, "document.saved", "document", id, fmt.Sprintf("%s: version %d saved (%s)", kind, i+1, visibility))
	}
}

// meeting is a generated meeting, for the records that point at it.
type meeting struct {
	id     int64
	starts time.Time
	papers []int64
}

// meetings writes a meeting a month from the group's start to two months
// ahead, with agendas, papers, attendance, minutes, decisions and actions.
func (g *group) meetings() []*meeting {
	r, b := g.r, g.b
	var out []*meeting
	first := g.start.In(london)
	for month := 1; ; month++ {
		starts := meetingDay(first.Year(), first.Month()+time.Month(month))
		if starts.After(g.now.AddDate(0, 2, 0)) {
			break
		}
		m := &meeting{id: g.newID(), starts: starts}
		created := starts.AddDate(0, -1, 0)
		visibility := "public"
		if r.Float64() < 0.15 {
			visibility = "group"
		}
		var host any
		venue := "Community centre, " + pick(r, places) + " Road"
		if r.Float64() < 0.3 {
			h := g.anyone(starts, coproduce.Residents)
			host, venue = h.id, "Residents' room, "+pick(r, places)+" House"
		}
		b.Add("meetings",
			m.id, g.id, "Steering group meeting", starts, 120, venue, "", host, "Step-free entrance. Hearing loop in the hall.", visibility, created, nil)
		g.log(created, g.chair.user, "meeting.created", "meeting", m.id, "for "+starts.Format("2006-01-02 15:04 UTC")+", "+visibility)
		g.agenda(m, created)
		g.papers(m)
		if starts.Before(g.now) {
			g.attendance(m)
			g.decisions(m)
			g.actions(m)
		}
		out = append(out, m)
	}
	// Minutes: approved at the next meeting held; the latest circulated.
	for i, m := range out {
		if !m.starts.Before(g.now) {
			break
		}
		circulated := m.starts.AddDate(0, 0, 7)
		status, approved, at := "draft", any(nil), any(nil)
		var circ any
		if circulated.Before(g.now) {
			status, circ = "circulated", circulated
		}
		if i+1 < len(out) && out[i+1].starts.Before(g.now) {
			status, approved, at = "approved", out[i+1].starts, out[i+1].id
		}
		b.Add("minutes",
			m.id, minutesText(r), status, "public", m.starts.AddDate(0, 0, 3), circ, approved, at)
		g.log(m.starts.AddDate(0, 0, 3), g.chair.user, "minutes.saved", "minutes", m.id, "")
		if circ != nil {
			g.log(circulated, g.chair.user, "minutes.circulated", "minutes", m.id, "was draft")
		}
		if approved != nil {
			g.log(out[i+1].starts, g.chair.user, "minutes.approved", "minutes", m.id, "was circulated")
		}
	}
	return out
}

func (g *group) agenda(m *meeting, created time.Time) {
	r, b := g.r, g.b
	for i, kind := range coproduce.FixedItems {
		b.Add("agenda_items", g.newID(), m.id, store.FixedItemPositions[i], string(kind), "", "", nil, "", created)
	}
	for i := range 1 + r.IntN(3) {
		side := coproduce.OrganisationSide
		if r.Float64() < 0.3+0.4*g.quality {
			side = coproduce.Residents
		}
		who := g.anyone(m.starts.AddDate(0, 0, -14), side)
		idea := pick(r, agendaIdeas)
		id := g.newID()
		at := m.starts.AddDate(0, 0, -14+i)
		b.Add("agenda_items", id, m.id, 30+10*i, "proposed", idea.title, idea.about, who.id, string(who.side), at)
		g.log(at, who.user, "agenda.proposed", "agenda-item", id, idea.title)
	}
}

// papers go out five working days ahead, or late, as often as the group's
// quality says; papers for meetings more than ten days off are not in yet.
func (g *group) papers(m *meeting) {
	r, b := g.r, g.b
	if m.starts.After(g.now.AddDate(0, 0, 10)) {
		return
	}
	deadline := coproduce.CirculationDeadline(m.starts, 5)
	for i := range 2 + r.IntN(2) {
		id := g.newID()
		circulated := deadline.Add(-time.Duration(1+r.IntN(72)) * time.Hour)
		if r.Float64() > 0.5+0.5*g.quality {
			circulated = m.starts.Add(-time.Duration(2+r.IntN(70)) * time.Hour)
		}
		uploaded := circulated.Add(-time.Duration(r.IntN(48)) * time.Hour)
		var circ any = circulated
		if circulated.After(g.now) {
			circ = nil
		}
		if uploaded.After(g.now) {
			continue
		}
		visibility := "group"
		if r.Float64() < 0.35 {
			visibility = "public"
		}
		uploader := g.anyone(uploaded, coproduce.OrganisationSide)
		title := pick(r, paperTitles)
		b.Add("papers",
			id, g.id, m.id, title, "What the group is asked to discuss, with the options and their costs.",
			fmt.Sprintf("paper-%d.pdf", i+1), "application/pdf", len(g.pdf), visibility, "", uploader.user, uploaded, circ)
		b.Add("paper_files", id, g.pdf)
		g.log(uploaded, uploader.user, "paper.added", "paper", id, title)
		if circ != nil {
			g.log(circulated, uploader.user, "paper.circulated", "paper", id, "")
		}
		m.papers = append(m.papers, id)
	}
}

func (g *group) attendance(m *meeting) {
	r := g.r
	for _, mem := range g.current(m.starts, "") {
		status := "present"
		switch x := r.Float64(); {
		case x > 0.75+0.2*g.quality:
			status = "absent"
		case x > 0.65+0.2*g.quality:
			status = "apologies"
		}
		g.b.Add("attendance", m.id, mem.id, status, m.starts.Add(3*time.Hour))
	}
	g.log(m.starts.Add(3*time.Hour), g.chair.user, "meeting.attendance", "meeting", m.id, "")
}

// decisions made at a meeting, and now and then one made outside the
// group, explained or not.
func (g *group) decisions(m *meeting) {
	r := g.r
	for range r.IntN(3) {
		g.decision(m, false)
	}
	if r.Float64() < 0.35-0.3*g.quality {
		g.decision(m, true)
	}
}

func (g *group) decision(m *meeting, outside bool) {
	r, b := g.r, g.b
	id := g.newID()
	d := pick(r, decisionIdeas)
	decided := coproduce.MiddayLondon(m.starts)
	method := "consensus"
	switch x := r.Float64(); {
	case x > 0.9:
		method = "delegated"
	case x > 0.75:
		method = "vote"
	}
	var meetingID, explained any = m.id, nil
	explanation := ""
	if outside {
		meetingID, method = nil, "delegated"
		decided = coproduce.MiddayLondon(m.starts.AddDate(0, 0, 10))
		if decided.After(g.now) {
			return
		}
		if r.Float64() < 0.3+0.7*g.quality {
			explanation = "The cabinet had to decide before the funding deadline; the reasons were set out at the next meeting."
			explained = coproduce.MiddayLondon(decided.AddDate(0, 0, 7+r.IntN(20)))
		}
	}
	dissent := ""
	positions := map[coproduce.Constituency]string{coproduce.Residents: "agreed", coproduce.OrganisationSide: "agreed"}
	if r.Float64() < 0.2 {
		positions[coproduce.Residents], dissent = pick(r, []string{"mixed", "disagreed"}), "Some residents wanted more time to ask neighbours."
	}
	if outside {
		positions[coproduce.Residents] = "not-consulted"
	}
	created, area := decided.Add(time.Hour), r.IntN(len(g.areas))
	b.Add("decisions",
		id, g.id, d.title, d.context, d.options, d.outcome, method, decided, meetingID, outside, explanation, explained,
		g.areas[area], dissent, r.Float64() < 0.6, created)
	for _, side := range []coproduce.Constituency{coproduce.Residents, coproduce.OrganisationSide} {
		b.Add("decision_positions", id, string(side), positions[side])
	}
	if !outside && len(m.papers) > 0 {
		b.Add("decision_papers", id, m.papers[0])
	}
	where := "at a meeting"
	if outside {
		where = "outside the group"
	}
	g.log(created, g.chair.user, "decision.recorded", "decision", id, fmt.Sprintf("%s, by %s", where, method))
	if !outside && r.Float64() < 0.15 {
		g.check(id, decided, coproduce.CheckEvidence{Decision: d.title, Outcome: d.outcome, DecidedOn: decided, Method: coproduce.DecisionMethod(method),
			Meeting: "Steering group meeting", MeetingOn: m.starts, Area: areaNames[area], AreaRung: g.rungs[area],
			Positions: map[coproduce.Constituency]coproduce.Position{coproduce.Residents: coproduce.Position(positions[coproduce.Residents]),
				coproduce.OrganisationSide: coproduce.Position(positions[coproduce.OrganisationSide])}, Dissent: dissent})
	}
	// Feedback from the community that this decision answered.
	if r.Float64() < 0.25 {
		fid := g.newID()
		received := decided.AddDate(0, 0, -20)
		b.Add("feedback",
			fid, g.id, "public", nil, d.title, "Neighbours asked the group to think again about "+strings.ToLower(d.title)+".", "", "", "acted-on", received, nil)
		b.Add("feedback_links",
			fid, id, "You asked us to think again about "+strings.ToLower(d.title)+".", d.outcome, r.Float64() < 0.7, created)
		g.log(received, g.chair.user, "feedback.received", "feedback", fid, "public")
		g.log(created, g.chair.user, "feedback.linked", "feedback", fid, "")
	}
}

// check sends a decision up to cabinet with an accountability check; a
// group that keeps to the framework more often hears back in time.
func (g *group) check(decision int64, decided time.Time, e coproduce.CheckEvidence) {
	r := g.r
	sent := coproduce.MiddayLondon(decided.AddDate(0, 0, 5+r.IntN(15)))
	if sent.After(g.now) {
		return
	}
	evidence, err := json.Marshal(e)
	if err != nil {
		panic(err) // plain values always encode
	}
	officer := g.anyone(sent, coproduce.OrganisationSide)
	id := g.newID()
	outcome, response, responded, recorder := "", "", any(nil), any(nil)
	if at := coproduce.MiddayLondon(sent.AddDate(0, 0, 10+int(90*(1-g.quality)*r.Float64()))); at.Before(g.now) && r.Float64() < 0.5+0.5*g.quality {
		outcome, response, responded, recorder = pick(r, coproduce.ResponseOutcomes), "Cabinet considered the group's recommendation.", at, officer.id
	}
	g.b.Add("accountability_checks", id, g.id, decision, g.cabinet, string(e.SuggestedReach()), int(e.AreaRung), "The group reached this together; its records are attached.",
		string(evidence), sent, officer.id, sent, outcome, response, responded, recorder)
	g.log(sent, officer.user, "accountability.sent", "accountability-check", id, fmt.Sprintf("decision %d sent to Cabinet", decision))
	if responded != nil {
		g.log(responded.(time.Time), officer.user, "accountability.answered", "accountability-check", id, "Cabinet: "+outcome)
	}
}

func (g *group) actions(m *meeting) {
	r, b := g.r, g.b
	for range 1 + r.IntN(3) {
		id := g.newID()
		owner := g.anyone(m.starts, "")
		due := coproduce.MiddayLondon(m.starts.AddDate(0, 1, 0))
		status, closed := "open", any(nil)
		if t := due.AddDate(0, 0, r.IntN(30)-20); t.Before(g.now) && r.Float64() < 0.6+0.35*g.quality {
			status, closed = "done", t
		} else if r.Float64() < 0.05 {
			status, closed = "dropped", due
		}
		title := pick(r, actionTitles)
		created := m.starts.Add(3 * time.Hour)
		b.Add("actions",
			id, g.id, title, owner.id, due, status, m.id, nil, created, closed, 0)
		g.log(created, g.chair.user, "action.added", "action", id, title)
		if closed != nil {
			g.log(closed.(time.Time), owner.user, "action.status", "action", id, status)
		}
	}
}

// between writes what happens between meetings: outreach fed back at the
// next meeting, information requests, updates, concerns, training,
// reviews and skills audits.
func (g *group) between(meetings []*meeting) {
	r, b := g.r, g.b
	// next is the first meeting held after t (meetings are in order).
	next := func(t time.Time) any {
		i, _ := slices.BinarySearchFunc(meetings, t, func(m *meeting, t time.Time) int {
			if m.starts.After(t) {
				return 1
			}
			return -1
		})
		if i < len(meetings) && meetings[i].starts.Before(g.now) {
			return meetings[i].id
		}
		return nil
	}
	for month := g.start; month.Before(g.now); month = month.AddDate(0, 1, 0) {
		for _, rep := range g.current(month, coproduce.Residents) {
			for range r.IntN(3) {
				day := coproduce.MiddayLondon(month.AddDate(0, 0, r.IntN(28)))
				if day.After(g.now) || !rep.currentAt(day) {
					continue
				}
				id := g.newID()
				var fed any
				if r.Float64() < 0.3+0.65*g.quality {
					fed = next(day)
				}
				b.Add("outreach",
					id, g.id, rep.id, day, pick(r, coproduce.OutreachMethods), 3+r.IntN(40), pick(r, outreachThemes), "", fed, day)
				g.log(day, rep.user, "outreach.logged", "outreach", id, "")
				if r.Float64() < 0.15 {
					fid := g.newID()
					b.Add("feedback",
						fid, g.id, "outreach", id, "", "Asked when the repairs will be done while the plans are made.", "", "", pick(r, coproduce.FeedbackStatuses), day, rep.id)
					g.log(day, rep.user, "feedback.received", "feedback", fid, "outreach")
				}
			}
		}
		// Information requests: about one a month.
		if r.Float64() < 0.9 {
			asked := month.AddDate(0, 0, r.IntN(28))
			if asked.Before(g.now) {
				g.request(asked)
			}
		}
		// An update from the organisation most months.
		if r.Float64() < 0.8 {
			posted := month.AddDate(0, 0, r.IntN(28))
			if posted.Before(g.now) {
				author := g.anyone(posted, coproduce.OrganisationSide)
				if author.side == coproduce.OrganisationSide {
					id := g.newID()
					b.Add("updates", id, g.id, author.id, "organisation",
						pick(r, updateTitles), "The cabinet met this month. The report is in the papers for the next meeting.", posted)
					g.log(posted, author.user, "update.posted", "update", id, "")
				}
			}
		}
		// A concern now and then.
		if r.Float64() < 0.15 {
			raised := coproduce.MiddayLondon(month.AddDate(0, 0, r.IntN(28)))
			if raised.Before(g.now) {
				who := g.anyone(raised, "")
				id := g.newID()
				status := pick(r, coproduce.ConcernStatuses)
				outcome := ""
				if status.Ended() {
					outcome = "Talked through at the meeting; both sides agreed a way forward."
				}
				b.Add("concerns",
					id, g.id, pick(r, coproduce.ConcernKinds), "Papers arriving too late to read", "Several of us had the papers the night before.",
					who.id, raised, string(status), nil, outcome, raised, true)
				g.log(raised, who.user, "concern.raised", "concern", id, "")
			}
		}
		// Training each quarter, and six-monthly training reviews.
		if month.Month()%3 == 0 {
			g.training(month)
		}
		if month.Month()%6 == 0 {
			for _, m := range g.current(month, "") {
				if r.Float64() < 0.4+0.55*g.quality {
					held := coproduce.MiddayLondon(month.AddDate(0, 0, r.IntN(28)))
					if held.After(g.now) {
						continue
					}
					id := g.newID()
					b.Add("training_reviews",
						id, g.id, m.id, held, "Reading financial viability reports; chairing a small meeting.", g.chair.id, held)
					g.log(held, g.chair.user, "training.reviewed", "training-review", id, "")
				}
			}
		}
		if month.Month() == 9 {
			g.skillsAudit(month)
		}
	}
}

func (g *group) request(asked time.Time) {
	r, b := g.r, g.b
	asker, of := g.anyone(asked, coproduce.Residents), g.anyone(asked, coproduce.OrganisationSide)
	id := g.newID()
	due := coproduce.AddWorkingDays(asked, 20)
	answeredAt, answeredBy := any(nil), any(nil)
	answer, withheld, reason := "", false, ""
	if t := asked.AddDate(0, 0, 5+r.IntN(10+int(50*(1-g.quality)))); t.Before(g.now) {
		answeredAt, answeredBy, answer = t, of.id, "The figures are attached to the next meeting's papers."
		if r.Float64() < 0.06 {
			withheld, reason, answer = true, "Commercially sensitive until the contract is signed.", ""
		}
	}
	b.Add("info_requests",
		id, g.id, asker.id, of.id, pick(r, questions), asked, due, answeredAt, answeredBy, answer, withheld, reason)
	g.log(asked, asker.user, "request.asked", "info-request", id, "due "+due.Format("2006-01-02"))
	if answeredAt != nil {
		g.log(answeredAt.(time.Time), of.user, "request.answered", "info-request", id, "")
	}
}

func (g *group) training(month time.Time) {
	r, b := g.r, g.b
	day := coproduce.MiddayLondon(month.AddDate(0, 0, r.IntN(28)))
	if day.After(g.now) {
		return
	}
	id := g.newID()
	b.Add("training_sessions",
		id, g.id, pick(r, trainingTopics), day, false, g.chair.id, day)
	for _, m := range g.current(day, "") {
		if r.Float64() < 0.6 {
			b.Add("training_attendance", id, m.id)
		}
	}
	g.log(day, g.chair.user, "training.recorded", "training", id, "")
}

func (g *group) skillsAudit(month time.Time) {
	r, b := g.r, g.b
	opened := month.AddDate(0, 0, r.IntN(10))
	if opened.After(g.now) {
		return
	}
	id := g.newID()
	var closed any
	if t := opened.AddDate(0, 0, 21); t.Before(g.now) {
		closed = t
	}
	b.Add("skills_audits", id, g.id, strings.Join(skillTopics, "\n"), g.chair.id, opened, closed)
	g.log(opened, g.chair.user, "skills.opened", "skills-audit", id, strings.Join(skillTopics, ", "))
	for _, m := range g.current(opened, "") {
		if r.Float64() < 0.7 {
			for _, t := range skillTopics {
				b.Add("skills_ratings", id, m.id, t, 1+r.IntN(4), string(m.side))
			}
			g.log(opened.AddDate(0, 0, 3), m.user, "skills.answered", "skills-audit", id, "")
		}
	}
	if closed != nil {
		g.log(closed.(time.Time), g.chair.user, "skills.closed", "skills-audit", id, "")
	}
}

// healthRounds writes a perception round every six months, each closed
// and settled: ballots with no link to anyone, sides too small to show
// already blanked, and no record of who answered.
func (g *group) healthRounds() {
	r, b := g.r, g.b
	areas := make([]string, len(g.areas))
	for i, a := range g.areas {
		areas[i] = fmt.Sprint(a)
	}
	for k, opens := 1, g.start.AddDate(0, 6, 0); ; k, opens = k+1, opens.AddDate(0, 6, 0) {
		closes := opens.AddDate(0, 0, 21)
		if !closes.Before(g.now) {
			return
		}
		id := g.newID()
		type ballot struct {
			side    coproduce.Constituency
			answers map[string]int
		}
		var ballots []ballot
		sides := map[coproduce.Constituency]int{}
		for _, m := range g.current(opens, "") {
			if r.Float64() > 0.85 {
				continue
			}
			// Residents see the process less kindly than officers do,
			// the more so in groups that work less well.
			lean := 0.35 + 0.5*g.quality
			if m.side == coproduce.Residents {
				lean -= 0.15
			}
			answers := map[string]int{}
			for _, st := range g.statements {
				switch x := r.Float64(); {
				case x < 0.05:
					answers[st] = coproduce.DontKnow
				case x < 0.05+lean:
					answers[st] = 4 + r.IntN(2)
				default:
					answers[st] = 1 + r.IntN(3)
				}
			}
			ballots = append(ballots, ballot{m.side, answers})
			sides[m.side]++
			for _, area := range append([]int64{0}, g.areas...) {
				now := 2 + r.IntN(4)
				b.Add("health_placings", id, area, now, min(8, now+r.IntN(4)))
			}
			if r.Float64() < 0.2 {
				b.Add("health_comments", id, 1+r.IntN(10), "More time with the papers before we are asked to decide.")
			}
		}
		b.Add("health_rounds",
			id, g.id, fmt.Sprintf("Health check %d", k), opens, closes, coproduce.DefaultMinCell, strings.Join(g.statements, "\n"), strings.Join(areas, "\n"), g.chair.id, nil, len(ballots), opens)
		r.Shuffle(len(ballots), func(i, j int) { ballots[i], ballots[j] = ballots[j], ballots[i] })
		for _, bl := range ballots {
			side := string(bl.side)
			if sides[bl.side] < coproduce.DefaultMinCell { // blanked when the round settled
				side = ""
			}
			payload, _ := json.Marshal(map[string]map[string]int{"answers": bl.answers})
			b.Add("health_ballots", g.newID(), id, side, string(payload))
		}
		g.log(opens, g.chair.user, "health.opened", "health-round", id, fmt.Sprintf("Health check %d", k))
	}
}

func pick[T any](r *rand.Rand, from []T) T { return from[r.IntN(len(from))] }
