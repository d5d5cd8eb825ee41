package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
)

// operators lists the operator names of a plan (without the "@neo4j" suffix).
func operators(p store.PlanForTest, out *[]string) {
	op, _, _ := strings.Cut(p.Operator, "@")
	*out = append(*out, op)
	for _, c := range p.Children {
		operators(c, out)
	}
}

// stats and the totalCount of a root connection without a filter read Neo4j's count store:
// their plans count from it and scan nothing, so they take constant time at any size. A
// filtered count still counts matching nodes.
func TestCountsComeFromTheCountStore(t *testing.T) {
	_, _, st := hubtest.Handler(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	scans := []string{"AllNodesScan", "NodeByLabelScan", "DirectedRelationshipTypeScan", "UndirectedRelationshipTypeScan", "Expand(All)", "Expand(Into)"}
	check := func(name, cypher string, params map[string]any, want string, n int) {
		t.Helper()
		p, err := st.ProfileForTest(ctx, cypher, params)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var ops []string
		operators(p, &ops)
		got := 0
		for _, op := range ops {
			if op == want {
				got++
			}
			if slices.Contains(scans, op) {
				t.Errorf("%s: plan scans (%s): %v", name, op, ops)
			}
		}
		if got != n {
			t.Errorf("%s: %d %s operators, want %d: %v", name, got, want, n, ops)
		}
	}
	stats := store.StatsCypherForTest()
	check("stats", stats, nil, "NodeCountFromCountStore", len(reform.EntityTypes))
	check("stats", stats, nil, "RelationshipCountFromCountStore", len(reform.RelTypes))
	for _, typ := range reform.EntityTypes {
		cypher, params, err := store.CountCypherForTest(plan.Scope{Type: typ})
		if err != nil {
			t.Fatal(err)
		}
		check("count of "+string(typ), cypher, params, "NodeCountFromCountStore", 1)
	}

	// The counts are the true ones: those of listing every entity.
	for _, typ := range reform.EntityTypes {
		all, err := st.List(ctx, typ, plan.ListQuery{})
		if err != nil {
			t.Fatal(err)
		}
		c, err := st.Count(ctx, plan.Scope{Type: typ})
		if err != nil {
			t.Fatal(err)
		}
		if c.Nodes != len(all) || c.Edges != len(all) {
			t.Errorf("count of %s: %+v, want %d", typ, c, len(all))
		}
		filtered, err := st.Count(ctx, plan.Scope{Type: typ, Where: map[string]any{"id": map[string]any{"in": []any{all[0].Common().ID}}}})
		if err != nil {
			t.Fatal(err)
		}
		if filtered.Nodes != 1 {
			t.Errorf("filtered count of %s: %+v, want 1", typ, filtered)
		}
	}
}
