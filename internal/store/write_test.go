package store

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/reformhub/hub/internal/reform"
)

func TestMergeNodesCypher(t *testing.T) {
	got, err := mergeNodesCypher(reform.TypeTask)
	if err != nil {
		t.Fatal(err)
	}
	want := "UNWIND $rows AS row MERGE (n:Task {id: row.id}) SET n = row, n:Entity"
	if got != want {
		t.Errorf("mergeNodesCypher(Task) = %q, want %q", got, want)
	}
	for _, bad := range []reform.EntityType{"", "Bogus", "task", "Task {id: 1}) DETACH DELETE n //", "Entity"} {
		if s, err := mergeNodesCypher(bad); !errors.Is(err, reform.ErrInvalidInput) {
			t.Errorf("mergeNodesCypher(%q) = %q, %v; want reform.ErrInvalidInput", bad, s, err)
		}
	}
}

// TestSyncBatchRejectsBeforeConnecting checks that invalid input is refused without a
// database: the store below points at a port where nothing listens.
func TestSyncBatchRejectsBeforeConnecting(t *testing.T) {
	s, err := Open(Options{URI: "bolt://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = s.Close(context.Background()) }()
	ctx := context.Background()
	merge := func(FactKind, string, []Assertion) (map[string]any, bool) { return nil, false }
	batch := func(kind FactKind, f Fact) error {
		_, err := s.SyncBatch(ctx, Batch{Dataset: "d", Version: 1, Kind: kind, Added: []Fact{f}}, merge)
		return err
	}
	checks := map[string]error{
		"unknown label":        batch(KindNode, Fact{Kind: KindNode, Key: "x/y", Label: "Bogus"}),
		"node without id":      batch(KindNode, Fact{Kind: KindNode, Label: "Task"}),
		"unknown rel type":     batch(KindRel, Fact{Kind: KindRel, Key: "k", Label: "KNOWS", From: "a/b", To: "c/d"}),
		"rel without endpoint": batch(KindRel, Fact{Kind: KindRel, Key: "k", Label: "LEADS", From: "a/b"}),
		"kinds mixed":          batch(KindRel, Fact{Kind: KindNode, Key: "task/a", Label: "Task"}),
		"injected rel type":    batch(KindRel, Fact{Kind: KindRel, Key: "k", Label: "LEADS]->(b) DETACH DELETE a //", From: "a/b", To: "c/d"}),
	}
	for name, err := range checks {
		if !errors.Is(err, reform.ErrInvalidInput) {
			t.Errorf("%s: %v, want reform.ErrInvalidInput", name, err)
		}
	}
}

func TestPlain(t *testing.T) {
	in := map[string]any{
		"s": "x", "i": int64(3), "f": 1.5, "b": true, "n": nil,
		"l": []any{"a", int64(1)}, "m": map[string]any{"k": []any{2.5}},
		"other": struct{ X int }{7},
	}
	want := map[string]any{
		"s": "x", "i": int64(3), "f": 1.5, "b": true, "n": nil,
		"l": []any{"a", int64(1)}, "m": map[string]any{"k": []any{2.5}},
		"other": "{7}",
	}
	if got := plainMap(in); !reflect.DeepEqual(got, want) {
		t.Errorf("plainMap = %#v, want %#v", got, want)
	}
	if got := plainMap(nil); got == nil || len(got) != 0 {
		t.Errorf("plainMap(nil) = %#v, want an empty map", got)
	}
}
