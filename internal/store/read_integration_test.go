package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/reformhub/hub/internal/store/storetest"
)

// A statement running past the request's deadline is stopped (the deadline is also the
// transaction timeout inside Neo4j) and reported as context.DeadlineExceeded.
func TestDeadlineStopsASlowStatement(t *testing.T) {
	s := storetest.Open(t)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := s.ReadForTest(ctx, "UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x)")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the slow statement ran for %s", d)
	}
	// The database is still fine for the next request.
	if err := s.ReadForTest(context.Background(), "RETURN 1"); err != nil {
		t.Errorf("after the timeout: %v", err)
	}
}
