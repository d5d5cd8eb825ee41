// Package hubtest starts the hub's HTTP handler over the real Neo4j with the shipped dataset
// loaded, for integration tests that ask questions through GraphQL.
package hubtest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/server"
	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/internal/store/storetest"
	"github.com/reformhub/hub/loader"
)

// DatasetDir is the folder of the shipped 2021 Dongying dataset.
func DatasetDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "data", "dongying-2021")
}

var (
	mu     sync.Mutex
	loaded *loader.Dataset
)

// Handler returns the hub's handler over a database holding exactly the shipped dataset,
// and the parsed dataset. The dataset is loaded when the database does not hold it — on the
// first call, and again after another test of the same binary wiped or rewrote the database
// (store, loader and command tests do) — so no test depends on the order tests run in.
func Handler(t testing.TB) (http.Handler, *loader.Dataset, *store.Store) {
	t.Helper()
	st := storetest.Open(t)
	mu.Lock()
	defer mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if loaded == nil {
		ds, err := loader.Parse(DatasetDir())
		if err != nil {
			t.Fatalf("parsing the shipped dataset: %v", err)
		}
		loaded = ds
	}
	holds, err := holdsDataset(ctx, st, loaded)
	if err != nil {
		t.Fatalf("reading the database: %v", err)
	}
	if !holds {
		if err := st.DeleteAll(ctx); err != nil {
			t.Fatalf("wiping the database: %v", err)
		}
		if _, err := loader.Load(ctx, loaded, st, loader.Options{}); err != nil {
			t.Fatalf("loading the shipped dataset: %v", err)
		}
	}
	h := server.New(&graph.Resolver{Store: st}, st, server.Options{CORSOrigins: []string{"http://localhost:5173"},
		RequestTimeout: 30 * time.Second,
		Logger:         slog.New(slog.NewTextHandler(io.Discard, nil)), Limits: config.Limits{MaxBodyBytes: 1 << 20}})
	return h, loaded, st
}

// holdsDataset reports whether the database's counts per entity and relationship type are
// exactly those of ds: a test that wiped the database or loaded other data changes them.
func holdsDataset(ctx context.Context, st *store.Store, ds *loader.Dataset) (bool, error) {
	stats, err := st.Stats(ctx)
	if err != nil {
		return false, err
	}
	want := loader.Planned(ds)
	nodes, rels := 0, 0
	for _, c := range stats.EntityCounts {
		if c.Count != want.Nodes(reform.EntityType(c.Type)) {
			return false, nil
		}
		nodes += c.Count
	}
	for _, c := range stats.RelationshipCounts {
		if c.Count != want.Rels(reform.RelType(c.Type)) {
			return false, nil
		}
		rels += c.Count
	}
	return nodes == want.TotalNodes() && rels == want.TotalRels(), nil
}
