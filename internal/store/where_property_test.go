package store_test

import (
	"context"
	"encoding/json"
	"maps"
	"math/rand/v2"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
)

// A property test of the filter compiler: random where trees (scalar operators, null checks,
// AND/OR/NOT, quantifiers over relationship fields and over connection edges, nested, and v7's
// forms: aliases, note, a plain where on parent, aggregation filters inside connection
// filters) over the shipped dataset must
//  1. compile to Cypher whose text holds no user value (values only in parameters), and
//  2. select exactly the entities an in-memory evaluation of the same tree selects.
//
// HUB_PROPERTY_CASES (default 150) and HUB_PROPERTY_SEED (default 1) vary the run.

// world is the dataset as read back through the store: every entity and every relationship.
type world struct {
	tb     testing.TB // fails the test on a tree of an unexpected shape
	byType map[reform.EntityType][]reform.Entity
	byID   map[string]reform.Entity
	out    map[string][]store.EdgeForTest // by start id
	in     map[string][]store.EdgeForTest // by end id
	values map[reform.EntityType]map[string][]any
}

var injections = []string{`x' OR 1=1 //`, `"}) MATCH (m) DETACH DELETE m //`, "`Task`", "$param", `\u0027`, "改革'}", "n.id = 'x'"}

func TestFilterCompilerProperty(t *testing.T) {
	_, _, st := hubtest.Handler(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	w := loadWorld(ctx, t, st)
	cases, seed := envInt("HUB_PROPERTY_CASES", 150), envInt("HUB_PROPERTY_SEED", 1)
	g := &gen{rng: rand.New(rand.NewPCG(uint64(seed), 7)), w: w}
	types := reform.EntityTypes
	matched, aggregates, v7forms := 0, 0, 0
	for i := range cases {
		typ := types[g.rng.IntN(len(types))]
		where := g.where(typ, 3)
		text, params, err := store.CompileWhereForTest(typ, where)
		if err != nil {
			t.Fatalf("case %d (seed %d): %v\nwhere %s", i, seed, err, js(where))
		}
		if leak := leaked(text, where); leak != "" {
			t.Errorf("case %d (seed %d): user value %q in the statement text %s", i, seed, leak, text)
		}
		// The text depends on the shape of the tree only: other values, same statement.
		other, _, err := store.CompileWhereForTest(typ, as[map[string]any](t, revalue(where, "")))
		if err != nil {
			t.Fatalf("case %d (seed %d): revalued tree: %v", i, seed, err)
		}
		if other != text {
			t.Errorf("case %d (seed %d): the statement text changes with the values:\n%s\n%s", i, seed, text, other)
		}
		if len(params) == 0 && strings.Contains(text, "$") {
			t.Errorf("case %d: text names parameters but none are set: %s", i, text)
		}
		got, err := st.List(ctx, typ, plan.ListQuery{Where: where})
		if err != nil {
			t.Fatalf("case %d (seed %d): %v\nwhere %s", i, seed, err, js(where))
		}
		var gotIDs, wantIDs []string
		for _, e := range got {
			gotIDs = append(gotIDs, e.Common().ID)
		}
		for _, e := range w.byType[typ] {
			if w.eval(typ, e, where) {
				wantIDs = append(wantIDs, e.Common().ID)
			}
		}
		slices.Sort(gotIDs)
		slices.Sort(wantIDs)
		if !slices.Equal(gotIDs, wantIDs) {
			t.Errorf("case %d (seed %d) %s where %s\ncypher %s\nneo4j  %v\nmemory %v", i, seed, typ, js(where), text, gotIDs, wantIDs)
		}
		if len(wantIDs) > 0 && len(wantIDs) < len(w.byType[typ]) {
			matched++
		}
		if strings.Contains(js(where), "Aggregate\"") {
			aggregates++
		}
		if j := js(where); strings.Contains(j, `"aliases"`) || strings.Contains(j, `"note"`) ||
			strings.Contains(j, `"aggregate"`) || plainParent.MatchString(j) {
			v7forms++
		}
	}
	// The generator must produce filters that discriminate, not only all-or-nothing ones.
	if matched < cases/10 {
		t.Errorf("only %d of %d cases selected a proper non-empty subset", matched, cases)
	}
	// Aggregation filters (xAggregate: {count: …}) must be among the trees drawn.
	if aggregates < cases/20 {
		t.Errorf("only %d of %d cases hold an aggregation filter", aggregates, cases)
	}
	// So must v7's forms (aliases, note, a plain where on parent, aggregate in a connection).
	if v7forms < cases/20 {
		t.Errorf("only %d of %d cases hold one of v7's forms", v7forms, cases)
	}
	t.Logf("%d cases, %d selected a proper non-empty subset, %d hold an aggregation filter, %d one of v7's forms",
		cases, matched, aggregates, v7forms)
}

// plainParent matches v7's plain where on parent in a tree's JSON (`"parent":{"name":…}`).
var plainParent = regexp.MustCompile(`"parent(Connection)?":\{"(?:[^san]|s[^oi]|n[^o]|a[^lg])`)

// as returns v as a T, failing the test when it is of another type.
func as[T any](tb testing.TB, v any) T {
	tb.Helper()
	x, ok := v.(T)
	if !ok {
		tb.Fatalf("value %v is a %T, want %T", v, v, x)
	}
	return x
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func loadWorld(ctx context.Context, t *testing.T, st *store.Store) *world {
	w := &world{tb: t, byType: map[reform.EntityType][]reform.Entity{}, byID: map[string]reform.Entity{},
		out: map[string][]store.EdgeForTest{}, in: map[string][]store.EdgeForTest{},
		values: map[reform.EntityType]map[string][]any{}}
	for _, typ := range reform.EntityTypes {
		es, err := st.List(ctx, typ, plan.ListQuery{})
		if err != nil {
			t.Fatal(err)
		}
		w.byType[typ] = es
		w.values[typ] = map[string][]any{}
		for _, e := range es {
			w.byID[e.Common().ID] = e
			for _, a := range e.Common().Aliases {
				if !slices.Contains(w.values[typ]["aliases"], any(a)) {
					w.values[typ]["aliases"] = append(w.values[typ]["aliases"], a)
				}
			}
			for _, f := range scalarFields(typ) {
				if v := fieldValue(e, f); v != nil && !slices.Contains(w.values[typ][f], v) {
					w.values[typ][f] = append(w.values[typ][f], v)
				}
			}
		}
	}
	edges, err := st.EdgesForTest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range edges {
		w.out[e.From] = append(w.out[e.From], e)
		w.in[e.To] = append(w.in[e.To], e)
	}
	if len(edges) == 0 || len(w.byID) == 0 {
		t.Fatal("the dataset is empty")
	}
	return w
}

func scalarFields(t reform.EntityType) []string {
	fs := []string{"id", "name", "nameEn", "description"}
	for _, f := range reform.TypeFields(t) {
		fs = append(fs, f.Name)
	}
	// The plain properties v7's types declare beside reform's fields.
	if t == reform.TypeDocument {
		return append(fs, "language", "paragraphs")
	}
	return append(fs, "note")
}

// fieldValue returns field name of e as a plain value (string, int64, float64) or nil.
func fieldValue(e reform.Entity, name string) any {
	b := e.Common()
	switch name {
	case "id":
		return b.ID
	case "name":
		return b.Name
	case "nameEn":
		return deref(reflect.ValueOf(b.NameEn))
	case "description":
		return deref(reflect.ValueOf(b.Description))
	}
	f := reflect.ValueOf(e).Elem().FieldByName(strings.ToUpper(name[:1]) + name[1:])
	if !f.IsValid() {
		return nil
	}
	return deref(f)
}

func deref(v reflect.Value) any {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Int, reflect.Int64:
		return v.Int()
	case reflect.Float64:
		return v.Float()
	}
	return nil
}

func kindOf(t reform.EntityType, name string) reform.FieldKind {
	switch {
	case name == "type" && t == "":
		return reform.KindEnum
	case name == "note" || name == "language":
		return reform.KindString
	case name == "paragraphs":
		return reform.KindInt
	}
	k, _ := reform.ScalarField(t, name)
	return k
}

// gen draws random where trees.
type gen struct {
	rng *rand.Rand
	w   *world
}

func (g *gen) pick(n int) int { return g.rng.IntN(n) }

func (g *gen) where(t reform.EntityType, depth int) map[string]any {
	w := map[string]any{}
	for range 1 + g.pick(2) {
		choice := g.pick(10)
		switch {
		case depth > 0 && choice == 0:
			w["AND"] = g.list(t, depth)
		case depth > 0 && choice == 1:
			w["OR"] = g.list(t, depth)
		case depth > 0 && choice == 2:
			w["NOT"] = g.where(t, depth-1)
		case depth > 0 && t != "" && choice <= 5 && len(reform.RelationFields(t)) > 0:
			fields := reform.RelationFields(t)
			names := slices.Sorted(func(yield func(string) bool) {
				for k := range fields {
					if !yield(k) {
						return
					}
				}
			})
			name := names[g.pick(len(names))]
			rel := fields[name]
			q := []string{"some", "none", "all", "single"}[g.pick(4)]
			switch g.pick(6) {
			case 0:
				w[name+"Connection"] = map[string]any{q: g.connWhere(rel, depth-1)}
			case 1:
				w[name+"Aggregate"] = g.aggWhere(rel.Target, depth-1)
			case 2:
				// v7 7.x: the aggregation filter inside the connection filter.
				w[name+"Connection"] = map[string]any{"aggregate": connAggregate(g.aggWhere(rel.Target, depth-1), g)}
			case 3:
				if name == "parent" { // v7's plain where on a to-one field
					if g.pick(2) == 0 {
						w[name] = g.where(rel.Target, depth-1)
					} else {
						w[name+"Connection"] = g.connWhere(rel, depth-1)
					}
					break
				}
				fallthrough
			default:
				w[name] = map[string]any{q: g.where(rel.Target, depth-1)}
			}
		case choice == 9 && g.pick(2) == 0:
			w["aliases"] = g.aliases(t)
		default:
			fs := scalarFields(t)
			if t == "" {
				fs = []string{"id", "name", "nameEn", "description", "type"}
			}
			f := fs[g.pick(len(fs))]
			w[f] = g.ops(t, f)
		}
	}
	return w
}

// connAggregate turns an aggregation filter into one inside a connection filter: each count
// becomes the count of its nodes or of its edges.
func connAggregate(w map[string]any, g *gen) map[string]any {
	out := map[string]any{}
	for k, v := range w {
		switch k {
		case "count":
			out[k] = map[string]any{[]string{"nodes", "edges"}[g.pick(2)]: v}
		case "AND", "OR":
			var l []any
			for _, x := range as[[]any](g.w.tb, v) {
				l = append(l, connAggregate(as[map[string]any](g.w.tb, x), g))
			}
			out[k] = l
		case "NOT":
			out[k] = connAggregate(as[map[string]any](g.w.tb, v), g)
		default:
			out[k] = v
		}
	}
	return out
}

// aliases draws a filter on the aliases: one the data holds (or a hostile string) is
// included, or the list is some entity's aliases (often empty).
func (g *gen) aliases(t reform.EntityType) map[string]any {
	if t != "" && g.pick(3) == 0 {
		es := g.w.byType[t]
		list := []any{}
		for _, a := range es[g.pick(len(es))].Common().Aliases {
			list = append(list, a)
		}
		return map[string]any{"eq": list}
	}
	pool := g.w.values[t]["aliases"]
	if t == "" {
		pool = g.w.values[reform.EntityTypes[g.pick(len(reform.EntityTypes))]]["aliases"]
	}
	if len(pool) > 0 && g.pick(4) != 0 {
		return map[string]any{"includes": pool[g.pick(len(pool))]}
	}
	return map[string]any{"includes": injections[g.pick(len(injections))]}
}

func (g *gen) list(t reform.EntityType, depth int) []any {
	out := []any{}
	for range g.pick(3) + 1 {
		out = append(out, g.where(t, depth-1))
	}
	return out
}

// aggWhere draws an aggregation filter: conditions on the count of related entities (small
// numbers, as the data has), sometimes combined with AND, OR or NOT.
func (g *gen) aggWhere(t reform.EntityType, depth int) map[string]any {
	ops := []string{"eq", "in", "lt", "lte", "gt", "gte"}
	count := map[string]any{}
	for range 1 + g.pick(2) {
		op := ops[g.pick(len(ops))]
		if op == "in" {
			l := []any{}
			for range g.pick(3) {
				l = append(l, int64(g.pick(4)))
			}
			count[op] = l
			continue
		}
		count[op] = int64(g.pick(4))
	}
	w := map[string]any{"count": count}
	if g.pick(2) == 0 {
		w = map[string]any{"node": g.aggNode(t, depth)}
		if g.pick(2) == 0 {
			w["count"] = count
		}
	}
	if depth > 0 {
		switch g.pick(5) {
		case 0:
			return map[string]any{"NOT": w}
		case 1:
			return map[string]any{"OR": []any{w, g.aggWhere(t, depth-1)}}
		case 2:
			return map[string]any{"AND": []any{w, g.aggWhere(t, depth-1)}, "count": map[string]any{"gte": int64(g.pick(2))}}
		}
	}
	return w
}

// aggNode draws conditions on aggregates of the related entities' fields: lengths of string
// fields, min/max/average/sum of numbers, with values near those of the data.
func (g *gen) aggNode(t reform.EntityType, depth int) map[string]any {
	var fields []string
	for _, f := range scalarFields(t) {
		if k := kindOf(t, f); k == reform.KindString || k == reform.KindInt || k == reform.KindFloat {
			fields = append(fields, f)
		}
	}
	if t == "" {
		fields = []string{"name", "nameEn", "description"}
	}
	f := fields[g.pick(len(fields))]
	kind := kindOf(t, f)
	var fns []string
	if kind == reform.KindString {
		fns = []string{"averageLength", "shortestLength", "longestLength"}
	} else {
		fns = []string{"average", "min", "max", "sum"}
	}
	fn := fns[g.pick(len(fns))]
	var val func() any
	switch {
	case kind == reform.KindString && fn == "averageLength":
		val = func() any { return float64(g.pick(60)) / 2 }
	case kind == reform.KindString:
		val = func() any { return int64(g.pick(30)) }
	case kind == reform.KindFloat || fn == "average":
		val = func() any {
			if pool := g.w.values[t][f]; len(pool) > 0 && g.pick(2) == 0 {
				return num(pool[g.pick(len(pool))])
			}
			return float64(g.pick(3000)) / 10
		}
	default:
		val = func() any { return g.value(t, f) }
	}
	ops := map[string]any{}
	for range 1 + g.pick(2) {
		switch op := []string{"eq", "in", "lt", "lte", "gt", "gte", "null"}[g.pick(7)]; op {
		case "null":
			ops["eq"] = nil
		case "in":
			ops["in"] = []any{val(), val()}
		default:
			ops[op] = val()
		}
	}
	w := map[string]any{f: map[string]any{fn: ops}}
	if depth > 0 && g.pick(3) == 0 {
		return map[string]any{"NOT": w}
	}
	return w
}

func (g *gen) connWhere(rel reform.Relation, depth int) map[string]any {
	w := map[string]any{}
	if g.pick(2) == 0 {
		w["node"] = g.where(rel.Target, depth)
	}
	edge := map[string]any{}
	if g.pick(2) == 0 {
		edge["type"] = map[string]any{"eq": string(rel.Types[g.pick(len(rel.Types))])}
	}
	if g.pick(2) == 0 {
		edge["implied"] = map[string]any{"eq": g.pick(2) == 0}
	}
	if len(edge) > 0 {
		w["edge"] = edge
	}
	if g.pick(4) == 0 {
		return map[string]any{"NOT": w}
	}
	return w
}

// value draws a value for field f of t: mostly one the data holds, sometimes a hostile or
// random one.
func (g *gen) value(t reform.EntityType, f string) any {
	kind := kindOf(t, f)
	if kind == reform.KindEnum {
		if t == "" {
			return string(reform.EntityTypes[g.pick(len(reform.EntityTypes))])
		}
		spec, _ := reform.TypeField(t, f)
		return spec.Enum[g.pick(len(spec.Enum))]
	}
	pool := g.w.values[t][f]
	if t == "" {
		pool = g.w.values[reform.EntityTypes[g.pick(len(reform.EntityTypes))]][f]
	}
	if len(pool) > 0 && g.pick(4) != 0 {
		return pool[g.pick(len(pool))]
	}
	switch kind {
	case reform.KindInt:
		return int64(g.pick(300))
	case reform.KindFloat:
		return float64(g.pick(3000)) / 10
	}
	return injections[g.pick(len(injections))]
}

// part returns a random piece of a string value (for contains, startsWith, endsWith).
func (g *gen) part(s string, op string) string {
	rs := []rune(s)
	if len(rs) < 2 {
		return s
	}
	n := 1 + g.pick(len(rs)-1)
	switch op {
	case "startsWith":
		return string(rs[:n])
	case "endsWith":
		return string(rs[len(rs)-n:])
	}
	i := g.pick(len(rs) - n + 1)
	return string(rs[i : i+n])
}

func (g *gen) ops(t reform.EntityType, f string) map[string]any {
	var ops []string
	switch kindOf(t, f) {
	case reform.KindID, reform.KindString:
		ops = []string{"eq", "in", "contains", "startsWith", "endsWith", "null"}
	case reform.KindInt, reform.KindFloat:
		ops = []string{"eq", "in", "lt", "lte", "gt", "gte", "null"}
	default:
		ops = []string{"eq", "in", "null"}
	}
	m := map[string]any{}
	for range 1 + g.pick(2) {
		op := ops[g.pick(len(ops))]
		switch op {
		case "null":
			m["eq"] = nil
		case "in":
			l := []any{}
			for range g.pick(4) {
				l = append(l, g.value(t, f))
			}
			m["in"] = l
		case "contains", "startsWith", "endsWith":
			v := g.value(t, f)
			m[op] = g.part(as[string](g.w.tb, v), op)
		default:
			m[op] = g.value(t, f)
		}
	}
	return m
}

// eval is the in-memory meaning of where tree w for entity e of type t.
func (w *world) eval(t reform.EntityType, e reform.Entity, where map[string]any) bool {
	return evalTree(w.tb, where, func(m map[string]any) bool { return w.eval(t, e, m) }, func(k string, v any) bool {
		ops := as[map[string]any](w.tb, v)
		if k == "type" {
			return w.scalar(reform.KindEnum, string(e.EntityType()), ops)
		}
		if k == "aliases" {
			return evalAliases(w.tb, e.Common().Aliases, ops)
		}
		if rel, ok := reform.RelationField(t, k); ok {
			return w.quantify(toOneSome(k, ops, false), w.neighbors(e, rel), func(x edgeTo, sub map[string]any) bool {
				return w.eval(rel.Target, x.node, sub)
			}, true)
		}
		if base, ok := strings.CutSuffix(k, "Aggregate"); ok {
			if rel, ok := reform.RelationField(t, base); ok {
				distinct := map[string]bool{}
				for _, x := range w.neighbors(e, rel) {
					distinct[x.node.Common().ID] = true
				}
				var related []reform.Entity
				for _, id := range slices.Sorted(maps.Keys(distinct)) {
					related = append(related, w.byID[id])
				}
				return w.evalAgg(rel.Target, related, ops)
			}
		}
		if base, ok := strings.CutSuffix(k, "Connection"); ok {
			if rel, ok := reform.RelationField(t, base); ok {
				ops = toOneSome(base, ops, true)
				xs := w.neighbors(e, rel)
				if agg, ok := ops["aggregate"].(map[string]any); ok {
					distinct := map[string]bool{}
					for _, x := range xs {
						distinct[x.node.Common().ID] = true
					}
					var related []reform.Entity
					for _, id := range slices.Sorted(maps.Keys(distinct)) {
						related = append(related, w.byID[id])
					}
					if !w.evalConnAgg(rel.Target, related, len(xs), agg) {
						return false
					}
					ops = maps.Clone(ops)
					delete(ops, "aggregate")
				}
				return w.quantify(ops, xs, func(x edgeTo, sub map[string]any) bool {
					return w.evalConn(rel.Target, x, sub)
				}, false)
			}
		}
		return w.scalar(kindOf(t, k), fieldValue(e, k), ops)
	})
}

type edgeTo struct {
	node reform.Entity
	edge store.EdgeForTest
}

// neighbors lists the edges of relationship field rel at e, with the entity at the other end.
func (w *world) neighbors(e reform.Entity, rel reform.Relation) []edgeTo {
	id := e.Common().ID
	edges, other := w.out[id], func(x store.EdgeForTest) string { return x.To }
	if !rel.Out {
		edges, other = w.in[id], func(x store.EdgeForTest) string { return x.From }
	}
	var out []edgeTo
	for _, x := range edges {
		n := w.byID[other(x)]
		if n == nil || !slices.Contains(rel.Types, reform.RelType(x.Type)) || (rel.Target != "" && n.EntityType() != rel.Target) {
			continue
		}
		out = append(out, edgeTo{n, x})
	}
	return out
}

// quantify applies some/none/all/single; distinct counts entities (a relationship field),
// otherwise edges (a connection filter).
func (w *world) quantify(ops map[string]any, xs []edgeTo, match func(edgeTo, map[string]any) bool, distinct bool) bool {
	for q, v := range ops {
		if v == nil {
			continue
		}
		sub := as[map[string]any](w.tb, v)
		hits := map[string]bool{}
		n, all := 0, true
		for _, x := range xs {
			if match(x, sub) {
				n++
				hits[x.node.Common().ID] = true
			} else {
				all = false
			}
		}
		if distinct {
			n = len(hits)
		}
		// all: as in v7, some related entity and every one matches (false over none); an
		// empty filter is no condition.
		all = all && (len(xs) > 0 || len(sub) == 0)
		ok := map[string]bool{"some": n > 0, "none": n == 0, "all": all, "single": n == 1}[q]
		if !ok {
			return false
		}
	}
	return true
}

// toOneSome reads v7's plain where on the to-one field parent (`parent: {name: …}`) as the
// `some` it means; other fields' filters are returned as they are.
func toOneSome(field string, ops map[string]any, conn bool) map[string]any {
	if field != "parent" {
		return ops
	}
	quants := []string{"some", "none", "all", "single"}
	if conn {
		quants = append(quants, "aggregate")
	}
	out, plain := map[string]any{}, map[string]any{}
	for k, v := range ops {
		if slices.Contains(quants, k) {
			out[k] = v
		} else if v != nil {
			plain[k] = v
		}
	}
	if len(plain) > 0 {
		out["some"] = plain // the generator draws a plain where alone
	}
	return out
}

// evalAliases is the in-memory meaning of a filter on the aliases.
func evalAliases(tb testing.TB, aliases []string, ops map[string]any) bool {
	for op, v := range ops {
		switch op {
		case "includes":
			if v != nil && !slices.Contains(aliases, as[string](tb, v)) {
				return false
			}
		case "eq":
			if v == nil {
				return false
			}
			var want []string
			for _, x := range as[[]any](tb, v) {
				want = append(want, as[string](tb, x))
			}
			if !slices.Equal(aliases, want) {
				return false
			}
		}
	}
	return true
}

// evalConnAgg is the in-memory meaning of an aggregation filter inside a connection filter:
// count.nodes counts the distinct related entities, count.edges the relationships (edges).
func (w *world) evalConnAgg(t reform.EntityType, related []reform.Entity, edges int, where map[string]any) bool {
	return evalTree(w.tb, where, func(m map[string]any) bool { return w.evalConnAgg(t, related, edges, m) }, func(k string, v any) bool {
		switch k {
		case "count":
			for part, ops := range as[map[string]any](w.tb, v) {
				n := int64(len(related))
				if part == "edges" {
					n = int64(edges)
				}
				if ops != nil && !aggCompare(w.tb, n, as[map[string]any](w.tb, ops)) {
					return false
				}
			}
			return true
		case "node":
			return w.evalAggNode(t, related, as[map[string]any](w.tb, v))
		}
		return true
	})
}

// evalAgg is the in-memory meaning of an aggregation filter over the related entities.
func (w *world) evalAgg(t reform.EntityType, related []reform.Entity, where map[string]any) bool {
	return evalTree(w.tb, where, func(m map[string]any) bool { return w.evalAgg(t, related, m) }, func(k string, v any) bool {
		switch k {
		case "count":
			return aggCompare(w.tb, int64(len(related)), as[map[string]any](w.tb, v))
		case "node":
			return w.evalAggNode(t, related, as[map[string]any](w.tb, v))
		}
		return true
	})
}

func (w *world) evalAggNode(t reform.EntityType, related []reform.Entity, where map[string]any) bool {
	return evalTree(w.tb, where, func(m map[string]any) bool { return w.evalAggNode(t, related, m) }, func(k string, v any) bool {
		// k is a field of the related type, v its aggregate operators.
		var vals []float64 // the field's values (lengths of strings) among the related entities
		for _, e := range related {
			switch x := fieldValue(e, k).(type) {
			case string:
				vals = append(vals, float64(utf8.RuneCountInString(x)))
			case int64:
				vals = append(vals, float64(x))
			case float64:
				vals = append(vals, x)
			}
		}
		for fn, ops := range as[map[string]any](w.tb, v) {
			var agg any // nil: no value
			switch fn {
			case "sum":
				sum := 0.0
				for _, x := range vals {
					sum += x
				}
				agg = sum
			case "min", "shortestLength":
				if len(vals) > 0 {
					agg = slices.Min(vals)
				}
			case "max", "longestLength":
				if len(vals) > 0 {
					agg = slices.Max(vals)
				}
			case "average", "averageLength":
				if len(vals) > 0 {
					sum := 0.0
					for _, x := range vals {
						sum += x
					}
					agg = sum / float64(len(vals))
				}
			}
			if !aggCompare(w.tb, agg, as[map[string]any](w.tb, ops)) {
				return false
			}
		}
		return true
	})
}

// evalTree is the in-memory meaning of AND, OR and NOT in any filter tree: self evaluates a
// nested tree of the same kind, leaf one other key; a missing (nil) value holds.
func evalTree(tb testing.TB, where map[string]any, self func(map[string]any) bool, leaf func(k string, v any) bool) bool {
	for k, v := range where {
		if v == nil {
			continue
		}
		switch k {
		case "AND":
			for _, x := range as[[]any](tb, v) {
				if !self(as[map[string]any](tb, x)) {
					return false
				}
			}
		case "OR":
			if !slices.ContainsFunc(as[[]any](tb, v), func(x any) bool { return self(as[map[string]any](tb, x)) }) {
				return false
			}
		case "NOT":
			if self(as[map[string]any](tb, v)) {
				return false
			}
		default:
			if !leaf(k, v) {
				return false
			}
		}
	}
	return true
}

// aggCompare applies the operators of an aggregate to its value (nil when there is none).
func aggCompare(tb testing.TB, value any, ops map[string]any) bool {
	for op, x := range ops {
		if x == nil {
			if op == "eq" && value != nil {
				return false
			}
			continue
		}
		if value == nil {
			return false
		}
		a := num(value)
		var ok bool
		switch op {
		case "in":
			for _, y := range as[[]any](tb, x) {
				ok = ok || a == num(y)
			}
		default:
			b := num(x)
			ok = map[string]bool{"eq": a == b, "lt": a < b, "lte": a <= b, "gt": a > b, "gte": a >= b}[op]
		}
		if !ok {
			return false
		}
	}
	return true
}

func (w *world) evalConn(t reform.EntityType, x edgeTo, where map[string]any) bool {
	return evalTree(w.tb, where, func(m map[string]any) bool { return w.evalConn(t, x, m) }, func(k string, v any) bool {
		m := as[map[string]any](w.tb, v)
		switch k {
		case "node":
			return w.eval(t, x.node, m)
		case "edge":
			if tf, ok := m["type"].(map[string]any); ok && !w.scalar(reform.KindEnum, x.edge.Type, tf) {
				return false
			}
			if imp, ok := m["implied"].(map[string]any); ok && imp["eq"] != nil && as[bool](w.tb, imp["eq"]) != x.edge.Implied {
				return false
			}
		}
		return true
	})
}

// scalar applies the operators of one field to value v (nil when missing): a comparison on a
// missing value is false; eq: null holds exactly for a missing value.
func (w *world) scalar(kind reform.FieldKind, v any, ops map[string]any) bool {
	for op, x := range ops {
		if x == nil {
			if op == "eq" && v != nil {
				return false
			}
			continue
		}
		if v == nil {
			return false
		}
		var ok bool
		switch op {
		case "eq":
			ok = equal(v, x)
		case "in":
			for _, y := range as[[]any](w.tb, x) {
				ok = ok || equal(v, y)
			}
		case "contains":
			ok = strings.Contains(as[string](w.tb, v), as[string](w.tb, x))
		case "startsWith":
			ok = strings.HasPrefix(as[string](w.tb, v), as[string](w.tb, x))
		case "endsWith":
			ok = strings.HasSuffix(as[string](w.tb, v), as[string](w.tb, x))
		case "lt", "lte", "gt", "gte":
			a, b := num(v), num(x)
			ok = map[string]bool{"lt": a < b, "lte": a <= b, "gt": a > b, "gte": a >= b}[op]
		}
		if !ok {
			return false
		}
	}
	return true
}

func num(v any) float64 {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case float64:
		return x
	}
	panic("not a number")
}

func equal(a, b any) bool {
	if s, ok := a.(string); ok {
		t, ok := b.(string)
		return ok && s == t
	}
	return num(a) == num(b)
}

var (
	paramRef  = regexp.MustCompile(`\$p\d+`)
	varRef    = regexp.MustCompile(`\b[nr]\d+\b`)
	singleOne = regexp.MustCompile(`\} = 1\b`)
)

// leaked returns a user value of where that appears in the statement text, or "".
func leaked(text string, where map[string]any) string {
	var found string
	var walk func(v any, key string)
	walk = func(v any, key string) {
		switch x := v.(type) {
		case map[string]any:
			for k, y := range x {
				walk(y, k)
			}
		case []any:
			for _, y := range x {
				walk(y, key)
			}
		case string:
			// Enum and type values are allowlisted names (labels appear in patterns). Pieces
			// of ASCII words may occur in the statement's own words; Chinese text and the
			// hostile strings must never appear. (The revalue check covers every value.)
			if isEnum(x) || reform.EntityType(x).Valid() {
				return
			}
			if (!isASCII(x) || slices.Contains(injections, x)) && strings.Contains(text, x) && found == "" {
				found = x
			}
		}
	}
	walk(where, "")
	if found != "" {
		return found
	}
	// Numbers: with parameter and variable names removed, the text holds no digit.
	rest := singleOne.ReplaceAllString(varRef.ReplaceAllString(paramRef.ReplaceAllString(text, ""), ""), "")
	if i := strings.IndexFunc(rest, unicode.IsDigit); i >= 0 {
		return rest[max(0, i-10):min(len(rest), i+10)]
	}
	return ""
}

func isEnum(s string) bool {
	for _, l := range [][]string{reform.DepartmentKinds, reform.TaskStatuses, reform.PolicyKinds, reform.PilotLevels, reform.PilotStatuses, reform.OutcomeKinds} {
		if slices.Contains(l, s) {
			return true
		}
	}
	return reform.RelType(s).Valid()
}

func isASCII(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII {
			return false
		}
	}
	return true
}

// revalue returns where with every value replaced by another of the same kind (null stays
// null: it decides IS NULL; enum values, checked against their field's list, are kept; type
// and relationship-type values become other allowed ones).
func revalue(v any, key string) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, y := range x {
			m[k] = revalue(y, k)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, y := range x {
			l[i] = revalue(y, key)
		}
		return l
	case string:
		switch {
		case reform.EntityType(x).Valid():
			return "Leader"
		case reform.RelType(x).Valid():
			return "RUNS"
		case isEnum(x):
			return x // checked against the field's allowlist, so kept
		}
		return "another value"
	case int64:
		return x + 1
	case float64:
		return x + 0.5
	case bool:
		return !x
	}
	return v
}
