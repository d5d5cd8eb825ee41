package harness

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestCanonicalIgnoresKeyOrderSpaceAndNumberSpelling(t *testing.T) {
	a, err := Canonical([]byte(`{"data":{"b":[1,2.0,{"y":null,"x":"改革"}],"a":5}, "extensions":{"statements":3}}`))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Canonical([]byte(`{"data": {"a": 5.0, "b": [1.0, 2, {"x": "改革", "y": null}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if string(a) != string(b) {
		t.Fatalf("canonical forms differ:\n%s\n%s", a, b)
	}
	if want := `{"a":5,"b":[1,2,{"x":"改革","y":null}]}`; string(a) != want {
		t.Fatalf("canonical form %s, want %s", a, want)
	}
	if d := Diff(a, b); d != "" {
		t.Fatalf("Diff of equal values: %s", d)
	}
}

func TestCanonicalRefusesErrorsAndMissingData(t *testing.T) {
	for _, body := range []string{
		`{"errors":[{"message":"boom"}],"data":{"a":1}}`,
		`{"data":null,"errors":[{"message":"boom"}]}`,
		`{"data":null}`,
		`{}`,
		`not json`,
	} {
		if _, err := Canonical([]byte(body)); err == nil {
			t.Errorf("Canonical(%s) accepted", body)
		}
	}
}

func TestDiffNamesTheFirstDifference(t *testing.T) {
	cases := []struct{ a, b, want string }{
		{`{"t":[{"id":"a"},{"id":"b"}]}`, `{"t":[{"id":"a"},{"id":"c"}]}`, `$.t[1].id: "b" vs "c"`},
		{`{"t":[1,2]}`, `{"t":[1,2,3]}`, `$.t: 2 items vs 3`},
		{`{"a":1}`, `{"a":1,"b":null}`, `$.b: present only on the right`},
		{`{"a":{"x":1}}`, `{"a":[1]}`, `$.a: {"x":1} vs [1]`},
		{`{"n":1}`, `{"n":1.5}`, `$.n: 1 vs 1.5`},
	}
	for _, c := range cases {
		if got := Diff([]byte(c.a), []byte(c.b)); got != c.want {
			t.Errorf("Diff(%s, %s) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
}

func TestStatementsReadsTheExtensionShapes(t *testing.T) {
	cases := []struct {
		ext  map[string]any
		want float64
		ok   bool
	}{
		{map[string]any{"statements": 2.0}, 2, true},
		{map[string]any{"statements": []any{"a", "b", "c"}}, 3, true},
		{map[string]any{"statements": map[string]any{"total": 4.0}}, 4, true},
		{map[string]any{"statements": map[string]any{"count": 1.0}}, 1, true},
		{map[string]any{"other": 1.0}, 0, false},
		{nil, 0, false},
	}
	for _, c := range cases {
		got, ok := Statements(c.ext)
		if got != c.want || ok != c.ok {
			t.Errorf("Statements(%v) = %v, %v; want %v, %v", c.ext, got, ok, c.want, c.ok)
		}
	}
}

func TestPercentileNearestRank(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	for p, want := range map[float64]time.Duration{50: 50 * time.Millisecond, 90: 90 * time.Millisecond,
		99: 99 * time.Millisecond, 100: 100 * time.Millisecond, 0.1: time.Millisecond} {
		if got := Percentile(d, p); got != want {
			t.Errorf("p%v = %v, want %v", p, got, want)
		}
	}
	if got := Percentile([]time.Duration{7}, 99); got != 7 {
		t.Errorf("p99 of one = %v", got)
	}
	if got := Percentile(nil, 50); got != 0 {
		t.Errorf("p50 of none = %v", got)
	}
}

func TestMedianAndRatio(t *testing.T) {
	if m := Median([]float64{3, 1, 2}); m != 2 {
		t.Errorf("median odd = %v", m)
	}
	if m := Median([]float64{4, 1, 3, 2}); m != 2.5 {
		t.Errorf("median even = %v", m)
	}
	if r := Ratio(300, 100); r != "3.00×" {
		t.Errorf("Ratio = %q", r)
	}
	if r := Ratio(1, 0); r != "n/a" {
		t.Errorf("Ratio by zero = %q", r)
	}
	if s := Millis(1500 * time.Microsecond); s != "1.50" {
		t.Errorf("Millis = %q", s)
	}
}

func TestTableMarkdownAlignsColumns(t *testing.T) {
	tb := Table{Header: []string{"workload", "req/s"}, Rows: [][]string{{"entity", "150.6"}, {"mix", "n/a"}, {"搜索", "12.0"}}}
	got := tb.Markdown()
	want := strings.Join([]string{
		"| workload | req/s |",
		"| -------- | ----: |",
		"| entity   | 150.6 |",
		"| mix      |   n/a |",
		"| 搜索       |  12.0 |",
		"",
	}, "\n")
	if got != want {
		t.Fatalf("Markdown:\n%s\nwant:\n%s", got, want)
	}
}

func TestProcParsers(t *testing.T) {
	// utime 250 ticks + stime 50 ticks = 3 s; the command name holds spaces and parentheses.
	stat := "1234 (node (worker) x) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 11 0 100 1000 200"
	d, err := StatCPU(stat)
	if err != nil || d != 3*time.Second {
		t.Fatalf("StatCPU = %v, %v; want 3s", d, err)
	}
	if _, err := StatCPU("1234 (x) S 1 2"); err == nil {
		t.Error("StatCPU accepted a short line")
	}
	if kb, ok := VmRSSLine("VmRSS:\t  34512 kB"); !ok || kb != 34512 {
		t.Errorf("VmRSSLine = %v, %v", kb, ok)
	}
	if _, ok := VmRSSLine("VmHWM:\t  34512 kB"); ok {
		t.Error("VmRSSLine read another field")
	}
	if rss, err := RSS(os.Getpid()); err != nil || rss <= 0 {
		t.Errorf("RSS of this process = %v, %v", rss, err)
	}
	if cpu, err := CPU(os.Getpid()); err != nil || cpu < 0 {
		t.Errorf("CPU of this process = %v, %v", cpu, err)
	}
}
