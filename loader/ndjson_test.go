package loader

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
)

// plainTree renders a node tree as kinds, tags and values, without positions or styles.
func plainTree(n *yaml.Node) string {
	var b strings.Builder
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		fmt.Fprintf(&b, "%s%d %s %q\n", strings.Repeat(" ", depth), n.Kind, n.ShortTag(), n.Value)
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

// A JSON line becomes the node tree the YAML parser makes of the same text (JSON is YAML), so
// both formats go through the same checks.
func TestJSONLineIsTheYAMLTree(t *testing.T) {
	lines := []string{
		`{"id":"task/a","type":"Task","name":"改革","year":2021,"planned":0,"aliases":["甲","乙"],"sources":[{"doc":"doc/x","para":3,"quote":"改革\"推进\""}]}`,
		`{"type":"LEADS","from":"leader/a","to":"task/b","implied":true,"note":null,"sources":[]}`,
		`{"value": -7.5e2, "v2": 1.25, "n": -3, "t": false, "empty": {}, "list": [1, [2, {"k": "v"}]], "esc": "a\u00e9\\b\n"}`,
	}
	for _, line := range lines {
		got, err := jsonLine([]byte(line), 4)
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(line), &doc); err != nil {
			t.Fatal(err)
		}
		// The YAML parser tags flow mappings and sequences the same; styles differ.
		if g, w := plainTree(got), plainTree(doc.Content[0]); g != w {
			t.Errorf("%s:\n got\n%s\nwant\n%s", line, g, w)
		}
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			if n.Line != 4 {
				t.Errorf("node %q at line %d, want 4", n.Value, n.Line)
			}
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(got)
	}
	for _, bad := range []string{`{"a":1`, `{"a":1}}`, `{a:1}`, `["x",]`, `{"a":tru}`, `"x" "y"`, `{"a":01x}`, "{\"a\":\"\x01\"}"} {
		if _, err := jsonLine([]byte(bad), 1); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// writeNDDataset writes a dataset folder whose manifest lists files (name → content).
func writeNDDataset(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	var names []string
	for name, content := range files {
		names = append(names, name)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(names)
	manifest := "format: reformhub/v1\nid: nd\ntitle: t\ndocuments:\n  - {id: doc/x, title: X, paragraphs: 9}\nfiles: [" +
		strings.Join(names, ", ") + "]\n"
	if err := os.WriteFile(filepath.Join(dir, ManifestFile), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestNDJSONDatasetMatchesYAML(t *testing.T) {
	nd := writeNDDataset(t, map[string]string{
		"a.ndjson": `{"id":"department/a","type":"Department","name":"甲局","kind":"AGENCY","sources":[{"doc":"doc/x","para":1,"quote":"甲局"}]}

{"id":"task/b","type":"Task","name":"乙任务","year":2020,"sources":[{"doc":"doc/x","para":2,"quote":"乙"}]}
{"type":"RESPONSIBLE_FOR","from":"department/a","to":"task/b","implied":true,"note":"n","sources":[{"doc":"doc/x","para":2,"quote":"乙"}]}
`})
	ya := writeNDDataset(t, map[string]string{
		"a.yaml": `entities:
  - {id: department/a, type: Department, name: 甲局, kind: AGENCY, sources: [{doc: doc/x, para: 1, quote: 甲局}]}
  - {id: task/b, type: Task, name: 乙任务, year: 2020, sources: [{doc: doc/x, para: 2, quote: 乙}]}
relationships:
  - {type: RESPONSIBLE_FOR, from: department/a, to: task/b, implied: true, note: n, sources: [{doc: doc/x, para: 2, quote: 乙}]}
`})
	a, err := Parse(nd)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse(ya)
	if err != nil {
		t.Fatal(err)
	}
	w1, w2 := newSyncWriter(), newSyncWriter()
	if _, err := Load(context.Background(), a, w1, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(context.Background(), b, w2, Options{}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(w1.nodes, w2.nodes) || !reflect.DeepEqual(w1.rels, w2.rels) {
		t.Errorf("NDJSON and YAML give different rows:\n%v\n%v\n%v\n%v", w1.nodes, w2.nodes, w1.rels, w2.rels)
	}
	if len(w1.nodes) != 3 || len(w1.rels) != 1 {
		t.Errorf("rows: %d nodes, %d relationships", len(w1.nodes), len(w1.rels))
	}
	if e := a.Entities[1]; e.Loc.Line != 3 || !strings.HasSuffix(e.Loc.File, "a.ndjson") {
		t.Errorf("second entity at %v, want a.ndjson:3", e.Loc)
	}
}

func TestNDJSONProblems(t *testing.T) {
	dir := writeNDDataset(t, map[string]string{
		"bad.ndjson": `{"id":"task/a","type":"Task","name":"甲","status":"DONE","sources":[{"doc":"doc/x","para":1,"quote":"q"}]}
{"id":"task/b","type":"Task","name":"乙","colour":"red","sources":[{"para":1,"quote":"q"}]}
{"id":"task/c",
{"type":"LEADS","from":"task/a","to":"task/b","sources":[{"doc":"doc/x","para":99,"quote":"q"}]}
`})
	_, err := Parse(dir)
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("Parse = %v, want a ValidationError", err)
	}
	msg := verr.Error()
	for _, want := range []string{
		`bad.ndjson:1: entity task/a: status "DONE" is not one of PLANNED, IN_PROGRESS, COMPLETED`,
		`bad.ndjson:2: entity task/b: unknown field "colour" for type Task`,
		`bad.ndjson:2: entity task/b: source 1: missing doc (and the file sets no default document)`,
		`bad.ndjson:3: invalid JSON: unexpected EOF`,
		`bad.ndjson:4: relationship LEADS: source 1: para 99 is out of range for doc/x (1..9)`,
		`bad.ndjson:4: relationship LEADS: cannot join Task "task/a" to Task "task/b"`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("problems lack %q:\n%s", want, msg)
		}
	}
}

// syncWriter is a Writer for tests of concurrent loads: it records rows under a lock and
// notes whether any relationship was written before the last node.
type syncWriter struct {
	mu         sync.Mutex
	nodes      map[string]map[string]any
	rels       map[string]store.RelRow
	relsSeen   bool
	nodeAfter  bool
	batches    int
	failAfter  int // fail the batch after this many (0: never)
	inFlight   int
	maxInFlite int
}

func newSyncWriter() *syncWriter {
	return &syncWriter{nodes: map[string]map[string]any{}, rels: map[string]store.RelRow{}}
}

func (w *syncWriter) EnsureSchema(context.Context) error { return nil }

func (w *syncWriter) begin() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.batches++
	if w.failAfter > 0 && w.batches > w.failAfter {
		return errors.New("boom")
	}
	w.inFlight++
	w.maxInFlite = max(w.maxInFlite, w.inFlight)
	return nil
}

func (w *syncWriter) MergeNodes(_ context.Context, _ reform.EntityType, rows []map[string]any) error {
	if err := w.begin(); err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.inFlight--
	w.nodeAfter = w.nodeAfter || w.relsSeen
	for _, r := range rows {
		id, ok := r["id"].(string)
		if !ok {
			return fmt.Errorf("node row without a string id: %v", r)
		}
		w.nodes[id] = r
	}
	return nil
}

func (w *syncWriter) MergeRelationships(_ context.Context, rt reform.RelType, rows []store.RelRow) error {
	if err := w.begin(); err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.inFlight--
	w.relsSeen = true
	for _, r := range rows {
		w.rels[string(rt)+" "+r.From+" "+r.To] = r
	}
	return nil
}

// Concurrent loads write the same rows as a serial one, all nodes before any relationship.
func TestParallelLoadWritesTheSame(t *testing.T) {
	ds := parseValid(t)
	serial := newSyncWriter()
	want, err := Load(context.Background(), ds, serial, Options{BatchSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{2, 3, 8} {
		w := newSyncWriter()
		var progress strings.Builder
		got, err := Load(context.Background(), ds, w, Options{BatchSize: 1, Workers: workers, Progress: &progress})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("workers %d: summary %v, want %v", workers, got, want)
		}
		if !reflect.DeepEqual(w.nodes, serial.nodes) || !reflect.DeepEqual(w.rels, serial.rels) {
			t.Errorf("workers %d: rows differ from the serial load", workers)
		}
		if w.nodeAfter {
			t.Errorf("workers %d: a node batch was written after a relationship batch", workers)
		}
		if !strings.Contains(progress.String(), "Task: 2/2 nodes\n") || !strings.Contains(progress.String(), want.String()) {
			t.Errorf("workers %d: progress:\n%s", workers, progress.String())
		}
	}
}

func TestParallelLoadStopsOnError(t *testing.T) {
	w := newSyncWriter()
	w.failAfter = 3
	sum, err := Load(context.Background(), parseValid(t), w, Options{BatchSize: 1, Workers: 2})
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("Load = %v, want the writer's error", err)
	}
	if n := sum.TotalNodes() + sum.TotalRels(); n > 3 || n != len(w.nodes)+len(w.rels) {
		t.Errorf("summary counts %d items, the writer holds %d", n, len(w.nodes)+len(w.rels))
	}
	if w.batches > 3+2 {
		t.Errorf("%d batches attempted after the failure, want the workers to stop", w.batches)
	}
}
