package store

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// maxWhereDepth bounds the nesting of a where tree (AND/OR/NOT and relationship filters), so
// that no request builds an unbounded statement.
const maxWhereDepth = 12

// params collects the parameters of one statement; user values only ever go here.
type params struct {
	m map[string]any
	n int
}

func newParams() *params { return &params{m: map[string]any{}} }

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
	return c.combine(w, depth,
		func(m map[string]any, d int) (string, error) { return c.where(t, v, m, d) },
		func(k string, val any, d int) (string, error) { return c.field(t, v, k, val, d) })
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
	ops, ok := val.(map[string]any)
	if !ok {
		return "", badInput("filter %q takes an object of operators", name)
	}
	if name == "type" && t == "" {
		return c.typeFilter(v, ops)
	}
	if kind, ok := reform.ScalarField(t, name); ok {
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
				return c.relationAggregate(v, name, rel, ops, depth)
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
	prop := v + "." + name // name is a known field: it comes from reform's fixed table
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
		parts = append(parts, prop+cypherOp[op]+c.p.add(x))
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
		parts = append(parts, "any(l IN labels("+v+") WHERE l IN "+c.p.add(labels)+")")
	}
	for op := range ops {
		if op != "eq" && op != "in" {
			return "", badInput("operator %q does not apply to field \"type\"", op)
		}
	}
	return joinParts(parts, " AND "), nil
}

// pattern returns the relationship pattern from v to w for rel, e.g.
// `(n)-[:LEADS|MEMBER_OF]->(n1:Department)`. Types and labels come from reform's tables.
func pattern(v string, rel reform.Relation, w string) string {
	types := make([]string, len(rel.Types))
	for i, t := range rel.Types {
		types[i] = string(t)
	}
	label := reform.EntityLabel
	if rel.Target != "" {
		label = string(rel.Target)
	}
	left, right := "-", "->"
	if !rel.Out {
		left, right = "<-", "-"
	}
	return "(" + v + ")" + left + "[:" + strings.Join(types, "|") + "]" + right + "(" + w + ":" + label + ")"
}

func (c *compiler) relation(v, name string, rel reform.Relation, ops map[string]any, depth int) (string, error) {
	keys := slices.Sorted(maps.Keys(ops))
	var parts []string
	for _, q := range keys {
		raw := ops[q]
		if raw == nil {
			continue
		}
		sub, ok := raw.(map[string]any)
		if !ok {
			return "", badInput("%s.%s takes an object", name, q)
		}
		c.vars++
		w := c.ns + "n" + strconv.Itoa(c.vars)
		pred, err := c.where(rel.Target, w, sub, depth+1)
		if err != nil {
			return "", err
		}
		s, err := quantified(name, q, "MATCH "+pattern(v, rel, w), pred, w)
		if err != nil {
			return "", err
		}
		if s != "" {
			parts = append(parts, s)
		}
	}
	return joinParts(parts, " AND "), nil
}

func where(pred string) string {
	if pred == "" {
		return ""
	}
	return " WHERE " + pred
}

// orderBy returns the ORDER BY clause for sort keys over variable v of type t; the id is
// always the last key, so the order is total and stable.
func orderBy(t reform.EntityType, v string, sort []plan.SortKey) (string, error) {
	var keys []string
	for _, k := range sort {
		if _, ok := reform.ScalarField(t, k.Field); !ok || k.On != "" {
			return "", badInput("unknown sort field %q on %s", k.Field, typeName(t))
		}
		if err := checkDirection(k.Dir); err != nil {
			return "", err
		}
		keys = append(keys, v+"."+k.Field+" "+k.Dir)
	}
	keys = append(keys, v+".id ASC")
	return " ORDER BY " + strings.Join(keys, ", "), nil
}

func checkDirection(dir string) error {
	if dir != "ASC" && dir != "DESC" {
		return badInput("sort direction must be ASC or DESC, not %q", dir)
	}
	return nil
}

// patternRel is pattern with the relationship bound to variable r.
func patternRel(v string, rel reform.Relation, r, w string) string {
	s := pattern(v, rel, w)
	return strings.Replace(s, "[:", "["+r+":", 1)
}

// compileConnWhere compiles the where tree of a relationship-field connection: `node` filters
// the related entity n (of type t), `edge` the relationship r; AND, OR, NOT combine them.
func compileConnWhere(t reform.EntityType, n, r string, w map[string]any, p *params) (string, error) {
	c := &compiler{p: p}
	return c.connWhere(t, n, r, w, 0)
}

func (c *compiler) connWhere(t reform.EntityType, n, r string, w map[string]any, depth int) (string, error) {
	if depth > maxWhereDepth {
		return "", badInput("where is nested deeper than %d levels", maxWhereDepth)
	}
	return c.combine(w, depth, func(m map[string]any, d int) (string, error) {
		return c.connWhere(t, n, r, m, d)
	}, func(k string, val any, d int) (string, error) {
		m, ok := val.(map[string]any)
		if !ok {
			return "", badInput("%s takes an object", k)
		}
		switch k {
		case "node":
			return c.where(t, n, m, d+1)
		case "edge":
			return c.edgeWhere(r, m, d+1)
		}
		return "", badInput("unknown connection filter field %q (node, edge, AND, OR, NOT)", k)
	})
}

// combine walks the keys of w in a fixed order: AND, OR and NOT recurse through sub, every
// other key goes to leaf; the parts are joined with AND.
func (c *compiler) combine(w map[string]any, depth int, sub func(map[string]any, int) (string, error), leaf func(string, any, int) (string, error)) (string, error) {
	keys := slices.Sorted(maps.Keys(w))
	var parts []string
	for _, k := range keys {
		val := w[k]
		if val == nil {
			continue
		}
		var (
			s   string
			err error
		)
		switch k {
		case "AND", "OR":
			list, ok := val.([]any)
			if !ok {
				if m, isMap := val.(map[string]any); isMap {
					list = []any{m}
				} else {
					return "", badInput("%s takes a list of objects", k)
				}
			}
			var subs []string
			for _, item := range list {
				m, ok := item.(map[string]any)
				if !ok {
					return "", badInput("%s takes a list of objects", k)
				}
				x, err := sub(m, depth+1)
				if err != nil {
					return "", err
				}
				if x == "" {
					x = "true"
				}
				subs = append(subs, x)
			}
			switch {
			case len(subs) > 0:
				s = joinParts(subs, " "+k+" ")
			case k == "OR":
				s = "false"
			}
		case "NOT":
			m, ok := val.(map[string]any)
			if !ok {
				return "", badInput("NOT takes an object")
			}
			s, err = sub(m, depth+1)
			s = negate(s)
		default:
			s, err = leaf(k, val, depth)
		}
		if err != nil {
			return "", err
		}
		if s != "" {
			parts = append(parts, s)
		}
	}
	return joinParts(parts, " AND "), nil
}

// edgeWhere filters relationship r on its type, implied flag and note.
func (c *compiler) edgeWhere(r string, w map[string]any, depth int) (string, error) {
	if depth > maxWhereDepth {
		return "", badInput("where is nested deeper than %d levels", maxWhereDepth)
	}
	return c.combine(w, depth, func(m map[string]any, d int) (string, error) {
		return c.edgeWhere(r, m, d)
	}, func(k string, val any, _ int) (string, error) {
		ops, ok := val.(map[string]any)
		if !ok {
			return "", badInput("edge filter %q takes an object of operators", k)
		}
		switch k {
		case "type":
			return c.relTypeFilter(r, ops)
		case "implied":
			return c.boolFilter("coalesce("+r+".implied, false)", ops)
		case "note":
			return c.stringOps(r+".note", "note", ops)
		}
		return "", badInput("unknown edge filter field %q (type, implied, note)", k)
	})
}

func (c *compiler) relTypeFilter(r string, ops map[string]any) (string, error) {
	var parts []string
	for _, op := range sortedKeys(ops) {
		raw := ops[op]
		if raw == nil {
			if op == "eq" {
				parts = append(parts, "false") // every relationship has a type
			}
			continue
		}
		var list []any
		switch op {
		case "eq":
			list = []any{raw}
		case "in":
			l, ok := raw.([]any)
			if !ok {
				return "", badInput("type.in takes a list")
			}
			list = l
		default:
			return "", badInput("operator %q does not apply to the relationship type", op)
		}
		types := make([]string, 0, len(list))
		for _, item := range list {
			s, ok := item.(string)
			if !ok || !reform.RelType(s).Valid() {
				return "", badInput("unknown relationship type %v", item)
			}
			types = append(types, s)
		}
		parts = append(parts, "type("+r+") IN "+c.p.add(types))
	}
	return joinParts(parts, " AND "), nil
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

// relationConn compiles a quantifier over the edges of a relationship field (`tasksConnection:
// {some: {node: …, edge: …}}`).
func (c *compiler) relationConn(v, name string, rel reform.Relation, ops map[string]any, depth int) (string, error) {
	var parts []string
	for _, q := range sortedKeys(ops) {
		raw := ops[q]
		if raw == nil {
			continue
		}
		sub, ok := raw.(map[string]any)
		if !ok {
			return "", badInput("%s.%s takes an object", name, q)
		}
		c.vars++
		w := c.ns + "n" + strconv.Itoa(c.vars)
		r := c.ns + "r" + strconv.Itoa(c.vars)
		pred, err := c.connWhere(rel.Target, w, r, sub, depth+1)
		if err != nil {
			return "", err
		}
		match := "MATCH " + patternRel(v, rel, r, w)
		s, err := quantified(name, q, match, pred, "")
		if err != nil {
			return "", err
		}
		if s != "" {
			parts = append(parts, s)
		}
	}
	return joinParts(parts, " AND "), nil
}

// quantified returns the some/none/all/single predicate over the matches of match. single
// counts the distinct entities bound to distinct when it is given (a relationship field that
// follows several types may reach one entity twice), else the matches (edges).
func quantified(name, q, match, pred, distinct string) (string, error) {
	switch q {
	case "some":
		return "EXISTS { " + match + where(pred) + " }", nil
	case "none":
		return "NOT EXISTS { " + match + where(pred) + " }", nil
	case "all":
		if pred == "" {
			return "", nil // every related entity matches an empty filter
		}
		return "NOT EXISTS { " + match + " WHERE " + negate(pred) + " }", nil
	case "single":
		if distinct != "" {
			return "COUNT { " + match + where(pred) + " RETURN DISTINCT " + distinct + " } = 1", nil
		}
		return "COUNT { " + match + where(pred) + " } = 1", nil
	}
	return "", badInput("relationship filter %q takes some, none, all or single, not %q", name, q)
}

// orderByConn is orderBy for a relationship-field connection: each key is On `node` (a field
// of the related entity n) or `edge` (type or implied of relationship r). The entity id and the
// relationship type end the order, so it is total.
func orderByConn(t reform.EntityType, n, r string, sort []plan.SortKey) (string, error) {
	var keys []string
	for _, k := range sort {
		if err := checkDirection(k.Dir); err != nil {
			return "", err
		}
		switch {
		case k.On == "node":
			if _, ok := reform.ScalarField(t, k.Field); !ok {
				return "", badInput("unknown sort field %q on %s", k.Field, typeName(t))
			}
			keys = append(keys, n+"."+k.Field+" "+k.Dir)
		case k.On == "edge" && k.Field == "type":
			keys = append(keys, "type("+r+") "+k.Dir)
		case k.On == "edge" && k.Field == "implied":
			keys = append(keys, "coalesce("+r+".implied, false) "+k.Dir)
		default:
			return "", badInput("unknown connection sort key %s.%s", k.On, k.Field)
		}
	}
	keys = append(keys, n+".id ASC", "type("+r+") ASC")
	return " ORDER BY " + strings.Join(keys, ", "), nil
}

// negate returns NOT pred; the empty filter matches everything, so its negation is false.
func negate(pred string) string {
	if pred == "" {
		return "false"
	}
	// Comparisons are null on a missing value, and AND/OR over them are Kleene's: such a
	// predicate is true, false or null, and null filters a row out just as false does.
	// Counting null as false here makes NOT the exact complement. (For a predicate of ANDs and
	// ORs over comparisons and such NOTs, coalesce(p, false) equals p evaluated with every
	// missing comparison false: null means some completion is true and some false, and the
	// all-false one is false because AND and OR are monotone.)
	return "NOT coalesce((" + pred + "), false)"
}

// relationAggregate compiles an aggregation filter on a relationship field (v7's
// `departmentsAggregate: {count: {gt: 2}, node: {name: {shortestLength: {lt: 4}}}}`): count is
// the number of distinct related entities (a COUNT subquery), node compares aggregates of
// their fields (a COLLECT subquery holding one aggregated value); AND, OR and NOT combine.
func (c *compiler) relationAggregate(v, name string, rel reform.Relation, w map[string]any, depth int) (string, error) {
	c.vars++
	x := c.ns + "n" + strconv.Itoa(c.vars)
	agg := &aggregateFilter{name: name, rel: rel, x: x, match: "MATCH " + pattern(v, rel, x)}
	return c.aggregateWhere(agg, w, depth+1)
}

// aggregateFilter is one `<field>Aggregate` filter: the related entities are the x matched by
// match.
type aggregateFilter struct {
	name  string
	rel   reform.Relation
	x     string
	match string
}

func (c *compiler) aggregateWhere(a *aggregateFilter, w map[string]any, depth int) (string, error) {
	if depth > maxWhereDepth {
		return "", badInput("where is nested deeper than %d levels", maxWhereDepth)
	}
	return c.combine(w, depth, func(m map[string]any, d int) (string, error) {
		return c.aggregateWhere(a, m, d)
	}, func(k string, val any, d int) (string, error) {
		ops, ok := val.(map[string]any)
		if !ok {
			return "", badInput("%s.%s takes an object", a.name, k)
		}
		switch k {
		case "count":
			return c.countOps("COUNT { "+a.match+" RETURN DISTINCT "+a.x+" }", ops)
		case "node":
			return c.aggregateNode(a, ops, d+1)
		}
		return "", badInput("unknown aggregation filter field %q on %s (count, node, AND, OR, NOT)", k, a.name)
	})
}

// aggregators are the aggregates a field kind takes, each with its Cypher over the value
// expression, and the kind of the aggregated value.
var aggregators = map[reform.FieldKind]map[string]struct {
	fn   string
	kind reform.FieldKind
}{
	reform.KindString: {
		"averageLength":  {"avg(size(%s))", reform.KindFloat},
		"shortestLength": {"min(size(%s))", reform.KindInt},
		"longestLength":  {"max(size(%s))", reform.KindInt},
	},
	reform.KindInt: {
		"average": {"avg(%s)", reform.KindFloat}, "min": {"min(%s)", reform.KindInt},
		"max": {"max(%s)", reform.KindInt}, "sum": {"sum(%s)", reform.KindInt},
	},
	reform.KindFloat: {
		"average": {"avg(%s)", reform.KindFloat}, "min": {"min(%s)", reform.KindFloat},
		"max": {"max(%s)", reform.KindFloat}, "sum": {"sum(%s)", reform.KindFloat},
	},
}

func (c *compiler) aggregateNode(a *aggregateFilter, w map[string]any, depth int) (string, error) {
	if depth > maxWhereDepth {
		return "", badInput("where is nested deeper than %d levels", maxWhereDepth)
	}
	return c.combine(w, depth, func(m map[string]any, d int) (string, error) {
		return c.aggregateNode(a, m, d)
	}, func(field string, val any, _ int) (string, error) {
		kind, ok := reform.ScalarField(a.rel.Target, field)
		fns := aggregators[kind]
		if !ok || fns == nil {
			return "", badInput("%s.node: no aggregates of field %q on %s", a.name, field, typeName(a.rel.Target))
		}
		aggs, ok := val.(map[string]any)
		if !ok {
			return "", badInput("%s.node.%s takes an object", a.name, field)
		}
		var parts []string
		for _, fn := range sortedKeys(aggs) {
			raw := aggs[fn]
			if raw == nil {
				continue
			}
			spec, ok := fns[fn]
			if !ok {
				return "", badInput("aggregate %q does not apply to field %q", fn, field)
			}
			ops, ok := raw.(map[string]any)
			if !ok {
				return "", badInput("%s.node.%s.%s takes an object of operators", a.name, field, fn)
			}
			// field is a known field name from reform's table; fn an allowlisted function.
			value := "head(COLLECT { " + a.match + " WITH DISTINCT " + a.x + " RETURN " +
				fmt.Sprintf(spec.fn, a.x+"."+field) + " })"
			s, err := c.aggregateOps(value, spec.kind, ops)
			if err != nil {
				return "", err
			}
			if s != "" {
				parts = append(parts, s)
			}
		}
		return joinParts(parts, " AND "), nil
	})
}

// aggregateOps compares an aggregated value, null when no related entity has the field (a sum
// is then 0): comparisons on null are false (two-valued), `eq: null` holds exactly for null.
func (c *compiler) aggregateOps(expr string, kind reform.FieldKind, ops map[string]any) (string, error) {
	var parts []string
	for _, op := range sortedKeys(ops) {
		raw := ops[op]
		if raw == nil {
			if op == "eq" {
				parts = append(parts, expr+" IS NULL")
			}
			continue
		}
		var (
			x   any
			err error
		)
		switch op {
		case "in":
			list, ok := raw.([]any)
			if !ok {
				return "", badInput("in takes a list")
			}
			vals := make([]any, 0, len(list))
			for _, item := range list {
				y, err := scalarValue("aggregate", kind, item)
				if err != nil {
					return "", err
				}
				vals = append(vals, y)
			}
			x = vals
		case "eq", "lt", "lte", "gt", "gte":
			x, err = scalarValue("aggregate", kind, raw)
			if err != nil {
				return "", err
			}
		default:
			return "", badInput("operator %q does not apply to an aggregate", op)
		}
		cop := cypherOp[op]
		if op == "in" {
			cop = " IN "
		}
		parts = append(parts, "coalesce("+expr+cop+c.p.add(x)+", false)")
	}
	return joinParts(parts, " AND "), nil
}

// countOps applies the integer operators to a count, which is never missing: `eq: null` is
// false.
func (c *compiler) countOps(expr string, ops map[string]any) (string, error) {
	var parts []string
	for _, op := range sortedKeys(ops) {
		raw := ops[op]
		if raw == nil {
			if op == "eq" {
				parts = append(parts, "false")
			}
			continue
		}
		switch op {
		case "in":
			list, ok := raw.([]any)
			if !ok {
				return "", badInput("count.in takes a list")
			}
			vals := make([]int64, 0, len(list))
			for _, item := range list {
				n, ok := toInt64(item)
				if !ok {
					return "", badInput("count takes integers")
				}
				vals = append(vals, n)
			}
			parts = append(parts, expr+" IN "+c.p.add(vals))
		case "eq", "lt", "lte", "gt", "gte":
			n, ok := toInt64(raw)
			if !ok {
				return "", badInput("count takes an integer")
			}
			parts = append(parts, expr+cypherOp[op]+c.p.add(n))
		default:
			return "", badInput("operator %q does not apply to count", op)
		}
	}
	return joinParts(parts, " AND "), nil
}
