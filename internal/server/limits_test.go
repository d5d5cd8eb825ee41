package server

import (
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/store"
)

const limitsSchema = `
type Query {
  items(limit: Int, first: Int): [Item!]!
  graph(limit: Int): Graph!
  itemConnection(first: Int): Conn!
  one: Item
  search(limit: Int): [Item!]!
  paths(limit: Int): [Path!]!
  neighborhood(limit: Int): Graph!
}
type Path { nodes: [Item!]! }
type Graph { nodes: [Item!]! }
type Conn { edges: [Edge!]! total: Int! }
type Edge { node: Item! }
type Item { id: ID! tags: [String!]! children(limit: Int): [Item!]! groupBy(limit: Int): [Item!]! }
`

// The cost model on a small schema of its own: list multipliers from limit/first, inherited
// through object fields (connections), the implicit limits otherwise, aliases and fragments
// counted.
func TestCost(t *testing.T) {
	schema := gqlparser.MustLoadSchema(&ast.Source{Input: limitsSchema})
	root, nested := 70, 30 // the implicit limits of this test
	l := operationLimits{maxDepth: 10, maxCost: 1 << 40, maxLimit: 1000, maxHops: 6, maxAliases: 5, maxOperations: 2,
		defaultLimit: root, nestedLimit: nested}
	tests := []struct {
		query string
		cost  int
	}{
		{`{ one { id } }`, 2},
		{`{ items { id } }`, 1 + root*1},
		{`{ items { children { id } } }`, 1 + root*(1+nested*1)},
		{`{ one { children { id } } }`, 1 + (1 + nested*1)},
		{`{ one { groupBy { id } } }`, 1 + (1 + store.DefaultGroups*1)},
		{`{ search { id } }`, 1 + store.DefaultSearchLimit*1},
		{`{ paths { nodes { id } } }`, 1 + store.DefaultPaths*(1+unpagedList*1)},
		{`{ one { tags } }`, 1 + (1 + unpagedList*0)},
		{`{ neighborhood { nodes { id } } }`, 1 + (1 + (store.DefaultNeighborhood+1)*1)},
		{`{ graph { nodes { id } } }`, 1 + (1 + root*1)},
		{`{ itemConnection { edges { node { id } } } }`, 1 + (1 + root*(1+1))},
		{`{ items(limit: 3) { id tags } }`, 1 + 3*2},
		{`{ items(first: 7) { id } }`, 1 + 7},
		{`{ items(limit: 2) { children(limit: 5) { id } } }`, 1 + 2*(1+5*1)},
		{`{ graph(limit: 50) { nodes { id } } }`, 1 + (1 + 50*1)},
		{`{ itemConnection(first: 4) { total edges { node { id children { id } } } } }`, 1 + 1 + (1 + 4*(1+(1+1+nested*1)))},
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

// On the served schema: the request of issue 13 that took Neo4j down is refused with a coded
// error that says how to make it cheaper, and the everyday playground queries over the
// shipped corpus pass.
func TestCostOfServedSchema(t *testing.T) {
	schema := graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{}}).Schema()
	d := config.DefaultLimits()
	l := operationLimits{maxDepth: d.MaxDepth, maxCost: d.MaxComplexity, maxLimit: d.MaxLimit,
		maxHops: d.MaxHops, maxAliases: d.MaxAliases, maxOperations: d.MaxOperations,
		defaultLimit: d.DefaultLimit, nestedLimit: d.NestedLimit}
	cost := func(q string) int {
		t.Helper()
		doc, errs := gqlparser.LoadQueryWithRules(schema, q, nil)
		if errs != nil {
			t.Fatalf("%s: %v", q, errs)
		}
		w := walker{l: l}
		return w.cost(doc.Operations[0].SelectionSet, 1, 0)
	}
	// The examples of the cost model in docs/api.md, exactly.
	for q, want := range map[string]int{
		`{ departments { name tasks { name } } }`:                             5201,
		`{ tasks(limit: 1000) { id departments(limit: 99) { id } } }`:         101001,
		`{ tasks { departments { tasks { name } } } }`:                        255101,
		`{ departments { id tasks { id departments { id tasks { id } } } } }`: 13010201,
		`{ pilotPrograms(sort: [{ level: ASC }, { name: ASC }]) { id name nameEn level departments { name } outcomes { name kind value unit sources { paragraph quote } } } }`: 130601,
	} {
		if c := cost(q); c != want {
			t.Errorf("cost %d, want %d (docs/api.md): %s", c, want, q)
		}
	}
	for _, q := range []string{
		`{ departments { name tasks { name } } }`,
		`{ tasks { name departments { name } policies { name } outcomes { name } leaders { name } } }`,
		`{ tasksConnection { totalCount edges { node { name departments { name } } } } }`,
		`{ neighborhood(id: "x", depth: 2) { nodes { id name } relationships { type from { id } to { id } } } }`,
		`{ search(query: "改革") { score entity { id name sources { paragraph quote } } } }`,
	} {
		if c := cost(q); c > l.maxCost {
			t.Errorf("an everyday query costs %d > %d: %s", c, l.maxCost, q)
		}
	}
	// The lists of datasets and changes count like the others: changes and conflicts by their
	// limit (the root's implicit one without), history by the nested one, claims and datasets
	// as unpaged lists.
	dl, nl := d.DefaultLimit, d.NestedLimit
	for q, want := range map[string]int{
		`{ changes(since: 0) { id entity { id } } }`:                          1 + dl*(1+2),
		`{ changes(since: 0, limit: 5) { id fields } }`:                       1 + 5*(1+1),
		`{ conflicts { id claims { value sources { quote } } } }`:             1 + dl*(1+1+unpagedList*(1+1+unpagedList)),
		`{ entity(id: "x") { history { version entity { id } } } }`:           1 + 1 + nl*(1+2),
		`{ datasets { id } dataVersion { version } }`:                         1 + unpagedList + 2,
		`{ entity(id: "x") { datasets conflicts history(limit: 3) { id } } }`: 1 + 1 + 1 + 1 + 3,
	} {
		if c := cost(q); c != want {
			t.Errorf("cost %d, want %d: %s", c, want, q)
		}
	}
	for _, q := range []string{
		`{ departments { id tasks { id departments { id tasks { id } } } } }`,
		`{ changes(since: 0) { entity { history { entity { history { entity { claims { sources { quote } } } } } } } } }`,
		`{ conflicts { history { entity { ... on Task { departments { history { id } } } } } } }`,
		`{ departments(limit: 200) { tasks(limit: 100) { departments(limit: 100) { name } } } }`,
		`{ tasks(limit: 1000) { departments(limit: 1000) { name } } }`,
	} {
		if c := cost(q); c <= l.maxCost {
			t.Errorf("an explosive query costs only %d <= %d: %s", c, l.maxCost, q)
		}
	}
}
