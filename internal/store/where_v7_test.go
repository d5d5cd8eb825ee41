package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// v7's forms of the same questions (where_v7.go): the Cypher each compiles to, and what each
// refuses.

func TestCompileWhereV7Forms(t *testing.T) {
	obj := func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				t.Fatalf("key %v is no string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m
	}
	eq := func(v any) map[string]any { return obj("eq", v) }
	tests := []struct {
		name  string
		typ   reform.EntityType
		where map[string]any
		want  string
		args  map[string]any
	}{
		{"note", reform.TypeTask, obj("note", obj("contains", "stated")),
			"n.note CONTAINS $p0", map[string]any{"p0": "stated"}},
		{"note missing", reform.TypeDepartment, obj("note", eq(nil)), "n.note IS NULL", map[string]any{}},
		{"document language and paragraphs", reform.TypeDocument,
			obj("language", eq("zh"), "paragraphs", obj("gt", int64(10))),
			"(n.language = $p0 AND n.paragraphs > $p1)", map[string]any{"p0": "zh", "p1": int64(10)}},
		{"aliases includes", reform.TypeLeader, obj("aliases", obj("includes", "总书记")),
			"$p0 IN coalesce(n.aliases, [])", map[string]any{"p0": "总书记"}},
		{"aliases eq", reform.TypeLeader, obj("aliases", obj("eq", []any{"a", "b"})),
			"coalesce(n.aliases, []) = $p0", map[string]any{"p0": []string{"a", "b"}}},
		{"aliases eq null is false (the list is never missing)", reform.TypeTask, obj("aliases", eq(nil)),
			"false", map[string]any{}},
		{"aliases on any entity", reform.TypeOutcome, obj("achievedBy", obj("some", obj("aliases", obj("includes", "东营")))),
			"EXISTS { MATCH (n)<-[:ACHIEVED]-(n1:Entity) WHERE $p0 IN coalesce(n1.aliases, []) }", map[string]any{"p0": "东营"}},
		{"typename", reform.TypeOutcome, obj("achievedByConnection", obj("some", obj("node", obj("typename", []any{"Department", "Task"})))),
			"EXISTS { MATCH (n)<-[r1:ACHIEVED]-(n1:Entity) WHERE any(l IN labels(n1) WHERE l IN $p0) }",
			map[string]any{"p0": []string{"Department", "Task"}}},
		{"typename empty matches nothing", reform.TypeOutcome, obj("achievedBy", obj("some", obj("typename", []any{}))),
			"EXISTS { MATCH (n)<-[:ACHIEVED]-(n1:Entity) WHERE any(l IN labels(n1) WHERE l IN $p0) }",
			map[string]any{"p0": []string{}}},
		{"parent as a plain where", reform.TypeTask, obj("parent", obj("name", obj("contains", "改革"))),
			"EXISTS { MATCH (n)-[:PART_OF]->(n1:Task) WHERE n1.name CONTAINS $p0 }", map[string]any{"p0": "改革"}},
		{"parent: plain where and a quantifier both hold", reform.TypeDepartment,
			obj("parent", obj("none", obj("kind", eq("PARTY")), "OR", []any{obj("id", eq("department/a")), obj("id", eq("department/b"))})),
			"(NOT EXISTS { MATCH (n)-[:PART_OF]->(n1:Department) WHERE n1.kind = $p0 } AND " +
				"EXISTS { MATCH (n)-[:PART_OF]->(n2:Department) WHERE (n2.id = $p1 OR n2.id = $p2) })",
			map[string]any{"p0": "PARTY", "p1": "department/a", "p2": "department/b"}},
		{"parent: an empty where is no condition", reform.TypeTask, obj("parent", obj()), "", map[string]any{}},
		{"parent: null fields are no condition", reform.TypeTask, obj("parent", obj("name", nil)), "", map[string]any{}},
		{"parentConnection as a plain where", reform.TypePolicy,
			obj("parentConnection", obj("node", obj("id", obj("startsWith", "policy/")), "edge", obj("implied", eq(true)))),
			"EXISTS { MATCH (n)-[r1:PART_OF]->(n1:Policy) WHERE (coalesce(r1.implied, false) = $p0 AND n1.id STARTS WITH $p1) }",
			map[string]any{"p0": true, "p1": "policy/"}},
		{"connection aggregate count nodes and edges", reform.TypeDepartment,
			obj("tasksConnection", obj("aggregate", obj("count", obj("nodes", obj("gt", int64(5)), "edges", obj("lte", int64(9)))))),
			"(COUNT { MATCH (n)-[:RESPONSIBLE_FOR]->(n1:Task) } <= $p0 AND COUNT { MATCH (n)-[:RESPONSIBLE_FOR]->(n1:Task) RETURN DISTINCT n1 } > $p1)",
			map[string]any{"p0": int64(9), "p1": int64(5)}},
		{"connection aggregate node and combinators", reform.TypeTask,
			obj("outcomesConnection", obj("aggregate", obj("OR", []any{
				obj("count", obj("nodes", eq(int64(0)))),
				obj("node", obj("note", obj("shortestLength", obj("gt", int64(1))))),
			}))),
			"(COUNT { MATCH (n)-[:ACHIEVED]->(n1:Outcome) RETURN DISTINCT n1 } = $p0 OR " +
				"coalesce(head(COLLECT { MATCH (n)-[:ACHIEVED]->(n1:Outcome) WITH DISTINCT n1 RETURN min(size(n1.note)) }) > $p1, false))",
			map[string]any{"p0": int64(0), "p1": int64(1)}},
		{"connection aggregate beside a quantifier", reform.TypePolicy,
			obj("tasksConnection", obj("aggregate", obj("count", obj("nodes", obj("gte", int64(1)))), "some", obj("node", obj("year", eq(int64(2021)))))),
			"(COUNT { MATCH (n)<-[:IMPLEMENTS]-(n1:Task) RETURN DISTINCT n1 } >= $p0 AND EXISTS { MATCH (n)<-[r2:IMPLEMENTS]-(n2:Task) WHERE n2.year = $p1 })",
			map[string]any{"p0": int64(1), "p1": int64(2021)}},
		{"node aggregate of note", reform.TypeDepartment,
			obj("tasksAggregate", obj("node", obj("note", obj("longestLength", obj("lt", int64(40)))))),
			"coalesce(head(COLLECT { MATCH (n)-[:RESPONSIBLE_FOR]->(n1:Task) WITH DISTINCT n1 RETURN max(size(n1.note)) }) < $p0, false)",
			map[string]any{"p0": int64(40)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newParams()
			got, err := compileWhere(tc.typ, "n", tc.where, p)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			if len(p.m) != len(tc.args) {
				t.Errorf("params = %v, want %v", p.m, tc.args)
			}
			for k, v := range tc.args {
				if fmt.Sprint(p.m[k]) != fmt.Sprint(v) {
					t.Errorf("param %s = %v, want %v", k, p.m[k], v)
				}
			}
		})
	}
}

func TestCompileWhereV7FormsRejects(t *testing.T) {
	tests := []struct {
		name  string
		typ   reform.EntityType
		where map[string]any
		want  string
	}{
		{"note on a document", reform.TypeDocument, map[string]any{"note": map[string]any{"eq": "x"}}, `unknown filter field "note"`},
		{"note on any entity", reform.TypeOutcome, map[string]any{"achievedBy": map[string]any{"some": map[string]any{"note": map[string]any{"eq": "x"}}}}, `unknown filter field "note"`},
		{"language on a task", reform.TypeTask, map[string]any{"language": map[string]any{"eq": "zh"}}, `unknown filter field "language"`},
		{"aliases operator", reform.TypeTask, map[string]any{"aliases": map[string]any{"contains": "x"}}, `operator "contains" does not apply to aliases`},
		{"aliases includes a list", reform.TypeTask, map[string]any{"aliases": map[string]any{"includes": []any{"x"}}}, "aliases.includes takes a string"},
		{"aliases eq a string", reform.TypeTask, map[string]any{"aliases": map[string]any{"eq": "x"}}, "aliases.eq takes a list of strings"},
		{"typename of a typed where", reform.TypeTask, map[string]any{"typename": []any{"Task"}}, `unknown filter field "typename"`},
		{"typename unknown", reform.TypeOutcome, map[string]any{"achievedBy": map[string]any{"some": map[string]any{"typename": []any{"Person"}}}}, `unknown entity type "Person"`},
		{"plain where on a to-many field", reform.TypeDepartment, map[string]any{"children": map[string]any{"name": map[string]any{"eq": "x"}}}, "takes some, none, all or single"},
		{"aggregate on a relationship filter", reform.TypeDepartment, map[string]any{"tasks": map[string]any{"aggregate": map[string]any{}}}, "takes some, none, all or single"},
		{"unknown field in a plain parent where", reform.TypeTask, map[string]any{"parent": map[string]any{"colour": map[string]any{"eq": "x"}}}, `unknown filter field "colour" on Task`},
		{"plain connection where on a to-many field", reform.TypeTask, map[string]any{"departmentsConnection": map[string]any{"node": map[string]any{}}}, "takes some, none, all, single or aggregate"},
		{"count of a connection aggregate is an object", reform.TypeTask, map[string]any{"departmentsConnection": map[string]any{"aggregate": map[string]any{"count": map[string]any{"gt": int64(1)}}}}, `unknown count field "gt"`},
		{"count of xAggregate takes operators", reform.TypeTask, map[string]any{"departmentsAggregate": map[string]any{"count": map[string]any{"nodes": map[string]any{"gt": int64(1)}}}}, `operator "nodes" does not apply to count`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := compileWhere(tc.typ, "n", tc.where, newParams())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
			if !errors.Is(err, reform.ErrInvalidInput) {
				t.Errorf("err does not wrap ErrInvalidInput: %v", err)
			}
		})
	}
}

func TestOrderByV7Fields(t *testing.T) {
	got, err := orderBy(newParams(), reform.TypeTask, "n", []plan.SortKey{{Field: "note", Dir: "DESC"}, {Field: "description", Dir: "ASC"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := " ORDER BY n.note DESC, n.description ASC, n.id ASC"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	got, err = orderBy(newParams(), reform.TypeDocument, "n", []plan.SortKey{{Field: "language", Dir: "ASC"}, {Field: "paragraphs", Dir: "DESC"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := " ORDER BY n.language ASC, n.paragraphs DESC, n.id ASC"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	got, err = orderBy(newParams(), "", "n", []plan.SortKey{{Field: "description", Dir: "ASC"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := " ORDER BY n.description ASC, n.id ASC"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, k := range []struct {
		t     reform.EntityType
		field string
	}{{reform.TypeDocument, "note"}, {"", "note"}, {reform.TypeTask, "paragraphs"}, {reform.TypeTask, "aliases"}} {
		if _, err := orderBy(newParams(), k.t, "n", []plan.SortKey{{Field: k.field, Dir: "ASC"}}); !errors.Is(err, reform.ErrInvalidInput) {
			t.Errorf("sorting %s by %s: err = %v, want invalid input", typeName(k.t), k.field, err)
		}
	}
}

// In filtered mode an alias filter reads the aliases of the visible assertions (so that one
// only a hidden dataset gives never matches), and the values still never enter the text.
func TestAliasesFilterFilteredMode(t *testing.T) {
	evil := `x' OR 1=1 //`
	p := newParams()
	p.filter(&visibility{docs: []string{"doc/a"}, vism: map[string]any{"doc/a": true}})
	got, err := compileWhere(reform.TypeDepartment, "n", map[string]any{"aliases": map[string]any{"includes": evil, "eq": []any{evil}}}, p)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got, evil) {
		t.Errorf("statement contains the user value: %s", got)
	}
	for _, want := range []string{"CASE WHEN (n.datasets)[1] IS NOT NULL", ":" + labelAssertion + " {" + aKey + ": n.id}",
		"$vism[vis_d]", "ORDER BY anon1." + aDataset, "ELSE coalesce(n.aliases, []) END"} {
		if !strings.Contains(got, want) {
			t.Errorf("filtered alias filter lacks %q:\n%s", want, got)
		}
	}
}
