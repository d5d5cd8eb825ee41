package store

import (
	"fmt"

	"strconv"
	"strings"

	hubconfig "github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/dataversion"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// The one compiler. Every read the hub makes is a plan.Root — a root field and everything
// selected beneath it, or what the per-field path and the fallback read on their own (a
// bare root, a count or aggregate of a scope, a relationship field of many parents) — and
// becomes ONE parameterized statement here, decoded by the one decoder (decode_plan.go,
// read_root.go). The roots are compiled in this file, the projection of an entity in
// project.go, connections and aggregates in compile_conn.go, neighborhood and paths in
// graph.go, search in search.go, stats in stats.go; every pattern in pattern.go. Each entity is returned as the projection
// {t: type, p: properties, d: documents of its evidence, x: {f0: …, f1: …}}, where each fK is a
// subquery expression (COLLECT {…} for lists and connection edges, COUNT {…} for counts) that
// fetches the K-th relationship field of the selection, itself projected the same way. The
// statement text depends only on the shape of the selection and of its filters; every value is
// a parameter of one shared params. Plan variables are v1, v2 … (entities), e1 … (edges), g1 …
// (group entities), m1 … (group members), d1 … (documents); the where compiler of the level
// that binds vK names its own variables vK_n1 …, so no two levels share a variable.
//
// Every statement is compiled at a snapshot (CompileAt; Read takes it from the request's
// context, dataversion.From, or reads it): the data version dv and whether a version is
// pending. In plain mode the text is the same at every version; in pending mode (a sync
// published and not yet applied, staging.go) every pattern, property read, type and
// projection goes through pattern.go's helpers, which read version dv exactly — the only
// place that knows how a sync stages its writes. $dv is a parameter of every statement that
// reads versioned data (Assertion and Change nodes in both modes, everything in pending mode).

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

// Compile returns the statement that Read runs for root under the default limits, and its
// parameters (for tests, benchmarks and tooling; Read compiles on its own).
func Compile(root *plan.Root) (string, map[string]any, error) {
	return CompileAt(root, dataversion.Version{})
}

// CompileAt is Compile at the snapshot snap: in pending mode when snap.Pending > 0.
func CompileAt(root *plan.Root, snap dataversion.Version) (string, map[string]any, error) {
	cypher, p, err := compileRoot(root, newLimits(hubconfig.Limits{}), snap, nil)
	if err != nil {
		return "", nil, err
	}
	return cypher, p.m, nil
}

// compileRoot returns the statement of root and its parameters; nil params (and no error)
// when nothing can match (a search whose text is only syntax). Errors wrap
// reform.ErrInvalidInput.
func compileRoot(root *plan.Root, lim limits, snap dataversion.Version, vis *visibility) (string, *params, error) {
	return compileRootWith(root, lim, snap, vis, false)
}

// compileRootWith is compileRoot, with the substring filters out of the index planner's
// reach when substringsUnindexed (params.substringsUnindexed).
func compileRootWith(root *plan.Root, lim limits, snap dataversion.Version, vis *visibility, substringsUnindexed bool) (string, *params, error) {
	pc := &planCompiler{lim: lim, p: newParamsAt(snap.N, snap.Pending > 0)}
	pc.p.substringsUnindexed = substringsUnindexed
	pc.p.filter(vis)
	pc.b.Grow(8 << 10)
	var err error
	switch root.Kind {
	case plan.RootList:
		err = pc.rootList(root)
	case plan.RootEntity:
		pc.p.m["id"] = root.ID
		pc.b.WriteString("MATCH " + pc.p.node("n", reform.EntityLabel, "{id: $id}"))
		err = pc.returnNode("n", "", root.Node)
	case plan.RootDocuments:
		pc.p.m["ids"] = root.Parents
		pc.b.WriteString("MATCH " + pc.p.node("n", string(reform.TypeDocument), "") + " WHERE n.id IN $ids")
		err = pc.returnNodes("n", reform.TypeDocument, root.Node)
	case plan.RootConnection:
		err = pc.rootConnection(root.Type, root.Conn)
	case plan.RootRelated:
		err = pc.rootRelated(root)
	case plan.RootRelatedConnection:
		err = pc.rootRelatedConnection(root.Type, root.Parents, root.Conn)
	case plan.RootScope:
		err = pc.rootScope(root)
	case plan.RootSearch, plan.RootSearchPage:
		var none bool
		if none, err = pc.rootSearch(root); none && err == nil {
			return "", nil, nil
		}
	case plan.RootNeighborhood:
		err = pc.neighborhood(root.Graph, root.Node)
	case plan.RootPaths:
		err = pc.paths(root.Graph, root.Node)
	case plan.RootStats:
		pc.stats()
	default:
		var handled bool
		if handled, err = pc.compileDatasets(root); !handled {
			err = fmt.Errorf("unknown root kind %d", root.Kind)
		}
	}
	if err != nil {
		return "", nil, err
	}
	cypher := strings.TrimPrefix(pc.b.String(), " ")
	pc.p.dropUnusedVisibility(cypher)
	return cypher, pc.p, nil
}

// returnNode writes the projection of entity v (of static type t) with sel and returns it as
// the column node.
func (pc *planCompiler) returnNode(v string, t reform.EntityType, sel *plan.Selection) error {
	proj, err := pc.projection(&items{pc: pc, carry: v}, v, t, sel)
	pc.b.WriteString(" RETURN " + proj + " AS node")
	return err
}

// returnNodes writes the RETURN of a list of entities bound to v, in the order of the rows:
// ONE record holding the list (`collect`, which keeps the order of its rows) rather than a
// record per entity. The driver's cost is per record — a thousand small records cost it
// about two and a half times the time of one record of a thousand maps (the rows workload:
// 21 ms against 8 ms at S) — and the list is bounded by the page (LIMIT) anyway.
func (pc *planCompiler) returnNodes(v string, t reform.EntityType, sel *plan.Selection) error {
	proj, err := pc.projection(&items{pc: pc, carry: v}, v, t, sel)
	pc.b.WriteString(" RETURN collect(" + proj + ") AS nodes")
	return err
}

// labelOf is the label of the entities of type t: t itself, one of reform's fixed types
// (checked), or Entity for every type when t is empty.
func labelOf(t reform.EntityType) (string, error) {
	if t == "" {
		return reform.EntityLabel, nil
	}
	if !t.Valid() {
		return "", badInput("unknown entity type %q", t)
	}
	return string(t), nil
}

// rootList compiles a root list: of type root.Type, or of entities of every type when it is
// empty (a where tree of the common fields and `type`).
func (pc *planCompiler) rootList(root *plan.Root) error {
	t := root.Type
	label, err := labelOf(t)
	if err != nil {
		return err
	}
	pred, err := compileWhere(t, "n", root.List.Where, pc.p)
	if err != nil {
		return err
	}
	order, err := orderBy(pc.p, t, "n", root.List.Sort)
	if err != nil {
		return err
	}
	limit, offset, err := pc.lim.page(root.List, false)
	if err != nil {
		return err
	}
	// One MATCH of one label binds each node once: no DISTINCT needed. The hint lets Neo4j
	// read in index order and stop at the page's end where that is the same answer.
	pred = withHint(pred, indexOrderHint(pc.p, t, "n", root.List.Sort, pred))
	pc.b.WriteString("MATCH " + pc.p.node("n", label, "") + where(pred) + " WITH n" + order +
		" SKIP " + pc.p.add(offset) + " LIMIT " + pc.p.add(limit))
	return pc.returnNodes("n", t, root.Node)
}

// rootConnection compiles a root connection of type t.
func (pc *planCompiler) rootConnection(t reform.EntityType, rs *plan.RelSelection) error {
	if !t.Valid() {
		return badInput("unknown entity type %q", t)
	}
	conn, err := pc.connection(&items{pc: pc}, &connScope{t: t, n: "n", match: "MATCH " + pc.p.node("n", string(t), "")}, rs)
	pc.b.WriteString(" RETURN " + conn + " AS conn")
	return err
}

// parents writes the head of a root over parent ids: each id of $ids bound to id, its entity
// (of type t, one of reform's types) to a.
func (pc *planCompiler) parents(t reform.EntityType, ids []string) {
	pc.p.m["ids"] = distinct(ids)
	pc.b.WriteString("UNWIND $ids AS id MATCH " + pc.p.node("a", string(t), "{id: id}"))
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
	pc.parents(root.Type, root.Parents)
	it := &items{pc: pc, carry: "id, a"}
	x := it.open()
	if err := pc.list("MATCH "+pc.p.pattern("a", rel, w)+where(pred), rel.Target, w, root.List, root.Node); err != nil {
		return err
	}
	it.close(x)
	pc.b.WriteString(" RETURN id, " + x + " AS nodes")
	return nil
}

// rootRelatedConnection compiles a relationship-field connection of many parents of type t:
// each parent's page is the connection a planned relationship connection of that parent
// would be.
func (pc *planCompiler) rootRelatedConnection(t reform.EntityType, ids []string, rs *plan.RelSelection) error {
	rel, ok := reform.RelationField(t, rs.Field)
	if !ok {
		return badInput("%s has no relationship field %q", t, rs.Field)
	}
	pc.parents(t, ids)
	w, r := pc.fresh("v"), pc.fresh("e")
	// a is carried: an aggregate's subquery refers to it, and Neo4j takes a variable an
	// aggregating subquery refers to, that the WITH drops, for an implicit grouping key.
	conn, err := pc.connection(&items{pc: pc, carry: "id, a"}, &connScope{t: rel.Target, n: w, r: r,
		match: "MATCH " + pc.p.patternRel("a", "", rel, r, w)}, rs)
	if err != nil {
		return err
	}
	pc.b.WriteString(" RETURN id, " + conn + " AS conn")
	return nil
}

// scopeSelection is the connection selection of what a RootScope computes: its scope's
// filter and root.Conn's counts and aggregates, no edges.
func scopeSelection(root *plan.Root) *plan.RelSelection {
	rs := &plan.RelSelection{Kind: plan.RelConnection, Where: root.Scope.Where}
	if root.Conn != nil {
		rs.TotalCount, rs.Aggregates = root.Conn.TotalCount, root.Conn.Aggregates
	}
	if root.Scope.From != nil {
		rs.On, rs.Field = root.Scope.From.Type, root.Scope.From.Field
	}
	return rs
}

// rootScope compiles the counts and aggregates of a scope: a root connection's, or the
// relationship-field connection's of each parent.
func (pc *planCompiler) rootScope(root *plan.Root) error {
	rs := scopeSelection(root)
	if from := root.Scope.From; from != nil {
		return pc.rootRelatedConnection(from.Type, root.Parents, rs)
	}
	return pc.rootConnection(root.Scope.Type, rs)
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
