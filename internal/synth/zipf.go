package synth

import (
	"math"
	"math/rand/v2"
	"sort"
)

// zipf draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s: rank 0 is drawn most,
// most ranks rarely. The generator uses the rank as an entity's index, so low indexes become
// the hubs of the graph (a power-law degree distribution).
type zipf struct {
	cdf []float64 // cdf[i] = sum of the weights of ranks 0..i
}

// newZipf returns a zipf over n ranks (n >= 1) with exponent s.
func newZipf(n int, s float64) *zipf {
	cdf := make([]float64, n)
	sum := 0.0
	for i := range cdf {
		sum += 1 / math.Pow(float64(i+1), s)
		cdf[i] = sum
	}
	return &zipf{cdf: cdf}
}

// draw returns one rank.
func (z *zipf) draw(r *rand.Rand) int {
	return z.drawBelow(r, len(z.cdf))
}

// drawBelow returns one rank among 0..k-1 (1 <= k <= n), with the same relative weights.
func (z *zipf) drawBelow(r *rand.Rand, k int) int {
	u := r.Float64() * z.cdf[k-1]
	i := sort.SearchFloat64s(z.cdf[:k], u)
	return min(i, k-1)
}
