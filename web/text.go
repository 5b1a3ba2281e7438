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

	"expired.title":  "This link cannot be used",
	"expired.body":   "Links work once, for a short time, and asking for a new one cancels the old one. This link has expired, been used, or been replaced.",
	"expired.signin": "Get a new link to sign in",
	"expired.reset":  "Get a new link to reset your password",
	"expired.setup":  "Run coproduce again, or use coproduce user create, to get a new setup link.",

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
