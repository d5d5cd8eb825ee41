package store

import (
	"fmt"
	"strconv"

	"github.com/reformhub/hub/internal/reform"
)

// Aggregation filters on relationship fields (`departmentsAggregate: {count: …, node: …}`).

// relationAggregate compiles an aggregation filter on a relationship field (v7's
// `departmentsAggregate: {count: {gt: 2}, node: {name: {shortestLength: {lt: 4}}}}`): count is
// the number of distinct related entities (a COUNT subquery), node compares aggregates of
// their fields (a COLLECT subquery holding one aggregated value); AND, OR and NOT combine.
// In a connection filter (conn: v7 7.x's `departmentsConnection: {aggregate: {…}}`) count
// is an object of `nodes` (the distinct related entities, as above) and `edges` (the
// relationships); node is the same.
func (c *compiler) relationAggregate(v, name string, rel reform.Relation, w map[string]any, conn bool, depth int) (string, error) {
	c.vars++
	x := c.ns + "n" + strconv.Itoa(c.vars)
	agg := &aggregateFilter{name: name, rel: rel, x: x, match: "MATCH " + c.p.pattern(v, rel, x), conn: conn}
	return c.aggregateWhere(agg, w, depth+1)
}

// aggregateFilter is one `<field>Aggregate` filter (or the `aggregate` of a connection filter,
// conn): the related entities are the x matched by match, one row per relationship.
type aggregateFilter struct {
	name  string
	rel   reform.Relation
	x     string
	match string
	conn  bool
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
			if a.conn {
				return c.connCount(a, ops)
			}
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

// connCount compiles the count of a connection's aggregation filter (v7's
// ConnectionAggregationCountFilterInput): `nodes` compares the number of distinct related
// entities, `edges` the number of relationships (they differ only on a field that follows
// several relationship types to one entity, as Leader.departments: LEADS and MEMBER_OF).
func (c *compiler) connCount(a *aggregateFilter, w map[string]any) (string, error) {
	var parts []string
	for _, k := range sortedKeys(w) {
		raw := w[k]
		if raw == nil {
			continue
		}
		var expr string
		switch k {
		case "nodes":
			expr = "COUNT { " + a.match + " RETURN DISTINCT " + a.x + " }"
		case "edges":
			expr = "COUNT { " + a.match + " }"
		default:
			return "", badInput("unknown count field %q on %s (nodes, edges)", k, a.name)
		}
		ops, ok := raw.(map[string]any)
		if !ok {
			return "", badInput("%s.count.%s takes an object of operators", a.name, k)
		}
		s, err := c.countOps(expr, ops)
		if err != nil {
			return "", err
		}
		if s != "" {
			parts = append(parts, s)
		}
	}
	return joinParts(parts, " AND "), nil
}

func (c *compiler) aggregateNode(a *aggregateFilter, w map[string]any, depth int) (string, error) {
	if depth > maxWhereDepth {
		return "", badInput("where is nested deeper than %d levels", maxWhereDepth)
	}
	return c.combine(w, depth, func(m map[string]any, d int) (string, error) {
		return c.aggregateNode(a, m, d)
	}, func(field string, val any, _ int) (string, error) {
		kind, ok := filterField(a.rel.Target, field)
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
				fmt.Sprintf(spec.fn, c.p.prop(a.x, field)) + " })"
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
