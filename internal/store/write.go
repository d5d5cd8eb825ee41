package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reformhub/hub/internal/reform"
)

// mergeNodesCypher returns the statement that merges rows of nodes of type label.
func mergeNodesCypher(label reform.EntityType) (string, error) {
	if !label.Valid() {
		return "", fmt.Errorf("%w: unknown entity label %q", reform.ErrInvalidInput, label)
	}
	// label is one of the fixed reform.EntityTypes (checked above): safe in statement text.
	return "UNWIND $rows AS row " +
		"MERGE (n:" + string(label) + " {id: row.id}) " +
		"SET n = row, n:" + reform.EntityLabel, nil
}

// missingEndpointsCypher lists (up to 10) endpoint ids of rows that name no Entity node.
const missingEndpointsCypher = `
UNWIND $rows AS row
UNWIND [row.from, row.to] AS id
WITH DISTINCT id
WHERE NOT EXISTS { MATCH (:Entity {id: id}) } AND NOT EXISTS { MATCH (:StagedEntity {id: id}) }
RETURN id ORDER BY id LIMIT 10`

// missingEndpoints returns the endpoint ids of rows that name no Entity node, for the error
// message of a batch whose relationships miss an endpoint.
func missingEndpoints(ctx context.Context, tx neo4j.ManagedTransaction, rows []any) ([]string, error) {
	res, err := tx.Run(ctx, missingEndpointsCypher, map[string]any{"rows": rows})
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(recs))
	for _, rec := range recs {
		id, _, err := neo4j.GetRecordValue[string](rec, "id")
		if err != nil {
			return nil, err
		}
		ids = append(ids, fmt.Sprintf("%q", id))
	}
	return ids, nil
}

// DeleteAll detach-deletes every Entity node (and so every relationship between them) and the
// bookkeeping of datasets (assertions, datasets, changes, the data version), in batches of
// 10,000 nodes, one transaction each. It is meant for tests and operators who rebuild a
// database from its datasets; the schema stays.
func (s *Store) DeleteAll(ctx context.Context) error {
	// Relationships first, so that no transaction detaches a hub entity's thousands at once
	// (10,000 nodes with all their relationships can exceed the transaction memory limit).
	if err := s.deleteBatches(ctx, "relationships", "MATCH (:"+reform.EntityLabel+")-[r]->() WITH r LIMIT 10000 DELETE r RETURN count(*) AS deleted"); err != nil {
		return err
	}
	if err := s.deleteBatches(ctx, "staged relationships", "MATCH ()-[r:"+typeStaged+"]->() WITH r LIMIT 10000 DELETE r RETURN count(*) AS deleted"); err != nil {
		return err
	}
	// Large nodes (manifest chunks, batched Change nodes) a few at a time.
	if err := s.deleteBatches(ctx, "large nodes", "MATCH (n) WHERE n:"+labelManifest+" OR (n:"+labelChange+" AND n.keys IS NOT NULL) "+
		"WITH n LIMIT "+bigNodes+" DELETE n RETURN count(*) AS deleted"); err != nil {
		return err
	}
	for _, label := range []string{reform.EntityLabel, labelStaged, labelAssertion, labelChange, labelVersion, labelDataset, labelMeta} {
		if err := s.deleteLabel(ctx, label); err != nil {
			return err
		}
	}
	return nil
}

// deleteLabel detach-deletes the nodes with label label (one of the fixed labels of the
// store), 10,000 per transaction.
func (s *Store) deleteLabel(ctx context.Context, label string) error {
	return s.deleteBatches(ctx, label+" nodes", "MATCH (n:"+label+") WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted")
}

// deleteBatches runs cypher (which deletes a batch and returns how many it deleted) until it
// deletes nothing.
func (s *Store) deleteBatches(ctx context.Context, what, cypher string) error {
	for {
		var deleted int64
		err := s.write(ctx, func(tx neo4j.ManagedTransaction) error {
			res, err := tx.Run(ctx, cypher, nil)
			if err != nil {
				return err
			}
			rec, err := res.Single(ctx)
			if err != nil {
				return err
			}
			deleted, _, err = neo4j.GetRecordValue[int64](rec, "deleted")
			return err
		})
		if err != nil {
			return fmt.Errorf("delete all %s: %w", what, err)
		}
		if deleted == 0 {
			return nil
		}
	}
}

// write runs work in one write transaction on the store's database, retrying it on transient
// failures (so work must be idempotent). Sessions share the bookmark manager of ExecuteQuery,
// so reads through s.read see what write wrote, also in a cluster.
func (s *Store) write(ctx context.Context, work func(tx neo4j.ManagedTransaction) error) error {
	if err := s.firstConnection(ctx); err != nil {
		return err
	}
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{
		DatabaseName:    s.db,
		AccessMode:      neo4j.AccessModeWrite,
		BookmarkManager: s.driver.ExecuteQueryBookmarkManager(),
	})
	defer func() { _ = session.Close(ctx) }()
	_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return nil, work(tx)
	})
	if err != nil {
		return classify(ctx, err)
	}
	return nil
}

// Snapshot is a canonical dump of the graph: every Entity node and every relationship between
// two of them, sorted, holding plain Go values only (string, int64, float64, bool, []any,
// map[string]any) so that two snapshots compare with reflect.DeepEqual. It is meant for tests
// (a second load of a dataset must leave the snapshot unchanged) and for operators' checks.
type Snapshot struct {
	Nodes         []SnapshotNode // sorted by id
	Relationships []SnapshotRel  // sorted by from, type, to
}

// SnapshotNode is one node of a Snapshot.
type SnapshotNode struct {
	ID     string
	Labels []string // sorted
	Props  map[string]any
}

// SnapshotRel is one relationship of a Snapshot.
type SnapshotRel struct {
	Type     string
	From, To string // endpoint ids
	Props    map[string]any
}

// Snapshot reads the whole graph of Entity nodes into a Snapshot: what a reader sees in plain
// mode (a sync being staged is left out — its StagedEntity nodes, STAGED_REL relationships and
// the marks it left on entities; Staged counts those). It reads everything into memory: use it
// on test-sized graphs.
func (s *Store) Snapshot(ctx context.Context) (Snapshot, error) {
	const nodesCypher = `MATCH (n:Entity) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props`
	const relsCypher = `MATCH (a:Entity)-[r]->(b:Entity) WHERE NOT r:STAGED_REL
RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props`
	var snap Snapshot
	recs, err := s.read(ctx, "Snapshot", nodesCypher, nil)
	if err != nil {
		return Snapshot{}, fmt.Errorf("snapshot nodes: %w", err)
	}
	for _, rec := range recs {
		m := rec.AsMap()
		n := SnapshotNode{ID: fmt.Sprint(m["id"]), Props: unmarked(plainMap(m["props"]))}
		for _, l := range plainList(m["labels"]) {
			n.Labels = append(n.Labels, fmt.Sprint(l))
		}
		slices.Sort(n.Labels)
		snap.Nodes = append(snap.Nodes, n)
	}
	recs, err = s.read(ctx, "Snapshot", relsCypher, nil)
	if err != nil {
		return Snapshot{}, fmt.Errorf("snapshot relationships: %w", err)
	}
	for _, rec := range recs {
		m := rec.AsMap()
		snap.Relationships = append(snap.Relationships, SnapshotRel{
			Type: fmt.Sprint(m["type"]), From: fmt.Sprint(m["from"]), To: fmt.Sprint(m["to"]),
			Props: unmarked(plainMap(m["props"])),
		})
	}
	slices.SortFunc(snap.Nodes, func(a, b SnapshotNode) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(snap.Relationships, func(a, b SnapshotRel) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.Type, b.Type), cmp.Compare(a.To, b.To))
	})
	return snap, nil
}

// unmarked drops the marks of a sync being staged (_u, _pv, _pc, _n_…) from props.
func unmarked(props map[string]any) map[string]any {
	for k := range props {
		if k == pUntil || k == pPendingV || k == pPendingKeys || strings.HasPrefix(k, pPendingVal) {
			delete(props, k)
		}
	}
	return props
}

// Staged counts what syncs staged and did not apply or roll back (staging.go), by kind:
// "staged entities", "staged relationships", "retraction marks", "pending values",
// "staged assertions", "retracted assertions" (the last two count manifest chunks too, which
// are staged the same way). All are 0 when no version is pending and no killed sync left
// anything.
func (s *Store) Staged(ctx context.Context) (map[string]int64, error) {
	// An assertion keeps the version that added it (_s): staged are those above the current
	// version.
	cypher := "OPTIONAL MATCH (meta:" + labelMeta + " {id: 'hub'}) WITH meta " +
		"RETURN COUNT { MATCH (n:" + labelStaged + ") } AS `staged entities`, " +
		"COUNT { MATCH ()-[r:" + typeStaged + "]->() } AS `staged relationships`, " +
		"COUNT { MATCH (n:" + reform.EntityLabel + ") WHERE n." + pUntil + " IS NOT NULL } + " +
		"COUNT { MATCH ()-[r]->() WHERE r." + pUntil + " IS NOT NULL } AS `retraction marks`, " +
		"COUNT { MATCH (n:" + reform.EntityLabel + ") WHERE n." + pPendingV + " IS NOT NULL } AS `pending values`, " +
		"COUNT { MATCH (a) WHERE (a:" + labelAssertion + " OR a:" + labelManifest + ") AND a." + pSince + " > coalesce(meta.version, 0) } AS `staged assertions`, " +
		"COUNT { MATCH (a) WHERE (a:" + labelAssertion + " OR a:" + labelManifest + ") AND a." + pUntil + " IS NOT NULL } AS `retracted assertions`"
	recs, err := s.read(ctx, "Staged", cypher, nil)
	if err != nil {
		return nil, fmt.Errorf("staged: %w", err)
	}
	out := map[string]int64{}
	for k, v := range recs[0].AsMap() {
		out[k], _ = v.(int64)
	}
	return out, nil
}

// plain converts a value the driver returned into plain Go values. Property values of the
// hub's graph are strings, integers, floats, booleans and lists of them; anything else (a
// temporal or spatial value) becomes its string form.
func plain(v any) any {
	switch x := v.(type) {
	case nil, string, int64, float64, bool:
		return x
	case []any:
		return plainList(x)
	case map[string]any:
		return plainMap(x)
	case []byte:
		return slices.Clone(x)
	default:
		return fmt.Sprint(x)
	}
}

// plainList converts a driver list (nil when v is not one) into []any of plain values.
func plainList(v any) []any {
	l, ok := v.([]any)
	if !ok {
		return nil
	}
	out := make([]any, len(l))
	for i, x := range l {
		out[i] = plain(x)
	}
	return out
}

// plainMap converts a driver map (empty when v is not one) into a map of plain values.
func plainMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	out := make(map[string]any, len(m))
	for k, x := range m {
		out[k] = plain(x)
	}
	return out
}
