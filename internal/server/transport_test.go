package server_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/server"
)

const (
	mediaJSON     = "application/json"
	mediaResponse = "application/graphql-response+json"
)

// send sends a GraphQL request: POST with body (a JSON text) or GET with the query string
// body; header pairs follow.
func sendHTTP(t *testing.T, h http.Handler, method, body string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	var req *http.Request
	if method == http.MethodGet {
		req = httptest.NewRequest(method, "/graphql?"+body, nil)
		req.Header.Set("GraphQL-Require-Preflight", "1")
	} else {
		req = httptest.NewRequest(method, "/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// decoded is a response body decoded loosely: which top-level entries it has.
func decoded(t *testing.T, rec *httptest.ResponseRecorder) map[string]json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
		t.Fatalf("status %d, body is not a JSON object (%v): %s", rec.Code, err, rec.Body)
	}
	return m
}

func firstError(t *testing.T, m map[string]json.RawMessage) (msg, code string) {
	t.Helper()
	var errs []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	}
	if err := json.Unmarshal(m["errors"], &errs); err != nil || len(errs) == 0 {
		t.Fatalf("no errors in %v", m)
	}
	c, _ := errs[0].Extensions["code"].(string)
	return errs[0].Message, c
}

// The status and shape of each kind of answer, per media type (GraphQL over HTTP): with
// application/json every well-formed request is 200; with application/graphql-response+json a
// request that fails before execution is 400; a request error has no data entry, an executed
// operation always has one. No database: these requests never reach the store.
func TestGraphQLOverHTTPStatusAndShape(t *testing.T) {
	h := server.New(&graph.Resolver{}, nil, server.Options{Logger: discard()})
	cases := []struct {
		name, body    string
		requestErr    bool
		code, message string
	}{
		{"executed", query(`{ __typename }`, nil), false, "", ""},
		{"parse error", query(`{ tasks { id `, nil), true, "GRAPHQL_PARSE_FAILED", ""},
		{"validation error", query(`{ tasks { colour } }`, nil), true, "GRAPHQL_VALIDATION_FAILED", "colour"},
		{"bad variable", query(`query($n: Int) { tasks(limit: $n) { id } }`, map[string]any{"n": "3"}), true, "BAD_USER_INPUT", `Variable "$n" got invalid value "3"; Int cannot represent non-integer value: "3"`},
		{"map as ID", query(`query($id: ID!) { entity(id: $id) { id } }`, map[string]any{"id": map[string]any{"a": 1}}), true, "BAD_USER_INPUT", `Variable "$id" got invalid value {"a":1}; ID cannot represent value`},
		{"unknown operation name", `{"query": "query A { __typename }", "operationName": "B"}`, true, "GRAPHQL_VALIDATION_FAILED", ""},
		{"limit refused", query(`{ tasks(limit: 100000) { id } }`, nil), true, "BAD_USER_INPUT", "limit must be between"},
		{"@defer", query(`{ ... @defer { __typename } }`, nil), true, server.CodeIncrementalDelivery, "@defer is not supported"},
	}
	for _, tc := range cases {
		for _, media := range []string{mediaJSON, mediaResponse} {
			t.Run(tc.name+" as "+media, func(t *testing.T) {
				rec := sendHTTP(t, h, http.MethodPost, tc.body, "Accept", media)
				want := http.StatusOK
				if tc.requestErr && media == mediaResponse {
					want = http.StatusBadRequest
				}
				if rec.Code != want {
					t.Errorf("status %d, want %d: %s", rec.Code, want, rec.Body)
				}
				if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, media) {
					t.Errorf("Content-Type %q, want %s", ct, media)
				}
				vary := strings.Join(rec.Header().Values("Vary"), ",")
				if !strings.Contains(vary, "Accept") || !strings.Contains(vary, "Authorization") {
					t.Errorf("Vary %q lacks Accept or Authorization", vary)
				}
				m := decoded(t, rec)
				_, hasData := m["data"]
				if hasData == tc.requestErr {
					t.Errorf("data entry present = %t for a request error = %t: %s", hasData, tc.requestErr, rec.Body)
				}
				if !tc.requestErr {
					return
				}
				msg, code := firstError(t, m)
				if code != tc.code || !strings.Contains(msg, tc.message) {
					t.Errorf("error %s %q, want %s containing %q", code, msg, tc.code, tc.message)
				}
			})
		}
	}
}

// Content negotiation: the client's preferred acceptable type; 406 when it accepts neither.
func TestContentNegotiation(t *testing.T) {
	h := server.New(&graph.Resolver{}, nil, server.Options{Logger: discard()})
	for accept, want := range map[string]string{
		"":                               mediaJSON,
		"*/*":                            mediaJSON,
		"application/*":                  mediaJSON,
		"application/json":               mediaJSON,
		mediaResponse:                    mediaResponse,
		mediaResponse + ", " + mediaJSON: mediaResponse,
		mediaResponse + ";q=0.9, " + mediaJSON + ";q=1": mediaJSON,
		mediaJSON + ";q=0.5, " + mediaResponse:          mediaResponse,
		// urql and Apollo Client send these.
		"application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed": mediaResponse,
		"application/graphql-response+json,application/json;q=0.9":                                                          mediaResponse,
		"text/html": "",
	} {
		rec := sendHTTP(t, h, http.MethodPost, query(`{ __typename }`, nil), "Accept", accept)
		if want == "" {
			if rec.Code != http.StatusNotAcceptable {
				t.Errorf("Accept %q: status %d, want 406", accept, rec.Code)
			}
			continue
		}
		if ct := rec.Header().Get("Content-Type"); rec.Code != http.StatusOK || !strings.HasPrefix(ct, want) {
			t.Errorf("Accept %q: %d %q, want 200 %s", accept, rec.Code, ct, want)
		}
	}
}

// Every kind of input type, sent each wrong JSON type, is a request error naming the variable;
// the right types run. The operations use the schema's own inputs (Int, Float, String, ID,
// Boolean, an enum, an input object, a list).
func TestVariablesCoercedStrictly(t *testing.T) {
	h := server.New(&graph.Resolver{}, nil, server.Options{Logger: discard()})
	// Each operation is valid; @skip(if: true) keeps the store out of the ones that run.
	ops := map[string]string{
		"Int":            `query($v: Int) { tasks(limit: $v) @skip(if: true) { id } }`,
		"Float":          `query($v: Float) { outcomes(where: {value: {eq: $v}}) @skip(if: true) { id } }`,
		"String":         `query($v: String!) { search(query: $v) @skip(if: true) { score } }`,
		"ID":             `query($v: ID!) { entity(id: $v) @skip(if: true) { id } }`,
		"Boolean":        `query($v: Boolean!) { __typename @include(if: $v) }`,
		"enum":           `query($v: TaskStatus) { tasks(where: {status: {eq: $v}}) @skip(if: true) { id } }`,
		"input object":   `query($v: TaskWhere) { tasks(where: $v) @skip(if: true) { id } }`,
		"list":           `query($v: [ID!]) { tasks(where: {id: {in: $v}}) @skip(if: true) { id } }`,
		"required input": `query($v: TaskWhere!) { tasks(where: $v) @skip(if: true) { id } }`,
	}
	good := map[string][]any{
		"Int":          {3, 3.0, 0, nil},
		"Float":        {2.5, 3, nil},
		"String":       {"改革"},
		"ID":           {"task/a", 42},
		"Boolean":      {true, false},
		"enum":         {"COMPLETED", nil},
		"input object": {map[string]any{"year": map[string]any{"eq": 2021}}, map[string]any{}, nil},
		"list":         {[]any{"task/a", "task/b"}, "task/a", []any{}, nil},
	}
	bad := map[string][]any{
		"Int":            {"3", "-5", "3000", 2.5, 1e10, true, map[string]any{}, []any{1}},
		"Float":          {"2.5", true, map[string]any{}, []any{1.5}},
		"String":         {3, true, map[string]any{}, []any{"a"}, nil},
		"ID":             {2.5, true, map[string]any{"a": 1}, []any{"a"}, nil},
		"Boolean":        {"true", 1, map[string]any{}, []any{true}, nil},
		"enum":           {"DONE", "completed", 1, true, map[string]any{}, []any{"COMPLETED"}},
		"input object":   {"x", 1, true, []any{1}, map[string]any{"colour": 1}, map[string]any{"year": map[string]any{"eq": "2021"}}},
		"list":           {1.5, true, map[string]any{}, []any{"a", nil}, []any{1.5}},
		"required input": {nil},
	}
	for kind, op := range ops {
		for _, v := range good[kind] {
			rec := sendHTTP(t, h, http.MethodPost, query(op, map[string]any{"v": v}), "Accept", mediaResponse)
			if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), `"errors"`) {
				t.Errorf("%s %v: %d %s", kind, v, rec.Code, rec.Body)
			}
		}
		for _, v := range bad[kind] {
			rec := sendHTTP(t, h, http.MethodPost, query(op, map[string]any{"v": v}), "Accept", mediaResponse)
			m := decoded(t, rec)
			if _, ok := m["data"]; ok || rec.Code != http.StatusBadRequest {
				t.Errorf("%s %s: %d %s, want 400 without data", kind, mustJSON(v), rec.Code, rec.Body)
				continue
			}
			msg, code := firstError(t, m)
			if code != graph.CodeBadUserInput || !strings.Contains(msg, `"$v"`) {
				t.Errorf("%s %s: %s %q, want BAD_USER_INPUT naming $v", kind, mustJSON(v), code, msg)
			}
		}
	}
	// A required variable left out, and one that is not declared (ignored).
	rec := sendHTTP(t, h, http.MethodPost, query(ops["ID"], nil), "Accept", mediaResponse)
	if msg, code := firstError(t, decoded(t, rec)); rec.Code != 400 || code != graph.CodeBadUserInput || !strings.Contains(msg, `"$v" of required type "ID!" was not provided`) {
		t.Errorf("missing required variable: %d %s %q", rec.Code, code, msg)
	}
	rec = sendHTTP(t, h, http.MethodPost, query(`{ __typename }`, map[string]any{"other": "x"}), "Accept", mediaResponse)
	if rec.Code != http.StatusOK {
		t.Errorf("an undeclared variable: %d %s", rec.Code, rec.Body)
	}
}

// A batch is answered in order, each operation with its own errors; the batch size is bounded
// and batching can be turned off.
func TestBatch(t *testing.T) {
	h := server.New(&graph.Resolver{}, nil, server.Options{Logger: discard(), MaxBatch: 3})
	body := "[" + query(`{ __typename }`, nil) + "," + query(`{ tasks { colour } }`, nil) + "," +
		query(`query Q($b: Boolean!) { t: __typename @include(if: $b) }`, map[string]any{"b": true}) + "]"
	rec := sendHTTP(t, h, http.MethodPost, body, "Accept", mediaResponse)
	var out []map[string]json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || rec.Code != http.StatusOK || len(out) != 3 {
		t.Fatalf("batch: %d %s (%v)", rec.Code, rec.Body, err)
	}
	if string(out[0]["data"]) != `{"__typename":"Query"}` || out[0]["errors"] != nil {
		t.Errorf("first answer %s", mustJSON(out[0]))
	}
	if _, ok := out[1]["data"]; ok || out[1]["errors"] == nil {
		t.Errorf("second answer (invalid) %s", mustJSON(out[1]))
	}
	if string(out[2]["data"]) != `{"t":"Query"}` {
		t.Errorf("third answer %s", mustJSON(out[2]))
	}
	four := "[" + strings.Repeat(query(`{ __typename }`, nil)+",", 3) + query(`{ __typename }`, nil) + "]"
	rec = sendHTTP(t, h, http.MethodPost, four)
	if msg, _ := firstError(t, decoded(t, rec)); rec.Code != http.StatusBadRequest || !strings.Contains(msg, "at most 3") {
		t.Errorf("batch of 4 with at most 3: %d %s", rec.Code, rec.Body)
	}
	off := server.New(&graph.Resolver{}, nil, server.Options{Logger: discard(), MaxBatch: -1})
	rec = sendHTTP(t, off, http.MethodPost, "["+query(`{ __typename }`, nil)+"]")
	if msg, _ := firstError(t, decoded(t, rec)); rec.Code != http.StatusBadRequest || !strings.Contains(msg, "turned off") {
		t.Errorf("batching off: %d %s", rec.Code, rec.Body)
	}
}

// The cost limit applies to a batch as a whole: operations that each fit are refused once
// their sum does not.
func TestBatchCostIsShared(t *testing.T) {
	h := server.New(&graph.Resolver{}, nil, server.Options{Logger: discard(), Limits: config.Limits{MaxComplexity: 25}})
	op := query(`{ tasks(limit: 10) @skip(if: true) { id } }`, nil) // costs 11
	rec := sendHTTP(t, h, http.MethodPost, "["+op+","+op+","+op+"]")
	var out []map[string]json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || len(out) != 3 {
		t.Fatalf("batch: %d %s", rec.Code, rec.Body)
	}
	for i, want := range []bool{false, false, true} {
		_, refused := out[i]["errors"]
		if refused != want {
			t.Errorf("operation %d refused = %t, want %t: %s", i, refused, want, mustJSON(out[i]))
		}
	}
	if !strings.Contains(string(out[2]["errors"]), "whole batch") {
		t.Errorf("third operation's error does not name the batch: %s", out[2]["errors"])
	}
}

// __typename costs nothing: the query a client sends with __typename everywhere costs what it
// costs without.
func TestTypenameIsFree(t *testing.T) {
	plain := `{ tasks(limit: 10) @skip(if: true) { id departments(limit: 5) { id } } }`
	typed := `{ __typename tasks(limit: 10) @skip(if: true) { __typename id departments(limit: 5) { __typename id } } }`
	// plain costs 1 + 10 × (1 + 1 + 5 × 1) = 71.
	h := server.New(&graph.Resolver{}, nil, server.Options{Logger: discard(), Limits: config.Limits{MaxComplexity: 71}})
	for _, q := range []string{plain, typed} {
		if rec := sendHTTP(t, h, http.MethodPost, query(q, nil)); strings.Contains(rec.Body.String(), `"errors"`) {
			t.Errorf("%s: %s", q, rec.Body)
		}
	}
	tight := server.New(&graph.Resolver{}, nil, server.Options{Logger: discard(), Limits: config.Limits{MaxComplexity: 70}})
	for _, q := range []string{plain, typed} {
		if rec := sendHTTP(t, tight, http.MethodPost, query(q, nil)); !strings.Contains(rec.Body.String(), "costs 71") {
			t.Errorf("%s at 70: %s", q, rec.Body)
		}
	}
}

// Introspection turned off (production) is a coded request error, not INTERNAL; __typename
// still answers.
func TestIntrospectionOffIsCoded(t *testing.T) {
	h := server.New(&graph.Resolver{}, nil, server.Options{Logger: discard(), Production: true})
	for _, q := range []string{`{ __schema { queryType { name } } }`, `{ __type(name: "Task") { name } }`,
		`query IntrospectionQuery { __schema { types { name fields { name } } } }`} {
		rec := sendHTTP(t, h, http.MethodPost, query(q, nil), "Accept", mediaResponse)
		msg, code := firstError(t, decoded(t, rec))
		if rec.Code != http.StatusBadRequest || code != server.CodeIntrospectionDisabled || !strings.Contains(msg, "docs/schema.graphql") {
			t.Errorf("%s: %d %s %q", q, rec.Code, code, msg)
		}
	}
	if rec := sendHTTP(t, h, http.MethodPost, query(`{ __typename }`, nil)); rec.Code != 200 || strings.Contains(rec.Body.String(), "errors") {
		t.Errorf("__typename in production: %d %s", rec.Code, rec.Body)
	}
	dev := server.New(&graph.Resolver{}, nil, server.Options{Logger: discard()})
	if rec := sendHTTP(t, dev, http.MethodPost, query(`{ __schema { queryType { name } } }`, nil)); !strings.Contains(rec.Body.String(), `"Query"`) {
		t.Errorf("introspection in development: %s", rec.Body)
	}
}

// A preflight asking for the headers of GraphQL clients and tracing libraries is allowed.
func TestCORSAllowsClientAndTracingHeaders(t *testing.T) {
	h := server.New(&graph.Resolver{}, nil, server.Options{Logger: discard(), CORSOrigins: []string{"http://localhost:5173"},
		CORSHeaders: []string{"X-Custom-Thing"}})
	for _, hdr := range []string{"apollographql-client-name", "apollographql-client-version", "traceparent", "tracestate",
		"baggage", "sentry-trace", "authorization", "content-type", "graphql-require-preflight", "apollo-require-preflight",
		"if-none-match", "x-custom-thing"} {
		req := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
		req.Header.Set("Origin", "http://localhost:5173")
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", hdr)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if !strings.EqualFold(rec.Header().Get("Access-Control-Allow-Headers"), hdr) {
			t.Errorf("preflight for %s: allow-headers %q (status %d)", hdr, rec.Header().Get("Access-Control-Allow-Headers"), rec.Code)
		}
	}
	req := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
	req.Header.Set("Origin", "http://localhost:5173")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "x-not-allowed")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Header().Get("Access-Control-Allow-Headers") != "" {
		t.Errorf("a header not on the list is allowed: %v", rec.Header())
	}
}

// HTTP caching: a GET or a persisted query gets an ETag that If-None-Match answers with 304
// (without running the operation), Cache-Control, and a different tag for a different caller
// or variables; an answer with errors is not cacheable; a plain POST gets no ETag.
func TestETag(t *testing.T) {
	h, _, _ := hubtest.Handler(t)
	get := func(q string, vars map[string]any, header ...string) *httptest.ResponseRecorder {
		v := url.Values{"query": {q}}
		if vars != nil {
			v.Set("variables", mustJSON(vars))
		}
		return sendHTTP(t, h, http.MethodGet, v.Encode(), header...)
	}
	q := `query($n: Int) { tasks(limit: $n, sort: [{id: ASC}]) { id } }`
	first := get(q, map[string]any{"n": 2})
	tag := first.Header().Get("ETag")
	if first.Code != http.StatusOK || tag == "" || first.Header().Get("Cache-Control") != config.DefaultCacheControl {
		t.Fatalf("GET: %d ETag %q Cache-Control %q: %s", first.Code, tag, first.Header().Get("Cache-Control"), first.Body)
	}
	again := get(q, map[string]any{"n": 2})
	if again.Header().Get("ETag") != tag || string(decoded(t, again)["data"]) != string(decoded(t, first)["data"]) {
		t.Errorf("the same GET again: ETag %q (was %q)", again.Header().Get("ETag"), tag)
	}
	notModified := get(q, map[string]any{"n": 2}, "If-None-Match", tag)
	if notModified.Code != http.StatusNotModified || notModified.Body.Len() != 0 || notModified.Header().Get("ETag") != tag {
		t.Errorf("If-None-Match: %d %q %s", notModified.Code, notModified.Header().Get("ETag"), notModified.Body)
	}
	if other := get(q, map[string]any{"n": 3}, "If-None-Match", tag); other.Code != http.StatusOK || other.Header().Get("ETag") == tag {
		t.Errorf("other variables: %d ETag %q", other.Code, other.Header().Get("ETag"))
	}
	if other := get(q, map[string]any{"n": 2}, "Accept", mediaResponse); other.Header().Get("ETag") == tag {
		t.Error("another media type has the same ETag")
	}
	bad := get(`{ tasks { colour } }`, nil)
	if bad.Header().Get("ETag") != "" || bad.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("an invalid GET: ETag %q Cache-Control %q", bad.Header().Get("ETag"), bad.Header().Get("Cache-Control"))
	}
	posted := sendHTTP(t, h, http.MethodPost, query(q, map[string]any{"n": 2}))
	if posted.Header().Get("ETag") != "" {
		t.Errorf("a plain POST has ETag %q", posted.Header().Get("ETag"))
	}
	// Automatic persisted queries by POST are cacheable too.
	apq := fmt.Sprintf(`{"query": %q, "variables": {"n": 2}, "extensions": {"persistedQuery": {"version": 1, "sha256Hash": %q}}}`, q, sha256Hex(q))
	p1 := sendHTTP(t, h, http.MethodPost, apq)
	if p1.Header().Get("ETag") == "" {
		t.Errorf("a persisted query has no ETag: %d %s", p1.Code, p1.Body)
	}
	if p2 := sendHTTP(t, h, http.MethodPost, apq, "If-None-Match", p1.Header().Get("ETag")); p2.Code != http.StatusNotModified {
		t.Errorf("a persisted query with If-None-Match: %d", p2.Code)
	}
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// last counts like first: a backward page is as large as its last, and bounded the same way.
func TestLastIsCostedLikeFirst(t *testing.T) {
	h := server.New(&graph.Resolver{}, nil, server.Options{Logger: discard(), Limits: config.Limits{MaxComplexity: 100}})
	for q, want := range map[string]string{
		`{ tasksConnection(last: 500) @skip(if: true) { edges { node { id } } } }`:  "the query costs",
		`{ tasksConnection(last: 5000) @skip(if: true) { edges { node { id } } } }`: "last must be between 0 and",
		`{ tasksConnection(last: 20) @skip(if: true) { edges { node { id } } } }`:   "",
	} {
		rec := sendHTTP(t, h, http.MethodPost, query(q, nil))
		if want == "" {
			if strings.Contains(rec.Body.String(), "errors") {
				t.Errorf("%s: %s", q, rec.Body)
			}
			continue
		}
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("%s: %s, want %q", q, rec.Body, want)
		}
	}
}
