package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/internal/store/storetest"
	"github.com/reformhub/hub/loader"
)

// TestServeAppliesPending: a sync that did not wait for its apply (hub load without --wait)
// leaves its version pending; the apply loop of `hub serve` applies it once the grace period is
// over, and not before.
func TestServeAppliesPending(t *testing.T) {
	opts := storetest.Options(t)
	opts.SyncGrace = 2 * time.Second
	st, err := store.Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close(context.Background()) })
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := st.DeleteAll(ctx); err != nil {
		t.Fatal(err)
	}
	ds, err := loader.Parse(filepath.Join("..", "..", "loader", "testdata", "valid"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := loader.Load(ctx, ds, st, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	published := time.Now()
	v, err := st.DataVersion(ctx)
	if err != nil || v.Pending == 0 {
		t.Fatalf("after a load that does not wait: %+v (%v), want a pending version", v, err)
	}
	go applyPending(ctx, st, slog.New(slog.DiscardHandler))
	for {
		v, err := st.DataVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v.Pending == 0 {
			break
		}
		if time.Since(published) > 20*time.Second {
			t.Fatal("the serving hub did not apply the pending version within 20 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	if took := time.Since(published); took < opts.SyncGrace {
		t.Errorf("applied %s after publishing, before the grace period (%s) was over", took, opts.SyncGrace)
	}
	staged, err := st.Staged(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for k, n := range staged {
		if n != 0 {
			t.Errorf("after the apply: %d %s left", n, k)
		}
	}
}
