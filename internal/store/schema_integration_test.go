package store_test

import (
	"slices"
	"testing"

	"github.com/reformhub/hub/internal/store"
)

func TestEnsureSchema(t *testing.T) {
	s, ctx := openEmpty(t) // ensures the schema once
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatalf("second EnsureSchema: %v", err)
	}
	for _, name := range []string{store.FullTextIndex, "entity_id_unique", "task_id_unique", "document_id_unique",
		"assertion_key", "assertion_dataset", "dataset_id_unique"} {
		state, err := s.IndexStateForTest(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		if state != "ONLINE" {
			t.Errorf("index %s is %q, want ONLINE", name, state)
		}
	}

	// The cjk analyzer finds Chinese text by its characters.
	syncBatch(t, ctx, s, "d1", store.KindNode, []store.Fact{node("department/office", "Department", map[string]any{
		"name": "市委全面深化改革委员会办公室", "aliases": []string{"市委改革办", "改革办"},
	})}, nil, nil)
	ids, err := s.FullTextIDsForTest(ctx, "改革办")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(ids, "department/office") {
		t.Errorf("full-text search for 改革办 found %q, want department/office among them", ids)
	}
}
