package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"coproduce"
)

// scrape reads the server's metrics with Prometheus's own parser.
func scrape(t *testing.T, s *Server) map[string]*dto.MetricFamily {
	t.Helper()
	rec := httptest.NewRecorder()
	s.MetricsHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("metrics: %d", rec.Code)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(rec.Body.String()))
	if err != nil {
		t.Fatalf("metrics in a form Prometheus cannot read: %v\n%s", err, rec.Body)
	}
	return families
}

func labelsOf(m *dto.Metric) map[string]string {
	out := map[string]string{}
	for _, l := range m.GetLabel() {
		out[l.GetName()] = l.GetValue()
	}
	return out
}

func TestMetrics(t *testing.T) {
	w := newWorld(t)
	g := "/o/brookfield/g/larkhill"
	for range 3 {
		w.request("resident", http.MethodGet, g+"/meetings/"+idValue(w.meeting(t, coproduce.Public).ID), nil)
	}
	w.request("stranger", http.MethodGet, "/no/such/page", nil)
	w.request("resident", http.MethodGet, g+"/health", nil)
	must(t, w.s.db.CreateInvitation(context.Background(), &coproduce.Invitation{GroupID: w.larkhill.ID, Email: "new@example.org",
		Role: coproduce.Observer, Constituency: coproduce.Residents, Reason: "test", InvitedBy: w.users["chair"].ID},
		func(string) coproduce.Message { return coproduce.Message{Subject: "s", Text: "t"} }))

	families := scrape(t, w.s)
	count := func(route, status string) float64 {
		for _, m := range families["coproduce_http_requests_total"].GetMetric() {
			if l := labelsOf(m); l["route"] == route && l["status"] == status {
				return m.GetCounter().GetValue()
			}
		}
		return 0
	}
	if n := count("GET /o/{org}/g/{group}/meetings/{meeting}", "200"); n != 3 {
		t.Errorf("meeting page requests counted: %v, want 3", n)
	}
	if n := count("unmatched", "404"); n != 1 {
		t.Errorf("unmatched 404s counted: %v, want 1", n)
	}
	// Routes are labelled by pattern, never by a path with ids in it.
	for _, m := range families["coproduce_http_requests_total"].GetMetric() {
		if route := labelsOf(m)["route"]; strings.ContainsAny(route, "0123456789") {
			t.Errorf("a route label holds a path: %q", route)
		}
	}
	var timed uint64
	for _, m := range families["coproduce_http_request_duration_seconds"].GetMetric() {
		if labelsOf(m)["route"] == "GET /o/{org}/g/{group}/health" {
			timed = m.GetHistogram().GetSampleCount()
		}
	}
	if timed != 1 {
		t.Errorf("health page timings: %d, want 1", timed)
	}
	if got := families["coproduce_outbox_waiting"].GetMetric()[0].GetGauge().GetValue(); got != 1 {
		t.Errorf("outbox waiting: %v, want 1", got)
	}
	for _, name := range []string{"coproduce_outbox_oldest_seconds", "coproduce_db_open_connections", "coproduce_db_in_use_connections",
		"coproduce_db_max_open_connections", "coproduce_db_waits_total", "go_goroutines"} {
		if families[name] == nil {
			t.Errorf("no %s", name)
		}
	}
	// The site itself does not serve them.
	if rec := w.request("stranger", http.MethodGet, "/metrics", nil); rec.Code != http.StatusNotFound {
		t.Errorf("/metrics on the site: %d", rec.Code)
	}
}
