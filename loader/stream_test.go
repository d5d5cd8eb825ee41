package loader

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
)

// scanMismatches collects the folders where Scan disagrees with Parse (TestMain fails then).
var (
	scanMu         sync.Mutex
	scanMismatches []string
	scanChecked    int
)

// TestMain runs the package's tests with small sort runs of 32 KiB and a fan-in of 4 (so that
// the sorts of the generated corpora spill to disk and merge two or three levels of runs: up
// to 16 runs a sort in TestIncrementalSync, 58 in TestStreamedSyncGeneratedCorpora at full
// size, a third of that under the race detector (raceScale); TestSorterSorts covers runs of a
// few records), and checks, for every Parse
// a test makes, that Scan of the same folder finds the same problems in the same order, or
// the same facts and counts.
func TestMain(m *testing.M) {
	runBytes, maxFan = 32<<10, 4
	parsed = func(dir string, ds *Dataset, perr error) {
		msg := compareScan(dir, ds, perr)
		scanMu.Lock()
		defer scanMu.Unlock()
		scanChecked++
		if msg != "" {
			scanMismatches = append(scanMismatches, dir+": "+msg)
		}
	}
	code := m.Run()
	if testing.Verbose() {
		fmt.Fprintf(os.Stderr, "Scan checked against %d Parse calls\n", scanChecked)
	}
	if len(scanMismatches) > 0 {
		fmt.Fprintf(os.Stderr, "Scan disagrees with Parse:\n%s\n", strings.Join(scanMismatches, "\n"))
		code = 1
	}
	os.Exit(code)
}

// compareScan returns how Scan(dir) differs from what Parse(dir) returned, or "".
func compareScan(dir string, ds *Dataset, perr error) string {
	sc, err := Scan(dir)
	if perr != nil || err != nil {
		if sc != nil {
			_ = sc.Close()
		}
		if fmt.Sprint(perr) != fmt.Sprint(err) {
			return fmt.Sprintf("Parse:\n%v\nScan:\n%v", perr, err)
		}
		var a, b *ValidationError
		if errors.As(perr, &a) != errors.As(err, &b) {
			return "one error is a ValidationError, the other not"
		}
		return ""
	}
	defer func() { _ = sc.Close() }()
	if sc.ID != ds.ID || sc.Title != ds.Title || sc.Documents != len(ds.Documents) ||
		sc.Entities != len(ds.Entities) || sc.Relationships != len(ds.Relationships) {
		return fmt.Sprintf("Scan %s %q %d/%d/%d, Parse %s %q %d/%d/%d", sc.ID, sc.Title, sc.Documents, sc.Entities,
			sc.Relationships, ds.ID, ds.Title, len(ds.Documents), len(ds.Entities), len(ds.Relationships))
	}
	if got, want := sc.Planned().String(), Planned(ds).String(); got != want {
		return fmt.Sprintf("planned:\n%s\nwant\n%s", got, want)
	}
	facts := Facts(ds)
	hash, n, err := setHash(sc.set)
	if err != nil {
		return err.Error()
	}
	if want := contentHash(ds.Title, facts); hash != want || n != len(facts) {
		return fmt.Sprintf("content hash %s of %d facts, want %s of %d", hash, n, want, len(facts))
	}
	// Every fact read again from the files is the one Parse gives.
	wants := newSorter(sc.set.tmp, "wants", bySeq)
	it, err := sc.set.facts.open()
	if err != nil {
		return err.Error()
	}
	for {
		r, ok, err := it.next()
		if err != nil {
			return err.Error()
		}
		if !ok {
			break
		}
		if err := wants.add(rec{kind: r.kind, seq: r.seq, hash: r.hash}); err != nil {
			return err.Error()
		}
	}
	it.close()
	if err := wants.finish(); err != nil {
		return err.Error()
	}
	var got []store.Fact
	for _, kind := range []byte{kindNode, kindRel} {
		it, err := wants.open()
		if err != nil {
			return err.Error()
		}
		err = sc.set.reread(context.Background(), &peekIter{it: &kindIter{it: it, kind: kind}}, func(f store.Fact, _ rec) error {
			got = append(got, f)
			return nil
		})
		it.close()
		if err != nil {
			return err.Error()
		}
	}
	if len(got) != len(facts) {
		return fmt.Sprintf("read %d facts again, Parse has %d", len(got), len(facts))
	}
	for i := range got {
		if got[i].Hash != facts[i].Hash || got[i].Key != facts[i].Key {
			return fmt.Sprintf("fact %d read again: %s %s, Parse: %s %s", i, got[i].Key, got[i].Hash, facts[i].Key, facts[i].Hash)
		}
	}
	return ""
}

func randomRecs(rng *rand.Rand, n int) []rec {
	out := make([]rec, n)
	for i := range out {
		out[i] = rec{key: fmt.Sprintf("k%03d", rng.IntN(n/3+1)), kind: "nr"[rng.IntN(2)], seq: uint64(rng.IntN(1 << 40)),
			hash: fmt.Sprint(rng.IntN(5)), label: strings.Repeat("x", rng.IntN(4)), aux: "a", file: int32(rng.IntN(9)),
			line: int32(rng.IntN(1000)), line2: -1, end: byte(rng.IntN(2)), flag: byte(rng.IntN(3))}
	}
	return out
}

// The external sort gives the records in order, whatever the run size and fan-in, with
// records added concurrently, and can be read twice.
func TestSorterSorts(t *testing.T) {
	defer func(r, f int) { runBytes, maxFan = r, f }(runBytes, maxFan)
	for _, tc := range []struct{ n, run, fan int }{{0, 100, 2}, {1, 100, 2}, {50, 1 << 20, 2}, {1000, 500, 2}, {3000, 1000, 3}, {5000, 300, 64}} {
		runBytes, maxFan = tc.run, tc.fan
		rng := rand.New(rand.NewPCG(uint64(tc.n), 7))
		recs := randomRecs(rng, tc.n)
		tmp := &tempDir{}
		s := newSorter(tmp, "t", byKey)
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Go(func() {
				for i := w; i < len(recs); i += 4 {
					if err := s.add(recs[i]); err != nil {
						t.Error(err)
					}
				}
			})
		}
		wg.Wait()
		if err := s.finish(); err != nil {
			t.Fatal(err)
		}
		if len(s.runs) > tc.fan {
			t.Errorf("n=%d: %d runs after finish, fan-in %d", tc.n, len(s.runs), tc.fan)
		}
		want := slices.Clone(recs)
		slices.SortFunc(want, func(a, b rec) int { return byKey(&a, &b) })
		for round := range 2 {
			it, err := s.open()
			if err != nil {
				t.Fatal(err)
			}
			var got []rec
			for {
				r, ok, err := it.next()
				if err != nil {
					t.Fatal(err)
				}
				if !ok {
					break
				}
				got = append(got, r)
			}
			it.close()
			if len(got) != len(want) {
				t.Fatalf("n=%d round %d: %d records back", tc.n, round, len(got))
			}
			for i := range got {
				if byKey(&got[i], &want[i]) != 0 || got[i] != want[i] {
					t.Fatalf("n=%d round %d: record %d is %+v, want %+v", tc.n, round, i, got[i], want[i])
				}
			}
		}
		if err := tmp.remove(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRecEncoding(t *testing.T) {
	r := rec{key: "task/é", hash: "h", label: "", aux: strings.Repeat("a", 300), lh: "\x00\xffline", seq: 1<<40 + 3, file: 7,
		line: 1 << 30, line2: -5, kind: 'r', end: 1, flag: 2}
	got, err := decodeRec(appendRec(nil, &r))
	if err != nil || got != r {
		t.Fatalf("decode(encode(%+v)) = %+v, %v", r, got, err)
	}
	if _, err := decodeRec(appendRec(nil, &r)[:10]); err == nil {
		t.Error("a truncated record decodes")
	}
}

// fakeWriter is the part of a Writer diff uses: the dataset's assertions and their
// dependents.
type fakeWriter struct {
	Writer
	before map[string]string // key → hash
	kinds  map[string]store.FactKind
	deps   map[string]bool // ids another dataset uses
}

func (f *fakeWriter) Dataset(context.Context, string) (*store.DatasetInfo, error) {
	return &store.DatasetInfo{Hash: "old"}, nil
}

func (f *fakeWriter) AssertedHashes(_ context.Context, _ string, fn func(store.FactKind, string, string) error) error {
	// Twice, as a retried read would.
	for range 2 {
		for k, h := range f.before {
			if err := fn(f.kinds[k], k, h); err != nil {
				return err
			}
		}
	}
	return nil
}

func (f *fakeWriter) Dependents(_ context.Context, _ string, ids []string) (map[string][]string, error) {
	out := map[string][]string{}
	for _, id := range ids {
		if f.deps[id] {
			out["other"] = append(out["other"], id)
		}
	}
	return out, nil
}

// The diff's merge join gives what the maps of the in-memory diff gave: added, changed, same
// and retracted facts, the first ones in file order (retracted: by key).
func TestDiffMergeJoin(t *testing.T) {
	defer func(r, f int) { runBytes, maxFan = r, f }(runBytes, maxFan)
	runBytes, maxFan = 700, 3
	rng := rand.New(rand.NewPCG(1, 2))
	ds := &Dataset{ID: "d", Title: "D", Documents: []Document{{ID: "doc/a", Title: "A", Paragraphs: 1}}}
	for i := range 400 {
		ds.Entities = append(ds.Entities, Entity{ID: fmt.Sprintf("task/t%03d", rng.IntN(1000)), Type: reform.TypeTask, Name: "x"})
		if i%2 == 0 {
			ds.Relationships = append(ds.Relationships, Relationship{Type: reform.RelLeads, From: fmt.Sprintf("leader/l%d", i), To: "task/t001"})
		}
	}
	// Unique keys, as in a valid dataset.
	seen := map[string]bool{}
	ds.Entities = slices.DeleteFunc(ds.Entities, func(e Entity) bool { dup := seen[e.ID]; seen[e.ID] = true; return dup })
	facts := Facts(ds)
	w := &fakeWriter{before: map[string]string{}, kinds: map[string]store.FactKind{}, deps: map[string]bool{}}
	var wantAdded, wantChanged []string
	same := 0
	for _, f := range facts {
		switch rng.IntN(3) {
		case 0:
			wantAdded = append(wantAdded, f.Key)
		case 1:
			w.before[f.Key], w.kinds[f.Key] = "other", f.Kind
			wantChanged = append(wantChanged, f.Key)
		default:
			w.before[f.Key], w.kinds[f.Key] = f.Hash, f.Kind
			same++
		}
	}
	var wantRemoved []string
	for i := range 300 {
		k := fmt.Sprintf("task/gone%03d", i)
		if i%3 == 0 {
			k = store.RelKey(reform.RelLeads, fmt.Sprintf("leader/g%d", i), "task/t001")
			w.kinds[k] = store.KindRel
		} else {
			w.kinds[k] = store.KindNode
		}
		w.before[k] = "h"
		wantRemoved = append(wantRemoved, k)
	}
	slices.Sort(wantRemoved)
	set, err := datasetFacts(ds)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = set.close() }()
	d, err := diff(context.Background(), set, w)
	if err != nil {
		t.Fatal(err)
	}
	if d.NAdded != len(wantAdded) || d.NChanged != len(wantChanged) || d.Same != same || d.NRemoved != len(wantRemoved) {
		t.Fatalf("diff %d added, %d changed, %d same, %d removed; want %d, %d, %d, %d", d.NAdded, d.NChanged, d.Same,
			d.NRemoved, len(wantAdded), len(wantChanged), same, len(wantRemoved))
	}
	keys := func(fs []store.Fact) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Key)
		}
		return out
	}
	if got := keys(d.Added); !slices.Equal(got, wantAdded[:diffItems]) {
		t.Errorf("first added %v, want %v", got, wantAdded[:diffItems])
	}
	if got := keys(d.Changed); !slices.Equal(got, wantChanged[:diffItems]) {
		t.Errorf("first changed %v, want %v", got, wantChanged[:diffItems])
	}
	if got := keys(d.Removed); !slices.Equal(got, wantRemoved[:diffItems]) {
		t.Errorf("first removed %v, want %v", got, wantRemoved[:diffItems])
	}
	// The facts to write, read again in file order: nodes, then relationships.
	var written []string
	for _, kind := range []byte{kindNode, kindRel} {
		if err := d.eachWrite(context.Background(), kind, func(f store.Fact, r rec) error {
			written = append(written, f.Key)
			if (r.flag == 1) != (w.before[f.Key] == "other") {
				t.Errorf("%s: changed flag %d", f.Key, r.flag)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	wantWritten := slices.Concat(wantAdded, wantChanged)
	order := map[string]int{}
	for i, f := range facts {
		order[f.Key] = i
	}
	slices.SortFunc(wantWritten, func(a, b string) int { return cmp.Compare(order[a], order[b]) })
	if !slices.Equal(written, wantWritten) {
		t.Errorf("written %d facts, want %d in file order", len(written), len(wantWritten))
	}
	var retracted []string
	for _, kind := range []byte{kindRel, kindNode} {
		if err := d.eachRemoved(kind, func(f store.Fact) error { retracted = append(retracted, f.Key); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	if len(retracted) != len(wantRemoved) || !strings.Contains(retracted[0], "|") {
		t.Errorf("retracted %d (first %q), want %d, relationships first", len(retracted), retracted[0], len(wantRemoved))
	}

	// A retracted entity another dataset uses refuses the sync.
	w.deps["task/gone007"] = true
	if _, err := diff(context.Background(), set, w); !errors.Is(err, store.ErrDependents) || !strings.Contains(err.Error(), "task/gone007") {
		t.Errorf("diff with a dependent = %v", err)
	}
}

// writeBatches keeps the relationships of one from id on one worker, in order, and writes
// every item once.
func TestWriteBatches(t *testing.T) {
	var mu sync.Mutex
	worker := map[string]int{} // from → the goroutine's batch sequence owner
	var got []item
	var batches int
	owner := map[string]string{}
	err := writeBatches(context.Background(), 7, 3, true, func(chunk []item) error {
		mu.Lock()
		defer mu.Unlock()
		batches++
		if len(chunk) > 7 {
			t.Errorf("batch of %d", len(chunk))
		}
		got = append(got, chunk...)
		for _, it := range chunk {
			b := fmt.Sprint(bucketOf(it.f.From, 3))
			if o, ok := owner[it.f.From]; ok && o != b {
				t.Errorf("%s in two buckets", it.f.From)
			}
			owner[it.f.From] = b
			worker[it.f.From]++
		}
		return nil
	}, func(emit func(item) error) error {
		for i := range 500 {
			if err := emit(item{f: store.Fact{Key: fmt.Sprint(i), From: fmt.Sprint("e", i%13)}}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 500 {
		t.Errorf("%d items written, want 500", len(got))
	}
	// An error stops the feed and is returned.
	boom := errors.New("boom")
	err = writeBatches(context.Background(), 5, 2, false, func([]item) error { return boom }, func(emit func(item) error) error {
		for range 10000 {
			if err := emit(item{}); err != nil {
				return err
			}
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Errorf("writeBatches = %v, want boom", err)
	}
}

// A file changed between the validation and the write stops the write with errChanged.
func TestRereadNoticesChangedFiles(t *testing.T) {
	row := func(name string) string {
		return `{"id":"task/b","type":"Task","name":"` + name + `","sources":[{"doc":"doc/x","para":2,"quote":"乙"}]}` + "\n"
	}
	for _, tc := range []struct{ name, now string }{
		{"content changed", row("丙")},
		{"row gone", ""},
		{"row is now a relationship", `{"type":"LEADS","from":"leader/a","to":"task/b","sources":[{"doc":"doc/x","para":2,"quote":"乙"}]}` + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeNDDataset(t, map[string]string{"a.ndjson": row("乙")})
			sc, err := Scan(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = sc.Close() }()
			if err := os.WriteFile(filepath.Join(dir, "a.ndjson"), []byte(tc.now), 0o644); err != nil {
				t.Fatal(err)
			}
			facts, err := sc.set.facts.open()
			if err != nil {
				t.Fatal(err)
			}
			var wants []rec
			for {
				r, ok, err := facts.next()
				if err != nil {
					t.Fatal(err)
				}
				if !ok {
					break
				}
				wants = append(wants, rec{kind: r.kind, seq: r.seq, hash: r.hash})
			}
			facts.close()
			slices.SortFunc(wants, func(a, b rec) int { return bySeq(&a, &b) })
			err = sc.set.reread(context.Background(), &peekIter{it: &sliceIter{recs: wants}}, func(store.Fact, rec) error { return nil })
			if !errors.Is(err, errChanged) {
				t.Errorf("reread = %v, want errChanged", err)
			}
		})
	}
}
