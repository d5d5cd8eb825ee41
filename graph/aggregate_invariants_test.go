package graph_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/reformhub/hub/internal/reform"
)

// Aggregation filters agree with the quantifiers on every relationship field of every type,
// whatever the data: `count: {gt: 0}` is `some: {}`, `count: {eq: 0}` is `none: {}`,
// `count: {eq: 1}` is `single: {}`, and `count: {lte: k}` / `count: {gt: k}` partition the
// entities, as do `count: {eq: k}` and `NOT: {count: {eq: k}}`.
func TestInvariantAggregateCountMatchesQuantifiers(t *testing.T) {
	c, _ := newClient(t)
	count := func(ops map[string]any) map[string]any { return map[string]any{"count": ops} }
	checked, nonTrivial := 0, 0
	for _, r := range roots {
		all := set(ids(t, c, r, nil, nil))
		fields := reform.RelationFields(r.typ)
		for _, field := range slices.Sorted(maps.Keys(fields)) {
			agg := field + "Aggregate"
			pairs := []struct {
				name       string
				aggregate  map[string]any
				quantifier map[string]any
			}{
				{"gt 0 = some", count(map[string]any{"gt": 0}), map[string]any{"some": map[string]any{}}},
				{"eq 0 = none", count(map[string]any{"eq": 0}), map[string]any{"none": map[string]any{}}},
				{"eq 1 = single", count(map[string]any{"eq": 1}), map[string]any{"single": map[string]any{}}},
			}
			for _, p := range pairs {
				a := ids(t, c, r, map[string]any{agg: p.aggregate}, nil)
				q := ids(t, c, r, map[string]any{field: p.quantifier}, nil)
				if !slices.Equal(a, q) {
					t.Errorf("%s.%s %s: aggregate %v, quantifier %v", r.typ, field, p.name, a, q)
				}
				if len(a) > 0 && len(a) < len(all) {
					nonTrivial++
				}
				checked++
			}
			for _, k := range []int{1, 2} {
				for _, split := range [][2]map[string]any{
					{count(map[string]any{"lte": k}), count(map[string]any{"gt": k})},
					{count(map[string]any{"eq": k}), {"NOT": count(map[string]any{"eq": k})}},
				} {
					lo := set(ids(t, c, r, map[string]any{agg: split[0]}, nil))
					hi := set(ids(t, c, r, map[string]any{agg: split[1]}, nil))
					for id := range lo {
						if hi[id] {
							t.Errorf("%s.%s %v / %v: %s in both", r.typ, agg, split[0], split[1], id)
						}
					}
					if len(lo)+len(hi) != len(all) {
						t.Errorf("%s.%s %v / %v: %d + %d != %d", r.typ, agg, split[0], split[1], len(lo), len(hi), len(all))
					}
					checked++
				}
			}
		}
	}
	if checked < 100 || nonTrivial < 20 {
		t.Errorf("checked %d aggregate filters, %d of the equivalences on a proper subset", checked, nonTrivial)
	}
	t.Logf("%d aggregate invariants, %d equivalences on a proper non-empty subset", checked, nonTrivial)
}
