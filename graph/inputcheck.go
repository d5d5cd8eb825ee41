package graph

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// A failing root field and the rest of the response (docs/api.md, "Errors"). The root fields
// are non-null, as the Neo4j GraphQL Library v7 declares them (`tasks: [Task!]!`,
// `tasksConnection: TasksConnection!`), so by the GraphQL specification's null propagation a
// root field that fails during execution makes the whole `data` null: the other root fields
// are lost with it. Making the roots nullable would let one fail alone, but would change the
// v7 types every client and code generator reads. The hub keeps the v7 types and takes the
// failures a client causes out of execution instead: InputCheck finds, before any root field
// runs, every argument the store would refuse (an empty search text, a page size or cursor out
// of range, first with last, an unknown sort field or filter operator, at any depth of the
// selection) and refuses the operation as a request error — code BAD_USER_INPUT, no `data`,
// no root field run. What remains for execution are failures of the server (the database
// unavailable, a timeout, an internal fault) and `entity`'s unknown id (null, no error): those
// follow the specification, a nullable field (`entity`, `parent`, `Change.entity` …) failing
// alone, a non-null root taking `data` with it.

// Checker is what InputCheck needs of the store: the error a read of root would return for its
// arguments, without running it (*store.Store implements it).
type Checker interface {
	Check(root *plan.Root) error
}

// Preparer is a Checker that also hands over what it compiled, for the read of the same plan
// to reuse (*store.Store implements it): the error is Check's.
type Preparer interface {
	PrepareRoot(root *plan.Root) (prepared any, err error)
}

// InputCheck is the gqlgen extension that refuses, before execution, an operation whose
// arguments the store refuses: each root field is planned as its resolver would plan it and
// compiled without running; the first refusal is the request error, with the root field's
// name and the store's message (code BAD_USER_INPUT). A store that is no Checker checks
// nothing. The server installs it after its operation limits (which report the limits
// themselves).
//
// What it planned and compiled is not thrown away: the operation keeps each root field's plan
// and prepared statement (preparedRoots), and the root resolver reads that plan with that
// statement instead of planning and compiling again (Resolver.read). With Plans set, the
// plans of an operation seen before — the same text, operation name, root field and
// variables — come from that cache: the request neither plans nor compiles (the store only
// sets the data version of the statement's parameters).
type InputCheck struct {
	Store Store
	Plans *PlanCache
}

// PlanCache keeps the plans and prepared statements of the root fields of recent operations,
// by operation text, operation name, root field (response key) and variables; bounded (least
// recently used first). A plan is the same for every caller and data version (the store
// compiles again what it cannot reuse: a filtered caller, a pending version), and read-only
// once made, so one entry serves concurrent requests.
type PlanCache struct {
	lru *lru.LRU[preparedRoot]
}

// NewPlanCache returns a cache of at most size root fields' plans.
func NewPlanCache(size int) *PlanCache {
	return &PlanCache{lru: lru.New[preparedRoot](size)}
}

// preparedRoot is one root field's plan and what the store prepared for it (nil: nothing).
type preparedRoot struct {
	root     *plan.Root
	prepared any
}

// preparedRootsKey names the operation's prepared roots in its Stats extensions.
const preparedRootsKey = "hub.preparedRoots"

// preparedRootOf returns the plan InputCheck made for the root field of fc in op.
func preparedRootOf(op *graphql.OperationContext, fc *graphql.FieldContext) (preparedRoot, bool) {
	if op == nil || fc == nil || fc.Object != "Query" {
		return preparedRoot{}, false
	}
	roots, ok := op.Stats.GetExtension(preparedRootsKey).(map[string]preparedRoot)
	if !ok {
		return preparedRoot{}, false
	}
	pr, ok := roots[fc.Field.Alias]
	return pr, ok
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = InputCheck{}

// ExtensionName names the extension for gqlgen.
func (InputCheck) ExtensionName() string { return "InputCheck" }

// Validate accepts every schema.
func (InputCheck) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext checks the root fields of op.
func (c InputCheck) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	ch, ok := c.Store.(Checker)
	if !ok || op.Operation == nil || op.Operation.Operation != ast.Query {
		return nil
	}
	prep, _ := c.Store.(Preparer)
	var roots map[string]preparedRoot
	var opKey string
	if c.Plans != nil && prep != nil {
		vars, err := json.Marshal(op.Variables) // map keys in order: equal variables, equal text
		if err == nil {
			opKey = op.RawQuery + "\x00" + op.OperationName + "\x00" + string(vars) + "\x00"
		}
	}
	for _, f := range graphql.CollectFields(op, op.Operation.SelectionSet, []string{"Query"}) {
		if opKey != "" {
			if pr, hit := c.Plans.lru.Get(ctx, opKey+f.Alias); hit {
				roots = withRoot(roots, f.Alias, pr)
				continue
			}
		}
		root := PlanRoot(op, f)
		if root == nil {
			continue
		}
		var err error
		pr := preparedRoot{root: root}
		if prep != nil {
			pr.prepared, err = prep.PrepareRoot(root)
		} else {
			err = ch.Check(root)
		}
		if errors.Is(err, reform.ErrInvalidInput) {
			e := gqlerror.ErrorPosf(f.Position, "%s: %s", f.Alias, userMessage(err, reform.ErrInvalidInput))
			e.Extensions = map[string]any{"code": CodeBadUserInput}
			return e
		}
		if err != nil || pr.prepared == nil {
			continue
		}
		roots = withRoot(roots, f.Alias, pr)
		if opKey != "" {
			c.Plans.lru.Add(ctx, opKey+f.Alias, pr)
		}
	}
	if roots != nil {
		op.Stats.SetExtension(preparedRootsKey, roots)
	}
	return nil
}

func withRoot(roots map[string]preparedRoot, alias string, pr preparedRoot) map[string]preparedRoot {
	if roots == nil {
		roots = map[string]preparedRoot{}
	}
	roots[alias] = pr
	return roots
}
