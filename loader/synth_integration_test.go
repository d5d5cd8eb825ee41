package loader

import (
	"path/filepath"
	"testing"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/synth"
)

// A generated corpus loads with concurrent workers into a real Neo4j; the database then holds
// exactly the generator's counts, a second load changes nothing, and the store reads it back.
func TestSyntheticCorpusLoads(t *testing.T) {
	s, ctx := openEmpty(t)
	dir := filepath.Join(t.TempDir(), "corpus")
	counts, err := synth.Generate(synth.Config{Entities: 2000, Seed: 3, ID: "synth-test"}, dir)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Parse(dir)
	if err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		st, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range st.EntityCounts {
			if want := counts.Nodes[reform.EntityType(c.Type)]; c.Count != want {
				t.Errorf("%s: %s nodes %d, generator wrote %d", when, c.Type, c.Count, want)
			}
		}
		for _, c := range st.RelationshipCounts {
			if want := counts.Rels[reform.RelType(c.Type)]; c.Count != want {
				t.Errorf("%s: %s relationships %d, generator wrote %d", when, c.Type, c.Count, want)
			}
		}
	}
	sum, err := Load(ctx, ds, s, Options{BatchSize: 400, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if sum.TotalNodes() != counts.TotalNodes() || sum.TotalRels() != counts.TotalRels() {
		t.Errorf("summary %d nodes, %d relationships; generator %d, %d",
			sum.TotalNodes(), sum.TotalRels(), counts.TotalNodes(), counts.TotalRels())
	}
	check("first load")
	if _, err := Load(ctx, ds, s, Options{BatchSize: 1000, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	check("second load")

	// The store decodes generated entities: a filtered, sorted list, and one by id.
	limit := 20
	tasks, err := s.List(ctx, reform.TypeTask, plan.ListQuery{
		Where: map[string]any{"year": map[string]any{"gte": int64(2018)}, "status": map[string]any{"eq": "COMPLETED"}},
		Sort:  []plan.SortKey{{Field: "name", Dir: "ASC"}},
		Limit: &limit,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(tasks) != limit {
		t.Fatalf("%d tasks, want %d", len(tasks), limit)
	}
	for _, e := range tasks {
		task, ok := e.(*reform.Task)
		if !ok {
			t.Fatalf("tasks lists a %T", e)
		}
		if task.Year == nil || *task.Year < 2018 || task.Status == nil || *task.Status != "COMPLETED" ||
			task.Area == nil || len(task.Sources) == 0 || task.Sources[0].Paragraph < 1 {
			t.Errorf("task %+v does not match the filter or lacks fields", task)
		}
	}
	outcomes, err := s.List(ctx, reform.TypeOutcome, plan.ListQuery{
		Where: map[string]any{"kind": map[string]any{"eq": "METRIC"}}, Limit: &limit})
	if err != nil {
		t.Fatal(err)
	}
	if len(outcomes) == 0 {
		t.Fatal("no METRIC outcomes")
	}
	o, ok := outcomes[0].(*reform.Outcome)
	if !ok {
		t.Fatalf("outcomes lists a %T", outcomes[0])
	}
	if o.Value == nil || o.Unit == nil || o.Metric == nil {
		t.Errorf("metric outcome without value, unit or metric: %+v", o)
	}
	e, err := s.Entity(ctx, ds.Relationships[0].From)
	if err != nil {
		t.Fatal(err)
	}
	if e.Common().Name == "" {
		t.Errorf("entity %s has no name", ds.Relationships[0].From)
	}
}
