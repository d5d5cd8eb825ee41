package loader

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math/bits"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
)

// The incremental scan (ScanAgainst). The manifest the graph holds of a loaded dataset records,
// for each fact read from a line of its own, the hash of that line (lineHash). A sync reads
// the manifest first and hashes every line of the files: a line whose hash is in the manifest
// states the fact it stated then, which was valid then, so it is neither decoded nor checked
// again. Only the other lines (and the documents) are decoded and checked, and only the checks
// across files that a changed line can break are run again, against the manifest: repeated
// ids and relationships, relationship endpoints (declared, typed as the relationship allows,
// or defined by another loaded dataset), entities retracted while an unchanged relationship
// still uses them. The diff, the counts and the content hash come out of one merge of the
// manifest with the decoded facts, both by key.
//
// Whatever the incremental scan cannot settle — a problem in a decoded line, a line found
// twice, a document changed or retracted, a retracted entity still used, more changed lines
// than maxIncrementalDecoded, a manifest without line hashes or larger than
// maxIncrementalFacts, a first load — it leaves to the full Scan, which reports problems
// exactly as always. The result is the same either way: the same diff, the same manifest,
// the same content hash (TestIncrementalScanAgrees).

// maxIncrementalFacts is the largest manifest the incremental scan takes: it keeps about 30
// bytes per fact in memory (the line hash, the fact's place in the manifest, a slot of the
// hash index of the line hashes, whether its line was found).
const maxIncrementalFacts = 1 << 22

// maxIncrementalDecoded is the most rows the incremental scan decodes (changed lines and rows
// of YAML data files): it keeps a small record of each in memory.
var maxIncrementalDecoded int64 = 100_000

// lineEnt is a line hash of the manifest and the index of its fact in the manifest.
type lineEnt struct {
	h [store.LineHashBytes]byte
	i uint32
}

// errNotIncremental: the incremental scan leaves this dataset to the full scan.
var errNotIncremental = errors.New("not incremental")

// incremental is what the incremental scan found: the diff to apply (its set, facts: the
// manifest after the sync) and the endpoints to check against the graph.
type incremental struct {
	d        *Diff
	external []ExternalRef // endpoints of decoded relationships the dataset does not declare
	since    int64         // the data version of the manifest
	reused   int           // lines found unchanged
}

// ScanAgainst validates the dataset in the folder dir as Scan does, decoding only the lines
// that changed since the dataset's last sync when the graph w holds a manifest with line hashes
// (see above); otherwise, or when the incremental scan cannot settle something, it runs Scan.
// LoadScanned and PlanScanned of the result sync the graph with the folder as after Scan.
func ScanAgainst(ctx context.Context, dir string, w Writer) (*Scanned, error) {
	inc, sc, err := scanIncremental(ctx, dir, w)
	switch {
	case errors.Is(err, errNotIncremental):
		return Scan(dir)
	case err != nil:
		return nil, err
	}
	sc.inc = inc
	return sc, nil
}

// Reused is the number of lines the incremental scan found unchanged since data version Since
// (0 after a full scan).
func (s *Scanned) Reused() (lines int, since int64) {
	if s.inc == nil {
		return 0, 0
	}
	return s.inc.reused, s.inc.since
}

// scanIncremental is the incremental scan of dir against the graph (errNotIncremental when
// it leaves the folder to Scan).
func scanIncremental(ctx context.Context, dir string, w Writer) (*incremental, *Scanned, error) {
	root, p, _, files, ok, err := openDataset(dir)
	if err != nil {
		return nil, nil, err
	}
	defer func() { _ = root.Close() }() // read only
	if !ok || p.ps.err() != nil || p.ds.ID == "" {
		return nil, nil, errNotIncremental
	}
	info, err := w.Dataset(ctx, p.ds.ID)
	if err != nil {
		return nil, nil, fmt.Errorf("load %s: %w", p.ds.ID, err)
	}
	if info == nil {
		return nil, nil, errNotIncremental
	}
	tmp := &tempDir{}
	inc, sc, err := (&incScan{p: p, root: root, files: files, tmp: tmp, dir: dir, info: info}).run(ctx, w)
	if err != nil {
		_ = tmp.remove()
		return nil, nil, err
	}
	return inc, sc, nil
}

// incScan is the state of one incremental scan.
type incScan struct {
	p     *parser
	root  *os.Root
	files []listedFile
	tmp   *tempDir
	dir   string
	info  *store.DatasetInfo

	before  *sorter   // the manifest, byKey (seq: the fact's index in it)
	table   []lineEnt // its line hashes
	slots   []uint32  // an open-addressing index of table: 1 + the entry's index, 0 for none
	entries int       // its facts
	hit     []bool    // by index: the fact's line is in the files

	mu       sync.Mutex
	decoded  []rec // the facts of decoded rows and documents (seq, as Scan gives it)
	ends     []relEnds
	ndecoded atomic.Int64
}

// relEnds are the endpoints of a decoded relationship.
type relEnds struct {
	typ      reform.RelType
	from, to string
	loc      Location
}

func (s *incScan) run(ctx context.Context, w Writer) (*incremental, *Scanned, error) {
	ds := s.p.ds
	if err := s.readManifest(ctx, w); err != nil {
		return nil, nil, err
	}
	if err := s.readFiles(); err != nil {
		return nil, nil, err
	}
	for i, d := range ds.Documents {
		f := documentFact(d)
		s.decoded = append(s.decoded, rec{key: d.ID, kind: kindNode, seq: seqOf(0, i), hash: f.Hash, label: f.Label})
	}
	slices.SortFunc(s.decoded, func(a, b rec) int {
		return cmp.Or(strings.Compare(a.key, b.key), cmp.Compare(a.kind, b.kind))
	})
	for i := 1; i < len(s.decoded); i++ {
		if s.decoded[i].key == s.decoded[i-1].key && s.decoded[i].kind == s.decoded[i-1].kind {
			return nil, nil, errNotIncremental // repeated: Scan reports it
		}
	}
	set := &factSet{id: ds.ID, title: ds.Title, tmp: s.tmp, facts: newSorter(s.tmp, "facts", byKey),
		ext: newSorter(s.tmp, "ext", byEnd), counts: newSummary(ds.ID)}
	d := &Diff{Dataset: ds.ID, Title: ds.Title, set: set, info: s.info, Version: s.info.Version,
		writes: newSorter(s.tmp, "writes", bySeq), removed: newSorter(s.tmp, "removed", byKindKey)}
	external, err := s.merge(d)
	if err != nil {
		return nil, nil, err
	}
	if err := errors.Join(set.facts.finish(), set.ext.finish(), d.writes.finish(), d.removed.finish()); err != nil {
		return nil, nil, err
	}
	s.before.drop()
	files := s.files
	dir := s.dir
	set.reread = func(ctx context.Context, wants *peekIter, fn func(store.Fact, rec) error) error {
		return reread(ctx, dir, ds, files, wants, fn)
	}
	if d.Hash == s.info.Hash {
		d.Unchanged, d.Same = true, set.hashed
	}
	reused := 0
	for _, h := range s.hit {
		if h {
			reused++
		}
	}
	sc := &Scanned{ID: ds.ID, Title: ds.Title, Documents: len(ds.Documents),
		Entities: set.counts.TotalNodes() - len(ds.Documents), Relationships: set.counts.TotalRels(), set: set, dir: s.dir}
	return &incremental{d: d, external: external, since: s.info.Version, reused: reused}, sc, nil
}

// readManifest reads the dataset's manifest into before and its line hashes into table.
func (s *incScan) readManifest(ctx context.Context, w Writer) error {
	s.before = newSorter(s.tmp, "before", byKey)
	tooLarge := errors.New("manifest too large")
	found, lines, err := w.ReadManifest(ctx, s.p.ds.ID, func(e store.ManifestEntry) error {
		if s.entries >= maxIncrementalFacts {
			return tooLarge
		}
		if len(e.Line) == store.LineHashBytes {
			var le lineEnt
			copy(le.h[:], e.Line)
			le.i = uint32(s.entries)
			s.table = append(s.table, le)
		}
		err := s.before.add(rec{key: e.Key, kind: kindByte(e.Kind), hash: e.Hash, lh: e.Line, seq: uint64(s.entries)})
		s.entries++
		return err
	})
	switch {
	case errors.Is(err, tooLarge):
		return errNotIncremental
	case err != nil:
		return fmt.Errorf("load %s: %w", s.p.ds.ID, err)
	case !found || !lines || len(s.table) == 0:
		return errNotIncremental
	}
	size := 1 << bits.Len(uint(2*len(s.table)))
	s.slots = make([]uint32, size)
	mask := uint64(size - 1)
	for i := range s.table {
		h := &s.table[i].h
		for slot := binary.LittleEndian.Uint64(h[:8]) & mask; ; slot = (slot + 1) & mask {
			at := s.slots[slot]
			if at == 0 {
				s.slots[slot] = uint32(i) + 1
				break
			}
			if s.table[at-1].h == *h {
				return errNotIncremental // two facts of one line: not a manifest a sync wrote
			}
		}
	}
	s.hit = make([]bool, s.entries)
	return s.before.finish()
}

// lookup returns the manifest index of the fact whose line hash is h.
func (s *incScan) lookup(h string) (int, bool) {
	if len(h) != store.LineHashBytes {
		return 0, false
	}
	mask := uint64(len(s.slots) - 1)
	for slot := binary.LittleEndian.Uint64([]byte(h[:8])) & mask; ; slot = (slot + 1) & mask {
		at := s.slots[slot]
		if at == 0 {
			return 0, false
		}
		if e := &s.table[at-1]; string(e.h[:]) == h {
			return int(e.i), true
		}
	}
}

// readFiles reads the listed files (several at a time), marking the facts of unchanged lines
// hit and decoding the other rows.
func (s *incScan) readFiles() error {
	next := make(chan int)
	var wg sync.WaitGroup
	var failed atomic.Bool
	hits := make([][]int, len(s.files))
	for range min(runtime.GOMAXPROCS(0), len(s.files)) {
		wg.Go(func() {
			for i := range next {
				if failed.Load() {
					continue
				}
				h, ok := s.readFile(i)
				if !ok {
					failed.Store(true)
				}
				hits[i] = h
			}
		})
	}
	for i := range s.files {
		next <- i
	}
	close(next)
	wg.Wait()
	if failed.Load() {
		return errNotIncremental
	}
	for _, hs := range hits {
		for _, i := range hs {
			if s.hit[i] {
				return errNotIncremental // the same line twice: Scan reports the repeat
			}
			s.hit[i] = true
		}
	}
	return nil
}

// readFile reads the i-th listed file: the indexes of the facts whose lines it holds
// unchanged, and false when it holds a problem or too many changed rows.
func (s *incScan) readFile(i int) ([]int, bool) {
	file := s.files[i]
	sub := &parser{dir: s.p.dir, docs: s.p.docs, ds: &Dataset{}}
	var hits []int
	var decoded []rec
	var ends []relEnds
	over := false
	if isNDJSON(file.name) {
		sub.hashLines = true
		sub.want = func(int) bool {
			if over {
				return false
			}
			if at, ok := s.lookup(sub.lineHash); ok {
				hits = append(hits, at)
				return false
			}
			if s.ndecoded.Add(1) > maxIncrementalDecoded {
				over = true
				return false
			}
			return true
		}
	}
	sub.onEntity = func(e Entity, row int) {
		f := entityFact(e)
		decoded = append(decoded, rec{key: e.ID, kind: kindNode, seq: seqOf(i+1, row), hash: f.Hash, label: f.Label,
			lh: sub.lineHash})
	}
	sub.onRelationship = func(r Relationship, row int) {
		f := relFact(r)
		decoded = append(decoded, rec{key: f.Key, kind: kindRel, seq: seqOf(i+1, row), hash: f.Hash, label: f.Label,
			aux: r.From, lh: sub.lineHash})
		ends = append(ends, relEnds{typ: r.Type, from: r.From, to: r.To, loc: r.Loc})
	}
	if isNDJSON(file.name) {
		sub.readNDJSON(s.root, file)
	} else {
		sub.readDataFile(s.root, file)
		if s.ndecoded.Add(int64(len(decoded))) > maxIncrementalDecoded {
			over = true
		}
	}
	if over || sub.ps.err() != nil {
		return nil, false
	}
	for _, r := range decoded {
		if r.key == "" || (r.kind == kindRel && (r.label == "" || r.aux == "")) {
			return nil, false
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.decoded = append(s.decoded, decoded...)
	s.ends = append(s.ends, ends...)
	return hits, true
}

// merge merges the manifest (before) with the decoded facts, by key: a fact of an unchanged line
// stays; a decoded fact is the same, changed or added; a fact of the manifest neither hit nor
// decoded is retracted. It fills d (the writes, the retractions, the counts), the manifest
// after the sync (d.set.facts), the content hash and the counts, and checks the endpoints of
// the decoded relationships; it returns the endpoints the dataset does not declare.
func (s *incScan) merge(d *Diff) ([]ExternalRef, error) {
	set := d.set
	it, err := s.before.open()
	if err != nil {
		return nil, err
	}
	defer it.close()
	was := &peekIter{it: it}
	// The endpoints of decoded relationships, sorted: their types once found declared.
	ids := make([]string, 0, 2*len(s.ends))
	for _, e := range s.ends {
		ids = append(ids, e.from, e.to)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	declared := make(map[string]reform.EntityType, len(ids))
	next := 0
	present := func(key, label string) {
		for next < len(ids) && ids[next] < key {
			next++
		}
		if next < len(ids) && ids[next] == key {
			declared[key] = reform.EntityType(label)
		}
	}
	h := sha256.New()
	h.Write([]byte(set.title + "\x00"))
	var added, changed []rec
	var gone map[string]bool
	n := 0
	keep := func(r rec) error {
		n++
		h.Write([]byte(r.key + "\x00" + r.hash + "\n"))
		if r.kind == kindNode {
			set.counts.addNodes(reform.EntityType(r.label), 1)
			present(r.key, r.label)
		} else {
			set.counts.addRels(reform.RelType(r.label), 1)
		}
		return set.facts.add(r)
	}
	write := d.write
	di := 0
	for {
		b, okb, err := was.peek()
		if err != nil {
			return nil, err
		}
		var dec *rec
		if di < len(s.decoded) {
			dec = &s.decoded[di]
		}
		if !okb && dec == nil {
			break
		}
		c := 1 // the manifest's fact comes first (-1), the decoded one (1), or both (0)
		if okb {
			c = -1
			if dec != nil {
				c = cmp.Or(strings.Compare(b.key, dec.key), cmp.Compare(b.kind, dec.kind))
			}
		}
		switch {
		case c < 0 && s.hit[b.seq]:
			_, _, _ = was.next()
			f := factOfKey(factKind(b.kind), b.key)
			b.label, b.aux = f.Label, f.From
			d.Same++
			if err := keep(b); err != nil {
				return nil, err
			}
		case c < 0:
			_, _, _ = was.next()
			if b.kind == kindNode && factOfKey(store.KindNode, b.key).Label == string(reform.TypeDocument) {
				return nil, errNotIncremental // a document retracted: its evidence may be used by unchanged lines
			}
			if b.kind == kindNode {
				if gone == nil {
					gone = map[string]bool{}
				}
				gone[b.key] = true
			}
			if err := d.remove(b); err != nil {
				return nil, err
			}
		case c == 0 && s.hit[b.seq]:
			return nil, errNotIncremental // declared by an unchanged line and a changed one: Scan reports it
		case c == 0:
			_, _, _ = was.next()
			di++
			if b.hash == dec.hash {
				d.Same++
			} else {
				if dec.seq>>32 == 0 {
					return nil, errNotIncremental // a document changed: unchanged lines may cite it
				}
				d.NChanged++
				if err := write(*dec, 1, &changed); err != nil {
					return nil, err
				}
			}
			if err := keep(*dec); err != nil {
				return nil, err
			}
		default:
			di++
			d.NAdded++
			if err := write(*dec, 0, &added); err != nil {
				return nil, err
			}
			if err := keep(*dec); err != nil {
				return nil, err
			}
		}
	}
	d.Added, d.Changed = shownFacts(added), shownFacts(changed)
	set.hash, set.hashed = hex.EncodeToString(h.Sum(nil)[:16]), n
	d.Hash = set.hash
	if len(gone) > 0 {
		if err := s.checkGone(gone); err != nil {
			return nil, err
		}
	}
	return s.checkEnds(declared, gone)
}

// checkGone leaves the scan to Scan when a relationship of an unchanged line uses an entity the
// sync retracts (Scan resolves it against the graph or reports it).
func (s *incScan) checkGone(gone map[string]bool) error {
	it, err := s.before.open()
	if err != nil {
		return err
	}
	defer it.close()
	for {
		b, ok, err := it.next()
		if err != nil || !ok {
			return err
		}
		if b.kind != kindRel || !s.hit[b.seq] {
			continue
		}
		if f := factOfKey(store.KindRel, b.key); gone[f.From] || gone[f.To] {
			return errNotIncremental
		}
	}
}

// checkEnds checks the endpoints of the decoded relationships as Scan does; the endpoints the
// dataset does not declare are returned, to be checked against the graph.
func (s *incScan) checkEnds(declared map[string]reform.EntityType, gone map[string]bool) ([]ExternalRef, error) {
	var external []ExternalRef
	for _, e := range s.ends {
		if e.from == e.to {
			return nil, errNotIncremental
		}
		var types [2]reform.EntityType
		for end, id := range []string{e.from, e.to} {
			if t, ok := declared[id]; ok {
				types[end] = t
				continue
			}
			t, ok := typeOfID(id)
			if !ok || gone[id] {
				return nil, errNotIncremental
			}
			types[end] = t
			external = append(external, ExternalRef{ID: id, Type: t, Loc: e.loc,
				What: "relationship " + string(e.typ) + ": " + []string{"from", "to"}[end]})
		}
		if !e.typ.Allows(types[0], types[1]) {
			return nil, errNotIncremental
		}
	}
	return external, nil
}

// checkIncremental checks, under the sync lock, what the incremental scan left to the graph:
// the dataset is still at the version the scan read, and the endpoints it does not declare
// are entities other datasets define (errNotIncremental otherwise: Scan reports them).
func checkIncremental(ctx context.Context, inc *incremental, w Writer) error {
	d := inc.d
	info, err := w.Dataset(ctx, d.Dataset)
	if err != nil {
		return fmt.Errorf("load %s: %w", d.Dataset, err)
	}
	if info == nil || info.Version != inc.since || info.Hash != d.info.Hash {
		return errNotIncremental // another sync of the dataset came first
	}
	for chunk := range slices.Chunk(inc.external, idChunk) {
		ids := make([]string, len(chunk))
		for i, x := range chunk {
			ids[i] = x.ID
		}
		have, err := w.EntityTypes(ctx, ids, d.Dataset)
		if err != nil {
			return fmt.Errorf("load %s: %w", d.Dataset, err)
		}
		for _, x := range chunk {
			if t, ok := have[x.ID]; !ok || t != x.Type {
				return errNotIncremental
			}
		}
	}
	return nil
}
