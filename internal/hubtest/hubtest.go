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
	loadOnce sync.Once
	loadErr  error
	loaded   *loader.Dataset
)

// Handler returns the hub's handler over a database holding exactly the shipped dataset
// (wiped and loaded once per test binary), and the parsed dataset.
func Handler(t testing.TB) (http.Handler, *loader.Dataset, *store.Store) {
	t.Helper()
	st := storetest.Open(t)
	loadOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		if loadErr = st.DeleteAll(ctx); loadErr != nil {
			return
		}
		if loaded, loadErr = loader.Parse(DatasetDir()); loadErr != nil {
			return
		}
		_, loadErr = loader.Load(ctx, loaded, st, loader.Options{})
	})
	if loadErr != nil {
		t.Fatalf("loading the shipped dataset: %v", loadErr)
	}
	h := server.New(st, st, server.Options{
		CORSOrigins:    []string{"http://localhost:5173"},
		RequestTimeout: 30 * time.Second,
		MaxBodyBytes:   1 << 20,
		Logger:         slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	return h, loaded, st
}
