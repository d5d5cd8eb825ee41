package store_test

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
)

func ids(es []reform.Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Common().ID
	}
	return out
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The batched reads give every parent exactly what the per-parent reads give it — the same
// entities in the same order with per-parent sort, offset and limit; the same connection
// pages with cursors, page info and edge properties; the same counts — for every
// relationship field of every type, over a third of the entities of the type (plus an id
// that names none), each batch in one statement.
func TestBatchedReadsEqualPerParentReads(t *testing.T) {
	_, _, st := hubtest.Handler(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	lists := []plan.ListQuery{
		{},
		{Limit: ptr(1)},
		{Limit: ptr(2), Offset: ptr(1), Sort: []plan.SortKey{{Field: "name", Dir: "DESC"}}},
		{Where: map[string]any{"name": map[string]any{"contains": "局"}}, Limit: ptr(3)},
	}
	conns := []plan.ConnectionQuery{
		{},
		{First: ptr(1)},
		{First: ptr(2), After: ptr("YXJyYXljb25uZWN0aW9uOjA="), // after the first edge
			Sort: []plan.SortKey{{On: "edge", Field: "type", Dir: "DESC"}, {On: "node", Field: "name", Dir: "ASC"}}},
		{Scope: plan.Scope{Where: map[string]any{"edge": map[string]any{"implied": map[string]any{"eq": false}}}}},
	}
	nonEmpty := 0
	for _, typ := range reform.EntityTypes {
		all, err := st.List(ctx, typ, plan.ListQuery{})
		if err != nil {
			t.Fatal(err)
		}
		// Every third entity (the per-parent reads are the slow side), and one id of none.
		var parents []string
		for i, id := range ids(all) {
			if i%3 == 0 {
				parents = append(parents, id)
			}
		}
		parents = append(parents, "no-such-entity")
		for _, field := range slices.Sorted(maps.Keys(reform.RelationFields(typ))) {
			rel, _ := reform.RelationField(typ, field)
			for qi, q := range lists {
				ctx, counter := store.WithStatementCounter(ctx)
				retried := st.SubstringRetries()
				got, err := st.RelatedMany(ctx, typ, parents, field, q)
				if err != nil {
					t.Fatalf("RelatedMany %s.%s #%d: %v", typ, field, qi, err)
				}
				// One statement, and those made again after Neo4j's substring fault (read_root.go).
				if n, want := counter.Count(), 1+int(st.SubstringRetries()-retried); n != want {
					t.Errorf("RelatedMany %s.%s #%d ran %d statements, want %d", typ, field, qi, n, want)
				}
				for _, id := range parents {
					want, err := st.Related(ctx, typ, id, field, q)
					if err != nil {
						t.Fatal(err)
					}
					if len(want) > 0 {
						nonEmpty++
					}
					if g, w := mustJSON(t, got[id]), mustJSON(t, want); len(want)+len(got[id]) > 0 && g != w {
						t.Errorf("%s.%s #%d of %s: batched %s, per parent %s", typ, field, qi, id, g, w)
					}
				}
			}
			for qi, q := range conns {
				q.Type = rel.Target
				q.From = &plan.Origin{Type: typ, Field: field}
				ctx, counter := store.WithStatementCounter(ctx)
				got, err := st.ConnectionMany(ctx, q, parents)
				if err != nil {
					t.Fatalf("ConnectionMany %s.%s #%d: %v", typ, field, qi, err)
				}
				counts, err := st.CountMany(ctx, q.Scope, parents)
				if err != nil {
					t.Fatalf("CountMany %s.%s #%d: %v", typ, field, qi, err)
				}
				if n := counter.Count(); n != 2 {
					t.Errorf("ConnectionMany and CountMany %s.%s #%d ran %d statements, want 2", typ, field, qi, n)
				}
				for _, id := range parents {
					one := q
					one.From = &plan.Origin{Type: typ, ID: id, Field: field}
					want, err := st.Connection(ctx, one)
					if err != nil {
						t.Fatal(err)
					}
					c := got[id]
					if c == nil { // no row for an id that names no entity: an empty page
						c = &plan.Connection{Scope: one.Scope, Edges: []*plan.Edge{}, PageInfo: plan.PageInfo{HasPreviousPage: one.After != nil}}
					}
					if g, w := mustJSON(t, c), mustJSON(t, want); g != w {
						t.Errorf("connection %s.%s #%d of %s: batched %s, per parent %s", typ, field, qi, id, g, w)
					}
					wantCount, err := st.Count(ctx, one.Scope)
					if err != nil {
						t.Fatal(err)
					}
					if g, w := mustJSON(t, counts[id]), mustJSON(t, wantCount); g != w {
						t.Errorf("count %s.%s #%d of %s: batched %s, per parent %s", typ, field, qi, id, g, w)
					}
				}
			}
		}
	}
	if nonEmpty < 100 {
		t.Errorf("only %d non-empty per-parent lists: the comparison proves little", nonEmpty)
	}
	// Refusals are those of the per-parent reads.
	if _, err := st.RelatedMany(ctx, reform.TypeTask, []string{"x"}, "colour", plan.ListQuery{}); err == nil {
		t.Error("RelatedMany accepted an unknown field")
	}
	if _, err := st.RelatedMany(ctx, reform.TypeTask, []string{"x"}, "departments", plan.ListQuery{Limit: ptr(-1)}); err == nil {
		t.Error("RelatedMany accepted limit -1")
	}
}

func ptr[T any](v T) *T { return &v }
