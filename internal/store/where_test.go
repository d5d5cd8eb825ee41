package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	hubconfig "github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/dataversion"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

func TestCompileWhere(t *testing.T) {
	tests := []struct {
		name  string
		typ   reform.EntityType
		where map[string]any
		want  string
		args  map[string]any
	}{
		{"empty", reform.TypeTask, nil, "", map[string]any{}},
		{"eq", reform.TypeTask, map[string]any{"name": map[string]any{"eq": "省要点任务"}},
			"n.name = $p0", map[string]any{"p0": "省要点任务"}},
		{"eq null", reform.TypeTask, map[string]any{"area": map[string]any{"eq": nil}},
			"n.area IS NULL", map[string]any{}},
		{"several ops sorted", reform.TypeTask, map[string]any{"year": map[string]any{"lte": int64(2022), "gt": int64(2019)}},
			"(n.year > $p0 AND n.year <= $p1)", map[string]any{"p0": int64(2019), "p1": int64(2022)}},
		{"in and startsWith", reform.TypeLeader, map[string]any{
			"id":   map[string]any{"in": []any{"leader/a", "leader/b"}},
			"name": map[string]any{"startsWith": "市"}},
			"(n.id IN $p0 AND n.name STARTS WITH $p1)",
			map[string]any{"p0": []any{"leader/a", "leader/b"}, "p1": "市"}},
		{"OR NOT", reform.TypeOutcome, map[string]any{
			"OR": []any{
				map[string]any{"kind": map[string]any{"eq": "HONOUR"}},
				map[string]any{"NOT": map[string]any{"value": map[string]any{"lt": 10.5}}},
			}},
			"(n.kind = $p0 OR NOT coalesce((n.value < $p1), false))", map[string]any{"p0": "HONOUR", "p1": 10.5}},
		{"empty OR matches nothing", reform.TypeTask, map[string]any{"OR": []any{}}, "false", map[string]any{}},
		{"some", reform.TypeTask, map[string]any{"departments": map[string]any{
			"some": map[string]any{"kind": map[string]any{"eq": "GOVERNMENT"}}}},
			"EXISTS { MATCH (n)<-[:RESPONSIBLE_FOR]-(n1:Department) WHERE n1.kind = $p0 }",
			map[string]any{"p0": "GOVERNMENT"}},
		{"none all single", reform.TypeLeader, map[string]any{"departments": map[string]any{
			"none":   map[string]any{"name": map[string]any{"eq": "x"}},
			"all":    map[string]any{"name": map[string]any{"eq": "y"}},
			"single": map[string]any{}}},
			"((EXISTS { MATCH (n)-[:LEADS|MEMBER_OF]->(n1:Department) } AND NOT EXISTS { MATCH (n)-[:LEADS|MEMBER_OF]->(n1:Department) WHERE NOT coalesce((n1.name = $p0), false) }) AND " +
				"NOT EXISTS { MATCH (n)-[:LEADS|MEMBER_OF]->(n2:Department) WHERE n2.name = $p1 } AND " +
				"COUNT { MATCH (n)-[:LEADS|MEMBER_OF]->(n3:Department) RETURN DISTINCT n3 } = 1)",
			map[string]any{"p0": "y", "p1": "x"}},
		{"any entity by type", reform.TypeOutcome, map[string]any{"achievedBy": map[string]any{
			"some": map[string]any{"type": map[string]any{"in": []any{"Task", "PilotProgram"}}}}},
			"EXISTS { MATCH (n)<-[:ACHIEVED]-(n1:Entity) WHERE any(l IN labels(n1) WHERE l IN $p0) }",
			map[string]any{"p0": []string{"Task", "PilotProgram"}}},
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

func TestCompileWhereRejects(t *testing.T) {
	deep := map[string]any{}
	cur := deep
	for i := 0; i < maxWhereDepth+2; i++ {
		next := map[string]any{}
		cur["NOT"] = next
		cur = next
	}
	tests := []struct {
		name  string
		typ   reform.EntityType
		where map[string]any
		want  string
	}{
		{"unknown field", reform.TypeTask, map[string]any{"colour": map[string]any{"eq": "x"}}, `unknown filter field "colour"`},
		{"field of another type", reform.TypeLeader, map[string]any{"year": map[string]any{"eq": 1}}, `unknown filter field "year"`},
		{"contains on int", reform.TypeTask, map[string]any{"year": map[string]any{"contains": "20"}}, `operator "contains" does not apply`},
		{"lt on string", reform.TypeTask, map[string]any{"name": map[string]any{"lt": "x"}}, `operator "lt" does not apply`},
		{"string for int", reform.TypeTask, map[string]any{"year": map[string]any{"eq": "2021"}}, "takes an integer"},
		{"bad enum", reform.TypeOutcome, map[string]any{"kind": map[string]any{"eq": "PRIZE"}}, `"PRIZE" is not a value`},
		{"bad quantifier", reform.TypeTask, map[string]any{"departments": map[string]any{"any": map[string]any{}}}, "takes some, none, all or single"},
		{"bad type", "", map[string]any{"type": map[string]any{"eq": "Person"}}, `unknown entity type "Person"`},
		{"too deep", reform.TypeTask, deep, "nested deeper"},
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

func TestOrderBy(t *testing.T) {
	got, err := orderBy(newParams(), reform.TypeOutcome, "n", []plan.SortKey{{Field: "year", Dir: "DESC"}, {Field: "name", Dir: "ASC"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := " ORDER BY n.year DESC, n.name ASC, n.id ASC"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := orderBy(newParams(), reform.TypeOutcome, "n", []plan.SortKey{{Field: "role", Dir: "ASC"}}); err == nil {
		t.Error("sorting Outcome by role should fail")
	}
	if _, err := orderBy(newParams(), reform.TypeOutcome, "n", []plan.SortKey{{Field: "name", Dir: "UP"}}); err == nil {
		t.Error("direction UP should fail")
	}
}

// Hostile strings in every position end up in parameters, never in the statement text.
func TestUserValuesNeverEnterText(t *testing.T) {
	evil := []string{`x' OR 1=1 //`, "}) DETACH DELETE n //", "`Entity`", "$limit", "改革\"]"}
	for _, e := range evil {
		w := map[string]any{
			"name": map[string]any{"eq": e, "contains": e, "in": []any{e}},
			"OR":   []any{map[string]any{"description": map[string]any{"endsWith": e}}},
			"departments": map[string]any{"some": map[string]any{
				"name": map[string]any{"startsWith": e}}},
		}
		p := newParams()
		got, err := compileWhere(reform.TypeTask, "n", w, p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(got, e) {
			t.Errorf("statement contains user value %q: %s", e, got)
		}
	}
}

func TestEscapeLucene(t *testing.T) {
	tests := map[string]string{
		"改革":             "改革",
		`a+b (c) "d" *`:  `a\+b \(c\) \"d\" \*`,
		"x AND y OR NOT": "x and y or not",
		`path/to:x~2^3`:  `path\/to\:x\~2\^3`,
	}
	for in, want := range tests {
		if got := EscapeLucene(in); got != want {
			t.Errorf("EscapeLucene(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHighlight(t *testing.T) {
	desc := "Pilot <for> ecological products"
	e := &reform.PilotProgram{Base: reform.Base{Name: "生态产品价值实现机制试点", Description: &desc}}
	if h := Highlight(e, "价值实现"); h == nil || *h != "生态产品<em>价值实现</em>机制试点" {
		t.Errorf("chinese highlight = %v", deref(h))
	}
	if h := Highlight(e, "ecological"); h == nil || *h != "Pilot &lt;for&gt; <em>ecological</em> products" {
		t.Errorf("english highlight = %v", deref(h))
	}
	if h := Highlight(e, "nothing"); h != nil {
		t.Errorf("no match should give nil, got %q", *h)
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// gqlgen hands over filter values as pointers, typed slices and named string types; the
// GraphQL edge coerces them to plain values (graph's TestCoerce feeds it this tree's gqlgen
// form), and a null means "no constraint" except eq (IS NULL).
func TestCompileWhereCoercedValues(t *testing.T) {
	w := map[string]any{
		"year":   map[string]any{"eq": int64(2021), "in": []any{int64(2020), int64(2021)}, "lt": nil},
		"status": map[string]any{"eq": "COMPLETED"},
		"area":   map[string]any{"eq": nil},
		"AND":    []any{map[string]any{"name": map[string]any{"contains": "改革"}}},
	}
	p := newParams()
	got, err := compileWhere(reform.TypeTask, "n", w, p)
	if err != nil {
		t.Fatal(err)
	}
	want := "(n.name CONTAINS $p0 AND n.area IS NULL AND n.status = $p1 AND (n.year = $p2 AND n.year IN $p3))"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if p.m["p2"] != int64(2021) || fmt.Sprint(p.m["p3"]) != "[2020 2021]" || p.m["p1"] != "COMPLETED" {
		t.Errorf("params = %v", p.m)
	}
	if _, err := compileWhere("", "n", map[string]any{"type": map[string]any{"in": []any{"Task"}}}, newParams()); err != nil {
		t.Errorf("entity type list: %v", err)
	}
}

// The second try after Neo4j's substring fault (substringIndexFault) compiles contains and
// endsWith through toString, out of the index planner's reach, and leaves every other
// comparison — startsWith, which a range index serves, among them — as it was.
func TestSubstringsUnindexedForm(t *testing.T) {
	three := 3
	root := &plan.Root{Kind: plan.RootRelated, Type: reform.TypeLeader, Parents: []string{"leader/a"}, Field: "affirmed",
		List: plan.ListQuery{Where: map[string]any{"name": map[string]any{"contains": "局", "endsWith": "改革", "startsWith": "市"}}, Limit: &three}}
	plain, _, err := compileRootWith(root, newLimits(hubconfig.Limits{}), dataversion.Version{}, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	unindexed, _, err := compileRootWith(root, newLimits(hubconfig.Limits{}), dataversion.Version{}, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"v1.name CONTAINS $p", "v1.name ENDS WITH $p", "v1.name STARTS WITH $p"} {
		if !strings.Contains(plain, want) {
			t.Errorf("plain form lacks %q: %s", want, plain)
		}
	}
	for _, want := range []string{"toString(v1.name) CONTAINS $p", "toString(v1.name) ENDS WITH $p", " v1.name STARTS WITH $p"} {
		if !strings.Contains(unindexed, want) {
			t.Errorf("unindexed form lacks %q: %s", want, unindexed)
		}
	}
	if strings.Contains(unindexed, "toString(v1.name) STARTS") {
		t.Errorf("unindexed form wraps startsWith: %s", unindexed)
	}
}
