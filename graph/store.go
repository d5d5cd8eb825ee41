package graph

import (
	"context"

	"github.com/reformhub/hub/internal/plan"
)

// Store is what the resolvers need of the database; *store.Store implements it. Every read is
// one plan root (plan.Root): a planned root field and everything selected beneath it, or what
// the per-field path reads on its own (plan.ConnectionRoot, plan.ScopeRoot, the fallback's
// roots over parent ids). The store compiles each with its one compiler into one statement
// and decodes the rows with its one decoder.
type Store interface {
	// Read runs root as one statement. Its error wraps reform.ErrInvalidInput for arguments
	// the store refuses and reform.ErrNotFound for an id that names no entity.
	Read(ctx context.Context, root *plan.Root) (*plan.RootResult, error)
}
