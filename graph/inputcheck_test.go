package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
)

// checkStore is a store without a database: Check compiles as the store does (default
// limits), Read answers each root kind with one entity, or fails for the kinds in fail.
type checkStore struct {
	mu    sync.Mutex
	reads []plan.RootKind
	fail  map[plan.RootKind]error
}

func (s *checkStore) Check(root *plan.Root) error {
	_, _, err := store.Compile(root)
	return err
}

func (s *checkStore) Read(_ context.Context, root *plan.Root) (*plan.RootResult, error) {
	s.mu.Lock()
	s.reads = append(s.reads, root.Kind)
	s.mu.Unlock()
	if err := s.fail[root.Kind]; err != nil {
		return nil, err
	}
	task := &reform.Task{Base: reform.Base{ID: "task/a", Name: "a"}}
	return &plan.RootResult{Entities: []reform.Entity{task}, Entity: task, Slots: plan.NewSlots()}, nil
}

type gqlResponse struct {
	Data   json.RawMessage
	Errors []struct {
		Message    string
		Path       []any
		Extensions map[string]any
	}
}

// postTo posts query to h and decodes the answer.
func postTo(t *testing.T, h http.Handler, query string) gqlResponse {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var resp gqlResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("%s: %v", rec.Body.String(), err)
	}
	return resp
}

func checkedHandler(st *checkStore) http.Handler {
	h := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{Store: st}}))
	h.AddTransport(transport.POST{})
	h.SetErrorPresenter(graph.ErrorPresenter(slog.New(slog.DiscardHandler)))
	h.Use(graph.InputCheck{Store: st})
	return graph.WithLoaders(st, h)
}

// An argument the store refuses, at the root or deep in the selection, is a request error
// found before any root field runs: BAD_USER_INPUT, the root field named, nothing read.
func TestInputCheckRefusesBeforeExecution(t *testing.T) {
	for _, tc := range []struct{ query, want string }{
		{`{ tasks(limit: 2) { id } search(query: " ") { score } }`, "search: invalid input: search query must not be empty"},
		{`{ tasks(limit: 2) { id } t: tasksConnection(first: 2, last: 2) { totalCount } }`, "t: invalid input: first and last cannot be given together"},
		{`{ tasks(limit: 1) { departmentsConnection(last: 5000) { totalCount } } }`, "tasks: invalid input: last must be between 0 and 1000, got 5000"},
		{`{ entity(id: "task/a") { ... on Task { departments(limit: 5000) { id } } } }`, "entity: invalid input: limit must be between 0 and 1000, got 5000"},
		{`{ tasksConnection(before: "bm9wZQ==") { totalCount edges { cursor } } }`, "tasksConnection: invalid input: cursor"},
		{`{ neighborhood(id: "task/a", relationshipTypes: ["KNOWS"]) { nodes { id } } }`, "neighborhood: invalid input"},
	} {
		st := &checkStore{}
		resp := postTo(t, checkedHandler(st), tc.query)
		if len(resp.Errors) != 1 || !strings.HasPrefix(resp.Errors[0].Message, tc.want) ||
			resp.Errors[0].Extensions["code"] != graph.CodeBadUserInput || resp.Errors[0].Path != nil {
			t.Errorf("%s: errors %+v, want one request error %q", tc.query, resp.Errors, tc.want)
		}
		if d := string(resp.Data); d != "" && d != "null" {
			t.Errorf("%s: data %s on a request error", tc.query, d)
		}
		if len(st.reads) != 0 {
			t.Errorf("%s: %d reads before the request error", tc.query, len(st.reads))
		}
	}
}

// Without the check, the same empty search is a field error of the non-null root `search`,
// which takes every other root field with it (the GraphQL null propagation this check spares
// clients whose only fault is an argument).
func TestWithoutInputCheckAFieldErrorNullsData(t *testing.T) {
	st := &checkStore{fail: map[plan.RootKind]error{plan.RootSearch: fmt.Errorf("%w: search query must not be empty", reform.ErrInvalidInput)}}
	h := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{Store: st}}))
	h.AddTransport(transport.POST{})
	resp := postTo(t, graph.WithLoaders(st, h), `{ tasks(limit: 2) { id } search(query: " ") { score } }`)
	if string(resp.Data) != "null" || len(resp.Errors) != 1 || resp.Errors[0].Path[0] != "search" {
		t.Errorf("data %s errors %+v", resp.Data, resp.Errors)
	}
}

// What fails during execution follows the specification: a nullable root (`entity`) fails
// alone and the other roots are served; a non-null root (v7's `[Task!]!`) nulls `data`.
func TestExecutionFailuresPropagateAsTheSpecSays(t *testing.T) {
	st := &checkStore{fail: map[plan.RootKind]error{plan.RootEntity: reform.ErrUnavailable}}
	resp := postTo(t, checkedHandler(st), `{ tasks(limit: 2) { id } entity(id: "task/a") { id } }`)
	if string(resp.Data) != `{"tasks":[{"id":"task/a"}],"entity":null}` || len(resp.Errors) != 1 ||
		resp.Errors[0].Path[0] != "entity" || resp.Errors[0].Extensions["code"] != graph.CodeUnavailable {
		t.Errorf("a failing entity: data %s errors %+v", resp.Data, resp.Errors)
	}
	st = &checkStore{fail: map[plan.RootKind]error{plan.RootList: reform.ErrUnavailable}}
	resp = postTo(t, checkedHandler(st), `{ tasks(limit: 2) { id } entity(id: "task/a") { id } }`)
	if string(resp.Data) != "null" || len(resp.Errors) != 1 || resp.Errors[0].Path[0] != "tasks" {
		t.Errorf("a failing tasks: data %s errors %+v", resp.Data, resp.Errors)
	}
}

// A query whose arguments are all accepted runs as before.
func TestInputCheckPassesGoodQueries(t *testing.T) {
	st := &checkStore{}
	resp := postTo(t, checkedHandler(st), `{ tasks(limit: 2) { id } entity(id: "task/a") { id } }`)
	if len(resp.Errors) != 0 || len(st.reads) == 0 {
		t.Errorf("errors %+v, %d reads", resp.Errors, len(st.reads))
	}
}

// preparingStore is checkStore that prepares (counting) and notes whether each read came with
// the statement prepared for its plan.
type preparingStore struct {
	checkStore
	prepares   int
	unprepared int
}

func (s *preparingStore) PrepareRoot(root *plan.Root) (any, error) {
	s.mu.Lock()
	s.prepares++
	s.mu.Unlock()
	cypher, _, err := store.Compile(root)
	return cypher, err
}

func (s *preparingStore) Read(ctx context.Context, root *plan.Root) (*plan.RootResult, error) {
	if _, ok := plan.PreparedFor(ctx, root); !ok {
		s.mu.Lock()
		s.unprepared++
		s.mu.Unlock()
	}
	return s.checkStore.Read(ctx, root)
}

// Each root field is planned and compiled once per request — by InputCheck, whose prepared
// statement the read takes — and, with a plan cache, once per operation and variables: the
// same request again plans and compiles nothing.
func TestInputCheckPreparesOncePerRoot(t *testing.T) {
	for _, cached := range []bool{false, true} {
		st := &preparingStore{}
		h := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{Store: st}}))
		h.AddTransport(transport.POST{})
		check := graph.InputCheck{Store: st}
		if cached {
			check.Plans = graph.NewPlanCache(10)
		}
		h.Use(check)
		hh := graph.WithLoaders(st, h)
		q := `{ a: tasks(limit: 2) { id } b: entity(id: "task/a") { id } }`
		for i, want := range []int{2, 4} {
			if cached {
				want = 2 // the second request's plans come from the cache
			}
			if resp := postTo(t, hh, q); len(resp.Errors) > 0 {
				t.Fatalf("request %d: %+v", i, resp.Errors)
			}
			if st.prepares != want {
				t.Errorf("cache %v, after request %d: %d roots prepared, want %d", cached, i+1, st.prepares, want)
			}
		}
		if st.unprepared != 0 || len(st.reads) != 4 {
			t.Errorf("cache %v: %d of %d reads without their prepared statement", cached, st.unprepared, len(st.reads))
		}
		if cached {
			// Other variables (here: other argument text) are another entry.
			postTo(t, hh, `{ a: tasks(limit: 3) { id } b: entity(id: "task/a") { id } }`)
			if st.prepares != 4 {
				t.Errorf("another operation: %d roots prepared, want 4", st.prepares)
			}
		}
	}
}
