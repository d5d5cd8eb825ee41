package store

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	hubconfig "github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// relay is Relay's cursor connections algorithm (ApplyCursorsToEdges, then first or last) over
// the positions 0..n-1 of a connection, with this hub's answer for the page information Relay
// leaves to the server: hasPreviousPage on a forward page is "it starts after a cursor",
// hasNextPage on a backward page "it ends before one".
func relay(n int, first, last *int, after, before *int) (page []int, prev, next bool) {
	lo, hi := 0, n
	if after != nil {
		lo = *after + 1
	}
	if before != nil && *before < hi {
		hi = *before
	}
	var edges []int
	for i := lo; i < hi; i++ {
		edges = append(edges, i)
	}
	backward := last != nil || (before != nil && first == nil)
	size := 100
	switch {
	case first != nil:
		size = *first
	case last != nil:
		size = *last
	}
	if !backward {
		page = edges[:min(size, len(edges))]
		return page, after != nil, len(edges) > size
	}
	page = edges[max(0, len(edges)-size):]
	return page, len(edges) > size, before != nil
}

// simulate reads what window w asks of a connection of n edges and returns the page it makes.
func simulate(t *testing.T, w window, n int) ([]int, plan.PageInfo) {
	t.Helper()
	rows := make([]int, n)
	for i := range rows {
		rows[i] = i
	}
	if w.reverse {
		slices.Reverse(rows)
	}
	start := min(int(w.skip), n)
	rows = rows[start:min(n, start+int(w.limit))]
	c := &plan.Connection{}
	err := page(c, len(rows), w, int64(n), func(i int) (reform.Entity, *plan.EdgeProperties, error) {
		return &reform.Task{Base: reform.Base{ID: fmt.Sprint(rows[i])}}, nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for i, e := range c.Edges {
		var pos int
		if _, err := fmt.Sscan(e.Node.Common().ID, &pos); err != nil {
			t.Fatal(err)
		}
		if e.Cursor != encodeCursor(int64(pos)) {
			t.Errorf("edge %d at position %d has cursor %s", i, pos, e.Cursor)
		}
		got = append(got, pos)
	}
	return got, c.PageInfo
}

// TestWindowIsRelay checks the rows every combination of page arguments reads, and the page
// they make, against Relay's algorithm, over connections of 0 to 9 edges.
func TestWindowIsRelay(t *testing.T) {
	lim := newLimits(hubconfig.Limits{})
	ints := []*int{nil, ptrInt(0), ptrInt(1), ptrInt(3), ptrInt(20)}
	cursors := []*int{nil, ptrInt(0), ptrInt(2), ptrInt(5), ptrInt(8), ptrInt(12)}
	for n := range 10 {
		for _, first := range ints {
			for _, last := range ints {
				if first != nil && last != nil {
					continue
				}
				for _, after := range cursors {
					for _, before := range cursors {
						p := plan.Page{First: first, Last: last}
						if after != nil {
							p.After = ptrStr(encodeCursor(int64(*after)))
						}
						if before != nil {
							p.Before = ptrStr(encodeCursor(int64(*before)))
						}
						w, err := lim.window(p, true)
						if err != nil {
							t.Fatal(err)
						}
						if w.limit > w.size+1 {
							t.Errorf("reads %d rows for a page of %d", w.limit, w.size)
						}
						got, info := simulate(t, w, n)
						want, prev, next := relay(n, first, last, after, before)
						name := fmt.Sprintf("n=%d first=%v last=%v after=%v before=%v", n, show(first), show(last), show(after), show(before))
						if before != nil && *before > n && p.Backward() {
							// A cursor past the end (the data shrank since it was issued): a
							// cursor is a position, and the page the edges at the size
							// positions before it that exist.
							lo := 0
							if after != nil {
								lo = *after + 1
							}
							size := 100
							if last != nil {
								size = *last
							}
							start := max(lo, *before-size)
							want = nil
							for i := start; i < n; i++ {
								want = append(want, i)
							}
							prev, next = start > lo && start-1 < n, true
						}
						if !slices.Equal(got, want) {
							t.Errorf("%s: page %v, want %v", name, got, want)
						}
						if info.HasPreviousPage != prev || info.HasNextPage != next {
							t.Errorf("%s: hasPreviousPage %v hasNextPage %v, want %v %v", name, info.HasPreviousPage, info.HasNextPage, prev, next)
						}
						if len(got) > 0 && (*info.StartCursor != encodeCursor(int64(got[0])) || *info.EndCursor != encodeCursor(int64(got[len(got)-1]))) {
							t.Errorf("%s: start/end cursors %s %s", name, *info.StartCursor, *info.EndCursor)
						}
					}
				}
			}
		}
	}
}

func ptrStr(s string) *string { return &s }

func show(p *int) any {
	if p == nil {
		return "-"
	}
	return *p
}

func TestWindowRefuses(t *testing.T) {
	lim := newLimits(hubconfig.Limits{})
	for _, tc := range []struct {
		p    plan.Page
		want string
	}{
		{plan.Page{First: ptrInt(2), Last: ptrInt(2)}, "first and last cannot be given together"},
		{plan.Page{Last: ptrInt(-1)}, "last must be between 0 and 1000, got -1"},
		{plan.Page{Last: ptrInt(1001)}, "last must be between 0 and 1000, got 1001"},
		{plan.Page{First: ptrInt(1001)}, "first must be between 0 and 1000, got 1001"},
		{plan.Page{Last: ptrInt(1), Before: ptrStr("nope")}, `cursor "nope" is not one this server issued`},
	} {
		_, err := lim.window(tc.p, false)
		if !errors.Is(err, reform.ErrInvalidInput) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: err = %v, want %q", tc.p, err, tc.want)
		}
	}
}

// TestOrderReverse checks that the reverse of an order flips every key, the ties' too.
func TestOrderReverse(t *testing.T) {
	p := newParams()
	terms, err := orderTermsConn(p, reform.TypeTask, "n", "r", []plan.SortKey{{On: "node", Field: "year", Dir: "DESC"}, {On: "edge", Field: "implied", Dir: "ASC"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := orderClause(terms, true), " ORDER BY n.year ASC, coalesce(r.implied, false) DESC, n.id DESC, type(r) DESC"; got != want {
		t.Errorf("got %q want %q", got, want)
	}
}

// TestCompileBackwardConnection checks the statements of backward pages: the last edges read
// the first rows of the reverse order and count the edges beside them; a page before a cursor
// reads the rows before it in the order, and the one before them.
func TestCompileBackwardConnection(t *testing.T) {
	sort := []plan.SortKey{{Field: "area", Dir: "ASC"}}
	last := &plan.Root{Kind: plan.RootConnection, Type: reform.TypeTask, Conn: &plan.RelSelection{Kind: plan.RelConnection,
		On: reform.TypeTask, Sort: sort, Last: ptrInt(3), Edges: true}}
	cypher, params, err := Compile(last)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ORDER BY n.area DESC, n.id DESC SKIP $p0 LIMIT $p1", "c: x2", "COUNT { MATCH (n:Task) }"} {
		if !strings.Contains(cypher, want) {
			t.Errorf("last 3: %q not in\n%s", want, cypher)
		}
	}
	if params["p0"] != int64(0) || params["p1"] != int64(3) {
		t.Errorf("last 3: params %v", params)
	}
	before := *last.Conn
	before.Before = ptrStr(encodeCursor(10))
	cypher, params, err = Compile(&plan.Root{Kind: plan.RootConnection, Type: reform.TypeTask, Conn: &before})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(cypher, "ORDER BY n.area ASC, n.id ASC SKIP $p0 LIMIT $p1") || strings.Contains(cypher, "COUNT") {
		t.Errorf("last 3 before 10:\n%s", cypher)
	}
	if params["p0"] != int64(6) || params["p1"] != int64(4) { // positions 6 (is there a previous page?) to 9
		t.Errorf("last 3 before 10: params %v", params)
	}
	// A relationship-field connection: the relationship type ends the reverse order too.
	rel := &plan.Root{Kind: plan.RootRelatedConnection, Type: reform.TypeTask, Parents: []string{"task/a"},
		Conn: &plan.RelSelection{Kind: plan.RelConnection, On: reform.TypeTask, Field: "departments", Last: ptrInt(2), Edges: true}}
	cypher, _, err = Compile(rel)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(cypher, "ORDER BY v1.id DESC, type(e2) DESC") {
		t.Errorf("relationship last 2:\n%s", cypher)
	}
}

// TestCompileBackwardSearch checks a searchConnection page taken backward: the slice of all
// hits before the cursor, with its bounds as columns.
func TestCompileBackwardSearch(t *testing.T) {
	root := &plan.Root{Kind: plan.RootSearchPage, Search: plan.SearchQuery{Query: "改革", Last: ptrInt(5), Before: ptrStr(encodeCursor(7))}}
	cypher, params, err := Compile(root)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(cypher, "found[start..hi] AS page") || !strings.HasSuffix(cypher, "RETURN total, hits, hi, start") {
		t.Errorf("statement:\n%s", cypher)
	}
	if params["before"] != int64(7) || params["limit"] != int64(5) || params["offset"] != int64(0) {
		t.Errorf("params %v", params)
	}
	root.Search.Limit = ptrInt(5)
	if _, _, err := Compile(root); !errors.Is(err, reform.ErrInvalidInput) {
		t.Errorf("first and last: err = %v", err)
	}
}
