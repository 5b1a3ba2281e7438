package coproduce

import (
	"errors"
	"strings"
)

// Errors every layer can test for with errors.Is. The store maps driver
// errors to these by code; the web and API layers map them to status codes.
var (
	// ErrNotFound means the record does not exist or the caller may not know
	// that it exists: confidential records answer the same way as missing ones.
	ErrNotFound = errors.New("not found")
	// ErrConflict means the write clashes with an existing record, such as a
	// second organisation with the same slug.
	ErrConflict = errors.New("conflict")
	// ErrForbidden means the caller is known but may not do this.
	ErrForbidden = errors.New("forbidden")
)

// FieldError is one problem with one field of a person's input, worded for
// that person.
type FieldError struct {
	Field   string // the form or JSON field name
	Message string // a sentence a person can act on
}

// ValidationError lists every problem found with an input, so a form can show
// them all at once rather than one per attempt.
type ValidationError struct {
	Fields []FieldError
}

// Error joins the field messages.
func (e *ValidationError) Error() string {
	msgs := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		msgs[i] = f.Field + ": " + f.Message
	}
	return "invalid input: " + strings.Join(msgs, "; ")
}

// Add records a problem with field.
func (e *ValidationError) Add(field, message string) {
	e.Fields = append(e.Fields, FieldError{Field: field, Message: message})
}

// Err returns e when it holds at least one problem and nil otherwise, so a
// validator can end with `return v.Err()`.
func (e *ValidationError) Err() error {
	if len(e.Fields) == 0 {
		return nil
	}
	return e
}
