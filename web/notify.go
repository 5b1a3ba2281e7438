package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-ical"

	"coproduce"
	"coproduce/store"
)

// Notifications and reminders. Every minute or so one server (whichever
// holds the lease) looks across all groups for what is due a notice
// (store.FindReminders) and records a notification for each person, which
// the store makes happen once per occasion whatever number of servers
// look, and sends at once, keeps for the weekly digest, or drops, as the
// person chose. The outbox sends the email, with retries.

// reminderLease is how long a look at the reminders may take before
// another server may take over.
const reminderLease = 5 * time.Minute

// RunReminders looks for due notifications every interval until ctx ends.
func (s *Server) RunReminders(ctx context.Context, interval time.Duration) {
	holder := strconv.FormatInt(coproduce.NewID(), 36)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := s.SendReminders(ctx, holder); err != nil && ctx.Err() == nil {
			s.logger.ErrorContext(ctx, "sending reminders", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// SendReminders makes the notifications due now, and sends the weekly
// digests when they are due, if holder can take the lease; it returns
// how many notifications it made.
func (s *Server) SendReminders(ctx context.Context, holder string) error {
	ok, err := s.db.TryLease(ctx, "reminders", holder, reminderLease)
	if err != nil || !ok {
		return err
	}
	now := s.db.Now()
	reminders, err := s.db.FindReminders(ctx, now)
	if err != nil {
		return err
	}
	for _, r := range reminders {
		// Most occasions found were found a minute ago too: ask once which
		// people have theirs already, rather than trying each again.
		done, err := s.db.Notified(ctx, r.Key, r.UserIDs)
		if err != nil {
			return err
		}
		var calendar []byte
		if r.Meeting != nil && r.Kind == coproduce.NotifyMeetingTomorrow && len(done) < len(r.UserIDs) {
			if calendar, err = s.calendarBytes(r.Group.Name, []*ical.Event{s.calendarEvent(r.Meeting, r.Group.Name, groupRefPath(r.Group, r.Path), now)}); err != nil {
				return err
			}
		}
		for _, userID := range r.UserIDs {
			if done[userID] {
				continue
			}
			n := s.notificationFor(r, userID)
			if _, err := s.db.CreateNotification(ctx, n, func(n *coproduce.Notification, to, token string) coproduce.Message {
				msg := s.composeNotice(n, token)
				if calendar != nil {
					msg.Attachment = &coproduce.Attachment{Name: "meeting.ics", ContentType: "text/calendar; charset=utf-8; method=PUBLISH", Data: string(calendar)}
				}
				return msg
			}); err != nil {
				return err
			}
		}
	}
	return s.sendDigests(ctx, now)
}

func groupRefPath(g *store.GroupRef, rest string) string {
	return "/o/" + g.OrgSlug + "/g/" + g.Slug + rest
}

// notificationFor words a reminder for one person.
func (s *Server) notificationFor(r store.Reminder, userID int64) *coproduce.Notification {
	when := formatDay(r.When)
	if r.Kind == coproduce.NotifyMeetingTomorrow || r.Kind == coproduce.NotifyPapersCirculated || r.Kind == coproduce.NotifyMinutesReady {
		when = formatDate(r.When)
	}
	subject := trUpTo("notice."+string(r.Kind)+".subject", r.Title)
	summary := trUpTo("notice."+string(r.Kind)+".summary", r.Title, when)
	if len(r.Items) > 0 {
		summary += "\n\n" + tr("notice.papers") + "\n\n- " + strings.Join(r.Items, "\n- ")
	}
	return &coproduce.Notification{UserID: userID, Kind: r.Kind, Key: r.Key, GroupName: r.Group.Name, Subject: subject, Summary: summary,
		Link: s.cfg.BaseURL + groupRefPath(r.Group, r.Path)}
}

// trUpTo is tr given only as many of args as the text has verbs, for
// texts that use some of what there is to say and not the rest.
func trUpTo(key string, args ...any) string {
	s, _ := text(key)
	return tr(key, args[:min(len(args), strings.Count(s, "%"))]...)
}

var noticeHTML = template.Must(template.New("notice").Parse(`<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{{.Subject}}</title></head>
<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c; max-width: 40em">
{{range .Items}}<h2 style="font-size: 19px">{{if .GroupName}}{{.GroupName}}: {{end}}{{.Subject}}</h2>
{{range .Paragraphs}}<p>{{.}}</p>{{end}}
{{if .List}}<ul>{{range .List}}<li>{{.}}</li>{{end}}</ul>{{end}}
<p><a href="{{.Link}}" style="color: #1d70b8">{{.LinkText}}</a></p>
{{end}}
<hr>
<p style="font-size: 14px">{{.Why}} <a href="{{.Unsubscribe}}" style="color: #1d70b8">{{.UnsubscribeText}}</a>. <a href="{{.Settings}}" style="color: #1d70b8">{{.SettingsText}}</a>.</p>
</body></html>
`))

type noticeItem struct {
	GroupName, Subject, Link, LinkText string
	Paragraphs, List                   []string
}

// splitSummary turns a summary into paragraphs and a closing list of
// lines starting "- ".
func splitSummary(summary string) (paragraphs, list []string) {
	for _, p := range strings.Split(summary, "\n\n") {
		if strings.HasPrefix(p, "- ") {
			for _, line := range strings.Split(p, "\n") {
				list = append(list, strings.TrimPrefix(line, "- "))
			}
			continue
		}
		paragraphs = append(paragraphs, p)
	}
	return paragraphs, list
}

// composeEmail writes a notice or a digest as text and as HTML, saying
// why it came and how to stop it.
func (s *Server) composeEmail(subject string, items []*coproduce.Notification, why, token string) coproduce.Message {
	unsubscribe := s.cfg.BaseURL + "/unsubscribe/" + token
	settings := s.cfg.BaseURL + "/account/notifications"
	var text strings.Builder
	data := struct {
		Subject, Why, Unsubscribe, UnsubscribeText, Settings, SettingsText string
		Items                                                              []noticeItem
	}{Subject: subject, Why: why, Unsubscribe: unsubscribe, UnsubscribeText: tr("notice.unsubscribe"), Settings: settings, SettingsText: tr("notice.settings")}
	for i, n := range items {
		if i > 0 || len(items) > 1 {
			text.WriteString(n.GroupName + ": " + n.Subject + "\n\n")
		}
		text.WriteString(n.Summary + "\n\n" + tr("notice.open") + " " + n.Link + "\n\n")
		paragraphs, list := splitSummary(n.Summary)
		item := noticeItem{Subject: n.Subject, Link: n.Link, LinkText: tr("notice.open.html"), Paragraphs: paragraphs, List: list}
		if len(items) > 1 {
			item.GroupName = n.GroupName
		}
		data.Items = append(data.Items, item)
	}
	text.WriteString("-- \n" + why + "\n" + tr("notice.unsubscribe") + ": " + unsubscribe + "\n" + tr("notice.settings") + ": " + settings + "\n")
	var html bytes.Buffer
	if err := noticeHTML.Execute(&html, data); err != nil {
		html.Reset() // text alone is still a whole message
	}
	return coproduce.Message{Subject: subject, Text: text.String(), HTML: html.String(), Unsubscribe: unsubscribe}
}

// composeNotice writes the email for one notification sent at once.
func (s *Server) composeNotice(n *coproduce.Notification, token string) coproduce.Message {
	why := tr("notice.why.now", n.GroupName, tr("notify."+string(n.Kind)))
	return s.composeEmail(n.Subject, []*coproduce.Notification{n}, why, token)
}

// digestDue reports whether now is in the part of the week the digest
// goes out: from Monday at 7am, UK time, to the end of Sunday.
func digestDue(now time.Time) bool {
	t := now.In(london)
	return t.Weekday() != coproduce.DigestDay || t.Hour() >= coproduce.DigestHour
}

// sendDigests sends each person waiting for one their weekly digest, once
// a week: the first look after Monday 7am takes the week's lease.
func (s *Server) sendDigests(ctx context.Context, now time.Time) error {
	if !digestDue(now) {
		return nil
	}
	year, week := now.In(london).ISOWeek()
	// A fresh holder each time, so the lease is taken once a week, even
	// by the server that took it before.
	ok, err := s.db.TryLease(ctx, fmt.Sprintf("digest:%d-W%02d", year, week), strconv.FormatInt(coproduce.NewID(), 36), 8*24*time.Hour)
	if err != nil || !ok {
		return err
	}
	pending, err := s.db.FindPendingDigests(ctx)
	if err != nil {
		return err
	}
	for _, d := range pending {
		subject := tr("notice.digest.subject", len(d.Notifications))
		if _, err := s.db.SendDigest(ctx, d, func(to, token string) coproduce.Message {
			return s.composeEmail(subject, d.Notifications, tr("notice.why.digest"), token)
		}); err != nil {
			return err
		}
	}
	return nil
}

// calendarBytes encodes events as an iCalendar document.
func (s *Server) calendarBytes(name string, events []*ical.Event) ([]byte, error) {
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropProductID, "-//coproduce//meetings//EN")
	cal.Props.SetText(ical.PropName, name)
	cal.Props.SetText("X-WR-CALNAME", name)
	for _, e := range events {
		cal.Children = append(cal.Children, e.Component)
	}
	var buf bytes.Buffer
	err := ical.NewEncoder(&buf).Encode(cal)
	return buf.Bytes(), err
}

// The settings page and the unsubscribe links.

type notificationsView struct {
	Form  *form
	Kinds []kindChoice
	Done  string
}

type kindChoice struct {
	Kind    coproduce.NotificationKind
	Choices choiceView
}

func deliveryOptions() []option {
	return []option{
		{Value: string(coproduce.DeliverNow), Label: tr("notify.now")},
		{Value: string(coproduce.DeliverDigest), Label: tr("notify.digest")},
		{Value: string(coproduce.DeliverOff), Label: tr("notify.off")},
	}
}

func (s *Server) renderNotifications(w http.ResponseWriter, r *http.Request, status int, v *notificationsView) {
	for _, k := range coproduce.NotificationKinds {
		v.Kinds = append(v.Kinds, kindChoice{Kind: k, Choices: choices(v.Form, string(k), tr("notify."+string(k)), tr("notify."+string(k)+".hint"), deliveryOptions())})
	}
	s.render(w, r, status, "notifications", page{Nav: "account", Data: v})
}

// notificationsPage shows the person's choice for each kind.
func (s *Server) notificationsPage(w http.ResponseWriter, r *http.Request) {
	prefs, err := s.db.NotificationPrefs(r.Context(), currentVisitor(r).User.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	f := newForm()
	for k, d := range prefs {
		f.Values[string(k)] = string(d)
	}
	s.renderNotifications(w, r, http.StatusOK, &notificationsView{Form: f, Done: doneMessage(r, "notify.done.")})
}

func (s *Server) notificationsSave(w http.ResponseWriter, r *http.Request) {
	var fields []string
	for _, k := range coproduce.NotificationKinds {
		fields = append(fields, string(k))
	}
	f, err := parseForm(w, r, fields...)
	if err != nil {
		s.badRequest(w, r)
		return
	}
	prefs := map[coproduce.NotificationKind]coproduce.Delivery{}
	for _, k := range coproduce.NotificationKinds {
		prefs[k] = coproduce.Delivery(f.Get(string(k)))
	}
	err = s.db.SetNotificationPrefs(r.Context(), currentVisitor(r).User.ID, prefs)
	if f.FailWith(err) {
		s.renderNotifications(w, r, http.StatusUnprocessableEntity, &notificationsView{Form: f})
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/account/notifications?done=saved", http.StatusSeeOther)
}

type unsubscribeView struct {
	Token, Kind string
	Done        bool
}

// unsubscribePage asks to confirm, so that a mail scanner following the
// link does not turn anything off; mail programs offering one-click
// unsubscribe post to the same address.
func (s *Server) unsubscribePage(w http.ResponseWriter, r *http.Request) {
	kind, err := s.db.UnsubscribeKind(r.Context(), r.PathValue("token"))
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "unsubscribe", page{Data: unsubscribeView{Token: r.PathValue("token"), Kind: kind}})
}

func (s *Server) unsubscribeSubmit(w http.ResponseWriter, r *http.Request) {
	kind, err := s.db.Unsubscribe(r.Context(), r.PathValue("token"))
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "unsubscribe", page{Data: unsubscribeView{Kind: kind, Done: true}})
}
