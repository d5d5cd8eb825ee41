package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/internal/store/storetest"
)

// A full connection pool is overload, not an outage: with the pool's one connection held by
// a slow statement, another statement waits the acquisition timeout (bounded) and fails with
// reform.ErrOverloaded — not ErrUnavailable, not a deadline. This pins store.classify to the
// real driver's pool-timeout error, a type outside the driver's API.
func TestPoolExhaustedIsOverloaded(t *testing.T) {
	opts := storetest.Options(t)
	opts.MaxPoolSize = 1
	opts.AcquireTimeout = 200 * time.Millisecond
	opts.MaxRetryTime = 300 * time.Millisecond
	s, err := store.Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	if err := s.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}

	hold, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	held := make(chan error, 1)
	go func() { held <- s.ReadForTest(hold, slowQuery) }()
	// Wait until the slow statement runs, so that it holds the connection.
	monitor := storetest.Open(t)
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		qs, err := monitor.RunningQueries(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(strings.Join(qs, "\n"), "slowQueryMarker") {
			break
		}
		if time.Since(start) > 3*time.Second {
			t.Fatal("the slow statement never started")
		}
	}

	ctx, cancel2 := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel2()
	start := time.Now()
	_, err = s.Stats(ctx)
	took := time.Since(start)
	if !errors.Is(err, reform.ErrOverloaded) || errors.Is(err, reform.ErrUnavailable) || errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("with the pool full: %v", err)
	}
	// The acquisition timeout per attempt; the driver retries after a backoff of about 2 s
	// (jittered) while MaxRetryTime has not passed: bounded, well under 5 s.
	if took < 200*time.Millisecond || took > 5*time.Second {
		t.Errorf("with the pool full the statement failed after %s", took)
	}
	cancel()
	if err := <-held; !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
		t.Errorf("the slow statement: %v", err)
	}
	// The pool is free again: the store serves normally.
	if _, err := s.Stats(ctx); err != nil {
		t.Errorf("after the slow statement: %v", err)
	}
	t.Logf("pool of 1 held: the next statement failed with ErrOverloaded after %s", took.Round(time.Millisecond))
}
