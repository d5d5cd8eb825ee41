package hubtest

import (
	"context"
	"sync"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// CountingStore is the real store with a count of the calls that reach it, per method. Every
// call runs at least one statement in Neo4j (or is refused by the store for a bad argument).
// It implements each method by hand rather than embedding graph.Store, so a method added to
// the interface fails to compile here instead of passing through uncounted.
type CountingStore struct {
	s      graph.Store
	mu     sync.Mutex
	counts map[string]int
}

var _ graph.Store = (*CountingStore)(nil)

// NewCountingStore wraps s.
func NewCountingStore(s graph.Store) *CountingStore {
	return &CountingStore{s: s, counts: map[string]int{}}
}

func (c *CountingStore) add(method string) {
	c.mu.Lock()
	c.counts[method]++
	c.mu.Unlock()
}

// Calls returns how many calls reached the named methods since the last Reset, or every
// method when none is named.
func (c *CountingStore) Calls(methods ...string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	if len(methods) == 0 {
		for _, k := range c.counts {
			n += k
		}
		return n
	}
	for _, m := range methods {
		n += c.counts[m]
	}
	return n
}

// Reset sets every count back to zero.
func (c *CountingStore) Reset() {
	c.mu.Lock()
	clear(c.counts)
	c.mu.Unlock()
}

// List counts and calls the wrapped store's List.
func (c *CountingStore) List(ctx context.Context, t reform.EntityType, q plan.ListQuery) ([]reform.Entity, error) {
	c.add("List")
	return c.s.List(ctx, t, q)
}

// ListEntities counts and calls the wrapped store's ListEntities.
func (c *CountingStore) ListEntities(ctx context.Context, q plan.ListQuery) ([]reform.Entity, error) {
	c.add("ListEntities")
	return c.s.ListEntities(ctx, q)
}

// Entity counts and calls the wrapped store's Entity.
func (c *CountingStore) Entity(ctx context.Context, id string) (reform.Entity, error) {
	c.add("Entity")
	return c.s.Entity(ctx, id)
}

// Documents counts and calls the wrapped store's Documents.
func (c *CountingStore) Documents(ctx context.Context, ids []string) ([]*reform.Document, error) {
	c.add("Documents")
	return c.s.Documents(ctx, ids)
}

// Search counts and calls the wrapped store's Search.
func (c *CountingStore) Search(ctx context.Context, q string, types []reform.EntityType, limit *int) ([]*reform.SearchHit, error) {
	c.add("Search")
	return c.s.Search(ctx, q, types, limit)
}

// SearchPage counts and calls the wrapped store's SearchPage.
func (c *CountingStore) SearchPage(ctx context.Context, q string, types []reform.EntityType, first *int, after *string) ([]*reform.SearchHit, []string, bool, int, error) {
	c.add("Search")
	return c.s.SearchPage(ctx, q, types, first, after)
}

// Neighborhood counts and calls the wrapped store's Neighborhood.
func (c *CountingStore) Neighborhood(ctx context.Context, id string, depth, limit *int, relTypes []string) (*reform.Subgraph, error) {
	c.add("Neighborhood")
	return c.s.Neighborhood(ctx, id, depth, limit, relTypes)
}

// Paths counts and calls the wrapped store's Paths.
func (c *CountingStore) Paths(ctx context.Context, from, to string, maxHops, limit *int, relTypes []string) ([]*reform.Path, error) {
	c.add("Paths")
	return c.s.Paths(ctx, from, to, maxHops, limit, relTypes)
}

// Connection counts and calls the wrapped store's Connection.
func (c *CountingStore) Connection(ctx context.Context, q plan.ConnectionQuery) (*plan.Connection, error) {
	c.add("Connection")
	return c.s.Connection(ctx, q)
}

// Count counts and calls the wrapped store's Count.
func (c *CountingStore) Count(ctx context.Context, sc plan.Scope) (*plan.Count, error) {
	c.add("Count")
	return c.s.Count(ctx, sc)
}

// AggregateNode counts and calls the wrapped store's AggregateNode.
func (c *CountingStore) AggregateNode(ctx context.Context, sc plan.Scope) (map[string]any, error) {
	c.add("AggregateNode")
	return c.s.AggregateNode(ctx, sc)
}

// GroupBy counts and calls the wrapped store's GroupBy.
func (c *CountingStore) GroupBy(ctx context.Context, sc plan.Scope, field string, limit *int) ([]*plan.Group, error) {
	c.add("GroupBy")
	return c.s.GroupBy(ctx, sc, field, limit)
}

// Stats counts and calls the wrapped store's Stats.
func (c *CountingStore) Stats(ctx context.Context) (*reform.Stats, error) {
	c.add("Stats")
	return c.s.Stats(ctx)
}

// CountMany counts and calls the wrapped store's CountMany.
func (c *CountingStore) CountMany(ctx context.Context, sc plan.Scope, ids []string) (map[string]*plan.Count, error) {
	c.add("CountMany")
	return c.s.CountMany(ctx, sc, ids)
}

// Prefetch counts and calls the wrapped store's Prefetch.
// RootRelated and RootRelatedConnection roots are the fallback of relationship lists and
// connections and count as RelatedMany and ConnectionMany, the batched reads they replaced,
// so that tests tell planned statements from fallback ones.
func (c *CountingStore) Prefetch(ctx context.Context, root *plan.Root) (*plan.RootResult, error) {
	switch root.Kind {
	case plan.RootRelated:
		c.add("RelatedMany")
	case plan.RootRelatedConnection:
		c.add("ConnectionMany")
	default:
		c.add("Prefetch")
	}
	return c.s.Prefetch(ctx, root)
}
