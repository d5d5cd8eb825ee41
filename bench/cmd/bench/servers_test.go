package main

import (
	"strings"
	"testing"
)

func TestSelectServers(t *testing.T) {
	for _, tc := range []struct {
		list       string
		baseline   bool
		restricted bool
		want       string // the servers, space-separated; "error: …" for an error containing …
	}{
		{"", false, false, "hub library handwritten"},
		{"  ", false, false, "hub library handwritten"},
		{"", true, false, "hub baseline library handwritten"},
		{"hub,baseline", true, false, "hub baseline"},
		{"baseline, HUB ,", true, false, "hub baseline"},
		{"handwritten,hub,hub", false, false, "hub handwritten"},
		{"library", false, false, "library"},
		{"hub,library,handwritten,baseline", true, false, "hub baseline library handwritten"},
		{"hub,baseline", false, false, "error: BENCH_BASELINE"},
		{"hub,library", true, false, "error: leaves out baseline"},
		{"hub,neo4j", false, false, `error: unknown server "neo4j"`},
		{",", false, false, "error: selects no server"},
		{"", false, true, "hub restricted"},
		{"", true, true, "hub restricted baseline"},
		{"hub,restricted", false, false, "error: BENCH_ACCESS"},
	} {
		got, err := selectServers(tc.list, tc.baseline, tc.restricted)
		if want, isErr := strings.CutPrefix(tc.want, "error: "); isErr {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("selectServers(%q, %v) = %v, %v; want an error with %q", tc.list, tc.baseline, got, err, want)
			}
			continue
		}
		if err != nil || strings.Join(got, " ") != tc.want {
			t.Errorf("selectServers(%q, %v) = %v, %v; want %s", tc.list, tc.baseline, got, err, tc.want)
		}
	}
}
