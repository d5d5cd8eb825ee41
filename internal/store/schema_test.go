package store

import (
	"context"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/reform"
)

func TestSchemaStatements(t *testing.T) {
	stmts := schemaStatements()
	if got, want := len(stmts), 1+len(reform.EntityTypes)+6+5+len(fieldIndexes())+len(reform.RelTypes)+1; got != want {
		t.Fatalf("%d statements, want %d:\n%s", got, want, strings.Join(stmts, "\n"))
	}
	want := []string{
		"CREATE CONSTRAINT entity_id_unique IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT leader_id_unique IF NOT EXISTS FOR (n:Leader) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT pilotprogram_id_unique IF NOT EXISTS FOR (n:PilotProgram) REQUIRE n.id IS UNIQUE",
		"CREATE FULLTEXT INDEX entity_fulltext IF NOT EXISTS FOR (n:Entity) " +
			"ON EACH [n.name, n.nameEn, n.aliasText, n.description] " +
			"OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
	}
	for _, w := range want {
		found := false
		for _, s := range stmts {
			found = found || s == w
		}
		if !found {
			t.Errorf("no statement %q in:\n%s", w, strings.Join(stmts, "\n"))
		}
	}
	if last := stmts[len(stmts)-1]; !strings.HasPrefix(last, "CREATE FULLTEXT INDEX") {
		t.Errorf("last statement %q, want the full-text index after the constraints", last)
	}
}

// IndexStateForTest returns the state (ONLINE, POPULATING, FAILED) of the index name, or ""
// when there is none. It exists for the integration tests of package store_test.
func (s *Store) IndexStateForTest(ctx context.Context, name string) (string, error) {
	recs, err := s.read(ctx, "IndexStateForTest", "SHOW INDEXES YIELD name, state WHERE name = $name RETURN state", map[string]any{"name": name})
	if err != nil || len(recs) == 0 {
		return "", err
	}
	state, _ := recs[0].Values[0].(string)
	return state, nil
}

// FullTextIDsForTest returns the ids of the Entity nodes the full-text index finds for the
// Lucene query q, best first. It exists for the integration tests of package store_test.
func (s *Store) FullTextIDsForTest(ctx context.Context, q string) ([]string, error) {
	recs, err := s.read(ctx, "FullTextIDsForTest", "CALL db.index.fulltext.queryNodes($index, $q) YIELD node RETURN node.id AS id",
		map[string]any{"index": FullTextIndex, "q": q})
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, r := range recs {
		id, _ := r.Values[0].(string)
		ids = append(ids, id)
	}
	return ids, nil
}
