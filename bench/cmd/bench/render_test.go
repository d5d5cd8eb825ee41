package main

import (
	"strings"
	"testing"
	"time"

	"github.com/reformhub/hub/bench/harness"
)

// figures are fake medians per workload and server.
type figures map[string]map[string]float64

func (f figures) get(j, s string) float64 { return f[j][s] }

func TestBaselineTable(t *testing.T) {
	jobs := []*job{{name: "entity"}, {name: "list"}, {name: "mix"}}
	tput := figures{
		"entity": {"hub": 950, "baseline": 1000},  // -5%: within
		"list":   {"hub": 880, "baseline": 1000},  // -12%: missed
		"mix":    {"hub": 1200, "baseline": 1000}, // faster
	}
	p99 := figures{
		"entity": {"hub": float64(2 * time.Millisecond), "baseline": float64(4 * time.Millisecond)},
		"list":   {"hub": float64(3 * time.Millisecond), "baseline": float64(3 * time.Millisecond)},
		"mix":    {"hub": float64(5 * time.Millisecond)}, // the baseline's is missing
	}
	tab, ok := baselineTable(jobs, tput.get, p99.get)
	if ok {
		t.Error("ok with list 12% slower")
	}
	got := tab.Markdown()
	want := strings.Join([]string{
		"| workload | hub req/s | baseline req/s | hub/baseline req/s | hub p99 ms | baseline p99 ms | hub p99 / baseline p99 | within 10%      |",
		"| -------- | --------: | -------------: | -----------------: | ---------: | --------------: | ---------------------: | --------------- |",
		"| entity   |     950.0 |         1000.0 |              0.95× |       2.00 |            4.00 |                  0.50× | yes             |",
		"| list     |     880.0 |         1000.0 |              0.88× |       3.00 |            3.00 |                  1.00× | **no** (-12.0%) |",
		"| mix      |    1200.0 |         1000.0 |              1.20× |       5.00 |             n/a |                    n/a | yes             |",
		"",
	}, "\n")
	if got != want {
		t.Errorf("baselineTable:\n%s\nwant:\n%s", got, want)
	}

	tput["list"]["hub"] = 896 // shown as 0.90× but 10.4% slower: a miss, and said so
	tab, ok = baselineTable(jobs, tput.get, p99.get)
	if ok || tab.Rows[1][3] != "0.90×" || tab.Rows[1][7] != "**no** (-10.4%)" {
		t.Errorf("10.4%% slower: ok %v, row %v", ok, tab.Rows[1])
	}
	tput["list"]["hub"] = 900 // exactly -10%: within
	if _, ok := baselineTable(jobs, tput.get, p99.get); !ok {
		t.Error("not ok with every workload within 10%")
	}
	tput["entity"]["baseline"] = 0 // a missing figure is a miss
	tab, ok = baselineTable(jobs, tput.get, p99.get)
	if ok || tab.Rows[0][7] != "n/a" {
		t.Errorf("a missing baseline throughput: ok %v, row %v", ok, tab.Rows[0])
	}
	if _, ok := baselineTable(nil, tput.get, p99.get); ok {
		t.Error("ok with no workload")
	}
}

func TestRatioTableColumnsFollowTheServers(t *testing.T) {
	jobs := []*job{{name: "mix"}}
	one := func(string, string) float64 { return 1 }
	header := func(present ...string) string {
		p := map[string]bool{}
		for _, s := range present {
			p[s] = true
		}
		tab, ok := ratioTable(jobs, p, one, one)
		if !ok {
			return "none"
		}
		return strings.Join(tab.Header, "; ")
	}
	for _, tc := range []struct {
		present []string
		want    string
	}{
		// Without a baseline, the columns of before.
		{[]string{"hub", "library", "handwritten"}, "workload; hub/library req/s; hub/handwritten req/s; hub p99 / handwritten p99; hub p99 / library p99"},
		// The baseline has its own table.
		{[]string{"hub", "baseline", "library", "handwritten"}, "workload; hub/library req/s; hub/handwritten req/s; hub p99 / handwritten p99; hub p99 / library p99"},
		{[]string{"hub", "baseline", "handwritten"}, "workload; hub/handwritten req/s; hub p99 / handwritten p99"},
		{[]string{"hub", "baseline"}, "none"},
		{[]string{"hub"}, "none"},
		{[]string{"library", "handwritten"}, "none"},
	} {
		if got := header(tc.present...); got != tc.want {
			t.Errorf("ratioTable header with %v:\n %s\nwant\n %s", tc.present, got, tc.want)
		}
	}
}

// oneRegime wraps res as the only regime of a run (cold), for the tests of the sections that
// do not depend on the regime.
func oneRegime(res *results) []*regimeRun {
	return []*regimeRun{{regime: coldRegime, res: res, vars: []varUse{{name: "mix"}}}}
}

// TestRenderBeforeAfter renders a hub-vs-baseline run: the baseline's revision in the header,
// the before/after table and verdict, and none of the library/hand-written sections.
func TestRenderBeforeAfter(t *testing.T) {
	c := config{servers: []harness.Server{{Name: "hub"}, {Name: "baseline"}}, workers: 8, repeat: 1,
		duration: time.Second, rateFraction: 0.5, command: "make bench (BENCH_BASELINE=main BENCH_SERVERS=hub,baseline)",
		hubRev: "7517481f0c95-dirty", baselineRev: "a22a0b4f19849294189af4226cc258345e8d14f2 (2026-12-06, docs)"}
	jobs := []*job{{name: "mix", workload: -1}}
	res := newResults()
	lat := []time.Duration{time.Millisecond, 2 * time.Millisecond}
	add(res.closed, "mix", "hub", harness.Run{Requests: 950, Duration: time.Second, Latencies: lat})
	add(res.closed, "mix", "baseline", harness.Run{Requests: 1000, Duration: time.Second, Latencies: lat})
	add(res.open, "mix", "hub", harness.Run{Requests: 100, Duration: time.Second, Latencies: lat})
	add(res.open, "mix", "baseline", harness.Run{Requests: 100, Duration: time.Second, Latencies: lat})
	res.rate["mix"] = 475
	got := render(c, machine{}, jobs, oneRegime(res), nil, 22)
	for _, want := range []string{
		"Baseline: `baseline` is the hub built at a22a0b4f19849294189af4226cc258345e8d14f2 (2026-12-06, docs); " +
			"`hub` is the hub built from the working tree (7517481f0c95-dirty).",
		"### Before/after (cold, hub vs baseline)",
		"| mix      |     950.0 |         1000.0 |              0.95× |",
		"(hub/baseline req/s ≥ 0.90): met.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("render lacks %q:\n%s", want, got)
		}
	}
	for _, absent := range []string{"### Ratios", "Targets (issue 5)", "Targets (issue 18"} {
		if strings.Contains(got, absent) {
			t.Errorf("render has %q with neither the library nor the hand-written handler:\n%s", absent, got)
		}
	}
	c.baselineRev, c.servers = "", []harness.Server{{Name: "hub"}, {Name: "library"}}
	got = render(c, machine{}, jobs, oneRegime(res), nil, 22)
	for _, absent := range []string{"Baseline:", "Before/after"} {
		if strings.Contains(got, absent) {
			t.Errorf("render without a baseline has %q:\n%s", absent, got)
		}
	}
}

// TestRenderBothRegimes renders a run of both regimes: the header's variables line, the
// variables table (pool, distinct sets, cold repeats, the hub's Zipf hit rate), a section per
// regime with its own tables, ratios and targets, and statements per request that count a
// cache hit as 0.
func TestRenderBothRegimes(t *testing.T) {
	servers := []harness.Server{{Name: "hub"}, {Name: "library"}, {Name: "handwritten"}}
	c := config{servers: servers, workers: 8, repeat: 1, duration: time.Second, rateFraction: 0.5,
		command: "make bench", pool: 1000, seed: 1, checkSets: 8}
	jobs := []*job{{name: "entity", workload: 0}, {name: "counts", workload: 1}, {name: "mix", workload: -1}}
	lat := []time.Duration{10 * time.Millisecond, 30 * time.Millisecond}
	fill := func(hub float64, hits int) *results {
		res := newResults()
		for _, j := range jobs {
			for _, s := range servers {
				tput := map[string]float64{"hub": hub, "library": 100, "handwritten": 200}[s.Name]
				r := harness.Run{Requests: int(tput), Duration: time.Second, Latencies: lat, Statements: tput, StatementsSaid: int(tput)}
				if s.Name == "hub" {
					// hits answers from the cache (0 statements), the others 1 each.
					r.Hits, r.Statements = hits, tput-float64(hits)
				}
				add(res.closed, j.name, s.Name, r)
				add(res.open, j.name, s.Name, r)
			}
			res.rate[j.name] = 50
		}
		return res
	}
	vars := func(entity, counts use) []varUse {
		return []varUse{{name: "entity", pool: 1000, hasVars: true, use: entity}, {name: "counts", pool: 1, use: counts}}
	}
	runs := []*regimeRun{
		{regime: coldRegime, res: fill(300, 0), vars: vars(use{distinct: 640, repeats: 0, drawn: 1500}, use{distinct: 1, drawn: 900})},
		{regime: zipfRegime, res: fill(1200, 900), vars: vars(use{distinct: 210, drawn: 4000}, use{distinct: 1, drawn: 3000})},
	}
	got := render(c, machine{}, jobs, runs, nil, 20)
	for _, want := range []string{
		"Regimes: cold, zipf (sections below). cold: distinct variable sets sent (most to one server) entity 640, counts none; repeats 0. " +
			"zipf: distinct variable sets sent (most to one server) entity 210, counts none.",
		"| workload | variable sets in pool | cold: distinct sets sent | cold: repeats | zipf: distinct sets sent | zipf: requests | zipf: hub cache hits |",
		"| entity   |                  1000 |                      640 |             0 |                      210 |           4000 |                75.0% |",
		"| counts   |      1 (no variables) |                        1 |           n/a |                        1 |           3000 |                75.0% |",
		"## Cold: every request's variables distinct, `Cache-Control: no-cache`",
		"### Saturation (cold, closed loop, 8 workers)",
		"### Ratios (cold)",
		"## Zipf: variables repeated as a dashboard sends them (s = 1.1), response cache allowed",
		"### Latency (zipf, open loop, same rate for every server)",
		"### Ratios (zipf)",
		// Statements per request: 300 of 1200 answers ran 1, 900 hits ran none.
		"| entity   | hub         | 1200.0 |        0.000 |         n/a |        n/a |      0.25 |      75.0% |      0 |",
		"| entity   | hub         | 300.0 |        0.000 |         n/a |        n/a |      1.00 |       0.0% |      0 |",
		"| mix      |            12.00× |                 6.00× |",
		"| mix      |             3.00× |                 1.50× |",
		"Targets (issue 18, cold):",
		"- mix: throughput 1.50× the hand-written handler (target ≥ 1.3×): met",
		"- mix: throughput 3.00× the library (target ≥ 3×): met",
		"- list: hub p50", // absent: no list job; checked below
	} {
		if want == "- list: hub p50" {
			if strings.Contains(got, want) {
				t.Errorf("render states a list target without a list job")
			}
			continue
		}
		if !strings.Contains(got, want) {
			t.Errorf("render lacks %q:\n%s", want, got)
		}
	}
	for _, want := range []string{
		"- counts: hub p99 1.00× the hand-written handler's (target ≤ 1.5×): met",
		"Targets (issue 18, zipf):\n\n- mix: throughput 6.00× the hand-written handler (target ≥ 5×): met",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("render lacks %q:\n%s", want, got)
		}
	}
	if i, j := strings.Index(got, "## Cold"), strings.Index(got, "## Zipf"); i < 0 || j < i {
		t.Errorf("the cold section does not come before the zipf one")
	}
	// One regime only: no section of the other.
	got = render(c, machine{}, jobs, runs[1:], nil, 20)
	if strings.Contains(got, "## Cold") || strings.Contains(got, "cold: repeats") || !strings.Contains(got, "## Zipf") {
		t.Errorf("a zipf-only run renders a cold section:\n%s", got)
	}
}
