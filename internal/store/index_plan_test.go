package store

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/dataversion"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// The range indexes follow the compiler's allowlist of sort and filter fields: every field a
// where or a sort of a type may name has one (but the id, whose uniqueness constraint is one,
// and the free text), named <label>_<field> in lower case, created IF NOT EXISTS.
func TestFieldIndexes(t *testing.T) {
	names := map[string]bool{}
	byLabel := map[string][]string{}
	for _, ix := range fieldIndexes() {
		if _, ok := filterField(reform.EntityType(ix.label), ix.prop); !ok {
			t.Errorf("%s: %s.%s is not a filter field", ix.name, ix.label, ix.prop)
		}
		if ix.name != strings.ToLower(ix.label+"_"+ix.prop) || names[ix.name] {
			t.Errorf("index name %q: want %s_%s in lower case, once", ix.name, ix.label, ix.prop)
		}
		names[ix.name] = true
		byLabel[ix.label] = append(byLabel[ix.label], ix.prop)
	}
	for _, tc := range []struct {
		t    reform.EntityType
		want []string
	}{
		{reform.TypeTask, []string{"name", "nameEn", "area", "year", "status", "planned", "completed"}},
		{reform.TypeDocument, []string{"name", "nameEn", "language", "paragraphs", "title", "publisher", "date", "year"}},
		{reform.TypeLeader, []string{"name", "nameEn", "role", "headcount"}},
	} {
		if got := byLabel[string(tc.t)]; !slices.Equal(got, tc.want) {
			t.Errorf("%s: indexes on %v, want %v", tc.t, got, tc.want)
		}
	}
	// Every type-specific field of every type is indexed (none is free text).
	for _, typ := range reform.EntityTypes {
		for _, f := range reform.TypeFields(typ) {
			if !slices.Contains(byLabel[string(typ)], f.Name) {
				t.Errorf("%s.%s has no range index", typ, f.Name)
			}
		}
	}
	stmts := strings.Join(schemaStatements(), "\n")
	for _, want := range []string{
		"CREATE RANGE INDEX task_year IF NOT EXISTS FOR (n:Task) ON (n.year)",
		"CREATE RANGE INDEX outcome_valuebefore IF NOT EXISTS FOR (n:Outcome) ON (n.valueBefore)",
	} {
		if !strings.Contains(stmts, want) {
			t.Errorf("no statement %q", want)
		}
	}
	for _, s := range schemaStatements() {
		if !strings.Contains(s, " IF NOT EXISTS ") {
			t.Errorf("%q is not idempotent", s)
		}
	}
}

func TestOrderTermsLeaveOutRepeatedKeys(t *testing.T) {
	for _, tc := range []struct {
		sort []plan.SortKey
		want string
	}{
		{nil, " ORDER BY n.id ASC"},
		{[]plan.SortKey{{Field: "id", Dir: "ASC"}}, " ORDER BY n.id ASC"},
		{[]plan.SortKey{{Field: "id", Dir: "DESC"}}, " ORDER BY n.id DESC"},
		{[]plan.SortKey{{Field: "year", Dir: "DESC"}, {Field: "name", Dir: "ASC"}, {Field: "id", Dir: "ASC"}},
			" ORDER BY n.year DESC, n.name ASC, n.id ASC"},
		{[]plan.SortKey{{Field: "name", Dir: "ASC"}, {Field: "name", Dir: "DESC"}}, " ORDER BY n.name ASC, n.id ASC"},
		{[]plan.SortKey{{Field: "id", Dir: "DESC"}, {Field: "year", Dir: "ASC"}}, " ORDER BY n.id DESC, n.year ASC"},
	} {
		got, err := orderBy(newParams(), reform.TypeTask, "n", tc.sort)
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("%v: got %q, want %q", tc.sort, got, tc.want)
		}
	}
	// A repeated key is still checked.
	if _, err := orderBy(newParams(), reform.TypeTask, "n", []plan.SortKey{{Field: "name", Dir: "ASC"}, {Field: "name", Dir: "UP"}}); err == nil {
		t.Error("a repeated key with a bad direction was accepted")
	}
}

// The hint is given exactly where the leading sort key is a property every entity has, read
// bare, of a type label, outside pending mode.
func TestIndexOrderHint(t *testing.T) {
	vis := func() *params {
		p := newParams()
		p.filter((&visibility{docs: []string{"doc/a"}, datasets: map[string]bool{}}).params())
		return p
	}
	key := func(f, dir string) []plan.SortKey {
		return []plan.SortKey{{Field: f, Dir: dir}, {Field: "year", Dir: "ASC"}}
	}
	for _, tc := range []struct {
		name string
		p    *params
		t    reform.EntityType
		sort []plan.SortKey
		want string
	}{
		{"no sort: by id", newParams(), reform.TypeTask, nil, "n.id IS NOT NULL"},
		{"id desc", newParams(), reform.TypeTask, key("id", "DESC"), "n.id IS NOT NULL"},
		{"name", newParams(), reform.TypeDocument, key("name", "ASC"), "n.name IS NOT NULL"},
		{"nullable leading key", newParams(), reform.TypeTask, key("year", "DESC"), ""},
		{"enum leading key", newParams(), reform.TypeTask, key("status", "ASC"), ""},
		{"id second", newParams(), reform.TypeTask, []plan.SortKey{{Field: "nameEn", Dir: "ASC"}, {Field: "id", Dir: "ASC"}}, ""},
		{"every type", newParams(), "", nil, ""},
		{"filtered: id", vis(), reform.TypeTask, nil, "n.id IS NOT NULL"},
		{"filtered: name is the caller's merge", vis(), reform.TypeTask, key("name", "ASC"), ""},
		{"pending", newParamsAt(3, true), reform.TypeTask, nil, ""},
	} {
		if got := indexOrderHint(tc.p, tc.t, "n", tc.sort, "n.year = $p0"); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := indexOrderHint(newParams(), reform.TypeTask, "n", nil, "EXISTS { MATCH (n)-[:LEADS]-(m) }"); got != "" {
		t.Errorf("a filter with a subquery: got %q, want none", got)
	}
	// In a statement: a root list and a root connection's edges, not its count.
	limit := 5
	cypher, _, err := CompileAt(&plan.Root{Kind: plan.RootConnection, Type: reform.TypeTask,
		Conn: &plan.RelSelection{Kind: plan.RelConnection, First: &limit, Edges: true, TotalCount: true,
			Sort: []plan.SortKey{{Field: "name", Dir: "DESC"}}}}, dataversion.Version{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(cypher, "COLLECT { MATCH (n:Task) WHERE n.name IS NOT NULL WITH DISTINCT n ORDER BY n.name DESC, n.id ASC") ||
		!strings.Contains(cypher, "COUNT { MATCH (n:Task) }") {
		t.Errorf("root connection: %s", cypher)
	}
}

// docs/data.md lists every constraint and index the schema statements create, and the range
// indexes of each label exactly.
func TestDocsListTheIndexes(t *testing.T) {
	raw, err := os.ReadFile("../../docs/data.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	for _, st := range schemaStatements() {
		f := strings.Fields(st)
		name := f[slices.Index(f, "IF")-1]
		if strings.HasPrefix(name, "rel_") {
			continue // listed as rel_<type>_until
		}
		if !strings.Contains(doc, "`"+name+"`") {
			t.Errorf("docs/data.md does not list %s", name)
		}
	}
	rows := map[string]string{}
	for _, line := range strings.Split(doc, "\n") {
		cells := strings.Split(strings.TrimSpace(line), "|")
		if len(cells) == 4 && reform.EntityType(strings.TrimSpace(cells[1])).Valid() {
			rows[strings.TrimSpace(cells[1])] = strings.TrimSpace(cells[2])
		}
	}
	want := map[string][]string{}
	for _, ix := range fieldIndexes() {
		want[ix.label] = append(want[ix.label], "`"+ix.name+"`")
	}
	for _, typ := range reform.EntityTypes {
		if got, w := rows[string(typ)], strings.Join(want[string(typ)], ", "); got != w {
			t.Errorf("docs/data.md, range indexes of %s: %q, want %q", typ, got, w)
		}
	}
}

// A root connection's node aggregate that asks only for min and max, with no filter, reads
// each end from the field's range index (ORDER BY … LIMIT 1), the other aggregates null; any
// other aggregate, a filter, filtered or pending mode, a string field or a selection without
// the aggregates listed keeps min() and max() over every entity.
func TestIndexEnds(t *testing.T) {
	root := func(where map[string]any, fields []string, fns map[string][]string) *plan.Root {
		return &plan.Root{Kind: plan.RootConnection, Type: reform.TypeTask, Conn: &plan.RelSelection{
			Kind: plan.RelConnection, TotalCount: true, Where: where, Aggregates: []*plan.AggregateSelection{
				{Key: "aggregate", Count: true, Node: true, NodeFields: fields, NodeAggregates: fns}}}}
	}
	minYear := "head(COLLECT { MATCH (n:Task) WHERE n.year IS NOT NULL RETURN n.year AS v ORDER BY v ASC LIMIT 1 })"
	maxYear := "head(COLLECT { MATCH (n:Task) WHERE n.year IS NOT NULL RETURN n.year AS v ORDER BY v DESC LIMIT 1 })"
	maxPlanned := "head(COLLECT { MATCH (n:Task) WHERE n.planned IS NOT NULL RETURN n.planned AS v ORDER BY v DESC LIMIT 1 })"
	for _, tc := range []struct {
		name string
		root *plan.Root
		vis  bool
		want []string // substrings of the statement; nil: the full aggregate
	}{
		{"min and max", root(nil, []string{"year"}, map[string][]string{"year": {"min", "max"}}), false,
			[]string{"[[" + minYear + ", " + maxYear + ", null, null]]"}},
		{"min alone", root(nil, []string{"year"}, map[string][]string{"year": {"min"}}), false,
			[]string{"[[" + minYear + ", null, null, null]]"}},
		{"two fields", root(nil, []string{"year", "planned"}, map[string][]string{"year": {"max", "min"}, "planned": {"max"}}), false,
			[]string{"[[" + minYear + ", " + maxYear + ", null, null], [null, " + maxPlanned + ", null, null]]"}},
		{"an average too", root(nil, []string{"year"}, map[string][]string{"year": {"min", "average"}}), false, nil},
		{"a sum on another field", root(nil, []string{"year", "planned"}, map[string][]string{"year": {"min"}, "planned": {"sum"}}), false, nil},
		{"aggregates not listed", root(nil, []string{"year"}, nil), false, nil},
		{"a field not listed", root(nil, []string{"year", "planned"}, map[string][]string{"year": {"min"}}), false, nil},
		{"a string field", root(nil, []string{"name"}, map[string][]string{"name": {"shortest"}}), false, nil},
		{"a filter", root(map[string]any{"status": map[string]any{"eq": "COMPLETED"}}, []string{"year"},
			map[string][]string{"year": {"min", "max"}}), false, nil},
		{"filtered mode", root(nil, []string{"year"}, map[string][]string{"year": {"min", "max"}}), true, nil},
	} {
		var (
			cypher string
			err    error
		)
		if tc.vis {
			cypher, _, err = CompileVisibleForTest(tc.root, []string{"doc/a"})
		} else {
			cypher, _, err = CompileAt(tc.root, dataversion.Version{})
		}
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		full := strings.Contains(cypher, "WITH DISTINCT n")
		if tc.want == nil {
			if !full || strings.Contains(cypher, "LIMIT 1") {
				t.Errorf("%s: want the aggregate over every task, got %s", tc.name, cypher)
			}
			continue
		}
		if full {
			t.Errorf("%s: an aggregate over every task: %s", tc.name, cypher)
		}
		for _, w := range tc.want {
			if !strings.Contains(cypher, w) {
				t.Errorf("%s: no %s in %s", tc.name, w, cypher)
			}
		}
	}
	// Pending mode (a sync staged): the versions decide what is a task, not the index.
	cypher, _, err := CompileAt(root(nil, []string{"year"}, map[string][]string{"year": {"min", "max"}}), dataversion.Version{N: 3, Pending: 4})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(cypher, "LIMIT 1") {
		t.Errorf("pending mode read an end from the index: %s", cypher)
	}
}
