package graph_test

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/reform"
)

// Invariants of the query language that hold whatever the data: they compare answers of the
// hub with each other, never with numbers tuned to the dataset.

type rootInfo struct {
	typ              reform.EntityType
	list, connection string
}

var roots = []rootInfo{
	{reform.TypeLeader, "leaders", "leadersConnection"},
	{reform.TypeDepartment, "departments", "departmentsConnection"},
	{reform.TypeTask, "tasks", "tasksConnection"},
	{reform.TypePolicy, "policies", "policiesConnection"},
	{reform.TypePilotProgram, "pilotPrograms", "pilotProgramsConnection"},
	{reform.TypeOutcome, "outcomes", "outcomesConnection"},
	{reform.TypeDocument, "documents", "documentsConnection"},
}

// gql posts query with variables and returns its data; any error fails the test.
func gql(t *testing.T, c *client.Client, query string, vars map[string]any) map[string]any {
	t.Helper()
	var opts []client.Option
	for k, v := range vars {
		opts = append(opts, client.Var(k, v))
	}
	var data map[string]any
	if err := c.Post(query, &data, opts...); err != nil {
		t.Fatalf("%s %v: %v", query, vars, err)
	}
	return data
}

func newClient(t *testing.T) (*client.Client, http.Handler) {
	t.Helper()
	h, _, _ := hubtest.Handler(t)
	return client.New(h, client.Path("/graphql")), h
}

// ids lists the entities of root r matching where, in the hub's order.
func ids(t *testing.T, c *client.Client, r rootInfo, where map[string]any, sortKeys []map[string]any) []string {
	t.Helper()
	q := fmt.Sprintf(`query($w: %[1]sWhere, $s: [%[1]sSort!]) { x: %[2]s(where: $w, sort: $s) { id } }`, r.typ, r.list)
	data := gql(t, c, q, map[string]any{"w": where, "s": sortKeys})
	var out []string
	for _, e := range as[[]any](t, data["x"]) {
		out = append(out, as[string](t, as[map[string]any](t, e)["id"]))
	}
	return out
}

func set(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func sortedSet(m map[string]bool) []string {
	return slices.Sorted(maps.Keys(m))
}

// filters are filters of each type for the set-algebra invariants: scalar operators on
// nullable fields (where two-valued logic matters), and relationship quantifiers.
var filters = map[reform.EntityType][]map[string]any{
	reform.TypeTask: {
		{"area": map[string]any{"eq": "营商环境"}},
		{"year": map[string]any{"gte": 2021}},
		{"status": map[string]any{"in": []any{"COMPLETED", "IN_PROGRESS"}}},
		{"name": map[string]any{"contains": "改革"}},
		{"departments": map[string]any{"some": map[string]any{"kind": map[string]any{"eq": "GOVERNMENT"}}}},
		{"outcomes": map[string]any{"all": map[string]any{"kind": map[string]any{"eq": "HONOUR"}}}},
		{"description": map[string]any{"eq": nil}},
	},
	reform.TypeOutcome: {
		{"kind": map[string]any{"eq": "METRIC"}},
		{"value": map[string]any{"lt": 50}},
		{"unit": map[string]any{"startsWith": "万"}},
		{"scope": map[string]any{"in": []any{"全国", "全省"}}},
		{"achievedBy": map[string]any{"single": map[string]any{"type": map[string]any{"eq": "Task"}}}},
	},
	reform.TypeDepartment: {
		{"kind": map[string]any{"in": []any{"AGENCY", "PARTY"}}},
		{"nameEn": map[string]any{"endsWith": "Bureau"}},
		{"tasks": map[string]any{"some": map[string]any{}}},
		{"supportsConnection": map[string]any{"some": map[string]any{"edge": map[string]any{"implied": map[string]any{"eq": true}}}}},
	},
	reform.TypePolicy: {
		{"kind": map[string]any{"eq": "MECHANISM"}},
		{"title": map[string]any{"contains": "办法"}},
		{"issuedBy": map[string]any{"none": map[string]any{}}},
	},
	reform.TypePilotProgram: {
		{"level": map[string]any{"eq": "NATIONAL"}},
		{"outcomes": map[string]any{"some": map[string]any{"kind": map[string]any{"eq": "METRIC"}}}},
	},
}

func rootOf(t reform.EntityType) rootInfo {
	for _, r := range roots {
		if r.typ == t {
			return r
		}
	}
	panic("no root for " + string(t))
}

func TestInvariantNotPartitions(t *testing.T) {
	c, _ := newClient(t)
	for typ, fs := range filters {
		r := rootOf(typ)
		all := ids(t, c, r, nil, nil)
		for _, f := range fs {
			yes := set(ids(t, c, r, f, nil))
			no := set(ids(t, c, r, map[string]any{"NOT": f}, nil))
			for id := range yes {
				if no[id] {
					t.Errorf("%s %v: %s is in both x and NOT x", typ, f, id)
				}
			}
			if len(yes)+len(no) != len(all) {
				t.Errorf("%s %v: |x| %d + |NOT x| %d != %d entities", typ, f, len(yes), len(no), len(all))
			}
		}
	}
}

func TestInvariantOrAndAreUnionAndIntersection(t *testing.T) {
	c, _ := newClient(t)
	for typ, fs := range filters {
		r := rootOf(typ)
		sets := make([]map[string]bool, len(fs))
		for i, f := range fs {
			sets[i] = set(ids(t, c, r, f, nil))
		}
		for i := range fs {
			for j := i + 1; j < len(fs); j++ {
				x, y := sets[i], sets[j]
				union, inter := map[string]bool{}, map[string]bool{}
				for id := range x {
					union[id] = true
					if y[id] {
						inter[id] = true
					}
				}
				for id := range y {
					union[id] = true
				}
				or := sortedSet(set(ids(t, c, r, map[string]any{"OR": []any{fs[i], fs[j]}}, nil)))
				and := sortedSet(set(ids(t, c, r, map[string]any{"AND": []any{fs[i], fs[j]}}, nil)))
				if !slices.Equal(or, sortedSet(union)) {
					t.Errorf("%s OR[%v, %v] = %v, want the union %v", typ, fs[i], fs[j], or, sortedSet(union))
				}
				if !slices.Equal(and, sortedSet(inter)) {
					t.Errorf("%s AND[%v, %v] = %v, want the intersection %v", typ, fs[i], fs[j], and, sortedSet(inter))
				}
			}
		}
	}
}

func TestInvariantSomeAndNonePartition(t *testing.T) {
	c, _ := newClient(t)
	checked := 0
	for _, r := range roots {
		all := ids(t, c, r, nil, nil)
		for field, rel := range reform.RelationFields(r.typ) {
			subs := []map[string]any{{}, {"name": map[string]any{"contains": "市"}}}
			if rel.Target == "" {
				subs = append(subs, map[string]any{"type": map[string]any{"eq": "Department"}})
			}
			for _, sub := range subs {
				some := set(ids(t, c, r, map[string]any{field: map[string]any{"some": sub}}, nil))
				none := set(ids(t, c, r, map[string]any{field: map[string]any{"none": sub}}, nil))
				for id := range some {
					if none[id] {
						t.Errorf("%s.%s %v: %s in both some and none", r.typ, field, sub, id)
					}
				}
				if len(some)+len(none) != len(all) {
					t.Errorf("%s.%s %v: |some| %d + |none| %d != %d", r.typ, field, sub, len(some), len(none), len(all))
				}
				checked++
			}
		}
	}
	if checked < 40 {
		t.Errorf("checked only %d relationship fields × filters", checked)
	}
}

// `all` reads as in the Neo4j GraphQL Library v7: some related entity, and every one matches.
// On every relationship field, as a relationship filter and as a connection filter, `all` of a
// filter every entity matches selects exactly the entities with a related entity (`some: {}`);
// `all: F` is `some: {}` minus `some: {NOT: F}`; and an empty `all: {}` is no condition.
func TestInvariantAllNeedsARelatedEntity(t *testing.T) {
	c, _ := newClient(t)
	checked := 0
	everything := map[string]any{"id": map[string]any{"contains": "/"}}
	for _, r := range roots {
		all := set(ids(t, c, r, nil, nil))
		for field, rel := range reform.RelationFields(r.typ) {
			some := set(ids(t, c, r, map[string]any{field: map[string]any{"some": map[string]any{}}}, nil))
			for name, where := range map[string]map[string]any{
				"all":            {field: map[string]any{"all": everything}},
				"connection all": {field + "Connection": map[string]any{"all": map[string]any{"node": everything}}},
			} {
				if got := set(ids(t, c, r, where, nil)); !maps.Equal(got, some) {
					t.Errorf("%s.%s %s of a filter every entity matches: %d entities, some: {} %d", r.typ, field, name, len(got), len(some))
				}
			}
			f := map[string]any{"name": map[string]any{"contains": "市"}}
			if rel.Target == "" {
				f = map[string]any{"type": map[string]any{"eq": "Department"}}
			}
			allF := set(ids(t, c, r, map[string]any{field: map[string]any{"all": f}}, nil))
			notAll := set(ids(t, c, r, map[string]any{field: map[string]any{"some": map[string]any{"NOT": f}}}, nil))
			want := map[string]bool{}
			for id := range some {
				if !notAll[id] {
					want[id] = true
				}
			}
			if !maps.Equal(allF, want) {
				t.Errorf("%s.%s all %v: %v, want %v", r.typ, field, f, sortedSet(allF), sortedSet(want))
			}
			if got := set(ids(t, c, r, map[string]any{field: map[string]any{"all": map[string]any{}}}, nil)); !maps.Equal(got, all) {
				t.Errorf("%s.%s all: {} selects %d of %d entities", r.typ, field, len(got), len(all))
			}
			checked++
		}
	}
	if checked < 40 {
		t.Errorf("checked only %d relationship fields", checked)
	}
	// The query of issue 17 (policies all of whose tasks have a task id): the policies with a
	// task (12 on the shipped dataset, as the library answers), not every policy.
	data := gql(t, c, `{ a: policiesConnection(where: {tasks: {all: {id: {startsWith: "task/"}}}}) { totalCount }
		s: policiesConnection(where: {tasks: {some: {}}}) { totalCount } n: policiesConnection { totalCount } }`, nil)
	a, sm, n := as[map[string]any](t, data["a"])["totalCount"], as[map[string]any](t, data["s"])["totalCount"], as[map[string]any](t, data["n"])["totalCount"]
	if a != sm || a == n {
		t.Errorf("policies all of whose tasks have a task id: %v; with a task: %v; policies: %v", a, sm, n)
	}
}

// sum over no value is 0, the other aggregates null: at the root, on a relationship
// connection, with the planner and through the per-field path.
func TestInvariantSumOverNothingIsZero(t *testing.T) {
	c, _ := newClient(t)
	data := gql(t, c, `{
		tasksConnection(where: {id: {eq: "no such task"}}) { aggregate { node { year { sum min max average } planned { sum } } } }
		tasks(where: {outcomes: {none: {}}}, limit: 3) { outcomesConnection { aggregate { node { value { sum min } year { sum average } } } } }
	}`, nil)
	node := as[map[string]any](t, as[map[string]any](t, as[map[string]any](t, data["tasksConnection"])["aggregate"])["node"])
	year := as[map[string]any](t, node["year"])
	if year["sum"] != float64(0) || year["min"] != nil || year["max"] != nil || year["average"] != nil ||
		as[map[string]any](t, node["planned"])["sum"] != float64(0) {
		t.Errorf("root aggregate over nothing: %v", node)
	}
	tasks := as[[]any](t, data["tasks"])
	if len(tasks) == 0 {
		t.Fatal("no task without outcomes")
	}
	for _, x := range tasks {
		n := as[map[string]any](t, as[map[string]any](t, as[map[string]any](t, as[map[string]any](t, x)["outcomesConnection"])["aggregate"])["node"])
		v, y := as[map[string]any](t, n["value"]), as[map[string]any](t, n["year"])
		if v["sum"] != float64(0) || v["min"] != nil || y["sum"] != float64(0) || y["average"] != nil {
			t.Errorf("relationship aggregate over nothing: %v", n)
		}
	}
}

// sortFields lists the fields of the sort input of type typ, by introspection.
func sortFields(t *testing.T, c *client.Client, typ reform.EntityType) []string {
	data := gql(t, c, `query($n: String!) { __type(name: $n) { inputFields { name } } }`, map[string]any{"n": string(typ) + "Sort"})
	var out []string
	for _, f := range as[[]any](t, as[map[string]any](t, data["__type"])["inputFields"]) {
		out = append(out, as[string](t, as[map[string]any](t, f)["name"]))
	}
	return out
}

func TestInvariantDescIsTheReverseOfAsc(t *testing.T) {
	c, _ := newClient(t)
	for _, r := range roots {
		for _, f := range sortFields(t, c, r.typ) {
			asc := ids(t, c, r, nil, []map[string]any{{f: "ASC"}, {"id": "ASC"}})
			desc := ids(t, c, r, nil, []map[string]any{{f: "DESC"}, {"id": "DESC"}})
			slices.Reverse(desc)
			if !slices.Equal(asc, desc) {
				t.Errorf("%s by %s: DESC reversed %v != ASC %v", r.typ, f, desc, asc)
			}
		}
	}
}

// page walks a connection page by page (first: size) and returns the node ids of its edges
// and its totalCount.
func page(t *testing.T, c *client.Client, query string, vars map[string]any, path func(map[string]any) map[string]any, size int) ([]string, int) {
	t.Helper()
	var (
		out   []string
		after any
		total = -1
	)
	for i := 0; ; i++ {
		v := maps.Clone(vars)
		v["first"], v["after"] = size, after
		conn := path(gql(t, c, query, v))
		if n := int(as[float64](t, conn["totalCount"])); total == -1 {
			total = n
		} else if n != total {
			t.Fatalf("totalCount changed between pages: %d then %d", total, n)
		}
		edges := as[[]any](t, conn["edges"])
		pi := as[map[string]any](t, conn["pageInfo"])
		if as[bool](t, pi["hasPreviousPage"]) != (i > 0) {
			t.Errorf("page %d: hasPreviousPage = %v", i, pi["hasPreviousPage"])
		}
		for _, e := range edges {
			em := as[map[string]any](t, e)
			out = append(out, as[string](t, as[map[string]any](t, em["node"])["id"]))
			if p, _ := em["properties"].(map[string]any); p != nil {
				out[len(out)-1] += " " + as[string](t, p["type"])
			}
		}
		if len(edges) > 0 && pi["endCursor"] != as[map[string]any](t, edges[len(edges)-1])["cursor"] {
			t.Errorf("endCursor %v is not the last edge's cursor", pi["endCursor"])
		}
		if !as[bool](t, pi["hasNextPage"]) {
			return out, total
		}
		if len(edges) != size {
			t.Fatalf("page %d has %d edges and a next page", i, len(edges))
		}
		after = pi["endCursor"]
		if i > 1000 {
			t.Fatal("paging does not end")
		}
	}
}

func TestInvariantPagingVisitsEveryEdgeOnce(t *testing.T) {
	c, _ := newClient(t)
	check := func(name string, got []string, total int, want []string) {
		t.Helper()
		seen := map[string]bool{}
		for _, id := range got {
			if seen[id] {
				t.Errorf("%s: %s seen twice", name, id)
			}
			seen[id] = true
		}
		if len(got) != total {
			t.Errorf("%s: paging returned %d edges, totalCount %d", name, len(got), total)
		}
		if want != nil && !slices.Equal(got, want) {
			t.Errorf("%s: paging order %v != list order %v", name, got, want)
		}
	}
	for _, r := range roots {
		for _, s := range [][]map[string]any{nil, {{"name": "DESC"}}} {
			q := fmt.Sprintf(`query($s: [%[1]sSort!], $first: Int, $after: String) { x: %[2]s(sort: $s, first: $first, after: $after) {
				totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } } }`, r.typ, r.connection)
			for _, size := range []int{2, 7} {
				got, total := page(t, c, q, map[string]any{"s": s}, func(d map[string]any) map[string]any { return as[map[string]any](t, d["x"]) }, size)
				check(fmt.Sprintf("%s sort %v first %d", r.connection, s, size), got, total, ids(t, c, r, nil, s))
			}
		}
	}
	// Relationship-field connections: one edge per relationship (an entity joined twice,
	// by two relationship types, appears twice, with different types).
	for _, r := range roots {
		for field := range reform.RelationFields(r.typ) {
			q := fmt.Sprintf(`query($id: ID!, $first: Int, $after: String) { x: %s(where: {id: {eq: $id}}) { c: %sConnection(first: $first, after: $after) {
				totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } properties { type } } } } }`, r.list, field)
			for _, owner := range busiest(t, c, r, field, 2) {
				got, total := page(t, c, q, map[string]any{"id": owner}, func(d map[string]any) map[string]any {
					return as[map[string]any](t, as[map[string]any](t, as[[]any](t, d["x"])[0])["c"])
				}, 3)
				check(fmt.Sprintf("%s %s.%sConnection", owner, r.typ, field), got, total, nil)
			}
		}
	}
}

// TestInvariantEveryRelationshipIsVisibleFromBothEnds reads every relationship field of every
// entity, as connections with the relationship type: each relationship seen from its start
// must be seen from its end, and their number per type must match stats.
func TestInvariantEveryRelationshipIsVisibleFromBothEnds(t *testing.T) {
	c, _ := newClient(t)
	fromStart, fromEnd := map[string]bool{}, map[string]bool{}
	for _, r := range roots {
		fields := reform.RelationFields(r.typ)
		if len(fields) == 0 {
			continue
		}
		var sel strings.Builder
		names := slices.Sorted(maps.Keys(fields))
		for _, f := range names {
			fmt.Fprintf(&sel, " %s: %sConnection { edges { node { id } properties { type } } }", f, f)
		}
		data := gql(t, c, fmt.Sprintf("{ x: %s { id%s } }", r.list, sel.String()), nil)
		for _, e := range as[[]any](t, data["x"]) {
			em := as[map[string]any](t, e)
			self := as[string](t, em["id"])
			for _, f := range names {
				for _, edge := range as[[]any](t, as[map[string]any](t, em[f])["edges"]) {
					ed := as[map[string]any](t, edge)
					other := as[string](t, as[map[string]any](t, ed["node"])["id"])
					typ := as[string](t, as[map[string]any](t, ed["properties"])["type"])
					if fields[f].Out {
						fromStart[self+" "+typ+" "+other] = true
					} else {
						fromEnd[other+" "+typ+" "+self] = true
					}
				}
			}
		}
	}
	a, b := sortedSet(fromStart), sortedSet(fromEnd)
	if !slices.Equal(a, b) {
		for _, x := range a {
			if !fromEnd[x] {
				t.Errorf("%s is visible from its start only", x)
			}
		}
		for _, x := range b {
			if !fromStart[x] {
				t.Errorf("%s is visible from its end only", x)
			}
		}
	}
	perType := map[string]int{}
	for _, x := range a {
		perType[strings.Fields(x)[1]]++
	}
	data := gql(t, c, `{ stats { relationshipCounts { type count } } }`, nil)
	total := 0
	for _, rc := range as[[]any](t, as[map[string]any](t, data["stats"])["relationshipCounts"]) {
		m := as[map[string]any](t, rc)
		typ, n := as[string](t, m["type"]), int(as[float64](t, m["count"]))
		total += n
		if perType[typ] != n {
			t.Errorf("%s: %d relationships seen through fields, stats counts %d", typ, perType[typ], n)
		}
	}
	if total == 0 {
		t.Error("no relationships at all")
	}
}

// busiest returns the n entities of root r with the most edges in relationship field field
// (ties by id), to page through their connections.
func busiest(t *testing.T, c *client.Client, r rootInfo, field string, n int) []string {
	t.Helper()
	data := gql(t, c, fmt.Sprintf("{ x: %s { id c: %sConnection { totalCount } } }", r.list, field), nil)
	type owner struct {
		id    string
		edges int
	}
	var os []owner
	for _, e := range as[[]any](t, data["x"]) {
		m := as[map[string]any](t, e)
		os = append(os, owner{as[string](t, m["id"]), int(as[float64](t, as[map[string]any](t, m["c"])["totalCount"]))})
	}
	slices.SortStableFunc(os, func(a, b owner) int { return b.edges - a.edges })
	var out []string
	for i := 0; i < n && i < len(os); i++ {
		out = append(out, os[i].id)
	}
	return out
}

// Any query string is plain text to search: random strings built from Lucene's syntax
// characters, operator words, quotes and Chinese never cause an error, and every hit's score
// is positive and ordered best first.
func TestInvariantSearchTakesAnyString(t *testing.T) {
	c, _ := newClient(t)
	pieces := []string{`+`, `-`, `&&`, `||`, `!`, `(`, `)`, `{`, `}`, `[`, `]`, `^`, `"`, `~`, `*`, `?`, `:`, `\`, `/`,
		"AND", "OR", "NOT", "TO", "name:", "改革", "生态", "carbon", " ", "'", "`", "$p0", "<em>", "\t"}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 200 {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		q := b.String()
		if strings.TrimSpace(q) == "" {
			continue
		}
		var resp struct {
			Search []struct{ Score float64 }
		}
		if err := c.Post(`query($q: String!) { search(query: $q, limit: 5) { score } }`, &resp, client.Var("q", q)); err != nil {
			t.Errorf("case %d: search %q: %v", i, q, err)
			continue
		}
		for j, h := range resp.Search {
			if h.Score <= 0 || (j > 0 && h.Score > resp.Search[j-1].Score) {
				t.Errorf("search %q: scores %+v", q, resp.Search)
			}
		}
	}
}

// as returns v as a T, failing the test when the response has another shape.
func as[T any](t testing.TB, v any) T {
	t.Helper()
	x, ok := v.(T)
	if !ok {
		t.Fatalf("response value %v is a %T, want %T", v, v, x)
	}
	return x
}
