//go:build chaos

package chaos

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"
)

func envDuration(k string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(k)); err == nil && d > 0 {
		return d
	}
	return def
}

// TestSoak drives the mixed workload at a fixed rate (SOAK_RATE requests per second, default
// 20, open loop) for SOAK_DURATION (default 1m) and requires zero 5xx, zero errors, and flat
// goroutines and RSS (measured after a warm-up and after the run). `make soak` runs it.
func TestSoak(t *testing.T) {
	duration := envDuration("SOAK_DURATION", time.Minute)
	rate := envInt("SOAK_RATE", 20)
	ensureLoaded(t)
	h := startHub(t, "HUB_LOG_LEVEL=warn")

	send := func(ctx context.Context, d time.Duration) []result {
		var (
			mu  sync.Mutex
			all []result
			wg  sync.WaitGroup
		)
		tick := time.NewTicker(time.Second / time.Duration(rate))
		defer tick.Stop()
		end := time.After(d)
		for i := 0; ; i++ {
			select {
			case <-end:
				wg.Wait()
				return all
			case <-tick.C:
				q := workload[i%len(workload)]
				wg.Go(func() {
					r := h.query(ctx, q)
					mu.Lock()
					all = append(all, r)
					mu.Unlock()
				})
			}
		}
	}
	send(context.Background(), 5*time.Second) // warm-up: connections, caches, JIT
	time.Sleep(time.Second)
	g0, rss0 := h.goroutines(t), h.rssKB(t)
	gMax, rssMax := g0, rss0
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Second):
				gMax, rssMax = max(gMax, h.goroutines(t)), max(rssMax, h.rssKB(t))
			}
		}
	}()
	start := time.Now()
	results := send(context.Background(), duration)
	elapsed := time.Since(start)
	close(stop)
	<-sampled
	time.Sleep(2 * time.Second)
	g1, rss1 := h.goroutines(t), h.rssKB(t)

	var fivexx, failed int
	var slowest time.Duration
	for _, r := range results {
		slowest = max(slowest, r.end.Sub(r.start))
		if r.status >= 500 {
			fivexx++
		}
		if !r.ok() {
			failed++
			if failed <= 5 {
				t.Errorf("status %d codes %v err %v", r.status, r.codes, r.err)
			}
		}
	}
	if fivexx > 0 || failed > 0 {
		t.Errorf("%d responses with 5xx, %d failed of %d", fivexx, failed, len(results))
	}
	if g1 > g0+10 {
		t.Errorf("goroutines grew from %d to %d", g0, g1)
	}
	if rss1 > rss0*3/2+16*1024 {
		t.Errorf("RSS grew from %d to %d KiB", rss0, rss1)
	}
	t.Logf("FIGURE soak: %s at %d req/s: %d requests (%.1f/s achieved), %d 5xx, %d failed, slowest %s; "+
		"goroutines %d -> %d (max %d); RSS %d -> %d KiB (max %d)",
		duration, rate, len(results), float64(len(results))/elapsed.Seconds(), fivexx, failed,
		slowest.Round(time.Millisecond), g0, g1, gMax, rss0, rss1, rssMax)
}
