package graph_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/hubtest"
)

// TestReadmeExamplesRun posts the README's examples to the hub over the shipped dataset: every
// GraphQL block, and the JSON body of every curl to /graphql. Each must answer with data and
// without errors, so the front door's first query keeps working.
func TestReadmeExamplesRun(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var bodies []string
	for _, m := range regexp.MustCompile("(?s)```graphql\n(.*?)```").FindAllStringSubmatch(string(readme), -1) {
		b, _ := json.Marshal(map[string]string{"query": m[1]})
		bodies = append(bodies, string(b))
	}
	graphql := len(bodies)
	for _, m := range regexp.MustCompile(`(?s)curl [^\n]*/graphql.*?-d '([^']*)'`).FindAllStringSubmatch(string(readme), -1) {
		bodies = append(bodies, m[1])
	}
	if graphql == 0 || len(bodies) == graphql {
		t.Fatalf("README.md shows %d GraphQL blocks and %d curl bodies; it should show both", graphql, len(bodies)-graphql)
	}
	h, _, _ := hubtest.Handler(t)
	for _, body := range bodies {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var resp struct {
			Data   map[string]json.RawMessage
			Errors []any
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || rec.Code != http.StatusOK ||
			len(resp.Errors) > 0 || len(resp.Data) == 0 {
			t.Errorf("README example %s: status %d, %s", body, rec.Code, rec.Body.Bytes())
			continue
		}
		for field, v := range resp.Data {
			if bytes.Equal(v, []byte("null")) || bytes.Equal(v, []byte("[]")) {
				t.Errorf("README example %s: %s is empty", body, field)
			}
		}
	}
}
