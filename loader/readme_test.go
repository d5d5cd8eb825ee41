package loader

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// The counts data/README.md states for the shipped dataset are the dataset's.
func TestReadmeCountsMatchDataset(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "data", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Parse(filepath.Join("..", "data", "dongying-2021"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"Document": len(ds.Documents)}
	for _, e := range ds.Entities {
		want[string(e.Type)]++
	}
	for _, r := range ds.Relationships {
		want[string(r.Type)]++
	}
	row := regexp.MustCompile(`\| ([A-Za-z_]+) \| (\d+) \|`)
	seen := 0
	for _, m := range row.FindAllStringSubmatch(string(readme), -1) {
		n, _ := strconv.Atoi(m[2])
		if w, ok := want[m[1]]; ok {
			seen++
			if n != w {
				t.Errorf("data/README.md says %s: %d, the dataset has %d", m[1], n, w)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("data/README.md lists %d of the %d types the dataset has", seen, len(want))
	}
}
