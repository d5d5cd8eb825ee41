package store_test

import (
	"slices"
	"testing"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
)

func TestEnsureSchema(t *testing.T) {
	s, ctx := openEmpty(t) // ensures the schema once
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatalf("second EnsureSchema: %v", err)
	}
	for _, name := range []string{store.FullTextIndex, "entity_id_unique", "task_id_unique", "document_id_unique"} {
		state, err := s.IndexStateForTest(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		if state != "ONLINE" {
			t.Errorf("index %s is %q, want ONLINE", name, state)
		}
	}

	// The cjk analyzer finds Chinese text by its characters.
	if err := s.MergeNodes(ctx, reform.TypeDepartment, []map[string]any{{
		"id": "department/office", "name": "市委全面深化改革委员会办公室", "aliasText": "市委改革办 / 改革办",
	}}); err != nil {
		t.Fatal(err)
	}
	ids, err := s.FullTextIDsForTest(ctx, "改革办")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(ids, "department/office") {
		t.Errorf("full-text search for 改革办 found %q, want department/office among them", ids)
	}
}
