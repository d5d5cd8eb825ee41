//go:build chaos

package chaos

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Neo4j down when the hub starts: the hub starts, /readyz says 503, queries fail fast with
// UNAVAILABLE, and it recovers by itself within 5 s of Neo4j coming up.
func TestNeo4jDownAtStart(t *testing.T) {
	db.stop()
	h := startHub(t)
	if c := h.status("/healthz"); c != 200 {
		t.Errorf("/healthz = %d", c)
	}
	if c := h.status("/readyz"); c != 503 {
		t.Errorf("/readyz = %d with Neo4j down, want 503", c)
	}
	r := h.query(context.Background(), workload[0])
	took := r.end.Sub(r.start)
	if r.err != nil || r.status != 200 || !slices.Equal(r.codes, []string{"UNAVAILABLE"}) {
		t.Errorf("query with Neo4j down: %+v", r)
	}
	if took > 3*time.Second {
		t.Errorf("query with Neo4j down took %s, want a fast failure", took)
	}
	t.Logf("FIGURE down-at-start: query failed with UNAVAILABLE in %s", took.Round(time.Millisecond))

	db.start(t)
	up := answering(t)
	var ready, served time.Duration
	for time.Since(up) < 15*time.Second && (ready == 0 || served == 0) {
		if ready == 0 && h.status("/readyz") == 200 {
			ready = time.Since(up)
		}
		if served == 0 && h.query(context.Background(), workload[0]).ok() {
			served = time.Since(up)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if ready == 0 || served == 0 || ready > 5*time.Second || served > 5*time.Second {
		t.Errorf("after Neo4j came up: /readyz 200 after %s, first query served after %s; want both within 5s", ready, served)
	}
	t.Logf("FIGURE down-at-start: recovered /readyz in %s, first query in %s after Neo4j answered its first query",
		ready.Round(time.Millisecond), served.Round(time.Millisecond))
	ensureLoaded(t)
}

// Neo4j SIGKILLed and restarted under load: no panic, no goroutine or connection leak,
// errors only while it is down, recovery time measured.
func TestNeo4jKilledUnderLoad(t *testing.T) {
	ensureLoaded(t)
	h := startHub(t)
	const workers = 4
	warm, stop := context.WithTimeout(context.Background(), 2*time.Second)
	for _, r := range run(warm, h, workers, 20*time.Millisecond, client) {
		if !r.ok() {
			t.Fatalf("before the kill: %+v", r)
		}
	}
	stop()
	time.Sleep(500 * time.Millisecond)
	g0, c0, rss0 := h.goroutines(t), h.neo4jConns(t), h.rssKB(t)

	ctx, cancel := context.WithCancel(context.Background())
	resc := make(chan []result, 1)
	go func() { resc <- run(ctx, h, workers, 20*time.Millisecond, client) }()
	time.Sleep(2 * time.Second)
	killed := time.Now()
	db.kill(t)
	time.Sleep(3 * time.Second)
	db.start(t)
	ready := answering(t)
	time.Sleep(8 * time.Second)
	cancel()
	results := <-resc

	var failed, okAfter int
	var lastFailure, firstOK time.Time
	for _, r := range results {
		if r.err != nil || r.status >= 500 {
			t.Errorf("request at %s: status %d, %v", r.start.Sub(killed), r.status, r.err)
			continue
		}
		if r.ok() {
			if r.start.After(killed.Add(100 * time.Millisecond)) {
				okAfter++
				if firstOK.IsZero() || r.end.Before(firstOK) {
					firstOK = r.end
				}
			}
			continue
		}
		failed++
		for _, c := range r.codes {
			if c != "UNAVAILABLE" && c != "TIMEOUT" {
				t.Errorf("request at %s: code %s", r.start.Sub(killed), c)
			}
		}
		if r.end.Before(killed) {
			t.Errorf("a request failed before the kill: %+v", r)
		}
		if r.start.After(ready.Add(5 * time.Second)) {
			t.Errorf("a request started %s after Neo4j answered again failed: %v", r.start.Sub(ready), r.codes)
		}
		if r.end.After(lastFailure) {
			lastFailure = r.end
		}
	}
	recovery := max(firstOK.Sub(ready), 0)
	if failed == 0 {
		t.Error("no request failed while Neo4j was down: the kill proves nothing")
	}
	if firstOK.IsZero() || recovery > 5*time.Second {
		t.Errorf("the first request served after the restart came %s after Neo4j answered", recovery)
	}
	if okAfter == 0 {
		t.Error("no request succeeded after the restart")
	}
	select {
	case err := <-h.done:
		t.Fatalf("the hub exited: %v", err)
	default:
	}
	if strings.Contains(h.logs.String(), "panic") {
		t.Error("the hub's log mentions a panic")
	}
	// Leaks: let idle connections and goroutines settle, then compare with before the kill.
	time.Sleep(2 * time.Second)
	g1, c1, rss1 := h.goroutines(t), h.neo4jConns(t), h.rssKB(t)
	if g1 > g0+10 {
		t.Errorf("goroutines: %d before the kill, %d after", g0, g1)
	}
	// The pool grows to its cap (50) under this workload (fields resolve concurrently); the
	// connections to the killed server must all be gone.
	if c1 > 50 {
		t.Errorf("connections to Neo4j: %d before the kill, %d after; the pool's cap is 50", c0, c1)
	}
	if dead := h.deadConns(t); dead > 0 {
		t.Errorf("%d connections to the killed Neo4j are still held (CLOSE_WAIT)", dead)
	}
	t.Logf("FIGURE kill-under-load: %d requests, %d failed (UNAVAILABLE/TIMEOUT) while down, 0 5xx; down %s; "+
		"first success %s after Neo4j answered again, last failure at %s; goroutines %d -> %d; "+
		"Neo4j connections %d -> %d; RSS %d -> %d KiB",
		len(results), failed, ready.Sub(killed).Round(time.Millisecond), recovery.Round(time.Millisecond),
		lastFailure.Sub(ready).Round(time.Millisecond), g0, g1, c0, c1, rss0, rss1)
}

// Connection pool exhausted: the pool (one connection) stays contended for seconds by more
// workers than the in-flight cap. Requests beyond the cap get 503 RATE_LIMITED at once;
// requests within it that find no free connection within NEO4J_ACQUIRE_TIMEOUT (after the
// driver's one retry) get 503 RATE_LIMITED "overloaded" with Retry-After — overload, not
// UNAVAILABLE; every wait is bounded, nothing hangs, and the hub serves normally afterwards.
func TestPoolExhausted(t *testing.T) {
	ensureLoaded(t)
	h := startHub(t, "NEO4J_MAX_POOL_SIZE=1", "NEO4J_ACQUIRE_TIMEOUT=200ms", "HUB_MAX_IN_FLIGHT=24",
		"HUB_REQUEST_TIMEOUT=5s")
	// 24 requests in flight on one connection: a statement queues behind many others, longer
	// than the acquisition timeout, on its first attempt and on the driver's retry.
	const workers, burst = 32, 6 * time.Second
	q := `{ neighborhood(id: "department/dongying-city", depth: 3, limit: 500) { nodes { id sources { quote document { title } } } relationships { type sources { quote } } } }`
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		results []result
	)
	start := time.Now()
	for range workers {
		wg.Go(func() {
			for time.Since(start) < burst {
				r := h.query(context.Background(), q)
				mu.Lock()
				results = append(results, r)
				mu.Unlock()
				if r.status == http.StatusServiceUnavailable {
					time.Sleep(10 * time.Millisecond) // a short back-off, as a client would
				}
			}
		})
	}
	wg.Wait()
	var ok, capped, pool, partial, timedOut int
	var longest, longestPool, shortestPool time.Duration
	for _, r := range results {
		took := r.end.Sub(r.start)
		longest = max(longest, took)
		switch {
		case r.err != nil:
			t.Errorf("transport error: %v", r.err)
		case r.status == http.StatusServiceUnavailable:
			// One error, or one per field whose statement found no connection — all RATE_LIMITED.
			if len(r.codes) == 0 || slices.ContainsFunc(r.codes, func(c string) bool { return c != "RATE_LIMITED" }) || r.retryAfter == "" {
				t.Errorf("503 without RATE_LIMITED and Retry-After: codes %v, Retry-After %q", r.codes, r.retryAfter)
			} else if strings.Contains(r.messages[0], "in flight") {
				capped++
			} else if strings.Contains(r.messages[0], "overloaded") {
				pool++
				longestPool = max(longestPool, took)
				if shortestPool == 0 || took < shortestPool {
					shortestPool = took
				}
			} else {
				t.Errorf("503 with message %q", r.messages[0])
			}
		case r.ok():
			ok++
		case r.status == 200 && r.hasData && !slices.ContainsFunc(r.codes, func(c string) bool { return c != "RATE_LIMITED" }):
			partial++ // some fields served, others overloaded
		case r.status == 200 && slices.Contains(r.codes, "TIMEOUT") &&
			!slices.ContainsFunc(r.codes, func(c string) bool { return c != "TIMEOUT" && c != "RATE_LIMITED" }):
			// Ran into HUB_REQUEST_TIMEOUT while its statements queued (one error per field
			// whose statement was cut off): bounded too.
			timedOut++
		default:
			t.Errorf("status %d codes %v (Retry-After %q)", r.status, r.codes, r.retryAfter)
		}
	}
	if longest > 7*time.Second {
		t.Errorf("a request waited %s; the bound is the request timeout (5s) plus slack", longest)
	}
	if capped == 0 {
		t.Error("no 503 RATE_LIMITED from the in-flight cap")
	}
	if pool == 0 {
		t.Error("no 503 RATE_LIMITED from the exhausted pool")
	}
	if shortestPool > 0 && shortestPool < 200*time.Millisecond {
		t.Errorf("a pool 503 came after %s, before the acquisition timeout", shortestPool)
	}
	if ok == 0 {
		t.Error("no request was served")
	}
	if r := h.query(context.Background(), workload[0]); !r.ok() {
		t.Errorf("after the burst: %+v", r)
	}
	if c := h.neo4jConns(t); c > 1 {
		t.Errorf("%d connections to Neo4j with a pool of 1", c)
	}
	t.Logf("FIGURE pool-exhausted: %d workers for %s, pool 1, in-flight cap 24, acquisition timeout 200ms: %d requests: "+
		"%d served, %d 503 RATE_LIMITED from the in-flight cap, %d 503 RATE_LIMITED from the pool (waits %s-%s), "+
		"%d 200 with partial data, %d TIMEOUT at the 5s deadline; longest wait %s; burst over in %s",
		workers, burst, len(results), ok, capped, pool, shortestPool.Round(time.Millisecond), longestPool.Round(time.Millisecond),
		partial, timedOut, longest.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}

// The hub gets SIGTERM under load: the requests in flight finish with their data, new
// connections are refused, the driver closes and the process exits 0.
//
// In flight for certain is a heavy request (a nested query of several hundred statements,
// seconds long) sent well before the signal; light requests from four workers run around it
// too — those sent within a second before the signal may not have been accepted yet and may
// be refused by the closing listener, which is correct.
func TestHubSIGTERMUnderLoad(t *testing.T) {
	ensureLoaded(t)
	h := startHub(t, "HUB_MAX_COMPLEXITY=9000000000000000000", "NEO4J_MAX_POOL_SIZE=200", "HUB_SHUTDOWN_TIMEOUT=60s")
	heavy := `{ tasks(limit: 1000) { id departments(limit: 1000) { id tasks(limit: 1000) { id departments(limit: 1000) { id name } } } } }`
	var alone time.Duration // of a warm run: the first one also fills Neo4j's caches
	for range 2 {
		single := h.query(context.Background(), heavy)
		if !single.ok() {
			t.Fatalf("the heavy query alone: %+v", single)
		}
		alone = single.end.Sub(single.start)
	}

	ctx, cancel := context.WithCancel(context.Background())
	resc := make(chan []result, 1)
	go func() { resc <- run(ctx, h, 4, 10*time.Millisecond, noKeepAlive) }()
	const heavies = 1
	heavyc := make(chan result, heavies)
	for range heavies {
		go func() { heavyc <- h.query(context.Background(), heavy) }()
	}
	time.Sleep(max(min(alone/4, 300*time.Millisecond), 50*time.Millisecond))
	sigterm := time.Now()
	if err := h.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	var exitErr error
	select {
	case exitErr = <-h.done:
		h.done <- exitErr // for the cleanup
	case <-time.After(90 * time.Second):
		t.Fatal("the hub did not exit within 90s of SIGTERM")
	}
	exited := time.Since(sigterm)
	cancel()
	results := <-resc
	inFlight := 0
	for range heavies {
		r := <-heavyc
		if !r.end.After(sigterm) {
			t.Errorf("a heavy request ended before SIGTERM (after %s); raise its weight", r.end.Sub(r.start))
			continue
		}
		inFlight++
		if !r.ok() {
			t.Errorf("a heavy request in flight at SIGTERM: status %d codes %v err %v", r.status, r.codes, r.err)
		}
	}
	before, refused := 0, 0
	for _, r := range results {
		switch {
		case r.end.Before(sigterm):
			before++
			if !r.ok() {
				t.Errorf("before SIGTERM: %+v", r)
			}
		case r.start.Before(sigterm.Add(-time.Second)):
			inFlight++
			if !r.ok() {
				t.Errorf("a request in flight at SIGTERM: status %d codes %v err %v", r.status, r.codes, r.err)
			}
		default:
			if r.err != nil {
				refused++
			} else if !r.ok() {
				t.Errorf("a request at SIGTERM: status %d codes %v", r.status, r.codes)
			}
		}
	}
	if exitErr != nil {
		t.Errorf("hub exit: %v", exitErr)
	}
	logs := h.logs.String()
	if !strings.Contains(logs, `"msg":"shutting down"`) || !strings.Contains(logs, `"msg":"stopped"`) ||
		strings.Contains(logs, "closing the neo4j driver") || strings.Contains(logs, "panic") {
		t.Errorf("shutdown log:\n%s", tail(logs, 2000))
	}
	if resp, err := http.Get(h.addr + "/healthz"); err == nil {
		_ = resp.Body.Close()
		t.Error("the hub still accepts connections after exiting")
	}
	t.Logf("FIGURE sigterm: heavy request alone %s; %d light requests served before SIGTERM; %d requests in flight "+
		"at SIGTERM (%d heavy) all completed with data; %d light requests sent around/after it refused; exited 0 %s after SIGTERM",
		alone.Round(time.Millisecond), before, inFlight, heavies, refused, exited.Round(time.Millisecond))
}
