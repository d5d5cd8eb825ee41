package graph

import (
	"context"
	"fmt"

	"github.com/reformhub/hub/graph/model"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

func ptr[T any](v T) *T { return &v }

func listQuery(where map[string]any, sort []map[string]any, limit, offset *int) plan.ListQuery {
	return plan.ListQuery{Where: whereArg(where), Sort: sortArg(sort, false), Limit: limit, Offset: offset}
}

// list narrows the store's entities to the field's Go type. A value of another type means the
// store and the schema disagree: that is an internal error, not something to drop silently.
func list[T reform.Entity](es []reform.Entity, err error) ([]T, error) {
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(es))
	for _, e := range es {
		t, ok := e.(T)
		if !ok {
			return nil, fmt.Errorf("store returned %T where %T was expected", e, *new(T))
		}
		out = append(out, t)
	}
	return out, nil
}

// one is list for a single-valued field: the first entity, or nil.
func one[T reform.Entity](es []reform.Entity, err error) (T, error) {
	var zero T
	ts, err := list[T](es, err)
	if err != nil || len(ts) == 0 {
		return zero, err
	}
	return ts[0], nil
}

// as narrows one entity to the field's Go type (see list).
func as[T reform.Entity](e reform.Entity) (T, error) {
	t, ok := e.(T)
	if !ok {
		return t, fmt.Errorf("store returned %T where %T was expected", e, *new(T))
	}
	return t, nil
}

// relConnection is the connection of relationship field `field` of obj: from the plan's
// prefetch slot, else the batched fallback loader; the entity type at the other end comes
// from reform's field table.
func relConnection(ctx context.Context, s Store, obj reform.Entity, field string, where map[string]any, sort []map[string]any, pg plan.Page) (*plan.Connection, error) {
	if v, ok := prefetched(ctx, obj); ok {
		if c, ok := v.(*plan.Connection); ok {
			return c, nil
		}
	}
	t, id := obj.EntityType(), obj.Common().ID
	rel, ok := reform.RelationField(t, field)
	if !ok {
		return nil, fmt.Errorf("%s has no relationship field %q", t, field)
	}
	return connectionFallback(ctx, s, plan.ConnectionQuery{
		Scope: plan.Scope{Type: rel.Target, From: &plan.Origin{Type: t, ID: id, Field: field}, Where: whereArg(where)},
		Sort:  sortArg(sort, true), First: pg.First, After: pg.After, Last: pg.Last, Before: pg.Before,
	})
}

// totalCount counts the edges of a connection's scope (prefetched by the plan, else batched
// per level by the fallback loaders); it runs only when the field is selected.
func totalCount(ctx context.Context, s Store, c *plan.Connection) (int, error) {
	if n, ok := c.PrefetchedTotal(); ok {
		return n, nil
	}
	var (
		n   *plan.Count
		err error
	)
	if c.Scope.From != nil {
		n, err = countFallback(ctx, s, c.Scope)
	} else {
		n, err = scopeCount(ctx, s, c.Scope)
	}
	if err != nil {
		return 0, err
	}
	return n.Edges, nil
}

// aggregateOf is the aggregate of a connection: the plan's, else one computed when its parts
// are asked for.
func aggregateOf(ctx context.Context, c *plan.Connection) *plan.Aggregate {
	if a, ok := c.PrefetchedAggregate(alias(ctx)); ok {
		return a
	}
	return &plan.Aggregate{Scope: c.Scope}
}

// scopeCount counts a scope with a root of its own.
func scopeCount(ctx context.Context, s Store, sc plan.Scope) (*plan.Count, error) {
	res, err := s.Read(ctx, plan.ScopeRoot(sc, plan.CountSelection()))
	if err != nil {
		return nil, err
	}
	return res.Count(sc.Parent()), nil
}

func aggregateCount(ctx context.Context, s Store, a *plan.Aggregate) (*plan.Count, error) {
	if c, ok := a.PrefetchedCount(); ok {
		return c, nil
	}
	return scopeCount(ctx, s, a.Scope)
}

func aggregateNode(ctx context.Context, s Store, a *plan.Aggregate) (map[string]any, error) {
	if m, ok := a.PrefetchedNode(); ok {
		return m, nil
	}
	res, err := s.Read(ctx, plan.ScopeRoot(a.Scope, plan.NodeSelection()))
	if err != nil {
		return nil, err
	}
	return res.NodeAggregate(a.Scope.Parent()), nil
}

func groupBy(ctx context.Context, s Store, a *plan.Aggregate, field string, limit *int) ([]*plan.Group, error) {
	if gs, ok := a.PrefetchedGroups(alias(ctx)); ok {
		return gs, nil
	}
	res, err := s.Read(ctx, plan.ScopeRoot(a.Scope, plan.GroupSelectionOf(field, limit)))
	if err != nil {
		return nil, err
	}
	return res.Groups(a.Scope.Parent()), nil
}

// groupNodes lists the members of a group (by id, in the order of sort, then id): the plan's,
// else one statement for this group.
func groupNodes(ctx context.Context, s Store, g *plan.Group, sort []map[string]any, limit, offset *int) ([]reform.Entity, error) {
	if es, ok := g.PrefetchedMembers(alias(ctx)); ok {
		return es, nil
	}
	ids := make([]any, len(g.IDs))
	for i, id := range g.IDs {
		ids[i] = id
	}
	q := listQuery(map[string]any{"id": map[string]any{"in": ids}}, sort, limit, offset)
	res, err := s.Read(ctx, &plan.Root{Kind: plan.RootList, Type: g.Type, List: q})
	if err != nil {
		return nil, err
	}
	return res.Entities, nil
}

// searchConnection is the SearchConnection of a RootSearchPage's result.
func searchConnection(res *plan.RootResult) *model.SearchConnection {
	c := &model.SearchConnection{Edges: make([]*model.SearchEdge, len(res.Hits)), TotalCount: res.Total,
		PageInfo: &plan.PageInfo{HasPreviousPage: res.Previous, HasNextPage: res.More}}
	for i, h := range res.Hits {
		c.Edges[i] = &model.SearchEdge{Cursor: res.Cursors[i], Node: h}
	}
	if len(c.Edges) > 0 {
		c.PageInfo.StartCursor = &c.Edges[0].Cursor
		c.PageInfo.EndCursor = &c.Edges[len(c.Edges)-1].Cursor
	}
	return c
}
