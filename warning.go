package coproduce

import "time"

// LookOut is one of the framework's "what to look out for" signs, found in
// the group's records, with the records that set it off.
type LookOut struct {
	ID        string // its name and explanation are in the web layer's text
	Principle int
	Evidence  []string // the records behind it, by title
	Link      string   // the group page holding them
}

// LookOuts checks the group's records, as at asOf, for the warning signs
// the framework names, and the ladder results of the latest round (nil
// if none) against the rungs agreed for each decision area.
func LookOuts(rec *GroupRecords, asOf time.Time, ladder []LadderResult, areas []*DecisionArea) []LookOut {
	var out []LookOut
	add := func(id string, principle int, link string, evidence []string) {
		if len(evidence) > 0 {
			out = append(out, LookOut{ID: id, Principle: principle, Evidence: evidence, Link: link})
		}
	}
	from := asOf.AddDate(0, -EvidencePeriod, 0)

	// Decisions behind closed doors: made outside the process and not
	// explained.
	var unexplained []string
	for _, d := range rec.Decisions {
		if d.Outside && d.ExplainedOn.IsZero() && !d.DecidedOn.After(asOf) {
			unexplained = append(unexplained, d.Title)
		}
	}
	add("closed-doors", 2, "/decisions", unexplained)

	// Different expectations of power: members see an area two or more
	// rungs from the rung agreed for it.
	agreed := map[int64]*DecisionArea{}
	for _, a := range areas {
		agreed[a.ID] = a
	}
	var apart []string
	for _, l := range ladder {
		if a := agreed[l.AreaID]; a != nil && !l.Hidden && (float64(a.Rung)-l.Now >= 2 || l.Now-float64(a.Rung) >= 2) {
			apart = append(apart, a.Name)
		}
	}
	add("power-expectations", 2, "/decisions", apart)

	// Rushed handovers: members who left without a handover note.
	var rushed []string
	for _, m := range rec.Members {
		if !m.LeftAt.IsZero() && !m.LeftAt.Before(from) && !m.LeftAt.After(asOf) && m.HandoverNote == "" && m.UserID != 0 {
			rushed = append(rushed, m.Name)
		}
	}
	add("rushed-handovers", 3, "/members", rushed)

	// Disconnect and burnout: attendance falling by ten points or more.
	for _, ind := range Evidence(rec, asOf, nil) {
		if ind.ID == "attendance-trend" && ind.Status != IndicatorNoData && ind.Value <= -10 {
			add("burnout", 7, "/meetings", []string{itoa(int(-ind.Value)) + " points"})
		}
	}

	// Avoiding difficult conversations: concerns left open for 60 days.
	var avoided []string
	for _, c := range rec.Concerns {
		if !c.Status.Ended() && !c.RaisedOn.After(asOf) && asOf.Sub(c.RaisedOn) > 60*24*time.Hour {
			avoided = append(avoided, c.Title)
		}
	}
	add("avoided-conversations", 8, "/concerns", avoided)

	// Delayed responses, and access overpromised: requests past due, and
	// information withheld without a reason.
	var late, unexplainedWithheld []string
	for _, r := range rec.Requests {
		if r.AskedAt.After(asOf) {
			continue
		}
		if (!r.Answered() || r.AnsweredAt.After(asOf)) && asOf.After(r.DueAt) {
			late = append(late, r.Question)
		}
		if r.Answered() && r.Withheld && r.WithheldReason == "" {
			unexplainedWithheld = append(unexplainedWithheld, r.Question)
		}
	}
	add("delayed-responses", 9, "/requests", late)
	add("overpromised-access", 9, "/requests", unexplainedWithheld)
	return out
}
