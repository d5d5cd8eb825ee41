package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/store/storetest"
)

func runHub(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return env[k] }
	err = run(context.Background(), args, getenv, &out, &errb)
	return out.String(), errb.String(), err
}

func TestUsage(t *testing.T) {
	if _, stderr, err := runHub(t, nil); err == nil || !strings.Contains(stderr, "usage: hub") {
		t.Errorf("no command: err=%v stderr=%q", err, stderr)
	}
	if _, _, err := runHub(t, nil, "frobnicate"); err == nil || !strings.Contains(err.Error(), `unknown command "frobnicate"`) {
		t.Errorf("unknown command: %v", err)
	}
	if out, _, err := runHub(t, nil, "version"); err != nil || !strings.HasPrefix(out, "hub ") {
		t.Errorf("version: %q %v", out, err)
	}
}

func TestLoadDryRun(t *testing.T) {
	out, _, err := runHub(t, nil, "load", "--dry-run", "../../data/dongying-2021")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "dataset dongying-2021 is valid") {
		t.Errorf("stdout = %q", out)
	}
}

func TestLoadInvalidDatasetWritesNothing(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("dataset.yaml", "format: reformhub/v1\nid: broken\ntitle: t\ndocuments:\n  - {id: doc/d, title: T, paragraphs: 3}\nfiles: [e.yaml]\n")
	write("e.yaml", "document: doc/d\nentities:\n  - id: task/a\n    type: Task\n    name: \"\"\n    sources: [{para: 9, quote: x}]\n")
	// No database is configured: validation must fail before any connection is tried.
	_, stderr, err := runHub(t, map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1"}, "load", dir)
	if err == nil {
		t.Fatal("an invalid dataset loaded")
	}
	for _, want := range []string{"e.yaml:5:", "e.yaml:6:", "nothing written"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestLoadPrintsProgressAndSummary(t *testing.T) {
	opts := storetest.Options(t)
	st := storetest.Open(t)
	if err := st.DeleteAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"NEO4J_URI": opts.URI, "NEO4J_USERNAME": opts.Username,
		"NEO4J_PASSWORD": opts.Password, "NEO4J_DATABASE": opts.Database}
	out, stderr, err := runHub(t, env, "load", "--batch-size", "50", "../../data/dongying-2021")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, want := range []string{"Outcome:", "ACHIEVED", "/", "ETA"} {
		if !strings.Contains(out+stderr, want) { // progress on stderr, the summary on stdout
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
