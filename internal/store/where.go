package store

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/reformhub/hub/internal/reform"
)

// maxWhereDepth bounds the nesting of a where tree (AND/OR/NOT and relationship filters), so
// that no request builds an unbounded statement.
const maxWhereDepth = 12

// params collects the parameters of one statement; user values only ever go here.
type params struct {
	m map[string]any
	n int
	// The snapshot the statement reads (snapshot.go): its data version and whether a version
	// is pending (pattern.go's pending mode).
	dv      int64
	pending bool
	// vis: the caller may not see every document (visibility.go): every pattern carries the
	// visibility condition over $vis (pattern.go's filtered mode).
	vis   bool
	anons int // anonymous variables named so far (pattern.go)
	// substringsUnindexed: contains and endsWith filters compile to toString(prop) CONTAINS
	// (ENDS WITH), a form no index planner takes up; the second try of a statement that met
	// Neo4j's planner fault substringIndexFault (read_root.go).
	substringsUnindexed bool
}

// filter puts the statement in filtered mode over what v lets the caller see (nil: nothing
// is hidden, plain statements).
func (p *params) filter(v *visibility) {
	if v != nil {
		p.vis = true
		// The visible documents as a list ($vis: a document's own id) and as a map from id to
		// true ($vism: a fact's evidence, looked up per document); the datasets with one.
		p.m["vis"], p.m["vism"], p.m["visds"] = v.docs, v.vism, v.visds
	}
}

// visParams match the visibility parameters a statement names.
var visParams = regexp.MustCompile(`\$(vis|vism|visds)\b`)

// dropUnusedVisibility removes the visibility parameters that cypher does not name: each is
// as long as the visible documents are many (tens of kilobytes on a large corpus), and every
// statement would otherwise carry all three to Neo4j.
func (p *params) dropUnusedVisibility(cypher string) {
	if !p.vis {
		return
	}
	used := map[string]bool{}
	for _, m := range visParams.FindAllStringSubmatch(cypher, -1) {
		used[m[1]] = true
	}
	for _, k := range []string{"vis", "vism", "visds"} {
		if !used[k] {
			delete(p.m, k)
		}
	}
}

// guarded reports whether every pattern carries conditions (pending or filtered mode): the
// count store cannot answer, and expansions are quantified groups.
func (p *params) guarded() bool { return p.pending || p.vis }

func newParams() *params { return &params{m: map[string]any{}} }

// newParamsAt returns the parameters of a statement read at data version dv, in pending mode
// when pending.
func newParamsAt(dv int64, pending bool) *params {
	return &params{m: map[string]any{}, dv: dv, pending: pending}
}

// add stores v under a fresh name and returns the name with its `$`.
func (p *params) add(v any) string {
	name := "p" + strconv.Itoa(p.n)
	p.n++
	p.m[name] = v
	return "$" + name
}

// compiler turns a GraphQL where tree into a Cypher predicate.
type compiler struct {
	p    *params
	vars int // variables used so far (n, n1, n2 …)
	// ns prefixes the variables the compiler introduces (empty: n1, n2 …), so that filters
	// compiled for different levels of one planned statement never share a variable.
	ns string
	// In filtered mode (and not pending), the entity variables whose filter is being
	// compiled (owned), and those of them whose filter read a property from their visible
	// assertions (remerged, with the names of those properties): see ownWhere.
	owned    map[string]bool
	remerged map[string][]string
}

func badInput(format string, args ...any) error {
	return fmt.Errorf("%w: %s", reform.ErrInvalidInput, fmt.Sprintf(format, args...))
}

// compileWhere returns the predicate (empty when the filter is empty) over variable v of type
// t for the where tree w, of plain values as the GraphQL edge coerces it (maps of input
// objects; strings, int64, float64, bool, []any). Field names,
// operators and enum values are checked against the fixed lists of package reform.
func compileWhere(t reform.EntityType, v string, w map[string]any, p *params) (string, error) {
	c := &compiler{p: p}
	return c.where(t, v, w, 0)
}

func (c *compiler) where(t reform.EntityType, v string, w map[string]any, depth int) (string, error) {
	if depth > maxWhereDepth {
		return "", badInput("where is nested deeper than %d levels", maxWhereDepth)
	}
	if c.p.vis && !c.p.pending && !c.owned[v] {
		return c.ownWhere(t, v, w, depth)
	}
	return c.combine(w, depth,
		func(m map[string]any, d int) (string, error) { return c.where(t, v, m, d) },
		func(k string, val any, d int) (string, error) { return c.field(t, v, k, val, d) })
}

// ownWhere is where for the variable v of an entity in filtered mode, when no enclosing
// call compiles v's filter. A property the caller sees is merged again from the entity's
// visible assertions when some of its datasets are hidden (params.prop): a COLLECT subquery
// per reference, and a filter can reference many. Neo4j plans each subquery on its own, and
// planning a statement of a dozen or more took it tens of seconds (40 s for one filter of the
// access oracle, whose execution took 0.2 s) — a request that holds a Neo4j core while it is
// planned. So here the visible assertions of v are read once, into vis_v, and the filter's
// properties are taken from that list (remergedProp): the filter is wrapped as
// EXISTS { UNWIND [<assertions>] AS vis_v WITH * WHERE <filter> }. (Not as any(vis_v IN
// [<assertions>] WHERE <filter>): Neo4j refuses an aggregate filter's subquery inside an
// expression over a list.) That is false where the filter is null, which every filter's
// consumer reads as false already: a WHERE, and negate, which every NOT goes through. A
// top-level id filter stays outside, where an index can serve it.
func (c *compiler) ownWhere(t reform.EntityType, v string, w map[string]any, depth int) (string, error) {
	if c.owned == nil {
		c.owned, c.remerged = map[string]bool{}, map[string][]string{}
	}
	c.owned[v] = true
	defer delete(c.owned, v)
	var idPart string
	if id, ok := w[propID]; ok && id != nil {
		rest := maps.Clone(w)
		delete(rest, propID)
		var err error
		if idPart, err = c.field(t, v, propID, id, depth); err != nil {
			return "", err
		}
		w = rest
	}
	pred, err := c.where(t, v, w, depth)
	if err != nil || pred == "" {
		return joinParts(nonEmpty(idPart), " AND "), err
	}
	if names, ok := c.remerged[v]; ok {
		delete(c.remerged, v)
		remerged := "EXISTS { UNWIND [" + c.p.visibleAssertions(v) + "] AS vis_" + v + " WITH * WHERE " + pred + " }"
		if own, ok := ownPropsFilter(v, pred, names); ok {
			remerged = "CASE WHEN (" + v + ".datasets)[1] IS NULL THEN coalesce(" + own + ", false) ELSE " + remerged + " END"
		}
		pred = remerged
	}
	return joinParts(nonEmpty(idPart, pred), " AND "), nil
}

// ownPropsFilter is filter (ownWhere's, over the list vis_v) as it reads for an entity v of
// one dataset, whose properties are its own: each of v's remerged properties (names) written
// v.name. An entity of one dataset is most of them, and this form spares it the EXISTS
// subquery (an Apply per row: a fifth of a filtered list's time at M). ok is false when the
// filter holds a subquery (a relationship or aggregate filter: written twice, it would be
// planned twice) or reads vis_v otherwise.
func ownPropsFilter(v, filter string, names []string) (string, bool) {
	if strings.Contains(filter, "MATCH ") || strings.Contains(filter, "{ UNWIND ") {
		return "", false
	}
	for _, name := range names {
		filter = strings.ReplaceAll(filter, fromAssertions(v, "vis_"+v, name), v+"."+name)
	}
	if strings.Contains(filter, "vis_"+v) {
		return "", false
	}
	return filter, true
}

// remergedProp is params.prop for a filter of v compiled by ownWhere: the property as the
// caller sees it, taken from v's visible assertions (vis_v, read once) when some of its
// datasets are hidden.
func (c *compiler) remergedProp(v, name string) string {
	if !c.owned[v] || slices.Contains(provenance, name) || isPendingKey(name) {
		return c.p.prop(v, name)
	}
	if !slices.Contains(c.remerged[v], name) {
		c.remerged[v] = append(c.remerged[v], name)
	}
	return fromAssertions(v, "vis_"+v, name)
}

// visibleAssertions is the list of the visible assertions of entity v, by dataset, when it has
// several datasets (null otherwise): what params.prop reads a property from, for a statement
// that reads several (fromAssertions).
func (p *params) visibleAssertions(v string) string {
	a := "vis_a"
	return "CASE WHEN (" + v + ".datasets)[1] IS NOT NULL THEN COLLECT { MATCH (" + a + ":" + labelAssertion +
		" {" + aKey + ": " + v + ".id}) WHERE " + a + "." + aKind + " = 'node' AND " + p.versioned(a) + " AND " +
		"any(vis_d IN " + a + "." + propSrcDocs + " WHERE $vism[vis_d]) WITH " + a + " ORDER BY " + a + "." + aDataset +
		" RETURN " + a + " } END"
}

// fromAssertions is the property name of entity v as the caller sees it (params.prop in
// filtered mode), read from list, v's visibleAssertions: the first visible dataset's value
// when v has several datasets, else v's own. name is a property of the fixed tables, not one
// of provenance (those params.prop reads from v itself).
func fromAssertions(v, list, name string) string {
	if slices.Contains(provenance, name) {
		return v + "." + name
	}
	return "CASE WHEN (" + v + ".datasets)[1] IS NOT NULL THEN head([vis_r IN " + list + " WHERE vis_r." + name +
		" IS NOT NULL | vis_r." + name + "]) ELSE " + v + "." + name + " END"
}

// nonEmpty returns the strings of ss that are not empty.
func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func joinParts(parts []string, op string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return "(" + strings.Join(parts, op) + ")"
}

func (c *compiler) field(t reform.EntityType, v, name string, val any, depth int) (string, error) {
	if name == "typename" && t == "" {
		return c.typenameFilter(v, val)
	}
	ops, ok := val.(map[string]any)
	if !ok {
		if !knownField(t, name) {
			return "", badInput("unknown filter field %q on %s", name, typeName(t))
		}
		return "", badInput("filter %q takes an object of operators", name)
	}
	if name == "type" && t == "" {
		return c.typeFilter(v, ops)
	}
	if name == "aliases" {
		return c.aliasesFilter(v, ops)
	}
	if kind, ok := filterField(t, name); ok {
		return c.scalar(t, v, name, kind, ops)
	}
	if t != "" {
		if rel, ok := reform.RelationField(t, name); ok {
			return c.relation(v, name, rel, ops, depth)
		}
		if base, isConn := strings.CutSuffix(name, "Connection"); isConn {
			if rel, ok := reform.RelationField(t, base); ok {
				return c.relationConn(v, name, rel, ops, depth)
			}
		}
		if base, isAgg := strings.CutSuffix(name, "Aggregate"); isAgg {
			if rel, ok := reform.RelationField(t, base); ok {
				return c.relationAggregate(v, name, rel, ops, false, depth)
			}
		}
	}
	return "", badInput("unknown filter field %q on %s", name, typeName(t))
}

func typeName(t reform.EntityType) string {
	if t == "" {
		return "Entity"
	}
	return string(t)
}

func (c *compiler) scalar(t reform.EntityType, v, name string, kind reform.FieldKind, ops map[string]any) (string, error) {
	prop := c.remergedProp(v, name) // name is a known field: it comes from reform's fixed table
	keys := slices.Sorted(maps.Keys(ops))
	var parts, isNull []string
	for _, op := range keys {
		raw := ops[op]
		if raw == nil {
			if op == "eq" {
				isNull = append(isNull, prop+" IS NULL")
			}
			continue
		}
		allowed := false
		switch op {
		case "eq", "in":
			allowed = true
		case "contains", "startsWith", "endsWith":
			allowed = kind == reform.KindString || kind == reform.KindID
		case "lt", "lte", "gt", "gte":
			allowed = kind == reform.KindInt || kind == reform.KindFloat
		}
		if !allowed {
			return "", badInput("operator %q does not apply to field %q", op, name)
		}
		if op == "in" {
			list, ok := raw.([]any)
			if !ok {
				return "", badInput("%s.in takes a list", name)
			}
			vals := make([]any, 0, len(list))
			for _, item := range list {
				x, err := checkedValue(t, name, kind, item)
				if err != nil {
					return "", err
				}
				vals = append(vals, x)
			}
			parts = append(parts, prop+" IN "+c.p.add(vals))
			continue
		}
		x, err := checkedValue(t, name, kind, raw)
		if err != nil {
			return "", err
		}
		lhs := prop
		if c.p.substringsUnindexed && (op == "contains" || op == "endsWith") {
			lhs = "toString(" + prop + ")" // a string (or null) already: the same truth value
		}
		parts = append(parts, lhs+cypherOp[op]+c.p.add(x))
	}
	return joinParts(append(twoValued(prop, name, parts), isNull...), " AND "), nil
}

// twoValued returns the comparisons on prop, ANDed. A comparison on a missing value is null,
// not false; every NOT goes through negate, which counts null as false, so `NOT x` is still
// exactly the complement of `x` (see negate) without a guard on every comparison.
func twoValued(_, _ string, parts []string) []string {
	if len(parts) <= 1 {
		return parts
	}
	return []string{"(" + strings.Join(parts, " AND ") + ")"}
}

var cypherOp = map[string]string{
	"eq": " = ", "contains": " CONTAINS ", "startsWith": " STARTS WITH ", "endsWith": " ENDS WITH ",
	"lt": " < ", "lte": " <= ", "gt": " > ", "gte": " >= ",
}

// checkedValue is scalarValue that also checks enum values against reform's lists.
func checkedValue(t reform.EntityType, name string, kind reform.FieldKind, raw any) (any, error) {
	x, err := scalarValue(name, kind, raw)
	if err != nil || kind != reform.KindEnum {
		return x, err
	}
	s, ok := x.(string)
	if !ok {
		return nil, badInput("filter %q takes a string", name)
	}
	if f, _ := reform.TypeField(t, name); !slices.Contains(f.Enum, s) {
		return nil, badInput("%q is not a value of %s.%s", s, t, name)
	}
	return s, nil
}

// scalarValue converts one filter value to the Go type Neo4j stores for the field kind.
func scalarValue(name string, kind reform.FieldKind, raw any) (any, error) {
	switch kind {
	case reform.KindInt:
		n, ok := toInt64(raw)
		if !ok {
			return nil, badInput("filter %q takes an integer", name)
		}
		return n, nil
	case reform.KindFloat:
		f, ok := toFloat64(raw)
		if !ok {
			return nil, badInput("filter %q takes a number", name)
		}
		return f, nil
	default:
		s, ok := raw.(string)
		if !ok {
			return nil, badInput("filter %q takes a string", name)
		}
		return s, nil
	}
}

// toInt64 reads an integer filter value: the GraphQL edge hands over plain values (see
// graph's coerce), and a whole float64 is an integer too.
func toInt64(raw any) (int64, bool) {
	switch x := raw.(type) {
	case int64:
		return x, true
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), true
		}
	}
	return 0, false
}

// toFloat64 reads a number filter value (int64 or float64).
func toFloat64(raw any) (float64, bool) {
	switch x := raw.(type) {
	case float64:
		return x, true
	case int64:
		return float64(x), true
	}
	return 0, false
}

// typeFilter filters "any entity" by its type label.
func (c *compiler) typeFilter(v string, ops map[string]any) (string, error) {
	var parts []string
	for _, op := range []string{"eq", "in"} {
		raw := ops[op]
		if raw == nil {
			if _, given := ops[op]; given && op == "eq" {
				parts = append(parts, "false") // every entity has a type
			}
			continue
		}
		list, ok := raw.([]any)
		if op == "eq" {
			list = []any{raw}
		} else if !ok {
			return "", badInput("type.in takes a list")
		}
		labels := make([]string, 0, len(list))
		for _, item := range list {
			x, err := scalarValue("type", reform.KindEnum, item)
			if err != nil {
				return "", err
			}
			s, ok := x.(string)
			if !ok {
				return "", badInput("filter \"type\" takes a string")
			}
			if !reform.EntityType(s).Valid() {
				return "", badInput("unknown entity type %q", s)
			}
			labels = append(labels, s)
		}
		lp := c.p.add(labels)
		s := "any(l IN labels(" + v + ") WHERE l IN " + lp + ")"
		if c.p.pending {
			s = "(" + s + " OR " + v + "." + pStagedLabel + " IN " + lp + ")"
		}
		parts = append(parts, s)
	}
	for op := range ops {
		if op != "eq" && op != "in" {
			return "", badInput("operator %q does not apply to field \"type\"", op)
		}
	}
	return joinParts(parts, " AND "), nil
}

// relation compiles the quantifiers of a relationship filter (`departments: {some: …}`); on a
// to-one field also v7's plain where of the related entity (`parent: {name: …}`), read as
// `some` of it.
func (c *compiler) relation(v, name string, rel reform.Relation, ops map[string]any, depth int) (string, error) {
	quants, plain := splitPlain(name, ops, relationQuantifiers)
	one := func(q string, sub map[string]any) (string, error) {
		c.vars++
		w := c.ns + "n" + strconv.Itoa(c.vars)
		pred, err := c.where(rel.Target, w, sub, depth+1)
		if err != nil {
			return "", err
		}
		return quantified(name, q, "MATCH "+c.p.pattern(v, rel, w), pred, w)
	}
	var parts []string
	for _, q := range slices.Sorted(maps.Keys(quants)) {
		raw := quants[q]
		if !slices.Contains(relationQuantifiers, q) {
			return "", badInput("relationship filter %q takes some, none, all or single, not %q", name, q)
		}
		if raw == nil {
			continue
		}
		sub, ok := raw.(map[string]any)
		if !ok {
			return "", badInput("%s.%s takes an object", name, q)
		}
		s, err := one(q, sub)
		if err != nil {
			return "", err
		}
		if s != "" {
			parts = append(parts, s)
		}
	}
	if plain != nil {
		s, err := one("some", plain)
		if err != nil {
			return "", err
		}
		parts = append(parts, s)
	}
	return joinParts(parts, " AND "), nil
}

func where(pred string) string {
	if pred == "" {
		return ""
	}
	return " WHERE " + pred
}

func (c *compiler) boolFilter(expr string, ops map[string]any) (string, error) {
	var parts []string
	for _, op := range sortedKeys(ops) {
		raw := ops[op]
		if op != "eq" {
			return "", badInput("operator %q does not apply to a Boolean", op)
		}
		b, ok := raw.(bool)
		if raw != nil && !ok {
			return "", badInput("a Boolean filter takes true or false")
		}
		if raw == nil {
			parts = append(parts, "false") // implied is never missing (absent means false)
			continue
		}
		parts = append(parts, expr+" = "+c.p.add(b))
	}
	return joinParts(parts, " AND "), nil
}

// stringOps applies the string operators to expr (a property of a relationship).
func (c *compiler) stringOps(expr, name string, ops map[string]any) (string, error) {
	var parts, isNull []string
	for _, op := range sortedKeys(ops) {
		raw := ops[op]
		if raw == nil {
			if op == "eq" {
				isNull = append(isNull, expr+" IS NULL")
			}
			continue
		}
		if op == "in" {
			list, ok := raw.([]any)
			if !ok {
				return "", badInput("%s.in takes a list", name)
			}
			vals := make([]string, 0, len(list))
			for _, x := range list {
				s, ok := x.(string)
				if !ok {
					return "", badInput("filter %q takes strings", name)
				}
				vals = append(vals, s)
			}
			parts = append(parts, expr+" IN "+c.p.add(vals))
			continue
		}
		cop, ok := cypherOp[op]
		if !ok || op == "lt" || op == "lte" || op == "gt" || op == "gte" {
			return "", badInput("operator %q does not apply to field %q", op, name)
		}
		s, ok := raw.(string)
		if !ok {
			return "", badInput("filter %q takes a string", name)
		}
		parts = append(parts, expr+cop+c.p.add(s))
	}
	return joinParts(append(twoValued(expr, name, parts), isNull...), " AND "), nil
}

func sortedKeys(m map[string]any) []string {
	keys := slices.Sorted(maps.Keys(m))
	return keys
}
