package handwritten_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reformhub/hub/bench/handwritten"
	"github.com/reformhub/hub/bench/harness"
	"github.com/reformhub/hub/bench/workloads"
	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/store/storetest"
)

// TestHandwrittenEqualsHub: for every bench workload and a pool of variable sets (at most 16)
// drawn from the shipped corpus as the bench draws them, the hand-written handler's data equals the hub's (canonical JSON), so the
// bench's lower bound answers the same questions. The Neo4j GraphQL Library is checked by
// `make bench` itself (it needs npm).
func TestHandwrittenEqualsHub(t *testing.T) {
	hub, _, _ := hubtest.Handler(t)
	opts := storetest.Options(t)
	auth := neo4j.NoAuth()
	if opts.Username != "" {
		auth = neo4j.BasicAuth(opts.Username, opts.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(opts.URI, auth)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = driver.Close(context.Background()) })
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	ws, err := workloads.All()
	if err != nil {
		t.Fatal(err)
	}
	if err := workloads.Pick(ctx, driver, opts.Database, ws, workloads.PoolOptions{Max: 16, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	hand := handwritten.New(driver, opts.Database)
	if len(hand.Operations()) != len(ws) {
		t.Fatalf("the handler knows %d operations, the bench has %d workloads", len(hand.Operations()), len(ws))
	}
	for _, w := range ws {
		nonEmpty := false
		for _, vars := range w.Vars {
			req, err := harness.NewRequest(w.Query, w.Operation, vars)
			if err != nil {
				t.Fatal(err)
			}
			hubData := post(t, hub, req)
			handData := post(t, hand, req)
			if d := harness.Diff(hubData, handData); d != "" {
				t.Errorf("%s %s: hand-written differs from the hub: %s\nhub:  %s\nhand: %s", w.Name, req.Body, d, hubData, handData)
			}
			// Something to compare: an entity, a count, a row.
			if strings.Contains(string(hubData), `"id":`) || strings.Contains(string(hubData), `"totalCount":`) {
				nonEmpty = true
			}
		}
		if !nonEmpty {
			t.Errorf("%s: every answer was empty on the shipped corpus; the comparison proves nothing", w.Name)
		}
	}

	// An unknown operation is an error, not an empty answer.
	req, _ := harness.NewRequest("query X { x }", "Unknown", nil)
	rec := httptest.NewRecorder()
	hand.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(req.Body))))
	var resp harness.Response
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || len(resp.Errors) == 0 {
		t.Errorf("unknown operation answered %s", rec.Body.String())
	}
}

func post(t *testing.T, h http.Handler, req harness.Request) []byte {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(req.Body)))
	r.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	if rec.Code != http.StatusOK {
		t.Fatalf("HTTP %d: %s", rec.Code, rec.Body.String())
	}
	canon, err := harness.Canonical(rec.Body.Bytes())
	if err != nil {
		t.Fatalf("%s: %v", req.Body, err)
	}
	return canon
}
