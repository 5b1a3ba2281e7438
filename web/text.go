package web

import "fmt"

// english holds every piece of interface text the templates and handlers
// show, keyed by a stable name. Framework content is not here: it lives in
// the framework file. Keeping the text in one table means a translation is a
// second table, not an edit of every template. A template asks for text with
// {{t "key"}} or {{t "key" arg...}} (arguments fill fmt verbs); an unknown
// key fails the render, and the template tests render every page, so a typo
// cannot reach a person.
var english = map[string]string{
	"site.name":            "coproduce",
	"site.tagline":         "Coproduction for housing and regeneration steering groups",
	"layout.skip":          "Skip to main content",
	"layout.nav.label":     "Main",
	"layout.nav.home":      "Home",
	"layout.nav.framework": "The framework",
	"layout.footer.credit": "The framework in this product is our own plain-English version of %s, published by %s (%s).",
	"layout.footer.about":  "coproduce is free software for coproduction steering groups.",

	"home.title":             "Share power, keep trust, check how it is going",
	"home.lead":              "coproduce is for the steering groups that run coproduction in housing and estate regeneration: residents and council or housing association officers making decisions together, often for years.",
	"home.for.heading":       "Who it is for",
	"home.for.residents":     "Resident representatives, to see what is coming up, get papers in time to read them, put items on the agenda and ask for information.",
	"home.for.officers":      "Council and housing association officers, to run meetings, keep the decisions log and answer requests for information.",
	"home.for.chairs":        "Chairs, independent facilitators and advisers, to set the group up, support its members and turn the health check into actions.",
	"home.for.community":     "The wider community, to see what the group has decided and send in their views.",
	"home.framework.heading": "Built on a published framework",
	"home.framework.body":    "The product follows a framework of five precepts and ten principles for coproduction in housing and regeneration. It uses them to check the health of your group's way of working, fairly to residents and officers alike.",
	"home.framework.link":    "Read the framework",

	"framework.title":              "The coproduction framework",
	"framework.precepts.heading":   "The five precepts",
	"framework.principles.heading": "The ten principles",
	"framework.principles.lead":    "Each principle has guidance, warning signs to look out for, actions to try and statements the health check asks members about.",
	"framework.edition":            "Framework edition %s.",

	"principle.title":           "Principle %d: %s",
	"principle.breadcrumb":      "Breadcrumb",
	"principle.guidance":        "Guidance",
	"principle.section.tools":   "Tools for this",
	"principle.lookout":         "What to look out for",
	"principle.quickwins":       "Quick wins",
	"principle.longterm":        "Mid to long-term actions",
	"principle.tools":           "Tools this principle names",
	"principle.statements":      "What the health check asks",
	"principle.statements.lead": "Members say how far they agree with each statement, anonymously.",
	"principle.pagination":      "Other principles",
	"principle.previous":        "Previous: principle %d, %s",
	"principle.next":            "Next: principle %d, %s",

	"layout.nav.account": "Your account",
	"layout.nav.signin":  "Sign in",
	"layout.nav.signout": "Sign out",

	"form.problem":      "There is a problem",
	"form.error.prefix": "Error:",
	"form.error.title":  "Error:",

	"field.email":            "Email address",
	"field.password":         "Password",
	"field.name":             "Your name",
	"field.newpassword":      "New password",
	"field.newpassword.hint": "At least 8 characters. A good choice is three random words. You can paste a password from a password manager.",
	"field.currentpassword":  "Current password",

	"signin.title":          "Sign in",
	"signin.submit":         "Sign in",
	"signin.error.password": "Enter your password.",
	"signin.error.wrong":    "Enter a correct email address and password. Both are needed, and one of them did not match.",
	"signin.error.limit":    "There have been too many attempts to sign in. Wait 15 minutes and try again, or ask for a sign-in link by email.",
	"signin.other.heading":  "Other ways to sign in",
	"signin.other.link":     "Email me a link to sign in, without a password",
	"signin.other.reset":    "I have forgotten my password",
	"signin.noaccount":      "To get an account, ask the chair or an administrator of your group to invite you.",

	"link.title":       "Get a link to sign in",
	"link.lead":        "We will email you a link. It signs you in once and works for %d minutes.",
	"link.submit":      "Send the link",
	"link.back":        "Back to sign in",
	"link.error.limit": "Too many links have been asked for. Wait an hour and try again.",
	"reset.title":      "Reset your password",
	"reset.lead":       "We will email you a link to choose a new password. It works once, for %d minutes.",

	"checkemail.title":  "Check your email",
	"checkemail.sent":   "If %s has an account, we have sent it a link. If not, we have sent an email to say so.",
	"checkemail.expiry": "The link works once, for %d minutes. Asking again cancels the earlier link.",
	"checkemail.none":   "If nothing arrives within a few minutes, check your spam or junk folder.",

	"signinlink.title": "Sign in to coproduce",
	"signinlink.lead":  "Select the button to finish signing in.",

	"expired.title":      "This link cannot be used",
	"expired.body":       "Links work once, for a short time, and asking for a new one cancels the old one. This link has expired, been used, or been replaced.",
	"expired.signin":     "Get a new link to sign in",
	"expired.reset":      "Get a new link to reset your password",
	"expired.setup":      "Run coproduce again, or use coproduce user create, to get a new setup link.",
	"expired.invitation": "Ask the person who invited you to send a new invitation.",

	"newpassword.title":  "Choose a new password",
	"newpassword.submit": "Save the password",

	"password.title":         "Change your password",
	"password.lead":          "When you save a new password, you stay signed in here and are signed out everywhere else.",
	"password.back":          "Back to your account",
	"password.error.current": "Enter your current password correctly.",

	"setup.title":  "Set up coproduce",
	"setup.lead":   "You are the first person here. Create your account: you will administer this installation.",
	"setup.submit": "Create the account",

	"account.title":              "Your account",
	"account.password.set":       "Set.",
	"account.password.none":      "None: you sign in with emailed links.",
	"account.password.change":    "Change your password",
	"account.password.add":       "Set a password",
	"account.sessions.heading":   "Where you are signed in",
	"account.sessions.lead":      "If you see a device you do not recognise, sign it out and change your password.",
	"account.sessions.unknown":   "Unknown browser",
	"account.sessions.this":      "This device",
	"account.sessions.since":     "Signed in %s.",
	"account.sessions.last":      "Last used %s.",
	"account.sessions.end":       "Sign out this device",
	"account.sessions.endthis":   "Sign out here",
	"account.sessions.endothers": "Sign out everywhere else",
	"account.done.password":      "Your password has been saved. You are signed out everywhere else.",
	"account.done.session":       "That device has been signed out.",
	"account.done.sessions":      "You have been signed out everywhere else.",
	"account.done.setup":         "Your administrator account has been created.",

	"email.signin.subject":    "Your link to sign in to coproduce",
	"email.signin.body":       "Hello %s,\n\nUse this link to sign in to coproduce:\n\n%s\n\nIt works once, for the next %d minutes. If you did not ask for it, you can ignore this email: nobody can sign in without the link.\n",
	"email.reset.subject":     "Reset your coproduce password",
	"email.reset.body":        "Hello %s,\n\nUse this link to choose a new password for coproduce:\n\n%s\n\nIt works once, for the next %d minutes. If you did not ask for it, you can ignore this email: your password has not changed.\n",
	"email.noaccount.subject": "Signing in to coproduce",
	"email.noaccount.body":    "Hello,\n\nSomeone, probably you, asked for a link to sign in to coproduce (%s) with this email address. There is no account for this address.\n\nIf you expected one, ask the chair of your group to invite you, or try the address you were invited with. If you did not ask, you can ignore this email.\n",

	"layout.nav.groups": "Groups",

	"form.save":       "Save",
	"form.cancel":     "Cancel",
	"form.error.date": "Enter a real date.",
	"field.slug":      "Short name for web addresses",
	"field.slug.hint": "Lower-case letters, numbers and hyphens, like larkhill-estate. It appears in the group's web address.",

	"organisations.title":          "Organisations",
	"organisations.none":           "There are no organisations yet.",
	"organisations.add":            "Add an organisation",
	"organisations.field.name":     "Organisation name",
	"organisations.add.submit":     "Add the organisation",
	"organisation.groups":          "Steering groups",
	"organisation.nogroups":        "This organisation has no groups yet.",
	"organisation.addgroup":        "Add a group",
	"organisation.addgroup.submit": "Add the group",
	"organisation.admins":          "Administrators",
	"organisation.admin.email":     "Add an administrator by email address",
	"organisation.admin.hint":      "They need an account already.",
	"organisation.admin.submit":    "Add the administrator",
	"organisation.error.slug":      "That short name is already used. Choose another.",
	"organisation.error.noaccount": "There is no account with that email address. Ask them to accept an invitation to a group first, or create one with coproduce user create.",
	"organisation.done.created":    "The organisation has been created. You administer it.",
	"organisation.done.admin":      "The administrator has been added.",

	"group.field.name":             "Group name",
	"group.field.area":             "Estate or area",
	"group.field.area.hint":        "For example, Larkhill Estate, blocks A to F.",
	"group.field.description":      "Short description",
	"group.field.description.hint": "What the group is for, in a few sentences. Anyone can read it.",
	"group.nav.label":              "This group",
	"group.nav.overview":           "Overview",
	"group.nav.members":            "Members",
	"group.nav.precepts":           "The five precepts",
	"group.nav.audit":              "Record of changes",
	"group.you.heading":            "Your place in this group",
	"group.you.role":               "You are a member as %s (%s).",
	"group.you.precepts":           "Before you take part, read the five precepts and say you have read them.",
	"group.you.precepts.link":      "Read the five precepts",
	"group.edit.link":              "Edit the group's details",
	"group.edit.title":             "Edit the group's details",
	"group.done.saved":             "The group's details have been saved.",
	"group.done.created":           "The group has been created. Invite its chair and members next.",
	"group.done.precepts":          "Thank you. Your acknowledgement of the precepts has been recorded.",

	"precepts.title":            "The five precepts",
	"precepts.acknowledge.lead": "Every member reads these when they join. Saying you have read them is recorded for the group.",
	"precepts.acknowledge":      "I have read the five precepts",
	"precepts.acknowledged":     "You acknowledged the precepts on %s.",

	"members.title":              "Members",
	"members.current":            "Current members",
	"members.none":               "The group has no members yet.",
	"members.col.name":           "Name",
	"members.col.role":           "Role",
	"members.col.joined":         "Joined",
	"members.col.inducted":       "Inducted",
	"members.notyet":             "Not yet",
	"members.invite.link":        "Invite a member",
	"members.invitations":        "Invitations waiting for an answer",
	"members.invitation.expires": "Can be accepted until %s.",
	"members.invitation.revoke":  "Cancel the invitation",
	"members.former":             "Former members",
	"members.done.invited":       "The invitation has been sent.",
	"members.done.revoked":       "The invitation has been cancelled.",
	"members.done.left":          "The member has been recorded as having left.",

	"member.role":                     "Role",
	"member.constituency":             "Constituency",
	"member.joined":                   "Joined",
	"member.left":                     "Left",
	"member.selection":                "How they were chosen",
	"member.selection.method":         "How they were chosen",
	"member.selection.hint":           "For resident representatives, the open and public selection, such as an election at a residents' meeting.",
	"member.selection.date":           "Date chosen",
	"member.selection.notes":          "Notes on the selection",
	"member.induction":                "Induction",
	"member.induction.date":           "Date of induction",
	"member.induction.byresident":     "Resident member who took part in the induction",
	"member.induction.byorganisation": "Organisation member who took part in the induction",
	"member.induction.resident":       "With %s for the residents.",
	"member.induction.organisation":   "With %s for the organisation.",
	"member.induction.notes":          "Notes on the induction",
	"member.precepts":                 "Read the precepts",
	"member.description":              "Role description",
	"member.notrecorded":              "Not recorded yet.",
	"member.handover":                 "Handover note",
	"member.handover.hint":            "What the next person needs to know: what is under way, where papers are, who to talk to.",
	"member.edit":                     "Change the member's details",
	"member.leave":                    "Record that the member has left",
	"member.leave.reason":             "Why they are leaving",
	"member.leave.reason.hint":        "For the group's record, for example: stood down at the annual meeting.",
	"member.leave.submit":             "Record that they have left",
	"member.nobody":                   "Nobody yet",
	"member.former":                   "Former member",
	"member.error.inductor":           "Choose a current member of that constituency.",
	"member.done.saved":               "The member's details have been saved.",

	"invite.title":             "Invite a member",
	"invite.lead":              "We will email them a link to join. It works for %d days, and you can cancel it before then.",
	"invite.constituency.hint": "Which side they speak from. The health check compares the constituencies' views.",
	"invite.reason":            "Why they are joining",
	"invite.reason.hint":       "For the group's record, for example: elected at the residents' meeting on 3 March.",
	"invite.submit":            "Send the invitation",
	"invite.error.taken":       "That person is already a member or already has an invitation waiting.",

	"invitation.title":         "Join %s",
	"invitation.lead":          "You have been invited to join as %s, in the %s constituency.",
	"invitation.wrong":         "This invitation was sent to %s, but you are signed in with another address. Sign out, then open the link again.",
	"invitation.accept":        "Accept and join",
	"invitation.signin.lead":   "There is already an account for %s. Sign in to accept.",
	"invitation.signin":        "Sign in to accept",
	"invitation.create.lead":   "Accepting creates your account for %s.",
	"invitation.name.hint":     "As the rest of the group will see it.",
	"invitation.password":      "Password (optional)",
	"invitation.password.hint": "At least 8 characters. You can leave it empty and sign in with emailed links instead.",

	"audit.title":                 "Record of changes",
	"audit.lead":                  "Every change to the group's records is written here and cannot be changed afterwards. Each entry carries a fingerprint of the one before, so any change to an old entry shows when the record is checked.",
	"audit.verify":                "Check the record",
	"audit.whole":                 "The record is whole: all %d entries check out.",
	"audit.broken.title":          "The record has been tampered with",
	"audit.broken":                "Entry %d fails the check: %s. Tell the group's chair and the organisation's administrators.",
	"audit.none":                  "Nothing has been recorded yet.",
	"audit.system":                "The system",
	"audit.col.seq":               "Entry",
	"audit.col.when":              "When",
	"audit.col.who":               "Who",
	"audit.col.what":              "What",
	"audit.action.member.added":   "Member added",
	"audit.action.member.updated": "Member's details changed",
	"audit.action.member.left":    "Member left",
	"audit.action.member.acknowledged-precepts": "Precepts acknowledged",
	"audit.action.invitation.sent":              "Invitation sent",
	"audit.action.invitation.revoked":           "Invitation cancelled",
	"audit.action.group.updated":                "Group's details changed",

	"constituency.residents":    "Residents",
	"constituency.organisation": "Organisation",
	"constituency.independent":  "Independent",

	"role.chair":                     "Chair",
	"role.chair.hint":                "Leads meetings and the group's work; often independent.",
	"role.chair.template":            "A starting point: The chair runs meetings fairly, makes sure every member can be heard, keeps to the terms of reference, and signs off the minutes. They invite and induct new members with someone from each side.",
	"role.facilitator":               "Facilitator",
	"role.facilitator.hint":          "Independent; helps the group work together and through disagreements.",
	"role.facilitator.template":      "A starting point: The facilitator is independent of both sides. They plan meetings with the chair, help the group reach agreement, and step in when there is conflict.",
	"role.resident-rep":              "Resident representative",
	"role.resident-rep.hint":         "Chosen by residents in an open, public process; speaks for them.",
	"role.resident-rep.template":     "A starting point: The resident representative speaks for the residents who chose them, reaches out to neighbours regularly, reports back what they hear, and tells residents what the group has decided.",
	"role.organisation-rep":          "Organisation representative",
	"role.organisation-rep.hint":     "An officer of the council or housing association.",
	"role.organisation-rep.template": "A starting point: The organisation representative brings the organisation's information, limits and decisions to the group, explains decisions taken elsewhere, and answers requests for information on time.",
	"role.adviser":                   "Adviser",
	"role.adviser.hint":              "Independent expert support, for example to residents.",
	"role.adviser.template":          "A starting point: The adviser gives independent advice on technical matters such as planning, design or money, so that every member can take part on equal terms.",
	"role.observer":                  "Observer",
	"role.observer.hint":             "Attends and follows the work without a decision-making role.",
	"role.observer.template":         "A starting point: The observer attends meetings and reads the papers but does not take part in decisions.",

	"email.invite.subject": "You are invited to join %s",
	"email.invite.body":    "Hello,\n\n%s has invited you to join %s on coproduce, as %s.\n\nTo accept, open this link:\n\n%s\n\nIt works for %d days. If you were not expecting this, you can ignore this email.\n",

	"error.notfound.title": "Page not found",
	"error.notfound.body":  "If you typed the web address, check it is correct. If you followed a link, the page may have moved or you may not have access to it.",
	"error.notfound.home":  "Go to the home page",
	"error.server.title":   "Sorry, something went wrong",
	"error.server.body":    "The problem has been recorded. Please try again in a few minutes.",
	"error.server.ref":     "If you report this, quote reference %s.",
	"error.server.plain":   "Sorry, something went wrong. If you report this, quote reference %s.",
	"error.crossorigin":    "This request came from another website, so it was refused. Go back to the page you were on and try again.",
}

// text returns the interface text for key, filling fmt verbs with args. An
// unknown key is an error.
func text(key string, args ...any) (string, error) {
	s, ok := english[key]
	if !ok {
		return "", fmt.Errorf("no interface text for key %q", key)
	}
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	return s, nil
}

// tr returns the interface text for key, filling fmt verbs with args, for
// Go code. An unknown key comes back as the key itself rather than failing
// a request; TestEveryTextKeyInGoExists finds any in the source.
func tr(key string, args ...any) string {
	s, err := text(key, args...)
	if err != nil {
		return key
	}
	return s
}
