package main

import (
	"fmt"
	"strings"
)

// serverOrder is every server the driver knows, in the order scripts/bench.sh starts them and
// the results list them: the hub under test first (the reference of the equality check), then
// the baseline (the hub built at BENCH_BASELINE), the library and the hand-written handler.
var serverOrder = []string{"hub", restricted, "baseline", "library", "handwritten"}

// selectServers resolves BENCH_SERVERS (comma-separated names, any order, case and spaces
// ignored; empty: every server, the baseline only when a baseline revision is set) into
// serverOrder's order. The baseline without a revision, a revision whose baseline is left out,
// an unknown name and an empty selection are errors.
//
// The restricted caller (BENCH_ACCESS: the hub read with a token of some groups, over a corpus
// whose documents carry access) is selected by default only with access on (haveRestricted),
// and then the library and the hand-written handler are not: they see every document.
func selectServers(list string, haveBaseline, haveRestricted bool) ([]string, error) {
	want := map[string]bool{}
	if strings.TrimSpace(list) == "" {
		for _, s := range serverOrder {
			switch s {
			case "baseline":
				want[s] = haveBaseline
			case restricted:
				want[s] = haveRestricted
			case "library", "handwritten":
				want[s] = !haveRestricted
			default:
				want[s] = true
			}
		}
	} else {
		for _, n := range strings.Split(list, ",") {
			n = strings.ToLower(strings.TrimSpace(n))
			if n == "" {
				continue
			}
			known := false
			for _, s := range serverOrder {
				known = known || s == n
			}
			if !known {
				return nil, fmt.Errorf("unknown server %q in BENCH_SERVERS (known: %s)", n, strings.Join(serverOrder, ", "))
			}
			want[n] = true
		}
	}
	switch {
	case want["baseline"] && !haveBaseline:
		return nil, fmt.Errorf("BENCH_SERVERS names baseline but BENCH_BASELINE (the revision to build it at) is not set")
	case want[restricted] && !haveRestricted:
		return nil, fmt.Errorf("BENCH_SERVERS names restricted but BENCH_ACCESS is not set")
	case haveBaseline && !want["baseline"]:
		return nil, fmt.Errorf("BENCH_BASELINE is set but BENCH_SERVERS %q leaves out baseline", list)
	}
	var out []string
	for _, s := range serverOrder {
		if want[s] {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("BENCH_SERVERS %q selects no server", list)
	}
	return out, nil
}
