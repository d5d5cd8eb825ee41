package store

import (
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

// orderTerms are the keys of orderBy.
func orderTerms(p *params, t reform.EntityType, v string, sort []plan.SortKey) ([]orderTerm, error) {
	var terms []orderTerm
	for _, k := range sort {
		if _, ok := filterField(t, k.Field); !ok || k.On != "" {
			return nil, badInput("unknown sort field %q on %s", k.Field, typeName(t))
		}
		if err := checkDirection(k.Dir); err != nil {
			return nil, err
		}
		terms = append(terms, orderTerm{p.prop(v, k.Field), k.Dir})
	}
	return append(terms, orderTerm{v + ".id", "ASC"}), nil
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
	for _, k := range sort {
		if err := checkDirection(k.Dir); err != nil {
			return nil, err
		}
		switch {
		case k.On == "node":
			if _, ok := filterField(t, k.Field); !ok {
				return nil, badInput("unknown sort field %q on %s", k.Field, typeName(t))
			}
			terms = append(terms, orderTerm{p.prop(n, k.Field), k.Dir})
		case k.On == "edge" && k.Field == "type":
			terms = append(terms, orderTerm{p.relType(r), k.Dir})
		case k.On == "edge" && k.Field == "implied":
			terms = append(terms, orderTerm{"coalesce(" + r + ".implied, false)", k.Dir})
		default:
			return nil, badInput("unknown connection sort key %s.%s", k.On, k.Field)
		}
	}
	return append(terms, orderTerm{n + ".id", "ASC"}, orderTerm{p.relType(r), "ASC"}), nil
}
