package main

import (
	"strings"
	"testing"
	"time"

	"github.com/reformhub/hub/bench/harness"
)

// TestSlicedTakesTurns: a sliced run gives every server c.slices slices of duration/slices,
// the servers taking turns with the order shifted each slice (A B, B A, A B for two), and each
// server's run is its slices merged.
func TestSlicedTakesTurns(t *testing.T) {
	c := config{duration: 9 * time.Second, slices: 3,
		servers: []harness.Server{{Name: "hub"}, {Name: restricted}}}
	var order []string
	runs := sliced(c, 0, 0, func(s harness.Server, d time.Duration) harness.Run {
		if d != 3*time.Second {
			t.Fatalf("slice of %s, want 3s", d)
		}
		order = append(order, s.Name)
		n := 10
		if s.Name == restricted {
			n = 7
		}
		return harness.Run{Requests: n, Duration: d}
	})
	if got, want := strings.Join(order, " "), "hub restricted restricted hub hub restricted"; got != want {
		t.Fatalf("turns %q, want %q", got, want)
	}
	if r := runs["hub"]; r.Requests != 30 || r.Duration != 9*time.Second {
		t.Fatalf("hub's merged run %+v", r)
	}
	if r := runs[restricted]; r.Requests != 21 || r.Throughput() != 21.0/9 {
		t.Fatalf("restricted's merged run %+v", r)
	}
	// One slice: one run of the whole duration per server, as without slicing.
	c.slices = 1
	order = nil
	sliced(c, 1, 0, func(s harness.Server, d time.Duration) harness.Run {
		if d != c.duration {
			t.Fatalf("one slice of %s", d)
		}
		order = append(order, s.Name)
		return harness.Run{}
	})
	if got := strings.Join(order, " "); got != "restricted hub" {
		t.Fatalf("one slice, job 1: turns %q", got)
	}
}
