package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	hubconfig "github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// The query planner's compiler: one plan.Root (a root field and everything selected beneath
// it) becomes ONE parameterized statement. Each entity is returned as the projection
// {t: type, p: properties, d: documents of its evidence, x: {f0: …, f1: …}}, where each fK is a
// subquery expression (COLLECT {…} for lists and connection edges, COUNT {…} for counts) that
// fetches the K-th relationship field of the selection, itself projected the same way. The
// statement text depends only on the shape of the selection and of its filters; every value is
// a parameter of one shared params. Plan variables are v1, v2 … (entities), e1 … (edges), g1 …
// (group entities), m1 … (group members), d1 … (documents); the where compiler of the level
// that binds vK names its own variables vK_n1 …, so no two levels share a variable.

// planCompiler compiles one statement, writing its text once into b.
type planCompiler struct {
	lim  limits
	p    *params
	vars int
	b    strings.Builder
}

func (pc *planCompiler) fresh(prefix string) string {
	pc.vars++
	return prefix + strconv.Itoa(pc.vars)
}

// items writes the WITH clause that binds the subquery expressions of one position. Neo4j
// refuses a map or list literal that holds, at any depth, a subquery with an aggregation
// ("implicit grouping expressions"), so every subquery expression is bound bare in a WITH
// (`WITH v, COLLECT {…} AS x1, COUNT {…} AS x2`) and the maps are built from the variables.
type items struct {
	pc      *planCompiler
	carry   string // the variables the WITH keeps
	started bool
}

// open starts the next item (writing the WITH or the comma) and returns its variable; the
// caller writes the expression, then close.
func (it *items) open() string {
	b := &it.pc.b
	switch {
	case it.started:
		b.WriteString(", ")
	case it.carry == "":
		b.WriteString(" WITH ")
	default:
		b.WriteString(" WITH " + it.carry + ", ")
	}
	it.started = true
	return it.pc.fresh("x")
}

func (it *items) close(x string) { it.pc.b.WriteString(" AS " + x) }

// bind writes expr as the next item and returns its variable.
func (it *items) bind(expr string) string {
	x := it.open()
	it.pc.b.WriteString(expr)
	it.close(x)
	return x
}

// Compile returns the statement that Prefetch runs for root under the default limits, and its
// parameters (for tests, benchmarks and tooling; Prefetch compiles on its own).
func Compile(root *plan.Root) (string, map[string]any, error) {
	cypher, p, err := compileRoot(root, newLimits(hubconfig.Limits{}))
	if err != nil {
		return "", nil, err
	}
	return cypher, p.m, nil
}

// compileRoot returns the statement of root and its parameters. Errors wrap
// reform.ErrInvalidInput, as the per-field statements' do.
func compileRoot(root *plan.Root, lim limits) (string, *params, error) {
	pc := &planCompiler{lim: lim, p: newParams()}
	pc.b.Grow(8 << 10)
	var err error
	switch root.Kind {
	case plan.RootList:
		err = pc.rootList(root)
	case plan.RootRelated:
		err = pc.rootRelated(root)
	case plan.RootRelatedConnection:
		err = pc.rootRelatedConnection(root)
	case plan.RootEntity:
		pc.p.m["id"] = root.ID
		pc.b.WriteString("MATCH (n:" + reform.EntityLabel + " {id: $id})")
		var proj string
		proj, err = pc.projection(&items{pc: pc, carry: "n"}, "n", "", root.Node)
		pc.b.WriteString(" RETURN " + proj + " AS node")
	case plan.RootConnection:
		if !root.Type.Valid() {
			return "", nil, badInput("unknown entity type %q", root.Type)
		}
		var conn string
		conn, err = pc.connection(&items{pc: pc}, &connScope{t: root.Type, n: "n", match: "MATCH (n:" + string(root.Type) + ")"}, root.Conn)
		pc.b.WriteString(" RETURN " + conn + " AS conn")
	case plan.RootSearch:
		pc.b.WriteString(searchHead)
		node := root.Node
		if node != nil && node.Project {
			// The highlight is computed from the hit's texts.
			c := *node
			c.Fields = append(slices.Clip(c.Fields), "aliases", "description", "nameEn")
			node = &c
		}
		var proj string
		proj, err = pc.projection(&items{pc: pc, carry: "node, score"}, "node", "", node)
		pc.b.WriteString("\nRETURN " + proj + " AS node, score")
	default:
		err = fmt.Errorf("unknown root kind %d", root.Kind)
	}
	if err != nil {
		return "", nil, err
	}
	return strings.TrimPrefix(pc.b.String(), " "), pc.p, nil
}

// rootRelated compiles a relationship list field of many parents: each parent's list is the
// COLLECT a planned relationship list of that parent would be.
func (pc *planCompiler) rootRelated(root *plan.Root) error {
	rel, ok := reform.RelationField(root.Type, root.Field)
	if !ok {
		return badInput("%s has no relationship field %q", root.Type, root.Field)
	}
	w := pc.fresh("v")
	c := &compiler{p: pc.p, ns: w + "_"}
	pred, err := c.where(rel.Target, w, root.List.Where, 0)
	if err != nil {
		return err
	}
	pc.p.m["ids"] = distinct(root.Parents)
	// The label is one of reform's fixed types (RelationField found it).
	pc.b.WriteString("UNWIND $ids AS id MATCH (a:" + string(root.Type) + " {id: id})")
	it := &items{pc: pc, carry: "id"}
	x := it.open()
	if err := pc.list("MATCH "+pattern("a", rel, w)+where(pred), rel.Target, w, root.List, root.Node); err != nil {
		return err
	}
	it.close(x)
	pc.b.WriteString(" RETURN id, " + x + " AS nodes")
	return nil
}

// rootRelatedConnection compiles a relationship-field connection of many parents: each
// parent's page is the connection a planned relationship connection of that parent would be.
func (pc *planCompiler) rootRelatedConnection(root *plan.Root) error {
	rs := root.Conn
	rel, ok := reform.RelationField(root.Type, rs.Field)
	if !ok {
		return badInput("%s has no relationship field %q", root.Type, rs.Field)
	}
	pc.p.m["ids"] = distinct(root.Parents)
	// The label is one of reform's fixed types (RelationField found it).
	pc.b.WriteString("UNWIND $ids AS id MATCH (a:" + string(root.Type) + " {id: id})")
	w, r := pc.fresh("v"), pc.fresh("e")
	conn, err := pc.connection(&items{pc: pc, carry: "id"}, &connScope{t: rel.Target, n: w, r: r,
		match: "MATCH " + patternRel("a", rel, r, w)}, rs)
	if err != nil {
		return err
	}
	pc.b.WriteString(" RETURN id, " + conn + " AS conn")
	return nil
}

func (pc *planCompiler) rootList(root *plan.Root) error {
	t := root.Type
	if !t.Valid() {
		return badInput("unknown entity type %q", t)
	}
	pred, err := compileWhere(t, "n", root.List.Where, pc.p)
	if err != nil {
		return err
	}
	order, err := orderBy(t, "n", root.List.Sort)
	if err != nil {
		return err
	}
	limit, offset, err := pc.lim.page(root.List, false)
	if err != nil {
		return err
	}
	// The label is one of reform's fixed types (checked above).
	// One MATCH of one label binds each node once: no DISTINCT needed.
	pc.b.WriteString("MATCH (n:" + string(t) + ")" + where(pred) + " WITH n" + order +
		" SKIP " + pc.p.add(offset) + " LIMIT " + pc.p.add(limit))
	proj, err := pc.projection(&items{pc: pc, carry: "n"}, "n", t, root.Node)
	if err != nil {
		return err
	}
	pc.b.WriteString(" RETURN " + proj + " AS node")
	return nil
}

// projection writes, as items of it, the subqueries that what sel selects of entity variable v
// (of static type t; empty at an interface position) needs, and returns the expression that
// projects v with them.
func (pc *planCompiler) projection(it *items, v string, t reform.EntityType, sel *plan.Selection) (string, error) {
	props := "properties(" + v + ")"
	if sel != nil && sel.Project {
		props = propertyMap(v, sel.Fields)
	}
	label := "[l IN labels(" + v + ") WHERE l <> 'Entity'][0]"
	if t.Valid() {
		// At a typed position the label is known: one of reform's fixed types.
		label = "'" + string(t) + "'"
	}
	proj := "{t: " + label + ", p: " + props
	if sel == nil || (len(sel.Rels) == 0 && !sel.Documents) {
		return proj + "}", nil
	}
	if sel.Documents {
		proj += ", d: " + pc.documents(it, v)
	}
	if len(sel.Rels) > 0 {
		fields := make([]string, len(sel.Rels))
		for i, rs := range sel.Rels {
			expr, err := pc.rel(it, v, t, rs)
			if err != nil {
				return "", err
			}
			fields[i] = "f" + strconv.Itoa(i) + ": " + expr
		}
		proj += ", x: {" + strings.Join(fields, ", ") + "}"
	}
	return proj + "}", nil
}

// projectable are the node properties of the entity fields (GraphQL name = property name).
var projectable = func() map[string]bool {
	m := map[string]bool{propID: true, "name": true, "nameEn": true, "aliases": true, "description": true,
		"note": true, "language": true, "paragraphs": true}
	for _, t := range reform.EntityTypes {
		for _, f := range reform.TypeFields(t) {
			m[f.Name] = true
		}
	}
	return m
}()

// propertyMap is the map projection of v's properties that fields need (GraphQL field names):
// always the id and the name (a Document's title falls back to it), the three evidence lists
// for sources. A field that is no property (a computed or unknown one) falls back to every
// property.
func propertyMap(v string, fields []string) string {
	props := []string{propID, "name"}
	for _, f := range fields {
		switch {
		case f == "sources":
			props = append(props, propSrcDocs, propSrcParas, propSrcQuotes)
		case slices.Contains(props, f):
		case projectable[f]:
			// f is a property name from the fixed table above.
			props = append(props, f)
		default:
			return "properties(" + v + ")"
		}
	}
	return v + " {." + strings.Join(props, ", .") + "}"
}

// documents binds the list of the documents named by the evidence of v (a node or a
// relationship) as an item of it.
func (pc *planCompiler) documents(it *items, v string) string {
	x := it.open()
	d := pc.fresh("d")
	pc.b.WriteString("COLLECT { MATCH (" + d + ":" + string(reform.TypeDocument) + ") WHERE " + d + ".id IN " + v + "." + propSrcDocs +
		" RETURN " + nodeProjection(d) + " }")
	it.close(x)
	return x
}

// rel compiles relationship field rs of the entity bound to v (of static type t).
func (pc *planCompiler) rel(it *items, v string, t reform.EntityType, rs *plan.RelSelection) (string, error) {
	rel, ok := reform.RelationField(rs.On, rs.Field)
	if !ok {
		return "", badInput("%s has no relationship field %q", rs.On, rs.Field)
	}
	from := v
	if t != rs.On {
		// At an interface position the field applies to entities of type On only. On is one
		// of reform's types (RelationField found it).
		from = v + ":" + string(rs.On)
	}
	w := pc.fresh("v")
	if rs.Kind == plan.RelConnection {
		r := pc.fresh("e")
		return pc.connection(it, &connScope{t: rel.Target, n: w, r: r,
			match: "MATCH " + patternRel(from, rel, r, w)}, rs)
	}
	q := rs.List
	if rs.Kind == plan.RelOne {
		q = plan.ListQuery{Limit: ptrInt(1)}
	}
	c := &compiler{p: pc.p, ns: w + "_"}
	pred, err := c.where(rel.Target, w, q.Where, 0)
	if err != nil {
		return "", err
	}
	x := it.open()
	if err := pc.list("MATCH "+pattern(from, rel, w)+where(pred), rel.Target, w, q, rs.Node); err != nil {
		return "", err
	}
	it.close(x)
	return x, nil
}

func ptrInt(n int) *int { return &n }

// list writes the COLLECT of the distinct entities w bound by match, sorted and paged by q.
func (pc *planCompiler) list(match string, t reform.EntityType, w string, q plan.ListQuery, sel *plan.Selection) error {
	order, err := orderBy(t, w, q.Sort)
	if err != nil {
		return err
	}
	// Relationship lists and a group's nodes: the nested implicit limit.
	limit, offset, err := pc.lim.page(q, true)
	if err != nil {
		return err
	}
	pc.b.WriteString("COLLECT { " + match + " WITH DISTINCT " + w + order + " SKIP " + pc.p.add(offset) +
		" LIMIT " + pc.p.add(limit))
	proj, err := pc.projection(&items{pc: pc, carry: w}, w, t, sel)
	if err != nil {
		return err
	}
	pc.b.WriteString(" RETURN " + proj + " }")
	return nil
}

// connScope is the edges of a connection: match binds the entity n (of type t) and, on a
// relationship-field connection, the relationship r.
type connScope struct {
	t     reform.EntityType
	n, r  string
	match string
}

// connPage checks first and after of a root (nested false) or relationship connection and
// returns the page size and the offset of its first edge.
func (l limits) connPage(first *int, after *string, nested bool) (int64, int64, error) {
	n, offset := l.implicit(nested), int64(0)
	if first != nil {
		if *first < 0 || *first > l.maxLimit {
			return 0, 0, badInput("first must be between 0 and %d, got %d", l.maxLimit, *first)
		}
		n = int64(*first)
	}
	if after != nil {
		o, err := decodeCursor(*after)
		if err != nil {
			return 0, 0, err
		}
		offset = o + 1
	}
	return n, offset, nil
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
	first, offset, err := pc.lim.connPage(rs.First, rs.After, sc.r != "")
	if err != nil {
		return "", err
	}
	order, err := connOrder(sc, rs.Sort)
	if err != nil {
		return "", err
	}
	match := sc.match + where(pred)
	var parts []string
	if rs.Edges {
		x := it.open()
		page := " SKIP " + pc.p.add(offset) + " LIMIT " + pc.p.add(first+1)
		if sc.r != "" {
			pc.b.WriteString("COLLECT { " + match + " WITH " + sc.n + ", " + sc.r + order + page)
			sub := &items{pc: pc, carry: sc.n + ", " + sc.r}
			proj, err := pc.projection(sub, sc.n, sc.t, rs.Node)
			if err != nil {
				return "", err
			}
			relProj := "{type: type(" + sc.r + "), p: properties(" + sc.r + ")"
			if rs.EdgeDocuments {
				relProj += ", d: " + pc.documents(sub, sc.r)
			}
			pc.b.WriteString(" RETURN {n: " + proj + ", r: " + relProj + "}} }")
		} else {
			pc.b.WriteString("COLLECT { " + match + " WITH DISTINCT " + sc.n + order + page)
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
	// Neo4j answers COUNT { MATCH (n:T) } from its count store.
	var count string
	countEdges := func() string {
		if count == "" {
			count = it.bind("COUNT { " + match + " }")
		}
		return count
	}
	if rs.TotalCount {
		parts = append(parts, "c: "+countEdges())
	}
	for i, a := range rs.Aggregates {
		expr, err := pc.aggregate(it, sc, match, a, countEdges)
		if err != nil {
			return "", err
		}
		parts = append(parts, "a"+strconv.Itoa(i)+": "+expr)
	}
	return "{" + strings.Join(parts, ", ") + "}", nil
}

// connOrder is the ORDER BY of a connection's edges; it is compiled (and so checked) whether
// or not the edges are selected, as the per-field path checks it.
func connOrder(sc *connScope, sort []plan.SortKey) (string, error) {
	if sc.r != "" {
		return orderByConn(sc.t, sc.n, sc.r, sort)
	}
	return orderBy(sc.t, sc.n, sort)
}

// aggregate writes the subqueries of one aggregate selection over the edges matched by match.
func (pc *planCompiler) aggregate(it *items, sc *connScope, match string, a *plan.AggregateSelection, countEdges func() string) (string, error) {
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
		order := ""
		if float {
			order = " ORDER BY " + n + ".id"
		}
		parts = append(parts, "n: "+it.bind("head(COLLECT { "+match+" WITH DISTINCT "+n+order+" RETURN ["+
			strings.Join(aggregateColumns(fields, n), ", ")+"] })"))
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

// group writes a groupBy as GroupBy computes it, each group a map {k, ids, g, m: {m0: …}}.
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
		pc.b.WriteString(head + " WITH " + n + " ORDER BY " + n + ".id WITH [l IN labels(" + n + ") WHERE l <> 'Entity'][0] AS k, collect(" + n + ".id) AS ids")
	case sc.t != "" && hasTypeField(sc.t, gs.Field):
		// The field name comes from reform's fixed table.
		pc.b.WriteString(head + " WITH " + n + " ORDER BY " + n + ".id WITH " + n + "." + gs.Field + " AS k, collect(" + n + ".id) AS ids")
	default:
		var ok bool
		rel, ok = reform.RelationField(sc.t, gs.Field)
		if !ok {
			return badInput("cannot group %s by %q", typeName(sc.t), gs.Field)
		}
		g = pc.fresh("g")
		pc.b.WriteString(head + " OPTIONAL MATCH " + pattern(n, rel, g) + " WITH DISTINCT " + n + ", " + g +
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
		// The members' where is {id: {in: ids}}, as groupNodes asks of List.
		if err := pc.list("MATCH ("+m+":"+label+") WHERE "+m+".id IN ids", sc.t, m, ms.List, ms.Node); err != nil {
			return err
		}
		sub.close(x)
		members[i] = "m" + strconv.Itoa(i) + ": " + x
	}
	pc.b.WriteString(" RETURN {k: k, ids: ids, g: " + entity + ", m: {" + strings.Join(members, ", ") + "}} }")
	return nil
}

// rootNames name the planned statements for the Observe hook: the name of the per-field read
// each extends.
var rootNames = map[plan.RootKind]string{
	plan.RootList: "List", plan.RootEntity: "Entity", plan.RootConnection: "Connection",
	plan.RootSearch: "Search", plan.RootRelated: "RelatedMany", plan.RootRelatedConnection: "ConnectionMany",
}

// Prefetch runs the plan of one root field as one statement and returns its result with the
// prefetch slots of every value filled (see plan.Root).
func (s *Store) Prefetch(ctx context.Context, root *plan.Root) (*plan.RootResult, error) {
	if root.Kind == plan.RootSearch {
		return s.prefetchSearch(ctx, root)
	}
	cypher, p, err := compileRoot(root, s.lim)
	if err != nil {
		return nil, err
	}
	// The statement keeps the name of the read it extends (the metrics label).
	recs, err := s.read(ctx, rootNames[root.Kind], cypher, p.m)
	if err != nil {
		return nil, fmt.Errorf("planned query: %w", err)
	}
	d := &planDecoder{lim: s.lim, slots: plan.NewSlots()}
	res := &plan.RootResult{Slots: d.slots}
	entity := func(v any) (reform.Entity, error) { return d.entity(v, root.Node) }
	switch root.Kind {
	case plan.RootList:
		res.Entities, err = decodeNodeColumn(recs, entity)
	case plan.RootEntity:
		if len(recs) == 0 {
			return nil, fmt.Errorf("%w: no entity has id %q", reform.ErrNotFound, root.ID)
		}
		var es []reform.Entity
		if es, err = decodeNodeColumn(recs[:1], entity); err == nil {
			res.Entity = es[0]
		}
	case plan.RootRelated:
		res.Related = make(map[string][]reform.Entity, len(recs))
		err = byParent(recs, "nodes", func(id string, v any) (err error) {
			res.Related[id], err = d.entities(v, root.Node)
			return err
		})
	case plan.RootRelatedConnection:
		res.Connections = make(map[string]*plan.Connection, len(recs))
		rel, _ := reform.RelationField(root.Type, root.Conn.Field)
		err = byParent(recs, "conn", func(id string, v any) (err error) {
			sc := plan.Scope{Type: rel.Target, Where: root.Conn.Where, From: &plan.Origin{Type: root.Type, ID: id, Field: root.Conn.Field}}
			res.Connections[id], err = d.connection(v, root.Conn, sc, true)
			return err
		})
	case plan.RootConnection:
		if len(recs) != 1 {
			return nil, fmt.Errorf("%w: connection: %d records, want 1", reform.ErrUnexpectedShape, len(recs))
		}
		var v any
		if v, err = value(recs[0], "conn"); err == nil {
			res.Connection, err = d.connection(v, root.Conn, plan.Scope{Type: root.Type, Where: root.Conn.Where}, false)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("planned query: %w", err)
	}
	return res, nil
}

// byParent decodes the rows of a root over parent ids: the parent's id and its value in
// column col.
func byParent(recs []*neo4j.Record, col string, decode func(id string, v any) error) error {
	for _, r := range recs {
		id, err := column[string](r, "id")
		if err != nil {
			return err
		}
		v, err := value(r, col)
		if err != nil {
			return err
		}
		if err := decode(id, v); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) prefetchSearch(ctx context.Context, root *plan.Root) (*plan.RootResult, error) {
	q, p, err := searchParams(root.Search.Query, root.Search.Types, root.Search.Limit)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return &plan.RootResult{Hits: []*reform.SearchHit{}}, nil
	}
	cypher, pp, err := compileRoot(root, s.lim)
	if err != nil {
		return nil, err
	}
	for k, v := range pp.m {
		p[k] = v
	}
	recs, err := s.read(ctx, rootNames[root.Kind], cypher, p)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	d := &planDecoder{lim: s.lim, slots: plan.NewSlots()}
	hits, err := decodeHits(recs, q, func(v any) (reform.Entity, error) { return d.entity(v, root.Node) })
	if err != nil {
		return nil, err
	}
	return &plan.RootResult{Hits: hits, Slots: d.slots}, nil
}

// planDecoder fills entities and prefetch slots from the value of a planned statement.
type planDecoder struct {
	lim   limits
	slots *plan.Slots // what the entities' relationship fields fetched
}

// entity decodes a projection made by planCompiler.projection with sel.
func (d *planDecoder) entity(v any, sel *plan.Selection) (reform.Entity, error) {
	e, err := decodeNode(v)
	if err != nil || sel == nil {
		return e, err
	}
	m, err := as[map[string]any](v, "node")
	if err != nil {
		return nil, err
	}
	b := e.Common()
	if sel.Documents {
		if err := d.attachDocuments(b.Sources, m["d"]); err != nil {
			return nil, err
		}
	}
	var x map[string]any
	for i, rs := range sel.Rels {
		if rs.On != e.EntityType() {
			continue
		}
		if x == nil {
			if x, err = as[map[string]any](m["x"], "relationship fields of "+b.ID); err != nil {
				return nil, err
			}
		}
		val := x["f"+strconv.Itoa(i)]
		switch rs.Kind {
		case plan.RelConnection:
			rel, _ := reform.RelationField(rs.On, rs.Field)
			c, err := d.connection(val, rs, plan.Scope{Type: rel.Target, Where: rs.Where,
				From: &plan.Origin{Type: rs.On, ID: b.ID, Field: rs.Field}}, true)
			if err != nil {
				return nil, err
			}
			d.slots.Set(e, rs.Key, c)
		default:
			es, err := d.entities(val, rs.Node)
			if err != nil {
				return nil, err
			}
			d.slots.Set(e, rs.Key, es)
		}
	}
	return e, nil
}

func (d *planDecoder) entities(v any, sel *plan.Selection) ([]reform.Entity, error) {
	l, err := as[[]any](v, "entity list")
	if err != nil {
		return nil, err
	}
	out := make([]reform.Entity, 0, len(l))
	for _, x := range l {
		e, err := d.entity(x, sel)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// attachDocuments sets the Document of each evidence from the documents fetched with it.
func (d *planDecoder) attachDocuments(ev []reform.Evidence, docsV any) error {
	docs, err := as[[]any](docsV, "evidence documents")
	if err != nil {
		return err
	}
	byID := make(map[string]*reform.Document, len(docs))
	for _, x := range docs {
		e, err := decodeNode(x)
		if err != nil {
			return err
		}
		doc, err := as[*reform.Document](e, "evidence document")
		if err != nil {
			return err
		}
		byID[doc.ID] = doc
	}
	for i := range ev {
		ev[i].Document = byID[ev[i].DocumentID]
	}
	return nil
}

// connection decodes the map of planCompiler.connection.
func (d *planDecoder) connection(v any, rs *plan.RelSelection, sc plan.Scope, rel bool) (*plan.Connection, error) {
	m, err := as[map[string]any](v, "connection")
	if err != nil {
		return nil, err
	}
	c := &plan.Connection{Scope: sc, Edges: []*plan.Edge{}}
	if rs.Edges {
		first, offset, err := d.lim.connPage(rs.First, rs.After, rel)
		if err != nil {
			return nil, err
		}
		edges, err := as[[]any](m["e"], "connection edges")
		if err != nil {
			return nil, err
		}
		err = page(c, len(edges), first, offset, func(i int) (reform.Entity, *plan.EdgeProperties, error) {
			em, err := as[map[string]any](edges[i], "connection edge")
			if err != nil {
				return nil, nil, err
			}
			e, err := d.entity(em["n"], rs.Node)
			if err != nil || !rel {
				return e, nil, err
			}
			props, err := decodeEdge(em["r"])
			if err != nil || !rs.EdgeDocuments {
				return e, props, err
			}
			rm, err := as[map[string]any](em["r"], "relationship")
			if err != nil {
				return nil, nil, err
			}
			return e, props, d.attachDocuments(props.Sources, rm["d"])
		})
		if err != nil {
			return nil, err
		}
	}
	if rs.TotalCount {
		n, err := integer(m["c"], "connection totalCount")
		if err != nil {
			return nil, err
		}
		c.SetPrefetchedTotal(n)
	}
	for i, sel := range rs.Aggregates {
		a, err := d.aggregate(m["a"+strconv.Itoa(i)], sel, sc)
		if err != nil {
			return nil, err
		}
		c.SetPrefetchedAggregate(sel.Key, a)
	}
	return c, nil
}

func (d *planDecoder) aggregate(v any, sel *plan.AggregateSelection, sc plan.Scope) (*plan.Aggregate, error) {
	m, err := as[map[string]any](v, "aggregate")
	if err != nil {
		return nil, err
	}
	a := &plan.Aggregate{Scope: sc}
	t := sc.Type
	if sel.Count {
		cm, err := as[map[string]any](m["c"], "aggregate count")
		if err != nil {
			return nil, err
		}
		c, err := decodeCount(cm)
		if err != nil {
			return nil, err
		}
		a.SetPrefetchedCount(c)
	}
	if sel.Node {
		vals, err := as[[]any](m["n"], "aggregate node")
		if err != nil {
			return nil, err
		}
		fields, _ := selectedAggregateFields(t, sel.NodeFields)
		node, err := decodeAggregateNode(t, fields, vals)
		if err != nil {
			return nil, err
		}
		a.SetPrefetchedNode(node)
	}
	for i, gs := range sel.Groups {
		l, err := list[map[string]any](m["g"+strconv.Itoa(i)], "aggregate groups")
		if err != nil {
			return nil, err
		}
		groups := make([]*plan.Group, 0, len(l))
		for _, gm := range l {
			g, err := decodeGroup(t, gm, func(v any) (reform.Entity, error) { return d.entity(v, gs.Entity) })
			if err != nil {
				return nil, err
			}
			if len(gs.Members) > 0 {
				mm, err := as[map[string]any](gm["m"], "group members")
				if err != nil {
					return nil, err
				}
				for j, ms := range gs.Members {
					es, err := d.entities(mm["m"+strconv.Itoa(j)], ms.Node)
					if err != nil {
						return nil, err
					}
					g.SetPrefetchedMembers(ms.Key, es)
				}
			}
			groups = append(groups, g)
		}
		a.SetPrefetchedGroups(gs.Key, groups)
	}
	return a, nil
}
