package harness

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// Server is one of the servers under test.
type Server struct {
	Name  string // hub, library, handwritten
	URL   string // the GraphQL endpoint
	PID   int    // its process, for RSS and CPU (0: not sampled)
	Token string // a bearer token every request carries (empty: none)
}

// Request is one GraphQL request body, pre-encoded.
type Request struct {
	Body []byte
}

// NewRequest encodes a GraphQL request.
func NewRequest(query, operation string, vars map[string]any) (Request, error) {
	b, err := json.Marshal(map[string]any{"query": query, "operationName": operation, "variables": vars})
	return Request{Body: b}, err
}

// Post sends one request and returns the response body.
func Post(client *http.Client, url string, r Request) ([]byte, error) {
	return PostAs(client, url, "", r)
}

// PostAs is Post with a bearer token (none when token is empty).
func PostAs(client *http.Client, url, token string, r Request) ([]byte, error) {
	return PostWith(client, url, token, nil, r)
}

// PostWith is PostAs with extra request headers (e.g. the cold regime's Cache-Control).
func PostWith(client *http.Client, url, token string, extra http.Header, r Request) ([]byte, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(r.Body))
	if err != nil {
		return nil, err
	}
	for k, vs := range extra {
		req.Header[k] = vs
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	var b bytes.Buffer
	if _, err := b.ReadFrom(resp.Body); err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return b.Bytes(), fmt.Errorf("HTTP %d: %s", resp.StatusCode, abbreviate(b.Bytes(), 300))
	}
	return b.Bytes(), nil
}

// targeter sends what src yields, with the headers of every request: the content type, the
// bearer token (when token is not empty) and extra.
func targeter(url, token string, extra http.Header, src Source) vegeta.Targeter {
	hdr := Headers(token, extra)
	return func(t *vegeta.Target) error {
		t.Method = http.MethodPost
		t.URL = url
		t.Body = src.Next()
		t.Header = hdr
		return nil
	}
}

// Headers are the headers of a request of the bench: extra, the JSON content type and the
// bearer token (none when token is empty).
func Headers(token string, extra http.Header) http.Header {
	hdr := http.Header{}
	for k, vs := range extra {
		hdr[http.CanonicalHeaderKey(k)] = vs
	}
	hdr.Set("Content-Type", "application/json")
	if token != "" {
		hdr.Set("Authorization", "Bearer "+token)
	}
	return hdr
}

// Run is the outcome of one timed run of one workload against one server.
type Run struct {
	Requests  int
	Errors    int // transport errors, non-200 answers and answers with GraphQL errors
	FirstErr  string
	Duration  time.Duration // from the first request sent to the last answer received
	Latencies []time.Duration
	CPU       time.Duration // the server process's user+system time during the run
	RSSPeak   int64
	RSSEnd    int64
	// Hits counts the answers a server marked as served from its response cache
	// (extensions.cache "hit", the hub's), among the successful ones.
	Hits int
	// Statements sums extensions.statements over the successful answers that said (a hit
	// counts 0: it ran none); StatementsSaid counts those answers (hits included).
	Statements     float64
	StatementsSaid int
}

// HitRate is the share of the successful answers served from the server's response cache.
func (r Run) HitRate() float64 {
	if ok := r.Requests - r.Errors; ok > 0 {
		return float64(r.Hits) / float64(ok)
	}
	return 0
}

// Throughput is the successful requests per second.
func (r Run) Throughput() float64 {
	if r.Duration <= 0 {
		return 0
	}
	return float64(r.Requests-r.Errors) / r.Duration.Seconds()
}

// CPUPer1000 is the server's CPU-seconds per 1,000 requests.
func (r Run) CPUPer1000() float64 {
	if r.Requests == 0 || r.CPU <= 0 {
		return 0
	}
	return r.CPU.Seconds() * 1000 / float64(r.Requests)
}

// Merge is the runs of one server as one run: the requests, errors, time, CPU, hits and
// statements added up, the latencies pooled, the highest RSS peak and the last one's RSS at
// its end, the first error met. A timed run split into slices interleaved with another
// server's (bench's -slices) is measured as the merge of its slices.
func Merge(runs ...Run) Run {
	var m Run
	for _, r := range runs {
		m.Requests += r.Requests
		m.Errors += r.Errors
		if m.FirstErr == "" {
			m.FirstErr = r.FirstErr
		}
		m.Duration += r.Duration
		m.Latencies = append(m.Latencies, r.Latencies...)
		m.CPU += r.CPU
		m.RSSPeak = max(m.RSSPeak, r.RSSPeak)
		m.RSSEnd = r.RSSEnd
		m.Hits += r.Hits
		m.Statements += r.Statements
		m.StatementsSaid += r.StatementsSaid
	}
	slices.Sort(m.Latencies)
	return m
}

// Percentile of the successful requests' latencies.
func (r Run) Percentile(p float64) time.Duration { return Percentile(r.Latencies, p) }

// Load describes how requests are sent: Workers > 0 is a closed loop (that many concurrent
// requests, as fast as the server answers); otherwise an open loop at Rate requests/s. Header
// is sent with every request (e.g. Cache-Control: no-cache; nil: none).
type Load struct {
	Rate     float64
	Workers  int
	Duration time.Duration
	Header   http.Header
}

func (l Load) String() string {
	if l.Workers > 0 {
		return fmt.Sprintf("closed loop, %d workers, %s", l.Workers, l.Duration)
	}
	return fmt.Sprintf("open loop, %.1f req/s, %s", l.Rate, l.Duration)
}

// Attack sends the requests src yields to s under load l and measures it.
func Attack(s Server, src Source, l Load) Run {
	opts := []func(*vegeta.Attacker){
		vegeta.Timeout(30 * time.Second), vegeta.KeepAlive(true), vegeta.HTTP2(false),
		vegeta.Connections(256), vegeta.MaxConnections(1024),
	}
	var pacer vegeta.Pacer
	if l.Workers > 0 {
		pacer = vegeta.Rate{Freq: 0}
		opts = append(opts, vegeta.Workers(uint64(l.Workers)), vegeta.MaxWorkers(uint64(l.Workers)))
	} else {
		pacer = vegeta.Rate{Freq: max(1, int(l.Rate+0.5)), Per: time.Second}
		opts = append(opts, vegeta.Workers(8))
	}
	atk := vegeta.NewAttacker(opts...)
	sampler := StartSampler(s.PID, 250*time.Millisecond, false)
	cpu0, _ := cpuOf(s.PID)
	var run Run
	var first, last time.Time
	for res := range atk.Attack(targeter(s.URL, s.Token, l.Header, src), pacer, l.Duration, s.Name) {
		run.Requests++
		if first.IsZero() || res.Timestamp.Before(first) {
			first = res.Timestamp
		}
		if e := res.End(); e.After(last) {
			last = e
		}
		if msg := resultError(res); msg != "" {
			run.Errors++
			if run.FirstErr == "" {
				run.FirstErr = msg
			}
			continue
		}
		run.Latencies = append(run.Latencies, res.Latency)
		if hit, n, ok := CacheAndStatements(res.Body); ok {
			run.StatementsSaid++
			run.Statements += n
			if hit {
				run.Hits++
			}
		}
	}
	cpu1, _ := cpuOf(s.PID)
	run.CPU = cpu1 - cpu0
	run.RSSPeak, run.RSSEnd, _ = sampler.Stop()
	run.Duration = last.Sub(first)
	slices.Sort(run.Latencies)
	return run
}

func cpuOf(pid int) (time.Duration, error) {
	if pid <= 0 {
		return 0, nil
	}
	return CPU(pid)
}

// resultError is why a result is not a success, "" when it is one.
func resultError(r *vegeta.Result) string {
	switch {
	case r.Error != "":
		return r.Error
	case r.Code != http.StatusOK:
		return fmt.Sprintf("HTTP %d: %s", r.Code, abbreviate(r.Body, 200))
	case bytes.HasPrefix(r.Body, []byte(`{"errors"`)) || bytes.Contains(r.Body, []byte(`"errors":[`)):
		return "GraphQL errors: " + abbreviate(r.Body, 300)
	}
	return ""
}
