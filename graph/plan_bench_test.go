package graph_test

import (
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/store"
)

// BenchmarkPlanNested measures planning of the nested workload (nestedQuery of
// planner_test.go: 4 levels, aliases, fragments, a connection with totalCount and aggregates),
// no database involved: "parse" parses and validates the query text, coerces the variables,
// collects the root fields, builds each root field's plan and compiles it to Cypher (what a
// request costs without a query cache); "plan" starts from the parsed document (what it costs
// when the server's query cache has the document).
//
//	go test ./graph -run '^$' -bench PlanNested -benchmem
func BenchmarkPlanNested(b *testing.B) {
	schema := graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{}}).Schema()
	vars := map[string]any{"first": 3}
	plan := func(b *testing.B, opCtx *graphql.OperationContext) {
		n := 0
		for _, f := range graphql.CollectFields(opCtx, opCtx.Operation.SelectionSet, []string{"Query"}) {
			root := graph.PlanRoot(opCtx, f)
			if root == nil {
				b.Fatalf("no plan for %s", f.Name)
			}
			if _, _, err := store.Compile(root); err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 2 {
			b.Fatalf("%d root fields", n)
		}
	}
	parse := func(b *testing.B) *graphql.OperationContext {
		doc, errs := gqlparser.LoadQueryWithRules(schema, nestedQuery, nil)
		if errs != nil {
			b.Fatal(errs)
		}
		op := doc.Operations[0]
		coerced, err := validator.VariableValues(schema, op, vars)
		if err != nil {
			b.Fatal(err)
		}
		return &graphql.OperationContext{RawQuery: nestedQuery, Doc: doc, Operation: op, Variables: coerced}
	}
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			plan(b, parse(b))
		}
	})
	b.Run("plan", func(b *testing.B) {
		opCtx := parse(b)
		b.ReportAllocs()
		for b.Loop() {
			plan(b, opCtx)
		}
	})
}
