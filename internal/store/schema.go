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
// the label Entity and for each entity type's label, the indexes of the datasets'
// bookkeeping, a range index on each field lists sort and filter on (fieldIndexes), and the
// full-text index FullTextIndex over names, aliases and descriptions with the cjk analyzer.
// It then waits until every index is online, so that the first load and the first search use
// them. Running it again changes nothing.
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

// schemaStatements returns the schema statements, in order: constraints, the bookkeeping's
// indexes, the fields' range indexes, then the full-text index. Each is idempotent (IF NOT
// EXISTS).
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
	// The fields lists sort and filter on (order.go, where.go), read from range indexes.
	for _, ix := range fieldIndexes() {
		// Label and property come from reform's fixed tables: safe in statement text.
		out = append(out, "CREATE RANGE INDEX "+ix.name+" IF NOT EXISTS FOR (n:"+ix.label+") ON (n."+ix.prop+")")
	}
	for _, t := range reform.RelTypes {
		// t is one of the fixed reform.RelTypes: safe in statement text.
		out = append(out, "CREATE INDEX rel_"+strings.ToLower(string(t))+"_until IF NOT EXISTS FOR ()-[r:"+string(t)+"]-() ON (r."+pUntil+")")
	}
	out = append(out, "CREATE FULLTEXT INDEX "+FullTextIndex+" IF NOT EXISTS "+
		"FOR (n:"+reform.EntityLabel+") ON EACH [n.name, n.nameEn, n.aliasText, n.description] "+
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}")
	return out
}

// fieldIndex is one range index on a property of a type label.
type fieldIndex struct{ name, label, prop string }

// freeText are the filter fields of free text, which get no range index: their filters are
// contains-style (a range index serves no substring, so they scan and filter either way;
// search reads them from the full-text index), they are not sorted on in practice, and a range
// index refuses to hold a value over about 8 KB — a long description would fail its load.
var freeText = []string{"description", "note"}

// fieldIndexes are the range indexes behind lists' sorts and filters: for each entity type,
// one on each field a where or a sort of that type may name (filterField, the compiler's own
// allowlist) but the id (its uniqueness constraint is a range index already) and the free
// text. Each is named <label>_<field> in lower case (task_year, outcome_valuebefore). They let
// Neo4j seek a filter's equality, list, prefix or range, read a list in the order of its
// leading sort key and stop at its page's end (order.go, indexOrderHint), and read the values
// an aggregate of one field needs from the index rather than from every node.
func fieldIndexes() []fieldIndex {
	var out []fieldIndex
	for _, t := range reform.EntityTypes {
		// The candidates: the entity properties of props.go's storage contract that are not
		// type-specific, and the type's own fields; filterField keeps those the compiler
		// accepts for t (so an index follows its allowlist, and a name it does not know is
		// never indexed).
		names := []string{"name", "nameEn", "description", "note", "language", "paragraphs"}
		for _, f := range reform.TypeFields(t) {
			names = append(names, f.Name)
		}
		seen := map[string]bool{}
		for _, f := range names {
			if _, ok := filterField(t, f); !ok || seen[f] || f == propID || slices.Contains(freeText, f) {
				continue
			}
			seen[f] = true
			out = append(out, fieldIndex{strings.ToLower(string(t) + "_" + f), string(t), f})
		}
	}
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
