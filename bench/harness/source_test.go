package harness

import (
	"fmt"
	"slices"
	"sync"
	"testing"
)

func pool(n int) []Request {
	out := make([]Request, n)
	for i := range out {
		out[i] = Request{Body: []byte(fmt.Sprint(i))}
	}
	return out
}

// TestCursorNeverRepeatsUntilThePoolIsExhausted: concurrent draws get every request of the
// pool exactly once; past the end the cursor wraps and counts each draw as a repeat.
func TestCursorNeverRepeatsUntilThePoolIsExhausted(t *testing.T) {
	const n = 1000
	c := NewCursor(pool(n))
	seen := make([]int, n)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range n / 8 {
				var i int
				if _, err := fmt.Sscan(string(c.Next()), &i); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				seen[i]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for i, k := range seen {
		if k != 1 {
			t.Fatalf("request %d sent %d times in the first %d draws", i, k, n)
		}
	}
	if c.Drawn() != n || c.Distinct() != n || c.Repeats() != 0 {
		t.Fatalf("after the pool: drawn %d, distinct %d, repeats %d", c.Drawn(), c.Distinct(), c.Repeats())
	}
	// Exhausted: the cursor goes on from the start, and says so.
	if i := c.Draw(); i != 0 {
		t.Errorf("past the end the cursor drew %d, want 0 (wrapped)", i)
	}
	c.Next()
	if c.Drawn() != n+2 || c.Distinct() != n || c.Repeats() != 2 {
		t.Errorf("after wrapping twice: drawn %d, distinct %d, repeats %d", c.Drawn(), c.Distinct(), c.Repeats())
	}
	// A cursor never rewinds: a second source over the same pool has its own position.
	d := NewCursor(pool(3))
	if d.Draw() != 0 || d.Draw() != 1 || NewCursor(pool(3)).Draw() != 0 || d.Draw() != 2 {
		t.Error("cursors do not keep their own positions")
	}
}

// TestZipfIsDeterministicAndSkewed: the same seed gives the same ranks; the most frequent
// request is drawn far more often than the median rank; rank 0 is the pool's last request.
func TestZipfIsDeterministicAndSkewed(t *testing.T) {
	const n, draws = 10_000, 100_000
	ranks := func(seed uint64) []int {
		z := NewZipf(pool(n), ZipfExponent, seed)
		out := make([]int, draws)
		for i := range out {
			out[i] = z.Rank()
		}
		return out
	}
	a, b, c := ranks(7), ranks(7), ranks(8)
	if !slices.Equal(a, b) {
		t.Fatal("two Zipf sources with one seed drew different ranks")
	}
	if slices.Equal(a, c) {
		t.Fatal("two seeds drew the same ranks")
	}
	freq := make([]int, n)
	for _, r := range a {
		if r < 0 || r >= n {
			t.Fatalf("rank %d outside the pool of %d", r, n)
		}
		freq[r]++
	}
	median := n / 2
	if freq[0] < 1000 || freq[0] < 100*max(1, freq[median]) {
		t.Errorf("rank 0 drawn %d times, the median rank %d times: not skewed", freq[0], freq[median])
	}
	if freq[0] < freq[1] || freq[1] < freq[10] || freq[10] < freq[1000] {
		t.Errorf("frequencies do not fall with the rank: %d %d %d %d", freq[0], freq[1], freq[10], freq[1000])
	}
	z := NewZipf(pool(n), ZipfExponent, 7)
	if string(z.Top().Body) != fmt.Sprint(n-1) {
		t.Errorf("the top request is %s, want the pool's last", z.Top().Body)
	}
	for range draws {
		z.Next()
	}
	if z.Drawn() != draws || z.Distinct() >= n || z.Distinct() < 100 {
		t.Errorf("drawn %d, distinct %d of %d", z.Drawn(), z.Distinct(), n)
	}
	one := NewZipf(pool(1), ZipfExponent, 1)
	if string(one.Next()) != "0" || one.Distinct() != 1 {
		t.Error("a pool of one")
	}
}

func TestInterleaveDrawsFromEachSourceInOrder(t *testing.T) {
	a, b := NewCursor(pool(10)), NewCursor(pool(10))
	m := Interleave([]int{0, 0, 1}, []Source{a, b})
	var got []string
	for range 7 {
		got = append(got, string(m.Next()))
	}
	if want := []string{"0", "1", "0", "2", "3", "1", "4"}; !slices.Equal(got, want) {
		t.Errorf("interleaved %v, want %v", got, want)
	}
	if a.Drawn() != 5 || b.Drawn() != 2 {
		t.Errorf("drawn %d and %d", a.Drawn(), b.Drawn())
	}
}
