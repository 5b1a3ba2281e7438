package web

import (
	"net/http"

	"coproduce"
)

// routes is the whole route table of the web layer. No GET changes
// anything; every change is a POST, which the cross-origin protection in
// middleware.go guards.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()

	// Public pages.
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("GET /framework", s.frameworkIndex)
	mux.HandleFunc("GET /framework/principles/{number}", s.principle)

	// Signing in and out.
	signInLink := linkRequest{Purpose: coproduce.PurposeSignIn}
	reset := linkRequest{Purpose: coproduce.PurposeReset}
	mux.HandleFunc("GET /sign-in", s.signInPage)
	mux.HandleFunc("POST /sign-in", s.signInSubmit)
	mux.HandleFunc("GET /sign-in/link", s.linkRequestPage(signInLink))
	mux.HandleFunc("POST /sign-in/link", s.linkRequestSubmit(signInLink))
	mux.HandleFunc("GET /sign-in/link/{token}", s.signInLinkPage)
	mux.HandleFunc("POST /sign-in/link/{token}", s.signInLinkSubmit)
	mux.HandleFunc("GET /password/reset", s.linkRequestPage(reset))
	mux.HandleFunc("POST /password/reset", s.linkRequestSubmit(reset))
	mux.HandleFunc("GET /password/reset/{token}", s.resetPasswordPage)
	mux.HandleFunc("POST /password/reset/{token}", s.resetPasswordSubmit)
	mux.HandleFunc("POST /sign-out", s.signOut)
	mux.HandleFunc("GET /setup/{token}", s.setupPage)
	mux.HandleFunc("POST /setup/{token}", s.setupSubmit)

	// The signed-in person's own account.
	mux.HandleFunc("GET /account", s.requireUser(s.accountPage))
	mux.HandleFunc("POST /account/sessions/{id}/end", s.requireUser(s.endSession))
	mux.HandleFunc("POST /account/sessions/end-others", s.requireUser(s.endOtherSessions))
	mux.HandleFunc("GET /account/password", s.requireUser(s.passwordPage))
	mux.HandleFunc("POST /account/password", s.requireUser(s.passwordSubmit))
	mux.HandleFunc("GET /account/name", s.requireUser(s.namePage))
	mux.HandleFunc("POST /account/name", s.requireUser(s.nameSubmit))
	mux.HandleFunc("GET /account/email", s.requireUser(s.emailPage))
	mux.HandleFunc("POST /account/email", s.requireUser(s.emailSubmit))
	mux.HandleFunc("GET /account/email/{token}", s.emailConfirmPage)
	mux.HandleFunc("POST /account/email/{token}", s.emailConfirmSubmit)
	mux.HandleFunc("GET /account/data", s.requireUser(s.accountData))
	mux.HandleFunc("GET /account/calendar", s.requireUser(s.calendarPage))
	mux.HandleFunc("POST /account/calendar", s.requireUser(s.calendarCreate))
	mux.HandleFunc("POST /account/calendar/revoke", s.requireUser(s.calendarRevoke))
	mux.HandleFunc("GET /calendar/{file}", s.privateCalendar)
	mux.HandleFunc("GET /account/erase", s.requireUser(s.erasePage))
	mux.HandleFunc("POST /account/erase", s.requireUser(s.eraseSubmit))

	// Organisations and their groups. Every group route asks the policy
	// (coproduce.Actor) through loadGroup; what a visitor may not see
	// answers 404.
	mux.HandleFunc("GET /organisations", s.organisationsPage)
	mux.HandleFunc("POST /organisations", s.requireUser(s.organisationCreate))
	mux.HandleFunc("GET /o/{org}", s.organisationPage)
	mux.HandleFunc("POST /o/{org}/groups", s.requireUser(s.groupCreate))
	mux.HandleFunc("POST /o/{org}/admins", s.requireUser(s.adminAdd))
	mux.HandleFunc("GET /o/{org}/g/{group}", s.groupPage)
	mux.HandleFunc("POST /o/{org}/g/{group}/listing", s.requireUser(s.listingSubmit))
	mux.HandleFunc("GET /o/{org}/g/{group}/edit", s.requireUser(s.groupEditPage))
	mux.HandleFunc("POST /o/{org}/g/{group}/edit", s.requireUser(s.groupEditSubmit))
	mux.HandleFunc("GET /o/{org}/g/{group}/precepts", s.requireUser(s.preceptsPage))
	mux.HandleFunc("POST /o/{org}/g/{group}/precepts", s.requireUser(s.preceptsAcknowledge))
	mux.HandleFunc("GET /o/{org}/g/{group}/members", s.requireUser(s.membersPage))
	mux.HandleFunc("GET /o/{org}/g/{group}/members/{member}", s.requireUser(s.memberPage))
	mux.HandleFunc("POST /o/{org}/g/{group}/members/{member}", s.requireUser(s.memberSubmit))
	mux.HandleFunc("POST /o/{org}/g/{group}/members/{member}/leave", s.requireUser(s.memberLeave))
	mux.HandleFunc("GET /o/{org}/g/{group}/invite", s.requireUser(s.invitePage))
	mux.HandleFunc("POST /o/{org}/g/{group}/invite", s.requireUser(s.inviteSubmit))
	mux.HandleFunc("POST /o/{org}/g/{group}/invitations/{invitation}/revoke", s.requireUser(s.inviteRevoke))
	mux.HandleFunc("GET /o/{org}/g/{group}/audit", s.requireUser(s.auditPage))
	mux.HandleFunc("GET /o/{org}/g/{group}/project", s.requireUser(s.projectPage))
	mux.HandleFunc("POST /o/{org}/g/{group}/project/stage", s.requireUser(s.projectStage))
	mux.HandleFunc("POST /o/{org}/g/{group}/project/milestones", s.requireUser(s.milestoneCreate))
	mux.HandleFunc("POST /o/{org}/g/{group}/project/milestones/{milestone}/move", s.requireUser(s.milestoneMove))
	mux.HandleFunc("POST /o/{org}/g/{group}/project/risks", s.requireUser(s.riskCreate))
	mux.HandleFunc("POST /o/{org}/g/{group}/project/risks/{risk}/close", s.requireUser(s.riskClose))
	mux.HandleFunc("GET /o/{org}/g/{group}/meetings", s.requireUser(s.meetingsPage))
	mux.HandleFunc("GET /o/{org}/g/{group}/meetings.ics", s.groupCalendar)
	mux.HandleFunc("GET /o/{org}/g/{group}/meetings/new", s.requireUser(s.meetingNewPage))
	mux.HandleFunc("POST /o/{org}/g/{group}/meetings/new", s.requireUser(s.meetingSave))
	mux.HandleFunc("GET /o/{org}/g/{group}/meetings/{meeting}", s.meetingPage)
	mux.HandleFunc("GET /o/{org}/g/{group}/meetings/{meeting}/edit", s.requireUser(s.meetingEditPage))
	mux.HandleFunc("GET /o/{org}/g/{group}/meetings/{meeting}/pack", s.packPage)
	mux.HandleFunc("POST /o/{org}/g/{group}/meetings/{meeting}/cancel", s.requireUser(s.meetingCancel))
	mux.HandleFunc("POST /o/{org}/g/{group}/meetings/{meeting}/edit", s.requireUser(s.meetingSave))
	mux.HandleFunc("POST /o/{org}/g/{group}/meetings/{meeting}/items", s.requireUser(s.itemPropose))
	mux.HandleFunc("POST /o/{org}/g/{group}/meetings/{meeting}/items/{item}/move", s.requireUser(s.itemMove))
	mux.HandleFunc("POST /o/{org}/g/{group}/meetings/{meeting}/attendance", s.requireUser(s.attendanceSubmit))
	mux.HandleFunc("POST /o/{org}/g/{group}/meetings/{meeting}/papers", s.requireUser(s.paperUpload))
	mux.HandleFunc("GET /o/{org}/g/{group}/papers/{paper}/file", s.paperDownload)
	mux.HandleFunc("POST /o/{org}/g/{group}/papers/{paper}/circulate", s.requireUser(s.paperCirculate))
	mux.HandleFunc("POST /o/{org}/g/{group}/meetings/{meeting}/minutes", s.requireUser(s.minutesSave))
	mux.HandleFunc("POST /o/{org}/g/{group}/meetings/{meeting}/minutes/circulate", s.requireUser(s.minutesCirculate))
	mux.HandleFunc("POST /o/{org}/g/{group}/meetings/{meeting}/minutes/approve", s.requireUser(s.minutesApprove))
	mux.HandleFunc("POST /o/{org}/g/{group}/meetings/{meeting}/minutes/corrections", s.requireUser(s.minutesCorrection))
	mux.HandleFunc("GET /o/{org}/g/{group}/decisions", s.requireUser(s.decisionsPage))
	mux.HandleFunc("POST /o/{org}/g/{group}/decision-areas", s.requireUser(s.decisionAreaCreate))
	mux.HandleFunc("GET /o/{org}/g/{group}/decisions/new", s.requireUser(s.decisionNewPage))
	mux.HandleFunc("POST /o/{org}/g/{group}/decisions/new", s.requireUser(s.decisionSave))
	mux.HandleFunc("GET /o/{org}/g/{group}/decisions/{decision}", s.decisionPage)
	mux.HandleFunc("GET /o/{org}/g/{group}/decisions/{decision}/edit", s.requireUser(s.decisionEditPage))
	mux.HandleFunc("POST /o/{org}/g/{group}/decisions/{decision}/edit", s.requireUser(s.decisionSave))
	mux.HandleFunc("GET /o/{org}/g/{group}/terms", s.requireUser(s.torPage))
	mux.HandleFunc("POST /o/{org}/g/{group}/terms", s.requireUser(s.torDraft))
	mux.HandleFunc("GET /o/{org}/g/{group}/terms/compare", s.requireUser(s.torCompare))
	mux.HandleFunc("GET /o/{org}/g/{group}/terms/{version}", s.requireUser(s.torVersionPage))
	mux.HandleFunc("POST /o/{org}/g/{group}/terms/{version}", s.requireUser(s.torAction))
	mux.HandleFunc("GET /o/{org}/g/{group}/requests", s.requireUser(s.requestsPage))
	mux.HandleFunc("POST /o/{org}/g/{group}/requests", s.requireUser(s.requestAsk))
	mux.HandleFunc("POST /o/{org}/g/{group}/requests/{request}/answer", s.requireUser(s.requestAnswer))
	mux.HandleFunc("GET /o/{org}/g/{group}/outreach", s.requireUser(s.outreachPage))
	mux.HandleFunc("POST /o/{org}/g/{group}/outreach", s.requireUser(s.outreachLog))
	mux.HandleFunc("POST /o/{org}/g/{group}/outreach/{outreach}/fed-back", s.requireUser(s.outreachFedBack))
	mux.HandleFunc("GET /o/{org}/g/{group}/support", s.requireUser(s.supportPage))
	mux.HandleFunc("POST /o/{org}/g/{group}/support", s.requireUser(s.supportRecord))
	mux.HandleFunc("POST /o/{org}/g/{group}/support/{need}/met", s.requireUser(s.supportMet))
	mux.HandleFunc("GET /o/{org}/g/{group}/facilitators", s.requireUser(s.facilitatorsPage))
	mux.HandleFunc("POST /o/{org}/g/{group}/facilitators", s.requireUser(s.facilitatorPropose))
	mux.HandleFunc("POST /o/{org}/g/{group}/facilitators/{facilitator}/approve", s.requireUser(s.facilitatorApprove))
	mux.HandleFunc("GET /o/{org}/g/{group}/updates", s.requireUser(s.updatesPage))
	mux.HandleFunc("POST /o/{org}/g/{group}/updates", s.requireUser(s.updatePost))
	mux.HandleFunc("GET /o/{org}/g/{group}/concerns", s.requireUser(s.concernsPage))
	mux.HandleFunc("POST /o/{org}/g/{group}/concerns", s.requireUser(s.concernRaise))
	mux.HandleFunc("GET /o/{org}/g/{group}/concerns/{concern}", s.requireUser(s.concernPage))
	mux.HandleFunc("POST /o/{org}/g/{group}/concerns/{concern}/move", s.requireUser(s.concernMove))
	mux.HandleFunc("GET /o/{org}/g/{group}/red-lines", s.requireUser(s.redLinesPage))
	mux.HandleFunc("POST /o/{org}/g/{group}/red-lines", s.requireUser(s.redLineSave))
	mux.HandleFunc("POST /o/{org}/g/{group}/red-lines/{line}", s.requireUser(s.redLineSave))
	mux.HandleFunc("GET /o/{org}/g/{group}/actions", s.requireUser(s.actionsPage))
	mux.HandleFunc("POST /o/{org}/g/{group}/actions", s.requireUser(s.actionCreate))
	mux.HandleFunc("POST /o/{org}/g/{group}/actions/{action}/status", s.requireUser(s.actionStatus))
	mux.HandleFunc("GET /invitations/{token}", s.invitationPage)
	mux.HandleFunc("POST /invitations/{token}", s.invitationAccept)

	// Operations.
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)

	// Static files.
	mux.Handle("GET /static/{name}", s.static)
	mux.HandleFunc("GET /favicon.ico", s.static.favicon)

	mux.HandleFunc("/", s.notFound)
	return mux
}
