package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/reformhub/hub/internal/reform"
)

// Bounds of the graph queries.
const (
	DefaultDepth        = 1
	MaxDepth            = 3
	DefaultNeighborhood = 100
	MaxNeighborhood     = 500
	DefaultMaxHops      = 4
	DefaultPaths        = 10
	MaxPaths            = 100
)

// Variable-length bounds cannot be parameters in Cypher, so the bound is written into the
// statement text — always an integer checked against its range by bounded, never a user
// string. Each bound gives one fixed text, so Neo4j's plan cache still hits.

// The entities around c are found in a subquery of their own that returns DISTINCT m, so that
// Neo4j expands breadth-first and prunes (VarLengthExpand(Pruning,BFS): each entity once, not
// every path to it) and the sort keeps only the first $limit (Top). With DISTINCT, ORDER BY and
// LIMIT in one query part the planner sorts every path first, which around a hub at depth 3
// took more than the transaction memory limit (TestNeighborhoodPrunes).
func neighborhoodStatement(depth int, types string) string {
	return `MATCH (c:Entity {id: $id})
CALL { WITH c
  CALL { WITH c
    MATCH (c)-[` + types + `*1..` + strconv.Itoa(depth) + `]-(m:Entity)
    RETURN DISTINCT m }
  WITH m ORDER BY m.id LIMIT $limit
  RETURN collect(m) AS ms }
WITH [c] + ms AS ns
CALL { WITH ns
  UNWIND ns AS a
  MATCH (a)-[r` + types + `]->(b:Entity) WHERE b IN ns
  WITH DISTINCT r ORDER BY type(r), startNode(r).id, endNode(r).id
  RETURN collect(` + relProjection("r") + `) AS rs }
RETURN [n IN ns | ` + nodeProjection("n") + `] AS nodes, rs AS rels`
}

// Paths are found in one statement, so that the answer is the same every time:
//
//  1. A first subquery asks Neo4j's SHORTEST k for the k shortest simple paths and keeps only
//     the number g of distinct lengths among them. The simple-path condition (no entity twice)
//     sits inside the path pattern, so it filters before the selection: k such paths come back
//     whenever k exist.
//  2. The k shortest paths span the g shortest lengths, so the second subquery takes every
//     simple path of those lengths (SHORTEST g GROUPS), sorts them by length, then by the ids
//     along the path, then by the relationship types and directions, and keeps the first k.
//     Which of several equally short paths make the cut is thereby fixed by the ids, not by
//     the order Neo4j happens to explore the graph in. GROUPS takes a literal, not a
//     parameter, so the subquery is a UNION with one branch per possible g (1..maxHops), each
//     guarded by `WHERE g = <its g>` before its MATCH: only the branch of the actual g
//     searches; the others stop at the guard (TestPathBranchesThatDoNotMatchCostNothing).
//     Each branch aggregates, so each returns one row: an empty list, or the paths.
//  3. The ends are looked up with OPTIONAL MATCH, so the same statement tells an id that names
//     no entity (found false) from two entities without a path between them.
//
// The node x of the quantified group is each step's far end (the last one is b).

func simplePathPattern(maxHops int, types string) string {
	return `((a)(()-[` + types + `]-(x:Entity)){1,` + strconv.Itoa(maxHops) + `}(b)
  WHERE NOT a IN x AND all(i IN range(0, size(x) - 2) WHERE NOT x[i] IN x[i + 1..]))`
}

func pathsStatement(maxHops, k int, types string) string {
	var b strings.Builder
	b.WriteString(`OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
CALL { WITH a, b
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MATCH p = SHORTEST ` + strconv.Itoa(k) + ` ` + simplePathPattern(maxHops, types) + `
  RETURN count(DISTINCT length(p)) AS g }
CALL {`)
	for g := 1; g <= maxHops; g++ {
		if g > 1 {
			b.WriteString("\n  UNION ALL")
		}
		b.WriteString(`
  WITH a, b, g
  WITH a, b WHERE g = ` + strconv.Itoa(g) + `
  MATCH p = SHORTEST ` + strconv.Itoa(g) + ` GROUPS ` + simplePathPattern(maxHops, types) + `
  WITH p ORDER BY length(p), [n IN nodes(p) | n.id], [r IN relationships(p) | [type(r), startNode(r).id]]
  LIMIT $limit
  RETURN collect({nodes: [n IN nodes(p) | ` + nodeProjection("n") + `],
                  rels: [r IN relationships(p) | ` + relProjection("r") + `]}) AS paths`)
	}
	b.WriteString(`
}
WITH a, b, collect(paths) AS groups
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
       reduce(all = [], ps IN groups | all + ps) AS paths`)
	return b.String()
}

// relTypePattern checks names against the relationship types of package reform and returns
// the type part of a relationship pattern (":LEADS|RUNS"), empty for none. The text holds only
// allowlisted names, sorted, so one set of types gives one statement text.
func relTypePattern(names []string) (string, error) {
	if len(names) == 0 {
		return "", nil
	}
	var types []string
	for _, n := range names {
		if !reform.RelType(n).Valid() {
			return "", badInput("unknown relationship type %q (one of %v)", n, reform.RelTypes)
		}
		if !slices.Contains(types, n) {
			types = append(types, n)
		}
	}
	slices.Sort(types)
	return ":" + strings.Join(types, "|"), nil
}

func bounded(name string, v *int, def, lo, hi int) (int, error) {
	if v == nil {
		return def, nil
	}
	if *v < lo || *v > hi {
		return 0, badInput("%s must be between %d and %d, got %d", name, lo, hi, *v)
	}
	return *v, nil
}

// decodeGraph reads the node and relationship lists of one record.
func decodeGraph(nodesV, relsV any) ([]reform.Entity, []*reform.Relationship, error) {
	nl, err := as[[]any](nodesV, "nodes")
	if err != nil {
		return nil, nil, err
	}
	rl, err := as[[]any](relsV, "relationships")
	if err != nil {
		return nil, nil, err
	}
	nodes, err := decodeNodes(nl)
	if err != nil {
		return nil, nil, err
	}
	byID := make(map[string]reform.Entity, len(nodes))
	for _, e := range nodes {
		byID[e.Common().ID] = e
	}
	rels := make([]*reform.Relationship, 0, len(rl))
	for _, v := range rl {
		r, err := decodeRel(v, byID)
		if err != nil {
			return nil, nil, err
		}
		rels = append(rels, r)
	}
	return nodes, rels, nil
}

// Neighborhood returns the entity id, the entities within depth hops of it (at most limit of
// them, by id) and the relationships among all of these. Its error wraps reform.ErrNotFound
// when no entity has the id.
func (s *Store) Neighborhood(ctx context.Context, id string, depth, limit *int, relTypes []string) (*reform.Subgraph, error) {
	types, err := relTypePattern(relTypes)
	if err != nil {
		return nil, err
	}
	d, err := bounded("depth", depth, DefaultDepth, 1, MaxDepth)
	if err != nil {
		return nil, err
	}
	n, err := bounded("limit", limit, DefaultNeighborhood, 0, MaxNeighborhood)
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, "Neighborhood", neighborhoodStatement(d, types), map[string]any{"id": id, "limit": int64(n)})
	if err != nil {
		return nil, fmt.Errorf("neighborhood of %s: %w", id, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%w: no entity has id %q", reform.ErrNotFound, id)
	}
	m := recs[0].AsMap()
	nodes, rels, err := decodeGraph(m["nodes"], m["rels"])
	if err != nil {
		return nil, fmt.Errorf("neighborhood of %s: %w", id, err)
	}
	return &reform.Subgraph{Nodes: nodes, Relationships: rels}, nil
}

// Paths returns the limit shortest paths between from and to (fewer only when fewer exist),
// of at most maxHops relationships (of relTypes, when given), ignoring direction and never
// visiting an entity twice; shortest first, then by the ids along the path, so ties are
// broken the same way every time. Its error wraps reform.ErrNotFound when either id names
// no entity.
func (s *Store) Paths(ctx context.Context, from, to string, maxHops, limit *int, relTypes []string) ([]*reform.Path, error) {
	types, err := relTypePattern(relTypes)
	if err != nil {
		return nil, err
	}
	h, err := bounded("maxHops", maxHops, DefaultMaxHops, 1, s.lim.maxHops)
	if err != nil {
		return nil, err
	}
	n, err := bounded("limit", limit, DefaultPaths, 1, MaxPaths)
	if err != nil {
		return nil, err
	}
	if from == to {
		return nil, badInput("from and to must be different entities")
	}
	args := map[string]any{"from": from, "to": to, "limit": int64(n)}
	recs, err := s.read(ctx, "Paths", pathsStatement(h, n, types), args)
	if err != nil {
		return nil, fmt.Errorf("paths %s to %s: %w", from, to, err)
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("paths %s to %s: %d records, want 1", from, to, len(recs))
	}
	for _, end := range []struct{ key, id string }{{"fromFound", from}, {"toFound", to}} {
		found, err := column[bool](recs[0], end.key)
		if err != nil {
			return nil, fmt.Errorf("paths %s to %s: %w", from, to, err)
		}
		if !found {
			return nil, fmt.Errorf("%w: no entity has id %q", reform.ErrNotFound, end.id)
		}
	}
	list, err := column[[]any](recs[0], "paths")
	if err != nil {
		return nil, fmt.Errorf("paths %s to %s: %w", from, to, err)
	}
	paths := make([]*reform.Path, 0, len(list))
	for _, v := range list {
		m, err := as[map[string]any](v, "path")
		if err != nil {
			return nil, fmt.Errorf("paths %s to %s: %w", from, to, err)
		}
		nodes, rels, err := decodeGraph(m["nodes"], m["rels"])
		if err != nil {
			return nil, fmt.Errorf("paths %s to %s: %w", from, to, err)
		}
		paths = append(paths, &reform.Path{Nodes: nodes, Relationships: rels})
	}
	return paths, nil
}
