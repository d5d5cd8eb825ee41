package graph_test

import (
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/hubtest"
)

// On the per-field path (planner off), totalCount and aggregates run their own statement only
// when the query selects them (the planner compiles only what is selected: planner_test.go).
func TestCountsAndAggregatesRunOnlyWhenSelected(t *testing.T) {
	_, _, st := hubtest.Handler(t)
	cs := hubtest.NewCountingStore(st)
	h := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{Store: cs, NoPlanner: true}}))
	h.AddTransport(transport.POST{})
	c := client.New(h)
	var resp map[string]any
	check := func(query string, counts, aggregates, groups int) {
		t.Helper()
		cs.Reset()
		c.MustPost(query, &resp)
		if cs.Calls("Count") != counts || cs.Calls("AggregateNode") != aggregates || cs.Calls("GroupBy") != groups {
			t.Errorf("%s: %d count, %d aggregate, %d groupBy statements; want %d, %d, %d", query,
				cs.Calls("Count"), cs.Calls("AggregateNode"), cs.Calls("GroupBy"), counts, aggregates, groups)
		}
	}
	check(`{ tasksConnection(first: 2) { edges { node { id } } pageInfo { hasNextPage } } }`, 0, 0, 0)
	check(`{ tasksConnection(first: 2) { totalCount edges { node { id } } } }`, 1, 0, 0)
	check(`{ tasksConnection(first: 2) { aggregate { count { nodes } } } }`, 1, 0, 0)
	check(`{ tasksConnection(first: 2) { aggregate { node { year { max } } groupBy(field: area) { count } } } }`, 0, 1, 1)
	check(`{ pilotPrograms(limit: 2) { outcomesConnection { edges { properties { type } } } } }`, 0, 0, 0)
}
