package differential

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTableMatchesDocs: the divergence table of docs/compatibility.md is exactly Table and
// Excluded, row for row, in that order; every switchable form is documented; the ids are
// unique, and no Pending entry is in the table.
func TestTableMatchesDocs(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "compatibility.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	section := doc[strings.Index(doc, "## Divergences"):]
	section = section[:strings.Index(section[3:], "\n## ")+3]
	var rows []string
	for _, line := range strings.Split(section, "\n") {
		if strings.HasPrefix(line, "| `") {
			rows = append(rows, line)
		}
	}
	want := append(append([]Divergence{}, Table...), Excluded...)
	seen := map[string]bool{}
	for i, d := range want {
		if seen[d.ID] {
			t.Errorf("id %s twice", d.ID)
		}
		seen[d.ID] = true
		if d.Decision != "keep" && d.Decision != "follow v7" {
			t.Errorf("%s: decision %q, want keep or follow v7", d.ID, d.Decision)
		}
		if i >= len(rows) {
			t.Errorf("docs/compatibility.md lacks the row\n%s", d.MarkdownRow())
			continue
		}
		if rows[i] != d.MarkdownRow() {
			t.Errorf("row %d of the table in docs/compatibility.md is\n%s\nthe code says\n%s", i+1, rows[i], d.MarkdownRow())
		}
	}
	for _, r := range rows[min(len(rows), len(want)):] {
		t.Errorf("docs/compatibility.md has a row the code lacks (differential.Table, Excluded):\n%s", r)
	}
	for _, d := range Pending {
		if seen[d.ID] {
			t.Errorf("pending %s is in the table too", d.ID)
		}
	}
	for _, f := range Forms {
		if !strings.Contains(doc, "| `"+string(f)+"` |") {
			t.Errorf("docs/compatibility.md does not list the form %s", f)
		}
	}
}
