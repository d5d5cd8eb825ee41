package graph

import (
	"github.com/99designs/gqlgen/graphql"

	"github.com/reformhub/hub/internal/plan"
)

// PreparedRootOf is preparedRootOf for the tests of package graph_test: the plan InputCheck
// left for the root field of fc.
func PreparedRootOf(op *graphql.OperationContext, fc *graphql.FieldContext) (*plan.Root, bool) {
	pr, ok := preparedRootOf(op, fc)
	return pr.root, ok
}
