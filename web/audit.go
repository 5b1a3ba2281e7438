package web

import (
	"net/http"

	"coproduce"
)

type auditView struct {
	*groupRequest
	Entries []*coproduce.AuditEntry
	Names   map[int64]string // user id → name, for the people in the group's history
	Check   *coproduce.AuditCheck
	// Full: the visitor sees every entry. Others are not shown entry
	// numbers or the count, whose gaps would give away hidden entries.
	Full bool
}

// auditPage shows the group's audit trail, newest first, and, on request,
// the result of checking the whole chain.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroup)
	if !ok {
		return
	}
	v := auditView{groupRequest: gr, Full: gr.Member != nil && gr.Member.Role.Leads()}
	var err error
	if v.Entries, v.Names, err = s.visibleAudit(r, gr); err != nil {
		s.serverError(w, r, err)
		return
	}
	if r.URL.Query().Get("verify") == "1" {
		check, err := s.db.VerifyAudit(r.Context(), gr.Group.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v.Check = &check
	}
	s.render(w, r, http.StatusOK, "audit", page{Nav: "groups", Data: v})
}

// visibleAudit returns the latest 200 entries of the group's record of
// changes the visitor may see, and the names of the people who made them.
func (s *Server) visibleAudit(r *http.Request, gr *groupRequest) ([]*coproduce.AuditEntry, map[int64]string, error) {
	entries, err := s.db.FindAuditEntries(r.Context(), gr.Group.ID, 200)
	if err != nil {
		return nil, nil, err
	}
	entries = privateAuditHidden(gr, entries)
	var actors []int64
	for _, e := range entries {
		if e.ActorID != 0 {
			actors = append(actors, e.ActorID)
		}
	}
	names, err := s.db.FindUserNames(r.Context(), actors)
	return entries, names, err
}

// privateAuditHidden leaves out the entries about members' support needs,
// which are private, unless the visitor made them or leads the group. The
// chain check still covers every entry.
func privateAuditHidden(gr *groupRequest, entries []*coproduce.AuditEntry) []*coproduce.AuditEntry {
	leads := gr.Member != nil && gr.Member.Role.Leads()
	kept := entries[:0:0]
	for _, e := range entries {
		if e.Entity == "support-need" && !leads && e.ActorID != gr.Actor.User.ID {
			continue
		}
		kept = append(kept, e)
	}
	return kept
}
