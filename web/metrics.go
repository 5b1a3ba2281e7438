package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the figures an operator's Prometheus reads from /metrics:
// requests by route and status, how long they took, the outbox, and the
// database connection pool.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func (s *Server) newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "coproduce_http_requests_total", Help: "HTTP requests answered, by route pattern, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "coproduce_http_request_duration_seconds", Help: "Time to answer HTTP requests, by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route"}),
	}
	outbox := func() (int, time.Duration) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		n, age, err := s.db.OutboxStats(ctx)
		if err != nil {
			s.logger.Error("reading the outbox for metrics", "err", err)
		}
		return n, age
	}
	m.registry.MustRegister(m.requests, m.latency,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "coproduce_outbox_waiting", Help: "Emails waiting in the outbox to be sent."},
			func() float64 { n, _ := outbox(); return float64(n) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "coproduce_outbox_oldest_seconds", Help: "How long the oldest email waiting in the outbox has waited."},
			func() float64 { _, age := outbox(); return age.Seconds() }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "coproduce_db_max_open_connections", Help: "The most database connections the pool may open."},
			func() float64 { return float64(s.db.Stats().MaxOpenConnections) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "coproduce_db_open_connections", Help: "Database connections open, in use or idle."},
			func() float64 { return float64(s.db.Stats().OpenConnections) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "coproduce_db_in_use_connections", Help: "Database connections in use."},
			func() float64 { return float64(s.db.Stats().InUse) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "coproduce_db_waits_total", Help: "Times a request waited for a free database connection."},
			func() float64 { return float64(s.db.Stats().WaitCount) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "coproduce_db_wait_seconds_total", Help: "Time spent waiting for a free database connection."},
			func() float64 { return s.db.Stats().WaitDuration.Seconds() }),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

type patternKey struct{}

// routed runs the route table and tells the metrics which route pattern
// answered: the table sets it on the request it was given, which the
// middleware above never sees.
func routed(mux http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux.ServeHTTP(w, r)
		if p, ok := r.Context().Value(patternKey{}).(*string); ok {
			*p = r.Pattern
		}
	})
}

// measure counts each request and times it, by route pattern (never by
// path, which holds ids and tokens).
func (s *Server) measure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		var pattern string
		rec, ok := w.(*statusRecorder)
		if !ok {
			rec = &statusRecorder{ResponseWriter: w}
		}
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), patternKey{}, &pattern)))
		if pattern == "" || pattern == "/" {
			pattern = "unmatched"
		}
		status := rec.status
		if status == 0 {
			status = http.StatusOK
		}
		s.metrics.requests.WithLabelValues(pattern, r.Method, strconv.Itoa(status)).Inc()
		s.metrics.latency.WithLabelValues(pattern).Observe(time.Since(start).Seconds())
	})
}

// MetricsHandler serves the metrics in the Prometheus text format. It is
// not on the site's own address: an operator serves it on one of their
// choosing (--metrics-addr).
func (s *Server) MetricsHandler() http.Handler {
	return promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{})
}
