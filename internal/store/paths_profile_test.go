package store_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/store"
)

func dumpPlan(p store.PlanForTest, indent string, b *strings.Builder) {
	b.WriteString(indent + p.Operator + " hits=" + strconv.FormatInt(p.DbHits, 10) + " rows=" + strconv.FormatInt(p.Rows, 10) + " " + p.Details + "\n")
	for _, c := range p.Children {
		dumpPlan(c, indent+"  ", b)
	}
}

// hits is the db hits of p and everything below it.
func hits(p store.PlanForTest) int64 {
	n := p.DbHits
	for _, c := range p.Children {
		n += hits(c)
	}
	return n
}

// guards returns the rows out of each length branch's guard (the Filter on d and
// size(found)) in plan p, in the order the plan lists them.
func guards(p store.PlanForTest, out *[]int64) {
	if p.Operator == "Filter@neo4j" && strings.Contains(p.Details, "size(found)") {
		*out = append(*out, p.Rows)
	}
	for _, c := range p.Children {
		guards(c, out)
	}
}

// paths is one statement with one branch per length, 1..maxHops; PROFILE on the shipped data
// shows that only the branches a path is needed from search the graph: from the shortest
// length d (found by SHORTEST 1) to the length at which limit paths are found (maxHops when
// fewer exist). The others stop at their guard and touch nothing.
func TestPathBranchesThatNeedNotRunCostNothing(t *testing.T) {
	_, _, st := hubtest.Handler(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, tc := range []struct {
		from, to       string
		maxHops, limit int
	}{
		{"task/provincial-key-tasks", "task/nine-major-reform-campaigns", 4, 10},
		{"task/provincial-key-tasks", "task/four-compare-four-look", 6, 10},
		{"task/provincial-key-tasks", "task/four-compare-four-look", 6, 1},
		{"task/provincial-key-tasks", "task/four-compare-four-look", 6, 100},
	} {
		mh, lim := tc.maxHops, tc.limit
		got, err := st.Paths(ctx, tc.from, tc.to, &mh, &lim, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 {
			t.Fatalf("%s → %s: no path", tc.from, tc.to)
		}
		d, last := got[0].Length(), got[len(got)-1].Length()
		if len(got) < tc.limit {
			last = tc.maxHops // fewer than limit exist: every length from d is searched
		}
		p, err := st.ProfilePathsForTest(ctx, tc.from, tc.to, tc.maxHops, tc.limit)
		if err != nil {
			t.Fatal(err)
		}
		var rows []int64
		guards(p, &rows)
		if len(rows) != tc.maxHops {
			t.Fatalf("%s → %s: %d length branches, want %d", tc.from, tc.to, len(rows), tc.maxHops)
		}
		ran := 0
		for _, r := range rows {
			if r > 0 {
				ran++
			}
		}
		t.Logf("%s → %s, maxHops %d, limit %d: %d paths of lengths %d..%d; %d branches ran; statement %d db hits",
			tc.from, tc.to, tc.maxHops, tc.limit, len(got), got[0].Length(), got[len(got)-1].Length(), ran, hits(p))
		if want := last - d + 1; ran != want {
			t.Errorf("%s → %s: %d branches ran, want %d (lengths %d..%d)", tc.from, tc.to, ran, want, d, last)
		}
		if t.Failed() {
			var b strings.Builder
			dumpPlan(p, "", &b)
			t.Log("\n" + b.String())
		}
	}
}
