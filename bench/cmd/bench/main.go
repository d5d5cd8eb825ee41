// Command bench is the driver of `make bench` (scripts/bench.sh starts everything it needs):
// it sends the same GraphQL text (bench/workloads) to the hub, the Neo4j GraphQL Library and
// the hand-written handler over one Neo4j, checks that their answers are equal (canonical
// JSON of the data) before any timing and stops with a diff when they are not, then measures
// each workload on each server — closed loop (N workers as fast as possible) for saturation
// throughput, open loop (vegeta at one constant rate, the same for all three, below the
// weakest server's saturation) for latency — interleaving the servers, and writes the tables
// with a machine description to -out (bench/RESULTS.md). It does so in two regimes (-regime,
// BENCH_REGIME; see regime): cold, every request's variables new to its server and the
// response cache skipped, and zipf, variables repeated with a Zipf distribution. With
// -baseline (the hub built at an earlier revision, BENCH_BASELINE) it is a fourth server,
// checked and measured like the others, and the results compare the hub with it per workload
// (before/after a change).
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
	// regimes are the regimes measured, in order (BENCH_REGIME).
	regimes []regime
	// pool bounds each workload's pool of variable sets (BENCH_POOL); seed orders the pools
	// and fixes the Zipf draws.
	pool int
	seed uint64
	// slices splits each timed run: the servers take turns slice by slice (sliced).
	slices int
	// checkSets is how many variable sets of each workload the equality check sends.
	checkSets int
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
	var regimeList string
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
	flag.IntVar(&c.slices, "slices", 1, "each timed run in this many slices, the servers taking turns slice by slice (their ratios then hold on a machine whose speed drifts)")
	flag.IntVar(&c.repeat, "repeat", 1, "rounds of every run (medians reported; the server order rotates each round)")
	flag.StringVar(&c.only, "workloads", "", "comma-separated workload names (empty: all, and the mix)")
	flag.StringVar(&c.out, "out", "bench/RESULTS.md", "results file (Markdown)")
	flag.DurationVar(&c.soak, "soak", 0, "after the runs, the mix against the hub for this long, RSS every 10 s (0: none)")
	flag.BoolVar(&c.checkOnly, "check-only", false, "only check that the answers are equal; no timing, no results file")
	flag.StringVar(&c.size, "size", "", "dataset label for the results (S, M, L, shipped)")
	flag.StringVar(&c.nodeVersion, "node-version", "", "Node.js version for the results")
	flag.StringVar(&c.command, "command", "make bench", "the command line for the results")
	flag.IntVar(&c.differential, "differential", 200, "random read queries the check sends to the hub and the library (the differential test's short form; 0: none)")
	flag.StringVar(&regimeList, "regime", "both", "the regimes measured: cold (variables never repeated, Cache-Control: no-cache), zipf (variables repeated with a Zipf distribution) or both")
	flag.IntVar(&c.pool, "pool", workloads.DefaultPool, "most variable sets of one workload drawn from the data")
	flag.Uint64Var(&c.seed, "seed", 1, "seed of the pools' order and of the Zipf draws")
	flag.IntVar(&c.checkSets, "check-sets", 8, "variable sets of each workload the equality check sends")
	flag.Parse()
	var err error
	if c.regimes, err = parseRegimes(regimeList); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
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
	if c.slices < 1 || c.duration/time.Duration(max(1, c.slices)) < time.Second {
		fmt.Fprintf(os.Stderr, "bench: -slices %d: need at least 1, and slices of at least 1 s of -duration %s\n", c.slices, c.duration)
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

// job is one workload as measured (the mix is a job too).
type job struct {
	name     string
	workload int // index of the workload; -1: the mix
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
	started := time.Now()
	if err := workloads.Pick(ctx, driver, c.database, ws, workloads.PoolOptions{Max: c.pool, Seed: c.seed}); err != nil {
		return err
	}
	if c.restrictedGroups != "" {
		if err := workloads.KeepPublic(ctx, driver, c.database, ws); err != nil {
			return err
		}
	}
	var sizes []string
	for _, w := range ws {
		sizes = append(sizes, fmt.Sprintf("%s %d", w.Name, len(w.Vars)))
	}
	fmt.Printf("variable pools (%s): %s\n", time.Since(started).Round(time.Millisecond), strings.Join(sizes, ", "))
	jobs, err := buildJobs(ws, c.only)
	if err != nil {
		return err
	}
	pools, err := encodePools(ws)
	if err != nil {
		return err
	}
	order := workloads.MixOrder(ws)
	var runs []*regimeRun
	for _, r := range c.regimes {
		runs = append(runs, &regimeRun{regime: r, st: newStreams(r, c.servers, pools, order, c.seed)})
	}
	client := &http.Client{Timeout: 60 * time.Second}
	checked, err := checkEqual(client, c, ws, pools, runs)
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
	for _, rr := range runs {
		fmt.Printf("regime %s\n", rr.regime.name)
		rr.res = measure(c, jobs, rr.st)
	}
	var soak *soakResult
	if c.soak > 0 {
		soak = runSoak(c, jobs, runs[0])
	}
	for _, rr := range runs {
		rr.summarize(ws)
	}
	report := render(c, m, jobs, runs, soak, checked)
	if err := os.WriteFile(c.out, []byte(report), 0o644); err != nil {
		return err
	}
	fmt.Println(report)
	fmt.Println("wrote", c.out)
	return nil
}

// regimeRun is one regime's measurement: its sources, its runs and what it sent of each
// workload's pool.
type regimeRun struct {
	regime regime
	st     *streams
	res    *results
	vars   []varUse // per workload
}

// varUse is what a regime sent of one workload's pool (see use).
type varUse struct {
	name    string
	pool    int
	hasVars bool
	use
}

func (rr *regimeRun) summarize(ws []*workloads.Workload) {
	rr.vars = nil
	for i, w := range ws {
		rr.vars = append(rr.vars, varUse{name: w.Name, pool: len(w.Vars), hasVars: w.HasVars(), use: rr.st.usage(i)})
	}
}

// encodePools encodes every workload's pool of variable sets as request bodies.
func encodePools(ws []*workloads.Workload) ([][]harness.Request, error) {
	out := make([][]harness.Request, len(ws))
	for i, w := range ws {
		for _, v := range w.Vars {
			r, err := harness.NewRequest(w.Query, w.Operation, v)
			if err != nil {
				return nil, err
			}
			out[i] = append(out[i], r)
		}
	}
	return out, nil
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

// buildJobs lists the jobs: the workloads named in only (all when empty) and the mix (when no
// subset is asked for, or it is named).
func buildJobs(ws []*workloads.Workload, only string) ([]*job, error) {
	want := map[string]bool{}
	for _, n := range strings.Split(only, ",") {
		if n = strings.TrimSpace(n); n != "" {
			want[n] = true
		}
	}
	var jobs []*job
	for i, w := range ws {
		if len(want) == 0 || want[w.Name] {
			jobs = append(jobs, &job{name: w.Name, workload: i})
		}
	}
	if len(want) == 0 || want["mix"] {
		jobs = append(jobs, &job{name: "mix", workload: -1})
	}
	if len(jobs) == 0 {
		return nil, fmt.Errorf("no workload named in %q", only)
	}
	return jobs, nil
}

// checkEqual sends variable sets of every workload to every server and compares the
// canonical data; the first difference is an error with the diff. The sets are the first
// c.checkSets of each pool, sent with Cache-Control: no-cache and drawn through the cold
// regime's cursors when it runs (so that the cold regime never sends them again). With the
// Zipf regime it also sends each workload's most frequent Zipf set twice without the header,
// both answers compared: the hub's second one may come from its response cache.
func checkEqual(client *http.Client, c config, ws []*workloads.Workload, pools [][]harness.Request, runs []*regimeRun) (int, error) {
	n := 0
	servers := c.servers
	var cold, zipf *streams
	for _, rr := range runs {
		if rr.regime.noCache {
			cold = rr.st
		} else {
			zipf = rr.st
		}
	}
	noCache := coldRegime.header()
	// A first request primes each server (the library checks the database version on its first
	// one, an extra statement that would otherwise be counted against the first workload).
	// It is a workload without variables (no variable set is spent on it).
	for wi, w := range ws {
		if w.HasVars() {
			continue
		}
		for _, s := range servers {
			if _, err := harness.PostWith(client, s.URL, s.Token, noCache, pools[wi][0]); err != nil {
				return n, fmt.Errorf("%s: %w", s.Name, err)
			}
		}
		break
	}
	// compare sends req to every server and compares their answers; it returns a line on the
	// statements each server ran (or that it answered from its cache).
	compare := func(w *workloads.Workload, req harness.Request, hdr http.Header) (string, int, error) {
		var ref []byte
		var said []string
		for si, s := range servers {
			body, canon, err := answer(client, s, req, hdr)
			if err != nil {
				return "", 0, fmt.Errorf("%s on %s (%s): %w", w.Name, s.Name, req.Body, err)
			}
			// The restricted caller sees less than the others by design (BENCH_ACCESS): its
			// answers are checked to be answers, not compared.
			if si == 0 {
				ref = canon
			} else if s.Name == restricted {
			} else if d := harness.Diff(ref, canon); d != "" {
				return "", 0, fmt.Errorf("answers differ: %s, %s vs %s, request %s:\n  %s\n  %s: %s\n  %s: %s",
					w.Name, servers[0].Name, s.Name, req.Body, d, servers[0].Name, clip(ref), s.Name, clip(canon))
			}
			switch hit, k, ok := harness.CacheAndStatements(body); {
			case hit:
				said = append(said, s.Name+" cache hit")
			case ok:
				said = append(said, fmt.Sprintf("%s %v", s.Name, k))
			default:
				said = append(said, s.Name+" n/a")
			}
		}
		return strings.Join(said, ", "), len(ref), nil
	}
	for wi, w := range ws {
		for k := range min(c.checkSets, len(pools[wi])) {
			idx := k
			if cold != nil {
				// Every server's cursor draws the same set: they start together.
				for _, s := range servers {
					idx = cold.cursors[s.Name][wi].Draw()
				}
			}
			said, size, err := compare(w, pools[wi][idx], noCache)
			if err != nil {
				return n, err
			}
			fmt.Printf("check %-7s variables %s: %d bytes of data; statements: %s\n", w.Name, mustJSON(w.Vars[idx]), size, said)
			n++
		}
		if zipf != nil {
			top := zipf.zipfs[servers[0].Name][wi].Top()
			for try := range 2 {
				said, size, err := compare(w, top, nil)
				if err != nil {
					return n, err
				}
				fmt.Printf("check %-7s the most frequent Zipf set, cache allowed (%d of 2): %d bytes of data; statements: %s\n",
					w.Name, try+1, size, said)
				n++
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

// answer posts req to s (with the extra headers hdr) and returns the body and its canonical
// data. A failed answer (an error, e.g. a cold server's pool timing out on a busy machine) is
// retried twice after a pause; an answer that differs from another server's is never retried.
func answer(client *http.Client, s harness.Server, req harness.Request, hdr http.Header) ([]byte, []byte, error) {
	var err error
	for attempt := range 3 {
		if attempt > 0 {
			fmt.Printf("retrying %s after: %v\n", s.Name, clip([]byte(err.Error())))
			time.Sleep(2 * time.Second)
		}
		var body, canon []byte
		if body, err = harness.PostWith(client, s.URL, s.Token, hdr, req); err != nil {
			continue
		}
		if canon, err = harness.Canonical(body); err == nil {
			return body, canon, nil
		}
	}
	return nil, nil, err
}
