package store

import (
	"slices"
	"strings"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// ORDER BY of lists and connections: sort keys checked against the fixed field tables, the
// id always last so that every order is total.

// orderTerm is one key of an ORDER BY: an expression and its direction (ASC or DESC).
type orderTerm struct{ expr, dir string }

// orderClause writes terms as an ORDER BY clause; reverse flips every direction, which gives
// exactly the reverse order (Neo4j sorts a missing value last in ASC and first in DESC).
func orderClause(terms []orderTerm, reverse bool) string {
	keys := make([]string, len(terms))
	for i, k := range terms {
		dir := k.dir
		if reverse {
			dir = map[string]string{"ASC": "DESC", "DESC": "ASC"}[dir]
		}
		keys[i] = k.expr + " " + dir
	}
	return " ORDER BY " + strings.Join(keys, ", ")
}

// orderBy returns the ORDER BY clause for sort keys over variable v of type t; the id is
// always the last key, so the order is total and stable.
func orderBy(p *params, t reform.EntityType, v string, sort []plan.SortKey) (string, error) {
	terms, err := orderTerms(p, t, v, sort)
	if err != nil {
		return "", err
	}
	return orderClause(terms, false), nil
}

// orderTerms are the keys of orderBy. A key whose field an earlier key already sorts on is
// left out (rows equal on the earlier key are equal on it too, whatever its direction), and so
// is the closing id when the sort names it: `sort: [{id: ASC}]` is `ORDER BY n.id ASC`, not
// `n.id ASC, n.id ASC`. Every key is checked, kept or not.
func orderTerms(p *params, t reform.EntityType, v string, sort []plan.SortKey) ([]orderTerm, error) {
	var terms []orderTerm
	seen := map[string]bool{}
	for _, k := range sort {
		if _, ok := filterField(t, k.Field); !ok || k.On != "" {
			return nil, badInput("unknown sort field %q on %s", k.Field, typeName(t))
		}
		if err := checkDirection(k.Dir); err != nil {
			return nil, err
		}
		if seen[k.Field] {
			continue
		}
		seen[k.Field] = true
		terms = append(terms, orderTerm{p.prop(v, k.Field), k.Dir})
	}
	if seen[propID] {
		return terms, nil
	}
	return append(terms, orderTerm{v + "." + propID, "ASC"}), nil
}

// alwaysSet are the properties every entity node of every type label has: the data format
// requires an entity's id and name (loader/entity.go: both required, a name may not be empty)
// and a document's name is its title, which its manifest requires (loader/rows.go). So
// `v.id IS NOT NULL` and `v.name IS NOT NULL` hold for every node a type label matches.
var alwaysSet = []string{propID, "name"}

// indexOrderHint returns the predicate that lets Neo4j read the entities of type t, bound to
// v, in the order of their leading sort key from a range index and stop at the page's end
// (Limit, or PartialTop on the further keys, over an ordered NodeIndexScan) instead of sorting
// every match (Top over a NodeByLabelScan): `v.id IS NOT NULL` or `v.name IS NOT NULL`; or ""
// where that is not exactly the same answer, or no index serves it.
//
// Neo4j uses a range index for order only under a predicate on its property, and a range
// index holds no node that lacks the property; `IS NOT NULL` is the weakest such predicate.
// It changes no answer exactly when every node matched has the property: when the leading key
// is one of alwaysSet. Then the rows, their order (ties included: the further keys still sort
// them), SKIP and LIMIT are the same; so are the directions (an index is read backwards for
// DESC; no value is null, so where DESC puts nulls does not arise). A leading key that may be
// missing (year, status, …) gets no hint: DESC puts the entities without it first, and no
// index finds them.
//
// Only where the sort key is the bare property v.<key> (prop): in pending mode a name is a
// CASE over the values a sync staged and the pattern matches StagedEntity too, in filtered
// mode a name is the caller's merge — no index holds either; the id is the bare property in
// both, but pending statements are left as they are (their label disjunction reads no type
// label's index). Only for a type label (the indexes are per type: schema.go) and an order
// that is a root list's or a root connection's (a relationship list expands from its parent).
//
// Only where the filter pred (empty: none) reads the entity's own properties: a filter with
// subqueries (a relationship filter, an aggregate; in filtered mode, a property merged from
// assertions) is left as it was. The answer would be the same, but the planner weighs the
// index order against every way of planning the subqueries: a random where tree of a dozen
// subqueries and ORs (TestAccessOracle's) took 17 s to plan with the hint, 12 s without.
func indexOrderHint(p *params, t reform.EntityType, v string, sort []plan.SortKey, pred string) string {
	if t == "" || p.pending || strings.Contains(pred, "MATCH ") {
		return ""
	}
	key := propID // with no sort key, the id orders
	if len(sort) > 0 {
		key = sort[0].Field
	}
	if !slices.Contains(alwaysSet, key) || (p.vis && key != propID) {
		return ""
	}
	return v + "." + key + " IS NOT NULL"
}

// withHint is the filter pred (empty: none) and the predicate hint (empty: none).
func withHint(pred, hint string) string {
	switch {
	case hint == "":
		return pred
	case pred == "":
		return hint
	}
	// pred is one part of the where compiler, which joins its parts with AND as they are.
	return pred + " AND " + hint
}

func checkDirection(dir string) error {
	if dir != "ASC" && dir != "DESC" {
		return badInput("sort direction must be ASC or DESC, not %q", dir)
	}
	return nil
}

// orderByConn is orderBy for a relationship-field connection: each key is On `node` (a field
// of the related entity n) or `edge` (type or implied of relationship r). The entity id and the
// relationship type end the order, so it is total.
func orderByConn(p *params, t reform.EntityType, n, r string, sort []plan.SortKey) (string, error) {
	terms, err := orderTermsConn(p, t, n, r, sort)
	if err != nil {
		return "", err
	}
	return orderClause(terms, false), nil
}

// orderTermsConn are the keys of orderByConn.
func orderTermsConn(p *params, t reform.EntityType, n, r string, sort []plan.SortKey) ([]orderTerm, error) {
	var terms []orderTerm
	seen := map[string]bool{} // "node.<field>", "edge.type", "edge.implied": as orderTerms
	for _, k := range sort {
		if err := checkDirection(k.Dir); err != nil {
			return nil, err
		}
		var expr func() string
		switch {
		case k.On == "node":
			if _, ok := filterField(t, k.Field); !ok {
				return nil, badInput("unknown sort field %q on %s", k.Field, typeName(t))
			}
			field := k.Field
			expr = func() string { return p.prop(n, field) }
		case k.On == "edge" && k.Field == "type":
			expr = func() string { return p.relType(r) }
		case k.On == "edge" && k.Field == "implied":
			expr = func() string { return "coalesce(" + r + ".implied, false)" }
		default:
			return nil, badInput("unknown connection sort key %s.%s", k.On, k.Field)
		}
		if key := k.On + "." + k.Field; !seen[key] {
			seen[key] = true
			terms = append(terms, orderTerm{expr(), k.Dir})
		}
	}
	if !seen["node."+propID] {
		terms = append(terms, orderTerm{n + "." + propID, "ASC"})
	}
	if !seen["edge.type"] {
		terms = append(terms, orderTerm{p.relType(r), "ASC"})
	}
	return terms, nil
}
