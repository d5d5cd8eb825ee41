package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// ExecForTest runs one write statement with params (the pending-mode integration test writes
// staged versions by hand, as staging.go describes them).
func (s *Store) ExecForTest(ctx context.Context, cypher string, params map[string]any) error {
	return s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		res, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return fmt.Errorf("%s: %w", cypher, err)
		}
		_, err = res.Consume(ctx)
		return err
	})
}
