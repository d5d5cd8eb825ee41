package differential

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// Form is a v7 form of a read the hub may not accept yet. The generator uses one only when
// it is switched on (Options.Forms), taking its place from the library's schema alone; a
// query the hub's schema then refuses is counted as such (class b) and not sent. Forms the
// hub accepts are generated anyway: the generator follows both schemas' common part.
type Form string

// The v7 forms behind a switch.
const (
	// FormConnectionAggregate: aggregation filters inside connection filters,
	// `departmentsConnection: {aggregate: {count: {nodes: {gt: 1}}}}`.
	FormConnectionAggregate Form = "connection-aggregate"
	// FormParentWhere: a to-one relationship filtered with a plain where, `parent: {id: {eq: …}}`.
	FormParentWhere Form = "parent-where"
	// FormAliasesNote: filters on `aliases` (`includes`, `eq`) and on `note`.
	FormAliasesNote Form = "aliases-note"
	// FormEntitySort: `sort` on the any-entity relationship fields (`achievedBy`, `supports`).
	FormEntitySort Form = "entity-sort"
	// FormSortFields: sort keys v7 has and the hub's sort inputs lack (`description`, `note`,
	// a document's `language` and `paragraphs`).
	FormSortFields Form = "sort-fields"
	// FormDocumentFields: filters on a document's `language` and `paragraphs`.
	FormDocumentFields Form = "document-fields"
	// FormTypename: v7's filter on the concrete type at any-entity positions,
	// `achievedBy: {some: {typename: [Department]}}` (the hub has `type: {in: …}`).
	FormTypename Form = "typename"
)

// Forms are all the switchable forms.
var Forms = []Form{FormConnectionAggregate, FormParentWhere, FormAliasesNote, FormEntitySort,
	FormSortFields, FormDocumentFields, FormTypename}

// libOnlyWhere are the where fields of the switchable forms, by name.
var libOnlyWhere = map[string]Form{
	"aliases": FormAliasesNote, "note": FormAliasesNote, "parent": FormParentWhere,
	"language": FormDocumentFields, "paragraphs": FormDocumentFields, "typename": FormTypename,
}

// Options tune the generator.
type Options struct {
	Forms map[Form]bool // v7 forms to use although the hub may lack them
	// RootCap and NestedCap are the hub's implicit limits (HUB_DEFAULT_LIMIT, HUB_NESTED_LIMIT).
	RootCap, NestedCap int
	// Avoid: generate no form of Table (a control run: every disagreement then fails).
	Avoid bool
	// Bounded: every root list and connection gets a limit/first (for big corpora: v7 has
	// no implicit limit, and would send every entity).
	Bounded bool
}

// Query is one generated read.
type Query struct {
	Text  string
	Shape *Shape // of the response's data
	Forms []Form // switched-on forms it uses
}

// Gen draws random reads valid in both schemas.
type Gen struct {
	s     *Schemas
	d     *Data
	rng   *rand.Rand
	opt   Options
	roots []root
}

type rootKind int

const (
	rootList rootKind = iota
	rootConn
	rootEntity
)

type root struct {
	f    fieldPair
	kind rootKind
}

// NewGen returns a generator over the two schemas and the sampled data, seeded.
func NewGen(s *Schemas, d *Data, seed uint64, opt Options) (*Gen, error) {
	if opt.RootCap == 0 {
		opt.RootCap = 100
	}
	if opt.NestedCap == 0 {
		opt.NestedCap = 50
	}
	g := &Gen{s: s, d: d, rng: rand.New(rand.NewPCG(seed, 17)), opt: opt}
	for _, f := range s.fields(s.query()) {
		t := s.sub(f)
		args := s.args(f)
		switch {
		case onlyArgs(args, "where", "sort", "limit", "offset") && f.typ().Elem != nil && t.kind() == ast.Object && g.hasData(t):
			g.roots = append(g.roots, root{f, rootList})
		case onlyArgs(args, "where", "sort", "first", "after") && f.typ().Elem == nil && t.lib.Fields.ForName("edges") != nil && g.hasData(g.connNode(t)):
			g.roots = append(g.roots, root{f, rootConn})
		case onlyArgs(args, "id") && len(args) == 1 && t.kind() == ast.Interface:
			g.roots = append(g.roots, root{f, rootEntity})
		}
		// Other roots (search, paths) are the bench server's own @cypher fields, not v7's.
	}
	if len(g.roots) == 0 {
		return nil, fmt.Errorf("the two schemas share no root field to read")
	}
	return g, nil
}

func onlyArgs(args map[string]argPair, names ...string) bool {
	for n := range args {
		if !slices.Contains(names, n) {
			return false
		}
	}
	return true
}

func (g *Gen) hasData(p pair) bool {
	return len(g.d.idsOf(g.typesOf(p))) > 0
}

// typesOf returns the concrete type names of an entity position.
func (g *Gen) typesOf(p pair) []string {
	if p.kind() == ast.Interface {
		var out []string
		for _, t := range g.s.possible(p) {
			out = append(out, t.lib.Name)
		}
		return out
	}
	return []string{p.lib.Name}
}

// connNode returns the node position of a connection position (edges { node }).
func (g *Gen) connNode(conn pair) pair {
	edges, ok := g.s.libField(conn, "edges")
	if !ok {
		return pair{}
	}
	node, ok := g.s.libField(g.s.sub(edges), "node")
	if !ok {
		return pair{}
	}
	return g.s.sub(node)
}

// qstate is the state of the query being drawn.
type qstate struct {
	forms   map[Form]bool
	aliases int // fields with an alias (the hub allows 30)
	// inQuantifier is set while the where of a quantifier over an any-entity field is drawn
	// (Excluded: v7 fails on typename there).
	inQuantifier bool
	// related counts the relationship filters (quantifiers, connection and aggregation
	// filters): the library compiles each into subqueries, and Neo4j takes minutes to plan
	// a statement with many of them.
	related int
}

func (q *qstate) use(f Form) { q.forms[f] = true }

// tags collects the divergent forms one field's arguments use.
type tags []string

func (t *tags) add(id string) {
	if !slices.Contains(*t, id) {
		*t = append(*t, id)
	}
}

func (g *Gen) chance(p float64) bool { return g.rng.Float64() < p }

func pick[T any](g *Gen, xs []T) T { return xs[g.rng.IntN(len(xs))] }

// maxCost bounds a query's cost (the hub refuses more than 1,000,000 by default): queries
// stay cheap for both servers, so that a run of a thousand takes minutes.
const maxCost = 20000

// maxAliases bounds a query's aliased fields (the hub refuses more than 30 by default).
const maxAliases = 20

// maxRelated bounds a query's relationship filters (qstate.related).
const maxRelated = 4

// Query draws one query: one root field (sometimes two, aliased), within maxCost. With
// Options.Avoid, it draws again until no field uses a form of Table or Pending.
func (g *Gen) Query() *Query {
	for range 1000 {
		q, st := g.draw()
		if q.Shape.cost() <= maxCost && st.aliases <= maxAliases && st.related <= maxRelated && (!g.opt.Avoid || !q.Shape.tagged()) {
			return q
		}
	}
	panic("differential: no query within the cost bound in 1000 draws")
}

func (g *Gen) draw() (*Query, *qstate) {
	q := &qstate{forms: map[Form]bool{}}
	sh := objectShape()
	n := 1
	if g.chance(0.2) {
		n = 2
	}
	var parts []string
	for i := range n {
		r := pick(g, g.roots)
		key := r.f.name
		prefix := ""
		if n > 1 {
			key = fmt.Sprintf("r%d", i)
			prefix = key + ": "
		}
		depth := g.rng.IntN(3)
		var text string
		var fsh *Shape
		switch r.kind {
		case rootList:
			text, fsh = g.listField(r.f, depth, true, q)
		case rootConn:
			text, fsh = g.connField(r.f, depth, true, q)
		case rootEntity:
			text, fsh = g.entityRoot(r.f, depth, q)
		}
		parts = append(parts, prefix+text)
		sh.Fields[key] = fsh
	}
	out := &Query{Text: "{ " + strings.Join(parts, " ") + " }", Shape: sh}
	for _, f := range Forms {
		if q.forms[f] {
			out.Forms = append(out.Forms, f)
		}
	}
	q.aliases += n
	return out, q
}

// entityRoot draws entity(id: …) { … }: an id of the data (sometimes one no entity has).
func (g *Gen) entityRoot(f fieldPair, depth int, q *qstate) (string, *Shape) {
	t := g.s.sub(f)
	id := "none/no-such-entity"
	if ids := g.d.idsOf(g.typesOf(t)); len(ids) > 0 && g.chance(0.92) {
		id = pick(g, ids)
	}
	sel, sh := g.selection(t, depth, nil, q)
	return fmt.Sprintf("%s(id: %s) %s", f.name, literal(id), sel), sh
}

// selection draws the selection set of an entity position (an object or an interface):
// always the id, the fields in must (sort keys), some other scalar fields, and below depth 0
// relationship fields, connections and (on an interface) inline fragments.
func (g *Gen) selection(p pair, depth int, must []string, q *qstate) (string, *Shape) {
	sh := objectShape()
	var parts []string
	g.selectInto(p, depth, must, q, "", sh, &parts)
	if p.kind() == ast.Interface {
		if g.chance(0.3) {
			parts = append(parts, "__typename")
			sh.Fields["__typename"] = leafShape()
		}
		if depth > 0 && g.chance(0.6) {
			types := g.s.possible(p)
			g.rng.Shuffle(len(types), func(i, j int) { types[i], types[j] = types[j], types[i] })
			for _, t := range types[:min(len(types), 1+g.rng.IntN(2))] {
				var inner []string
				// Fields inside a fragment get an alias of their own (t_<Type>_<field>): two
				// fragments may select fields of one name and different types (Department.kind
				// and Outcome.kind), which GraphQL does not merge.
				g.selectInto(t, depth-1, nil, q, "t_"+t.lib.Name+"_", sh, &inner)
				parts = append(parts, "... on "+t.lib.Name+" { "+strings.Join(inner, " ")+" }")
			}
		}
	}
	return "{ " + strings.Join(parts, " ") + " }", sh
}

// selectInto adds fields of position p to parts and sh, each aliased with prefix (if any).
func (g *Gen) selectInto(p pair, depth int, must []string, q *qstate, prefix string, sh *Shape, parts *[]string) {
	var leaves, composites []fieldPair
	for _, f := range g.s.fields(p) {
		if leaf(g.s.Lib, f.lib.Type.Name()) {
			leaves = append(leaves, f)
		} else if len(prefix) == 0 || p.kind() == ast.Object {
			composites = append(composites, f)
		}
	}
	add := func(f fieldPair, text string, fsh *Shape) {
		key := f.name
		if prefix != "" {
			key = prefix + f.name
			text = key + ": " + text
		}
		if _, dup := sh.Fields[key]; dup {
			return
		}
		if prefix != "" {
			q.aliases++
		}
		*parts = append(*parts, text)
		sh.Fields[key] = fsh
	}
	for _, f := range leaves {
		if prefix == "" && (f.name == "id" || slices.Contains(must, f.name)) || g.chance(0.3) {
			s := leafShape()
			if f.typ().Elem != nil {
				s = &Shape{Kind: ScalarList}
			}
			add(f, f.name, s)
		}
	}
	if prefix != "" && len(*parts) == 0 && len(leaves) > 0 {
		f := pick(g, leaves)
		add(f, f.name, leafShape())
	}
	if depth <= 0 {
		return
	}
	g.rng.Shuffle(len(composites), func(i, j int) { composites[i], composites[j] = composites[j], composites[i] })
	n := 1 + g.rng.IntN(2)
	for _, f := range composites {
		if n == 0 {
			break
		}
		t := g.s.sub(f)
		args := g.s.args(f)
		switch {
		case t.lib.Fields.ForName("edges") != nil && t.kind() == ast.Object:
			if !g.hasData(g.connNode(t)) {
				continue
			}
			text, fsh := g.connField(f, depth-1, false, q)
			add(f, text, fsh)
		case f.typ().Elem != nil && (t.kind() == ast.Object || t.kind() == ast.Interface) && t.lib.Fields.ForName("id") != nil:
			if _, ok := args["where"]; !ok && len(args) > 0 {
				continue
			}
			text, fsh := g.listField(f, depth-1, false, q)
			add(f, text, fsh)
		case f.typ().Elem == nil && (t.kind() == ast.Object || t.kind() == ast.Interface) && t.lib.Fields.ForName("id") != nil && len(args) == 0:
			sel, fsh := g.selection(t, depth-1, nil, q)
			add(f, f.name+" "+sel, fsh)
		default:
			continue
		}
		n--
	}
}

// listArgs are the arguments of a list or connection field, with the libOnly `sort` of
// FormEntitySort added when switched on.
func (g *Gen) listArgs(f fieldPair, q *qstate) (map[string]argPair, bool) {
	args := g.s.args(f)
	forcedSort := false
	if _, ok := args["sort"]; !ok && g.opt.Forms[FormEntitySort] && f.hub != nil {
		if la := f.lib.Arguments.ForName("sort"); la != nil {
			args["sort"] = argPair{lib: la}
			forcedSort = true
		}
	}
	return args, forcedSort
}

// listField draws a list field with its arguments and selection: where, sort, limit, offset.
func (g *Gen) listField(f fieldPair, depth int, isRoot bool, q *qstate) (string, *Shape) {
	t := g.s.sub(f)
	args, forcedSort := g.listArgs(f, q)
	var tg tags
	var parts []string
	if a, ok := args["where"]; ok && g.chance(0.7) {
		w := g.where(g.s.argPos(a), t, 2, 2, q, &tg)
		parts = append(parts, "where: "+literal(w.v))
	}
	var order *Order
	var keys []string
	sortArg, canSort := args["sort"]
	paged := false
	limitP := 0.35
	if isRoot {
		limitP = 0.7
	}
	var limit, offset string
	if isRoot && g.opt.Bounded {
		limitP = 1
	}
	if _, ok := args["limit"]; ok && g.chance(limitP) {
		n := 1 + g.rng.IntN(12)
		if g.chance(0.03) {
			n = 0
			tg.add(DivLimitZero)
		}
		limit = fmt.Sprintf("limit: %d", n)
		paged = true
	}
	if _, ok := args["offset"]; ok && g.chance(0.2) {
		offset = fmt.Sprintf("offset: %d", g.rng.IntN(6))
		paged = true
	}
	if canSort && (g.chance(0.45) || paged) {
		var text string
		text, keys, order = g.sort(g.s.argPos(sortArg), paged, q)
		if text != "" {
			parts = append(parts, "sort: "+text)
			if forcedSort {
				q.use(FormEntitySort)
			}
		}
	}
	if paged && order == nil {
		tg.add(DivUnsortedPage)
	}
	for _, s := range []string{limit, offset} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	sel, elem := g.selection(t, depth, keys, q)
	sh := listShape(elem)
	sh.Order, sh.Tags = order, tg
	if limit == "" {
		sh.Cap = g.opt.NestedCap
		if isRoot {
			sh.Cap = g.opt.RootCap
		}
		sh.Max = sh.Cap
	} else {
		_, _ = fmt.Sscanf(limit, "limit: %d", &sh.Max)
	}
	text := f.name
	if len(parts) > 0 {
		text += "(" + strings.Join(parts, ", ") + ")"
	}
	return text + " " + sel, sh
}

// sort draws 1–2 sort keys (one field per sort object: v7 does not promise an order among the
// fields of one object); with total, the id ends them. Relationship connections sort through
// {node: {…}}. It returns the literal, the node fields sorted on, and the order promised.
func (g *Gen) sort(p pair, total bool, q *qstate) (string, []string, *Order) {
	wrap := ""
	if nf, ok := g.s.field(p, "node"); ok && !leaf(g.s.Lib, nf.lib.Type.Name()) {
		wrap, p = "node", g.s.sub(nf)
	} else if p.libOnly() {
		if nf, ok := g.s.libField(p, "node"); ok {
			wrap, p = "node", g.s.sub(nf)
		}
	}
	var fields, libOnly []string
	for _, f := range g.s.fields(p) {
		if leaf(g.s.Lib, f.lib.Type.Name()) {
			fields = append(fields, f.name)
		}
	}
	if g.opt.Forms[FormSortFields] && !p.libOnly() {
		for _, lf := range p.lib.Fields {
			if !slices.Contains(fields, lf.Name) && !deprecated(lf) && leaf(g.s.Lib, lf.Type.Name()) {
				fields = append(fields, lf.Name)
				libOnly = append(libOnly, lf.Name)
			}
		}
	}
	if len(fields) == 0 {
		return "", nil, nil
	}
	var keys []string
	var items []any
	for range 1 + g.rng.IntN(2) {
		k := pick(g, fields)
		if slices.Contains(keys, k) {
			continue
		}
		keys = append(keys, k)
		if slices.Contains(libOnly, k) {
			q.use(FormSortFields)
		}
		var item any = obj{{k, enum(pick(g, []string{"ASC", "DESC"}))}}
		if wrap != "" {
			item = obj{{wrap, item}}
		}
		items = append(items, item)
	}
	if total && !slices.Contains(keys, "id") && slices.Contains(fields, "id") {
		keys = append(keys, "id")
		var item any = obj{{"id", enum("ASC")}}
		if wrap != "" {
			item = obj{{wrap, item}}
		}
		items = append(items, item)
	}
	return literal(items), keys, &Order{Keys: keys, Total: slices.Contains(keys, "id")}
}

// connField draws a connection field: where, sort, first, after, and a selection of
// totalCount, edges { cursor node }, pageInfo and aggregate.
func (g *Gen) connField(f fieldPair, depth int, isRoot bool, q *qstate) (string, *Shape) {
	conn := g.s.sub(f)
	node := g.connNode(conn)
	args, forcedSort := g.listArgs(f, q)
	var tg tags
	var parts []string
	// Excluded: v7's aggregate ignores a relationship connection's where that combines node
	// filters with AND/OR/NOT (some of them); aggregate is then not selected.
	noAggregate := false
	if a, ok := args["where"]; ok && g.chance(0.7) {
		wp := g.s.argPos(a)
		var w wres
		if _, isConnWhere := g.s.libField(wp, "node"); isConnWhere && wp.lib.Fields.ForName("id") == nil {
			w = g.connWhere(wp, node, 2, 2, q, &tg)
			noAggregate = slices.ContainsFunc(asObj(w.v), func(f kv) bool { return f.k != "node" })
		} else {
			w = g.where(wp, node, 2, 2, q, &tg)
		}
		parts = append(parts, "where: "+literal(w.v))
	}
	paged := false
	firstP := 0.35
	if isRoot {
		firstP = 0.6
	}
	var first, after string
	if isRoot && g.opt.Bounded {
		firstP = 1
	}
	if _, ok := args["first"]; ok && g.chance(firstP) {
		n := 1 + g.rng.IntN(12)
		if g.chance(0.03) {
			n = 0
			tg.add(DivLimitZero)
		}
		first = fmt.Sprintf("first: %d", n)
		paged = true
	}
	afterOffset := -1
	if _, ok := args["after"]; ok && g.chance(0.2) {
		afterOffset = g.rng.IntN(6)
		after = "after: " + literal(cursor(afterOffset))
		paged = true
	}
	var order *Order
	var keys []string
	if a, ok := args["sort"]; ok && (g.chance(0.45) || paged) {
		var text string
		text, keys, order = g.sort(g.s.argPos(a), paged, q)
		if text != "" {
			parts = append(parts, "sort: "+text)
			if forcedSort {
				q.use(FormEntitySort)
			}
		}
	}
	if paged && order == nil {
		tg.add(DivUnsortedPage)
	}
	for _, s := range []string{first, after} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	sh := objectShape()
	sh.Conn, sh.Order, sh.Tags, sh.After = true, order, tg, afterOffset
	if first == "" {
		sh.Cap = g.opt.NestedCap
		if isRoot {
			sh.Cap = g.opt.RootCap
		}
	}
	var sel []string
	for attempt := 0; len(sel) == 0; attempt++ {
		if attempt == 20 {
			sel = append(sel, "totalCount")
			sh.Fields["totalCount"] = leafShape()
			break
		}
		for _, cf := range g.s.fields(conn) {
			switch cf.name {
			case "totalCount":
				if g.chance(0.5) {
					sel = append(sel, "totalCount")
					sh.Fields["totalCount"] = leafShape()
				}
			case "edges":
				if g.chance(0.6) {
					ep := g.s.sub(cf)
					var inner []string
					esh := objectShape()
					if _, ok := g.s.field(ep, "cursor"); ok && order != nil && order.Total && g.chance(0.5) {
						inner = append(inner, "cursor")
						esh.Fields["cursor"] = leafShape()
					}
					if nf, ok := g.s.field(ep, "node"); ok {
						ns, nsh := g.selection(g.s.sub(nf), depth, keys, q)
						inner = append(inner, "node "+ns)
						esh.Fields["node"] = nsh
					}
					sel = append(sel, "edges { "+strings.Join(inner, " ")+" }")
					lsh := listShape(esh)
					lsh.Order, lsh.Cap, lsh.Max = order, sh.Cap, sh.Cap
					if first != "" {
						_, _ = fmt.Sscanf(first, "first: %d", &lsh.Max)
					}
					sh.Fields["edges"] = lsh
				}
			case "pageInfo":
				if g.chance(0.3) {
					var inner []string
					psh := objectShape()
					for _, pf := range g.s.fields(g.s.sub(cf)) {
						if g.chance(0.6) {
							inner = append(inner, pf.name)
							psh.Fields[pf.name] = leafShape()
						}
					}
					if len(inner) > 0 {
						sel = append(sel, "pageInfo { "+strings.Join(inner, " ")+" }")
						sh.Fields["pageInfo"] = psh
					}
				}
			case "aggregate":
				if !noAggregate && g.chance(0.35) {
					if text, ash := g.aggregateSelection(g.s.sub(cf), node.kind() == ast.Interface); text != "" {
						sel = append(sel, "aggregate "+text)
						sh.Fields["aggregate"] = ash
					}
				}
			}
		}
	}
	text := f.name
	if len(parts) > 0 {
		text += "(" + strings.Join(parts, ", ") + ")"
	}
	return text + " { " + strings.Join(sel, " ") + " }", sh
}

// aggregateSelection draws aggregate { count { … } node { f { min max … } } }. On an
// any-entity connection, count { edges } is left out (Excluded).
func (g *Gen) aggregateSelection(p pair, anyEntity bool) (string, *Shape) {
	sh := objectShape()
	var parts []string
	for _, f := range g.s.fields(p) {
		sub := g.s.sub(f)
		switch f.name {
		case "count":
			if leaf(g.s.Lib, f.lib.Type.Name()) {
				if g.chance(0.6) {
					parts = append(parts, "count")
					sh.Fields["count"] = leafShape()
				}
				continue
			}
			var inner []string
			csh := objectShape()
			for _, cf := range g.s.fields(sub) {
				if cf.name == "edges" && anyEntity {
					continue
				}
				if g.chance(0.7) {
					inner = append(inner, cf.name)
					csh.Fields[cf.name] = leafShape()
				}
			}
			if len(inner) > 0 {
				parts = append(parts, "count { "+strings.Join(inner, " ")+" }")
				sh.Fields["count"] = csh
			}
		case "node":
			var inner []string
			nsh := objectShape()
			for _, nf := range g.s.fields(sub) {
				if !g.chance(0.4) {
					continue
				}
				var ops []string
				osh := objectShape()
				for _, of := range g.s.fields(g.s.sub(nf)) {
					if g.chance(0.6) {
						ops = append(ops, of.name)
						osh.Fields[of.name] = leafShape()
					}
				}
				if len(ops) > 0 {
					inner = append(inner, nf.name+" { "+strings.Join(ops, " ")+" }")
					nsh.Fields[nf.name] = osh
				}
			}
			if len(inner) > 0 {
				parts = append(parts, "node { "+strings.Join(inner, " ")+" }")
				sh.Fields["node"] = nsh
			}
		}
	}
	if len(parts) == 0 {
		return "", nil
	}
	return "{ " + strings.Join(parts, " ") + " }", sh
}

// cursor is the cursor of the item at offset: v7's format, which the hub's cursors follow.
func cursor(offset int) string {
	return base64.StdEncoding.EncodeToString(fmt.Appendf(nil, "arrayconnection:%d", offset))
}
