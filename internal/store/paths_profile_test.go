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

// groupSearches returns the SHORTEST … GROUPS operators of plan p, by their number of groups.
func groupSearches(p store.PlanForTest, out map[int]store.PlanForTest) {
	if strings.HasPrefix(p.Operator, "StatefulShortestPath") && strings.Contains(p.Details, " GROUPS ") {
		f := strings.Fields(p.Details[strings.Index(p.Details, "SHORTEST"):])
		if g, err := strconv.Atoi(f[1]); err == nil {
			out[g] = p
		}
	}
	for _, c := range p.Children {
		groupSearches(c, out)
	}
}

// paths is one statement with one UNION branch per possible number of length groups; PROFILE
// on the shipped data shows that only the branch of the actual number searches the graph: the
// others stop at their guard and touch nothing.
func TestPathBranchesThatDoNotMatchCostNothing(t *testing.T) {
	_, _, st := hubtest.Handler(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, tc := range []struct {
		from, to string
		maxHops  int
	}{
		{"task/provincial-key-tasks", "task/nine-major-reform-campaigns", 4},
		{"task/provincial-key-tasks", "task/four-compare-four-look", 6},
	} {
		p, err := st.ProfilePathsForTest(ctx, tc.from, tc.to, tc.maxHops, 10)
		if err != nil {
			t.Fatal(err)
		}
		branches := map[int]store.PlanForTest{}
		groupSearches(p, branches)
		if len(branches) != tc.maxHops {
			t.Fatalf("%s → %s: %d GROUPS branches, want %d", tc.from, tc.to, len(branches), tc.maxHops)
		}
		searched := 0
		for g, b := range branches {
			if b.Rows > 0 {
				searched++
				continue
			}
			if h := hits(b); h != 0 {
				t.Errorf("%s → %s: the branch of %d groups found nothing but made %d db hits", tc.from, tc.to, g, h)
			}
		}
		var costs []string
		for g := 1; g <= tc.maxHops; g++ {
			costs = append(costs, strconv.Itoa(g)+": "+strconv.FormatInt(hits(branches[g]), 10))
		}
		t.Logf("%s → %s, maxHops %d: db hits by GROUPS branch %v; statement %d", tc.from, tc.to, tc.maxHops, costs, hits(p))
		if searched != 1 {
			t.Errorf("%s → %s: %d branches found paths, want exactly 1", tc.from, tc.to, searched)
		}
		if t.Failed() {
			var b strings.Builder
			dumpPlan(p, "", &b)
			t.Log("\n" + b.String())
		}
	}
}
