package loader

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/internal/synth"
)

// ndjsonFiles reads the NDJSON files of a dataset folder: lines by path (relative to dir).
func ndjsonFiles(t *testing.T, dir string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, sub := range []string{"nodes", "rels"} {
		paths, err := filepath.Glob(filepath.Join(dir, sub, "*.ndjson"))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(dir, p)
			out[rel] = strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		}
	}
	return out
}

func writeNDJSON(t *testing.T, dir string, files map[string][]string) {
	t.Helper()
	for rel, lines := range files {
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// edited decodes a line, lets fn change it and encodes it again.
func edited(t *testing.T, line string, fn func(m map[string]any)) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(line), &m); err != nil {
		t.Fatal(err)
	}
	fn(m)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// field is a string field of an NDJSON line.
func field(t *testing.T, line, name string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(line), &m); err != nil {
		t.Fatal(err)
	}
	v, ok := m[name].(string)
	if !ok {
		t.Fatalf("line %s: no string %q", line, name)
	}
	return v
}

// scannedManifest is the manifest a sync of sc writes: its facts in key order.
func scannedManifest(t *testing.T, sc *Scanned) []store.ManifestEntry {
	t.Helper()
	it, err := sc.set.facts.open()
	if err != nil {
		t.Fatal(err)
	}
	defer it.close()
	var out []store.ManifestEntry
	for {
		r, ok, err := it.next()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			return out
		}
		out = append(out, store.ManifestEntry{Kind: factKind(r.kind), Key: r.key, Hash: r.hash, Line: r.lh})
	}
}

func storedManifest(t *testing.T, ctx context.Context, s *store.Store, id string) []store.ManifestEntry {
	t.Helper()
	var out []store.ManifestEntry
	found, lines, err := s.ReadManifest(ctx, id, func(e store.ManifestEntry) error {
		out = append(out, e)
		return nil
	})
	if err != nil || !found || !lines {
		t.Fatalf("manifest of %s: found %v, lines %v, %v", id, found, lines, err)
	}
	return out
}

// TestIncrementalSync edits a generated corpus step by step — lines changed, reformatted,
// moved, added and removed, entities added and retracted, a relationship to another dataset's
// entity, and edits the incremental scan must leave to the full one (a retracted entity still
// used, a repeated line, a broken line, a document changed, more changed lines than it takes) —
// and after each, compares ScanAgainst with Scan: the same problems, or the same diff, the
// same manifest with the same line hashes, the same content hash; then syncs through
// ScanAgainst and checks the graph against the union computed in Go (oracle) and the stored
// manifest against Scan's.
func TestIncrementalSync(t *testing.T) {
	s, ctx := openEmpty(t)
	root := t.TempDir()
	gen := func(id string, entities int, seed uint64) string {
		dir := filepath.Join(root, id)
		if _, err := synth.Generate(synth.Config{Entities: entities, Seed: seed, ID: id}, dir); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	a, b := gen("inc-a", 400, 5), gen("inc-b", 200, 6)
	// step edits a's files, then checks ScanAgainst against Scan and syncs. incremental says
	// whether the incremental scan must settle the folder itself; problem is a substring of
	// the error both give, for an invalid folder.
	step := func(name string, incremental bool, problem string, edit func(files map[string][]string)) {
		t.Helper()
		if edit != nil {
			files := ndjsonFiles(t, a)
			edit(files)
			writeNDJSON(t, a, files)
		}
		full, ferr := Scan(a)
		sc, err := ScanAgainst(ctx, a, s)
		var d, fd *Diff
		if ferr == nil {
			defer func() { _ = full.Close() }()
			if n, _ := sc.Reused(); (n > 0) != incremental && problem == "" {
				t.Fatalf("%s: %d lines reused, want the incremental scan: %v", name, n, incremental)
			}
			if sc.Documents != full.Documents || sc.Entities != full.Entities || sc.Relationships != full.Relationships ||
				sc.Planned().String() != full.Planned().String() {
				t.Errorf("%s: counts differ:\n%s\nScan:\n%s", name, sc.Planned(), full.Planned())
			}
			if got, want := scannedManifest(t, sc), scannedManifest(t, full); !slices.Equal(got, want) {
				t.Errorf("%s: the manifest of ScanAgainst differs from Scan's (%d, %d entries)", name, len(got), len(want))
			}
			fd, ferr = PlanScanned(ctx, full, s)
		}
		if err == nil {
			defer func() { _ = sc.Close() }()
			d, err = PlanScanned(ctx, sc, s)
		}
		if problem != "" {
			if ferr == nil || err == nil || err.Error() != ferr.Error() || !strings.Contains(err.Error(), problem) {
				t.Fatalf("%s: ScanAgainst: %v\nScan: %v\nwant both to report %q", name, err, ferr, problem)
			}
			return
		}
		if ferr != nil || err != nil {
			t.Fatalf("%s: ScanAgainst: %v; Scan: %v", name, err, ferr)
		}
		if d.String() != fd.String() || d.Hash != fd.Hash {
			t.Errorf("%s: plan\n%s(hash %s)\nplan of Scan\n%s(hash %s)", name, d, d.Hash, fd, fd.Hash)
		}
		sum, err := LoadScanned(ctx, sc, s, Options{BatchSize: 37})
		if err != nil {
			t.Fatalf("%s: load: %v", name, err)
		}
		sameGraph(t, name, graphOf(t, ctx, s), oracle(t, mustParse(t, a), mustParse(t, b)))
		// Content that asserts what the last sync did writes nothing, not even the line hashes
		// of lines only reformatted.
		got, want := storedManifest(t, ctx, s, "inc-a"), scannedManifest(t, full)
		if sum.Unchanged {
			for i := range got {
				got[i].Line = ""
			}
			for i := range want {
				want[i].Line = ""
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: the stored manifest differs from Scan's (%d, %d entries)", name, len(got), len(want))
		}
	}
	for _, dir := range []string{b, a} {
		sc, err := Scan(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := LoadScanned(ctx, sc, s, Options{}); err != nil {
			t.Fatal(err)
		}
		_ = sc.Close()
	}
	files := func(prefix string) []string {
		var out []string
		for rel := range ndjsonFiles(t, a) {
			if strings.HasPrefix(rel, prefix) {
				out = append(out, rel)
			}
		}
		sort.Strings(out)
		return out
	}
	rels, nodes := files("rels/"), files("nodes/")
	step("unchanged", true, "", nil)
	step("names and flags changed", true, "", func(f map[string][]string) {
		for _, rel := range append(slices.Clone(nodes), rels...) {
			for i := 0; i < len(f[rel]); i += 7 {
				f[rel][i] = edited(t, f[rel][i], func(m map[string]any) {
					if _, ok := m["from"]; ok {
						m["implied"] = m["implied"] != true
					} else {
						m["name"] = fmt.Sprint(m["name"], "（修订）")
					}
				})
			}
		}
	})
	step("lines reformatted and moved", true, "", func(f map[string][]string) {
		f[rels[0]][0] = strings.ReplaceAll(f[rels[0]][0], `":`, `": `)
		last := len(f[nodes[0]]) - 1
		f[nodes[1]] = append(f[nodes[1]], f[nodes[0]][last])
		f[nodes[0]] = f[nodes[0]][:last]
	})
	var newID string
	step("entity and relationships added, relationships removed", true, "", func(f map[string][]string) {
		// A relationship of the first file again, to a new entity of the same type as its to.
		r := f[rels[0]][1]
		to := field(t, r, "to")
		newID = to + "-new"
		for _, rel := range nodes {
			for _, line := range f[rel] {
				if strings.Contains(line, `"id":"`+to+`"`) {
					f[rel] = append(f[rel], edited(t, line, func(m map[string]any) { m["id"] = newID }))
					break
				}
			}
		}
		f[rels[0]] = append(f[rels[0]], edited(t, r, func(m map[string]any) { m["to"] = newID }))
		f[rels[1]] = f[rels[1]][2:]
	})
	step("entity retracted with its relationships", true, "", func(f map[string][]string) {
		for rel, lines := range f {
			f[rel] = slices.DeleteFunc(lines, func(l string) bool { return strings.Contains(l, `"`+newID+`"`) })
		}
	})
	var used string
	step("relationship to another dataset's entity", true, "", func(f map[string][]string) {
		bf := ndjsonFiles(t, b)
		for _, rel := range rels {
			for _, line := range bf[rel] {
				used = field(t, line, "to")
				f[rel] = append(f[rel], edited(t, f[rel][0], func(m map[string]any) { m["to"] = used }))
				return
			}
		}
	})
	if used == "" {
		t.Fatal("no relationship file in common with inc-b")
	}
	saved := ndjsonFiles(t, a)
	restore := func(f map[string][]string) {
		for rel := range f {
			f[rel] = slices.Clone(saved[rel])
		}
	}
	step("relationship to an unknown entity", false, "is not a known entity id", func(f map[string][]string) {
		f[rels[0]] = append(f[rels[0]], edited(t, f[rels[0]][0], func(m map[string]any) { m["to"] = used + "-nowhere" }))
	})
	step("entity still used retracted", false, "is not a known entity id", func(f map[string][]string) {
		restore(f)
		from := field(t, f[rels[0]][0], "from")
		for rel := range f {
			if strings.HasPrefix(rel, "nodes/") {
				f[rel] = slices.DeleteFunc(f[rel], func(l string) bool { return strings.Contains(l, `"id":"`+from+`"`) })
			}
		}
	})
	step("line repeated", false, "also declared at", func(f map[string][]string) {
		restore(f)
		f[nodes[0]] = append(f[nodes[0]], f[nodes[0]][0])
	})
	step("line broken", false, "invalid JSON", func(f map[string][]string) {
		restore(f)
		f[nodes[0]][3] = f[nodes[0]][3][:10]
	})
	step("back to the saved content", true, "", func(f map[string][]string) { restore(f) })

	// A document changed: its evidence may be cited by unchanged lines.
	yaml := filepath.Join(a, ManifestFile)
	y, err := os.ReadFile(yaml)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(yaml, []byte(strings.Replace(string(y), "publisher: ", "publisher: 新", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	step("document changed", false, "", nil)

	defer func(n int64) { maxIncrementalDecoded = n }(maxIncrementalDecoded)
	maxIncrementalDecoded = 10
	step("more changed lines than the incremental scan takes", false, "", func(f map[string][]string) {
		for i := range 11 {
			f[nodes[0]][i] = edited(t, f[nodes[0]][i], func(m map[string]any) { m["name"] = fmt.Sprint(m["name"], "·") })
		}
	})
	maxIncrementalDecoded = 1000
	step("after the full scan, incremental again", true, "", func(f map[string][]string) {
		f[nodes[0]][0] = edited(t, f[nodes[0]][0], func(m map[string]any) { m["name"] = "又改" })
	})
}
