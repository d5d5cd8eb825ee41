package store

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

func TestCursorRoundTrip(t *testing.T) {
	for _, n := range []int64{0, 1, 41, 999} {
		c := encodeCursor(n)
		got, err := decodeCursor(c)
		if err != nil || got != n {
			t.Errorf("decode(encode(%d)) = %d, %v", n, got, err)
		}
	}
	if encodeCursor(0) != "YXJyYXljb25uZWN0aW9uOjA=" { // v7's "arrayconnection:0"
		t.Errorf("cursor format changed: %s", encodeCursor(0))
	}
	for _, bad := range []string{"", "x", "YXJyYXljb25uZWN0aW9uOi0x" /* :-1 */, "b3RoZXI6MQ==" /* other:1 */} {
		if _, err := decodeCursor(bad); !errors.Is(err, reform.ErrInvalidInput) {
			t.Errorf("decode(%q) err = %v, want invalid input", bad, err)
		}
	}
}

func TestCompileConnWhere(t *testing.T) {
	p := newParams()
	got, err := compileConnWhere(reform.TypeDepartment, "n", "r", map[string]any{
		"node": map[string]any{"kind": map[string]any{"eq": "AGENCY"}},
		"edge": map[string]any{"type": map[string]any{"in": []any{"LEADS"}}, "implied": map[string]any{"eq": true},
			"note": map[string]any{"contains": "x"}},
		"NOT": map[string]any{},
	}, p)
	if err != nil {
		t.Fatal(err)
	}
	want := "(false AND (coalesce(r.implied, false) = $p0 AND r.note CONTAINS $p1 AND type(r) IN $p2) AND n.kind = $p3)"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	for _, bad := range []map[string]any{
		{"edge": map[string]any{"type": map[string]any{"eq": "KNOWS"}}},
		{"edge": map[string]any{"weight": map[string]any{"eq": 1}}},
		{"nodes": map[string]any{}},
		{"edge": map[string]any{"implied": map[string]any{"eq": "yes"}}},
	} {
		if _, err := compileConnWhere(reform.TypeDepartment, "n", "r", bad, newParams()); !errors.Is(err, reform.ErrInvalidInput) {
			t.Errorf("%v: err = %v, want invalid input", bad, err)
		}
	}
}

func TestConnectionFilterInWhere(t *testing.T) {
	p := newParams()
	got, err := compileWhere(reform.TypeLeader, "n", map[string]any{"departmentsConnection": map[string]any{
		"single": map[string]any{"edge": map[string]any{"type": map[string]any{"eq": "MEMBER_OF"}}}}}, p)
	if err != nil {
		t.Fatal(err)
	}
	want := "COUNT { MATCH (n)-[r1:LEADS|MEMBER_OF]->(n1:Department) WHERE type(r1) IN $p0 } = 1"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestOrderByConn(t *testing.T) {
	got, err := orderByConn(newParams(), reform.TypeTask, "n", "r", []plan.SortKey{
		{On: "edge", Field: "type", Dir: "DESC"}, {On: "node", Field: "name", Dir: "DESC"}, {On: "node", Field: "year", Dir: "ASC"}})
	if err != nil {
		t.Fatal(err)
	}
	// The closing type(r) is left out: the first key sorts on it already.
	if want := " ORDER BY type(r) DESC, n.name DESC, n.year ASC, n.id ASC"; got != want {
		t.Errorf("got %q want %q", got, want)
	}
	for _, bad := range [][]plan.SortKey{{{On: "node", Field: "bogus", Dir: "ASC"}}, {{On: "edge", Field: "note", Dir: "ASC"}},
		{{On: "node", Field: "name", Dir: "UP"}}} {
		if _, err := orderByConn(newParams(), reform.TypeTask, "n", "r", bad); !errors.Is(err, reform.ErrInvalidInput) {
			t.Errorf("%v: err = %v", bad, err)
		}
	}
}

func TestRelTypePattern(t *testing.T) {
	got, err := relTypePattern([]string{"RUNS", "LEADS", "RUNS"})
	if err != nil || got != ":LEADS|RUNS" {
		t.Errorf("got %q, %v", got, err)
	}
	if got, err := relTypePattern(nil); got != "" || err != nil {
		t.Errorf("none: %q, %v", got, err)
	}
	if _, err := relTypePattern([]string{"LEADS]-() DELETE n //"}); !errors.Is(err, reform.ErrInvalidInput) {
		t.Errorf("err = %v", err)
	}
}

func TestPathStatementBoundsOnly(t *testing.T) {
	s := pathsStatement(6, 3, ":ACHIEVED")
	if !strings.Contains(s, "SHORTEST 1 (a)(()-[:ACHIEVED]-(:Entity)){1,6}(b)") || !strings.Contains(s, "LIMIT $limit") {
		t.Errorf("statement %s", s)
	}
	// The branch of 3 hops: fixed hops of the types, every entity on the path distinct.
	if !strings.Contains(s, "MATCH p = (a)-[:ACHIEVED]-(via1:Entity)-[:ACHIEVED]-(via2:Entity)-[:ACHIEVED]-(b)\n  WHERE NOT via1 IN [a, b] AND NOT via2 IN [a, b, via1]\n") {
		t.Errorf("statement %s", s)
	}
	s = pathsStatement(4, 10, "")
	// No types: every type of reform, never STAGED_REL (pattern.go).
	if !strings.Contains(s, "SHORTEST 1 (a)(()-["+allRelTypes+"]-(:Entity)){1,4}(b)") || strings.Contains(s, "STAGED") {
		t.Errorf("statement %s", s)
	}
	// One branch per length, 1..maxHops, each run only from the shortest length on and while
	// fewer than limit paths are found.
	for n := 1; n <= 4; n++ {
		if !strings.Contains(s, "WHERE d <= "+strconv.Itoa(n)+" AND size(found) < $limit") {
			t.Errorf("no branch of length %d: %s", n, s)
		}
	}
	if strings.Contains(s, "WHERE d <= 5") || strings.Contains(s, "GROUPS") {
		t.Errorf("statement %s", s)
	}
}

func TestNotOfTheEmptyFilterIsFalse(t *testing.T) {
	got, err := compileWhere(reform.TypeTask, "n", map[string]any{"NOT": map[string]any{}}, newParams())
	if err != nil || got != "false" {
		t.Errorf("NOT {} = %q, %v; want false", got, err)
	}
}
