package loader

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/reform"
)

// baseManifest and baseFile make a small valid dataset; each case below replaces one of them
// (or adds files) to break exactly one thing.
const baseManifest = `format: reformhub/v1
id: broken
title: Broken fixtures
documents:
  - id: doc/d
    title: D
    paragraphs: 5
files:
  - a.yaml
`

const baseFile = `document: doc/d
entities:
  - id: leader/l
    type: Leader
    name: L
    sources:
      - { para: 1, quote: q }
  - id: task/t
    type: Task
    name: T
    sources:
      - { para: 2, quote: q }
relationships:
  - type: LEADS
    from: leader/l
    to: task/t
    sources:
      - { para: 1, quote: q }
`

// writeDataset writes files (name -> content) into a new temporary folder, with the base
// manifest and a.yaml unless files replaces them.
func writeDataset(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	all := map[string]string{ManifestFile: baseManifest, "a.yaml": baseFile}
	for name, content := range files {
		all[name] = content
	}
	for name, content := range all {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// entity returns a one-entity data file whose entity has the given extra lines (each
// indented by 4 spaces); the entity starts at line 3 and the extra lines at line 6.
func entity(typ, id string, extra ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "document: doc/d\nentities:\n  - id: %s\n    type: %s\n    name: N\n", id, typ)
	for _, l := range extra {
		b.WriteString("    " + l + "\n")
	}
	b.WriteString("    sources:\n      - { para: 1, quote: q }\n")
	return b.String()
}

// relationship returns a data file with the base entities (lines 1-12) and one relationship
// at line 14 with the given lines (type at 14, from at 15, to at 16).
func relationship(lines ...string) string {
	head := baseFile[:strings.Index(baseFile, "relationships:")]
	return head + "relationships:\n  - " + strings.Join(lines, "\n    ") + "\n"
}

func TestParseProblems(t *testing.T) {
	longQuote := strings.Repeat("字", 61)
	tests := []struct {
		name  string
		files map[string]string
		file  string // where the problem is
		line  int
		msg   string // a substring of the problem's message
	}{
		{"string where int expected",
			map[string]string{"a.yaml": entity("Leader", "leader/x", `headcount: "16"`)},
			"a.yaml", 6, `entity leader/x: field "headcount" must be an integer, got a string`},
		{"list where string expected",
			map[string]string{"a.yaml": entity("Leader", "leader/x", `role: [a, b]`)},
			"a.yaml", 6, `field "role" must be a string, got a list`},
		{"string where bool expected",
			map[string]string{"a.yaml": relationship("type: LEADS", "from: leader/l", "to: task/t", "implied: yes",
				"sources: [{ para: 1, quote: q }]")},
			"a.yaml", 17, `relationship LEADS: field "implied" must be true or false, got a string`},
		{"unknown entity type",
			map[string]string{"a.yaml": entity("Mayor", "leader/x")},
			"a.yaml", 4, `entity leader/x: unknown entity type "Mayor" (want Leader, Department,`},
		{"document as entity type",
			map[string]string{"a.yaml": entity("Document", "doc/x")},
			"a.yaml", 4, `documents are declared in dataset.yaml`},
		{"AFFIRMED the wrong way round (issue 19)",
			map[string]string{"a.yaml": relationship("type: AFFIRMED", "from: task/t", "to: leader/l",
				"sources: [{ para: 1, quote: q }]")},
			"a.yaml", 14, `relationship AFFIRMED: cannot join Task "task/t" to Leader "leader/l" (allowed: Leader->Task)`},
		{"INSPECTED a task",
			map[string]string{"a.yaml": relationship("type: INSPECTED", "from: leader/l", "to: task/t",
				"sources: [{ para: 1, quote: q }]")},
			"a.yaml", 14, `cannot join Leader "leader/l" to Task "task/t" (allowed: Leader->Department)`},
		{"valueBefore not a number",
			map[string]string{"a.yaml": entity("Outcome", "outcome/x", `valueBefore: "3天"`)},
			"a.yaml", 6, `field "valueBefore" must be a number, got a string`},
		{"qualifier on a task",
			map[string]string{"a.yaml": entity("Task", "task/x", `qualifier: 余`)},
			"a.yaml", 6, `qualifier`},
		{"unknown relationship type",
			map[string]string{"a.yaml": relationship("type: BOSSES", "from: leader/l", "to: task/t",
				"sources: [{ para: 1, quote: q }]")},
			"a.yaml", 14, `relationship BOSSES: unknown relationship type "BOSSES"`},
		{"missing id",
			map[string]string{"a.yaml": "entities:\n  - type: Leader\n    name: N\n    sources: [{ doc: doc/d, para: 1, quote: q }]\n"},
			"a.yaml", 2, `entity #1: missing required field "id"`},
		{"missing name",
			map[string]string{"a.yaml": "entities:\n  - id: leader/x\n    type: Leader\n    sources: [{ doc: doc/d, para: 1, quote: q }]\n"},
			"a.yaml", 2, `entity leader/x: missing required field "name"`},
		{"id syntax",
			map[string]string{"a.yaml": entity("Leader", "leader/Bad_Id")},
			"a.yaml", 3, `id "leader/Bad_Id" is not of the form <prefix>/<slug>`},
		{"id prefix does not match type",
			map[string]string{"a.yaml": entity("Leader", "task/x")},
			"a.yaml", 3, `id "task/x" must start with "leader/" for type Leader`},
		{"duplicate id, second place",
			map[string]string{"a.yaml": baseFile, "b.yaml": entity("Task", "task/t"),
				ManifestFile: baseManifest + "  - b.yaml\n"},
			"b.yaml", 3, `duplicate id "task/t": also declared at `},
		{"duplicate id, first place",
			map[string]string{"a.yaml": baseFile, "b.yaml": entity("Task", "task/t"),
				ManifestFile: baseManifest + "  - b.yaml\n"},
			"a.yaml", 8, `duplicate id "task/t": also declared at `},
		{"repeated key in a data file",
			map[string]string{"a.yaml": baseFile + "entities:\n"},
			"a.yaml", 19, `key "entities" is repeated (first at line 2)`},
		{"dangling relationship id",
			map[string]string{"a.yaml": relationship("type: LEADS", "from: leader/l", "to: nope",
				"sources: [{ para: 1, quote: q }]")},
			"a.yaml", 16, `relationship LEADS: to "nope" is not a known entity id`},
		{"dangling relationship id of an unknown prefix",
			map[string]string{"a.yaml": relationship("type: LEADS", "from: leader/l", "to: thing/nope",
				"sources: [{ para: 1, quote: q }]")},
			"a.yaml", 16, `relationship LEADS: to "thing/nope" is not a known entity id`},
		{"external id of a type the relationship does not allow",
			map[string]string{"a.yaml": relationship("type: LEADS", "from: leader/l", "to: policy/elsewhere",
				"sources: [{ para: 1, quote: q }]")},
			"a.yaml", 14, `relationship LEADS: cannot join Leader "leader/l" to Policy "policy/elsewhere"`},
		{"disallowed endpoint pair",
			map[string]string{"a.yaml": relationship("type: LEADS", "from: task/t", "to: leader/l",
				"sources: [{ para: 1, quote: q }]")},
			"a.yaml", 14, `relationship LEADS: cannot join Task "task/t" to Leader "leader/l" (allowed: Leader->Task,`},
		{"relationship to itself",
			map[string]string{"a.yaml": relationship("type: PART_OF", "from: task/t", "to: task/t",
				"sources: [{ para: 1, quote: q }]")},
			"a.yaml", 16, `from and to are the same entity "task/t"`},
		{"duplicate relationship",
			map[string]string{"a.yaml": baseFile + "  - type: LEADS\n    from: leader/l\n    to: task/t\n" +
				"    sources: [{ para: 2, quote: q }]\n"},
			"a.yaml", 19, `relationship LEADS leader/l -> task/t: also declared at `},
		{"empty name",
			map[string]string{"a.yaml": strings.Replace(entity("Leader", "leader/x"), "name: N", `name: "  "`, 1)},
			"a.yaml", 5, `entity leader/x: field "name" must not be empty`},
		{"name longer than an index holds",
			map[string]string{"a.yaml": strings.Replace(entity("Leader", "leader/x"), "name: N", "name: "+strings.Repeat("名", 1400), 1)},
			"a.yaml", 5, `entity leader/x: field "name" is 4200 bytes long; at most 4096`},
		{"alias longer than an index holds",
			map[string]string{"a.yaml": strings.Replace(entity("Leader", "leader/x"), "name: N", "name: N\n    aliases: ["+strings.Repeat("a", 5000)+"]", 1)},
			"a.yaml", 6, `aliases: an item is 5000 bytes long; at most 4096`},
		{"para 0",
			map[string]string{"a.yaml": strings.Replace(baseFile, "para: 2", "para: 0", 1)},
			"a.yaml", 12, `entity task/t: source 1: para 0 is out of range for doc/d (1..5)`},
		{"para beyond the document",
			map[string]string{"a.yaml": strings.Replace(baseFile, "para: 2", "para: 6", 1)},
			"a.yaml", 12, `para 6 is out of range for doc/d (1..5)`},
		{"quote too long",
			map[string]string{"a.yaml": strings.Replace(baseFile, "{ para: 2, quote: q }", "{ para: 2, quote: "+longQuote+" }", 1)},
			"a.yaml", 12, `quote is 61 characters long (at most 60)`},
		{"empty quote",
			map[string]string{"a.yaml": strings.Replace(baseFile, "{ para: 2, quote: q }", `{ para: 2, quote: "" }`, 1)},
			"a.yaml", 12, `field "quote" must not be empty`},
		{"missing sources",
			map[string]string{"a.yaml": "document: doc/d\nentities:\n  - id: leader/x\n    type: Leader\n    name: N\n"},
			"a.yaml", 3, `entity leader/x: missing required field "sources"`},
		{"empty sources",
			map[string]string{"a.yaml": "document: doc/d\nentities:\n  - id: leader/x\n    type: Leader\n    name: N\n    sources: []\n"},
			"a.yaml", 6, `sources: at least one source is required`},
		{"unknown document in a source",
			map[string]string{"a.yaml": strings.Replace(baseFile, "{ para: 2, quote: q }", "{ doc: doc/nope, para: 2, quote: q }", 1)},
			"a.yaml", 12, `doc "doc/nope" is not declared in dataset.yaml`},
		{"unknown default document",
			map[string]string{"a.yaml": strings.Replace(baseFile, "document: doc/d", "document: doc/nope", 1)},
			"a.yaml", 1, `document "doc/nope" is not declared in dataset.yaml`},
		{"no document for a source",
			map[string]string{"a.yaml": strings.Replace(baseFile, "document: doc/d", "", 1)},
			"a.yaml", 7, `missing doc (and the file sets no default document)`},
		{"unknown field",
			map[string]string{"a.yaml": entity("Task", "task/x", "yeer: 2021")},
			"a.yaml", 6, `entity task/x: unknown field "yeer" for type Task`},
		{"field of another type",
			map[string]string{"a.yaml": entity("Task", "task/x", "role: 书记")},
			"a.yaml", 6, `entity task/x: unknown field "role" for type Task`},
		{"unknown field in a source",
			map[string]string{"a.yaml": strings.Replace(baseFile, "{ para: 2, quote: q }", "{ para: 2, quote: q, page: 3 }", 1)},
			"a.yaml", 12, `source 1: unknown field "page" (want doc, para, quote)`},
		{"unknown field in a relationship",
			map[string]string{"a.yaml": relationship("type: LEADS", "from: leader/l", "to: task/t", "weight: 2",
				"sources: [{ para: 1, quote: q }]")},
			"a.yaml", 17, `relationship LEADS: unknown field "weight"`},
		{"unknown key in a data file",
			map[string]string{"a.yaml": baseFile + "entites: []\n"},
			"a.yaml", 19, `unknown key "entites" (want document, entities, relationships)`},
		{"unknown key in the manifest",
			map[string]string{ManifestFile: baseManifest + "titel: x\n"},
			ManifestFile, 10, `unknown key "titel"`},
		{"unknown field in a document",
			map[string]string{ManifestFile: strings.Replace(baseManifest, "paragraphs: 5", "paragraphs: 5\n    pages: 5", 1)},
			ManifestFile, 8, `document doc/d: unknown field "pages"`},
		{"document without paragraphs",
			map[string]string{ManifestFile: strings.Replace(baseManifest, "    paragraphs: 5\n", "", 1)},
			ManifestFile, 5, `document doc/d: missing required field "paragraphs"`},
		{"bad document date",
			map[string]string{ManifestFile: strings.Replace(baseManifest, "paragraphs: 5", "paragraphs: 5\n    date: 2021-13", 1)},
			ManifestFile, 8, `date "2021-13" must be YYYY, YYYY-MM or YYYY-MM-DD`},
		{"bad dataset id",
			map[string]string{ManifestFile: strings.Replace(baseManifest, "id: broken", "id: Broken Set", 1)},
			ManifestFile, 2, `dataset id "Broken Set" must be lower-case letters, digits and '-'`},
		{"bad enum",
			map[string]string{"a.yaml": entity("Task", "task/x", "status: DONE")},
			"a.yaml", 6, `status "DONE" is not one of PLANNED, IN_PROGRESS, COMPLETED`},
		{"enum of another type",
			map[string]string{"a.yaml": entity("PilotProgram", "pilot/x", "status: IN_PROGRESS")},
			"a.yaml", 6, `status "IN_PROGRESS" is not one of APPROVED, ACTIVE, COMPLETED`},
		{"negative count",
			map[string]string{"a.yaml": entity("Task", "task/x", "planned: -1")},
			"a.yaml", 6, `planned must be at least 0, got -1`},
		{"headcount below 1",
			map[string]string{"a.yaml": entity("Leader", "leader/x", "headcount: 0")},
			"a.yaml", 6, `headcount must be at least 1, got 0`},
		{"value not a number",
			map[string]string{"a.yaml": entity("Outcome", "outcome/x", "value: 7.5万")},
			"a.yaml", 6, `field "value" must be a number, got a string`},
		{"invalid YAML",
			map[string]string{"a.yaml": "document: doc/d\nentities:\n  - id: leader/x\n    name: [oops\n"},
			"a.yaml", 4, `invalid YAML: did not find expected ',' or ']'`},
		{"invalid YAML indentation",
			map[string]string{"a.yaml": "document: doc/d\nentities: []\n relationships: []\n"},
			"a.yaml", 3, `invalid YAML: did not find expected key`},
		{"YAML alias to an undefined anchor",
			map[string]string{"a.yaml": "document: doc/d\nentities: *nope\n"},
			"a.yaml", 2, `invalid YAML: unknown anchor 'nope' referenced`},
		{"invalid UTF-8",
			map[string]string{"a.yaml": "document: doc/d\nentities:\n  - id: leader/\xff\n"},
			"a.yaml", 3, `invalid UTF-8`},
		{"invalid JSON (a JSON data file)",
			map[string]string{"a.yaml": `{"document": "doc/d", "entities": [{"id": "leader/x", "type": "Leader",, }]}`},
			"a.yaml", 1, "invalid YAML"},
		{"JSON with wrong types",
			map[string]string{"a.yaml": `{"document": "doc/d", "entities": [{"id": "leader/x", "type": "Leader", "name": "N", "headcount": "many", "sources": [{"para": 1, "quote": "q"}]}]}`},
			"a.yaml", 1, `field "headcount" must be an integer, got a string`},
		{"truncated file",
			map[string]string{"a.yaml": baseFile[:strings.Index(baseFile, "      - { para: 2")+12]},
			"a.yaml", 12, "invalid YAML"},
		{"truncated file inside a quoted string",
			map[string]string{"a.yaml": "document: doc/d\nentities:\n  - id: leader/x\n    type: Leader\n    name: \"N"},
			"a.yaml", 5, "invalid YAML"},
		{"invalid UTF-8 in a name",
			map[string]string{"a.yaml": strings.Replace(entity("Leader", "leader/x"), "name: N", "name: \"\xc3\x28\"", 1)},
			"a.yaml", 5, "invalid UTF-8"},
		{"NUL byte",
			map[string]string{"a.yaml": strings.Replace(entity("Leader", "leader/x"), "name: N", "name: N\x00", 1)},
			"a.yaml", 5, "NUL byte"},
		{"name is a number",
			map[string]string{"a.yaml": strings.Replace(entity("Leader", "leader/x"), "name: N", "name: 42", 1)},
			"a.yaml", 5, `field "name" must be a string`},
		{"entities is a mapping",
			map[string]string{"a.yaml": "document: doc/d\nentities:\n  id: leader/x\n"},
			"a.yaml", 3, "must be a list"},
		{"data file is a list",
			map[string]string{"a.yaml": "- id: leader/x\n"},
			"a.yaml", 1, "mapping"},
		{"empty id",
			map[string]string{"a.yaml": entity("Leader", `""`)},
			"a.yaml", 3, "id"},
		{"file over the size cap",
			map[string]string{"a.yaml": "document: doc/d\n#" + strings.Repeat("x", MaxFileBytes) + "\n"},
			"dataset.yaml", 9, `files: "a.yaml" is too large`},
		{"two YAML documents in a file",
			map[string]string{"a.yaml": baseFile + "---\nentities: []\n"},
			"a.yaml", 19, `file holds more than one YAML document`},
		{"empty file",
			map[string]string{"a.yaml": "# nothing yet\n"},
			"a.yaml", 1, `file is empty`},
		{"file with neither entities nor relationships",
			map[string]string{"a.yaml": "document: doc/d\n"},
			"a.yaml", 1, `file holds neither entities nor relationships`},
		{"wrong format version",
			map[string]string{ManifestFile: strings.Replace(baseManifest, "reformhub/v1", "reformhub/v2", 1)},
			ManifestFile, 1, `format "reformhub/v2" is not supported (want "reformhub/v1")`},
		{"missing format",
			map[string]string{ManifestFile: strings.Replace(baseManifest, "format: reformhub/v1\n", "", 1)},
			ManifestFile, 1, `missing required field "format"`},
		{"missing listed file",
			map[string]string{ManifestFile: baseManifest + "  - b.yaml\n"},
			ManifestFile, 10, `files: "b.yaml" does not exist`},
		{"listed file outside the folder",
			map[string]string{ManifestFile: baseManifest + "  - ../b.yaml\n"},
			ManifestFile, 10, `files: "../b.yaml" is not inside the dataset folder`},
		{"absolute listed file",
			map[string]string{ManifestFile: baseManifest + "  - /etc/passwd\n"},
			ManifestFile, 10, `files: "/etc/passwd" is not inside the dataset folder`},
		{"file listed twice",
			map[string]string{ManifestFile: baseManifest + "  - ./a.yaml\n"},
			ManifestFile, 10, `files: "./a.yaml" is listed twice (first at line 9)`},
		{"no documents",
			map[string]string{ManifestFile: strings.Replace(baseManifest,
				"documents:\n  - id: doc/d\n    title: D\n    paragraphs: 5\n", "documents: []\n", 1)},
			ManifestFile, 4, `documents: at least one document is required`},
		{"repeated key",
			map[string]string{"a.yaml": strings.Replace(entity("Leader", "leader/x"), "name: N", "name: N\n    name: M", 1)},
			"a.yaml", 6, `entity leader/x: key "name" is repeated (first at line 5)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeDataset(t, tt.files)
			ds, err := Parse(dir)
			if err == nil {
				t.Fatalf("Parse succeeded with %d entities; want a problem %q", len(ds.Entities), tt.msg)
			}
			var verr *ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("Parse error is %T (%v), want *ValidationError", err, err)
			}
			want := fmt.Sprintf("%s:%d: ", filepath.Join(dir, tt.file), tt.line)
			for _, line := range strings.Split(err.Error(), "\n") {
				if strings.HasPrefix(line, want) && strings.Contains(line, tt.msg) {
					return
				}
			}
			t.Errorf("no problem %q%s in:\n%v", want, tt.msg, err)
		})
	}
}

// TestParseSymlinkEscape checks that a listed file cannot reach outside the dataset folder
// through a symbolic link.
func TestParseSymlinkEscape(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "outside.yaml")
	if err := os.WriteFile(outside, []byte(baseFile), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := writeDataset(t, map[string]string{ManifestFile: baseManifest + "  - link.yaml\n"})
	if err := os.Symlink(outside, filepath.Join(dir, "link.yaml")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	_, err := Parse(dir)
	want := filepath.Join(dir, ManifestFile) + `:10: files: cannot read "link.yaml"`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Parse = %v, want %q", err, want)
	}
}

// TestParseCollectsAll checks that Parse reports every problem, sorted by file and line, not
// only the first.
func TestParseCollectsAll(t *testing.T) {
	dir := writeDataset(t, map[string]string{
		ManifestFile: baseManifest + "  - b.yaml\n",
		"a.yaml":     strings.Replace(baseFile, "para: 2", "para: 9", 1),
		"b.yaml":     entity("Task", "task/x", "status: DONE", "yeer: 1"),
	})
	_, err := Parse(dir)
	if err == nil {
		t.Fatal("Parse succeeded")
	}
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	want := []string{
		a + ":12: entity task/t: source 1: para 9 is out of range for doc/d (1..5)",
		b + `:6: entity task/x: status "DONE" is not one of PLANNED, IN_PROGRESS, COMPLETED`,
		b + `:7: entity task/x: unknown field "yeer" for type Task`,
	}
	if got := err.Error(); got != strings.Join(want, "\n") {
		t.Errorf("Parse error:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

func TestValidationErrorCap(t *testing.T) {
	var ps problems
	for i := 250; i > 0; i-- {
		ps.add(Location{"f.yaml", i}, "problem %d", i)
	}
	ps.add(Location{"e.yaml", 0}, "whole file")
	err := ps.err()
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxListed+1 {
		t.Fatalf("%d lines, want %d", len(lines), maxListed+1)
	}
	if lines[0] != "e.yaml: whole file" || lines[1] != "f.yaml:1: problem 1" {
		t.Errorf("first lines = %q, want sorted by file, then line", lines[:2])
	}
	if last := lines[len(lines)-1]; last != "and 51 more" {
		t.Errorf("last line = %q", last)
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %T is not a *ValidationError", err)
	}
	if got := len(ve.Problems); got != 251 {
		t.Errorf("%d problems kept, want all 251", got)
	}
}

// TestParse100MBFile checks that a 100 MB data file (or manifest) is refused with an error
// naming it, without being read into memory whole.
func TestParse100MBFile(t *testing.T) {
	for _, name := range []string{"a.yaml", ManifestFile} {
		t.Run(name, func(t *testing.T) {
			dir := writeDataset(t, nil)
			f, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY|os.O_APPEND, 0)
			if err != nil {
				t.Fatal(err)
			}
			line := []byte("# " + strings.Repeat("x", 1021) + "\n")
			for written := 0; written < 100<<20; written += len(line) {
				if _, err := f.Write(line); err != nil {
					t.Fatal(err)
				}
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			_, err = Parse(dir)
			var verr *ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("Parse = %v, want a *ValidationError", err)
			}
			want := filepath.Join(dir, name) + ": file is larger than 16777216 bytes"
			if !strings.Contains(err.Error(), want) {
				t.Errorf("Parse error %q does not contain %q", err, want)
			}
		})
	}
}

// The relationship types and Outcome fields of issue 19 load.
func TestParseIssue19TypesAndFields(t *testing.T) {
	dir := writeDataset(t, map[string]string{"a.yaml": `document: doc/d
entities:
  - { id: leader/l, type: Leader, name: L, sources: [{ para: 1, quote: q }] }
  - { id: department/c, type: Department, name: C, sources: [{ para: 1, quote: q }] }
  - { id: department/b, type: Department, name: B, sources: [{ para: 1, quote: q }] }
  - { id: policy/p, type: Policy, name: P, sources: [{ para: 1, quote: q }] }
  - { id: task/t, type: Task, name: T, sources: [{ para: 1, quote: q }] }
  - id: outcome/o
    type: Outcome
    name: O
    value: 10
    unit: 分钟
    qualifier: 余
    valueBefore: 3
    unitBefore: 天
    sources: [{ para: 1, quote: q }]
relationships:
  - { type: ESTABLISHED, from: department/c, to: department/b, sources: [{ para: 1, quote: q }] }
  - { type: COMPONENT_OF, from: department/b, to: policy/p, sources: [{ para: 1, quote: q }] }
  - { type: INSPECTED, from: leader/l, to: department/c, sources: [{ para: 1, quote: q }] }
  - { type: AFFIRMED, from: leader/l, to: task/t, sources: [{ para: 1, quote: q }] }
  - { type: ACHIEVED, from: task/t, to: outcome/o, sources: [{ para: 1, quote: q }] }
`})
	ds, err := Parse(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Relationships) != 5 {
		t.Fatalf("relationships = %d", len(ds.Relationships))
	}
	o := ds.Entities[5]
	if o.Qualifier == nil || *o.Qualifier != "余" || o.ValueBefore == nil || *o.ValueBefore != 3 || o.UnitBefore == nil || *o.UnitBefore != "天" {
		t.Errorf("outcome = %+v", o)
	}
	props := o.typeFieldValues()
	if props["valueBefore"] != 3.0 || props["unitBefore"] != "天" || props["qualifier"] != "余" || props["value"] != 10.0 {
		t.Errorf("stored properties = %v", props)
	}
}

// TestParseExternalReferences: an endpoint of the entity id form that the dataset does not
// declare is another dataset's entity, recorded for Load to check against the graph.
func TestParseExternalReferences(t *testing.T) {
	dir := writeDataset(t, map[string]string{"a.yaml": relationship("type: LEADS", "from: leader/l", "to: task/elsewhere",
		"sources: [{ para: 1, quote: q }]")})
	ds, err := Parse(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.External) != 1 {
		t.Fatalf("external references %+v, want task/elsewhere", ds.External)
	}
	x := ds.External[0]
	if x.ID != "task/elsewhere" || x.Type != reform.TypeTask || x.Loc.Line != 16 || x.What != "relationship LEADS: to" {
		t.Errorf("external reference %+v", x)
	}
}
