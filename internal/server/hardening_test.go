package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/server"
)

// Production mode: no introspection, no playground, no "did you mean" suggestions.
func TestProductionMode(t *testing.T) {
	_, _, st := hubtest.Handler(t)
	prod := server.New(&graph.Resolver{Store: st}, st, server.Options{Production: true, Logger: slog.New(slog.DiscardHandler)})
	dev := server.New(&graph.Resolver{Store: st}, st, server.Options{Logger: slog.New(slog.DiscardHandler)})

	_, resp := post(t, prod, query(`{ __schema { types { name } } }`, nil))
	if len(resp.Errors) == 0 || resp.Data["__schema"] != nil {
		t.Errorf("production introspection: %+v", resp)
	}
	_, resp = post(t, dev, query(`{ __schema { types { name } } }`, nil))
	if len(resp.Errors) != 0 {
		t.Errorf("development introspection: %+v", resp.Errors)
	}
	_, resp = post(t, prod, query(`{ taks { id } }`, nil))
	if len(resp.Errors) == 0 || strings.Contains(resp.Errors[0].Message, "Did you mean") {
		t.Errorf("production suggests: %+v", resp.Errors)
	}
	_, resp = post(t, dev, query(`{ taks { id } }`, nil))
	if len(resp.Errors) == 0 || !strings.Contains(resp.Errors[0].Message, "Did you mean") {
		t.Errorf("development does not suggest (the check above proves nothing): %+v", resp.Errors)
	}
	rec := httptest.NewRecorder()
	prod.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("production playground: %d", rec.Code)
	}
}

// A full introspection query — graphql-js's getIntrospectionQuery with every option and the
// deepest TypeRef (9 levels of ofType), as GraphiQL sends it — fits the default depth and cost
// limits, so the workbench and client code generators keep working.
func TestIntrospectionWithinLimits(t *testing.T) {
	_, _, st := hubtest.Handler(t)
	h := server.New(&graph.Resolver{Store: st}, st, server.Options{Logger: slog.New(slog.DiscardHandler)})
	_, resp := post(t, h, query(introspectionQuery, nil))
	if len(resp.Errors) != 0 || resp.Data["__schema"] == nil {
		t.Errorf("introspection: %+v", resp.Errors)
	}
}

const introspectionQuery = `query IntrospectionQuery {
  __schema {
    description
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description isRepeatable locations args(includeDeprecated: true) { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description specifiedByURL isOneOf
  fields(includeDeprecated: true) { name description args(includeDeprecated: true) { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields(includeDeprecated: true) { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue isDeprecated deprecationReason }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name }}}}}}}}} }`

// blockingStore is the real store whose stats read waits until release is closed.
type blockingStore struct {
	*hubtest.CountingStore
	entered chan struct{}
	release chan struct{}
}

func (b *blockingStore) Read(ctx context.Context, root *plan.Root) (*plan.RootResult, error) {
	if root.Kind == plan.RootStats {
		b.entered <- struct{}{}
		<-b.release
	}
	return b.CountingStore.Read(ctx, root)
}

// Beyond the in-flight cap a request is refused at once with 503, Retry-After and
// RATE_LIMITED; the request id is in the header, the error and the log line.
func TestInFlightCap(t *testing.T) {
	_, _, st := hubtest.Handler(t)
	bs := &blockingStore{CountingStore: hubtest.NewCountingStore(st), entered: make(chan struct{}, 2), release: make(chan struct{})}
	var logs bytes.Buffer
	// The response cache off: it would answer the second of two identical requests from the
	// first's execution instead of letting both reach the store.
	h := server.New(&graph.Resolver{Store: bs}, st, server.Options{Logger: slog.New(slog.NewJSONHandler(&syncWriter{w: &logs}, nil)),
		Limits: config.Limits{MaxInFlight: 2}, ResponseCacheSize: -1})
	var wg sync.WaitGroup
	codes := make([]int, 2)
	for i := range 2 {
		wg.Go(func() {
			rec, _ := post(t, h, query(`{ stats { entityCounts { count } } }`, nil))
			codes[i] = rec.Code
		})
	}
	<-bs.entered
	<-bs.entered
	start := time.Now()
	rec, resp := post(t, h, query(`{ stats { entityCounts { count } } }`, nil), "X-Request-Id", "over-the-cap-1")
	if took := time.Since(start); took > slowdown*100*time.Millisecond {
		t.Errorf("the refusal took %s", took)
	}
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" ||
		len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != "RATE_LIMITED" ||
		resp.Errors[0].Extensions["requestId"] != "over-the-cap-1" || rec.Header().Get("X-Request-Id") != "over-the-cap-1" {
		t.Errorf("over the cap: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
	close(bs.release)
	wg.Wait()
	if codes[0] != 200 || codes[1] != 200 {
		t.Errorf("the requests within the cap: %v", codes)
	}
	rec, _ = post(t, h, query(`{ tasks(limit: 1) { id } }`, nil))
	if rec.Code != http.StatusOK {
		t.Errorf("after the burst: %d", rec.Code)
	}
	var found bool
	for _, line := range strings.Split(logs.String(), "\n") {
		var l map[string]any
		if json.Unmarshal([]byte(line), &l) != nil || l["msg"] != "request" {
			continue
		}
		if l["request_id"] == "over-the-cap-1" {
			found = true
			if l["status"] != float64(503) || !strings.Contains(line, "RATE_LIMITED") {
				t.Errorf("log line: %s", line)
			}
		}
	}
	if !found {
		t.Errorf("no log line with request_id over-the-cap-1 in:\n%s", logs.String())
	}
}

// A client's X-Request-Id that could forge log lines is replaced.
func TestRequestIDSanitized(t *testing.T) {
	_, _, st := hubtest.Handler(t)
	h := server.New(&graph.Resolver{Store: st}, st, server.Options{Logger: slog.New(slog.DiscardHandler)})
	rec, _ := post(t, h, query(`{ tasks(limit: 1) { id } }`, nil), "X-Request-Id", "a\"}\n{\"msg\":\"forged")
	if id := rec.Header().Get("X-Request-Id"); len(id) != 16 || strings.ContainsAny(id, "\"{\n") {
		t.Errorf("X-Request-Id = %q", id)
	}
}
