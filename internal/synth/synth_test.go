package synth_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/synth"
	"github.com/reformhub/hub/loader"
)

// generate writes a corpus of n entities with seed into a fresh folder.
func generate(t *testing.T, n int, seed uint64) (string, synth.Counts) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "corpus")
	c, err := synth.Generate(synth.Config{Entities: n, Seed: seed, ChunkRows: 700}, dir)
	if err != nil {
		t.Fatal(err)
	}
	return dir, c
}

// files reads every file of a corpus by its path relative to dir.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[rel] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDeterministic(t *testing.T) {
	a, _ := generate(t, 1500, 7)
	b, _ := generate(t, 1500, 7)
	fa, fb := files(t, a), files(t, b)
	if len(fa) < 20 {
		t.Fatalf("only %d files: %v", len(fa), slices.Collect(func(yield func(string) bool) {
			for k := range fa {
				yield(k)
			}
		}))
	}
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	if len(fa) != len(fb) {
		t.Errorf("%d files vs %d", len(fa), len(fb))
	}

	c, _ := generate(t, 1500, 8)
	fc := files(t, c)
	for _, name := range []string{"nodes/Task-0001.ndjson", "rels/RESPONSIBLE_FOR-0001.ndjson", "csv/nodes-Outcome.csv"} {
		if len(fa[name]) == 0 {
			t.Fatalf("%s is missing or empty", name)
		}
		if bytes.Equal(fa[name], fc[name]) {
			t.Errorf("%s is the same for seeds 7 and 8", name)
		}
	}
}

// rel is the part of a relationship line the tests read.
type rel struct {
	Type, From, To string
}

// readRels reads every relationship of a corpus.
func readRels(t *testing.T, dir string) []rel {
	t.Helper()
	var out []rel
	paths, _ := filepath.Glob(filepath.Join(dir, synth.RelsDir, "*.ndjson"))
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var r rel
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatal(err)
			}
			out = append(out, r)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// typeOf returns the entity type an id's prefix names.
func typeOf(id string) reform.EntityType {
	for t, p := range reform.IDPrefix {
		if strings.HasPrefix(id, p) {
			return t
		}
	}
	return ""
}

func TestRelationshipsFollowTheSchema(t *testing.T) {
	dir, counts := generate(t, 3000, 1)
	rels := readRels(t, dir)
	if len(rels) != counts.TotalRels() {
		t.Fatalf("%d relationship lines, counts say %d", len(rels), counts.TotalRels())
	}
	seen := map[rel]bool{}
	pairs := map[reform.RelType]map[reform.Endpoints]bool{}
	for _, r := range rels {
		rt, from, to := reform.RelType(r.Type), typeOf(r.From), typeOf(r.To)
		if !rt.Allows(from, to) {
			t.Errorf("%s joins %s %s to %s %s, which reform does not allow", rt, from, r.From, to, r.To)
		}
		if r.From == r.To {
			t.Errorf("%s from %s to itself", rt, r.From)
		}
		if seen[r] {
			t.Errorf("%s %s -> %s repeats", rt, r.From, r.To)
		}
		seen[r] = true
		if pairs[rt] == nil {
			pairs[rt] = map[reform.Endpoints]bool{}
		}
		pairs[rt][reform.Endpoints{From: from, To: to}] = true
	}
	// Every relationship type, and every type pair it allows, occurs.
	for rt, allowed := range reform.RelRules {
		for _, e := range allowed {
			if !pairs[rt][e] {
				t.Errorf("no %s from %s to %s", rt, e.From, e.To)
			}
		}
	}
	for _, et := range reform.EntityTypes {
		if counts.Nodes[et] == 0 {
			t.Errorf("no %s entities", et)
		}
	}
	if per := float64(counts.TotalRels()) / float64(counts.TotalNodes()); per < 4 || per > 6 {
		t.Errorf("%.1f relationships per entity, want about 5", per)
	}
}

func TestPowerLawDegrees(t *testing.T) {
	dir, counts := generate(t, 20000, 1)
	deg := map[string]int{}
	for _, r := range readRels(t, dir) {
		if r.Type == string(reform.RelResponsibleFor) {
			deg[r.From]++
		}
	}
	var ds []int
	for _, d := range deg {
		ds = append(ds, d)
	}
	for range counts.Nodes[reform.TypeDepartment] - len(ds) {
		ds = append(ds, 0) // departments responsible for no task
	}
	slices.Sort(ds)
	median, top := ds[len(ds)/2], ds[len(ds)-1]
	// At this size (1,600 departments, 9,000 tasks) the largest department has a few thousand
	// tasks; at size M (16,000 departments) over ten thousand.
	if top < 100*max(median, 1) {
		t.Errorf("most tasks of a department %d, median %d: want a heavy tail (max >= 100 × median)", top, median)
	}
	if top < 1000 {
		t.Errorf("the largest department is responsible for %d tasks, want thousands", top)
	}
}

func TestNamesAreChinese(t *testing.T) {
	dir, _ := generate(t, 1000, 3)
	paths, _ := filepath.Glob(filepath.Join(dir, synth.NodesDir, "*.ndjson"))
	n := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for line := range strings.Lines(string(data)) {
			var e struct{ ID, Name string }
			if err := json.Unmarshal([]byte(line), &e); err != nil {
				t.Fatal(err)
			}
			han := 0
			for _, r := range e.Name {
				if unicode.Is(unicode.Han, r) {
					han++
				}
				if r < unicode.MaxASCII && unicode.IsLetter(r) {
					t.Errorf("%s: name %q has Latin letters", e.ID, e.Name)
					break
				}
			}
			if han < 2 {
				t.Errorf("%s: name %q is not Chinese", e.ID, e.Name)
			}
			n++
		}
	}
	if n < 900 {
		t.Errorf("read %d entities", n)
	}
}

// The loader accepts a generated corpus and counts what the generator counted; the CSV files
// hold the same rows.
func TestLoaderParsesCorpus(t *testing.T) {
	dir, counts := generate(t, 2000, 5)
	ds, err := loader.Parse(dir)
	if err != nil {
		t.Fatal(err)
	}
	plan := loader.Planned(ds)
	for _, et := range reform.EntityTypes {
		if plan.Nodes(et) != counts.Nodes[et] {
			t.Errorf("%s: loader plans %d nodes, generator wrote %d", et, plan.Nodes(et), counts.Nodes[et])
		}
		if rows := csvRows(t, filepath.Join(dir, synth.NodeCSV(et))); rows != counts.Nodes[et] {
			t.Errorf("%s: %d CSV rows, want %d", et, rows, counts.Nodes[et])
		}
	}
	for _, rt := range reform.RelTypes {
		if plan.Rels(rt) != counts.Rels[rt] {
			t.Errorf("%s: loader plans %d relationships, generator wrote %d", rt, plan.Rels(rt), counts.Rels[rt])
		}
		if rows := csvRows(t, filepath.Join(dir, synth.RelCSV(rt))); rows != counts.Rels[rt] {
			t.Errorf("%s: %d CSV rows, want %d", rt, rows, counts.Rels[rt])
		}
	}
	meta, err := synth.ReadMeta(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m := meta.Counts(); m.TotalNodes() != counts.TotalNodes() || m.TotalRels() != counts.TotalRels() {
		t.Errorf("synth.json counts %v, want %v", m, counts)
	}
	// Some facts carry notes, some relationships are implied, some entities have evidence in
	// two paragraphs.
	var notes, implied, twoSources int
	for _, e := range ds.Entities {
		if e.Note != nil {
			notes++
		}
		if len(e.Sources) > 1 {
			twoSources++
		}
	}
	for _, r := range ds.Relationships {
		if r.Implied {
			implied++
		}
	}
	// Many cities × years: every city and every year 2015–2024 occurs.
	years, places := map[int64]bool{}, map[string]bool{}
	for _, e := range ds.Entities {
		if e.Type == reform.TypeTask {
			years[*e.Year] = true
		}
		places[strings.SplitN(strings.SplitN(e.ID, "/", 2)[1], "-", 2)[0]] = true
	}
	if len(years) != 10 || len(places) != 16 {
		t.Errorf("tasks in %d years, entities in %d cities; want 10 and 16", len(years), len(places))
	}
	if notes == 0 || implied == 0 || twoSources == 0 {
		t.Errorf("notes %d, implied %d, two sources %d: want some of each", notes, implied, twoSources)
	}
}

func csvRows(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return len(rows) - 1 // the header
}

func TestRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := synth.Generate(synth.Config{Entities: 100, Seed: 1}, dir); err == nil {
		t.Fatal("Generate wrote into a folder that holds other files")
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Errorf("the folder's file is gone: %v", err)
	}
}
