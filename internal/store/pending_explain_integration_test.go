package store_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/store/storetest"
)

// Every statement of the pending-mode golden set (graph/testdata/statements-pending, the
// cookbook, the benchmark workloads and the bare roots compiled in pending mode) is valid
// Cypher that Neo4j plans: TestPendingModeReadsWholeVersions runs one read of each root kind,
// this checks every shape of filter, sort, aggregate and nesting the goldens hold.
func TestPendingGoldenStatementsPlan(t *testing.T) {
	s, ctx := storetest.OpenEmpty(t)
	files, err := filepath.Glob(filepath.Join("..", "..", "graph", "testdata", "statements-pending", "*.cypher"))
	if err != nil || len(files) < 15 {
		t.Fatalf("%d golden files (%v)", len(files), err)
	}
	n := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, st := range goldenStatements(t, string(src)) {
			if _, err := s.ExplainForTest(ctx, st.cypher, st.params); err != nil {
				t.Errorf("%s #%d: %v\n%s", filepath.Base(f), i, err, st.cypher)
			}
			n++
		}
	}
	t.Logf("%d statements planned", n)
}

type goldenStatement struct {
	cypher string
	params map[string]any
}

// goldenStatements splits a golden file into its statements (the lines between the comment
// lines) with their parameters (the `// $name = json` lines after each).
func goldenStatements(t *testing.T, src string) []goldenStatement {
	var out []goldenStatement
	var cur []string
	params := map[string]any{}
	flush := func() {
		if len(cur) > 0 {
			out = append(out, goldenStatement{cypher: strings.Join(cur, "\n"), params: params})
		}
		cur, params = nil, map[string]any{}
	}
	for _, line := range strings.Split(src, "\n") {
		switch {
		case strings.HasPrefix(line, "// $"):
			name, val, ok := strings.Cut(strings.TrimPrefix(line, "// $"), " = ")
			if !ok {
				t.Fatalf("parameter line %q", line)
			}
			var v any
			if err := json.Unmarshal([]byte(val), &v); err != nil {
				t.Fatalf("parameter line %q: %v", line, err)
			}
			if f, ok := v.(float64); ok && f == float64(int64(f)) {
				v = int64(f)
			}
			params[name] = v
		case strings.HasPrefix(line, "//"), strings.TrimSpace(line) == "":
			if len(cur) > 0 && strings.HasPrefix(line, "// root") {
				flush()
			}
		default:
			if len(cur) > 0 && len(params) > 0 {
				flush()
			}
			cur = append(cur, line)
		}
	}
	flush()
	return out
}
