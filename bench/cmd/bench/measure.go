package main

import (
	"fmt"
	"math"
	"time"

	"github.com/reformhub/hub/bench/harness"
)

// results are the runs per job and server: closed loop and open loop, one per round.
type results struct {
	closed map[string]map[string][]harness.Run
	open   map[string]map[string][]harness.Run
	rate   map[string]float64 // the open-loop rate used per job
}

func newResults() *results {
	return &results{closed: map[string]map[string][]harness.Run{}, open: map[string]map[string][]harness.Run{},
		rate: map[string]float64{}}
}

func add(m map[string]map[string][]harness.Run, job, server string, r harness.Run) {
	if m[job] == nil {
		m[job] = map[string][]harness.Run{}
	}
	m[job][server] = append(m[job][server], r)
}

// rotated is the server order for job index i in round r: the servers that run (of hub,
// baseline, library, handwritten) shifted by i+r, so that no server always runs first (or right
// after another one's heaviest run).
func rotated(servers []harness.Server, i, r int) []harness.Server {
	out := make([]harness.Server, len(servers))
	for k := range servers {
		out[k] = servers[(k+i+r)%len(servers)]
	}
	return out
}

// sliced makes the timed run of job index i in round r on every server: c.slices slices of
// c.duration/c.slices each, the servers taking turns slice by slice, in the order of rotated
// for round r+k at slice k (with two servers: AB BA AB …), each server's slices merged into
// its run. On a machine whose speed drifts (a virtual machine's stolen time comes and goes
// over tens of seconds) a slow spell then falls on every server alike, and their ratio holds
// where back-to-back runs of the whole duration would each meet a different spell.
func sliced(c config, i, r int, attack func(s harness.Server, d time.Duration) harness.Run) map[string]harness.Run {
	n := max(1, c.slices)
	parts := map[string][]harness.Run{}
	for k := range n {
		for _, s := range rotated(c.servers, i, r+k) {
			parts[s.Name] = append(parts[s.Name], attack(s, c.duration/time.Duration(n)))
		}
	}
	out := make(map[string]harness.Run, len(parts))
	for name, runs := range parts {
		out[name] = harness.Merge(runs...)
	}
	return out
}

// measure runs every job against every server in one regime: a warm-up of each server on the
// mix, then closed loops (all rounds), then open loops at a rate per job from the closed ones.
func measure(c config, jobs []*job, st *streams) *results {
	res := newResults()
	hdr := st.regime.header()
	var mix *job
	for _, j := range jobs {
		if j.name == "mix" {
			mix = j
		}
	}
	warm := mix
	if warm == nil {
		warm = jobs[0]
	}
	name := st.regime.name
	for _, s := range c.servers {
		fmt.Printf("%s warm-up %s: %s closed loop for %s\n", name, s.Name, warm.name, c.warmup)
		harness.Attack(s, st.source(s.Name, warm), harness.Load{Workers: c.workers, Duration: c.warmup, Header: hdr})
	}
	for r := range c.repeat {
		for i, j := range jobs {
			runs := sliced(c, i, r, func(s harness.Server, d time.Duration) harness.Run {
				return harness.Attack(s, st.source(s.Name, j), harness.Load{Workers: c.workers, Duration: d, Header: hdr})
			})
			for _, s := range rotated(c.servers, i, r) {
				run := runs[s.Name]
				add(res.closed, j.name, s.Name, run)
				fmt.Printf("%s round %d %-7s %-11s closed: %7.1f req/s  %d requests, %d errors, %d cache hits %s\n",
					name, r+1, j.name, s.Name, run.Throughput(), run.Requests, run.Errors, run.Hits, run.FirstErr)
			}
		}
	}
	for _, j := range jobs {
		rate := c.rate
		if rate <= 0 {
			weakest := math.Inf(1)
			for _, s := range c.servers {
				weakest = min(weakest, medianOf(res.closed[j.name][s.Name], harness.Run.Throughput))
			}
			rate = math.Max(1, math.Floor(weakest*c.rateFraction))
		}
		res.rate[j.name] = rate
	}
	for r := range c.repeat {
		for i, j := range jobs {
			load := harness.Load{Rate: res.rate[j.name], Duration: c.duration, Header: hdr}
			runs := sliced(c, i, r, func(s harness.Server, d time.Duration) harness.Run {
				l := load
				l.Duration = d
				return harness.Attack(s, st.source(s.Name, j), l)
			})
			for _, s := range rotated(c.servers, i, r) {
				run := runs[s.Name]
				add(res.open, j.name, s.Name, run)
				fmt.Printf("%s round %d %-7s %-11s open %.0f/s: p50 %s p99 %s ms  %d errors, %d cache hits %s\n", name, r+1, j.name, s.Name,
					load.Rate, harness.Millis(run.Percentile(50)), harness.Millis(run.Percentile(99)), run.Errors, run.Hits, run.FirstErr)
			}
		}
	}
	return res
}

// statementsPerRequest is the statements the answers of runs said they ran, per answer that
// said (a response-cache hit counts 0); ok false when none said.
func statementsPerRequest(runs []harness.Run) (float64, bool) {
	var sum float64
	var said int
	for _, r := range runs {
		sum += r.Statements
		said += r.StatementsSaid
	}
	if said == 0 {
		return 0, false
	}
	return sum / float64(said), true
}

// hitRate is the share of the successful answers of runs served from a response cache.
func hitRate(runs []harness.Run) float64 {
	var hits, ok int
	for _, r := range runs {
		hits += r.Hits
		ok += r.Requests - r.Errors
	}
	if ok == 0 {
		return 0
	}
	return float64(hits) / float64(ok)
}

func medianOf(runs []harness.Run, f func(harness.Run) float64) float64 {
	xs := make([]float64, 0, len(runs))
	for _, r := range runs {
		xs = append(xs, f(r))
	}
	return harness.Median(xs)
}

func medianDur(runs []harness.Run, p float64) time.Duration {
	return time.Duration(medianOf(runs, func(r harness.Run) float64 { return float64(r.Percentile(p)) }))
}

func sumErrors(runs []harness.Run) int {
	n := 0
	for _, r := range runs {
		n += r.Errors
	}
	return n
}

func maxRSS(runs []harness.Run) (peak, end int64) {
	for _, r := range runs {
		peak = max(peak, r.RSSPeak)
		end = r.RSSEnd
	}
	return peak, end
}

// soakResult is the hub's RSS over the soak, sampled every 10 s.
type soakResult struct {
	duration time.Duration
	rate     float64
	run      harness.Run
	series   []int64
	regime   string
}

// runSoak sends the mix to the hub for c.soak in the first regime measured (its cursors go on:
// the cold regime's soak sends new variables as long as the pools last).
func runSoak(c config, jobs []*job, rr *regimeRun) *soakResult {
	var hub *harness.Server
	for i := range c.servers {
		if c.servers[i].Name == "hub" {
			hub = &c.servers[i]
		}
	}
	var mix *job
	for _, j := range jobs {
		if j.name == "mix" {
			mix = j
		}
	}
	if hub == nil || mix == nil {
		fmt.Println("soak skipped: it needs the hub and the mix")
		return nil
	}
	rate := rr.res.rate["mix"]
	fmt.Printf("soak: the mix against the hub at %.0f req/s for %s (%s regime)\n", rate, c.soak, rr.regime.name)
	sampler := harness.StartSampler(hub.PID, 10*time.Second, true)
	run := harness.Attack(harness.Server{Name: hub.Name, URL: hub.URL}, rr.st.source(hub.Name, mix),
		harness.Load{Rate: rate, Duration: c.soak, Header: rr.regime.header()})
	_, _, series := sampler.Stop()
	return &soakResult{duration: c.soak, rate: rate, run: run, series: series, regime: rr.regime.name}
}
