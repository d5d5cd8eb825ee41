package differential

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/vektah/gqlparser/v2/ast"
)

// wres is a drawn filter: its literal, and whether it holds a comparison that can be null in
// its scope (v7 compiles filters to three-valued Cypher: a comparison on a missing value, an
// aggregate over no values; a quantifier is two-valued again).
type wres struct {
	v        any
	nullable bool
}

// where draws a where filter on entity position ent at input position in: 1–3 conditions
// (scalar comparisons, AND/OR/NOT, relationship quantifiers, connection filters, aggregation
// filters). rel bounds the relationship nesting, nest the AND/OR/NOT nesting.
func (g *Gen) where(in, ent pair, rel, nest int, q *qstate, tg *tags) wres {
	type cand struct {
		w    int
		draw func() (kv, bool)
	}
	var cands []cand
	entFields := map[string]fieldPair{}
	for _, f := range g.s.fields(ent) {
		entFields[f.name] = f
	}
	for _, lf := range ent.lib.Fields {
		if _, ok := entFields[lf.Name]; !ok {
			entFields[lf.Name] = fieldPair{name: lf.Name, lib: lf}
		}
	}
	inFields := g.s.fields(in)
	if !in.libOnly() {
		// The switched-on v7 forms: the library's field where the hub has none, or has
		// another kind of filter (parent).
		for name, form := range libOnlyWhere {
			lf := in.lib.Fields.ForName(name)
			if !g.opt.Forms[form] || lf == nil || slices.ContainsFunc(inFields, func(f fieldPair) bool { return f.name == name && name != "parent" }) {
				continue
			}
			inFields = slices.DeleteFunc(inFields, func(f fieldPair) bool { return f.name == name })
			inFields = append(inFields, fieldPair{name: name, lib: lf})
		}
		slices.SortFunc(inFields, func(a, b fieldPair) int { return strings.Compare(a.name, b.name) })
	}
	for _, f := range inFields {
		switch {
		case f.name == "typename" && ent.kind() == ast.Interface:
			if q.inQuantifier {
				continue
			}
			cands = append(cands, cand{2, func() (kv, bool) {
				if f.hub == nil {
					q.use(FormTypename)
				}
				types := slices.Clone(g.typesOf(ent))
				g.rng.Shuffle(len(types), func(i, j int) { types[i], types[j] = types[j], types[i] })
				var list []any
				for _, t := range types[:min(len(types), 1+g.rng.IntN(2))] {
					list = append(list, enum(t))
				}
				return kv{"typename", list}, false
			}})
		case f.name == "AND" || f.name == "OR":
			if nest > 0 {
				cands = append(cands, cand{1, func() (kv, bool) { return g.combine(f.name, in, ent, rel, nest, q, tg) }})
			}
		case f.name == "NOT":
			if nest > 0 {
				cands = append(cands, cand{1, func() (kv, bool) {
					sub := g.whereMaybeEmpty(in, ent, rel, nest-1, q, tg)
					if sub.nullable {
						tg.add(DivNotMissing)
					}
					return kv{"NOT", sub.v}, false
				}})
			}
		default:
			ef, isEnt := entFields[f.name]
			if isEnt && leaf(g.s.Lib, ef.lib.Type.Name()) {
				if form, ok := libOnlyWhere[f.name]; ok && f.hub == nil {
					if !g.opt.Forms[form] {
						continue
					}
					cands = append(cands, cand{6, func() (kv, bool) {
						q.use(form)
						return g.scalarCond(f, ef, ent)
					}})
					continue
				}
				cands = append(cands, cand{6, func() (kv, bool) { return g.scalarCond(f, ef, ent) }})
				continue
			}
			if isEnt && rel > 0 && g.s.sub(ef).lib.Fields.ForName("id") != nil {
				sub := g.s.sub(f)
				target := g.s.sub(ef)
				if f.hub == nil && f.name == "parent" {
					cands = append(cands, cand{2, func() (kv, bool) {
						q.use(FormParentWhere)
						w := g.where(pair{lib: sub.lib}, pair{lib: target.lib}, rel-1, nest, q, tg)
						return kv{f.name, w.v}, w.nullable
					}})
					continue
				}
				if qs := g.quantifiers(sub); len(qs) > 0 && g.hasData(target) {
					cands = append(cands, cand{3, func() (kv, bool) { return g.quantified(f.name, sub, qs, target, rel, q, tg) }})
				} else if len(qs) == 0 && ef.lib.Type.Elem == nil && len(g.s.fields(sub)) > 0 {
					// A to-one relationship filtered with a plain where, where both have it.
					cands = append(cands, cand{2, func() (kv, bool) {
						q.related++
						w := g.where(sub, target, rel-1, nest, q, tg)
						return kv{f.name, w.v}, w.nullable
					}})
				}
				continue
			}
			if base, ok := strings.CutSuffix(f.name, "Connection"); ok && rel > 0 {
				ef, isRel := entFields[base]
				if !isRel || leaf(g.s.Lib, ef.lib.Type.Name()) {
					continue
				}
				target := g.s.sub(ef)
				if !g.hasData(target) {
					continue
				}
				sub := g.s.sub(f)
				if len(g.quantifiers(sub)) == 0 && !g.connAggregate(sub) {
					if _, ok := g.s.field(sub, "node"); ok && ef.lib.Type.Elem == nil {
						// v7's connection filter of a to-one field: a plain connection where.
						cands = append(cands, cand{1, func() (kv, bool) {
							q.related++
							w := g.connWhere(sub, target, rel-1, 2, q, tg)
							return kv{f.name, w.v}, w.nullable
						}})
					}
					continue // e.g. parentConnection: the hub's {some, …} against v7's plain where
				}
				cands = append(cands, cand{2, func() (kv, bool) { return g.connFilter(f.name, sub, target, rel, q, tg) }})
				continue
			}
			if base, ok := strings.CutSuffix(f.name, "Aggregate"); ok {
				ef, isRel := entFields[base]
				if !isRel || leaf(g.s.Lib, ef.lib.Type.Name()) {
					continue
				}
				target := g.s.sub(ef)
				sub := g.s.sub(f)
				if _, ok := g.s.field(sub, "count"); !ok {
					continue
				}
				cands = append(cands, cand{2, func() (kv, bool) {
					w := g.aggregateFilter(sub, target, nest, q, tg)
					return kv{f.name, w.v}, w.nullable
				}})
			}
		}
	}
	if len(cands) == 0 {
		return wres{v: obj{}}
	}
	total := 0
	for _, c := range cands {
		total += c.w
	}
	n := 1
	if r := g.rng.Float64(); r > 0.9 {
		n = 3
	} else if r > 0.6 {
		n = 2
	}
	var out obj
	nullable := false
	for range n {
		r := g.rng.IntN(total)
		for _, c := range cands {
			if r < c.w {
				f, nl := c.draw()
				if !slices.ContainsFunc(out, func(x kv) bool { return x.k == f.k }) {
					out = append(out, f)
					nullable = nullable || nl
				}
				break
			}
			r -= c.w
		}
	}
	return wres{v: out, nullable: nullable}
}

// whereMaybeEmpty is where, or now and then an empty filter (tagged: v7 ignores it).
func (g *Gen) whereMaybeEmpty(in, ent pair, rel, nest int, q *qstate, tg *tags) wres {
	if g.chance(0.04) {
		tg.add(DivEmptyFilter)
		return wres{v: obj{}}
	}
	return g.where(in, ent, rel, nest, q, tg)
}

// combine draws AND: [...] or OR: [...] of 0–3 filters (none now and then: tagged).
func (g *Gen) combine(op string, in, ent pair, rel, nest int, q *qstate, tg *tags) (kv, bool) {
	n := 1 + g.rng.IntN(3)
	if g.chance(0.04) {
		// v7 drops an empty OR, and also an empty AND: a filter of nothing else is then empty.
		n = 0
		tg.add(DivEmptyFilter)
	}
	list := []any{}
	nullable := false
	for range n {
		w := g.where(in, ent, rel, nest-1, q, tg)
		list = append(list, w.v)
		nullable = nullable || w.nullable
	}
	return kv{op, list}, nullable
}

// quantifiers returns the quantifier fields (some, none, all, single) of an input position.
func (g *Gen) quantifiers(p pair) []string {
	var qs []string
	for _, f := range g.s.fields(p) {
		if slices.Contains([]string{"some", "none", "all", "single"}, f.name) {
			qs = append(qs, f.name)
		}
	}
	return qs
}

// quantified draws rel: {some|none|all|single: <where on the related type>}.
func (g *Gen) quantified(name string, sub pair, qs []string, target pair, rel int, q *qstate, tg *tags) (kv, bool) {
	q.related++
	if target.kind() == ast.Interface {
		// Excluded: v7's single and all over an any-entity relationship field.
		qs = slices.DeleteFunc(slices.Clone(qs), func(x string) bool { return x == "single" || x == "all" })
		if len(qs) == 0 {
			tg.add(DivEmptyFilter)
			return kv{name, obj{{"some", obj{}}}}, false
		}
	}
	qn := pick(g, qs)
	qf, _ := g.s.field(sub, qn)
	q.inQuantifier = target.kind() == ast.Interface
	w := g.whereMaybeEmpty(g.s.sub(qf), target, rel-1, 2, q, tg)
	q.inQuantifier = false
	if qn == "all" {
		if w.nullable {
			tg.add(DivNotMissing)
		}
	}
	if len(asObj(w.v)) == 0 {
		tg.add(DivEmptyFilter)
	}
	return kv{name, obj{{qn, w.v}}}, false
}

// connFilter draws relConnection: {some|none|all|single: {node: …, AND, OR, NOT}} or, with
// FormConnectionAggregate, {aggregate: {…}}.
func (g *Gen) connFilter(name string, sub pair, target pair, rel int, q *qstate, tg *tags) (kv, bool) {
	q.related++
	qs := g.quantifiers(sub)
	if g.connAggregate(sub) && (len(qs) == 0 || g.chance(0.3)) {
		af, _ := g.s.libField(sub, "aggregate")
		if af.hub == nil {
			q.use(FormConnectionAggregate)
		}
		w := g.aggregateFilter(g.s.sub(af), target, 2, q, tg)
		return kv{name, obj{{"aggregate", w.v}}}, w.nullable
	}
	qn := pick(g, qs)
	qf, _ := g.s.field(sub, qn)
	var w wres
	var wt tags
	for {
		wt = nil
		w = g.connWhere(g.s.sub(qf), target, rel-1, 2, q, &wt)
		// Excluded: v7 fails on aggregation filters under a connection filter's all.
		if qn != "all" || aggregatePredicates(w.v, false) == 0 {
			break
		}
	}
	for _, t := range wt {
		tg.add(t)
	}
	if qn == "all" {
		if w.nullable {
			tg.add(DivNotMissing)
		}
	}
	return kv{name, obj{{qn, w.v}}}, false
}

// connAggregate reports whether a connection filter position takes aggregate (7.x's place of
// aggregation filters): in both schemas, or in the library's with FormConnectionAggregate.
func (g *Gen) connAggregate(sub pair) bool {
	if _, ok := g.s.field(sub, "aggregate"); ok {
		return true
	}
	_, ok := g.s.libField(sub, "aggregate")
	return ok && g.opt.Forms[FormConnectionAggregate]
}

// connWhere draws a connection where: {node: …}, sometimes AND/OR/NOT of those.
func (g *Gen) connWhere(p pair, node pair, rel, nest int, q *qstate, tg *tags) wres {
	nf, ok := g.s.field(p, "node")
	if !ok {
		return wres{v: obj{}}
	}
	r := g.rng.Float64()
	switch {
	case nest > 0 && r < 0.1:
		sub := g.connWhere(p, node, rel, nest-1, q, tg)
		if sub.nullable {
			tg.add(DivNotMissing)
		}
		return wres{v: obj{{"NOT", sub.v}}}
	case nest > 0 && r < 0.2:
		op := pick(g, []string{"AND", "OR"})
		var list []any
		nullable := false
		for range 1 + g.rng.IntN(2) {
			sub := g.connWhere(p, node, rel, nest-1, q, tg)
			list = append(list, sub.v)
			nullable = nullable || sub.nullable
		}
		return wres{v: obj{{op, list}}, nullable: nullable}
	}
	w := g.where(g.s.sub(nf), node, rel, 2, q, tg)
	return wres{v: obj{{"node", w.v}}, nullable: w.nullable}
}

// aggregateFilter draws relAggregate: {count: {op: n}, node: {f: {agg: {op: v}}}, AND, OR, NOT}.
func (g *Gen) aggregateFilter(p pair, target pair, nest int, q *qstate, tg *tags) wres {
	q.related++
	var out obj
	nullable := false
	fs := g.s.fields(p)
	if p.libOnly() {
		fs = nil
		for _, lf := range p.lib.Fields {
			if !deprecated(lf) {
				fs = append(fs, fieldPair{name: lf.Name, lib: lf})
			}
		}
	}
	for attempt := 0; len(out) == 0; attempt++ {
		if attempt == 20 {
			if cf, ok := g.s.libField(p, "count"); ok {
				out = append(out, g.countCond(cf))
			}
			break
		}
		for _, f := range fs {
			switch f.name {
			case "count":
				if g.chance(0.5) {
					out = append(out, g.countCond(f))
				}
			case "node":
				if g.chance(0.5) {
					w := g.nodeAggregate(g.s.sub(f), target, nest, tg)
					if len(asObj(w.v)) > 0 {
						out = append(out, kv{"node", w.v})
						nullable = nullable || w.nullable
					}
				}
			case "AND", "OR":
				if nest > 0 && g.chance(0.1) {
					var list []any
					for range 1 + g.rng.IntN(2) {
						w := g.aggregateFilter(p, target, nest-1, q, tg)
						list = append(list, w.v)
						nullable = nullable || w.nullable
					}
					out = append(out, kv{f.name, list})
				}
			case "NOT":
				if nest > 0 && g.chance(0.1) {
					w := g.aggregateFilter(p, target, nest-1, q, tg)
					if w.nullable {
						tg.add(DivNotMissing)
					}
					out = append(out, kv{"NOT", w.v})
				}
			}
		}
	}
	return wres{v: out, nullable: nullable}
}

// countCond draws count: {op: n}, or count: {nodes: {op: n}} in the 7.x connection form.
func (g *Gen) countCond(f fieldPair) kv {
	cp := g.s.sub(f)
	if nodes, ok := g.s.libField(cp, "nodes"); ok && cp.lib.Fields.ForName("eq") == nil {
		return kv{"count", obj{{"nodes", g.intCond(g.s.sub(nodes), 0, 4)}}}
	}
	return kv{"count", g.intCond(cp, 0, 4)}
}

// nodeAggregate draws node: {f: {min|max|average|sum|shortestLength|…: {op: v}}}.
func (g *Gen) nodeAggregate(p pair, target pair, nest int, tg *tags) wres {
	var fields []fieldPair
	for _, f := range g.s.fields(p) {
		if f.name != "AND" && f.name != "OR" && f.name != "NOT" {
			fields = append(fields, f)
		}
	}
	if len(fields) == 0 {
		return wres{v: obj{}}
	}
	f := pick(g, fields)
	aggs := g.s.fields(g.s.sub(f))
	if len(aggs) == 0 {
		return wres{v: obj{}}
	}
	a := pick(g, aggs)
	ops := g.s.sub(a)
	types := g.typesOf(target)
	var cond obj
	nullable := true
	switch {
	case strings.HasSuffix(a.name, "Length"):
		lengths := []any{}
		for _, v := range g.d.valuesOf(types, f.name) {
			if s, ok := v.(string); ok {
				lengths = append(lengths, float64(utf8.RuneCountInString(s)))
			}
		}
		cond = g.numCond(ops, lengths)
	default:
		vals := g.d.valuesOf(types, f.name)
		if a.name == "sum" {
			nullable = false
			for i, v := range vals {
				if x, ok := v.(float64); ok {
					vals[i] = x * float64(1+g.rng.IntN(3))
				}
			}
		}
		cond = g.numCond(ops, vals)
	}
	if len(cond) == 0 {
		return wres{v: obj{}}
	}
	w := obj{{f.name, obj{{a.name, cond}}}}
	if nest > 0 && g.chance(0.1) {
		if _, ok := g.s.field(p, "NOT"); ok {
			tg.add(DivNotMissing)
			return wres{v: obj{{"NOT", w}}, nullable: true}
		}
	}
	return wres{v: w, nullable: nullable}
}

// intCond draws {op: n} on an IntScalarFilters position, n in [lo, hi).
func (g *Gen) intCond(p pair, lo, hi int) obj {
	var ops []string
	for _, f := range g.s.fields(p) {
		if f.name != "in" {
			ops = append(ops, f.name)
		}
	}
	if len(ops) == 0 {
		return obj{}
	}
	return obj{{pick(g, ops), lo + g.rng.IntN(hi-lo)}}
}

// numCond draws {op: v} on an Int/Float filter position, v near the values given.
func (g *Gen) numCond(p pair, vals []any) obj {
	var ops []fieldPair
	for _, f := range g.s.fields(p) {
		if f.name != "in" {
			ops = append(ops, f)
		}
	}
	if len(ops) == 0 {
		return obj{}
	}
	op := pick(g, ops)
	return obj{{op.name, g.number(op.lib.Type.Name(), vals)}}
}

func (g *Gen) number(scalar string, vals []any) any {
	x := 1.0
	var nums []float64
	for _, v := range vals {
		if f, ok := v.(float64); ok {
			nums = append(nums, f)
		}
	}
	if len(nums) > 0 {
		x = pick(g, nums)
	}
	if g.chance(0.3) {
		x += float64(g.rng.IntN(3) - 1)
	}
	if scalar == "Int" {
		return int64(x)
	}
	return x
}

// scalarCond draws field: {op: value} with values of that field in the data.
func (g *Gen) scalarCond(f, ef fieldPair, ent pair) (kv, bool) {
	ops := g.s.fields(g.s.sub(f))
	if f.hub == nil {
		ops = nil
		for _, lf := range g.s.sub(f).lib.Fields {
			if !deprecated(lf) {
				ops = append(ops, fieldPair{name: lf.Name, lib: lf})
			}
		}
	}
	if len(ops) == 0 {
		return kv{f.name, obj{}}, false
	}
	op := pick(g, ops)
	vt := op.lib.Type
	scalar := vt.Name()
	vals := g.d.valuesOf(g.typesOf(ent), f.name)
	nullableField := !ef.lib.Type.NonNull && ef.lib.Type.Elem == nil
	one := func() any { return g.value(scalar, vals, op.name) }
	var v any
	switch {
	case op.name == "eq" && nullableField && g.chance(0.12):
		return kv{f.name, obj{{"eq", nil}}}, false
	case vt.Elem != nil:
		list := []any{}
		for range 1 + g.rng.IntN(3) {
			list = append(list, one())
		}
		v = list
	default:
		v = one()
	}
	return kv{f.name, obj{{op.name, v}}}, nullableField
}

// value draws one value of a scalar (or enum) for operator op: mostly one the data holds (a
// part of one for contains/startsWith/endsWith), sometimes one it does not.
func (g *Gen) value(scalar string, vals []any, op string) any {
	if d := g.s.Lib.Types[scalar]; d != nil && d.Kind == ast.Enum {
		var names []string
		for _, v := range d.EnumValues {
			if h := g.s.Hub.Types[scalar]; h == nil || h.EnumValues.ForName(v.Name) != nil {
				names = append(names, v.Name)
			}
		}
		var present []string
		for _, v := range vals {
			if s, ok := v.(string); ok && slices.Contains(names, s) {
				present = append(present, s)
			}
		}
		if len(present) > 0 && g.chance(0.85) {
			return enum(pick(g, present))
		}
		return enum(pick(g, names))
	}
	switch scalar {
	case "Int", "Float":
		return g.number(scalar, vals)
	case "Boolean":
		return g.chance(0.5)
	}
	var strs []string
	for _, v := range vals {
		if s, ok := v.(string); ok {
			strs = append(strs, s)
		}
	}
	if len(strs) == 0 || g.chance(0.08) {
		return pick(g, []string{"zz-none", "不存在", ""})
	}
	s := []rune(pick(g, strs))
	n := 1 + g.rng.IntN(min(3, len(s)+1))
	n = min(n, len(s))
	switch op {
	case "contains":
		i := g.rng.IntN(len(s) - n + 1)
		return string(s[i : i+n])
	case "startsWith":
		return string(s[:n])
	case "endsWith":
		return string(s[len(s)-n:])
	}
	return string(s)
}

// aggregatePredicates counts the comparisons inside aggregation filters (<field>Aggregate, or
// a connection filter's aggregate: count and node aggregates) in a filter literal.
func aggregatePredicates(v any, inside bool) int {
	n := 0
	switch x := v.(type) {
	case obj:
		for _, f := range x {
			if inside && slices.Contains([]string{"eq", "in", "lt", "lte", "gt", "gte"}, f.k) {
				n++
				continue
			}
			n += aggregatePredicates(f.v, inside || strings.HasSuffix(f.k, "Aggregate") || f.k == "aggregate")
		}
	case []any:
		for _, e := range x {
			n += aggregatePredicates(e, inside)
		}
	}
	return n
}

// asObj returns a filter literal as an object (nil for another value).
func asObj(v any) obj {
	o, _ := v.(obj)
	return o
}
