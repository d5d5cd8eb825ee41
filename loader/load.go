package loader

import (
	"cmp"
	"context"
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
	EntityTypes(ctx context.Context, ids []string, except string) (map[string]reform.EntityType, error)
	Dependents(ctx context.Context, dataset string, ids []string) (map[string][]string, error)
	// BeginSync takes the sync lock, finishes what earlier syncs left (a pending version, a
	// killed sync's staging) and returns the version of this sync's changes; CommitSync
	// publishes it and AbortSync gives up (both release the lock).
	BeginSync(ctx context.Context, dataset, title string) (int64, error)
	Datasets(ctx context.Context) ([]store.DatasetInfo, error)
	SyncBatch(ctx context.Context, b store.Batch, merge store.Merger) ([]store.FactChange, error)
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
func Load(ctx context.Context, ds *Dataset, w Writer, opts Options) (Summary, error) {
	if ds == nil {
		return Summary{}, errors.New("load: no dataset")
	}
	sum := Planned(ds)
	if err := w.EnsureSchema(ctx); err != nil {
		return sum, fmt.Errorf("load %s: %w", ds.ID, err)
	}
	return synced(ctx, ds.ID, w, opts, func() (Summary, error) {
		next, err := w.BeginSync(ctx, ds.ID, ds.Title)
		if err != nil {
			return sum, fmt.Errorf("load %s: %w", ds.ID, err)
		}
		d, err := Plan(ctx, ds, w)
		if err != nil {
			return sum, err
		}
		d.Next = next
		return apply(ctx, d, w, opts, sum)
	})
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
		d, err := diff(ctx, &Dataset{ID: id, Title: info.Title}, nil, w)
		if err != nil {
			return Summary{}, err
		}
		d.unload, d.Next = true, next
		return apply(ctx, d, w, opts, newSummary(id))
	})
}

// Diff is what a sync changes of one dataset's assertions: the facts added, changed and
// retracted (each list documents, entities, then relationships), and how many stay.
type Diff struct {
	Dataset, Title string
	Hash           string // the content hash of the dataset
	// Unchanged: the dataset's content is what its last complete sync loaded; nothing is
	// written.
	Unchanged bool
	Version   int64 // the dataset's data version before the sync (0: never loaded)
	Next      int64 // the version the sync's changes get (set by Load and Unload)
	Added     []store.Fact
	Changed   []store.Fact
	Removed   []store.Fact
	Same      int
	facts     []store.Fact
	unload    bool
	info      *store.DatasetInfo
}

// Plan computes the Diff of a sync of ds from the graph, and checks its external references
// and dependents (see Load). It writes nothing.
func Plan(ctx context.Context, ds *Dataset, w Writer) (*Diff, error) {
	if err := checkExternal(ctx, ds, w); err != nil {
		return nil, err
	}
	return diff(ctx, ds, Facts(ds), w)
}

// diff compares facts (what ds asserts now) with what the graph records of ds.
func diff(ctx context.Context, ds *Dataset, facts []store.Fact, w Writer) (*Diff, error) {
	d := &Diff{Dataset: ds.ID, Title: ds.Title, Hash: contentHash(ds.Title, facts), facts: facts}
	info, err := w.Dataset(ctx, ds.ID)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", ds.ID, err)
	}
	d.info = info
	if info != nil {
		d.Version = info.Version
		if info.Hash == d.Hash && len(facts) > 0 {
			d.Unchanged = true
			d.Same = len(facts)
			return d, nil
		}
	}
	type prior struct {
		kind store.FactKind
		hash string
		seen bool
	}
	before := map[string]*prior{}
	err = w.AssertedHashes(ctx, ds.ID, func(kind store.FactKind, key, hash string) error {
		before[key] = &prior{kind: kind, hash: hash}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", ds.ID, err)
	}
	for _, f := range facts {
		p, ok := before[f.Key]
		switch {
		case !ok:
			d.Added = append(d.Added, f)
		case p.hash != f.Hash:
			d.Changed = append(d.Changed, f)
			p.seen = true
		default:
			d.Same++
			p.seen = true
		}
	}
	for key, p := range before {
		if !p.seen {
			d.Removed = append(d.Removed, factOfKey(p.kind, key))
		}
	}
	slices.SortFunc(d.Removed, func(a, b store.Fact) int { return cmp.Compare(a.Key, b.Key) })
	var gone []string
	for _, f := range d.Removed {
		if f.Kind == store.KindNode {
			gone = append(gone, f.Key)
		}
	}
	if len(gone) > 0 {
		deps, err := w.Dependents(ctx, ds.ID, gone)
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", ds.ID, err)
		}
		if len(deps) > 0 {
			return nil, dependentsError(ds.ID, deps)
		}
	}
	return d, nil
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

// checkExternal checks that every entity ds's relationships use without defining is in the
// graph, defined by another dataset, with the type its id names.
func checkExternal(ctx context.Context, ds *Dataset, w Writer) error {
	if len(ds.External) == 0 {
		return nil
	}
	var ids []string
	for _, x := range ds.External {
		if !slices.Contains(ids, x.ID) {
			ids = append(ids, x.ID)
		}
	}
	have, err := w.EntityTypes(ctx, ids, ds.ID)
	if err != nil {
		return fmt.Errorf("load %s: %w", ds.ID, err)
	}
	var ps problems
	for _, x := range ds.External {
		t, ok := have[x.ID]
		switch {
		case !ok:
			ps.add(x.Loc, "%s %q is not a known entity id (not in this dataset, nor defined by another loaded dataset)", x.What, x.ID)
		case t != x.Type:
			ps.add(x.Loc, "%s %q is a %s in the graph, not a %s", x.What, x.ID, t, x.Type)
		}
	}
	return ps.err()
}

// apply writes d: nodes added or changed, then relationships added or changed, then
// relationships retracted, then nodes retracted (so that an entity goes after the
// relationships that used it), and commits the version.
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
	split := func(kind store.FactKind, fs []store.Fact) []store.Fact {
		var out []store.Fact
		for _, f := range fs {
			if f.Kind == kind {
				out = append(out, f)
			}
		}
		return out
	}
	total := len(d.Added) + len(d.Changed) + len(d.Removed)
	progress(opts.Progress, "sync: %d changes\n", total)
	var done int
	var mu sync.Mutex
	// Added and changed facts are told apart by a mark (the store needs to know which
	// assertions exist).
	changed := make(map[string]bool, len(d.Changed))
	for _, f := range d.Changed {
		changed[f.Key] = true
	}
	phases := []struct {
		name    string
		kind    store.FactKind
		facts   []store.Fact
		retract bool
	}{
		{"nodes", store.KindNode, split(store.KindNode, slices.Concat(d.Added, d.Changed)), false},
		{"relationships", store.KindRel, split(store.KindRel, slices.Concat(d.Added, d.Changed)), false},
		{"relationships", store.KindRel, split(store.KindRel, d.Removed), true},
		{"nodes", store.KindNode, split(store.KindNode, d.Removed), true},
	}
	for _, ph := range phases {
		groups := batches(ph.facts, size, opts.Workers, ph.kind == store.KindRel)
		err := runJobs(ctx, groups, opts.Workers, func(chunk []store.Fact) error {
			b := store.Batch{Dataset: d.Dataset, Version: version, Kind: ph.kind, Alone: alone}
			for _, f := range chunk {
				switch {
				case ph.retract:
					b.Retracted = append(b.Retracted, f)
				case changed[f.Key]:
					b.Changed = append(b.Changed, f)
				default:
					b.Added = append(b.Added, f)
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
		})
		if err != nil {
			return sum, fmt.Errorf("load %s: %w", d.Dataset, err)
		}
	}
	counts := Planned(&Dataset{})
	if !d.unload {
		counts = sum
	}
	c := store.SyncCommit{Dataset: d.Dataset, Title: d.Title, Hash: d.Hash, Version: version,
		Changed: total > 0, Added: int64(len(d.Added)), Removed: int64(len(d.Removed)),
		Updated: int64(len(d.Changed)), Documents: int64(counts.Nodes(reform.TypeDocument)),
		Entities:      int64(counts.TotalNodes() - counts.Nodes(reform.TypeDocument)),
		Relationships: int64(counts.TotalRels()), Remove: d.unload}
	if err := w.CommitSync(ctx, c); err != nil {
		return sum, fmt.Errorf("load %s: %w", d.Dataset, err)
	}
	sum.Added, sum.Changed, sum.Removed = len(d.Added), len(d.Changed), len(d.Removed)
	if c.Changed {
		sum.Version = version
	}
	progress(opts.Progress, "%s", sum)
	return sum, nil
}

// batches cuts facts into transactions of at most size facts, in groups a worker writes one
// after the other. With several workers, relationships (byFrom) are grouped by a hash of their
// from id, so that the many relationships of one hub entity are written by one worker, batch
// after batch, rather than by all workers queueing for its lock (and deadlocking on it);
// anything else is one group per batch.
func batches(facts []store.Fact, size, workers int, byFrom bool) [][][]store.Fact {
	chunks := func(fs []store.Fact) [][]store.Fact {
		var out [][]store.Fact
		for start := 0; start < len(fs); start += size {
			out = append(out, fs[start:min(start+size, len(fs))])
		}
		return out
	}
	if !byFrom || workers <= 1 {
		var out [][][]store.Fact
		for _, c := range chunks(facts) {
			out = append(out, [][]store.Fact{c})
		}
		return out
	}
	n := workers * 8
	buckets := make([][]store.Fact, n)
	for _, f := range facts {
		b := bucketOf(f.From, n)
		buckets[b] = append(buckets[b], f)
	}
	// The biggest buckets first, so that the workers finish together.
	slices.SortStableFunc(buckets, func(a, b []store.Fact) int { return cmp.Compare(len(b), len(a)) })
	var out [][][]store.Fact
	for _, b := range buckets {
		if len(b) > 0 {
			out = append(out, chunks(b))
		}
	}
	return out
}

func bucketOf(id string, n int) uint32 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(id))
	return h.Sum32() % uint32(n)
}

// runJobs runs do on every job, workers at a time (the jobs of a group by one worker, in
// order), stopping at the first error.
func runJobs(ctx context.Context, groups [][][]store.Fact, workers int, do func([]store.Fact) error) error {
	if workers < 1 {
		workers = 1
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	next := make(chan [][]store.Fact)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for g := range next {
				for _, j := range g {
					if err := do(j); err != nil {
						cancel(err)
						return
					}
				}
			}
		}()
	}
feed:
	for _, g := range groups {
		select {
		case next <- g:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return ctx.Err()
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
		d.Dataset, len(d.Added), len(d.Changed), len(d.Removed), d.Same)
	for _, part := range []struct {
		name  string
		facts []store.Fact
	}{{"added", d.Added}, {"changed", d.Changed}, {"retracted", d.Removed}} {
		if len(part.facts) == 0 {
			continue
		}
		fmt.Fprintf(&b, "  %s:\n", part.name)
		for i, f := range part.facts {
			if i == diffItems {
				fmt.Fprintf(&b, "    … and %d more\n", len(part.facts)-diffItems)
				break
			}
			if f.Kind == store.KindRel {
				fmt.Fprintf(&b, "    %s %s -> %s\n", f.Label, f.From, f.To)
			} else {
				fmt.Fprintf(&b, "    %s %s\n", f.Label, f.Key)
			}
		}
	}
	return b.String()
}
