package store_test

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/internal/store/storetest"
)

// indexPlanTasks is the number of tasks the plan tests write: enough that Neo4j plans these
// Task lists as it does at size M (90,052 tasks: the same operators, checked by hand with
// PROFILE), in a few seconds.
const indexPlanTasks = 6000

// seedIndexPlanData writes indexPlanTasks tasks and two documents straight into an empty
// graph: ids in an order unlike the order of writing (so that a label scan does not come out
// in id order by chance), names shared by four tasks each (ties), a year missing on every
// eleventh and a status on every fifth (nulls), and the evidence of every fourth in a
// document that filtered callers may not see.
func seedIndexPlanData(t *testing.T, ctx context.Context, s *store.Store) {
	t.Helper()
	docs := "UNWIND [['doc/ix-public', '公开文件'], ['doc/ix-hidden', '内部文件']] AS d " +
		"CREATE (:Entity:Document {id: d[0], name: d[1], title: d[1], paragraphs: 1, aliases: [], aliasText: '', " +
		"srcDocs: [], srcParas: [], srcQuotes: [], dataset: 'ix'})"
	if err := s.ExecForTest(ctx, docs, nil); err != nil {
		t.Fatal(err)
	}
	tasks := "UNWIND range(0, $n - 1) AS i " +
		"WITH i, (i * 7919) % $n AS k " +
		"CREATE (:Entity:Task {id: 'task/ix-' + toString(k), " +
		"name: CASE i % 3 WHEN 0 THEN '改革任务' + toString(i % 1500) WHEN 1 THEN 'task ' + toString(i % 1500) ELSE 'Task ' + toString(i % 1500) END, " +
		"year: CASE WHEN i % 11 = 0 THEN null ELSE 2000 + (i * 31) % 25 END, " +
		"status: CASE i % 5 WHEN 0 THEN null WHEN 1 THEN 'COMPLETED' WHEN 2 THEN 'IN_PROGRESS' ELSE 'PLANNED' END, " +
		"aliases: [], aliasText: '', dataset: 'ix', srcParas: [1], srcQuotes: ['q'], " +
		"srcDocs: [CASE WHEN i % 4 = 0 THEN 'doc/ix-hidden' ELSE 'doc/ix-public' END]})"
	if err := s.ExecForTest(ctx, tasks, map[string]any{"n": int64(indexPlanTasks)}); err != nil {
		t.Fatal(err)
	}
	// Statistics as a database that grew to this size has them: the indexes resampled, and
	// the plans cached by earlier tests (on other data) dropped.
	if err := s.ExecForTest(ctx, "CALL db.prepareForReplanning(60000)", nil); err != nil {
		t.Fatal(err)
	}
}

// oldStatement is cypher as the compiler wrote it before it gave index-order hints: without
// the hint, and with the id closing the order again (`ORDER BY n.id ASC, n.id ASC`).
func oldStatement(cypher string) string {
	for _, h := range []string{"n.id IS NOT NULL", "n.name IS NOT NULL"} {
		cypher = strings.ReplaceAll(cypher, " AND "+h, "")
		cypher = strings.ReplaceAll(cypher, " WHERE "+h, "")
	}
	// The first ORDER BY is the page's (root list or root connection edges).
	i := strings.Index(cypher, " SKIP ")
	return cypher[:i] + ", n.id ASC" + cypher[i:]
}

type indexPlanCase struct {
	name string
	root *plan.Root
	// want: operators the plan must have; not: operators it must not have (nil: no plan
	// pinned, only the answers compared).
	want, not []string
}

func intp(n int) *int { return &n }

func indexPlanCases() []indexPlanCase {
	sel := &plan.Selection{Project: true, Fields: []string{"status", "year"}}
	list := func(q plan.ListQuery) *plan.Root {
		return &plan.Root{Kind: plan.RootList, Type: reform.TypeTask, List: q, Node: sel}
	}
	conn := func(rs plan.RelSelection) *plan.Root {
		rs.Kind, rs.Edges, rs.TotalCount, rs.Node = plan.RelConnection, true, true, sel
		return &plan.Root{Kind: plan.RootConnection, Type: reform.TypeTask, Conn: &rs}
	}
	key := func(kv ...string) []plan.SortKey {
		var out []plan.SortKey
		for i := 0; i < len(kv); i += 2 {
			out = append(out, plan.SortKey{Field: kv[i], Dir: kv[i+1]})
		}
		return out
	}
	sorted := []string{"Top", "Sort", "NodeByLabelScan"}
	return []indexPlanCase{
		// The rows workload: 1,000 tasks by id.
		{"rows by id", list(plan.ListQuery{Sort: key("id", "ASC"), Limit: intp(1000)}),
			[]string{"NodeIndexScan", "Limit"}, sorted},
		{"default order, deep page", list(plan.ListQuery{Limit: intp(20), Offset: intp(4000)}),
			[]string{"NodeIndexScan", "Limit"}, sorted},
		{"id descending", list(plan.ListQuery{Sort: key("id", "DESC"), Limit: intp(20), Offset: intp(3)}),
			[]string{"NodeIndexScan", "Limit"}, sorted},
		// A key after the id orders nothing, but is kept: PartialTop instead of Limit.
		{"id then year", list(plan.ListQuery{Sort: key("id", "DESC", "year", "ASC"), Limit: intp(20), Offset: intp(3)}),
			[]string{"NodeIndexScan", "PartialTop"}, sorted},
		// Names tie: the index gives the name order, PartialTop orders each name's tasks by id.
		{"name descending, ties", list(plan.ListQuery{Sort: key("name", "DESC"), Limit: intp(25), Offset: intp(10)}),
			[]string{"NodeIndexScan", "PartialTop"}, sorted},
		{"name then year", list(plan.ListQuery{Sort: key("name", "ASC", "year", "DESC"), Limit: intp(30)}),
			[]string{"NodeIndexScan", "PartialTop"}, sorted},
		{"connection by id", conn(plan.RelSelection{First: intp(10)}),
			[]string{"NodeIndexScan", "Limit", "NodeCountFromCountStore"}, sorted},
		{"connection, last by name", conn(plan.RelSelection{Last: intp(7), Sort: key("name", "ASC")}),
			[]string{"NodeIndexScan", "PartialTop", "NodeCountFromCountStore"}, sorted},
		// A filter on a field with a range index: Neo4j seeks it. Answers compared only.
		{"filtered by id order", list(plan.ListQuery{Where: map[string]any{"status": map[string]any{"eq": "COMPLETED"}}, Limit: intp(15), Offset: intp(40)}), nil, nil},
		// A nullable leading key gets no hint (its nulls come first DESC): unchanged shapes.
		{"list workload", list(plan.ListQuery{Where: map[string]any{"OR": []any{
			map[string]any{"status": map[string]any{"in": []any{"IN_PROGRESS", "COMPLETED"}}},
			map[string]any{"year": map[string]any{"gte": int64(2021)}}}},
			Sort: key("year", "DESC", "name", "ASC", "id", "ASC"), Limit: intp(20), Offset: intp(100)}), nil, nil},
		{"year ascending, nulls last", list(plan.ListQuery{Sort: key("year", "ASC"), Limit: intp(40), Offset: intp(4300)}), nil, nil},
		{"year descending, nulls first", list(plan.ListQuery{Sort: key("year", "DESC"), Limit: intp(60), Offset: intp(500)}), nil, nil},
	}
}

// Sorted, paged root lists and root connections whose leading sort key every entity has read
// in index order and stop at the page's end: NodeIndexScan and Limit (or PartialTop) where they
// were Top over NodeByLabelScan — and return exactly the rows the old statement returns, in
// plain and in filtered mode.
func TestIndexOrderPlans(t *testing.T) {
	s, ctx := storetest.OpenEmpty(t)
	start := time.Now()
	seedIndexPlanData(t, ctx, s)
	for _, tc := range indexPlanCases() {
		for _, filtered := range []bool{false, true} {
			name := tc.name
			cypher, params, err := store.Compile(tc.root)
			if filtered {
				name += " (filtered)"
				cypher, params, err = store.CompileVisibleForTest(tc.root, []string{"doc/ix-public"})
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			got, err := s.RowsForTest(ctx, cypher, params)
			if err != nil {
				t.Fatalf("%s: %v\n%s", name, err, cypher)
			}
			old := oldStatement(cypher)
			want, err := s.RowsForTest(ctx, old, params)
			if err != nil {
				t.Fatalf("%s (old statement): %v\n%s", name, err, old)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: the rows differ from the old statement's\nnew: %s\nold: %s\ngot  %v\nwant %v", name, cypher, old, got, want)
			}
			if len(want) == 0 {
				t.Errorf("%s: no rows to compare", name)
			}
			if tc.want == nil || (filtered && strings.Contains(tc.name, "name")) {
				// No plan pinned; filtered mode reads a name through the caller's merge: no hint.
				if testing.Verbose() {
					p, err := s.ProfileForTest(ctx, cypher, params)
					if err != nil {
						t.Fatal(err)
					}
					oldPlan, err := s.ProfileForTest(ctx, old, params)
					if err != nil {
						t.Fatal(err)
					}
					var ops, oldOps []string
					operators(p, &ops)
					operators(oldPlan, &oldOps)
					t.Logf("%s: db hits %d (old %d)\n  plan %v\n  old  %v", name, hits(p), hits(oldPlan), ops, oldOps)
				}
				continue
			}
			p, err := s.ProfileForTest(ctx, cypher, params)
			if err != nil {
				t.Fatal(err)
			}
			var ops []string
			operators(p, &ops)
			for _, w := range tc.want {
				if filtered && w == "NodeCountFromCountStore" {
					continue // a filtered count counts the visible entities
				}
				if !slices.Contains(ops, w) {
					t.Errorf("%s: no %s in the plan %v", name, w, ops)
				}
			}
			for _, n := range tc.not {
				if filtered && n == "NodeByLabelScan" && slices.Contains(tc.want, "NodeCountFromCountStore") {
					continue // the count's
				}
				if slices.Contains(ops, n) {
					t.Errorf("%s: %s in the plan %v", name, n, ops)
				}
			}
			if testing.Verbose() || t.Failed() {
				oldPlan, err := s.ProfileForTest(ctx, old, params)
				if err != nil {
					t.Fatal(err)
				}
				var oldOps []string
				operators(oldPlan, &oldOps)
				t.Logf("%s: db hits %d (old %d)\n  plan %v\n  old  %v", name, hits(p), hits(oldPlan), ops, oldOps)
			}
		}
	}

	// An aggregate over every task (the counts workload) reads the year from its range index
	// (NodeIndexScan with the values cached: one db hit per task) instead of scanning the
	// label and reading each node's property (two). The profile shows a subquery expression
	// as one operator, so its db hits are pinned.
	counts := &plan.Root{Kind: plan.RootConnection, Type: reform.TypeTask, Conn: &plan.RelSelection{
		Kind: plan.RelConnection, TotalCount: true,
		Aggregates: []*plan.AggregateSelection{{Key: "aggregate", Count: true, Node: true, NodeFields: []string{"year"}}}}}
	cypher, params, err := store.Compile(counts)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.ProfileForTest(ctx, cypher, params)
	if err != nil {
		t.Fatal(err)
	}
	if h := hits(p); h > indexPlanTasks*3/2 {
		t.Errorf("the aggregate of every task's year made %d db hits, want about %d (one per task, from task_year)\n%s", h, indexPlanTasks, cypher)
	} else {
		t.Logf("aggregate of every task's year: %d db hits", h)
	}

	// Only the ends asked for (the counts workload: year { min max }): each read from the
	// range index in order, one entry, with the answer of min() and max() over every task —
	// also for a field no task has (planned: null, null) and for one end alone.
	for _, fns := range []map[string][]string{
		{"year": {"min", "max"}, "planned": {"min", "max"}},
		{"year": {"max"}},
	} {
		var fields []string
		for f := range fns {
			fields = append(fields, f)
		}
		slices.Sort(fields)
		ends := &plan.Root{Kind: plan.RootConnection, Type: reform.TypeTask, Conn: &plan.RelSelection{
			Kind: plan.RelConnection, TotalCount: true, Aggregates: []*plan.AggregateSelection{
				{Key: "aggregate", Count: true, Node: true, NodeFields: fields, NodeAggregates: fns}}}}
		cypher, params, err := store.Compile(ends)
		if err != nil {
			t.Fatal(err)
		}
		full := *ends.Conn.Aggregates[0]
		full.NodeAggregates = nil
		fullRoot := &plan.Root{Kind: plan.RootConnection, Type: reform.TypeTask, Conn: &plan.RelSelection{
			Kind: plan.RelConnection, TotalCount: true, Aggregates: []*plan.AggregateSelection{&full}}}
		fullCypher, fullParams, err := store.Compile(fullRoot)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Read(ctx, ends)
		if err != nil {
			t.Fatalf("%v\n%s", err, cypher)
		}
		want, err := s.Read(ctx, fullRoot)
		if err != nil {
			t.Fatalf("%v\n%s", err, fullCypher)
		}
		gotAgg, _ := got.Connection.PrefetchedAggregate("aggregate")
		wantAgg, _ := want.Connection.PrefetchedAggregate("aggregate")
		gotNode, _ := gotAgg.PrefetchedNode()
		wantNode, _ := wantAgg.PrefetchedNode()
		for _, f := range fields {
			g, gok := gotNode[f].(*plan.IntAggregate)
			w, wok := wantNode[f].(*plan.IntAggregate)
			if !gok || !wok {
				t.Fatalf("%s: aggregates %T and %T", f, gotNode[f], wantNode[f])
			}
			for _, fn := range fns[f] {
				gv, wv := g.Min, w.Min
				if fn == "max" {
					gv, wv = g.Max, w.Max
				}
				if !reflect.DeepEqual(gv, wv) {
					t.Errorf("%s %s from the index: %v, over every task: %v", f, fn, intOrNil(gv), intOrNil(wv))
				}
			}
		}
		if y, ok := wantNode["year"].(*plan.IntAggregate); !ok || y.Min == nil || y.Max == nil {
			t.Fatalf("the tasks have no year: %+v", y)
		}
		if pl, ok := wantNode["planned"].(*plan.IntAggregate); ok && (pl.Min != nil || pl.Max != nil) {
			t.Fatalf("a task has planned: %+v", pl)
		}
		p, err := s.ProfileForTest(ctx, cypher, params)
		if err != nil {
			t.Fatal(err)
		}
		fp, err := s.ProfileForTest(ctx, fullCypher, fullParams)
		if err != nil {
			t.Fatal(err)
		}
		// The profile shows each subquery expression as one operator: the whole is pinned by
		// its db hits (a few per end), each end's plan by profiling its subquery alone.
		var ops []string
		operators(p, &ops)
		if !slices.Contains(ops, "NodeCountFromCountStore") || hits(p) > 100 {
			t.Errorf("ends %v: %d db hits (every task's: %d), plan %v\n%s", fns, hits(p), hits(fp), ops, cypher)
		}
		pinned := 0
		for _, dir := range []string{"ASC", "DESC"} {
			inner := "MATCH (n:Task) WHERE n.year IS NOT NULL RETURN n.year AS v ORDER BY v " + dir + " LIMIT 1"
			if !strings.Contains(cypher, inner) {
				continue
			}
			pinned++
			ip, err := s.ProfileForTest(ctx, inner, nil)
			if err != nil {
				t.Fatal(err)
			}
			var iops []string
			operators(ip, &iops)
			if !slices.Contains(iops, "NodeIndexScan") || !slices.Contains(iops, "Limit") || slices.Contains(iops, "Top") || slices.Contains(iops, "Sort") {
				t.Errorf("%s: plan %v, want NodeIndexScan in index order and Limit", inner, iops)
			}
		}
		if pinned != len(fns["year"]) {
			t.Errorf("ends %v: %d of the year's ends in the statement\n%s", fns, pinned, cypher)
		}
		t.Logf("ends %v from the index: %d db hits; min() and max() over every task: %d", fns, hits(p), hits(fp))
	}
	t.Logf("%d tasks, %s", indexPlanTasks, time.Since(start).Round(time.Millisecond))
}

func intOrNil(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}
