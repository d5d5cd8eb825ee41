package loader

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/synth"
)

// TestStreamedSyncGeneratedCorpora syncs generated corpora that share entities through the
// streaming path (Scan, PlanScanned, LoadScanned) with tiny sort runs (TestMain: every sort
// spills and merges several levels of runs) and several workers: a full load, a reload of
// identical content (nothing written), a reload with other content (same ids) and a second
// dataset; after each step the graph is the union computed in Go from the files (oracle).
func TestStreamedSyncGeneratedCorpora(t *testing.T) {
	s, ctx := openEmpty(t)
	gen := func(id string, entities int, seed uint64) string {
		dir := filepath.Join(t.TempDir(), id)
		if _, err := synth.Generate(synth.Config{Entities: entities, Seed: seed, ID: id}, dir); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	load := func(dir string) Summary {
		t.Helper()
		sc, err := Scan(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer func() {
			if err := sc.Close(); err != nil {
				t.Error(err)
			}
		}()
		var out strings.Builder
		sum, err := LoadScanned(ctx, sc, s, Options{BatchSize: 113, Workers: 3, Progress: &out})
		if err != nil {
			t.Fatalf("load %s: %v", dir, err)
		}
		if want := sum.String(); !sum.Unchanged && !strings.HasSuffix(out.String(), want) {
			t.Errorf("progress does not end with the summary:\n%s", out.String())
		}
		return sum
	}
	plan := func(dir string) *Diff {
		t.Helper()
		sc, err := Scan(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = sc.Close() }()
		d, err := PlanScanned(ctx, sc, s)
		if err != nil {
			t.Fatal(err)
		}
		// The in-memory plan of the same dataset is the same diff.
		d2, err := Plan(ctx, mustParse(t, dir), s)
		if err != nil {
			t.Fatal(err)
		}
		if d.String() != d2.String() {
			t.Errorf("PlanScanned:\n%s\nPlan:\n%s", d, d2)
		}
		return d
	}
	a1, a2, b := gen("gen-a", 1500/raceScale, 1), gen("gen-a", 1500/raceScale, 2), gen("gen-b", 600/raceScale, 3)

	d := plan(a1)
	facts := len(Facts(mustParse(t, a1)))
	if d.NAdded != facts || d.NChanged+d.NRemoved+d.Same != 0 {
		t.Errorf("plan onto an empty graph: %s", d)
	}
	sum := load(a1)
	if sum.Added != facts {
		t.Errorf("first load added %d facts, want %d", sum.Added, facts)
	}
	sameGraph(t, "after gen-a", graphOf(t, ctx, s), oracle(t, mustParse(t, a1)))

	if sum := load(a1); !sum.Unchanged || sum.Same != facts {
		t.Errorf("reload of identical content: %+v, want unchanged", sum)
	}

	d = plan(a2)
	sum = load(a2)
	if sum.Added != d.NAdded || sum.Changed != d.NChanged || sum.Removed != d.NRemoved || sum.Changed == 0 ||
		sum.Removed == 0 || sum.Added == 0 {
		t.Errorf("reload with other content: %+v; plan %s", sum, d)
	}
	sameGraph(t, "after gen-a changed", graphOf(t, ctx, s), oracle(t, mustParse(t, a2)))

	load(b)
	sameGraph(t, "after gen-b", graphOf(t, ctx, s), oracle(t, mustParse(t, a2), mustParse(t, b)))
	if _, err := Unload(ctx, "gen-a", s, Options{}); err == nil {
		// gen-b may use entities only gen-a defines: then the unload is refused.
		sameGraph(t, "after gen-a was unloaded", graphOf(t, ctx, s), oracle(t, mustParse(t, b)))
	} else {
		t.Errorf("unload gen-a: %v (gen-b defines every entity it uses)", err)
	}
}
