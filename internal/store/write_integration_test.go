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
)

func openEmpty(t *testing.T) (*store.Store, context.Context) { return storetest.OpenEmpty(t) }

func snapshot(t *testing.T, ctx context.Context, s *store.Store) store.Snapshot {
	return storetest.Snapshot(t, ctx, s)
}

func TestMergeNodesIdempotent(t *testing.T) {
	s, ctx := openEmpty(t)
	rows := []map[string]any{
		{"id": "task/a", "name": "甲", "aliases": []string{"A"}, "year": int64(2021), "value": 1.5,
			"srcParas": []int64{1, 2}, "note": "n"},
		{"id": "task/b", "name": "乙", "aliases": []string{}},
	}
	if err := s.MergeNodes(ctx, reform.TypeTask, rows); err != nil {
		t.Fatal(err)
	}
	first := snapshot(t, ctx, s)
	want := store.SnapshotNode{ID: "task/a", Labels: []string{"Entity", "Task"}, Props: map[string]any{
		"id": "task/a", "name": "甲", "aliases": []any{"A"}, "year": int64(2021), "value": 1.5,
		"srcParas": []any{int64(1), int64(2)}, "note": "n",
	}}
	if len(first.Nodes) != 2 || !reflect.DeepEqual(first.Nodes[0], want) {
		t.Fatalf("snapshot nodes = %#v\nwant first %#v", first.Nodes, want)
	}
	if got := first.Nodes[1].Props["aliases"]; !reflect.DeepEqual(got, []any{}) {
		t.Errorf("empty aliases stored as %#v, want an empty list", got)
	}

	if err := s.MergeNodes(ctx, reform.TypeTask, rows); err != nil {
		t.Fatal(err)
	}
	if again := snapshot(t, ctx, s); !reflect.DeepEqual(again, first) {
		t.Errorf("merging the same rows changed the graph:\n got %#v\nwant %#v", again, first)
	}

	// A property left out of the row disappears: the row replaces the node's properties.
	delete(rows[0], "note")
	if err := s.MergeNodes(ctx, reform.TypeTask, rows[:1]); err != nil {
		t.Fatal(err)
	}
	if props := snapshot(t, ctx, s).Nodes[0].Props; props["note"] != nil || props["name"] != "甲" {
		t.Errorf("after merging without note: %#v", props)
	}
}

func TestMergeNodesTypeChangeFails(t *testing.T) {
	s, ctx := openEmpty(t)
	if err := s.MergeNodes(ctx, reform.TypeTask, []map[string]any{{"id": "x/same"}}); err != nil {
		t.Fatal(err)
	}
	// The same id under another label would be a second Entity with that id.
	if err := s.MergeNodes(ctx, reform.TypePolicy, []map[string]any{{"id": "x/same"}}); err == nil {
		t.Error("merging an existing id under another type succeeded; want the Entity id constraint to refuse it")
	}
	if n := len(snapshot(t, ctx, s).Nodes); n != 1 {
		t.Errorf("%d nodes, want 1", n)
	}
}

func TestMergeRelationships(t *testing.T) {
	s, ctx := openEmpty(t)
	if err := s.MergeNodes(ctx, reform.TypeLeader, []map[string]any{{"id": "leader/a"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.MergeNodes(ctx, reform.TypeTask, []map[string]any{{"id": "task/b"}, {"id": "task/c"}}); err != nil {
		t.Fatal(err)
	}
	rows := []store.RelRow{
		{From: "leader/a", To: "task/b", Props: map[string]any{"implied": false, "srcParas": []int64{3}}},
		{From: "leader/a", To: "task/c", Props: map[string]any{"implied": true, "note": "n"}},
	}
	if err := s.MergeRelationships(ctx, reform.RelLeads, rows); err != nil {
		t.Fatal(err)
	}
	first := snapshot(t, ctx, s)
	want := []store.SnapshotRel{
		{Type: "LEADS", From: "leader/a", To: "task/b", Props: map[string]any{"implied": false, "srcParas": []any{int64(3)}}},
		{Type: "LEADS", From: "leader/a", To: "task/c", Props: map[string]any{"implied": true, "note": "n"}},
	}
	if !reflect.DeepEqual(first.Relationships, want) {
		t.Fatalf("relationships:\n got %#v\nwant %#v", first.Relationships, want)
	}
	if err := s.MergeRelationships(ctx, reform.RelLeads, rows); err != nil {
		t.Fatal(err)
	}
	if again := snapshot(t, ctx, s); !reflect.DeepEqual(again, first) {
		t.Errorf("merging the same relationships changed the graph:\n got %#v\nwant %#v", again, first)
	}
}

func TestMergeRelationshipsMissingEndpoint(t *testing.T) {
	s, ctx := openEmpty(t)
	if err := s.MergeNodes(ctx, reform.TypeLeader, []map[string]any{{"id": "leader/a"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.MergeNodes(ctx, reform.TypeTask, []map[string]any{{"id": "task/b"}}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, ctx, s)
	err := s.MergeRelationships(ctx, reform.RelLeads, []store.RelRow{
		{From: "leader/a", To: "task/b"},
		{From: "leader/a", To: "task/missing"},
	})
	if !errors.Is(err, reform.ErrNotFound) || !strings.Contains(err.Error(), `"task/missing"`) {
		t.Fatalf("MergeRelationships with a missing endpoint = %v, want reform.ErrNotFound naming task/missing", err)
	}
	if after := snapshot(t, ctx, s); !reflect.DeepEqual(after, before) {
		t.Errorf("the failed batch wrote something: %#v", after.Relationships)
	}
}

func TestDeleteAll(t *testing.T) {
	s, ctx := openEmpty(t)
	if err := s.MergeNodes(ctx, reform.TypeTask, []map[string]any{{"id": "task/a"}, {"id": "task/b"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.MergeRelationships(ctx, reform.RelPartOf, []store.RelRow{{From: "task/a", To: "task/b"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteAll(ctx); err != nil {
		t.Fatal(err)
	}
	if snap := snapshot(t, ctx, s); len(snap.Nodes)+len(snap.Relationships) != 0 {
		t.Errorf("after DeleteAll: %#v", snap)
	}
}
