package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// One sync at a time: a sync (or the apply of a pending version) holds the lock on the HubMeta
// node — a token and a heartbeat the holder renews every lockBeat. A lock whose heartbeat is
// older than lockStale belongs to a process that died (a killed sync); the next sync takes it
// over.
const (
	lockBeat  = time.Second
	lockStale = 5 * time.Second
)

// ErrSyncRunning is wrapped by the error of a sync (or unload) started while another one holds
// the lock; the message names the dataset of the other sync.
var ErrSyncRunning = errors.New("another sync is running")

// syncLock is a held lock; release ends it.
type syncLock struct {
	token string
	stop  context.CancelFunc
	done  chan struct{}
}

// lockSync takes the sync lock for a sync of dataset (or "" for an apply). When another
// process holds it, it fails with ErrSyncRunning — at once unless wait, else once the holder
// kept it for longer than lockStale (a holder that died is taken over then).
func (s *Store) lockSync(ctx context.Context, dataset string, wait bool) (*syncLock, error) {
	deadline := time.Now().Add(lockStale + lockBeat)
	for {
		l, err := s.tryLock(ctx, dataset)
		if err == nil || !errors.Is(err, ErrSyncRunning) || !wait || time.Now().After(deadline) {
			return l, err
		}
		select {
		case <-ctx.Done():
			return nil, err
		case <-time.After(lockBeat / 2):
		}
	}
}

// tryLock takes the sync lock if it is free or stale.
func (s *Store) tryLock(ctx context.Context, dataset string) (*syncLock, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("sync lock: %w", err)
	}
	token := hex.EncodeToString(b)
	const take = "MERGE (m:" + labelMeta + " {id: 'hub'}) ON CREATE SET m.version = 0, m.at = datetime() " +
		"WITH m WHERE m.lock IS NULL OR m.lockBeat < datetime() - duration({milliseconds: $stale}) " +
		"SET m.lock = $token, m.lockBeat = datetime(), m.lockBy = $by RETURN true AS ok"
	var got bool
	var holder string
	err := s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		res, err := tx.Run(ctx, take, map[string]any{"token": token, "by": dataset, "stale": lockStale.Milliseconds()})
		if err != nil {
			return err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return err
		}
		got = len(recs) == 1
		if got {
			return nil
		}
		res, err = tx.Run(ctx, "MATCH (m:"+labelMeta+" {id: 'hub'}) RETURN coalesce(m.lockBy, '') AS by", nil)
		if err != nil {
			return err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return err
		}
		holder, err = column[string](rec, "by")
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sync lock: %w", err)
	}
	if !got {
		what := "an apply of a pending version"
		if holder != "" {
			what = "a sync of dataset " + holder
		}
		return nil, fmt.Errorf("%w: %s holds the lock; try again when it ends (a lock whose holder died is taken over after %s)",
			ErrSyncRunning, what, lockStale)
	}
	beatCtx, stop := context.WithCancel(context.WithoutCancel(ctx))
	l := &syncLock{token: token, stop: stop, done: make(chan struct{})}
	go s.heartbeat(beatCtx, l)
	return l, nil
}

// heartbeat renews l's heartbeat every lockBeat until l is released.
func (s *Store) heartbeat(ctx context.Context, l *syncLock) {
	defer close(l.done)
	t := time.NewTicker(lockBeat)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			_ = s.write(ctx, func(tx neo4j.ManagedTransaction) error {
				return run(ctx, tx, "MATCH (m:"+labelMeta+" {id: 'hub'}) WHERE m.lock = $token SET m.lockBeat = datetime()",
					map[string]any{"token": l.token})
			})
		}
	}
}

// release gives the lock up (if still held).
func (s *Store) release(ctx context.Context, l *syncLock) error {
	if l == nil {
		return nil
	}
	l.stop()
	<-l.done
	err := s.write(context.WithoutCancel(ctx), func(tx neo4j.ManagedTransaction) error {
		return run(ctx, tx, "MATCH (m:"+labelMeta+" {id: 'hub'}) WHERE m.lock = $token REMOVE m.lock, m.lockBeat, m.lockBy",
			map[string]any{"token": l.token})
	})
	if err != nil {
		return fmt.Errorf("release the sync lock: %w", err)
	}
	return nil
}
