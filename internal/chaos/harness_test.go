//go:build chaos

package chaos

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/reformhub/hub/internal/store"
)

// The harness: the hub binary, a Neo4j this package owns, a hub process, an HTTP client.

var (
	root    string // repository root
	hubBin  string // the hub binary built for this run
	workDir string // temporary folder of this run
)

func TestMain(m *testing.M) {
	_, file, _, _ := runtime.Caller(0)
	root = filepath.Join(filepath.Dir(file), "..", "..")
	var err error
	workDir, err = os.MkdirTemp("", "hub-chaos-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	hubBin = filepath.Join(workDir, "hub")
	build := exec.Command("go", "build", "-o", hubBin, "./cmd/hub")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build ./cmd/hub: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	db.stop()
	_ = os.RemoveAll(workDir)
	os.Exit(code)
}

// neo4jDB is the Neo4j of this package: started, SIGKILLed and restarted by the tests.
type neo4jDB struct {
	port int
	data string
}

var db = &neo4jDB{port: envInt("CHAOS_NEO4J_PORT", 7733)}

func envInt(k string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(k)); err == nil && n > 0 {
		return n
	}
	return def
}

func envString(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func (d *neo4jDB) uri() string { return fmt.Sprintf("bolt://127.0.0.1:%d", d.port) }

func (d *neo4jDB) script(args ...string) error {
	if d.data == "" {
		d.data = filepath.Join(workDir, "neo4j", "data")
	}
	cmd := exec.Command(filepath.Join(root, "scripts", "neo4j.sh"), append(args, "--data", d.data)...)
	// CHAOS_NEO4J_HEAP and CHAOS_NEO4J_PAGECACHE size it (make hostile: the launcher's
	// defaults, 768m and 256m).
	cmd.Env = append(os.Environ(), "NEO4J_HEAP="+envString("CHAOS_NEO4J_HEAP", "512m"),
		"NEO4J_PAGECACHE="+envString("CHAOS_NEO4J_PAGECACHE", "64m"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("neo4j.sh %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// start starts Neo4j and returns when it accepts Bolt connections.
func (d *neo4jDB) start(t *testing.T) {
	t.Helper()
	if err := d.script("start", "--port", strconv.Itoa(d.port)); err != nil {
		t.Fatal(err)
	}
}

func (d *neo4jDB) running() bool {
	return d.data != "" && d.script("status") == nil
}

func (d *neo4jDB) stop() {
	if d.data != "" {
		_ = d.script("stop")
	}
}

// pid is the process id of the Neo4j that neo4j.sh started (its pid file).
func (d *neo4jDB) pid(t *testing.T) int {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(filepath.Dir(d.data), "neo4j.pid"))
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	return pid
}

// kill SIGKILLs the Neo4j process and waits until it is gone.
func (d *neo4jDB) kill(t *testing.T) {
	t.Helper()
	pid := d.pid(t)
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	for syscall.Kill(pid, 0) == nil {
		time.Sleep(20 * time.Millisecond)
	}
}

// ensureLoaded starts Neo4j if needed and loads the shipped dataset with `hub load`.
func ensureLoaded(t *testing.T) {
	t.Helper()
	if !db.running() {
		db.start(t)
	}
	cmd := exec.Command(hubBin, "load", filepath.Join(root, "data", "dongying-2021"))
	cmd.Env = append(os.Environ(), "NEO4J_URI="+db.uri(), "HUB_SYNC_GRACE=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hub load: %v\n%s", err, out)
	}
}

// answering waits until Neo4j answers a statement through a store of the test's own, and
// returns that moment: "Neo4j is up" for the recovery measurements, whatever the JVM's
// warm-up costs.
func answering(t *testing.T) time.Time {
	t.Helper()
	st, err := store.Open(store.Options{URI: db.uri()})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = st.Close(context.Background()) }()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_, err := st.Stats(ctx)
		cancel()
		if err == nil {
			return time.Now()
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("Neo4j did not answer within 2 minutes of starting")
	return time.Time{}
}

// hubProc is one running `hub serve`.
type hubProc struct {
	cmd   *exec.Cmd
	addr  string // http://127.0.0.1:port
	debug string // http://127.0.0.1:port/debug/vars
	logs  *lockedBuffer
	done  chan error
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

// startHub runs `hub serve` with env added to the environment and waits for /healthz.
func startHub(t *testing.T, env ...string) *hubProc {
	t.Helper()
	addr, debug := freeAddr(t), freeAddr(t)
	cmd := exec.Command(hubBin, "serve")
	cmd.Env = append(os.Environ(), "NEO4J_URI="+db.uri(), "HUB_ADDR="+addr, "HUB_DEBUG_ADDR="+debug)
	cmd.Env = append(cmd.Env, env...)
	h := &hubProc{cmd: cmd, addr: "http://" + addr, debug: "http://" + debug + "/debug/vars",
		logs: &lockedBuffer{}, done: make(chan error, 1)}
	cmd.Stderr = h.logs
	cmd.Stdout = h.logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { h.done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		waitErr := <-h.done // "signal: killed", unless the hub had exited already
		if t.Failed() {
			t.Logf("hub exited: %v; log (last 4000 bytes):\n%s", waitErr, tail(h.logs.String(), 4000))
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(h.addr + "/healthz"); err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == 200 {
				return h
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the hub did not answer /healthz within 20s:\n%s", h.logs.String())
	return nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// goroutines reads the hub's goroutine count from its debug address.
func (h *hubProc) goroutines(t *testing.T) int {
	t.Helper()
	resp, err := http.Get(h.debug)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var v struct{ Goroutines int }
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v.Goroutines
}

// rssKB is the hub's resident set size.
func (h *hubProc) rssKB(t *testing.T) int {
	t.Helper()
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", h.cmd.Process.Pid))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			n, _ := strconv.Atoi(strings.Fields(rest)[0])
			return n
		}
	}
	return 0
}

// neo4jConns counts the hub's established TCP connections to the Neo4j port, from /proc.
func (h *hubProc) neo4jConns(t *testing.T) int {
	t.Helper()
	return h.conns("01")
}

// deadConns counts the hub's connections to the Neo4j port that the server closed and the
// hub still holds (CLOSE_WAIT): connections to a killed Neo4j that leaked.
func (h *hubProc) deadConns(t *testing.T) int {
	t.Helper()
	return h.conns("08")
}

func (h *hubProc) conns(state string) int {
	pid := h.cmd.Process.Pid
	inodes := map[string]bool{}
	fds, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	for _, fd := range fds {
		link, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, fd.Name()))
		if err == nil && strings.HasPrefix(link, "socket:[") {
			inodes[strings.TrimSuffix(strings.TrimPrefix(link, "socket:["), "]")] = true
		}
	}
	n := 0
	for _, file := range []string{"tcp", "tcp6"} {
		raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/net/%s", pid, file))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(raw), "\n")[1:] {
			f := strings.Fields(line)
			if len(f) < 10 {
				continue
			}
			remote := f[2]
			port, _ := strconv.ParseInt(remote[strings.LastIndex(remote, ":")+1:], 16, 32)
			if int(port) == db.port && f[3] == state && inodes[f[9]] {
				n++
			}
		}
	}
	return n
}

// result is what one GraphQL request got.
type result struct {
	start, end time.Time
	status     int
	codes      []string
	messages   []string // of the errors, in the order of codes
	retryAfter string   // the Retry-After header
	hasData    bool
	ids        []string // the ids of the list data.x, when there is one
	err        error    // transport error
}

func (r result) ok() bool { return r.err == nil && r.status == 200 && len(r.codes) == 0 && r.hasData }

var (
	client      = &http.Client{Timeout: 60 * time.Second}
	noKeepAlive = &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
)

// query posts q to the hub.
func (h *hubProc) query(ctx context.Context, q string) result {
	return h.queryWith(ctx, client, q)
}

func (h *hubProc) queryWith(ctx context.Context, c *http.Client, q string) result {
	r := result{start: time.Now()}
	body, _ := json.Marshal(map[string]any{"query": q})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, h.addr+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		r.err, r.end = err, time.Now()
		return r
	}
	defer func() { _ = resp.Body.Close() }()
	raw, _ := io.ReadAll(resp.Body)
	r.end, r.status, r.retryAfter = time.Now(), resp.StatusCode, resp.Header.Get("Retry-After")
	var out struct {
		Data   map[string]any
		Errors []struct {
			Message    string
			Extensions map[string]any
		}
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		r.err = fmt.Errorf("status %d, not JSON: %.200s", resp.StatusCode, raw)
		return r
	}
	r.hasData = len(out.Data) > 0
	if xs, ok := out.Data["x"].([]any); ok {
		for _, x := range xs {
			if m, ok := x.(map[string]any); ok {
				id, _ := m["id"].(string)
				r.ids = append(r.ids, id)
			}
		}
	}
	for _, e := range out.Errors {
		c, _ := e.Extensions["code"].(string)
		r.codes = append(r.codes, c)
		r.messages = append(r.messages, e.Message)
	}
	return r
}

func (h *hubProc) status(path string) int {
	resp, err := http.Get(h.addr + path)
	if err != nil {
		return 0
	}
	_ = resp.Body.Close()
	return resp.StatusCode
}

// workload is the mixed read workload of the chaos and soak tests.
var workload = []string{
	`{ stats { entityCounts { type count } relationshipCounts { type count } } }`,
	`{ tasks(limit: 20) { id name departments { name } } }`,
	`{ search(query: "改革", limit: 10) { score entity { id name } } }`,
	`{ neighborhood(id: "department/dongying-city", depth: 2, limit: 100) { nodes { id } relationships { type } } }`,
	`{ paths(from: "task/ccus-rd", to: "department/dongying-city", maxHops: 4) { length } }`,
	`{ entity(id: "task/ccus-rd") { id name sources { paragraph quote document { title } } } }`,
	`{ outcomes(where: {unit: {eq: "亿元"}}, limit: 10) { id value unit } }`,
}

// run sends the workload from workers goroutines until ctx ends, at most one request per
// interval per worker (0: back to back), and returns every result.
func run(ctx context.Context, h *hubProc, workers int, interval time.Duration, c *http.Client) []result {
	var (
		mu  sync.Mutex
		all []result
		wg  sync.WaitGroup
	)
	for w := range workers {
		wg.Go(func() {
			for i := w; ctx.Err() == nil; i++ {
				next := time.Now().Add(interval)
				r := h.queryWith(context.Background(), c, workload[i%len(workload)])
				mu.Lock()
				all = append(all, r)
				mu.Unlock()
				if d := time.Until(next); d > 0 {
					select {
					case <-ctx.Done():
					case <-time.After(d):
					}
				}
			}
		})
	}
	wg.Wait()
	return all
}
