package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store/storetest"
)

// The guard rails of the launcher (scripts/neo4j.sh; docs/operating.md "Memory guard
// rails"): a statement that needs more memory than db.memory.transaction.max fails alone with
// reform.ErrTooLarge — the JVM does not die of an OutOfMemoryError — and the next statement
// is answered. On a Neo4j without a per-transaction limit the statement would take the heap,
// so the test is skipped there.
func TestOverLargeStatementFailsAlone(t *testing.T) {
	s := storetest.Open(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	limit, err := s.SettingForTest(ctx, "db.memory.transaction.max")
	if err != nil {
		t.Fatal(err)
	}
	if limit == "" || limit == "0" || limit == "0B" || limit == "0.00B" {
		t.Skipf("db.memory.transaction.max is %q on this Neo4j (no limit): start it with scripts/neo4j.sh", limit)
	}
	t.Logf("db.memory.transaction.max = %s", limit)
	err = s.ReadForTest(ctx, "UNWIND range(1, 500000000) AS i WITH collect(i) AS xs RETURN size(xs) AS n")
	if !errors.Is(err, reform.ErrTooLarge) {
		t.Fatalf("a statement collecting 500M integers: %v, want reform.ErrTooLarge", err)
	}
	if _, err := s.Stats(ctx); err != nil {
		t.Fatalf("the next statement: %v", err)
	}
}
