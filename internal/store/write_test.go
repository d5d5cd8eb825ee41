package store

import (
	"context"
	"errors"
	"reflect"
	"strings"
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

func TestMergeRelsCypher(t *testing.T) {
	got, err := mergeRelsCypher(reform.RelPartOf)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "MERGE (a)-[r:PART_OF]->(b) SET r = row.props") ||
		!strings.Contains(got, "RETURN count(r) AS merged") {
		t.Errorf("mergeRelsCypher(PART_OF) = %q", got)
	}
	for _, bad := range []reform.RelType{"", "leads", "KNOWS", "LEADS]->(b) DETACH DELETE a //"} {
		if s, err := mergeRelsCypher(bad); !errors.Is(err, reform.ErrInvalidInput) {
			t.Errorf("mergeRelsCypher(%q) = %q, %v; want reform.ErrInvalidInput", bad, s, err)
		}
	}
}

// TestMergeRejectsBeforeConnecting checks that invalid input is refused without a database:
// the store below points at a port where nothing listens.
func TestMergeRejectsBeforeConnecting(t *testing.T) {
	s, err := Open(Options{URI: "bolt://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = s.Close(context.Background()) }()
	ctx := context.Background()
	row := map[string]any{"id": "task/x"}
	checks := map[string]error{
		"unknown label":        s.MergeNodes(ctx, "Bogus", []map[string]any{row}),
		"row without id":       s.MergeNodes(ctx, reform.TypeTask, []map[string]any{{"name": "x"}}),
		"row with a number id": s.MergeNodes(ctx, reform.TypeTask, []map[string]any{{"id": 7}}),
		"unknown rel type":     s.MergeRelationships(ctx, "KNOWS", []RelRow{{From: "a/b", To: "c/d"}}),
		"rel without endpoint": s.MergeRelationships(ctx, reform.RelLeads, []RelRow{{From: "a/b"}}),
	}
	for name, err := range checks {
		if !errors.Is(err, reform.ErrInvalidInput) {
			t.Errorf("%s: %v, want reform.ErrInvalidInput", name, err)
		}
	}
	if err := s.MergeNodes(ctx, reform.TypeTask, nil); err != nil {
		t.Errorf("MergeNodes with no rows = %v, want nil without a database", err)
	}
	if err := s.MergeRelationships(ctx, reform.RelLeads, nil); err != nil {
		t.Errorf("MergeRelationships with no rows = %v, want nil without a database", err)
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
