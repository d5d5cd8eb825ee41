// Package dataversion tells the serving side which data version is current: a Watcher reads
// it from the database at most once per interval (however many requests ask), every request
// carries the version it was served at (With, From), and subscribers learn of a new version
// within one interval — also of one another hub process's sync made (docs/datasets.md).
package dataversion

import (
	"context"
	"sync"
	"time"
)

// Version is a data version and when it became current (zero time before the first sync),
// and the version published but not yet applied (Pending; 0 when none is): a read of a
// Version with Pending > 0 reads in pending mode (internal/store/staging.go).
type Version struct {
	N       int64     `json:"version"`
	At      time.Time `json:"at"`
	Pending int64     `json:"-"`
	// Epoch counts the transactions of applies: a read in pending mode that overlapped one
	// (the epoch moved) is made again (internal/store/read_root.go).
	Epoch int64 `json:"-"`
}

// Source reads the current data version; *store.Store implements it.
type Source interface {
	DataVersion(ctx context.Context) (Version, error)
}

// DefaultInterval is how stale a Watcher's version may be: several hub processes over one
// Neo4j agree on the version within it.
const DefaultInterval = 500 * time.Millisecond

// Watcher caches the current data version of a Source for Interval.
type Watcher struct {
	src      Source
	interval time.Duration
	now      func() time.Time

	mu      sync.Mutex
	cur     Version
	read    time.Time // when cur was read; zero: never
	reading chan struct{}
	subs    map[chan Version]struct{}
}

// NewWatcher returns a Watcher over src; interval <= 0 means DefaultInterval.
func NewWatcher(src Source, interval time.Duration) *Watcher {
	if interval <= 0 {
		interval = DefaultInterval
	}
	return &Watcher{src: src, interval: interval, now: time.Now, subs: map[chan Version]struct{}{}}
}

// Interval is how old the cached version may be.
func (w *Watcher) Interval() time.Duration { return w.interval }

// Current returns the data version, read from the source when the cached one is older than
// the interval (one read at a time: concurrent callers wait for it). When the read fails, the
// last version known is returned with the error.
func (w *Watcher) Current(ctx context.Context) (Version, error) {
	for {
		w.mu.Lock()
		if !w.read.IsZero() && w.now().Sub(w.read) < w.interval {
			v := w.cur
			w.mu.Unlock()
			return v, nil
		}
		if wait := w.reading; wait != nil {
			w.mu.Unlock()
			select {
			case <-wait:
				continue
			case <-ctx.Done():
				return w.last(), ctx.Err()
			}
		}
		done := make(chan struct{})
		w.reading = done
		w.mu.Unlock()

		nv, err := w.src.DataVersion(ctx)
		w.mu.Lock()
		w.reading = nil
		close(done)
		if err != nil {
			v := w.cur
			w.mu.Unlock()
			return v, err
		}
		changed := w.read.IsZero() || nv.N != w.cur.N
		w.cur, w.read = nv, w.now()
		v := w.cur
		var subs []chan Version
		if changed {
			for ch := range w.subs {
				subs = append(subs, ch)
			}
		}
		w.mu.Unlock()
		for _, ch := range subs {
			select {
			case ch <- v:
			default: // a slow subscriber gets the next change
			}
		}
		return v, nil
	}
}

func (w *Watcher) last() Version {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.cur
}

// Subscribe returns a channel that receives each new version the Watcher reads (the caller
// should poll Current every Interval to drive it), and a function that ends the subscription.
func (w *Watcher) Subscribe() (<-chan Version, func()) {
	ch := make(chan Version, 1)
	w.mu.Lock()
	w.subs[ch] = struct{}{}
	w.mu.Unlock()
	return ch, func() {
		w.mu.Lock()
		delete(w.subs, ch)
		w.mu.Unlock()
	}
}

type ctxKey struct{}

// With returns ctx carrying v: the version a request is served at.
func With(ctx context.Context, v Version) context.Context { return context.WithValue(ctx, ctxKey{}, v) }

// From returns the version ctx carries, and whether it carries one.
func From(ctx context.Context) (Version, bool) {
	v, ok := ctx.Value(ctxKey{}).(Version)
	return v, ok
}
