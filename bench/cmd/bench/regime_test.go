package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/reformhub/hub/bench/harness"
)

func TestParseRegimes(t *testing.T) {
	for in, want := range map[string]string{"": "cold zipf", "both": "cold zipf", " Cold ": "cold", "zipf": "zipf"} {
		rs, err := parseRegimes(in)
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		var got string
		for i, r := range rs {
			if i > 0 {
				got += " "
			}
			got += r.name
		}
		if got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
	if _, err := parseRegimes("warm"); err == nil {
		t.Error("an unknown regime is not an error")
	}
}

// testPools are two workloads' pools of n requests each, their bodies "w:i".
func testPools(n int) [][]harness.Request {
	pools := make([][]harness.Request, 2)
	for w := range pools {
		for i := range n {
			pools[w] = append(pools[w], harness.Request{Body: []byte(fmt.Sprintf(`{"w":%d,"i":%d}`, w, i))})
		}
	}
	return pools
}

// TestColdStreamsNeverRepeatPerServer: in the cold regime each server draws every workload's
// pool through one cursor shared by the workload's job and the mix, so no set comes twice to
// one server; each server has its own cursor. In the Zipf regime every server gets the same
// sequence.
func TestColdStreamsNeverRepeatPerServer(t *testing.T) {
	servers := []harness.Server{{Name: "hub"}, {Name: "handwritten"}}
	pools := testPools(100)
	st := newStreams(coldRegime, servers, pools, []int{0, 1, 0}, 1)
	entity, mix := &job{name: "a", workload: 0}, &job{name: "mix", workload: -1}
	for _, s := range servers {
		seen := map[string]bool{}
		for range 30 {
			b := string(st.source(s.Name, entity).Next())
			if seen[b] {
				t.Fatalf("%s: %s sent twice by the job", s.Name, b)
			}
			seen[b] = true
		}
		for range 60 { // 40 of workload 0, 20 of workload 1
			b := string(st.source(s.Name, mix).Next())
			if seen[b] {
				t.Fatalf("%s: %s sent by the job and again by the mix", s.Name, b)
			}
			seen[b] = true
		}
	}
	if u := st.usage(0); u.distinct != 70 || u.repeats != 0 || u.drawn != 140 {
		t.Errorf("workload 0: %+v, want 70 distinct per server, 140 drawn, no repeat", u)
	}
	for range 40 {
		st.source("hub", entity).Next()
	}
	if u := st.usage(0); u.distinct != 100 || u.repeats != 10 {
		t.Errorf("past the pool: %+v, want 100 distinct and 10 repeats", u)
	}

	z := newStreams(zipfRegime, servers, pools, []int{0, 1}, 1)
	for range 50 {
		a, b := z.source("hub", entity).Next(), z.source("handwritten", entity).Next()
		if string(a) != string(b) {
			t.Fatalf("the Zipf sequence differs between servers: %s vs %s", a, b)
		}
	}
	if u := z.usage(0); u.repeats != 0 || u.drawn != 100 || u.distinct >= 50 {
		t.Errorf("zipf usage %+v: want repeats not counted, 100 drawn, fewer than 50 distinct", u)
	}
}

// TestHeaderOnlyInTheColdRegime: every request measure sends in the cold regime (warm-up,
// closed and open loops) carries Cache-Control: no-cache, and none in the Zipf regime.
func TestHeaderOnlyInTheColdRegime(t *testing.T) {
	if h := zipfRegime.header(); h != nil {
		t.Fatalf("zipf header %v", h)
	}
	if h := coldRegime.header(); h.Get("Cache-Control") != "no-cache" {
		t.Fatalf("cold header %v", h)
	}
	var mu sync.Mutex
	seen := map[bool]int{} // carried the header → requests
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		_ = json.NewDecoder(r.Body).Decode(&body)
		mu.Lock()
		seen[r.Header.Get("Cache-Control") == "no-cache"]++
		mu.Unlock()
		_, _ = w.Write([]byte(`{"data":{"x":1},"extensions":{"statements":1}}`))
	}))
	defer srv.Close()
	servers := []harness.Server{{Name: "hub", URL: srv.URL}}
	c := config{servers: servers, workers: 2, duration: 100 * time.Millisecond, warmup: 50 * time.Millisecond,
		repeat: 1, rate: 20}
	jobs := []*job{{name: "a", workload: 0}, {name: "mix", workload: -1}}
	for _, r := range []regime{coldRegime, zipfRegime} {
		mu.Lock()
		seen = map[bool]int{}
		mu.Unlock()
		res := measure(c, jobs, newStreams(r, servers, testPools(20_000), []int{0, 1}, 1))
		mu.Lock()
		with, without := seen[true], seen[false]
		mu.Unlock()
		if len(res.closed["a"]["hub"]) != 1 || len(res.open["mix"]["hub"]) != 1 {
			t.Fatalf("%s: runs %v %v", r.name, res.closed, res.open)
		}
		if r.noCache && (with == 0 || without != 0) || !r.noCache && (with != 0 || without == 0) {
			t.Errorf("%s regime: %d requests with Cache-Control: no-cache, %d without", r.name, with, without)
		}
	}
}
