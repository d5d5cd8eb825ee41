package server_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/config"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator/rules"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/server"
	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/internal/store/storetest"
)

var update = flag.Bool("update", false, "rewrite docs/schema.graphql from the executable schema (make schema)")

// committedSchema is the published SDL, kept equal to the served one by `make schema`.
var committedSchema = filepath.Join("..", "..", "docs", "schema.graphql")

func executableSDL() []byte {
	return server.SDL(graph.NewExecutableSchema(graph.Config{}).Schema())
}

// GET /schema.graphql serves the SDL of the executable schema, which parses back into the
// same types.
func TestSchemaEndpoint(t *testing.T) {
	h := server.New(&graph.Resolver{}, nil, server.Options{Logger: discard(), Limits: config.Limits{MaxComplexity: 1000}})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/schema.graphql", nil))
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") {
		t.Fatalf("GET /schema.graphql: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	sdl := rec.Body.String()
	if !bytes.Equal([]byte(sdl), executableSDL()) {
		t.Error("served SDL differs from the executable schema's")
	}
	for _, want := range []string{"type Query {", "interface Entity {", "neighborhood(id: ID!", "type Evidence {"} {
		if !strings.Contains(sdl, want) {
			t.Errorf("SDL lacks %q", want)
		}
	}
	parsed, err := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphql", Input: sdl})
	if err != nil {
		t.Fatalf("served SDL does not parse: %v", err)
	}
	orig := graph.NewExecutableSchema(graph.Config{}).Schema()
	for name, def := range orig.Types {
		if def.BuiltIn {
			continue
		}
		got := parsed.Types[name]
		if got == nil || len(got.Fields) != len(def.Fields) || len(got.EnumValues) != len(def.EnumValues) {
			t.Errorf("type %s does not survive the round trip", name)
		}
	}
	// Production hides the schema, as it hides introspection.
	prod := server.New(&graph.Resolver{}, nil, server.Options{Production: true, Logger: discard(), Limits: config.Limits{MaxComplexity: 1000}})
	rec = httptest.NewRecorder()
	prod.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/schema.graphql", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("production GET /schema.graphql: %d, want 404", rec.Code)
	}
}

// The committed docs/schema.graphql is the served schema; `make schema` rewrites it.
func TestCommittedSchema(t *testing.T) {
	sdl := executableSDL()
	if *update {
		if err := os.WriteFile(committedSchema, sdl, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(committedSchema)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, sdl) {
		t.Errorf("docs/schema.graphql differs from the served schema: run `make schema` and commit it")
	}
}

// The example operations of the client guide (docs/clients) validate against the schema,
// and the committed TypeScript types name every one of them.
func TestClientGuideOperations(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "docs", "clients", "operations.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	doc, errs := gqlparser.LoadQueryWithRules(graph.NewExecutableSchema(graph.Config{}).Schema(), string(src), rules.NewDefaultRules())
	if errs != nil {
		t.Fatalf("docs/clients/operations.graphql: %v", errs)
	}
	if len(doc.Operations) < 2 {
		t.Fatalf("only %d operations", len(doc.Operations))
	}
	types, err := os.ReadFile(filepath.Join("..", "..", "docs", "clients", "generated", "graphql.ts"))
	if err != nil {
		t.Fatal(err)
	}
	for _, op := range doc.Operations {
		if !bytes.Contains(types, []byte("export type "+op.Name+"Query ")) {
			t.Errorf("generated/graphql.ts has no type for %s: run `make codegen`", op.Name)
		}
	}
}

func sha(q string) string {
	s := sha256.Sum256([]byte(q))
	return hex.EncodeToString(s[:])
}

func persisted(q, hash string) string {
	body := map[string]any{"extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hash}}}
	if q != "" {
		body["query"] = q
	}
	b, _ := json.Marshal(body)
	return string(b)
}

// Automatic persisted queries: an unknown hash asks for the query; hash and query register
// it; then the hash alone runs it, also over GET.
func TestAPQ(t *testing.T) {
	h, _, _ := hubtest.Handler(t)
	q := `query Counts { stats { entityCounts { type count } } }`
	hash := sha(q)
	_, resp := post(t, h, persisted("", hash))
	if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != "PERSISTED_QUERY_NOT_FOUND" {
		t.Fatalf("unknown hash: %+v", resp)
	}
	_, resp = post(t, h, persisted(q, sha("something else")))
	if len(resp.Errors) == 0 {
		t.Fatalf("a hash that does not match its query was accepted: %+v", resp)
	}
	_, resp = post(t, h, persisted(q, hash))
	if len(resp.Errors) != 0 || resp.Data["stats"] == nil {
		t.Fatalf("registering: %+v", resp)
	}
	_, resp = post(t, h, persisted("", hash))
	if len(resp.Errors) != 0 || resp.Data["stats"] == nil {
		t.Fatalf("hash alone after registering: %+v", resp)
	}
	ext := `{"persistedQuery":{"version":1,"sha256Hash":"` + hash + `"}}`
	rec := httptest.NewRecorder()
	get := httptest.NewRequest(http.MethodGet, "/graphql?extensions="+url.QueryEscape(ext), nil)
	get.Header.Set("Apollo-Require-Preflight", "true") // CSRF protection: see guard.go
	h.ServeHTTP(rec, get)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"entityCounts"`) {
		t.Errorf("GET with the hash: %d %s", rec.Code, rec.Body)
	}
}

func writeManifest(t *testing.T, docs ...string) string {
	t.Helper()
	m := map[string]string{}
	for _, d := range docs {
		m[sha(d)] = d
	}
	b, _ := json.Marshal(m)
	path := filepath.Join(t.TempDir(), "trusted.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Trusted-documents mode executes registered operations (by hash, or by their exact text)
// and refuses everything else with OPERATION_NOT_TRUSTED — other queries, unknown hashes,
// APQ registration and introspection.
func TestTrustedDocuments(t *testing.T) {
	_, _, st := hubtest.Handler(t)
	counts := `query Counts { stats { entityCounts { type count } } }`
	task := `query Task($id: ID!) { entity(id: $id) { id name } }`
	trusted, err := server.LoadTrustedDocuments(writeManifest(t, counts, task))
	if err != nil {
		t.Fatal(err)
	}
	if trusted.Len() != 2 {
		t.Fatalf("%d documents", trusted.Len())
	}
	h := server.New(&graph.Resolver{Store: st}, st, server.Options{Production: true, Logger: discard(),
		TrustedDocuments: trusted, Limits: config.Limits{MaxComplexity: 5000}})

	_, resp := post(t, h, persisted("", sha(counts)))
	if len(resp.Errors) != 0 || resp.Data["stats"] == nil {
		t.Errorf("registered hash: %+v", resp)
	}
	b, _ := json.Marshal(map[string]any{"variables": map[string]any{"id": "task/ccus-rd"},
		"extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": sha(task)}}})
	_, resp = post(t, h, string(b))
	if len(resp.Errors) != 0 || resp.Data["entity"] == nil {
		t.Errorf("registered hash with variables: %+v", resp)
	}
	_, resp = post(t, h, query(counts, nil))
	if len(resp.Errors) != 0 {
		t.Errorf("registered text: %+v", resp)
	}
	other := `{ tasks { id } }`
	for name, body := range map[string]string{
		"unregistered text":   query(other, nil),
		"unknown hash":        persisted("", sha(other)),
		"APQ registration":    persisted(other, sha(other)),
		"hash of other text":  persisted(other, sha(counts)),
		"introspection":       query(`{ __schema { types { name } } }`, nil),
		"text with extra op":  query(counts+" query X { stats { entityCounts { count } } }", nil),
		"no query and no ext": `{}`,
	} {
		_, resp := post(t, h, body)
		if len(resp.Errors) == 0 || resp.Errors[0].Extensions["code"] != server.CodeOperationNotTrusted || resp.Data != nil {
			t.Errorf("%s: %+v", name, resp)
		}
	}
}

func TestTrustedDocumentsManifestChecked(t *testing.T) {
	dir := t.TempDir()
	bad := map[string]string{
		"not json":   `[1,2]`,
		"empty":      `{}`,
		"wrong hash": `{"` + sha("{ a }") + `": "{ b }"}`,
		"not a hash": `{"abc": "{ b }"}`,
	}
	for name, content := range bad {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-"))
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := server.LoadTrustedDocuments(path); err == nil {
			t.Errorf("%s: manifest accepted", name)
		}
	}
	if _, err := server.LoadTrustedDocuments(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing manifest accepted")
	}
}

// /metrics exposes requests and latency by operation name, errors by code, and the Cypher
// statements the requests ran, from a registry of the server's own.
func TestMetrics(t *testing.T) {
	hubtest.Handler(t) // the dataset, loaded once
	metrics := server.NewMetrics()
	opts := storetest.Options(t)
	opts.Observe = metrics.ObserveStatement
	st, err := store.Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = st.Close(context.Background()) }()
	h := server.New(&graph.Resolver{Store: st}, st, server.Options{Logger: discard(), Metrics: metrics, Limits: config.Limits{MaxComplexity: 5000}})
	for range 3 {
		post(t, h, query(`query Counts { stats { entityCounts { type count } } }`, nil))
	}
	post(t, h, query(`query Find { search(query: "改革") { score } }`, nil))
	post(t, h, query(`{ tasks(limit: -1) { id } }`, nil))
	post(t, h, query(`{ tasks { colour } }`, nil))

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("/metrics: %d", rec.Code)
	}
	text := rec.Body.String()
	for _, want := range []string{
		`hub_graphql_requests_total{operation="Counts"} 3`,
		`hub_graphql_requests_total{operation="Find"} 1`,
		`hub_graphql_requests_total{operation="anonymous"} 2`,
		`hub_graphql_request_duration_seconds_count{operation="Counts"} 3`,
		`hub_graphql_errors_total{code="BAD_USER_INPUT"} 1`,
		`hub_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"} 1`,
		// the second and third Counts are answered by the response cache: counted as
		// requests, with no statement
		`hub_neo4j_statements_total{outcome="ok",statement="Stats"} 1`,
		`hub_neo4j_statements_total{outcome="ok",statement="Search"} 1`,
		`hub_neo4j_statement_duration_seconds_count{statement="Stats"} 1`,
		`hub_response_cache_hits_total 2`,
		`hub_cypher_statements_per_request_bucket{operation="Counts",le="0"} 2`,
		`hub_neo4j_statements_in_flight 0`,
		`hub_http_requests_total{path="/graphql",status="200"}`,
		`go_goroutines`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if t.Failed() {
		t.Log(grepLines(text, "hub_"))
	}
	// The global default registry stays untouched.
	families, err := prometheus.DefaultGatherer.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if strings.HasPrefix(f.GetName(), "hub_") {
			t.Errorf("%s is in the global default registry", f.GetName())
		}
	}
}

// Each request is one JSON log line with its id and the GraphQL operation's name (an invalid
// operation answered as application/json: 200, the errors in the body).
func TestRequestLogLine(t *testing.T) {
	var buf bytes.Buffer
	h := server.New(&graph.Resolver{}, nil, server.Options{Logger: slog.New(slog.NewJSONHandler(&buf, nil)), Limits: config.Limits{MaxComplexity: 1000}})
	post(t, h, query(`query Broken { tasks { colour } }`, nil), "X-Request-Id", "req-42")
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d log lines, want 1:\n%s", len(lines), buf.String())
	}
	var line map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &line); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]any{"msg": "request", "request_id": "req-42", "op": "Broken", "path": "/graphql", "status": float64(200)} {
		if line[k] != v {
			t.Errorf("log %s = %v, want %v (%s)", k, line[k], v, lines[0])
		}
	}
}

func discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func grepLines(text, prefix string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
