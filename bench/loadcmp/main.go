// Command loadcmp measures the hub's loader against Neo4j's own LOAD CSV on the same data,
// as a ratio of throughputs. On one Neo4j, with the hub's schema (constraints and indexes, as
// `hub migrate` creates them), for each round: wipe, time `hub load` of a generated corpus
// (parse and write, in process through package loader), check the counts against the
// generator's, time a sync of a copy of the corpus with 1% of its lines changed
// (--sync-fraction: `hub load` of it, which decodes only the changed lines); wipe, time LOAD CSV … CALL (row) { … } IN TRANSACTIONS OF 10000 ROWS over the
// corpus's CSV files (the same nodes and relationships, merged the same way), check the counts
// and that a sample of nodes and relationships has identical properties. It prints a markdown
// table: rows, seconds, rows/s for each, the ratio hub / LOAD CSV, and each round's sync
// against the round's full load.
//
//	go run ./bench/loadcmp --dir DIR --uri bolt://127.0.0.1:7742 --import IMPORTDIR [--rounds 1]
//
// DIR is a corpus written by `hub gen`; IMPORTDIR is the Neo4j's import directory (the
// launcher's --import): the CSV files are linked (or copied) into it. The database is wiped.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime/pprof"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/internal/synth"
	"github.com/reformhub/hub/loader"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadcmp:", err)
		os.Exit(1)
	}
}

type options struct {
	dir, uri, importDir, cpuprofile string
	rounds, workers, batch          int
	sample                          int
	syncFraction                    float64
	verbose                         bool
}

func run(ctx context.Context, args []string, out io.Writer) error {
	var o options
	fs := flag.NewFlagSet("loadcmp", flag.ContinueOnError)
	fs.StringVar(&o.dir, "dir", "", "corpus folder written by hub gen")
	fs.StringVar(&o.uri, "uri", "bolt://127.0.0.1:7687", "Neo4j Bolt URI (the database is wiped)")
	fs.StringVar(&o.importDir, "import", "", "the Neo4j's import directory (LOAD CSV file:/// root)")
	fs.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile of the hub loads to this file")
	fs.IntVar(&o.rounds, "rounds", 1, "rounds of (hub load, LOAD CSV), interleaved")
	fs.IntVar(&o.workers, "workers", loader.DefaultWorkers, "hub load: concurrent write transactions")
	fs.IntVar(&o.batch, "batch-size", loader.DefaultBatchSize, "hub load: rows per transaction")
	fs.IntVar(&o.sample, "sample", 200, "nodes and relationships whose properties are compared")
	fs.Float64Var(&o.syncFraction, "sync-fraction", 0.01, "after the first hub load, time a sync that changes this share of the facts (0: none)")
	fs.BoolVar(&o.verbose, "v", false, "print the hub loader's progress (seconds since its start first) and each LOAD CSV file's time")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.dir == "" || o.importDir == "" {
		return errors.New("usage: loadcmp --dir CORPUS --uri BOLT --import NEO4J_IMPORT_DIR")
	}
	// The collector as `hub load` sets it.
	loader.TuneGC(os.Getenv)
	meta, err := synth.ReadMeta(o.dir)
	if err != nil {
		return err
	}
	want := meta.Counts()
	if err := linkCSV(o.dir, o.importDir); err != nil {
		return err
	}
	// No hub reads this database while it loads: each sync is applied at once, and its time
	// includes the apply.
	st, err := store.Open(store.Options{URI: o.uri, MaxRetryTime: time.Minute, SyncGrace: -1})
	if err != nil {
		return err
	}
	defer func() { _ = st.Close(context.Background()) }()
	driver, err := neo4j.NewDriverWithContext(o.uri, neo4j.NoAuth())
	if err != nil {
		return err
	}
	defer func() { _ = driver.Close(context.Background()) }()
	if err := st.Ping(ctx); err != nil {
		return err
	}
	if err := st.EnsureSchema(ctx); err != nil {
		return err
	}

	var prof *os.File
	if o.cpuprofile != "" {
		f, err := os.Create(o.cpuprofile)
		if err != nil {
			return err
		}
		prof = f
	}
	var hubRuns, csvRuns []timing
	var syncRuns []timing // one a round, after its full load
	var sample *sampleSet
	for round := 1; round <= o.rounds; round++ {
		fmt.Fprintf(os.Stderr, "round %d: wipe\n", round)
		if err := wipe(ctx, driver); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "round %d: hub load %s\n", round, o.dir)
		if prof != nil {
			if err := pprof.StartCPUProfile(prof); err != nil {
				return err
			}
		}
		h, err := hubLoad(ctx, st, o)
		if prof != nil {
			pprof.StopCPUProfile()
		}
		if err != nil {
			return err
		}
		if err := checkCounts(ctx, st, want, "hub load"); err != nil {
			return err
		}
		if sample == nil {
			if sample, err = pickSample(o.dir, o.sample); err != nil {
				return err
			}
		}
		hubProps, err := sample.read(ctx, driver)
		if err != nil {
			return err
		}
		hubRuns = append(hubRuns, h)
		fmt.Fprintf(os.Stderr, "round %d: hub load: %d rows in %.1f s (parse %.1f s): %.0f rows/s\n",
			round, h.rows, h.total.Seconds(), h.parse.Seconds(), h.rate())
		if o.syncFraction > 0 {
			sy, err := hubSync(ctx, st, o)
			if err != nil {
				return err
			}
			syncRuns = append(syncRuns, sy)
			fmt.Fprintf(os.Stderr, "round %d: sync of %d changed facts in %.1f s (parse %.1f s): %.1f× faster than the full load\n",
				round, sy.rows, sy.total.Seconds(), sy.parse.Seconds(), h.total.Seconds()/sy.total.Seconds())
		}

		fmt.Fprintf(os.Stderr, "round %d: wipe\n", round)
		if err := wipe(ctx, driver); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "round %d: LOAD CSV\n", round)
		c, err := loadCSV(ctx, driver, meta, o.verbose)
		if err != nil {
			return err
		}
		if err := checkCounts(ctx, st, want, "LOAD CSV"); err != nil {
			return err
		}
		csvProps, err := sample.read(ctx, driver)
		if err != nil {
			return err
		}
		if err := sameProps(hubProps, csvProps); err != nil {
			return err
		}
		csvRuns = append(csvRuns, c)
		fmt.Fprintf(os.Stderr, "round %d: LOAD CSV: %d rows in %.1f s: %.0f rows/s\n", round, c.rows, c.total.Seconds(), c.rate())
	}
	if prof != nil {
		if err := prof.Close(); err != nil {
			return fmt.Errorf("cpu profile: %w", err)
		}
	}
	report(out, o, meta, hubRuns, csvRuns, syncRuns)
	return nil
}

// wipe empties the throw-away database: every relationship, then every node (entities, staged
// ones, and the datasets' bookkeeping: without it the next hub load would find the dataset
// loaded and write nothing), a few thousand per transaction (a hub department has thousands of
// relationships) and the large nodes (manifest chunks, batched Change nodes) ten at a time.
func wipe(ctx context.Context, driver neo4j.DriverWithContext) error {
	for _, cypher := range []string{
		"MATCH ()-[r]->() WITH r LIMIT 5000 DELETE r RETURN count(*) AS n",
		"MATCH (n) WHERE n:DatasetManifest OR (n:Change AND n.keys IS NOT NULL) WITH n LIMIT 10 DELETE n RETURN count(*) AS n",
		"MATCH (n) WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS n",
	} {
		for {
			res, err := neo4j.ExecuteQuery(ctx, driver, cypher, nil, neo4j.EagerResultTransformer)
			if err != nil {
				return fmt.Errorf("wipe: %w", err)
			}
			if n, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "n"); n == 0 {
				break
			}
		}
	}
	return nil
}

// timing is one timed load.
type timing struct {
	rows        int
	total       time.Duration
	parse       time.Duration // hub load: validating the dataset (part of total)
	nodes, rels time.Duration // LOAD CSV: the node files and the relationship files
}

func (t timing) rate() float64 { return float64(t.rows) / t.total.Seconds() }

// hubLoad validates and loads the corpus as `hub load` does (streaming: Scan, then
// LoadScanned).
func hubLoad(ctx context.Context, st *store.Store, o options) (timing, error) {
	return scanAndLoad(ctx, st, o.dir, o, false)
}

// scanAndLoad times `hub load DIR`: Scan, then LoadScanned (with wait: the version applied at
// once, as no reader is there).
func scanAndLoad(ctx context.Context, st *store.Store, dir string, o options, wait bool) (timing, error) {
	start := time.Now()
	// As `hub load`: a dataset the graph holds is scanned against its manifest (only the
	// lines changed since are decoded and checked), any other whole.
	sc, err := loader.ScanAgainst(ctx, dir, st)
	if err != nil {
		return timing{}, err
	}
	defer func() { _ = sc.Close() }()
	parsed := time.Since(start)
	if n, v := sc.Reused(); n > 0 && o.verbose {
		fmt.Fprintf(os.Stderr, "%d lines as at data version %d, not decoded again\n", n, v)
	}
	var prog io.Writer
	if o.verbose {
		prog = loader.NewProgressOf(stamped{os.Stderr, start}, io.Discard, sc.Documents+sc.Entities+sc.Relationships, false)
	}
	sum, err := loader.LoadScanned(ctx, sc, st, loader.Options{BatchSize: o.batch, Workers: o.workers, Wait: wait, Progress: prog})
	if err != nil {
		return timing{}, err
	}
	rows := sum.TotalNodes() + sum.TotalRels()
	if wait {
		rows = sum.Changed
		if sum.Added != 0 || sum.Removed != 0 || sum.Changed == 0 {
			return timing{}, fmt.Errorf("sync: %d added, %d changed, %d retracted; want only changes", sum.Added, sum.Changed, sum.Removed)
		}
	}
	return timing{rows: rows, total: time.Since(start), parse: parsed}, nil
}

// hubSync copies the corpus with o.syncFraction of its facts changed — the name of every k-th
// entity, the implied flag of every k-th relationship of each data file — and times `hub load`
// of the copy: reading every line again, decoding and checking the changed ones (the others
// are known by their hash from the manifest of the full load), then writing the changes.
func hubSync(ctx context.Context, st *store.Store, o options) (timing, error) {
	k := max(1, int(1/o.syncFraction+0.5))
	dir, err := os.MkdirTemp("", "loadcmp-sync-")
	if err != nil {
		return timing{}, err
	}
	defer func() { _ = os.RemoveAll(dir) }()
	if err := changedCopy(o.dir, dir, k); err != nil {
		return timing{}, fmt.Errorf("sync: %w", err)
	}
	t, err := scanAndLoad(ctx, st, dir, o, true)
	if err != nil {
		return timing{}, fmt.Errorf("sync: %w", err)
	}
	return t, nil
}

// changedCopy copies the corpus in src to dst (the manifest and the NDJSON files; not the
// CSV), changing every k-th line of each data file.
func changedCopy(src, dst string, k int) error {
	if err := copyFile(filepath.Join(src, "dataset.yaml"), filepath.Join(dst, "dataset.yaml")); err != nil {
		return err
	}
	for _, sub := range []string{"nodes", "rels"} {
		files, err := filepath.Glob(filepath.Join(src, sub, "*.ndjson"))
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(dst, sub), 0o755); err != nil {
			return err
		}
		for _, f := range files {
			if err := changeLines(f, filepath.Join(dst, sub, filepath.Base(f)), k); err != nil {
				return err
			}
		}
	}
	return nil
}

// changeLines copies the NDJSON file src to dst with every k-th line changed: an entity's
// name gets a suffix, a relationship's implied flag flips.
func changeLines(src, dst string, k int) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer func() { _ = in.Close() }()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(out)
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for n := 0; sc.Scan(); n++ {
		line := sc.Bytes()
		if n%k == 0 {
			var m map[string]any
			if err := json.Unmarshal(line, &m); err != nil {
				return errors.Join(fmt.Errorf("%s line %d: %w", src, n+1, err), out.Close())
			}
			if _, ok := m["from"]; ok {
				implied, _ := m["implied"].(bool)
				m["implied"] = !implied
			} else {
				m["name"] = fmt.Sprint(m["name"]) + "（修订）"
			}
			if line, err = json.Marshal(m); err != nil {
				return errors.Join(err, out.Close())
			}
		}
		_, _ = w.Write(line)
		_ = w.WriteByte('\n')
	}
	if err := errors.Join(sc.Err(), w.Flush()); err != nil {
		return errors.Join(err, out.Close())
	}
	return out.Close()
}

// loadCSV runs the LOAD CSV statements of every node file, then every relationship file.
func loadCSV(ctx context.Context, driver neo4j.DriverWithContext, meta synth.Meta, verbose bool) (timing, error) {
	session := driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite})
	defer func() { _ = session.Close(context.Background()) }()
	exec := func(cypher, file string) error {
		// CALL { … } IN TRANSACTIONS needs an implicit (auto-commit) transaction: session.Run.
		if verbose {
			defer func(start time.Time) {
				fmt.Fprintf(os.Stderr, "LOAD CSV %s: %.1f s\n", file, time.Since(start).Seconds())
			}(time.Now())
		}
		res, err := session.Run(ctx, cypher, map[string]any{"url": "file:///" + filepath.Base(file), "dataset": meta.ID})
		if err != nil {
			return fmt.Errorf("LOAD CSV %s: %w", file, err)
		}
		if _, err := res.Consume(ctx); err != nil {
			return fmt.Errorf("LOAD CSV %s: %w", file, err)
		}
		return nil
	}
	var t timing
	start := time.Now()
	for _, et := range reform.EntityTypes {
		if err := exec(nodeStatement(et), synth.NodeCSV(et)); err != nil {
			return t, err
		}
		t.rows += meta.Nodes[string(et)]
	}
	t.nodes = time.Since(start)
	for _, rt := range reform.RelTypes {
		if err := exec(relStatement(rt), synth.RelCSV(rt)); err != nil {
			return t, err
		}
		t.rows += meta.Rels[string(rt)]
	}
	t.total = time.Since(start)
	t.rels = t.total - t.nodes
	return t, nil
}

// checkCounts compares the database's counts per type with the generator's.
func checkCounts(ctx context.Context, st *store.Store, want synth.Counts, who string) error {
	got, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	var diffs []string
	for _, c := range got.EntityCounts {
		if w := want.Nodes[reform.EntityType(c.Type)]; c.Count != w {
			diffs = append(diffs, fmt.Sprintf("%s nodes %d, want %d", c.Type, c.Count, w))
		}
	}
	for _, c := range got.RelationshipCounts {
		if w := want.Rels[reform.RelType(c.Type)]; c.Count != w {
			diffs = append(diffs, fmt.Sprintf("%s relationships %d, want %d", c.Type, c.Count, w))
		}
	}
	if len(diffs) > 0 {
		return fmt.Errorf("after %s: %v", who, diffs)
	}
	return nil
}

// linkCSV makes the corpus's CSV files available in the Neo4j import directory: hard links
// when it is on the same file system, else copies.
func linkCSV(dir, importDir string) error {
	if err := os.MkdirAll(importDir, 0o755); err != nil {
		return err
	}
	files, err := filepath.Glob(filepath.Join(dir, synth.CSVDir, "*.csv"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no CSV files in %s", filepath.Join(dir, synth.CSVDir))
	}
	for _, f := range files {
		dst := filepath.Join(importDir, filepath.Base(f))
		if same(f, dst) {
			continue
		}
		_ = os.Remove(dst)
		if err := os.Link(f, dst); err == nil {
			continue
		}
		if err := copyFile(f, dst); err != nil {
			return err
		}
	}
	return nil
}

func same(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer func() { _ = in.Close() }()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		return errors.Join(err, out.Close())
	}
	return out.Close()
}

// sampleSet is the nodes and relationships whose properties the two loads must agree on.
type sampleSet struct {
	ids  []string
	rels []loader.Relationship
}

// pickSample takes n entities and n relationships spread over the corpus in dir (parsed
// whole, then let go).
func pickSample(dir string, n int) (*sampleSet, error) {
	ds, err := loader.Parse(dir)
	if err != nil {
		return nil, err
	}
	s := &sampleSet{}
	for _, d := range ds.Documents[:min(len(ds.Documents), 5)] {
		s.ids = append(s.ids, d.ID)
	}
	for i := 0; i < len(ds.Entities) && n > 0; i += max(1, len(ds.Entities)/n) {
		s.ids = append(s.ids, ds.Entities[i].ID)
	}
	for i := 0; i < len(ds.Relationships) && n > 0; i += max(1, len(ds.Relationships)/n) {
		s.rels = append(s.rels, ds.Relationships[i])
	}
	return s, nil
}

// read returns the labels and properties of the sample's nodes and the properties of its
// relationships, keyed by id and by "TYPE from to".
func (s *sampleSet) read(ctx context.Context, driver neo4j.DriverWithContext) (map[string]any, error) {
	out := map[string]any{}
	res, err := neo4j.ExecuteQuery(ctx, driver,
		"MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, labels(n) AS labels, properties(n) AS props",
		map[string]any{"ids": s.ids}, neo4j.EagerResultTransformer)
	if err != nil {
		return nil, err
	}
	for _, rec := range res.Records {
		m := rec.AsMap()
		labels, _ := m["labels"].([]any)
		names := make([]string, 0, len(labels))
		for _, l := range labels {
			names = append(names, fmt.Sprint(l))
		}
		slices.Sort(names)
		out[fmt.Sprint(m["id"])] = []any{names, m["props"]}
	}
	for _, r := range s.rels {
		// r.Type is one of reform.RelTypes (the loader checked it): safe in statement text.
		res, err := neo4j.ExecuteQuery(ctx, driver,
			"MATCH (:Entity {id: $from})-[r:"+string(r.Type)+"]->(:Entity {id: $to}) RETURN properties(r) AS props",
			map[string]any{"from": r.From, "to": r.To}, neo4j.EagerResultTransformer)
		if err != nil {
			return nil, err
		}
		var props []any
		for _, rec := range res.Records {
			p, _ := rec.Get("props")
			props = append(props, p)
		}
		out[string(r.Type)+" "+r.From+" "+r.To] = props
	}
	return out, nil
}

// sameProps reports the first sampled item whose properties differ between the two loads.
func sameProps(hub, csv map[string]any) error {
	if len(hub) != len(csv) {
		return fmt.Errorf("sample: hub load has %d items, LOAD CSV %d", len(hub), len(csv))
	}
	for k, h := range hub {
		if c := csv[k]; !reflect.DeepEqual(h, c) {
			return fmt.Errorf("sample %s differs:\n hub load: %v\n LOAD CSV: %v", k, h, c)
		}
	}
	return nil
}

// report prints the markdown table.
func report(w io.Writer, o options, meta synth.Meta, hub, csv []timing, syncs []timing) {
	fmt.Fprintf(w, "Loader vs LOAD CSV: corpus %s (%d entities, seed %d), %d round(s), hub workers %d, batch %d\n\n",
		meta.ID, meta.Entities, meta.Seed, len(hub), o.workers, o.batch)
	fmt.Fprintln(w, "| round | method | rows | seconds | rows/s | detail |")
	fmt.Fprintln(w, "| ---: | --- | ---: | ---: | ---: | --- |")
	for i := range hub {
		h, c := hub[i], csv[i]
		fmt.Fprintf(w, "| %d | hub load | %d | %.1f | %.0f | parse %.1f s, write %.1f s |\n",
			i+1, h.rows, h.total.Seconds(), h.rate(), h.parse.Seconds(), (h.total - h.parse).Seconds())
		fmt.Fprintf(w, "| %d | LOAD CSV IN TRANSACTIONS OF %d ROWS | %d | %.1f | %.0f | nodes %.1f s, relationships %.1f s |\n",
			i+1, txRows, c.rows, c.total.Seconds(), c.rate(), c.nodes.Seconds(), c.rels.Seconds())
	}
	best := func(ts []timing) float64 {
		b := 0.0
		for _, t := range ts {
			b = max(b, t.rate())
		}
		return b
	}
	fmt.Fprintf(w, "\nratio hub load / LOAD CSV throughput (best of each): **%.2f×**\n", best(hub)/best(csv))
	for i, sync := range syncs {
		if i == 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "round %d: sync changing %.1f%% of the facts (%d facts; parse %.1f s, write %.1f s): %.1f s, "+
			"**%.1f×** faster than the round's full load (%.1f s)\n", i+1,
			o.syncFraction*100, sync.rows, sync.parse.Seconds(), (sync.total - sync.parse).Seconds(), sync.total.Seconds(),
			hub[i].total.Seconds()/sync.total.Seconds(), hub[i].total.Seconds())
	}
}

// stamped writes each progress line with the seconds since start before it.
type stamped struct {
	w     io.Writer
	start time.Time
}

func (s stamped) Write(p []byte) (int, error) {
	if _, err := fmt.Fprintf(s.w, "[%6.1f s] %s", time.Since(s.start).Seconds(), p); err != nil {
		return 0, err
	}
	return len(p), nil
}
