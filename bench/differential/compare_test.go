package differential

import (
	"encoding/json"
	"slices"
	"testing"
)

func decode(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return v
}

// entities is the shape of {r: [{id, name}]} with the given list options.
func entities(order *Order, limit int, tags ...string) *Shape {
	elem := objectShape()
	elem.Fields["id"] = leafShape()
	elem.Fields["name"] = leafShape()
	l := listShape(elem)
	l.Order, l.Cap, l.Max, l.Tags = order, limit, max(limit, 10), tags
	root := objectShape()
	root.Fields["r"] = l
	return root
}

func explainedBy(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		if len(f.Div) == 0 {
			return nil
		}
		for _, d := range f.Div {
			if !slices.Contains(out, d) {
				out = append(out, d)
			}
		}
	}
	slices.Sort(out)
	return out
}

func TestCompareLists(t *testing.T) {
	a := `{"r": [{"id": "a", "name": "x"}, {"id": "b", "name": "y"}, {"id": "c", "name": "x"}]}`
	sorted := `{"r": [{"id": "a", "name": "x"}, {"id": "c", "name": "x"}, {"id": "b", "name": "y"}]}`
	cases := []struct {
		name      string
		shape     *Shape
		hub, lib  string
		findings  int
		explained []string // nil: some finding is unexplained (or none at all)
	}{
		{"equal", entities(nil, 0), a, a, 0, nil},
		{"no order promised: any order", entities(nil, 0), a,
			`{"r": [{"id": "c", "name": "x"}, {"id": "a", "name": "x"}, {"id": "b", "name": "y"}]}`, 0, nil},
		{"an item missing", entities(nil, 0), a,
			`{"r": [{"id": "c", "name": "x"}, {"id": "a", "name": "x"}]}`, 1, nil},
		{"an item's field differs", entities(nil, 0), a,
			`{"r": [{"id": "a", "name": "x"}, {"id": "b", "name": "z"}, {"id": "c", "name": "x"}]}`, 1, nil},
		{"sorted by name: ties in any order", entities(&Order{Keys: []string{"name"}}, 0), sorted,
			`{"r": [{"id": "c", "name": "x"}, {"id": "a", "name": "x"}, {"id": "b", "name": "y"}]}`, 0, nil},
		{"sorted by name: out of order", entities(&Order{Keys: []string{"name"}}, 0), sorted,
			`{"r": [{"id": "b", "name": "y"}, {"id": "a", "name": "x"}, {"id": "c", "name": "x"}]}`, 1, nil},
		{"total order: ties by id", entities(&Order{Keys: []string{"name", "id"}, Total: true}, 0),
			`{"r": [{"id": "a", "name": "x"}, {"id": "c", "name": "x"}]}`,
			`{"r": [{"id": "c", "name": "x"}, {"id": "a", "name": "x"}]}`, 1, nil},
		{"implicit limit: a part of v7's answer", entities(nil, 2),
			`{"r": [{"id": "a", "name": "x"}, {"id": "b", "name": "y"}]}`, a, 1, []string{DivImplicitLimit}},
		{"implicit limit, but not a part", entities(nil, 2),
			`{"r": [{"id": "a", "name": "x"}, {"id": "d", "name": "y"}]}`, a, 1, nil},
		{"fewer than the cap is no cap", entities(nil, 3),
			`{"r": [{"id": "a", "name": "x"}, {"id": "b", "name": "y"}]}`, a, 1, nil},
		{"a tagged form explains the list", entities(nil, 0, DivEmptyFilter), a,
			`{"r": [{"id": "a", "name": "x"}]}`, 1, []string{DivEmptyFilter}},
		{"a tag nothing lists explains nothing", entities(nil, 0, "no-such-divergence"), a,
			`{"r": [{"id": "a", "name": "x"}]}`, 1, nil},
		{"null against a list", entities(nil, 0), `{"r": null}`, a, 1, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := Compare(c.shape, decode(t, c.hub), decode(t, c.lib))
			if len(fs) != c.findings {
				t.Fatalf("%d findings, want %d: %+v", len(fs), c.findings, fs)
			}
			if got := explainedBy(fs); !slices.Equal(got, c.explained) {
				t.Errorf("explained by %v, want %v: %+v", got, c.explained, fs)
			}
		})
	}
}

func TestCompareLeaves(t *testing.T) {
	agg := func(op string) *Shape {
		sh := objectShape()
		n := objectShape()
		f := objectShape()
		f.Fields[op] = leafShape()
		n.Fields["name"] = f
		sh.Fields["node"] = n
		return sh
	}
	cases := []struct {
		name      string
		shape     *Shape
		hub, lib  string
		findings  int
		explained []string
	}{
		{"5 and 5.0", agg("sum"), `{"node": {"name": {"sum": 5}}}`, `{"node": {"name": {"sum": 5.0}}}`, 0, nil},
		{"averages summed in another order", agg("average"), `{"node": {"name": {"average": 2020.3333333333333}}}`,
			`{"node": {"name": {"average": 2020.3333333333335}}}`, 0, nil},
		{"numbers that differ", agg("average"), `{"node": {"name": {"average": 2020.5}}}`,
			`{"node": {"name": {"average": 2020.25}}}`, 1, nil},
		{"shortest: a tie of the same length", agg("shortest"), `{"node": {"name": {"shortest": "大项"}}}`,
			`{"node": {"name": {"shortest": "小项"}}}`, 1, []string{DivAggregateTies}},
		{"shortest: another length", agg("shortest"), `{"node": {"name": {"shortest": "大项"}}}`,
			`{"node": {"name": {"shortest": "项"}}}`, 1, nil},
		{"sum over nothing: null against 0 (the fixed hub bug: unexplained)", agg("sum"), `{"node": {"name": {"sum": null}}}`,
			`{"node": {"name": {"sum": 0}}}`, 1, nil},
		{"sum: 0 against null is not that", agg("sum"), `{"node": {"name": {"sum": 0}}}`,
			`{"node": {"name": {"sum": null}}}`, 1, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := Compare(c.shape, decode(t, c.hub), decode(t, c.lib))
			if len(fs) != c.findings {
				t.Fatalf("%d findings, want %d: %+v", len(fs), c.findings, fs)
			}
			if got := explainedBy(fs); !slices.Equal(got, c.explained) {
				t.Errorf("explained by %v, want %v: %+v", got, c.explained, fs)
			}
		})
	}
}

// TestCompareConnectionCap: a connection without first stops at the hub's implicit limit; its
// edges and pageInfo say so, and only then are their differences the implicit limit's.
func TestCompareConnectionCap(t *testing.T) {
	conn := func() *Shape {
		node := objectShape()
		node.Fields["id"] = leafShape()
		edge := objectShape()
		edge.Fields["node"] = node
		edges := listShape(edge)
		edges.Cap, edges.Max = 2, 2
		pi := objectShape()
		pi.Fields["hasNextPage"] = leafShape()
		pi.Fields["endCursor"] = leafShape()
		c := objectShape()
		c.Conn, c.Cap, c.After = true, 2, -1
		c.Fields["edges"] = edges
		c.Fields["pageInfo"] = pi
		c.Fields["totalCount"] = leafShape()
		root := objectShape()
		root.Fields["c"] = c
		return root
	}
	hub := `{"c": {"edges": [{"node": {"id": "a"}}, {"node": {"id": "b"}}], "totalCount": 3,
		"pageInfo": {"hasNextPage": true, "endCursor": "` + cursor(1) + `"}}}`
	lib := `{"c": {"edges": [{"node": {"id": "a"}}, {"node": {"id": "b"}}, {"node": {"id": "c"}}], "totalCount": 3,
		"pageInfo": {"hasNextPage": false, "endCursor": "` + cursor(2) + `"}}}`
	fs := Compare(conn(), decode(t, hub), decode(t, lib))
	if got := explainedBy(fs); !slices.Equal(got, []string{DivImplicitLimit}) || len(fs) != 3 {
		t.Errorf("findings %+v, want 3 explained by the implicit limit", fs)
	}
	// The same pageInfo difference under a page that is not full is unexplained.
	hub = `{"c": {"edges": [{"node": {"id": "a"}}], "totalCount": 1,
		"pageInfo": {"hasNextPage": true, "endCursor": "` + cursor(0) + `"}}}`
	lib = `{"c": {"edges": [{"node": {"id": "a"}}], "totalCount": 1,
		"pageInfo": {"hasNextPage": false, "endCursor": "` + cursor(0) + `"}}}`
	if fs := Compare(conn(), decode(t, hub), decode(t, lib)); len(fs) != 1 || len(fs[0].Div) != 0 {
		t.Errorf("findings %+v, want one unexplained", fs)
	}
}

func TestHubLimit(t *testing.T) {
	if !hubLimit(json.RawMessage(`[{"message":"too costly","extensions":{"code":"BAD_USER_INPUT","limit":"cost"}}]`)) {
		t.Error("a cost refusal is a limit")
	}
	if hubLimit(json.RawMessage(`[{"message":"bad","extensions":{"code":"BAD_USER_INPUT"}}]`)) {
		t.Error("BAD_USER_INPUT without extensions.limit is not a limit")
	}
	if hubLimit(json.RawMessage(`[{"message":"boom","extensions":{"code":"INTERNAL"}}]`)) {
		t.Error("INTERNAL is not a limit")
	}
}

func TestAggregatePredicates(t *testing.T) {
	for _, c := range []struct {
		v    any
		want int
	}{
		{obj{{"name", obj{{"eq", "x"}}}}, 0},
		{obj{{"tasksAggregate", obj{{"count", obj{{"lte", 3}}}}}}, 1},
		{obj{{"tasksConnection", obj{{"aggregate", obj{{"count", obj{{"nodes", obj{{"lt", 3}}}}}, {"node", obj{{"year", obj{{"min", obj{{"gt", 1}}}}}}}}}}}}, 2},
		{obj{{"AND", []any{obj{{"aAggregate", obj{{"count", obj{{"eq", 0}}}}}}, obj{{"bAggregate", obj{{"count", obj{{"gt", 1}}}}}}}}}, 2},
	} {
		if got := aggregatePredicates(c.v, false); got != c.want {
			t.Errorf("%s: %d, want %d", literal(c.v), got, c.want)
		}
	}
}
