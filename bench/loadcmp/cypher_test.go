package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/synth"
)

// Every CSV column is read by the statement of its file, every statement takes the file and
// the dataset as parameters, and the properties are the loader's (props.go): the type's
// fields, the common ones, aliasText and the evidence lists.
func TestStatementsReadEveryColumn(t *testing.T) {
	for _, et := range reform.EntityTypes {
		s := nodeStatement(et)
		for _, col := range synth.CSVColumns(et) {
			if !strings.Contains(s, "row."+col) {
				t.Errorf("%s: statement does not read column %s:\n%s", et, col, s)
			}
		}
		for _, want := range []string{"FROM $url", "dataset: $dataset", "MERGE (n:" + string(et) + " {id: row.id})",
			"n:Entity", "aliasText:", "srcParas:", "IN TRANSACTIONS OF 10000 ROWS"} {
			if !strings.Contains(s, want) {
				t.Errorf("%s: statement lacks %q:\n%s", et, want, s)
			}
		}
		for _, f := range reform.TypeFields(et) {
			if !strings.Contains(s, f.Name+": ") {
				t.Errorf("%s: statement does not set %s", et, f.Name)
			}
		}
	}
	for _, rt := range reform.RelTypes {
		s := relStatement(rt)
		for _, col := range synth.RelCSVColumns {
			if !strings.Contains(s, "row."+col) {
				t.Errorf("%s: statement does not read column %s:\n%s", rt, col, s)
			}
		}
		if !strings.Contains(s, "MERGE (a)-[r:"+string(rt)+"]->(b)") || !strings.Contains(s, "FROM $url") {
			t.Errorf("%s: statement:\n%s", rt, s)
		}
	}
}

// changeLines changes every k-th line (the first included) and copies the others byte for byte.
func TestChangeLines(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "in.ndjson")
	in := `{"id":"task/a","type":"Task","name":"甲"}
{"type":"LEADS","from":"leader/a","to":"department/b"}
{"type":"LEADS","from":"leader/c","to":"department/b","implied":true}
`
	if err := os.WriteFile(src, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, "out.ndjson")
	if err := changeLines(src, dst, 2); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"task/a","name":"甲（修订）","type":"Task"}
{"type":"LEADS","from":"leader/a","to":"department/b"}
{"from":"leader/c","implied":false,"to":"department/b","type":"LEADS"}
`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
