package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reformhub/hub/internal/reform"
)

// indexWaitSeconds bounds how long EnsureSchema waits for new indexes to come online.
const indexWaitSeconds = 120

// EnsureSchema creates what the graph needs and is missing: a uniqueness constraint on id for
// the label Entity and for each entity type's label, and the full-text index FullTextIndex
// over names, aliases and descriptions with the cjk analyzer. It then waits until every index
// is online, so that the first load and the first search use them. Running it again changes
// nothing.
func (s *Store) EnsureSchema(ctx context.Context) error {
	// Usually everything exists: one read of the names settles it.
	if ok, err := s.schemaComplete(ctx); err == nil && ok {
		return nil
	}
	for _, cypher := range schemaStatements() {
		if err := s.schemaWrite(ctx, cypher, nil); err != nil {
			return fmt.Errorf("ensure schema: %w", err)
		}
	}
	if err := s.schemaWrite(ctx, awaitIndexesCypher, map[string]any{"seconds": indexWaitSeconds}); err != nil {
		return fmt.Errorf("wait for indexes: %w", err)
	}
	return nil
}

// schemaComplete reports whether every constraint and index schemaStatements creates exists
// and is online.
func (s *Store) schemaComplete(ctx context.Context) (bool, error) {
	recs, err := s.read(ctx, "Schema", "SHOW INDEXES YIELD name, state RETURN collect(CASE WHEN state = 'ONLINE' THEN name END) AS names", nil)
	if err != nil || len(recs) == 0 {
		return false, err
	}
	names, err := column[[]any](recs[0], "names")
	if err != nil {
		return false, err
	}
	online := map[string]bool{}
	for _, n := range names {
		if s, ok := n.(string); ok {
			online[s] = true
		}
	}
	for _, st := range schemaStatements() {
		// "CREATE [FULLTEXT ]INDEX|CONSTRAINT <name> IF NOT EXISTS …": a constraint's name is
		// also the name of the index that backs it.
		f := strings.Fields(st)
		i := slices.Index(f, "IF")
		if i < 1 || !online[f[i-1]] {
			return false, nil
		}
	}
	return true, nil
}

// awaitIndexesCypher waits until every index is online (or fails after indexWaitSeconds).
const awaitIndexesCypher = "CALL db.awaitIndexes($seconds)"

// schemaStatements returns the schema statements, in order: constraints, then the full-text
// index. Each is idempotent (IF NOT EXISTS).
func schemaStatements() []string {
	labels := []string{reform.EntityLabel}
	for _, t := range reform.EntityTypes {
		labels = append(labels, string(t))
	}
	out := make([]string, 0, len(labels)+7)
	for _, l := range labels {
		// l comes from the fixed lists of package reform: safe in statement text.
		out = append(out, "CREATE CONSTRAINT "+strings.ToLower(l)+"_id_unique IF NOT EXISTS "+
			"FOR (n:"+l+") REQUIRE n."+propID+" IS UNIQUE")
	}
	// The bookkeeping of datasets (sync.go): assertions by key and by dataset,
	// datasets by id, changes by version and by key.
	out = append(out,
		"CREATE CONSTRAINT dataset_id_unique IF NOT EXISTS FOR (d:"+labelDataset+") REQUIRE d.id IS UNIQUE",
		"CREATE CONSTRAINT hubmeta_id_unique IF NOT EXISTS FOR (m:"+labelMeta+") REQUIRE m.id IS UNIQUE",
		"CREATE INDEX assertion_key IF NOT EXISTS FOR (a:"+labelAssertion+") ON (a."+aKey+")",
		"CREATE INDEX assertion_dataset IF NOT EXISTS FOR (a:"+labelAssertion+") ON (a."+aDataset+")",
		"CREATE INDEX change_version IF NOT EXISTS FOR (c:"+labelChange+") ON (c.version)",
		"CREATE INDEX change_key IF NOT EXISTS FOR (c:"+labelChange+") ON (c.key)",
		// Staging (staging.go): staged entities by id, what a sync marked, for its apply and
		// for the rollback of a killed one.
		"CREATE CONSTRAINT stagedentity_id_unique IF NOT EXISTS FOR (n:"+labelStaged+") REQUIRE n."+propID+" IS UNIQUE",
		"CREATE INDEX entity_until IF NOT EXISTS FOR (n:"+reform.EntityLabel+") ON (n."+pUntil+")",
		"CREATE INDEX entity_pending IF NOT EXISTS FOR (n:"+reform.EntityLabel+") ON (n."+pPendingV+")",
		"CREATE INDEX assertion_since IF NOT EXISTS FOR (a:"+labelAssertion+") ON (a."+pSince+")",
		"CREATE INDEX assertion_until IF NOT EXISTS FOR (a:"+labelAssertion+") ON (a."+pUntil+")",
	)
	for _, t := range reform.RelTypes {
		// t is one of the fixed reform.RelTypes: safe in statement text.
		out = append(out, "CREATE INDEX rel_"+strings.ToLower(string(t))+"_until IF NOT EXISTS FOR ()-[r:"+string(t)+"]-() ON (r."+pUntil+")")
	}
	out = append(out, "CREATE FULLTEXT INDEX "+FullTextIndex+" IF NOT EXISTS "+
		"FOR (n:"+reform.EntityLabel+") ON EACH [n.name, n.nameEn, n.aliasText, n.description] "+
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}")
	return out
}

// schemaWrite runs one schema statement in its own transaction (Neo4j does not mix schema and
// data changes in one transaction).
func (s *Store) schemaWrite(ctx context.Context, cypher string, params map[string]any) error {
	if err := s.firstConnection(ctx); err != nil {
		return err
	}
	_, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithWritersRouting())
	if err != nil {
		return classify(ctx, err)
	}
	return nil
}
