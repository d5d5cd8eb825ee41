package store_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/reformhub/hub/internal/access"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/internal/store/storetest"
	"github.com/reformhub/hub/internal/synth"
	"github.com/reformhub/hub/loader"
)

// The access oracle (docs/access.md): for random reads — the filter property test's where
// trees over every entity type, neighborhoods and paths of random entities, the stats — and
// each caller of a suite, the answer over a synthetic corpus whose documents are public,
// internal and restricted to groups equals the answer of the same read over a database that
// holds only the documents that caller may see (the corpus filtered in Go, as a loader of
// those documents alone would see it: the evidence of hidden documents dropped, then the
// facts left without evidence, then the relationships left without an end), compared as
// canonical JSON. HUB_ACCESS_CASES (default 60) and HUB_ACCESS_SEED (default 1) vary the run.

var oracleCallers = []struct {
	name   string
	caller access.Caller
}{
	{"anonymous", access.Anonymous},
	{"signed-in", access.NewCaller("u0", nil)},
	{"g1", access.NewCaller("u1", []string{"g1"})},
	{"g2+g3", access.NewCaller("u23", []string{"g2", "g3"})},
	{"g1..g4", access.NewCaller("uall", synth.Groups)},
}

// oracleRead is one read of the oracle: run it as ctx's caller, get its canonical answer.
type oracleRead struct {
	what string
	run  func(ctx context.Context, st *store.Store) (string, error)
}

func canon(v any, err error) (string, error) {
	if errors.Is(err, reform.ErrNotFound) {
		return "not found", nil
	}
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(v)
	return string(b), err
}

func TestAccessOracle(t *testing.T) {
	st, _ := storetest.OpenEmpty(t)
	// A deadline of its own, past OpenEmpty's 6 minutes: six loads and 91 reads × 10 took
	// 25 s to 3 minutes on a quiet machine, and past 6 minutes in make test, which runs the
	// two package groups at once on 2 cores.
	ctx, cancel := context.WithTimeout(context.Background(), 12*time.Minute)
	defer cancel()
	dir := filepath.Join(t.TempDir(), "corpus")
	if _, err := synth.Generate(synth.Config{Entities: 3000, Seed: 11, ID: "acl-oracle", Access: true, ChunkRows: 400}, dir); err != nil {
		t.Fatal(err)
	}
	loadDir := func(dir string) {
		t.Helper()
		ds, err := loader.Parse(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := loader.Load(ctx, ds, st, loader.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	loadDir(dir)
	w := loadWorld(ctx, t, st)
	cases, seed := envInt("HUB_ACCESS_CASES", 60), envInt("HUB_ACCESS_SEED", 1)
	g := &gen{rng: rand.New(rand.NewPCG(uint64(seed), 11)), w: w}
	var ids []string
	for _, typ := range reform.EntityTypes {
		for _, e := range w.byType[typ] {
			ids = append(ids, e.Common().ID)
		}
	}
	slices.Sort(ids)
	var reads []oracleRead
	for range cases {
		typ := reform.EntityTypes[g.pick(len(reform.EntityTypes))]
		where := g.where(typ, 2)
		reads = append(reads, oracleRead{string(typ) + " where " + js(where), func(ctx context.Context, st *store.Store) (string, error) {
			return canon(st.List(ctx, typ, plan.ListQuery{Where: where}))
		}})
	}
	for range cases / 4 {
		id, to := ids[g.pick(len(ids))], ids[g.pick(len(ids))]
		depth := 1 + g.pick(2)
		reads = append(reads, oracleRead{"neighborhood of " + id, func(ctx context.Context, st *store.Store) (string, error) {
			return canon(st.Neighborhood(ctx, id, &depth, nil, nil))
		}}, oracleRead{"paths " + id + " → " + to, func(ctx context.Context, st *store.Store) (string, error) {
			return canon(st.Paths(ctx, id, to, nil, nil, nil))
		}})
	}
	reads = append(reads, oracleRead{"stats", func(ctx context.Context, st *store.Store) (string, error) {
		return canon(st.Stats(ctx))
	}})

	// The answers of every caller over the whole corpus.
	answers := make([][]string, len(oracleCallers))
	for c, cl := range oracleCallers {
		cctx := access.WithCaller(ctx, cl.caller)
		for _, r := range reads {
			a, err := r.run(cctx, st)
			if err != nil {
				t.Fatalf("%s: %s: %v", cl.name, r.what, err)
			}
			answers[c] = append(answers[c], a)
		}
	}
	// The same reads over the corpus each caller may see, alone.
	differ := 0
	for c, cl := range oracleCallers {
		if err := st.DeleteAll(ctx); err != nil {
			t.Fatal(err)
		}
		if err := st.EnsureSchema(ctx); err != nil {
			t.Fatal(err)
		}
		visible := visibleCorpus(t, dir, cl.caller)
		loadDir(visible)
		distinct := map[string]bool{}
		for i, r := range reads {
			want, err := r.run(ctx, st)
			if err != nil {
				t.Fatalf("%s alone: %s: %v", cl.name, r.what, err)
			}
			if answers[c][i] != want {
				t.Errorf("%s: %s:\n got  %.600s\n want %.600s", cl.name, r.what, answers[c][i], want)
			}
			if answers[c][i] != answers[len(oracleCallers)-1][i] {
				distinct[r.what] = true
			}
		}
		differ += len(distinct)
	}
	// The suite must tell callers apart: many reads answer differently for different callers.
	if differ < len(reads)/2 {
		t.Errorf("only %d of %d reads answer differently for some caller than for the one who sees everything", differ, len(reads)*len(oracleCallers))
	}
	t.Logf("%d reads × %d callers; %d (read, caller) answers differ from the all-seeing caller's", len(reads), len(oracleCallers), differ)
}

// visibleCorpus writes the corpus of dir as a loader of only the documents c may see would
// read it: those documents, the evidence that cites them, the entities and
// relationships that keep some, the relationships whose ends are kept. Same dataset id.
func visibleCorpus(t *testing.T, dir string, c access.Caller) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "visible")
	raw, err := os.ReadFile(filepath.Join(dir, loader.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	var manifest map[string]any
	if err := yaml.Unmarshal(raw, &manifest); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var docs []any
	for _, d := range asList(manifest["documents"]) {
		m := asMap(d)
		var groups []string
		for _, g := range asList(m["groups"]) {
			groups = append(groups, str(g))
		}
		if c.Allows(access.Level(str(m["access"])), groups) {
			docs = append(docs, m) // with its access: the reads over this corpus have no caller
			seen[str(m["id"])] = true
		}
	}
	manifest["documents"] = docs
	kept := map[string]bool{}
	var files []any
	for _, f := range asList(manifest["files"]) {
		name := str(f)
		in, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		sc := bufio.NewScanner(in)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var row map[string]any
			if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
				t.Fatal(err)
			}
			var srcs []any
			for _, s := range asList(row["sources"]) {
				if seen[str(asMap(s)["doc"])] {
					srcs = append(srcs, s)
				}
			}
			if len(srcs) == 0 {
				continue
			}
			row["sources"] = srcs
			if id, ok := row["id"].(string); ok {
				kept[id] = true
			} else if !kept[str(row["from"])] || !kept[str(row["to"])] {
				continue // node files come first in the manifest
			}
			b, err := json.Marshal(row)
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, string(b))
		}
		_ = in.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		if len(lines) == 0 {
			continue
		}
		path := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	manifest["files"] = files
	b, err := yaml.Marshal(manifest)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, loader.ManifestFile), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
