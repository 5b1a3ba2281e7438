package web

import (
	"context"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"coproduce"
)

// The JSON API lives under /api/v1. A tool calls it with a personal API
// token (Authorization: Bearer ...), never with a session cookie, and it
// goes through the same permission checks as the pages: each handler loads
// the group with loadGroup and reads what the page reads.

const apiPrefix = "/api/"

// isAPI reports whether r is an API request, which gets its errors as
// problem details (RFC 9457) rather than pages.
func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, apiPrefix) }

// api wraps an API handler: it finds the token's owner and makes them the
// visitor, whatever cookie came along; answers 401 without a working token;
// and answers 403 to a change made with a read-only token.
func (s *Server) api(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		scheme, secret, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(secret) == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="coproduce"`)
			s.problem(w, r, http.StatusUnauthorized, tr("api.error.notoken"), nil)
			return
		}
		token, user, err := s.db.FindAPIToken(r.Context(), strings.TrimSpace(secret))
		if errors.Is(err, coproduce.ErrNotFound) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="coproduce", error="invalid_token"`)
			s.problem(w, r, http.StatusUnauthorized, tr("api.error.badtoken"), nil)
			return
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !token.Scope.CanWrite() {
			w.Header().Set("WWW-Authenticate", `Bearer realm="coproduce", error="insufficient_scope"`)
			s.problem(w, r, http.StatusForbidden, tr("api.error.readonly"), nil)
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), visitorKey{}, visitor{User: user})))
	}
}

// problemJSON is an RFC 9457 problem details object, with the problems
// in the input, field by field, as an extension.
type problemJSON struct {
	Type     string         `json:"type"`
	Title    string         `json:"title"`
	Status   int            `json:"status"`
	Detail   string         `json:"detail,omitempty"`
	Instance string         `json:"instance,omitempty"`
	Errors   []fieldProblem `json:"errors,omitempty"`
	Request  string         `json:"request_id,omitempty"`
}

type fieldProblem struct {
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

// problem answers an API request with problem details. detail "" uses
// the status's own wording.
func (s *Server) problem(w http.ResponseWriter, r *http.Request, status int, detail string, fields []coproduce.FieldError) {
	p := problemJSON{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail, Instance: r.URL.Path, Request: requestID(r.Context())}
	if p.Detail == "" {
		p.Detail = tr("api.error." + strconv.Itoa(status))
	}
	for _, f := range fields {
		p.Errors = append(p.Errors, fieldProblem{Field: f.Field, Detail: f.Message})
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(p)
}

// apiList is a page of a list, with the cursor for the next page when
// there is one.
type apiList[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}

// listQuery is what a list request asks for: a page size, where to carry
// on from, and filters.
type listQuery struct {
	Limit        int
	After        *sortKey
	Since, Until time.Time // on the record's own date, inclusive; zero for none
	Status       string
}

// sortKey orders every list: by the record's date, then its id.
type sortKey struct {
	At time.Time
	ID int64
}

func (k sortKey) less(o sortKey) bool {
	return k.At.Before(o.At) || (k.At.Equal(o.At) && k.ID < o.ID)
}

func (k sortKey) cursor() string {
	return base64.RawURLEncoding.EncodeToString([]byte(k.At.UTC().Format(time.RFC3339Nano) + "|" + strconv.FormatInt(k.ID, 10)))
}

func parseCursor(s string) (*sortKey, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, false
	}
	at, id, ok := strings.Cut(string(b), "|")
	if !ok {
		return nil, false
	}
	k := &sortKey{}
	if k.At, err = time.Parse(time.RFC3339Nano, at); err != nil {
		return nil, false
	}
	if k.ID, err = strconv.ParseInt(id, 10, 64); err != nil {
		return nil, false
	}
	return k, true
}

const (
	defaultPageSize = 50
	maxPageSize     = 200
)

// parseListQuery reads limit, cursor, since, until and status, checking
// status against statuses (nil when the list has none). On a problem it
// answers 400 with every field at fault and returns false.
func (s *Server) parseListQuery(w http.ResponseWriter, r *http.Request, statuses []string) (listQuery, bool) {
	q := r.URL.Query()
	lq := listQuery{Limit: defaultPageSize}
	var v coproduce.ValidationError
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > maxPageSize {
			v.Add("limit", tr("api.error.limit", maxPageSize))
		}
		lq.Limit = n
	}
	if c := q.Get("cursor"); c != "" {
		k, ok := parseCursor(c)
		if !ok {
			v.Add("cursor", tr("api.error.cursor"))
		}
		lq.After = k
	}
	for _, d := range []struct {
		name string
		to   *time.Time
		end  bool
	}{{"since", &lq.Since, false}, {"until", &lq.Until, true}} {
		if raw := q.Get(d.name); raw != "" {
			day, err := time.ParseInLocation("2006-01-02", raw, london)
			if err != nil {
				v.Add(d.name, tr("api.error.date"))
				continue
			}
			if d.end {
				day = day.AddDate(0, 0, 1).Add(-time.Nanosecond)
			}
			*d.to = day
		}
	}
	if st := q.Get("status"); st != "" {
		known := false
		for _, x := range statuses {
			known = known || x == st
		}
		if !known {
			v.Add("status", tr("api.error.status", strings.Join(statuses, ", ")))
		}
		lq.Status = st
	}
	if len(v.Fields) > 0 {
		s.problem(w, r, http.StatusBadRequest, tr("api.error.query"), v.Fields)
		return lq, false
	}
	return lq, true
}

// page picks out of items (in any order) those the query's filters keep,
// sorted by key, after its cursor, at most its limit, and the cursor of
// the page after.
func listPage[T any](lq listQuery, items []T, key func(T) sortKey, status func(T) string) apiList[T] {
	var kept []T
	for _, it := range items {
		k := key(it)
		if (!lq.Since.IsZero() && k.At.Before(lq.Since)) || (!lq.Until.IsZero() && k.At.After(lq.Until)) {
			continue
		}
		if lq.Status != "" && (status == nil || status(it) != lq.Status) {
			continue
		}
		if lq.After != nil && !lq.After.less(k) {
			continue
		}
		kept = append(kept, it)
	}
	slices.SortFunc(kept, func(a, b T) int {
		ka, kb := key(a), key(b)
		if ka.less(kb) {
			return -1
		}
		if kb.less(ka) {
			return 1
		}
		return 0
	})
	out := apiList[T]{Items: kept}
	if len(kept) > lq.Limit {
		out.Items = kept[:lq.Limit]
		out.NextCursor = key(kept[lq.Limit-1]).cursor()
	}
	if out.Items == nil {
		out.Items = []T{}
	}
	return out
}

// writeList answers with a page of a list, and a Link header to the next.
func (s *Server) writeList(w http.ResponseWriter, r *http.Request, next string, v any) {
	if next != "" {
		q := r.URL.Query()
		q.Set("cursor", next)
		u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
		w.Header().Set("Link", "<"+s.cfg.BaseURL+u.String()+`>; rel="next"`)
	}
	writeJSON(w, http.StatusOK, v)
}

// decodeJSON reads a JSON object of fields into a form, as if it had been
// posted by the page, so that the API checks input exactly as the form
// does. Strings, numbers and booleans are taken; anything else is a
// problem with that field. It answers 400 and returns false when the body
// is not a JSON object.
func (s *Server) decodeJSON(w http.ResponseWriter, r *http.Request, fields ...string) (*form, bool) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	var raw map[string]any
	dec := json.NewDecoder(r.Body)
	dec.UseNumber()
	err := dec.Decode(&raw)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		s.problem(w, r, http.StatusRequestEntityTooLarge, tr("api.error.toolarge", maxFormBytes>>10), nil)
		return nil, false
	}
	if err != nil || raw == nil {
		s.problem(w, r, http.StatusBadRequest, tr("api.error.body"), nil)
		return nil, false
	}
	f := newForm()
	var v coproduce.ValidationError
	known := map[string]bool{}
	for _, name := range fields {
		known[name] = true
		switch x := raw[name].(type) {
		case nil:
		case string:
			f.Values[name] = x
		case json.Number:
			f.Values[name] = x.String()
		case bool:
			f.Values[name] = strconv.FormatBool(x)
		default:
			v.Add(name, tr("api.error.fieldtype"))
		}
	}
	var unknown []string
	for name := range raw {
		if !known[name] {
			unknown = append(unknown, name)
		}
	}
	slices.Sort(unknown)
	for _, name := range unknown {
		v.Add(name, tr("api.error.unknownfield"))
	}
	if len(v.Fields) > 0 {
		s.problem(w, r, http.StatusUnprocessableEntity, tr("api.error.invalid"), v.Fields)
		return nil, false
	}
	return f, true
}

// formProblem answers 422 with the form's problems.
func (s *Server) formProblem(w http.ResponseWriter, r *http.Request, f *form) {
	var fields []coproduce.FieldError
	for _, name := range f.Order {
		fields = append(fields, coproduce.FieldError{Field: name, Message: f.Errors[name]})
	}
	s.problem(w, r, http.StatusUnprocessableEntity, tr("api.error.invalid"), fields)
}

//go:embed api/openapi.json
var openAPIJSON []byte

// openAPIDocument serves the API's OpenAPI 3.1 description, to anyone.
func (s *Server) openAPIDocument(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(openAPIJSON)
}

// recordList describes one of a group's lists in the API: who may read
// it, how to load it, and how to sort, filter and write each record.
type recordList[T, J any] struct {
	Need     coproduce.Permission
	Statuses []string // the status filter's values; nil for a list without one
	Load     func(gr *groupRequest) ([]T, error)
	Key      func(T) sortKey
	Status   func(T) string // nil for a list without a status
	JSON     func(gr *groupRequest, x T) J
}

// serveList answers a request for a list: the group for a visitor with
// the permission, the query read, a page of the records that pass its
// filters, and the cursor of the next.
func serveList[T, J any](s *Server, w http.ResponseWriter, r *http.Request, l recordList[T, J]) {
	gr, ok := s.loadGroup(w, r, l.Need)
	if !ok {
		return
	}
	lq, ok := s.parseListQuery(w, r, l.Statuses)
	if !ok {
		return
	}
	items, err := l.Load(gr)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	page := listPage(lq, items, l.Key, l.Status)
	out := apiList[J]{Items: make([]J, len(page.Items)), NextCursor: page.NextCursor}
	for i, x := range page.Items {
		out.Items[i] = l.JSON(gr, x)
	}
	s.writeList(w, r, out.NextCursor, out)
}
