package store_test

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/internal/store/storetest"
)

func ip(n int) *int { return &n }

// nestedRoot is a root list of departments, filtered through a relationship, with two aliases
// of tasks (different filters), a nested connection with totalCount, aggregates and groups,
// and an interface position; name, year, kind and the pages are the values that vary.
func nestedRoot(name string, year int, kind string, limit int, after string) *plan.Root {
	taskWhere := map[string]any{"departments": map[string]any{"some": map[string]any{"kind": map[string]any{"eq": kind}}}}
	return &plan.Root{
		Kind: plan.RootList, Type: reform.TypeDepartment,
		List: plan.ListQuery{
			Where: map[string]any{"tasks": map[string]any{"some": map[string]any{"year": map[string]any{"gte": int64(year)}}},
				"name": map[string]any{"contains": name}},
			Sort:  []plan.SortKey{{Field: "name", Dir: "ASC"}},
			Limit: ip(limit),
		},
		Node: &plan.Selection{Documents: true, Rels: []*plan.RelSelection{
			{Key: "big", On: reform.TypeDepartment, Field: "tasks", Kind: plan.RelList,
				List: plan.ListQuery{Where: taskWhere, Limit: ip(limit)},
				Node: &plan.Selection{Rels: []*plan.RelSelection{
					{Key: "subtasks", On: reform.TypeTask, Field: "subtasks", Kind: plan.RelList,
						List: plan.ListQuery{Where: taskWhere}},
					{Key: "parent", On: reform.TypeTask, Field: "parent", Kind: plan.RelOne},
				}}},
			{Key: "small", On: reform.TypeDepartment, Field: "tasks", Kind: plan.RelList,
				List: plan.ListQuery{Where: map[string]any{"name": map[string]any{"eq": name}}, Limit: ip(1)}},
			{Key: "tasksConnection", On: reform.TypeDepartment, Field: "tasks", Kind: plan.RelConnection,
				Where: map[string]any{"node": taskWhere, "edge": map[string]any{"implied": map[string]any{"eq": false}}},
				First: ip(limit), After: &after, Edges: true, EdgeDocuments: true, TotalCount: true,
				Aggregates: []*plan.AggregateSelection{{Key: "aggregate", Count: true, Node: true,
					Groups: []*plan.GroupSelection{
						{Key: "byStatus", Field: "status", Limit: ip(limit), Members: []*plan.MembersSelection{
							{Key: "nodes", List: plan.ListQuery{Limit: ip(limit)}}}},
						{Key: "byDept", Field: "departments", Entity: &plan.Selection{Rels: []*plan.RelSelection{
							{Key: "leaders", On: reform.TypeDepartment, Field: "leaders", Kind: plan.RelList}}}},
					}}},
				Node: &plan.Selection{}},
			{Key: "supports", On: reform.TypeDepartment, Field: "supports", Kind: plan.RelList,
				Node: &plan.Selection{Rels: []*plan.RelSelection{
					{Key: "departments", On: reform.TypeTask, Field: "departments", Kind: plan.RelList},
					{Key: "outcomes", On: reform.TypePilotProgram, Field: "outcomes", Kind: plan.RelList},
				}}},
		}},
	}
}

// The statement text of a query shape is stable: only the parameters change with the values
// (so Neo4j's plan cache hits), and no value appears in the text.
func TestPlanTextIsStableAndParameterized(t *testing.T) {
	a, pa, err := store.Compile(nestedRoot("改革", 2021, "GROUP", 5, "YXJyYXljb25uZWN0aW9uOjA="))
	if err != nil {
		t.Fatal(err)
	}
	b, pb, err := store.Compile(nestedRoot("办公室", 2019, "AGENCY", 7, "YXJyYXljb25uZWN0aW9uOjQ="))
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Errorf("the statement text changed with the values:\n%s\n%s", a, b)
	}
	if len(pa) != len(pb) || len(pa) < 10 {
		t.Errorf("parameters: %d and %d", len(pa), len(pb))
	}
	for _, v := range []string{"改革", "办公室", "GROUP", "AGENCY", "2021"} {
		if strings.Contains(a, v) {
			t.Errorf("value %q is in the statement text", v)
		}
	}
	// One statement: the compiled text is a single query (no UNION of separate reads, no ;).
	if strings.Contains(a, ";") {
		t.Errorf("statement has a ';': %s", a)
	}
}

// Each nesting level's filter names its variables in its own namespace (v3_n1 …), so a
// relationship filter at one level can never join with a variable of another.
func TestPlanFilterVariablesAreNamespacedPerLevel(t *testing.T) {
	cypher, _, err := store.Compile(nestedRoot("x", 1, "GROUP", 1, "YXJyYXljb25uZWN0aW9uOjA="))
	if err != nil {
		t.Fatal(err)
	}
	// Every variable a MATCH introduces inside an EXISTS/COUNT/COLLECT of a filter.
	re := regexp.MustCompile(`EXISTS \{ MATCH \(\w+\)[^(]*\((\w+):`)
	var vars []string
	for _, m := range re.FindAllStringSubmatch(cypher, -1) {
		vars = append(vars, m[1])
	}
	if len(vars) < 4 {
		t.Fatalf("found %d filter variables in %s", len(vars), cypher)
	}
	// A filter compiled once may be repeated (edges, totalCount and aggregates of one
	// connection share it), but every level has its own namespace.
	spaces := map[string]bool{}
	for _, v := range vars {
		ns, _, _ := strings.Cut(v, "_")
		if !strings.Contains(v, "_") {
			ns = "root"
		}
		spaces[ns] = true
	}
	if len(spaces) < 4 || !spaces["root"] {
		t.Errorf("want the root's n1 … and at least 3 nested vK_ namespaces, got variables %v", vars)
	}
}

// Bad arguments anywhere in the plan are refused as invalid input before anything runs, with
// the bounds of the per-field statements.
func TestPlanRefusesInvalidInput(t *testing.T) {
	bad := map[string]func(r *plan.Root){
		"nested limit": func(r *plan.Root) { r.Node.Rels[0].List.Limit = ip(1001) },
		"nested sort": func(r *plan.Root) {
			r.Node.Rels[1].List.Sort = []plan.SortKey{{Field: "nope", Dir: "ASC"}}
		},
		"connection first":  func(r *plan.Root) { r.Node.Rels[2].First = ip(-1) },
		"connection cursor": func(r *plan.Root) { s := "bm9wZQ=="; r.Node.Rels[2].After = &s },
		"group limit":       func(r *plan.Root) { r.Node.Rels[2].Aggregates[0].Groups[0].Limit = ip(0) },
		"group field":       func(r *plan.Root) { r.Node.Rels[2].Aggregates[0].Groups[0].Field = "nope" },
		"deep filter": func(r *plan.Root) {
			r.Node.Rels[0].Node.Rels[0].List.Where = map[string]any{"year": map[string]any{"contains": "x"}}
		},
		"unknown field": func(r *plan.Root) { r.Node.Rels[0].Field = "nope" },
	}
	for name, mutate := range bad {
		r := nestedRoot("x", 1, "GROUP", 1, "YXJyYXljb25uZWN0aW9uOjA=")
		mutate(r)
		if _, _, err := store.Compile(r); !errors.Is(err, reform.ErrInvalidInput) {
			t.Errorf("%s: err = %v, want invalid input", name, err)
		}
	}
}

// totalCount and aggregate counts with no filter on a root connection are answered from
// Neo4j's count store (no scan of the label), which keeps them fast at any size.
func TestPlanUnfilteredTotalCountUsesCountStore(t *testing.T) {
	s := storetest.Open(t)
	for _, conn := range []*plan.RelSelection{
		{TotalCount: true},
		{TotalCount: true, Aggregates: []*plan.AggregateSelection{{Key: "aggregate", Count: true}}},
		{Aggregates: []*plan.AggregateSelection{{Key: "aggregate", Count: true}}},
	} {
		cypher, p, err := store.Compile(&plan.Root{Kind: plan.RootConnection, Type: reform.TypeTask, Conn: conn})
		if err != nil {
			t.Fatal(err)
		}
		ops, err := s.ExplainForTest(context.Background(), cypher, p)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(ops, func(o string) bool { return strings.HasPrefix(o, "NodeCountFromCountStore") }) ||
			slices.ContainsFunc(ops, func(o string) bool { return strings.Contains(o, "Scan") }) {
			t.Errorf("%s: plan %v does not count from the count store", cypher, ops)
		}
	}
}

// ORDER BY, SKIP and LIMIT inside a COLLECT subquery keep their order: each department's
// planned, sorted, paged tasks equal the per-field Related, in order.
func TestPlanCollectKeepsOrder(t *testing.T) {
	_, _, s := hubtest.Handler(t) // the shipped dataset
	ctx := context.Background()
	compared := 0
	for _, dir := range []string{"ASC", "DESC"} {
		q := plan.ListQuery{Sort: []plan.SortKey{{Field: "name", Dir: dir}}, Limit: ip(100), Offset: ip(1)}
		res, err := s.Read(ctx, &plan.Root{Kind: plan.RootList, Type: reform.TypeDepartment,
			Node: &plan.Selection{Rels: []*plan.RelSelection{
				{Key: "t", On: reform.TypeDepartment, Field: "tasks", Kind: plan.RelList, List: q}}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range res.Entities {
			want, err := s.Related(ctx, reform.TypeDepartment, d.Common().ID, "tasks", q)
			if err != nil {
				t.Fatal(err)
			}
			v, _ := res.Slots.Get(d, "t")
			got, _ := v.([]reform.Entity)
			if len(got) != len(want) {
				t.Fatalf("%s %s: %d planned, %d related", dir, d.Common().ID, len(got), len(want))
			}
			for i := range want {
				if want[i].Common().ID != got[i].Common().ID {
					t.Errorf("%s %s: task %d is %s, want %s", dir, d.Common().ID, i, got[i].Common().ID, want[i].Common().ID)
				}
				compared++
			}
		}
	}
	if compared < 20 {
		t.Errorf("compared only %d tasks", compared)
	}
}

// A planned selection fetches only the properties of the fields it selects (always the id and
// the name; the evidence lists for sources), and every property for a field it cannot map.
func TestPlanProjectsSelectedProperties(t *testing.T) {
	root := func(fields ...string) *plan.Root {
		return &plan.Root{Kind: plan.RootList, Type: reform.TypeTask,
			Node: &plan.Selection{Project: true, Fields: fields}}
	}
	cypher, _, err := store.Compile(root("sources", "year"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(cypher, "n {.id, .name, .srcDocs, .srcParas, .srcQuotes, .year}") || strings.Contains(cypher, "properties(n)") {
		t.Errorf("projection of sources and year: %s", cypher)
	}
	cypher, _, _ = store.Compile(root("year", "colour"))
	if !strings.Contains(cypher, "properties(n)") {
		t.Errorf("an unknown field must fetch every property: %s", cypher)
	}
	cypher, _, _ = store.Compile(root())
	if !strings.Contains(cypher, "n {.id, .name}") {
		t.Errorf("no field: %s", cypher)
	}
}

// An aggregate computes only the fields selected under `node`, and orders its rows only when
// a floating-point sum or average depends on the order.
func TestPlanAggregatesOnlySelectedFields(t *testing.T) {
	agg := func(typ reform.EntityType, fields ...string) string {
		t.Helper()
		root := &plan.Root{Kind: plan.RootConnection, Type: typ, Conn: &plan.RelSelection{
			Aggregates: []*plan.AggregateSelection{{Key: "aggregate", Node: true, NodeFields: fields}}}}
		cypher, _, err := store.Compile(root)
		if err != nil {
			t.Fatal(err)
		}
		return cypher
	}
	if c := agg(reform.TypeTask, "year"); !strings.Contains(c, "min(n.year)") || strings.Contains(c, "n.name") ||
		strings.Contains(c, "n.planned") || strings.Contains(c, "ORDER BY") {
		t.Errorf("year of tasks: %s", c)
	}
	if c := agg(reform.TypeOutcome, "value"); !strings.Contains(c, "sum(n.value)") || !strings.Contains(c, "ORDER BY n.id") {
		t.Errorf("a float sum needs a fixed order: %s", c)
	}
	if c := agg(reform.TypeTask); !strings.Contains(c, "n.name") || !strings.Contains(c, "n.completed") {
		t.Errorf("nil fields compute every field: %s", c)
	}
}

// The fallback of relationship lists is a plan root over the parents' ids (RootRelated): one
// parameterized statement whose lists are the COLLECTs of planned relationship lists, with the
// same refusals as the per-parent read.
func TestPlanRelatedRoot(t *testing.T) {
	evil := "x' OR 1=1 //"
	root := &plan.Root{Kind: plan.RootRelated, Type: reform.TypeDepartment, Parents: []string{evil, "department/a", evil},
		Field: "tasks", List: plan.ListQuery{Where: map[string]any{"name": map[string]any{"contains": evil}},
			Sort: []plan.SortKey{{Field: "year", Dir: "DESC"}}, Limit: ip(3)}}
	cypher, params, err := store.Compile(root)
	if err != nil {
		t.Fatal(err)
	}
	want := "UNWIND $ids AS id MATCH (a:Department {id: id}) WITH id, a, COLLECT { MATCH (a)-[:RESPONSIBLE_FOR]->(v1:Task)" +
		" WHERE v1.name CONTAINS $p0 WITH DISTINCT v1 ORDER BY v1.year DESC, v1.id ASC SKIP $p1 LIMIT $p2" +
		" RETURN {t: 'Task', p: properties(v1)} } AS x2 RETURN id, x2 AS nodes"
	if cypher != want {
		t.Errorf("statement\n got %s\nwant %s", cypher, want)
	}
	if ids, _ := params["ids"].([]string); len(ids) != 2 || strings.Contains(cypher, evil) {
		t.Errorf("ids %v (want each once), statement %s", params["ids"], cypher)
	}
	root.Field = "colour"
	if _, _, err := store.Compile(root); !errors.Is(err, reform.ErrInvalidInput) {
		t.Errorf("unknown field: err = %v", err)
	}
	// The connection of many parents: each parent's page as a planned relationship connection.
	q := plan.ConnectionQuery{Scope: plan.Scope{Type: reform.TypeTask, Where: map[string]any{"node": map[string]any{"name": map[string]any{"eq": evil}}},
		From: &plan.Origin{Type: reform.TypeDepartment, Field: "tasks"}}, First: ip(2)}
	conn := &plan.Root{Kind: plan.RootRelatedConnection, Type: reform.TypeDepartment, Parents: []string{evil}, Conn: q.Selection()}
	cypher, _, err = store.Compile(conn)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(cypher, "UNWIND $ids AS id MATCH (a:Department {id: id}) WITH id, a, COLLECT { MATCH (a)-[") ||
		!strings.HasSuffix(cypher, " RETURN id, {e: x3} AS conn") || strings.Contains(cypher, evil) {
		t.Errorf("connection of many parents: %s", cypher)
	}
	conn.Conn.First = ip(-1)
	if _, _, err := store.Compile(conn); !errors.Is(err, reform.ErrInvalidInput) {
		t.Errorf("first -1: err = %v", err)
	}
}
