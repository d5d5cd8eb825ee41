package store_test

import (
	"fmt"
	"testing"

	"github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
)

// Lists and connections without limit or first return exactly their implicit limit — the
// numbers the cost check multiplies by (internal/server, limits.go) — through every read path:
// List, Related, RelatedMany, Connection, ConnectionMany and the planner's Prefetch.
func TestImplicitLimits(t *testing.T) {
	s, ctx := openEmpty(t) // a store with config.DefaultLimits
	d := config.DefaultLimits()
	n := d.DefaultLimit + 20
	facts := []store.Fact{node("department/d", "Department", nil)}
	var rels []store.Fact
	for i := range n {
		id := fmt.Sprintf("task/t%03d", i)
		facts = append(facts, node(id, "Task", nil))
		rels = append(rels, rel(reform.RelResponsibleFor, "department/d", id, map[string]any{"implied": false}))
	}
	syncBatch(t, ctx, s, "d1", store.KindNode, facts, nil, nil)
	syncBatch(t, ctx, s, "d1", store.KindRel, rels, nil, nil)
	check := func(what string, got, want int) {
		t.Helper()
		if got != want {
			t.Errorf("%s: %d items, want the implicit limit %d", what, got, want)
		}
	}

	list, err := s.List(ctx, reform.TypeTask, plan.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	check("List", len(list), d.DefaultLimit)
	related, err := s.Related(ctx, reform.TypeDepartment, "department/d", "tasks", plan.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	check("Related", len(related), d.NestedLimit)
	many, err := s.RelatedMany(ctx, reform.TypeDepartment, []string{"department/d"}, "tasks", plan.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	check("RelatedMany", len(many["department/d"]), d.NestedLimit)

	root, err := s.Connection(ctx, plan.ConnectionQuery{Scope: plan.Scope{Type: reform.TypeTask}})
	if err != nil {
		t.Fatal(err)
	}
	check("root Connection", len(root.Edges), d.DefaultLimit)
	from := plan.Scope{Type: reform.TypeTask, From: &plan.Origin{Type: reform.TypeDepartment, ID: "department/d", Field: "tasks"}}
	nested, err := s.Connection(ctx, plan.ConnectionQuery{Scope: from})
	if err != nil {
		t.Fatal(err)
	}
	check("relationship Connection", len(nested.Edges), d.NestedLimit)
	conns, err := s.ConnectionMany(ctx, plan.ConnectionQuery{Scope: from}, []string{"department/d"})
	if err != nil {
		t.Fatal(err)
	}
	check("ConnectionMany", len(conns["department/d"].Edges), d.NestedLimit)

	res, err := s.Read(ctx, &plan.Root{Kind: plan.RootList, Type: reform.TypeDepartment,
		Node: &plan.Selection{Rels: []*plan.RelSelection{
			{Key: "t", On: reform.TypeDepartment, Field: "tasks", Kind: plan.RelList},
			{Key: "c", On: reform.TypeDepartment, Field: "tasks", Kind: plan.RelConnection, Edges: true}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Entities) != 1 {
		t.Fatalf("Prefetch: %d departments", len(res.Entities))
	}
	v, _ := res.Slots.Get(res.Entities[0], "t")
	planned, _ := v.([]reform.Entity)
	check("planned relationship list", len(planned), d.NestedLimit)
	v, _ = res.Slots.Get(res.Entities[0], "c")
	conn, _ := v.(*plan.Connection)
	if conn == nil {
		t.Fatal("planned connection missing")
	}
	check("planned relationship connection", len(conn.Edges), d.NestedLimit)
	tl, err := s.Read(ctx, &plan.Root{Kind: plan.RootList, Type: reform.TypeTask, Node: &plan.Selection{}})
	if err != nil {
		t.Fatal(err)
	}
	check("planned root list", len(tl.Entities), d.DefaultLimit)
}
