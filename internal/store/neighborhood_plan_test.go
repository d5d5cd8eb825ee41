package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/internal/store/storetest"
)

// The neighborhood statement expands breadth-first with pruning — each entity around the
// centre once, not every path to it — and keeps only the first $limit while sorting (Top).
// Around a hub of the size-S corpus at depth 3 the unpruned plan (every path, sorted) went
// over the transaction memory limit; the pruned one answers in under a second
// (internal/chaos TestHostile).
func TestNeighborhoodPrunes(t *testing.T) {
	s := storetest.Open(t)
	// Depth 1 has no paths to prune (one relationship each).
	for depth := 2; depth <= store.MaxDepth; depth++ {
		ops, err := s.ExplainAllForTest(context.Background(), store.NeighborhoodStatementForTest(depth),
			map[string]any{"id": "department/x", "limit": int64(500)})
		if err != nil {
			t.Fatal(err)
		}
		plan := strings.Join(ops, " ")
		if !strings.Contains(plan, "VarLengthExpand(Pruning") || strings.Contains(plan, "VarLengthExpand(All)") ||
			!strings.Contains(plan, "Top") {
			t.Errorf("depth %d: the plan does not prune the expansion and keep the top $limit: %s", depth, plan)
		}
	}
}
