package store

import (
	"context"
	"fmt"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// The reads by name, for the store's callers outside the resolvers (hub load's checks, the
// benchmark, tests): each builds one plan root and runs it through Read — no statement of its
// own, no decoder of its own.

// List returns the entities of type t that match q.
func (s *Store) List(ctx context.Context, t reform.EntityType, q plan.ListQuery) ([]reform.Entity, error) {
	res, err := s.Read(ctx, &plan.Root{Kind: plan.RootList, Type: t, List: q})
	if err != nil {
		return nil, err
	}
	return res.Entities, nil
}

// ListEntities returns the entities of any type that match q (its where tree takes the
// common fields and `type`).
func (s *Store) ListEntities(ctx context.Context, q plan.ListQuery) ([]reform.Entity, error) {
	return s.List(ctx, "", q)
}

// Related returns the entities joined to the entity id of type t through relationship field
// `field` (e.g. Task "departments") that match q.
func (s *Store) Related(ctx context.Context, t reform.EntityType, id, field string, q plan.ListQuery) ([]reform.Entity, error) {
	m, err := s.RelatedMany(ctx, t, []string{id}, field, q)
	if err != nil {
		return nil, err
	}
	if es := m[id]; es != nil {
		return es, nil
	}
	return []reform.Entity{}, nil
}

// RelatedMany is Related for many entities of type t at once: each id's own filtered, sorted,
// paged list; ids with no entity map to nothing.
func (s *Store) RelatedMany(ctx context.Context, t reform.EntityType, ids []string, field string, q plan.ListQuery) (map[string][]reform.Entity, error) {
	res, err := s.Read(ctx, &plan.Root{Kind: plan.RootRelated, Type: t, Parents: ids, Field: field, List: q})
	if err != nil {
		return nil, fmt.Errorf("%s.%s of %d entities: %w", t, field, len(ids), err)
	}
	return res.Related, nil
}

// Entity returns the entity with the given id; its error wraps reform.ErrNotFound when no
// entity has it.
func (s *Store) Entity(ctx context.Context, id string) (reform.Entity, error) {
	res, err := s.Read(ctx, &plan.Root{Kind: plan.RootEntity, ID: id})
	if err != nil {
		return nil, err
	}
	return res.Entity, nil
}

// Documents returns the documents with the given ids, in the order of ids; a missing one is nil.
func (s *Store) Documents(ctx context.Context, ids []string) ([]*reform.Document, error) {
	res, err := s.Read(ctx, &plan.Root{Kind: plan.RootDocuments, Parents: ids})
	if err != nil {
		return nil, err
	}
	return res.Documents, nil
}

// Search runs query against the full-text index and returns the best hits first, restricted
// to types when it is not empty. limit nil means DefaultSearchLimit.
func (s *Store) Search(ctx context.Context, query string, types []reform.EntityType, limit *int) ([]*reform.SearchHit, error) {
	res, err := s.Read(ctx, &plan.Root{Kind: plan.RootSearch, Search: plan.SearchQuery{Query: query, Types: types, Limit: limit}})
	if err != nil {
		return nil, err
	}
	return res.Hits, nil
}

// SearchPage returns the hits of a search after the cursor after (nil: from the first), at
// most first of them (nil: DefaultSearchLimit; at most MaxSearchLimit), in the order of
// Search, with the cursor of each, whether more hits follow, and the number of all the hits.
func (s *Store) SearchPage(ctx context.Context, query string, types []reform.EntityType, first *int, after *string) ([]*reform.SearchHit, []string, bool, int, error) {
	res, err := s.Read(ctx, &plan.Root{Kind: plan.RootSearchPage,
		Search: plan.SearchQuery{Query: query, Types: types, Limit: first, After: after}})
	if err != nil {
		return nil, nil, false, 0, err
	}
	return res.Hits, res.Cursors, res.More, res.Total, nil
}

// Neighborhood returns the entity id, the entities within depth hops of it (at most limit of
// them, by id) and the relationships among all of these. Its error wraps reform.ErrNotFound
// when no entity has the id.
func (s *Store) Neighborhood(ctx context.Context, id string, depth, limit *int, relTypes []string) (*reform.Subgraph, error) {
	res, err := s.Read(ctx, &plan.Root{Kind: plan.RootNeighborhood,
		Graph: plan.GraphQuery{ID: id, Depth: depth, Limit: limit, RelTypes: relTypes}})
	if err != nil {
		return nil, err
	}
	return res.Subgraph, nil
}

// Paths returns the limit shortest paths between from and to (fewer only when fewer exist),
// of at most maxHops relationships (of relTypes, when given), ignoring direction and never
// visiting an entity twice; shortest first, then by the ids along the path. Its error wraps
// reform.ErrNotFound when either id names no entity.
func (s *Store) Paths(ctx context.Context, from, to string, maxHops, limit *int, relTypes []string) ([]*reform.Path, error) {
	res, err := s.Read(ctx, &plan.Root{Kind: plan.RootPaths,
		Graph: plan.GraphQuery{From: from, To: to, MaxHops: maxHops, Limit: limit, RelTypes: relTypes}})
	if err != nil {
		return nil, err
	}
	return res.Paths, nil
}

// Stats counts the entities and relationships of each type, in the fixed orders of package
// reform, from Neo4j's count store.
func (s *Store) Stats(ctx context.Context) (*reform.Stats, error) {
	res, err := s.Read(ctx, &plan.Root{Kind: plan.RootStats})
	if err != nil {
		return nil, err
	}
	return res.Stats, nil
}

// Connection returns one page of the connection q: at most First edges after the cursor
// After, with its page info (and, on a relationship-field connection, edge properties).
func (s *Store) Connection(ctx context.Context, q plan.ConnectionQuery) (*plan.Connection, error) {
	res, err := s.Read(ctx, plan.ConnectionRoot(q))
	if err != nil {
		return nil, err
	}
	return res.ConnectionOf(q), nil
}

// ConnectionMany is Connection for the relationship-field connection q (From.ID ignored) of
// many entities at once: each id gets its own page; an id that names no entity gets nothing.
func (s *Store) ConnectionMany(ctx context.Context, q plan.ConnectionQuery, ids []string) (map[string]*plan.Connection, error) {
	if q.From == nil {
		return nil, badInput("a batched scope needs a relationship field")
	}
	res, err := s.Read(ctx, &plan.Root{Kind: plan.RootRelatedConnection, Type: q.From.Type, Parents: ids, Conn: q.Selection()})
	if err != nil {
		return nil, err
	}
	return res.Connections, nil
}

// Count counts the distinct entities and the edges of a scope.
func (s *Store) Count(ctx context.Context, sc plan.Scope) (*plan.Count, error) {
	res, err := s.Read(ctx, plan.ScopeRoot(sc, plan.CountSelection()))
	if err != nil {
		return nil, err
	}
	return res.Count(sc.Parent()), nil
}

// CountMany is Count for the relationship-field scope sc (From.ID ignored) of many entities
// at once: every id of ids gets its count (zero when it has none).
func (s *Store) CountMany(ctx context.Context, sc plan.Scope, ids []string) (map[string]*plan.Count, error) {
	if sc.From == nil {
		return nil, badInput("a batched scope needs a relationship field")
	}
	res, err := s.Read(ctx, plan.ScopeRoot(sc, plan.CountSelection(), ids...))
	if err != nil {
		return nil, err
	}
	return res.Counts(ids), nil
}

// AggregateNode computes, over the distinct entities of the scope, min, max, average and sum
// of every numeric field and the shortest and longest value of every string field, keyed by
// field name.
func (s *Store) AggregateNode(ctx context.Context, sc plan.Scope) (map[string]any, error) {
	res, err := s.Read(ctx, plan.ScopeRoot(sc, plan.NodeSelection()))
	if err != nil {
		return nil, err
	}
	return res.NodeAggregate(sc.Parent()), nil
}

// GroupBy groups the distinct entities of the scope by one field (see plan.GroupSelection):
// largest groups first, then by value; at most limit groups (default DefaultGroups).
func (s *Store) GroupBy(ctx context.Context, sc plan.Scope, field string, limit *int) ([]*plan.Group, error) {
	res, err := s.Read(ctx, plan.ScopeRoot(sc, plan.GroupSelectionOf(field, limit)))
	if err != nil {
		return nil, err
	}
	return res.Groups(sc.Parent()), nil
}
