package coproduce

import (
	"slices"
	"strings"
	"time"
)

// ReflectionPrompts are the questions the framework's authors asked
// steering groups when evaluating coproduction, for a group to answer
// together and come back to as the project goes on. The wording of each
// is in the web layer's text.
var ReflectionPrompts = []string{"power", "together", "problems", "red-lines", "disagreement"}

// OfficerReflection is the prompt for officers' own reflections on how
// coproduction has affected their work.
const OfficerReflection = "officer"

// Reflection is the group's answer to a reflection prompt, recorded by a
// member and perhaps discussed at a meeting, or an officer's reflection
// on their work. Answers are never changed: revisiting a prompt adds a
// new one, so the group can see how its thinking moved.
type Reflection struct {
	ID        int64
	GroupID   int64
	Prompt    string // one of ReflectionPrompts, or OfficerReflection
	AuthorID  int64  // member id
	MeetingID int64  // the meeting where it was discussed, if any
	Body      string
	CreatedAt time.Time
}

// Validate checks the reflection by author and returns a
// *ValidationError.
func (r *Reflection) Validate(author *Member) error {
	var v ValidationError
	switch {
	case r.Prompt == OfficerReflection:
		if author.Constituency != OrganisationSide {
			v.Add("prompt", "Officer reflections are for members on the organisation's side.")
		}
	case !slices.Contains(ReflectionPrompts, r.Prompt):
		v.Add("prompt", "Choose the question you are answering.")
	}
	field := "body"
	if r.Prompt == OfficerReflection {
		field = "officer_body"
	}
	if strings.TrimSpace(r.Body) == "" {
		v.Add(field, "Write the reflection.")
	}
	validateText(&v, field, r.Body, 20000)
	return v.Err()
}
