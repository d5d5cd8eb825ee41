package server

import (
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

const limitsSchema = `
type Query {
  items(limit: Int, first: Int): [Item!]!
  graph(limit: Int): Graph!
  itemConnection(first: Int): Conn!
  one: Item
}
type Graph { nodes: [Item!]! }
type Conn { edges: [Edge!]! total: Int! }
type Edge { node: Item! }
type Item { id: ID! tags: [String!]! children(limit: Int): [Item!]! }
`

// The cost model on a small schema of its own: list multipliers from limit/first, inherited
// through object fields (connections), ListSize otherwise, aliases and fragments counted.
func TestCost(t *testing.T) {
	schema := gqlparser.MustLoadSchema(&ast.Source{Input: limitsSchema})
	l := operationLimits{maxDepth: 10, maxCost: 1 << 40, listSize: 10, maxLimit: 1000, maxHops: 6, maxAliases: 5, maxOperations: 2}
	tests := []struct {
		query string
		cost  int
	}{
		{`{ one { id } }`, 2},
		{`{ items { id } }`, 1 + 10*1},
		{`{ items(limit: 3) { id tags } }`, 1 + 3*2},
		{`{ items(first: 7) { id } }`, 1 + 7},
		{`{ items(limit: 2) { children(limit: 5) { id } } }`, 1 + 2*(1+5*1)},
		{`{ graph(limit: 50) { nodes { id } } }`, 1 + (1 + 50*1)},
		{`{ itemConnection(first: 4) { total edges { node { id children { id } } } } }`, 1 + 1 + (1 + 4*(1+(1+1+10*1)))},
		{`{ a: items(limit: 2) { id } b: items(limit: 2) { id } }`, 2 * (1 + 2)},
		{`{ ...F } fragment F on Query { items(limit: 2) { id } }`, 1 + 2},
		{`{ __schema { types { name fields { name } } } }`, 1},
	}
	for _, tc := range tests {
		doc, errs := gqlparser.LoadQueryWithRules(schema, tc.query, nil)
		if errs != nil {
			t.Fatalf("%s: %v", tc.query, errs)
		}
		w := walker{l: l}
		if got := w.cost(doc.Operations[0].SelectionSet, 1, 0); got != tc.cost || w.err != nil {
			t.Errorf("cost(%s) = %d (%v), want %d", tc.query, got, w.err, tc.cost)
		}
	}
}

func TestCostSaturates(t *testing.T) {
	if add(1<<62, 1<<62) < 1<<62 || mul(1<<40, 1<<40) < 1<<40 || mul(0, 1<<62) != 0 {
		t.Error("add and mul must saturate, not overflow")
	}
}
