package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"
	_ "time/tzdata" // Europe/London, whatever the machine has installed

	"coproduce"
	"coproduce/framework"
	"coproduce/store"
)

//go:embed templates/*.html
var templateFS embed.FS

// pages maps a page template's name ("home") to the parsed set of the
// layout and that page.
type pages map[string]*template.Template

// page is what every template receives.
type page struct {
	User      *coproduce.User // the signed-in person, or nil
	Nav       string          // which main navigation item is current
	Status    int
	RequestID string
	Framework *framework.Framework
	Data      any // the page's own data
}

func templateFuncs(static *staticFiles) template.FuncMap {
	return template.FuncMap{
		"t":          text,
		"paragraphs": framework.Paragraphs,
		"asset":      static.url,
		"field":      field,
		"choices":    choices,
		"markdown":   markdown,
		// formIf gives f when cond holds and no form otherwise, for a page
		// with one form per row, only one of which was submitted.
		"formIf": func(cond bool, f *form) *form {
			if cond {
				return f
			}
			return nil
		},
		"roleOptions": func() []option {
			opts := make([]option, len(coproduce.Roles))
			for i, r := range coproduce.Roles {
				opts[i] = option{Value: string(r), Label: tr("role." + string(r)), Hint: tr("role." + string(r) + ".hint")}
			}
			return opts
		},
		"constituencyOptions": func() []option {
			opts := make([]option, len(coproduce.Constituencies))
			for i, c := range coproduce.Constituencies {
				opts[i] = option{Value: string(c), Label: tr("constituency." + string(c))}
			}
			return opts
		},
		"memberOptions": func(members []*coproduce.Member, c coproduce.Constituency) []option {
			opts := []option{{Value: "", Label: tr("member.nobody")}}
			for _, m := range members {
				if m.Constituency == c {
					opts = append(opts, option{Value: strconv.FormatInt(m.ID, 10), Label: memberName(m)})
				}
			}
			return opts
		},
		"roleName":         func(r coproduce.Role) string { return tr("role." + string(r)) },
		"constituencyName": constituencyName,
		"memberName":       memberName,
		"personName": func(names map[int64]string, id int64) string {
			if id == 0 {
				return tr("audit.system")
			}
			if n, ok := names[id]; ok {
				return n
			}
			return tr("member.former")
		},
		"day":  formatDay,
		"when": formatMeetingTime,
		"pair": func(a, b any) struct{ A, B any } { return struct{ A, B any }{a, b} },
		"stageOptions": func(p *coproduce.ProjectContext) []option {
			var opts []option
			for i, name := range p.Stages() {
				label := name
				if p.UsesRIBA() {
					label = tr("project.stage.riba", i, name)
				}
				opts = append(opts, option{Value: strconv.Itoa(i), Label: label})
			}
			return opts
		},
		"riskOptions": func() []option {
			return []option{{Value: "risk", Label: tr("risk.kind.risk")}, {Value: "opportunity", Label: tr("risk.kind.opportunity")}}
		},
		"hostOptions": func(members []*coproduce.Member) []option {
			opts := []option{{Value: "", Label: tr("meeting.host.none")}}
			for _, m := range members {
				opts = append(opts, option{Value: strconv.FormatInt(m.ID, 10), Label: memberName(m)})
			}
			return opts
		},
		"constituency":  func(s string) coproduce.Constituency { return coproduce.Constituency(s) },
		"ladderOptions": ladderOptions,
		"methodOptions": func() []option {
			return []option{
				{Value: "consensus", Label: tr("decision.method.consensus"), Hint: tr("decision.method.consensus.hint")},
				{Value: "vote", Label: tr("decision.method.vote")},
				{Value: "delegated", Label: tr("decision.method.delegated"), Hint: tr("decision.method.delegated.hint")},
			}
		},
		"whereOptions": func() []option {
			return []option{{Value: "meeting", Label: tr("decision.where.meeting")}, {Value: "outside", Label: tr("decision.where.outside")}}
		},
		"outreachOptions": func() []option { return labelled("outreach.method.", coproduce.OutreachMethods) },
		// meetingChoice lists meetings, newest first, after a first choice
		// of none, labelled none.
		"supportOptions":     func() []option { return labelled("support.kind.", coproduce.SupportKinds) },
		"facilitatorOptions": func() []option { return labelled("facilitators.offers.", coproduce.FacilitatorRoles) },
		"updateKindOptions":  func() []option { return labelled("updates.kind.", coproduce.UpdateKinds) },
		"skillLevelOptions": func() []option {
			var opts []option
			for l := coproduce.MinSkillLevel; l <= coproduce.MaxSkillLevel; l++ {
				opts = append(opts, option{Value: strconv.Itoa(l), Label: tr("skills.level." + strconv.Itoa(l))})
			}
			return opts
		},
		"feedbackSourceOptions": func() []option { return labelled("feedback.source.", []string{"outreach", "member"}) },
		"feedbackStatusOptions": func() []option { return labelled("feedback.status.", coproduce.FeedbackStatuses) },
		"outreachChoice": func(entries []*coproduce.Outreach, members map[int64]*coproduce.Member) []option {
			opts := []option{{Value: "", Label: tr("feedback.field.outreach.none")}}
			for _, o := range entries {
				label := formatDay(o.On) + ", " + tr("outreach.method."+o.Method)
				if m := members[o.MemberID]; m != nil {
					label += ", " + memberName(m)
				}
				opts = append(opts, option{Value: strconv.FormatInt(o.ID, 10), Label: label})
			}
			return opts
		},
		"decisionChoice": func(decisions []*coproduce.Decision) []option {
			opts := []option{{Value: "", Label: tr("feedback.field.decision.none")}}
			for _, d := range decisions {
				opts = append(opts, option{Value: strconv.FormatInt(d.ID, 10), Label: d.Title + ", " + formatDay(d.DecidedOn)})
			}
			return opts
		},
		"inc":                    func(i int) int { return i + 1 },
		"stakeholderTypeOptions": func() []option { return labelled("stakeholders.type.", coproduce.StakeholderTypes) },
		"oneToFive": func() []option {
			opts := make([]option, 5)
			for i := range opts {
				opts[i] = option{Value: strconv.Itoa(i + 1), Label: strconv.Itoa(i + 1)}
			}
			return opts
		},
		"phaseChoice": func(v *stakeholdersView) []option {
			var opts []option
			for _, p := range v.Phases() {
				if n := v.Counts[p]; n > 0 && p != v.Phase {
					opts = append(opts, option{Value: strconv.Itoa(p), Label: v.PhaseName(p)})
				}
			}
			return opts
		},
		"reflectionPromptOptions": func() []option { return labelled("reflections.prompt.", coproduce.ReflectionPrompts) },
		"sub":                     func(a, b float64) float64 { return a - b },
		"reason":                  reasonText,
		"indicatorValue":          indicatorValue,
		"perceptionCell":          perceptionCell,
		"indicatorThreshold":      indicatorThreshold,
		"statementField":          coproduce.StatementField,
		"commentField":            coproduce.CommentField,
		"ladderField":             coproduce.LadderField,
		"percent":                 func(share float64) string { return strconv.Itoa(int(math.Round(share*100))) + "%" },
		"agreementOptions": func() []option {
			var opts []option
			for a := coproduce.StronglyDisagree; a <= coproduce.StronglyAgree; a++ {
				opts = append(opts, option{Value: strconv.Itoa(a), Label: tr("health.agree." + strconv.Itoa(a))})
			}
			return append(opts, option{Value: strconv.Itoa(coproduce.DontKnow), Label: tr("health.agree.0")})
		},
		"rungChoice": func(dontKnow bool) []option {
			opts := []option{{Value: "", Label: tr("health.ladder.choose")}}
			if dontKnow {
				opts[0].Label = tr("health.ladder.dontknow")
			}
			for r := coproduce.Manipulation; r <= coproduce.CitizenControl; r++ {
				opts = append(opts, option{Value: strconv.Itoa(int(r)), Label: tr("ladder.rung", int(r), tr("ladder."+strconv.Itoa(int(r))))})
			}
			return opts
		},
		"concernKindOptions": func() []option { return labelled("concerns.kind.", coproduce.ConcernKinds) },
		"concernStatusOptions": func(next []coproduce.ConcernStatus) []option {
			opts := make([]option, len(next))
			for i, st := range next {
				opts[i] = option{Value: string(st), Label: tr("concerns.move." + string(st))}
			}
			return opts
		},
		"meetingChoice": func(none string, meetings []*coproduce.Meeting) []option {
			opts := []option{{Value: "", Label: none}}
			for i := len(meetings) - 1; i >= 0; i-- {
				m := meetings[i]
				opts = append(opts, option{Value: strconv.FormatInt(m.ID, 10), Label: m.Title + ", " + formatDay(m.StartsAt)})
			}
			return opts
		},
		"areaOptions": func(areas []*coproduce.DecisionArea) []option {
			return namedOptions(tr("decision.field.area.none"), areas, func(a *coproduce.DecisionArea) (int64, string) { return a.ID, a.Name })
		},
		"positionOptions": func() []option {
			return []option{{Value: "", Label: tr("position.unknown")}, {Value: "agreed", Label: tr("position.agreed")},
				{Value: "disagreed", Label: tr("position.disagreed")}, {Value: "mixed", Label: tr("position.mixed")},
				{Value: "not-consulted", Label: tr("position.not-consulted")}}
		},
		"fileSize": func(n int64) string {
			switch {
			case n >= 1<<20:
				return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
			case n >= 1<<10:
				return fmt.Sprintf("%d KB", (n+512)>>10)
			}
			return fmt.Sprintf("%d bytes", n)
		},
		"paperVisibilityOptions": func() []option {
			return []option{
				{Value: "group", Label: tr("visibility.group"), Hint: tr("papers.visibility.group.hint")},
				{Value: "public", Label: tr("visibility.public"), Hint: tr("papers.visibility.public.hint")},
				{Value: "restricted", Label: tr("visibility.restricted"), Hint: tr("papers.visibility.restricted.hint")},
			}
		},
		"redLineOptions": func() []option {
			return []option{
				{Value: "red-line", Label: tr("redline.kind.red-line"), Hint: tr("redline.kind.red-line.hint")},
				{Value: "constraint", Label: tr("redline.kind.constraint"), Hint: tr("redline.kind.constraint.hint")},
			}
		},
		"torSections": func() []string { return coproduce.ToRSections },
		"torVersionOptions": func(versions []*coproduce.ToRVersion) []option {
			var opts []option
			for _, v := range versions {
				opts = append(opts, option{Value: strconv.Itoa(v.Number), Label: tr("tor.version", v.Number) + " (" + tr("tor.status."+string(v.Status)) + ")"})
			}
			return opts
		},
		"everyMemberOptions": func(members []*coproduce.Member) []option {
			opts := make([]option, len(members))
			for i, m := range members {
				opts[i] = option{Value: strconv.FormatInt(m.ID, 10), Label: memberName(m)}
			}
			return opts
		},
		"askOfOptions": func(members []*coproduce.Member) []option {
			opts := []option{{Value: "", Label: tr("requests.askedof.org.option")}}
			for _, m := range members {
				opts = append(opts, option{Value: strconv.FormatInt(m.ID, 10), Label: memberName(m)})
			}
			return opts
		},
		"attendanceValues": func() []coproduce.Attendance {
			return []coproduce.Attendance{coproduce.Present, coproduce.Apologies, coproduce.Absent}
		},
		"minutesVisibilityOptions": func() []option {
			return []option{
				{Value: "public", Label: tr("minutes.visibility.public")},
				{Value: "group", Label: tr("minutes.visibility.group")},
			}
		},
		"meetingOptions": func(meetings []*coproduce.Meeting) []option {
			var opts []option
			for _, m := range meetings {
				opts = append(opts, option{Value: strconv.FormatInt(m.ID, 10), Label: m.Title + ", " + formatDay(m.StartsAt)})
			}
			return opts
		},
		"meetingVisibilityOptions": func() []option {
			return []option{
				{Value: "public", Label: tr("visibility.public"), Hint: tr("meeting.visibility.public.hint")},
				{Value: "group", Label: tr("visibility.group"), Hint: tr("meeting.visibility.group.hint")},
			}
		},
		"date":  formatDate,
		"lines": coproduce.Lines,
		"add1":  func(n int) int { return n + 1 },
		// days says how long something has waited, in words.
		"days": func(n int) string {
			switch {
			case n < 1:
				return tr("days.zero")
			case n == 1:
				return tr("days.one")
			}
			return tr("days.many", n)
		},
		"startPath": func(key string) string { return startPaths[key] },
		// count is 0, 1, ..., n-1, for a form's numbered rows.
		"count": func(n int) []int {
			out := make([]int, n)
			for i := range out {
				out[i] = i
			}
			return out
		},
		"indicatorOptions": func() []option {
			opts := []option{{Value: "", Label: tr("toc.outcome.no-indicator")}}
			for _, d := range coproduce.Indicators {
				opts = append(opts, option{Value: d.ID, Label: tr("toc.outcome.indicator.option", d.Principle, tr("evidence."+d.ID))})
			}
			return opts
		},
		"bodyOptions": func(none string, m coproduce.GovernanceMap) []option {
			return namedOptions(none, m, func(b *coproduce.GovernanceBody) (int64, string) { return b.ID, b.Name })
		},
		"groupOptions": func(groups []*coproduce.Group) []option {
			return namedOptions(tr("governance.field.group.none"), groups, func(g *coproduce.Group) (int64, string) { return g.ID, g.Name })
		},
		"bodyKindOptions":  func() []option { return labelled("governance.kind.", coproduce.BodyKinds) },
		"reachOptions":     func() []option { return labelled("reach.", coproduce.Reaches) },
		"reachBodyOptions": func() []option { return labelled("governance.reach.", coproduce.Reaches) },
		"outcomeOptions":   func() []option { return labelled("check.outcome.", coproduce.ResponseOutcomes) },
		// The ladder as a select, where the hints do not show, with no
		// rung chosen to begin with.
		"ladderSelectOptions": func() []option {
			return append([]option{{Value: "", Label: tr("check.field.rung.choose")}}, ladderOptions()...)
		},
		"documentVisibilityOptions": func() []option {
			return []option{
				{Value: "group", Label: tr("visibility.group"), Hint: tr("document.visibility.group.hint")},
				{Value: "public", Label: tr("visibility.public"), Hint: tr("document.visibility.public.hint")},
			}
		},
	}
}

// ladderOptions are the rungs of the ladder, each with its hint.
func ladderOptions() []option {
	var opts []option
	for r := coproduce.Manipulation; r <= coproduce.CitizenControl; r++ {
		opts = append(opts, option{Value: strconv.Itoa(int(r)), Label: tr("ladder.rung", int(r), tr(fmt.Sprintf("ladder.%d", r))), Hint: tr(fmt.Sprintf("ladder.%d.hint", r))})
	}
	return opts
}

// namedOptions lists records for a select by name, after a first option
// with no value labelled none.
func namedOptions[T any](none string, items []T, named func(T) (int64, string)) []option {
	opts := []option{{Value: "", Label: none}}
	for _, item := range items {
		id, name := named(item)
		opts = append(opts, option{Value: strconv.FormatInt(id, 10), Label: name})
	}
	return opts
}

// parsePages parses the layout and partials once with each page template.
func parsePages(static *staticFiles) (pages, error) {
	layout, err := template.New("layout.html").Funcs(templateFuncs(static)).ParseFS(templateFS, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	ps := make(pages)
	for _, path := range names {
		if path == "templates/layout.html" || path == "templates/partials.html" {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(templateFS, path)
		if err != nil {
			return nil, err
		}
		name := path[len("templates/") : len(path)-len(".html")]
		ps[name] = t
	}
	return ps, nil
}

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render writes the named page with status. The page is rendered into a
// buffer first, so a template error becomes a clean 500 page rather than
// half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	if name == "error" && isAPI(r) {
		s.problem(w, r, status, "", nil)
		return
	}
	t, ok := s.pages[name]
	if !ok {
		s.serverError(w, r, fmt.Errorf("no page template %q", name))
		return
	}
	p.Status = status
	p.RequestID = requestID(r.Context())
	p.Framework = s.framework
	p.User = currentVisitor(r).User

	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	if err := t.ExecuteTemplate(buf, "layout", p); err != nil {
		if name == "error" {
			// The error page itself failed: fall back to plain text.
			msg, _ := text("error.server.plain", p.RequestID)
			http.Error(w, msg, http.StatusInternalServerError)
			s.logger.ErrorContext(r.Context(), "rendering error page", "err", err)
			return
		}
		s.serverError(w, r, fmt.Errorf("rendering %s: %w", name, err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if p.User != nil {
		// A signed-in page is for that person only: no shared cache may
		// keep it, nor may the browser show it after sign-out.
		h.Set("Cache-Control", "no-store")
	}
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// notFound answers with the 404 page. Records a visitor may not see answer
// through here too, so their existence is not given away.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusNotFound, "error", page{})
}

// serverError logs err in full with the request id and shows the person a
// short page with that id and nothing internal.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	if store.Unavailable(err) {
		// The database is away (restarting, say): nothing was decided
		// without it, and trying again shortly will do.
		s.logger.WarnContext(r.Context(), "database unavailable", "err", err, "method", r.Method, "path", r.URL.Path)
		w.Header().Set("Retry-After", "5")
		s.render(w, r, http.StatusServiceUnavailable, "error", page{})
		return
	}
	if r.Context().Err() != nil {
		// The visitor went away (closed the tab, or a load tool ended
		// its run) and the store stopped work for them: nothing went
		// wrong here, and there is no one to answer. 499 is the status
		// proxies log for a request the client closed.
		s.logger.InfoContext(r.Context(), "request abandoned by the visitor", "err", err, "method", r.Method, "path", r.URL.Path)
		w.WriteHeader(statusClientClosed)
		return
	}
	s.logger.ErrorContext(r.Context(), "internal error", "err", err, "method", r.Method, "path", r.URL.Path)
	s.render(w, r, http.StatusInternalServerError, "error", page{})
}

// statusClientClosed is the status logged for a request whose visitor
// left before it was answered, as nginx logs it.
const statusClientClosed = 499

// london is the time zone every date is shown in: the product serves
// groups in the United Kingdom.
var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err) // time/tzdata is embedded, so this cannot happen
	}
	return loc
}()

// formatDate shows a time as people in the UK write it: 26 November 2026 at 2:05pm.
func formatDate(t time.Time) string {
	return t.In(london).Format("2 January 2006 at 3:04pm")
}

// formatDay shows the date alone: 26 November 2026.
func formatDay(t time.Time) string {
	return t.In(london).Format("2 January 2006")
}

// memberName is the member's name, or "Former member" once their account
// is erased.
func memberName(m *coproduce.Member) string {
	if m.Former() || m.Name == "" {
		return tr("member.former")
	}
	return m.Name
}

// formatMeetingTime shows when a meeting is, in London time: Sunday 25
// October 2026, 6:30pm to 8pm.
func formatMeetingTime(m *coproduce.Meeting) string {
	start := m.StartsAt.In(london)
	end := start.Add(time.Duration(m.Minutes) * time.Minute)
	clock := func(t time.Time) string {
		if t.Minute() == 0 {
			return t.Format("3pm")
		}
		return t.Format("3:04pm")
	}
	return start.Format("Monday 2 January 2006") + ", " + clock(start) + " " + tr("meeting.to") + " " + clock(end)
}

// labelled makes options of values, each labelled by the interface text
// prefix+value.
func labelled(prefix string, values []string) []option {
	opts := make([]option, len(values))
	for i, v := range values {
		opts[i] = option{Value: v, Label: tr(prefix + v)}
	}
	return opts
}

// indicatorValue shows an indicator's value in its unit.
func indicatorValue(i coproduce.Indicator) string {
	switch {
	case i.Never:
		return tr("report.value.never")
	case i.Status == coproduce.IndicatorNoData:
		return tr("report.value.nodata")
	}
	switch i.Unit {
	case coproduce.UnitShare:
		return tr("report.value.share", int(math.Round(i.Value*100)), i.Of, i.Out)
	case coproduce.UnitDays:
		return tr("report.value.days", strconv.FormatFloat(i.Value, 'f', -1, 64))
	case coproduce.UnitMonths:
		return tr("report.value.months", int(i.Value))
	case coproduce.UnitPerWeek:
		return tr("report.value.perweek", strconv.FormatFloat(math.Round(i.Value*100)/100, 'f', -1, 64))
	case coproduce.UnitPoints:
		return tr("report.value.points", strconv.FormatFloat(math.Round(i.Value), 'f', -1, 64))
	}
	return strconv.FormatFloat(i.Value, 'f', -1, 64)
}

// indicatorThreshold shows the threshold an indicator is held to.
func indicatorThreshold(i coproduce.Indicator) string {
	v := i
	v.Never, v.Status, v.Value, v.Of, v.Out = false, coproduce.IndicatorMet, i.Threshold, 0, 0
	shown := indicatorValue(v)
	if i.Unit == coproduce.UnitShare {
		shown = strconv.Itoa(int(math.Round(i.Threshold*100))) + "%"
	}
	if i.Higher {
		return tr("report.threshold.atleast", shown)
	}
	return tr("report.threshold.atmost", shown)
}

// perceptionCell shows a perception figure: the share and how many it
// comes from, or why there is none. It is built here rather than in a
// template because a report shows a hundred of them.
func perceptionCell(c coproduce.PerceptionCell) template.HTML {
	secondary := func(s string) template.HTML {
		return template.HTML(`<span class="secondary">` + template.HTMLEscapeString(s) + `</span>`)
	}
	switch {
	case c.Hidden:
		return secondary(tr("health.cell.hidden"))
	case c.Respondents == 0:
		return secondary(tr("health.cell.none"))
	}
	return template.HTML(strconv.Itoa(int(math.Round(c.Share*100)))+"% ") + secondary("("+tr("health.cell.count", c.Respondents)+")")
}
