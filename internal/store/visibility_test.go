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
