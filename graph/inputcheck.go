package graph

import (
	"context"
	"errors"

	"github.com/99designs/gqlgen/graphql"
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

// InputCheck is the gqlgen extension that refuses, before execution, an operation whose
// arguments the store refuses: each root field is planned as its resolver would plan it and
// compiled without running; the first refusal is the request error, with the root field's
// name and the store's message (code BAD_USER_INPUT). A store that is no Checker checks
// nothing. The server installs it after its operation limits (which report the limits
// themselves).
type InputCheck struct {
	Store Store
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
func (c InputCheck) MutateOperationContext(_ context.Context, op *graphql.OperationContext) *gqlerror.Error {
	ch, ok := c.Store.(Checker)
	if !ok || op.Operation == nil || op.Operation.Operation != ast.Query {
		return nil
	}
	for _, f := range graphql.CollectFields(op, op.Operation.SelectionSet, []string{"Query"}) {
		root := PlanRoot(op, f)
		if root == nil {
			continue
		}
		if err := ch.Check(root); errors.Is(err, reform.ErrInvalidInput) {
			e := gqlerror.ErrorPosf(f.Position, "%s: %s", f.Alias, userMessage(err, reform.ErrInvalidInput))
			e.Extensions = map[string]any{"code": CodeBadUserInput}
			return e
		}
	}
	return nil
}
