package graph_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/validator/rules"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/hubtest"
)

// The queries of docs/datasets.md ("In GraphQL") validate against the schema and, over the
// shipped dataset, run without errors.
func TestDatasetsDocQueries(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "datasets.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```graphql\n(.*?)```").FindAllSubmatch(doc, -1)
	if len(blocks) < 5 {
		t.Fatalf("docs/datasets.md shows %d GraphQL queries, want at least 5", len(blocks))
	}
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	for _, b := range blocks {
		if _, errs := gqlparser.LoadQueryWithRules(schema, string(b[1]), rules.NewDefaultRules()); errs != nil {
			t.Errorf("%s: %v", b[1], errs)
		}
	}
	if testing.Short() {
		return
	}
	h, _, _ := hubtest.Handler(t)
	for _, b := range blocks {
		if res := postGQL(t, h, string(b[1]), nil); len(res.Errors) > 0 || len(res.Data) == 0 {
			t.Errorf("%s: %+v", b[1], res.Errors)
		}
	}
}
