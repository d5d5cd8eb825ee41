package main

import (
	"strings"
	"testing"
	"time"
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
