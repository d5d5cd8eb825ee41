package graph

import (
	"context"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// Store is what the resolvers need of the database; *store.Store implements it.
type Store interface {
	List(ctx context.Context, t reform.EntityType, q plan.ListQuery) ([]reform.Entity, error)
	// ListEntities is List over entities of every type (where on the common fields and type).
	ListEntities(ctx context.Context, q plan.ListQuery) ([]reform.Entity, error)
	Entity(ctx context.Context, id string) (reform.Entity, error)
	Documents(ctx context.Context, ids []string) ([]*reform.Document, error)
	Search(ctx context.Context, query string, types []reform.EntityType, limit *int) ([]*reform.SearchHit, error)
	// SearchPage is one page of Search after a cursor: the hits, their cursors, whether
	// more follow, and the number of all hits.
	SearchPage(ctx context.Context, query string, types []reform.EntityType, first *int, after *string) ([]*reform.SearchHit, []string, bool, int, error)
	Neighborhood(ctx context.Context, id string, depth, limit *int, relTypes []string) (*reform.Subgraph, error)
	Paths(ctx context.Context, from, to string, maxHops, limit *int, relTypes []string) ([]*reform.Path, error)
	Connection(ctx context.Context, q plan.ConnectionQuery) (*plan.Connection, error)
	Count(ctx context.Context, s plan.Scope) (*plan.Count, error)
	AggregateNode(ctx context.Context, s plan.Scope) (map[string]any, error)
	GroupBy(ctx context.Context, s plan.Scope, field string, limit *int) ([]*plan.Group, error)
	Stats(ctx context.Context) (*reform.Stats, error)

	// Batched reads for the fallback dataloaders (fallback.go): each answers a relationship
	// field for many parents in one statement, each parent getting what a read of its own
	// would give it. (Relationship lists and connections of many parents are the plan roots
	// RootRelated and RootRelatedConnection.)
	CountMany(ctx context.Context, s plan.Scope, ids []string) (map[string]*plan.Count, error)
	// Prefetch runs the plan of one root field as one statement (see plan.Root), and the
	// relationship lists and connections of many parents (plan.RootRelated,
	// RootRelatedConnection) for the fallback.
	Prefetch(ctx context.Context, root *plan.Root) (*plan.RootResult, error)
}
