package graph_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/reformhub/hub/internal/hubtest"
)

// The conformance suite: every graph/testdata/conformance/NN-name.graphql is posted to the hub
// over the shipped dataset, and the whole response (data and errors) is compared with
// NN-name.json. Regenerate the golden answers after a change to the data or the API with
//
//	HUB_UPDATE_GOLDEN=1 make test        (or: go test ./graph -run TestConformance -update)
//
// and review the diff of graph/testdata before committing it.
var update = flag.Bool("update", os.Getenv("HUB_UPDATE_GOLDEN") == "1",
	"rewrite the golden answers of the conformance suite (also HUB_UPDATE_GOLDEN=1)")

func TestConformance(t *testing.T) {
	files := queryFiles(t, "conformance")
	if len(files) < 40 {
		t.Errorf("the conformance suite has %d queries; it should keep at least 40", len(files))
	}
	runGolden(t, files)
}

// TestCookbook runs the analyst cookbook of docs/cookbook.md (graph/testdata/cookbook)
// against its golden answers, like the conformance suite; every answer must be free of errors.
func TestCookbook(t *testing.T) {
	files := queryFiles(t, "cookbook")
	if len(files) < 10 {
		t.Errorf("the cookbook has %d questions; it should keep at least 10", len(files))
	}
	runGolden(t, files)
	for _, f := range files {
		golden, err := os.ReadFile(strings.TrimSuffix(f, ".graphql") + ".json")
		if err != nil {
			continue // reported by runGolden
		}
		var resp struct{ Errors []any }
		if err := json.Unmarshal(golden, &resp); err != nil || len(resp.Errors) > 0 {
			t.Errorf("%s: a cookbook answer must not be an error: %s", f, golden)
		}
	}
}

// TestCookbookIsInTheDocs checks that docs/cookbook.md shows every cookbook query verbatim,
// with its question, so the cookbook cannot drift from what the tests run.
func TestCookbookIsInTheDocs(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "cookbook.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range queryFiles(t, "cookbook") {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		question, query, _ := strings.Cut(string(b), "\n")
		if !strings.Contains(string(doc), strings.TrimPrefix(question, "# ")) ||
			!strings.Contains(string(doc), "```graphql\n"+query+"```") {
			t.Errorf("docs/cookbook.md does not show %s verbatim (question and query)", f)
		}
	}
}

func queryFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// runGolden posts each query file to the hub over the shipped dataset and compares the whole
// response with the golden file next to it (rewriting it with -update).
func runGolden(t *testing.T, files []string) {
	h, _, _ := hubtest.Handler(t)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".graphql")
		t.Run(name, func(t *testing.T) {
			query, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := postRaw(t, h, string(query))
			golden := strings.TrimSuffix(f, ".graphql") + ".json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update or HUB_UPDATE_GOLDEN=1 to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s: response differs from %s (-want +got):\n%s", name, golden, diff)
			}
		})
	}
}

// postRaw posts query and returns the response as indented JSON (keys in the server's order).
func postRaw(t *testing.T, h http.Handler, query string) []byte {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Request-Id", "conformance") // errors carry it: fixed, so goldens are stable
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out bytes.Buffer
	if err := json.Indent(&out, withoutStatements(t, rec.Body.Bytes()), "", "  "); err != nil {
		t.Fatalf("response is not JSON: %v\n%s", err, rec.Body.String())
	}
	out.WriteByte('\n')
	return out.Bytes()
}

// withoutStatements drops extensions.statements (dev mode's count of Cypher statements) and
// extensions.dataVersion from a response: the one depends on how the hub executes a query, the
// other on how often the test database was loaded, not on the answer, so goldens leave them
// out. The rest keeps the server's key order (that of graphql.Response).
func withoutStatements(t *testing.T, body []byte) []byte {
	t.Helper()
	var r struct {
		Errors     json.RawMessage            `json:"errors,omitempty"`
		Data       json.RawMessage            `json:"data"`
		Extensions map[string]json.RawMessage `json:"extensions,omitempty"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("response is not JSON: %v\n%s", err, body)
	}
	_, statements := r.Extensions["statements"]
	_, version := r.Extensions["dataVersion"]
	if !statements && !version {
		return body
	}
	delete(r.Extensions, "statements")
	delete(r.Extensions, "dataVersion")
	out, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
