package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	hubconfig "github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// limits are the bounds of config.Limits that the store enforces itself: the same numbers
// the server's checks use, passed whole by cmd/hub. A request asking for more gets
// reform.ErrInvalidInput.
//
// A list or connection without limit or first is not unbounded: it returns at most its
// implicit limit, defaultLimit at the root (tasks, tasksConnection) and nestedLimit on a
// relationship (Department.tasks, Task.departmentsConnection, a group's nodes). The server's
// cost check (internal/server, limits.go) multiplies by the same numbers, so the static cost of
// a query is what its statement can produce.
type limits struct {
	maxLimit     int // the largest limit or first
	maxHops      int // the largest maxHops of paths
	defaultLimit int // the implicit limit of a root list or connection
	nestedLimit  int // the implicit limit of a relationship list or connection
}

func newLimits(l hubconfig.Limits) limits {
	l = l.WithDefaults()
	return limits{maxLimit: l.MaxLimit, maxHops: l.MaxHops, defaultLimit: l.DefaultLimit, nestedLimit: l.NestedLimit}
}

// implicit is the implicit limit of a root (nested false) or relationship list or connection.
func (l limits) implicit(nested bool) int64 {
	if nested {
		return int64(l.nestedLimit)
	}
	return int64(l.defaultLimit)
}

// page checks the limit and offset of q, a root (nested false) or relationship list.
func (l limits) page(q plan.ListQuery, nested bool) (limit, offset int64, err error) {
	limit, offset = l.implicit(nested), 0
	if q.Limit != nil {
		if *q.Limit < 0 || *q.Limit > l.maxLimit {
			return 0, 0, badInput("limit must be between 0 and %d, got %d", l.maxLimit, *q.Limit)
		}
		limit = int64(*q.Limit)
	}
	if q.Offset != nil {
		if *q.Offset < 0 {
			return 0, 0, badInput("offset must not be negative, got %d", *q.Offset)
		}
		offset = int64(*q.Offset)
	}
	return limit, offset, nil
}

// listStatement builds the statement for a list of type t: match is the pattern that binds n
// (with $id bound by the caller where it needs one).
func (l limits) listStatement(t reform.EntityType, match string, q plan.ListQuery, nested bool, p *params) (string, error) {
	pred, err := compileWhere(t, "n", q.Where, p)
	if err != nil {
		return "", err
	}
	order, err := orderBy(t, "n", q.Sort)
	if err != nil {
		return "", err
	}
	limit, offset, err := l.page(q, nested)
	if err != nil {
		return "", err
	}
	p.m["offset"], p.m["limit"] = offset, limit
	return match + where(pred) +
		" WITH DISTINCT n" + order + " SKIP $offset LIMIT $limit" +
		" RETURN " + nodeProjection("n") + " AS node", nil
}

func (s *Store) entities(ctx context.Context, name, cypher string, p map[string]any) ([]reform.Entity, error) {
	recs, err := s.read(ctx, name, cypher, p)
	if err != nil {
		return nil, err
	}
	return decodeNodeColumn(recs, decodeNode)
}

// List returns the entities of type t that match q.
func (s *Store) List(ctx context.Context, t reform.EntityType, q plan.ListQuery) ([]reform.Entity, error) {
	if !t.Valid() {
		return nil, badInput("unknown entity type %q", t)
	}
	p := newParams()
	// The label is one of reform's fixed types (checked above).
	cypher, err := s.lim.listStatement(t, "MATCH (n:"+string(t)+")", q, false, p)
	if err != nil {
		return nil, err
	}
	es, err := s.entities(ctx, "List", cypher, p.m)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", t, err)
	}
	return es, nil
}

// Related returns the entities joined to the entity id through relation field name of type t
// (e.g. Task "departments") that match q.
func (s *Store) Related(ctx context.Context, t reform.EntityType, id, field string, q plan.ListQuery) ([]reform.Entity, error) {
	rel, ok := reform.RelationField(t, field)
	if !ok {
		return nil, badInput("%s has no relationship field %q", t, field)
	}
	p := newParams()
	p.m["id"] = id
	cypher, err := s.lim.listStatement(rel.Target, "MATCH "+pattern("a:"+string(t)+" {id: $id}", rel, "n"), q, true, p)
	if err != nil {
		return nil, err
	}
	es, err := s.entities(ctx, "Related", cypher, p.m)
	if err != nil {
		return nil, fmt.Errorf("%s %s.%s: %w", id, t, field, err)
	}
	return es, nil
}

// Entity returns the entity with the given id; its error wraps reform.ErrNotFound when no
// entity has it.
func (s *Store) Entity(ctx context.Context, id string) (reform.Entity, error) {
	es, err := s.entities(ctx, "Entity", "MATCH (n:Entity {id: $id}) RETURN "+nodeProjection("n")+" AS node",
		map[string]any{"id": id})
	if err != nil {
		return nil, fmt.Errorf("entity %s: %w", id, err)
	}
	if len(es) == 0 {
		return nil, fmt.Errorf("%w: no entity has id %q", reform.ErrNotFound, id)
	}
	return es[0], nil
}

// Documents returns the documents with the given ids, in the order of ids; a missing one is nil.
func (s *Store) Documents(ctx context.Context, ids []string) ([]*reform.Document, error) {
	es, err := s.entities(ctx, "Documents", "MATCH (n:Document) WHERE n.id IN $ids RETURN "+nodeProjection("n")+" AS node",
		map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	byID := make(map[string]*reform.Document, len(es))
	for _, e := range es {
		if d, ok := e.(*reform.Document); ok {
			byID[d.ID] = d
		}
	}
	out := make([]*reform.Document, len(ids))
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

// statsCypher counts the entities of each type and the relationships of each type, one
// subquery per type, each a count Neo4j answers from its count store (NodeCountFromCountStore,
// RelationshipCountFromCountStore) without touching a node: constant time at any size. The
// hub writes every entity with its type label and Entity, and relationships only between
// entities, so these are the counts of entities and of relationships between them. It returns
// one row: the list of node counts in the order of reform.EntityTypes, and the list of
// relationship counts in the order of reform.RelTypes. Labels and types come from reform's
// fixed lists.
func statsCypher() string {
	var b strings.Builder
	var nodes, rels []string
	for i, t := range reform.EntityTypes {
		c := "n" + strconv.Itoa(i)
		b.WriteString("CALL { MATCH (n:" + string(t) + ") RETURN count(n) AS " + c + " }\n")
		nodes = append(nodes, c)
	}
	for i, t := range reform.RelTypes {
		c := "r" + strconv.Itoa(i)
		b.WriteString("CALL { MATCH (:" + reform.EntityLabel + ")-[r:" + string(t) + "]->() RETURN count(r) AS " + c + " }\n")
		rels = append(rels, c)
	}
	b.WriteString("RETURN [" + strings.Join(nodes, ", ") + "] AS nodes, [" + strings.Join(rels, ", ") + "] AS rels")
	return b.String()
}

// Stats counts the entities and relationships of each type, in the fixed orders of package
// reform, from Neo4j's count store.
func (s *Store) Stats(ctx context.Context) (*reform.Stats, error) {
	recs, err := s.read(ctx, "Stats", statsCypher(), nil)
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("%w: stats: %d records, want 1", reform.ErrUnexpectedShape, len(recs))
	}
	nodes, err := column[[]any](recs[0], "nodes")
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	rels, err := column[[]any](recs[0], "rels")
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	if len(nodes) != len(reform.EntityTypes) || len(rels) != len(reform.RelTypes) {
		return nil, fmt.Errorf("%w: stats: %d node and %d relationship counts", reform.ErrUnexpectedShape, len(nodes), len(rels))
	}
	st := &reform.Stats{}
	for i, t := range reform.EntityTypes {
		n, err := integer(nodes[i], "count of "+string(t))
		if err != nil {
			return nil, fmt.Errorf("stats: %w", err)
		}
		st.EntityCounts = append(st.EntityCounts, reform.TypeCount{Type: string(t), Count: n})
	}
	for i, t := range reform.RelTypes {
		n, err := integer(rels[i], "count of "+string(t))
		if err != nil {
			return nil, fmt.Errorf("stats: %w", err)
		}
		st.RelationshipCounts = append(st.RelationshipCounts, reform.TypeCount{Type: string(t), Count: n})
	}
	return st, nil
}

// ListEntities returns the entities of any type that match q (its where tree takes the
// common fields and `type`).
func (s *Store) ListEntities(ctx context.Context, q plan.ListQuery) ([]reform.Entity, error) {
	p := newParams()
	cypher, err := s.lim.listStatement("", "MATCH (n:"+reform.EntityLabel+")", q, false, p)
	if err != nil {
		return nil, err
	}
	es, err := s.entities(ctx, "ListEntities", cypher, p.m)
	if err != nil {
		return nil, fmt.Errorf("list entities: %w", err)
	}
	return es, nil
}
