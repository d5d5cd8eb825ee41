package differential

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A miniature of the two schemas: what they share, and what each has alone (the hub's
// stats, sources, parent as a relationship filter, String id filters; v7's note filter,
// parent as a plain where, ID id filters, deprecated 6.x names, entities).
const miniHub = `
type Query {
  tasks(where: TaskWhere, sort: [TaskSort!], limit: Int, offset: Int): [Task!]!
  tasksConnection(where: TaskWhere, sort: [TaskSort!], first: Int, after: String): TasksConnection!
  entity(id: ID!): Entity
  stats: Int
}
interface Entity { id: ID! name: String! }
type Task implements Entity {
  id: ID! name: String! year: Int note: String sources: [String!]!
  parent: Task
  subtasks(where: TaskWhere, sort: [TaskSort!], limit: Int, offset: Int): [Task!]!
}
input TaskWhere {
  AND: [TaskWhere!] OR: [TaskWhere!] NOT: TaskWhere
  id: IDScalarFilters name: StringScalarFilters year: IntScalarFilters
  parent: TaskRelationshipFilters subtasks: TaskRelationshipFilters subtasksAggregate: TaskAggregateFilters
}
input TaskRelationshipFilters { some: TaskWhere none: TaskWhere all: TaskWhere single: TaskWhere }
input TaskAggregateFilters { AND: [TaskAggregateFilters!] OR: [TaskAggregateFilters!] NOT: TaskAggregateFilters count: IntScalarFilters }
input TaskSort { id: SortDirection name: SortDirection year: SortDirection }
enum SortDirection { ASC DESC }
input IDScalarFilters { eq: ID in: [ID!] contains: String }
input StringScalarFilters { eq: String in: [String!] contains: String startsWith: String endsWith: String }
input IntScalarFilters { eq: Int in: [Int!] lt: Int lte: Int gt: Int gte: Int }
type TasksConnection { edges: [TaskEdge!]! totalCount: Int! pageInfo: PageInfo! }
type TaskEdge { cursor: String! node: Task! }
type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
`

const miniLib = `
type Query {
  tasks(where: TaskWhere, limit: Int, offset: Int, sort: [TaskSort!]): [Task!]!
  tasksConnection(first: Int, after: String, where: TaskWhere, sort: [TaskSort!]): TasksConnection!
  entity(id: ID!): Entity
  entities(where: TaskWhere): [Entity!]!
}
interface Entity { id: ID! name: String! }
type Task implements Entity {
  id: ID! name: String! year: Int note: String
  parent: Task
  subtasks(where: TaskWhere, limit: Int, offset: Int, sort: [TaskSort!]): [Task!]!
}
input TaskWhere {
  AND: [TaskWhere!] OR: [TaskWhere!] NOT: TaskWhere
  id: IDScalarFilters name: StringScalarFilters year: IntScalarFilters note: StringScalarFilters
  name_EQ: String @deprecated(reason: "use name: {eq: …}")
  parent: TaskWhere subtasks: TaskRelationshipFilters
  subtasksAggregate: TaskSubtasksAggregateInput @deprecated(reason: "moved inside subtasksConnection")
}
input TaskRelationshipFilters { all: TaskWhere none: TaskWhere single: TaskWhere some: TaskWhere }
input TaskSubtasksAggregateInput { AND: [TaskSubtasksAggregateInput!] OR: [TaskSubtasksAggregateInput!] NOT: TaskSubtasksAggregateInput count: IntScalarFilters }
input TaskSort { id: SortDirection name: SortDirection year: SortDirection note: SortDirection }
enum SortDirection { ASC DESC }
input IDScalarFilters { eq: ID in: [ID!] contains: ID }
input StringScalarFilters { eq: String in: [String!] contains: String startsWith: String endsWith: String }
input IntScalarFilters { eq: Int gt: Int gte: Int in: [Int!] lt: Int lte: Int }
type TasksConnection { edges: [TaskEdge!]! totalCount: Int! pageInfo: PageInfo! }
type TaskEdge { cursor: String! node: Task! }
type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
`

func miniData() *Data {
	return &Data{
		values: map[string]map[string][]any{"Task": {
			"id": {"task/a", "task/b", "task/c"}, "name": {"改革任务", "营商环境"},
			"year": {2020.0, 2021.0}, "note": {"备注"},
		}},
		ids:   map[string][]string{"Task": {"task/a", "task/b", "task/c"}},
		types: []string{"Task"},
	}
}

func draw(t *testing.T, s *Schemas, d *Data, seed uint64, opt Options, n int) []*Query {
	t.Helper()
	g, err := NewGen(s, d, seed, opt)
	if err != nil {
		t.Fatal(err)
	}
	var qs []*Query
	for range n {
		qs = append(qs, g.Query())
	}
	return qs
}

func TestGeneratedQueriesValidInBoth(t *testing.T) {
	s, err := LoadSchemas(miniHub, miniLib)
	if err != nil {
		t.Fatal(err)
	}
	qs := draw(t, s, miniData(), 1, Options{}, 400)
	seen := map[string]bool{}
	for _, q := range qs {
		if hubErr, libErr := s.Validate(q.Text); hubErr != nil || libErr != nil {
			t.Fatalf("%s\nhub: %v\nlibrary: %v", q.Text, hubErr, libErr)
		}
		for _, hubOrLibOnly := range []string{"stats", "sources", "entities", "note: {", "name_EQ", "parent: {"} {
			if strings.Contains(q.Text, hubOrLibOnly) {
				t.Errorf("%q is not in both schemas (as used): %s", hubOrLibOnly, q.Text)
			}
		}
		for _, form := range []string{"subtasks: {", "subtasksAggregate", "tasksConnection", "entity(", "NOT:", "sort:"} {
			if strings.Contains(q.Text, form) {
				seen[form] = true
			}
		}
		if len(q.Forms) > 0 {
			t.Errorf("no form is switched on, yet the query uses %v", q.Forms)
		}
	}
	for _, form := range []string{"subtasks: {", "subtasksAggregate", "tasksConnection", "entity(", "NOT:", "sort:"} {
		if !seen[form] {
			t.Errorf("no query of %d uses %s", len(qs), form)
		}
	}
	// The same seed draws the same queries.
	again := draw(t, s, miniData(), 1, Options{}, 400)
	for i := range qs {
		if qs[i].Text != again[i].Text {
			t.Fatalf("seed 1 drew %s, then %s", qs[i].Text, again[i].Text)
		}
	}
}

// TestForms: a switched-on v7 form is drawn from the library's schema alone; the query says so,
// and the hub's schema refuses it.
func TestForms(t *testing.T) {
	s, err := LoadSchemas(miniHub, miniLib)
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Forms: map[Form]bool{FormParentWhere: true, FormAliasesNote: true, FormSortFields: true}}
	used := map[Form]int{}
	for _, q := range draw(t, s, miniData(), 2, opt, 400) {
		hubErr, libErr := s.Validate(q.Text)
		if libErr != nil {
			t.Fatalf("the library's schema refuses %s: %v", q.Text, libErr)
		}
		if (hubErr != nil) != (len(q.Forms) > 0) {
			t.Errorf("forms %v, hub's schema says %v: %s", q.Forms, hubErr, q.Text)
		}
		for _, f := range q.Forms {
			used[f]++
		}
	}
	for _, f := range []Form{FormParentWhere, FormAliasesNote, FormSortFields} {
		if used[f] == 0 {
			t.Errorf("form %s switched on but never drawn", f)
		}
	}
}

// TestAvoid: with Avoid, no field of any query uses a form of the divergence table.
func TestAvoid(t *testing.T) {
	s, err := LoadSchemas(miniHub, miniLib)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range draw(t, s, miniData(), 3, Options{Avoid: true}, 300) {
		if q.Shape.tagged() {
			t.Fatalf("a tagged query with Avoid: %s", q.Text)
		}
		for _, form := range []string{"limit: 0", "first: 0", "{}", "[]"} {
			// Not one of these forms: each is a divergence or a pending bug.
			if strings.Contains(q.Text, form) {
				t.Errorf("%q with Avoid: %s", form, q.Text)
			}
		}
	}
}

// TestRealSchemas draws from the hub's published schema (docs/schema.graphql) and the library's
// generated one (node server.mjs --print-schema; skipped without Node.js and the library
// installed by npm ci in bench/neo4j-graphql).
func TestRealSchemas(t *testing.T) {
	hubSDL, err := os.ReadFile(filepath.Join("..", "..", "docs", "schema.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "neo4j-graphql")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@neo4j", "graphql")); err != nil {
		t.Skip("the library is not installed (npm ci in bench/neo4j-graphql)")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node")
	}
	cmd := exec.Command(node, "server.mjs", "--print-schema")
	cmd.Dir = dir
	libSDL, err := cmd.Output()
	if err != nil {
		t.Fatalf("node server.mjs --print-schema: %v", err)
	}
	s, err := LoadSchemas(string(hubSDL), string(libSDL))
	if err != nil {
		t.Fatal(err)
	}
	d := &Data{values: map[string]map[string][]any{}, ids: map[string][]string{}}
	for _, typ := range []string{"Leader", "Department", "Task", "Policy", "PilotProgram", "Outcome", "Document"} {
		id := strings.ToLower(typ) + "/x"
		d.types = append(d.types, typ)
		d.ids[typ] = []string{id}
		d.values[typ] = map[string][]any{"id": {id}, "name": {"名称"}, "year": {2021.0}}
	}
	forms := map[Form]bool{}
	for _, f := range Forms {
		forms[f] = true
	}
	for _, opt := range []Options{{}, {Forms: forms}} {
		for _, q := range draw(t, s, d, 4, opt, 300) {
			hubErr, libErr := s.Validate(q.Text)
			if libErr != nil {
				t.Fatalf("the library's schema refuses %s: %v", q.Text, libErr)
			}
			if hubErr != nil && len(q.Forms) == 0 {
				t.Fatalf("the hub's schema refuses %s: %v", q.Text, hubErr)
			}
		}
		// (A switched-on form the hub has meanwhile is drawn from both schemas: not marked.)
	}
	// What only one side offers includes the hub's beyond-v7 forms.
	diff := strings.Join(s.SchemaDiff(), "\n")
	for _, want := range []string{"hub only field groupBy", "hub only field stats"} {
		if !strings.Contains(diff, want) {
			t.Errorf("the schema diff lacks %q:\n%s", want, diff)
		}
	}
	if slices.Contains(s.SchemaDiff(), "") {
		t.Error("an empty line in the schema diff")
	}
}
