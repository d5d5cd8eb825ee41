package store_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/internal/store/storetest"
	"github.com/reformhub/hub/loader"
)

func openEmpty(t *testing.T) (*store.Store, context.Context) { return storetest.OpenEmpty(t) }

func snapshot(t *testing.T, ctx context.Context, s *store.Store) store.Snapshot {
	return storetest.Snapshot(t, ctx, s)
}

func node(id, label string, props map[string]any) store.Fact {
	p := map[string]any{"id": id, "name": id, "aliases": []string{}}
	for k, v := range props {
		p[k] = v
	}
	return store.Fact{Kind: store.KindNode, Key: id, Label: label, Hash: "h", Props: p}
}

func rel(t reform.RelType, from, to string, props map[string]any) store.Fact {
	return store.Fact{Kind: store.KindRel, Key: store.RelKey(t, from, to), Label: string(t), From: from, To: to, Hash: "h", Props: props}
}

// syncBatch applies one batch of dataset ds at version 1 with the loader's merge rule: the
// facts the dataset asserts for the first time, those it asserts again (changed or not), and
// those it retracts.
func syncBatch(t *testing.T, ctx context.Context, s *store.Store, ds string, kind store.FactKind, added, again, retracted []store.Fact) []store.FactChange {
	t.Helper()
	v, err := s.BeginSync(ctx, ds, ds)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := s.SyncBatch(ctx, store.Batch{Dataset: ds, Version: v, Kind: kind, Added: added, Changed: again, Retracted: retracted}, loader.Merge)
	if err != nil {
		_ = s.AbortSync(ctx)
		t.Fatal(err)
	}
	if err := s.CommitSync(ctx, store.SyncCommit{Dataset: ds, Title: ds, Version: v, Changed: len(cs) > 0}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FinishPending(ctx, true); err != nil {
		t.Fatal(err)
	}
	return cs
}

func TestSyncBatchNodesIdempotent(t *testing.T) {
	s, ctx := openEmpty(t)
	rows := []store.Fact{
		node("task/a", "Task", map[string]any{"name": "甲", "aliases": []string{"A"}, "year": int64(2021), "value": 1.5,
			"srcParas": []int64{1, 2}, "note": "n"}),
		node("task/b", "Task", map[string]any{"name": "乙"}),
	}
	if cs := syncBatch(t, ctx, s, "d1", store.KindNode, rows, nil, nil); len(cs) != 2 || cs[0].Op != "added" {
		t.Fatalf("changes %+v, want two added", cs)
	}
	first := snapshot(t, ctx, s)
	want := store.SnapshotNode{ID: "task/a", Labels: []string{"Entity", "Task"}, Props: map[string]any{
		"id": "task/a", "name": "甲", "aliases": []any{"A"}, "aliasText": "A", "year": int64(2021), "value": 1.5,
		"srcParas": []any{int64(1), int64(2)}, "srcDocs": []any{}, "srcQuotes": []any{}, "note": "n",
		"dataset": "d1", "datasets": []any{"d1"},
	}}
	if len(first.Nodes) != 2 || !reflect.DeepEqual(first.Nodes[0], want) {
		t.Fatalf("snapshot nodes = %#v\nwant first %#v", first.Nodes, want)
	}
	if cs := syncBatch(t, ctx, s, "d1", store.KindNode, nil, rows, nil); len(cs) != 0 {
		t.Errorf("the same assertions again changed %+v", cs)
	}
	if again := snapshot(t, ctx, s); !reflect.DeepEqual(again, first) {
		t.Errorf("the same assertions changed the graph:\n got %#v\nwant %#v", again, first)
	}
	// A property left out of the assertion disappears.
	delete(rows[0].Props, "note")
	cs := syncBatch(t, ctx, s, "d1", store.KindNode, nil, rows[:1], nil)
	if len(cs) != 1 || cs[0].Op != "changed" || !reflect.DeepEqual(cs[0].Fields, []string{"note"}) {
		t.Errorf("changes %+v, want note changed", cs)
	}
	if props := snapshot(t, ctx, s).Nodes[0].Props; props["note"] != nil || props["name"] != "甲" {
		t.Errorf("after asserting without note: %#v", props)
	}
}

// TestSyncBatchTwoDatasets: a second dataset's assertion of the same entity keeps the first's
// values and evidence; retracting one leaves the other's.
func TestSyncBatchTwoDatasets(t *testing.T) {
	s, ctx := openEmpty(t)
	a := node("department/x", "Department", map[string]any{"description": "from a", "aliases": []string{"甲"},
		"srcDocs": []string{"doc/a"}, "srcParas": []int64{1}, "srcQuotes": []string{"qa"}})
	b := node("department/x", "Department", map[string]any{"description": "from b", "aliases": []string{"乙"},
		"srcDocs": []string{"doc/b"}, "srcParas": []int64{2}, "srcQuotes": []string{"qb"}})
	syncBatch(t, ctx, s, "b-set", store.KindNode, []store.Fact{b}, nil, nil)
	syncBatch(t, ctx, s, "a-set", store.KindNode, []store.Fact{a}, nil, nil)
	p := snapshot(t, ctx, s).Nodes[0].Props
	if p["description"] != "from a" || !reflect.DeepEqual(p["aliases"], []any{"甲", "乙"}) ||
		!reflect.DeepEqual(p["srcQuotes"], []any{"qa", "qb"}) || !reflect.DeepEqual(p["datasets"], []any{"a-set", "b-set"}) ||
		!reflect.DeepEqual(p["conflicts"], []any{"description"}) {
		t.Errorf("merged: %#v", p)
	}
	cs := syncBatch(t, ctx, s, "a-set", store.KindNode, nil, nil, []store.Fact{a})
	if len(cs) != 1 || cs[0].Op != "changed" {
		t.Errorf("retracting a's assertion: %+v, want one change", cs)
	}
	p = snapshot(t, ctx, s).Nodes[0].Props
	if p["description"] != "from b" || !reflect.DeepEqual(p["srcQuotes"], []any{"qb"}) || p["conflicts"] != nil {
		t.Errorf("after retracting a: %#v", p)
	}
	cs = syncBatch(t, ctx, s, "b-set", store.KindNode, nil, nil, []store.Fact{b})
	if len(cs) != 1 || cs[0].Op != "removed" {
		t.Errorf("retracting the last assertion: %+v, want removed", cs)
	}
	if n := len(snapshot(t, ctx, s).Nodes); n != 0 {
		t.Errorf("%d nodes left, want none", n)
	}
}

func TestSyncBatchTypeChangeFails(t *testing.T) {
	s, ctx := openEmpty(t)
	syncBatch(t, ctx, s, "d1", store.KindNode, []store.Fact{node("task/same", "Task", nil)}, nil, nil)
	// The same id under another label would be a second Entity with that id.
	if _, err := s.SyncBatch(ctx, store.Batch{Dataset: "d2", Version: 1, Kind: store.KindNode, Added: []store.Fact{node("task/same", "Policy", nil)}}, loader.Merge); err == nil {
		t.Error("asserting an existing id under another type succeeded; want the Entity id constraint to refuse it")
	}
	if n := len(snapshot(t, ctx, s).Nodes); n != 1 {
		t.Errorf("%d nodes, want 1", n)
	}
}

func TestSyncBatchRelationships(t *testing.T) {
	s, ctx := openEmpty(t)
	syncBatch(t, ctx, s, "d1", store.KindNode, []store.Fact{node("leader/a", "Leader", nil), node("task/b", "Task", nil), node("task/c", "Task", nil)}, nil, nil)
	rows := []store.Fact{
		rel(reform.RelLeads, "leader/a", "task/b", map[string]any{"implied": false, "srcParas": []int64{3}}),
		rel(reform.RelLeads, "leader/a", "task/c", map[string]any{"implied": true, "note": "n"}),
	}
	syncBatch(t, ctx, s, "d1", store.KindRel, rows, nil, nil)
	first := snapshot(t, ctx, s)
	if len(first.Relationships) != 2 || first.Relationships[0].Props["implied"] != false ||
		first.Relationships[1].Props["implied"] != true || first.Relationships[1].Props["note"] != "n" {
		t.Fatalf("relationships: %#v", first.Relationships)
	}
	// Another dataset stating b's relationship: no longer implied by one alone.
	syncBatch(t, ctx, s, "d2", store.KindRel, []store.Fact{rel(reform.RelLeads, "leader/a", "task/c", map[string]any{"implied": false})}, nil, nil)
	if p := snapshot(t, ctx, s).Relationships[1].Props; p["implied"] != false || !reflect.DeepEqual(p["datasets"], []any{"d1", "d2"}) {
		t.Errorf("stated by d2 too: %#v", p)
	}
	syncBatch(t, ctx, s, "d1", store.KindRel, nil, nil, rows)
	snap := snapshot(t, ctx, s)
	if len(snap.Relationships) != 1 || snap.Relationships[0].To != "task/c" || snap.Relationships[0].Props["dataset"] != "d2" {
		t.Errorf("after d1 retracts both, d2's stays: %#v", snap.Relationships)
	}
}

func TestSyncBatchMissingEndpoint(t *testing.T) {
	s, ctx := openEmpty(t)
	syncBatch(t, ctx, s, "d1", store.KindNode, []store.Fact{node("leader/a", "Leader", nil), node("task/b", "Task", nil)}, nil, nil)
	before := snapshot(t, ctx, s)
	_, err := s.SyncBatch(ctx, store.Batch{Dataset: "d1", Version: 1, Kind: store.KindRel, Added: []store.Fact{
		rel(reform.RelLeads, "leader/a", "task/b", nil),
		rel(reform.RelLeads, "leader/a", "task/missing", nil),
	}}, loader.Merge)
	if !errors.Is(err, reform.ErrNotFound) || !strings.Contains(err.Error(), `"task/missing"`) {
		t.Fatalf("a batch with a missing endpoint = %v, want reform.ErrNotFound naming task/missing", err)
	}
	if after := snapshot(t, ctx, s); !reflect.DeepEqual(after, before) {
		t.Errorf("the failed batch wrote something: %#v", after.Relationships)
	}
}

func TestDeleteAll(t *testing.T) {
	s, ctx := openEmpty(t)
	syncBatch(t, ctx, s, "d1", store.KindNode, []store.Fact{node("task/a", "Task", nil), node("task/b", "Task", nil)}, nil, nil)
	syncBatch(t, ctx, s, "d1", store.KindRel, []store.Fact{rel(reform.RelPartOf, "task/a", "task/b", nil)}, nil, nil)
	if err := s.DeleteAll(ctx); err != nil {
		t.Fatal(err)
	}
	if snap := snapshot(t, ctx, s); len(snap.Nodes)+len(snap.Relationships) != 0 {
		t.Errorf("after DeleteAll: %#v", snap)
	}
	var n int
	if err := s.AssertedHashes(ctx, "d1", func(store.FactKind, string, string) error { n++; return nil }); err != nil || n != 0 {
		t.Errorf("after DeleteAll: %d assertions left (%v)", n, err)
	}
}
