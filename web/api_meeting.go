package web

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"coproduce"
)

type meetingDetailJSON struct {
	meetingJSON
	Agenda     []agendaItemJSON `json:"agenda"`
	Papers     []paperJSON      `json:"papers"`
	Withheld   []withheldJSON   `json:"papers_withheld"`
	Minutes    *minutesJSON     `json:"minutes"`
	Attendance []attendanceJSON `json:"attendance"`
}

type agendaItemJSON struct {
	ID                   string  `json:"id"`
	Position             int     `json:"position"`
	Kind                 string  `json:"kind"`
	Title                string  `json:"title"`
	Description          string  `json:"description"`
	ProposerMemberID     *string `json:"proposer_member_id"`
	ProposerConstituency string  `json:"proposer_constituency"`
}

type paperJSON struct {
	ID           string     `json:"id"`
	Title        string     `json:"title"`
	Summary      string     `json:"summary"`
	ContentType  string     `json:"content_type"`
	Size         int64      `json:"size"`
	Visibility   string     `json:"visibility"`
	CirculatedAt *time.Time `json:"circulated_at"`
	Late         bool       `json:"late"`
	File         string     `json:"file"`
}

type withheldJSON struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

type minutesJSON struct {
	Status       string     `json:"status"`
	Visibility   string     `json:"visibility"`
	Body         string     `json:"body_markdown"`
	CirculatedAt *time.Time `json:"circulated_at"`
	ApprovedAt   *time.Time `json:"approved_at"`
}

type attendanceJSON struct {
	MemberID string `json:"member_id"`
	Status   string `json:"status"`
}

// apiMeeting is one meeting as its page shows it to the token's owner:
// its agenda; the papers they may see (and, for members, that a
// restricted paper exists and why, not what it is); the minutes once they
// may read them; and, for members, who attended.
func (s *Server) apiMeeting(w http.ResponseWriter, r *http.Request) {
	gr, m, ok := s.visibleMeeting(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	now := s.db.Now()
	base := s.cfg.BaseURL + groupPath(gr.Organisation, gr.Group, "")
	out := meetingDetailJSON{
		meetingJSON: meetingJSON{ID: apiID(m.ID), Title: m.Title, StartsAt: m.StartsAt.UTC(), Minutes: m.Minutes, Venue: m.Venue,
			HostMemberID: optionalID(m.HostMemberID), AccessNotes: m.AccessNotes, Visibility: string(m.Visibility),
			Status: meetingStatus(m, now), CancelledAt: apiTime(m.CancelledAt), Page: base + "/meetings/" + idValue(m.ID)},
		Agenda: []agendaItemJSON{}, Papers: []paperJSON{}, Withheld: []withheldJSON{}, Attendance: []attendanceJSON{},
	}
	if gr.Actor.CanInGroup(coproduce.SeeGroupRecords, gr.Group) {
		out.OnlineLink = m.OnlineLink
	}
	agenda, err := s.db.FindAgenda(ctx, m.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, it := range agenda {
		title := it.Title
		if it.Kind != coproduce.ItemProposed {
			title = tr("agenda.kind." + string(it.Kind))
		}
		out.Agenda = append(out.Agenda, agendaItemJSON{ID: apiID(it.ID), Position: it.Position, Kind: string(it.Kind), Title: title, Description: it.Description,
			ProposerMemberID: optionalID(it.ProposerMemberID), ProposerConstituency: string(it.ProposerConstituency)})
	}
	papers, err := s.db.FindPapers(ctx, m.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	deadline := coproduce.CirculationDeadline(m.StartsAt, gr.Group.PaperDeadlineDays)
	for _, p := range papers {
		switch {
		case gr.Actor.CanSee(p.Audience):
			out.Papers = append(out.Papers, paperJSON{ID: apiID(p.ID), Title: p.Title, Summary: p.Summary, ContentType: p.ContentType, Size: p.Size,
				Visibility: string(p.Audience.Visibility), CirculatedAt: apiTime(p.CirculatedAt), Late: p.Late(deadline, now), File: "/api/v1" + groupPath(gr.Organisation, gr.Group, "/papers/"+idValue(p.ID)+"/file")})
		case gr.Member != nil && p.Audience.Visibility == coproduce.Restricted:
			out.Withheld = append(out.Withheld, withheldJSON{ID: apiID(p.ID), Reason: p.Audience.Reason})
		}
	}
	v := &meetingView{groupRequest: gr, Meeting: m}
	if v.Minutes, err = s.db.FindMinutes(ctx, m.ID); err != nil && !errors.Is(err, coproduce.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	if v.SeeMinutes() {
		out.Minutes = &minutesJSON{Status: string(v.Minutes.Status), Visibility: string(v.Minutes.Visibility), Body: v.Minutes.Body,
			CirculatedAt: apiTime(v.Minutes.CirculatedAt), ApprovedAt: apiTime(v.Minutes.ApprovedAt)}
	}
	if gr.Member != nil {
		attendance, err := s.db.FindAttendance(ctx, m.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for id, a := range attendance {
			out.Attendance = append(out.Attendance, attendanceJSON{MemberID: apiID(id), Status: string(a)})
		}
		slices.SortFunc(out.Attendance, func(a, b attendanceJSON) int { return strings.Compare(a.MemberID, b.MemberID) })
	}
	writeJSON(w, http.StatusOK, out)
}
