package web

import (
	"errors"
	"net/http"
	"strconv"

	"coproduce"
)

// groupRequest is what every handler under /o/{org}/g/{group} starts from:
// the group, its organisation, and who is asking.
type groupRequest struct {
	Group        *coproduce.Group
	Organisation *coproduce.Organisation
	Actor        *coproduce.Actor
	Member       *coproduce.Member // the actor's current membership, or nil
}

// Can reports whether the actor has permission p in the group, for
// templates.
func (g *groupRequest) Can(p string) bool {
	return g.Actor.CanInGroup(permissions[p], g.Group)
}

// permissions names the permissions for templates.
var permissions = map[string]coproduce.Permission{
	"see":            coproduce.SeeGroup,
	"records":        coproduce.SeeGroupRecords,
	"manage-members": coproduce.ManageMembers,
	"edit":           coproduce.EditGroup,
	"contacts":       coproduce.SeeContactDetails,
	"meetings":       coproduce.ManageMeetings,
	"project":        coproduce.EditProject,
	"decisions":      coproduce.RecordDecisions,
}

// loadGroupToLead is loadGroup for the group's records, for the chair or
// facilitator only: anyone else gets 404.
func (s *Server) loadGroupToLead(w http.ResponseWriter, r *http.Request) (*groupRequest, bool) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if ok && !gr.Member.Role.Leads() {
		s.notFound(w, r)
		return nil, false
	}
	return gr, ok
}

// loadGroup finds the group in the path and checks the actor has
// permission need (0 for the public page). When it returns false it has
// answered the request: 404 for a group that does not exist or that the
// actor may not see, exactly alike, so nothing leaks.
func (s *Server) loadGroup(w http.ResponseWriter, r *http.Request, need coproduce.Permission) (*groupRequest, bool) {
	g, o, err := s.db.FindGroupBySlugs(r.Context(), r.PathValue("org"), r.PathValue("group"))
	if errors.Is(err, coproduce.ErrNotFound) {
		s.notFound(w, r)
		return nil, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	actor, err := s.actor(r)
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	if need != 0 && !actor.CanInGroup(need, g) {
		s.notFound(w, r)
		return nil, false
	}
	return &groupRequest{Group: g, Organisation: o, Actor: actor, Member: actor.MemberOf(g.ID)}, true
}

// actor returns who is making the request, with their memberships.
func (s *Server) actor(r *http.Request) (*coproduce.Actor, error) {
	return s.db.FindActor(r.Context(), currentVisitor(r).User)
}

// groupPath is the address of a group page.
func groupPath(o *coproduce.Organisation, g *coproduce.Group, rest string) string {
	return "/o/" + o.Slug + "/g/" + g.Slug + rest
}

type groupView struct {
	*groupRequest
	Done string
	Form *form

	// What the group chose to publish, shown to everyone.
	Listed    []*coproduce.Member
	Upcoming  []*coproduce.Meeting
	Minutes   []*coproduce.Meeting
	Decisions []*coproduce.Decision
	// AllMinutes and AllDecisions count what the page lists the latest
	// publicListLimit of.
	AllMinutes, AllDecisions int
	Vision                   string // from the terms of reference in force
	// Starting is the new group's checklist, for members.
	Starting *coproduce.StartingWell
	// Published are the plans and documents the group made public.
	Published []*coproduce.Document
	YouSaid   []coproduce.YouSaidWeDid
}

// groupPage is the group's public page: what the group chose to publish,
// readable without an account. Members also see their own place in it.
func (s *Server) groupPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, 0)
	if !ok {
		return
	}
	s.renderGroup(w, r, http.StatusOK, &groupView{groupRequest: gr, Form: newForm(), Done: doneMessage(r, "group.done.")})
}

// Path is a document's address, for the template.
func (v *groupView) Path(d *coproduce.Document) string { return documentPath(v.groupRequest, d) }

// publicListLimit is how many of the latest published decisions and
// minutes the group's page lists. A group publishes some every month for
// years; the page links to the open data, which has them all.
const publicListLimit = 12

// renderGroup draws the public page, with f as the feedback form.
func (s *Server) renderGroup(w http.ResponseWriter, r *http.Request, status int, v *groupView) {
	gr := v.groupRequest
	ctx := r.Context()
	members, err := s.db.FindMembers(ctx, gr.Group.ID, false)
	if err == nil {
		for _, m := range members {
			if m.ListedPublicly && !m.Former() {
				v.Listed = append(v.Listed, m)
			}
		}
		var meetings []*coproduce.Meeting
		if meetings, err = s.db.FindMeetings(ctx, gr.Group.ID, true); err == nil {
			now := s.db.Now()
			for _, m := range meetings {
				if m.StartsAt.After(now) && !m.Cancelled() {
					v.Upcoming = append(v.Upcoming, m)
				}
			}
			if v.Minutes, err = s.db.FindMeetingsWithPublishedMinutes(ctx, gr.Group.ID, publicListLimit); err == nil {
				v.Decisions, err = s.db.FindLatestPublishedDecisions(ctx, gr.Group.ID, publicListLimit)
			}
			if err == nil {
				v.AllDecisions, v.AllMinutes, err = s.db.CountPublished(ctx, gr.Group.ID)
			}
			if err == nil {
				v.Vision, err = s.adoptedVision(r, gr.Group.ID)
			}
			if err == nil {
				v.YouSaid, err = s.db.FindYouSaidWeDid(ctx, gr.Group.ID, youSaidLimit)
			}
			if err == nil {
				var docs []*coproduce.Document
				docs, err = s.db.FindDocuments(ctx, gr.Group.ID)
				for _, d := range docs {
					if d.Visibility == coproduce.Public {
						v.Published = append(v.Published, d)
					}
				}
			}
			if err == nil && gr.Member != nil {
				var sw coproduce.StartingWell
				sw, err = s.db.FindStartingWell(ctx, gr.Group.ID)
				sw.CountFounders(gr.Group, members)
				v.Starting = &sw
			}
		}
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "group", page{Nav: "groups", Data: v})
}

// listingSubmit records whether the signed-in member agrees to be named on
// the public page.
func (s *Server) listingSubmit(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	f, err := parseForm(w, r, "listed")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	if err := s.db.SetListedPublicly(r.Context(), gr.Actor.User.ID, gr.Group.ID, gr.Member.ID, f.Values["listed"] == "yes"); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "?done=listing"), http.StatusSeeOther)
}

func (s *Server) groupEditPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.EditGroup)
	if !ok {
		return
	}
	f := newForm()
	f.Values["name"], f.Values["area"], f.Values["description"] = gr.Group.Name, gr.Group.Area, gr.Group.Description
	f.Values["paper_deadline_days"] = strconv.Itoa(gr.Group.PaperDeadlineDays)
	s.render(w, r, http.StatusOK, "group-edit", page{Nav: "groups", Data: groupView{groupRequest: gr, Form: f}})
}

func (s *Server) groupEditSubmit(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.EditGroup)
	if !ok {
		return
	}
	f, err := parseForm(w, r, "name", "area", "description", "paper_deadline_days")
	if err != nil {
		s.badRequest(w, r)
		return
	}
	g := *gr.Group
	g.Name, g.Area, g.Description = f.Get("name"), f.Get("area"), f.Get("description")
	if g.PaperDeadlineDays, err = strconv.Atoi(f.Get("paper_deadline_days")); err != nil {
		g.PaperDeadlineDays = -1 // Validate names the problem
	}
	err = s.db.UpdateGroup(r.Context(), gr.Actor.User.ID, &g)
	if f.FailWith(err) {
		s.render(w, r, http.StatusUnprocessableEntity, "group-edit", page{Nav: "groups", Data: groupView{groupRequest: gr, Form: f}})
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, &g, "?done=saved"), http.StatusSeeOther)
}

// doneMessage returns the text key for a "done" confirmation in the query,
// if it names one under prefix; anything else shows nothing.
func doneMessage(r *http.Request, prefix string) string {
	key := prefix + r.URL.Query().Get("done")
	if _, ok := english[key]; !ok || r.URL.Query().Get("done") == "" {
		return ""
	}
	return key
}

// preceptsPage shows the five precepts to the group's members, with the
// acknowledgement each member gives on joining.
func (s *Server) preceptsPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroup)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "precepts", page{Nav: "groups", Data: groupView{groupRequest: gr}})
}

func (s *Server) preceptsAcknowledge(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	if err := s.db.AcknowledgePrecepts(r.Context(), gr.Actor.User.ID, gr.Group.ID, gr.Member.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, groupPath(gr.Organisation, gr.Group, "?done=precepts"), http.StatusSeeOther)
}

// adoptedVision returns the vision section of the group's terms of
// reference in force, or "" if none is adopted.
func (s *Server) adoptedVision(r *http.Request, groupID int64) (string, error) {
	versions, err := s.db.FindToRVersions(r.Context(), groupID)
	if err != nil {
		return "", err
	}
	for _, v := range versions {
		if v.Status == coproduce.ToRAdopted {
			tor, err := s.db.FindToR(r.Context(), groupID, v.Number)
			if err != nil {
				return "", err
			}
			return tor.Sections["vision"], nil
		}
	}
	return "", nil
}

// startPaths are where, under the group, each step of the starting-well
// checklist is taken.
var startPaths = map[string]string{
	"precepts":     "/precepts",
	"terms":        "/terms",
	"red-lines":    "/red-lines",
	"stakeholders": "/stakeholders",
	"skills":       "/skills",
	"induction":    "/members",
	"health":       "/health",
}
