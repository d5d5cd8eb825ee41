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

// TestRenderBeforeAfter renders a hub-vs-baseline run: the baseline's revision in the header,
// the before/after table and verdict, and none of the library/hand-written sections.
func TestRenderBeforeAfter(t *testing.T) {
	c := config{servers: []harness.Server{{Name: "hub"}, {Name: "baseline"}}, workers: 8, repeat: 1,
		duration: time.Second, rateFraction: 0.5, command: "make bench (BENCH_BASELINE=main BENCH_SERVERS=hub,baseline)",
		hubRev: "7517481f0c95-dirty", baselineRev: "a22a0b4f19849294189af4226cc258345e8d14f2 (2026-12-06, docs)"}
	jobs := []*job{{name: "mix", stmts: map[string]float64{}}}
	res := newResults()
	lat := []time.Duration{time.Millisecond, 2 * time.Millisecond}
	add(res.closed, "mix", "hub", harness.Run{Requests: 950, Duration: time.Second, Latencies: lat})
	add(res.closed, "mix", "baseline", harness.Run{Requests: 1000, Duration: time.Second, Latencies: lat})
	add(res.open, "mix", "hub", harness.Run{Requests: 100, Duration: time.Second, Latencies: lat})
	add(res.open, "mix", "baseline", harness.Run{Requests: 100, Duration: time.Second, Latencies: lat})
	res.rate["mix"] = 475
	got := render(c, machine{}, jobs, res, nil, 22)
	for _, want := range []string{
		"Baseline: `baseline` is the hub built at a22a0b4f19849294189af4226cc258345e8d14f2 (2026-12-06, docs); " +
			"`hub` is the hub built from the working tree (7517481f0c95-dirty).",
		"## Before/after (hub vs baseline)",
		"| mix      |     950.0 |         1000.0 |              0.95× |",
		"(hub/baseline req/s ≥ 0.90): met.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("render lacks %q:\n%s", want, got)
		}
	}
	for _, absent := range []string{"## Ratios", "Targets (issue 5)"} {
		if strings.Contains(got, absent) {
			t.Errorf("render has %q with neither the library nor the hand-written handler:\n%s", absent, got)
		}
	}
	c.baselineRev, c.servers = "", []harness.Server{{Name: "hub"}, {Name: "library"}}
	got = render(c, machine{}, jobs, res, nil, 22)
	for _, absent := range []string{"Baseline:", "Before/after"} {
		if strings.Contains(got, absent) {
			t.Errorf("render without a baseline has %q:\n%s", absent, got)
		}
	}
}
