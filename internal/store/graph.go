package store

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/reformhub/hub/internal/plan"
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
// took more than the transaction memory limit (TestNeighborhoodPrunes). The entities are
// projected by the one projection with sel, in a subquery of their own (columns nodes, rels).
func (pc *planCompiler) neighborhood(g plan.GraphQuery, sel *plan.Selection) error {
	types, err := relTypePattern(g.RelTypes)
	if err != nil {
		return err
	}
	d, err := bounded("depth", g.Depth, DefaultDepth, 1, MaxDepth)
	if err != nil {
		return err
	}
	n, err := bounded("limit", g.Limit, DefaultNeighborhood, 0, MaxNeighborhood)
	if err != nil {
		return err
	}
	pc.p.m["id"], pc.p.m["limit"] = g.ID, int64(n)
	pp := pc.p
	expand := `(c)` + pp.rel("", types, "*1.."+strconv.Itoa(d), false) + pp.node("m", reform.EntityLabel, "")
	if pp.guarded() {
		// A variable-length relationship cannot carry the version or visibility conditions:
		// the expansion is a quantified group whose steps can (m is the far end of the last
		// step).
		expand = `(c)(()` + pp.rel("", types, "", false) + pp.node("x", reform.EntityLabel, "") + `){1,` + strconv.Itoa(d) + `}(m)`
	}
	pc.b.WriteString(`MATCH ` + pp.node("c", reform.EntityLabel, "{id: $id}") + `
CALL { WITH c
  CALL { WITH c
    MATCH ` + expand + `
    RETURN DISTINCT m }
  WITH m ORDER BY m.id LIMIT $limit
  RETURN collect(m) AS ms }
WITH [c] + ms AS ns
CALL { WITH ns
  UNWIND ns AS a
  MATCH (a)` + pp.rel("r", types, "", true) + pp.node("b", reform.EntityLabel, "") + ` WHERE b IN ns
  WITH DISTINCT r ORDER BY ` + pp.relType("r") + `, startNode(r).id, endNode(r).id
  RETURN collect(` + pc.relProjection("r") + `) AS rs }
CALL { WITH ns
  UNWIND ns AS n`)
	return pc.graphNodes("n", sel, "RETURN nodes, rs AS rels")
}

// graphNodes writes the end of a subquery that has one row per entity v: the list of their
// projections as nodes, then ret.
func (pc *planCompiler) graphNodes(v string, sel *plan.Selection, ret string) error {
	proj, err := pc.projection(&items{pc: pc, carry: v}, v, "", sel)
	pc.b.WriteString("\n  RETURN collect(" + proj + ") AS nodes }\n" + ret)
	return err
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
//  4. The distinct entities of the paths are projected once, by the one projection with sel;
//     each path names its entities by id.
//
// The node x of the quantified group is each step's far end (the last one is b).

func (p *params) simplePathPattern(maxHops int, types string) string {
	return `((a)(()` + p.rel("", types, "", false) + p.node("x", reform.EntityLabel, "") + `){1,` + strconv.Itoa(maxHops) + `}(b)
  WHERE NOT a IN x AND all(i IN range(0, size(x) - 2) WHERE NOT x[i] IN x[i + 1..]))`
}

// paths compiles `paths` (columns fromFound, toFound, paths: {nodes: ids, rels}, nodes).
func (pc *planCompiler) paths(g plan.GraphQuery, sel *plan.Selection) error {
	types, err := relTypePattern(g.RelTypes)
	if err != nil {
		return err
	}
	h, err := bounded("maxHops", g.MaxHops, DefaultMaxHops, 1, pc.lim.maxHops)
	if err != nil {
		return err
	}
	k, err := bounded("limit", g.Limit, DefaultPaths, 1, MaxPaths)
	if err != nil {
		return err
	}
	if g.From == g.To {
		return badInput("from and to must be different entities")
	}
	pc.p.m["from"], pc.p.m["to"], pc.p.m["limit"] = g.From, g.To, int64(k)
	b := &pc.b
	b.WriteString(`OPTIONAL MATCH ` + pc.p.node("a", reform.EntityLabel, "{id: $from}") + `
OPTIONAL MATCH ` + pc.p.node("b", reform.EntityLabel, "{id: $to}") + `
CALL { WITH a, b
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MATCH p = SHORTEST ` + strconv.Itoa(k) + ` ` + pc.p.simplePathPattern(h, types) + `
  RETURN count(DISTINCT length(p)) AS g }
CALL {`)
	for n := 1; n <= h; n++ {
		if n > 1 {
			b.WriteString("\n  UNION ALL")
		}
		b.WriteString(`
  WITH a, b, g
  WITH a, b WHERE g = ` + strconv.Itoa(n) + `
  MATCH p = SHORTEST ` + strconv.Itoa(n) + ` GROUPS ` + pc.p.simplePathPattern(h, types) + `
  WITH p ORDER BY length(p), [n IN nodes(p) | n.id], [r IN relationships(p) | [` + pc.p.relType("r") + `, startNode(r).id]]
  LIMIT $limit
  RETURN collect({nodes: nodes(p),
                  rels: [r IN relationships(p) | ` + pc.relProjection("r") + `]}) AS paths`)
	}
	b.WriteString(`
}
WITH a, b, collect(paths) AS groups
WITH a, b, reduce(all = [], ps IN groups | all + ps) AS paths
CALL { WITH paths
  UNWIND paths AS p
  UNWIND p.nodes AS n
  WITH DISTINCT n`)
	return pc.graphNodes("n", sel, `RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
       [p IN paths | {nodes: [n IN p.nodes | n.id], rels: p.rels}] AS paths, nodes`)
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

// graphDecoder decodes the entities of a neighborhood or paths statement: each projected
// with the root's selection (their relationship fields in the prefetch slots), and each
// relationship's ends as entities of their own, so that what a response selects under
// `relationships { from … }` never reads the slots of `nodes`.
type graphDecoder struct {
	d     *planDecoder
	sel   *plan.Selection
	nodes map[string]reform.Entity // by id, with the selection
	ends  map[string]reform.Entity // by id, without relationship fields
}

func (d *planDecoder) graph(nodesV any, sel *plan.Selection) (*graphDecoder, []reform.Entity, error) {
	nl, err := as[[]any](nodesV, "nodes")
	if err != nil {
		return nil, nil, err
	}
	g := &graphDecoder{d: d, sel: sel, nodes: make(map[string]reform.Entity, len(nl)), ends: make(map[string]reform.Entity, len(nl))}
	var ends *plan.Selection
	if sel != nil {
		ends = &plan.Selection{Documents: sel.Documents}
	}
	out := make([]reform.Entity, 0, len(nl))
	for _, v := range nl {
		e, err := d.entity(v, sel)
		if err != nil {
			return nil, nil, err
		}
		end, err := d.entity(v, ends)
		if err != nil {
			return nil, nil, err
		}
		g.nodes[e.Common().ID], g.ends[e.Common().ID] = e, end
		out = append(out, e)
	}
	return g, out, nil
}

// rels decodes a list of relationships among the decoded entities.
func (g *graphDecoder) rels(v any) ([]*reform.Relationship, error) {
	rl, err := as[[]any](v, "relationships")
	if err != nil {
		return nil, err
	}
	rels := make([]*reform.Relationship, 0, len(rl))
	for _, x := range rl {
		g.d.vis.redactProjection(x)
		r, err := decodeRel(x, g.ends)
		if err != nil {
			return nil, err
		}
		rels = append(rels, r)
	}
	return rels, nil
}

// neighborhood decodes the row of pc.neighborhood; its error wraps reform.ErrNotFound when
// there is none (no entity has the id).
func (d *planDecoder) neighborhood(recs []*neo4j.Record, root *plan.Root) (*reform.Subgraph, error) {
	if len(recs) == 0 {
		return nil, fmt.Errorf("%w: no entity has id %q", reform.ErrNotFound, root.Graph.ID)
	}
	m := recs[0].AsMap()
	g, nodes, err := d.graph(m["nodes"], root.Node)
	if err != nil {
		return nil, err
	}
	rels, err := g.rels(m["rels"])
	if err != nil {
		return nil, err
	}
	return &reform.Subgraph{Nodes: nodes, Relationships: rels}, nil
}

// paths decodes the row of pc.paths; its error wraps reform.ErrNotFound when either end
// names no entity.
func (d *planDecoder) paths(recs []*neo4j.Record, root *plan.Root) ([]*reform.Path, error) {
	if len(recs) != 1 {
		return nil, fmt.Errorf("%w: %d records, want 1", reform.ErrUnexpectedShape, len(recs))
	}
	for _, end := range []struct{ key, id string }{{"fromFound", root.Graph.From}, {"toFound", root.Graph.To}} {
		found, err := column[bool](recs[0], end.key)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, fmt.Errorf("%w: no entity has id %q", reform.ErrNotFound, end.id)
		}
	}
	nodesV, err := value(recs[0], "nodes")
	if err != nil {
		return nil, err
	}
	g, _, err := d.graph(nodesV, root.Node)
	if err != nil {
		return nil, err
	}
	l, err := column[[]any](recs[0], "paths")
	if err != nil {
		return nil, err
	}
	paths := make([]*reform.Path, 0, len(l))
	for _, v := range l {
		m, err := as[map[string]any](v, "path")
		if err != nil {
			return nil, err
		}
		ids, err := list[string](m["nodes"], "path nodes")
		if err != nil {
			return nil, err
		}
		p := &reform.Path{Nodes: make([]reform.Entity, len(ids))}
		for i, id := range ids {
			if p.Nodes[i] = g.nodes[id]; p.Nodes[i] == nil {
				return nil, fmt.Errorf("%w: path names entity %q, which is not among its nodes", reform.ErrUnexpectedShape, id)
			}
		}
		if p.Relationships, err = g.rels(m["rels"]); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}
