package main

import (
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
