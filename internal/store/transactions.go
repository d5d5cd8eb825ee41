package store

import (
	"context"
	"fmt"
)

// RunningQueries returns the text of the queries of the transactions Neo4j is running now,
// other than this one: for operators and for the tests that prove a timed-out query is
// cancelled inside Neo4j, not only abandoned by the hub.
func (s *Store) RunningQueries(ctx context.Context) ([]string, error) {
	recs, err := s.read(ctx, "RunningQueries", "SHOW TRANSACTIONS YIELD currentQuery, transactionId "+
		"WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' RETURN currentQuery", nil)
	if err != nil {
		return nil, fmt.Errorf("show transactions: %w", err)
	}
	out := make([]string, 0, len(recs))
	for _, r := range recs {
		q, err := opt[string](r.AsMap()["currentQuery"], "currentQuery")
		if err != nil {
			return nil, fmt.Errorf("show transactions: %w", err)
		}
		if q != nil {
			out = append(out, *q)
		}
	}
	return out, nil
}
