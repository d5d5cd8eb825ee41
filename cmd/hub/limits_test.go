package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/store/storetest"
)

// gatedStore holds the stats read until its gate opens (or the request's context ends), so that a test
// can keep a request in flight.
type gatedStore struct {
	graph.Store
	entered chan struct{}
	gate    chan struct{}
}

func (g *gatedStore) Read(ctx context.Context, root *plan.Root) (*plan.RootResult, error) {
	if root.Kind != plan.RootStats {
		return g.Store.Read(ctx, root)
	}
	g.entered <- struct{}{}
	select {
	case <-g.gate:
		return g.Store.Read(ctx, root)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// limitsHub serves the hub as `hub serve` builds it — config.Load of env, the store opened
// with the configuration, newHandler, newServer — on a loopback port.
type limitsHub struct {
	url  string
	addr string
	gs   *gatedStore // non-nil when the test asked for a gated store
}

func startLimitsHub(t *testing.T, env map[string]string, gated bool) *limitsHub {
	t.Helper()
	opts := storetest.Options(t)
	all := map[string]string{"NEO4J_URI": opts.URI, "NEO4J_USERNAME": opts.Username,
		"NEO4J_PASSWORD": opts.Password, "NEO4J_DATABASE": opts.Database}
	for k, v := range env {
		all[k] = v
	}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c, err := config.Load(fs, nil, func(k string) string { return all[k] })
	if err != nil {
		t.Fatal(err)
	}
	st, err := openObservedStore(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close(context.Background()) })
	h := &limitsHub{}
	var gs graph.Store = st
	if gated {
		h.gs = &gatedStore{Store: st, entered: make(chan struct{}, 8), gate: make(chan struct{})}
		gs = h.gs
	}
	log := slog.New(slog.DiscardHandler)
	srv := newServer(context.Background(), c, newHandler(c, gs, st, log, nil, nil, nil))
	ts := httptest.NewUnstartedServer(srv.Handler)
	ts.Config = srv
	ts.Start()
	t.Cleanup(ts.Close)
	h.url, h.addr = ts.URL+"/graphql", ts.Listener.Addr().String()
	return h
}

type limitsResponse struct {
	status int
	Data   map[string]json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func (r limitsResponse) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	s, _ := r.Errors[0].Extensions["code"].(string)
	return s
}

func (r limitsResponse) limit() string {
	if len(r.Errors) == 0 {
		return ""
	}
	s, _ := r.Errors[0].Extensions["limit"].(string)
	return s
}

func post(t *testing.T, url, body string) limitsResponse {
	t.Helper()
	res, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = res.Body.Close() }()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	r := limitsResponse{status: res.StatusCode}
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("status %d, body %q: %v", res.StatusCode, raw, err)
	}
	return r
}

func query(q string) string {
	b, _ := json.Marshal(map[string]string{"query": q})
	return string(b)
}

// rawConn opens a TCP connection to the hub and writes s.
func rawConn(t *testing.T, addr, s string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	if _, err := io.WriteString(c, s); err != nil {
		t.Fatal(err)
	}
	return c
}

// closedWithin reports whether the server closes c (EOF, or a 408 then EOF) within d.
func closedWithin(c net.Conn, d time.Duration) bool {
	_ = c.SetReadDeadline(time.Now().Add(d))
	_, err := io.ReadAll(c)
	var ne net.Error
	return !errors.As(err, &ne) || !ne.Timeout()
}

// TestEveryLimitVariableTakesEffect sets each limit variable of the configuration table
// (docs/operating.md) to a value other than its default, serves the hub as `hub serve` does,
// and observes the effect through HTTP. HUB_MAX_LIMIT above the old store constant (1000) and
// HUB_MAX_HOPS above the old 6 must reach the store as well as the server's checks.
func TestEveryLimitVariableTakesEffect(t *testing.T) {
	hubtest.Handler(t) // the shipped dataset is loaded
	def := config.DefaultLimits()

	t.Run("HUB_MAX_COMPLEXITY", func(t *testing.T) {
		q := query(`{ tasks(limit: 100) { id name } }`)
		if r := post(t, startLimitsHub(t, nil, false).url, q); len(r.Errors) > 0 {
			t.Fatalf("default: %+v", r.Errors)
		}
		r := post(t, startLimitsHub(t, map[string]string{"HUB_MAX_COMPLEXITY": "50"}, false).url, q)
		if r.code() != graph.CodeBadUserInput || r.limit() != "cost" {
			t.Errorf("HUB_MAX_COMPLEXITY=50: %+v, want the cost refused", r.Errors)
		}
	})
	t.Run("HUB_MAX_BODY_BYTES", func(t *testing.T) {
		body := query(`{ stats { entityCounts { type count } } }` + strings.Repeat(" ", 2000))
		if r := post(t, startLimitsHub(t, nil, false).url, body); r.status != http.StatusOK {
			t.Fatalf("default: status %d", r.status)
		}
		if r := post(t, startLimitsHub(t, map[string]string{"HUB_MAX_BODY_BYTES": "1024"}, false).url, body); r.status != http.StatusRequestEntityTooLarge {
			t.Errorf("HUB_MAX_BODY_BYTES=1024, a 2 kB body: status %d, want 413", r.status)
		}
	})
	t.Run("HUB_MAX_DEPTH", func(t *testing.T) {
		q := query(`{ tasks(limit: 1) { departments(limit: 1) { tasks(limit: 1) { id } } } }`)
		if r := post(t, startLimitsHub(t, nil, false).url, q); len(r.Errors) > 0 {
			t.Fatalf("default: %+v", r.Errors)
		}
		if r := post(t, startLimitsHub(t, map[string]string{"HUB_MAX_DEPTH": "2"}, false).url, q); r.limit() != "depth" {
			t.Errorf("HUB_MAX_DEPTH=2: %+v, want the depth refused", r.Errors)
		}
	})
	t.Run("HUB_DEFAULT_LIMIT and HUB_NESTED_LIMIT", func(t *testing.T) {
		// Lists without limit return the implicit limits, and the cost counts them: 1 + 100 ×
		// (2 + 50 × (2 + 50)) by default, 1 + 5 × (2 + 3 × (2 + 3)) with 5 and 3.
		q := query(`{ leaders { id departments { id tasks { id } } } }`)
		env := map[string]string{"HUB_MAX_COMPLEXITY": "2000"}
		if r := post(t, startLimitsHub(t, env, false).url, q); r.limit() != "cost" {
			t.Errorf("default implicit limits: %+v, want the cost refused", r.Errors)
		}
		env["HUB_DEFAULT_LIMIT"], env["HUB_NESTED_LIMIT"] = "5", "3"
		h := startLimitsHub(t, env, false)
		if r := post(t, h.url, q); len(r.Errors) > 0 {
			t.Fatalf("implicit limits 5 and 3: %+v", r.Errors)
		}
		r := post(t, h.url, query(`{ tasks { id } departments(where: {id: {eq: "department/dongying-city"}}) { tasks { id } } }`))
		var tasks []struct{ ID string }
		var deps []struct{ Tasks []struct{ ID string } }
		if err := json.Unmarshal(r.Data["tasks"], &tasks); err != nil || len(tasks) != 5 {
			t.Errorf("HUB_DEFAULT_LIMIT=5: %d tasks (%v), want 5", len(tasks), err)
		}
		if err := json.Unmarshal(r.Data["departments"], &deps); err != nil || len(deps) != 1 || len(deps[0].Tasks) != 3 {
			t.Errorf("HUB_NESTED_LIMIT=3: %+v (%v), want one department with 3 tasks", deps, err)
		}
	})
	t.Run("HUB_MAX_LIMIT", func(t *testing.T) {
		// Above the default: the server and the store both accept it.
		big := def.MaxLimit + 500
		h := startLimitsHub(t, map[string]string{"HUB_MAX_LIMIT": "1500", "HUB_MAX_COMPLEXITY": "100000"}, false)
		r := post(t, h.url, query(`{ tasks(limit: `+strconv.Itoa(big-100)+`) { id } tasksConnection(first: `+strconv.Itoa(big-100)+`) { totalCount } }`))
		if len(r.Errors) > 0 {
			t.Errorf("HUB_MAX_LIMIT=1500, limit %d: %+v", big-100, r.Errors)
		}
		// Below it: a list without limit returns that many, and one more is refused.
		h = startLimitsHub(t, map[string]string{"HUB_MAX_LIMIT": "3"}, false)
		r = post(t, h.url, query(`{ tasks { id } }`))
		var tasks []struct{ ID string }
		if err := json.Unmarshal(r.Data["tasks"], &tasks); err != nil || len(r.Errors) > 0 || len(tasks) != 3 {
			t.Errorf("HUB_MAX_LIMIT=3, tasks without limit: %d tasks, %+v", len(tasks), r.Errors)
		}
		if r := post(t, h.url, query(`{ tasks(limit: 4) { id } }`)); r.limit() != "limit" {
			t.Errorf("HUB_MAX_LIMIT=3, limit 4: %+v, want refused", r.Errors)
		}
	})
	t.Run("HUB_MAX_HOPS", func(t *testing.T) {
		q := func(h int) string {
			return query(`{ paths(from: "task/ccus-rd", to: "department/dongying-city", maxHops: ` + strconv.Itoa(h) + `, limit: 1) { length } }`)
		}
		if r := post(t, startLimitsHub(t, map[string]string{"HUB_MAX_HOPS": "8"}, false).url, q(def.MaxHops+1)); len(r.Errors) > 0 {
			t.Errorf("HUB_MAX_HOPS=8, maxHops %d: %+v", def.MaxHops+1, r.Errors)
		}
		if r := post(t, startLimitsHub(t, map[string]string{"HUB_MAX_HOPS": "2"}, false).url, q(3)); r.limit() != "maxHops" {
			t.Errorf("HUB_MAX_HOPS=2, maxHops 3: %+v, want refused", r.Errors)
		}
	})
	t.Run("HUB_MAX_TOKENS", func(t *testing.T) {
		q := query(`{ tasks(limit: 1) { id name area year status } ` + strings.Repeat("stats { entityCounts { type count } } ", 1) + `}`)
		if r := post(t, startLimitsHub(t, nil, false).url, q); len(r.Errors) > 0 {
			t.Fatalf("default: %+v", r.Errors)
		}
		if r := post(t, startLimitsHub(t, map[string]string{"HUB_MAX_TOKENS": "100"}, false).url,
			query(`{ tasks(limit: 1) { id `+strings.Repeat("name ", 120)+`} }`)); r.status == http.StatusOK && len(r.Errors) == 0 {
			t.Errorf("HUB_MAX_TOKENS=100, 130 tokens: accepted")
		}
	})
	t.Run("HUB_MAX_ALIASES", func(t *testing.T) {
		q := query(`{ a: tasks(limit: 1) { id } b: tasks(limit: 1) { id } c: tasks(limit: 1) { id } }`)
		if r := post(t, startLimitsHub(t, nil, false).url, q); len(r.Errors) > 0 {
			t.Fatalf("default: %+v", r.Errors)
		}
		if r := post(t, startLimitsHub(t, map[string]string{"HUB_MAX_ALIASES": "2"}, false).url, q); r.limit() != "aliases" {
			t.Errorf("HUB_MAX_ALIASES=2, 3 aliases: %+v, want refused", r.Errors)
		}
	})
	t.Run("HUB_MAX_OPERATIONS", func(t *testing.T) {
		b, _ := json.Marshal(map[string]string{"query": `query A { stats { entityCounts { count } } } query B { stats { entityCounts { count } } }`, "operationName": "A"})
		if r := post(t, startLimitsHub(t, nil, false).url, string(b)); len(r.Errors) > 0 {
			t.Fatalf("default: %+v", r.Errors)
		}
		if r := post(t, startLimitsHub(t, map[string]string{"HUB_MAX_OPERATIONS": "1"}, false).url, string(b)); r.limit() != "operations" {
			t.Errorf("HUB_MAX_OPERATIONS=1, 2 operations: %+v, want refused", r.Errors)
		}
	})
	stats := query(`{ stats { entityCounts { type count } } }`)
	t.Run("HUB_MAX_IN_FLIGHT", func(t *testing.T) {
		h := startLimitsHub(t, map[string]string{"HUB_MAX_IN_FLIGHT": "1"}, true)
		first := make(chan limitsResponse, 1)
		go func() { first <- post(t, h.url, stats) }()
		<-h.gs.entered // the first request holds the only slot
		if r := post(t, h.url, stats); r.status != http.StatusServiceUnavailable || r.code() != graph.CodeRateLimited {
			t.Errorf("HUB_MAX_IN_FLIGHT=1, a second request: status %d %+v, want 503 RATE_LIMITED", r.status, r.Errors)
		}
		close(h.gs.gate)
		if r := <-first; len(r.Errors) > 0 {
			t.Errorf("the first request: %+v", r.Errors)
		}
	})
	t.Run("HUB_REQUEST_TIMEOUT", func(t *testing.T) {
		h := startLimitsHub(t, map[string]string{"HUB_REQUEST_TIMEOUT": "300ms"}, true)
		start := time.Now()
		r := post(t, h.url, stats)
		if r.code() != graph.CodeTimeout || time.Since(start) > 5*time.Second {
			t.Errorf("HUB_REQUEST_TIMEOUT=300ms, a held request: %+v after %s, want TIMEOUT", r.Errors, time.Since(start))
		}
	})
	t.Run("HUB_WRITE_TIMEOUT", func(t *testing.T) {
		h := startLimitsHub(t, map[string]string{"HUB_WRITE_TIMEOUT": "300ms"}, true)
		go func() { <-h.gs.entered; time.Sleep(600 * time.Millisecond); close(h.gs.gate) }()
		res, err := http.Post(h.url, "application/json", strings.NewReader(stats))
		if err == nil {
			_, err = io.ReadAll(res.Body)
			_ = res.Body.Close()
		}
		if err == nil {
			t.Error("HUB_WRITE_TIMEOUT=300ms: a response written after 600 ms still arrived")
		}
	})
	t.Run("HUB_READ_HEADER_TIMEOUT", func(t *testing.T) {
		h := startLimitsHub(t, map[string]string{"HUB_READ_HEADER_TIMEOUT": "200ms"}, false)
		c := rawConn(t, h.addr, "GET /healthz HTTP/1.1\r\nHost: x\r\n") // headers never end
		if !closedWithin(c, 3*time.Second) {
			t.Error("HUB_READ_HEADER_TIMEOUT=200ms: unfinished headers kept the connection open for 3 s")
		}
	})
	t.Run("HUB_READ_TIMEOUT", func(t *testing.T) {
		h := startLimitsHub(t, map[string]string{"HUB_READ_TIMEOUT": "300ms"}, false)
		c := rawConn(t, h.addr, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
		if !closedWithin(c, 3*time.Second) {
			t.Error("HUB_READ_TIMEOUT=300ms: an unfinished body kept the connection open for 3 s")
		}
	})
	t.Run("HUB_IDLE_TIMEOUT", func(t *testing.T) {
		h := startLimitsHub(t, map[string]string{"HUB_IDLE_TIMEOUT": "200ms"}, false)
		c := rawConn(t, h.addr, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
		res, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		_ = res.Body.Close()
		if !bytes.HasPrefix(body, []byte("ok")) {
			t.Fatalf("healthz: %q", body)
		}
		if !closedWithin(c, 3*time.Second) {
			t.Error("HUB_IDLE_TIMEOUT=200ms: an idle keep-alive connection stayed open for 3 s")
		}
	})
}
