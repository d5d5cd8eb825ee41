// Package storetest opens the real Neo4j that integration tests run against.
//
// The database address comes from NEO4J_URI (and NEO4J_USERNAME, NEO4J_PASSWORD,
// NEO4J_DATABASE). Without it a test that needs the database is skipped — unless CI=true or
// HUB_REQUIRE_NEO4J=1, where a missing database fails the test: `make test` always provides
// one, so in CI nothing hides behind a skip.
package storetest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/reformhub/hub/internal/store"
)

// Options returns the database options from the environment, skipping or failing t as the
// package doc says when there is none.
func Options(t testing.TB) store.Options {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("CI") == "true" || os.Getenv("HUB_REQUIRE_NEO4J") == "1" {
			t.Fatal("NEO4J_URI is not set but a database is required (CI or HUB_REQUIRE_NEO4J=1); run `make test`")
		}
		t.Skip("NEO4J_URI is not set; `make test` starts a Neo4j and sets it")
	}
	return store.Options{
		URI:      uri,
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
		// A test's syncs are applied at once: no other process reads its database in plain
		// mode (tests of the grace period set one).
		SyncGrace: -1,
	}
}

// Open opens the store for a test and closes it when the test ends.
func Open(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(Options(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("neo4j at %s: %v", os.Getenv("NEO4J_URI"), err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	return s
}

// OpenEmpty opens the store with every entity wiped and the schema in place, and wipes again
// when the test ends. The context it returns is bounded, for the test's own calls: 6 minutes,
// three times what the longest test using it (a streamed sync of generated corpora) takes on a
// quiet machine — make test runs two groups of integration tests at once on its 2 cores, which
// slows each about twofold. (The access oracle, longer still, sets a deadline of its own.)
func OpenEmpty(t testing.TB) (*store.Store, context.Context) {
	t.Helper()
	s := Open(t)
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	t.Cleanup(cancel)
	if err := s.DeleteAll(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.DeleteAll(context.Background()) })
	return s, ctx
}

// Snapshot returns the canonical dump of the graph, failing t on error.
func Snapshot(t testing.TB, ctx context.Context, s *store.Store) store.Snapshot {
	t.Helper()
	snap, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return snap
}
