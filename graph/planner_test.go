package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/google/go-cmp/cmp"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/internal/store/storetest"
)

// plannerFixture is the hub's schema over the shipped dataset three ways: with the planner
// through a counting store (per-method calls), with the planner over a store whose Observe
// hook counts statements, and with the planner off (every field per parent: the fallback).
type plannerFixture struct {
	counting   *hubtest.CountingStore
	statements *atomic.Int64
	planned    http.Handler // planner on, counting statements
	calls      http.Handler // planner on, counting store calls
	fallback   http.Handler // planner off
}

func newPlannerFixture(t *testing.T) *plannerFixture {
	t.Helper()
	_, _, st := hubtest.Handler(t) // loads the shipped dataset when the database lacks it
	f := &plannerFixture{statements: &atomic.Int64{}, counting: hubtest.NewCountingStore(st)}
	opts := storetest.Options(t)
	opts.Observe = func(context.Context, string) func(error) {
		f.statements.Add(1)
		return func(error) {}
	}
	observed, err := store.Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = observed.Close(context.Background()) })
	mk := func(r *graph.Resolver) http.Handler {
		h := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: r}))
		h.AddTransport(transport.POST{})
		return graph.WithLoaders(r.Store, h)
	}
	f.planned = mk(&graph.Resolver{Store: observed})
	f.calls = mk(&graph.Resolver{Store: f.counting})
	f.fallback = mk(&graph.Resolver{Store: st, NoPlanner: true})
	return f
}

func post(t *testing.T, h http.Handler, query string, vars map[string]any) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out bytes.Buffer
	if err := json.Indent(&out, rec.Body.Bytes(), "", "  "); err != nil {
		t.Fatalf("response is not JSON: %v\n%s", err, rec.Body.String())
	}
	return out.String()
}

// check runs query with the planner and without it: the answers must be equal and free of
// errors, the planned run must cost exactly `statements` Cypher statements, all of them plan
// statements (no per-parent fallback call reaches the store).
func (f *plannerFixture) check(t *testing.T, query string, vars map[string]any, statements int) string {
	t.Helper()
	f.statements.Store(0)
	got := post(t, f.planned, query, vars)
	if n := f.statements.Load(); n != int64(statements) {
		t.Errorf("%d statements; want %d (1 per root field)\n%s", n, statements, query)
	}
	f.counting.Reset()
	post(t, f.calls, query, vars)
	if n, all := f.counting.Calls("Prefetch"), f.counting.Calls(); n != statements || all != n {
		t.Errorf("%d planned calls and %d fallback calls; want %d and 0\n%s", n, all-n, statements, query)
	}
	want := post(t, f.fallback, query, vars)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("planned answer differs from the per-field answer (-fallback +planned):\n%s", diff)
	}
	if strings.Contains(got, `"errors"`) {
		t.Errorf("answer has errors:\n%s", got)
	}
	return got
}

// nestedQuery is 4 levels deep, selects one field twice under different aliases and
// arguments, uses named fragments and inline fragments on the Entity interface, and a
// relationship connection with edges, totalCount and aggregate {count node groupBy{nodes}}.
const nestedQuery = `query Nested($first: Int) {
  departments(limit: 4, sort: [{name: ASC}], where: {tasks: {some: {year: {gte: 2021}}}}) {
    id
    ...DeptFields
    big: tasks(limit: 3, sort: [{name: DESC}]) { id subtasks(limit: 2) { id leaders { id name pilotPrograms(limit: 1) { id } } } }
    small: tasks(limit: 1, where: {status: {eq: COMPLETED}}) { id name }
    tasksConnection(first: $first, sort: [{node: {year: DESC}}]) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        properties { type implied sources { paragraph document { id title } } }
        node { id policies(limit: 2) { id parent { id } } }
      }
      aggregate {
        count { nodes edges }
        node { year { max min } name { shortest } }
        groupBy(field: status) { value count nodes(limit: 2, sort: [{name: ASC}]) { id outcomes { id } } }
        byDept: groupBy(field: departments, limit: 3) { value count entity { id ... on Department { kind } } }
      }
    }
    supports(limit: 5) { __typename id ... on Task { departments(limit: 1) { id } } ... on PilotProgram { outcomes(limit: 1) { id } } }
  }
  e: entity(id: "department/dongying-city") {
    ... on Department { children(limit: 3) { id ... on Department { leaders(limit: 2) { id tasks(limit: 1) { id } } } } }
    ...EntityBits
  }
}
fragment DeptFields on Department { name sources { quote document { id title } } }
fragment EntityBits on Entity { id name ... on Department { outcomesConnection(first: 2) { totalCount edges { node { achievedBy { __typename id } } } } } }
`

// The datasets' lists are planned like the others: a change's entity and a conflicting
// entity come with their relationship fields in the root's one statement.
func TestPlannerChangesAndConflicts(t *testing.T) {
	f := newPlannerFixture(t)
	got := f.check(t, `{
  changes(since: 0, limit: 8) { version op kind id type entity { id name ... on Task { departments(limit: 2) { id name } } } }
  conflicts(type: Task, limit: 3) { id name ... on Task { departments { id } } }
}`, nil, 2)
	if !strings.Contains(got, `"ADDED"`) {
		t.Errorf("no change added by the shipped dataset:\n%s", got)
	}
}

// TestPlannerNestedQueryIsOneStatementPerRootField: issue 5's 4-level nested query with aliases
// costs exactly one Cypher statement per root field (2 here), with no per-parent fallback,
// and answers exactly as the per-field path does.
func TestPlannerNestedQueryIsOneStatementPerRootField(t *testing.T) {
	f := newPlannerFixture(t)
	got := f.check(t, nestedQuery, map[string]any{"first": 3}, 2)
	for _, want := range []string{`"big"`, `"small"`, `"totalCount"`, `"byDept"`, `"document"`, `"achievedBy"`} {
		if !strings.Contains(got, want) {
			t.Errorf("answer lacks %s:\n%s", want, got)
		}
	}
	var resp struct {
		Data struct {
			Departments []struct {
				Big []struct {
					Subtasks []any
				}
				TasksConnection struct {
					TotalCount int
					Edges      []any
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(got), &resp); err != nil {
		t.Fatal(err)
	}
	if len(resp.Data.Departments) == 0 || resp.Data.Departments[0].TasksConnection.TotalCount == 0 ||
		len(resp.Data.Departments[0].TasksConnection.Edges) == 0 || len(resp.Data.Departments[0].Big) == 0 {
		t.Errorf("the nested query should find departments with tasks and edges:\n%s", got)
	}
}

// TestPlannerEveryRootFieldKind: a representative nested query of every kind of root field the
// planner covers is one statement, with no fallback, and answers as the per-field path does.
func TestPlannerEveryRootFieldKind(t *testing.T) {
	f := newPlannerFixture(t)
	cases := map[string]string{
		"leaders":                 `{ leaders(limit: 3) { id tasks(limit: 2) { id departments { id } } departmentsConnection { totalCount } } }`,
		"departments":             `{ departments(where: {kind: {eq: GROUP}}) { id leaders { id } parent { id name } children { id } } }`,
		"tasks":                   `{ tasks(limit: 5, sort: [{year: DESC}]) { id parent { id } subtasks { id } policies { id issuedBy { id } } } }`,
		"policies":                `{ policies(limit: 4) { id parts { id } implementedBy { id } tasksConnection(first: 1) { edges { node { id } } pageInfo { hasNextPage } } } }`,
		"pilotPrograms":           `{ pilotPrograms { id departments { id } outcomes { id value } supportedBy { id } } }`,
		"outcomes":                `{ outcomes(limit: 5) { id achievedBy { __typename id ... on Leader { role } ... on Department { tasks(limit: 1) { id } } } } }`,
		"documents":               `{ documents { id title sources { quote } } }`,
		"entity":                  `{ entity(id: "department/dongying-city") { id ... on Department { tasks(limit: 2) { id leaders { id } } supportsConnection(first: 2) { edges { node { __typename id } } } } } }`,
		"entityMissing":           `{ entity(id: "task/none") { id } }`,
		"search":                  `{ search(query: "改革", limit: 5) { score highlight entity { __typename id ... on Task { departments { id } } ... on Department { tasks(limit: 2) { id } } } } }`,
		"leadersConnection":       `{ leadersConnection(first: 2) { totalCount edges { node { id tasks { id } } } } }`,
		"departmentsConnection":   `{ departmentsConnection(first: 2, after: "YXJyYXljb25uZWN0aW9uOjA=") { pageInfo { hasPreviousPage hasNextPage startCursor } edges { cursor node { id } } } }`,
		"tasksConnection":         `{ tasksConnection { totalCount aggregate { count { nodes } groupBy(field: area, limit: 3) { value count nodes(limit: 1) { id } } } } }`,
		"policiesConnection":      `{ policiesConnection(where: {kind: {eq: PLAN}}) { totalCount aggregate { node { name { longest } } } } }`,
		"pilotProgramsConnection": `{ pilotProgramsConnection(sort: [{name: DESC}], first: 3) { edges { node { id tasksConnection { totalCount } } } } }`,
		"outcomesConnection":      `{ outcomesConnection { aggregate { node { value { min max average sum } year { max } } } } }`,
		// Only min and max: read from the range indexes in order (store: indexEnds).
		"indexEnds":           `{ tasksConnection { totalCount aggregate { count { nodes } node { year { min max } planned { max } } } } }`,
		"indexEndsFloat":      `{ outcomesConnection { aggregate { node { value { min max } valueBefore { min } year { max __typename } } } } }`,
		"indexEndsMixed":      `{ tasksConnection { aggregate { a: node { year { min } } b: node { year { sum } } } } }`,
		"documentsConnection": `{ documentsConnection { totalCount edges { node { id title } } } }`,
		"directives":          `query D($no: Boolean!) { tasks(limit: 3) { id departments @skip(if: $no) { id } leaders @include(if: $no) { id } ... on Task @include(if: $no) { outcomes { id } } } }`,
		// Relationship filters at three levels: each level's filter variables are its own.
		"nestedFilters": `{ departments(where: {tasks: {some: {year: {gte: 2021}}}}) { id
			tasks(where: {departments: {some: {kind: {eq: GROUP}}}, leaders: {none: {name: {contains: "市"}}}}) { id
				policies(where: {tasks: {all: {year: {gte: 2000}}}}) { id } }
			tasksConnection(where: {node: {departments: {single: {kind: {eq: AGENCY}}}}}) { totalCount edges { node { id } } } } }`,
	}
	for name, q := range cases {
		t.Run(name, func(t *testing.T) { f.check(t, q, map[string]any{"no": true}, 1) })
	}
}

// TestPlannerEqualsFallbackOnConformance runs every conformance, cookbook and golden-statement
// query with the planner and with the planner off and requires the same JSON (data and
// errors), so the two paths cannot drift apart.
func TestPlannerEqualsFallbackOnConformance(t *testing.T) {
	f := newPlannerFixture(t)
	files := append(queryFiles(t, "conformance"), queryFiles(t, "cookbook")...)
	files = append(files, queryFiles(t, "golden")...)
	if len(files) < 50 {
		t.Fatalf("found %d queries", len(files))
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		got, want := post(t, f.planned, string(b), nil), post(t, f.fallback, string(b), nil)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: planned answer differs from the per-field answer (-fallback +planned):\n%s", file, diff)
		}
	}
}

// TestPlannerFallbackFields pins which fields still run per parent: any field under a root
// field whose plan the store refuses as invalid input (the whole field then runs per field,
// so its error is the per-field one). The relationship fields of the entities that
// neighborhood and paths return are planned like any other position.
func TestPlannerFallbackFields(t *testing.T) {
	f := newPlannerFixture(t)
	run := func(q string) (planned, fallback int) {
		f.counting.Reset()
		post(t, f.calls, q, nil)
		return f.counting.Calls("Prefetch"), f.counting.Calls() - f.counting.Calls("Prefetch")
	}
	if p, fb := run(`{ neighborhood(id: "department/dongying-city", limit: 3) { nodes { id ... on Department { tasks(limit: 1) { id } } } } }`); p != 1 || fb != 0 {
		t.Errorf("neighborhood: %d planned, %d per-field calls; want 1 and 0", p, fb)
	}
	if p, fb := run(`{ paths(from: "department/shengli-oilfield", to: "outcome/ccus-co2-stored-40", maxHops: 3) { nodes { id ... on Department { tasks(limit: 1) { id } } } } }`); p != 1 || fb != 0 {
		t.Errorf("paths: %d planned, %d per-field calls; want 1 and 0", p, fb)
	}
	if p, fb := run(`{ tasks(limit: 2) { id departments(limit: 5000) { id } } }`); p != 1 || fb < 2 {
		t.Errorf("invalid nested limit: %d planned, %d per-field calls; want the refused plan, then the per-field path", p, fb)
	}
}
