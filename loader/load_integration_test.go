package loader

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/internal/store/storetest"
)

// These tests need a Neo4j (storetest); each starts from an empty graph.

func openEmpty(t *testing.T) (*store.Store, context.Context) { return storetest.OpenEmpty(t) }

func snapshot(t *testing.T, ctx context.Context, s *store.Store) store.Snapshot {
	return storetest.Snapshot(t, ctx, s)
}

// parseAndLoad is what `hub load` does: parse (validate) first, write only a valid dataset.
func parseAndLoad(ctx context.Context, dir string, s *store.Store, batch int) (Summary, error) {
	ds, err := Parse(dir)
	if err != nil {
		return Summary{}, err
	}
	return Load(ctx, ds, s, Options{BatchSize: batch})
}

func TestLoadIntoNeo4j(t *testing.T) {
	s, ctx := openEmpty(t)
	dir := filepath.Join("testdata", "valid")
	sum, err := parseAndLoad(ctx, dir, s, 0)
	if err != nil {
		t.Fatal(err)
	}
	first := snapshot(t, ctx, s)
	if len(first.Nodes) != 10 || len(first.Relationships) != 10 || sum.TotalNodes() != 10 || sum.TotalRels() != 10 {
		t.Fatalf("snapshot has %d nodes and %d relationships, summary %d and %d; want 10 and 10",
			len(first.Nodes), len(first.Relationships), sum.TotalNodes(), sum.TotalRels())
	}
	perLabel := map[string]int{}
	for _, n := range first.Nodes {
		for _, l := range n.Labels {
			perLabel[l]++
		}
	}
	for _, c := range sum.Entities {
		if perLabel[string(c.Type)] != c.Count {
			t.Errorf("%d %s nodes in the graph, summary says %d", perLabel[string(c.Type)], c.Type, c.Count)
		}
	}
	if perLabel[reform.EntityLabel] != 10 {
		t.Errorf("%d nodes labelled Entity, want all 10", perLabel[reform.EntityLabel])
	}
	leader := node(t, first, "leader/city-leaders")
	want := store.SnapshotNode{ID: "leader/city-leaders", Labels: []string{"Entity", "Leader"}, Props: map[string]any{
		"id": "leader/city-leaders", "name": "市级领导", "nameEn": "City-level leaders",
		"aliases": []any{"市领导"}, "aliasText": "市领导", "role": "领衔市级领导", "headcount": int64(16),
		"dataset": "fixture-valid", "datasets": []any{"fixture-valid"},
		"srcDocs": []any{"doc/fixture-report"}, "srcParas": []any{int64(3)},
		"srcQuotes": []any{"16名市级领导领衔的21项重点事项全部完成"},
	}}
	if !reflect.DeepEqual(leader, want) {
		t.Errorf("leader node:\n got %#v\nwant %#v", leader, want)
	}
	if v := node(t, first, "outcome/approval-time").Props["value"]; v != 7.5 {
		t.Errorf("outcome value = %#v, want 7.5", v)
	}

	// The second load is a no-op, whatever the batch size.
	if _, err := parseAndLoad(ctx, dir, s, 3); err != nil {
		t.Fatal(err)
	}
	if again := snapshot(t, ctx, s); !reflect.DeepEqual(again, first) {
		t.Errorf("loading the dataset again changed the graph:\n got %#v\nwant %#v", again, first)
	}
}

// TestReloadRemovesProperty checks that a field removed from a dataset disappears from the
// graph when the dataset is loaded again.
func TestReloadRemovesProperty(t *testing.T) {
	s, ctx := openEmpty(t)
	dir := copyDataset(t, filepath.Join("testdata", "valid"))
	if _, err := parseAndLoad(ctx, dir, s, 0); err != nil {
		t.Fatal(err)
	}
	if got := node(t, snapshot(t, ctx, s), "leader/city-leaders").Props["nameEn"]; got != "City-level leaders" {
		t.Fatalf("nameEn = %#v", got)
	}
	edit(t, filepath.Join(dir, "entities.yaml"), "    nameEn: City-level leaders\n", "")
	if _, err := parseAndLoad(ctx, dir, s, 0); err != nil {
		t.Fatal(err)
	}
	if props := node(t, snapshot(t, ctx, s), "leader/city-leaders").Props; props["nameEn"] != nil || props["name"] != "市级领导" {
		t.Errorf("after removing nameEn: %#v", props)
	}
}

// TestBrokenDatasetWritesNothing loads a valid dataset, then a broken edit of it: the broken
// one fails validation and the graph stays as it was.
func TestBrokenDatasetWritesNothing(t *testing.T) {
	s, ctx := openEmpty(t)
	dir := copyDataset(t, filepath.Join("testdata", "valid"))
	if _, err := parseAndLoad(ctx, dir, s, 0); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, ctx, s)
	// One valid change (a new name) and one broken relationship in another file.
	edit(t, filepath.Join(dir, "entities.yaml"), "name: 市级领导", "name: 全体市级领导")
	edit(t, filepath.Join(dir, "links.yaml"), "to: pilot/land-pilot\n", "to: pilot/nope\n")
	_, err := parseAndLoad(ctx, dir, s, 0)
	var verr *ValidationError
	if !errors.As(err, &verr) || !strings.Contains(err.Error(), `to "pilot/nope" is not a known entity id`) {
		t.Fatalf("loading the broken dataset = %v, want a validation error", err)
	}
	if after := snapshot(t, ctx, s); !reflect.DeepEqual(after, before) {
		t.Error("a dataset that failed validation changed the graph")
	}
}

// TestLoadMissingEndpoint checks that a relationship whose endpoint is missing from the
// database (a Writer-level failure, which Parse cannot see) fails the load.
func TestLoadMissingEndpoint(t *testing.T) {
	s, ctx := openEmpty(t)
	ds, err := Parse(filepath.Join("testdata", "valid"))
	if err != nil {
		t.Fatal(err)
	}
	ds.Entities = ds.Entities[:len(ds.Entities)-1] // drop outcome/approval-time, keep ACHIEVED
	_, err = Load(ctx, ds, s, Options{})
	if !errors.Is(err, reform.ErrNotFound) || !strings.Contains(err.Error(), "outcome/approval-time") {
		t.Fatalf("Load = %v, want reform.ErrNotFound naming outcome/approval-time", err)
	}
	// Nothing of the failed sync is visible: it published nothing.
	if info, err := s.Dataset(ctx, ds.ID); err != nil || info != nil {
		t.Errorf("after the failed sync the dataset is %+v (%v), want none", info, err)
	}
	if snap := snapshot(t, ctx, s); len(snap.Nodes)+len(snap.Relationships) > 0 {
		t.Errorf("the failed sync left %d entities and %d relationships visible", len(snap.Nodes), len(snap.Relationships))
	}
	staged, err := s.Staged(ctx)
	if err != nil || staged["staged entities"] == 0 {
		t.Errorf("staged after the failed sync: %v (%v), want its staged entities (invisible)", staged, err)
	}
	// The next sync removes what the failed one staged and completes.
	ds.Entities, ds.Relationships = ds.Entities[:len(ds.Entities)-1], nil
	if _, err := Load(ctx, ds, s, Options{}); err != nil {
		t.Fatal(err)
	}
	if staged, err := s.Staged(ctx); err != nil || sumCounts(staged) != 0 {
		t.Errorf("staged after the next sync: %v (%v), want nothing", staged, err)
	}
	if snap := snapshot(t, ctx, s); len(snap.Nodes) != len(ds.Entities)+len(ds.Documents) || len(snap.Relationships) != 0 {
		t.Errorf("after the next sync: %d entities, %d relationships; want %d and 0", len(snap.Nodes), len(snap.Relationships), len(ds.Entities)+len(ds.Documents))
	}
}

func sumCounts(m map[string]int64) int64 {
	var n int64
	for _, v := range m {
		n += v
	}
	return n
}

// TestLoadRealDataset loads the dataset the hub ships, twice.
func TestLoadRealDataset(t *testing.T) {
	dir := filepath.Join("..", "data", "dongying-2021")
	if _, err := os.Stat(filepath.Join(dir, ManifestFile)); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s has no %s yet", dir, ManifestFile)
	}
	s, ctx := openEmpty(t)
	sum, err := parseAndLoad(ctx, dir, s, 0)
	if err != nil {
		t.Fatal(err)
	}
	first := snapshot(t, ctx, s)
	if len(first.Nodes) != sum.TotalNodes() || len(first.Relationships) != sum.TotalRels() {
		t.Errorf("graph has %d nodes and %d relationships, summary says %d and %d",
			len(first.Nodes), len(first.Relationships), sum.TotalNodes(), sum.TotalRels())
	}
	if _, err := parseAndLoad(ctx, dir, s, 0); err != nil {
		t.Fatal(err)
	}
	if again := snapshot(t, ctx, s); !reflect.DeepEqual(again, first) {
		t.Error("loading the dataset again changed the graph")
	}
}

func node(t *testing.T, snap store.Snapshot, id string) store.SnapshotNode {
	t.Helper()
	for _, n := range snap.Nodes {
		if n.ID == id {
			return n
		}
	}
	t.Fatalf("no node %s in the graph", id)
	return store.SnapshotNode{}
}

// copyDataset copies the files of the dataset folder src into a temporary folder.
func copyDataset(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// edit replaces the first old in file with repl.
func edit(t *testing.T, file, old, repl string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(data), old, repl, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}
