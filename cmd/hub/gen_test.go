package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenWritesALoadableCorpus(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	out, _, err := runHub(t, nil, "gen", "--entities", "300", "--seed", "4", "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"300 entities", "RESPONSIBLE_FOR", "Document"} {
		if !strings.Contains(out, want) {
			t.Errorf("gen output lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "csv", "rels-LEADS.csv")); err != nil {
		t.Error(err)
	}
	out, _, err = runHub(t, nil, "load", "--validate-only", dir)
	if err != nil || !strings.Contains(out, "dataset synth-300 is valid: 3 documents, 297 entities") {
		t.Errorf("load --validate-only: %v\n%s", err, out)
	}
	for _, args := range [][]string{{"gen", "--size", "XL", "--out", dir}, {"gen", "--size", "S"}} {
		if _, _, err := runHub(t, nil, args...); err == nil {
			t.Errorf("hub %v: no error", args)
		}
	}
}
