package server

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/reformhub/hub/internal/store"
)

// Metrics are the hub's Prometheus metrics, in a registry of their own (never the global
// default one), served at /metrics:
//
//	hub_http_requests_total{path,status}                   HTTP requests by route and status
//	hub_graphql_requests_total{operation}                  GraphQL operations by operation name
//	hub_graphql_request_duration_seconds{operation}        their latency
//	hub_graphql_errors_total{code}                         GraphQL errors by extensions.code
//	hub_neo4j_statements_total{statement,outcome}          Cypher statements by store method, ok or error
//	hub_neo4j_statement_duration_seconds{statement}        their latency
//	hub_neo4j_statements_in_flight                         statements running now
//	hub_cypher_statements_per_request{operation}           Cypher statements per GraphQL request
//
// plus the Go runtime and process collectors. The Neo4j Go driver does not expose its
// connection pool, so statements in flight stand in for pool use (the pool holds 50
// connections). Operation names are client-chosen: at most maxOperationNames distinct ones
// are kept as labels, the rest count as "other".
type Metrics struct {
	registry *prometheus.Registry

	httpRequests *prometheus.CounterVec
	gqlRequests  *prometheus.CounterVec
	gqlDuration  *prometheus.HistogramVec
	gqlErrors    *prometheus.CounterVec
	statements   *prometheus.CounterVec
	stmtDuration *prometheus.HistogramVec
	inFlight     prometheus.Gauge
	perRequest   *prometheus.HistogramVec

	mu    sync.Mutex
	names map[string]bool
}

var firstOperationName = regexp.MustCompile(`^\s*(?:#[^\n]*\n\s*)*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)`)

// maxOperationNames bounds the label values of operation names.
const maxOperationNames = 200

// NewMetrics creates the metrics and their registry.
func NewMetrics() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hub_http_requests_total", Help: "HTTP requests by route and status code.",
		}, []string{"path", "status"}),
		gqlRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hub_graphql_requests_total", Help: "GraphQL operations by operation name (anonymous when unnamed).",
		}, []string{"operation"}),
		gqlDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "hub_graphql_request_duration_seconds", Help: "GraphQL operation latency by operation name.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"operation"}),
		gqlErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hub_graphql_errors_total", Help: "GraphQL errors by extensions.code.",
		}, []string{"code"}),
		statements: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hub_neo4j_statements_total", Help: "Cypher read statements by store method and outcome (ok, error).",
		}, []string{"statement", "outcome"}),
		stmtDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "hub_neo4j_statement_duration_seconds", Help: "Cypher read statement latency by store method.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10},
		}, []string{"statement"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "hub_neo4j_statements_in_flight", Help: "Cypher statements running now (the driver does not expose its pool; its size is 50).",
		}),
		perRequest: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "hub_cypher_statements_per_request", Help: "Cypher statements the store sent for one GraphQL request, by operation name.",
			Buckets: []float64{0, 1, 2, 3, 5, 10, 20, 50, 100, 250, 1000},
		}, []string{"operation"}),
		names: map[string]bool{},
	}
	m.registry.MustRegister(m.httpRequests, m.gqlRequests, m.gqlDuration, m.gqlErrors,
		m.statements, m.stmtDuration, m.inFlight, m.perRequest,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Registry returns the registry the metrics are in.
func (m *Metrics) Registry() *prometheus.Registry { return m.registry }

// Handler serves the metrics in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}

// ObserveStatement is the store's observer hook (store.Options.Observe): it counts one
// Cypher statement, its latency and whether it failed.
func (m *Metrics) ObserveStatement(_ context.Context, name string) func(error) {
	start := time.Now()
	m.inFlight.Inc()
	return func(err error) {
		m.inFlight.Dec()
		outcome := "ok"
		if err != nil {
			outcome = "error"
		}
		m.statements.WithLabelValues(name, outcome).Inc()
		m.stmtDuration.WithLabelValues(name).Observe(time.Since(start).Seconds())
	}
}

// operationLabel bounds the set of operation names used as label values.
func (m *Metrics) operationLabel(name string) string {
	if name == "" {
		return "anonymous"
	}
	if len(name) > 64 {
		return "other"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.names[name] {
		return name
	}
	if len(m.names) >= maxOperationNames {
		return "other"
	}
	m.names[name] = true
	return name
}

// routes are the paths counted under their own name in hub_http_requests_total.
var routes = map[string]bool{"/graphql": true, "/metrics": true, "/schema.graphql": true,
	"/healthz": true, "/readyz": true, "/": true}

// countHTTP counts one answered HTTP request.
func (m *Metrics) countHTTP(path string, status int) {
	if !routes[path] {
		path = "other"
	}
	m.httpRequests.WithLabelValues(path, strconv.Itoa(status)).Inc()
}

// operationOf returns the operation's name ("" when anonymous) and when it started (now when
// unknown).
func operationOf(ctx context.Context) (name string, start time.Time) {
	start = time.Now()
	if !graphql.HasOperationContext(ctx) {
		return "", start
	}
	oc := graphql.GetOperationContext(ctx)
	name = oc.OperationName
	if name == "" && oc.Operation != nil {
		name = oc.Operation.Name
	}
	if name == "" && oc.Operation == nil {
		// The document did not parse or validate: take the first operation's name, if
		// the text has one, so that failing operations are counted under their name.
		if m := firstOperationName.FindStringSubmatch(oc.RawQuery); m != nil {
			name = m[1]
		}
	}
	if !oc.Stats.OperationStart.IsZero() {
		start = oc.Stats.OperationStart
	}
	return name, start
}

// countCached counts an operation the response cache answered (no statement sent) as the
// extension below counts an executed one, and tells the request log its name.
func (m *Metrics) countCached(ctx context.Context, params *graphql.RawParams, start time.Time) {
	name := params.OperationName
	if name == "" {
		if match := firstOperationName.FindStringSubmatch(params.Query); match != nil {
			name = match[1]
		}
	}
	setOperationName(ctx, name)
	label := m.operationLabel(name)
	m.gqlRequests.WithLabelValues(label).Inc()
	m.gqlDuration.WithLabelValues(label).Observe(time.Since(start).Seconds())
	m.perRequest.WithLabelValues(label).Observe(0)
}

// gqlExtension is the gqlgen extension that counts operations, their latency, their errors
// and the Cypher statements each one sent, and tells the request log the operation's name.
// With statementsExtension (dev mode) the response also carries that statement count as
// extensions.statements.
type gqlExtension struct {
	m                   *Metrics
	statementsExtension bool
}

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
} = gqlExtension{}

func (gqlExtension) ExtensionName() string                   { return "HubMetrics" }
func (gqlExtension) Validate(graphql.ExecutableSchema) error { return nil }
func (e gqlExtension) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	ctx, counter := store.WithStatementCounter(ctx)
	resp := next(ctx)
	name, start := operationOf(ctx)
	setOperationName(ctx, name)
	label := e.m.operationLabel(name)
	e.m.gqlRequests.WithLabelValues(label).Inc()
	e.m.gqlDuration.WithLabelValues(label).Observe(time.Since(start).Seconds())
	statements := counter.Count()
	e.m.perRequest.WithLabelValues(label).Observe(float64(statements))
	if e.statementsExtension && resp != nil {
		if resp.Extensions == nil {
			resp.Extensions = map[string]any{}
		}
		resp.Extensions["statements"] = statements
	}
	if resp != nil {
		for _, err := range resp.Errors {
			code, _ := err.Extensions["code"].(string)
			if code == "" {
				code = "UNKNOWN"
			}
			e.m.gqlErrors.WithLabelValues(code).Inc()
		}
	}
	return resp
}
