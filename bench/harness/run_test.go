package harness

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"testing"
	"time"
)

func TestAttackCountsSuccessesAndErrors(t *testing.T) {
	var seen atomic.Int64
	ok := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body["operationName"] != "Op" {
			http.Error(w, "bad body", http.StatusBadRequest)
			return
		}
		seen.Add(1)
		_, _ = w.Write([]byte(`{"data":{"x":1}}`))
	}))
	defer ok.Close()
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"errors":[{"message":"no"}],"data":null}`))
	}))
	defer bad.Close()
	req, err := NewRequest("query Op { x }", "Op", map[string]any{})
	if err != nil {
		t.Fatal(err)
	}

	run := Attack(Server{Name: "ok", URL: ok.URL, PID: os.Getpid()}, Cycle([]Request{req}), Load{Workers: 2, Duration: 300 * time.Millisecond})
	if run.Requests == 0 || run.Errors != 0 || len(run.Latencies) != run.Requests {
		t.Fatalf("closed loop on a healthy server: %d requests, %d errors (%s), %d latencies", run.Requests, run.Errors, run.FirstErr, len(run.Latencies))
	}
	if int64(run.Requests) != seen.Load() {
		t.Fatalf("%d results for %d requests served", run.Requests, seen.Load())
	}
	if run.Throughput() <= 0 || run.RSSPeak <= 0 {
		t.Fatalf("throughput %v, RSS peak %v", run.Throughput(), run.RSSPeak)
	}

	run = Attack(Server{Name: "bad", URL: bad.URL}, Cycle([]Request{req}), Load{Workers: 2, Duration: 200 * time.Millisecond})
	if run.Requests == 0 || run.Errors != run.Requests || run.FirstErr == "" {
		t.Fatalf("answers with GraphQL errors: %d requests, %d errors (%q)", run.Requests, run.Errors, run.FirstErr)
	}

	// Open loop: the number sent follows the rate, not the server's speed.
	run = Attack(Server{Name: "ok", URL: ok.URL}, Cycle([]Request{req}), Load{Rate: 50, Duration: 400 * time.Millisecond})
	if run.Requests < 10 || run.Requests > 30 {
		t.Fatalf("open loop at 50/s for 0.4 s sent %d requests", run.Requests)
	}
}

// TestAttackSendsTheHeaderAndCountsHits: the load's extra header reaches the server on every
// request (and none without it); answers marked as cache hits are counted, with 0 statements.
func TestAttackSendsTheHeaderAndCountsHits(t *testing.T) {
	var withHeader, without, n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Cache-Control") == "no-cache" {
			withHeader.Add(1)
		} else {
			without.Add(1)
		}
		if n.Add(1)%2 == 0 {
			_, _ = w.Write([]byte(`{"data":{"extensions":{"statements":9}},"extensions":{"cache":"hit","dataVersion":3}}`))
			return
		}
		_, _ = w.Write([]byte(`{"data":{"x":1},"extensions":{"dataVersion":3,"statements":2}}`))
	}))
	defer srv.Close()
	req, err := NewRequest("query Op { x }", "Op", nil)
	if err != nil {
		t.Fatal(err)
	}
	load := Load{Workers: 1, Duration: 200 * time.Millisecond, Header: http.Header{"Cache-Control": []string{"no-cache"}}}
	run := Attack(Server{Name: "s", URL: srv.URL}, Cycle([]Request{req}), load)
	if run.Requests == 0 || withHeader.Load() != int64(run.Requests) || without.Load() != 0 {
		t.Fatalf("with the header: %d requests, %d carried it, %d did not", run.Requests, withHeader.Load(), without.Load())
	}
	if want := run.Requests / 2; run.Hits != want || run.StatementsSaid != run.Requests || run.Statements != float64(2*(run.Requests-want)) {
		t.Errorf("%d requests: %d hits (want %d), %v statements said by %d", run.Requests, run.Hits, want, run.Statements, run.StatementsSaid)
	}
	withHeader.Store(0)
	load.Header = nil
	run = Attack(Server{Name: "s", URL: srv.URL}, Cycle([]Request{req}), load)
	if run.Requests == 0 || withHeader.Load() != 0 {
		t.Fatalf("without the header: %d of %d requests carried it", withHeader.Load(), run.Requests)
	}
}

// TestMergeAddsSlicesUp: a run split in slices measures as the whole: requests, errors,
// time and CPU add up (so throughput is the requests over the time of all slices, not a mean
// of the slices' throughputs), latencies are pooled and sorted, the peak RSS is the highest.
func TestMergeAddsSlicesUp(t *testing.T) {
	a := Run{Requests: 10, Errors: 2, Duration: 2 * time.Second, Latencies: []time.Duration{3, 5}, CPU: time.Second,
		RSSPeak: 50, RSSEnd: 40, Hits: 1, Statements: 8, StatementsSaid: 8}
	b := Run{Requests: 32, Errors: 0, FirstErr: "", Duration: 6 * time.Second, Latencies: []time.Duration{1, 4}, CPU: 3 * time.Second,
		RSSPeak: 70, RSSEnd: 60, Hits: 3, Statements: 32, StatementsSaid: 32}
	a.FirstErr = "boom"
	m := Merge(a, b)
	if m.Requests != 42 || m.Errors != 2 || m.FirstErr != "boom" || m.Duration != 8*time.Second || m.CPU != 4*time.Second {
		t.Fatalf("merged counts %+v", m)
	}
	if got := m.Throughput(); got != 5 { // (42-2)/8 s; the mean of the slices' 4/s and 5.33/s would be 4.67
		t.Fatalf("merged throughput %v, want 5", got)
	}
	if len(m.Latencies) != 4 || m.Latencies[0] != 1 || m.Latencies[3] != 5 {
		t.Fatalf("merged latencies %v", m.Latencies)
	}
	if m.RSSPeak != 70 || m.RSSEnd != 60 || m.Hits != 4 || m.Statements != 40 || m.StatementsSaid != 40 {
		t.Fatalf("merged RSS, hits, statements %+v", m)
	}
	if one := Merge(b); one.Requests != b.Requests || one.Throughput() != b.Throughput() {
		t.Fatalf("a merge of one run changed it: %+v", one)
	}
}
