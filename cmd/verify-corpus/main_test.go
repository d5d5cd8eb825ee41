package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const manifest = `format: reformhub/v1
id: tiny
title: tiny
documents:
  - id: doc/tiny
    title: 小文章
    paragraphs: 3
files: [facts.yaml]
`

const facts = `document: doc/tiny
entities:
  - id: department/city
    type: Department
    name: 东营市
    sources: [{ para: 2, quote: "东营市完成" }]
  - id: task/t
    type: Task
    name: 要点任务
    planned: 112
    sources: [{ para: 2, quote: "112项要点任务" }]
relationships:
  - type: RESPONSIBLE_FOR
    from: department/city
    to: task/t
    sources: [{ para: 2, quote: "东营市完成112项要点任务" }]
`

const article = "标题\n\n东营市完成112项要点任务。\n\n记者 3人\n"

func tiny(t *testing.T) (dir, art string) {
	t.Helper()
	dir = t.TempDir()
	for name, text := range map[string]string{
		"dataset.yaml": manifest, "facts.yaml": facts, "verify.yaml": "document: doc/tiny\nbody: [\"2\"]\n", "article.txt": article,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, filepath.Join(dir, "article.txt")
}

func TestPassAndFail(t *testing.T) {
	dir, art := tiny(t)
	var out, errOut bytes.Buffer
	if code := run([]string{"-dataset", dir, art}, &out, &errOut); code != 0 || !strings.HasSuffix(out.String(), "PASS\n") {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errOut.String())
	}
	// An article whose paragraph 2 says 113: the quotes no longer match and 113 is uncovered.
	if err := os.WriteFile(art, []byte(strings.Replace(article, "112", "113", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := run([]string{"-dataset", dir, art}, &out, &errOut); code != 1 || !strings.Contains(out.String(), "FAIL") ||
		!strings.Contains(out.String(), "113 is in no fact") {
		t.Errorf("exit %d\n%s", code, out.String())
	}
}

func TestUsageAndInputErrors(t *testing.T) {
	dir, art := tiny(t)
	var out, errOut bytes.Buffer
	for _, args := range [][]string{
		{},
		{"-dataset", dir, filepath.Join(dir, "missing.txt")},
		{"-dataset", dir, "-config", filepath.Join(dir, "none.yaml"), art},
	} {
		if code := run(args, &out, &errOut); code != 2 {
			t.Errorf("run(%q) = %d, want 2", args, code)
		}
	}
}
