package store

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reformhub/hub/internal/plan"
)

// PlanForTest is one operator of a profiled plan and its children (the operators it reads).
type PlanForTest struct {
	Operator string
	Details  string
	DbHits   int64
	Rows     int64
	Children []PlanForTest
}

func planOf(p neo4j.ProfiledPlan) PlanForTest {
	d, _ := p.Arguments()["Details"].(string)
	out := PlanForTest{Operator: p.Operator(), Details: d, DbHits: p.DbHits(), Rows: p.Records()}
	for _, c := range p.Children() {
		out.Children = append(out.Children, planOf(c))
	}
	return out
}

// ProfilePathsForTest runs the statement of Paths under PROFILE and returns its plan.
func (s *Store) ProfilePathsForTest(ctx context.Context, from, to string, maxHops, limit int) (PlanForTest, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, "PROFILE "+pathsStatement(maxHops, limit, ""),
		map[string]any{"from": from, "to": to, "limit": int64(limit)}, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return PlanForTest{}, err
	}
	return planOf(res.Summary.Profile()), nil
}

// ProfileForTest runs cypher under PROFILE and returns its plan. (PROFILE, not EXPLAIN: the
// driver's EXPLAIN plan repeats an operator's last child in place of the others.)
func (s *Store) ProfileForTest(ctx context.Context, cypher string, params map[string]any) (PlanForTest, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, "PROFILE "+cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return PlanForTest{}, err
	}
	return planOf(res.Summary.Profile()), nil
}

// StatsCypherForTest is the statement of Stats.
func StatsCypherForTest() string { return statsCypher() }

// CountCypherForTest is the statement of Count for sc, and its parameters.
func CountCypherForTest(sc plan.Scope) (string, map[string]any, error) {
	return Compile(plan.ScopeRoot(sc, plan.CountSelection()))
}
