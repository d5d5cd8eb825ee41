package store

import (
	"strings"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// ORDER BY of lists and connections: sort keys checked against the fixed field tables, the
// id always last so that every order is total.

// orderBy returns the ORDER BY clause for sort keys over variable v of type t; the id is
// always the last key, so the order is total and stable.
func orderBy(p *params, t reform.EntityType, v string, sort []plan.SortKey) (string, error) {
	var keys []string
	for _, k := range sort {
		if _, ok := reform.ScalarField(t, k.Field); !ok || k.On != "" {
			return "", badInput("unknown sort field %q on %s", k.Field, typeName(t))
		}
		if err := checkDirection(k.Dir); err != nil {
			return "", err
		}
		keys = append(keys, p.prop(v, k.Field)+" "+k.Dir)
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

// orderByConn is orderBy for a relationship-field connection: each key is On `node` (a field
// of the related entity n) or `edge` (type or implied of relationship r). The entity id and the
// relationship type end the order, so it is total.
func orderByConn(p *params, t reform.EntityType, n, r string, sort []plan.SortKey) (string, error) {
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
			keys = append(keys, p.prop(n, k.Field)+" "+k.Dir)
		case k.On == "edge" && k.Field == "type":
			keys = append(keys, p.relType(r)+" "+k.Dir)
		case k.On == "edge" && k.Field == "implied":
			keys = append(keys, "coalesce("+r+".implied, false) "+k.Dir)
		default:
			return "", badInput("unknown connection sort key %s.%s", k.On, k.Field)
		}
	}
	keys = append(keys, n+".id ASC", p.relType(r)+" ASC")
	return " ORDER BY " + strings.Join(keys, ", "), nil
}
