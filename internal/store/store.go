// Package store is the only package of the hub that speaks Cypher or imports the Neo4j
// driver. It opens the driver, creates the schema, writes datasets in batches and answers the
// read queries of the GraphQL layer, returning values of package reform — never driver types.
//
// Every statement is parameterized: user values reach Neo4j only as parameters. Labels and
// relationship types that appear in statement text come from the fixed lists of package reform.
package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	hubconfig "github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/reform"
)

// Options selects the database.
type Options struct {
	URI      string // bolt://, neo4j://, neo4j+s:// …
	Username string // empty for a database with auth off
	Password string
	Database string // empty: the server's default database
	// MaxRetryTime bounds how long the driver retries a transaction that failed for a
	// transient reason (a lost connection, a cluster leader switch); DefaultMaxRetryTime when 0.
	MaxRetryTime time.Duration
	// MaxPoolSize caps the driver's connections (DefaultMaxPoolSize when 0); AcquireTimeout
	// bounds how long a statement waits for a free one (DefaultAcquireTimeout when 0) before
	// failing with reform.ErrOverloaded — a full pool gives bounded waits, never a hang.
	MaxPoolSize    int
	AcquireTimeout time.Duration
	// Observe, when set, is called as every read statement starts, with the name of the
	// exported Store method that runs it (e.g. "Search"); the function it returns is called
	// when the statement ends, with its error (nil on success). It is the hub's metrics hook
	// (statement counts, latency, statements in flight); it must be cheap and safe for
	// concurrent use.
	Observe func(ctx context.Context, name string) (done func(err error))
	// Limits are the hub's request limits (package config), passed whole; the store enforces
	// MaxLimit (the largest limit/first, and the size of a list without one) and MaxHops.
	// Zero fields take config.DefaultLimits.
	Limits hubconfig.Limits
	// SyncGrace is how long a published version waits before it is applied (staging.go):
	// DefaultSyncGrace when 0, none when negative. It must exceed the request timeout of every
	// hub process reading the database plus their data-version interval.
	SyncGrace time.Duration
}

// Defaults of the connection pool.
const (
	DefaultMaxPoolSize    = 50
	DefaultAcquireTimeout = 5 * time.Second
)

// DefaultMaxRetryTime is short, so that a request fails fast with reform.ErrUnavailable when
// the database is down rather than waiting out the driver's 30 s default.
const DefaultMaxRetryTime = time.Second

// Store reads and writes the reform graph in one Neo4j database.
type Store struct {
	driver neo4j.DriverWithContext
	db     string

	// substringRetries counts the statements readAt ran again after Neo4j's substring fault
	// (SubstringRetries).
	substringRetries atomic.Int64

	// observe is Options.Observe (issue 7's metrics hook).
	observe func(ctx context.Context, name string) (done func(err error))
	lim     limits

	// connMu and connected serialize statements until the driver has made its first
	// connection: neo4j-go-driver v5.28.4 sets Connector.SupplyConnection on every Connect
	// without a lock, a data race (found by the race detector) when the first connections of
	// a driver are made concurrently; once one has been made, the field is only read.
	connMu    sync.Mutex
	connected atomic.Bool

	// grace is Options.SyncGrace; syncMu guards held, the sync lock of the sync this store
	// runs (BeginSync … CommitSync), if any.
	grace  time.Duration
	syncMu sync.Mutex
	held   *syncLock

	// docs caches the documents' access per data version (visibility.go).
	docs docsCache
}

// firstConnection makes sure the driver has connected once before statements run
// concurrently (see connMu). It costs one round trip, on the first statement only; while
// the database is down, statements fail one at a time with reform.ErrUnavailable.
func (s *Store) firstConnection(ctx context.Context) error {
	if s.connected.Load() {
		return nil
	}
	s.connMu.Lock()
	defer s.connMu.Unlock()
	if s.connected.Load() {
		return nil
	}
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		if ctx.Err() != nil {
			return classify(ctx, err) // the request's deadline, not the database
		}
		return fmt.Errorf("%w: %w", reform.ErrUnavailable, err)
	}
	s.connected.Store(true)
	return nil
}

// Open creates the driver for opts. It does not contact the server; call Ping for that.
func Open(opts Options) (*Store, error) {
	auth := neo4j.NoAuth()
	if opts.Username != "" {
		auth = neo4j.BasicAuth(opts.Username, opts.Password, "")
	}
	retry := opts.MaxRetryTime
	if retry <= 0 {
		retry = DefaultMaxRetryTime
	}
	pool, acquire := opts.MaxPoolSize, opts.AcquireTimeout
	if pool <= 0 {
		pool = DefaultMaxPoolSize
	}
	if acquire <= 0 {
		acquire = DefaultAcquireTimeout
	}
	d, err := neo4j.NewDriverWithContext(opts.URI, auth, func(c *config.Config) {
		c.MaxConnectionPoolSize = pool
		c.MaxTransactionRetryTime = retry
		c.ConnectionAcquisitionTimeout = acquire
		// A dead server is noticed within a few seconds, not after the OS's TCP timeouts.
		c.SocketConnectTimeout = 2 * time.Second
	})
	if err != nil {
		return nil, fmt.Errorf("open neo4j driver for %s: %w", opts.URI, err)
	}
	grace := opts.SyncGrace
	switch {
	case grace == 0:
		grace = DefaultSyncGrace
	case grace < 0:
		grace = 0
	}
	return &Store{driver: d, db: opts.Database, observe: opts.Observe, lim: newLimits(opts.Limits), grace: grace}, nil
}

// Close closes the driver and its connections.
func (s *Store) Close(ctx context.Context) error {
	return s.driver.Close(ctx)
}

// Ping checks that the database answers. Its error wraps reform.ErrUnavailable.
func (s *Store) Ping(ctx context.Context) error {
	if !s.connected.Load() {
		return s.firstConnection(ctx)
	}
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return fmt.Errorf("%w: %w", reform.ErrUnavailable, err)
	}
	return nil
}

// read runs one read statement on a reader and returns its records. name says which Store
// method asked for it ("List", "Search" …): the observer's label for the statement.
func (s *Store) read(ctx context.Context, name, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	return s.run(ctx, name, cypher, params, true)
}

// run is read, observed (Options.Observe) when observe is set.
func (s *Store) run(ctx context.Context, name, cypher string, params map[string]any, observe bool) ([]*neo4j.Record, error) {
	if err := s.firstConnection(ctx); err != nil {
		return nil, err
	}
	opts := []neo4j.ExecuteQueryConfigurationOption{
		neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithReadersRouting(),
	}
	if dl, ok := ctx.Deadline(); ok {
		// The request's deadline also bounds the transaction inside Neo4j, so a slow query
		// is stopped there too, not only abandoned by the client.
		if left := time.Until(dl); left > 0 {
			opts = append(opts, neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(left)))
		}
	}
	countStatement(ctx)
	var done func(error)
	if s.observe != nil && observe {
		done = s.observe(ctx, name)
	}
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer, opts...)
	if done != nil {
		done(err)
	}
	if err != nil {
		return nil, classify(ctx, err)
	}
	return res.Records, nil
}

// classify wraps the failures a client should tell apart: a request past its deadline
// (context.DeadlineExceeded), a statement too large for Neo4j's per-transaction memory
// limit (reform.ErrTooLarge), a database that is up but has no capacity now — no free pool
// connection within the acquisition timeout, Neo4j's memory pool or transaction count
// exhausted — (reform.ErrOverloaded), and a database that cannot be reached
// (reform.ErrUnavailable), also when the driver's retries gave up on any of these.
func classify(ctx context.Context, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
		return fmt.Errorf("%w: %w", ctxErr, err)
	}
	switch {
	case anyCause(err, tooLarge):
		return fmt.Errorf("%w: %w", reform.ErrTooLarge, err)
	case everyCause(err, overloaded):
		return fmt.Errorf("%w: %w", reform.ErrOverloaded, err)
	case unreachable(err):
		return fmt.Errorf("%w: %w", reform.ErrUnavailable, err)
	}
	return err
}

// causes returns the errors behind err: those the driver's retries collected when it gave
// up (neo4j.TransactionExecutionLimit), else err itself.
func causes(err error) []error {
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		return limit.Errors
	}
	return []error{err}
}

func anyCause(err error, f func(error) bool) bool {
	return slices.ContainsFunc(causes(err), f)
}

func everyCause(err error, f func(error) bool) bool {
	for _, e := range causes(err) {
		if !f(e) {
			return false
		}
	}
	return true
}

// Neo4j status codes of memory and capacity failures.
const (
	// A transaction went beyond db.memory.transaction.max: the statement is too large.
	codeTxOutOfMemory = "Neo.ClientError.General.TransactionOutOfMemoryError"
	// The shared pool (dbms.memory.transaction.total.max) or the heap is exhausted, or
	// db.transaction.concurrent.maximum transactions run: the server is overloaded.
	codeMemoryPoolOutOfMemory = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"
	codeOutOfMemory           = "Neo.TransientError.General.OutOfMemoryError"
	codeMaxTransactions       = "Neo.TransientError.Transaction.MaximumTransactionLimitReached"
)

// tooLarge tells a transaction over its own memory limit. Neo4j 5.26 reports it as the
// transient pool error naming the per-transaction setting ("… db.memory.transaction.max
// threshold reached"); the documented client error code is recognised too. The shared
// pool's "dbms.memory.transaction.total.max threshold reached" stays overload.
func tooLarge(err error) bool {
	var ne *neo4j.Neo4jError
	if !errors.As(err, &ne) {
		return false
	}
	return ne.Code == codeTxOutOfMemory ||
		ne.Code == codeMemoryPoolOutOfMemory && strings.Contains(ne.Msg, settingTxMax+" threshold")
}

// settingTxMax is Neo4j's per-transaction memory limit.
const settingTxMax = "db.memory.transaction.max"

// overloaded tells a wait for a pool connection that ran out the acquisition timeout, and
// Neo4j's own capacity errors. The driver reports the former as a ConnectivityError around
// its internal *errorutil.PoolTimeout, a type outside its API: it is recognised by name and
// by its cause, context.DeadlineExceeded — a connect attempt that timed out also gives a
// PoolTimeout, but with a network error inside, and stays "unreachable".
// TestPoolExhaustedIsOverloaded pins this against the real driver.
func overloaded(err error) bool {
	var (
		ne *neo4j.Neo4jError
		ce *neo4j.ConnectivityError
	)
	switch {
	case errors.As(err, &ne):
		return ne.Code == codeMemoryPoolOutOfMemory || ne.Code == codeOutOfMemory || ne.Code == codeMaxTransactions
	case errors.As(err, &ce) && ce.Inner != nil:
		v := reflect.ValueOf(ce.Inner)
		if v.Type().String() != "*errorutil.PoolTimeout" || v.IsNil() {
			return false
		}
		inner, _ := v.Elem().FieldByName("Err").Interface().(error)
		return errors.Is(inner, context.DeadlineExceeded)
	}
	return false
}

func unreachable(err error) bool {
	var (
		ce    *neo4j.ConnectivityError
		limit *neo4j.TransactionExecutionLimit
	)
	switch {
	case errors.As(err, &ce):
		return true
	case errors.As(err, &limit):
		for _, e := range limit.Errors {
			if unreachable(e) {
				return true
			}
		}
	}
	return false
}
