// Command bench is the driver of `make bench` (scripts/bench.sh starts everything it needs):
// it sends the same GraphQL text (bench/workloads) to the hub, the Neo4j GraphQL Library and
// the hand-written handler over one Neo4j, checks that their answers are equal (canonical
// JSON of the data) before any timing and stops with a diff when they are not, then measures
// each workload on each server — closed loop (N workers as fast as possible) for saturation
// throughput, open loop (vegeta at one constant rate, the same for all three, below the
// weakest server's saturation) for latency — interleaving the servers, and writes the tables
// with a machine description to -out (bench/RESULTS.md). With -baseline (the hub built at an
// earlier revision, BENCH_BASELINE) it is a fourth server, checked and measured like the others,
// and the results compare the hub with it per workload (before/after a change).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reformhub/hub/bench/differential"
	"github.com/reformhub/hub/bench/harness"
	"github.com/reformhub/hub/bench/workloads"
)

type config struct {
	servers      []harness.Server
	neo4jURI     string
	database     string
	duration     time.Duration
	warmup       time.Duration
	workers      int
	rate         float64
	rateFraction float64
	repeat       int
	only         string
	out          string
	soak         time.Duration
	checkOnly    bool
	size         string
	nodeVersion  string
	command      string
	hubRev       string // the revision the hub was built at (the working tree's, for the header)
	baselineRev  string // the revision the baseline was built at (empty: no baseline)
	// restrictedGroups are the groups of the restricted caller (BENCH_ACCESS; empty: none).
	restrictedGroups string
	// differential is the number of random queries of the differential test's short form
	// (bench/differential) sent to the hub and the library in the check (0: none).
	differential int
}

// restricted is the name of the hub read as a caller restricted to some groups (BENCH_ACCESS).
const restricted = "restricted"

// restrictedToken is a token for the hub with HUB_JWT_SECRET secret: a caller in groups
// (comma-separated), valid for a day.
func restrictedToken(secret, groups string) (string, error) {
	if len(secret) < 32 {
		return "", fmt.Errorf("-restricted needs -jwt-secret (at least 32 bytes), the hub's HUB_JWT_SECRET")
	}
	var gs []string
	for _, g := range strings.Split(groups, ",") {
		if g = strings.TrimSpace(g); g != "" {
			gs = append(gs, g)
		}
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "bench-restricted", "groups": gs,
		"exp": time.Now().Add(24 * time.Hour).Unix()}).SignedString([]byte(secret))
}

func main() {
	var c config
	var hub, base, lib, hand, serverList, restrictedURL, jwtSecret, restrictedGroups string
	var hubPID, basePID, libPID, handPID int
	var listServers bool
	flag.StringVar(&hub, "hub", "", "the hub's GraphQL URL (dev mode, for extensions.statements)")
	flag.StringVar(&base, "baseline", "", "the baseline hub's GraphQL URL: the hub built at -baseline-rev (empty: not measured)")
	flag.IntVar(&basePID, "baseline-pid", 0, "the baseline hub's process id")
	flag.StringVar(&c.baselineRev, "baseline-rev", "", "the revision the baseline hub was built at, for the results")
	flag.StringVar(&c.hubRev, "hub-rev", "", "the revision the hub was built at, for the results")
	flag.BoolVar(&listServers, "list-servers", false, "print the servers -servers selects (BENCH_SERVERS; the baseline needs -baseline-rev), one line, and exit")
	flag.StringVar(&restrictedURL, "restricted", "", "BENCH_ACCESS: the hub's URL again, read as a caller restricted to -restricted-groups (a token signed with -jwt-secret)")
	flag.StringVar(&jwtSecret, "jwt-secret", "", "BENCH_ACCESS: the HS256 secret the hub verifies tokens with")
	flag.StringVar(&restrictedGroups, "restricted-groups", "g1,g2", "BENCH_ACCESS: the restricted caller's groups, comma-separated")
	flag.StringVar(&serverList, "servers", "", "with -list-servers: comma-separated server names (empty: all)")
	flag.StringVar(&lib, "library", "", "the Neo4j GraphQL Library server's URL (empty: not measured)")
	flag.StringVar(&hand, "handwritten", "", "the hand-written handler's URL")
	flag.IntVar(&hubPID, "hub-pid", 0, "the hub's process id (RSS, CPU)")
	flag.IntVar(&libPID, "library-pid", 0, "the library server's process id")
	flag.IntVar(&handPID, "handwritten-pid", 0, "the hand-written handler's process id")
	flag.StringVar(&c.neo4jURI, "neo4j", envOr("NEO4J_URI", "bolt://127.0.0.1:7687"), "the Neo4j all servers use (variables, machine description)")
	flag.StringVar(&c.database, "database", os.Getenv("NEO4J_DATABASE"), "Neo4j database (empty: default)")
	flag.DurationVar(&c.duration, "duration", 6*time.Second, "length of each timed run")
	flag.DurationVar(&c.warmup, "warmup", 2*time.Second, "closed-loop warm-up of each server on the mix before timing")
	flag.IntVar(&c.workers, "workers", 8, "concurrent requests of the closed loop")
	flag.Float64Var(&c.rate, "rate", 0, "open-loop rate in requests/s for every workload (0: rate-fraction of the weakest server's saturation, per workload)")
	flag.Float64Var(&c.rateFraction, "rate-fraction", 0.5, "open-loop rate as a fraction of the weakest server's closed-loop throughput")
	flag.IntVar(&c.repeat, "repeat", 1, "rounds of every run (medians reported; the server order rotates each round)")
	flag.StringVar(&c.only, "workloads", "", "comma-separated workload names (empty: all, and the mix)")
	flag.StringVar(&c.out, "out", "bench/RESULTS.md", "results file (Markdown)")
	flag.DurationVar(&c.soak, "soak", 0, "after the runs, the mix against the hub for this long, RSS every 10 s (0: none)")
	flag.BoolVar(&c.checkOnly, "check-only", false, "only check that the answers are equal; no timing, no results file")
	flag.StringVar(&c.size, "size", "", "dataset label for the results (S, M, L, shipped)")
	flag.StringVar(&c.nodeVersion, "node-version", "", "Node.js version for the results")
	flag.StringVar(&c.command, "command", "make bench", "the command line for the results")
	flag.IntVar(&c.differential, "differential", 200, "random read queries the check sends to the hub and the library (the differential test's short form; 0: none)")
	flag.Parse()
	if listServers {
		sel, err := selectServers(serverList, c.baselineRev != "", jwtSecret != "")
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(2)
		}
		fmt.Println(strings.Join(sel, " "))
		return
	}
	var token string
	if restrictedURL != "" {
		var err error
		if token, err = restrictedToken(jwtSecret, restrictedGroups); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(2)
		}
		c.restrictedGroups = restrictedGroups
	}
	for _, s := range []harness.Server{{Name: "hub", URL: hub, PID: hubPID}, {Name: restricted, URL: restrictedURL, PID: hubPID, Token: token},
		{Name: "baseline", URL: base, PID: basePID},
		{Name: "library", URL: lib, PID: libPID}, {Name: "handwritten", URL: hand, PID: handPID}} {
		if s.URL != "" {
			c.servers = append(c.servers, s)
		}
	}
	if len(c.servers) == 0 {
		fmt.Fprintln(os.Stderr, "bench: give at least one of -hub, -baseline, -library, -handwritten")
		os.Exit(2)
	}
	if err := run(context.Background(), c); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// job is one workload as sent: its requests in turn (the mix is a job too).
type job struct {
	name  string
	reqs  []harness.Request
	stmts map[string]float64 // per server: statements per request, when known
}

func run(ctx context.Context, c config) error {
	driver, err := neo4j.NewDriverWithContext(c.neo4jURI, auth())
	if err != nil {
		return err
	}
	defer func() { _ = driver.Close(ctx) }()
	ws, err := workloads.All()
	if err != nil {
		return err
	}
	if err := workloads.Pick(ctx, driver, c.database, ws); err != nil {
		return err
	}
	if c.restrictedGroups != "" {
		if err := workloads.KeepPublic(ctx, driver, c.database, ws); err != nil {
			return err
		}
	}
	jobs, err := buildJobs(ws, c.only)
	if err != nil {
		return err
	}
	client := &http.Client{Timeout: 60 * time.Second}
	checked, err := checkEqual(client, c.servers, ws, jobs)
	if err != nil {
		return err
	}
	fmt.Printf("equal answers from %s on %d requests (%d workloads)\n", names(c.servers), checked, len(ws))
	if err := checkDifferential(ctx, c); err != nil {
		return err
	}
	if c.checkOnly {
		return nil
	}
	m, err := describeMachine(ctx, driver, c)
	if err != nil {
		return err
	}
	res := measure(c, jobs)
	var soak *soakResult
	if c.soak > 0 {
		soak = runSoak(c, jobs, res)
	}
	report := render(c, m, jobs, res, soak, checked)
	if err := os.WriteFile(c.out, []byte(report), 0o644); err != nil {
		return err
	}
	fmt.Println(report)
	fmt.Println("wrote", c.out)
	return nil
}

// checkDifferential runs the differential test's short form (make differential is the long
// one) when the hub and the library are both measured: random read queries valid in both
// schemas over the loaded data, every root list with a limit; a disagreement the divergence
// table (docs/compatibility.md) does not list fails the bench.
func checkDifferential(ctx context.Context, c config) error {
	urls := map[string]string{}
	for _, s := range c.servers {
		urls[s.Name] = s.URL
	}
	// With access control (BENCH_ACCESS) the hub shows an anonymous caller less than the
	// library shows anyone: the answers differ by design.
	if c.differential <= 0 || urls["hub"] == "" || urls["library"] == "" || c.restrictedGroups != "" {
		return nil
	}
	r, err := differential.RunAgainst(ctx, urls["hub"], urls["library"], differential.Config{
		N: c.differential, Seed: 1, Label: c.size, Options: differential.Options{Bounded: true}})
	if r != nil {
		fmt.Print(r.Summary())
	}
	if err != nil {
		return fmt.Errorf("differential: %w", err)
	}
	if r.Failed() {
		return fmt.Errorf("differential: %d queries answered differently by the hub and the library, and the divergence table (docs/compatibility.md) does not say why (make differential DIFF_DETAILS=dir for more)", len(r.Unexplained))
	}
	return nil
}

func auth() neo4j.AuthToken {
	if u := os.Getenv("NEO4J_USERNAME"); u != "" {
		return neo4j.BasicAuth(u, os.Getenv("NEO4J_PASSWORD"), "")
	}
	return neo4j.NoAuth()
}

func names(ss []harness.Server) string {
	var n []string
	for _, s := range ss {
		n = append(n, s.Name)
	}
	return strings.Join(n, ", ")
}

// buildJobs encodes each workload's requests, and the mix (when no subset is asked for).
func buildJobs(ws []*workloads.Workload, only string) ([]*job, error) {
	want := map[string]bool{}
	for _, n := range strings.Split(only, ",") {
		if n = strings.TrimSpace(n); n != "" {
			want[n] = true
		}
	}
	perWorkload := make([][]harness.Request, len(ws))
	var jobs []*job
	for i, w := range ws {
		for _, v := range w.Vars {
			r, err := harness.NewRequest(w.Query, w.Operation, v)
			if err != nil {
				return nil, err
			}
			perWorkload[i] = append(perWorkload[i], r)
		}
		if len(want) == 0 || want[w.Name] {
			jobs = append(jobs, &job{name: w.Name, reqs: perWorkload[i], stmts: map[string]float64{}})
		}
	}
	if len(want) == 0 || want["mix"] {
		mix := &job{name: "mix", stmts: map[string]float64{}}
		for _, p := range workloads.Mix(ws) {
			mix.reqs = append(mix.reqs, perWorkload[p[0]][p[1]])
		}
		jobs = append(jobs, mix)
	}
	if len(jobs) == 0 {
		return nil, fmt.Errorf("no workload named in %q", only)
	}
	return jobs, nil
}

// checkEqual sends every request of every workload to every server and compares the
// canonical data; the first difference is an error with the diff. It also records each
// server's statements per request (extensions.statements, when it sends them) per job.
func checkEqual(client *http.Client, servers []harness.Server, ws []*workloads.Workload, jobs []*job) (int, error) {
	n := 0
	stmtsByBody := map[string]map[string]float64{} // server -> request body -> statements
	// A first request primes each server (the library checks the database version on its first
	// one, an extra statement that would otherwise be counted against the first workload).
	if len(ws) > 0 && len(ws[0].Vars) > 0 {
		prime, err := harness.NewRequest(ws[0].Query, ws[0].Operation, ws[0].Vars[0])
		if err != nil {
			return n, err
		}
		for _, s := range servers {
			if _, err := harness.PostAs(client, s.URL, s.Token, prime); err != nil {
				return n, fmt.Errorf("%s: %w", s.Name, err)
			}
		}
	}
	for _, w := range ws {
		for vi, v := range w.Vars {
			req, err := harness.NewRequest(w.Query, w.Operation, v)
			if err != nil {
				return n, err
			}
			var ref []byte
			for si, s := range servers {
				body, canon, err := answer(client, s, req)
				if err != nil {
					return n, fmt.Errorf("%s on %s (variables %d: %s): %w", w.Name, s.Name, vi, req.Body, err)
				}
				// The restricted caller sees less than the others by design (BENCH_ACCESS): its
				// answers are checked to be answers, not compared.
				if si == 0 {
					ref = canon
				} else if s.Name == restricted {
				} else if d := harness.Diff(ref, canon); d != "" {
					return n, fmt.Errorf("answers differ: %s, %s vs %s, variables %s:\n  %s\n  %s: %s\n  %s: %s",
						w.Name, servers[0].Name, s.Name, req.Body, d, servers[0].Name, clip(ref), s.Name, clip(canon))
				}
				var r harness.Response
				if err := jsonUnmarshal(body, &r); err == nil {
					if k, ok := harness.Statements(r.Extensions); ok {
						if stmtsByBody[s.Name] == nil {
							stmtsByBody[s.Name] = map[string]float64{}
						}
						stmtsByBody[s.Name][string(req.Body)] = k
					}
				}
			}
			var stmts []string
			for _, s := range servers {
				k, ok := stmtsByBody[s.Name][string(req.Body)]
				stmts = append(stmts, fmt.Sprintf("%s %s", s.Name, map[bool]string{true: fmt.Sprint(k), false: "n/a"}[ok]))
			}
			fmt.Printf("check %-7s variables %s: %d bytes of data; statements: %s\n", w.Name, mustJSON(v), len(ref), strings.Join(stmts, ", "))
			n++
		}
	}
	for _, j := range jobs {
		for _, s := range servers {
			var sum float64
			known := len(j.reqs) > 0
			for _, r := range j.reqs {
				k, ok := stmtsByBody[s.Name][string(r.Body)]
				known = known && ok
				sum += k
			}
			if known {
				j.stmts[s.Name] = sum / float64(len(j.reqs))
			}
		}
	}
	return n, nil
}

func clip(b []byte) string {
	if len(b) > 1500 {
		return string(b[:1500]) + "…"
	}
	return string(b)
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// answer posts req to s and returns the body and its canonical data. A failed answer (an
// error, e.g. a cold server's pool timing out on a busy machine) is retried twice after a
// pause; an answer that differs from another server's is never retried.
func answer(client *http.Client, s harness.Server, req harness.Request) ([]byte, []byte, error) {
	var err error
	for attempt := range 3 {
		if attempt > 0 {
			fmt.Printf("retrying %s after: %v\n", s.Name, clip([]byte(err.Error())))
			time.Sleep(2 * time.Second)
		}
		var body, canon []byte
		if body, err = harness.PostAs(client, s.URL, s.Token, req); err != nil {
			continue
		}
		if canon, err = harness.Canonical(body); err == nil {
			return body, canon, nil
		}
	}
	return nil, nil, err
}
