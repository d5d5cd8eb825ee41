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
	getenv := func(k string) string {
		if v, ok := env[k]; ok || k != "HUB_SYNC_GRACE" {
			return v
		}
		return "0" // a test's syncs are applied at once unless it sets a grace period
	}
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

func TestLoadValidateOnly(t *testing.T) {
	out, _, err := runHub(t, nil, "load", "--validate-only", "../../data/dongying-2021")
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
	for _, want := range []string{"sync: ", " nodes", " relationships", "ACHIEVED", "ETA"} {
		if !strings.Contains(out+stderr, want) { // progress on stderr, the summary on stdout
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestDatasetCommands: a dry run prints the diff and writes nothing; load syncs; a reload of
// the same content writes nothing; datasets lists the dataset and the data version; unload
// removes it.
func TestDatasetCommands(t *testing.T) {
	opts := storetest.Options(t)
	st := storetest.Open(t)
	ctx := context.Background()
	if err := st.DeleteAll(ctx); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"NEO4J_URI": opts.URI, "NEO4J_USERNAME": opts.Username,
		"NEO4J_PASSWORD": opts.Password, "NEO4J_DATABASE": opts.Database}
	dir := "../../loader/testdata/valid"
	out, stderr, err := runHub(t, env, "load", "--dry-run", dir)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(out, "dataset fixture-valid: 20 added, 0 changed, 0 retracted, 0 unchanged") ||
		!strings.Contains(out, "  added:\n    Document doc/fixture-report\n") || !strings.Contains(out, "… and 10 more") {
		t.Errorf("dry run:\n%s", out)
	}
	if list, err := st.Datasets(ctx); err != nil || len(list) != 0 {
		t.Fatalf("after the dry run: %+v %v, want nothing written", list, err)
	}
	if _, stderr, err := runHub(t, env, "load", dir); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	out, _, err = runHub(t, env, "load", dir)
	if err != nil || !strings.Contains(out, "unchanged since its last load (data version 1): nothing written") {
		t.Errorf("second load: %v\n%s", err, out)
	}
	out, _, err = runHub(t, env, "datasets")
	if err != nil || !strings.HasPrefix(out, "data version 1 (") || !strings.Contains(out, "fixture-valid") ||
		!strings.Contains(out, "current") {
		t.Errorf("datasets: %v\n%s", err, out)
	}
	out, _, err = runHub(t, env, "unload", "fixture-valid")
	if err != nil || !strings.Contains(out, "dataset fixture-valid unloaded: 20 facts retracted; data version 2") {
		t.Errorf("unload: %v\n%s", err, out)
	}
	if _, _, err := runHub(t, env, "unload", "fixture-valid"); err == nil || !strings.Contains(err.Error(), "is loaded") {
		t.Errorf("unloading again: %v", err)
	}
	if out, _, err := runHub(t, env, "datasets"); err != nil || strings.Contains(out, "fixture-valid") {
		t.Errorf("datasets after unload: %v\n%s", err, out)
	}
}
