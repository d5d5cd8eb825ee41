package loader

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/internal/store/storetest"
	"github.com/reformhub/hub/internal/synth"
)

// The sync tests load overlapping datasets in every order, change and unload them, and
// compare the graph with the union computed here, in Go, from the files (oracle).

// multiDataset writes a dataset folder: the manifest (id, one document) and one data file.
func multiDataset(t *testing.T, id, data string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), id)
	manifest := fmt.Sprintf(`format: reformhub/v1
id: %s
title: Fixture %s (synthetic)
documents:
  - id: doc/%s
    title: Document of %s
    paragraphs: 9
files:
  - data.yaml
`, id, id, id, id)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{ManifestFile: manifest, "data.yaml": "document: doc/" + id + "\n" + data} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Three datasets that share entities: a and b both define the city (with different
// descriptions and aliases) and the reform office; c defines none of them and uses the city
// through a relationship.
const (
	dataA = `entities:
  - { id: department/city, type: Department, name: 东营市, kind: GOVERNMENT, description: a city, aliases: [东营, 我市], sources: [{ para: 1, quote: 东营市 }] }
  - { id: department/office, type: Department, name: 改革办, kind: PARTY, sources: [{ para: 2, quote: 改革办 }] }
  - { id: task/a1, type: Task, name: 任务甲, year: 2021, sources: [{ para: 3, quote: 任务甲 }] }
relationships:
  - { type: RESPONSIBLE_FOR, from: department/office, to: task/a1, sources: [{ para: 3, quote: 改革办负责任务甲 }] }
  - { type: PART_OF, from: department/office, to: department/city, implied: true, sources: [{ para: 2, quote: 改革办 }] }
`
	dataB = `entities:
  - { id: department/city, type: Department, name: 东营市, kind: GOVERNMENT, description: the municipality, aliases: [东营, 东营市政府], sources: [{ para: 4, quote: 东营市政府 }] }
  - { id: department/office, type: Department, name: 改革办, kind: PARTY, sources: [{ para: 5, quote: 市委改革办 }] }
  - { id: task/b1, type: Task, name: 任务乙, year: 2022, sources: [{ para: 6, quote: 任务乙 }] }
relationships:
  - { type: RESPONSIBLE_FOR, from: department/city, to: task/b1, sources: [{ para: 6, quote: 东营市负责任务乙 }] }
  - { type: PART_OF, from: department/office, to: department/city, sources: [{ para: 5, quote: 市委改革办 }] }
`
	dataC = `entities:
  - { id: task/c1, type: Task, name: 任务丙, year: 2023, status: IN_PROGRESS, sources: [{ para: 1, quote: 任务丙 }] }
relationships:
  - { type: RESPONSIBLE_FOR, from: department/city, to: task/c1, sources: [{ para: 1, quote: 东营市任务丙 }] }
`
)

// oracle is the graph the loaded datasets make, computed in Go: each fact the merge of what
// every dataset asserts of it, as canonical JSON by key ("node id" or "rel key").
func oracle(t *testing.T, dss ...*Dataset) map[string]string {
	t.Helper()
	asserted := map[string][]store.Assertion{}
	kinds := map[string]store.FactKind{}
	labels := map[string]string{}
	sorted := slices.Clone(dss)
	slices.SortFunc(sorted, func(a, b *Dataset) int { return strings.Compare(a.ID, b.ID) })
	for _, ds := range sorted {
		for _, f := range Facts(ds) {
			asserted[f.Key] = append(asserted[f.Key], store.Assertion{Dataset: ds.ID, Props: f.Props})
			kinds[f.Key], labels[f.Key] = f.Kind, f.Label
		}
	}
	out := map[string]string{}
	for key, as := range asserted {
		props, ok := Merge(kinds[key], key, as)
		if !ok {
			continue
		}
		out[string(kinds[key])+" "+key] = canonical(t, labels[key], props)
	}
	return out
}

// graphOf is the graph in the database in oracle's form.
func graphOf(t *testing.T, ctx context.Context, s *store.Store) map[string]string {
	t.Helper()
	snap := snapshot(t, ctx, s)
	out := map[string]string{}
	for _, n := range snap.Nodes {
		label := ""
		for _, l := range n.Labels {
			if l != "Entity" {
				label = l
			}
		}
		out["node "+n.ID] = canonical(t, label, n.Props)
	}
	for _, r := range snap.Relationships {
		out["rel "+r.Type+"|"+r.From+"|"+r.To] = canonical(t, r.Type, r.Props)
	}
	return out
}

func canonical(t *testing.T, label string, props map[string]any) string {
	t.Helper()
	b, err := json.Marshal(map[string]any{"label": label, "props": props})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkAssertionNodes checks that a fact (entity or relationship) one dataset asserts has no
// Assertion node (it is its dataset's assertion) and one asserted by several has one per
// dataset. (After an unload, a fact that several datasets asserted keeps the node of the one
// left.)
func checkAssertionNodes(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	o := storetest.Options(t)
	driver, err := neo4j.NewDriverWithContext(o.URI, neo4j.BasicAuth(o.Username, o.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = driver.Close(ctx) }()
	res, err := neo4j.ExecuteQuery(ctx, driver, `MATCH (:Entity)-[r]->(:Entity)
WITH type(r) + '|' + startNode(r).id + '|' + endNode(r).id AS k, r.datasets AS ds
RETURN k, size(ds) AS n, COUNT { MATCH (a:Assertion {_key: k}) WHERE a._u IS NULL } AS nodes
UNION ALL MATCH (e:Entity)
RETURN e.id AS k, size(e.datasets) AS n, COUNT { MATCH (a:Assertion {_key: e.id}) WHERE a._u IS NULL } AS nodes`, nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	shared := 0
	for _, rec := range res.Records {
		m := rec.AsMap()
		n, _ := m["n"].(int64)
		nodes, _ := m["nodes"].(int64)
		if n > 1 {
			shared++
		}
		if want := map[bool]int64{true: n, false: 0}[n > 1]; nodes != want {
			t.Errorf("%s: fact %v of %d datasets has %d Assertion nodes, want %d", what, m["k"], n, nodes, want)
		}
	}
	t.Logf("%s: %d facts, %d asserted by several datasets", what, len(res.Records), shared)
}

// sameGraph reports the differences between the graph and the oracle.
func sameGraph(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	var diffs []string
	for k, w := range want {
		if g, ok := got[k]; !ok {
			diffs = append(diffs, "missing "+k)
		} else if g != w {
			diffs = append(diffs, fmt.Sprintf("%s:\n   got %s\n  want %s", k, g, w))
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, "extra "+k)
		}
	}
	if len(diffs) > 0 {
		slices.Sort(diffs)
		t.Errorf("%s: the graph differs from the union of the datasets:\n%s", what, strings.Join(diffs, "\n"))
	}
}

func mustParse(t *testing.T, dir string) *Dataset {
	t.Helper()
	ds, err := Parse(dir)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// TestSyncEveryOrder loads a, b and c in every order onto an empty graph: c needs the city,
// which a or b defines, so it is refused (nothing written) until one of them is loaded; after
// each load the graph is the union of the loaded datasets.
func TestSyncEveryOrder(t *testing.T) {
	s, ctx := openEmpty(t)
	dss := map[string]*Dataset{
		"a": mustParse(t, multiDataset(t, "a", dataA)),
		"b": mustParse(t, multiDataset(t, "b", dataB)),
		"c": mustParse(t, multiDataset(t, "c", dataC)),
	}
	for _, order := range [][]string{{"a", "b", "c"}, {"a", "c", "b"}, {"b", "a", "c"}, {"b", "c", "a"}, {"c", "a", "b"}, {"c", "b", "a"}} {
		if err := s.DeleteAll(ctx); err != nil {
			t.Fatal(err)
		}
		var loaded []*Dataset
		for _, id := range order {
			ds := dss[id]
			_, err := Load(ctx, ds, s, Options{BatchSize: 2})
			if id == "c" && len(loaded) == 0 {
				var verr *ValidationError
				if !errors.As(err, &verr) || !strings.Contains(err.Error(), `"department/city" is not a known entity id`) {
					t.Fatalf("%v: loading c first = %v, want it refused for the missing city", order, err)
				}
				sameGraph(t, fmt.Sprintf("%v after c was refused", order), graphOf(t, ctx, s), oracle(t))
				continue
			}
			if err != nil {
				t.Fatalf("%v: load %s: %v", order, id, err)
			}
			loaded = append(loaded, ds)
			sameGraph(t, fmt.Sprintf("%v after %s", order, id), graphOf(t, ctx, s), oracle(t, loaded...))
			checkAssertionNodes(t, ctx, fmt.Sprintf("%v after %s", order, id))
		}
	}
}

// TestSyncChangesAndUnload: a dataset reloaded with changes keeps the others' facts; an
// unchanged reload writes nothing and keeps the version; an unload that others depend on is
// refused and changes nothing; unloads leave the union of the rest.
func TestSyncChangesAndUnload(t *testing.T) {
	s, ctx := openEmpty(t)
	dirA, dirB := multiDataset(t, "a", dataA), multiDataset(t, "b", dataB)
	a, b, c := mustParse(t, dirA), mustParse(t, dirB), mustParse(t, multiDataset(t, "c", dataC))
	for _, ds := range []*Dataset{a, b, c} {
		if _, err := Load(ctx, ds, s, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	dv0, err := s.DataVersion(ctx)
	v0 := dv0.N
	if err != nil || v0 != 3 {
		t.Fatalf("data version %d (%v) after three loads, want 3", v0, err)
	}
	city := graphOf(t, ctx, s)["node department/city"]
	for _, want := range []string{`"aliases":["东营","我市","东营市政府"]`, `"conflicts":["description"]`,
		`"datasets":["a","b"]`, `"description":"a city"`, `"srcQuotes":["东营市","东营市政府"]`} {
		if !strings.Contains(city, want) {
			t.Errorf("the city lacks %s: %s", want, city)
		}
	}

	// Unchanged: nothing written, the version kept.
	sum, err := Load(ctx, b, s, Options{})
	if err != nil || !sum.Unchanged {
		t.Fatalf("reloading b unchanged: %+v, %v", sum, err)
	}
	if v, _ := s.DataVersion(ctx); v.N != v0 {
		t.Errorf("an unchanged reload moved the data version to %d", v.N)
	}

	// b changes: a new description, task/b1 and its relationship dropped, a new task.
	data := strings.Replace(dataB, "description: the municipality", "description: the city government", 1)
	data = strings.Replace(data, "  - { id: task/b1, type: Task, name: 任务乙, year: 2022, sources: [{ para: 6, quote: 任务乙 }] }\n",
		"  - { id: task/b2, type: Task, name: 任务丁, year: 2022, sources: [{ para: 7, quote: 任务丁 }] }\n", 1)
	data = strings.Replace(data, "to: task/b1, sources: [{ para: 6, quote: 东营市负责任务乙 }]", "to: task/b2, sources: [{ para: 7, quote: 东营市负责任务丁 }]", 1)
	b2 := mustParse(t, multiDataset(t, "b", data))
	d, err := Plan(ctx, b2, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Added) != 2 || len(d.Changed) != 1 || len(d.Removed) != 2 || !strings.Contains(d.String(), "retracted:\n    RESPONSIBLE_FOR department/city -> task/b1\n") {
		t.Errorf("the diff of b's change:\n%s", d)
	}
	sum, err = Load(ctx, b2, s, Options{BatchSize: 1, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added != 2 || sum.Changed != 1 || sum.Removed != 2 || sum.Version != v0+1 {
		t.Errorf("summary of b's change: %+v", sum)
	}
	sameGraph(t, "after b changed", graphOf(t, ctx, s), oracle(t, a, b2, c))

	// a alone defines nothing c uses (b defines the city too): a goes; then b is needed by c.
	if _, err := Unload(ctx, "a", s, Options{}); err != nil {
		t.Fatal(err)
	}
	sameGraph(t, "after a was unloaded", graphOf(t, ctx, s), oracle(t, b2, c))
	before := graphOf(t, ctx, s)
	_, err = Unload(ctx, "b", s, Options{})
	if !errors.Is(err, store.ErrDependents) || !strings.Contains(err.Error(), "c (uses department/city)") {
		t.Fatalf("unloading b that c depends on = %v, want refused naming c", err)
	}
	sameGraph(t, "after the refused unload", graphOf(t, ctx, s), before)
	if _, err := Unload(ctx, "c", s, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := Unload(ctx, "b", s, Options{}); err != nil {
		t.Fatal(err)
	}
	if g := graphOf(t, ctx, s); len(g) != 0 {
		t.Errorf("after unloading everything: %v", g)
	}
	list, err := s.Datasets(ctx)
	if err != nil || len(list) != 0 {
		t.Errorf("datasets after unloading all: %+v, %v", list, err)
	}
	if _, err := Unload(ctx, "b", s, Options{}); err == nil || !strings.Contains(err.Error(), `no dataset "b" is loaded`) {
		t.Errorf("unloading a dataset not loaded = %v", err)
	}
}

// TestSyncRetractsWhatOthersUse: a sync that would drop an entity another dataset's
// relationships use is refused and changes nothing.
func TestSyncRetractsWhatOthersUse(t *testing.T) {
	s, ctx := openEmpty(t)
	a, c := mustParse(t, multiDataset(t, "a", dataA)), mustParse(t, multiDataset(t, "c", dataC))
	for _, ds := range []*Dataset{a, c} {
		if _, err := Load(ctx, ds, s, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	before := graphOf(t, ctx, s)
	// a without the city (and the relationship to it).
	data := strings.Replace(dataA, "  - { id: department/city, type: Department, name: 东营市, kind: GOVERNMENT, description: a city, aliases: [东营, 我市], sources: [{ para: 1, quote: 东营市 }] }\n", "", 1)
	data = strings.Replace(data, "  - { type: PART_OF, from: department/office, to: department/city, implied: true, sources: [{ para: 2, quote: 改革办 }] }\n", "", 1)
	_, err := Load(ctx, mustParse(t, multiDataset(t, "a", data)), s, Options{})
	if !errors.Is(err, store.ErrDependents) || !strings.Contains(err.Error(), "c (uses department/city)") {
		t.Fatalf("dropping the city c uses = %v, want refused naming c", err)
	}
	sameGraph(t, "after the refused sync", graphOf(t, ctx, s), before)
}

// TestSyncGeneratedCorpora loads three synthetic corpora of `hub gen` that share entity ids
// (the generator's ids depend on the index, not on the seed: the same ids with other names,
// values, evidence and relationships), in two orders, then changes one and unloads another;
// after each step the graph is the union computed in Go.
func TestSyncGeneratedCorpora(t *testing.T) {
	s, ctx := openEmpty(t)
	gen := func(id string, entities int, seed uint64) *Dataset {
		dir := filepath.Join(t.TempDir(), id)
		if _, err := synth.Generate(synth.Config{Entities: entities, Seed: seed, ID: id}, dir); err != nil {
			t.Fatal(err)
		}
		return mustParse(t, dir)
	}
	a, b, c := gen("gen-a", 200, 1), gen("gen-b", 200, 2), gen("gen-c", 120, 3)
	shared := 0
	ids := map[string]bool{}
	for _, e := range a.Entities {
		ids[e.ID] = true
	}
	for _, e := range b.Entities {
		if ids[e.ID] {
			shared++
		}
	}
	if shared < 60 {
		t.Fatalf("the corpora share only %d entities; the test needs overlap", shared)
	}
	for _, order := range [][]*Dataset{{a, b, c}, {c, b, a}} {
		if err := s.DeleteAll(ctx); err != nil {
			t.Fatal(err)
		}
		var loaded []*Dataset
		for _, ds := range order {
			if _, err := Load(ctx, ds, s, Options{BatchSize: 97, Workers: 2}); err != nil {
				t.Fatalf("load %s: %v", ds.ID, err)
			}
			loaded = append(loaded, ds)
		}
		sameGraph(t, fmt.Sprintf("loaded %s, %s, %s", order[0].ID, order[1].ID, order[2].ID), graphOf(t, ctx, s), oracle(t, loaded...))
		checkAssertionNodes(t, ctx, fmt.Sprintf("loaded %s, %s, %s", order[0].ID, order[1].ID, order[2].ID))
	}
	a2 := gen("gen-a", 200, 4) // gen-a's content replaced
	sum, err := Load(ctx, a2, s, Options{BatchSize: 97, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Changed == 0 || sum.Removed == 0 || sum.Added == 0 {
		t.Errorf("re-syncing gen-a with other content: %+v, want additions, changes and retractions", sum)
	}
	sameGraph(t, "after gen-a changed", graphOf(t, ctx, s), oracle(t, a2, b, c))
	if _, err := Unload(ctx, "gen-b", s, Options{}); err != nil {
		t.Fatal(err)
	}
	sameGraph(t, "after gen-b was unloaded", graphOf(t, ctx, s), oracle(t, a2, c))
}
