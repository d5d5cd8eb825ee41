package loader

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/reformhub/hub/internal/reform"
)

// Summary counts what Load wrote: nodes per entity type and relationships per relationship
// type, in the fixed orders of reform.EntityTypes and reform.RelTypes (zero counts included).
type Summary struct {
	Dataset       string
	Entities      []TypeCount
	Relationships []RelTypeCount

	// What a sync did: the facts of the dataset added, changed and retracted, the facts it
	// left as they were, the changes of the graph they made (Facts; a fact another dataset
	// also asserts may not change), and the data version after it. Unchanged: the dataset's
	// content was what its last sync loaded, and nothing was written.
	Added, Changed, Removed, Same, Facts int
	Version                              int64
	Unchanged                            bool
}

// TypeCount is the number of nodes of one entity type.
type TypeCount struct {
	Type  reform.EntityType
	Count int
}

// RelTypeCount is the number of relationships of one relationship type.
type RelTypeCount struct {
	Type  reform.RelType
	Count int
}

// newSummary returns a summary of dataset with every count zero.
func newSummary(dataset string) Summary {
	s := Summary{Dataset: dataset}
	for _, t := range reform.EntityTypes {
		s.Entities = append(s.Entities, TypeCount{Type: t})
	}
	for _, t := range reform.RelTypes {
		s.Relationships = append(s.Relationships, RelTypeCount{Type: t})
	}
	return s
}

// Nodes returns the number of nodes of type t.
func (s Summary) Nodes(t reform.EntityType) int {
	for _, c := range s.Entities {
		if c.Type == t {
			return c.Count
		}
	}
	return 0
}

// Rels returns the number of relationships of type t.
func (s Summary) Rels(t reform.RelType) int {
	for _, c := range s.Relationships {
		if c.Type == t {
			return c.Count
		}
	}
	return 0
}

// TotalNodes returns the number of nodes of all types.
func (s Summary) TotalNodes() int {
	n := 0
	for _, c := range s.Entities {
		n += c.Count
	}
	return n
}

// TotalRels returns the number of relationships of all types.
func (s Summary) TotalRels() int {
	n := 0
	for _, c := range s.Relationships {
		n += c.Count
	}
	return n
}

// addNodes and addRels count n more written nodes of type t and relationships of type t.
func (s *Summary) addNodes(t reform.EntityType, n int) {
	for i := range s.Entities {
		if s.Entities[i].Type == t {
			s.Entities[i].Count += n
		}
	}
}

func (s *Summary) addRels(t reform.RelType, n int) {
	for i := range s.Relationships {
		if s.Relationships[i].Type == t {
			s.Relationships[i].Count += n
		}
	}
}

// String prints the counts as a small table: the totals, then one row per type.
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "dataset %s: %d nodes, %d relationships\n", s.Dataset, s.TotalNodes(), s.TotalRels())
	fmt.Fprintf(&b, "  sync: %d added, %d changed, %d retracted, %d unchanged; %d changes of the graph; data version %d\n",
		s.Added, s.Changed, s.Removed, s.Same, s.Facts, s.Version)
	b.WriteString("  nodes\n")
	for _, c := range s.Entities {
		fmt.Fprintf(&b, "    %-16s %7d\n", c.Type, c.Count)
	}
	b.WriteString("  relationships\n")
	for _, c := range s.Relationships {
		fmt.Fprintf(&b, "    %-16s %7d\n", c.Type, c.Count)
	}
	return b.String()
}

// Planned counts what loading ds would write, in the shape of the Summary Load returns: the
// report of `hub load --dry-run`.
// Planned returns what loading ds writes: its nodes and relationships per type.
func Planned(ds *Dataset) Summary {
	s := newSummary(ds.ID)
	s.addNodes(reform.TypeDocument, len(ds.Documents))
	for _, e := range ds.Entities {
		s.addNodes(e.Type, 1)
	}
	for _, r := range ds.Relationships {
		s.addRels(r.Type, 1)
	}
	return s
}

// Progress is an io.Writer for Options.Progress that turns Load's per-batch lines
// ("Task: 120/300 nodes") into overall progress over a known number of items, with the rate
// and the time left. On a terminal it redraws one bar line in place; elsewhere it writes one
// plain line per batch. Anything else Load writes (the final summary) goes to Rest.
type Progress struct {
	W     io.Writer // where progress goes (stderr)
	Rest  io.Writer // where other output goes (stdout); nil drops it
	Total int       // nodes and relationships to write
	TTY   bool      // redraw a bar in place
	Now   func() time.Time

	start time.Time
	done  map[string]int
	drawn bool
}

var (
	progressLine = regexp.MustCompile(`^(\w+): (\d+)/(\d+) (nodes|relationships)\n$`)
	// totalLine announces the number of changes a sync writes (the progress's total).
	totalLine = regexp.MustCompile(`^sync: (\d+) changes\n$`)
)

// NewProgress returns a Progress over ds: total is its documents, entities and relationships.
func NewProgress(w, rest io.Writer, ds *Dataset, tty bool) *Progress {
	return NewProgressOf(w, rest, len(ds.Documents)+len(ds.Entities)+len(ds.Relationships), tty)
}

// NewProgressOf returns a Progress over total items (a Scanned dataset's documents, entities
// and relationships).
func NewProgressOf(w, rest io.Writer, total int, tty bool) *Progress {
	return &Progress{W: w, Rest: rest, Total: total, TTY: tty, Now: time.Now, start: time.Now()}
}

// Write takes one message of Load.
func (p *Progress) Write(b []byte) (int, error) {
	if t := totalLine.FindSubmatch(b); t != nil {
		p.Total, _ = strconv.Atoi(string(t[1]))
		return len(b), nil
	}
	m := progressLine.FindSubmatch(b)
	if m == nil {
		if p.drawn {
			fmt.Fprintln(p.W)
			p.drawn = false
		}
		if p.Rest != nil {
			return p.Rest.Write(b)
		}
		return len(b), nil
	}
	if p.done == nil {
		p.done = map[string]int{}
	}
	if p.start.IsZero() {
		p.start = p.Now()
	}
	n, _ := strconv.Atoi(string(m[2]))
	p.done[string(m[1])] = n
	fmt.Fprint(p.W, p.line(string(b[:len(b)-1])))
	return len(b), nil
}

// line renders the progress after one batch.
func (p *Progress) line(batch string) string {
	done := 0
	for _, n := range p.done {
		done += n
	}
	total := max(p.Total, done, 1)
	elapsed := p.Now().Sub(p.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(done) / elapsed
	}
	eta := "?"
	if rate > 0 {
		eta = (time.Duration(float64(total-done) / rate * float64(time.Second))).Round(time.Second).String()
	}
	pct := done * 100 / total
	if !p.TTY {
		return fmt.Sprintf("load: %d/%d (%d%%) %.0f/s ETA %s  %s\n", done, total, pct, rate, eta, batch)
	}
	const width = 30
	filled := done * width / total
	p.drawn = true
	return fmt.Sprintf("\r[%s%s] %3d%% %d/%d  %.0f/s  ETA %-6s %-32.32s", strings.Repeat("#", filled),
		strings.Repeat(".", width-filled), pct, done, total, rate, eta, batch)
}
