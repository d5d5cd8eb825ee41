package store

import "context"

// ReadForTest runs one read statement through the store's read path (deadline, retries,
// error classification), for the external integration tests.
func (s *Store) ReadForTest(ctx context.Context, cypher string) error {
	_, err := s.read(ctx, cypher, nil)
	return err
}
