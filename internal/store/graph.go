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
//  1. A first subquery asks Neo4j's SHORTEST 1 for the length d of a shortest path (null when
//     there is none within maxHops). A shortest path is simple — cutting a cycle out of it
//     would give a shorter one that meets the same conditions — so d is also the length of the
//     shortest simple path, and Neo4j finds it by a search from both ends.
//  2. Then one subquery per length L, from 1 to maxHops, in order: the branch of L runs when
//     d <= L and the paths found so far are fewer than k. It matches the simple paths of
//     exactly L relationships with a pattern of L fixed hops (every entity on it distinct),
//     sorts them by the ids along the path and then by the relationship types and directions,
//     and keeps the first k. Each branch aggregates, so each returns one row (an empty list
//     when it did not run); the lists are joined in order of length and cut to k. That is the
//     first k of every simple path of at most maxHops relationships, by length and then by the
//     ids: which of several equally short paths make the cut is fixed by the ids, not by the
//     order Neo4j happens to explore the graph in.
//     (SHORTEST k and SHORTEST g GROUPS, which this replaced, searched from one end only and
//     kept state for every partial path: between a task and a department at M, next to an
//     entity of 46,000 relationships, each took 13 s where the fixed hops take 0.1 s.)
//  3. The ends are looked up with OPTIONAL MATCH, so the same statement tells an id that names
//     no entity (found false) from two entities without a path between them.
//  4. The distinct entities of the paths are projected once, by the one projection with sel;
//     each path names its entities by id.

// shortestPattern is the pattern of the shortest path's search: a quantified group of up to
// maxHops steps, each one relationship of types and the entity at its far end (the last is b).
func (p *params) shortestPattern(maxHops int, types string) string {
	return `(a)(()` + p.rel("", types, "", false) + p.node("", reform.EntityLabel, "") + `){1,` + strconv.Itoa(maxHops) + `}(b)`
}

// fixedPath is the pattern of the paths of exactly n relationships of types from a to b, with
// the entities between them via1 … via(n-1), and the condition that every entity on it is
// distinct. The planner joins such a pattern from both ends (up to 3 hops, one hop from each
// end and the middle relationship checked between them). Two halves joined on the middle entity
// by a hash join (USING JOIN) were tried for 4 hops and more: the half that passes a hub
// outgrew the transaction's memory at M.
func (p *params) fixedPath(n int, types string) (pattern, distinct string) {
	pattern = "(a)"
	seen := []string{"a", "b"}
	var conds []string
	for i := 1; i < n; i++ {
		x := "via" + strconv.Itoa(i)
		pattern += p.rel("", types, "", false) + p.node(x, reform.EntityLabel, "")
		conds = append(conds, "NOT "+x+" IN ["+strings.Join(seen, ", ")+"]")
		seen = append(seen, x)
	}
	pattern += p.rel("", types, "", false) + "(b)"
	return pattern, strings.Join(conds, " AND ")
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
  MATCH p = SHORTEST 1 ` + pc.p.shortestPattern(h, types) + `
  RETURN min(length(p)) AS d }
WITH a, b, d, [] AS found`)
	for n := 1; n <= h; n++ {
		pattern, distinct := pc.p.fixedPath(n, types)
		if distinct != "" {
			distinct = "\n  WHERE " + distinct
		}
		b.WriteString(`
CALL { WITH a, b, d, found
  WITH a, b WHERE d <= ` + strconv.Itoa(n) + ` AND size(found) < $limit
  MATCH p = ` + pattern + distinct + `
  WITH p ORDER BY [n IN nodes(p) | n.id], [r IN relationships(p) | [` + pc.p.relType("r") + `, startNode(r).id]]
  LIMIT $limit
  RETURN collect({nodes: nodes(p),
                  rels: [r IN relationships(p) | ` + pc.relProjection("r") + `]}) AS ps }
WITH a, b, d, found + ps AS found`)
	}
	b.WriteString(`
WITH a, b, found[..$limit] AS paths
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
