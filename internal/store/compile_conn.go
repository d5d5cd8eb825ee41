package store

import (
	"strconv"
	"strings"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// Connections, counts, aggregates and groups of a scope, compiled as subqueries of the one
// statement.

// connScope is the edges of a connection: match binds the entity n (of type t) and, on a
// relationship-field connection, the relationship r.
type connScope struct {
	t     reform.EntityType
	n, r  string
	match string
}

// connection writes the subqueries of connection rs over sc as items of it and returns the
// map {e: edges, c: totalCount, a0: …} of their variables.
func (pc *planCompiler) connection(it *items, sc *connScope, rs *plan.RelSelection) (string, error) {
	c := &compiler{p: pc.p, ns: sc.n + "_"}
	var (
		pred string
		err  error
	)
	if sc.r != "" {
		pred, err = c.connWhere(sc.t, sc.n, sc.r, rs.Where, 0)
	} else {
		pred, err = c.where(sc.t, sc.n, rs.Where, 0)
	}
	if err != nil {
		return "", err
	}
	w, err := pc.lim.window(rs.Page(), sc.r != "")
	if err != nil {
		return "", err
	}
	order, err := connOrder(pc.p, sc, rs.Sort, w.reverse)
	if err != nil {
		return "", err
	}
	match := sc.match + where(pred)
	var parts []string
	if rs.Edges {
		x := it.open()
		page := " SKIP " + pc.p.add(w.skip) + " LIMIT " + pc.p.add(w.limit)
		if sc.r != "" {
			pc.b.WriteString("COLLECT { " + match + " WITH " + sc.n + ", " + sc.r + order + page)
			sub := &items{pc: pc, carry: sc.n + ", " + sc.r}
			proj, err := pc.projection(sub, sc.n, sc.t, rs.Node)
			if err != nil {
				return "", err
			}
			relProj := "{type: " + pc.p.relType(sc.r) + ", p: properties(" + sc.r + ")" + pc.relAssertions(sc.r)
			if rs.EdgeDocuments {
				relProj += ", d: " + pc.documents(sub, sc.r)
			}
			pc.b.WriteString(" RETURN {n: " + proj + ", r: " + relProj + "}} }")
		} else {
			// A root connection: its edges may read in index order (the counts and
			// aggregates below keep match as it is, so that they still count from the count
			// store).
			edges := sc.match + where(withHint(pred, indexOrderHint(pc.p, sc.t, sc.n, rs.Sort, pred)))
			pc.b.WriteString("COLLECT { " + edges + " WITH DISTINCT " + sc.n + order + page)
			proj, err := pc.projection(&items{pc: pc, carry: sc.n}, sc.n, sc.t, rs.Node)
			if err != nil {
				return "", err
			}
			pc.b.WriteString(" RETURN {n: " + proj + "} }")
		}
		it.close(x)
		parts = append(parts, "e: "+x)
	}
	// The edges are counted once for totalCount and every aggregate count; on a root
	// connection (one edge per entity) that is also the entities' count. With no filter
	// Neo4j answers COUNT { MATCH (n:T) } from its count store (plain mode: in pending mode the
	// pattern carries the version conditions, and the rows are counted).
	var count string
	countEdges := func() string {
		if count == "" {
			count = it.bind("COUNT { " + match + " }")
		}
		return count
	}
	if rs.TotalCount || (rs.Edges && w.reverse) {
		// A reverse page counts its positions back from the number of edges.
		parts = append(parts, "c: "+countEdges())
	}
	for i, a := range rs.Aggregates {
		expr, err := pc.aggregate(it, sc, match, pred == "", a, countEdges)
		if err != nil {
			return "", err
		}
		parts = append(parts, "a"+strconv.Itoa(i)+": "+expr)
	}
	return "{" + strings.Join(parts, ", ") + "}", nil
}

// connOrder is the ORDER BY of a connection's edges (reversed for the last edges, see
// window); it is compiled (and so checked) whether or not the edges are selected, as the
// per-field path checks it.
func connOrder(p *params, sc *connScope, sort []plan.SortKey, reverse bool) (string, error) {
	var (
		terms []orderTerm
		err   error
	)
	if sc.r != "" {
		terms, err = orderTermsConn(p, sc.t, sc.n, sc.r, sort)
	} else {
		terms, err = orderTerms(p, sc.t, sc.n, sort)
	}
	if err != nil {
		return "", err
	}
	return orderClause(terms, reverse), nil
}

// aggregate writes the subqueries of one aggregate selection over the edges matched by match.
// unfiltered is true when no where applies to match.
func (pc *planCompiler) aggregate(it *items, sc *connScope, match string, unfiltered bool, a *plan.AggregateSelection, countEdges func() string) (string, error) {
	var parts []string
	n := sc.n
	if a.Count {
		edges := countEdges()
		nodes := edges
		if sc.r != "" {
			nodes = it.bind("COUNT { " + match + " RETURN DISTINCT " + n + " }")
		}
		parts = append(parts, "c: {nodes: "+nodes+", edges: "+edges+"}")
	}
	if a.Node {
		// Only the selected fields are computed. A fixed order of rows makes floating-point
		// sums the same on every run; integer sums, minima and maxima need no order.
		fields, float := selectedAggregateFields(sc.t, a.NodeFields)
		ends, fromIndex := indexEnds(pc.p, sc, unfiltered, fields, a.NodeAggregates)
		order := ""
		if float {
			order = " ORDER BY " + n + ".id"
		}
		cols := aggregateColumns(pc.p, fields, n)
		if pc.p.vis {
			// Filtered mode: each value is the caller's merge (prop), an expression worth
			// computing once per row rather than once per aggregate.
			binds, vals := make([]string, len(fields)), make([]string, len(fields))
			for i, f := range fields {
				vals[i] = pc.fresh(n + "_a")
				binds[i] = pc.p.prop(n, f.Name) + " AS " + vals[i] // field names come from reform's fixed table
			}
			order = " WITH " + n + ", " + strings.Join(binds, ", ") + order
			cols = aggregateOf(fields, vals)
		}
		if !fromIndex {
			ends = "head(COLLECT { " + match + " WITH DISTINCT " + n + order + " RETURN [" + strings.Join(cols, ", ") + "] })"
		}
		parts = append(parts, "n: "+it.bind(ends))
	}
	for i, g := range a.Groups {
		x := it.open()
		if err := pc.group(sc, match, g); err != nil {
			return "", err
		}
		it.close(x)
		parts = append(parts, "g"+strconv.Itoa(i)+": "+x)
	}
	return "{" + strings.Join(parts, ", ") + "}", nil
}

// group writes one groupBy of the scope, each group a map {k, ids, g, m: {m0: …}}.
func (pc *planCompiler) group(sc *connScope, match string, gs *plan.GroupSelection) error {
	limit, err := bounded("limit", gs.Limit, DefaultGroups, 1, MaxGroups)
	if err != nil {
		return err
	}
	n := sc.n
	head := "COLLECT { " + match + " WITH DISTINCT " + n
	var (
		entity = "null"
		g      string
		rel    reform.Relation
		carry  = "k, ids"
	)
	switch {
	case sc.t == "" && gs.Field == "type":
		pc.b.WriteString(head + " WITH " + n + " ORDER BY " + n + ".id WITH " + pc.p.typeOf(n) + " AS k, collect(" + n + ".id) AS ids")
	case sc.t != "" && hasTypeField(sc.t, gs.Field):
		// The field name comes from reform's fixed table.
		pc.b.WriteString(head + " WITH " + n + " ORDER BY " + n + ".id WITH " + pc.p.prop(n, gs.Field) + " AS k, collect(" + n + ".id) AS ids")
	default:
		var ok bool
		rel, ok = reform.RelationField(sc.t, gs.Field)
		if !ok {
			return badInput("cannot group %s by %q", typeName(sc.t), gs.Field)
		}
		g = pc.fresh("g")
		pc.b.WriteString(head + " OPTIONAL MATCH " + pc.p.pattern(n, rel, g) + " WITH DISTINCT " + n + ", " + g +
			" ORDER BY " + n + ".id WITH " + g + ", collect(" + n + ".id) AS ids WITH " + g + ".id AS k, ids, " + g)
		carry += ", " + g
	}
	pc.b.WriteString(" ORDER BY size(ids) DESC, k ASC LIMIT " + pc.p.add(int64(limit)))
	sub := &items{pc: pc, carry: carry}
	if g != "" {
		proj, err := pc.projection(sub, g, rel.Target, gs.Entity)
		if err != nil {
			return err
		}
		entity = "CASE WHEN " + g + " IS NULL THEN null ELSE " + proj + " END"
	}
	label := reform.EntityLabel
	if sc.t != "" {
		label = string(sc.t)
	}
	members := make([]string, len(gs.Members))
	for i, ms := range gs.Members {
		m := pc.fresh("m")
		x := sub.open()
		// The members' where is {id: {in: ids}}, as the fallback's groupNodes asks.
		if err := pc.list("MATCH "+pc.p.node(m, label, "")+" WHERE "+m+".id IN ids", sc.t, m, ms.List, ms.Node); err != nil {
			return err
		}
		sub.close(x)
		members[i] = "m" + strconv.Itoa(i) + ": " + x
	}
	pc.b.WriteString(" RETURN {k: k, ids: ids, g: " + entity + ", m: {" + strings.Join(members, ", ") + "}} }")
	return nil
}
