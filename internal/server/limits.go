package server

import (
	"context"
	"encoding/json"
	"math"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/store"
)

// operationLimits rejects, after validation and before any resolver runs, an operation that
// is too deep, too costly, has too many aliases or operations, or asks for more than the caps
// allow in any limit, first or maxHops argument — whatever field carries it, so fields added
// to the schema later are covered too.
//
// Cost: every field counts 1 plus the cost of its selections, multiplied for a list field by
// the number of items the store can return for it — the numbers the executor uses, so that
// what the check lets through is what can run:
//   - its limit, first or last argument when given;
//   - else, for a field that takes a limit or first, the implicit limit the store applies:
//     defaultLimit (config.Limits.DefaultLimit, HUB_DEFAULT_LIMIT) for a root list,
//     store.DefaultSearchLimit for search, store.DefaultPaths for paths, store.DefaultGroups
//     for groupBy, nestedLimit (HUB_NESTED_LIMIT) for any other (relationship lists, a
//     group's nodes) — the store reads the same config.Limits;
//   - else the limit or first of the enclosing non-list field (neighborhood(limit) { nodes },
//     xConnection(first) { edges }), or that field's implicit one (store.DefaultNeighborhood
//     nodes besides the centre; defaultLimit edges for a root connection, nestedLimit for a
//     relationship connection);
//   - else unpagedList: an entity's sources (its evidence is stored on the fact itself, so
//     reading it multiplies no database work; 10 is an estimate, not a bound), its claims
//     and a claim's sources (one statement for every entity of the request), `datasets`, and
//     a path's nodes and relationships (at most maxHops+1 <= 7).
//
// The lists of the data's history need nothing of their own: `changes` and `conflicts` are
// root lists (their limit, else defaultLimit), `Entity.history` a nested one (nestedLimit), so
// `changes { entity { history { entity … } } }` multiplies like any nesting of lists.
//
// Aliases are separate fields and count separately; fragments count where they are spread.
// __typename costs nothing (Apollo Client adds it everywhere; the cost of a query is the same
// from every client). Introspection fields (__schema, __type) count 1 each, without multipliers: introspection
// is off in production, and depth and tokens still bound it.
type operationLimits struct {
	maxDepth, maxCost, maxLimit, maxHops, maxAliases, maxOperations int
	defaultLimit, nestedLimit                                       int // the implicit limits
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = operationLimits{}

func (operationLimits) ExtensionName() string                   { return "OperationLimits" }
func (operationLimits) Validate(graphql.ExecutableSchema) error { return nil }

// limitError is the coded error of a broken limit; extensions.limit names the limit.
func limitError(limit, format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	err.Extensions = map[string]any{"code": graph.CodeBadUserInput, "limit": limit}
	return err
}

// batchBudget is the cost a batch has spent so far: the cost limit applies to the batch as a
// whole (transport.go).
type batchBudget struct{ spent int }

type batchKey struct{}

// withBatch marks ctx as the context of a batch's operations, which share one cost budget.
func withBatch(ctx context.Context) context.Context {
	return context.WithValue(ctx, batchKey{}, &batchBudget{})
}

// MutateOperationContext checks the operation gqlgen is about to execute.
func (l operationLimits) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if n := len(op.Doc.Operations); n > l.maxOperations {
		return limitError("operations", "the document has %d operations; at most %d are allowed", n, l.maxOperations)
	}
	w := walker{l: l, vars: op.Variables}
	cost := w.cost(op.Operation.SelectionSet, 1, 0)
	if w.err != nil {
		return w.err
	}
	if w.depth > l.maxDepth {
		return limitError("depth", "the query is %d levels deep; at most %d are allowed", w.depth, l.maxDepth)
	}
	if w.aliases > l.maxAliases {
		return limitError("aliases", "the query has %d aliases; at most %d are allowed", w.aliases, l.maxAliases)
	}
	if cost > l.maxCost {
		return limitError("cost", "the query costs %d; at most %d is allowed. Each list multiplies the cost of its "+
			"selections by its limit or first, and a list without one by its implicit limit (%d at the root, %d "+
			"nested): give the lists smaller limits (e.g. tasks(limit: 10)), select fewer nested lists, or split the query",
			cost, l.maxCost, l.defaultLimit, l.nestedLimit)
	}
	if b, ok := ctx.Value(batchKey{}).(*batchBudget); ok {
		if b.spent = add(b.spent, cost); b.spent > l.maxCost {
			return limitError("cost", "the batch costs %d up to this operation; at most %d is allowed for the whole batch: "+
				"send fewer or cheaper operations in one batch", b.spent, l.maxCost)
		}
	}
	return nil
}

type walker struct {
	l       operationLimits
	vars    map[string]any
	depth   int
	aliases int
	err     *gqlerror.Error
}

// cost returns the cost of set at nesting level depth, recording the deepest level, the
// aliases and the first argument beyond its cap.
func (w *walker) cost(set ast.SelectionSet, depth, inherited int) int {
	total := 0
	for _, sel := range set {
		if w.err != nil {
			return total
		}
		switch s := sel.(type) {
		case *ast.Field:
			total = add(total, w.field(s, depth, inherited))
		case *ast.InlineFragment:
			total = add(total, w.cost(s.SelectionSet, depth, inherited))
		case *ast.FragmentSpread:
			if s.Definition != nil {
				total = add(total, w.cost(s.Definition.SelectionSet, depth, inherited))
			}
		}
	}
	return total
}

func (w *walker) field(f *ast.Field, depth, inherited int) int {
	if depth > w.depth {
		w.depth = depth
	}
	if depth > w.l.maxDepth {
		// Deeper levels are not walked: the operation is rejected anyway.
		return 1
	}
	if f.Alias != "" && f.Alias != f.Name {
		w.aliases++
	}
	if f.Name == "__typename" {
		// Free: clients such as Apollo add it to every selection set, and the cost of a query
		// must not depend on the client that sends it.
		return 0
	}
	if strings.HasPrefix(f.Name, "__") {
		w.cost(f.SelectionSet, depth+1, 0)
		return 1
	}
	list := f.Definition != nil && f.Definition.Type != nil && f.Definition.Type.Elem != nil
	given := 0 // this field's limit or first
	paged := false
	if f.Definition != nil {
		paged = f.Definition.Arguments.ForName("limit") != nil || f.Definition.Arguments.ForName("first") != nil ||
			f.Definition.Arguments.ForName("last") != nil
	}

	for _, arg := range f.Arguments {
		n, ok := w.intArg(arg)
		if !ok {
			continue
		}
		switch arg.Name {
		case "limit", "first", "last":
			if n < 0 || n > int64(w.l.maxLimit) {
				w.err = limitError(arg.Name, "%s: %s must be between 0 and %d, got %d", f.Alias, arg.Name, w.l.maxLimit, n)
				return 1
			}
			given = max(int(n), 1)
		case "maxHops":
			if n < 1 || n > int64(w.l.maxHops) {
				w.err = limitError(arg.Name, "%s: maxHops must be between 1 and %d, got %d", f.Alias, w.l.maxHops, n)
				return 1
			}
		}
	}
	if given == 0 && paged {
		given = w.implicitLimit(f.Name, depth == 1)
	}
	if !list {
		// An object field: its limit or first bounds the lists inside it.
		return add(1, w.cost(f.SelectionSet, depth+1, given))
	}
	size := unpagedList
	switch {
	case given > 0:
		size = given
	case inherited > 0:
		size = inherited
	}
	return add(1, mul(size, w.cost(f.SelectionSet, depth+1, 0)))
}

// unpagedList is what a list without limit or first that inherits none counts for.
const unpagedList = 10

// implicitLimit is the number of items the store returns for a field that takes a limit or
// first when the query gives none: root says whether the field is a root field.
func (w *walker) implicitLimit(name string, root bool) int {
	switch {
	case root && name == "search":
		return store.DefaultSearchLimit
	case root && name == "paths":
		return store.DefaultPaths
	case root && name == "neighborhood":
		return store.DefaultNeighborhood + 1 // the centre too
	case name == "groupBy":
		return store.DefaultGroups
	case root:
		return w.l.defaultLimit
	}
	return w.l.nestedLimit
}

// intArg returns the value of an integer argument, literal or variable.
func (w *walker) intArg(arg *ast.Argument) (int64, bool) {
	if arg.Value == nil {
		return 0, false
	}
	v, err := arg.Value.Value(w.vars)
	if err != nil {
		return 0, false
	}
	switch n := v.(type) {
	case int64:
		return n, true
	case int:
		return int64(n), true
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	case float64:
		if n == math.Trunc(n) && math.Abs(n) < 1<<62 {
			return int64(n), true
		}
	}
	return 0, false
}

// add and mul saturate at math.MaxInt, so that no query can overflow its way under the limit.
func add(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}

func mul(a, b int) int {
	if a != 0 && b > math.MaxInt/a {
		return math.MaxInt
	}
	return a * b
}
