package store_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/server"
	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/internal/store/storetest"
)

const slowQuery = "UNWIND range(1, 1000000000) AS i WITH i WHERE i % 7 = 123 RETURN count(i) AS slowQueryMarker"

// A statement that outlives the request's deadline fails with context.DeadlineExceeded, is
// cancelled inside Neo4j (SHOW TRANSACTIONS no longer lists it), and other statements run
// meanwhile are unaffected.
func TestSlowQueryCancelledInNeo4j(t *testing.T) {
	s := storetest.Open(t)
	ctx, cancel := context.WithTimeout(context.Background(), 800*time.Millisecond)
	defer cancel()
	errc := make(chan error, 1)
	start := time.Now()
	go func() { errc <- s.ReadForTest(ctx, slowQuery) }()

	// While it runs: Neo4j lists it, and a quick statement still answers quickly.
	var seen bool
	for !seen && time.Since(start) < 700*time.Millisecond {
		qs, err := s.RunningQueries(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			seen = seen || strings.Contains(q, "slowQueryMarker")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !seen {
		t.Error("the slow query never showed in SHOW TRANSACTIONS")
	}
	qctx, qcancel := context.WithTimeout(context.Background(), 5*time.Second)
	qstart := time.Now()
	if _, err := s.Stats(qctx); err != nil {
		t.Errorf("a quick statement during the slow one: %v", err)
	}
	qcancel()
	if d := time.Since(qstart); d > time.Second {
		t.Errorf("a quick statement during the slow one took %s", d)
	}

	err := <-errc
	took := time.Since(start)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("slow query: %v, want context.DeadlineExceeded", err)
	}
	if took > 3*time.Second {
		t.Errorf("the slow query returned after %s; the deadline was 800ms", took)
	}
	// Neo4j itself stops it: the transaction timeout is the request's deadline.
	deadline := time.Now().Add(3 * time.Second)
	for {
		qs, err := s.RunningQueries(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		still := false
		for _, q := range qs {
			still = still || strings.Contains(q, "slowQueryMarker")
		}
		if !still {
			t.Logf("cancelled in Neo4j %s after the start (deadline 800ms)", time.Since(start).Round(time.Millisecond))
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the slow query is still running in Neo4j %s after its deadline", time.Since(start))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// slowStatsStore is the real store whose stats read first runs the slow statement through
// the store's read path — the test-only way to make a GraphQL field slower than its deadline.
type slowStatsStore struct{ *store.Store }

func (s slowStatsStore) Read(ctx context.Context, root *plan.Root) (*plan.RootResult, error) {
	if root.Kind == plan.RootStats {
		if err := s.ReadForTest(ctx, slowQuery); err != nil {
			return nil, err
		}
	}
	return s.Store.Read(ctx, root)
}

// Through the HTTP edge: a field slower than HUB_REQUEST_TIMEOUT answers TIMEOUT at about the
// deadline, Neo4j stops the statement, and a request served meanwhile is unaffected.
func TestSlowFieldTimesOutThroughHTTP(t *testing.T) {
	st := storetest.Open(t)
	h := server.New(&graph.Resolver{Store: slowStatsStore{st}}, st, server.Options{RequestTimeout: 700 * time.Millisecond,
		Logger: slog.New(slog.DiscardHandler)})
	post := func(q string) (int, string) {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query": "`+q+`"}`))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code, rec.Body.String()
	}
	start := time.Now()
	done := make(chan string, 1)
	go func() { _, body := post("{ stats { entityCounts { count } } }"); done <- body }()
	time.Sleep(200 * time.Millisecond)
	qstart := time.Now()
	if code, body := post("{ tasks(limit: 1) { id } }"); code != 200 || strings.Contains(body, "errors") {
		t.Errorf("a request during the slow one: %d %s", code, body)
	}
	if d := time.Since(qstart); d > time.Second {
		t.Errorf("a request during the slow one took %s", d)
	}
	body := <-done
	took := time.Since(start)
	if !strings.Contains(body, `"code":"TIMEOUT"`) || strings.Contains(body, "slowQueryMarker") {
		t.Errorf("slow field: %s", body)
	}
	if took > 3*time.Second {
		t.Errorf("the TIMEOUT came after %s (deadline 700ms)", took)
	}
	deadline := time.Now().Add(3 * time.Second)
	for {
		qs, err := st.RunningQueries(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(qs, func(q string) bool { return strings.Contains(q, "slowQueryMarker") }) {
			t.Logf("TIMEOUT after %s; cancelled in Neo4j by %s", took.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("still running in Neo4j %s after the start", time.Since(start))
		}
		time.Sleep(50 * time.Millisecond)
	}
}
