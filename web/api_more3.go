package web

import (
	"net/http"
	"strconv"
	"time"

	"coproduce"
)

type torVersionJSON struct {
	Number    int               `json:"number"`
	Status    string            `json:"status"`
	Sections  map[string]string `json:"sections"`
	Agreed    []torAgreeJSON    `json:"agreed_by"`
	CreatedAt time.Time         `json:"created_at"`
	AdoptedAt *time.Time        `json:"adopted_at"`
}

type torAgreeJSON struct {
	MemberID     string `json:"member_id"`
	Constituency string `json:"constituency"`
}

// apiTerms is every version of the terms of reference, newest first, with
// their sections.
func (s *Server) apiTerms(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	versions, err := s.db.FindAllToR(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	out := apiList[torVersionJSON]{Items: []torVersionJSON{}}
	for _, full := range versions {
		j := torVersionJSON{Number: full.Number, Status: string(full.Status), Sections: map[string]string{}, Agreed: []torAgreeJSON{},
			CreatedAt: full.CreatedAt.UTC(), AdoptedAt: apiTime(full.AdoptedAt)}
		for _, key := range coproduce.ToRSections {
			j.Sections[key] = full.Sections[key]
		}
		for _, a := range full.Agreements {
			j.Agreed = append(j.Agreed, torAgreeJSON{MemberID: apiID(a.MemberID), Constituency: string(a.Constituency)})
		}
		out.Items = append(out.Items, j)
	}
	writeJSON(w, http.StatusOK, out)
}

type stakeholderJSON struct {
	ID          string `json:"id"`
	Phase       int    `json:"phase"`
	PhaseName   string `json:"phase_name"`
	Name        string `json:"name"`
	Type        string `json:"type"`
	Influence   int    `json:"influence"`
	Affected    int    `json:"affected"`
	Represented bool   `json:"represented"`
}

// apiStakeholders is the stakeholder map for one phase of the project
// (?phase=, the current one by default).
func (s *Server) apiStakeholders(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	pc, err := s.db.FindProjectContext(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	phase := pc.CurrentStage
	if p := r.URL.Query().Get("phase"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n >= len(pc.Stages()) {
			s.problem(w, r, http.StatusBadRequest, tr("api.error.query"), []coproduce.FieldError{{Field: "phase", Message: tr("api.error.phase", len(pc.Stages())-1)}})
			return
		}
		phase = n
	}
	list, err := s.db.FindStakeholders(r.Context(), gr.Group.ID, phase)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	out := apiList[stakeholderJSON]{Items: []stakeholderJSON{}}
	for _, x := range list {
		out.Items = append(out.Items, stakeholderJSON{ID: apiID(x.ID), Phase: x.Phase, PhaseName: x.PhaseName, Name: x.Name, Type: x.Type,
			Influence: x.Influence, Affected: x.Affected, Represented: x.Represented})
	}
	writeJSON(w, http.StatusOK, out)
}

type skillsAuditJSON struct {
	ID       string          `json:"id"`
	Topics   []string        `json:"topics"`
	OpenedAt time.Time       `json:"opened_at"`
	ClosedAt *time.Time      `json:"closed_at"`
	Results  []skillsRowJSON `json:"results"` // once closed
}

type skillsRowJSON struct {
	Topic         string                   `json:"topic"`
	BySide        map[string]skillCellJSON `json:"by_side"`
	All           skillCellJSON            `json:"all"`
	Low           *int                     `json:"rated_low"` // shown only with the whole-group figure
	TrainingHelps bool                     `json:"training_would_help"`
}

type skillCellJSON struct {
	Count  int      `json:"count"`
	Mean   *float64 `json:"mean"` // null when hidden
	Hidden bool     `json:"hidden"`
}

func skillCell(c coproduce.SkillsCell) skillCellJSON {
	if c.Hidden {
		return skillCellJSON{Hidden: true}
	}
	if c.Count == 0 {
		return skillCellJSON{}
	}
	m := c.Mean
	return skillCellJSON{Count: c.Count, Mean: &m}
}

// apiSkills is the group's skills audits, newest first, with each closed
// audit's results by topic and side, small figures hidden as on the page.
// Nobody's own ratings are given out.
func (s *Server) apiSkills(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return
	}
	audits, err := s.db.FindSkillsAudits(r.Context(), gr.Group.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	out := apiList[skillsAuditJSON]{Items: []skillsAuditJSON{}}
	for _, a := range audits {
		j := skillsAuditJSON{ID: apiID(a.ID), Topics: a.Topics, OpenedAt: a.OpenedAt.UTC(), ClosedAt: apiTime(a.ClosedAt), Results: []skillsRowJSON{}}
		if !a.Open() {
			ratings, err := s.db.FindSkillsRatings(r.Context(), a.ID)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			for _, row := range coproduce.SkillsResults(a, ratings) {
				rj := skillsRowJSON{Topic: row.Topic, BySide: map[string]skillCellJSON{}, All: skillCell(row.All), TrainingHelps: row.NeedsFor}
				for c, cell := range row.ByGroup {
					rj.BySide[string(c)] = skillCell(cell)
				}
				if !row.All.Hidden {
					low := row.Low
					rj.Low = &low
				}
				j.Results = append(j.Results, rj)
			}
		}
		out.Items = append(out.Items, j)
	}
	writeJSON(w, http.StatusOK, out)
}

type auditEntryJSON struct {
	Seq      *int64    `json:"seq"` // for those who lead the group, as on the page
	At       time.Time `json:"at"`
	Actor    string    `json:"actor"`
	Action   string    `json:"action"`
	Entity   string    `json:"entity"`
	EntityID *string   `json:"entity_id"`
	Summary  string    `json:"summary"`
}

// apiAudit is the latest 200 entries of the group's record of changes, as
// its page shows them (entries about others' support needs left out
// except for those who lead).
func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroup)
	if !ok {
		return
	}
	entries, names, err := s.visibleAudit(r, gr)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	full := gr.Member != nil && gr.Member.Role.Leads()
	out := apiList[auditEntryJSON]{Items: []auditEntryJSON{}}
	for _, e := range entries {
		actor := tr("audit.system")
		if e.ActorID != 0 {
			actor = tr("member.former")
			if n, ok := names[e.ActorID]; ok {
				actor = n
			}
		}
		var seq *int64
		if full {
			n := e.Seq
			seq = &n
		}
		out.Items = append(out.Items, auditEntryJSON{Seq: seq, At: e.At.UTC(), Actor: actor, Action: e.Action, Entity: e.Entity, EntityID: optionalID(e.EntityID), Summary: e.Summary})
	}
	writeJSON(w, http.StatusOK, out)
}
