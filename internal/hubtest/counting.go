package hubtest

import (
	"context"
	"sync"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/plan"
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

// Read counts and calls the wrapped store's Read. Each root is counted under a name that
// tells the tests which path it came from: "Prefetch" for a planned root (one that carries a
// selection), the fallback's roots over parent ids as "RelatedMany", "ConnectionMany" and
// "CountMany", and every other root under the name of the read it is ("List", "Entity",
// "Connection", "Count", "AggregateNode", "GroupBy", "Stats" …; see RootName).
func (c *CountingStore) Read(ctx context.Context, root *plan.Root) (*plan.RootResult, error) {
	c.add(RootName(root))
	return c.s.Read(ctx, root)
}

// RootName is the name CountingStore counts root under.
func RootName(root *plan.Root) string {
	switch root.Kind {
	case plan.RootRelated:
		return "RelatedMany"
	case plan.RootRelatedConnection:
		if len(root.Parents) == 1 && root.Conn != nil && root.Conn.Node == nil {
			return "Connection" // one parent's page, read on its own
		}
		return "ConnectionMany"
	case plan.RootScope:
		a := root.Conn.Aggregates[0]
		switch {
		case a.Node:
			return "AggregateNode"
		case len(a.Groups) > 0:
			return "GroupBy"
		case len(root.Parents) > 1:
			return "CountMany"
		}
		return "Count"
	}
	if root.Node != nil || (root.Conn != nil && root.Conn.Node != nil) {
		return "Prefetch"
	}
	return map[plan.RootKind]string{plan.RootList: "List", plan.RootEntity: "Entity", plan.RootConnection: "Connection",
		plan.RootSearch: "Search", plan.RootSearchPage: "SearchPage", plan.RootDocuments: "Documents",
		plan.RootNeighborhood: "Neighborhood", plan.RootPaths: "Paths", plan.RootStats: "Stats",
		plan.RootDatasets: "Datasets", plan.RootDataVersion: "DataVersion", plan.RootClaims: "Claims",
		plan.RootConflicts: "Conflicts", plan.RootChanges: "Changes", plan.RootHistory: "History"}[root.Kind]
}
