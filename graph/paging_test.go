package graph_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/reform"
)

// Backward paging (last, before) against forward paging over the shipped dataset: every root
// connection, the relationship-field connections of the busiest entities, and search, with
// and without sorts that leave many ties for the id to break.

type pageEdge struct{ id, cursor string }

type connPage struct {
	edges      []pageEdge
	total      int
	prev, next bool
}

// pageArgs are the page arguments of one request (nil: absent).
type pageArgs struct {
	first, last   any
	after, before any
}

// readPage posts query (which takes $first, $after, $last, $before besides vars) and reads the
// connection path finds in its data.
func readPage(t *testing.T, c *client.Client, query string, vars map[string]any, a pageArgs, path func(map[string]any) map[string]any) connPage {
	t.Helper()
	v := map[string]any{"first": a.first, "after": a.after, "last": a.last, "before": a.before}
	for k, x := range vars {
		v[k] = x
	}
	conn := path(gql(t, c, query, v))
	p := connPage{total: int(as[float64](t, conn["totalCount"]))}
	pi := as[map[string]any](t, conn["pageInfo"])
	p.prev, p.next = as[bool](t, pi["hasPreviousPage"]), as[bool](t, pi["hasNextPage"])
	for _, e := range as[[]any](t, conn["edges"]) {
		em := as[map[string]any](t, e)
		node := as[map[string]any](t, em["node"])
		id, ok := node["id"].(string)
		if !ok { // a search hit
			id = as[string](t, as[map[string]any](t, node["entity"])["id"])
		}
		if props, _ := em["properties"].(map[string]any); props != nil {
			id += " " + as[string](t, props["type"])
		}
		p.edges = append(p.edges, pageEdge{id, as[string](t, em["cursor"])})
	}
	if len(p.edges) > 0 && (pi["startCursor"] != p.edges[0].cursor || pi["endCursor"] != p.edges[len(p.edges)-1].cursor) {
		t.Errorf("startCursor %v / endCursor %v are not the first and last edges' cursors %v", pi["startCursor"], pi["endCursor"], p.edges)
	}
	return p
}

// checkBackward reads the whole connection forward (pages of 100), walks it backward from its
// end in pages of size, and checks that the backward pages, put together, are the forward
// edges with the same cursors, that each page's hasPreviousPage and hasNextPage are right, and
// that pages between two cursors, forward and backward, are the edges between them.
func checkBackward(t *testing.T, c *client.Client, name, query string, vars map[string]any, path func(map[string]any) map[string]any, size int) {
	t.Helper()
	var all []pageEdge
	var after any
	total := -1
	for {
		p := readPage(t, c, query, vars, pageArgs{first: 100, after: after}, path)
		total = p.total
		all = append(all, p.edges...)
		if !p.next {
			break
		}
		after = p.edges[len(p.edges)-1].cursor
	}
	if len(all) != total {
		t.Fatalf("%s: %d edges forward, totalCount %d", name, len(all), total)
	}
	// At most about eight pages backward: the boundaries of a page (hasPreviousPage at each,
	// hasNextPage from the second) do not depend on how many pages there are, and walking a
	// busy entity's hundreds of edges two at a time, planner on and off, took the package a
	// quarter of its time.
	size = max(size, total/8)
	var back []pageEdge
	var before any
	for i := 0; ; i++ {
		p := readPage(t, c, query, vars, pageArgs{last: size, before: before}, path)
		if p.total != total {
			t.Errorf("%s: totalCount %d backward, %d forward", name, p.total, total)
		}
		if p.next != (i > 0) {
			t.Errorf("%s: backward page %d: hasNextPage %v", name, i, p.next)
		}
		if rest := total - len(back) - len(p.edges); p.prev != (rest > 0) {
			t.Errorf("%s: backward page %d: hasPreviousPage %v with %d edges before it", name, i, p.prev, rest)
		}
		if len(p.edges) != min(size, total-len(back)) {
			t.Fatalf("%s: backward page %d has %d edges", name, i, len(p.edges))
		}
		back = append(slices.Clone(p.edges), back...)
		if !p.prev {
			break
		}
		before = p.edges[0].cursor
		if i > 1000 {
			t.Fatalf("%s: backward paging does not end", name)
		}
	}
	if !slices.Equal(back, all) {
		t.Errorf("%s: backward pages\n%v\nforward\n%v", name, back, all)
	}
	// Windows between two cursors: after position i and before position j.
	n := len(all)
	for _, w := range [][2]int{{0, n - 1}, {1, n / 2}, {n / 3, n - 2}, {n / 2, n/2 + 1}, {n - 2, 1}} {
		i, j := w[0], w[1]
		if i < 0 || j < 0 || i >= n || j >= n {
			continue
		}
		between := all[min(i+1, j):j]
		if i+1 > j {
			between = nil
		}
		got := readPage(t, c, query, vars, pageArgs{last: size, after: all[i].cursor, before: all[j].cursor}, path)
		want := between[max(0, len(between)-size):]
		if !slices.Equal(got.edges, want) || got.prev != (len(between) > size) || !got.next {
			t.Errorf("%s: last %d after #%d before #%d: %v prev %v next %v, want %v prev %v", name, size, i, j, got.edges, got.prev, got.next, want, len(between) > size)
		}
		got = readPage(t, c, query, vars, pageArgs{first: size, after: all[i].cursor, before: all[j].cursor}, path)
		want = between[:min(size, len(between))]
		if !slices.Equal(got.edges, want) || got.next != (len(between) > size) || !got.prev {
			t.Errorf("%s: first %d after #%d before #%d: %v prev %v next %v, want %v next %v", name, size, i, j, got.edges, got.prev, got.next, want, len(between) > size)
		}
		// The last edges after a cursor, without before.
		rest := all[i+1:]
		got = readPage(t, c, query, vars, pageArgs{last: size, after: all[i].cursor}, path)
		want = rest[max(0, len(rest)-size):]
		if !slices.Equal(got.edges, want) || got.prev != (len(rest) > size) || got.next {
			t.Errorf("%s: last %d after #%d: %v prev %v next %v, want %v prev %v", name, size, i, got.edges, got.prev, got.next, want, len(rest) > size)
		}
	}
}

// tieSorts are sorts of each type on a field many entities share (or lack), so that the id
// breaks most of the order.
var tieSorts = map[reform.EntityType]string{
	reform.TypeLeader: "role", reform.TypeDepartment: "kind", reform.TypeTask: "area", reform.TypePolicy: "kind",
	reform.TypePilotProgram: "level", reform.TypeOutcome: "kind", reform.TypeDocument: "year",
}

func TestBackwardPagingRootConnections(t *testing.T) {
	c, _ := newClient(t)
	for _, r := range roots {
		q := fmt.Sprintf(`query($s: [%[1]sSort!], $first: Int, $after: String, $last: Int, $before: String) {
			x: %[2]s(sort: $s, first: $first, after: $after, last: $last, before: $before) {
				totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }`, r.typ, r.connection)
		for _, s := range [][]map[string]any{nil, {{"name": "DESC"}}, {{tieSorts[r.typ]: "ASC"}}, {{tieSorts[r.typ]: "DESC"}, {"name": "ASC"}}} {
			for _, size := range []int{2, 7} {
				checkBackward(t, c, fmt.Sprintf("%s sort %v last %d", r.connection, s, size), q, map[string]any{"s": s},
					func(d map[string]any) map[string]any { return as[map[string]any](t, d["x"]) }, size)
			}
		}
	}
}

// relationshipConnections checks backward paging on the relationship-field connections of the
// busiest entity of every relationship field, through client c.
// relationshipConnections checks backward paging of every relationship connection of the
// busiest entity of each type, under three sorts; with rotate, one sort per field in turn
// (each sort over a third of the fields).
func relationshipConnections(t *testing.T, c *client.Client, owners *client.Client, rotate bool) {
	checked, turn := 0, 0
	for _, r := range roots {
		for field, rel := range reform.RelationFields(r.typ) {
			sortType := string(rel.Target) + "ConnectionSort"
			if rel.Target == "" {
				sortType = "EntityConnectionSort"
			}
			q := fmt.Sprintf(`query($id: ID!, $s: [%s!], $first: Int, $after: String, $last: Int, $before: String) {
				x: %s(where: {id: {eq: $id}}) { c: %sConnection(sort: $s, first: $first, after: $after, last: $last, before: $before) {
				totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } properties { type } } } } }`,
				sortType, r.list, field)
			for _, owner := range busiest(t, owners, r, field, 1) {
				sorts := []any{nil, []any{map[string]any{"edge": map[string]any{"type": "DESC"}}},
					[]any{map[string]any{"node": map[string]any{"name": "DESC"}}, map[string]any{"edge": map[string]any{"implied": "ASC"}}}}
				if rotate {
					turn++
					sorts = sorts[turn%3 : turn%3+1]
				}
				for _, s := range sorts {
					checkBackward(t, c, fmt.Sprintf("%s %s.%sConnection sort %v", owner, r.typ, field, s), q, map[string]any{"id": owner, "s": s},
						func(d map[string]any) map[string]any {
							return as[map[string]any](t, as[map[string]any](t, as[[]any](t, d["x"])[0])["c"])
						}, 2)
					checked++
				}
			}
		}
	}
	want := 100
	if rotate {
		want = 33
	}
	if checked < want {
		t.Errorf("checked only %d relationship connections", checked)
	}
}

func TestBackwardPagingRelationshipConnections(t *testing.T) {
	c, _ := newClient(t)
	relationshipConnections(t, c, c, false)
}

// The per-field path (planner off): each connection is read by the fallback's root over its
// parents' ids, compiled by the same compiler. One sort per field in turn: each request of
// this path costs several statements, and the planner's test above covers every sort of
// every field.
func TestBackwardPagingRelationshipConnectionsWithoutPlanner(t *testing.T) {
	c, _ := newClient(t)
	_, _, st := hubtest.Handler(t)
	h := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{Store: st, NoPlanner: true}}))
	h.AddTransport(transport.POST{})
	off := client.New(graph.WithLoaders(st, h))
	relationshipConnections(t, off, c, true)
}

func TestBackwardPagingSearch(t *testing.T) {
	c, _ := newClient(t)
	q := `query($q: String!, $first: Int, $after: String, $last: Int, $before: String) {
		x: searchConnection(query: $q, first: $first, after: $after, last: $last, before: $before) {
			totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { entity { id } } } } }`
	for _, text := range []string{"改革", "生态", "carbon"} {
		checkBackward(t, c, "search "+text, q, map[string]any{"q": text},
			func(d map[string]any) map[string]any { return as[map[string]any](t, d["x"]) }, 4)
	}
}

// TestPagingArgumentsRefused: first with last, and last out of range, are BAD_USER_INPUT.
func TestPagingArgumentsRefused(t *testing.T) {
	c, _ := newClient(t)
	for _, q := range []string{
		`{ tasksConnection(first: 2, last: 2) { totalCount } }`,
		`{ tasksConnection(last: 1001) { totalCount } }`,
		`{ tasksConnection(last: -1) { edges { cursor } } }`,
		`{ tasks(limit: 1) { departmentsConnection(first: 1, last: 1) { edges { cursor } } } }`,
		`{ searchConnection(query: "改革", first: 2, last: 2) { totalCount } }`,
		`{ tasksConnection(last: 2, before: "bm90IGEgY3Vyc29y") { edges { cursor } } }`,
	} {
		var resp map[string]any
		err := c.Post(q, &resp)
		if err == nil {
			t.Errorf("%s: no error", q)
			continue
		}
		if want := graph.CodeBadUserInput; !strings.Contains(err.Error(), `"code":"`+want+`"`) {
			t.Errorf("%s: %v, want %s", q, err, want)
		}
	}
}
