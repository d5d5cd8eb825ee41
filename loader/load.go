package loader

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
)

// DefaultBatchSize is the number of facts Load writes per transaction when Options.BatchSize
// is not set.
const DefaultBatchSize = 5000

// DefaultWorkers is the number of concurrent write transactions `hub load` uses when not told
// (Options.Workers); Load itself writes one batch at a time unless Options.Workers says more.
const DefaultWorkers = 2

// Writer is what Load and Unload need from the database; *store.Store implements it.
type Writer interface {
	// EnsureSchema creates the constraints and indexes the graph needs, if missing.
	EnsureSchema(ctx context.Context) error
	Dataset(ctx context.Context, id string) (*store.DatasetInfo, error)
	AssertedHashes(ctx context.Context, dataset string, fn func(kind store.FactKind, key, hash string) error) error
	// ReadManifest reads the dataset's manifest with its line hashes (ScanAgainst); lines is
	// false when it has none.
	ReadManifest(ctx context.Context, dataset string, fn func(store.ManifestEntry) error) (found, lines bool, err error)
	EntityTypes(ctx context.Context, ids []string, except string) (map[string]reform.EntityType, error)
	Dependents(ctx context.Context, dataset string, ids []string) (map[string][]string, error)
	// BeginSync takes the sync lock, finishes what earlier syncs left (a pending version, a
	// killed sync's staging) and returns the version of this sync's changes; CommitSync
	// publishes it and AbortSync gives up (both release the lock).
	BeginSync(ctx context.Context, dataset, title string) (int64, error)
	Datasets(ctx context.Context) ([]store.DatasetInfo, error)
	SyncBatch(ctx context.Context, b store.Batch, merge store.Merger) ([]store.FactChange, error)
	// WriteManifest records the facts (kind, key, hash; in key order) the dataset asserts at
	// version v, for the next sync's AssertedHashes.
	WriteManifest(ctx context.Context, dataset string, v int64, next func() (store.ManifestEntry, bool, error)) error
	CommitSync(ctx context.Context, c store.SyncCommit) error
	AbortSync(ctx context.Context) error
	// FinishPending applies a published version once its grace period is over (at once when
	// wait is false and it is not over yet: nothing).
	FinishPending(ctx context.Context, wait bool) (bool, error)
}

// Options tunes Load.
type Options struct {
	BatchSize int // facts per transaction; DefaultBatchSize when <= 0
	// Workers is the number of write transactions Load runs at a time (1 or less: one after
	// the other).
	Workers  int
	Progress io.Writer // where progress lines and the final summary go; nil for none
	// Wait: after publishing, wait out the grace period and apply the new version
	// (docs/datasets.md); otherwise it is applied at once only when the store has no grace
	// period, else by a serving hub or the next sync.
	Wait bool
}

// Load syncs the graph with ds (docs/datasets.md): afterwards the facts ds asserts are
// exactly those in ds. Facts it asserted before and no longer does are retracted (they leave
// the graph unless another dataset asserts them); other datasets' assertions are untouched;
// every fact touched is merged again from all the datasets asserting it (Merge). Content
// identical to the last sync writes nothing. A sync that changes something makes a new data
// version.
//
// Before writing, Load checks that the entities ds's relationships use without defining
// (ds.External) are in the graph, defined by another dataset (a *ValidationError otherwise),
// and that no entity ds stops defining is used by another dataset's relationships (an error
// wrapping store.ErrDependents naming them). Each batch is one transaction; a sync stopped at
// any point (even SIGKILL) is completed by running it again.
//
// ds must come from Parse. The Summary counts what ds asserts per type and what changed.
// LoadScanned does the same for a dataset folder without holding it in memory.
func Load(ctx context.Context, ds *Dataset, w Writer, opts Options) (Summary, error) {
	if ds == nil {
		return Summary{}, errors.New("load: no dataset")
	}
	set, err := datasetFacts(ds)
	if err != nil {
		return Planned(ds), fmt.Errorf("load %s: %w", ds.ID, err)
	}
	sum, err := loadSet(ctx, set, w, opts)
	return sum, errors.Join(err, set.close())
}

// LoadScanned syncs the graph with the dataset folder sc was scanned from, as Load does,
// reading the facts it writes again from the files (an error if they changed since Scan).
func LoadScanned(ctx context.Context, sc *Scanned, w Writer, opts Options) (Summary, error) {
	if sc.inc != nil {
		sum, err := loadIncremental(ctx, sc, w, opts)
		if !errors.Is(err, errNotIncremental) {
			return sum, err
		}
		if err := sc.scanWhole(); err != nil {
			return sum, err
		}
	}
	return loadSet(ctx, sc.set, w, opts)
}

// scanWhole replaces what the incremental scan found with a full Scan of the folder.
func (s *Scanned) scanWhole() error {
	full, err := Scan(s.dir)
	if err != nil {
		return err
	}
	_ = s.set.close()
	*s = *full
	return nil
}

// loadIncremental is LoadScanned of what the incremental scan found (errNotIncremental when
// the graph changed since, or holds something the scan leaves to Scan).
func loadIncremental(ctx context.Context, sc *Scanned, w Writer, opts Options) (Summary, error) {
	d := sc.inc.d
	sum := d.set.summary()
	if err := w.EnsureSchema(ctx); err != nil {
		return sum, fmt.Errorf("load %s: %w", d.Dataset, err)
	}
	if d.Unchanged {
		return unchanged(ctx, w, opts, sum, d.Same, d.Version)
	}
	return synced(ctx, d.Dataset, w, opts, func() (Summary, error) {
		next, err := w.BeginSync(ctx, d.Dataset, d.Title)
		if err != nil {
			return sum, fmt.Errorf("load %s: %w", d.Dataset, err)
		}
		if err := checkIncremental(ctx, sc.inc, w); err != nil {
			return sum, err
		}
		if err := d.checkDependents(ctx, w); err != nil {
			return sum, err
		}
		d.Next = next
		return apply(ctx, d, w, opts, sum)
	})
}

// loadSet is Load of a factSet.
func loadSet(ctx context.Context, set *factSet, w Writer, opts Options) (Summary, error) {
	sum := set.summary()
	if err := w.EnsureSchema(ctx); err != nil {
		return sum, fmt.Errorf("load %s: %w", set.id, err)
	}
	// Content identical to the last sync's writes nothing, not even the sync lock.
	if hash, n, err := setHash(set); err == nil && n > 0 {
		info, err := w.Dataset(ctx, set.id)
		if err != nil {
			return sum, fmt.Errorf("load %s: %w", set.id, err)
		}
		if info != nil && info.Hash == hash {
			return unchanged(ctx, w, opts, sum, n, info.Version)
		}
	}
	return synced(ctx, set.id, w, opts, func() (Summary, error) {
		next, err := w.BeginSync(ctx, set.id, set.title)
		if err != nil {
			return sum, fmt.Errorf("load %s: %w", set.id, err)
		}
		d, err := planSet(ctx, set, w)
		if err != nil {
			return sum, err
		}
		d.Next = next
		return apply(ctx, d, w, opts, sum)
	})
}

// summary is a copy of the set's counts, for a sync to fill in.
func (s *factSet) summary() Summary {
	sum := s.counts
	sum.Entities = slices.Clone(sum.Entities)
	sum.Relationships = slices.Clone(sum.Relationships)
	return sum
}

// unchanged ends a sync of content identical to the dataset's last one (same facts, at
// version): nothing is written, not even the sync lock; a version still pending (a sync
// stopped after it published) is finished.
func unchanged(ctx context.Context, w Writer, opts Options, sum Summary, same int, version int64) (Summary, error) {
	if _, err := w.FinishPending(ctx, true); err != nil {
		return sum, fmt.Errorf("load %s: %w", sum.Dataset, err)
	}
	sum.Same, sum.Version, sum.Unchanged = same, version, true
	progress(opts.Progress, "dataset %s unchanged since its last load (data version %d): nothing written\n", sum.Dataset, version)
	return sum, nil
}

// synced runs a sync (do), giving the sync lock up when it fails, and applies the version it
// published as opts say.
func synced(ctx context.Context, id string, w Writer, opts Options, do func() (Summary, error)) (Summary, error) {
	sum, err := do()
	if err != nil {
		if aerr := w.AbortSync(ctx); aerr != nil {
			err = errors.Join(err, aerr)
		}
		return sum, err
	}
	if sum.Unchanged {
		return sum, nil
	}
	applied, err := w.FinishPending(ctx, opts.Wait)
	if err != nil {
		return sum, fmt.Errorf("load %s: version %d is live, applying it failed (a serving hub or the next sync applies it): %w", id, sum.Version, err)
	}
	if !applied {
		progress(opts.Progress, "version %d is live; a serving hub (or the next sync) applies it after the grace period\n", sum.Version)
	}
	return sum, nil
}

// Unload removes dataset id's assertions as a sync to an empty dataset would: its facts leave
// the graph unless another dataset asserts them. It refuses (an error wrapping
// store.ErrDependents, nothing changed) when other datasets' relationships use entities only
// it defines, and fails when no dataset id is loaded.
func Unload(ctx context.Context, id string, w Writer, opts Options) (Summary, error) {
	info, err := w.Dataset(ctx, id)
	if err != nil {
		return Summary{}, fmt.Errorf("unload %s: %w", id, err)
	}
	if info == nil {
		return Summary{}, fmt.Errorf("unload %s: %w: no dataset %q is loaded", id, reform.ErrNotFound, id)
	}
	return synced(ctx, id, w, opts, func() (Summary, error) {
		next, err := w.BeginSync(ctx, id, info.Title)
		if err != nil {
			return Summary{}, fmt.Errorf("unload %s: %w", id, err)
		}
		set, err := datasetFacts(&Dataset{ID: id, Title: info.Title})
		if err != nil {
			return Summary{}, fmt.Errorf("unload %s: %w", id, err)
		}
		defer func() { _ = set.close() }()
		d, err := diff(ctx, set, w)
		if err != nil {
			return Summary{}, err
		}
		d.unload, d.Next = true, next
		return apply(ctx, d, w, opts, newSummary(id))
	})
}

// Diff is what a sync changes of one dataset's assertions: how many facts it adds, changes,
// retracts and leaves as they are, and the first of the facts added, changed and retracted.
type Diff struct {
	Dataset, Title string
	Hash           string // the content hash of the dataset
	// Unchanged: the dataset's content is what its last complete sync loaded; nothing is
	// written.
	Unchanged bool
	Version   int64 // the dataset's data version before the sync (0: never loaded)
	Next      int64 // the version the sync's changes get (set by Load and Unload)
	// Added, Changed and Removed are the first diffItems facts added, changed and retracted
	// (added and changed: documents, entities, then relationships, each in file order;
	// retracted: by key), without their properties; NAdded, NChanged and NRemoved count them
	// all.
	Added, Changed, Removed    []store.Fact
	NAdded, NChanged, NRemoved int
	Same                       int
	addedNodes                 int // the documents and entities added
	set                        *factSet
	writes                     *sorter // the facts added and changed (flag 1), bySeq
	removed                    *sorter // the facts retracted, byKindKey
	unload                     bool
	info                       *store.DatasetInfo
}

// Plan computes the Diff of a sync of ds from the graph, and checks its external references
// and dependents (see Load). It writes nothing.
func Plan(ctx context.Context, ds *Dataset, w Writer) (*Diff, error) {
	set, err := datasetFacts(ds)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", ds.ID, err)
	}
	d, err := planSet(ctx, set, w)
	return d, errors.Join(err, set.close())
}

// PlanScanned is Plan of a scanned dataset folder.
func PlanScanned(ctx context.Context, sc *Scanned, w Writer) (*Diff, error) {
	if sc.inc != nil {
		d := sc.inc.d
		err := checkIncremental(ctx, sc.inc, w)
		if err == nil {
			if err := d.checkDependents(ctx, w); err != nil {
				return nil, err
			}
			return d, nil
		}
		if !errors.Is(err, errNotIncremental) {
			return nil, err
		}
		if err := sc.scanWhole(); err != nil {
			return nil, err
		}
	}
	return planSet(ctx, sc.set, w)
}

// planSet is Plan of a factSet.
func planSet(ctx context.Context, set *factSet, w Writer) (*Diff, error) {
	if err := checkExternalSet(ctx, set, w); err != nil {
		return nil, err
	}
	return diff(ctx, set, w)
}

// diff compares the facts of set (what the dataset asserts now) with what the graph records
// of the dataset: both sorted by key, merged.
func diff(ctx context.Context, set *factSet, w Writer) (*Diff, error) {
	hash, n, err := setHash(set)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", set.id, err)
	}
	d := &Diff{Dataset: set.id, Title: set.title, Hash: hash, set: set,
		writes: newSorter(set.tmp, "writes", bySeq), removed: newSorter(set.tmp, "removed", byKindKey)}
	info, err := w.Dataset(ctx, set.id)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", set.id, err)
	}
	d.info = info
	if info != nil {
		d.Version = info.Version
		if info.Hash == d.Hash && n > 0 {
			d.Unchanged = true
			d.Same = n
			return d, nil
		}
	}
	before := newSorter(set.tmp, "before", byKey)
	err = w.AssertedHashes(ctx, set.id, func(kind store.FactKind, key, hash string) error {
		return before.add(rec{key: key, kind: kindByte(kind), hash: hash})
	})
	if err == nil {
		err = before.finish()
	}
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", set.id, err)
	}
	err = d.merge(before)
	before.drop()
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", set.id, err)
	}
	if err := errors.Join(d.writes.finish(), d.removed.finish()); err != nil {
		return nil, fmt.Errorf("load %s: %w", set.id, err)
	}
	if err := d.checkDependents(ctx, w); err != nil {
		return nil, err
	}
	return d, nil
}

// setHash is the content hash of set (contentHash, its facts read in key order) and the
// number of its facts.
func setHash(set *factSet) (string, int, error) {
	if set.hash != "" {
		return set.hash, set.hashed, nil
	}
	it, err := set.facts.open()
	if err != nil {
		return "", 0, err
	}
	defer it.close()
	h := sha256.New()
	h.Write([]byte(set.title + "\x00"))
	n := 0
	for {
		r, ok, err := it.next()
		if err != nil {
			return "", 0, err
		}
		if !ok {
			set.hash, set.hashed = hex.EncodeToString(h.Sum(nil)[:16]), n
			return set.hash, n, nil
		}
		n++
		h.Write([]byte(r.key + "\x00" + r.hash + "\n"))
	}
}

// merge merge-joins the facts (by key) with before (the graph's assertions, by key): a fact
// only in the first is added, in both changed (another hash) or the same, only in before
// retracted.
func (d *Diff) merge(before *sorter) error {
	now, err := d.set.facts.open()
	if err != nil {
		return err
	}
	defer now.close()
	was0, err := before.open()
	if err != nil {
		return err
	}
	defer was0.close()
	was := &peekIter{it: was0}
	var added, changed []rec
	write, remove := d.write, d.remove
	var last rec
	for {
		f, ok, err := now.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		matched := false
		for {
			b, ok, err := was.peek()
			if err != nil {
				return err
			}
			if !ok {
				break
			}
			c := cmp.Or(strings.Compare(b.key, f.key), cmp.Compare(b.kind, f.kind))
			if c > 0 {
				break
			}
			_, _, _ = was.next()
			if b.key == last.key && b.kind == last.kind {
				continue // an assertion read twice (a retried read)
			}
			last = b
			if c < 0 {
				if err := remove(b); err != nil {
					return err
				}
				continue
			}
			matched = true
			if b.hash != f.hash {
				d.NChanged++
				if err := write(f, 1, &changed); err != nil {
					return err
				}
			} else {
				d.Same++
			}
		}
		if !matched {
			d.NAdded++
			if err := write(f, 0, &added); err != nil {
				return err
			}
		}
	}
	for {
		b, ok, err := was.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if b.key == last.key && b.kind == last.kind {
			continue
		}
		last = b
		if err := remove(b); err != nil {
			return err
		}
	}
	d.Added, d.Changed = shownFacts(added), shownFacts(changed)
	return nil
}

// write records the fact of r as one to write (flag 0: added, 1: changed), first among the
// ones shown when it is.
func (d *Diff) write(r rec, flag byte, first *[]rec) error {
	r.flag = flag
	keepFirst(first, r)
	if flag == 0 && r.kind == kindNode {
		d.addedNodes++
	}
	return d.writes.add(rec{kind: r.kind, seq: r.seq, hash: r.hash, flag: flag})
}

// remove records the fact of r (its kind and key) as one to retract.
func (d *Diff) remove(r rec) error {
	if len(d.Removed) < diffItems {
		d.Removed = append(d.Removed, factOfKey(factKind(r.kind), r.key))
	}
	d.NRemoved++
	return d.removed.add(rec{kind: r.kind, key: r.key})
}

// keepFirst keeps in first the diffItems records first in file order (kind, then seq).
func keepFirst(first *[]rec, r rec) {
	i, _ := slices.BinarySearchFunc(*first, r, func(a, b rec) int {
		return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(a.seq, b.seq))
	})
	if i >= diffItems {
		return
	}
	*first = slices.Insert(*first, i, r)
	if len(*first) > diffItems {
		*first = (*first)[:diffItems]
	}
}

// shownFacts are the facts of records, for Diff.String.
func shownFacts(rs []rec) []store.Fact {
	var out []store.Fact
	for _, r := range rs {
		f := factOfKey(factKind(r.kind), r.key)
		f.Label, f.Hash = r.label, r.hash
		out = append(out, f)
	}
	return out
}

// checkDependents refuses a sync that retracts entities other datasets' relationships use.
func (d *Diff) checkDependents(ctx context.Context, w Writer) error {
	it, err := d.removed.open()
	if err != nil {
		return fmt.Errorf("load %s: %w", d.Dataset, err)
	}
	defer it.close()
	deps := map[string][]string{}
	var gone []string
	ask := func() error {
		if len(gone) == 0 {
			return nil
		}
		got, err := w.Dependents(ctx, d.Dataset, gone)
		if err != nil {
			return fmt.Errorf("load %s: %w", d.Dataset, err)
		}
		for dep, ids := range got {
			deps[dep] = append(deps[dep], ids...)
		}
		gone = gone[:0]
		return nil
	}
	for {
		r, ok, err := it.next()
		if err != nil {
			return fmt.Errorf("load %s: %w", d.Dataset, err)
		}
		if !ok || r.kind != kindNode {
			break
		}
		gone = append(gone, r.key)
		if len(gone) >= idChunk {
			if err := ask(); err != nil {
				return err
			}
		}
	}
	if err := ask(); err != nil {
		return err
	}
	if len(deps) > 0 {
		return dependentsError(d.Dataset, deps)
	}
	return nil
}

// dependentsError names the datasets whose relationships use entities dataset would remove.
func dependentsError(dataset string, deps map[string][]string) error {
	names := make([]string, 0, len(deps))
	for dep := range deps {
		names = append(names, dep)
	}
	slices.Sort(names)
	parts := make([]string, len(names))
	for i, dep := range names {
		ids := deps[dep]
		more := ""
		if len(ids) > 5 {
			ids, more = ids[:5], fmt.Sprintf(" and %d more", len(deps[dep])-5)
		}
		parts[i] = fmt.Sprintf("%s (uses %s%s)", dep, strings.Join(ids, ", "), more)
	}
	return fmt.Errorf("%s: %w: %s; load or unload those first, nothing changed",
		dataset, store.ErrDependents, strings.Join(parts, "; "))
}

// apply writes d: nodes added or changed, then relationships added or changed, then
// relationships retracted, then nodes retracted (so that an entity goes after the
// relationships that used it), and commits the version. The facts to write are read again
// (factSet.reread) and written as they come, in batches.
func apply(ctx context.Context, d *Diff, w Writer, opts Options, sum Summary) (Summary, error) {
	sum.Same = d.Same
	sum.Version = d.Version
	version := d.Next
	if d.Unchanged {
		sum.Unchanged = true
		progress(opts.Progress, "dataset %s unchanged since its last load (data version %d): nothing written\n", d.Dataset, d.Version)
		// CommitSync with nothing changed: the dataset is no longer marked syncing.
		info := d.info
		if info == nil {
			info = &store.DatasetInfo{}
		}
		c := store.SyncCommit{Dataset: d.Dataset, Title: d.Title, Hash: d.Hash, Version: version,
			Documents: info.Documents, Entities: info.Entities, Relationships: info.Relationships}
		if err := w.CommitSync(ctx, c); err != nil {
			return sum, fmt.Errorf("load %s: %w", d.Dataset, err)
		}
		return sum, nil
	}
	size := opts.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	loaded, err := w.Datasets(ctx)
	if err != nil {
		return sum, fmt.Errorf("load %s: %w", d.Dataset, err)
	}
	// Alone: no other dataset's assertions need reading.
	alone := len(loaded) == 1 && loaded[0].ID == d.Dataset
	total := d.NAdded + d.NChanged + d.NRemoved
	progress(opts.Progress, "sync: %d changes\n", total)
	// A small sync is written batch after batch: concurrent batches of a few changes gain
	// little and lose much to deadlocks on the entities they share.
	workers := opts.Workers
	if total < 4*size {
		workers = 1
	}
	var done int
	var mu sync.Mutex
	phases := []struct {
		name    string
		kind    byte
		retract bool
	}{
		{"nodes", kindNode, false},
		{"relationships", kindRel, false},
		{"relationships", kindRel, true},
		{"nodes", kindNode, true},
	}
	for _, ph := range phases {
		write := func(chunk []item) error {
			b := store.Batch{Dataset: d.Dataset, Version: version, Kind: factKind(ph.kind), Alone: alone,
				NoEntitiesStaged: d.addedNodes == 0}
			for _, it := range chunk {
				switch {
				case ph.retract:
					b.Retracted = append(b.Retracted, it.f)
				case it.changed:
					b.Changed = append(b.Changed, it.f)
				default:
					b.Added = append(b.Added, it.f)
				}
			}
			cs, err := w.SyncBatch(ctx, b, Merge)
			if err != nil {
				return err
			}
			mu.Lock()
			defer mu.Unlock()
			sum.Facts += len(cs)
			done += len(chunk)
			progress(opts.Progress, "%s: %d/%d %s\n", "sync", done, total, ph.name)
			return nil
		}
		err := writeBatches(ctx, size, workers, ph.kind == kindRel, write, func(emit func(item) error) error {
			if ph.retract {
				return d.eachRemoved(ph.kind, func(f store.Fact) error { return emit(item{f: f}) })
			}
			return d.eachWrite(ctx, ph.kind, func(f store.Fact, r rec) error { return emit(item{f: f, changed: r.flag == 1}) })
		})
		if err != nil {
			return sum, fmt.Errorf("load %s: %w", d.Dataset, err)
		}
	}
	if err := writeManifest(ctx, d, w, version); err != nil {
		return sum, fmt.Errorf("load %s: %w", d.Dataset, err)
	}
	counts := Planned(&Dataset{})
	if !d.unload {
		counts = sum
	}
	c := store.SyncCommit{Dataset: d.Dataset, Title: d.Title, Hash: d.Hash, Version: version,
		Changed: total > 0, Added: int64(d.NAdded), Removed: int64(d.NRemoved),
		Updated: int64(d.NChanged), Documents: int64(counts.Nodes(reform.TypeDocument)),
		Entities:      int64(counts.TotalNodes() - counts.Nodes(reform.TypeDocument)),
		Relationships: int64(counts.TotalRels()), Remove: d.unload}
	if err := w.CommitSync(ctx, c); err != nil {
		return sum, fmt.Errorf("load %s: %w", d.Dataset, err)
	}
	sum.Added, sum.Changed, sum.Removed = d.NAdded, d.NChanged, d.NRemoved
	if c.Changed {
		sum.Version = version
	}
	progress(opts.Progress, "%s", sum)
	return sum, nil
}

// writeManifest writes the manifest of what d's dataset asserts after the sync: the facts of
// its set, in key order (none for an unload).
func writeManifest(ctx context.Context, d *Diff, w Writer, version int64) error {
	it, err := d.set.facts.open()
	if err != nil {
		return err
	}
	defer it.close()
	return w.WriteManifest(ctx, d.Dataset, version, func() (store.ManifestEntry, bool, error) {
		r, ok, err := it.next()
		if err != nil || !ok {
			return store.ManifestEntry{}, false, err
		}
		return store.ManifestEntry{Kind: factKind(r.kind), Key: r.key, Hash: r.hash, Line: r.lh}, true, nil
	})
}

// kindIter reads the records of one kind of a sorter ordered by kind first.
type kindIter struct {
	it   recIter
	kind byte
}

func (k *kindIter) next() (rec, bool, error) {
	for {
		r, ok, err := k.it.next()
		if err != nil || !ok {
			return r, ok, err
		}
		if r.kind == k.kind {
			return r, true, nil
		}
		if r.kind > k.kind {
			return rec{}, false, nil
		}
	}
}

func (k *kindIter) close() { k.it.close() }

// eachWrite gives fn the facts of kind to add or change, with their records, in file order.
func (d *Diff) eachWrite(ctx context.Context, kind byte, fn func(store.Fact, rec) error) error {
	it, err := d.writes.open()
	if err != nil {
		return err
	}
	defer it.close()
	return d.set.reread(ctx, &peekIter{it: &kindIter{it: it, kind: kind}}, fn)
}

// eachRemoved gives fn the facts of kind to retract (their kind, key, label and ends).
func (d *Diff) eachRemoved(kind byte, fn func(store.Fact) error) error {
	it, err := d.removed.open()
	if err != nil {
		return err
	}
	defer it.close()
	k := &kindIter{it: it, kind: kind}
	for {
		r, ok, err := k.next()
		if err != nil || !ok {
			return err
		}
		if err := fn(factOfKey(factKind(r.kind), r.key)); err != nil {
			return err
		}
	}
}

// item is one fact of a batch.
type item struct {
	f       store.Fact
	changed bool
}

// writeBatches writes the facts feed emits in transactions of at most size facts (write),
// workers at a time, as they come: at most a few batches per worker are in memory. With
// several workers, relationships (byFrom) are grouped by a hash of their from id, one group
// per worker, so that the many relationships of one hub entity are written by one worker,
// batch after batch, rather than by all workers queueing for its lock (and deadlocking on
// it); anything else goes to whichever worker is free. It stops at the first error.
func writeBatches(ctx context.Context, size, workers int, byFrom bool, write func([]item) error,
	feed func(emit func(item) error) error) error {
	workers = max(workers, 1)
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	queues := make([]chan []item, 1)
	if byFrom {
		queues = make([]chan []item, workers)
	}
	for i := range queues {
		queues[i] = make(chan []item, 1)
	}
	var wg sync.WaitGroup
	for i := range workers {
		q := queues[i%len(queues)]
		wg.Go(func() {
			for chunk := range q {
				if context.Cause(ctx) != nil {
					continue // drain
				}
				if err := write(chunk); err != nil {
					cancel(err)
				}
			}
		})
	}
	bufs := make([][]item, len(queues))
	send := func(b int) error {
		select {
		case queues[b] <- bufs[b]:
			bufs[b] = make([]item, 0, size)
			return nil
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	}
	err := feed(func(it item) error {
		b := 0
		if len(queues) > 1 {
			b = int(bucketOf(it.f.From, len(queues)))
		}
		bufs[b] = append(bufs[b], it)
		if len(bufs[b]) >= size {
			return send(b)
		}
		return nil
	})
	for b := range bufs {
		if err == nil && len(bufs[b]) > 0 {
			err = send(b)
		}
	}
	for _, q := range queues {
		close(q)
	}
	wg.Wait()
	if cause := context.Cause(ctx); cause != nil {
		return cause
	}
	return err
}

func bucketOf(id string, n int) uint32 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(id))
	return h.Sum32() % uint32(n)
}

// progress writes one formatted progress message to w, if there is one. Progress output is
// best effort: its write errors are ignored.
func progress(w io.Writer, format string, args ...any) {
	if w != nil {
		_, _ = fmt.Fprintf(w, format, args...)
	}
}

// diffItems is how many facts of each kind Diff.String lists.
const diffItems = 10

// String prints the diff: the counts, then the first facts added, changed and retracted.
func (d *Diff) String() string {
	var b strings.Builder
	if d.Unchanged {
		fmt.Fprintf(&b, "dataset %s: unchanged since its last load (%d facts, data version %d)\n", d.Dataset, d.Same, d.Version)
		return b.String()
	}
	fmt.Fprintf(&b, "dataset %s: %d added, %d changed, %d retracted, %d unchanged\n",
		d.Dataset, d.NAdded, d.NChanged, d.NRemoved, d.Same)
	for _, part := range []struct {
		name  string
		facts []store.Fact
		n     int
	}{{"added", d.Added, d.NAdded}, {"changed", d.Changed, d.NChanged}, {"retracted", d.Removed, d.NRemoved}} {
		if part.n == 0 {
			continue
		}
		fmt.Fprintf(&b, "  %s:\n", part.name)
		for _, f := range part.facts {
			if f.Kind == store.KindRel {
				fmt.Fprintf(&b, "    %s %s -> %s\n", f.Label, f.From, f.To)
			} else {
				fmt.Fprintf(&b, "    %s %s\n", f.Label, f.Key)
			}
		}
		if part.n > len(part.facts) {
			fmt.Fprintf(&b, "    … and %d more\n", part.n-len(part.facts))
		}
	}
	return b.String()
}
