package main

import (
	"fmt"
	"hash/fnv"
	"net/http"
	"strings"

	"github.com/reformhub/hub/bench/harness"
)

// regime is one way of drawing the requests' variables (BENCH_REGIME), each measured in a
// section of its own:
//
//   - cold: every request's variables are new to the server they go to (each (server,
//     workload) walks its workload's pool with a cursor that never rewinds, over the whole run:
//     the check, the warm-up, every round, the mix), and every request carries
//     Cache-Control: no-cache, which the hub's response cache honours (no lookup) and the
//     other servers ignore: a response cache can never hit, also for the workloads without
//     variables (counts, rows);
//   - zipf: the variables drawn from the same pools with a Zipf distribution (s =
//     harness.ZipfExponent, a fixed seed per workload, the same sequence for every server),
//     as a dashboard sends them, without the header: the hub's response cache helps.
type regime struct {
	name string
	// noCache: every request carries Cache-Control: no-cache.
	noCache bool
}

var (
	coldRegime = regime{name: "cold", noCache: true}
	zipfRegime = regime{name: "zipf"}
)

// parseRegimes reads BENCH_REGIME: cold, zipf or both ("" is both), in that order.
func parseRegimes(s string) ([]regime, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "both":
		return []regime{coldRegime, zipfRegime}, nil
	case "cold":
		return []regime{coldRegime}, nil
	case "zipf":
		return []regime{zipfRegime}, nil
	}
	return nil, fmt.Errorf("BENCH_REGIME %q: want cold, zipf or both", s)
}

// header is the extra header of every request of the regime: Cache-Control: no-cache in the
// cold regime, none in the Zipf one.
func (r regime) header() http.Header {
	if r.noCache {
		return http.Header{"Cache-Control": []string{"no-cache"}}
	}
	return nil
}

// title is the regime's section heading in the results.
func (r regime) title() string {
	if r.noCache {
		return "Cold: every request's variables distinct, `Cache-Control: no-cache`"
	}
	return fmt.Sprintf("Zipf: variables repeated as a dashboard sends them (s = %.1f), response cache allowed", harness.ZipfExponent)
}

// streams are a regime's sources: per server, one per workload and the mix (drawing from
// the workloads' own), kept over all the regime's runs so that a cursor never rewinds.
type streams struct {
	regime  regime
	cursors map[string][]*harness.Cursor // cold: per server, per workload
	zipfs   map[string][]*harness.Zipf   // zipf: per server, per workload
	mixes   map[string]harness.Source
}

// newStreams makes the sources of regime r for every server over the workloads' encoded
// pools; mixOrder is the mix's sequence of workload indexes; seed fixes the Zipf draws.
func newStreams(r regime, servers []harness.Server, pools [][]harness.Request, mixOrder []int, seed uint64) *streams {
	st := &streams{regime: r, cursors: map[string][]*harness.Cursor{}, zipfs: map[string][]*harness.Zipf{},
		mixes: map[string]harness.Source{}}
	for _, s := range servers {
		srcs := make([]harness.Source, len(pools))
		for w, pool := range pools {
			if r.noCache {
				c := harness.NewCursor(pool)
				st.cursors[s.Name] = append(st.cursors[s.Name], c)
				srcs[w] = c
			} else {
				z := harness.NewZipf(pool, harness.ZipfExponent, zipfSeed(seed, w))
				st.zipfs[s.Name] = append(st.zipfs[s.Name], z)
				srcs[w] = z
			}
		}
		st.mixes[s.Name] = harness.Interleave(mixOrder, srcs)
	}
	return st
}

// zipfSeed is workload w's seed: every server draws the same sequence of it.
func zipfSeed(seed uint64, w int) uint64 {
	h := fnv.New64a()
	_, _ = fmt.Fprintf(h, "zipf %d %d", seed, w)
	return h.Sum64()
}

// source is what server sends for job j in this regime.
func (st *streams) source(server string, j *job) harness.Source {
	if j.workload < 0 {
		return st.mixes[server]
	}
	if st.regime.noCache {
		return st.cursors[server][j.workload]
	}
	return st.zipfs[server][j.workload]
}

// use is what a regime sent of one workload's pool: the most distinct variable sets one
// server got, the requests of all servers that repeated a set the same server had already
// been sent (cold only: the Zipf regime repeats by design), and the requests of all servers.
type use struct {
	distinct, repeats, drawn int
}

// usage sums workload w's draws over the servers.
func (st *streams) usage(w int) use {
	var u use
	for _, cs := range st.cursors {
		u.distinct = max(u.distinct, cs[w].Distinct())
		u.repeats += cs[w].Repeats()
		u.drawn += cs[w].Drawn()
	}
	for _, zs := range st.zipfs {
		u.distinct = max(u.distinct, zs[w].Distinct())
		u.drawn += zs[w].Drawn()
	}
	return u
}
