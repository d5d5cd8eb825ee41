package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/server"
)

// faultyStore is the real store whose Stats fails with err, as the store reports a full
// connection pool (reform.ErrOverloaded, pinned to the real driver by the store's
// TestPoolExhaustedIsOverloaded and end to end by the chaos test) or a statement over
// Neo4j's transaction memory limit (reform.ErrTooLarge).
type faultyStore struct {
	*hubtest.CountingStore
	err error
}

// Read fails with err for stats and entity(id), planned or not; other root fields are
// served.
func (f *faultyStore) Read(ctx context.Context, root *plan.Root) (*plan.RootResult, error) {
	switch root.Kind {
	case plan.RootStats:
		return nil, fmt.Errorf("stats: %w", f.err)
	case plan.RootEntity:
		return nil, fmt.Errorf("entity: %w", f.err)
	}
	return f.CountingStore.Read(ctx, root)
}

// Overload below the in-flight cap is answered like the cap: a response with no data whose
// every error is RATE_LIMITED goes out as 503 with Retry-After, a masked message and the
// request id, logged as 503. A response with data keeps 200 (the client gets what could be
// read), and a statement too large for Neo4j's memory limit is BAD_USER_INPUT with 200.
func TestOverloadIs503(t *testing.T) {
	_, _, st := hubtest.Handler(t)
	var logs bytes.Buffer
	h := server.New(&graph.Resolver{Store: &faultyStore{CountingStore: hubtest.NewCountingStore(st), err: reform.ErrOverloaded}}, st,
		server.Options{Logger: slog.New(slog.NewJSONHandler(&syncWriter{w: &logs}, nil))})

	rec, resp := post(t, h, query(`{ stats { entityCounts { count } } }`, nil), "X-Request-Id", "overloaded-1")
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") != "1" {
		t.Errorf("overloaded: status %d, Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
	}
	if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != "RATE_LIMITED" ||
		resp.Errors[0].Extensions["requestId"] != "overloaded-1" || !strings.Contains(resp.Errors[0].Message, "overloaded") ||
		strings.Contains(resp.Errors[0].Message, "stats") {
		t.Errorf("overloaded: %s", rec.Body)
	}
	var logged bool
	for _, line := range strings.Split(logs.String(), "\n") {
		var l map[string]any
		if json.Unmarshal([]byte(line), &l) == nil && l["msg"] == "request" && l["request_id"] == "overloaded-1" {
			logged = true
			if l["status"] != float64(503) || !strings.Contains(line, "RATE_LIMITED") {
				t.Errorf("log line: %s", line)
			}
		}
	}
	if !logged {
		t.Error("no log line for the overloaded request")
	}

	// A nullable field overloaded, nothing else asked: data is {"entity": null}, still 503.
	rec, _ = post(t, h, query(`{ entity(id: "task/x") { id } }`, nil))
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") != "1" {
		t.Errorf("nullable field overloaded: %d %s", rec.Code, rec.Body)
	}
	// Some data: 200, the data and the error both.
	rec, resp = post(t, h, query(`{ tasks(limit: 1) { id } entity(id: "task/x") { id } }`, nil))
	if rec.Code != http.StatusOK || rec.Header().Get("Retry-After") != "" || len(resp.Errors) != 1 ||
		resp.Errors[0].Extensions["code"] != "RATE_LIMITED" || resp.Data["tasks"] == nil {
		t.Errorf("partly overloaded: %d %s", rec.Code, rec.Body)
	}
	// The same request over GET answers the same way.
	req := httptest.NewRequest(http.MethodGet, "/graphql?query="+strings.ReplaceAll("{ stats { entityCounts { count } } }", " ", "%20"), nil)
	req.Header.Set("Apollo-Require-Preflight", "true")
	grec := httptest.NewRecorder()
	h.ServeHTTP(grec, req)
	if grec.Code != http.StatusServiceUnavailable || grec.Header().Get("Retry-After") != "1" {
		t.Errorf("overloaded over GET: %d %s", grec.Code, grec.Body)
	}
	// Not overloaded: the same query is served.
	ok := server.New(&graph.Resolver{Store: st}, st, server.Options{Logger: slog.New(slog.DiscardHandler)})
	if rec, resp := post(t, ok, query(`{ stats { entityCounts { count } } }`, nil)); rec.Code != http.StatusOK || len(resp.Errors) != 0 {
		t.Errorf("not overloaded: %d %s", rec.Code, rec.Body)
	}

	big := server.New(&graph.Resolver{Store: &faultyStore{CountingStore: hubtest.NewCountingStore(st), err: reform.ErrTooLarge}}, st,
		server.Options{Logger: slog.New(slog.DiscardHandler)})
	rec, resp = post(t, big, query(`{ stats { entityCounts { count } } }`, nil))
	if rec.Code != http.StatusOK || len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != "BAD_USER_INPUT" ||
		!strings.Contains(resp.Errors[0].Message, "more memory") {
		t.Errorf("too large: %d %s", rec.Code, rec.Body)
	}
}
