package server

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Codes of the request errors requestRules answers with (docs/api.md).
const (
	// CodeIntrospectionDisabled: the operation asks for __schema or __type and introspection
	// is off (production); clients get the schema from the committed SDL instead.
	CodeIntrospectionDisabled = "INTROSPECTION_DISABLED"
	// CodeIncrementalDelivery: the operation uses @defer or @stream, which the hub does not
	// stream; rather than answer without the deferred fields, it refuses.
	CodeIncrementalDelivery = "INCREMENTAL_DELIVERY_NOT_SUPPORTED"
)

// requestRules refuses, before execution and as request errors, the operations the hub does
// not serve: introspection when it is off, and incremental delivery (@defer, @stream).
// Without it, gqlgen accepts @defer and drops the deferred fields from a plain JSON answer,
// and answers introspection that is off with an uncoded field error the error presenter
// would report as INTERNAL.
type requestRules struct {
	introspection bool // introspection is on (development)
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = requestRules{}

func (requestRules) ExtensionName() string                   { return "RequestRules" }
func (requestRules) Validate(graphql.ExecutableSchema) error { return nil }

func (r requestRules) MutateOperationContext(_ context.Context, op *graphql.OperationContext) *gqlerror.Error {
	var err *gqlerror.Error
	seen := map[string]bool{}
	var walk func(set ast.SelectionSet)
	check := func(dirs ast.DirectiveList) {
		for _, d := range dirs {
			if err == nil && (d.Name == "defer" || d.Name == "stream") {
				err = gqlerror.Errorf("@%s is not supported: the hub answers every operation in one response "+
					"(no incremental delivery); remove @%s and the fields come in the one answer", d.Name, d.Name)
				err.Extensions = map[string]any{"code": CodeIncrementalDelivery}
			}
		}
	}
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			if err != nil {
				return
			}
			switch s := sel.(type) {
			case *ast.Field:
				if !r.introspection && (s.Name == "__schema" || s.Name == "__type") {
					err = gqlerror.Errorf("introspection is turned off on this hub (production); get the schema " +
						"from the SDL committed with the hub's source (docs/schema.graphql), which codegen reads")
					err.Extensions = map[string]any{"code": CodeIntrospectionDisabled}
					return
				}
				check(s.Directives)
				walk(s.SelectionSet)
			case *ast.InlineFragment:
				check(s.Directives)
				walk(s.SelectionSet)
			case *ast.FragmentSpread:
				check(s.Directives)
				if s.Definition != nil && !seen[s.Name] {
					seen[s.Name] = true
					walk(s.Definition.SelectionSet)
				}
			}
		}
	}
	walk(op.Operation.SelectionSet)
	return err
}
