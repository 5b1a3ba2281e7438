package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"coproduce"
)

// maxFormBytes bounds a form body; nothing the product asks for in one form
// comes near it.
const maxFormBytes = 64 << 10

// form is what a person typed into a form and what was wrong with it, for
// showing the form again with their input kept (the GOV.UK error summary
// pattern).
type form struct {
	Values map[string]string
	Errors map[string]string // field name → message
	Order  []string          // fields in error, in the order of the summary
	// Prefix goes before each field's id, for a page with several forms
	// of the same fields, so that each label finds its own input.
	Prefix string
}

// rowPrefix is the Prefix of the form for one row of a page listing
// several, such as the body with id on the governance map.
func rowPrefix(row string, id int64) string { return row + "-" + strconv.FormatInt(id, 10) + "-" }

func newForm() *form {
	return &form{Values: map[string]string{}, Errors: map[string]string{}}
}

// parseForm reads the posted fields named by fields into a form.
func parseForm(w http.ResponseWriter, r *http.Request, fields ...string) (*form, error) {
	return parseFormUpTo(w, r, maxFormBytes, fields...)
}

// parseFormUpTo is parseForm for a form whose body may be up to limit
// bytes.
func parseFormUpTo(w http.ResponseWriter, r *http.Request, limit int64, fields ...string) (*form, error) {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if err := r.ParseForm(); err != nil {
		return nil, err
	}
	f := newForm()
	for _, name := range fields {
		f.Values[name] = r.PostForm.Get(name)
	}
	return f, nil
}

// Fail records a problem with field (the first one for a field wins).
func (f *form) Fail(field, message string) {
	if _, ok := f.Errors[field]; ok {
		return
	}
	f.Errors[field] = message
	f.Order = append(f.Order, field)
}

// FailWith records the problems in a *coproduce.ValidationError and
// reports whether err was one.
func (f *form) FailWith(err error) bool {
	var verr *coproduce.ValidationError
	if !errors.As(err, &verr) {
		return false
	}
	for _, fe := range verr.Fields {
		f.Fail(fe.Field, fe.Message)
	}
	return true
}

// OK reports whether the form has no problems.
func (f *form) OK() bool { return len(f.Errors) == 0 }

// Get returns a trimmed field value.
func (f *form) Get(name string) string { return strings.TrimSpace(f.Values[name]) }

// fieldView is what the "field" template needs to draw one input.
type fieldView struct {
	Name, ID, Label, Hint, Type, Autocomplete, Value, Error string
}

// field describes an input of form f for the "field" template. Password
// inputs never show the value back.
func field(f *form, name, label, typ, autocomplete, hint string) fieldView {
	v := fieldView{Name: name, ID: name, Label: label, Hint: hint, Type: typ, Autocomplete: autocomplete}
	if f != nil {
		v.ID = f.Prefix + name
		v.Error = f.Errors[name]
		if typ != "password" {
			v.Value = f.Values[name]
		}
	}
	return v
}

// option is one choice of a radios or select field.
type option struct {
	Value, Label, Hint string
	Checked            bool
}

// choiceView is what the "radios" and "select" templates need.
type choiceView struct {
	Name, ID, Legend, Hint, Error string
	Options                       []option
}

// choices describes a set of radio buttons or a select of form f; the
// option whose value the form holds is checked.
func choices(f *form, name, legend, hint string, opts []option) choiceView {
	v := choiceView{Name: name, ID: name, Legend: legend, Hint: hint, Options: make([]option, len(opts))}
	copy(v.Options, opts)
	if f != nil {
		v.ID = f.Prefix + name
		v.Error = f.Errors[name]
		for i := range v.Options {
			v.Options[i].Checked = v.Options[i].Value == f.Values[name]
		}
	}
	return v
}

// finish answers a form's POST once the store has had its say: 404 when
// the record is not the visitor's to see, the page again with what was
// typed and the problems (422) when f has problems or err is a
// *coproduce.ValidationError, the error page for any other error, and
// otherwise a redirect to next.
func (s *Server) finish(w http.ResponseWriter, r *http.Request, err error, f *form, again func(status int), next string) {
	switch {
	case errors.Is(err, coproduce.ErrNotFound):
		s.notFound(w, r)
	case !f.OK() || f.FailWith(err):
		again(http.StatusUnprocessableEntity)
	case err != nil:
		s.serverError(w, r, err)
	default:
		http.Redirect(w, r, next, http.StatusSeeOther)
	}
}

// recordsForm starts a POST on the group's records: it loads the group
// for a current member (404 otherwise, as loadGroup answers) and reads
// the named fields of the form (the bad-request page if it cannot).
func (s *Server) recordsForm(w http.ResponseWriter, r *http.Request, fields ...string) (*groupRequest, *form, bool) {
	gr, ok := s.loadGroup(w, r, coproduce.SeeGroupRecords)
	if !ok {
		return nil, nil, false
	}
	f, err := parseForm(w, r, fields...)
	if err != nil {
		s.badRequest(w, r)
		return nil, nil, false
	}
	return gr, f, true
}
