package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"golang.org/x/sync/errgroup"

	"github.com/reformhub/hub/internal/reform"
)

// The phases of a sync around its staging (staging.go): BeginSync, CommitSync (publish),
// FinishPending (apply), and the rollback of what a killed sync staged.

// DefaultSyncGrace is how long after publishing a version its apply waits by default: a
// reader that took the previous version in plain mode (hub processes learn of a new version
// within dataversion.DefaultInterval) finishes within the request timeout (30 s by default).
// A hub whose request timeout is longer needs a longer grace (HUB_SYNC_GRACE).
const DefaultSyncGrace = 32 * time.Second

// applyBatch is how many nodes or relationships one transaction of an apply or a rollback
// changes.
const applyBatch = 5000

// SyncGrace is the grace period of this store's syncs (Options.SyncGrace).
func (s *Store) SyncGrace() time.Duration { return s.grace }

// BeginSync prepares a sync of dataset: it takes the sync lock (ErrSyncRunning when another
// sync holds it), applies a version still pending (waiting out its grace period), removes
// what a killed sync staged, and returns the data version the
// sync's changes will have (the current one plus one). The lock is held until CommitSync or
// AbortSync.
func (s *Store) BeginSync(ctx context.Context, dataset, title string) (int64, error) {
	s.syncMu.Lock()
	defer s.syncMu.Unlock()
	if s.held != nil {
		return 0, fmt.Errorf("begin sync of %s: %w: this store is already syncing", dataset, ErrSyncRunning)
	}
	l, err := s.lockSync(ctx, dataset, true)
	if err != nil {
		return 0, fmt.Errorf("begin sync of %s: %w", dataset, err)
	}
	v, err := s.beginLocked(ctx, dataset, title)
	if err != nil {
		_ = s.release(ctx, l)
		return 0, fmt.Errorf("begin sync of %s: %w", dataset, err)
	}
	s.held = l
	return v, nil
}

func (s *Store) beginLocked(ctx context.Context, dataset, title string) (int64, error) {
	if _, err := s.finishPending(ctx, true); err != nil {
		return 0, err
	}
	recs, err := s.read(ctx, "DataVersion", "MATCH (m:"+labelMeta+" {id: 'hub'}) RETURN coalesce(m.version, 0) AS v, coalesce(m.staging, 0) AS staging", nil)
	if err != nil {
		return 0, fmt.Errorf("data version: %w", err)
	}
	var cur, staging int64
	if len(recs) > 0 {
		if cur, err = column[int64](recs[0], "v"); err != nil {
			return 0, err
		}
		if staging, err = column[int64](recs[0], "staging"); err != nil {
			return 0, err
		}
	}
	// HubMeta.staging names the version a sync staged for; above the current version it is
	// a sync that stopped before it published: remove what it staged.
	if staging > cur {
		if err := s.rollback(ctx, cur); err != nil {
			return 0, err
		}
	}
	err = s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		return run(ctx, tx, "MATCH (m:"+labelMeta+" {id: 'hub'}) SET m.staging = $v", map[string]any{"v": cur + 1})
	})
	if err != nil {
		return 0, err
	}
	return cur + 1, nil
}

// AbortSync gives up the sync lock of a sync that failed; what it staged stays invisible
// until the next sync removes it.
func (s *Store) AbortSync(ctx context.Context) error {
	s.syncMu.Lock()
	l := s.held
	s.held = nil
	s.syncMu.Unlock()
	return s.release(ctx, l)
}

// CommitSync publishes a sync in one transaction: when it changed something the data version
// becomes c.Version and is pending (readers of it read in pending mode until FinishPending has
// applied it), with a DataVersion node counting its changes; the Dataset node records the
// dataset's new state (or goes, for an unload). It releases the sync lock.
func (s *Store) CommitSync(ctx context.Context, c SyncCommit) error {
	s.syncMu.Lock()
	l := s.held
	s.held = nil
	s.syncMu.Unlock()
	if l == nil {
		return fmt.Errorf("commit sync of %s: no sync begun", c.Dataset)
	}
	p := map[string]any{"ds": c.Dataset, "title": c.Title, "hash": c.Hash, "v": c.Version,
		"changed": c.Changed, "added": c.Added, "removed": c.Removed, "updated": c.Updated,
		"documents": c.Documents, "entities": c.Entities, "rels": c.Relationships,
		"token": l.token, "grace": s.grace.Milliseconds()}
	const staged = "MATCH (m:" + labelMeta + " {id: 'hub'}) REMOVE m.staging"
	const version = "MATCH (m:" + labelMeta + " {id: 'hub'}) WHERE $changed AND m.version < $v " +
		"SET m.version = $v, m.at = datetime(), m." + metaPending + " = $v, " +
		"m.applyAfter = datetime() + duration({milliseconds: $grace}) " +
		"CREATE (:" + labelVersion + " {version: $v, at: m.at, dataset: $ds, added: $added, removed: $removed, changed: $updated})"
	// The Dataset node keeps the state before this version (_p_…) for readers of the one
	// before; an unloaded dataset is marked retracted and deleted by the apply.
	dataset := "MERGE (d:" + labelDataset + " {id: $ds}) ON CREATE SET d.version = 0 " +
		"SET d.title = $title, d.loadedAt = datetime()"
	if c.Changed {
		dataset = "MERGE (d:" + labelDataset + " {id: $ds}) ON CREATE SET d.version = 0 " +
			"SET d." + prevDataset + "title = d.title, d." + prevDataset + "version = d.version, d." + prevDataset + "hash = d.hash, " +
			"d." + prevDataset + "loadedAt = d.loadedAt, d." + prevDataset + "documents = d.documents, " +
			"d." + prevDataset + "entities = d.entities, d." + prevDataset + "relationships = d.relationships " +
			"SET d.title = $title, d.hash = $hash, d.documents = $documents, d.entities = $entities, " +
			"d.relationships = $rels, d.loadedAt = datetime(), d.version = $v"
	}
	if c.Remove {
		dataset = "MATCH (d:" + labelDataset + " {id: $ds}) SET d." + pUntil + " = $v"
	}
	const unlock = "MATCH (m:" + labelMeta + " {id: 'hub'}) WHERE m.lock = $token REMOVE m.lock, m.lockBeat, m.lockBy RETURN count(m) AS held"
	l.stop()
	<-l.done
	err := s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		res, err := tx.Run(ctx, unlock, p)
		if err != nil {
			return err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return err
		}
		if held, _ := column[int64](rec, "held"); held != 1 {
			return fmt.Errorf("%w: the sync lock was taken over (this sync stalled for more than %s); nothing published",
				ErrSyncRunning, lockStale)
		}
		for _, cypher := range []string{staged, version, dataset} {
			if err := run(ctx, tx, cypher, p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("commit sync of %s: %w", c.Dataset, err)
	}
	return nil
}

// FinishPending applies the pending version, if any, once its grace period is over: when
// wait is false and the grace period is not over it does nothing and returns false. It takes
// the sync lock (ErrSyncRunning when a sync holds it). It reports whether a version was
// applied.
func (s *Store) FinishPending(ctx context.Context, wait bool) (bool, error) {
	// Most calls find nothing to do: ask before taking the lock (a write).
	p, left, err := s.pendingVersion(ctx)
	if err != nil || p == 0 || (left > 0 && !wait) {
		return false, err
	}
	l, err := s.lockSync(ctx, "", wait)
	if err != nil {
		return false, err
	}
	done, err := s.finishPending(ctx, wait)
	if rerr := s.release(ctx, l); err == nil {
		err = rerr
	}
	return done, err
}

// finishPending is FinishPending under the lock.
func (s *Store) finishPending(ctx context.Context, wait bool) (bool, error) {
	p, left, err := s.pendingVersion(ctx)
	if err != nil || p == 0 {
		return false, err
	}
	if left > 0 {
		if !wait {
			return false, nil
		}
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case <-time.After(left):
		}
	}
	if err := s.applyVersion(ctx, p); err != nil {
		return false, fmt.Errorf("apply version %d: %w", p, err)
	}
	return true, nil
}

// pendingVersion returns the version published and not yet applied (0: none) and how much of
// its grace period is left.
func (s *Store) pendingVersion(ctx context.Context) (int64, time.Duration, error) {
	recs, err := s.read(ctx, "Pending", "MATCH (m:"+labelMeta+" {id: 'hub'}) WHERE m."+metaPending+" IS NOT NULL "+
		"RETURN m."+metaPending+" AS p, (m.applyAfter.epochMillis - datetime().epochMillis) AS left", nil)
	if err != nil {
		return 0, 0, fmt.Errorf("pending version: %w", err)
	}
	if len(recs) == 0 {
		return 0, 0, nil
	}
	p, err := column[int64](recs[0], "p")
	if err != nil {
		return 0, 0, err
	}
	ms, _ := recs[0].Get("left")
	n, _ := ms.(int64)
	return p, time.Duration(max(n, 0)) * time.Millisecond, nil
}

// applyVersion makes the staged form of version p (and of any below it) plain, batch by
// batch; each batch changes whole nodes and relationships, so a reader in pending mode sees
// every one either staged or applied.
func (s *Store) applyVersion(ctx context.Context, p int64) error {
	par := map[string]any{"p": p, "n": int64(applyBatch)}
	// A changed relationship (retracted and staged again between the same entities with its
	// type): the staged content replaces the old one in place, one statement for every type.
	// First, so that the steps below (probed after it) find only what was added or retracted
	// for good.
	changed := step{"changed relationships", "MATCH (a)-[s:" + typeStaged + "]->(b) WHERE s." + pSince + " <= $p " +
		"MATCH (a)-[r]->(b) WHERE type(r) = s." + pStagedType + " AND r." + pUntil + " <= $p " +
		"WITH s, r LIMIT $n SET r = properties(s) REMOVE r." + pStagedType + ", r." + pSince + " DELETE s RETURN count(*) AS c", false}
	if err := s.untilNone(ctx, changed, par); err != nil {
		return err
	}
	var steps []step
	// Retracted relationships, then retracted entities.
	for _, t := range reform.RelTypes {
		// t is one of the fixed reform.RelTypes: safe in statement text.
		steps = append(steps, step{"retracted " + string(t), "MATCH ()-[r:" + string(t) + "]->() WHERE r." + pUntil + " <= $p WITH r LIMIT $n DELETE r RETURN count(*) AS c", false})
	}
	steps = append(steps, step{"retracted entities", "MATCH (n:" + reform.EntityLabel + ") WHERE n." + pUntil + " <= $p WITH n LIMIT $n DETACH DELETE n RETURN count(*) AS c", false})
	// Added entities get their labels.
	for _, t := range reform.EntityTypes {
		// t is one of the fixed reform.EntityTypes: safe in statement text.
		steps = append(steps, step{"added " + string(t), "MATCH (n:" + labelStaged + ") WHERE n." + pSince + " <= $p AND n." + pStagedLabel + " = '" + string(t) + "' " +
			"WITH n LIMIT $n SET n:" + reform.EntityLabel + ":" + string(t) + " REMOVE n:" + labelStaged + ", n." + pStagedLabel + ", n." + pSince + " RETURN count(*) AS c", true})
	}
	// Added relationships get their types.
	for _, t := range reform.RelTypes {
		steps = append(steps, step{"added " + string(t), "MATCH (a)-[s:" + typeStaged + "]->(b) WHERE s." + pSince + " <= $p AND s." + pStagedType + " = '" + string(t) + "' " +
			"WITH a, s, b LIMIT $n CREATE (a)-[r:" + string(t) + "]->(b) SET r = properties(s) REMOVE r." + pStagedType + ", r." + pSince + " DELETE s RETURN count(*) AS c", false})
	}
	// Retracted assertions (an added one keeps its _s: at every later version it holds).
	steps = append(steps,
		step{"retracted assertions", "MATCH (a:" + labelAssertion + ") WHERE a." + pUntil + " <= $p WITH a LIMIT $n DELETE a RETURN count(*) AS c", false},
		step{"unloaded datasets", "MATCH (d:" + labelDataset + ") WHERE d." + pUntil + " <= $p WITH d LIMIT $n DELETE d RETURN count(*) AS c", false},
		step{"replaced manifests", "MATCH (m:" + labelManifest + ") WHERE m." + pUntil + " <= $p WITH m LIMIT " + bigNodes + " DELETE m RETURN count(*) AS c", false})
	if err := s.runSteps(ctx, steps, par); err != nil {
		return err
	}
	// Pending values replace the old ones.
	if err := s.rewritePending(ctx, "MATCH (n:"+reform.EntityLabel+") WHERE n."+pPendingV+" <= $p", par, true); err != nil {
		return err
	}
	return s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		return run(ctx, tx, "MATCH (m:"+labelMeta+" {id: 'hub'}) WHERE m."+metaPending+" <= $p REMOVE m."+metaPending+", m.applyAfter", par)
	})
}

// step is one statement of an apply or rollback, run until it changes nothing; it returns
// the count c of what it changed. Its MATCH … WHERE part, up to " WITH ", is its probe.
// Consecutive concurrent steps touch no node or relationship in common: they run
// stepWorkers at a time.
type step struct {
	what, cypher string
	concurrent   bool
}

// bigNodes is how many large nodes (a manifest chunk, a batched Change node: up to a few MiB
// each) one transaction deletes: Neo4j counts what a transaction deletes against its memory
// limit (db.memory.transaction.max).
const (
	bigNodes  = "10"
	bigNodesN = 10
)

// stepWorkers is how many concurrent steps run at a time: the labels an apply gives the
// entities of a first load (index and full-text updates) take most of it, and the types are
// independent.
const stepWorkers = 2

// runSteps runs the steps that have something to do — one read of every step's probe first:
// most syncs touch few types, and most steps have nothing to do.
func (s *Store) runSteps(ctx context.Context, steps []step, par map[string]any) error {
	probes := make([]string, len(steps))
	for i, st := range steps {
		probes[i] = "EXISTS { " + st.cypher[:strings.Index(st.cypher, " WITH ")] + " }"
	}
	recs, err := s.read(ctx, "Staged", "RETURN ["+strings.Join(probes, ", ")+"] AS need", par)
	if err != nil {
		return fmt.Errorf("what is staged: %w", err)
	}
	need, err := column[[]any](recs[0], "need")
	if err != nil {
		return err
	}
	for i := 0; i < len(steps); {
		j := i + 1
		if !steps[i].concurrent {
			// Consecutive steps that are not concurrent share transactions (few changes
			// each, in most syncs; a commit each was most of an apply's time).
			var run []step
			for ; i < len(steps) && !steps[i].concurrent; i++ {
				if b, _ := need[i].(bool); b {
					run = append(run, steps[i])
				}
			}
			if err := s.stepsTogether(ctx, run, par); err != nil {
				return err
			}
			continue
		}
		for j < len(steps) && steps[j].concurrent {
			j++
		}
		g, gctx := errgroup.WithContext(ctx)
		g.SetLimit(stepWorkers)
		for k := i; k < j; k++ {
			if b, _ := need[k].(bool); b {
				g.Go(func() error { return s.untilNone(gctx, steps[k], par) })
			}
		}
		if err := g.Wait(); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// stepsPerTx is how many steps stepsTogether runs in one transaction: each changes at most
// its limit there (applyBatch or bigNodes), which bounds the transaction's memory.
const stepsPerTx = 6

// stepsTogether runs steps in order, up to stepsPerTx in one transaction; a step that changed
// its limit there ends the transaction and goes on alone until done (untilNone) before the
// next one runs, and a step of large nodes runs alone.
func (s *Store) stepsTogether(ctx context.Context, steps []step, par map[string]any) error {
	var small []step
	for _, st := range steps {
		if st.limit() != bigNodesN {
			small = append(small, st)
			continue
		}
		if err := s.smallStepsTogether(ctx, small, par); err != nil {
			return err
		}
		small = small[:0]
		if err := s.untilNone(ctx, st, par); err != nil {
			return err
		}
	}
	return s.smallStepsTogether(ctx, small, par)
}

// smallStepsTogether is stepsTogether of steps of small nodes and relationships.
func (s *Store) smallStepsTogether(ctx context.Context, steps []step, par map[string]any) error {
	for len(steps) > 0 {
		done, full := 0, false
		err := s.write(ctx, func(tx neo4j.ManagedTransaction) error {
			done, full = 0, false
			changed := false
			for _, st := range steps[:min(len(steps), stepsPerTx)] {
				res, err := tx.Run(ctx, st.cypher, par)
				if err != nil {
					return fmt.Errorf("%s: %w", st.what, err)
				}
				rec, err := res.Single(ctx)
				if err != nil {
					return fmt.Errorf("%s: %w", st.what, err)
				}
				n, err := column[int64](rec, "c")
				if err != nil {
					return err
				}
				done++
				changed = changed || n > 0
				if full = n >= st.limit(); full {
					break
				}
			}
			if !changed {
				return nil
			}
			return bumpEpoch(ctx, tx)
		})
		if err != nil {
			return err
		}
		if full {
			if err := s.untilNone(ctx, steps[done-1], par); err != nil {
				return err
			}
		}
		steps = steps[done:]
	}
	return nil
}

// limit is how many nodes or relationships one transaction of st changes at most (its LIMIT).
func (st step) limit() int64 {
	if strings.Contains(st.cypher, " LIMIT "+bigNodes+" ") {
		return bigNodesN
	}
	return applyBatch
}

// untilNone runs st in transactions until one changes less than st's limit: that one changed
// all st matched, and while the sync lock is held (every apply and rollback) nothing else
// adds to it.
func (s *Store) untilNone(ctx context.Context, st step, par map[string]any) error {
	for {
		var n int64
		err := s.write(ctx, func(tx neo4j.ManagedTransaction) error {
			res, err := tx.Run(ctx, st.cypher, par)
			if err != nil {
				return err
			}
			rec, err := res.Single(ctx)
			if err != nil {
				return err
			}
			if n, err = column[int64](rec, "c"); err != nil || n == 0 {
				return err
			}
			return bumpEpoch(ctx, tx)
		})
		if err != nil {
			return fmt.Errorf("%s: %w", st.what, err)
		}
		if n < st.limit() {
			return nil
		}
	}
}

// rewritePending rewrites the nodes match binds as n (each with _pv): with apply, their
// pending values replace the old ones; without, the pending values are dropped. Either way
// the pending properties go.
func (s *Store) rewritePending(ctx context.Context, match string, par map[string]any, apply bool) error {
	for {
		var rows []any
		err := s.write(ctx, func(tx neo4j.ManagedTransaction) error {
			res, err := tx.Run(ctx, match+" WITH n LIMIT $n RETURN elementId(n) AS e, properties(n) AS p", par)
			if err != nil {
				return err
			}
			recs, err := res.Collect(ctx)
			if err != nil {
				return err
			}
			rows = rows[:0]
			for _, rec := range recs {
				e, err := column[string](rec, "e")
				if err != nil {
					return err
				}
				m, err := column[map[string]any](rec, "p")
				if err != nil {
					return err
				}
				rows = append(rows, map[string]any{"e": e, "p": settle(m, apply)})
			}
			if len(rows) == 0 {
				return nil
			}
			if err := run(ctx, tx, "UNWIND $rows AS row MATCH (n) WHERE elementId(n) = row.e SET n = row.p", map[string]any{"rows": rows}); err != nil {
				return err
			}
			return bumpEpoch(ctx, tx)
		})
		if err != nil {
			return fmt.Errorf("pending values: %w", err)
		}
		if len(rows) < applyBatch {
			return nil
		}
	}
}

// bumpEpoch counts a transaction that changes what readers in pending mode read (the
// apply's): such a reader that overlapped it reads again (read_root.go). Rollbacks change
// nothing any reader reads, yet count too (they share the steps).
func bumpEpoch(ctx context.Context, tx neo4j.ManagedTransaction) error {
	return run(ctx, tx, "MATCH (m:"+labelMeta+" {id: 'hub'}) SET m."+metaEpoch+" = coalesce(m."+metaEpoch+", 0) + 1", nil)
}

// settle returns the properties m of a node with pending values: with apply, each property
// named in _pc takes its _n_ value (or goes when there is none); the pending properties go.
func settle(m map[string]any, apply bool) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if k != pPendingV && k != pPendingKeys && !strings.HasPrefix(k, pPendingVal) {
			out[k] = v
		}
	}
	if apply {
		keys, _ := m[pPendingKeys].([]any)
		for _, k := range keys {
			name, _ := k.(string)
			if v, ok := m[pPendingVal+name]; ok {
				out[name] = v
			} else {
				delete(out, name)
			}
		}
	}
	return out
}

// rollback removes what syncs of versions above cur staged (a sync killed before it
// published): staged entities and relationships, retraction marks, pending values,
// assertions and the change log of those versions. Readers never saw any of it.
func (s *Store) rollback(ctx context.Context, cur int64) error {
	par := map[string]any{"p": cur, "n": int64(applyBatch)}
	steps := []step{
		{"staged entities", "MATCH (n:" + labelStaged + ") WHERE n." + pSince + " > $p WITH n LIMIT $n DETACH DELETE n RETURN count(*) AS c", false},
		{"staged relationships", "MATCH ()-[r:" + typeStaged + "]->() WHERE r." + pSince + " > $p WITH r LIMIT $n DELETE r RETURN count(*) AS c", false},
	}
	for _, t := range reform.RelTypes {
		steps = append(steps, step{"retraction marks " + string(t), "MATCH ()-[r:" + string(t) + "]->() WHERE r." + pUntil + " > $p WITH r LIMIT $n REMOVE r." + pUntil + " RETURN count(*) AS c", false})
	}
	steps = append(steps,
		step{"retraction marks", "MATCH (n:" + reform.EntityLabel + ") WHERE n." + pUntil + " > $p WITH n LIMIT $n REMOVE n." + pUntil + " RETURN count(*) AS c", false},
		step{"staged assertions", "MATCH (a:" + labelAssertion + ") WHERE a." + pSince + " > $p WITH a LIMIT $n DELETE a RETURN count(*) AS c", false},
		step{"assertion marks", "MATCH (a:" + labelAssertion + ") WHERE a." + pUntil + " > $p WITH a LIMIT $n REMOVE a." + pUntil + " RETURN count(*) AS c", false},
		step{"staged manifests", "MATCH (m:" + labelManifest + ") WHERE m." + pSince + " > $p WITH m LIMIT " + bigNodes + " DELETE m RETURN count(*) AS c", false},
		step{"manifest marks", "MATCH (m:" + labelManifest + ") WHERE m." + pUntil + " > $p WITH m LIMIT $n REMOVE m." + pUntil + " RETURN count(*) AS c", false},
		step{"batched changes", "MATCH (c:" + labelChange + ") WHERE c.version > $p AND c.keys IS NOT NULL WITH c LIMIT " + bigNodes + " DELETE c RETURN count(*) AS c", false},
		step{"changes", "MATCH (c:" + labelChange + ") WHERE c.version > $p WITH c LIMIT $n DELETE c RETURN count(*) AS c", false},
		step{"versions", "MATCH (c:" + labelVersion + ") WHERE c.version > $p WITH c LIMIT $n DELETE c RETURN count(*) AS c", false},
	)
	if err := s.runSteps(ctx, steps, par); err != nil {
		return fmt.Errorf("roll back a killed sync: %w", err)
	}
	if err := s.rewritePending(ctx, "MATCH (n:"+reform.EntityLabel+") WHERE n."+pPendingV+" > $p", par, false); err != nil {
		return fmt.Errorf("roll back a killed sync: %w", err)
	}
	return nil
}
