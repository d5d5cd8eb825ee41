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
	h, _, _ := hubtest.Handler(t)
	files, err := filepath.Glob(filepath.Join("testdata", "conformance", "*.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 40 {
		t.Errorf("the conformance suite has %d queries; it should keep at least 40", len(files))
	}
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
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out bytes.Buffer
	if err := json.Indent(&out, rec.Body.Bytes(), "", "  "); err != nil {
		t.Fatalf("response is not JSON: %v\n%s", err, rec.Body.String())
	}
	out.WriteByte('\n')
	return out.Bytes()
}
