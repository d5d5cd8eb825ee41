package dataversion

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// source is a Source whose version the test sets, counting reads.
type source struct {
	mu    sync.Mutex
	n     int64
	err   error
	reads atomic.Int64
	block chan struct{} // when set, each read waits for it
}

func (s *source) DataVersion(ctx context.Context) (Version, error) {
	s.reads.Add(1)
	if s.block != nil {
		<-s.block
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return Version{N: s.n, At: time.Unix(s.n, 0)}, s.err
}

func (s *source) set(n int64, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n, s.err = n, err
}

func TestWatcherCachesForTheInterval(t *testing.T) {
	src := &source{n: 3}
	w := NewWatcher(src, time.Hour)
	now := time.Unix(1000, 0)
	w.now = func() time.Time { return now }
	ctx := context.Background()
	for range 5 {
		if v, err := w.Current(ctx); err != nil || v.N != 3 {
			t.Fatalf("Current = %+v, %v", v, err)
		}
	}
	if n := src.reads.Load(); n != 1 {
		t.Errorf("%d reads within the interval, want 1", n)
	}
	src.set(4, nil)
	if v, _ := w.Current(ctx); v.N != 3 {
		t.Errorf("a new version seen before the interval passed: %+v", v)
	}
	now = now.Add(time.Hour)
	if v, _ := w.Current(ctx); v.N != 4 || v.At != time.Unix(4, 0) {
		t.Errorf("after the interval: %+v, want version 4", v)
	}
}

func TestWatcherOneReadForConcurrentCallers(t *testing.T) {
	src := &source{n: 7, block: make(chan struct{})}
	w := NewWatcher(src, time.Hour)
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, err := w.Current(context.Background()); err != nil || v.N != 7 {
				t.Errorf("Current = %+v, %v", v, err)
			}
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(src.block)
	wg.Wait()
	if n := src.reads.Load(); n != 1 {
		t.Errorf("%d reads for 20 concurrent callers, want 1", n)
	}
}

func TestWatcherErrorKeepsTheLastVersion(t *testing.T) {
	src := &source{n: 2}
	w := NewWatcher(src, time.Nanosecond)
	ctx := context.Background()
	if _, err := w.Current(ctx); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("down")
	src.set(9, boom)
	time.Sleep(time.Millisecond)
	v, err := w.Current(ctx)
	if !errors.Is(err, boom) || v.N != 2 {
		t.Errorf("Current while the source fails = %+v, %v; want the last version and the error", v, err)
	}
}

func TestSubscribersGetNewVersions(t *testing.T) {
	src := &source{n: 1}
	w := NewWatcher(src, time.Nanosecond)
	ctx := context.Background()
	_, _ = w.Current(ctx)
	ch, stop := w.Subscribe()
	time.Sleep(time.Millisecond)
	_, _ = w.Current(ctx) // unchanged: no event
	select {
	case v := <-ch:
		t.Fatalf("an event without a change: %+v", v)
	default:
	}
	src.set(2, nil)
	time.Sleep(time.Millisecond)
	_, _ = w.Current(ctx)
	select {
	case v := <-ch:
		if v.N != 2 {
			t.Errorf("event %+v, want version 2", v)
		}
	default:
		t.Fatal("no event for the new version")
	}
	stop()
	src.set(3, nil)
	time.Sleep(time.Millisecond)
	_, _ = w.Current(ctx)
	select {
	case v := <-ch:
		t.Errorf("an event after the subscription ended: %+v", v)
	default:
	}
}

func TestContext(t *testing.T) {
	if _, ok := From(context.Background()); ok {
		t.Error("a bare context carries a version")
	}
	ctx := With(context.Background(), Version{N: 5})
	if v, ok := From(ctx); !ok || v.N != 5 {
		t.Errorf("From = %+v, %v", v, ok)
	}
}
