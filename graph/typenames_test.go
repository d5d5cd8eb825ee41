package graph_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/reform"
)

func hubSchema() *ast.Schema {
	return graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{}}).Schema()
}

func enumValues(t *testing.T, s *ast.Schema, name string) []string {
	t.Helper()
	def := s.Types[name]
	if def == nil || def.Kind != ast.Enum {
		t.Fatalf("%s is no enum", name)
	}
	var out []string
	for _, v := range def.EnumValues {
		out = append(out, v.Name)
	}
	return out
}

// The EntityType and RelationshipType enums are reform's fixed lists, in their order: the
// values the answers hold (reform's names) are values of the enums.
func TestTypeNameEnumsAreReformsLists(t *testing.T) {
	s := hubSchema()
	var ets, rts []string
	for _, et := range reform.EntityTypes {
		ets = append(ets, string(et))
	}
	for _, rt := range reform.RelTypes {
		rts = append(rts, string(rt))
	}
	if got := enumValues(t, s, "EntityType"); !slices.Equal(got, ets) {
		t.Errorf("EntityType %v, reform %v", got, ets)
	}
	if got := enumValues(t, s, "RelationshipType"); !slices.Equal(got, rts) {
		t.Errorf("RelationshipType %v, reform %v", got, rts)
	}
}

// Every output field that carries a type name has an enum type; Change.type, which holds an
// entity type or a relationship type, stays text beside its two typed twins. The arguments
// that take relationship type names keep taking strings, so queries written with the string
// literals (`relationshipTypes: ["RUNS"]`) stay valid.
func TestTypeNamesAreEnums(t *testing.T) {
	s := hubSchema()
	want := map[string]string{
		"TypeCount.type":                       "EntityType!",
		"RelationshipTypeCount.type":           "RelationshipType!",
		"Stats.entityCounts":                   "[TypeCount!]!",
		"Stats.relationshipCounts":             "[RelationshipTypeCount!]!",
		"Relationship.type":                    "RelationshipType!",
		"RelationshipProperties.type":          "RelationshipType!",
		"Change.type":                          "String!",
		"Change.entityType":                    "EntityType",
		"Change.relationshipType":              "RelationshipType",
		"EntityGroup.entityType":               "EntityType",
		"Query.search.types":                   "[EntityType!]",
		"Query.conflicts.type":                 "EntityType",
		"Query.neighborhood.relationshipTypes": "[String!]",
		"Query.paths.relationshipTypes":        "[String!]",
		"RelationshipTypeScalarFilters.eq":     "String",
	}
	for path, typ := range want {
		parts := strings.Split(path, ".")
		def := s.Types[parts[0]]
		if def == nil {
			t.Errorf("%s: no type %s", path, parts[0])
			continue
		}
		var got string
		if f := def.Fields.ForName(parts[1]); f != nil {
			got = f.Type.String()
			if len(parts) == 3 {
				got = ""
				if a := f.Arguments.ForName(parts[2]); a != nil {
					got = a.Type.String()
				}
			}
		}
		if got != typ {
			t.Errorf("%s is %q, want %q", path, got, typ)
		}
	}
	// No other output field named type is text.
	for name, def := range s.Types {
		if def.Kind != ast.Object || strings.HasPrefix(name, "__") {
			continue
		}
		if f := def.Fields.ForName("type"); f != nil && f.Type.Name() == "String" && name != "Change" {
			t.Errorf("%s.type is a String", name)
		}
	}
}

// entityKind is on the Entity interface and every entity type, as text: the kinds of several
// types come in one selection, where `kind` on two types' fragments does not validate.
func TestEntityKindSelectsEveryKindInOneQuery(t *testing.T) {
	s := hubSchema()
	for _, et := range append([]reform.EntityType{"Entity"}, reform.EntityTypes...) {
		if f := s.Types[string(et)].Fields.ForName("entityKind"); f == nil || f.Type.String() != "String" {
			t.Errorf("%s.entityKind: %v", et, f)
		}
	}
	conflict := `{ entity(id: "x") { ... on Department { kind } ... on Outcome { kind } } }`
	if _, errs := gqlparser.LoadQueryWithRules(s, conflict, nil); len(errs) == 0 || !strings.Contains(errs.Error(), "conflict") {
		t.Errorf("kind of Department and Outcome in one selection validates: the conflict is gone, entityKind's docs are stale")
	}
	ok := `{ entity(id: "x") { entityKind ... on Department { entityKind } ... on Outcome { entityKind } } search(query: "x") { entity { entityKind } } }`
	if _, errs := gqlparser.LoadQueryWithRules(s, ok, nil); len(errs) > 0 {
		t.Errorf("entityKind: %v", errs)
	}
}

// Over the shipped dataset: entityKind is the kind of every department, policy and outcome,
// and null for the other types, at typed and interface positions; the typed twins of
// Change.type and the entity type of a group by type hold the same names as the text.
func TestTypedFieldsOverTheDataset(t *testing.T) {
	c, _ := newClient(t)
	data := gql(t, c, `{
		departments(limit: 1000) { id kind entityKind }
		policies(limit: 1000) { id kind entityKind }
		outcomes(limit: 1000) { id kind entityKind achievedBy { __typename entityKind ... on Department { dkind: kind } } }
		tasks(limit: 1000) { entityKind }
		leaders { entityKind } pilotPrograms { entityKind } documents { entityKind }
		search(query: "改革", limit: 50) { entity { __typename entityKind ... on Policy { pkind: kind } } }
	}`, nil)
	kinds := 0
	for _, typ := range []string{"departments", "policies", "outcomes"} {
		for _, e := range as[[]any](t, data[typ]) {
			m := as[map[string]any](t, e)
			if m["kind"] != m["entityKind"] {
				t.Errorf("%s: kind %v, entityKind %v", m["id"], m["kind"], m["entityKind"])
			}
			if m["kind"] != nil {
				kinds++
			}
		}
	}
	if kinds < 100 {
		t.Errorf("only %d entities with a kind", kinds)
	}
	for _, typ := range []string{"tasks", "leaders", "pilotPrograms", "documents"} {
		for _, e := range as[[]any](t, data[typ]) {
			if k := as[map[string]any](t, e)["entityKind"]; k != nil {
				t.Errorf("%s: entityKind %v", typ, k)
			}
		}
	}
	interfaceKinds := 0
	for _, o := range as[[]any](t, data["outcomes"]) {
		for _, a := range as[[]any](t, as[map[string]any](t, o)["achievedBy"]) {
			m := as[map[string]any](t, a)
			if m["__typename"] == "Department" {
				interfaceKinds++
				if m["dkind"] != m["entityKind"] {
					t.Errorf("achievedBy department: kind %v, entityKind %v", m["dkind"], m["entityKind"])
				}
			}
		}
	}
	for _, h := range as[[]any](t, data["search"]) {
		m := as[map[string]any](t, as[map[string]any](t, h)["entity"])
		if m["__typename"] == "Policy" && m["pkind"] != m["entityKind"] {
			t.Errorf("search policy: kind %v, entityKind %v", m["pkind"], m["entityKind"])
		}
	}
	if interfaceKinds == 0 {
		t.Error("no department among the achievers")
	}

	changes := gql(t, c, `{ changes(since: 0, limit: 1000) { kind type entityType relationshipType } }`, nil)
	seen := map[string]int{}
	for _, ch := range as[[]any](t, changes["changes"]) {
		m := as[map[string]any](t, ch)
		seen[as[string](t, m["kind"])]++
		switch m["kind"] {
		case reform.FactEntity:
			if m["entityType"] != m["type"] || m["relationshipType"] != nil {
				t.Errorf("entity change %v", m)
			}
		case reform.FactRelationship:
			if m["relationshipType"] != m["type"] || m["entityType"] != nil {
				t.Errorf("relationship change %v", m)
			}
		}
	}
	if seen[reform.FactEntity] == 0 || seen[reform.FactRelationship] == 0 {
		t.Errorf("changes by kind %v", seen)
	}

	groups := gql(t, c, `{ outcomesConnection(where: {kind: {eq: MILESTONE}}) { edges { node { achievedByConnection {
			aggregate { groupBy(field: type) { value entityType count } } } } } } }`, nil)
	byType := 0
	for _, e := range as[[]any](t, as[map[string]any](t, groups["outcomesConnection"])["edges"]) {
		agg := as[map[string]any](t, as[map[string]any](t, as[map[string]any](t, as[map[string]any](t, e)["node"])["achievedByConnection"])["aggregate"])
		for _, g := range as[[]any](t, agg["groupBy"]) {
			m := as[map[string]any](t, g)
			if m["entityType"] != m["value"] {
				t.Errorf("group by type: value %v, entityType %v", m["value"], m["entityType"])
			}
			byType++
		}
	}
	if byType == 0 {
		t.Error("no group by type")
	}
}
