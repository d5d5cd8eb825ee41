package store

import (
	"maps"
	"slices"
	"strconv"

	"github.com/reformhub/hub/internal/reform"
)

// The where tree of a relationship-field connection (`node`, `edge`, AND, OR, NOT), its
// quantifiers over edges, and the combinators every where tree shares.

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
			return c.boolFilter(c.p.relProp(r, "implied"), ops)
		case "note":
			return c.stringOps(c.p.relProp(r, "note"), "note", ops)
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
		parts = append(parts, c.p.relType(r)+" IN "+c.p.add(types))
	}
	return joinParts(parts, " AND "), nil
}

// relationConn compiles a quantifier over the edges of a relationship field (`tasksConnection:
// {some: {node: …, edge: …}}`), v7's aggregation filter inside it (`tasksConnection:
// {aggregate: {count: {nodes: …}}}`, see relationAggregate) and, on a to-one field, v7's plain
// connection where (`parentConnection: {node: …}`), read as `some` of it.
func (c *compiler) relationConn(v, name string, rel reform.Relation, ops map[string]any, depth int) (string, error) {
	quants, plain := splitPlain(name, ops, connQuantifiers)
	one := func(q string, sub map[string]any) (string, error) {
		if q == "aggregate" {
			return c.relationAggregate(v, name+".aggregate", rel, sub, true, depth)
		}
		c.vars++
		w := c.ns + "n" + strconv.Itoa(c.vars)
		r := c.ns + "r" + strconv.Itoa(c.vars)
		pred, err := c.connWhere(rel.Target, w, r, sub, depth+1)
		if err != nil {
			return "", err
		}
		match := "MATCH " + c.p.patternRel(v, "", rel, r, w)
		return quantified(name, q, match, pred, "")
	}
	var parts []string
	for _, q := range sortedKeys(quants) {
		raw := quants[q]
		if !slices.Contains(connQuantifiers, q) {
			return "", badInput("relationship filter %q takes some, none, all, single or aggregate, not %q", name, q)
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

// quantified returns the some/none/all/single predicate over the matches of match (all: some
// match, and every match matches; an empty filter is no condition). single
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
			return "", nil // every related entity matches an empty filter, as in v7
		}
		// As in v7: there is a related entity (an edge), and every one matches — over none,
		// `all` is false (the Neo4j GraphQL Library's reading, so that the same query selects
		// the same entities on both; docs/query-language.md).
		return "(EXISTS { " + match + " } AND NOT EXISTS { " + match + " WHERE " + negate(pred) + " })", nil
	case "single":
		if distinct != "" {
			return "COUNT { " + match + where(pred) + " RETURN DISTINCT " + distinct + " } = 1", nil
		}
		return "COUNT { " + match + where(pred) + " } = 1", nil
	}
	return "", badInput("relationship filter %q takes some, none, all or single, not %q", name, q)
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
