package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/server"
)

// statementsOf posts q and returns the response's extensions.statements, and whether the
// response has it.
func statementsOf(t *testing.T, h http.Handler, q string) (int, bool) {
	t.Helper()
	rec, _ := post(t, h, query(q, nil))
	var resp struct {
		Extensions map[string]json.RawMessage `json:"extensions"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("%s: %v: %s", q, err, rec.Body)
	}
	raw, ok := resp.Extensions["statements"]
	if !ok {
		return 0, false
	}
	var n int
	if err := json.Unmarshal(raw, &n); err != nil {
		t.Fatalf("%s: extensions.statements is %s, not an integer", q, raw)
	}
	return n, true
}

// In dev mode every response tells how many Cypher statements its request sent; the counts
// here are of operations whose statement count no planner changes (one root field without
// nested relationship fields is one statement; a refused request sends none).
func TestStatementsExtension(t *testing.T) {
	_, _, st := hubtest.Handler(t)
	h := server.New(&graph.Resolver{Store: st}, st, server.Options{Logger: discard(), Limits: config.Limits{MaxComplexity: 5000}})
	for _, tc := range []struct {
		query string
		want  int
	}{
		{`{ tasks(limit: 2) { id } }`, 1},
		{`query Counts { stats { entityCounts { type count } } }`, 1},
		{`{ a: tasks(limit: 1) { id } b: departments(limit: 1) { id } }`, 2},
		{`{ search(query: "改革", limit: 3) { score } }`, 1},
		// paths, neighborhood: one statement each, also for an id that names nothing.
		{`{ paths(from: "task/provincial-key-tasks", to: "task/four-compare-four-look", maxHops: 6) { length } }`, 1},
		{`{ paths(from: "task/provincial-key-tasks", to: "task/nope") { length } }`, 1},
		{`{ neighborhood(id: "task/provincial-key-tasks", depth: 2) { nodes { id } } }`, 1},
		{`{ tasks(limit: -1) { id } }`, 0}, // refused by the store before any statement
		{`{ tasks { colour } }`, 0},        // fails validation
	} {
		n, ok := statementsOf(t, h, tc.query)
		if !ok {
			t.Errorf("%s: no extensions.statements in dev mode", tc.query)
		} else if n != tc.want {
			t.Errorf("%s: extensions.statements = %d, want %d", tc.query, n, tc.want)
		}
	}

	prod := server.New(&graph.Resolver{Store: st}, st, server.Options{Production: true, Logger: discard(), Limits: config.Limits{MaxComplexity: 5000}})
	if n, ok := statementsOf(t, prod, `{ tasks(limit: 2) { id } }`); ok {
		t.Errorf("production response carries extensions.statements (%d)", n)
	}
}

// hub_cypher_statements_per_request records each request's statement count by operation
// name, in production mode too.
func TestStatementsPerRequestMetric(t *testing.T) {
	_, _, st := hubtest.Handler(t)
	metrics := server.NewMetrics()
	// The response cache off: each request runs its statements (TestMetrics counts the hits).
	h := server.New(&graph.Resolver{Store: st}, st, server.Options{Production: true, Logger: discard(), Metrics: metrics,
		Limits: config.Limits{MaxComplexity: 5000}, ResponseCacheSize: -1})
	for range 3 {
		post(t, h, query(`query Two { a: tasks(limit: 1) { id } b: stats { entityCounts { count } } }`, nil))
	}
	post(t, h, query(`query One { tasks(limit: 2) { id } }`, nil))

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	text := rec.Body.String()
	for _, want := range []string{
		`hub_cypher_statements_per_request_sum{operation="Two"} 6`,
		`hub_cypher_statements_per_request_count{operation="Two"} 3`,
		`hub_cypher_statements_per_request_bucket{operation="Two",le="1"} 0`,
		`hub_cypher_statements_per_request_bucket{operation="Two",le="2"} 3`,
		`hub_cypher_statements_per_request_sum{operation="One"} 1`,
		`hub_cypher_statements_per_request_count{operation="One"} 1`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if t.Failed() {
		t.Log(grepLines(text, "hub_cypher"))
	}
}
