package store

import (
	"context"
	"fmt"
)

// CountForTest runs one read statement returning the count n (the change log test counts the
// Change nodes a sync wrote and a rollback removed).
func (s *Store) CountForTest(ctx context.Context, cypher string, params map[string]any) (int64, error) {
	recs, err := s.read(ctx, "CountForTest", cypher, params)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", cypher, err)
	}
	if len(recs) != 1 {
		return 0, fmt.Errorf("%s: %d records, want 1", cypher, len(recs))
	}
	return column[int64](recs[0], "n")
}
