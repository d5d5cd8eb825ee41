package main

import (
	"strings"
	"testing"
)

func TestSelectServers(t *testing.T) {
	for _, tc := range []struct {
		list     string
		baseline bool
		want     string // the servers, space-separated; "error: …" for an error containing …
	}{
		{"", false, "hub library handwritten"},
		{"  ", false, "hub library handwritten"},
		{"", true, "hub baseline library handwritten"},
		{"hub,baseline", true, "hub baseline"},
		{"baseline, HUB ,", true, "hub baseline"},
		{"handwritten,hub,hub", false, "hub handwritten"},
		{"library", false, "library"},
		{"hub,library,handwritten,baseline", true, "hub baseline library handwritten"},
		{"hub,baseline", false, "error: BENCH_BASELINE"},
		{"hub,library", true, "error: leaves out baseline"},
		{"hub,neo4j", false, `error: unknown server "neo4j"`},
		{",", false, "error: selects no server"},
	} {
		got, err := selectServers(tc.list, tc.baseline)
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
