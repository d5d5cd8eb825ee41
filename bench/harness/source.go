package harness

import (
	"math/rand/v2"
	"sync"
	"sync/atomic"
)

// Source yields the request bodies a run sends, one per request. Attack's workers call Next at
// once, so a Source is safe for concurrent use.
type Source interface {
	Next() []byte
}

// Cycle is a Source that sends reqs in turn, forever.
func Cycle(reqs []Request) Source { return &cycle{reqs: reqs} }

type cycle struct {
	reqs []Request
	n    atomic.Uint64
}

func (c *cycle) Next() []byte {
	i := c.n.Add(1) - 1
	return c.reqs[i%uint64(len(c.reqs))].Body
}

// Cursor is a Source over a pool of requests that walks it from the first to the last and
// never rewinds: as long as the pool lasts, no request is sent twice. Past the end it wraps
// around to the first again, and every draw from then on is counted as a repeat (Repeats), so
// that a pool too small for a run is seen in the results rather than hidden.
type Cursor struct {
	pool  []Request
	drawn atomic.Uint64
}

// NewCursor returns a cursor at the start of pool (which must not be empty).
func NewCursor(pool []Request) *Cursor { return &Cursor{pool: pool} }

// Draw advances the cursor and returns the index in the pool of the request drawn.
func (c *Cursor) Draw() int {
	i := c.drawn.Add(1) - 1
	return int(i % uint64(len(c.pool)))
}

// Next implements Source.
func (c *Cursor) Next() []byte { return c.pool[c.Draw()].Body }

// Drawn is how many requests the cursor has given out.
func (c *Cursor) Drawn() int { return int(c.drawn.Load()) }

// Distinct is how many different requests of the pool the cursor has given out.
func (c *Cursor) Distinct() int { return min(c.Drawn(), len(c.pool)) }

// Repeats is how many of the requests given out had been given out before (0 until the pool
// is exhausted).
func (c *Cursor) Repeats() int { return max(0, c.Drawn()-len(c.pool)) }

// ZipfExponent is the exponent s of the Zipf regime's draws: P(rank k) ∝ 1/(1+k)^s. At 1.1 the
// most frequent request takes a large share and a long tail stays (web and dashboard traffic
// is commonly fitted with s near 1).
const ZipfExponent = 1.1

// Zipf is a Source that draws from a pool with a Zipf distribution over ranks (rank 0 the most
// frequent), as repeated requests of a dashboard come: a few variable sets very often, a long
// tail rarely. Rank k is the pool's k-th request counted from its end, so the requests a
// Cursor over the same pool sends first are the rarest here. The ranks are a deterministic
// sequence for a seed (which request a concurrent worker gets of it is not).
type Zipf struct {
	mu       sync.Mutex
	pool     []Request
	z        *rand.Zipf // nil for a pool of one
	seen     []bool
	drawn    int
	distinct int
}

// NewZipf returns a Zipf source over pool (which must not be empty) with exponent s (> 1)
// and the given seed.
func NewZipf(pool []Request, s float64, seed uint64) *Zipf {
	z := &Zipf{pool: pool, seen: make([]bool, len(pool))}
	if len(pool) > 1 {
		z.z = rand.NewZipf(rand.New(rand.NewPCG(seed, 0x5a1f)), s, 1, uint64(len(pool)-1))
	}
	return z
}

// Rank draws the next rank (0 is the most frequent).
func (z *Zipf) Rank() int {
	z.mu.Lock()
	defer z.mu.Unlock()
	r := 0
	if z.z != nil {
		r = int(z.z.Uint64())
	}
	i := z.index(r)
	z.drawn++
	if !z.seen[i] {
		z.seen[i] = true
		z.distinct++
	}
	return r
}

// index is the pool index of rank r.
func (z *Zipf) index(r int) int { return len(z.pool) - 1 - r }

// Next implements Source.
func (z *Zipf) Next() []byte { return z.pool[z.index(z.Rank())].Body }

// Top is the request of rank 0, the most frequent.
func (z *Zipf) Top() Request { return z.pool[z.index(0)] }

// Drawn is how many requests the source has given out.
func (z *Zipf) Drawn() int {
	z.mu.Lock()
	defer z.mu.Unlock()
	return z.drawn
}

// Distinct is how many different requests of the pool the source has given out.
func (z *Zipf) Distinct() int {
	z.mu.Lock()
	defer z.mu.Unlock()
	return z.distinct
}

// Interleave is a Source that sends from srcs in the fixed order given (each element an index
// into srcs), cycling through the order: the mix, each of its requests drawn from its
// workload's own source.
func Interleave(order []int, srcs []Source) Source { return &interleave{order: order, srcs: srcs} }

type interleave struct {
	order []int
	srcs  []Source
	n     atomic.Uint64
}

func (m *interleave) Next() []byte {
	i := m.n.Add(1) - 1
	return m.srcs[m.order[i%uint64(len(m.order))]].Next()
}
