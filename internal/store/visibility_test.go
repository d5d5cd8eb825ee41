package store

import (
	"regexp"
	"strings"
	"testing"

	hubconfig "github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/dataversion"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// A filtered statement carries only the visibility parameters it names: an entity's pattern
// needs the map of visible documents, a root list of documents the list, neither the datasets.
func TestFilteredStatementsCarryOnlyTheVisibilityTheyName(t *testing.T) {
	v := (&visibility{docs: []string{"doc/a", "doc/b"}, datasets: map[string]bool{"ds": true}}).params()
	for _, tc := range []struct {
		name       string
		root       *plan.Root
		sent, kept string // parameters that must be sent, and must not
	}{
		{"entity", &plan.Root{Kind: plan.RootEntity, ID: "task/a", Node: &plan.Selection{}}, "vism", "vis"},
		{"documents", &plan.Root{Kind: plan.RootDocuments, Parents: []string{"doc/a"}, Node: &plan.Selection{}}, "vis", "vism"},
		{"list", &plan.Root{Kind: plan.RootList, Type: reform.TypeTask, Node: &plan.Selection{}}, "vism", "vis"},
	} {
		cypher, p, err := compileRoot(tc.root, newLimits(hubconfig.Limits{}), dataversion.Version{}, v)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if _, ok := p.m[tc.sent]; !ok || !strings.Contains(cypher, "$"+tc.sent) {
			t.Errorf("%s: $%s not sent or not named:\n%s", tc.name, tc.sent, cypher)
		}
		if _, ok := p.m[tc.kept]; ok {
			t.Errorf("%s: $%s sent but not named:\n%s", tc.name, tc.kept, cypher)
		}
		for k := range p.m {
			if strings.HasPrefix(k, "vis") && !regexp.MustCompile(`\$`+k+`\b`).MatchString(cypher) {
				t.Errorf("%s: $%s sent but not named", tc.name, k)
			}
		}
	}
}

// In filtered mode a filter reads an entity's visible assertions once, whatever the number of
// properties it compares (a COLLECT subquery per reference made statements Neo4j took tens of
// seconds to plan), each nested entity of its own; an id filter stays outside, seekable.
func TestFilteredFilterReadsAssertionsOncePerEntity(t *testing.T) {
	v := (&visibility{docs: []string{"doc/a"}, datasets: map[string]bool{}}).params()
	where := map[string]any{
		"id":          map[string]any{"eq": "department/a"},
		"name":        map[string]any{"contains": "局", "eq": nil},
		"nameEn":      map[string]any{"endsWith": "x"},
		"description": map[string]any{"startsWith": "y"},
		"NOT":         map[string]any{"note": map[string]any{"eq": "z"}},
		"policies":    map[string]any{"single": map[string]any{"name": map[string]any{"contains": "a"}, "title": map[string]any{"eq": nil}}},
	}
	root := &plan.Root{Kind: plan.RootList, Type: reform.TypeDepartment, List: plan.ListQuery{Where: where}, Node: &plan.Selection{}}
	cypher, _, err := compileRoot(root, newLimits(hubconfig.Limits{}), dataversion.Version{}, v)
	if err != nil {
		t.Fatal(err)
	}
	_, filter, _ := strings.Cut(cypher, ") WHERE ")
	filter, _, _ = strings.Cut(filter, " WITH n ORDER BY ")
	if n := strings.Count(filter, "MATCH (vis_a:Assertion {_key: "); n != 2 {
		t.Errorf("the filter reads assertions %d times, want twice (n, and the policy): %s", n, filter)
	}
	if n := strings.Count(filter, "Assertion"); n != 2 {
		t.Errorf("the filter names Assertion %d times, want 2: %s", n, filter)
	}
	for _, want := range []string{"EXISTS { UNWIND [CASE WHEN (n.datasets)[1] IS NOT NULL THEN COLLECT {", "] AS vis_n WITH * WHERE ",
		"head([vis_r IN vis_n WHERE vis_r.name IS NOT NULL | vis_r.name])", "AS vis_n1 WITH * WHERE "} {
		if !strings.Contains(filter, want) {
			t.Errorf("the filter lacks %q: %s", want, filter)
		}
	}
	if !strings.HasPrefix(filter, "(n.id = $p") {
		t.Errorf("the id filter is not outside the assertions' subquery: %s", filter)
	}
}

// A filtered filter of plain properties reads, for an entity of one dataset, its own
// properties with no subquery (ownPropsFilter), and the visible assertions only for an
// entity of several; a filter with a subquery (a relationship filter) is not written twice.
func TestFilteredFilterOfOneDatasetReadsItsOwnProperties(t *testing.T) {
	v := (&visibility{docs: []string{"doc/a"}, datasets: map[string]bool{}}).params()
	compile := func(typ reform.EntityType, where map[string]any) string {
		t.Helper()
		root := &plan.Root{Kind: plan.RootList, Type: typ, List: plan.ListQuery{Where: where}, Node: &plan.Selection{}}
		cypher, _, err := compileRoot(root, newLimits(hubconfig.Limits{}), dataversion.Version{}, v)
		if err != nil {
			t.Fatal(err)
		}
		_, filter, _ := strings.Cut(cypher, ") WHERE ")
		filter, _, _ = strings.Cut(filter, " WITH n ORDER BY ")
		return filter
	}
	filter := compile(reform.TypeTask, map[string]any{"OR": []any{
		map[string]any{"status": map[string]any{"in": []any{"IN_PROGRESS", "COMPLETED"}}},
		map[string]any{"year": map[string]any{"gte": int64(2021)}}}})
	own := "CASE WHEN (n.datasets)[1] IS NULL THEN coalesce((n.status IN $p0 OR n.year >= $p1), false) ELSE EXISTS { UNWIND ["
	if !strings.HasPrefix(filter, own) || !strings.HasSuffix(filter, " } END") ||
		!strings.Contains(filter, "] AS vis_n WITH * WHERE (CASE WHEN (n.datasets)[1] IS NOT NULL THEN head([vis_r IN vis_n WHERE vis_r.status IS NOT NULL | vis_r.status]) ELSE n.status END IN $p0") {
		t.Errorf("a filter of plain properties:\n%s\nwant it to start %s", filter, own)
	}
	// A relationship filter: the root's filter stays one EXISTS; the related policy's own
	// filter of plain properties gets the form inside it.
	filter = compile(reform.TypeDepartment, map[string]any{"name": map[string]any{"contains": "局"},
		"policies": map[string]any{"some": map[string]any{"name": map[string]any{"contains": "a"}}}})
	if !strings.HasPrefix(filter, "EXISTS { UNWIND [") || strings.Count(filter, "CASE WHEN (n.datasets)[1] IS NULL") != 0 ||
		strings.Count(filter, "CASE WHEN (n1.datasets)[1] IS NULL THEN coalesce(n1.name CONTAINS $p1, false) ELSE EXISTS") != 1 {
		t.Errorf("a relationship filter:\n%s", filter)
	}
	// A filter that reads vis_v other than through its properties is left as it is.
	if _, ok := ownPropsFilter("n", "size(vis_n) > 1", nil); ok {
		t.Error("a filter reading vis_n itself was rewritten")
	}
	if got, ok := ownPropsFilter("n", fromAssertions("n", "vis_n", "name")+" = $p0", []string{"name"}); !ok || got != "n.name = $p0" {
		t.Errorf("ownPropsFilter: %q, %v", got, ok)
	}
}
