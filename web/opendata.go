package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"coproduce"
)

// Open data: what a group publishes on its public page, as JSON and CSV,
// for anyone, with or without an account. Nothing here is more than the
// public page shows.

type openData struct {
	Group       openGroupJSON       `json:"group"`
	GeneratedAt time.Time           `json:"generated_at"`
	Vision      string              `json:"vision"`
	Members     []openMemberJSON    `json:"members"`
	Meetings    []openMeetingJSON   `json:"meetings"`
	Decisions   []openDecisionJSON  `json:"decisions"`
	YouSaid     []openYouSaidJSON   `json:"you_said_we_did"`
	Tables      map[string][]string `json:"csv"`
}

type openGroupJSON struct {
	Name         string `json:"name"`
	Slug         string `json:"slug"`
	Organisation string `json:"organisation"`
	Page         string `json:"page"`
}

type openMemberJSON struct {
	Name         string `json:"name"`
	Role         string `json:"role"`
	Constituency string `json:"constituency"`
}

type openMeetingJSON struct {
	ID               string    `json:"id"`
	Title            string    `json:"title"`
	StartsAt         time.Time `json:"starts_at"`
	Minutes          int       `json:"minutes"`
	Venue            string    `json:"venue"`
	AccessNotes      string    `json:"access_notes"`
	Status           string    `json:"status"`
	MinutesPublished bool      `json:"minutes_published"`
	Page             string    `json:"page"`
}

type openDecisionJSON struct {
	ID          string            `json:"id"`
	Title       string            `json:"title"`
	DecidedOn   *string           `json:"decided_on"`
	Where       string            `json:"where"`
	Method      string            `json:"method"`
	Positions   map[string]string `json:"positions"`
	Outcome     string            `json:"outcome"`
	Context     string            `json:"context"`
	Options     string            `json:"options"`
	Dissent     string            `json:"dissent"`
	Explanation string            `json:"explanation"`
	ExplainedOn *string           `json:"explained_on"`
	Page        string            `json:"page"`
}

type openYouSaidJSON struct {
	Said       string  `json:"you_said"`
	Did        string  `json:"we_did"`
	DecisionID string  `json:"decision_id"`
	Decision   string  `json:"decision"`
	DecidedOn  *string `json:"decided_on"`
}

// openDataTables are the CSV files, each a list in openData.
var openDataTables = []string{"members", "meetings", "decisions", "you-said-we-did"}

// youSaidAll is more "you said, we did" links than any group will have;
// the public page shows the latest few.
const youSaidAll = 100000

// buildOpenData gathers what the group publishes: every list, or with
// only, that list alone (a CSV needs no more).
func (s *Server) buildOpenData(r *http.Request, gr *groupRequest, only string) (*openData, error) {
	want := func(list string) bool { return only == "" || only == list }
	ctx := r.Context()
	page := func(rest string) string { return s.cfg.BaseURL + groupPath(gr.Organisation, gr.Group, rest) }
	d := &openData{
		Group:       openGroupJSON{Name: gr.Group.Name, Slug: gr.Group.Slug, Organisation: gr.Organisation.Name, Page: page("")},
		GeneratedAt: s.db.Now().UTC(), Members: []openMemberJSON{}, Meetings: []openMeetingJSON{}, Decisions: []openDecisionJSON{},
		YouSaid: []openYouSaidJSON{}, Tables: map[string][]string{},
	}
	for _, t := range openDataTables {
		d.Tables[t] = []string{page("/open-data/" + t + ".csv")}
	}
	var err error
	if only == "" {
		if d.Vision, err = s.adoptedVision(r, gr.Group.ID); err != nil {
			return nil, err
		}
	}
	if want("members") {
		if err := s.openMembers(ctx, gr, d); err != nil {
			return nil, err
		}
	}
	if want("meetings") {
		if err := s.openMeetings(ctx, gr, d, page); err != nil {
			return nil, err
		}
	}
	if want("decisions") {
		if err := s.openDecisions(ctx, gr, d, page); err != nil {
			return nil, err
		}
	}
	if want("you-said-we-did") {
		links, err := s.db.FindYouSaidWeDid(ctx, gr.Group.ID, youSaidAll)
		if err != nil {
			return nil, err
		}
		for i := len(links) - 1; i >= 0; i-- { // oldest first
			l := links[i]
			d.YouSaid = append(d.YouSaid, openYouSaidJSON{Said: l.Said, Did: l.Did, DecisionID: apiID(l.DecisionID), Decision: l.DecisionTitle, DecidedOn: apiDay(l.DecidedOn)})
		}
	}
	return d, nil
}

func (s *Server) openMembers(ctx context.Context, gr *groupRequest, d *openData) error {
	members, err := s.db.FindMembers(ctx, gr.Group.ID, false)
	for _, m := range members {
		if m.ListedPublicly && !m.Former() {
			d.Members = append(d.Members, openMemberJSON{Name: memberName(m), Role: string(m.Role), Constituency: string(m.Constituency)})
		}
	}
	return err
}

func (s *Server) openMeetings(ctx context.Context, gr *groupRequest, d *openData, page func(string) string) error {
	meetings, err := s.db.FindMeetings(ctx, gr.Group.ID, true)
	if err != nil {
		return err
	}
	withMinutes, err := s.db.FindMeetingsWithPublishedMinutes(ctx, gr.Group.ID, 0)
	if err != nil {
		return err
	}
	published := map[int64]bool{}
	for _, m := range withMinutes {
		published[m.ID] = true
	}
	now := s.db.Now()
	for _, m := range meetings {
		d.Meetings = append(d.Meetings, openMeetingJSON{ID: apiID(m.ID), Title: m.Title, StartsAt: m.StartsAt.UTC(), Minutes: m.Minutes, Venue: m.Venue,
			AccessNotes: m.AccessNotes, Status: meetingStatus(m, now), MinutesPublished: published[m.ID], Page: page("/meetings/" + idValue(m.ID))})
	}
	return nil
}

func (s *Server) openDecisions(ctx context.Context, gr *groupRequest, d *openData, page func(string) string) error {
	decisions, err := s.db.FindDecisions(ctx, gr.Group.ID, true)
	if err != nil {
		return err
	}
	for i := len(decisions) - 1; i >= 0; i-- { // oldest first
		x := decisions[i]
		where := "meeting"
		if x.Outside {
			where = "outside"
		}
		j := openDecisionJSON{ID: apiID(x.ID), Title: x.Title, DecidedOn: apiDay(x.DecidedOn), Where: where, Method: string(x.Method),
			Positions: map[string]string{}, Outcome: x.Outcome, Context: x.Context, Options: x.Options, Dissent: x.Dissent,
			Explanation: x.Explanation, ExplainedOn: apiDay(x.ExplainedOn), Page: page("/decisions/" + idValue(x.ID))}
		for c, p := range x.Positions {
			j.Positions[string(c)] = string(p)
		}
		d.Decisions = append(d.Decisions, j)
	}
	return nil
}

// openDataHeaders lets any site's scripts read open data.
func openDataHeaders(w http.ResponseWriter, contentType string) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("Cache-Control", "public, max-age=300")
}

// openDataJSON is everything the group publishes, as one JSON document.
func (s *Server) openDataJSON(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, 0)
	if !ok {
		return
	}
	d, err := s.buildOpenData(r, gr, "")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	openDataHeaders(w, "application/json")
	writeJSON(w, http.StatusOK, d)
}

// openDataCSV is one of the published lists as CSV.
func (s *Server) openDataCSV(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, 0)
	if !ok {
		return
	}
	name, ext, _ := strings.Cut(r.PathValue("file"), ".")
	known := false
	for _, t := range openDataTables {
		known = known || t == name
	}
	if !known || ext != "csv" {
		s.notFound(w, r)
		return
	}
	d, err := s.buildOpenData(r, gr, name)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var header []string
	var rows [][]string
	switch name {
	case "members":
		header = []string{"name", "role", "constituency"}
		for _, m := range d.Members {
			rows = append(rows, []string{m.Name, m.Role, m.Constituency})
		}
	case "meetings":
		header = []string{"id", "starts_at", "title", "minutes", "venue", "access_notes", "status", "minutes_published", "page"}
		for _, m := range d.Meetings {
			rows = append(rows, []string{m.ID, localTime(m.StartsAt), m.Title, fmt.Sprint(m.Minutes), m.Venue, m.AccessNotes, m.Status, yesNo(m.MinutesPublished), m.Page})
		}
	case "decisions":
		header = []string{"id", "decided_on", "title", "where", "method", "residents_position", "organisation_position", "independent_position",
			"outcome", "context", "options", "dissent", "explanation", "explained_on", "page"}
		for _, x := range d.Decisions {
			rows = append(rows, []string{x.ID, deref(x.DecidedOn), x.Title, x.Where, x.Method, x.Positions[string(coproduce.Residents)],
				x.Positions[string(coproduce.OrganisationSide)], x.Positions[string(coproduce.Independent)], x.Outcome, x.Context, x.Options,
				x.Dissent, x.Explanation, deref(x.ExplainedOn), x.Page})
		}
	case "you-said-we-did":
		header = []string{"you_said", "we_did", "decision_id", "decision", "decided_on"}
		for _, y := range d.YouSaid {
			rows = append(rows, []string{y.Said, y.Did, y.DecisionID, y.Decision, deref(y.DecidedOn)})
		}
	}
	openDataHeaders(w, "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="%s-%s.csv"`, gr.Group.Slug, name))
	writeCSV(w, header, eachRow(rows))
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
