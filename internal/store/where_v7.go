package store

import (
	"slices"
	"strings"

	"github.com/reformhub/hub/internal/reform"
)

// The forms of the Neo4j GraphQL Library v7 that ask the hub's questions in v7's words, beside
// the hub's own (docs/query-language.md, "v7's forms"): filters and sorts on the plain
// properties v7 types declare (`note`, a document's `language` and `paragraphs`), the list
// filter of `aliases`, `typename` at any-entity positions, the plain where of a to-one
// relationship field (`parent: {name: …}`) and the aggregation filter inside a connection
// filter (`tasksConnection: {aggregate: {count: {nodes: …}}}`, in where_aggregate.go).

// filterField returns the kind of the scalar field name of type t that filters, sorts and
// aggregation filters take, and whether t has one: reform's fields (the common ones and the
// type-specific fields a dataset's entity files give), and the plain properties beside them
// that v7's types declare too: `note` on every type but Document (a remark recorded with the
// entity), a document's `language` and `paragraphs` (from the dataset manifest).
func filterField(t reform.EntityType, name string) (reform.FieldKind, bool) {
	if k, ok := reform.ScalarField(t, name); ok {
		return k, true
	}
	switch {
	case name == "note" && t != "" && t != reform.TypeDocument:
		return reform.KindString, true
	case t == reform.TypeDocument && name == "language":
		return reform.KindString, true
	case t == reform.TypeDocument && name == "paragraphs":
		return reform.KindInt, true
	}
	return 0, false
}

// knownField reports whether name is a filter field of type t (a scalar field, aliases, a
// relationship field or its Connection or Aggregate twin), for the message of a bad value.
func knownField(t reform.EntityType, name string) bool {
	if _, ok := filterField(t, name); ok || name == "aliases" || (name == "type" && t == "") {
		return true
	}
	for _, suffix := range []string{"", "Connection", "Aggregate"} {
		if base, ok := strings.CutSuffix(name, suffix); ok && t != "" {
			if _, ok := reform.RelationField(t, base); ok {
				return true
			}
		}
	}
	return false
}

// aliasesFilter filters on the aliases of entity v, a list of strings (v7's StringListFilters):
// `includes` holds when the list has the value, `eq` when the list is the value (same items in
// the same order). The list is never missing (empty when the entity has none), so `eq: null`
// is false.
func (c *compiler) aliasesFilter(v string, ops map[string]any) (string, error) {
	var parts []string
	for _, op := range sortedKeys(ops) {
		raw := ops[op]
		switch op {
		case "includes":
			if raw == nil {
				continue
			}
			s, ok := raw.(string)
			if !ok {
				return "", badInput("aliases.includes takes a string")
			}
			parts = append(parts, c.p.add(s)+" IN "+c.aliases(v))
		case "eq":
			if raw == nil {
				parts = append(parts, "false") // the list is never missing
				continue
			}
			list, ok := raw.([]any)
			if !ok {
				return "", badInput("aliases.eq takes a list of strings")
			}
			vals := make([]string, 0, len(list))
			for _, x := range list {
				s, ok := x.(string)
				if !ok {
					return "", badInput("aliases.eq takes a list of strings")
				}
				vals = append(vals, s)
			}
			parts = append(parts, c.aliases(v)+" = "+c.p.add(vals))
		default:
			return "", badInput("operator %q does not apply to aliases (eq, includes)", op)
		}
	}
	return joinParts(parts, " AND "), nil
}

// aliases is the aliases of entity v as the caller sees them: stored, they are the union of
// every dataset's; in filtered mode, for an entity several datasets assert, the union of the
// visible assertions' aliases in the order of their datasets (the decoder's remerge), so that
// a filter never matches an alias only a hidden dataset gives.
func (c *compiler) aliases(v string) string {
	base := "coalesce(" + c.p.prop(v, "aliases") + ", [])"
	if !c.p.vis {
		return base
	}
	a := c.p.anon()
	lists := "COLLECT { MATCH (" + a + ":" + labelAssertion + " {" + aKey + ": " + v + ".id}) " +
		"WHERE " + a + "." + aKind + " = 'node' AND " + c.p.versioned(a) + " AND any(vis_d IN " + a + "." + propSrcDocs + " WHERE $vism[vis_d]) " +
		"WITH " + a + " ORDER BY " + a + "." + aDataset + " RETURN coalesce(" + a + ".aliases, []) }"
	union := "reduce(vis_u = [], vis_x IN reduce(vis_f = [], vis_l IN " + lists + " | vis_f + vis_l) | " +
		"CASE WHEN vis_x IN vis_u THEN vis_u ELSE vis_u + vis_x END)"
	return "CASE WHEN (" + c.p.prop(v, "datasets") + ")[1] IS NOT NULL THEN " + union + " ELSE " + base + " END"
}

// typenameFilter is v7's filter on the concrete type of an entity at an any-entity position
// (`typename: [Department, Task]`): the entity is of one of the types; an empty list matches
// nothing. It is the hub's `type: {in: …}`.
func (c *compiler) typenameFilter(v string, val any) (string, error) {
	if val == nil {
		return "", nil
	}
	list, ok := val.([]any)
	if !ok {
		list = []any{val} // GraphQL's list coercion: one value is a list of one
	}
	return c.typeFilter(v, map[string]any{"in": list})
}

// toOne are the relationship fields that hold at most one entity (`parent: Department` in the
// schema). v7 filters them with a plain where of the related entity (`parent: {name: {eq: …}}`,
// `parentConnection: {node: …}`), which holds when the entity has a related entity that
// matches (v7 reads it as `some`); the hub's quantifiers (`parent: {some: …}`) stay beside it.
var toOne = map[string]bool{"parent": true}

// relationQuantifiers are the keys of a relationship filter; connQuantifiers those of a
// relationship-connection filter.
var (
	relationQuantifiers = []string{"some", "none", "all", "single"}
	connQuantifiers     = []string{"some", "none", "all", "single", "aggregate"}
)

// splitPlain splits the filter ops of relationship field name into its quantifiers (the keys
// of quantifiers) and, for a to-one field, the plain where its other keys make (nil when there
// is none; keys whose value is null are no condition, as everywhere in a where). For a field
// that is not to-one every key is a quantifier (the compiler refuses the others).
func splitPlain(name string, ops map[string]any, quantifiers []string) (quants, plain map[string]any) {
	if !toOne[strings.TrimSuffix(name, "Connection")] {
		return ops, nil
	}
	quants = map[string]any{}
	for k, v := range ops {
		switch {
		case slices.Contains(quantifiers, k):
			quants[k] = v
		case v != nil:
			if plain == nil {
				plain = map[string]any{}
			}
			plain[k] = v
		}
	}
	return quants, plain
}
