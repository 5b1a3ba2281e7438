// Package demo holds the demo data set: fictional organisations and
// steering groups with members at different stages, so a newcomer sees a
// working product at once and can sign in as each kind of person. The
// records are Go values; tests use the same set.
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"
	_ "time/tzdata" // Europe/London for the demo's dates, whatever the machine has

	"coproduce"
	"coproduce/store"
)

// Password is every demo account's password. The sign-in page shows it in
// demo mode only.
const Password = "coproduce demo"

// Account is a demo person, as the sign-in page lists them.
type Account struct {
	Email, Name string
	About       string // who they are, in a few words
	SiteAdmin   bool
}

// Accounts lists the demo people. Every name is invented.
func Accounts() []Account {
	return []Account{
		{Email: "grace@demo.coproduce.example", Name: "Grace Okafor", About: "independent chair of both Brookfield groups"},
		{Email: "rita@demo.coproduce.example", Name: "Rita Mensah", About: "resident representative at Larkhill, inducted"},
		{Email: "jamal@demo.coproduce.example", Name: "Jamal Hussain", About: "resident representative at Larkhill, just joined"},
		{Email: "helen@demo.coproduce.example", Name: "Helen Clarke", About: "council regeneration officer in both groups"},
		{Email: "tom@demo.coproduce.example", Name: "Tom Reilly", About: "independent facilitator at Larkhill"},
		{Email: "ana@demo.coproduce.example", Name: "Ana Costa", About: "independent tenants' adviser at Larkhill"},
		{Email: "maureen@demo.coproduce.example", Name: "Maureen Byrne", About: "resident representative at Larkhill, blocks E and F"},
		{Email: "kwame@demo.coproduce.example", Name: "Kwame Asante", About: "resident representative at Larkhill, leaseholders"},
		{Email: "fatima@demo.coproduce.example", Name: "Fatima Begum", About: "resident representative at Larkhill, Wharf Walk"},
		{Email: "owen@demo.coproduce.example", Name: "Owen Price", About: "council finance officer at Larkhill"},
		{Email: "claire@demo.coproduce.example", Name: "Claire Doyle", About: "council planning officer at Larkhill"},
		{Email: "sam@demo.coproduce.example", Name: "Sam Taylor", About: "resident representative at Canal Side"},
		{Email: "bernadette@demo.coproduce.example", Name: "Bernadette Walsh", About: "resident representative at Canal Side"},
		{Email: "yusuf@demo.coproduce.example", Name: "Yusuf Ali", About: "resident representative at Canal Side"},
		{Email: "nadia@demo.coproduce.example", Name: "Nadia Rahman", About: "resident representative at Canal Side"},
		{Email: "marcus@demo.coproduce.example", Name: "Marcus Green", About: "council housing officer at Canal Side"},
		{Email: "joanne@demo.coproduce.example", Name: "Joanne Evans", About: "council parks officer at Canal Side"},
		{Email: "dev@demo.coproduce.example", Name: "Dev Patel", About: "former council officer at Larkhill, left with a handover"},
		{Email: "priya@demo.coproduce.example", Name: "Priya Shah", About: "administers the London Borough of Brookfield"},
		{Email: "olu@demo.coproduce.example", Name: "Olu Adeyemi", About: "chair at Northway Community Homes, another organisation"},
		{Email: "admin@demo.coproduce.example", Name: "Site Administrator", About: "administers this installation", SiteAdmin: true},
	}
}

// Load stores the demo data set if the database holds no organisations
// yet, and reports whether it did. A database already in use is left
// alone, so starting with --demo twice, or on real data, changes nothing.
// When several instances start with --demo at once, the one that loses the
// race finds the data there and carries on.
func Load(ctx context.Context, db *store.DB, passwords coproduce.PasswordParams) (bool, error) {
	n, err := db.CountOrganisations(ctx)
	if err != nil || n > 0 {
		return false, err
	}
	l := &loader{db: db, ctx: ctx, users: map[string]*coproduce.User{}, now: db.Now()}
	brookfield := &coproduce.Organisation{Slug: "brookfield-council", Name: "London Borough of Brookfield"}
	larkhill := &coproduce.Group{Slug: "larkhill-estate", Name: "Larkhill Estate Steering Group", Area: "Larkhill Estate, Brookfield",
		Description: "Residents of the Larkhill Estate and the council deciding together how the estate is renewed: which homes are refurbished or rebuilt, how residents move and return, and what the new estate will have."}
	canal := &coproduce.Group{Slug: "canal-side", Name: "Canal Side Regeneration Steering Group", Area: "Canal Side and Wharf Road",
		Description: "Residents and the council shaping the new homes and green space along the canal."}
	err = db.CreateOrganisationWithGroups(ctx, brookfield, []*coproduce.Group{larkhill, canal})
	if errors.Is(err, coproduce.ErrConflict) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	northway := &coproduce.Organisation{Slug: "northway-homes", Name: "Northway Community Homes"}
	ashby := &coproduce.Group{Slug: "ashby-road", Name: "Ashby Road Residents' Panel", Area: "Ashby Road blocks A to F"}
	if err := db.CreateOrganisationWithGroups(ctx, northway, []*coproduce.Group{ashby}); err != nil {
		return false, err
	}

	// One hash serves every demo account: they share the demo password,
	// and hashing once keeps start-up quick.
	hash := coproduce.HashPassword(Password, passwords)
	for _, a := range Accounts() {
		u := &coproduce.User{Email: a.Email, Name: a.Name, PasswordHash: hash, IsAdmin: a.SiteAdmin}
		if err := db.CreateUser(ctx, u); err != nil {
			return false, fmt.Errorf("demo account %s: %w", a.Email, err)
		}
		l.users[a.Name] = u
	}
	if err := db.AddOrganisationAdmin(ctx, 0, brookfield.ID, l.users["Priya Shah"].ID); err != nil {
		return false, err
	}

	months := func(n int) time.Time { return l.now.AddDate(0, -n, 0) }
	grace := l.join(larkhill, "Grace Okafor", coproduce.Chair, coproduce.Independent, months(30), "Appointed by residents and council together after open interviews")
	helen := l.join(larkhill, "Helen Clarke", coproduce.OrganisationRep, coproduce.OrganisationSide, months(30), "Regeneration project lead")
	rita := l.join(larkhill, "Rita Mensah", coproduce.ResidentRepresentative, coproduce.Residents, months(24), "Elected at the residents' annual meeting")
	l.join(larkhill, "Tom Reilly", coproduce.Facilitator, coproduce.Independent, months(28), "Chosen from the jointly agreed list of facilitators")
	l.join(larkhill, "Ana Costa", coproduce.Adviser, coproduce.Independent, months(26), "Independent tenants' adviser funded by the council")
	dev := l.join(larkhill, "Dev Patel", coproduce.OrganisationRep, coproduce.OrganisationSide, months(30), "Housing management lead")
	l.join(larkhill, "Jamal Hussain", coproduce.ResidentRepresentative, coproduce.Residents, l.now.AddDate(0, 0, -6), "Elected at the residents' meeting to fill a vacancy")
	l.join(larkhill, "Maureen Byrne", coproduce.ResidentRepresentative, coproduce.Residents, months(28), "Elected by the residents of blocks E and F")
	l.join(larkhill, "Kwame Asante", coproduce.ResidentRepresentative, coproduce.Residents, months(28), "Chosen by the leaseholders' association")
	l.join(larkhill, "Fatima Begum", coproduce.ResidentRepresentative, coproduce.Residents, months(27), "Elected at the Wharf Walk residents' meeting")
	l.join(larkhill, "Owen Price", coproduce.OrganisationRep, coproduce.OrganisationSide, months(29), "Finance lead for the regeneration budget")
	l.join(larkhill, "Claire Doyle", coproduce.OrganisationRep, coproduce.OrganisationSide, months(27), "Planning officer for the estate")
	l.join(canal, "Grace Okafor", coproduce.Chair, coproduce.Independent, months(14), "Appointed by residents and council together")
	l.join(canal, "Bernadette Walsh", coproduce.ResidentRepresentative, coproduce.Residents, months(14), "Elected at a public meeting of Canal Side residents")
	l.join(canal, "Yusuf Ali", coproduce.ResidentRepresentative, coproduce.Residents, months(14), "Elected at a public meeting of Canal Side residents")
	l.join(canal, "Nadia Rahman", coproduce.ResidentRepresentative, coproduce.Residents, months(13), "Chosen by the Wharf Road tenants' association")
	l.join(canal, "Marcus Green", coproduce.OrganisationRep, coproduce.OrganisationSide, months(14), "Housing officer for Canal Side")
	l.join(canal, "Joanne Evans", coproduce.OrganisationRep, coproduce.OrganisationSide, months(14), "Parks officer for the canal-side green")
	l.join(canal, "Helen Clarke", coproduce.OrganisationRep, coproduce.OrganisationSide, months(14), "Regeneration project lead")
	l.join(canal, "Sam Taylor", coproduce.ResidentRepresentative, coproduce.Residents, months(12), "Elected at a public meeting of Canal Side residents")
	l.join(ashby, "Olu Adeyemi", coproduce.Chair, coproduce.Independent, months(8), "Appointed by the panel")

	actor := l.users["Grace Okafor"].ID
	selection := "Election at the residents' annual meeting, open to every household on the estate"
	selected := months(24).AddDate(0, 0, -10)
	l.update(larkhill, actor, rita, store.MemberUpdate{SelectionMethod: &selection, SelectedAt: &selected,
		RoleDescription: ptr("Speaks for the residents of blocks A to D, holds a monthly drop-in at the community centre, and reports back what neighbours say."),
		InductedAt:      ptr(months(23)), InductedByResidentID: nil, InductedByOrganisationID: ptr(helen.ID),
		InductionNotes: ptr("Walked through the terms of reference, the project stages and the papers so far.")})
	l.update(larkhill, actor, helen, store.MemberUpdate{InductedAt: ptr(months(29)), InductedByResidentID: ptr(rita.ID),
		RoleDescription: ptr("Brings the council's plans, constraints and decisions to the group, and answers requests for information.")})
	l.update(larkhill, actor, grace, store.MemberUpdate{InductedAt: ptr(months(29))})
	for _, name := range []string{"Grace Okafor", "Helen Clarke", "Rita Mensah"} {
		m := l.members[larkhill.ID][name]
		if l.err == nil {
			l.err = db.AcknowledgePrecepts(ctx, m.UserID, larkhill.ID, m.ID)
		}
	}
	if l.err == nil {
		l.err = db.EndMembership(ctx, actor, larkhill.ID, dev.ID,
			"Repairs backlog report is with Helen. Residents asked for the damp survey results by March; the request is logged. Sam at the housing office knows the history of blocks E and F.",
			"Moved to another council department")
	}
	l.loadRecords(larkhill, canal)
	l.loadGovernance(brookfield, larkhill, canal)
	if l.err != nil {
		return false, l.err
	}
	return true, nil
}

// loader remembers the first error, so the data set reads as a list.
type loader struct {
	db      *store.DB
	ctx     context.Context
	users   map[string]*coproduce.User
	members map[int64]map[string]*coproduce.Member
	now     time.Time
	err     error
}

func (l *loader) join(g *coproduce.Group, name string, role coproduce.Role, c coproduce.Constituency, joined time.Time, reason string) *coproduce.Member {
	if l.err != nil {
		return &coproduce.Member{}
	}
	m := &coproduce.Member{GroupID: g.ID, UserID: l.users[name].ID, Role: role, Constituency: c, JoinedAt: joined, AddedReason: reason}
	l.err = l.db.AddMember(l.ctx, 0, m)
	if l.members == nil {
		l.members = map[int64]map[string]*coproduce.Member{}
	}
	if l.members[g.ID] == nil {
		l.members[g.ID] = map[string]*coproduce.Member{}
	}
	l.members[g.ID][name] = m
	return m
}

func (l *loader) update(g *coproduce.Group, actor int64, m *coproduce.Member, upd store.MemberUpdate) {
	if l.err == nil {
		_, l.err = l.db.UpdateMember(l.ctx, actor, g.ID, m.ID, upd)
	}
}

func ptr[T any](v T) *T { return &v }
