package store

import (
	"context"
	"fmt"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// Batched reads: one statement answers a relationship field for many parent entities at once.
// They back the GraphQL layer's dataloaders, which turn the N lookups of one nesting level
// (one per parent) into one. Each parent gets exactly what Related or Connection would give it
// alone: the per-parent filter, order, skip and limit run inside a CALL subquery, once per
// parent id.

// RelatedMany is Related for many entities of type t at once: for each id it returns the
// entities joined to it through relationship field `field` that match q, with q's order,
// offset and limit applied to each id's own list. Ids with no entity map to nothing. It is
// the plan root RootRelated (one compiler for every read), kept for the store's callers.
func (s *Store) RelatedMany(ctx context.Context, t reform.EntityType, ids []string, field string, q plan.ListQuery) (map[string][]reform.Entity, error) {
	res, err := s.Prefetch(ctx, &plan.Root{Kind: plan.RootRelated, Type: t, Parents: ids, Field: field, List: q})
	if err != nil {
		return nil, fmt.Errorf("%s.%s of %d entities: %w", t, field, len(ids), err)
	}
	return res.Related, nil
}

// distinct returns ids without repeats, in their first order.
func distinct(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// manyScope compiles a relationship-field scope (s.From set; its ID is ignored) for a batch:
// the MATCH binds a to each `id` of $ids, r and n as compileScope's does.
func manyScope(s plan.Scope, p *params) (rel reform.Relation, match, pred string, err error) {
	if s.From == nil {
		return rel, "", "", badInput("a batched scope needs a relationship field")
	}
	rel, ok := reform.RelationField(s.From.Type, s.From.Field)
	if !ok {
		return rel, "", "", badInput("%s has no relationship field %q", s.From.Type, s.From.Field)
	}
	pred, err = compileConnWhere(rel.Target, "n", "r", s.Where, p)
	if err != nil {
		return rel, "", "", err
	}
	return rel, "MATCH " + patternRel("a:"+string(s.From.Type)+" {id: id}", rel, "r", "n"), pred, nil
}

// ConnectionMany is Connection for the relationship-field connection q.Scope (From.ID is
// ignored) of many entities at once: each id gets its own page, First edges after the cursor
// After of its own list, with the same cursors, page info and edge properties as Connection
// would give it, and a Scope naming it; an id that names no entity gets nothing. It is the
// plan root RootRelatedConnection (one compiler for every read), kept for the store's callers.
func (s *Store) ConnectionMany(ctx context.Context, q plan.ConnectionQuery, ids []string) (map[string]*plan.Connection, error) {
	if q.From == nil {
		return nil, badInput("a batched scope needs a relationship field")
	}
	res, err := s.Prefetch(ctx, &plan.Root{Kind: plan.RootRelatedConnection, Type: q.From.Type, Parents: ids,
		Conn: q.Selection()})
	if err != nil {
		return nil, fmt.Errorf("connection %s.%s of %d entities: %w", q.From.Type, q.From.Field, len(ids), err)
	}
	return res.Connections, nil
}

// CountMany is Count for the relationship-field scope sc (From.ID is ignored) of many
// entities at once, in one statement: every id of ids gets its count (zero when it has none).
func (s *Store) CountMany(ctx context.Context, sc plan.Scope, ids []string) (map[string]*plan.Count, error) {
	p := newParams()
	_, match, pred, err := manyScope(sc, p)
	if err != nil {
		return nil, err
	}
	p.m["ids"] = distinct(ids)
	cypher := "UNWIND $ids AS id CALL { WITH id " + match + where(pred) +
		" RETURN count(DISTINCT n) AS nodes, count(*) AS edges } RETURN id, nodes, edges"
	recs, err := s.read(ctx, "CountMany", cypher, p.m)
	if err != nil {
		return nil, fmt.Errorf("count %s.%s of %d entities: %w", sc.From.Type, sc.From.Field, len(ids), err)
	}
	out := make(map[string]*plan.Count, len(recs))
	for _, r := range recs {
		id, err := column[string](r, "id")
		if err != nil {
			return nil, err
		}
		if out[id], err = decodeCount(r.AsMap()); err != nil {
			return nil, err
		}
	}
	return out, nil
}
