package loader

import (
	"bufio"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"
)

// External sort: the streaming load keeps what it must match up across a dataset (ids and
// the relationships that use them, the facts and the assertions the graph holds) as records
// sorted on disk rather than in maps. A sorter holds records in memory up to runBytes, then
// sorts them and writes them as one run (a temporary file); reading merges the runs (and the
// records still in memory) in order. More than maxFan runs are first merged into fewer, so
// that a merge never holds more than maxFan read buffers, whatever the dataset's size.

// runBytes is the memory a sorter fills before it writes a run (an estimate of the records'
// size in memory); maxFan the number of runs merged at a time. Tests make them tiny.
var (
	runBytes = 16 << 20
	maxFan   = 64
)

// rec is one record of a sorter. Its fields mean what the sorter that holds it says (see
// stream.go); the comparison is the sorter's.
type rec struct {
	key, hash, label, aux string
	lh                    string // the hash of the line the fact was read from (lineHash), or ""
	seq                   uint64
	file                  int32
	line, line2           int32
	kind, end, flag       byte
}

// recOverhead is what a rec costs in memory besides its strings.
const recOverhead = 96

func (r *rec) size() int {
	return recOverhead + len(r.key) + len(r.hash) + len(r.label) + len(r.aux) + len(r.lh)
}

// appendRec appends the encoding of r to b.
func appendRec(b []byte, r *rec) []byte {
	for _, s := range []string{r.key, r.hash, r.label, r.aux, r.lh} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendUvarint(b, r.seq)
	b = binary.AppendUvarint(b, uint64(uint32(r.file)))
	b = binary.AppendUvarint(b, uint64(uint32(r.line)))
	b = binary.AppendUvarint(b, uint64(uint32(r.line2)))
	return append(b, r.kind, r.end, r.flag)
}

var errBadRun = errors.New("corrupt sort run")

// decodeRec decodes a record appendRec encoded.
func decodeRec(b []byte) (rec, error) {
	var r rec
	str := func() string {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			b = nil
			return ""
		}
		s := string(b[k : k+int(n)])
		b = b[k+int(n):]
		return s
	}
	num := func() uint64 {
		n, k := binary.Uvarint(b)
		if k <= 0 {
			b = nil
			return 0
		}
		b = b[k:]
		return n
	}
	r.key, r.hash, r.label, r.aux, r.lh = str(), str(), str(), str(), str()
	r.seq = num()
	r.file, r.line, r.line2 = int32(uint32(num())), int32(uint32(num())), int32(uint32(num()))
	if len(b) != 3 {
		return r, errBadRun
	}
	r.kind, r.end, r.flag = b[0], b[1], b[2]
	return r, nil
}

// sorter is an external sorter of recs by cmp. add may be called from several goroutines;
// finish once, after the last add; then open reads the records in order, as often as needed.
type sorter struct {
	cmp  func(a, b *rec) int
	tmp  *tempDir
	name string // for run file names

	mu    sync.Mutex
	buf   []rec
	bytes int
	runs  []string
	n     int64
}

func newSorter(tmp *tempDir, name string, cmp func(a, b *rec) int) *sorter {
	return &sorter{cmp: cmp, tmp: tmp, name: name}
}

// len returns the number of records added.
func (s *sorter) len() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

// add adds r, writing a run when the records in memory reach runBytes.
func (s *sorter) add(r rec) error {
	s.mu.Lock()
	s.buf = append(s.buf, r)
	s.bytes += r.size()
	s.n++
	if s.bytes < runBytes {
		s.mu.Unlock()
		return nil
	}
	buf := s.buf
	// The next run is about as long: no growing from nothing again.
	s.buf, s.bytes = make([]rec, 0, cap(buf)), 0
	s.mu.Unlock()
	name, err := s.writeRun(buf)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.runs = append(s.runs, name)
	s.mu.Unlock()
	return nil
}

// writeRun sorts buf and writes it as a run.
func (s *sorter) writeRun(buf []rec) (string, error) {
	return s.writeStream(&sliceIter{recs: buf, idx: s.order(buf)})
}

// order returns the indexes of buf in the sorter's order (sorting indexes rather than the
// records, which are large to move).
func (s *sorter) order(buf []rec) []int32 {
	idx := make([]int32, len(buf))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(i, j int32) int { return s.cmp(&buf[i], &buf[j]) })
	return idx
}

// writeStream writes the records of it (in order) as a run.
func (s *sorter) writeStream(it recIter) (string, error) {
	f, err := s.tmp.create(s.name)
	if err != nil {
		return "", err
	}
	w := bufio.NewWriterSize(f, 256<<10)
	var b []byte
	for {
		r, ok, err := it.next()
		if err != nil {
			_ = f.Close()
			return "", err
		}
		if !ok {
			break
		}
		b = appendRec(b[:0], &r)
		var n [binary.MaxVarintLen64]byte
		if _, err := w.Write(n[:binary.PutUvarint(n[:], uint64(len(b)))]); err != nil {
			_ = f.Close()
			return "", fmt.Errorf("write sort run: %w", err)
		}
		if _, err := w.Write(b); err != nil {
			_ = f.Close()
			return "", fmt.Errorf("write sort run: %w", err)
		}
	}
	if err := w.Flush(); err != nil {
		_ = f.Close()
		return "", fmt.Errorf("write sort run: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("write sort run: %w", err)
	}
	return f.Name(), nil
}

// finish sorts the records still in memory and merges runs until at most maxFan are left.
func (s *sorter) finish() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	idx := s.order(s.buf)
	sorted := make([]rec, len(s.buf))
	for i, k := range idx {
		sorted[i] = s.buf[k]
	}
	s.buf = sorted
	for len(s.runs) > maxFan {
		group := s.runs[:maxFan]
		it, err := s.merge(group, nil)
		if err != nil {
			return err
		}
		name, err := s.writeStream(it)
		it.close()
		if err != nil {
			return err
		}
		for _, r := range group {
			_ = os.Remove(r)
		}
		s.runs = append(slices.Clone(s.runs[maxFan:]), name)
	}
	return nil
}

// open returns the records in order (after finish).
func (s *sorter) open() (recIter, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.runs) == 0 {
		return &sliceIter{recs: s.buf}, nil
	}
	return s.merge(s.runs, s.buf)
}

// merge returns the merge of the runs and of mem (sorted).
func (s *sorter) merge(runs []string, mem []rec) (recIter, error) {
	m := &mergeIter{cmp: s.cmp}
	for _, name := range runs {
		f, err := os.Open(name)
		if err != nil {
			m.close()
			return nil, fmt.Errorf("open sort run: %w", err)
		}
		m.srcs = append(m.srcs, &runIter{f: f, r: bufio.NewReaderSize(f, 32<<10)})
	}
	if len(mem) > 0 {
		m.srcs = append(m.srcs, &sliceIter{recs: mem})
	}
	for _, src := range m.srcs {
		r, ok, err := src.next()
		if err != nil {
			m.close()
			return nil, err
		}
		if ok {
			m.h = append(m.h, head{r, src})
		}
	}
	heap.Init(m)
	return m, nil
}

// drop removes the sorter's runs and records (when they are no longer needed).
func (s *sorter) drop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.runs {
		_ = os.Remove(r)
	}
	s.runs, s.buf = nil, nil
}

// recIter reads records in order.
type recIter interface {
	next() (rec, bool, error)
	close()
}

// sliceIter reads records in memory: recs in order, or in the order of idx when set.
type sliceIter struct {
	recs []rec
	idx  []int32
	i    int
}

func (it *sliceIter) next() (rec, bool, error) {
	if it.i >= len(it.recs) {
		return rec{}, false, nil
	}
	it.i++
	if it.idx != nil {
		return it.recs[it.idx[it.i-1]], true, nil
	}
	return it.recs[it.i-1], true, nil
}

func (it *sliceIter) close() {}

// runIter reads a run file.
type runIter struct {
	f   *os.File
	r   *bufio.Reader
	buf []byte
}

func (it *runIter) next() (rec, bool, error) {
	n, err := binary.ReadUvarint(it.r)
	if errors.Is(err, io.EOF) {
		return rec{}, false, nil
	}
	if err != nil {
		return rec{}, false, fmt.Errorf("read sort run: %w", err)
	}
	if uint64(cap(it.buf)) < n {
		it.buf = make([]byte, n)
	}
	it.buf = it.buf[:n]
	if _, err := io.ReadFull(it.r, it.buf); err != nil {
		return rec{}, false, fmt.Errorf("read sort run: %w", err)
	}
	r, err := decodeRec(it.buf)
	if err != nil {
		return rec{}, false, fmt.Errorf("read sort run %s: %w", it.f.Name(), err)
	}
	return r, true, nil
}

func (it *runIter) close() { _ = it.f.Close() }

// mergeIter merges sorted sources (a heap of their next records).
type mergeIter struct {
	cmp  func(a, b *rec) int
	srcs []recIter
	h    []head
}

type head struct {
	r   rec
	src recIter
}

func (m *mergeIter) Len() int           { return len(m.h) }
func (m *mergeIter) Less(i, j int) bool { return m.cmp(&m.h[i].r, &m.h[j].r) < 0 }
func (m *mergeIter) Swap(i, j int)      { m.h[i], m.h[j] = m.h[j], m.h[i] }
func (m *mergeIter) Push(x any) {
	if h, ok := x.(head); ok {
		m.h = append(m.h, h)
	}
}
func (m *mergeIter) Pop() any {
	x := m.h[len(m.h)-1]
	m.h = m.h[:len(m.h)-1]
	return x
}

func (m *mergeIter) next() (rec, bool, error) {
	if len(m.h) == 0 {
		return rec{}, false, nil
	}
	out := m.h[0].r
	r, ok, err := m.h[0].src.next()
	if err != nil {
		return rec{}, false, err
	}
	if ok {
		m.h[0].r = r
		heap.Fix(m, 0)
	} else {
		heap.Pop(m)
	}
	return out, true, nil
}

func (m *mergeIter) close() {
	for _, s := range m.srcs {
		s.close()
	}
}

// peekIter is a recIter that can look at its next record.
type peekIter struct {
	it   recIter
	r    rec
	ok   bool
	read bool
}

func (p *peekIter) peek() (rec, bool, error) {
	if !p.read {
		r, ok, err := p.it.next()
		if err != nil {
			return rec{}, false, err
		}
		p.r, p.ok, p.read = r, ok, true
	}
	return p.r, p.ok, nil
}

func (p *peekIter) next() (rec, bool, error) {
	r, ok, err := p.peek()
	p.read = false
	return r, ok, err
}

// tempDir is a temporary folder made at its first use and removed by remove.
type tempDir struct {
	mu  sync.Mutex
	dir string
}

func (t *tempDir) create(prefix string) (*os.File, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.dir == "" {
		dir, err := os.MkdirTemp("", "hub-load-*")
		if err != nil {
			return nil, fmt.Errorf("sort: %w", err)
		}
		t.dir = dir
	}
	f, err := os.CreateTemp(t.dir, prefix+"-*")
	if err != nil {
		return nil, fmt.Errorf("sort: %w", err)
	}
	return f, nil
}

// remove removes the folder and its runs, if it was made.
func (t *tempDir) remove() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.dir == "" {
		return nil
	}
	err := os.RemoveAll(t.dir)
	t.dir = ""
	if err != nil {
		return fmt.Errorf("remove sort runs: %w", err)
	}
	return nil
}
