package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/store"
)

// traced posts query to h and returns the response's data, the number of Cypher statements
// the request sent and the positions that went through the fallback path. It fails the test
// on any GraphQL error.
func traced(t *testing.T, h http.Handler, query string) (data string, statements int, fallback []string) {
	t.Helper()
	// A long batch wait: on a busy machine no late goroutine starts a second batch.
	ctx, counter := store.WithStatementCounter(graph.WithFallbackWait(context.Background(), 100*time.Millisecond))
	ctx, trace := graph.TraceFallback(ctx)
	body, _ := json.Marshal(map[string]any{"query": query})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body)).WithContext(ctx)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var resp struct {
		Data   json.RawMessage `json:"data"`
		Errors []any           `json:"errors"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || len(resp.Errors) > 0 || len(resp.Data) == 0 {
		t.Fatalf("%s: %d %s", query, rec.Code, rec.Body)
	}
	return string(resp.Data), counter.Count(), trace.Positions()
}

// perParentHandler is the GraphQL schema over st without the request's loaders: every
// relationship field of every parent is read on its own (the path before batching).
func perParentHandler(st graph.Store) http.Handler {
	h := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{Store: st}}))
	h.AddTransport(transport.POST{})
	return h
}

// batchedHandler is the GraphQL schema over st with the planner off and the request's
// loaders on: every relationship field goes through the fallback loaders.
func batchedHandler(st graph.Store) http.Handler {
	h := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{Store: st, NoPlanner: true}}))
	h.AddTransport(transport.POST{})
	return graph.WithLoaders(st, h)
}

// With the planner off, nested relationship fields cost one statement per nesting level
// whatever the number of parents, and answer exactly what reading each parent on its own
// answers.
func TestFallbackBatchesPerLevel(t *testing.T) {
	_, _, st := hubtest.Handler(t)
	h := batchedHandler(st)
	perParent := perParentHandler(st)
	for _, tc := range []struct {
		name   string
		query  string // %d: the number of parents
		levels int    // nesting levels of relationship reads (each may add one statement)
	}{
		{"lists", `{ tasks(limit: %d, sort: [{id: ASC}]) { id name departments { id name leaders { id name } } } }`, 2},
		{"paged lists", `{ tasks(limit: %d, sort: [{id: ASC}]) { id departments(limit: 1, offset: 0, sort: [{name: DESC}]) { id leaders(limit: 2) { name } } } }`, 2},
		// totalCount only innermost: gqlgen resolves a connection's totalCount after its edges,
		// so an outer totalCount of parents with no edges is asked earlier than that of
		// parents with edges, and falls into a batch of its own (one statement more).
		{"connections", `{ tasks(limit: %d, sort: [{id: ASC}]) { id departmentsConnection(first: 2) {
			pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
			edges { cursor properties { type implied note } node { id leadersConnection(sort: [{node: {name: DESC}}]) { totalCount edges { node { name } } } } } } } }`, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bound := 1 + tc.levels
			var counts []int
			for _, n := range []int{5, 20, 40} {
				q := fmt.Sprintf(tc.query, n)
				data, statements, _ := traced(t, h, q)
				want, perParentStatements, _ := traced(t, perParent, q)
				if data != want {
					t.Errorf("%d parents: batched answer differs from the per-parent one:\n%s\n%s", n, data, want)
				}
				if statements > bound {
					t.Errorf("%d parents: %d statements, want at most %d (1 root + 1 per level)", n, statements, bound)
				}
				t.Logf("%d parents: %d statements batched, %d per parent", n, statements, perParentStatements)
				counts = append(counts, statements)
			}
			if slices.Min(counts) != slices.Max(counts) {
				t.Errorf("statements grow with the number of parents: %v for 5, 20, 40", counts)
			}
		})
	}
}

// TestFallbackFields documents which positions of a response are read through the fallback
// path (relatedFallback, connectionFallback, countFallback): positions are field paths
// without list indices, with aliases. `planned` is what falls back with the planner on (the
// server's configuration): only what lies below root fields the planner does not plan
// (neighborhood, paths). `unplanned` is what falls back with the planner off.
func TestFallbackFields(t *testing.T) {
	h, _, st := hubtest.Handler(t)
	off := batchedHandler(st)
	for _, tc := range []struct {
		query     string
		planned   []string
		unplanned []string
	}{
		{`{ tasks(limit: 3) { id name } }`, nil, nil},
		{`{ stats { entityCounts { type count } } }`, nil, nil},
		{`{ tasks(limit: 3) { departments { leaders { name } } } }`, nil,
			[]string{"tasks.departments", "tasks.departments.leaders"}},
		{`{ t: tasks(limit: 2) { a: departments(limit: 1) { id } b: departments(sort: [{name: DESC}]) { id } parent { id } } }`, nil,
			[]string{"t.a", "t.b", "t.parent"}},
		{`{ tasks(where: {id: {eq: "task/comprehensive-reform-2021"}}) { subtasksConnection(first: 2) { totalCount edges { node { id subtasks { id } } } } } }`, nil,
			[]string{"tasks.subtasksConnection", "tasks.subtasksConnection.edges.node.subtasks", "tasks.subtasksConnection.totalCount"}},
		{`{ tasksConnection(first: 2) { totalCount edges { node { id leaders { name } } } } }`, nil,
			[]string{"tasksConnection.edges.node.leaders"}},
		{`{ entity(id: "task/comprehensive-reform-2021") { id ... on Task { departments { id } subtasks(limit: 2) { ...T } } } } fragment T on Task { id outcomes { id } }`, nil,
			[]string{"entity.departments", "entity.subtasks", "entity.subtasks.outcomes"}},
		{`{ search(query: "胜利油田", limit: 2) { entity { id ... on Department { tasks(limit: 1) { id } } } } }`, nil,
			[]string{"search.entity.tasks"}},
		{`{ neighborhood(id: "task/comprehensive-reform-2021") { nodes { id ... on Task { departments(limit: 1) { id } } } } }`,
			nil, []string{"neighborhood.nodes.departments"}},
		{`{ paths(from: "task/comprehensive-reform-2021", to: "department/city-government", limit: 1) { nodes { id ... on Department { tasks(limit: 1) { id } } } } }`,
			nil, []string{"paths.nodes.tasks"}},
	} {
		for _, c := range []struct {
			name string
			h    http.Handler
			want []string
		}{{"planner on", h, tc.planned}, {"planner off", off, tc.unplanned}} {
			_, _, got := traced(t, c.h, tc.query)
			if !slices.Equal(got, c.want) && len(got)+len(c.want) > 0 {
				t.Errorf("%s: %s\nfalls back at %q, want %q", c.name, tc.query, got, c.want)
			}
		}
	}
}
