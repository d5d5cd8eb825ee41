package graph_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/reform"
)

// countingStore is the real store, counting the statements that count and aggregate.
type countingStore struct {
	graph.Store
	counts, aggregates, groups atomic.Int32
}

func (s *countingStore) Count(ctx context.Context, sc reform.Scope) (*reform.Count, error) {
	s.counts.Add(1)
	return s.Store.Count(ctx, sc)
}

func (s *countingStore) AggregateNode(ctx context.Context, sc reform.Scope) (map[string]any, error) {
	s.aggregates.Add(1)
	return s.Store.AggregateNode(ctx, sc)
}

func (s *countingStore) GroupBy(ctx context.Context, sc reform.Scope, field string, limit *int) ([]*reform.Group, error) {
	s.groups.Add(1)
	return s.Store.GroupBy(ctx, sc, field, limit)
}

// totalCount and aggregates run their own statement only when the query selects them.
func TestCountsAndAggregatesRunOnlyWhenSelected(t *testing.T) {
	_, _, st := hubtest.Handler(t)
	cs := &countingStore{Store: st}
	h := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{Store: cs}}))
	h.AddTransport(transport.POST{})
	c := client.New(h)
	var resp map[string]any
	check := func(query string, counts, aggregates, groups int32) {
		t.Helper()
		cs.counts.Store(0)
		cs.aggregates.Store(0)
		cs.groups.Store(0)
		c.MustPost(query, &resp)
		if cs.counts.Load() != counts || cs.aggregates.Load() != aggregates || cs.groups.Load() != groups {
			t.Errorf("%s: %d count, %d aggregate, %d groupBy statements; want %d, %d, %d", query,
				cs.counts.Load(), cs.aggregates.Load(), cs.groups.Load(), counts, aggregates, groups)
		}
	}
	check(`{ tasksConnection(first: 2) { edges { node { id } } pageInfo { hasNextPage } } }`, 0, 0, 0)
	check(`{ tasksConnection(first: 2) { totalCount edges { node { id } } } }`, 1, 0, 0)
	check(`{ tasksConnection(first: 2) { aggregate { count { nodes } } } }`, 1, 0, 0)
	check(`{ tasksConnection(first: 2) { aggregate { node { year { max } } groupBy(field: area) { count } } } }`, 0, 1, 1)
	check(`{ pilotPrograms(limit: 2) { outcomesConnection { edges { properties { type } } } } }`, 0, 0, 0)
}
