package server_test

import (
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/server"
	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/web"
)

type gqlResponse struct {
	Data   map[string]any `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func post(t *testing.T, h http.Handler, body string, header ...string) (*httptest.ResponseRecorder, gqlResponse) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var resp gqlResponse
	_ = json.Unmarshal(rec.Body.Bytes(), &resp)
	return rec, resp
}

func query(q string, vars map[string]any) string {
	b, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	return string(b)
}

// Errors carry a code and never the text of the driver or of Cypher.
func TestErrorCodes(t *testing.T) {
	h, _, _ := hubtest.Handler(t)
	tests := []struct {
		name, query string
		vars        map[string]any
		code        string
		message     string
	}{
		{"negative limit", `{ tasks(limit: -1) { id } }`, nil, "BAD_USER_INPUT", "limit must be between 0 and 1000"},
		{"huge limit", `{ outcomes(limit: 100000) { id } }`, nil, "BAD_USER_INPUT", "limit must be between"},
		{"negative offset", `{ tasks(offset: -5) { id } }`, nil, "BAD_USER_INPUT", "offset must not be negative"},
		{"empty search", `{ search(query: "   ") { score } }`, nil, "BAD_USER_INPUT", "must not be empty"},
		{"depth too large", `{ neighborhood(id: "department/dongying-city", depth: 9) { nodes { id } } }`, nil, "BAD_USER_INPUT", "depth must be between 1 and 3"},
		{"maxHops too large", `{ paths(from: "a/b", to: "c/d", maxHops: 7) { length } }`, nil, "BAD_USER_INPUT", "maxHops must be between 1 and 6"},
		{"same ends", `{ paths(from: "task/ccus-rd", to: "task/ccus-rd") { length } }`, nil, "BAD_USER_INPUT", "must be different"},
		{"unknown neighborhood", `{ neighborhood(id: "task/nope") { nodes { id } } }`, nil, "NOT_FOUND", `no entity has id "task/nope"`},
		{"unknown path end", `{ paths(from: "task/ccus-rd", to: "task/nope") { length } }`, nil, "NOT_FOUND", `no entity has id "task/nope"`},
		{"unknown field", `{ tasks { colour } }`, nil, "GRAPHQL_VALIDATION_FAILED", "Cannot query field"},
		{"wrong variable type", `query($n: Int) { tasks(limit: $n) { id } }`, map[string]any{"n": "ten"}, "BAD_USER_INPUT", `Variable "$n" got invalid value "ten"`},
		{"bad enum", `{ outcomes(where: {kind: {eq: PRIZE}}) { id } }`, nil, "GRAPHQL_VALIDATION_FAILED", "PRIZE"},
		{"syntax error", `{ tasks { id `, nil, "GRAPHQL_PARSE_FAILED", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, resp := post(t, h, query(tc.query, tc.vars))
			if len(resp.Errors) == 0 {
				t.Fatalf("no error; data = %v", resp.Data)
			}
			e := resp.Errors[0]
			if e.Extensions["code"] != tc.code {
				t.Errorf("code = %v, want %s (message %q)", e.Extensions["code"], tc.code, e.Message)
			}
			if !strings.Contains(e.Message, tc.message) {
				t.Errorf("message %q does not contain %q", e.Message, tc.message)
			}
			for _, leak := range []string{"Neo.", "MATCH", "neo4j", "Cypher", "bolt"} {
				if strings.Contains(e.Message, leak) {
					t.Errorf("message leaks %q: %s", leak, e.Message)
				}
			}
		})
	}
}

func TestUnknownEntityIsNull(t *testing.T) {
	h, _, _ := hubtest.Handler(t)
	_, resp := post(t, h, query(`{ entity(id: "task/does-not-exist") { id } }`, nil))
	if len(resp.Errors) != 0 || resp.Data["entity"] != nil {
		t.Errorf("got %+v", resp)
	}
}

func TestGETQueriesButNoGETMutations(t *testing.T) {
	h, _, _ := hubtest.Handler(t)
	get := func(q string, header ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/graphql?query="+url.QueryEscape(q), nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	rec := get(`{ stats { entityCounts { type count } } }`, "Apollo-Require-Preflight", "true")
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"entityCounts"`) {
		t.Errorf("GET query: %d %s", rec.Code, rec.Body)
	}
	// CSRF: a GET a browser could send cross-site without a preflight is refused.
	rec = get(`{ stats { entityCounts { type count } } }`)
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "Apollo-Require-Preflight") {
		t.Errorf("GET without a preflight header: %d %s", rec.Code, rec.Body)
	}
	rec = get(`mutation { x }`, "Apollo-Require-Preflight", "true")
	if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "POST" || strings.Contains(rec.Body.String(), `"data"`) {
		t.Errorf("GET mutation: %d %s", rec.Code, rec.Body)
	}
}

func TestCORS(t *testing.T) {
	h, _, _ := hubtest.Handler(t)
	pre := func(origin string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	if got := pre("http://localhost:5173").Header().Get("Access-Control-Allow-Origin"); got != "http://localhost:5173" {
		t.Errorf("allowed origin: Access-Control-Allow-Origin = %q", got)
	}
	if got := pre("https://evil.example").Header().Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("foreign origin allowed: %q", got)
	}
	rec, _ := post(t, h, query(`{ stats { entityCounts { count } } }`, nil), "Origin", "http://localhost:5173")
	if rec.Header().Get("Access-Control-Allow-Origin") != "http://localhost:5173" {
		t.Errorf("actual request lacks CORS header: %v", rec.Header())
	}
}

func TestBodyLimit(t *testing.T) {
	h, _, _ := hubtest.Handler(t)
	big := `{"query":"{ tasks { id } }","variables":{"x":"` + strings.Repeat("a", 2<<20) + `"}}`
	rec, _ := post(t, h, big)
	if rec.Code < 400 || rec.Code >= 500 {
		t.Errorf("a 2 MiB body got %d, want a 4xx", rec.Code)
	}
}

func TestRequestIDEchoed(t *testing.T) {
	h, _, _ := hubtest.Handler(t)
	rec, _ := post(t, h, query(`{ stats { entityCounts { count } } }`, nil), "X-Request-Id", "abc-123")
	if rec.Header().Get("X-Request-Id") != "abc-123" {
		t.Errorf("X-Request-Id = %q", rec.Header().Get("X-Request-Id"))
	}
	rec, _ = post(t, h, query(`{ stats { entityCounts { count } } }`, nil))
	if len(rec.Header().Get("X-Request-Id")) != 16 {
		t.Errorf("generated X-Request-Id = %q", rec.Header().Get("X-Request-Id"))
	}
}

func TestHealthAndReadiness(t *testing.T) {
	h, _, _ := hubtest.Handler(t)
	for _, path := range []string{"/healthz", "/readyz"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			t.Errorf("%s = %d", path, rec.Code)
		}
	}
}

// A hub whose database is down still serves /healthz, says 503 on /readyz, and fails queries
// fast with UNAVAILABLE.
func TestDatabaseDown(t *testing.T) {
	ln := httptest.NewServer(http.NotFoundHandler()) // a port with no Neo4j behind it
	addr := strings.TrimPrefix(ln.URL, "http://")
	ln.Close()
	st, err := store.Open(store.Options{URI: "bolt://" + addr})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = st.Close(context.Background()) }()
	h := server.New(&graph.Resolver{Store: st}, st, server.Options{RequestTimeout: 10 * time.Second, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Limits: config.Limits{MaxComplexity: 1000, MaxBodyBytes: 1 << 20}})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if rec.Code != http.StatusOK {
		t.Errorf("/healthz = %d", rec.Code)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("/readyz = %d, want 503", rec.Code)
	}
	start := time.Now()
	_, resp := post(t, h, query(`{ tasks { id } }`, nil))
	if len(resp.Errors) == 0 || resp.Errors[0].Extensions["code"] != "UNAVAILABLE" {
		t.Errorf("query with the database down: %+v", resp)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("query took %s with the database down; it should fail fast", d)
	}
}

func TestPlaygroundServedAtRoot(t *testing.T) {
	h, _, _ := hubtest.Handler(t)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Reform Hub") {
		t.Errorf("/ = %d", rec.Code)
	}
}

// Every example query the playground offers runs without errors against the shipped data,
// so none goes stale.
func TestPlaygroundExamplesRun(t *testing.T) {
	h, _, _ := hubtest.Handler(t)
	raw, err := fs.ReadFile(web.Static(), "examples.json")
	if err != nil {
		t.Fatal(err)
	}
	var examples []struct {
		Title, Query string
		Variables    map[string]any
	}
	if err := json.Unmarshal(raw, &examples); err != nil {
		t.Fatal(err)
	}
	if len(examples) < 5 {
		t.Fatalf("only %d examples", len(examples))
	}
	for _, ex := range examples {
		_, resp := post(t, h, query(ex.Query, ex.Variables))
		if len(resp.Errors) != 0 {
			t.Errorf("example %q: %+v", ex.Title, resp.Errors)
			continue
		}
		for field, v := range resp.Data {
			if list, ok := v.([]any); ok && len(list) == 0 {
				t.Errorf("example %q: %s is empty", ex.Title, field)
			}
		}
	}
}
