package loader

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

// fakeClock advances one second per reading.
func fakeClock() func() time.Time {
	t := time.Unix(0, 0)
	return func() time.Time { t = t.Add(time.Second); return t }
}

func TestProgressPlainLines(t *testing.T) {
	var w, rest bytes.Buffer
	p := &Progress{W: &w, Rest: &rest, Total: 400, Now: fakeClock()}
	fmt.Fprintf(p, "%s: %d/%d nodes\n", "Task", 100, 300)
	fmt.Fprintf(p, "%s: %d/%d nodes\n", "Task", 200, 300)
	fmt.Fprintf(p, "%s: %d/%d relationships\n", "LEADS", 100, 100)
	fmt.Fprintf(p, "dataset x: 300 nodes, 100 relationships\n  nodes\n")
	lines := strings.Split(strings.TrimSpace(w.String()), "\n")
	want := []string{
		"load: 100/400 (25%) 100/s ETA 3s  Task: 100/300 nodes",
		"load: 200/400 (50%) 100/s ETA 2s  Task: 200/300 nodes",
		"load: 300/400 (75%) 100/s ETA 1s  LEADS: 100/100 relationships",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("progress:\n%s\nwant:\n%s", w.String(), strings.Join(want, "\n"))
	}
	if rest.String() != "dataset x: 300 nodes, 100 relationships\n  nodes\n" {
		t.Errorf("rest = %q", rest.String())
	}
}

func TestProgressBarOnTerminal(t *testing.T) {
	var w, rest bytes.Buffer
	p := &Progress{W: &w, Rest: &rest, Total: 10, TTY: true, Now: fakeClock()}
	fmt.Fprintf(p, "%s: %d/%d nodes\n", "Task", 5, 10)
	fmt.Fprintf(p, "summary\n")
	out := w.String()
	if !strings.HasPrefix(out, "\r[###############...............]  50% 5/10") || !strings.Contains(out, "ETA") {
		t.Errorf("bar = %q", out)
	}
	if !strings.HasSuffix(out, "\n") || strings.Count(out, "\n") != 1 {
		t.Errorf("the bar line is not ended before other output: %q", out)
	}
	if rest.String() != "summary\n" {
		t.Errorf("rest = %q", rest.String())
	}
}

func TestPlanned(t *testing.T) {
	ds, err := Parse("testdata/valid")
	if err != nil {
		t.Fatal(err)
	}
	s := Planned(ds)
	if s.TotalNodes() != len(ds.Documents)+len(ds.Entities) || s.TotalRels() != len(ds.Relationships) {
		t.Errorf("planned %d nodes %d rels for %d docs, %d entities, %d rels", s.TotalNodes(), s.TotalRels(),
			len(ds.Documents), len(ds.Entities), len(ds.Relationships))
	}
}
