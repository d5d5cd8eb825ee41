package loader

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
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
	fa, fb := Facts(a), Facts(b)
	if !reflect.DeepEqual(fa, fb) {
		t.Errorf("NDJSON and YAML give different facts:\n%v\n%v", fa, fb)
	}
	if len(fa) != 4 {
		t.Errorf("%d facts, want 3 nodes and 1 relationship", len(fa))
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
