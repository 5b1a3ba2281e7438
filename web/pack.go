package web

import (
	"net/http"
	"time"

	"coproduce"
)

type packView struct {
	meetingView
	Previous     *coproduce.Meeting
	LastActions  []*coproduce.Action // from the previous meeting
	OpenActions  []*coproduce.Action // every open action of the group
	ActionOwners map[int64]*coproduce.Member
	Updates      []*coproduce.Update // posted since the previous meeting, for members
}

// packPage is the meeting pack, made for printing: the meeting's details,
// the agenda with the project recap, the papers list, and the actions
// from the last meeting. Who may see it is as for the meeting.
func (s *Server) packPage(w http.ResponseWriter, r *http.Request) {
	gr, m, ok := s.visibleMeeting(w, r)
	if !ok {
		return
	}
	v := &packView{meetingView: meetingView{groupRequest: gr, Meeting: m}}
	v.ensureForms()
	ctx := r.Context()
	v.Now, v.Deadline = s.db.Now(), coproduce.CirculationDeadline(m.StartsAt, gr.Group.PaperDeadlineDays)
	papers, err := s.db.FindPapers(ctx, m.ID)
	if err == nil {
		for _, p := range papers {
			if gr.Actor.CanSee(p.Audience) {
				v.Papers = append(v.Papers, p)
			}
		}
		v.Agenda, err = s.db.FindAgenda(ctx, m.ID)
	}
	if err == nil {
		if v.Context, err = s.db.FindProjectContext(ctx, gr.Group.ID); err == nil {
			if v.Milestones, err = s.db.FindMilestones(ctx, gr.Group.ID); err == nil {
				v.Risks, err = s.db.FindRisks(ctx, gr.Group.ID, true)
			}
		}
	}
	if err == nil && v.Member != nil {
		v.Concerns, err = s.db.FindMeetingConcerns(ctx, m.ID)
	}
	var meetings []*coproduce.Meeting
	if err == nil {
		meetings, err = s.db.FindMeetings(ctx, gr.Group.ID, false)
	}
	for _, other := range meetings {
		if other.StartsAt.Before(m.StartsAt) && !other.Cancelled() {
			v.Previous = other
		}
	}
	// Actions are the group's own records: in a public pack, only for
	// members.
	if err == nil && v.Member != nil {
		var acts []*coproduce.Action
		if acts, err = s.db.FindActions(ctx, gr.Group.ID); err == nil {
			for _, a := range acts {
				if v.Previous != nil && a.MeetingID == v.Previous.ID {
					v.LastActions = append(v.LastActions, a)
				} else if a.Status == coproduce.ActionOpen {
					v.OpenActions = append(v.OpenActions, a)
				}
			}
		}
	}
	if err == nil && v.Member != nil {
		var since time.Time
		if v.Previous != nil {
			since = v.Previous.StartsAt
		}
		v.Updates, err = s.db.FindUpdates(ctx, gr.Group.ID, since, m.StartsAt, feedLimit)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !s.loadMembersInto(w, r, &v.meetingView) {
		return
	}
	s.render(w, r, http.StatusOK, "pack", page{Nav: "groups", Data: v})
}
