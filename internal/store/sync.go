package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reformhub/hub/internal/dataversion"
	"github.com/reformhub/hub/internal/reform"
)

// Datasets and what they assert (docs/datasets.md).
//
// Every fact a dataset states is an Assertion node holding that dataset's own properties of
// one entity (kind "node", key: the id) or relationship (kind "rel", key: TYPE|from|to), and
// the hash of them. The fact readers see — the entity node or the relationship — is the merge
// of every assertion of its key (the merge function is the loader's, see SyncBatch); it exists
// while at least one dataset asserts it. A Dataset node records each loaded dataset; the one
// HubMeta node holds the data version, which every sync that changes something increments;
// Change nodes log what changed at each version. None of these nodes has the Entity label, so
// no read of the graph sees them.

// Labels and property names of the bookkeeping nodes (fixed: safe in statement text).
const (
	labelAssertion = "Assertion"
	labelDataset   = "Dataset"
	labelMeta      = "HubMeta"
	labelChange    = "Change"
	labelVersion   = "DataVersion"

	aDataset = "_ds"    // the dataset asserting
	aKey     = "_key"   // the fact's key
	aKind    = "_kind"  // "node" or "rel"
	aLabel   = "_label" // the entity type or relationship type
	aHash    = "_hash"  // hash of the asserted properties
	aFrom    = "_from"  // rel: the from id
	aTo      = "_to"    // rel: the to id
)

// FactKind tells entities from relationships.
type FactKind string

// Fact kinds.
const (
	KindNode FactKind = "node"
	KindRel  FactKind = "rel"
)

// Fact is what one dataset asserts about one entity or relationship.
type Fact struct {
	Kind  FactKind
	Key   string // node: the id; rel: RelKey(type, from, to)
	Label string // node: the entity type; rel: the relationship type
	From  string // rel
	To    string // rel
	Hash  string
	Props map[string]any // the dataset's properties of the fact (Neo4j property values)
}

// RelKey is the key of the relationship of type t from from to to.
func RelKey(t reform.RelType, from, to string) string {
	return string(t) + "|" + from + "|" + to
}

// Assertion is one dataset's assertion of a fact, as stored.
type Assertion struct {
	Dataset string
	Props   map[string]any
	// inline: the assertion is the relationship itself (no Assertion node; assertionWrites).
	inline bool
}

// Merger computes the fact readers see from every assertion of its key (sorted by dataset
// id); ok is false when no dataset asserts it any more (assertions is empty).
type Merger func(kind FactKind, key string, assertions []Assertion) (props map[string]any, ok bool)

// DatasetInfo describes a loaded dataset.
type DatasetInfo struct {
	ID            string
	Title         string
	Version       int64 // the data version of its last change
	LoadedAt      time.Time
	Hash          string
	Documents     int64
	Entities      int64
	Relationships int64
	// Syncing: a sync of it holds the sync lock — it is running, or it was killed and the
	// next sync will remove what it staged.
	Syncing bool
}

// FactChange is one change of the graph at a data version: a fact added, removed or changed
// (with the names of the properties that changed).
type FactChange struct {
	Op     string // "added", "removed", "changed"
	Kind   FactKind
	Key    string
	Label  string
	Fields []string
}

// ErrDependents is wrapped by the error of an unload or sync that would remove entities other
// datasets' relationships still need.
var ErrDependents = errors.New("other datasets depend on it")

// DataVersion returns the current data version (0 before the first sync), when it became
// current (zero before the first sync) and the version published and not yet applied
// (Pending, 0 when none is; staging.go).
func (s *Store) DataVersion(ctx context.Context) (dataversion.Version, error) {
	// Not one of the request's statements (extensions.statements): the server's watcher
	// reads it for every request at most once per interval.
	return s.readVersion(uncounted(ctx), true)
}

// Datasets lists the loaded datasets, by id.
func (s *Store) Datasets(ctx context.Context) ([]DatasetInfo, error) {
	recs, err := s.read(ctx, "Datasets", "OPTIONAL MATCH (m:"+labelMeta+" {id: 'hub'}) WITH m "+
		"MATCH (d:"+labelDataset+") WHERE d."+pUntil+" IS NULL RETURN d {.*, syncing: d.id = m.lockBy} AS d ORDER BY d.id", nil)
	if err != nil {
		return nil, fmt.Errorf("datasets: %w", err)
	}
	out := make([]DatasetInfo, 0, len(recs))
	for _, rec := range recs {
		m, err := column[map[string]any](rec, "d")
		if err != nil {
			return nil, err
		}
		out = append(out, datasetInfo(m))
	}
	return out, nil
}

// Dataset returns the dataset with id id, or nil when none is loaded.
func (s *Store) Dataset(ctx context.Context, id string) (*DatasetInfo, error) {
	recs, err := s.read(ctx, "Dataset", "OPTIONAL MATCH (m:"+labelMeta+" {id: 'hub'}) WITH m "+
		"MATCH (d:"+labelDataset+" {id: $id}) WHERE d."+pUntil+" IS NULL RETURN d {.*, syncing: d.id = m.lockBy} AS d", map[string]any{"id": id})
	if err != nil {
		return nil, fmt.Errorf("dataset %s: %w", id, err)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	m, err := column[map[string]any](recs[0], "d")
	if err != nil {
		return nil, err
	}
	d := datasetInfo(m)
	return &d, nil
}

func datasetInfo(m map[string]any) DatasetInfo {
	str := func(k string) string { v, _ := m[k].(string); return v }
	num := func(k string) int64 { v, _ := m[k].(int64); return v }
	t, _ := m["loadedAt"].(time.Time)
	syncing, _ := m["syncing"].(bool)
	return DatasetInfo{ID: str("id"), Title: str("title"), Version: num("version"), LoadedAt: t,
		Hash: str("hash"), Documents: num("documents"), Entities: num("entities"),
		Relationships: num("relationships"), Syncing: syncing}
}

// AssertedHashes calls fn with the key and hash of every fact dataset asserts, streaming: from
// its manifest (manifest.go), in key order, or, for a dataset loaded before manifests were
// written (every fact of it has an Assertion node), from its Assertion nodes.
func (s *Store) AssertedHashes(ctx context.Context, dataset string, fn func(kind FactKind, key, hash string) error) error {
	found, err := s.readManifest(ctx, dataset, fn)
	if err != nil || found {
		return err
	}
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeRead,
		BookmarkManager: s.driver.ExecuteQueryBookmarkManager()})
	defer func() { _ = session.Close(ctx) }()
	cypher := currentVersionCypher + "MATCH (a:" + labelAssertion + " {" + aDataset + ": $ds}) WHERE " + visibleAt("a", "cur") + " RETURN a." + aKind + " AS kind, a." + aKey + " AS key, a." + aHash + " AS hash"
	_, err = session.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, cypher, map[string]any{"ds": dataset})
		if err != nil {
			return nil, err
		}
		for res.Next(ctx) {
			rec := res.Record()
			kind, err := column[string](rec, "kind")
			if err != nil {
				return nil, err
			}
			key, err := column[string](rec, "key")
			if err != nil {
				return nil, err
			}
			hash, err := column[string](rec, "hash")
			if err != nil {
				return nil, err
			}
			if err := fn(FactKind(kind), key, hash); err != nil {
				return nil, err
			}
		}
		return nil, res.Err()
	})
	if err != nil {
		return fmt.Errorf("assertions of %s: %w", dataset, classify(ctx, err))
	}
	return nil
}

// EntityTypes returns the type of each of ids that is an entity in the graph asserted by a
// dataset other than except (ids not there are left out).
func (s *Store) EntityTypes(ctx context.Context, ids []string, except string) (map[string]reform.EntityType, error) {
	// An entity lists the datasets asserting it (during a sync no version is pending).
	cypher := "UNWIND $ids AS id MATCH (n:Entity {id: id}) WHERE any(d IN n.datasets WHERE d <> $except) " +
		"RETURN id, [l IN labels(n) WHERE l <> 'Entity'][0] AS type"
	recs, err := s.read(ctx, "EntityTypes", cypher, map[string]any{"ids": ids, "except": except})
	if err != nil {
		return nil, fmt.Errorf("entities referenced: %w", err)
	}
	out := make(map[string]reform.EntityType, len(recs))
	for _, rec := range recs {
		id, err := column[string](rec, "id")
		if err != nil {
			return nil, err
		}
		t, err := column[string](rec, "type")
		if err != nil {
			return nil, err
		}
		out[id] = reform.EntityType(t)
	}
	return out, nil
}

// Dependents returns, for those of ids that no dataset but dataset asserts, the datasets
// whose relationships use them (dataset id → the entity ids it needs). Removing those
// entities would leave the dependents' relationships without an end.
func (s *Store) Dependents(ctx context.Context, dataset string, ids []string) (map[string][]string, error) {
	// An entity lists the datasets asserting it (during a sync no version is pending).
	cypher := "UNWIND $ids AS id MATCH (n:Entity {id: id}) WHERE all(d IN n.datasets WHERE d = $ds) " +
		"MATCH (n)-[r]-(:Entity) UNWIND r.datasets AS dep WITH id, dep WHERE dep <> $ds " +
		"RETURN DISTINCT dep, id ORDER BY dep, id"
	recs, err := s.read(ctx, "Dependents", cypher, map[string]any{"ids": ids, "ds": dataset})
	if err != nil {
		return nil, fmt.Errorf("dependents of %s: %w", dataset, err)
	}
	out := map[string][]string{}
	for _, rec := range recs {
		dep, err := column[string](rec, "dep")
		if err != nil {
			return nil, err
		}
		id, err := column[string](rec, "id")
		if err != nil {
			return nil, err
		}
		out[dep] = append(out[dep], id)
	}
	return out, nil
}

// SyncCommit is what CommitSync records.
type SyncCommit struct {
	Dataset, Title, Hash string
	// Version is the version BeginSync returned; Changed tells whether the sync changed the
	// graph (only then does the data version become Version).
	Version                            int64
	Changed                            bool
	Added, Removed, Updated            int64
	Documents, Entities, Relationships int64
	// Remove: the dataset was unloaded; its Dataset node goes.
	Remove bool
}

// Batch is one transaction of a sync: facts of one kind that dataset now asserts for the
// first time (Added) or with other content (Changed), and facts it no longer asserts
// (Retracted; only their kind, key, label and ends are needed).
type Batch struct {
	Dataset string
	Version int64 // the version the changes are logged at
	Kind    FactKind
	Added   []Fact
	Changed []Fact
	// Retracted facts: their kind, key, label and ends.
	Retracted []Fact
	// Alone: no other dataset is loaded, so no other assertion of these facts exists and
	// none is read.
	Alone bool
	// NoEntitiesStaged: the sync adds no entity (a sync of changes), so no relationship of
	// it joins two staged entities and none is looked for.
	NoEntitiesStaged bool
}

// SyncBatch applies b in one write transaction: it stores the dataset's assertions (new,
// replaced, deleted), merges every fact touched again from all of its assertions with merge,
// writes it (or removes it when no assertion is left), and logs each change of a fact readers
// see at b.Version. Relationships' endpoints must exist. It returns the changes.
func (s *Store) SyncBatch(ctx context.Context, b Batch, merge Merger) ([]FactChange, error) {
	all := slices.Concat(b.Added, b.Changed, b.Retracted)
	for _, f := range all {
		if f.Kind != b.Kind {
			return nil, fmt.Errorf("%w: a %s fact in a batch of %s facts", reform.ErrInvalidInput, f.Kind, b.Kind)
		}
		if err := checkFactLabel(f); err != nil {
			return nil, err
		}
	}
	var changes []FactChange
	err := s.writeRetrying(ctx, func(tx neo4j.ManagedTransaction) error {
		changes = changes[:0]
		// What the other datasets and this one's previous content assert of the facts.
		others := map[string][]Assertion{}
		if !b.Alone && len(all) > 0 {
			var err error
			if others, err = readAssertions(ctx, tx, b.Dataset, b.Kind, all, false); err != nil {
				return err
			}
		}
		mine, err := readAssertions(ctx, tx, b.Dataset, b.Kind, slices.Concat(b.Changed, b.Retracted), true)
		if err != nil {
			return err
		}
		var put, del []stagedFact
		var aw assertionWrites
		consider := func(f Fact, now *Assertion) {
			before := others[f.Key]
			old := mine[f.Key]
			if len(old) > 0 {
				before = withAssertion(before, old[0])
			}
			after := others[f.Key]
			if now != nil {
				after = withAssertion(after, *now)
			}
			aw.plan(b, f, old, others[f.Key], now, after)
			oldProps, had := merge(b.Kind, f.Key, before)
			newProps, has := merge(b.Kind, f.Key, after)
			c := FactChange{Kind: b.Kind, Key: f.Key, Label: f.Label}
			switch {
			case has && !had:
				c.Op = "added"
			case has && had:
				if c.Fields = changedFields(oldProps, newProps); len(c.Fields) == 0 {
					return
				}
				c.Op = "changed"
			case had:
				c.Op = "removed"
				del = append(del, stagedFact{Fact: f, op: c.Op})
				changes = append(changes, c)
				return
			default:
				return
			}
			put = append(put, stagedFact{Fact: Fact{Kind: f.Kind, Key: f.Key, Label: f.Label, From: f.From, To: f.To, Props: newProps},
				op: c.Op, fields: c.Fields})
			changes = append(changes, c)
		}
		for _, f := range slices.Concat(b.Added, b.Changed) {
			consider(f, &Assertion{Dataset: b.Dataset, Props: f.Props})
		}
		for _, f := range b.Retracted {
			consider(f, nil)
		}
		if err := aw.write(ctx, tx, b); err != nil {
			return err
		}
		if err := stageFacts(ctx, tx, b.Kind, b.Version, put, del, !b.NoEntitiesStaged); err != nil {
			return err
		}
		return logChanges(ctx, tx, b.Dataset, b.Version, changes)
	})
	if err != nil {
		return nil, fmt.Errorf("sync %d %s facts of %s: %w", len(all), b.Kind, b.Dataset, err)
	}
	return changes, nil
}

// withAssertion returns as with a added in dataset order.
func withAssertion(as []Assertion, a Assertion) []Assertion {
	out := make([]Assertion, 0, len(as)+1)
	i := 0
	for i < len(as) && as[i].Dataset < a.Dataset {
		out = append(out, as[i])
		i++
	}
	out = append(out, a)
	return append(out, as[i:]...)
}

func keysOf(fs []Fact) []string {
	keys := make([]string, len(fs))
	for i, f := range fs {
		keys[i] = f.Key
	}
	return keys
}

// syncAttempts is how many times a sync batch is tried when it loses a deadlock to another
// batch of the same sync (concurrent batches share hub entities).
const syncAttempts = 8

// writeRetrying is write, tried again (after a short, growing pause) when the transaction was
// chosen as a deadlock victim, however long it ran: the driver retries transient failures for
// MaxRetryTime only, which a large batch outlasts.
func (s *Store) writeRetrying(ctx context.Context, work func(tx neo4j.ManagedTransaction) error) error {
	var err error
	for attempt := range syncAttempts {
		if err = s.write(ctx, work); err == nil || !anyCause(err, deadlock) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(attempt+1) * 50 * time.Millisecond):
		}
	}
	return err
}

// deadlock reports whether err is Neo4j's deadlock detection.
func deadlock(err error) bool {
	var ne *neo4j.Neo4jError
	return errors.As(err, &ne) && ne.Code == "Neo.TransientError.Transaction.DeadlockDetected"
}

func checkFactLabel(f Fact) error {
	switch f.Kind {
	case KindNode:
		if !reform.EntityType(f.Label).Valid() || f.Key == "" {
			return fmt.Errorf("%w: fact %q: unknown entity type %q", reform.ErrInvalidInput, f.Key, f.Label)
		}
	case KindRel:
		if !reform.RelType(f.Label).Valid() || f.From == "" || f.To == "" {
			return fmt.Errorf("%w: fact %q: unknown relationship type %q or no endpoints", reform.ErrInvalidInput, f.Key, f.Label)
		}
	default:
		return fmt.Errorf("%w: fact %q of unknown kind %q", reform.ErrInvalidInput, f.Key, f.Kind)
	}
	return nil
}

// run runs one statement in tx and discards its result.
func run(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, p map[string]any) error {
	res, err := tx.Run(ctx, cypher, p)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// assertionWrites are the Assertion nodes a batch writes (staging.go: nothing is changed in
// place): new ones (with _s) and the keys whose assertion by the batch's dataset is retracted
// (_u).
//
// A fact (entity or relationship) asserted by one dataset only has no Assertion node: the fact
// itself is that dataset's assertion (inline; docs/datasets.md). When a second dataset asserts
// it, the inline assertion becomes a node beside the new one, and the fact's assertions stay
// nodes while any is left.
type assertionWrites struct {
	retire []string
	create []any
}

// plan records the assertion writes of fact f: old is the batch dataset's assertion before
// (none, or one), others the other datasets', now its assertion after (nil: retracted), after
// every assertion after.
func (w *assertionWrites) plan(b Batch, f Fact, old, others []Assertion, now *Assertion, after []Assertion) {
	nodes := len(after) >= 2 || (len(old) > 0 && !old[0].inline)
	for _, o := range others {
		nodes = nodes || !o.inline
	}
	if !nodes {
		return
	}
	if len(old) > 0 && !old[0].inline {
		w.retire = append(w.retire, f.Key)
	}
	for _, o := range others {
		if o.inline {
			// Its hash is in its dataset's manifest (manifest.go), which syncs read.
			w.create = append(w.create, assertionRow(o.Dataset, b.Version, Fact{Kind: f.Kind, Key: f.Key, Label: f.Label, From: f.From, To: f.To, Props: o.Props}))
		}
	}
	if now != nil {
		w.create = append(w.create, assertionRow(b.Dataset, b.Version, f))
	}
}

// assertionRow is the properties of the Assertion node of f by dataset, added at version v.
func assertionRow(dataset string, v int64, f Fact) map[string]any {
	props := make(map[string]any, len(f.Props)+8)
	for k, val := range f.Props {
		props[k] = val
	}
	props[aDataset], props[aKey], props[aKind], props[aLabel], props[aHash] = dataset, f.Key, string(f.Kind), f.Label, f.Hash
	props[pSince] = v
	if f.Kind == KindRel {
		props[aFrom], props[aTo] = f.From, f.To
	}
	return props
}

// write runs w's statements in tx.
func (w *assertionWrites) write(ctx context.Context, tx neo4j.ManagedTransaction, b Batch) error {
	p := map[string]any{"ds": b.Dataset, "v": b.Version}
	if len(w.retire) > 0 {
		p["keys"] = w.retire
		const cypher = "UNWIND $keys AS k MATCH (a:" + labelAssertion + " {" + aKey + ": k}) WHERE a." + aDataset + " = $ds AND a." + pUntil + " IS NULL " +
			"SET a." + pUntil + " = $v"
		if err := run(ctx, tx, cypher, p); err != nil {
			return err
		}
	}
	if len(w.create) > 0 {
		p["rows"] = w.create
		const cypher = "UNWIND $rows AS row CREATE (a:" + labelAssertion + ") SET a = row"
		if err := run(ctx, tx, cypher, p); err != nil {
			return err
		}
	}
	return nil
}

// readAssertions returns the assertions of facts by dataset (mine) or by every other
// dataset (!mine), each key's in dataset order, without the bookkeeping properties: the
// Assertion nodes, and for a fact without any, the entity or relationship itself (its one
// dataset's inline assertion, see assertionWrites).
func readAssertions(ctx context.Context, tx neo4j.ManagedTransaction, dataset string, kind FactKind, facts []Fact, mine bool) (map[string][]Assertion, error) {
	out := map[string][]Assertion{}
	if len(facts) == 0 {
		return out, nil
	}
	op := "<>"
	if mine {
		op = "="
	}
	// During a sync no version is pending and nothing of a killed sync is left (BeginSync):
	// the current assertions are those not retracted.
	cypher := "UNWIND $keys AS k MATCH (a:" + labelAssertion + " {" + aKey + ": k}) WHERE a." + aDataset + " " + op + " $ds AND a." + pUntil + " IS NULL " +
		"RETURN k, a." + aDataset + " AS ds, properties(a) AS p ORDER BY k, ds"
	if err := collectAssertions(ctx, tx, cypher, map[string]any{"keys": keysOf(facts), "ds": dataset}, false, out); err != nil {
		return nil, err
	}
	if kind == KindNode {
		var rows []any
		for _, f := range facts {
			if _, ok := out[f.Key]; !ok {
				rows = append(rows, f.Key)
			}
		}
		if len(rows) == 0 {
			return out, nil
		}
		// An entity with one dataset and no Assertion node is that dataset's assertion.
		cypher := "UNWIND $keys AS k MATCH (n:" + reform.EntityLabel + " {id: k}) " +
			"WHERE n." + pUntil + " IS NULL AND size(n.datasets) = 1 AND n.dataset " + op + " $ds " +
			"RETURN k, n.dataset AS ds, properties(n) AS p"
		if err := collectAssertions(ctx, tx, cypher, map[string]any{"keys": rows, "ds": dataset}, true, out); err != nil {
			return nil, err
		}
		return out, nil
	}
	var rest []any
	for _, f := range facts {
		if _, ok := out[f.Key]; !ok {
			rest = append(rest, map[string]any{"k": f.Key, "from": f.From, "to": f.To, "t": f.Label})
		}
	}
	if len(rest) == 0 {
		return out, nil
	}
	// A relationship with one dataset and no Assertion node is that dataset's assertion.
	cypher = "UNWIND $rows AS row " + relBetween +
		"AND r." + pUntil + " IS NULL AND size(r.datasets) = 1 AND r.dataset " + op + " $ds " +
		"RETURN row.k AS k, r.dataset AS ds, properties(r) AS p"
	if err := collectAssertions(ctx, tx, cypher, map[string]any{"rows": rest, "ds": dataset}, true, out); err != nil {
		return nil, err
	}
	return out, nil
}

// collectAssertions runs cypher (returning k, ds, p) and adds what it returns to out.
func collectAssertions(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, par map[string]any, inline bool, out map[string][]Assertion) error {
	res, err := tx.Run(ctx, cypher, par)
	if err != nil {
		return err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return err
	}
	for _, rec := range recs {
		key, err := column[string](rec, "k")
		if err != nil {
			return err
		}
		ds, err := column[string](rec, "ds")
		if err != nil {
			return err
		}
		m, err := column[map[string]any](rec, "p")
		if err != nil {
			return err
		}
		props := make(map[string]any, len(m))
		for k, v := range m {
			if !strings.HasPrefix(k, "_") && (!inline || !slices.Contains(mergedFields, k)) {
				props[k] = v
			}
		}
		out[key] = append(out[key], Assertion{Dataset: ds, Props: props, inline: inline})
	}
	return nil
}

// mergedFields are the properties of a fact the merge computes from all its assertions
// rather than taking from one: an inline assertion (a relationship) is without them.
var mergedFields = []string{"dataset", "datasets", "conflicts", "aliasText"}

// changedFields returns the names of the properties whose values differ between a and b,
// sorted.
func changedFields(a, b map[string]any) []string {
	var out []string
	for k, v := range a {
		if w, ok := b[k]; !ok || !sameValue(v, w) {
			out = append(out, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// sameValue compares two property values (scalars or lists of scalars) as Neo4j stores them:
// a typed Go slice equals the driver's []any of the same values.
func sameValue(a, b any) bool {
	return reflect.DeepEqual(plain(normalizeList(a)), plain(normalizeList(b)))
}

// normalizeList turns a typed slice (what a Go row holds) into []any (what the driver
// returns); anything else is returned as it is.
func normalizeList(v any) any {
	if l := PropertyList(v); l != nil {
		return l
	}
	return v
}

// PropertyList returns a list property value as []any, the driver's form (a Go row's typed
// slices []string, []int64, []float64, []bool are converted), and nil for anything else.
func PropertyList(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case []string:
		return toAny(x)
	case []int64:
		return toAny(x)
	case []float64:
		return toAny(x)
	case []bool:
		return toAny(x)
	}
	return nil
}

func toAny[T any](l []T) []any {
	out := make([]any, len(l))
	for i, v := range l {
		out[i] = v
	}
	return out
}

// logChanges records changes as Change nodes of version: one per entity change (Entity.history
// finds them by key through the change_key index), and the relationship changes of the call
// together in one batched Change node (no key property, so no read by key matches it and the
// index stays the size of the entities' log):
//
//	(:Change {version, dataset, kind: 'rel', ops, keys, labels, fields})
//
// ops, keys, labels and fields are parallel lists, one entry per change; fields[i] is the
// i-th change's field names encoded by encodeFields. rootChanges (datasets_read.go) unwinds
// them into one row per change.
func logChanges(ctx context.Context, tx neo4j.ManagedTransaction, dataset string, version int64, changes []FactChange) error {
	var nodes []any
	var ops, keys, labels, fields []string
	for _, c := range changes {
		if c.Kind == KindRel {
			enc, err := encodeFields(c.Fields)
			if err != nil {
				return fmt.Errorf("log change of %s: %w", c.Key, err)
			}
			ops, keys, labels, fields = append(ops, c.Op), append(keys, c.Key), append(labels, c.Label), append(fields, enc)
			continue
		}
		fs := c.Fields
		if fs == nil {
			fs = []string{}
		}
		nodes = append(nodes, map[string]any{"op": c.Op, "kind": string(c.Kind), "key": c.Key, "label": c.Label, "fields": fs})
	}
	p := map[string]any{"v": version, "ds": dataset}
	if len(nodes) > 0 {
		p["rows"] = nodes
		const cypher = "UNWIND $rows AS c CREATE (:" + labelChange + " {version: $v, dataset: $ds, op: c.op, kind: c.kind, key: c.key, label: c.label, fields: c.fields})"
		if err := run(ctx, tx, cypher, p); err != nil {
			return err
		}
	}
	if len(keys) > 0 {
		p["kind"], p["ops"], p["keys"], p["labels"], p["fields"] = string(KindRel), ops, keys, labels, fields
		const cypher = "CREATE (:" + labelChange + " {version: $v, dataset: $ds, kind: $kind, ops: $ops, keys: $keys, labels: $labels, fields: $fields})"
		if err := run(ctx, tx, cypher, p); err != nil {
			return err
		}
	}
	return nil
}

// encodeFields encodes the field names of one change of a batched Change node as one string:
// "" for none (an added or removed fact, most of them), else the JSON array of the names —
// JSON, not a separator, so that any property name survives. decodeFields reverses it.
func encodeFields(fields []string) (string, error) {
	if len(fields) == 0 {
		return "", nil
	}
	b, err := json.Marshal(fields)
	if err != nil {
		return "", fmt.Errorf("encode fields: %w", err)
	}
	return string(b), nil
}

// decodeFields decodes what encodeFields encoded (an empty list for "").
func decodeFields(s string) ([]string, error) {
	if s == "" {
		return []string{}, nil
	}
	var out []string
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("decode change fields %q: %w", s, err)
	}
	if out == nil {
		out = []string{}
	}
	return out, nil
}
