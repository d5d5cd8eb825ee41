package store

import (
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// The page of a connection (Relay's cursor connections): which rows a statement reads for it
// and how they become its edges and page information. A cursor is the position of an edge in
// the connection's order (cursor.go); `after: c` keeps the edges after position c, `before: c`
// those before it. A forward page (first, after) is the first edges of what the cursors keep,
// a backward page (last, before; plan.Page.Backward) the last ones. Both read only the rows of
// the page (and one more, to tell whether a page follows or precedes): a forward page the
// rows from its first position; a backward page with before the rows before it; a backward
// page without before — the last edges — the first rows of the reverse order, whose
// positions count back from the number of edges, which the statement counts beside them.

// window is what a statement reads for one page of a connection, and what the page is.
type window struct {
	// The statement reads at most limit rows after skip rows, in the connection's order, or,
	// when reverse, in the reverse order (from its end).
	skip, limit int64
	reverse     bool
	// size is the page size (first or last); lo the position of the first edge the cursors
	// keep (after + 1; 0 without after); hi the position the kept edges end before (before;
	// -1 without before).
	size, lo, hi int64
	backward     bool
	// extra: a backward page with before reads the row before its first edge too (when the
	// cursors keep one), which tells whether a previous page exists.
	extra bool
}

// window checks the page arguments p of a root (nested false) or relationship-field connection
// and returns the rows to read for it. A page size is between 0 and the largest limit; first
// and last together are refused (Relay discourages them; a page is taken from one end).
func (l limits) window(p plan.Page, nested bool) (window, error) {
	w := window{size: l.implicit(nested), hi: -1, backward: p.Backward()}
	if p.First != nil && p.Last != nil {
		return window{}, badInput("first and last cannot be given together: page forward with first (and after) or backward with last (and before)")
	}
	for name, n := range map[string]*int{"first": p.First, "last": p.Last} {
		if n == nil {
			continue
		}
		if *n < 0 || *n > l.maxLimit {
			return window{}, badInput("%s must be between 0 and %d, got %d", name, l.maxLimit, *n)
		}
		w.size = int64(*n)
	}
	if p.After != nil {
		o, err := decodeCursor(*p.After)
		if err != nil {
			return window{}, err
		}
		w.lo = o + 1
	}
	if p.Before != nil {
		o, err := decodeCursor(*p.Before)
		if err != nil {
			return window{}, err
		}
		w.hi = o
	}
	switch {
	case !w.backward:
		// The rows from lo, one more than the page to tell whether a next page exists, none
		// at or past before.
		w.skip, w.limit = w.lo, w.size+1
		if w.hi >= 0 {
			w.limit = min(w.limit, max(0, w.hi-w.lo))
		}
	case w.hi >= 0:
		// The rows before hi, at most size of them after lo, and the one before them.
		start := max(w.lo, w.hi-w.size)
		if w.hi <= w.lo {
			start = w.lo
		}
		w.extra = start > w.lo
		w.skip, w.limit = start, max(0, w.hi-start)
		if w.extra {
			w.skip--
			w.limit++
		}
	default:
		// The last size rows: the first of the reverse order.
		w.reverse, w.limit = true, w.size
	}
	return w, nil
}

// page fills the edges and page info of c from the n rows read for window w (total: the number
// of edges, read beside them when w.reverse): row(i) decodes the entity of row i and, on a
// relationship-field connection, its edge properties (nil on a root connection).
func page(c *plan.Connection, n int, w window, total int64, row func(i int) (reform.Entity, *plan.EdgeProperties, error)) error {
	add := func(i int, pos int64) error {
		e, props, err := row(i)
		if err != nil {
			return err
		}
		c.Edges = append(c.Edges, &plan.Edge{Cursor: encodeCursor(pos), Node: e, Properties: props})
		return nil
	}
	switch {
	case !w.backward:
		for i := 0; i < n && int64(i) < w.size; i++ {
			if err := add(i, w.lo+int64(i)); err != nil {
				return err
			}
		}
		c.PageInfo.HasNextPage = int64(n) > w.size
		c.PageInfo.HasPreviousPage = w.lo > 0
	case !w.reverse:
		first := 0
		if w.extra {
			first = 1
		}
		for i := first; i < n; i++ {
			if err := add(i, w.skip+int64(i)); err != nil {
				return err
			}
		}
		c.PageInfo.HasPreviousPage = w.extra && n > 0
		c.PageInfo.HasNextPage = true // before names an edge, which follows the page
	default:
		// Row j of the reverse order is at position total-1-j; the page is in the
		// connection's order, so the rows are taken from the last.
		for j := n - 1; j >= 0; j-- {
			if pos := total - 1 - int64(j); pos >= w.lo {
				if err := add(j, pos); err != nil {
					return err
				}
			}
		}
		c.PageInfo.HasPreviousPage = total-w.lo > w.size
	}
	if len(c.Edges) > 0 {
		c.PageInfo.StartCursor = &c.Edges[0].Cursor
		c.PageInfo.EndCursor = &c.Edges[len(c.Edges)-1].Cursor
	}
	return nil
}
