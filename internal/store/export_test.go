package store

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	hubconfig "github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/dataversion"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// ReadForTest runs one read statement through the store's read path (deadline, retries,
// error classification), for the external integration tests.
func (s *Store) ReadForTest(ctx context.Context, cypher string) error {
	_, err := s.read(ctx, "ReadForTest", cypher, nil)
	return err
}

// CompileWhereForTest compiles where tree w over variable n of type t, as List does.
func CompileWhereForTest(t reform.EntityType, w map[string]any) (string, map[string]any, error) {
	p := newParams()
	s, err := compileWhere(t, "n", w, p)
	return s, p.m, err
}

// EdgeForTest is one relationship of the graph.
type EdgeForTest struct {
	From, Type, To string
	Implied        bool
}

// EdgesForTest returns every relationship between entities.
func (s *Store) EdgesForTest(ctx context.Context) ([]EdgeForTest, error) {
	recs, err := s.read(ctx, "EdgesForTest", "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS a, type(r) AS t, b.id AS b, coalesce(r.implied, false) AS i", nil)
	if err != nil {
		return nil, err
	}
	out := make([]EdgeForTest, 0, len(recs))
	for _, r := range recs {
		a, _ := r.Get("a")
		t, _ := r.Get("t")
		b, _ := r.Get("b")
		i, _ := r.Get("i")
		from, okA := a.(string)
		typ, okT := t.(string)
		to, okB := b.(string)
		implied, okI := i.(bool)
		if !okA || !okT || !okB || !okI {
			return nil, fmt.Errorf("EdgesForTest: unexpected record %v", r.Values)
		}
		out = append(out, EdgeForTest{From: from, Type: typ, To: to, Implied: implied})
	}
	return out, nil
}

// ExplainForTest returns the operators of Neo4j's plan for cypher (EXPLAIN: nothing runs).
func (s *Store) ExplainForTest(ctx context.Context, cypher string, params map[string]any) ([]string, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, "EXPLAIN "+cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db))
	if err != nil {
		return nil, err
	}
	var ops []string
	var walk func(p neo4j.Plan)
	walk = func(p neo4j.Plan) {
		ops = append(ops, p.Operator())
		for _, c := range p.Children() {
			walk(c)
		}
	}
	if p := res.Summary.Plan(); p != nil {
		walk(p)
	}
	return ops, nil
}

// SettingForTest returns the value of Neo4j setting name as SHOW SETTINGS prints it.
func (s *Store) SettingForTest(ctx context.Context, name string) (string, error) {
	recs, err := s.read(ctx, "SettingForTest", "SHOW SETTINGS YIELD name, value WHERE name = $name RETURN value", map[string]any{"name": name})
	if err != nil || len(recs) == 0 {
		return "", err
	}
	v, _ := recs[0].Get("value")
	str, _ := v.(string)
	return str, nil
}

// NeighborhoodStatementForTest is the neighborhood statement of depth over every type.
func NeighborhoodStatementForTest(depth int) string { return neighborhoodStatement(depth, "") }

// ExplainAllForTest returns every operator of the plan of cypher, depth first. The driver's
// Plan.Children loses operators (built under Go 1.18 loop semantics, it returns the last child
// once per child), so the plan's own tree is read by reflection.
func (s *Store) ExplainAllForTest(ctx context.Context, cypher string, params map[string]any) ([]string, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, "EXPLAIN "+cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db))
	if err != nil {
		return nil, err
	}
	var ops []string
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		ops = append(ops, v.FieldByName("Operator").String())
		children := v.FieldByName("Children")
		for i := range children.Len() {
			walk(children.Index(i))
		}
	}
	root := reflect.ValueOf(res.Summary.Plan()).Elem().FieldByName("plan").Elem() // a db.Plan
	walk(root)
	return ops, nil
}

// statsCypher is the statement of Stats.
func statsCypher() string {
	s, _, err := Compile(&plan.Root{Kind: plan.RootStats})
	if err != nil {
		panic(err)
	}
	return s
}

// graphStatement compiles a neighborhood or paths root of relationship types types (a type
// part, ":LEADS|RUNS", or empty), allowing any maxHops.
func graphStatement(kind plan.RootKind, g plan.GraphQuery, types string) string {
	if types != "" {
		g.RelTypes = strings.Split(strings.TrimPrefix(types, ":"), "|")
	}
	lim := newLimits(hubconfig.Limits{})
	if g.MaxHops != nil {
		lim.maxHops = max(lim.maxHops, *g.MaxHops)
	}
	s, _, err := compileRoot(&plan.Root{Kind: kind, Graph: g}, lim, dataversion.Version{}, nil)
	if err != nil {
		panic(err)
	}
	return s
}

// pathsStatement is the statement of Paths of at most maxHops relationships of types, the k
// shortest.
func pathsStatement(maxHops, k int, types string) string {
	return graphStatement(plan.RootPaths, plan.GraphQuery{From: "a", To: "b", MaxHops: &maxHops, Limit: &k}, types)
}

// neighborhoodStatement is the statement of Neighborhood of depth over types.
func neighborhoodStatement(depth int, types string) string {
	return graphStatement(plan.RootNeighborhood, plan.GraphQuery{ID: "x", Depth: &depth}, types)
}
