package graph_test

import (
	"context"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/plan"
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

// compilingStore prepares plans as the store does (store.Compile), without a database.
type compilingStore struct{ graph.Store }

func (compilingStore) Check(root *plan.Root) error {
	_, _, err := store.Compile(root)
	return err
}

func (compilingStore) PrepareRoot(root *plan.Root) (any, error) {
	cypher, _, err := store.Compile(root)
	return cypher, err
}

// BenchmarkPlanNestedCached measures what planning and compiling cost a request of the nested
// workload when the plan cache holds its operation (graph.PlanCache: the same text, operation
// name and variables seen before): InputCheck finds each root field's plan and prepared
// statement in the cache, and the root resolvers take them from the operation — "miss" is the
// same with an empty cache (each root planned and compiled once, not twice as before the
// cache: InputCheck's compile is the one the read runs).
//
//	go test ./graph -run '^$' -bench PlanNestedCached -benchmem
func BenchmarkPlanNestedCached(b *testing.B) {
	schema := graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{}}).Schema()
	doc, errs := gqlparser.LoadQueryWithRules(schema, nestedQuery, nil)
	if errs != nil {
		b.Fatal(errs)
	}
	coerced, err := validator.VariableValues(schema, doc.Operations[0], map[string]any{"first": 3})
	if err != nil {
		b.Fatal(err)
	}
	request := func(b *testing.B, check graph.InputCheck) {
		op := &graphql.OperationContext{RawQuery: nestedQuery, Doc: doc, Operation: doc.Operations[0], Variables: coerced}
		if e := check.MutateOperationContext(context.Background(), op); e != nil {
			b.Fatal(e)
		}
		n := 0
		for _, f := range graphql.CollectFields(op, op.Operation.SelectionSet, []string{"Query"}) {
			fc := &graphql.FieldContext{Object: "Query", Field: f}
			if root, ok := graph.PreparedRootOf(op, fc); !ok || root == nil {
				b.Fatalf("no prepared plan for %s", f.Alias)
			}
			n++
		}
		if n != 2 {
			b.Fatalf("%d root fields", n)
		}
	}
	b.Run("hit", func(b *testing.B) {
		check := graph.InputCheck{Store: compilingStore{}, Plans: graph.NewPlanCache(100)}
		request(b, check)
		b.ReportAllocs()
		for b.Loop() {
			request(b, check)
		}
	})
	b.Run("miss", func(b *testing.B) {
		check := graph.InputCheck{Store: compilingStore{}}
		b.ReportAllocs()
		for b.Loop() {
			request(b, check)
		}
	})
}
