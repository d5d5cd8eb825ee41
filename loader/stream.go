package loader

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
)

// Kinds of records (rec.kind): a node fact and a relationship fact.
const (
	kindNode byte = 'n'
	kindRel  byte = 'r'
)

func kindByte(k store.FactKind) byte {
	if k == store.KindRel {
		return kindRel
	}
	return kindNode
}

func factKind(b byte) store.FactKind {
	if b == kindRel {
		return store.KindRel
	}
	return store.KindNode
}

// The orders of the sorters:
//   - byKey: the facts (key; kind; seq: where the fact is written, see seqOf; hash; label:
//     the type; aux: a relationship's from), and the assertions the graph holds (hash);
//   - byEnd: relationship endpoints (key: the id; seq: the relationship's; end: 0 from, 1 to;
//     aux: the relationship type; line: the endpoint's line; line2: the relationship's);
//   - bySeq: endpoints resolved (flag: declared, external or unknown; label: the type), and
//     the facts to write (flag: changed);
//   - byKindKey: the facts to retract.
func byKey(a, b *rec) int {
	return cmp.Or(strings.Compare(a.key, b.key), cmp.Compare(a.kind, b.kind), cmp.Compare(a.seq, b.seq),
		strings.Compare(a.hash, b.hash))
}

func byEnd(a, b *rec) int {
	return cmp.Or(strings.Compare(a.key, b.key), cmp.Compare(a.seq, b.seq), cmp.Compare(a.end, b.end))
}

func bySeq(a, b *rec) int {
	return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(a.seq, b.seq), cmp.Compare(a.end, b.end))
}

func byKindKey(a, b *rec) int {
	return cmp.Or(cmp.Compare(a.kind, b.kind), strings.Compare(a.key, b.key))
}

// seqOf is where a row is: its file (0: the manifest's documents, then the listed files from 1)
// and its row in that file. Facts in seq order are in file order.
func seqOf(file, row int) uint64 { return uint64(file)<<32 | uint64(row) }

// Endpoint states (rec.flag of a resolved endpoint).
const (
	endDeclared byte = 'd'
	endExternal byte = 'x'
	endUnknown  byte = 'u'
)

// factSet is a dataset's content as a sync reads it: the facts sorted by key with their
// hashes (not their properties), the references to entities other datasets define, the
// counts per type, and reread, which gives the facts (with their properties) of the records
// of wants (kind, seq order) one at a time.
type factSet struct {
	id, title string
	tmp       *tempDir
	facts     *sorter // byKey
	ext       *sorter // external references, by id (key; label: the type; aux: what)
	files     []string
	counts    Summary
	reread    func(ctx context.Context, wants *peekIter, fn func(f store.Fact, w rec) error) error
	// hash and hashed: the content hash and the number of facts, once setHash computed them.
	hash   string
	hashed int
}

func (s *factSet) close() error { return s.tmp.remove() }

func (s *factSet) loc(r *rec) Location { return Location{s.files[r.file], int(r.line)} }

// datasetFacts is the factSet of a parsed dataset (Load, Plan).
func datasetFacts(ds *Dataset) (*factSet, error) {
	tmp := &tempDir{}
	s := &factSet{id: ds.ID, title: ds.Title, tmp: tmp, facts: newSorter(tmp, "facts", byKey),
		ext: newSorter(tmp, "ext", byEnd), counts: Planned(ds)}
	facts := Facts(ds)
	for i, f := range facts {
		if err := s.facts.add(rec{key: f.Key, kind: kindByte(f.Kind), seq: uint64(i), hash: f.Hash, label: f.Label}); err != nil {
			_ = tmp.remove()
			return nil, err
		}
	}
	fileIdx := map[string]int32{}
	for i, x := range ds.External {
		n, ok := fileIdx[x.Loc.File]
		if !ok {
			n = int32(len(s.files))
			fileIdx[x.Loc.File] = n
			s.files = append(s.files, x.Loc.File)
		}
		if err := s.ext.add(rec{key: x.ID, label: string(x.Type), aux: x.What, seq: uint64(i), file: n, line: int32(x.Loc.Line)}); err != nil {
			_ = tmp.remove()
			return nil, err
		}
	}
	if err := errors.Join(s.facts.finish(), s.ext.finish()); err != nil {
		_ = tmp.remove()
		return nil, err
	}
	s.reread = func(ctx context.Context, wants *peekIter, fn func(store.Fact, rec) error) error {
		for {
			w, ok, err := wants.next()
			if err != nil || !ok {
				return err
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := fn(facts[w.seq], w); err != nil {
				return err
			}
		}
	}
	return s, nil
}

// Scanned is a dataset folder that Scan has read and validated without keeping its content
// in memory: Close removes what it keeps on disk.
type Scanned struct {
	ID, Title                          string
	Documents, Entities, Relationships int
	set                                *factSet
	dir                                string
	inc                                *incremental // what ScanAgainst found, when it did not scan whole
}

// Planned is what the dataset asserts per type (as Planned of a parsed dataset).
func (s *Scanned) Planned() Summary { return s.set.counts }

// Close removes the temporary files of the scan.
func (s *Scanned) Close() error { return s.set.close() }

// Scan reads and validates the dataset in the folder dir as Parse does — the same checks,
// the same problems in the same order, a *ValidationError — but streams it: its rows are
// checked as they are read and only records of their keys, hashes and locations are kept,
// sorted on disk (see the package documentation). LoadScanned and PlanScanned read the
// content again from the files.
func Scan(dir string) (*Scanned, error) {
	root, p, manifest, files, ok, err := openDataset(dir)
	if err != nil {
		return nil, err
	}
	defer func() { _ = root.Close() }() // read only
	if !ok {
		return nil, p.ps.err()
	}
	tmp := &tempDir{}
	set := &factSet{id: p.ds.ID, title: p.ds.Title, tmp: tmp, facts: newSorter(tmp, "facts", byKey),
		ext: newSorter(tmp, "ext", byEnd), counts: newSummary(p.ds.ID), files: []string{manifest}}
	for _, f := range files {
		set.files = append(set.files, filepath.Join(dir, f.name))
	}
	sc := &scanner{p: p, set: set, root: root, files: files, ends: newSorter(tmp, "ends", byEnd)}
	if err := sc.scan(); err != nil {
		_ = tmp.remove()
		return nil, err
	}
	if err := p.ps.err(); err != nil {
		_ = tmp.remove()
		return nil, err
	}
	ds := p.ds
	set.reread = func(ctx context.Context, wants *peekIter, fn func(store.Fact, rec) error) error {
		return reread(ctx, dir, ds, files, wants, fn)
	}
	return &Scanned{ID: ds.ID, Title: ds.Title, Documents: len(ds.Documents), Entities: sc.entities,
		Relationships: sc.rels, set: set, dir: dir}, nil
}

// scanner is the state of one Scan.
type scanner struct {
	p              *parser
	set            *factSet
	root           *os.Root
	files          []listedFile
	ends           *sorter
	mu             sync.Mutex
	entities, rels int
	err            error // the first error writing the sorters
}

func (sc *scanner) fail(err error) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if sc.err == nil {
		sc.err = err
	}
}

// scan reads the files (several at a time, as Parse), then runs the checks across files.
func (sc *scanner) scan() error {
	p, set := sc.p, sc.set
	set.counts.addNodes(reform.TypeDocument, len(p.ds.Documents))
	for i, d := range p.ds.Documents {
		if d.ID == "" {
			continue
		}
		f := documentFact(d)
		if err := set.facts.add(rec{key: d.ID, kind: kindNode, seq: seqOf(0, i), hash: f.Hash,
			label: f.Label, line: int32(d.Loc.Line)}); err != nil {
			return err
		}
	}
	subs := make([]*parser, len(sc.files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(sc.files)) {
		wg.Go(func() {
			for i := range next {
				subs[i] = sc.readFile(i)
			}
		})
	}
	for i := range sc.files {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, sub := range subs {
		p.ps.addAll(&sub.ps)
	}
	if sc.err != nil {
		return sc.err
	}
	if err := errors.Join(set.facts.finish(), sc.ends.finish()); err != nil {
		return err
	}
	return sc.crossCheck()
}

// readFile reads the i-th listed file, adding the records of its rows to the sorters.
func (sc *scanner) readFile(i int) *parser {
	set := sc.set
	file := int32(i + 1)
	sub := &parser{dir: sc.p.dir, docs: sc.p.docs, ds: &Dataset{}, hashLines: true}
	sub.ps.k1 = int64(i) + 1
	counts := newSummary("")
	var entities, rels int
	add := func(s *sorter, r rec) {
		if err := s.add(r); err != nil {
			sc.fail(err)
		}
	}
	sub.onEntity = func(e Entity, row int) {
		entities++
		counts.addNodes(e.Type, 1)
		if e.ID == "" {
			return
		}
		f := entityFact(e)
		add(set.facts, rec{key: e.ID, kind: kindNode, seq: seqOf(i+1, row), hash: f.Hash, label: f.Label,
			lh: sub.lineHash, file: file, line: int32(e.Loc.Line)})
	}
	sub.onRelationship = func(r Relationship, row int) {
		rels++
		counts.addRels(r.Type, 1)
		seq := seqOf(i+1, row)
		for end, id := range []string{r.From, r.To} {
			if id == "" {
				continue
			}
			line := r.fromLoc.Line
			if end == 1 {
				line = r.toLoc.Line
			}
			add(sc.ends, rec{key: id, seq: seq, end: byte(end), aux: string(r.Type), file: file,
				line: int32(line), line2: int32(r.Loc.Line)})
		}
		if r.Type == "" || r.From == "" || r.To == "" {
			return
		}
		f := relFact(r)
		add(set.facts, rec{key: f.Key, kind: kindRel, seq: seq, hash: f.Hash, label: f.Label, aux: r.From,
			lh: sub.lineHash, file: file, line: int32(r.Loc.Line)})
	}
	if isNDJSON(sc.files[i].name) {
		sub.readNDJSON(sc.root, sc.files[i])
	} else {
		sub.readDataFile(sc.root, sc.files[i])
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.entities += entities
	sc.rels += rels
	for _, c := range counts.Entities {
		set.counts.addNodes(c.Type, c.Count)
	}
	for _, c := range counts.Relationships {
		set.counts.addRels(c.Type, c.Count)
	}
	return sub
}

// Problem phases of the checks across files (problems.err): on one line, the problems of the
// rows come first, then repeated ids, then endpoints, then repeated relationships — the order
// in which Parse finds them.
const (
	phaseRows int64 = iota
	phaseIDs
	phaseEnds
	phaseRepeats
)

// crossCheck runs the checks across files (validate) on the sorted records: repeated ids and
// relationships are runs of equal keys; the endpoints (sorted by id) are merged with the
// declared ids, then sorted back by relationship to check their types.
func (sc *scanner) crossCheck() error {
	set, ps := sc.set, &sc.p.ps
	facts, err := set.facts.open()
	if err != nil {
		return err
	}
	defer facts.close()
	ends0, err := sc.ends.open()
	if err != nil {
		return err
	}
	defer ends0.close()
	ends := &peekIter{it: ends0}
	resolved := newSorter(set.tmp, "resolved", bySeq)
	// resolve resolves the endpoints up to id (all when last): declared (with type t) when
	// their id is id and declared is true, else external or unknown.
	resolve := func(id string, t string, declared, last bool) error {
		for {
			e, ok, err := ends.peek()
			if err != nil || !ok {
				return err
			}
			if !last && e.key > id {
				return nil
			}
			_, _, _ = ends.next()
			switch et, ok := typeOfID(e.key); {
			case declared && !last && e.key == id:
				e.flag, e.label = endDeclared, t
			case ok:
				e.flag, e.label = endExternal, string(et)
				what := "relationship " + e.aux
				if e.aux == "" {
					what = "relationship"
				}
				what += ": " + []string{"from", "to"}[e.end]
				x := rec{key: e.key, label: string(et), aux: what, seq: e.seq*2 + uint64(e.end), file: e.file, line: e.line}
				if err := set.ext.add(x); err != nil {
					return err
				}
			default:
				e.flag = endUnknown
			}
			if err := resolved.add(e); err != nil {
				return err
			}
		}
	}
	var group []rec
	flush := func() error {
		if len(group) == 0 {
			return nil
		}
		first := group[0]
		if first.kind == kindNode {
			if err := resolve(first.key, first.label, true, false); err != nil {
				return err
			}
		}
		if len(group) > 1 {
			what := fmt.Sprintf("duplicate id %q", first.key)
			ps.phase = phaseIDs
			if first.kind == kindRel {
				ps.phase = phaseRepeats
				to := strings.TrimPrefix(first.key, first.label+"|"+first.aux+"|")
				what = fmt.Sprintf("relationship %s %s -> %s", first.label, first.aux, to)
			}
			ps.k1 = int64(group[1].seq)
			locs := make([]Location, len(group))
			for i := range group {
				locs[i] = set.loc(&group[i])
			}
			sc.p.reportRepeats(locs, what)
		}
		group = group[:0]
		return nil
	}
	for {
		r, ok, err := facts.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if len(group) > 0 && (group[0].key != r.key || group[0].kind != r.kind) {
			if err := flush(); err != nil {
				return err
			}
		}
		group = append(group, r)
	}
	if err := flush(); err != nil {
		return err
	}
	if err := resolve("", "", false, true); err != nil {
		return err
	}
	ends0.close()
	sc.ends.drop()
	if err := errors.Join(resolved.finish(), set.ext.finish()); err != nil {
		return err
	}
	defer resolved.drop()
	return sc.checkEnds(resolved)
}

// checkEnds checks the endpoints of each relationship (checkEndpoints), in file order.
func (sc *scanner) checkEnds(resolved *sorter) error {
	set, ps := sc.set, &sc.p.ps
	it, err := resolved.open()
	if err != nil {
		return err
	}
	defer it.close()
	ps.phase = phaseEnds
	var ends [2]*rec
	check := func() {
		from, to := ends[0], ends[1]
		ends = [2]*rec{}
		end := from
		if end == nil {
			end = to
		}
		if end == nil {
			return
		}
		ps.k1 = int64(end.seq)
		ctx := "relationship " + end.aux
		if end.aux == "" {
			ctx = "relationship"
		}
		for end, e := range []*rec{from, to} {
			if e != nil && e.flag == endUnknown {
				ps.add(set.loc(e), "%s: %s %q is not a known entity id", ctx, []string{"from", "to"}[end], e.key)
			}
		}
		if from != nil && to != nil && from.key == to.key {
			ps.add(set.loc(to), "%s: from and to are the same entity %q", ctx, from.key)
		}
		if end.aux == "" || from == nil || to == nil || from.flag == endUnknown || to.flag == endUnknown ||
			from.label == "" || to.label == "" {
			return
		}
		rt := reform.RelType(end.aux)
		if !rt.Allows(reform.EntityType(from.label), reform.EntityType(to.label)) {
			ps.add(Location{set.files[end.file], int(end.line2)}, "%s: cannot join %s %q to %s %q (allowed: %s)",
				ctx, from.label, from.key, to.label, to.key, endpointList(rt))
		}
	}
	var cur uint64
	for {
		r, ok, err := it.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if r.seq != cur {
			check()
			cur = r.seq
		}
		ends[r.end] = &r
	}
	check()
	return nil
}

// checkExternalSet checks the references of set to entities other datasets define
// (checkExternal), a chunk of references at a time.
func checkExternalSet(ctx context.Context, set *factSet, w Writer) error {
	if set.ext.len() == 0 {
		return nil
	}
	it, err := set.ext.open()
	if err != nil {
		return err
	}
	defer it.close()
	var ps problems
	var chunk []rec
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		var ids []string
		for _, x := range chunk {
			if len(ids) == 0 || ids[len(ids)-1] != x.key {
				ids = append(ids, x.key)
			}
		}
		have, err := w.EntityTypes(ctx, ids, set.id)
		if err != nil {
			return fmt.Errorf("load %s: %w", set.id, err)
		}
		for i := range chunk {
			x := &chunk[i]
			ps.k1 = int64(x.seq)
			t, ok := have[x.key]
			switch {
			case !ok:
				ps.add(set.loc(x), "%s %q is not a known entity id (not in this dataset, nor defined by another loaded dataset)", x.aux, x.key)
			case string(t) != x.label:
				ps.add(set.loc(x), "%s %q is a %s in the graph, not a %s", x.aux, x.key, t, x.label)
			}
		}
		chunk = chunk[:0]
		return nil
	}
	for {
		x, ok, err := it.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		chunk = append(chunk, x)
		if len(chunk) >= idChunk {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	return ps.err()
}

// idChunk is how many ids Load asks the graph about at a time.
const idChunk = 5000

// errChanged: a file changed between the validation and the write.
var errChanged = errors.New("the dataset changed while it was loaded (load it again)")

// reread gives fn the facts of wants (kind, seq order), reading them again from the files:
// the documents from ds, the rows of a file by their row number (the rows not wanted are
// skipped before they are decoded).
func reread(ctx context.Context, dir string, ds *Dataset, files []listedFile, wants *peekIter,
	fn func(store.Fact, rec) error) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("open dataset folder: %w", err)
	}
	defer func() { _ = root.Close() }()
	docs := map[string]*Document{}
	for i := range ds.Documents {
		if _, dup := docs[ds.Documents[i].ID]; !dup {
			docs[ds.Documents[i].ID] = &ds.Documents[i]
		}
	}
	for {
		w, ok, err := wants.peek()
		if err != nil || !ok {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		file := int(w.seq >> 32)
		if file == 0 {
			_, _, _ = wants.next()
			row := int(w.seq & 0xffffffff)
			if row >= len(ds.Documents) {
				return fmt.Errorf("%s: %w", ManifestFile, errChanged)
			}
			if err := fn(documentFact(ds.Documents[row]), w); err != nil {
				return err
			}
			continue
		}
		if file > len(files) {
			return fmt.Errorf("%w", errChanged)
		}
		if err := rereadFile(root, dir, docs, files[file-1], file, wants, fn); err != nil {
			return err
		}
	}
}

// rereadFile gives fn the facts of the rows of one file that wants (at its head) asks for.
func rereadFile(root *os.Root, dir string, docs map[string]*Document, lf listedFile, file int,
	wants *peekIter, fn func(store.Fact, rec) error) error {
	var failed error
	var cur rec
	have := false
	p := &parser{dir: dir, docs: docs, ds: &Dataset{}}
	p.want = func(row int) bool {
		if failed != nil {
			return false
		}
		if have {
			// The wanted row was not decoded as the kind it was.
			failed = errChanged
			return false
		}
		w, ok, err := wants.peek()
		if err != nil {
			failed = err
			return false
		}
		if !ok || int(w.seq>>32) != file || int(w.seq&0xffffffff) != row {
			return false
		}
		_, _, _ = wants.next()
		cur, have = w, true
		return true
	}
	take := func(f store.Fact) {
		if failed != nil {
			return
		}
		have = false
		if f.Hash != cur.hash || kindByte(f.Kind) != cur.kind {
			failed = errChanged
			return
		}
		failed = fn(f, cur)
	}
	p.onEntity = func(e Entity, _ int) { take(entityFact(e)) }
	p.onRelationship = func(r Relationship, _ int) { take(relFact(r)) }
	if isNDJSON(lf.name) {
		p.readNDJSON(root, lf)
	} else {
		p.readDataFile(root, lf)
	}
	if failed == nil && have {
		failed = errChanged
	}
	if failed == nil {
		if w, ok, err := wants.peek(); err != nil {
			failed = err
		} else if ok && int(w.seq>>32) == file {
			failed = errChanged // a wanted row is no longer there
		}
	}
	if errors.Is(failed, errChanged) {
		return fmt.Errorf("%s: %w", filepath.Join(dir, lf.name), failed)
	}
	return failed
}
