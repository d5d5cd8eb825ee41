package graph_test

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/reform"
)

// v7's forms of the same questions (docs/query-language.md, "v7's forms") select what the
// hub's own forms select, on every field they apply to, whatever the data.

// An aggregation filter inside a connection filter (`xConnection: {aggregate: …}`, v7 7.x) is
// the hub's `xAggregate`: on every relationship field of every type, `count: {nodes: C}` selects
// what `count: C` selects, `node: N` what `node: N` does, and `count: {edges: {gt: 0}}` is
// `xConnection: {some: {}}`.
func TestInvariantConnectionAggregateIsAggregate(t *testing.T) {
	c, _ := newClient(t)
	obj := func(k string, v any) map[string]any { return map[string]any{k: v} }
	checked, nonTrivial := 0, 0
	for _, r := range roots {
		all := len(ids(t, c, r, nil, nil))
		fields := reform.RelationFields(r.typ)
		for _, field := range slices.Sorted(maps.Keys(fields)) {
			conn, agg := field+"Connection", field+"Aggregate"
			pairs := [][2]map[string]any{
				{obj(conn, obj("aggregate", obj("count", obj("nodes", obj("gt", 0))))), obj(agg, obj("count", obj("gt", 0)))},
				{obj(conn, obj("aggregate", obj("count", obj("nodes", obj("eq", 0))))), obj(agg, obj("count", obj("eq", 0)))},
				{obj(conn, obj("aggregate", obj("count", obj("nodes", obj("gte", 2))))), obj(agg, obj("count", obj("gte", 2)))},
				{obj(conn, obj("aggregate", obj("NOT", obj("count", obj("nodes", obj("eq", 1)))))), obj(agg, obj("NOT", obj("count", obj("eq", 1))))},
				{obj(conn, obj("aggregate", obj("count", obj("edges", obj("gt", 0))))), obj(conn, obj("some", map[string]any{}))},
				{obj(conn, obj("aggregate", obj("node", obj("name", obj("shortestLength", obj("lte", 6)))))),
					obj(agg, obj("node", obj("name", obj("shortestLength", obj("lte", 6)))))},
			}
			for _, p := range pairs {
				v7, hub := ids(t, c, r, p[0], nil), ids(t, c, r, p[1], nil)
				if !slices.Equal(v7, hub) {
					t.Errorf("%s: %v selects %v, %v selects %v", r.typ, js(p[0]), v7, js(p[1]), hub)
				}
				if len(v7) > 0 && len(v7) < all {
					nonTrivial++
				}
				checked++
			}
		}
	}
	if checked < 150 || nonTrivial < 40 {
		t.Errorf("checked %d connection aggregates, %d on a proper subset", checked, nonTrivial)
	}
	t.Logf("%d connection aggregates, %d on a proper non-empty subset", checked, nonTrivial)
}

// v7's plain where on the to-one field parent is the hub's `some`: `parent: W` selects what
// `parent: {some: W}` selects and `parentConnection: {node: W}` what `parentConnection: {some:
// {node: W}}` does, for filters of every kind; an empty one is no condition.
func TestInvariantParentWhereIsSome(t *testing.T) {
	c, _ := newClient(t)
	checked, nonTrivial := 0, 0
	for _, r := range roots {
		if _, ok := reform.RelationField(r.typ, "parent"); !ok {
			continue
		}
		all := ids(t, c, r, nil, nil)
		prefix := strings.ToLower(string(r.typ)) + "/"
		ws := []map[string]any{
			{"name": map[string]any{"contains": "改革"}},
			{"id": map[string]any{"startsWith": prefix}},
			{"NOT": map[string]any{"name": map[string]any{"contains": "市"}}},
			{"OR": []any{map[string]any{"description": map[string]any{"eq": nil}}, map[string]any{"nameEn": map[string]any{"contains": "Reform"}}}},
			{"parent": map[string]any{"id": map[string]any{"startsWith": prefix}}},
		}
		for _, w := range ws {
			for _, p := range [][2]map[string]any{
				{{"parent": w}, {"parent": map[string]any{"some": w}}},
				{{"parentConnection": map[string]any{"node": w}}, {"parentConnection": map[string]any{"some": map[string]any{"node": w}}}},
			} {
				v7, hub := ids(t, c, r, p[0], nil), ids(t, c, r, p[1], nil)
				if !slices.Equal(v7, hub) {
					t.Errorf("%s: %v selects %v, %v selects %v", r.typ, js(p[0]), v7, js(p[1]), hub)
				}
				if len(v7) > 0 && len(v7) < len(all) {
					nonTrivial++
				}
				checked++
			}
		}
		if got := ids(t, c, r, map[string]any{"parent": map[string]any{}}, nil); !slices.Equal(got, all) {
			t.Errorf("%s: parent: {} selects %d of %d", r.typ, len(got), len(all))
		}
	}
	if checked < 30 || nonTrivial < 10 {
		t.Errorf("checked %d plain parent filters, %d on a proper subset", checked, nonTrivial)
	}
}

// A filter on the aliases selects exactly the entities whose aliases (as the API returns
// them) include the value (`includes`) or are the list (`eq`), for every alias of every type.
func TestInvariantAliasesFilter(t *testing.T) {
	c, _ := newClient(t)
	checked := 0
	for _, r := range roots {
		data := gql(t, c, `{ x: `+r.list+`(limit: 1000) { id aliases } }`, nil)
		byAlias, byList := map[string][]string{}, map[string][]string{}
		lists := map[string][]any{}
		for _, e := range as[[]any](t, data["x"]) {
			m := as[map[string]any](t, e)
			id := as[string](t, m["id"])
			var list []string
			for _, a := range as[[]any](t, m["aliases"]) {
				list = append(list, as[string](t, a))
				byAlias[as[string](t, a)] = append(byAlias[as[string](t, a)], id)
			}
			key := strings.Join(list, "\x00")
			byList[key] = append(byList[key], id)
			lists[key] = as[[]any](t, m["aliases"])
		}
		for a, want := range byAlias {
			slices.Sort(want)
			if got := ids(t, c, r, map[string]any{"aliases": map[string]any{"includes": a}}, nil); !slices.Equal(got, want) {
				t.Errorf("%s aliases includes %q: %v, want %v", r.typ, a, got, want)
			}
			checked++
		}
		for key, want := range byList {
			slices.Sort(want)
			if got := ids(t, c, r, map[string]any{"aliases": map[string]any{"eq": lists[key]}}, nil); !slices.Equal(got, want) {
				t.Errorf("%s aliases eq %v: %v, want %v", r.typ, lists[key], got, want)
			}
			checked++
		}
	}
	if checked < 20 {
		t.Errorf("checked %d alias filters", checked)
	}
}

// The schema's v7 forms are complete and consistent: the filter of every to-one relationship
// field (parent) holds the hub's quantifiers and every field of the related type's where (so
// that v7's plain where of it is accepted whole), its connection filter the quantifiers,
// aggregate and every field of the connection where; every relationship-connection filter
// takes `aggregate`; every where of an entity type takes `aliases`.
func TestV7FormsInTheSchema(t *testing.T) {
	s := graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{}}).Schema()
	fieldTypes := func(name string) map[string]string {
		def := s.Types[name]
		if def == nil {
			t.Fatalf("no type %s", name)
		}
		m := map[string]string{}
		for _, f := range def.Fields {
			m[f.Name] = f.Type.String()
		}
		return m
	}
	toOne := 0
	for _, typ := range reform.EntityTypes {
		obj := s.Types[string(typ)]
		where := fieldTypes(string(typ) + "Where")
		if where["aliases"] != "StringListFilters" {
			t.Errorf("%sWhere.aliases is %q", typ, where["aliases"])
		}
		for name, rel := range reform.RelationFields(typ) {
			f := obj.Fields.ForName(name)
			if f == nil {
				t.Fatalf("%s.%s is not in the schema", typ, name)
			}
			target := string(rel.Target)
			if target == "" {
				target = "Entity"
			}
			if f.Type.Elem != nil { // a list: the hub's filter types
				if want := target + "ConnectionFilters"; where[name+"Connection"] != want {
					t.Errorf("%sWhere.%sConnection is %s, want %s", typ, name, where[name+"Connection"], want)
				}
				continue
			}
			toOne++
			filters := fieldTypes(where[name])
			want := fieldTypes(target + "Where")
			for _, q := range []string{"some", "none", "all", "single"} {
				want[q] = target + "Where"
			}
			if !maps.Equal(filters, want) {
				t.Errorf("%sWhere.%s: %s does not hold exactly the quantifiers and the fields of %sWhere:\n%v\n%v",
					typ, name, where[name], target, filters, want)
			}
			connFilters := fieldTypes(where[name+"Connection"])
			want = fieldTypes(target + "ConnectionWhere")
			for k, v := range fieldTypes(target + "ConnectionFilters") {
				want[k] = v
			}
			if !maps.Equal(connFilters, want) {
				t.Errorf("%sWhere.%sConnection: %s is not the connection filters and the connection where of %s:\n%v\n%v",
					typ, name, where[name+"Connection"], target, connFilters, want)
			}
		}
	}
	if toOne != 3 {
		t.Errorf("%d to-one relationship fields, want 3 (Department, Task and Policy parent)", toOne)
	}
	for _, def := range s.Types {
		if def.Kind == ast.InputObject && strings.HasSuffix(def.Name, "ConnectionFilters") && def.Name != "DocumentConnectionFilters" {
			if f := def.Fields.ForName("aggregate"); f == nil {
				t.Errorf("%s has no aggregate", def.Name)
			}
		}
	}
}

// js is v as JSON, for messages.
func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
